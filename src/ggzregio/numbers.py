"""Numbers typed by people: one parser for CLI options, web forms and cells of uploaded files.

A number is read the way the active language writes it (:func:`ggzregio.i18n.get_language`):

========  =====================  ======================
language  decimal separator      thousands grouping
========  =====================  ======================
``nl``    comma: ``12,5``        point: ``250.000``
``en``    point: ``12.5``        comma: ``250,000``
========  =====================  ======================

The separators come from Babel (CLDR locales ``nl_NL`` and ``en_GB``) and single values are
parsed with :func:`babel.numbers.parse_decimal` in strict mode, so grouping must be in threes
(``1.234.567,8``; ``12.5`` is refused in Dutch). Also accepted: surrounding white space, a
leading ``-``, ``+`` or ``−`` (U+2212), and a (non-breaking, narrow or thin) space as
thousands grouping between digits (``250 000``). Refused: empty text, letters, exponents
(``1e5``), ``inf``/``nan``, and anything not valid in the language. A refusal is a
:class:`NumberError` (an :class:`~ggzregio.errors.InputError`) whose message shows the text and
how it was read, or which readings were possible; nothing is guessed.

Integer quantities (``integer=True``: inhabitants, persons, draws) are stricter: a fraction is
refused, and so is a decimal separator followed by exactly three digits (``350,000`` in Dutch,
``350.000`` in English), because that is how the *other* language writes thousands and reading
it as 350 would silently plan for a thousandth of a region.

Cells of uploaded files follow the same grammar with the file's decimal separator (detected per
file by :mod:`ggzregio.io.tables`); :func:`parse_number_texts` applies it to a whole column at
once with regular expressions instead of Babel per cell, and the tests check that both agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from functools import cache
from typing import Final, Literal

import numpy as np
import pandas as pd
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)
from numpy.typing import NDArray

from ggzregio.errors import InputError, Problem
from ggzregio.i18n import LOCALES, Language, get_language, t

DecimalMark = Literal[",", "."]


#: Spaces accepted as thousands grouping between digits: space, no-break, narrow no-break, thin.
_SPACES: Final = " \u00a0\u202f\u2009"
_SPACE_BETWEEN_DIGITS: Final = re.compile(rf"(?<=\d)[{_SPACES}](?=\d)")
_MINUS: Final = "\u2212"


@dataclass(frozen=True)
class NumberStyle:
    """How one language writes numbers: its locale and its decimal and grouping symbols."""

    language: Language
    locale: str
    decimal: DecimalMark
    group: str

    @property
    def other(self) -> NumberStyle:
        """The style of the other language (decimal and grouping symbols swapped)."""
        return number_style("en" if self.language == "nl" else "nl")


def number_style(language: Language | None = None) -> NumberStyle:
    """The number style of ``language`` (default: the active language), from Babel's CLDR data.

    >>> number_style("nl").decimal, number_style("nl").group
    (',', '.')
    """
    return _style(language or get_language())


@cache
def _style(language: Language) -> NumberStyle:
    locale = LOCALES[language]
    decimal = get_decimal_symbol(locale)
    if decimal not in (",", "."):  # pragma: no cover - CLDR data for nl/en
        raise RuntimeError(f"unexpected decimal symbol {decimal!r} for {locale}")
    return NumberStyle(language, locale, "," if decimal == "," else ".", get_group_symbol(locale))


def style_for_decimal(decimal: DecimalMark) -> NumberStyle:
    """The style whose decimal separator is ``decimal`` (for files: ',' Dutch, '.' English)."""
    return number_style("nl") if number_style("nl").decimal == decimal else number_style("en")


@cache
def number_pattern(decimal: DecimalMark) -> re.Pattern[str]:
    """The grammar of a valid number with decimal separator ``decimal``, after
    :func:`normalise_number`: what Babel's strict parsing accepts on digits and separators.

    Without grouping any digits with at most one decimal separator (``1234,5``, ``,5``,
    ``5,``); with grouping, groups of three after a first group of one to three digits that
    does not start with zero, and decimals after the separator (``1.234``, ``1.234,50``).
    """
    style = style_for_decimal(decimal)
    d, g = re.escape(style.decimal), re.escape(style.group)
    plain = rf"\d+(?:{d}\d*)?|{d}\d+"
    grouped = rf"[1-9]\d{{0,2}}(?:{g}\d{{3}})+(?:{d}\d+)?"
    return re.compile(rf"[+-]?(?:{plain}|{grouped})")


@cache
def _ambiguous_pattern(decimal: DecimalMark) -> re.Pattern[str]:
    """An integer written the other language's way: one to three digits, the decimal separator
    and three zeros (``350,000`` with a decimal comma is 350 here, 350000 there)."""
    return re.compile(rf"[+-]?[1-9]\d{{0,2}}{re.escape(decimal)}000")


def normalise_number(text: str, decimal: DecimalMark) -> str:
    """Strip white space, turn U+2212 into '-', and spaces between digits into the grouping
    symbol of the style with ``decimal``. The result is what :func:`number_pattern` checks."""
    group = style_for_decimal(decimal).group
    text = text.strip(" \t\r\n" + _SPACES).replace(_MINUS, "-")
    return _SPACE_BETWEEN_DIGITS.sub(group, text)


class NumberError(InputError):
    """A typed number was refused. ``detail`` is the one-line reason (text and how it was
    read); ``problems`` holds it as a :class:`~ggzregio.errors.Problem` for forms and files."""

    def __init__(
        self,
        rule: str,
        text: str,
        *,
        field: str | None = None,
        source: str | None = None,
        **values: object,
    ):
        self.rule = rule
        self.text = text
        self.field = field
        self.source = source
        self.values: dict[str, object] = {"text": text, **values}
        super().__init__([Problem(source or "", rule, key=field, values=self.values)])

    @property
    def detail(self) -> str:
        """The reason in the active language, without file or field."""
        return t(f"rule.{self.rule}", **self.values)

    def report(self) -> str:
        if self.source is not None:
            return super().report()
        return f"{self.field}: {self.detail}" if self.field else self.detail


def format_user_number(value: float | Decimal, language: Language | None = None) -> str:
    """``value`` written so that :func:`parse_user_number` reads it back exactly, in the
    language's style with thousands grouping and every decimal (for pre-filled form fields).

    >>> format_user_number(250000.0, "nl"), format_user_number(12.5, "nl")
    ('250.000', '12,5')
    >>> format_user_number(1234.5, "en")
    '1,234.5'
    """
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    with localcontext() as context:
        context.prec = max(context.prec, len(number.as_tuple().digits) + 400)  # no rounding
        if number.is_finite() and number == number.to_integral_value():
            number = number.quantize(Decimal(1)) + 0  # '250000', not '2.5E+5'; no '-0'
        return format_decimal(
            number, locale=number_style(language).locale, decimal_quantization=False
        )


def _written(value: Decimal, style: NumberStyle) -> str:
    return format_decimal(value, locale=style.locale, decimal_quantization=False)


def parse_user_decimal(
    text: str,
    *,
    language: Language | None = None,
    integer: bool = False,
    field: str | None = None,
    source: str | None = None,
) -> Decimal:
    """Like :func:`parse_user_number` but returns the exact :class:`~decimal.Decimal` read,
    without range checks."""
    style = number_style(language)
    raw = str(text)
    where: dict[str, str | None] = {"field": field, "source": source}
    body = normalise_number(raw, style.decimal)
    if body == "":
        raise NumberError("number_empty", raw, **where)
    sign = body[0] if body[0] in "+-" else ""
    unsigned = body[len(sign) :]
    allowed = set("0123456789" + style.decimal + style.group)
    if not any(c.isdigit() for c in unsigned) or not set(unsigned) <= allowed:
        raise NumberError("number_invalid", raw, **where)  # letters, exponents, 'inf', 'nan'
    names = {
        "language": t(f"number.language.{style.language}"),
        "convention": t(f"number.convention.{style.language}"),
    }
    try:
        parsed = parse_decimal(unsigned, locale=style.locale, strict=True)
    except InvalidOperation as exc:  # more digits than a decimal context holds
        raise NumberError("number_too_large", raw, **where) from exc
    except NumberFormatError as exc:
        suggestions = [f"{'-' if sign == '-' else ''}{s}" for s in reversed(exc.suggestions or [])]
        if suggestions:
            joined = f" {t('number.or')} ".join(dict.fromkeys(suggestions))
            raise NumberError("number_format", raw, **where, suggestions=joined, **names) from exc
        raise NumberError("number_malformed", raw, **where, **names) from exc
    if not number_pattern(style.decimal).fullmatch(body):  # pragma: no cover - Babel agrees
        raise NumberError("number_malformed", raw, **where, **names)
    value = -parsed if sign == "-" else parsed
    if not math.isfinite(float(value)):  # more digits than a float holds
        raise NumberError("number_too_large", raw, **where)
    if integer:
        reading = _written(value, style)
        if value != value.to_integral_value():
            raise NumberError("number_not_integer", raw, **where, reading=reading)
        if _ambiguous_pattern(style.decimal).fullmatch(body):
            alternative = _written(
                parse_decimal(unsigned, locale=style.other.locale, strict=True), style
            )
            raise NumberError(
                "number_ambiguous",
                raw,
                **where,
                reading=reading,
                alternative=f"{'-' if sign == '-' else ''}{alternative}",
                **names,
            )
    return value


def parse_user_number(
    text: str,
    *,
    language: Language | None = None,
    integer: bool = False,
    field: str | None = None,
    source: str | None = None,
    minimum: float | None = None,
    maximum: float | None = None,
) -> float:
    """Read a number a person typed, in the style of ``language`` (default: the active one).

    ``integer`` refuses fractions and the other language's thousands (see the module notes);
    ``minimum``/``maximum`` are inclusive bounds. ``field`` names the option or form field and
    ``source`` the form or file for the message. Raises :class:`NumberError`.

    >>> parse_user_number("250.000", language="nl"), parse_user_number("12,5", language="nl")
    (250000.0, 12.5)
    >>> parse_user_number("1,234.5", language="en")
    1234.5
    """
    value = parse_user_decimal(text, language=language, integer=integer, field=field, source=source)
    number = float(value) + 0.0  # no negative zero
    where: dict[str, str | None] = {"field": field, "source": source}
    if minimum is not None and number < minimum:
        shown = format_user_number(minimum, language)
        raise NumberError("number_below", str(text), **where, minimum=shown)
    if maximum is not None and number > maximum:
        shown = format_user_number(maximum, language)
        raise NumberError("number_above", str(text), **where, maximum=shown)
    return number


def parse_user_integer(
    text: str,
    *,
    language: Language | None = None,
    field: str | None = None,
    source: str | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    """:func:`parse_user_number` with ``integer=True``, returned as :class:`int`.

    >>> parse_user_integer("350.000", language="nl")
    350000
    """
    number = parse_user_number(
        text,
        language=language,
        integer=True,
        field=field,
        source=source,
        minimum=minimum,
        maximum=maximum,
    )
    return int(number)


def parse_number_texts(
    texts: pd.Series, decimal: DecimalMark, *, integer: bool = False
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Parse a column of text cells at once with the grammar of :func:`parse_user_number` for
    the style whose decimal separator is ``decimal``. Returns the values (NaN where bad) and
    the mask of bad cells. With ``integer``, the other language's thousands (``350,000`` with
    a decimal comma) count as bad, as in :func:`parse_user_number`; fractions are left for the
    caller to report. Vectorised: a regular expression per column, not Babel per cell."""
    style = style_for_decimal(decimal)
    text = _normalised(texts, decimal)
    ok = text.str.fullmatch(number_pattern(decimal)).fillna(False).to_numpy(dtype=bool)
    if integer:
        ambiguous = text.str.fullmatch(_ambiguous_pattern(decimal)).fillna(False)
        ok = ok & ~ambiguous.to_numpy(dtype=bool)
    plain = text.str.replace(style.group, "", regex=False)
    if decimal != ".":
        plain = plain.str.replace(decimal, ".", regex=False)
    plain = plain.where(ok, "nan")
    values = pd.to_numeric(plain, errors="coerce").to_numpy(dtype=np.float64, copy=True)
    bad = ~ok | ~np.isfinite(values)
    values[bad] = np.nan
    return values + 0.0, bad


def valid_in(texts: pd.Series, decimal: DecimalMark) -> NDArray[np.bool_]:
    """Which text cells are valid numbers in the style with decimal separator ``decimal``."""
    valid = _normalised(texts, decimal).str.fullmatch(number_pattern(decimal))
    return valid.fillna(False).to_numpy(dtype=bool)


def _normalised(texts: pd.Series, decimal: DecimalMark) -> pd.Series:
    """:func:`normalise_number` for a column of text cells."""
    text = texts.astype(str).str.strip(" \t\r\n" + _SPACES)
    if text.str.contains(f"[{_SPACES}{_MINUS}]", regex=True).any():  # rare: skip when absent
        group = style_for_decimal(decimal).group
        text = text.str.replace(_MINUS, "-", regex=False)
        text = text.str.replace(_SPACE_BETWEEN_DIGITS, group, regex=True)
    return text


__all__ = [
    "LOCALES",
    "DecimalMark",
    "NumberError",
    "NumberStyle",
    "format_user_number",
    "normalise_number",
    "number_pattern",
    "number_style",
    "parse_number_texts",
    "parse_user_decimal",
    "parse_user_integer",
    "parse_user_number",
    "style_for_decimal",
    "valid_in",
]
