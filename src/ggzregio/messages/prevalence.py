"""Texts of the command line, tables and figures of the prevalence part."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    "cli.read": {
        "nl": "Gelezen: {file} ({n} gebieden; scheidingsteken '{sep}', decimaalteken '{dec}')",
        "en": "Read: {file} ({n} areas; delimiter '{sep}', decimal separator '{dec}')",
    },
    "cli.written": {"nl": "Geschreven: {files}", "en": "Written: {files}"},
    "cli.no_out": {
        "nl": "Geen --out opgegeven: er is geen bestand geschreven.",
        "en": "No --out given: no file was written.",
    },
    "cli.model": {
        "nl": "Model: {name} [{id} v{version}]",
        "en": "Model: {name} [{id} v{version}]",
    },
    "cli.synthetic": {
        "nl": "SYNTHETISCHE DEMODATA - verzonnen gebieden, gemeenten en regio's; "
        "geen echte cijfers",
        "en": "SYNTHETIC DEMO DATA - invented areas, municipalities and regions; not real figures",
    },
    "cli.interval_note": {
        "nl": "Intervallen: empirische spreiding van waargenomen rond voorspelde prevalentie in "
        "PC4-gebieden in 2014 (004:1714-1735); geen betrouwbaarheidsintervallen van het "
        "gemiddelde.",
        "en": "Intervals: empirical spread of observed around predicted prevalence in PC4 areas "
        "in 2014 (004:1714-1735); not confidence intervals of the mean.",
    },
    "cli.skipped_summary": {
        "nl": "{n} rij(en) overgeslagen wegens --skip-invalid:",
        "en": "{n} row(s) skipped because of --skip-invalid:",
    },
    "help.app": {
        "nl": "ggzregio: planning en monitoring van de regionale GGZ. Schat onder meer hoeveel "
        "volwassenen met een ernstige psychische aandoening (EPA) in zorg zijn, per gebied, "
        "gemeente en regio.",
        "en": "ggzregio: planning and monitoring of regional mental health care (GGZ). Estimates, "
        "among other things, how many adults with severe mental illness (EPA) are in care, by "
        "area, municipality and region.",
    },
    "help.lang": {"nl": "Taal van de uitvoer: nl of en.", "en": "Output language: nl or en."},
    "help.prevalence": {
        "nl": "EPA-zorgprevalentie per gebied schatten (Trimbos PC4-model, 2017).",
        "en": "Estimate EPA care prevalence per area (Trimbos PC4 model, 2017).",
    },
    "help.estimate": {
        "nl": "Schat per gebied hoeveel volwassenen met EPA in zorg zijn, met de bandbreedte "
        "waarbinnen de werkelijke prevalentie meestal ligt, en tel op naar gemeente, regio en "
        "totaal.\n\nINVOER is een CSV-, Excel- of Parquet-bestand met per gebied: area_code, "
        "adults (aantal volwassenen), oad (adressendichtheid) of urbanity_class (1-5), "
        "pct_single_households, pct_wwb en pct_ao (percentages 0-100). Optioneel: area_name, "
        "inhabitants, municipality_code/-name, region_code/-name.\n\nBij fouten in de invoer "
        "wordt niets geschreven en is de exitcode 2.",
        "en": "Estimate per area how many adults with EPA are in care, with the range in which "
        "the actual prevalence usually lies, and add up to municipality, region and total."
        "\n\nINPUT is a CSV, Excel or Parquet file with per area: area_code, adults, oad "
        "(address density) or urbanity_class (1-5), pct_single_households, pct_wwb and pct_ao "
        "(percentages 0-100). Optional: area_name, inhabitants, municipality_code/-name, "
        "region_code/-name.\n\nOn bad input nothing is written and the exit code is 2.",
    },
    "help.input": {"nl": "Invoerbestand (.csv, .xlsx, .parquet).", "en": "Input file."},
    "help.out": {
        "nl": "Uitvoerbestand; het type volgt uit de extensie (.csv, .xlsx, .parquet, .json). "
        "Zonder --out wordt alleen een samenvatting getoond.",
        "en": "Output file; the type follows from its extension (.csv, .xlsx, .parquet, .json). "
        "Without --out only a summary is shown.",
    },
    "help.format": {
        "nl": "Uitvoerformaat (csv, xlsx, parquet, json); gaat voor de extensie.",
        "en": "Output format (csv, xlsx, parquet, json); overrides the extension.",
    },
    "help.by": {
        "nl": "Kolom om op te tellen (mag vaker). Standaard: municipality_code en region_code "
        "als die er zijn.",
        "en": "Column to aggregate by (repeatable). Default: municipality_code and region_code "
        "when present.",
    },
    "help.model": {
        "nl": "Model: naam van een meegeleverd model of een .toml-bestand.",
        "en": "Model: name of a shipped model or a .toml file.",
    },
    "help.skip_invalid": {
        "nl": "Sla ongeldige rijen over (en meld ze) in plaats van de invoer te weigeren.",
        "en": "Skip invalid rows (and report them) instead of refusing the input.",
    },
    "help.sheet": {"nl": "Werkblad in een Excel-invoerbestand.", "en": "Sheet of an Excel input."},
    "help.decimal": {
        "nl": "Decimaalteken van de invoer (',' of '.'); standaard automatisch.",
        "en": "Decimal separator of the input (',' or '.'); detected by default.",
    },
    "help.encoding": {"nl": "Tekencodering van een CSV.", "en": "Text encoding of a CSV."},
    "help.demo": {
        "nl": "Draai de demo: schattingen voor de synthetische demoregio's, als tabel getoond "
        "en naar een bestand geschreven.",
        "en": "Run the demo: estimates for the synthetic demo regions, shown as a table and "
        "written to a file.",
    },
    "help.compare": {
        "nl": "Vergelijk waargenomen met verwachte EPA-zorgprevalentie per gebied en hoger "
        "niveau: verschil, verhouding met 95%-interval, band van de spreidingstabel en "
        "markeringen (waarschijnlijk intramuraal, mogelijk onderbereik, kleine aantallen). "
        "Aantallen onder de drempel worden nooit getoond.\n\nGEBIEDEN is het gebiedenbestand "
        "(zoals bij estimate), met een kolom observed_cases, of zonder die kolom met een apart "
        "WAARNEMINGEN-bestand (area_code, observed_cases).",
        "en": "Compare observed with expected EPA care prevalence per area and higher level: "
        "difference, ratio with 95% interval, band of the residual table and flags (likely "
        "intramural, possible under-reach, small numbers). Counts below the threshold are never "
        "shown.\n\nGEBIEDEN is the area file (as for estimate) with a column observed_cases, "
        "or without it plus a separate WAARNEMINGEN file (area_code, observed_cases).",
    },
    "help.observed": {
        "nl": "Apart bestand met area_code en observed_cases.",
        "en": "Separate file with area_code and observed_cases.",
    },
    "help.threshold": {
        "nl": "Onderdrukkingsdrempel: aantallen kleiner dan dit worden niet getoond (minimaal 5).",
        "en": "Suppression threshold: counts below this are not shown (at least 5).",
    },
    "help.figures": {
        "nl": "Map voor de trechterplot en de spreidingsfiguur (HTML, PNG, SVG).",
        "en": "Folder for the funnel plot and the scatter (HTML, PNG, SVG).",
    },
    "help.fit": {
        "nl": "Schat het model opnieuw op eigen gegevens (gebieden met observed_cases): "
        "kleinste kwadraten met een constante per stedelijkheidsklasse en de drie percentages, "
        "optioneel met extra kandidaatvariabelen (voorwaartse selectie op kruisvalidatie). "
        "Schrijft een modelbestand dat --model accepteert, en een rapport.",
        "en": "Refit the model on your own data (areas with observed_cases): least squares with "
        "an intercept per urbanity class and the three percentages, optionally with extra "
        "candidate variables (forward selection on cross-validation). Writes a model file that "
        "--model accepts, and a report.",
    },
    "help.out_model": {"nl": "Modelbestand (.toml) om te schrijven.", "en": "Model file to write."},
    "help.report": {"nl": "Rapport (Markdown) om te schrijven.", "en": "Report (Markdown)."},
    "help.model_id": {"nl": "Naam van het nieuwe model.", "en": "Id of the new model."},
    "help.model_version": {"nl": "Versie van het nieuwe model.", "en": "Version of the model."},
    "help.candidates": {
        "nl": "Kandidaatvariabelen, kommagescheiden (kolommen in de gegevens).",
        "en": "Candidate variables, comma-separated (columns in the data).",
    },
    "help.exclusion": {
        "nl": "Sluit gebieden boven deze prevalentie per 1.000 uit (standaard 42,5).",
        "en": "Exclude areas above this prevalence per 1,000 (default 42.5).",
    },
    "help.folds": {"nl": "Aantal delen voor kruisvalidatie.", "en": "Cross-validation folds."},
    "help.seed": {"nl": "Startgetal voor de indeling in delen.", "en": "Seed for the folds."},
    "help.fit_year": {"nl": "Jaar van de gegevens.", "en": "Year of the data."},
    "help.calibrate": {
        "nl": "Kalibratie van een model op gegevens met observed_cases: verwacht tegen "
        "waargenomen per deciel en per stedelijkheidsklasse, met helling en intercept.",
        "en": "Calibration of a model on data with observed_cases: expected against observed "
        "per decile and per urbanity class, with slope and intercept.",
    },
    "help.demo_observed": {
        "nl": "Schrijf synthetische waarnemingen (observed_cases) voor de demogebieden.",
        "en": "Write synthetic observations (observed_cases) for the demo areas.",
    },
    "help.demo_data": {
        "nl": "Schrijf de synthetische demogebieden (opnieuw gegenereerd) naar een bestand.",
        "en": "Write the synthetic demo areas (regenerated) to a file.",
    },
    "help.models": {
        "nl": "Toon de meegeleverde modellen, of de specificatie van één model.",
        "en": "List the shipped models, or show one model's specification.",
    },
    "flag.intramural": {
        "nl": "waarschijnlijk intramurale locatie: waargenomen boven {limit} per 1.000 of boven "
        "de {band}%-band (grote GGZ-locatie in het gebied?)",
        "en": "likely intramural location: observed above {limit} per 1,000 or above the "
        "{band}% band (large GGZ location in the area?)",
    },
    "flag.under_reach": {
        "nl": "mogelijk onderbereik: waargenomen onder de {band}%-band; mensen met EPA worden "
        "hier mogelijk niet bereikt door de GGZ - nader onderzoeken",
        "en": "possible under-reach: observed below the {band}% band; people with EPA may not "
        "be reached by the GGZ here - needs further exploration",
    },
    "flag.small": {
        "nl": "kleine aantallen: verhouding onstabiel",
        "en": "small numbers: ratio unstable",
    },
    "flag.suppressed": {
        "nl": "niet getoond: beschermt kleine aantallen (onder {threshold})",
        "en": "not shown: protects small numbers (below {threshold})",
    },
    "flag.not_compared": {
        "nl": "niet vergeleken: waargenomen aantal onbekend (verborgen bij de bron of niet "
        "aangeleverd)",
        "en": "not compared: observed count unknown (suppressed at source or not supplied)",
    },
    "flag.partial": {
        "nl": "niet alle gebieden vergeleken: waargenomen, verwacht en verhouding tellen alleen "
        "de gebieden met een bekend aantal (areas_compared, adults_compared)",
        "en": "not every area compared: observed, expected and ratio count only the areas "
        "with a known count (areas_compared, adults_compared)",
    },
    "flag.source_total": {
        "nl": "waargenomen: het totaal van de bron, inclusief de gebieden die de bron verbergt "
        "(verschil met de bekende gebieden: observed_source_rest)",
        "en": "observed: the source's own total, including the areas the source suppresses "
        "(difference from the known areas: observed_source_rest)",
    },
    # Column headers of the comparison's coverage (for the pages and the report).
    "col.areas_compared": {"nl": "Gebieden vergeleken", "en": "Areas compared"},
    "col.adults_compared": {"nl": "Volwassenen vergeleken", "en": "Adults compared"},
    "col.expected_compared": {
        "nl": "Verwacht in vergeleken gebieden",
        "en": "Expected in compared areas",
    },
    "col.observed_source_rest": {
        "nl": "Waargenomen buiten de bekende gebieden (totaal van de bron)",
        "en": "Observed outside the known areas (source total)",
    },
    "compare.not_compared": {
        "nl": "{n} gebied(en) niet vergeleken: waargenomen aantal onbekend (verborgen bij de bron "
        "of niet aangeleverd)",
        "en": "{n} area(s) not compared: observed count unknown (suppressed at source or not "
        "supplied)",
    },
    "compare.coverage_note": {
        "nl": "Waargenomen aantallen, verschillen en verhoudingen van gemeenten, regio's en het "
        "totaal tellen alleen de gebieden waarvan zowel het waargenomen als het verwachte aantal "
        "bekend is (areas_compared gebieden met adults_compared volwassenen; expected_compared "
        "is het verwachte aantal in die gebieden). Gebieden die de bron verbergt, hebben kleine "
        "aantallen: zonder totaal van de bron ligt de verhouding van de bekende gebieden daardoor "
        "vaak te hoog. Waar de bron een eigen totaal geeft (observed_basis = source_total), "
        "geldt dat totaal over alle gebieden en staat het verschil met de bekende gebieden in "
        "observed_source_rest.",
        "en": "Observed counts, differences and ratios of municipalities, regions and the total "
        "count only the areas whose observed and expected counts are both known (areas_compared "
        "areas with adults_compared adults; expected_compared is the expected count in those "
        "areas). Areas the source suppresses have small counts: without a source total the "
        "ratio of the known areas therefore tends to be too high. Where the source gives its "
        "own total (observed_basis = source_total), that total applies to every area and the "
        "difference from the known areas is in observed_source_rest.",
    },
    "fig.observed": {"nl": "waargenomen", "en": "observed"},
    "fig.expected": {"nl": "verwacht", "en": "expected"},
    "fig.ratio": {"nl": "verhouding", "en": "ratio"},
    "fig.cat_none": {"nl": "gebied", "en": "area"},
    "fig.cat_intramural": {"nl": "waarschijnlijk intramuraal", "en": "likely intramural"},
    "fig.cat_under_reach": {"nl": "mogelijk onderbereik", "en": "possible under-reach"},
    "fig.limit": {"nl": "{level}%-controlegrens", "en": "{level}% control limit"},
    "fig.funnel_title": {
        "nl": "Trechterplot: waargenomen / verwachte EPA-zorg per gebied",
        "en": "Funnel plot: observed / expected EPA care per area",
    },
    "fig.scatter_title": {
        "nl": "Waargenomen tegen verwachte aantallen volwassenen met EPA in zorg",
        "en": "Observed against expected adults with EPA in care",
    },
    "fig.expected_axis": {"nl": "verwacht aantal", "en": "expected count"},
    "fig.observed_axis": {"nl": "waargenomen aantal", "en": "observed count"},
    "fig.ratio_axis": {
        "nl": "verhouding waargenomen / verwacht",
        "en": "ratio observed / expected",
    },
    "fig.diagonal": {"nl": "waargenomen = verwacht", "en": "observed = expected"},
    "fig.all_regions": {"nl": "alle regio's", "en": "all regions"},
    "fig.areas": {"nl": "gebieden", "en": "areas"},
    "table.observed": {"nl": "Waargenomen", "en": "Observed"},
    "table.ratio": {"nl": "Verhouding W/V", "en": "Ratio O/E"},
    "table.ci95": {"nl": "95%-interval", "en": "95% interval"},
    "table.compare_title": {
        "nl": "Waargenomen tegen verwachte EPA-zorg (volwassenen) per {level}",
        "en": "Observed against expected EPA care (adults) by {level}",
    },
    "cli.flags": {
        "nl": "Gebieden gemarkeerd: {intramural} waarschijnlijk intramuraal, {under} mogelijk "
        "onderbereik; {suppressed} gebied(en) onderdrukt (aantal onder {threshold} of "
        "afleidbaar uit een totaal).",
        "en": "Areas flagged: {intramural} likely intramural, {under} possible under-reach; "
        "{suppressed} area(s) suppressed (count below {threshold} or derivable from a total).",
    },
    "fit.title": {"nl": "Hergeschat model", "en": "Refitted model"},
    "fit.data": {
        "nl": "{n} gebieden gebruikt; {excluded} uitgesloten boven {threshold} per 1.000 "
        "(waarschijnlijk intramuraal). Gegevens: {source}",
        "en": "{n} areas used; {excluded} excluded above {threshold} per 1,000 (probably "
        "intramural). Data: {source}",
    },
    "fit.adjusted": {"nl": "gecorrigeerd", "en": "adjusted"},
    "fit.cv_kfold": {"nl": "Kruisvalidatie-RMSE (k-voudig)", "en": "Cross-validated RMSE (k-fold)"},
    "fit.cv_base": {"nl": "basisontwerp", "en": "base design"},
    "fit.cv_group": {
        "nl": "Kruisvalidatie-RMSE (steeds één {column} weggelaten)",
        "en": "Cross-validated RMSE (leave one {column} out)",
    },
    "fit.selected": {"nl": "Gekozen extra variabelen", "en": "Selected extra variables"},
    "fit.coefficients": {
        "nl": "Coëfficiënten naast {base}",
        "en": "Coefficients next to {base}",
    },
    "fit.term": {"nl": "term", "en": "term"},
    "fit.estimate": {"nl": "schatting", "en": "estimate"},
    "fit.quantiles": {
        "nl": "Spreiding waargenomen - voorspeld (per 1.000), centrale intervallen",
        "en": "Spread of observed - predicted (per 1,000), central intervals",
    },
    "fit.coverage": {"nl": "aandeel gebieden", "en": "share of areas"},
    "fit.low": {"nl": "ondergrens", "en": "lower"},
    "fit.high": {"nl": "bovengrens", "en": "upper"},
    "fit.note": {
        "nl": "Standaardfouten zijn robuust voor ongelijke spreiding (HC1). z = (schatting - "
        "gepubliceerd) / SE. De intervallen zijn empirisch (binnen de steekproef), geen "
        "betrouwbaarheidsintervallen.",
        "en": "Standard errors are heteroscedasticity-robust (HC1). z = (estimate - published) "
        "/ SE. The intervals are empirical (in-sample), not confidence intervals.",
    },
    "cal.line": {
        "nl": "Kalibratie over {n} gebieden: helling {slope}, intercept {intercept} "
        "(perfect: 1 en 0)",
        "en": "Calibration over {n} areas: slope {slope}, intercept {intercept} (perfect: 1 and 0)",
    },
    "cal.decile": {
        "nl": "  deciel {decile}: verwacht {expected} ‰, waargenomen {observed} ‰, "
        "verhouding {ratio}",
        "en": "  decile {decile}: expected {expected} ‰, observed {observed} ‰, ratio {ratio}",
    },
    "table.title": {
        "nl": "Verwachte EPA-zorgprevalentie (volwassenen) per {level}",
        "en": "Expected EPA care prevalence (adults) by {level}",
    },
    "table.name": {"nl": "Naam", "en": "Name"},
    "table.areas": {"nl": "Gebieden", "en": "Areas"},
    "table.inhabitants": {"nl": "Inwoners", "en": "Inhabitants"},
    "table.adults": {"nl": "Volwassenen", "en": "Adults"},
    "table.expected": {"nl": "Verwacht EPA in zorg", "en": "Expected EPA in care"},
    "table.per_1000": {"nl": "Per 1.000 volw.", "en": "Per 1,000 adults"},
    "table.per_100k": {"nl": "Per 100.000 inw.", "en": "Per 100,000 inhab."},
    "table.index": {"nl": "Index NL=100", "en": "Index NL=100"},
    "table.total": {"nl": "Totaal", "en": "Total"},
    "table.areas_compared": {"nl": "Gebieden vergeleken", "en": "Areas compared"},
    "table.compared_of": {"nl": "{compared} van {n}", "en": "{compared} of {n}"},
    "sheet.area": {"nl": "gebieden", "en": "areas"},
    "sheet.municipality_code": {"nl": "gemeenten", "en": "municipalities"},
    "sheet.region_code": {"nl": "regio's", "en": "regions"},
    "sheet.total": {"nl": "totaal", "en": "total"},
    "level.area": {"nl": "gebied", "en": "area"},
    "level.municipality_code": {"nl": "gemeente", "en": "municipality"},
    "level.region_code": {"nl": "regio", "en": "region"},
    "level.total": {"nl": "totaal", "en": "total"},
}
