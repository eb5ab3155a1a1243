"""Texts of the regiegroep's agenda: speerpunten, agenda texts, initiatives, outcome targets
and reviews (peilmomenten). Problems are ``agenda.rule.*`` and name a field ``agenda.field.*``."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    # --- field names (the part of a problem before the colon) ---------------------------
    "agenda.field.key": {"nl": "sleutel", "en": "key"},
    "agenda.field.name": {"nl": "naam", "en": "name"},
    "agenda.field.speerpunten": {"nl": "speerpunten", "en": "priorities (speerpunten)"},
    "agenda.field.speerpunt": {"nl": "speerpunt", "en": "priority (speerpunt)"},
    "agenda.field.question": {"nl": "hoofdvraag", "en": "guiding question"},
    "agenda.field.priority": {"nl": "prioriteit", "en": "priority"},
    "agenda.field.lead": {"nl": "trekker", "en": "lead organisation"},
    "agenda.field.partners": {"nl": "partners", "en": "partners"},
    "agenda.field.areas": {"nl": "gemeenten of gebieden", "en": "municipalities or areas"},
    "agenda.field.funding": {"nl": "financieringsstromen", "en": "funding streams"},
    "agenda.field.integrated": {"nl": "geïntegreerd budget", "en": "integrated budget"},
    "agenda.field.budget": {"nl": "budget", "en": "budget"},
    "agenda.field.start": {"nl": "startdatum", "en": "start date"},
    "agenda.field.end": {"nl": "einddatum", "en": "end date"},
    "agenda.field.status": {"nl": "status", "en": "status"},
    "agenda.field.kind": {"nl": "soort", "en": "kind"},
    "agenda.field.indicators": {"nl": "uitkomstindicatoren", "en": "outcome indicators"},
    "agenda.field.targets": {"nl": "streefcijfers", "en": "targets"},
    "agenda.field.initiatives": {"nl": "initiatieven", "en": "initiatives"},
    "agenda.field.notes": {"nl": "notities", "en": "notes"},
    "agenda.field.text": {"nl": "tekst", "en": "text"},
    "agenda.field.author": {"nl": "auteur", "en": "author"},
    "agenda.field.at": {"nl": "tijdstip", "en": "time"},
    "agenda.field.evidence_kind": {"nl": "soort onderbouwing", "en": "kind of evidence"},
    "agenda.field.evidence_ref": {"nl": "verwijzing", "en": "reference"},
    "agenda.field.indicator": {"nl": "uitkomstindicator", "en": "outcome indicator"},
    "agenda.field.value": {"nl": "streefwaarde", "en": "target value"},
    "agenda.field.direction": {"nl": "richting", "en": "direction"},
    "agenda.field.target_date": {"nl": "streefdatum", "en": "target date"},
    "agenda.field.agreed_at": {"nl": "afgesproken op", "en": "agreed on"},
    "agenda.field.agreed_by": {"nl": "afgesproken door", "en": "agreed by"},
    "agenda.field.review": {"nl": "peilmoment", "en": "review"},
    "agenda.field.review_question": {
        "nl": "vraag van de beleidscyclus",
        "en": "policy-cycle question",
    },
    "agenda.field.answer": {"nl": "antwoord", "en": "answer"},
    "agenda.field.decision": {"nl": "besluit", "en": "decision"},
    # --- rules ---------------------------------------------------------------------------
    "agenda.rule.required": {"nl": "is verplicht", "en": "is required"},
    "agenda.rule.too_long": {
        "nl": "is te lang ({length} tekens, hooguit {maximum})",
        "en": "is too long ({length} characters, at most {maximum})",
    },
    "agenda.rule.control_character": {
        "nl": "bevat een stuurteken ({code}); alleen tekst (en in lange teksten tabs en regeleinden) is toegestaan",
        "en": "contains a control character ({code}); only text (and in long texts tabs and line breaks) is allowed",
    },
    "agenda.rule.too_large": {
        "nl": "is te groot (gevonden: {value}, hooguit {maximum})",
        "en": "is too large (found: {value}, at most {maximum})",
    },
    "agenda.rule.too_many": {
        "nl": "te veel waarden ({count}, hooguit {maximum})",
        "en": "too many values ({count}, at most {maximum})",
    },
    "agenda.rule.not_in_region": {
        "nl": "'{value}' is geen gemeente of gebied van deze regio",
        "en": "'{value}' is not a municipality or area of this region",
    },
    "agenda.rule.bad_key": {
        "nl": "'{value}' is geen geldige sleutel (kleine letters, cijfers, '-' en '_', hooguit 60 tekens)",
        "en": "'{value}' is not a valid key (lower-case letters, digits, '-' and '_', at most 60 characters)",
    },
    "agenda.rule.unknown": {
        "nl": "onbekende waarde '{value}' (toegestaan: {allowed})",
        "en": "unknown value '{value}' (allowed: {allowed})",
    },
    "agenda.rule.duplicate": {
        "nl": "'{value}' staat er meer dan eens in",
        "en": "'{value}' is listed more than once",
    },
    "agenda.rule.reserved_key": {
        "nl": "'{value}' is al een speerpunt van de inclusieagenda; kies een andere sleutel",
        "en": "'{value}' is already a speerpunt of the inclusion agenda; choose another key",
    },
    "agenda.rule.bad_area": {
        "nl": "'{value}' is geen gemeente-, wijk-, buurt- of postcodecode (GM0363, WK036301, BU03630000 of 1012)",
        "en": "'{value}' is not a municipality, district, neighbourhood or postcode code (GM0363, WK036301, BU03630000 or 1012)",
    },
    "agenda.rule.integrated_needs_two": {
        "nl": "een geïntegreerd budget bundelt ten minste twee financieringsstromen (gevonden: {count})",
        "en": "an integrated budget combines at least two funding streams (found: {count})",
    },
    "agenda.rule.negative": {
        "nl": "mag niet negatief zijn (gevonden: {value})",
        "en": "must not be negative (found: {value})",
    },
    "agenda.rule.cents": {
        "nl": "een bedrag in euro's heeft hooguit twee decimalen (gevonden: {value})",
        "en": "an amount in euros has at most two decimals (found: {value})",
    },
    "agenda.rule.end_before_start": {
        "nl": "de einddatum {end} ligt vóór de startdatum {start}",
        "en": "the end date {end} is before the start date {start}",
    },
    "agenda.rule.must_be_positive": {
        "nl": "moet groter dan 0 zijn (gevonden: {value})",
        "en": "must be greater than 0 (found: {value})",
    },
    "agenda.rule.bad_reference": {
        "nl": "'{value}' is geen geldige verwijzing (letters, cijfers en . _ : / -, hooguit 200 tekens)",
        "en": "'{value}' is not a valid reference (letters, digits and . _ : / -, at most 200 characters)",
    },
    "agenda.rule.not_an_outcome": {
        "nl": "'{value}' is geen uitkomstindicator van de monitor (toegestaan: {allowed})",
        "en": "'{value}' is not an outcome indicator of the monitor (allowed: {allowed})",
    },
    "agenda.rule.outside_bounds": {
        "nl": "{value} ligt buiten het bereik van de indicator ({low} tot {high})",
        "en": "{value} is outside the range of the indicator ({low} to {high})",
    },
    "agenda.rule.other_target": {
        "nl": "hoort bij een ander streefcijfer ('{value}', verwacht '{expected}')",
        "en": "belongs to another target ('{value}', expected '{expected}')",
    },
    "agenda.rule.earlier_than_last": {
        "nl": "{value} ligt vóór de vorige versie ({last})",
        "en": "{value} is before the previous version ({last})",
    },
    "agenda.rule.status_unchanged": {
        "nl": "de status is al '{value}'",
        "en": "the status is already '{value}'",
    },
    "agenda.rule.review_closed": {
        "nl": "dit peilmoment is gesloten op {closed_at} en kan niet meer worden gewijzigd",
        "en": "this review was closed on {closed_at} and can no longer be changed",
    },
    "agenda.rule.bad_snapshot": {
        "nl": "geen geldig peilmoment: {detail}",
        "en": "not a valid review: {detail}",
    },
    # --- words shown with the data -------------------------------------------------------
    "agenda.direction.at_least": {"nl": "ten minste", "en": "at least"},
    "agenda.direction.at_most": {"nl": "hooguit", "en": "at most"},
    "agenda.source.reference": {"nl": "inclusieagenda", "en": "inclusion agenda"},
    "agenda.source.region": {"nl": "eigen speerpunt van de regio", "en": "the region's own"},
    "agenda.kind.initiative": {"nl": "initiatief", "en": "initiative"},
    "agenda.kind.proeftuin": {"nl": "proeftuin", "en": "pilot (proeftuin)"},
    # --- refusals of the application layer (web and API) ----------------------------------
    "agenda.invalid": {"nl": "{problems}", "en": "{problems}"},
    "agenda.stale": {
        "nl": "iemand anders heeft intussen een nieuwere versie opgeslagen; laad de pagina opnieuw en pas die versie aan",
        "en": "someone else saved a newer version meanwhile; reload the page and change that version",
    },
    "agenda.changed_meanwhile": {
        "nl": "iemand anders heeft dit intussen gewijzigd; laad de pagina opnieuw en probeer het nog eens",
        "en": "someone else changed this meanwhile; reload the page and try again",
    },
    "agenda.key_taken": {
        "nl": "de sleutel '{value}' is in deze regio al in gebruik",
        "en": "the key '{value}' is already used in this region",
    },
    "agenda.bad_date": {
        "nl": "{field}: '{value}' is geen datum (jjjj-mm-dd)",
        "en": "{field}: '{value}' is not a date (yyyy-mm-dd)",
    },
    # --- regiobeeld report ------------------------------------------------------------------
    "agenda.report.title": {"nl": "Agenda van de regiegroep", "en": "The regiegroep's agenda"},
    "agenda.report.members_only": {
        "nl": "Dit hoofdstuk staat alleen in het rapport voor leden van de regio.",
        "en": "This chapter is only in the report for members of the region.",
    },
    "agenda.report.texts": {
        "nl": "Huidige agendateksten per speerpunt",
        "en": "Current agenda texts per speerpunt",
    },
    "agenda.report.no_texts": {"nl": "Nog geen agendateksten.", "en": "No agenda texts yet."},
    "agenda.report.no_initiatives": {"nl": "Nog geen initiatieven.", "en": "No initiatives yet."},
    "agenda.report.latest_review": {
        "nl": "Laatste gesloten peilmoment",
        "en": "Latest closed review",
    },
    "agenda.report.no_review": {
        "nl": "Nog geen gesloten peilmoment.",
        "en": "No closed review yet.",
    },
    "agenda.report.changes": {
        "nl": "Sinds het vorige gesloten peilmoment: {texts} agendateksten gewijzigd, {numbers} cijfers veranderd, {added} initiatieven nieuw, {status} statuswijzigingen.",
        "en": "Since the previous closed review: {texts} agenda texts changed, {numbers} numbers changed, {added} initiatives added, {status} status changes.",
    },
    # --- command line ---------------------------------------------------------------------
    "agenda.cli.help": {
        "nl": "De agenda van de regiegroep: speerpunten, initiatieven, streefcijfers en peilmomenten.",
        "en": "The regiegroep's agenda: speerpunten, initiatives, targets and reviews.",
    },
    "agenda.cli.export": {
        "nl": "Schrijf de agenda van REGIO uit de database: huidige agendateksten, initiatieven, alle versies van de streefcijfers en het laatste peilmoment (.xlsx, .csv: een bestand per tabel, of .json).",
        "en": "Write the agenda of REGION from the database: current agenda texts, initiatives, every version of the targets and the latest review (.xlsx, .csv: one file per table, or .json).",
    },
    "agenda.cli.region": {"nl": "regiocode, bijvoorbeeld RG01", "en": "region code, e.g. RG01"},
    "agenda.cli.out": {
        "nl": "doelbestand: agenda.xlsx, agenda.csv of agenda.json",
        "en": "target file: agenda.xlsx, agenda.csv or agenda.json",
    },
    # --- pages ------------------------------------------------------------------------------
    "agenda.web.nav": {"nl": "Agenda van de regiegroep", "en": "The regiegroep's agenda"},
    "agenda.web.agenda": {"nl": "Agenda", "en": "Agenda"},
    "agenda.web.initiatives": {"nl": "Initiatieven", "en": "Initiatives"},
    "agenda.web.targets": {"nl": "Streefcijfers", "en": "Targets"},
    "agenda.web.reviews": {"nl": "Peilmomenten", "en": "Reviews"},
    "agenda.web.review": {"nl": "Peilmoment", "en": "Review"},
    "agenda.web.agenda_intro": {
        "nl": "Per speerpunt van de inclusieagenda de vijf hoofdvragen als levend document: elke wijziging is een nieuwe versie, eerdere versies blijven leesbaar.",
        "en": "Per speerpunt of the inclusion agenda, the five guiding questions as a living document: every change is a new version, earlier versions stay readable.",
    },
    "agenda.web.version": {"nl": "Versie", "en": "Version"},
    "agenda.web.versions": {"nl": "Alle versies", "en": "All versions"},
    "agenda.web.evidence": {"nl": "Onderbouwing", "en": "Evidence"},
    "agenda.web.no_text": {"nl": "Nog geen tekst.", "en": "No text yet."},
    "agenda.web.priorities": {
        "nl": "Prioriteit of eigen speerpunt",
        "en": "Priority or own speerpunt",
    },
    "agenda.web.own_name": {
        "nl": "Naam (alleen voor een eigen speerpunt)",
        "en": "Name (only for an own speerpunt)",
    },
    "agenda.web.current": {"nl": "Huidige tekst", "en": "Current text"},
    "agenda.web.current_short": {"nl": "van kracht", "en": "in force"},
    "agenda.web.new_version": {
        "nl": "Nieuwe versie (de vorige blijft bewaard)",
        "en": "New version (the previous one is kept)",
    },
    "agenda.web.diff": {
        "nl": "Verschil tussen versie {before} en {after}",
        "en": "Difference between version {before} and {after}",
    },
    "agenda.web.from": {"nl": "van", "en": "from"},
    "agenda.web.to": {"nl": "naar", "en": "to"},
    "agenda.web.compare": {"nl": "Vergelijk", "en": "Compare"},
    "agenda.web.compare_with": {"nl": "Vergelijk met", "en": "Compare with"},
    "agenda.web.label": {"nl": "Omschrijving", "en": "Label"},
    "agenda.web.add": {"nl": "Toevoegen", "en": "Add"},
    "agenda.web.filter": {"nl": "Filter", "en": "Filter"},
    "agenda.web.all": {"nl": "alle", "en": "all"},
    "agenda.web.apply": {"nl": "Toon", "en": "Show"},
    "agenda.web.municipality": {"nl": "gemeente", "en": "municipality"},
    "agenda.web.map_title": {
        "nl": "Waar initiatieven lopen (aantal per gemeente of gebied)",
        "en": "Where initiatives run (number per municipality or area)",
    },
    "agenda.web.map_alt": {
        "nl": "Kaart van de regio, elke gemeente of elk gebied gekleurd naar het aantal initiatieven dat er loopt",
        "en": "Map of the region, each municipality or area coloured by the number of initiatives running there",
    },
    "agenda.web.none_here": {"nl": "geen initiatieven", "en": "no initiatives"},
    "agenda.web.count": {"nl": "aantal initiatieven", "en": "number of initiatives"},
    "agenda.web.no_initiatives": {
        "nl": "Geen initiatieven (met deze filters).",
        "en": "No initiatives (with these filters).",
    },
    "agenda.web.new_initiative": {
        "nl": "Nieuw initiatief of nieuwe proeftuin",
        "en": "New initiative or pilot",
    },
    "agenda.web.comma": {"nl": "gescheiden door komma's", "en": "separated by commas"},
    "agenda.web.new_status": {"nl": "Nieuwe status", "en": "New status"},
    "agenda.web.status_history": {"nl": "Statusgeschiedenis", "en": "Status history"},
    "agenda.web.targets_intro": {
        "nl": "Streefcijfers op uitkomstindicatoren van de monitor, afgesproken met een datum en periodiek bijgesteld; de voortgang wordt gemeten tegen het streefcijfer dat van kracht is en tegen de eerdere.",
        "en": "Targets on outcome indicators of the monitor, agreed with a date and periodically re-set; progress is measured against the target in force and against the earlier ones.",
    },
    "agenda.web.in_force": {
        "nl": "Van kracht (versie {version})",
        "en": "In force (version {version})",
    },
    "agenda.web.by": {"nl": "vóór", "en": "by"},
    "agenda.web.latest": {"nl": "laatste waarde", "en": "latest value"},
    "agenda.web.baseline": {"nl": "uitgangswaarde", "en": "baseline"},
    "agenda.web.achieved": {"nl": "deel van de weg", "en": "share of the way"},
    "agenda.web.reached": {"nl": "gehaald", "en": "reached"},
    "agenda.web.on_track": {"nl": "op koers", "en": "on track"},
    "agenda.web.behind": {"nl": "achter op koers", "en": "behind"},
    "agenda.web.none_in_force": {
        "nl": "Nog geen streefcijfer van kracht.",
        "en": "No target in force yet.",
    },
    "agenda.web.own_targets": {
        "nl": "Eigen streefcijfers van de regiegroep",
        "en": "The regiegroep's own targets",
    },
    "agenda.web.to_targets": {
        "nl": "Streefcijfers afspreken, bijstellen en de voortgang bekijken",
        "en": "Agree and re-set targets and see the progress",
    },
    "agenda.web.no_targets": {"nl": "Nog geen streefcijfers.", "en": "No targets yet."},
    "agenda.web.set_target": {
        "nl": "Streefcijfer afspreken of bijstellen",
        "en": "Agree or re-set a target",
    },
    "agenda.web.default": {"nl": "volgens de indicator", "en": "as the indicator"},
    "agenda.web.reviews_intro": {
        "nl": "Een peilmoment legt de stand van de regio vast (voortgang per streefcijfer, plan tegen inventarisatie, initiatieven, agendateksten) met de antwoorden en besluiten van de regiegroep. Een gesloten peilmoment is onveranderlijk.",
        "en": "A review freezes the state of the region (progress per target, plan against inventory, initiatives, agenda texts) with the regiegroep's answers and decisions. A closed review is immutable.",
    },
    "agenda.web.held_on": {"nl": "Gehouden op", "en": "Held on"},
    "agenda.web.state": {"nl": "Stand", "en": "State"},
    "agenda.web.open": {"nl": "open", "en": "open"},
    "agenda.web.closed_on": {"nl": "gesloten op", "en": "closed on"},
    "agenda.web.no_reviews": {"nl": "Nog geen peilmomenten.", "en": "No reviews yet."},
    "agenda.web.new_review": {"nl": "Nieuw peilmoment", "en": "New review"},
    "agenda.web.title": {"nl": "Titel", "en": "Title"},
    "agenda.web.hold_review": {"nl": "Stand vastleggen", "en": "Freeze the state"},
    "agenda.web.closed_note": {
        "nl": "Dit peilmoment is gesloten en kan niet meer worden gewijzigd.",
        "en": "This review is closed and can no longer be changed.",
    },
    "agenda.web.frozen_state": {"nl": "Vastgelegde stand", "en": "Frozen state"},
    "agenda.web.plan_vs_inventory": {
        "nl": "Plan tegen laatste inventarisatie",
        "en": "Plan against the latest inventory",
    },
    "agenda.web.planned": {"nl": "gepland", "en": "planned"},
    "agenda.web.gap": {"nl": "verschil", "en": "gap"},
    "agenda.web.no_plan": {
        "nl": "Geen plan of inventarisatie vastgelegd.",
        "en": "No plan or inventory recorded.",
    },
    "agenda.web.answers": {"nl": "Antwoorden", "en": "Answers"},
    "agenda.web.decisions": {"nl": "Besluiten", "en": "Decisions"},
    "agenda.web.new_decision": {"nl": "Nieuw besluit", "en": "New decision"},
    "agenda.web.refresh": {
        "nl": "Stand opnieuw vastleggen (nu)",
        "en": "Freeze the state again (now)",
    },
    "agenda.web.close": {"nl": "Peilmoment sluiten", "en": "Close the review"},
    "agenda.web.close_note": {
        "nl": "Na sluiten kan niets meer aan dit peilmoment worden veranderd.",
        "en": "After closing, nothing of this review can be changed.",
    },
    "agenda.web.comparison": {"nl": "Vergelijking van peilmomenten", "en": "Comparison of reviews"},
    "agenda.web.no_changes": {"nl": "Niets veranderd.", "en": "Nothing changed."},
    "agenda.web.numbers": {"nl": "Cijfers", "en": "Numbers"},
    "agenda.web.difference": {"nl": "verschil", "en": "difference"},
    "agenda.web.added": {"nl": "nieuw", "en": "added"},
    "agenda.web.removed": {"nl": "verdwenen", "en": "removed"},
}
