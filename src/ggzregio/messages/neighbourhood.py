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
}
