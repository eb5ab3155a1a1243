"""Texts of the inventory checklist: its Excel template, its problems and its commands."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    "rule.unknown_checklist_code": {
        "nl": "onbekende checklistcode {values} (bekend: {known})",
        "en": "unknown checklist code {values} (known: {known})",
    },
    "rule.duplicate_row_code": {
        "nl": "checklistcode komt meer dan eens voor",
        "en": "checklist code occurs more than once",
    },
    "rule.missing_field": {"nl": "'{field}' is niet ingevuld", "en": "'{field}' is not filled in"},
    "rule.bad_year": {
        "nl": "jaar moet een geheel getal van {low} tot en met {high} zijn (gevonden: {value})",
        "en": "year must be a whole number from {low} to {high} (found: {value})",
    },
    "rule.bad_inhabitants": {
        "nl": "inwoners moet een getal groter dan 0 en hoogstens {high} zijn (gevonden: {value})",
        "en": "inhabitants must be a number greater than 0 and at most {high} (found: {value})",
    },
    "rule.amount_range": {
        "nl": "moet een getal van 0 tot en met {high} zijn (gevonden: {value})",
        "en": "must be a number from 0 to {high} (found: {value})",
    },
    "rule.text_too_long": {
        "nl": "tekst is langer dan {max} tekens",
        "en": "text is longer than {max} characters",
    },
    "rule.parts_exceed_total": {
        "nl": "de onderdelen van '{row}' tellen op tot {parts}, meer dan het opgegeven totaal {total}",
        "en": "the parts of '{row}' add up to {parts}, more than the stated total {total}",
    },
    "inv.col.item": {"nl": "gegeven", "en": "item"},
    "inv.col.value": {"nl": "waarde", "en": "value"},
    "inv.col.help": {"nl": "uitleg", "en": "help"},
    "inv.col.label": {"nl": "voorziening", "en": "provision"},
    "inv.col.places": {"nl": "plaatsen", "en": "places"},
    "inv.col.eur": {"nl": "euro", "en": "euro"},
    "inv.col.source": {"nl": "bron", "en": "source"},
    "inv.col.note": {"nl": "toelichting", "en": "note"},
    "inv.field.region_code": {"nl": "Regiocode", "en": "Region code"},
    "inv.field.region_name": {"nl": "Regionaam", "en": "Region name"},
    "inv.field.year": {"nl": "Jaar", "en": "Year"},
    "inv.field.inhabitants": {"nl": "Inwoners", "en": "Inhabitants"},
    "inv.field.compiled_by": {"nl": "Ingevuld door", "en": "Filled in by"},
    "inv.hint.region_code": {
        "nl": "Verplicht. Dezelfde code als in de prevalentiebestanden (bijv. R01).",
        "en": "Required. The same code as in the prevalence files (e.g. R01).",
    },
    "inv.hint.region_name": {"nl": "Naam van de regio.", "en": "Name of the region."},
    "inv.hint.year": {
        "nl": "Verplicht. Jaar van de cijfers.",
        "en": "Required. Year of the figures.",
    },
    "inv.hint.inhabitants": {
        "nl": "Aantal inwoners van de regio (voor het scenario).",
        "en": "Number of inhabitants of the region (for the scenario).",
    },
    "inv.hint.compiled_by": {"nl": "Wie heeft dit ingevuld?", "en": "Who filled this in?"},
    "inv.validation": {
        "nl": "Vul een getal van 0 of meer in.",
        "en": "Enter a number of 0 or more.",
    },
    "inv.instructions": {
        "nl": "Checklist capaciteit en uitgaven regionale GGZ-voorzieningen (Trimbos, 004:1500-1545)\n\nVul op werkblad 'regio' de regiocode, het jaar en het aantal inwoners in.\nVul op werkblad 'checklist' per voorziening de omvang in fte, plaatsen en/of euro's per jaar in.\nAlles is optioneel: laat leeg wat u niet weet (leeg is niet hetzelfde als 0).\nTotalen (vetgedrukt) mag u invullen of leeg laten; ingevuld mogen de onderdelen samen niet meer zijn dan het totaal.\nWat een totaal meer bevat dan de genoemde onderdelen, telt als 'overig' in die categorie.\nNoteer per regel de bron (bijv. jaarverslag, zorgkantoor) en eventueel een toelichting.\nVerander de codes in kolom A niet; die koppelen de regels aan de checklist.\nControleer het bestand met: ggzregio inventory check <bestand>.xlsx",
        "en": "Checklist of capacity and spending of regional GGZ provision (Trimbos, 004:1500-1545)\n\nOn sheet 'regio' fill in the region code, the year and the number of inhabitants.\nOn sheet 'checklist' fill in the size of each provision in fte, places and/or euros per year.\nEverything is optional: leave empty what you do not know (empty is not the same as 0).\nTotals (bold) may be filled in or left empty; when filled in, their parts may not add up to more.\nWhat a total holds beyond its listed parts counts as 'other' in that category.\nRecord the source of each row (e.g. annual report, care office) and a note if useful.\nDo not change the codes in column A; they link the rows to the checklist.\nCheck the file with: ggzregio inventory check <file>.xlsx",
    },
    "inv.read": {
        "nl": "Gelezen: {file} (regio {region}, jaar {year}, {n} regels ingevuld)",
        "en": "Read: {file} (region {region}, year {year}, {n} rows filled in)",
    },
    "inv.categories_title": {
        "nl": "Huidige uitgaven per categorie",
        "en": "Current spending per category",
    },
    "inv.ok": {
        "nl": "De inventarisatie is geldig: totalen kloppen met hun onderdelen.",
        "en": "The inventory is valid: totals agree with their parts.",
    },
    "inv.demo_warning": {
        "nl": "SYNTHETISCHE voorbeeldcijfers — geen echte regio.",
        "en": "SYNTHETIC example figures — not a real region.",
    },
    "help.inventory": {
        "nl": "Inventarisatie van huidige capaciteit en uitgaven (checklist, Excel-sjabloon).",
        "en": "Inventory of current capacity and spending (checklist, Excel template).",
    },
    "help.inventory_file": {
        "nl": "Ingevuld Excel-sjabloon (.xlsx).",
        "en": "Filled-in template (.xlsx).",
    },
    "help.inventory_template": {
        "nl": "Schrijf het Excel-sjabloon van de checklist.",
        "en": "Write the Excel template of the checklist.",
    },
    "help.inventory_check": {
        "nl": "Controleer een ingevulde inventarisatie en exporteer hem (csv/xlsx/json/parquet).",
        "en": "Check a filled-in inventory and export it (csv/xlsx/json/parquet).",
    },
    "help.inventory_demo": {
        "nl": "Vul het sjabloon met synthetische voorbeeldcijfers.",
        "en": "Fill the template with synthetic example figures.",
    },
    "help.template_out": {"nl": "Doelbestand (.xlsx).", "en": "Target file (.xlsx)."},
    "sheet.inventory": {"nl": "inventarisatie", "en": "inventory"},
}
