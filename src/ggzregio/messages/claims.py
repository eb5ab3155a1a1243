"""Texts of the claims pipeline (observed EPA care from claims microdata)."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    "rule.claims.identifier_column": {
        "nl": "deze kolom heeft de naam van een direct identificerend gegeven (BSN, naam, adres of geboortedatum); lever alleen gepseudonimiseerde gegevens aan",
        "en": "this column is named like a direct identifier (citizen service number, name, address or date of birth); supply pseudonymised data only",
    },
    "rule.claims.bsn_like_id": {
        "nl": "{n} id's doorstaan de elfproef van het burgerservicenummer; gebruik pseudoniemen met letters of langere sleutels",
        "en": "{n} ids pass the citizen service number eleven-test; use pseudonyms with letters or longer keys",
    },
    "rule.claims.duplicate_key": {
        "nl": "komt meer dan eens voor: {ids} id's staan op meer dan één rij, {n} rijen te veel (genoemd: de rijen van de eerste {shown}); elke persoon hoort op één rij",
        "en": "occurs more than once: {ids} ids are on more than one row, {n} rows too many (shown: the rows of the first {shown}); each person belongs on one row",
    },
    "rule.claims.duplicate_rule": {
        "nl": "regel '{value}' komt twee keer voor",
        "en": "rule '{value}' occurs twice",
    },
    "rule.claims.too_many_rules": {
        "nl": "ten hoogste {max} regels per regelbestand ({n} gegeven)",
        "en": "at most {max} rules per rule file ({n} given)",
    },
    "rule.claims.bad_list": {
        "nl": "geef een niet-lege lijst met tekst",
        "en": "give a non-empty list of text",
    },
    "rule.claims.years_exceed_window": {
        "nl": "het aantal jaren met zorg is groter dan het venster",
        "en": "the number of years with care exceeds the window",
    },
    "rule.claims.required_value": {
        "nl": "waarde ontbreekt; deze kolom mag niet leeg zijn",
        "en": "value is missing; this column must not be empty",
    },
    "rule.claims.not_integer": {
        "nl": "geen geheel getal (gevonden: {values}); schrijf alleen cijfers, zonder punt, komma of eenheid, bijvoorbeeld 3000",
        "en": "not a whole number (found: {values}); write digits only, without point, comma or unit, for example 3000",
    },
    "rule.claims.not_date": {
        "nl": "geen datum (gevonden: {values}); schrijf jaar-maand-dag, bijvoorbeeld 2024-01-31",
        "en": "not a date (found: {values}); write year-month-day, for example 2024-01-31",
    },
    "rule.claims.column_type": {
        "nl": "een kolom van het type {type} kan geen {kind} bevatten; sla de kolom op als {kind}",
        "en": "a column of type {type} cannot hold a {kind}; store the column as a {kind}",
    },
    "rule.claims.no_eligible": {
        "nl": "niemand in deze tabel is in {year} verzekerd en minstens {min_age} jaar oud, dus er valt niets te tellen; klopt --year, en staan er rijen in met insured_from en insured_to?",
        "en": "nobody in this table is insured in {year} and at least {min_age} years old, so there is nothing to count; is --year right, and does it hold rows with insured_from and insured_to?",
    },
    "claims.kind.integer": {"nl": "geheel getal", "en": "whole number"},
    "claims.kind.date": {"nl": "datum", "en": "date"},
    "claims.kind.text": {"nl": "tekst", "en": "text"},
    "claims.kind.code": {"nl": "code", "en": "code"},
    "claims.values_hidden": {
        "nl": "niet getoond, want mogelijk een persoonsgegeven",
        "en": "not shown, as it may be personal data",
    },
    "rule.claims.missing_table": {
        "nl": "tabel '{table}' ontbreekt (verwacht: {table}.parquet, {table}.csv of een map {table}/ met Parquet-delen)",
        "en": "table '{table}' is missing (expected: {table}.parquet, {table}.csv or a folder {table}/ of Parquet parts)",
    },
    "help.claims": {
        "nl": "Waargenomen EPA-zorg uit declaratiegegevens.",
        "en": "Observed SMI care from claims data.",
    },
    "help.claims_delineate": {
        "nl": "Tel volwassenen met EPA in zorg per PC4 en regel uit declaratiemicrodata (met onderdrukking van kleine aantallen en een runverslag).",
        "en": "Count adults with SMI in care per PC4 and rule from claims microdata (with small-number suppression and a run record).",
    },
    "help.claims_input": {
        "nl": "map met persons, trajectories, stays en dispensings",
        "en": "folder with persons, trajectories, stays and dispensings",
    },
    "help.claims_year": {"nl": "jaar van de telling", "en": "year to count"},
    "help.claims_rules": {
        "nl": "regelbestand (YAML; standaard de meegeleverde afbakening)",
        "en": "rule file (YAML; default the shipped delineation)",
    },
    "help.claims_engine": {
        "nl": "rekenmachine: duckdb (standaard) of spark (PySpark; lokaal of op een cluster)",
        "en": "engine: duckdb (default) or spark (PySpark; local or on a cluster)",
    },
    "help.claims_synthetic": {
        "nl": "Schrijf synthetische declaraties (SYNTHETISCH, om te oefenen en te testen) met een bekende geplante EPA-populatie (planted.csv).",
        "en": "Write synthetic claims (SYNTHETIC, for practice and tests) with a known planted SMI population (planted.csv).",
    },
    "help.claims_target": {
        "nl": "doelmap (moet leeg zijn of nog niet bestaan)",
        "en": "target folder (must be empty or not exist yet)",
    },
    "help.claims_persons": {"nl": "aantal personen", "en": "number of persons"},
    "help.claims_areas": {
        "nl": "aantal PC4-gebieden (1-9000)",
        "en": "number of PC4 areas (1-9000)",
    },
    "help.claims_seed": {"nl": "startwaarde van de toevalsgenerator", "en": "random seed"},
    "claims.synthetic_done": {
        "nl": "SYNTHETISCH: {rows} rijen voor {persons} personen geschreven naar {target}; {planted} geplante volwassenen met EPA (planted.csv).",
        "en": "SYNTHETIC: {rows} rows for {persons} persons written to {target}; {planted} planted adults with SMI (planted.csv).",
    },
    "rule.claims.target_not_empty": {
        "nl": "de doelmap is niet leeg; kies een nieuwe map",
        "en": "the target folder is not empty; choose a new folder",
    },
    "claims.step.start": {"nl": "Starten ...", "en": "Starting ..."},
    "claims.step.check": {
        "nl": "Invoer controleren (kolommen, waarden, identificerende gegevens, codes, dubbele personen) ...",
        "en": "Checking input (columns, values, identifiers, codes, repeated persons) ...",
    },
    "claims.step.fingerprint": {
        "nl": "Vingerafdrukken van de invoer ...",
        "en": "Fingerprinting the input ...",
    },
    "claims.step.count": {
        "nl": "Tellen per regel en PC4 ...",
        "en": "Counting per rule and PC4 ...",
    },
    "claims.step.protect": {
        "nl": "Kleine aantallen onderdrukken ...",
        "en": "Suppressing small numbers ...",
    },
    "claims.done": {
        "nl": "{n} volwassenen met EPA in zorg in {year}, in {areas} PC4-gebieden ({hidden} onderdrukt).",
        "en": "{n} adults with SMI in care in {year}, in {areas} PC4 areas ({hidden} suppressed).",
    },
    "claims.honesty": {"nl": "Let op: {text}", "en": "Note: {text}"},
    "rule.claims.yaml_syntax": {
        "nl": "geen geldige YAML: {detail}",
        "en": "not valid YAML: {detail}",
    },
}
