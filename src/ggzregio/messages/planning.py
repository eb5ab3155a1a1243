"""Texts of planning (norm sets, scenarios, capacity, gap) and the inventory checklist."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    # --- problems in scenario files and inventories -------------------------------------
    "rule.toml_syntax": {"nl": "geen geldige TOML: {detail}", "en": "not valid TOML: {detail}"},
    "rule.normset_schema": {
        "nl": "schema moet '{expected}' zijn (gevonden: {value})",
        "en": "schema must be '{expected}' (found: {value})",
    },
    "rule.unknown_key": {
        "nl": "onbekende sleutel (toegestaan: {allowed})",
        "en": "unknown key (allowed: {allowed})",
    },
    "rule.missing_key": {"nl": "verplichte sleutel ontbreekt", "en": "required key is missing"},
    "rule.not_a_number": {"nl": "geen getal (gevonden: {value})", "en": "not a number ({value})"},
    "rule.not_text": {"nl": "moet tekst zijn (gevonden: {value})", "en": "must be text ({value})"},
    "rule.not_a_table": {"nl": "moet een tabel zijn", "en": "must be a table"},
    "rule.negative_value": {
        "nl": "mag niet negatief zijn (gevonden: {value})",
        "en": "must not be negative (found: {value})",
    },
    "rule.must_be_positive": {
        "nl": "moet groter dan 0 zijn (gevonden: {value})",
        "en": "must be greater than 0 (found: {value})",
    },
    "rule.bad_range": {
        "nl": "een bereik is [laag, hoog] met laag ≤ hoog (gevonden: {value})",
        "en": "a range is [low, high] with low ≤ high (found: {value})",
    },
    "rule.bad_id": {
        "nl": "id mag alleen kleine letters, cijfers, '-' en '_' bevatten (gevonden: {value})",
        "en": "id may hold only lower-case letters, digits, '-' and '_' (found: {value})",
    },
    "rule.bad_choice": {
        "nl": "ongeldige keuze {value} (toegestaan: {allowed})",
        "en": "invalid choice {value} (allowed: {allowed})",
    },
    "rule.unknown_category": {
        "nl": "onbekende uitgavencategorie (toegestaan: {allowed})",
        "en": "unknown spending category (allowed: {allowed})",
    },
    "rule.share_range": {
        "nl": "een aandeel ligt tussen 0 en 1 (gevonden: {value})",
        "en": "a share lies between 0 and 1 (found: {value})",
    },
    "rule.missing_for_basis": {
        "nl": "verplicht omdat budget.basis = '{basis}'",
        "en": "required because budget.basis = '{basis}'",
    },
    "rule.shares_sum": {
        "nl": "de aandelen tellen op tot {total} %, niet tot 100 %",
        "en": "the shares add up to {total} %, not 100 %",
    },
    "rule.per_100k_and_catchment": {
        "nl": "geef per_100k óf catchment, niet allebei",
        "en": "give per_100k or catchment, not both",
    },
    "rule.unquantified_needs_note": {
        "nl": "een post zonder aantal heeft een toelichting (note) nodig",
        "en": "an item without a number needs a note",
    },
    "rule.bad_part_of": {
        "nl": "part_of verwijst naar '{value}', dat geen post met dezelfde eenheid is",
        "en": "part_of refers to '{value}', which is not an item with the same unit",
    },
    "rule.part_exceeds_total": {
        "nl": "het deel is groter dan het geheel '{value}'",
        "en": "the part is larger than the whole '{value}'",
    },
    "rule.unknown_norm_set": {
        "nl": "onbekende normset of bestand (meegeleverd: {known})",
        "en": "unknown norm set or file (shipped: {known})",
    },
    "rule.unknown_region": {
        "nl": "regio '{value}' komt niet voor (wel: {known})",
        "en": "region '{value}' does not occur (present: {known})",
    },
    # --- names -----------------------------------------------------------------------------
    "category.clinical": {"nl": "Klinisch", "en": "Clinical"},
    "category.bw": {"nl": "Beschermd wonen", "en": "Sheltered housing"},
    "category.ambulant_epa": {"nl": "Ambulant EPA", "en": "Ambulant EPA"},
    "category.ambulant_other": {"nl": "Ambulant overig", "en": "Ambulant other"},
    "category.justice": {"nl": "Justitie (buiten kader)", "en": "Justice (outside frame)"},
    "item.fact": {"nl": "FACT-teams", "en": "FACT teams"},
    "item.iht": {"nl": "IHT-teams", "en": "IHT teams"},
    "item.vip": {"nl": "VIP-teams", "en": "VIP teams"},
    "item.clinical": {"nl": "Klinische plaatsen", "en": "Clinical places"},
    "item.clinical_short_stay": {
        "nl": "  waarvan kortdurend",
        "en": "  of which short-stay",
    },
    "item.bw": {"nl": "BW-plaatsen", "en": "Sheltered housing places"},
    "item.ambulant_support": {
        "nl": "Ambulante begeleiding",
        "en": "Ambulant support",
    },
    "item.peer_support": {
        "nl": "Ervaringsdeskundige / herstelcapaciteit",
        "en": "Peer-run / recovery capacity",
    },
    "item.neighbourhood_centre": {"nl": "GGZ-wijkcentra", "en": "Neighbourhood GGZ centres"},
    "unit.teams": {"nl": "teams", "en": "teams"},
    "unit.centres": {"nl": "wijkcentra", "en": "centres"},
    "unit.places": {"nl": "plaatsen", "en": "places"},
    "unit.fte": {"nl": "fte", "en": "fte"},
    "measure.fte": {"nl": "fte", "en": "fte"},
    "measure.places": {"nl": "plaatsen", "en": "places"},
    "rounding.up": {"nl": "naar boven afgerond", "en": "rounded up"},
    "rounding.nearest": {"nl": "afgerond", "en": "rounded to nearest"},
    "rounding.down": {"nl": "naar beneden afgerond", "en": "rounded down"},
    "status.below": {"nl": "onder doel", "en": "below target"},
    "status.within": {"nl": "binnen bereik", "en": "within range"},
    "status.above": {"nl": "boven doel", "en": "above target"},
    "status.unknown": {"nl": "niet ingevuld", "en": "not recorded"},
    "status.unquantified": {"nl": "geen norm", "en": "no norm"},
    "summary.inhabitants": {"nl": "Inwoners", "en": "Inhabitants"},
    "summary.prevalence_factor": {
        "nl": "Prevalentiefactor (regio / landelijk)",
        "en": "Prevalence factor (region / national)",
    },
    "summary.neighbourhoods": {
        "nl": "Wijken van circa 20.000 inwoners",
        "en": "Neighbourhoods of about 20,000",
    },
    "summary.epa_population": {"nl": "Mensen met EPA (schatting)", "en": "People with EPA (est.)"},
    "summary.caseload_total": {"nl": "Caseload FACT/ACT", "en": "FACT/ACT caseload"},
    "summary.fact_reach": {
        "nl": "Bereik FACT-caseload (deel van EPA-populatie)",
        "en": "Reach of FACT caseload (share of EPA population)",
    },
    "summary.ambulant_epa_fte": {"nl": "Fte ambulante EPA-posten", "en": "Ambulant EPA item fte"},
    "summary.cost_per_fte_implied": {
        "nl": "Impliciete kosten per fte (ambulant EPA)",
        "en": "Implied cost per fte (ambulant EPA)",
    },
    "summary.unit_cost_fte": {
        "nl": "Kosten per fte (referentie)",
        "en": "Cost per fte (reference)",
    },
    "summary.total_eur": {"nl": "Totale GGZ-uitgaven", "en": "Total GGZ spending"},
    # --- derivations -------------------------------------------------------------------------
    "plan.per_100k": {"nl": "per 100.000", "en": "per 100,000"},
    "plan.catchment": {
        "nl": "1 per {n} inwoners = {per} per 100.000",
        "en": "1 per {n} inhabitants = {per} per 100,000",
    },
    "plan.catchment_short": {"nl": "(1 per {n} inw.)", "en": "(1 per {n} inhab.)"},
    "plan.increment": {
        "nl": "{base} {unit} (uitgangssituatie) + {inc} {unit} (toename) = {level} {unit} per 100.000",
        "en": "{base} {unit} (baseline) + {inc} {unit} (increment) = {level} {unit} per 100,000",
    },
    "plan.prevalence_factor": {"nl": "prevalentiefactor", "en": "prevalence factor"},
    "plan.whole": {"nl": "hele {unit}: {n} ({rule})", "en": "whole {unit}: {n} ({rule})"},
    "plan.caseload": {"nl": "caseload", "en": "caseload"},
    "plan.part_of": {
        "nl": "onderdeel van '{parent}' (kosten daar geteld)",
        "en": "part of '{parent}' (costs counted there)",
    },
    "plan.unquantified": {
        "nl": "niet gekwantificeerd in de bron",
        "en": "not quantified in the source",
    },
    "plan.no_prevalence": {
        "nl": "geen regionale prevalentie opgegeven: landelijk gemiddelde (factor 1)",
        "en": "no regional prevalence given: national average (factor 1)",
    },
    "plan.caseload_sum": {
        "nl": "som van de caseloads (teams × caseload per team)",
        "en": "sum of caseloads (teams × caseload per team)",
    },
    "plan.reach_rule": {
        "nl": "caseload / mensen met EPA (laag: lage caseload / hoge populatie)",
        "en": "caseload / people with EPA (low: low caseload / high population)",
    },
    "plan.ambulant_fte_rule": {
        "nl": "som van de fte van gekwantificeerde posten in 'ambulant EPA'",
        "en": "sum of fte of quantified items in 'ambulant EPA'",
    },
    "plan.cost_per_fte_rule": {
        "nl": "uitgaven ambulant EPA / fte ambulante EPA-posten (alleen gekwantificeerde posten)",
        "en": "ambulant EPA spending / ambulant EPA item fte (quantified items only)",
    },
    "plan.range_note": {
        "nl": "Bereiken uit de bron blijven bereiken: laag-hoog; 'midden' is het midden daarvan.",
        "en": "Ranges from the source stay ranges: low-high; 'mid' is their midpoint.",
    },
    "plan.assumptions": {
        "nl": "* Bevat aannames die niet uit de bron komen (zie toelichting per post).",
        "en": "* Contains assumptions not taken from the source (see the note per item).",
    },
    "plan.prev_from_result": {
        "nl": "schattingsbestand {file}",
        "en": "estimate file {file}",
    },
    "plan.prev_estimated": {
        "nl": "gebiedenbestand {file}, geschat met model {model}",
        "en": "areas file {file}, estimated with model {model}",
    },
    "plan.prev_note": {
        "nl": "Prevalentie uit {how}: regio {region} {per} verwacht per 100.000 inwoners, index {index} (NL=100).",
        "en": "Prevalence from {how}: region {region} {per} expected per 100,000 inhabitants, index {index} (NL=100).",
    },
    # --- terminal -------------------------------------------------------------------------
    "plan.scenarios_title": {
        "nl": "Normsets (per 100.000 inwoners)",
        "en": "Norm sets (per 100,000)",
    },
    "plan.scenarios_hint": {
        "nl": "Eigen scenario: ggzregio plan copy <normset> mijn-scenario.toml --id mijn-scenario",
        "en": "Own scenario: ggzregio plan copy <norm set> my-scenario.toml --id my-scenario",
    },
    "plan.col.id": {"nl": "Id", "en": "Id"},
    "plan.col.version": {"nl": "Versie", "en": "Version"},
    "plan.col.name": {"nl": "Naam", "en": "Name"},
    "plan.col.fact": {"nl": "FACT-teams", "en": "FACT teams"},
    "plan.col.clin": {"nl": "Klin. plaatsen", "en": "Clin. places"},
    "plan.col.bw": {"nl": "BW-plaatsen", "en": "BW places"},
    "plan.col.amb": {"nl": "Ambulant EPA", "en": "Ambulant EPA"},
    "plan.col.item": {"nl": "Post", "en": "Item"},
    "plan.col.unit": {"nl": "Eenheid", "en": "Unit"},
    "plan.col.per_100k": {"nl": "Per 100.000", "en": "Per 100,000"},
    "plan.col.fte": {"nl": "Fte", "en": "Fte"},
    "plan.col.caseload": {"nl": "Caseload", "en": "Caseload"},
    "plan.col.cite": {"nl": "Bron", "en": "Source"},
    "plan.col.category": {"nl": "Categorie", "en": "Category"},
    "plan.col.meur": {"nl": "€ mln", "en": "€ m"},
    "plan.col.printed": {"nl": "% (bron)", "en": "% (source)"},
    "plan.col.used": {"nl": "% (gebruikt)", "en": "% (used)"},
    "plan.col.units": {"nl": "Aantal", "en": "Number"},
    "plan.col.whole": {"nl": "Hele teams", "en": "Whole teams"},
    "plan.capacity_norms": {"nl": "Capaciteit per 100.000 inwoners", "en": "Capacity per 100,000"},
    "plan.spending_norms": {
        "nl": "Uitgaven per 100.000 inwoners (€ {eur} mln)",
        "en": "Spending per 100,000 inhabitants (€ {eur} m)",
    },
    "plan.basis": {"nl": "Grondslag", "en": "Basis"},
    "plan.alternative": {"nl": "Andere lezing", "en": "Other reading"},
    "plan.based_on": {"nl": "Gebaseerd op {base}", "en": "Based on {base}"},
    "plan.not_quantified": {"nl": "niet gekwantificeerd", "en": "not quantified"},
    "plan.copied": {
        "nl": "Scenario {label} (kopie van {base}) is geldig en opgeslagen.",
        "en": "Scenario {label} (copy of {base}) is valid and saved.",
    },
    "plan.header": {
        "nl": "Scenario {scenario} ({label}) voor regio {region}, {n} inwoners",
        "en": "Scenario {scenario} ({label}) for region {region}, {n} inhabitants",
    },
    "plan.capacity_title": {"nl": "Benodigde capaciteit", "en": "Required capacity"},
    "plan.spending_title": {"nl": "Uitgaven per categorie", "en": "Spending per category"},
    "gap.header": {
        "nl": "Inventarisatie regio {region}, {year} ({file}) tegen het scenario",
        "en": "Inventory region {region}, {year} ({file}) against the scenario",
    },
    "gap.items_title": {"nl": "Capaciteit: nu tegen doel", "en": "Capacity: now against target"},
    "gap.categories_title": {
        "nl": "Uitgaven: nu, scenario en budgetneutrale verschuiving",
        "en": "Spending: now, scenario and budget-neutral shift",
    },
    "gap.col.item": {"nl": "Post", "en": "Item"},
    "gap.col.measure": {"nl": "In", "en": "In"},
    "gap.col.current": {"nl": "Nu", "en": "Now"},
    "gap.col.target": {"nl": "Doel", "en": "Target"},
    "gap.col.diff": {"nl": "Verschil", "en": "Difference"},
    "gap.col.diff_units": {"nl": "Verschil (eenheden)", "en": "Difference (units)"},
    "gap.col.diff_meur": {"nl": "Verschil € mln", "en": "Difference € m"},
    "gap.col.status": {"nl": "Status", "en": "Status"},
    "gap.col.category": {"nl": "Categorie", "en": "Category"},
    "gap.col.now": {"nl": "Nu € mln", "en": "Now € m"},
    "gap.col.now_share": {"nl": "Nu %", "en": "Now %"},
    "gap.col.scenario": {"nl": "Scenario € mln", "en": "Scenario € m"},
    "gap.col.scenario_share": {"nl": "Scenario %", "en": "Scenario %"},
    "gap.col.shift": {"nl": "Verschuiving € mln", "en": "Shift € m"},
    "gap.budget.neutral": {
        "nl": "Budgetneutraal: het scenario wijkt € {diff} mln ({pct} %) af van de huidige uitgaven (marge {tol} %).",
        "en": "Budget neutral: the scenario differs by € {diff} m ({pct} %) from current spending (margin {tol} %).",
    },
    "gap.budget.more": {
        "nl": "Niet budgetneutraal: het scenario kost € {diff} mln ({pct} %) meer dan nu (marge {tol} %). De verschuiving hierboven houdt het huidige totaal aan.",
        "en": "Not budget neutral: the scenario costs € {diff} m ({pct} %) more than now (margin {tol} %). The shift above keeps the current total.",
    },
    "gap.budget.less": {
        "nl": "Niet budgetneutraal: het scenario kost € {diff} mln ({pct} %) minder dan nu (marge {tol} %). De verschuiving hierboven houdt het huidige totaal aan.",
        "en": "Not budget neutral: the scenario costs € {diff} m ({pct} %) less than now (margin {tol} %). The shift above keeps the current total.",
    },
    "gap.budget.unknown": {
        "nl": "Budgetneutraliteit onbekend: de inventarisatie bevat geen bedragen.",
        "en": "Budget neutrality unknown: the inventory holds no euro amounts.",
    },
    "gap.justice": {
        "nl": "Justitiële zorg (€ {eur} mln) valt buiten het kader van € 38 mln per 100.000 en is niet meegeteld.",
        "en": "Justice-funded care (€ {eur} m) lies outside the € 38 m per 100,000 frame and is not counted.",
    },
    "gap.warning.region_mismatch": {
        "nl": "Let op: de regiocode van de inventarisatie verschilt van de gekozen regio.",
        "en": "Note: the inventory's region code differs from the chosen region.",
    },
    "gap.warning.no_euros": {
        "nl": "Let op: de inventarisatie bevat geen bedragen; uitgavenvergelijking niet mogelijk.",
        "en": "Note: the inventory holds no euro amounts; spending cannot be compared.",
    },
    "gap.warning.items_not_recorded": {
        "nl": "Let op: voor sommige posten met een norm is niets ingevuld (status 'niet ingevuld').",
        "en": "Note: some items with a norm were not recorded (status 'not recorded').",
    },
    # --- figures ---------------------------------------------------------------------------
    "fig.plan.current": {"nl": "Nu", "en": "Now"},
    "fig.plan.scenario": {"nl": "Scenario (referentiebudget)", "en": "Scenario (reference budget)"},
    "fig.plan.neutral": {"nl": "Scenario budgetneutraal", "en": "Scenario, budget neutral"},
    "fig.plan.target": {
        "nl": "Doel (midden, bereik laag-hoog)",
        "en": "Target (mid, range low-high)",
    },
    "fig.plan.category_title": {
        "nl": "Uitgaven per categorie: nu en {scenario}",
        "en": "Spending per category: now and {scenario}",
    },
    "fig.plan.shares_title": {"nl": "Verdeling van de GGZ-uitgaven", "en": "Split of GGZ spending"},
    "fig.plan.capacity_title": {"nl": "Capaciteit: nu en doel", "en": "Capacity: now and target"},
    "fig.plan.eur_axis": {"nl": "€ miljoen per jaar", "en": "€ million per year"},
    "fig.plan.share_axis": {"nl": "Aandeel (%)", "en": "Share (%)"},
    "fig.plan.capacity_axis": {"nl": "Fte of plaatsen", "en": "Fte or places"},
    # --- command help -------------------------------------------------------------------
    "help.plan": {
        "nl": "Regionale zorgplanning: normsets, scenario's, capaciteit en budget, kloofanalyse.",
        "en": "Regional care planning: norm sets, scenarios, capacity and budget, gap analysis.",
    },
    "help.plan_scenarios": {
        "nl": "Toon de meegeleverde normsets.",
        "en": "List the shipped norm sets.",
    },
    "help.plan_show": {
        "nl": "Toon een normset of scenario met bronnen, bereiken en aannames.",
        "en": "Show a norm set or scenario with sources, ranges and assumptions.",
    },
    "help.plan_copy": {
        "nl": "Kopieer een normset naar een eigen scenariobestand (TOML), eventueel met wijzigingen.",
        "en": "Copy a norm set into your own scenario file (TOML), optionally with changes.",
    },
    "help.plan_compute": {
        "nl": "Bereken capaciteit en budget voor een regio onder een scenario.",
        "en": "Compute capacity and budget for a region under a scenario.",
    },
    "help.plan_gap": {
        "nl": "Vergelijk een ingevulde inventarisatie met een scenario (kloofanalyse).",
        "en": "Compare a filled-in inventory with a scenario (gap analysis).",
    },
    "help.scenario": {
        "nl": "Normset-id (zie 'plan scenarios') of pad naar een scenariobestand (.toml).",
        "en": "Norm set id (see 'plan scenarios') or path to a scenario file (.toml).",
    },
    "help.scenario_out": {
        "nl": "Nieuw scenariobestand (.toml).",
        "en": "New scenario file (.toml).",
    },
    "help.scenario_id": {"nl": "Id van het nieuwe scenario.", "en": "Id of the new scenario."},
    "help.set": {
        "nl": "Wijziging sleutel=waarde, bijv. capacity.fact.per_100k=5 of capacity.bw.per_100k=[50,60]; herhaalbaar.",
        "en": "Change key=value, e.g. capacity.fact.per_100k=5 or capacity.bw.per_100k=[50,60]; repeatable.",
    },
    "help.inhabitants": {"nl": "Aantal inwoners van de regio.", "en": "Inhabitants of the region."},
    "help.prevalence_file": {
        "nl": "Schattingsbestand (uitvoer van 'prevalence estimate') of gebiedenbestand; schaalt EPA-posten naar de regionale prevalentie.",
        "en": "Estimate file (output of 'prevalence estimate') or areas file; scales EPA items by the regional prevalence.",
    },
    "help.region": {"nl": "Regiocode.", "en": "Region code."},
    "help.rounding": {
        "nl": "Afronding naar hele teams: up (standaard), nearest of down.",
        "en": "Rounding to whole teams: up (default), nearest or down.",
    },
    "help.tolerance": {
        "nl": "Marge voor budgetneutraliteit als fractie (standaard 0,01 = 1 %).",
        "en": "Margin for budget neutrality as a fraction (default 0.01 = 1 %).",
    },
    "cli.inhabitants_needed": {
        "nl": "geef --region-inhabitants (of inwoners in de inventarisatie, of --prevalence met --region)",
        "en": "give --region-inhabitants (or inhabitants in the inventory, or --prevalence with --region)",
    },
    "cli.region_needed": {
        "nl": "--prevalence vraagt ook --region",
        "en": "--prevalence needs --region",
    },
    "cli.region_needs_prevalence": {
        "nl": "--region werkt samen met --prevalence",
        "en": "--region works together with --prevalence",
    },
    "sheet.capacity": {"nl": "capaciteit", "en": "capacity"},
    "sheet.spending": {"nl": "uitgaven", "en": "spending"},
    "sheet.summary": {"nl": "kerncijfers", "en": "key figures"},
    "sheet.gap_items": {"nl": "kloof capaciteit", "en": "capacity gap"},
    "sheet.gap_categories": {"nl": "kloof uitgaven", "en": "spending gap"},
    "sheet.budget": {"nl": "budgetneutraliteit", "en": "budget neutrality"},
}
