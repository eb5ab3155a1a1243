"""Texts of the neighbourhood load (draagkracht): flag reasons, notes and the spread rules."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    # --- flags (ggzregio.neighbourhood.assess) ----------------------------------------------
    "neighbourhood.flag.above_ceiling": {
        "nl": "boven het plafond: {placements} plaatsingen, plafond {limit} ({excess} te veel)",
        "en": "above the ceiling: {placements} placements, ceiling {limit} ({excess} too many)",
    },
    "neighbourhood.flag.above_ceiling_rate": {
        "nl": "boven het plafond: {per_1000} plaatsingen per 1.000 volwassenen, plafond "
        "{ceiling_per_1000} per 1.000 (hoogstens {limit}; {excess} te veel)",
        "en": "above the ceiling: {per_1000} placements per 1,000 adults, ceiling "
        "{ceiling_per_1000} per 1,000 (at most {limit}; {excess} too many)",
    },
    "neighbourhood.flag.far_above_ratio": {
        "nl": "ver boven het regionale gemiddelde: last {load} per 1.000 volwassenen, meer dan "
        "{ratio} × het gemiddelde van {mean} (grens {threshold})",
        "en": "far above the regional mean: load {load} per 1,000 adults, more than {ratio} × "
        "the mean of {mean} (limit {threshold})",
    },
    "neighbourhood.flag.far_above_sd": {
        "nl": "ver boven het regionale gemiddelde: last {load} per 1.000 volwassenen, meer dan "
        "het gemiddelde {mean} + {k} × de standaardafwijking {sd} (grens {threshold})",
        "en": "far above the regional mean: load {load} per 1,000 adults, more than the mean "
        "{mean} + {k} × the standard deviation {sd} (limit {threshold})",
    },
    "neighbourhood.flag.far_above_hidden": {
        "nl": "ver boven het regionale gemiddelde: last {load} per 1.000 volwassenen (het "
        "gemiddelde wordt niet getoond: het beschermt kleine aantallen)",
        "en": "far above the regional mean: load {load} per 1,000 adults (the mean is not "
        "shown: it protects small numbers)",
    },
    # --- notes: why an area is not compared ------------------------------------------------
    "neighbourhood.note.no_ceiling": {
        "nl": "geen plafond afgesproken",
        "en": "no ceiling agreed",
    },
    "neighbourhood.note.load_unknown": {
        "nl": "niet vergeleken: verwachte EPA-zorgprevalentie of aantal volwassenen onbekend",
        "en": "not compared: expected EPA care prevalence or number of adults unknown",
    },
    "neighbourhood.note.few_adults": {
        "nl": "niet met het gemiddelde vergeleken: minder dan {min_adults} volwassenen",
        "en": "not compared with the mean: fewer than {min_adults} adults",
    },
    # --- the measure and the spread rules (ggzregio.neighbourhood.spread) -------------------
    "neighbourhood.load": {
        "nl": "Last per 1.000 volwassenen: verwachte volwassenen met EPA in GGZ-zorg plus "
        "geplande plaatsingen vanuit beschermd wonen en kliniek in gewone woningen, per 1.000 "
        "volwassenen. Het regionale gemiddelde is gewogen naar het aantal volwassenen.",
        "en": "Load per 1,000 adults: expected adults with EPA in GGZ care plus planned "
        "placements from sheltered housing and clinics into ordinary housing, per 1,000 "
        "adults. The regional mean is weighted by the number of adults.",
    },
    "neighbourhood.rule.headroom": {
        "nl": "Verdeeld naar verhouding van de ruimte die elk plafond nog laat (plafond min "
        "geplande plaatsingen), afgerond op hele plaatsingen met de grootste-restmethode; "
        "nooit boven een plafond. Gebieden zonder plafond doen niet mee.",
        "en": "Spread in proportion to the room each ceiling still leaves (ceiling minus "
        "planned placements), rounded to whole placements by the largest remainder; never "
        "above a ceiling. Areas without a ceiling take no part.",
    },
    "neighbourhood.rule.adults": {
        "nl": "Verdeeld naar verhouding van het aantal volwassenen, nooit boven een plafond (wat "
        "een vol gebied niet kan hebben gaat naar de andere), afgerond op hele plaatsingen "
        "met de grootste-restmethode. Gebieden zonder plafond of zonder volwassenen doen niet "
        "mee.",
        "en": "Spread in proportion to the number of adults, never above a ceiling (what a "
        "full area cannot take goes to the others), rounded to whole placements by the "
        "largest remainder. Areas without a ceiling or without adults take no part.",
    },
    "neighbourhood.spread.unplaced": {
        "nl": "{unplaced} van de {total} plaatsingen passen niet onder de plafonden",
        "en": "{unplaced} of the {total} placements do not fit under the ceilings",
    },
    "neighbourhood.excluded.no_ceiling": {
        "nl": "doet niet mee: geen plafond afgesproken",
        "en": "takes no part: no ceiling agreed",
    },
    "neighbourhood.excluded.no_adults": {
        "nl": "doet niet mee: geen volwassenen",
        "en": "takes no part: no adults",
    },
    # --- what editors upload (ggzregio.app.neighbourhood) --------------------------------------
    "neighbourhood.indicator_reserved": {
        "nl": "{file}: de kolomnaam {values} is al een kolom van de draagkrachttabel; geef de "
        "indicator een andere naam",
        "en": "{file}: the column name {values} is already a column of the load table; rename "
        "the indicator",
    },
    "neighbourhood.no_areas": {
        "nl": "{file}: het bestand noemt geen gebied van deze regio (gevonden: {values})",
        "en": "{file}: the file names no area of this region (found: {values})",
    },
    # --- the page, the API and the export -------------------------------------------------
    "neighbourhood.title": {"nl": "Draagkracht van wijken en buurten", "en": "Neighbourhood load"},
    "neighbourhood.nav": {"nl": "Draagkracht", "en": "Neighbourhood load"},
    "neighbourhood.intro": {
        "nl": "Per gebied: de verwachte volwassenen met EPA in GGZ-zorg, de geplande "
        "plaatsingen vanuit beschermd wonen en kliniek in gewone woningen en het afgesproken "
        "plafond. Gebieden boven hun plafond of ver boven het regionale gemiddelde worden "
        "gemarkeerd, met de reden. De drempels zijn keuzes, geen cijfers uit de bronnen "
        "(000:2865-2871; 003:458-474).",
        "en": "Per area: the expected adults with EPA in GGZ care, the planned placements from "
        "sheltered housing and clinics into ordinary housing and the agreed ceiling. Areas "
        "above their ceiling or far above the regional mean are flagged, with the reason. The "
        "thresholds are choices, not figures from the sources (000:2865-2871; 003:458-474).",
    },
    "neighbourhood.protected": {
        "nl": "Geplande plaatsingen zijn aantallen mensen: aantallen onder de {threshold} en "
        "wat ze zou verraden worden niet getoond (leeg of 'x'), ook niet in downloads en API.",
        "en": "Planned placements are counts of people: counts below {threshold} and what "
        "would give them away are not shown (empty or 'x'), in downloads and the API too.",
    },
    "neighbourhood.year": {"nl": "Planjaar", "en": "Planning year"},
    "neighbourhood.areas": {"nl": "Gebieden", "en": "Areas"},
    "neighbourhood.municipalities": {"nl": "Gemeenten", "en": "Municipalities"},
    "neighbourhood.region_total": {"nl": "Regio", "en": "Region"},
    "neighbourhood.no_spread": {
        "nl": "Er is voor dit jaar geen spreiding vastgesteld.",
        "en": "No spread has been adopted for this year.",
    },
    "neighbourhood.spread.adopted": {
        "nl": "Vastgestelde spreiding van {total} plaatsingen.",
        "en": "Adopted spread of {total} placements.",
    },
    "neighbourhood.spread.suggested": {
        "nl": "Voorstel: spreiding van {total} plaatsingen (nog niet opgeslagen).",
        "en": "Suggestion: spread of {total} placements (not stored yet).",
    },
    "neighbourhood.spread.unplaced_hidden": {
        "nl": "Hoeveel plaatsingen niet onder de plafonds passen wordt niet getoond (klein "
        "aantal).",
        "en": "How many placements do not fit under the ceilings is not shown (a small number).",
    },
    "neighbourhood.spread.title": {"nl": "Spreiding", "en": "Spread"},
    "neighbourhood.rule_name.headroom": {
        "nl": "naar de ruimte onder elk plafond",
        "en": "by the room under each ceiling",
    },
    "neighbourhood.rule_name.adults": {
        "nl": "naar het aantal volwassenen (nooit boven een plafond)",
        "en": "by the number of adults (never above a ceiling)",
    },
    "neighbourhood.spread.form": {
        "nl": "Aantal plaatsingen om te spreiden",
        "en": "Number of placements to spread",
    },
    "neighbourhood.spread.source": {
        "nl": "Het aantal voert u zelf in (de projectie is er nog niet: de regio heeft nog geen "
        "schatting of plan).",
        "en": "You enter the number yourself (no projection yet: the region has no estimate or "
        "plan).",
    },
    "neighbourhood.spread.projected": {
        "nl": "Volgens de projectie (plan {scenario}) verhuizen het komende jaar ongeveer {total} "
        "mensen uit beschermd wonen en langdurige kliniek naar een gewone woning (90 %: {low} "
        "tot {high}). U kunt ook zelf een aantal invullen.",
        "en": "The projection (plan {scenario}) expects about {total} people to move from "
        "sheltered housing and long stay into an ordinary home in the coming year (90 %: {low} "
        "to {high}). You may also type a number yourself.",
    },
    "neighbourhood.spread.use_projection": {
        "nl": "Dit aantal spreiden",
        "en": "Spread this number",
    },
    "neighbourhood.spread.rule": {"nl": "Verdeelregel", "en": "Rule"},
    "neighbourhood.spread.preview": {"nl": "Voorstel tonen", "en": "Show suggestion"},
    "neighbourhood.spread.adopt": {"nl": "Spreiding vaststellen", "en": "Adopt the spread"},
    "neighbourhood.entry": {
        "nl": "Plaatsingen en plafonds invoeren",
        "en": "Enter placements and ceilings",
    },
    "neighbourhood.entry_note": {
        "nl": "Alleen redacteuren van de regio zien hier de ingevoerde aantallen zoals ze zijn. "
        "Getallen zoals u ze typt (12 of 2,5); leeg = geen.",
        "en": "Only the region's editors see the entered numbers as they are here. Numbers as "
        "you type them (12 or 2.5); empty = none.",
    },
    "neighbourhood.agreed_on": {"nl": "Afgesproken op", "en": "Agreed on"},
    "neighbourhood.agreed_by": {"nl": "Afgesproken door", "en": "Agreed by"},
    "neighbourhood.save": {"nl": "Opslaan", "en": "Save"},
    "neighbourhood.indicators_upload": {
        "nl": "Gebiedsindicatoren uploaden (CSV of Excel met area_code of een CBS-codekolom; "
        "lege cellen en CBS-tekens blijven onbekend)",
        "en": "Upload area indicators (CSV or Excel with area_code or a CBS code column; empty "
        "cells and CBS markers stay unknown)",
    },
    "neighbourhood.indicators_columns": {
        "nl": "Kolommen (leeg = alle kolommen met getallen)",
        "en": "Columns (empty = every column with numbers)",
    },
    "neighbourhood.map": {
        "nl": "Last per 1.000 volwassenen: {region}",
        "en": "Load per 1,000 adults: {region}",
    },
    "neighbourhood.map_alt": {
        "nl": "Kaart van de last per 1.000 volwassenen per gebied van {region}; grijs: onbekend "
        "of niet getoond",
        "en": "Map of the load per 1,000 adults per area of {region}; grey: unknown or not shown",
    },
    "neighbourhood.saved": {
        "nl": "Opgeslagen: {n} waarden gewijzigd.",
        "en": "Saved: {n} values changed.",
    },
    "neighbourhood.kind.placements": {"nl": "plaatsingen", "en": "placements"},
    "neighbourhood.kind.per_1000_adults": {"nl": "per 1.000 volwassenen", "en": "per 1,000 adults"},
    "neighbourhood.kind.none": {"nl": "geen plafond", "en": "no ceiling"},
    "neighbourhood.help": {
        "nl": "Draagkracht van wijken en buurten (geplande plaatsingen, plafonds, spreiding).",
        "en": "Neighbourhood load (planned placements, ceilings, spread).",
    },
    "neighbourhood.help_export": {
        "nl": "Schrijf de beschermde draagkrachttabellen van REGIO naar een bestand (xlsx, csv "
        "of json).",
        "en": "Write the protected neighbourhood load tables of REGION to a file (xlsx, csv or "
        "json).",
    },
    # --- column headers ----------------------------------------------------------------------
    "neighbourhood.col.expected_epa": {"nl": "Verwacht EPA", "en": "Expected EPA"},
    "neighbourhood.col.expected_epa_per_1000": {
        "nl": "Verwacht EPA per 1.000",
        "en": "Expected EPA per 1,000",
    },
    "neighbourhood.col.pct_corporation_rental": {
        "nl": "% corporatiehuur",
        "en": "% corporation rental",
    },
    "neighbourhood.col.placements": {"nl": "Geplande plaatsingen", "en": "Planned placements"},
    "neighbourhood.col.placements_per_1000": {
        "nl": "Plaatsingen per 1.000",
        "en": "Placements per 1,000",
    },
    "neighbourhood.col.load_per_1000": {"nl": "Last per 1.000", "en": "Load per 1,000"},
    "neighbourhood.col.ceiling": {"nl": "Plafond", "en": "Ceiling"},
    "neighbourhood.col.ceiling_kind": {"nl": "Soort plafond", "en": "Ceiling kind"},
    "neighbourhood.col.limit": {"nl": "Hoogstens", "en": "At most"},
    "neighbourhood.col.headroom": {"nl": "Ruimte", "en": "Headroom"},
    "neighbourhood.col.excess": {"nl": "Te veel", "en": "Excess"},
    "neighbourhood.col.note_text": {"nl": "Opmerking", "en": "Note"},
    "neighbourhood.col.mean_load_per_1000": {
        "nl": "Gemiddelde last per 1.000",
        "en": "Mean load per 1,000",
    },
    "neighbourhood.col.threshold_per_1000": {
        "nl": "Grens 'ver boven' per 1.000",
        "en": "'Far above' limit per 1,000",
    },
    "neighbourhood.col.suggested": {"nl": "Voorstel spreiding", "en": "Suggested spread"},
    "neighbourhood.spread.suggested_own": {
        "nl": "Wat de voorgestelde spreiding per gebied toevoegt staat bij de invoer hieronder: "
        "alleen voor redacteuren van de regio, zoals de ingevoerde aantallen zelf.",
        "en": "What the suggested spread adds per area is shown with the entry below: for the "
        "region's editors only, like the entered numbers themselves.",
    },
    # --- problems (rule.<rule>: Problem.message) ------------------------------------------
    "rule.neighbourhood.control_character": {
        "nl": "bevat een stuurteken ({code}); alleen gewone tekst is toegestaan",
        "en": "contains a control character ({code}); only plain text is allowed",
    },
}
