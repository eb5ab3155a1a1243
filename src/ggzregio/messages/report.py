"""Texts of the regiobeeld report."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    "report.title": {"nl": "Regiobeeld {region}", "en": "Regional profile {region}"},
    "report.subtitle": {
        "nl": "ggzregio-rapport voor de regiegroep · regio {code} · {date}",
        "en": "ggzregio report for the steering group · region {code} · {date}",
    },
    "report.synthetic": {
        "nl": "SYNTHETISCHE DEMODATA: verzonnen gebieden, gemeenten en regio's; geen echte cijfers.",
        "en": "SYNTHETIC DEMO DATA: invented areas, municipalities and regions; not real figures.",
    },
    "report.summary": {"nl": "Samenvatting", "en": "Summary"},
    "report.expected_epa": {
        "nl": "Verwacht aantal volwassenen met EPA in zorg",
        "en": "Expected adults with SMI in care",
    },
    "report.national": {"nl": " (Nederland: {rate})", "en": " (Netherlands: {rate})"},
    "report.point_population": {
        "nl": "Geschatte EPA-populatie (in en buiten zorg): {low} tot {high} volwassenen.",
        "en": "Estimated SMI population (in and out of care): {low} to {high} adults.",
    },
    "report.point_plan": {
        "nl": "Capaciteit en budget volgens de normset '{scenario}', gecorrigeerd voor de "
        "verwachte prevalentie van de regio.",
        "en": "Capacity and budget by norm set '{scenario}', adjusted for the region's "
        "expected prevalence.",
    },
    "report.point_gap": {
        "nl": "Het verschil met de inventarisatie {year} staat per voorziening in hoofdstuk 3.",
        "en": "The gap against the {year} inventory is listed per service in section 3.",
    },
    "report.point_no_gap": {
        "nl": "Geen inventarisatie beschikbaar (of niet zichtbaar voor u): geen verschilanalyse.",
        "en": "No inventory available (or not visible to you): no gap analysis.",
    },
    "report.point_monitor": {
        "nl": "De monitor vergelijkt de afbouw van bedden met de basis 2008 en het doel.",
        "en": "The monitor compares the reduction of beds with the 2008 baseline and the target.",
    },
    "report.reading": {
        "nl": "Schattingen zijn verwachtingen op basis van gebiedskenmerken, geen tellingen. "
        "Bandbreedtes geven aan hoe ver de werkelijkheid er in gebieden meestal van afligt.",
        "en": "Estimates are expectations from area characteristics, not counts. Ranges show "
        "how far reality usually lies from them in areas.",
    },
    "report.prevalence": {
        "nl": "1. Verwachte EPA-zorgprevalentie",
        "en": "1. Expected SMI care prevalence",
    },
    "report.municipalities": {"nl": "Per gemeente", "en": "Per municipality"},
    "report.top_areas": {
        "nl": "Gebieden met de hoogste verwachte prevalentie",
        "en": "Areas with the highest expected prevalence",
    },
    "report.intervals": {
        "nl": "Bandbreedte: 90 % van de gebieden ligt binnen deze grenzen (004:1722-1733).",
        "en": "Range: 90 % of areas lie within these limits (004:1722-1733).",
    },
    "report.p90_low": {"nl": "90%-band laag", "en": "90% band low"},
    "report.p90_high": {"nl": "90%-band hoog", "en": "90% band high"},
    "report.observed": {
        "nl": "2. Waargenomen tegenover verwacht",
        "en": "2. Observed versus expected",
    },
    "report.no_observed": {
        "nl": "Geen waargenomen (declaratie)gegevens in dit rapport: niet beschikbaar of alleen "
        "zichtbaar voor leden van de regio.",
        "en": "No observed (claims) data in this report: not available or only visible to "
        "members of the region.",
    },
    "report.suppressed": {
        "nl": "Aantallen onder {threshold} zijn onderdrukt.",
        "en": "Counts below {threshold} are suppressed.",
    },
    "report.ratio": {"nl": "Waargenomen/verwacht", "en": "Observed/expected"},
    "report.plan": {"nl": "3. Plan: normset '{scenario}'", "en": "3. Plan: norm set '{scenario}'"},
    "report.plan_caption": {
        "nl": "Middenwaarden; hele eenheden naar boven afgerond.",
        "en": "Mid values; whole units rounded up.",
    },
    "report.gap": {
        "nl": "Verschil met de inventarisatie {year}",
        "en": "Gap against the {year} inventory",
    },
    "report.item": {"nl": "Voorziening", "en": "Service"},
    "report.units": {"nl": "Eenheden", "en": "Units"},
    "report.whole_units": {"nl": "Hele eenheden", "en": "Whole units"},
    "report.eur": {"nl": "Euro per jaar", "en": "Euro per year"},
    "report.current": {"nl": "Nu", "en": "Now"},
    "report.target": {"nl": "Doel", "en": "Target"},
    "report.difference": {"nl": "Verschil", "en": "Difference"},
    "report.status": {"nl": "Status", "en": "Status"},
    "report.monitor": {
        "nl": "4. Monitor ambulantisering",
        "en": "4. Monitor of deinstitutionalisation",
    },
    "report.progress_caption": {
        "nl": "Intramurale plaatsen: basis 2008, laatste jaar en verandering.",
        "en": "Inpatient places: 2008 baseline, latest year and change.",
    },
    "report.baseline": {"nl": "Basis", "en": "Baseline"},
    "report.latest": {"nl": "Laatste", "en": "Latest"},
    "report.change_pct": {"nl": "Verandering %", "en": "Change %"},
    "report.year": {"nl": "Jaar", "en": "Year"},
    "report.per_100k": {"nl": "per 100.000 inwoners", "en": "per 100,000 inhabitants"},
    "report.trend_title": {
        "nl": "Capaciteit per 100.000 inwoners door de jaren",
        "en": "Capacity per 100,000 inhabitants over the years",
    },
    "report.appendix": {
        "nl": "Bijlage: methode, bronnen en versies",
        "en": "Appendix: methods, sources and versions",
    },
    "report.methods": {"nl": "Methode", "en": "Methods"},
    "report.method_model": {
        "nl": "Verwachte prevalentie per 1.000 volwassenen = 0,1574 × % eenpersoonshuishoudens "
        "+ 0,9021 × % bijstand + 0,6106 × % arbeidsongeschiktheid + constante per "
        "stedelijkheidsklasse (Trimbos-model, 004:1600-1676, erratum 2017 004:1680).",
        "en": "Expected prevalence per 1,000 adults = 0.1574 × % one-person households + "
        "0.9021 × % social assistance + 0.6106 × % disability benefit + a constant per "
        "urbanity class (Trimbos model, 004:1600-1676, erratum 2017 004:1680).",
    },
    "report.method_plan": {
        "nl": "Capaciteit en budget volgen de normen per 100.000 inwoners van de gekozen normset, "
        "elk met bronvermelding in de normset zelf.",
        "en": "Capacity and budget follow the per-100,000 norms of the chosen norm set, each "
        "cited in the norm set itself.",
    },
    "report.method_privacy": {
        "nl": "Aantallen personen uit declaratie- of cliëntgegevens onder {threshold} worden niet "
        "getoond (met secundaire onderdrukking).",
        "en": "Counts of people from claims or client data below {threshold} are not shown "
        "(with secondary suppression).",
    },
    "report.versions": {"nl": "Model- en dataversies", "en": "Model and data versions"},
    "report.no_chromium": {
        "nl": "Een rapport maken vraagt Chromium (Debian-pakket 'chromium'); niet gevonden",
        "en": "Making a report needs Chromium (Debian package 'chromium'); not found",
    },
    "report.busy": {
        "nl": "Er worden nu te veel rapporten tegelijk gemaakt; probeer het over een paar seconden opnieuw",
        "en": "Too many reports are being made at once; try again in a few seconds",
    },
    "report.pdf_failed": {
        "nl": "PDF maken mislukt: {detail}",
        "en": "Making the PDF failed: {detail}",
    },
    "report.bad_format": {
        "nl": "rapport kan alleen .html of .pdf zijn, niet '{suffix}'",
        "en": "a report can only be .html or .pdf, not '{suffix}'",
    },
    "help.region_report": {
        "nl": "Regiobeeld-rapport (PDF of zelfstandige HTML) voor een regio uit de database.",
        "en": "Regional profile report (PDF or self-contained HTML) for a region from the database.",
    },
    "web.report": {
        "nl": "Regiobeeld-rapport voor de regiegroep downloaden",
        "en": "Download the regional profile report for the steering group",
    },
    "report.written": {"nl": "Rapport geschreven: {path}", "en": "Report written: {path}"},
}
