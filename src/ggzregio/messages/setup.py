"""Texts of setting up a real instance (geography, regions, first admin) and of the empty
states of the pages (what to do when something is not there yet)."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    "rule.setup.unknown_municipality": {
        "nl": "gemeenten die niet in de indeling van {year} voorkomen: {values}",
        "en": "municipalities not in the {year} division: {values}",
    },
    "rule.setup.other_division": {
        "nl": "de database heeft al regio's van een andere indeling ({have}); gebruik een nieuwe database",
        "en": "the database already has regions of another division ({have}); use a new database",
    },
    "rule.setup.demo_on_real": {
        "nl": "deze database is ingericht voor echte regio's; laad de synthetische demo in een eigen database",
        "en": "this database is set up for real regions; load the synthetic demo into a database of its own",
    },
    "geo.derived_assignment": {
        "nl": "De indeling van gemeenten in regio's is afgeleid uit de grenzen (grootste overlap), niet overgenomen uit CBS 'Gebieden in Nederland'; laad zo nodig de officiële tabel (ggzregio db init --regions).",
        "en": "The assignment of municipalities to regions is derived from the boundaries (largest overlap), not copied from CBS 'Gebieden in Nederland'; load the authoritative table if needed (ggzregio db init --regions).",
    },
    "cli.setup_done": {
        "nl": "Ingericht: {division}. Nieuwe regio's: {created}; al aanwezig: {present}; {municipalities} gemeenten; {boundaries} grenzenlagen. {attribution}.",
        "en": "Set up: {division}. New regions: {created}; already present: {present}; {municipalities} municipalities; {boundaries} boundary layers. {attribution}.",
    },
    "cli.setup_admin": {
        "nl": "Landelijk beheerder {email} aangemaakt.",
        "en": "National admin {email} created.",
    },
    "cli.setup_admin_present": {
        "nl": "Landelijk beheerder {email} bestond al (ongewijzigd).",
        "en": "National admin {email} already existed (unchanged).",
    },
    "help.db_init": {
        "nl": "Richt een echte instantie in: de regio's van een indeling van Nederland (2024), hun gemeenten en grenzen, en de eerste landelijk beheerder.",
        "en": "Set up a real instance: the regions of a division of the Netherlands (2024), their municipalities and boundaries, and the first national admin.",
    },
    "cli.password_for": {"nl": "Wachtwoord voor {email}", "en": "Password for {email}"},
    "help.geography": {
        "nl": "meegeleverde geografie (nl-2024)",
        "en": "shipped geography (nl-2024)",
    },
    "help.region_type": {
        "nl": "indeling: ggd, zorgkantoor of province (met --regions: het regiotype in dat bestand, bijv. centrumgemeente)",
        "en": "division: ggd, zorgkantoor or province (with --regions: the region type in that file, e.g. centrumgemeente)",
    },
    "help.division_file": {
        "nl": "eigen indeling als regiotabel (municipality_code, region_type, region_code, region_name, valid_from)",
        "en": "own division as a region lookup (municipality_code, region_type, region_code, region_name, valid_from)",
    },
    "help.admin": {
        "nl": "e-mail van de eerste landelijk beheerder",
        "en": "e-mail of the first national admin",
    },
    "empty.no_regions_title": {"nl": "Nog geen regio's", "en": "No regions yet"},
    "empty.no_regions": {
        "nl": "Deze database heeft nog geen regio's. Richt een echte regio-indeling in met de opdrachtregel, of start de synthetische demo:",
        "en": "This database has no regions yet. Set up a real division of regions on the command line, or start the synthetic demo:",
    },
    "empty.no_statistics": {
        "nl": "Nog geen gebiedsstatistieken voor deze regio: de schatting verschijnt zodra een redacteur de gebiedentabel (CBS Kerncijfers wijken en buurten, omgezet met 'ggzregio cbs areas') heeft geüpload.",
        "en": "No area statistics for this region yet: the estimate appears once an editor has uploaded the area table (CBS key figures of districts and neighbourhoods, converted with 'ggzregio cbs areas').",
    },
    "rule.no_inhabitants": {
        "nl": "nog geen inwonertal voor deze regio: de planning rekent zodra de gebiedentabel is geüpload",
        "en": "no number of inhabitants for this region yet: planning works once the area table is uploaded",
    },
    "rule.no_areas": {
        "nl": "deze regio heeft nog geen gebiedsstatistieken; upload eerst de gebiedentabel",
        "en": "this region has no area statistics yet; upload the area table first",
    },
    "empty.no_monitor": {
        "nl": "Nog geen monitorgegevens. Een redacteur kan de tabel of het sjabloon hieronder uploaden (ggzregio monitor template maakt het sjabloon).",
        "en": "No monitor data yet. An editor can upload the table or the template below (ggzregio monitor template makes the template).",
    },
    "empty.no_boundaries": {
        "nl": "nog geen grenzen opgeslagen",
        "en": "no boundaries stored yet",
    },
    "members.title": {"nl": "Leden", "en": "Members"},
    "members.name": {"nl": "Naam", "en": "Name"},
    "members.role": {"nl": "Rol", "en": "Role"},
    "members.actions": {"nl": "Acties", "en": "Actions"},
    "members.none": {"nl": "Nog geen leden.", "en": "No members yet."},
    "members.add": {"nl": "Lid toevoegen", "en": "Add a member"},
    "members.add_button": {"nl": "Toevoegen", "en": "Add"},
    "members.remove": {"nl": "Rol intrekken", "en": "Remove role"},
    "members.new_link": {"nl": "Nieuwe wachtwoordlink", "en": "New password link"},
    "members.link_once": {
        "nl": "Geef deze eenmalige link (3 dagen geldig) zelf door aan {email}; hij wordt maar één keer getoond:",
        "en": "Hand this one-time link (valid for 3 days) to {email} yourself; it is shown only once:",
    },
    "members.note": {
        "nl": "Een nieuw account krijgt een eenmalige link om een wachtwoord te kiezen; er wordt geen e-mail verstuurd. Elke wijziging staat in het auditlog.",
        "en": "A new account gets a one-time link to choose a password; no e-mail is sent. Every change is in the audit log.",
    },
    "members.added": {"nl": "{email} is nu {role}.", "en": "{email} is now {role}."},
    "password.title": {"nl": "Wachtwoord instellen", "en": "Set your password"},
    "password.for": {"nl": "Voor het account {email}.", "en": "For the account {email}."},
    "password.new": {
        "nl": "Nieuw wachtwoord (minstens 10 tekens)",
        "en": "New password (at least 10 characters)",
    },
    "password.repeat": {"nl": "Herhaal het wachtwoord", "en": "Repeat the password"},
    "password.save": {"nl": "Opslaan", "en": "Save"},
    "password.mismatch": {"nl": "De wachtwoorden verschillen.", "en": "The passwords differ."},
    "password.invalid_link": {
        "nl": "Deze link is onbekend, al gebruikt of verlopen; vraag de beheerder van uw regio om een nieuwe.",
        "en": "This link is unknown, used or expired; ask your region's admin for a new one.",
    },
    "password.done": {
        "nl": "Wachtwoord ingesteld; meld u aan.",
        "en": "Password set; please sign in.",
    },
    "web.members": {"nl": "Leden beheren", "en": "Manage members"},
    "rule.setup.bad_region_code": {
        "nl": "regiocode van 2 tot 32 tekens: hoofdletters, cijfers, - en _ (gevonden: {value})",
        "en": "region code of 2 to 32 characters: capitals, digits, - and _ ({value})",
    },
    "rule.setup.not_real": {
        "nl": "deze database is niet ingericht met een echte regio-indeling (ggzregio db init)",
        "en": "this database is not set up with a real division (ggzregio db init)",
    },
    "admin.title": {"nl": "Regio's beheren", "en": "Manage regions"},
    "admin.code": {"nl": "Regiocode", "en": "Region code"},
    "admin.name": {"nl": "Naam", "en": "Name"},
    "admin.municipalities": {
        "nl": "Gemeentecodes (GM0014, GM0037, …; verplaatst uit hun huidige regio)",
        "en": "Municipality codes (GM0014, GM0037, …; moved from their current region)",
    },
    "admin.save": {"nl": "Opslaan", "en": "Save"},
    "admin.saved": {
        "nl": "Opgeslagen; gewijzigde regio's: {regions}.",
        "en": "Saved; regions changed: {regions}.",
    },
    "admin.intro": {
        "nl": "Maak een regio aan of hernoem er een, met de gemeenten die erbij horen. Bestaande code: alleen naam en genoemde gemeenten veranderen.",
        "en": "Create or rename a region, with the municipalities that belong to it. An existing code: only its name and the municipalities named change.",
    },
    "rule.import_expired": {
        "nl": "deze voorvertoning is verlopen of onbekend; upload het bestand opnieuw",
        "en": "this preview has expired or is unknown; upload the file again",
    },
    "rule.import_empty": {
        "nl": "er is niets om op te slaan: geen bruikbaar gebied van deze regio in {file}",
        "en": "nothing to store: no usable area of this region in {file}",
    },
    "cbs.upload": {
        "nl": "CBS Kerncijfers wijken en buurten (StatLine CSV of Excel, elk jaar): eerst een voorvertoning",
        "en": "CBS key figures of districts and neighbourhoods (StatLine CSV or Excel, any year): a preview first",
    },
    "cbs.preview_title": {"nl": "Voorvertoning: {file}", "en": "Preview: {file}"},
    "cbs.preview_found": {"nl": "Buurten in het bestand", "en": "Neighbourhoods in the file"},
    "cbs.preview_in_region": {"nl": "Van deze regio", "en": "Of this region"},
    "cbs.preview_outside": {
        "nl": "Buiten de regio (niet opgeslagen)",
        "en": "Outside the region (not stored)",
    },
    "cbs.preview_stored": {"nl": "Worden opgeslagen", "en": "Will be stored"},
    "cbs.preview_skipped": {
        "nl": "Overgeslagen (geheime of ontbrekende waarden)",
        "en": "Skipped (secret or missing values)",
    },
    "cbs.preview_derived": {"nl": "Afgeleid", "en": "Derived"},
    "cbs.preview_missing": {"nl": "Ontbrekend per kolom", "en": "Missing per column"},
    "cbs.preview_municipalities": {"nl": "Gemeenten", "en": "Municipalities"},
    "cbs.preview_note": {
        "nl": "Er is nog niets opgeslagen. Bevestig om de gebiedentabel van de regio te vervangen.",
        "en": "Nothing has been stored yet. Confirm to replace the region's area table.",
    },
    "cbs.confirm": {"nl": "Bevestigen en opslaan", "en": "Confirm and store"},
    "cbs.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "rule.setup.municipality_has_areas": {
        "nl": "deze gemeenten hebben gebiedsstatistieken in hun huidige regio: vervang eerst daar de gebiedentabel ({values})",
        "en": "these municipalities have area statistics in their current region: replace the area table there first ({values})",
    },
    "rule.setup.no_municipalities": {
        "nl": "een nieuwe regio heeft gemeenten nodig",
        "en": "a new region needs municipalities",
    },
    "rule.areas.outside_region": {
        "nl": "gebieden van gemeenten buiten regio {region}: {values}",
        "en": "areas of municipalities outside region {region}: {values}",
    },
    "rule.areas.taken": {
        "nl": "gebiedscodes die al bij een andere regio horen: {values}",
        "en": "area codes that already belong to another region: {values}",
    },
    "empty.no_statistics_national_download": {
        "nl": "nog geen regio met gebiedsstatistieken: er is nog niets te downloaden",
        "en": "no region has area statistics yet: there is nothing to download",
    },
    "empty.upload_here": {"nl": "Gebiedentabel uploaden", "en": "Upload the area table"},
    "empty.no_statistics_national": {
        "nl": "Nog geen regio met gebiedsstatistieken; de kaart toont de regio's zonder schatting.",
        "en": "No region has area statistics yet; the map shows the regions without an estimate.",
    },
    "empty.municipalities": {"nl": "Gemeenten van de regio", "en": "Municipalities of the region"},
    "empty.explanation": {
        "nl": "nog geen gegevens: {what}",
        "en": "no data yet: {what}",
    },
    "setup.real_title": {"nl": "Een echte regio-indeling", "en": "A real division of regions"},
    "setup.real_then": {
        "nl": "Daarna: meld u aan als landelijk beheerder, geef redacteuren een rol in hun regio (ggzregio users role) en upload per regio de gebiedentabel.",
        "en": "Then: sign in as the national admin, give editors a role in their region (ggzregio users role) and upload each region's area table.",
    },
    "setup.demo_title": {"nl": "Of: de synthetische demo", "en": "Or: the synthetic demo"},
    "setup.docs": {
        "nl": "Zie README, 'Uw eigen regio', en docs/setup.md.",
        "en": "See the README, 'Your own region', and docs/setup.md.",
    },
}
