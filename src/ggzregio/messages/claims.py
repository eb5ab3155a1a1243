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
    "rule.claims.duplicate_rule": {
        "nl": "regel '{value}' komt twee keer voor",
        "en": "rule '{value}' occurs twice",
    },
    "rule.claims.bad_list": {
        "nl": "geef een niet-lege lijst met tekst",
        "en": "give a non-empty list of text",
    },
    "rule.claims.years_exceed_window": {
        "nl": "het aantal jaren met zorg is groter dan het venster",
        "en": "the number of years with care exceeds the window",
    },
    "rule.claims.missing_table": {
        "nl": "tabel '{table}' ontbreekt (verwacht: {table}.parquet, {table}.csv of een map {table}/ met Parquet-delen)",
        "en": "table '{table}' is missing (expected: {table}.parquet, {table}.csv or a folder {table}/ of Parquet parts)",
    },
    "rule.claims.yaml_syntax": {
        "nl": "geen geldige YAML: {detail}",
        "en": "not valid YAML: {detail}",
    },
}
