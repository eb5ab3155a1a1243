"""The domain core of the regiegroep's agenda (issue 23, points 1-4): reference data, versioned
agenda texts, initiatives, outcome targets that are re-set, and reviews (peilmomenten)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import FrozenInstanceError, replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ggzregio import i18n
from ggzregio.agenda import (
    AgendaError,
    AgendaText,
    EvidenceLink,
    Initiative,
    OutcomeTarget,
    ReviewClosedError,
    ReviewSnapshot,
    Speerpunt,
    add_version,
    agenda_reference,
    change_status,
    compare_reviews,
    current_text,
    current_texts,
    default_direction,
    diff_versions,
    filter_initiatives,
    outcome_indicators,
    parse_budget,
    progress,
    progress_history,
    region_speerpunten,
    reset_target,
    status_history,
    take_review,
    target_in_force,
    text_history,
    validate_evidence,
    validate_initiative,
    validate_target,
)
from ggzregio.agenda.texts import diff_words
from ggzregio.messages import agenda as agenda_messages
from ggzregio.numbers import NumberError
from tests.seeds import SEEDS

T0 = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _agenda_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The agenda's texts in the catalogue (a no-op once messages/__init__.py registers them)."""
    for key, entry in agenda_messages.MESSAGES.items():
        monkeypatch.setitem(i18n.MESSAGES, key, entry)
    yield
    i18n.set_language(None)


# --- reference data ------------------------------------------------------------------------


def test_the_reference_data_loads_with_citations() -> None:
    ref = agenda_reference()
    assert ref.keys("speerpunten") == (
        "wonen",
        "verbindende_zorg",
        "hulp_behandeling",
        "werk_onderwijs_inkomen",
        "ontmoeting_emancipatie",
    )
    assert len(ref.questions) == 5
    assert len(ref.review_questions) == 4
    assert set(ref.keys("funding")) == {"Zvw", "Wmo", "Wlz", "Justitie", "re-integratie"}
    assert ref.keys("statuses") == (
        "idee",
        "gestart",
        "lopend",
        "geevalueerd",
        "gestopt",
        "opgeschaald",
    )
    assert ref.transitions == "any"
    parts = ("speerpunten", "questions", "review_questions", "funding", "statuses", "evidence")
    for part in parts:
        for term in getattr(ref, part):
            assert all((term.nl, term.en, term.cite)), (part, term.key)
    for term in ref.speerpunten:
        assert term.description_nl
        assert term.description_en
    assert ref.integrated.cite


def test_the_cited_lines_say_what_the_reference_data_says() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed texts not available")
    lines = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8").splitlines()
    text = " ".join(lines[723:742])
    for phrase in ("Goed en betaalbaar wonen", "Psychische hulp en behandeling", "Waar willen we"):
        assert phrase in text
    assert "Wat is de stand van zaken in de regio?" in lines[737]
    assert "Zvw-, Wmo- en re-integratie-middelen" in lines[811]
    assert "Welke nieuwe kansen" in lines[904]


def test_the_outcome_indicators_come_from_the_monitor() -> None:
    assert set(outcome_indicators()) == {"qol_grade", "paid_work_pct", "lonely_pct"}
    assert default_direction("lonely_pct") == "at_most"
    assert default_direction("qol_grade") == "at_least"


def test_the_reference_names_follow_the_language() -> None:
    term = agenda_reference().speerpunten[0]
    i18n.set_language("en")
    assert term.name() == "Good and affordable housing"
    i18n.set_language("nl")
    assert term.name() == "Goed en betaalbaar wonen"


# --- speerpunten and versioned texts ---------------------------------------------------------


def test_a_region_prioritises_speerpunten_and_adds_its_own() -> None:
    own = Speerpunt("veiligheid", "Veiligheid in de wijk", "Safety in the neighbourhood")
    ranked = region_speerpunten([own], {"werk_onderwijs_inkomen": 1, "veiligheid": 2})
    assert [s.key for s in ranked[:3]] == ["werk_onderwijs_inkomen", "veiligheid", "wonen"]
    assert ranked[1].source == "region"
    assert ranked[0].source == "reference"
    assert ranked[0].priority == 1
    assert len(ranked) == 6


def test_a_region_cannot_take_a_reference_key_or_a_bad_priority() -> None:
    with pytest.raises(AgendaError) as caught:
        region_speerpunten([Speerpunt("wonen", "Wonen", "Housing")], {"onbekend": 1, "wonen": 0})
    assert caught.value.rules() >= {
        ("key", "reserved_key"),
        ("speerpunt", "unknown"),
        ("priority", "must_be_positive"),
    }


def _write(history: list[AgendaText], text: str, author: int, minutes: int) -> AgendaText:
    version = add_version(
        history,
        speerpunt="wonen",
        question="stand_van_zaken",
        text=text,
        author_id=author,
        at=T0 + timedelta(minutes=minutes),
    )
    history.append(version)
    return version


def test_texts_are_versioned_and_earlier_versions_stay_readable() -> None:
    history: list[AgendaText] = []
    first = _write(history, "Er zijn te weinig betaalbare woningen.", 7, 0)
    second = _write(history, "Er zijn veel te weinig betaalbare eenpersoonswoningen.", 9, 30)
    other = add_version(
        history,
        speerpunt="wonen",
        question="waar_naartoe",
        text="Zelfstandig wonen met ondersteuning.",
        author_id=7,
        at=T0,
    )
    history.append(other)
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert current_text(history, "wonen", "stand_van_zaken") == second
    assert text_history(history, "wonen", "stand_van_zaken") == (first, second)
    assert second.author_id == 9
    assert second.at == T0 + timedelta(minutes=30)
    assert second.version_id == "wonen/stand_van_zaken/v2"
    assert current_texts(history) == {
        ("wonen", "stand_van_zaken"): second,
        ("wonen", "waar_naartoe"): other,
    }
    assert current_text(history, "wonen", "wat_nodig") is None
    with pytest.raises(FrozenInstanceError):
        second.text = "overschreven"  # type: ignore[misc]


def test_a_version_may_not_be_older_than_the_latest_or_on_an_unknown_slot() -> None:
    history: list[AgendaText] = []
    _write(history, "Eerste.", 1, 10)
    with pytest.raises(AgendaError) as caught:
        _write(history, "Te vroeg.", 1, 0)
    assert caught.value.rules() == {("at", "earlier_than_last")}
    with pytest.raises(AgendaError) as caught:
        add_version([], speerpunt="x", question="y", text="", author_id=1, at=T0)
    assert caught.value.rules() == {("speerpunt", "unknown"), ("question", "unknown")}
    own = add_version(
        [], speerpunt="veiligheid", question="wat_nodig", text="", author_id=1, at=T0,
        speerpunten=["veiligheid"],
    )  # fmt: skip
    assert own.version == 1


def test_the_diff_between_two_versions_is_word_level() -> None:
    history: list[AgendaText] = []
    first = _write(history, "Er zijn te weinig woningen.", 1, 0)
    second = _write(history, "Er zijn veel te weinig betaalbare woningen.", 1, 1)
    diff = diff_versions(first, second)
    assert (diff.before_version, diff.after_version) == (1, 2)
    assert diff.changed
    assert [op for op in diff.ops if op[0] != "equal"] == [
        ("insert", "veel "),
        ("insert", "betaalbare "),
    ]
    assert json.loads(json.dumps(diff.to_dict()))["ops"][0] == ["equal", "Er zijn "]
    assert not diff_versions(second, second).changed
    assert diff_versions(None, first).ops == (("insert", "Er zijn te weinig woningen."),)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_a_diff_rebuilds_both_texts(before: str, after: str) -> None:
    ops = diff_words(before, after)
    assert "".join(t for op, t in ops if op in ("equal", "delete")) == before
    assert "".join(t for op, t in ops if op in ("equal", "insert")) == after
    assert all(t for _, t in ops)
    assert (before == after) == all(op == "equal" for op, _ in ops)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_history_is_ordered_whatever_the_order_of_storage(offsets: list[int]) -> None:
    history: list[AgendaText] = []
    for i, minutes in enumerate(sorted(offsets)):
        _write(history, f"versie {i}", i, minutes)
    shuffled = list(reversed(history))
    ordered = text_history(shuffled, "wonen", "stand_van_zaken")
    assert [v.version for v in ordered] == list(range(1, len(offsets) + 1))
    assert current_text(shuffled, "wonen", "stand_van_zaken") == history[-1]


def test_evidence_links_are_validated() -> None:
    assert validate_evidence(EvidenceLink("indicator", "qol_grade"), indicators={"qol_grade"}) == []
    assert validate_evidence(EvidenceLink("regiobeeld", "RG01/2026")) == []
    bad = validate_evidence(EvidenceLink("gerucht", "<script>"))
    assert {(p.field, p.rule) for p in bad} == {
        ("evidence_kind", "unknown"),
        ("evidence_ref", "bad_reference"),
    }
    unknown = validate_evidence(EvidenceLink("target", "geen"), targets={"qol-rg01"})
    assert [(p.field, p.rule) for p in unknown] == [("evidence_ref", "unknown")]
    assert [p.rule for p in validate_evidence(EvidenceLink("plan", ""))] == ["required"]


# --- initiatives ---------------------------------------------------------------------------


def _initiative(**changes: object) -> Initiative:
    base = Initiative(
        key="ips-wijk-oost",
        name="IPS in Oost",
        speerpunten=("werk_onderwijs_inkomen",),
        lead="GGZ Voorbeeld",
        status="lopend",
        funding=("Zvw", "Wmo", "re-integratie"),
        kind="proeftuin",
        partners=("UWV", "Gemeente Voorbeeld"),
        areas=("WK036301", "BU03630105"),
        integrated=True,
        budget_cents=125_000_000,
        start=date(2025, 1, 1),
        end=date(2027, 12, 31),
        indicators=("paid_work_pct",),
        targets=("work-rg01",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_valid_initiative_has_no_problems() -> None:
    item = _initiative()
    assert validate_initiative(item, indicators=outcome_indicators(), targets={"work-rg01"}) == []
    assert item.municipalities() == {"GM0363"}
    assert str(item.budget) == "1250000"


def test_validation_names_field_and_rule() -> None:
    item = _initiative(
        name=" ",
        speerpunten=("wonen", "onbekend", "wonen"),
        funding=("Zvw",),
        areas=("Oost",),
        start=date(2026, 1, 1),
        end=date(2025, 1, 1),
        status="afgerond",
        budget_cents=-1,
    )
    found = {(p.field, p.rule) for p in validate_initiative(item)}
    assert found == {
        ("name", "required"),
        ("speerpunten", "unknown"),
        ("speerpunten", "duplicate"),
        ("integrated", "integrated_needs_two"),
        ("areas", "bad_area"),
        ("end", "end_before_start"),
        ("status", "unknown"),
        ("budget", "negative"),
    }
    assert ("funding", "required") in {
        (p.field, p.rule) for p in validate_initiative(_initiative(funding=(), integrated=False))
    }


def test_validation_messages_in_dutch_and_english() -> None:
    item = _initiative(start=date(2026, 1, 1), end=date(2025, 6, 30))
    (problem,) = validate_initiative(item)
    i18n.set_language("nl")
    assert (
        problem.message() == "einddatum: de einddatum 2025-06-30 ligt vóór de startdatum 2026-01-01"
    )
    i18n.set_language("en")
    assert (
        problem.message() == "end date: the end date 2025-06-30 is before the start date 2026-01-01"
    )
    (integrated,) = validate_initiative(_initiative(funding=("Wmo",)))
    assert integrated.message() == (
        "integrated budget: an integrated budget combines at least two funding streams (found: 1)"
    )
    i18n.set_language("nl")
    assert integrated.message().startswith("geïntegreerd budget: een geïntegreerd budget")


def test_every_agenda_message_key_is_new_and_complete() -> None:
    from ggzregio.messages import all_messages

    others = {k for k in all_messages() if k not in agenda_messages.MESSAGES}
    assert not others & set(agenda_messages.MESSAGES)
    for key, entry in agenda_messages.MESSAGES.items():
        assert key.startswith("agenda."), key
        assert set(entry) == {"nl", "en"}, key
        assert all(entry.values()), key


def test_budgets_are_read_as_typed_in_dutch() -> None:
    assert parse_budget("1.250.000", language="nl") == 125_000_000
    assert parse_budget("12.500,50", language="nl") == 1_250_050
    assert parse_budget("12,500.50", language="en") == 1_250_050
    assert parse_budget("  ", language="nl") is None
    with pytest.raises(NumberError):
        parse_budget("een miljoen", language="nl")
    with pytest.raises(AgendaError) as caught:
        parse_budget("10,005", language="nl")
    assert caught.value.rules() == {("budget", "cents")}
    with pytest.raises(AgendaError) as caught:
        parse_budget("-5", language="nl")
    assert caught.value.rules() == {("budget", "negative")}


def test_initiatives_filter_by_speerpunt_status_and_municipality() -> None:
    a = _initiative()
    b = _initiative(key="housing-first", speerpunten=("wonen",), status="idee", areas=("GM0344",))
    c = _initiative(key="herstelacademie", speerpunten=("ontmoeting_emancipatie", "wonen"),
                    status="lopend", areas=("1012",))  # fmt: skip
    items = [a, b, c]
    assert filter_initiatives(items) == items
    assert filter_initiatives(items, speerpunt="wonen") == [b, c]
    assert filter_initiatives(items, status="lopend") == [a, c]
    assert filter_initiatives(items, municipality="GM0363") == [a]
    assert filter_initiatives(items, speerpunt="wonen", status="lopend") == [c]
    assert filter_initiatives(items, municipality="GM0344", status="lopend") == []


def test_status_changes_are_recorded_and_any_order_is_allowed() -> None:
    item = _initiative(status="idee")
    started, first = change_status(item, "gestart", by=3, at=T0)
    stopped, second = change_status(started, "gestopt", by=4, at=T0 + timedelta(days=90))
    again, third = change_status(stopped, "lopend", by=4, at=T0 + timedelta(days=200))
    assert (item.status, started.status, stopped.status, again.status) == (
        "idee",
        "gestart",
        "gestopt",
        "lopend",
    )
    assert status_history([third, first, second], item.key) == (first, second, third)
    assert (second.before, second.after, second.by) == ("gestart", "gestopt", 4)
    with pytest.raises(AgendaError) as caught:
        change_status(again, "lopend", by=1, at=T0)
    assert caught.value.rules() == {("status", "status_unchanged")}


# --- outcome targets ---------------------------------------------------------------------------


def _target(value: float, agreed: date, **changes: object) -> OutcomeTarget:
    base = OutcomeTarget(
        key="qol-rg01",
        indicator="qol_grade",
        value=value,
        direction="at_least",
        target_date=date(2030, 12, 31),
        agreed_at=agreed,
        agreed_by="regiegroep",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_re_setting_a_target_keeps_its_history() -> None:
    history = reset_target((), _target(6.5, date(2024, 3, 1)))
    history = reset_target(history, _target(7.0, date(2025, 3, 1)))
    history = reset_target(history, _target(7.8, date(2026, 3, 1), version=99))
    assert [(t.version, t.value) for t in history] == [(1, 6.5), (2, 7.0), (3, 7.8)]
    assert target_in_force(history, date(2024, 2, 28)) is None
    assert target_in_force(history, date(2024, 3, 1)) == history[0]
    assert target_in_force(history, date(2025, 12, 31)) == history[1]
    assert target_in_force(history, date(2031, 1, 1)) == history[2]


def test_a_re_set_must_be_the_same_target_and_not_earlier() -> None:
    history = reset_target((), _target(6.5, date(2025, 3, 1)))
    wrong = _target(7.0, date(2024, 1, 1), key="work-rg01", indicator="paid_work_pct")
    with pytest.raises(AgendaError) as caught:
        reset_target(history, wrong)
    assert caught.value.rules() == {
        ("key", "other_target"),
        ("indicator", "other_target"),
        ("agreed_at", "earlier_than_last"),
    }


def test_targets_are_on_outcome_indicators_within_their_range() -> None:
    bad = _target(11.0, date(2025, 1, 1), target_date=date(2024, 1, 1))
    assert {(p.field, p.rule) for p in validate_target(bad)} == {
        ("value", "outside_bounds"),
        ("target_date", "end_before_start"),
    }
    beds = _target(5.0, date(2025, 1, 1), indicator="places_bw")
    assert [(p.field, p.rule) for p in validate_target(beds)] == [("indicator", "not_an_outcome")]
    i18n.set_language("nl")
    (problem,) = validate_target(_target(11.0, date(2025, 1, 1)))
    assert (
        problem.message() == "streefwaarde: 11 ligt buiten het bereik van de indicator (1 tot 10)"
    )


def test_progress_against_the_target_in_force_and_the_earlier_ones() -> None:
    series = {date(2024, 1, 1): 6.2, date(2025, 1, 1): 6.5, date(2026, 1, 1): None}
    history = reset_target((), _target(6.6, date(2024, 1, 1), target_date=date(2026, 1, 1)))
    history = reset_target(history, _target(7.0, date(2025, 1, 1), target_date=date(2027, 1, 1)))
    first, second = progress_history(series, history)
    # Against 6.6 by 2026: from 6.2 (2024) to 6.5 (2025) is three quarters of the way; the
    # straight path asks 6.2 + 0.4 × 366/731 (2024 is a leap year) = 6.4003 by 2025.
    assert (first.baseline, first.latest, first.latest_date) == (6.2, 6.5, date(2025, 1, 1))
    assert first.achieved_share == pytest.approx(0.75)
    assert first.expected == pytest.approx(6.2 + 0.4 * 366 / 731)
    assert first.on_track is True
    assert first.reached is False
    assert first.remaining == pytest.approx(0.1)
    # 6.4 in 2025 is half the way but a hair behind the straight path.
    behind = progress({**series, date(2025, 1, 1): 6.4}, history[0])
    assert behind.achieved_share == pytest.approx(0.5)
    assert behind.on_track is False
    # Against 7.0 agreed in 2025: the baseline is 2025's 6.5, nothing observed after it.
    assert second.baseline_date == date(2025, 1, 1)
    assert second.expected is None
    assert second.achieved_share == pytest.approx(0.0)
    assert second.on_track is None
    lonely = _target(70.0, date(2024, 1, 1), indicator="lonely_pct", direction="at_most")
    assert progress({date(2024, 1, 1): 80.0, date(2025, 1, 1): 69.0}, lonely).reached is True
    assert progress({}, lonely).latest is None


# --- reviews -------------------------------------------------------------------------------------


def _review(key: str, *, status: str, text: str, latest: float, extra: bool) -> ReviewSnapshot:
    target = _target(7.0, date(2024, 1, 1))
    series = {date(2024, 1, 1): 6.2, date(2025, 1, 1): latest}
    items = [_initiative(status=status)]
    if extra:
        items.append(_initiative(key="housing-first", name="Housing First", status="idee"))
    texts = [AgendaText("wonen", "stand_van_zaken", text, 2 if extra else 1, 7, T0)]
    return take_review(
        key=key,
        region="RG01",
        title=f"Peilmoment {key}",
        held_on=date(2025, 6, 1) if extra else date(2024, 6, 1),
        created_by=7,
        progress=[progress(series, target)],
        plan={"fact_fte": (48.0, 40.0 if extra else 30.0), "bw_places": (100.0, None)},
        initiatives=items,
        texts=texts,
        answers={"waar_staan_we": "We liggen op koers." if extra else "We beginnen."},
        decisions=["Streefcijfer kwaliteit van leven herijken"] if extra else [],
    )


def test_comparing_two_reviews_on_a_hand_built_case() -> None:
    before = _review("2024", status="gestart", text="Te weinig woningen.", latest=6.3, extra=False)
    after = _review(
        "2025", status="lopend", text="Veel te weinig woningen.", latest=6.5, extra=True
    )
    diff = compare_reviews(before, after)
    numbers = {n.key: (n.before, n.after, n.difference) for n in diff.numbers}
    assert numbers["target.qol-rg01.latest"] == pytest.approx((6.3, 6.5, 0.2))
    assert numbers["plan.fact_fte.inventory"] == (30.0, 40.0, 10.0)
    assert numbers["plan.fact_fte.gap"] == (18.0, 8.0, -10.0)
    assert "plan.bw_places.gap" not in numbers  # None in both
    assert "target.qol-rg01.value" not in numbers
    assert [t.key for t in diff.texts] == ["wonen/stand_van_zaken"]
    (text,) = diff.texts
    assert (text.diff.before_version, text.diff.after_version) == (1, 2)
    assert text.diff.ops == (
        ("delete", "Te "),
        ("insert", "Veel te "),
        ("equal", "weinig woningen."),
    )
    assert [a.key for a in diff.answers] == ["waar_staan_we"]
    assert diff.decisions_added == ("Streefcijfer kwaliteit van leven herijken",)
    assert [i.key for i in diff.initiatives_added] == ["housing-first"]
    assert diff.initiatives_removed == ()
    ((status),) = diff.status_changed
    assert (status.key, status.before, status.after) == ("ips-wijk-oost", "gestart", "lopend")
    as_json = json.loads(json.dumps(diff.to_dict()))
    assert {"key": "plan.fact_fte.gap", "before": 18.0, "after": 8.0, "difference": -10.0} in (
        as_json["numbers"]
    )
    assert as_json["texts"][0]["key"] == "wonen/stand_van_zaken"
    assert as_json["status_changed"][0]["after"] == "lopend"
    back = compare_reviews(after, before)
    assert [i.key for i in back.initiatives_removed] == ["housing-first"]
    assert not diff.empty


def test_a_closed_review_is_immutable() -> None:
    review = _review("2025", status="lopend", text="Tekst.", latest=6.5, extra=True)
    answered = review.with_answer("bijstellen", "Ja, naar 7,8.").with_decision("Door met IPS")
    assert ("bijstellen", "Ja, naar 7,8.") in answered.answers
    closed = answered.close(by=7, at=T0)
    assert closed.closed
    assert not answered.closed
    with pytest.raises(ReviewClosedError):
        closed.with_answer("bijstellen", "Nee.")
    with pytest.raises(ReviewClosedError):
        closed.with_decision("Nog een besluit")
    with pytest.raises(ReviewClosedError):
        closed.edit(title="Andere titel")
    with pytest.raises(ReviewClosedError):
        closed.close(by=8, at=T0)
    with pytest.raises(FrozenInstanceError):
        closed.title = "Andere titel"  # type: ignore[misc]
    with pytest.raises(ValueError, match="close"):
        answered.edit(closed_at=T0)
    with pytest.raises(AgendaError) as caught:
        answered.with_answer("wat_vinden_we", "Goed.")
    assert caught.value.rules() == {("review_question", "unknown")}
    with pytest.raises(AgendaError) as caught:
        answered.with_decision(" ")
    assert caught.value.rules() == {("decision", "required")}
    i18n.set_language("en")
    with pytest.raises(ReviewClosedError) as caught:
        closed.edit(title="x")
    assert "can no longer be changed" in str(caught.value)


def test_a_review_round_trips_through_json() -> None:
    review = _review("2025", status="lopend", text="Tekst.", latest=6.5, extra=True)
    closed = review.close(by=7, at=T0)
    for item in (review, closed):
        data = json.loads(json.dumps(item.to_dict()))
        assert ReviewSnapshot.from_dict(data) == item
    assert compare_reviews(closed, ReviewSnapshot.from_dict(closed.to_dict())).empty


def test_a_review_takes_each_target_initiative_and_text_once() -> None:
    target = _target(7.0, date(2024, 1, 1))
    twice = progress({date(2024, 1, 1): 6.2}, target)
    text = AgendaText("wonen", "wat_nodig", "a", 1, 1, T0)
    with pytest.raises(AgendaError) as caught:
        take_review(
            key="x", region="RG01", title="x", held_on=date(2025, 1, 1), created_by=1,
            progress=[twice, twice], initiatives=[_initiative(), _initiative()],
            texts=[text, replace(text, version=2)], answers={"onbekend": "?"},
        )  # fmt: skip
    assert caught.value.rules() == {
        ("targets", "duplicate"),
        ("initiatives", "duplicate"),
        ("text", "duplicate"),
        ("review_question", "unknown"),
    }


@pytest.mark.parametrize(
    "change",
    [
        {"schema": "other/1"},
        {"held_on": "1 juni"},
        {"created_by": "zeven"},
        {"targets": [{"key": "x"}]},
        {"plan": [{"key": "fact", "planned": "veel", "inventory": None}]},
    ],
)
def test_a_broken_review_dict_is_refused(change: dict[str, object]) -> None:
    data = {**_review("x", status="idee", text="", latest=6.3, extra=False).to_dict(), **change}
    with pytest.raises(AgendaError) as caught:
        ReviewSnapshot.from_dict(data)
    assert caught.value.rules() == {("review", "bad_snapshot")}


review_texts = st.text(alphabet="abc de", max_size=20)


@settings(max_examples=60, deadline=None)
@given(
    status=st.sampled_from(agenda_reference().keys("statuses")),
    text=review_texts,
    latest=st.floats(min_value=1, max_value=10, allow_nan=False),
    extra=st.booleans(),
)
def test_a_review_compared_with_itself_has_no_changes(
    status: str, text: str, latest: float, extra: bool
) -> None:
    review = _review("r", status=status, text=text, latest=latest, extra=extra)
    assert compare_reviews(review, review).empty
    assert compare_reviews(review, ReviewSnapshot.from_dict(review.to_dict())).empty
