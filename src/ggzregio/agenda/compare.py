"""Comparing two reviews (peilmomenten) of the policy cycle (004:901-905): what changed in the
numbers, in the agenda texts, in the answers and decisions, and in the initiatives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ggzregio.agenda.reviews import InitiativeState, ReviewSnapshot
from ggzregio.agenda.texts import TextDiff, diff_words


@dataclass(frozen=True)
class NumberChange:
    """A number of the reviews that differs (``None``: absent or unknown in that review)."""

    key: str
    before: float | None
    after: float | None

    @property
    def difference(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class TextChange:
    """A text that differs: an agenda text (``key`` is ``speerpunt/question``) or an answer."""

    key: str
    diff: TextDiff


@dataclass(frozen=True)
class StatusDelta:
    """An initiative in both reviews whose status changed."""

    key: str
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class ReviewComparison:
    """What changed from review ``before`` to review ``after``."""

    before: str
    after: str
    numbers: tuple[NumberChange, ...] = ()
    texts: tuple[TextChange, ...] = ()
    answers: tuple[TextChange, ...] = ()
    decisions_added: tuple[str, ...] = ()
    decisions_removed: tuple[str, ...] = ()
    initiatives_added: tuple[InitiativeState, ...] = ()
    initiatives_removed: tuple[InitiativeState, ...] = ()
    status_changed: tuple[StatusDelta, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        parts = (self.numbers, self.texts, self.answers, self.decisions_added)
        more = (self.decisions_removed, self.initiatives_added, self.initiatives_removed)
        return not any((*parts, *more, self.status_changed))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (each number change with its difference)."""
        out = asdict(self)
        out["numbers"] = [{**asdict(n), "difference": n.difference} for n in self.numbers]
        for part in ("texts", "answers"):
            out[part] = [{"key": c.key, **c.diff.to_dict()} for c in getattr(self, part)]
        return out


def _text_changes(
    before: Mapping[str, tuple[int | None, str]], after: Mapping[str, tuple[int | None, str]]
) -> tuple[TextChange, ...]:
    changes = []
    for key in sorted(set(before) | set(after)):
        (v1, t1), (v2, t2) = before.get(key, (None, "")), after.get(key, (None, ""))
        if (v1, t1) != (v2, t2):
            changes.append(TextChange(key, TextDiff(v1, v2, diff_words(t1, t2))))
    return tuple(changes)


def _same(a: float | None, b: float | None) -> bool:
    return a == b or (a is not None and b is not None and a != a and b != b)  # NaN equals NaN


def compare_reviews(before: ReviewSnapshot, after: ReviewSnapshot) -> ReviewComparison:
    """What changed in the numbers (per key: before, after, difference), in the agenda texts
    (with a word-level diff), in the answers and decisions, and in the initiatives (added,
    removed, status changed). Comparing a review with itself gives an empty comparison."""
    n1, n2 = before.numbers(), after.numbers()
    numbers = tuple(
        NumberChange(k, n1.get(k), n2.get(k))
        for k in sorted(set(n1) | set(n2))
        if not _same(n1.get(k), n2.get(k)) or (k in n1) != (k in n2)
    )
    texts = _text_changes(
        {x.slot: (x.version, x.text) for x in before.texts},
        {x.slot: (x.version, x.text) for x in after.texts},
    )
    answers = _text_changes(
        {q: (None, a) for q, a in before.answers}, {q: (None, a) for q, a in after.answers}
    )
    i1 = {i.key: i for i in before.initiatives}
    i2 = {i.key: i for i in after.initiatives}
    return ReviewComparison(
        before=before.key,
        after=after.key,
        numbers=numbers,
        texts=texts,
        answers=answers,
        decisions_added=tuple(d for d in after.decisions if d not in before.decisions),
        decisions_removed=tuple(d for d in before.decisions if d not in after.decisions),
        initiatives_added=tuple(i2[k] for k in sorted(set(i2) - set(i1))),
        initiatives_removed=tuple(i1[k] for k in sorted(set(i1) - set(i2))),
        status_changed=tuple(
            StatusDelta(k, i2[k].name, i1[k].status, i2[k].status)
            for k in sorted(set(i1) & set(i2))
            if i1[k].status != i2[k].status
        ),
    )


__all__ = [
    "NumberChange",
    "ReviewComparison",
    "StatusDelta",
    "TextChange",
    "compare_reviews",
]
