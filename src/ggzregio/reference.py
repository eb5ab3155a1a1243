"""National reference figures for EPA, loaded from ``data/reference/national.toml``.

Every figure carries the ``seed:line`` it was quoted from. Derived figures are computed here,
in one place, with the derivation in the docstring.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class NationalReference:
    """National reference figures (SPEC.md §2)."""

    version: str
    care_share_of_population: float  # 0.013  (004:1553-1555)
    care_persons: int  # 216,000 all ages
    care_persons_under_18: int  # 31,000
    care_persons_18_64: int  # 160,000
    care_persons_65_plus: int  # 26,000
    care_cite: str
    not_in_care_share: float  # 0.25 (004:1555-1557)
    not_in_care_cite: str
    epa_population_low_per_100k: float  # 1,500 (004:1236-1241)
    epa_population_high_per_100k: float  # 1,800
    epa_population_cite: str
    target_population_per_100k: float  # ~2,500 (004:1241-1245)
    target_population_cite: str
    #: The seed's age groups add up to 217,000, not its printed 216,000 (004:1553-1555); the
    #: printed total is used.
    care_persons_sum_of_age_groups: int = 217_000
    #: Population prevalence as printed (281,000) and as follows from the 25 % share
    #: (216,000 / 0.75 = 288,000) (004:1555-1557); the share is what the models use.
    population_persons_printed: int = 281_000
    population_persons_from_share: int = 288_000
    #: The model's own base: adults (18+) with EPA in care in 2014 by the refined Vektis
    #: delineation, 215,000 (004:1764-1765).
    model_base_adults: int = 215_000
    model_base_year: int = 2014
    model_base_cite: str = ""

    @property
    def adult_care_per_100k(self) -> float:
        """Adults (18+) with EPA in GGZ care per 100,000 inhabitants, nationally.

        The seed gives the care prevalence for all ages (1.3 % = 216,000) and its split by age
        (004:1553-1555); the small-area model counts adults only, so the comparable national
        figure is 1.3 % × (160,000 + 26,000) / 216,000 × 100,000 ≈ 1,119 per 100,000.
        """
        adults = self.care_persons_18_64 + self.care_persons_65_plus
        return self.care_share_of_population * adults / self.care_persons * 100_000

    @property
    def citations(self) -> dict[str, str]:
        """Figure name → ``seed:line``."""
        return {
            "care_prevalence": self.care_cite,
            "not_in_care": self.not_in_care_cite,
            "epa_population_per_100k": self.epa_population_cite,
            "target_population_per_100k": self.target_population_cite,
            "model_base": self.model_base_cite,
        }


@cache
def national_reference() -> NationalReference:
    """The shipped national reference figures."""
    text = (resources.files("ggzregio") / "data" / "reference" / "national.toml").read_text(
        encoding="utf-8"
    )
    d = tomllib.loads(text)
    care, nic = d["care_prevalence"], d["not_in_care"]
    epa, target = d["epa_population_per_100k"], d["target_population_per_100k"]
    base = d["model_base"]
    return NationalReference(
        version=str(d["version"]),
        care_share_of_population=float(care["share_of_population"]),
        care_persons=int(care["persons"]),
        care_persons_under_18=int(care["persons_under_18"]),
        care_persons_18_64=int(care["persons_18_64"]),
        care_persons_65_plus=int(care["persons_65_plus"]),
        care_cite=str(care["cite"]),
        not_in_care_share=float(nic["share"]),
        not_in_care_cite=str(nic["cite"]),
        epa_population_low_per_100k=float(epa["low"]),
        epa_population_high_per_100k=float(epa["high"]),
        epa_population_cite=str(epa["cite"]),
        target_population_per_100k=float(target["value"]),
        target_population_cite=str(target["cite"]),
        care_persons_sum_of_age_groups=int(care["persons_sum_of_age_groups"]),
        population_persons_printed=int(nic["population_persons"]),
        population_persons_from_share=int(nic["population_persons_from_share"]),
        model_base_adults=int(base["adults"]),
        model_base_year=int(base["year"]),
        model_base_cite=str(base["cite"]),
    )
