"""Texts of the public-data connectors: CBS area statistics, boundaries, region lookups."""

from __future__ import annotations

from typing import Final

from ggzregio.messages.types import Catalogue

MESSAGES: Final[Catalogue] = {
    "rule.cbs.offline": {
        "nl": "CBS is niet bereikbaar ({detail}): deze machine is offline of CBS weigert. Download tabel {table} zelf van StatLine (https://www.cbs.nl/nl-nl/cijfers/detail/{table}) en lees die met 'ggzregio cbs areas' of upload hem op de regiopagina.",
        "en": "CBS cannot be reached ({detail}): this machine is offline or CBS refuses. Download table {table} yourself from StatLine (https://www.cbs.nl/nl-nl/cijfers/detail/{table}) and read it with 'ggzregio cbs areas' or upload it on the region page.",
    },
    "rule.geo.too_many_vertices": {
        "nl": "een grens heeft {n} hoekpunten, meer dan de grens van {max} per gebied (GGZREGIO_MAX_FEATURE_VERTICES); vereenvoudig de grenzen eerst",
        "en": "a boundary has {n} vertices, more than the limit of {max} per area (GGZREGIO_MAX_FEATURE_VERTICES); simplify the boundaries first",
    },
    "rule.geo.too_many_vertices_file": {
        "nl": "de grenzen hebben samen {n} hoekpunten, meer dan de grens van {max} (GGZREGIO_MAX_VERTICES)",
        "en": "the boundaries have {n} vertices together, more than the limit of {max} (GGZREGIO_MAX_VERTICES)",
    },
    "rule.cbs.pdok_offline": {
        "nl": "PDOK is niet bereikbaar ({detail}): deze machine is offline of PDOK weigert. Download de Wijk- en buurtkaart zelf ({url}, GeoPackage) en upload de buurtgrenzen op de regiopagina of zet ze om met 'ggzregio boundaries convert'.",
        "en": "PDOK cannot be reached ({detail}): this machine is offline or PDOK refuses. Download the district and neighbourhood map yourself ({url}, GeoPackage) and upload the buurt boundaries on the region page or convert them with 'ggzregio boundaries convert'.",
    },
    "rule.cbs.download_empty": {
        "nl": "tabel {table} heeft geen rijen voor {values}",
        "en": "table {table} has no rows for {values}",
    },
    "rule.cbs.unknown_year": {
        "nl": "geen bekende StatLine-tabel voor {year} (bekend: {known}); geef --table",
        "en": "no known StatLine table for {year} (known: {known}); give --table",
    },
    "help.cbs_download": {
        "nl": "Download (optioneel, met internet) de Kerncijfers wijken en buurten van gemeenten van CBS; daarna 'ggzregio cbs areas'.",
        "en": "Download (optional, online) the key figures of districts and neighbourhoods of municipalities from CBS; then 'ggzregio cbs areas'.",
    },
    "help.cbs_municipalities": {
        "nl": "gemeentecodes, bijv. GM0344,GM0363",
        "en": "municipality codes, e.g. GM0344,GM0363",
    },
    "help.cbs_year": {
        "nl": "jaar van de tabel (2018, 2023, 2024)",
        "en": "year of the table (2018, 2023, 2024)",
    },
    "help.cbs_table": {
        "nl": "StatLine-tabel (bijv. 85984NED), voor elk ander jaar",
        "en": "StatLine table (e.g. 85984NED), for any other year",
    },
    "cbs.download_web": {
        "nl": "Of: download de Kerncijfers van de gemeenten van deze regio bij CBS (internet nodig; eerst een voorvertoning)",
        "en": "Or: download the key figures of this region's municipalities from CBS (needs the internet; a preview first)",
    },
    "cbs.download_button": {"nl": "Downloaden bij CBS", "en": "Download from CBS"},
    "cbs.pdok_web": {
        "nl": "Of: haal de buurtgrenzen van de gemeenten van deze regio op bij PDOK (internet nodig; na de gebiedentabel)",
        "en": "Or: fetch the buurt boundaries of this region's municipalities from PDOK (needs the internet; after the area table)",
    },
    "cbs.pdok_button": {"nl": "Ophalen bij PDOK", "en": "Fetch from PDOK"},
    "cbs.boundaries_downloaded": {
        "nl": "{n} buurtgrenzen (RD New) geschreven naar {file}; zet ze om met 'ggzregio boundaries convert' of upload ze op de regiopagina.",
        "en": "{n} buurt boundaries (RD New) written to {file}; convert them with 'ggzregio boundaries convert' or upload them on the region page.",
    },
    "help.cbs_boundaries": {
        "nl": "Ook de buurtgrenzen van PDOK ophalen, naar dit GeoJSON-bestand (optioneel).",
        "en": "Also fetch the buurt boundaries from PDOK, into this GeoJSON file (optional).",
    },
    "cbs.downloaded": {
        "nl": "{rows} rijen van tabel {table} geschreven naar {file}.",
        "en": "{rows} rows of table {table} written to {file}.",
    },
    "rule.cbs.ambiguous": {
        "nl": "meerdere kolommen voor dezelfde gegevens ({columns}); houd er één over",
        "en": "several columns hold the same data ({columns}); keep one",
    },
    "rule.cbs.no_codes": {
        "nl": "geen kolom met gebiedscodes gevonden (WijkenEnBuurten/Codering, gwb_code_10, PC4)",
        "en": "no column with area codes found (WijkenEnBuurten/Codering, gwb_code_10, PC4)",
    },
    "rule.cbs.missing_columns": {
        "nl": "kolommen ontbreken die het model nodig heeft: {columns}",
        "en": "columns the model needs are missing: {columns}",
    },
    "rule.cbs.share_18_24": {
        "nl": "aandeel 18-24 jaar in de band 15-24 moet tussen 0 en 1 liggen (gevonden: {value})",
        "en": "share of ages 18-24 in the 15-24 band must lie between 0 and 1 (found: {value})",
    },
    "rule.cbs.not_a_number": {
        "nl": "geen getal en geen CBS-markering voor geheim of onbekend ({values})",
        "en": "not a number and not a CBS marker for secret or unknown ({values})",
    },
    "rule.cbs.over_100": {
        "nl": "meer eenpersoonshuishoudens dan huishoudens; staat deze kolom al in procenten?",
        "en": "more one-person households than households; is this column already a percentage?",
    },
    "rule.geo.unusable_geometry": {
        "nl": "lege of onbruikbare geometrie (geen vlak met coördinaten binnen de wereld) in feature",
        "en": "empty or unusable geometry (no polygon with coordinates within the world) in feature",
    },
    "rule.geo.too_many_features": {
        "nl": "meer dan {limit} features in de laag",
        "en": "more than {limit} features in the layer",
    },
    "rule.geo.unreadable": {
        "nl": "het bestand kan niet als grenzen gelezen worden ({detail})",
        "en": "the file cannot be read as boundaries ({detail})",
    },
    "rule.geo.unknown_crs": {
        "nl": "coördinatenstelsel onbekend en de coördinaten zijn geen lengte/breedte; "
        "geef het op met --crs (bijvoorbeeld 28992 voor RD New)",
        "en": "coordinate system unknown and the coordinates are not longitude/latitude; "
        "give it with --crs (e.g. 28992 for RD New)",
    },
    "rule.geo.not_geopackage": {
        "nl": "geen leesbare GeoPackage ({detail})",
        "en": "not a readable GeoPackage ({detail})",
    },
    "rule.geo.choose_layer": {
        "nl": "kies een laag met --layer: {layers}",
        "en": "choose a layer with --layer: {layers}",
    },
    "rule.geo.unknown_layer": {
        "nl": "laag '{layer}' bestaat niet; lagen: {layers}",
        "en": "layer '{layer}' does not exist; layers: {layers}",
    },
    "rule.geo.no_code_property": {
        "nl": "geen kolom met gebiedscodes ('{property}'); geef haar op met --code-property",
        "en": "no column with area codes ('{property}'); give it with --code-property",
    },
    "rule.regions.bad_type": {
        "nl": "onbekend regiotype {values}; toegestaan: {allowed}",
        "en": "unknown region type {values}; allowed: {allowed}",
    },
    "rule.regions.bad_municipality": {
        "nl": "geen gemeentecode van de vorm GM0123 ({values})",
        "en": "not a municipality code of the form GM0123 ({values})",
    },
    "rule.regions.bad_years": {
        "nl": "geldig_vanaf na geldig_tot, of geen jaartal ({values})",
        "en": "valid_from after valid_to, or not a year ({values})",
    },
    "rule.regions.overlap": {
        "nl": "gemeente {municipality} ligt in {year} in meer dan één {kind}-regio",
        "en": "municipality {municipality} lies in more than one {kind} region in {year}",
    },
    "rule.regions.bad_share": {
        "nl": "aandelen van een opgeheven gemeente moeten samen 1 zijn (gevonden: {values})",
        "en": "shares of a dissolved municipality must add up to 1 (found: {values})",
    },
    "rule.regions.unassigned": {
        "nl": "gemeenten zonder {kind}-regio in {year}: {values}",
        "en": "municipalities without a {kind} region in {year}: {values}",
    },
    "help.cbs": {
        "nl": "Openbare CBS-gegevens inlezen: kerncijfers wijken en buurten, PC4-statistieken.",
        "en": "Read public CBS data: key figures for districts and neighbourhoods, PC4 statistics.",
    },
    "help.cbs_areas": {
        "nl": "Zet een CBS-bestand (kerncijfers, kwb, PC4) om in de gebiedstabel van het model.",
        "en": "Turn a CBS file (key figures, kwb, PC4) into the model's area table.",
    },
    "help.cbs_level": {
        "nl": "Niveau: buurt, wijk, gemeente of all.",
        "en": "Level: buurt, wijk, gemeente or all.",
    },
    "help.share_18_24": {
        "nl": "Aandeel 18-24 jarigen in de leeftijdsband 15-24 (aanname, standaard 0,7).",
        "en": "Share of ages 18-24 within the 15-24 age band (assumption, default 0.7).",
    },
    "help.boundaries": {
        "nl": "Grenzen (GeoJSON/GeoPackage) omzetten naar WGS84 en vereenvoudigen.",
        "en": "Convert boundaries (GeoJSON/GeoPackage) to WGS84 and simplify them.",
    },
    "help.regions": {
        "nl": "Regio-indelingen en gemeentelijke herindelingen.",
        "en": "Region lookups and municipal mergers.",
    },
    "cbs.done": {
        "nl": "{n} gebieden ingelezen uit {file}; afgeleid: {derived}",
        "en": "{n} areas read from {file}; derived: {derived}",
    },
    "cbs.missing": {
        "nl": "Let op: ontbrekend (geheim of onbekend, niet als nul gelezen): {missing}",
        "en": "Note: missing (secret or unknown, not read as zero): {missing}",
    },
    "boundaries.done": {
        "nl": "{n} grenzen omgezet van EPSG:{crs} naar WGS84, vereenvoudigd met {tolerance} m",
        "en": "{n} boundaries converted from EPSG:{crs} to WGS84, simplified by {tolerance} m",
    },
    "boundaries.join": {
        "nl": "Koppeling op code: {matched} gekoppeld, {without} gebieden zonder grens, "
        "{unknown} grenzen zonder gebied",
        "en": "Join on code: {matched} matched, {without} areas without boundary, "
        "{unknown} boundaries without area",
    },
}
