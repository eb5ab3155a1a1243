"""Texts of the number parser (:mod:`ggzregio.numbers`): why a typed number was refused."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    "number.language.nl": {"nl": "het Nederlands", "en": "Dutch"},
    "number.language.en": {"nl": "het Engels", "en": "English"},
    "number.convention.nl": {
        "nl": "komma voor decimalen, punt voor duizendtallen",
        "en": "comma for decimals, point for thousands",
    },
    "number.convention.en": {
        "nl": "punt voor decimalen, komma voor duizendtallen",
        "en": "point for decimals, comma for thousands",
    },
    "number.or": {"nl": "of", "en": "or"},
    "number.metavar": {"nl": "GETAL", "en": "NUMBER"},
    "number.metavar_integer": {"nl": "AANTAL", "en": "COUNT"},
    "cli.set_grouped": {
        "nl": "'{text}': waarden van --set zijn TOML (punt voor decimalen, geen duizendtallen); schrijf {whole} voor het duizendtal of {plain} voor de decimalen",
        "en": "'{text}': values of --set are TOML (point for decimals, no thousands grouping); write {whole} for the thousands or {plain} for the decimals",
    },
    "rule.number_empty": {"nl": "geen getal ingevuld", "en": "no number given"},
    "rule.number_invalid": {"nl": "'{text}' is geen getal", "en": "'{text}' is not a number"},
    "rule.number_format": {
        "nl": "'{text}' is geen geldig getal in {language} ({convention}); bedoelt u {suggestions}?",
        "en": "'{text}' is not a valid number in {language} ({convention}); did you mean {suggestions}?",
    },
    "rule.number_malformed": {
        "nl": "'{text}' is geen geldig getal in {language} ({convention})",
        "en": "'{text}' is not a valid number in {language} ({convention})",
    },
    "rule.number_too_large": {
        "nl": "'{text}' is te groot om mee te rekenen",
        "en": "'{text}' is too large to calculate with",
    },
    "rule.number_not_integer": {
        "nl": "'{text}' is geen geheel getal (gelezen als {reading})",
        "en": "'{text}' is not a whole number (read as {reading})",
    },
    "rule.number_ambiguous": {
        "nl": "'{text}' is als aantal dubbelzinnig: in {language} ({convention}) gelezen als {reading}; schrijf {reading}, of {alternative} als u dat bedoelt",
        "en": "'{text}' is ambiguous as a count: in {language} ({convention}) it reads {reading}; write {reading}, or {alternative} if that is what you mean",
    },
    "rule.number_below": {
        "nl": "'{text}' is kleiner dan {minimum}",
        "en": "'{text}' is less than {minimum}",
    },
    "rule.number_above": {
        "nl": "'{text}' is groter dan {maximum}",
        "en": "'{text}' is greater than {maximum}",
    },
}
