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
}
