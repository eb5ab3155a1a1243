"""The checklist of current capacity and spending: Excel template in, checked inventory out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ggzregio.errors import InputError
from ggzregio.i18n import set_language
from ggzregio.inventory import (
    Entry,
    Inventory,
    category_totals,
    check_totals,
    checklist_rows,
    read_inventory_excel,
    write_inventory_excel,
)
from ggzregio.inventory.demo import demo_inventory
from ggzregio.inventory.excel import CHECKLIST_SHEET, REGION_SHEET


def test_checklist_has_every_row_of_the_seed() -> None:
    """SPEC.md §4: ambulant total with POH-GGZ, basis, specialist (FACT, IHT, VIP, ambulant
    support, integrated neighbourhood, other EPA) and intramural total with first-year,
    long-stay, sheltered housing, justice and other."""
    rows = checklist_rows()
    assert len(rows) == 16
    assert [k for k, r in rows.items() if r.parent == "specialist_total"] == [
        "fact",
        "iht",
        "vip",
        "ambulant_support",
        "integrated_neighbourhood",
        "other_ambulant_epa",
    ]
    assert [k for k, r in rows.items() if r.parent == "intramural_total"] == [
        "first_year_admission",
        "long_stay",
        "sheltered_housing",
        "justice_intramural",
        "intramural_other",
    ]
    assert all(r.cite.startswith("004:15") for r in rows.values())


def _row_of(sheet: Any, code: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == code:
            return row
    raise AssertionError(code)


def test_template_round_trip(tmp_path: Path) -> None:
    inventory = demo_inventory("R01", 350_000)
    path = write_inventory_excel(inventory, tmp_path / "inventarisatie.xlsx")
    back = read_inventory_excel(path)
    assert back.region_code == "R01"
    assert back.year == 2026
    assert back.inhabitants == 350_000
    assert {k: (e.fte, e.places, e.eur) for k, e in back.entries.items()} == {
        k: (e.fte, e.places, e.eur) for k, e in inventory.entries.items()
    }
    assert back.entry("fact").source == inventory.entry("fact").source


def test_empty_template_is_dutch_and_lists_every_row(tmp_path: Path) -> None:
    path = write_inventory_excel(None, tmp_path / "leeg.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == [REGION_SHEET, CHECKLIST_SHEET, "uitleg"]
    sheet = book[CHECKLIST_SHEET]
    assert [c.value for c in sheet[1]] == [
        "code",
        "voorziening",
        "fte",
        "plaatsen",
        "euro",
        "bron",
        "toelichting",
    ]
    assert sheet.cell(_row_of(sheet, "fact"), 2).value == "FACT"
    assert sheet.max_row == 1 + len(checklist_rows())


def _filled(tmp_path: Path, edits: dict[tuple[str, int], object], name: str = "f.xlsx") -> Path:
    """A demo template with cells changed: (code, column) → value; code 'regio:<field>'."""
    path = write_inventory_excel(demo_inventory("R01", 100_000), tmp_path / name)
    book = load_workbook(path)
    for (code, column), value in edits.items():
        if code.startswith("regio:"):
            sheet = book[REGION_SHEET]
            sheet.cell(_row_of(sheet, code[6:]), column).value = value
        else:
            sheet = book[CHECKLIST_SHEET]
            sheet.cell(_row_of(sheet, code), column).value = value
    book.save(path)
    return path


def _problems(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_inventory_excel(path)
    return caught.value


def test_parts_exceeding_a_total_name_the_row_and_column(tmp_path: Path) -> None:
    # Specialist total 1 euro, far below its parts.
    error = _problems(_filled(tmp_path, {("specialist_total", 5): 1}))
    assert error.rules() == {"parts_exceed_total"}
    message = str(error)
    assert "werkblad 'checklist'" in message
    assert "kolom 'eur'" in message
    assert "rij 5" in message  # specialist_total is the 4th checklist row → Excel row 5
    assert "specialist_total" in message


def test_bad_cells_are_refused_with_row_and_column(tmp_path: Path) -> None:
    edits: dict[tuple[str, int], object] = {
        ("fact", 3): "veel",
        ("vip", 3): -2,
        ("regio:year", 3): 1850,
    }
    error = _problems(_filled(tmp_path, edits))
    assert {"non_numeric", "negative", "bad_year"} <= error.rules()
    assert "'veel'" in str(error)


def test_unknown_and_duplicate_codes_are_refused(tmp_path: Path) -> None:
    path = _filled(tmp_path, {})
    book = load_workbook(path)
    sheet = book[CHECKLIST_SHEET]
    sheet.cell(3, 1).value = "fakt"
    sheet.cell(4, 1).value = "fact"
    sheet.cell(5, 1).value = "fact"
    book.save(path)
    assert {"unknown_checklist_code", "duplicate_row_code"} <= _problems(path).rules()


def test_region_code_and_year_are_required(tmp_path: Path) -> None:
    path = write_inventory_excel(None, tmp_path / "leeg.xlsx")
    error = _problems(path)
    assert error.rules() == {"missing_field"}
    assert "Regiocode" in str(error)


def test_text_numbers_in_dutch_notation_are_read(tmp_path: Path) -> None:
    path = _filled(tmp_path, {("fact", 3): "22,5", ("fact", 5): "2.300.000"})
    back = read_inventory_excel(path)
    assert back.entry("fact").fte == 22.5
    assert back.entry("fact").eur == 2_300_000


def test_english_template_reads_back(tmp_path: Path) -> None:
    set_language("en")
    path = write_inventory_excel(demo_inventory("R02", 200_000), tmp_path / "en.xlsx")
    assert load_workbook(path)[CHECKLIST_SHEET].cell(1, 2).value == "provision"
    back = read_inventory_excel(path)
    assert back.region_code == "R02"
    assert back.entry("fact").fte == 44.0


def test_category_totals_keep_what_a_total_holds_beyond_its_parts() -> None:
    inventory = Inventory(
        region_code="R1",
        year=2025,
        entries={
            "ambulant_total": Entry("ambulant_total", eur=20.0),
            "specialist_total": Entry("specialist_total", eur=12.0),
            "fact": Entry("fact", eur=3.0),
            "iht": Entry("iht", eur=1.0),
            "poh_ggz": Entry("poh_ggz", eur=2.0),
            "first_year_admission": Entry("first_year_admission", eur=10.0),
            "sheltered_housing": Entry("sheltered_housing", eur=5.0),
            "justice_intramural": Entry("justice_intramural", eur=1.5),
        },
    )
    totals = category_totals(inventory)
    assert totals == {
        "clinical": 10.0,
        "bw": 5.0,
        "ambulant_epa": 4.0,
        # POH 2 + specialist beyond FACT/IHT 8 + ambulant total beyond its parts 6
        "ambulant_other": 16.0,
        "justice": 1.5,
    }
    assert sum(totals.values()) == pytest.approx(20.0 + 10.0 + 5.0 + 1.5)
    assert check_totals(inventory, "x") == []


def test_derived_totals_sum_the_parts() -> None:
    inventory = demo_inventory("R1", 100_000)
    assert inventory.total("intramural_total", "places") == 58 + 40 + 105 + 8
    assert inventory.total("ambulant_total", "fte") == 12 + 22 + 5 + 25 + 4
