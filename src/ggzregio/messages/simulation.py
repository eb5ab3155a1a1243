"""Texts of the dynamic projection (simulation)."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

_SERVICES = {
    "ambulant": ("reguliere ambulante GGZ", "regular ambulant GGZ"),
    "fact": ("FACT", "FACT"),
    "iht": ("IHT", "IHT"),
    "short": ("kortdurende opname", "short-stay admission"),
    "long": ("langdurige opname", "long-stay admission"),
    "bw": ("beschermd wonen", "sheltered housing"),
}
_VARIABLES = {
    "stock": ("In zorg: {s}", "In care: {s}"),
    "occupancy": ("Bezetting: {s}", "Occupancy: {s}"),
    "admissions": ("Instroom: {s}", "Admissions: {s}"),
    "waiting": ("Wachtenden: {s}", "People waiting: {s}"),
    "wait_months": ("Verwachte wachttijd (maanden): {s}", "Expected wait (months): {s}"),
    "beyond_treeknorm": ("Aandeel boven treeknorm: {s}", "Share beyond treeknorm: {s}"),
}
_OTHER = {
    "untreated": ("Met EPA buiten GGZ-zorg", "With SMI outside GGZ care"),
    "waiting_outside": ("Wachtend van buiten de zorg", "Waiting from outside care"),
    "population": ("Volwassenen met EPA", "Adults with SMI"),
    "blocked_bed_days": ("Geblokkeerde beddagen (kliniek)", "Blocked bed-days (clinic)"),
    "blocked_bw_days": ("Geblokkeerde BW-dagen", "Blocked sheltered-housing days"),
    "iht_overflow": ("Crises opgenomen omdat IHT vol was", "Crises admitted because IHT was full"),
    "to_housing": (
        "Uitstroom uit BW en langdurige kliniek naar een gewone woning",
        "Moves from sheltered housing and long stay into an ordinary home",
    ),
    "fact_reach": (
        "Bereik FACT/integrale teams (van alle EPA)",
        "Reach of FACT/integrated teams (of all SMI)",
    ),
    "fact_reach_in_care": ("Bereik FACT (van EPA in zorg)", "Reach of FACT (of SMI in care)"),
    "institution_share": ("Aandeel in kliniek of BW", "Share in clinic or sheltered housing"),
    "spending_clinical": ("Uitgaven klinisch", "Spending clinical"),
    "spending_bw": ("Uitgaven beschermd wonen", "Spending sheltered housing"),
    "spending_ambulant_epa": ("Uitgaven ambulant EPA", "Spending ambulant SMI"),
    "spending_ambulant_other": ("Uitgaven ambulant overig", "Spending ambulant other"),
    "spending_zvw": ("Uitgaven Zvw", "Spending Zvw"),
    "spending_wlz": ("Uitgaven Wlz", "Spending Wlz"),
    "spending_wmo": ("Uitgaven Wmo", "Spending Wmo"),
    "spending_total": ("Uitgaven totaal", "Spending total"),
}
_OUTCOMES = {
    "blocked_bed_days": ("Geblokkeerde beddagen (hele periode)", "Blocked bed-days (whole period)"),
    "beyond_treeknorm_ambulant": (
        "Aandeel boven treeknorm, reguliere GGZ (laatste jaar)",
        "Share beyond treeknorm, regular GGZ (last year)",
    ),
    "waiting_outside": ("Wachtend van buiten de zorg (eind)", "Waiting from outside care (end)"),
    "admissions_short": ("Opnamen per jaar (laatste jaar)", "Admissions per year (last year)"),
    "spending_total": ("Uitgaven (hele periode)", "Spending (whole period)"),
    "fact_reach": ("Bereik FACT/integrale teams (eind)", "Reach of FACT/integrated teams (end)"),
}

MESSAGES: Final[Catalogue] = {
    **{f"sim.service.{k}": {"nl": nl, "en": en} for k, (nl, en) in _SERVICES.items()},
    **{
        f"sim.var.{kind}_{s}": {
            "nl": nl.format(s=_SERVICES[s][0]),
            "en": en.format(s=_SERVICES[s][1]),
        }
        for kind, (nl, en) in _VARIABLES.items()
        for s in _SERVICES
    },
    **{f"sim.var.{k}": {"nl": nl, "en": en} for k, (nl, en) in _OTHER.items()},
    **{f"sim.outcome.{k}": {"nl": nl, "en": en} for k, (nl, en) in _OUTCOMES.items()},
    "rule.simulation.cannot_balance": {
        "nl": "de uitgangssituatie kan niet in evenwicht worden gebracht: '{quantity}' komt uit op {value:.4g} in regio {regions}; pas de parameters aan (bijvoorbeeld verblijfsduren of doorstroomaandelen)",
        "en": "the current situation cannot be balanced: '{quantity}' comes out at {value:.4g} in region {regions}; change the parameters (for example stays or discharge shares)",
    },
    "rule.value_outside_range": {
        "nl": "de waarde {value} ligt buiten de bandbreedte",
        "en": "the value {value} lies outside the range",
    },
    "rule.stay_below_month": {
        "nl": "een verblijfsduur is minstens 1 maand (de tijdstap van het model; gevonden: {value})",
        "en": "a stay is at least 1 month (the model's time step; found: {value})",
    },
    "rule.missing_source": {
        "nl": "geef een bron ('cite', seed:regel) of markeer de waarde als aanname ('assumption = true')",
        "en": "give a source ('cite', seed:line) or mark the value as an assumption ('assumption = true')",
    },
    "rule.sim_jobs_per_account": {
        "nl": "u heeft al {limit} simulaties in de wachtrij of bezig; wacht tot er een klaar is",
        "en": "you already have {limit} simulations queued or running; wait until one is done",
    },
    "rule.simulation.too_large": {
        "nl": "te grote berekening: {runs} runs (maximaal {limit}); kies minder trekkingen, jaren of regio's",
        "en": "calculation too large: {runs} runs (at most {limit}); choose fewer draws, years or regions",
    },
    "sim.title.fan": {"nl": "{variable} — {region}", "en": "{variable} — {region}"},
    "sim.title.stacked": {
        "nl": "Bezetting per voorziening (mediaan) — {region}, {scenario}",
        "en": "Occupancy by service (median) — {region}, {scenario}",
    },
    "sim.title.waiting": {
        "nl": "Verwachte wachttijd (mediaan) — {region}",
        "en": "Expected wait (median) — {region}",
    },
    "unit.persons": {"nl": "personen", "en": "persons"},
    "unit.share": {"nl": "aandeel", "en": "share"},
    "unit.months": {"nl": "maanden", "en": "months"},
    "unit.days": {"nl": "dagen", "en": "days"},
    "unit.eur": {"nl": "euro", "en": "euros"},
    "sim.axis.month": {"nl": "maand", "en": "month"},
    "sim.axis.persons": {"nl": "personen", "en": "persons"},
    "sim.axis.months": {"nl": "maanden", "en": "months"},
    "sim.band50": {"nl": "{scenario}: 50 %-band", "en": "{scenario}: 50 % band"},
    "sim.band90": {"nl": "{scenario}: 90 %-band", "en": "{scenario}: 90 % band"},
    "sim.median": {"nl": "{scenario}: mediaan", "en": "{scenario}: median"},
    "sim.progress": {"nl": "Simuleren", "en": "Simulating"},
    "sim.done": {
        "nl": "{scenarios} scenario('s) × {regions} regio('s) × {draws} trekkingen × {years} jaar berekend in {seconds} s.",
        "en": "{scenarios} scenario(s) × {regions} region(s) × {draws} draws × {years} years computed in {seconds} s.",
    },
    "sim.redrawn": {
        "nl": "{n} trekkingen opnieuw getrokken omdat ze de uitgangssituatie niet konden reproduceren.",
        "en": "{n} draws redrawn because they could not reproduce the current situation.",
    },
    "sim.assumptions": {
        "nl": "Aannames (geen bron in de seeds; aan te passen met --params): {names}",
        "en": "Assumptions (no source in the seeds; change them with --params): {names}",
    },
    "sim.table.title": {
        "nl": "Uitkomsten over {years} jaar (mediaan en 90 %-band van het verschil)",
        "en": "Outcomes over {years} years (median and 90 % band of the difference)",
    },
    "sim.meur": {"nl": "{label} (€ mln)", "en": "{label} (€ million)"},
    "sim.col.parameter": {"nl": "parameter", "en": "parameter"},
    "sim.col.value": {"nl": "waarde", "en": "value"},
    "sim.col.range": {"nl": "bandbreedte", "en": "range"},
    "sim.col.source": {"nl": "bron", "en": "source"},
    "sim.assumption": {"nl": "aanname", "en": "assumption"},
    "sim.figures_written": {
        "nl": "{n} figuren geschreven in {folder}",
        "en": "{n} figures written to {folder}",
    },
    "sim.col.region": {"nl": "regio", "en": "region"},
    "sim.col.outcome": {"nl": "uitkomst", "en": "outcome"},
    "sim.col.a": {"nl": "A", "en": "A"},
    "sim.col.b": {"nl": "B", "en": "B"},
    "sim.col.diff": {"nl": "A − B (90 %)", "en": "A − B (90 %)"},
    "sim.col.prob": {"nl": "kans A beter", "en": "P(A better)"},
    "sim.summary.title": {
        "nl": "Uitkomsten per scenario (mediaan, alle regio's)",
        "en": "Outcomes per scenario (median, all regions)",
    },
    "sim.pairs": {"nl": "Scenario A = {a}, B = {b}", "en": "Scenario A = {a}, B = {b}"},
    "sim.unknown_outcome": {
        "nl": "onbekende uitkomst '{value}' (kies uit: {known})",
        "en": "unknown outcome '{value}' (choose from: {known})",
    },
    "web.simulation": {"nl": "Simulatie", "en": "Simulation"},
    "web.sim_intro": {
        "nl": "Hoe pakt een plan maand voor maand uit? Het stroommodel volgt volwassenen met EPA door ambulante zorg, FACT, IHT, kliniek en beschermd wonen, met wachtlijsten voor elke voorziening en bedblokkade als de vervolgplek vol is. De huidige situatie is de landelijke uitgangssituatie; de capaciteit gaat in de gekozen overgangsjaren naar het plan. Banden tonen de onzekerheid over de aannames.",
        "en": "How does a plan play out month by month? The flow model follows adults with SMI through ambulant care, FACT, IHT, clinic and sheltered housing, with waiting lists for every service and bed blocking when the next place is full. The current situation is the national baseline; capacity moves to the plan over the chosen transition years. Bands show the uncertainty of the assumptions.",
    },
    "web.sim_plans": {
        "nl": "Plannen (kies er twee of meer om te vergelijken)",
        "en": "Plans (choose two or more to compare)",
    },
    "web.sim_settings": {"nl": "Instellingen", "en": "Settings"},
    "web.sim_years": {"nl": "Jaren", "en": "Years"},
    "web.sim_transition": {"nl": "Overgangsjaren", "en": "Transition years"},
    "web.sim_draws": {"nl": "Trekkingen", "en": "Draws"},
    "web.sim_path": {"nl": "Verloop", "en": "Path"},
    "web.sim_path_linear": {"nl": "gelijkmatig", "en": "even"},
    "web.sim_path_step": {"nl": "in één keer aan het eind", "en": "all at once at the end"},
    "web.sim_path_front": {"nl": "vooral in het begin", "en": "mostly early"},
    "web.sim_path_back": {"nl": "vooral aan het eind", "en": "mostly late"},
    "web.sim_variable": {"nl": "Waaiergrafiek van", "en": "Fan chart of"},
    "web.sim_run": {"nl": "Simuleren", "en": "Simulate"},
    "web.sim_result": {"nl": "Uitkomst", "en": "Result"},
    "web.sim_comparison": {
        "nl": "Vergelijking over de hele periode (mediaan en 90 %-band van het verschil A − B)",
        "en": "Comparison over the whole period (median and 90 % band of the difference A − B)",
    },
    "web.sim_probability_pct": {"nl": "kans A beter (%)", "en": "P(A better) (%)"},
    "web.sim_difference": {"nl": "A − B", "en": "A − B"},
    "web.sim_difference_p05": {"nl": "A − B, 5 %", "en": "A − B, 5 %"},
    "web.sim_difference_p95": {"nl": "A − B, 95 %", "en": "A − B, 95 %"},
    "web.sim_fan_alt": {
        "nl": "Waaiergrafiek: mediaan met 50 %- en 90 %-band per plan",
        "en": "Fan chart: median with 50 % and 90 % bands per plan",
    },
    "web.sim_stacked_alt": {
        "nl": "Bezetting per voorziening (mediaan), gestapeld",
        "en": "Occupancy by service (median), stacked",
    },
    "web.sim_waiting_alt": {
        "nl": "Verwachte wachttijd per voorziening (mediaan)",
        "en": "Expected wait by service (median)",
    },
    "web.sim_assumptions": {
        "nl": "{n} parameters zijn aannames zonder bron in de seeds (zie docs/simulation.md).",
        "en": "{n} parameters are assumptions without a source in the seeds (see docs/simulation.md).",
    },
    "web.sim_versions": {"nl": "Versies", "en": "Versions"},
    "web.sim_bad_number": {
        "nl": "{field}: geef een getal van {low} tot en met {high}",
        "en": "{field}: give a number from {low} to {high}",
    },
    "web.sim_job_login": {
        "nl": "Grote simulaties lopen als achtergrondtaak; meld u aan (API-token).",
        "en": "Large simulations run as background jobs; sign in (API token).",
    },
    "help.simulate": {
        "nl": "Dynamische projectie: stromen, wachtlijsten, bedblokkade en budgetten per maand over de jaren, met onzekerheid; vergelijk plannen.",
        "en": "Dynamic projection: flows, waiting lists, bed blocking and budgets month by month over the years, with uncertainty; compare plans.",
    },
    "help.sim_plan": {
        "nl": "normset of scenariobestand (herhaal voor meer plannen)",
        "en": "norm set or scenario file (repeat for more plans)",
    },
    "help.sim_years": {"nl": "aantal jaren", "en": "number of years"},
    "help.sim_draws": {
        "nl": "aantal Monte-Carlotrekkingen (1 = centrale waarden)",
        "en": "number of Monte Carlo draws (1 = central values)",
    },
    "help.sim_transition": {
        "nl": "jaren om van nu naar het plan te gaan",
        "en": "years to go from now to the plan",
    },
    "help.sim_path": {
        "nl": "verloop van de overgang: linear, step, front, back",
        "en": "shape of the transition: linear, step, front, back",
    },
    "help.sim_regions": {
        "nl": "regiocodes, komma-gescheiden (standaard: alle)",
        "en": "region codes, comma-separated (default: all)",
    },
    "help.sim_areas": {
        "nl": "gebiedenbestand (standaard: de synthetische demo)",
        "en": "areas file (default: the synthetic demo)",
    },
    "help.sim_params": {
        "nl": "parameterbestand (TOML) dat waarden van de meegeleverde set wijzigt",
        "en": "parameter file (TOML) that changes values of the shipped set",
    },
    "help.sim_inventory": {
        "nl": "inventarisatie (Excel-sjabloon) als huidige situatie van haar regio",
        "en": "inventory (Excel template) as the current situation of its region",
    },
    "help.sim_figures": {
        "nl": "map voor figuren (waaiergrafieken, bezetting, wachttijd)",
        "en": "folder for figures (fan charts, occupancy, waiting)",
    },
    "help.sim_figure_format": {
        "nl": "formaat van figuren: html, png, svg",
        "en": "figure format: html, png, svg",
    },
    "help.sim_seed": {"nl": "startgetal van de toevalsgenerator", "en": "random seed"},
    "help.sim_outcome": {
        "nl": "uitkomst voor de vergelijking (herhaalbaar)",
        "en": "outcome for the comparison (repeatable)",
    },
    "help.sim_parameters": {
        "nl": "Toon de parameters van het stroommodel met bron of aanname.",
        "en": "Show the flow model's parameters with source or assumption.",
    },
}
