"""Texts shared by every part: input problems and how they are framed."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    "rule.file_not_found": {"nl": "bestand bestaat niet", "en": "file does not exist"},
    "rule.unsupported_format": {
        "nl": "onbekend bestandstype '{suffix}' (gebruik .csv, .xlsx, .parquet of .json)",
        "en": "unknown file type '{suffix}' (use .csv, .xlsx, .parquet or .json)",
    },
    "rule.unreadable": {
        "nl": "bestand kan niet gelezen worden: {detail}",
        "en": "file cannot be read: {detail}",
    },
    "rule.encoding": {
        "nl": "bestand is geen UTF-8 (fout rond regel {line}); sla het op als 'CSV UTF-8'",
        "en": "file is not UTF-8 (error near line {line}); save it as 'CSV UTF-8'",
    },
    "rule.field_count": {
        "nl": "aantal velden klopt niet met de kopregel ({expected} kolommen)",
        "en": "number of fields does not match the header ({expected} columns)",
    },
    "rule.empty_file": {"nl": "bestand is leeg", "en": "file is empty"},
    "rule.too_many_rows": {
        "nl": "bestand heeft {n} rijen, meer dan de grens van {max} (GGZREGIO_MAX_ROWS)",
        "en": "file has {n} rows, more than the limit of {max} (GGZREGIO_MAX_ROWS)",
    },
    "rule.too_many_cells": {
        "nl": "werkblad is {rows} rijen bij {columns} kolommen ({n} cellen), meer dan de grens van {max} cellen (GGZREGIO_MAX_CELLS)",
        "en": "sheet is {rows} rows by {columns} columns ({n} cells), more than the limit of {max} cells (GGZREGIO_MAX_CELLS)",
    },
    "rule.too_many_areas": {
        "nl": "{n} gebieden voor één regio, meer dan de grens van {max} (GGZREGIO_MAX_AREAS)",
        "en": "{n} areas for one region, more than the limit of {max} (GGZREGIO_MAX_AREAS)",
    },
    "rule.no_rows": {
        "nl": "bestand bevat geen gegevensrijen (alleen een kopregel)",
        "en": "file has no data rows (only a header)",
    },
    "rule.no_valid_rows": {
        "nl": "na het overslaan van ongeldige rijen blijft er niets over",
        "en": "no rows left after skipping invalid rows",
    },
    "rule.duplicate_column": {
        "nl": "kolomnaam komt meer dan eens voor",
        "en": "column name occurs more than once",
    },
    "rule.missing_column": {
        "nl": "verplichte kolom ontbreekt (gevonden kolommen: {found})",
        "en": "required column is missing (columns found: {found})",
    },
    "rule.missing_urbanity": {
        "nl": "kolom 'oad' of 'urbanity_class' is verplicht (gevonden kolommen: {found})",
        "en": "column 'oad' or 'urbanity_class' is required (columns found: {found})",
    },
    "rule.missing_value": {"nl": "waarde ontbreekt", "en": "value is missing"},
    "rule.non_numeric": {
        "nl": "geen getal (gevonden: {values}); decimaalteken in dit bestand: '{decimal}'",
        "en": "not a number (found: {values}); decimal separator in this file: '{decimal}'",
    },
    "rule.mixed_decimal": {
        "nl": "zowel komma's als punten als decimaalteken (komma in rij {comma_row}, punt in "
        "rij {dot_row}); kies er een of geef --decimal op",
        "en": "both commas and points used as decimal separator (comma in row {comma_row}, "
        "point in row {dot_row}); use one, or pass --decimal",
    },
    "rule.percentage_range": {
        "nl": "percentage moet tussen 0 en 100 liggen (gevonden: {values})",
        "en": "percentage must be between 0 and 100 (found: {values})",
    },
    "rule.negative": {
        "nl": "mag niet negatief zijn (gevonden: {values})",
        "en": "must not be negative (found: {values})",
    },
    "rule.non_integer": {
        "nl": "moet een geheel aantal zijn (gevonden: {values})",
        "en": "must be a whole number (found: {values})",
    },
    "rule.urbanity_class_range": {
        "nl": "stedelijkheidsklasse moet 1 t/m 5 (of I t/m V) zijn (gevonden: {values})",
        "en": "urbanity class must be 1 to 5 (or I to V) (found: {values})",
    },
    "rule.urbanity_mismatch": {
        "nl": "urbanity_class past niet bij oad (klasse volgens oad: {values}); "
        "laat een van beide kolommen weg",
        "en": "urbanity_class does not match oad (class from oad: {values}); drop one of the two",
    },
    "rule.adults_exceed_inhabitants": {
        "nl": "meer volwassenen dan inwoners",
        "en": "more adults than inhabitants",
    },
    "rule.duplicate_code": {
        "nl": "gebiedscode komt meer dan eens voor (codes: {values})",
        "en": "area code occurs more than once (codes: {values})",
    },
    "rule.inconsistent_name": {
        "nl": "dezelfde code heeft verschillende namen in '{name_column}' (codes: {values})",
        "en": "the same code has different names in '{name_column}' (codes: {values})",
    },
    "rule.unknown_group_column": {
        "nl": "kolom voor --by bestaat niet in de invoer (gevonden kolommen: {found})",
        "en": "column for --by does not exist in the input (columns found: {found})",
    },
    "rule.unknown_area": {
        "nl": "gebiedscode komt niet voor in het gebiedenbestand (codes: {values})",
        "en": "area code does not occur in the area file (codes: {values})",
    },
    "rule.observed_total_not_stored": {
        "nl": "een totaalrij ('totaal') kan de webapplicatie nog niet bewaren; laat de rij weg of vergelijk met 'ggzregio prevalence compare', dat het totaal van de bron gebruikt",
        "en": "the web application cannot store a total row ('totaal') yet; leave the row out or compare with 'ggzregio prevalence compare', which uses the source's total",
    },
    "rule.no_observed": {
        "nl": "voor {n} gebied(en) ontbreekt een waarneming (codes: {values})",
        "en": "{n} area(s) have no observation (codes: {values})",
    },
    "rule.threshold": {
        "nl": "onderdrukkingsdrempel moet minstens {minimum} zijn (gekregen: {value})",
        "en": "suppression threshold must be at least {minimum} (got: {value})",
    },
    "rule.too_many_rows_excel": {
        "nl": "te veel rijen voor Excel ({n}); kies csv of parquet",
        "en": "too many rows for Excel ({n}); choose csv or parquet",
    },
    # --- command line: errors that are not the input's -----------------------------------
    "cli.internal_error": {
        "nl": "Interne fout: {error}. Zet GGZREGIO_DEBUG=1 om de volledige traceback te zien (handig bij het melden van deze fout).",
        "en": "Internal error: {error}. Set GGZREGIO_DEBUG=1 to see the full traceback (useful when reporting this error).",
    },
    "cli.interrupted": {"nl": "Afgebroken.", "en": "Interrupted."},
    # --- message framing ------------------------------------------------------------------
    "problem.file": {"nl": "bestand", "en": "file"},
    "problem.column": {"nl": "kolom", "en": "column"},
    "problem.key": {"nl": "sleutel", "en": "key"},
    "problem.sheet": {"nl": "werkblad", "en": "sheet"},
    "problem.row": {"nl": "rij", "en": "row"},
    "problem.rows": {"nl": "rijen", "en": "rows"},
    "problem.more": {"nl": "en {n} meer", "en": "and {n} more"},
    "problem.header": {
        "nl": "De invoer is geweigerd; er is niets geschreven. Problemen:",
        "en": "The input was refused; nothing was written. Problems:",
    },
    "observed.suppressed_at_source": {
        "nl": "verborgen bij de bron (klein aantal); gebied niet vergeleken",
        "en": "suppressed at source (small number); area not compared",
    },
    "rule.duplicate_total": {
        "nl": "meer dan één totaalrij voor dezelfde regio (of voor het hele bestand)",
        "en": "more than one total row for the same region (or for the whole file)",
    },
    "rule.total_region_unknown": {
        "nl": "de regio van een totaalrij komt niet voor in het gebiedenbestand (regio: {values})",
        "en": "the region of a total row does not occur in the area file (region: {values})",
    },
    "rule.total_below_areas": {
        "nl": "het totaal van de bron voor {value} ({total}) is kleiner dan de som van de "
        "bekende gebieden ({known})",
        "en": "the source total for {value} ({total}) is smaller than the sum of the known "
        "areas ({known})",
    },
    "problem.skipped": {
        "nl": "Overgeslagen rij {row} ({reasons})",
        "en": "Skipped row {row} ({reasons})",
    },
    # A projected year that the trend never reaches (infinite): never shown as 'inf'.
    "fmt.year_never": {"nl": "niet op deze trend", "en": "not on this trend"},
    # --- optional parts of the package (ggzregio.extras) ------------------------------------
    "extras.missing": {
        "nl": "dit onderdeel vraagt het pakket '{module}', dat niet is geïnstalleerd; "
        "installeer het met: pip install 'ggzregio[{extra}]' (of 'ggzregio[all]' voor alles)",
        "en": "this needs the package '{module}', which is not installed; "
        "install it with: pip install 'ggzregio[{extra}]' (or 'ggzregio[all]' for everything)",
    },
}
