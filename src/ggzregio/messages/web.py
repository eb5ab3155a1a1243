"""Texts of the web application, the API's problem titles, accounts and maps."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    # problems (RFC 9457 titles)
    "problem_title.bad_request": {"nl": "Ongeldig verzoek", "en": "Bad request"},
    "problem_title.unauthenticated": {"nl": "Aanmelden vereist", "en": "Authentication required"},
    "problem_title.forbidden": {"nl": "Geen toegang", "en": "Forbidden"},
    "problem_title.csrf": {
        "nl": "Formulier verlopen of ongeldig (CSRF); laad de pagina opnieuw",
        "en": "Form expired or invalid (CSRF); reload the page",
    },
    "problem_title.not_found": {"nl": "Niet gevonden", "en": "Not found"},
    "problem_title.no_areas": {
        "nl": "Deze regio heeft nog geen gebieden",
        "en": "This region has no areas yet",
    },
    "problem_title.not_publishable": {
        "nl": "Deze gegevens kunnen nu niet worden getoond zonder kleine aantallen prijs te geven",
        "en": "These data cannot be shown now without giving away small numbers",
    },
    "problem.not_publishable": {
        "nl": "Na de laatste wijziging blijft geen combinatie van getoonde cellen over die "
        "kleine aantallen beschermt tegen wat eerder is gepubliceerd. Er is niets getoond. "
        "Zet de vorige gegevens terug of laad nieuwe waargenomen aantallen.",
        "en": "After the last change no set of shown cells is left that protects small "
        "numbers against what was published before. Nothing was shown. Restore the previous "
        "data or load new observed counts.",
    },
    "problem_title.no_observed": {
        "nl": "Geen waargenomen aantallen voor deze regio",
        "en": "No observed counts for this region",
    },
    "problem_title.method_not_allowed": {
        "nl": "Methode niet toegestaan",
        "en": "Method not allowed",
    },
    "problem_title.conflict": {"nl": "Bestaat al", "en": "Already exists"},
    "problem_title.too_large": {
        "nl": "Te groot: het bestand of verzoek is groter dan de grens",
        "en": "Too large: the file or request is over the limit",
    },
    "problem_title.unsupported_media_type": {
        "nl": "Niet-ondersteund formaat",
        "en": "Unsupported media type",
    },
    "problem_title.invalid_input": {"nl": "Ongeldige invoer", "en": "Invalid input"},
    "problem_title.rate_limited": {"nl": "Te veel pogingen", "en": "Too many attempts"},
    "problem_title.busy": {
        "nl": "Even geduld: de server is bezet",
        "en": "Please wait: the server is busy",
    },
    "problem_title.server_error": {"nl": "Interne fout", "en": "Internal error"},
    # input rules of the web layer
    "rule.other_region": {
        "nl": "gegevens horen bij een andere regio dan {region}",
        "en": "data belong to another region than {region}",
    },
    "rule.unknown_row": {
        "nl": "onbekende checklistregel(s): {value}",
        "en": "unknown checklist row(s): {value}",
    },
    "rule.bad_scenario_name": {
        "nl": "naam moet bestaan uit kleine letters, cijfers, '-' of '_' (max. 64 tekens)",
        "en": "name must be lower-case letters, digits, '-' or '_' (max. 64 characters)",
    },
    "rule.geo.not_json": {
        "nl": "geen geldige GeoJSON ({detail})",
        "en": "not valid GeoJSON ({detail})",
    },
    "rule.geo.not_collection": {
        "nl": "GeoJSON moet een FeatureCollection zijn",
        "en": "GeoJSON must be a FeatureCollection",
    },
    "rule.geo.no_features": {
        "nl": "de FeatureCollection bevat geen features",
        "en": "the FeatureCollection has no features",
    },
    "rule.geo.no_code": {
        "nl": "feature zonder code in eigenschap '{property}'",
        "en": "feature without a code in property '{property}'",
    },
    "rule.geo.duplicate_code": {
        "nl": "code komt meer dan eens voor",
        "en": "code occurs more than once",
    },
    "rule.geo.bad_geometry": {
        "nl": "geometrie moet Polygon of MultiPolygon zijn",
        "en": "geometry must be Polygon or MultiPolygon",
    },
    "rule.geo.bad_coordinates": {
        "nl": "ongeldige coördinaten (ringen van minstens 4 eindige punten)",
        "en": "invalid coordinates (rings of at least 4 finite points)",
    },
    "rule.bad_parameter": {
        "nl": "moet een geheel getal van {low} tot en met {high} zijn (gevonden: {value})",
        "en": "must be a whole number from {low} to {high} (found: {value})",
    },
    "rule.name_too_long": {
        "nl": "de bestandsnaam is langer dan {max} tekens; geef het bestand een kortere naam",
        "en": "the file name is longer than {max} characters; give the file a shorter name",
    },
    "rule.geo.too_deep": {
        "nl": "GeoJSON is dieper genest dan {max} niveaus",
        "en": "GeoJSON is nested deeper than {max} levels",
    },
    "rule.change_number": {
        "nl": "moet een eindig getal zijn van hoogstens {high} groot, 0 of minstens {low} "
        "(gevonden: {value})",
        "en": "must be a finite number of at most {high} in size, 0 or at least {low} "
        "(found: {value})",
    },
    "rule.change_range": {
        "nl": "moet een getal of een bereik [laag, hoog] zijn (gevonden: {value})",
        "en": "must be a number or a range [low, high] (found: {value})",
    },
    "rule.change_flag": {
        "nl": "moet true of false zijn (gevonden: {value})",
        "en": "must be true or false (found: {value})",
    },
    "rule.geo.unknown_codes": {
        "nl": "codes die geen gebied van de regio zijn: {codes}",
        "en": "codes that are not areas of the region: {codes}",
    },
    # accounts
    "account.bad_email": {
        "nl": "ongeldig e-mailadres: {email}",
        "en": "invalid email address: {email}",
    },
    "account.password_short": {
        "nl": "wachtwoord moet minstens 10 tekens lang zijn",
        "en": "password must be at least 10 characters long",
    },
    "account.exists": {"nl": "account {email} bestaat al", "en": "account {email} already exists"},
    "account.bad_role": {
        "nl": "onbekende rol '{role}' (viewer, editor, admin)",
        "en": "unknown role '{role}' (viewer, editor, admin)",
    },
    "account.unknown_region": {"nl": "onbekende regio {region}", "en": "unknown region {region}"},
    "account.rate_limited": {
        "nl": "Te veel mislukte aanmeldpogingen; probeer het later opnieuw.",
        "en": "Too many failed sign-in attempts; try again later.",
    },
    "role.viewer": {"nl": "lezer", "en": "viewer"},
    "role.editor": {"nl": "redacteur", "en": "editor"},
    "role.admin": {"nl": "beheerder", "en": "admin"},
    # map
    "map.missing": {"nl": "geen gegevens / onderdrukt", "en": "no data / suppressed"},
    # page texts
    "web.app_name": {"nl": "GGZ-regiobeeld", "en": "Regional mental health care"},
    "web.skip": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "web.nav_main": {"nl": "Hoofdmenu", "en": "Main menu"},
    "web.national": {"nl": "Landelijk overzicht", "en": "National overview"},
    "web.regiobeeld": {"nl": "Regiobeeld", "en": "Regional profile"},
    "web.planning": {"nl": "Planning", "en": "Planning"},
    "web.inventory": {"nl": "Inventarisatie", "en": "Inventory"},
    "web.monitor": {"nl": "Monitor", "en": "Monitor"},
    "web.login": {"nl": "Aanmelden", "en": "Sign in"},
    "web.logout": {"nl": "Afmelden", "en": "Sign out"},
    "web.footer": {
        "nl": "open planning- en monitoringinstrument voor de regionale GGZ",
        "en": "open planning and monitoring toolkit for regional mental health care",
    },
    "web.synthetic_banner": {
        "nl": "Let op: dit zijn SYNTHETISCHE demogegevens, geen echte regio's, gebieden of cliënten.",
        "en": "Note: these are SYNTHETIC demo data, not real regions, areas or clients.",
    },
    "web.national_title": {
        "nl": "Ernstige psychische aandoeningen (EPA): landelijk overzicht",
        "en": "Severe mental illness (EPA): national overview",
    },
    "web.national_lead": {
        "nl": "Verwachte EPA-zorgprevalentie per regio volgens het kleine-gebiedenmodel, vergeleken met het landelijk gemiddelde (index 100). Kies een regio voor het regiobeeld, de planning en de monitor.",
        "en": "Expected EPA care prevalence per region from the small-area model, compared with the national average (index 100). Choose a region for its profile, planning and monitor.",
    },
    "web.regions": {"nl": "Regio's", "en": "Regions"},
    "web.choose_region": {"nl": "Kies een regio", "en": "Choose a region"},
    "web.regions_table": {
        "nl": "Verwachte EPA-zorgprevalentie per regio",
        "en": "Expected EPA care prevalence per region",
    },
    "web.map_regions": {
        "nl": "Index verwachte EPA-zorgprevalentie t.o.v. landelijk (100)",
        "en": "Index of expected EPA care prevalence vs national (100)",
    },
    "web.map_regions_alt": {
        "nl": "Kaart van de regio's gekleurd naar de index van verwachte EPA-zorgprevalentie ten opzichte van landelijk; dezelfde cijfers staan in de tabel eronder.",
        "en": "Map of the regions coloured by the index of expected EPA care prevalence relative to national; the same figures are in the table below.",
    },
    "web.map_areas": {
        "nl": "Verwachte EPA-zorgprevalentie per 1.000 volwassenen, {region}",
        "en": "Expected EPA care prevalence per 1,000 adults, {region}",
    },
    "web.map_areas_alt": {
        "nl": "Kaart van de gebieden van {region} gekleurd naar verwachte prevalentie per 1.000 volwassenen; dezelfde cijfers staan in de tabel Gebieden.",
        "en": "Map of the areas of {region} coloured by expected prevalence per 1,000 adults; the same figures are in the Areas table.",
    },
    "web.download": {"nl": "Downloaden", "en": "Download"},
    "web.national_rate": {
        "nl": "Landelijk per 1.000 volwassenen",
        "en": "National per 1,000 adults",
    },
    "web.interval_note": {
        "nl": "Intervallen (p90): spreiding van waargenomen rond voorspelde prevalentie in gebieden met dezelfde kenmerken (004:1714-1735), geen betrouwbaarheidsinterval van het gemiddelde.",
        "en": "Intervals (p90): spread of observed around predicted prevalence in areas with the same characteristics (004:1714-1735), not a confidence interval of the mean.",
    },
    "web.no_boundaries": {
        "nl": "Voor deze regio zijn nog geen gebiedsgrenzen geladen.",
        "en": "No area boundaries have been loaded for this region yet.",
    },
    "web.municipalities": {"nl": "Gemeenten", "en": "Municipalities"},
    "web.areas": {"nl": "Gebieden", "en": "Areas"},
    "web.observed_vs_expected": {
        "nl": "Waargenomen versus verwacht",
        "en": "Observed versus expected",
    },
    "web.suppression_note": {
        "nl": "Aantallen onder {threshold} en wat daaruit af te leiden is, zijn onderdrukt.",
        "en": "Counts below {threshold} and what could reveal them are suppressed.",
    },
    "web.no_observed": {
        "nl": "Er zijn geen waargenomen aantallen voor deze regio geladen.",
        "en": "No observed counts have been loaded for this region.",
    },
    "web.observed_private": {
        "nl": "Waargenomen aantallen komen uit declaratiegegevens en zijn alleen zichtbaar voor leden van de regio.",
        "en": "Observed counts come from claims data and are visible to members of the region only.",
    },
    "web.compare_municipalities": {
        "nl": "Waargenomen en verwacht per gemeente",
        "en": "Observed and expected per municipality",
    },
    "web.compare_flagged": {"nl": "Gemarkeerde gebieden", "en": "Flagged areas"},
    "web.upload_data": {"nl": "Gegevens laden", "en": "Load data"},
    "web.upload_areas": {
        "nl": "Gebiedsstatistieken (CSV, Excel of Parquet; vervangt de huidige)",
        "en": "Area statistics (CSV, Excel or Parquet; replaces the current ones)",
    },
    "web.upload_boundaries": {
        "nl": "Gebiedsgrenzen (GeoJSON, bijv. CBS/PDOK)",
        "en": "Area boundaries (GeoJSON, e.g. CBS/PDOK)",
    },
    "web.code_property": {
        "nl": "Eigenschap met de gebiedscode",
        "en": "Property holding the area code",
    },
    "web.upload": {"nl": "Laden", "en": "Upload"},
    "web.scenario": {"nl": "Scenario", "en": "Scenario"},
    "web.rounding": {"nl": "Afronding op hele teams", "en": "Rounding to whole teams"},
    "web.rounding_up": {"nl": "naar boven", "en": "up"},
    "web.rounding_nearest": {"nl": "dichtstbijzijnde", "en": "nearest"},
    "web.rounding_down": {"nl": "naar beneden", "en": "down"},
    "web.with_prevalence": {
        "nl": "Corrigeren voor de verwachte prevalentie van de regio",
        "en": "Adjust for the region's expected prevalence",
    },
    "web.norms": {"nl": "Normen (per 100.000 inwoners)", "en": "Norms (per 100,000 inhabitants)"},
    "web.f_budget": {
        "nl": "Budget per 100.000 inwoners (€)",
        "en": "Budget per 100,000 inhabitants (€)",
    },
    "web.f_amount_meur": {"nl": "€ mln per 100.000", "en": "€ million per 100,000"},
    "web.f_share": {"nl": "aandeel (0-1)", "en": "share (0-1)"},
    "web.f_per_100k": {"nl": "per 100.000", "en": "per 100,000"},
    "web.f_catchment": {"nl": "inwoners per eenheid", "en": "inhabitants per unit"},
    "web.f_fte_per_unit": {"nl": "fte per eenheid", "en": "fte per unit"},
    "web.min": {"nl": "min", "en": "min"},
    "web.max": {"nl": "max", "en": "max"},
    "web.decimal": {"nl": ",", "en": "."},
    "web.compute": {"nl": "Berekenen", "en": "Compute"},
    "web.plan_result": {"nl": "Capaciteit en budget", "en": "Capacity and budget"},
    "web.total_budget": {"nl": "Totaal scenario per jaar", "en": "Scenario total per year"},
    "web.prevalence_factor": {"nl": "Prevalentiefactor", "en": "Prevalence factor"},
    "web.capacity": {"nl": "Capaciteit per voorziening", "en": "Capacity per service"},
    "web.spending": {"nl": "Uitgaven per categorie", "en": "Spending per category"},
    "web.capacity_alt": {
        "nl": "Staafdiagram van huidige capaciteit tegenover de bandbreedte van het scenario per voorziening.",
        "en": "Bar chart of current capacity against the scenario's range per service.",
    },
    "web.shares_alt": {
        "nl": "Gestapelde staven met het aandeel per uitgavencategorie nu en in het scenario.",
        "en": "Stacked bars of each spending category's share now and in the scenario.",
    },
    "web.gap": {"nl": "Verschil met de inventarisatie", "en": "Gap against the inventory"},
    "web.gap_items": {"nl": "Per voorziening: nu en doel", "en": "Per service: now and target"},
    "web.gap_categories": {
        "nl": "Per categorie: nu, scenario en verschuiving",
        "en": "Per category: now, scenario and shift",
    },
    "web.gap_private": {
        "nl": "Het verschil met de inventarisatie is alleen zichtbaar voor leden van de regio.",
        "en": "The gap against the inventory is visible to members of the region only.",
    },
    "web.budget_text": {
        "nl": "Inventarisatie {year}: nu € {current}, scenario € {scenario}, verschil € {difference} ({neutral}).",
        "en": "Inventory {year}: now € {current}, scenario € {scenario}, difference € {difference} ({neutral}).",
    },
    "web.neutral_yes": {"nl": "budgetneutraal", "en": "budget neutral"},
    "web.neutral_no": {"nl": "niet budgetneutraal", "en": "not budget neutral"},
    "web.save_scenario": {
        "nl": "Opslaan als scenario van de regio",
        "en": "Save as a scenario of the region",
    },
    "web.scenario_name": {
        "nl": "Naam (kleine letters, cijfers, '-')",
        "en": "Name (lower-case letters, digits, '-')",
    },
    "web.private": {
        "nl": "privé (alleen leden van de regio)",
        "en": "private (members of the region only)",
    },
    "web.save": {"nl": "Opslaan", "en": "Save"},
    "web.saved": {"nl": "Opgeslagen: {n} waarden gewijzigd.", "en": "Saved: {n} values changed."},
    "web.monitor_stored": {"nl": "Opgeslagen: {n} waarden.", "en": "Saved: {n} values."},
    "web.inventory_year": {"nl": "Jaar", "en": "Year"},
    "web.inventory_table": {"nl": "Checklist {year}", "en": "Checklist {year}"},
    "web.template": {
        "nl": "Excel-sjabloon downloaden (met de huidige gegevens)",
        "en": "Download the Excel template (with the current data)",
    },
    "web.upload_inventory": {
        "nl": "Ingevuld Excel-sjabloon laden",
        "en": "Upload a filled-in Excel template",
    },
    "web.history": {"nl": "Wijzigingen", "en": "Changes"},
    "web.when": {"nl": "Wanneer", "en": "When"},
    "web.who": {"nl": "Wie (account)", "en": "Who (account)"},
    "web.field": {"nl": "Veld", "en": "Field"},
    "web.old": {"nl": "Oud", "en": "Old"},
    "web.new": {"nl": "Nieuw", "en": "New"},
    "web.target": {"nl": "Doel", "en": "Target"},
    "web.indicator": {"nl": "Indicator", "en": "Indicator"},
    "web.show": {"nl": "Tonen", "en": "Show"},
    "web.trend_alt": {
        "nl": "Lijndiagram van {target}: gerealiseerd, vereist pad en landelijk geschaald.",
        "en": "Line chart of {target}: actual, required path and national scaled.",
    },
    "web.funnel_alt": {
        "nl": "Trechterdiagram: waarde per regio tegen bevolking met grenzen rond het landelijk niveau.",
        "en": "Funnel plot: value per region against population with limits around the national level.",
    },
    "web.substitution_alt": {
        "nl": "Spreidingsdiagram: verandering intramurale plaatsen tegen verandering ambulante capaciteit per regio.",
        "en": "Scatter plot: change in intramural places against change in ambulant capacity per region.",
    },
    "web.progress": {
        "nl": "Voortgang naar het doel (regio en landelijk)",
        "en": "Progress towards the target (region and national)",
    },
    "web.benchmark": {"nl": "Vergelijking van regio's", "en": "Benchmark of regions"},
    "web.series": {"nl": "Reeksen van de regio", "en": "The region's series"},
    "web.upload_monitor": {
        "nl": "Monitorgegevens laden (CSV/Excel)",
        "en": "Upload monitor data (CSV/Excel)",
    },
    "web.email": {"nl": "E-mailadres", "en": "Email address"},
    "web.password": {"nl": "Wachtwoord", "en": "Password"},
    "web.login_note": {
        "nl": "Openbare cijfers zijn zonder aanmelden te zien; inventarisaties, waargenomen aantallen en privéscenario's alleen voor leden van de regio.",
        "en": "Public figures need no sign-in; inventories, observed counts and private scenarios are for members of the region only.",
    },
    "web.login_failed": {
        "nl": "Onbekend e-mailadres of onjuist wachtwoord.",
        "en": "Unknown email address or wrong password.",
    },
    "web.csrf_failed": {
        "nl": "Het formulier is verlopen; probeer het opnieuw.",
        "en": "The form has expired; please try again.",
    },
    "web.account": {"nl": "Mijn account", "en": "My account"},
    "web.roles": {"nl": "Rollen", "en": "Roles"},
    "web.national_admin": {"nl": "landelijk beheerder", "en": "national admin"},
    "web.tokens": {"nl": "API-sleutels", "en": "API tokens"},
    "web.token_once": {
        "nl": "Nieuwe sleutel (wordt maar één keer getoond):",
        "en": "New token (shown only once):",
    },
    "web.token_name": {"nl": "Naam", "en": "Name"},
    "web.token_create": {"nl": "Nieuwe sleutel maken", "en": "Create token"},
    "web.created": {"nl": "Aangemaakt", "en": "Created"},
    "web.last_used": {"nl": "Laatst gebruikt", "en": "Last used"},
    "web.status": {"nl": "Status", "en": "Status"},
    "web.active": {"nl": "actief", "en": "active"},
    "web.revoked": {"nl": "ingetrokken", "en": "revoked"},
    "web.input_errors": {"nl": "De invoer is niet verwerkt", "en": "The input was not processed"},
    "web.error_status": {"nl": "Foutcode {status}.", "en": "Error code {status}."},
    "web.back_home": {"nl": "Terug naar het overzicht", "en": "Back to the overview"},
    "help.forwarded_allow_ips": {
        "nl": "Adressen van de reverse proxy waarvan X-Forwarded-For/-Proto vertrouwd worden (komma's; standaard: geen).",
        "en": "Addresses of the reverse proxy whose X-Forwarded-For/-Proto are trusted (commas; default: none).",
    },
    "web.not_yet_back": {
        "nl": "Naar de regiopagina (daar uploadt een redacteur de gegevens)",
        "en": "To the region page (where an editor uploads the data)",
    },
    "problem_title.not_yet": {"nl": "Nog niet beschikbaar", "en": "Not available yet"},
    "rule.no_inventory": {
        "nl": "nog geen inventarisatie van de huidige capaciteit voor deze regio; een redacteur vult die in op de inventarisatiepagina",
        "en": "no inventory of current capacity for this region yet; an editor enters it on the inventory page",
    },
}

MESSAGES_CLI: Final[Catalogue] = {
    "account.unknown_user": {"nl": "onbekend account {email}", "en": "unknown account {email}"},
    "help.db": {
        "nl": "Database: schema bijwerken, status, demo laden.",
        "en": "Database: upgrade schema, status, load demo.",
    },
    "help.users": {
        "nl": "Accounts: toevoegen, rollen, API-sleutels.",
        "en": "Accounts: add, roles, API tokens.",
    },
    "help.database_url": {
        "nl": "Database-URL (standaard SQLite-bestand var/ggzregio.db; PostgreSQL: postgresql://...).",
        "en": "Database URL (default SQLite file var/ggzregio.db; PostgreSQL: postgresql://...).",
    },
    "help.serve": {
        "nl": "Start de webapplicatie en de API.",
        "en": "Start the web application and the API.",
    },
    "help.host": {"nl": "Adres om op te luisteren.", "en": "Address to listen on."},
    "help.port": {"nl": "Poort.", "en": "Port."},
    "help.workers": {"nl": "Aantal werkprocessen.", "en": "Number of worker processes."},
    "help.serve_demo": {
        "nl": "Schema bijwerken en de synthetische demo laden als de database leeg is.",
        "en": "Upgrade the schema and load the synthetic demo when the database is empty.",
    },
    "help.insecure_cookies": {
        "nl": "Cookies zonder Secure-vlag (alleen voor http op een ander adres dan localhost).",
        "en": "Cookies without the Secure flag (only for http on an address other than localhost).",
    },
    "help.db_upgrade": {
        "nl": "Breng het databaseschema naar de nieuwste versie (Alembic).",
        "en": "Bring the database schema to the newest version (Alembic).",
    },
    "help.db_status": {
        "nl": "Toon de schemaversie van de database.",
        "en": "Show the database's schema version.",
    },
    "help.db_load_demo": {
        "nl": "Laad de synthetische demo in een lege database.",
        "en": "Load the synthetic demo into an empty database.",
    },
    "help.users_add": {
        "nl": "Voeg een account toe (wachtwoord wordt gevraagd).",
        "en": "Add an account (asks for the password).",
    },
    "help.users_role": {
        "nl": "Rol per regio, bijv. RG01=editor (herhaalbaar).",
        "en": "Role per region, e.g. RG01=editor (repeatable).",
    },
    "help.users_role_cmd": {
        "nl": "Geef een account een rol in een regio (of 'geen').",
        "en": "Give an account a role in a region (or 'none').",
    },
    "help.users_token": {
        "nl": "Maak een API-sleutel voor een account (eenmalig getoond).",
        "en": "Create an API token for an account (shown once).",
    },
    "cli.demo_loaded": {"nl": "Synthetische demo geladen.", "en": "Synthetic demo loaded."},
    "cli.demo_present": {
        "nl": "Database bevat al gegevens; demo niet geladen.",
        "en": "The database already has data; demo not loaded.",
    },
    "cli.demo_accounts": {
        "nl": "Demo-accounts: {users} (wachtwoord: {password}). Alleen voor de demo!",
        "en": "Demo accounts: {users} (password: {password}). Demo use only!",
    },
    "cli.db_not_ready": {
        "nl": "Database {url} heeft nog geen schema: voer eerst 'ggzregio db upgrade' uit (of start met --demo).",
        "en": "Database {url} has no schema yet: run 'ggzregio db upgrade' first (or start with --demo).",
    },
    "cli.serving": {
        "nl": "ggzregio draait op {url} (stoppen met Ctrl+C)",
        "en": "ggzregio is running at {url} (stop with Ctrl+C)",
    },
    "cli.db_upgraded": {
        "nl": "Database bijgewerkt tot schemaversie {revision}.",
        "en": "Database upgraded to schema revision {revision}.",
    },
    "cli.user_added": {"nl": "Account {email} toegevoegd.", "en": "Account {email} added."},
    "cli.role_set": {
        "nl": "{email}: rol in {region} is nu {role}.",
        "en": "{email}: role in {region} is now {role}.",
    },
}
MESSAGES.update(MESSAGES_CLI)
