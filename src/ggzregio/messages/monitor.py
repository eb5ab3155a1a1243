"""Texts of the ambulantisering monitor."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    "rule.unknown_indicator": {
        "nl": "onbekende indicator {values}",
        "en": "unknown indicator {values}",
    },
    "rule.unknown_region_code": {
        "nl": "onbekende regio {values} (niet in de regiolijst)",
        "en": "unknown region {values} (not in the region list)",
    },
    "rule.year_range": {
        "nl": "jaar buiten het bereik {low}-{high}",
        "en": "year outside the range {low}-{high}",
    },
    "rule.days_not_places": {
        "nl": "eenheid 'dagen' kan alleen bij een indicator in plaatsen (365 dagen = 1 plaats)",
        "en": "unit 'days' only applies to an indicator in places (365 days = 1 place)",
    },
    "rule.rate_bounds": {
        "nl": "buiten het toegestane bereik van deze indicator (0-100 % of cijfer 1-10; gevonden: {values})",
        "en": "outside the allowed range of this indicator (0-100 % or grade 1-10; found: {values})",
    },
    "rule.bad_status": {
        "nl": "status moet voorlopig/provisional of definitief/final zijn (gevonden: {values})",
        "en": "status must be provisional/voorlopig or final/definitief (found: {values})",
    },
    "rule.duplicate_series_value": {
        "nl": "regio, jaar en indicator komen meer dan eens voor",
        "en": "region, year and indicator occur more than once",
    },
    "rule.no_monitor_sheets": {
        "nl": "geen werkblad met de naam van een indicatorgroep ({groups})",
        "en": "no sheet named after an indicator group ({groups})",
    },
    "rule.duplicate_indicator": {
        "nl": "indicator '{value}' bestaat al",
        "en": "indicator '{value}' already exists",
    },
    "rule.unknown_indicator_ref": {
        "nl": "verwijst naar onbekende indicator '{value}'",
        "en": "refers to unknown indicator '{value}'",
    },
    "rule.bad_target_years": {
        "nl": "baseline_year en target_year moeten jaartallen zijn, met target_year later",
        "en": "baseline_year and target_year must be years, target_year the later one",
    },
    "rule.bad_fraction": {
        "nl": '{value} is geen getal of breuk (bijvoorbeeld -0.25 of "-1/3")',
        "en": '{value} is not a number or fraction (for example -0.25 or "-1/3")',
    },
    "rule.one_change_kind": {
        "nl": "geef precies één van relative_change, absolute_change of target_value",
        "en": "give exactly one of relative_change, absolute_change or target_value",
    },
    "rule.duplicate_target": {"nl": "doel bestaat al", "en": "target already exists"},
    "rule.unknown_target": {
        "nl": "onbekend doel '{value}' (bekend: {known})",
        "en": "unknown target '{value}' (known: {known})",
    },
    "rule.no_target_for_indicator": {
        "nl": "geen doel voor indicator '{value}' (doelen: {known}); voeg er een toe met --targets",
        "en": "no target for indicator '{value}' (targets: {known}); add one with --targets",
    },
    "rule.no_values_for_year": {
        "nl": "geen waarden voor jaar {year}",
        "en": "no values for year {year}",
    },
    "mon.synthetic": {
        "nl": "LET OP: SYNTHETISCHE monitorgegevens (demo) — geen echte regio's.",
        "en": "NOTE: SYNTHETIC monitor data (demo) — not real regions.",
    },
    "mon.imported": {
        "nl": "Gelezen: {file} ({n} waarden, {regions} regio's, {indicators} indicatoren, {first}-{last}); alle regels in orde.",
        "en": "Read: {file} ({n} values, {regions} regions, {indicators} indicators, {first}-{last}); all rules met.",
    },
    "mon.no_region_check": {
        "nl": "Geen --regions opgegeven: regiocodes zijn niet tegen een regiolijst gecontroleerd.",
        "en": "No --regions given: region codes were not checked against a region list.",
    },
    "mon.indicators_title": {
        "nl": "Indicatoren (catalogus {version})",
        "en": "Indicators (catalogue {version})",
    },
    "mon.targets_title": {"nl": "Doelen (* = voorbeeld)", "en": "Targets (* = example)"},
    "mon.col.code": {"nl": "Code", "en": "Code"},
    "mon.col.name": {"nl": "Naam", "en": "Name"},
    "mon.col.unit": {"nl": "Eenheid", "en": "Unit"},
    "mon.col.kind": {"nl": "Soort", "en": "Kind"},
    "mon.col.direction": {"nl": "Richting", "en": "Direction"},
    "mon.col.source": {"nl": "Bron", "en": "Source"},
    "mon.col.id": {"nl": "Id", "en": "Id"},
    "mon.col.years": {"nl": "Jaren", "en": "Years"},
    "mon.col.change": {"nl": "Verandering", "en": "Change"},
    "mon.col.region": {"nl": "Regio", "en": "Region"},
    "mon.col.baseline": {"nl": "Basisjaar", "en": "Baseline"},
    "mon.col.latest": {"nl": "Laatste", "en": "Latest"},
    "mon.col.goal": {"nl": "Doel", "en": "Target"},
    "mon.col.path": {"nl": "Vereist pad", "en": "Required path"},
    "mon.col.status": {"nl": "Status", "en": "Status"},
    "mon.col.projected": {"nl": "Doel gehaald (trend, 90 %)", "en": "Target met (trend, 90 %)"},
    "mon.col.value": {"nl": "Waarde", "en": "Value"},
    "mon.col.value_per_100k": {"nl": "Per 100.000 inw.", "en": "Per 100,000"},
    "mon.col.quartile": {"nl": "Kwartiel", "en": "Quartile"},
    "mon.col.position": {"nl": "Trechter", "en": "Funnel"},
    "mon.col.rank": {"nl": "Rang", "en": "Rank"},
    "mon.col.distance": {"nl": "Afstand", "en": "Distance"},
    "mon.col.d_inst": {"nl": "Δ klinisch+BW", "en": "Δ clinical+BW"},
    "mon.col.d_amb": {"nl": "Δ ambulant EPA+Wmo", "en": "Δ ambulant EPA+Wmo"},
    "mon.col.d_zvw": {"nl": "Δ Zvw", "en": "Δ Zvw"},
    "mon.col.d_wlz": {"nl": "Δ Wlz", "en": "Δ Wlz"},
    "mon.col.d_wmo": {"nl": "Δ Wmo", "en": "Δ Wmo"},
    "mon.col.ratio": {"nl": "€ ambulant per € minder", "en": "€ ambulant per € less"},
    "mon.kind.count": {"nl": "aantal", "en": "count"},
    "mon.kind.rate": {"nl": "aandeel/cijfer", "en": "share/grade"},
    "mon.kind.denominator": {"nl": "noemer", "en": "denominator"},
    "mon.dir.higher_better": {"nl": "hoger is beter", "en": "higher is better"},
    "mon.dir.lower_better": {"nl": "lager is beter", "en": "lower is better"},
    "mon.dir.neutral": {"nl": "neutraal", "en": "neutral"},
    "mon.status.met": {"nl": "gehaald", "en": "met"},
    "mon.data_status.provisional": {"nl": "voorlopig", "en": "provisional"},
    "mon.data_status.final": {"nl": "definitief", "en": "final"},
    "mon.status.ahead": {"nl": "voor op schema", "en": "ahead"},
    "mon.status.behind": {"nl": "achter op schema", "en": "behind"},
    "mon.status.no_baseline": {"nl": "geen basisjaar", "en": "no baseline"},
    "mon.status.no_longer_met": {
        "nl": "eerder gehaald, nu niet meer",
        "en": "met before, no longer",
    },
    "mon.status.low_coverage": {"nl": "te weinig regio's", "en": "too few regions"},
    "mon.status.coverage_changed": {
        "nl": "andere regio's dan in basisjaar",
        "en": "other regions than in baseline",
    },
    "help.min_coverage": {
        "nl": "Minimale dekking van een landelijke waarde: het aandeel van de inwoners dat in de leverende regio's woont (0-1, standaard 0,5); daaronder geen landelijke waarde.",
        "en": "Minimum coverage of a national value: the share of the inhabitants living in the reporting regions (0-1, default 0.5); below it no national value.",
    },
    "mon.coverage": {
        "nl": "Landelijk {year}: {regions} van {total} regio's, {share} van de inwoners.",
        "en": "National {year}: {regions} of {total} regions, {share} of the inhabitants.",
    },
    "mon.coverage_too_low": {
        "nl": "Geen landelijke waarde voor {year}: de regio's die leveren ({regions} van {total}) hebben samen {share} van de inwoners, minder dan het minimum van {minimum}.",
        "en": "No national value for {year}: the reporting regions ({regions} of {total}) hold {share} of the inhabitants, less than the minimum of {minimum}.",
    },
    "mon.coverage_changed": {
        "nl": "Landelijk geen oordeel: in {latest} leveren andere regio's dan in het basisjaar {baseline}, dus de sommen zijn niet vergelijkbaar (vergelijk per 100.000 inwoners).",
        "en": "No national verdict: other regions report in {latest} than in the baseline year {baseline}, so the sums are not comparable (compare per 100,000 inhabitants).",
    },
    "mon.position.above": {"nl": "boven", "en": "above"},
    "mon.position.below": {"nl": "onder", "en": "below"},
    "mon.position.within": {"nl": "binnen", "en": "within"},
    "mon.position.none": {"nl": "–", "en": "–"},
    "mon.met_in": {"nl": "gehaald in {year}", "en": "met in {year}"},
    "mon.never_on_trend": {"nl": "niet op deze trend", "en": "not on this trend"},
    # Units of the indicator catalogue not named elsewhere (unit.teams, unit.eur, ... are).
    "unit.inhabitants": {"nl": "inwoners", "en": "inhabitants"},
    "unit.trajectories": {"nl": "trajecten", "en": "trajectories"},
    "unit.respondents": {"nl": "respondenten", "en": "respondents"},
    "unit.grade": {"nl": "rapportcijfer", "en": "grade"},
    "unit.%": {"nl": "%", "en": "%"},
    "mon.need_indicator_or_target": {
        "nl": "geef --indicator of --target",
        "en": "give --indicator or --target",
    },
    "mon.progress_note": {
        "nl": "Vereist pad: lineair van basisjaar naar doeljaar. Projectie: log-lineaire trend over de laatste jaren, 90 %-onzekerheid uit de fit.",
        "en": "Required path: linear from baseline to target year. Projection: log-linear trend over the last years, 90 % uncertainty from the fit.",
    },
    "mon.yoy_title": {"nl": "Mutaties per jaar (%)", "en": "Year-on-year change (%)"},
    "mon.benchmark_title": {
        "nl": "{name} in {year} (landelijk: {nl})",
        "en": "{name} in {year} (national: {nl})",
    },
    "mon.benchmark_note": {
        "nl": "Context, geen ranglijst: regio's verschillen te veel in uitgangssituatie om 'goed' of 'slecht' te heten (002:669-673). Trechter: 95 %-grenzen rond landelijk.",
        "en": "Context, not a league table: regions differ too much in their starting point to be called 'good' or 'bad' (002:669-673). Funnel: 95 % limits around national.",
    },
    "mon.substitution_title": {
        "nl": "Substitutie {first}-{last}: verandering per 100.000 inwoners (€ mln)",
        "en": "Substitution {first}-{last}: change per 100,000 inhabitants (€ m)",
    },
    "fig.mon.actual": {"nl": "Gerealiseerd", "en": "Actual"},
    "fig.mon.path": {"nl": "Vereist pad naar doel", "en": "Required path to target"},
    "fig.mon.national_scaled": {
        "nl": "Landelijk (geschaald op basisjaar)",
        "en": "National (scaled to baseline)",
    },
    "fig.mon.national": {"nl": "Landelijk", "en": "National"},
    "fig.mon.region": {"nl": "Regio", "en": "Region"},
    "fig.mon.regions": {"nl": "Regio's", "en": "Regions"},
    "fig.mon.year": {"nl": "Jaar", "en": "Year"},
    "fig.mon.value": {"nl": "Waarde", "en": "Value"},
    "fig.mon.per_100k": {"nl": "per 100.000 inwoners", "en": "per 100,000 inhabitants"},
    "fig.mon.intensity_title": {
        "nl": "Ambulante trajecten naar intensiteit",
        "en": "Ambulant trajectories by intensity",
    },
    "fig.mon.trajectories": {"nl": "Trajecten", "en": "Trajectories"},
    "fig.mon.limits": {"nl": "Grenzen {level} %", "en": "Limits {level} %"},
    "fig.mon.population": {"nl": "Inwoners", "en": "Inhabitants"},
    "fig.mon.full_substitution": {"nl": "Volledige substitutie", "en": "Full substitution"},
    "fig.mon.substitution_title": {
        "nl": "Verschuiving van bedden naar ambulant, {first}-{last} (€ mln per 100.000)",
        "en": "Shift from beds to ambulant care, {first}-{last} (€ m per 100,000)",
    },
    "fig.mon.delta_institutional": {"nl": "Δ klinisch + Wlz + BW", "en": "Δ clinical + Wlz + BW"},
    "fig.mon.delta_ambulant": {
        "nl": "Δ ambulant EPA + Wmo-begeleiding",
        "en": "Δ ambulant EPA + Wmo support",
    },
    "help.monitor": {
        "nl": "Ambulantiseringsmonitor: reeksen, voortgang tegen doelen, benchmark, substitutie.",
        "en": "Ambulantisering monitor: series, progress against targets, benchmark, substitution.",
    },
    "help.monitor_data": {
        "nl": "Monitorgegevens (tidy CSV/Excel/Parquet of het brede Excel-sjabloon); standaard de synthetische demo.",
        "en": "Monitor data (tidy CSV/Excel/Parquet or the wide Excel template); default the synthetic demo.",
    },
    "help.catalogue": {"nl": "Extra indicatoren (TOML).", "en": "Extra indicators (TOML)."},
    "help.targets": {"nl": "Extra doelen (TOML).", "en": "Extra targets (TOML)."},
    "help.regions_file": {
        "nl": "Regiolijst (CSV/Excel met region_code) om regiocodes te controleren.",
        "en": "Region list (CSV/Excel with region_code) to check region codes against.",
    },
    "help.monitor_indicators": {
        "nl": "Toon de indicatorcatalogus.",
        "en": "List the indicator catalogue.",
    },
    "help.monitor_targets": {"nl": "Toon de doelen.", "en": "List the targets."},
    "help.monitor_import": {
        "nl": "Lees en controleer monitorgegevens; schrijf ze genormaliseerd weg.",
        "en": "Read and check monitor data; write them normalised.",
    },
    "help.monitor_file": {"nl": "Monitorbestand.", "en": "Monitor file."},
    "help.monitor_template": {
        "nl": "Schrijf het brede Excel-sjabloon.",
        "en": "Write the wide Excel template.",
    },
    "help.monitor_demo": {
        "nl": "Vul het sjabloon met de synthetische demo.",
        "en": "Fill it with the synthetic demo.",
    },
    "help.monitor_demo_data": {
        "nl": "Schrijf de synthetische monitorgeschiedenis 2008-2024 (tidy).",
        "en": "Write the synthetic monitor history 2008-2024 (tidy).",
    },
    "help.monitor_progress": {
        "nl": "Voortgang tegen een doel per regio, met projectie op de huidige trend.",
        "en": "Progress against a target per region, with a projection on the current trend.",
    },
    "help.indicator": {"nl": "Indicatorcode (zie 'monitor indicators').", "en": "Indicator code."},
    "help.target": {"nl": "Doel-id (zie 'monitor targets').", "en": "Target id."},
    "help.fit_years": {
        "nl": "Aantal laatste jaren voor de trend.",
        "en": "Number of last years for the trend.",
    },
    "help.per_100k": {"nl": "Reken per 100.000 inwoners.", "en": "Work per 100,000 inhabitants."},
    "help.monitor_yoy": {
        "nl": "Mutaties per jaar, zoals Tabel 1 (002:228-236).",
        "en": "Year-on-year changes, like Tabel 1.",
    },
    "help.from_year": {"nl": "Eerste jaar.", "en": "First year."},
    "help.to_year": {"nl": "Laatste jaar.", "en": "Last year."},
    "help.monitor_benchmark": {
        "nl": "Vergelijk regio's op een indicator in een jaar (context, trechter, vergelijkbare regio's).",
        "en": "Compare regions on an indicator in a year (context, funnel, similar regions).",
    },
    "help.year": {"nl": "Jaar.", "en": "Year."},
    "help.similar_to": {
        "nl": "Toon deze regio met de meest vergelijkbare regio's.",
        "en": "Show this region with its most similar regions.",
    },
    "help.k": {"nl": "Aantal vergelijkbare regio's.", "en": "Number of similar regions."},
    "help.features_areas": {
        "nl": "Gebiedenbestand voor de kenmerken van regio's (standaard de demo).",
        "en": "Areas file for the regions' features (default the demo).",
    },
    "help.rank": {
        "nl": "Sorteer op rang in plaats van regiocode.",
        "en": "Sort by rank instead of region code.",
    },
    "help.monitor_substitution": {
        "nl": "Verschuiving van klinische en BW-uitgaven naar ambulante en Wmo-uitgaven per regio.",
        "en": "Shift from clinical and BW spending to ambulant and Wmo spending per region.",
    },
    "help.monitor_figures": {
        "nl": "Schrijf de monitorfiguren (trend, regio's, intensiteit, trechter, substitutie).",
        "en": "Write the monitor figures (trend, regions, intensity, funnel, substitution).",
    },
    "help.figures_dir": {"nl": "Map voor de figuren.", "en": "Folder for the figures."},
    "help.image_format": {
        "nl": "html (standaard), png of svg.",
        "en": "html (default), png or svg.",
    },
    "sheet.series": {"nl": "reeksen", "en": "series"},
    "sheet.year_on_year": {"nl": "mutaties", "en": "year on year"},
    "sheet.benchmark": {"nl": "benchmark", "en": "benchmark"},
    "sheet.substitution": {"nl": "substitutie", "en": "substitution"},
}
