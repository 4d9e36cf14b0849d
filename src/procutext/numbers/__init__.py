"""Numbers and dates, in Chinese and in English, with their spans and values.

One library for the number rules (PT6xx, Chinese word order left in English) and for the
bilingual checks (numbers in the source against numbers in the translation):

- :func:`procutext.numbers.zh.find` finds quantities in Chinese text (Arabic, Chinese and
  financial numerals, 万/亿 scaling, percentages, ordinals, ranges, dates, plan periods);
- :func:`procutext.numbers.en.find` finds them in English text (digits, number words,
  ordinals, "1.2 million", percentages, dates in every English style, ranges).

Both return :class:`Quantity` objects, sorted by position, so that a Chinese and an English
quantity can be compared with :meth:`Quantity.same_value`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

#: what a quantity is
KINDS = ("number", "amount", "percent", "ordinal", "range", "date", "period", "duration")


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date or part of one; unknown parts are None (``7月`` is month 7 only).
    ``part`` names a part of a year or month where the text gives one instead of a day:
    ``"H1"``/``"H2"`` (上半年/下半年), ``"Q1"``…``"Q4"``, ``"early"``/``"mid"``/``"late"``
    (上旬/中旬/下旬), ``"decade"`` with the decade's first year (七十年代: 1970)."""

    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    part: Optional[str] = None

    def iso(self) -> str:
        """``2023-07-11``, ``2023-07``, ``--07-11`` (no year), as far as the parts are known."""
        y = f"{self.year:04d}" if self.year is not None else "-"
        if self.month is None:
            return y + (f"-{self.part}" if self.part else "")
        s = f"{y}-{self.month:02d}"
        if self.day is not None:
            s += f"-{self.day:02d}"
        elif self.part:
            s += f"-{self.part}"
        return s


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number, amount, percentage, ordinal, range, date, plan period or duration found in
    a text, with its span (``text[start:end]``).

    ``value`` is the number as a Python int or float (5 for 5%, 3 for 第三 / "third",
    300_000_000 for 3亿元 / "300 million yuan"); for a range it is the low end and ``high``
    the high end; for a date it is None and ``date`` holds it; for a plan period (十三五, the
    13th Five-Year Plan) ``value`` is the plan's number (13) and ``unit`` is "five-year plan".
    ``unit`` is the normalised English unit where the text gives one ("yuan", "person",
    "case", "km2", "year" …), else None. ``approx`` is True for 约/近/余/多 and "about",
    "nearly", "more than" …
    """

    start: int
    end: int
    text: str
    kind: str
    value: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = None
    date: Optional[Date] = None
    approx: bool = False

    def same_value(self, other: "Quantity", rel: float = 1e-9) -> bool:
        """Whether two quantities (say one Chinese, one English) stand for the same value:
        equal kind family, equal numbers (relative tolerance ``rel``), equal known date parts."""
        if self.date is not None or other.date is not None:
            if self.date is None or other.date is None:
                return False
            a, b = self.date, other.date
            return all(x is None or y is None or x == y
                       for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))
        if self.value is None or other.value is None:
            return False

        def close(x: float | None, y: float | None) -> bool:
            if x is None or y is None:
                return x is y
            return abs(x - y) <= rel * max(1.0, abs(x), abs(y))

        return close(self.value, other.value) and close(self.high, other.high)
