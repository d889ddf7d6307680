"""Dates in conflict news: file-name timestamps, publication-date inference and time expressions.

Everything here is rule-based, deterministic and cheap: the regexes are compiled once at import and the
functions run on every sentence of very large corpora. Conventions (relative to the publication date P):

* Bare weekday ("on Sunday", "this Monday", "Monday night's speech"): the latest such day on or before P
  (P itself when P is that weekday); in a future-tense clause ("will meet on Monday", "talks begin on
  Monday", "is due to ... on Monday") the next such day on or after P.
* "last Monday": the latest Monday strictly before P; "next Monday": the first Monday strictly after P
  (on a Monday, "next Monday" is a week away, "Monday" alone is today).
* "today", "tonight", "this morning/evening", "earlier today": P..P. "yesterday" and "last night": P-1
  (a night is dated by the evening it began, like "Monday night"). "overnight", "during the night":
  P-1..P, since the night runs into P. "the day before yesterday": P-2.
* "in the last/past N hours": P-ceil(N/24)..P (24 hours -> P-1..P, 48 -> P-2..P); "the past day": P-1..P;
  "the past N days/weeks/months/years": P minus that span..P.
* "this week": Monday of P's week..P; "last week": the previous Monday..Sunday; "next week": the next one.
  "over the weekend": the latest Saturday on or before P..the Sunday after it (cut at P); "last weekend":
  the Saturday..Sunday whose Sunday is the latest strictly before P.
* "this month"/"earlier this month": the 1st..P; "last month": the previous calendar month; "this year":
  1 January..P; "last year": the previous calendar year.
* "since X": X..P. "as of 6 p.m. local time on Sunday": that Sunday only.
* Explicit dates without a year take the year that puts them on or before P if that is at most 300 days
  back (on or after P in a future-tense clause), else the nearest one.
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from .text import slot_constructor, word_trie

__all__ = ["Period", "date_from_filename", "find_time_expressions", "infer_published", "resolve_period"]

_FLAGS = re.IGNORECASE | re.ASCII
_DAY1 = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days a figure refers to, with the words it was read from."""

    start: datetime.date
    end: datetime.date
    words: str  # the words it came from ("in the last 24 hours", "since Saturday"); "" when defaulted
    offset: int | None  # char offset of those words in the text given, None when defaulted


# ---------------------------------------------------------------------------------------------------------
# Vocabulary and building blocks
# ---------------------------------------------------------------------------------------------------------

_WEEKDAYS = {"mon": 0, "tues": 1, "wednes": 2, "thurs": 3, "fri": 4, "satur": 5, "sun": 6}
_WD_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
            "sun": 6}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_FULL_MONTHS = frozenset(k for k in _MONTHS if len(k) > 4 or k in ("may", "june", "july"))  # no "sept"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "twenty-four": 24, "forty-eight": 48, "seventy-two": 72, "few": 3, "a few": 3, "several": 3,
    "couple of": 2, "a couple of": 2,
}


def _month_alternation() -> str:
    """Month names, case-sensitive (Title or UPPER) so that 'march 20 km' or 'may 5' are not dates.

    Only an abbreviation takes a full stop ('Feb.'); after a full name it ends the sentence.
    """
    full = sorted(_FULL_MONTHS, key=len, reverse=True)
    abbr = sorted(set(_MONTHS) - _FULL_MONTHS, key=len, reverse=True)

    def cased(names: list[str]) -> str:  # a trie: the same matches before \b, fewer branches tried
        return word_trie([n.capitalize() for n in names] + [n.upper() for n in names])

    return rf"(?:(?-i:{cased(full)})\b|(?-i:{cased(abbr)})\b\.?)"


_MONTH = _month_alternation()
_WD = r"(?P<wd>mon|tues|wednes|thurs|fri|satur|sun)day"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])(?![:.][0-9])"
_YEAR = r"(?:19|20)[0-9]{2}(?![0-9])"
_NUM = (
    r"(?:[0-9]{1,4}|a\s+few|a\s+couple\s+of|couple\s+of|few|several|twenty-four|forty-eight|seventy-two|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|an|a)"
)
_POSS = r"(?:'s|\u2019s)?"
_TIME = (
    r"(?:[0-9]{1,2}(?:[:.][0-9]{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|h\b|hrs\b|o'clock|hours\b)?"
    r"|[0-9]{4}\s*(?:GMT|UTC|hrs|h)\b|noon|midnight|dawn|dusk)"
)
_TZ = (r"(?:\s+(?:local|Kyiv|Kiev|Moscow|Ukrainian|Russian|Eastern|Central)\s+time"
       r"|\s+(?:GMT|UTC|CET|EET|EEST|MSK))?")

# Unicode spaces and dashes mapped one-to-one to ASCII, so regexes can stay ASCII and offsets do not move.
_TRANSLATE = {c: " " for c in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B))}
_TRANSLATE.update({0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2212: "-"})


_TRANSLATED = re.compile("[" + "".join(map(chr, sorted(_TRANSLATE))) + "]")


def _norm(text: str) -> str:
    """The text with those spaces and dashes made ASCII (translating is slow: first look for one)."""
    return text if text.isascii() or not _TRANSLATED.search(text) else text.translate(_TRANSLATE)


def _num(word: str | None, default: int = 1) -> int | None:
    if not word:
        return default
    key = re.sub(r"\s+", " ", word.lower())
    if key.isdigit():
        return int(key)
    return _NUMBERS.get(key)


def _month_of(word: str | None) -> int | None:
    if not word:
        return None
    return _MONTHS.get(word.rstrip(".").lower())


def _weekday_of(stem: str | None) -> int | None:
    """Weekday number from the captured stem ('mon', 'Satur') of a weekday name."""
    return _WEEKDAYS.get(stem.lower()) if stem else None


def _day_of(word: str | None) -> int | None:
    if not word:
        return None
    digits = re.match(r"[0-9]+", word)
    return int(digits.group()) if digits else None


# ---------------------------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------------------------


def _latest_weekday(p: datetime.date, wd: int, strict: bool = False) -> datetime.date:
    delta = (p.weekday() - wd) % 7
    if strict and delta == 0:
        delta = 7
    return p - datetime.timedelta(days=delta)


def _next_weekday(p: datetime.date, wd: int, strict: bool = False) -> datetime.date:
    delta = (wd - p.weekday()) % 7
    if strict and delta == 0:
        delta = 7
    return p + datetime.timedelta(days=delta)


def _month_end(d: datetime.date) -> datetime.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _safe_date(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _pick_year(p: datetime.date, m: int, d: int, wd: int | None, mode: str) -> datetime.date | None:
    """Year for a year-less date: on/before P within 300 days ('past'), on/after ('future'), else nearest."""
    cands = [c for y in range(p.year - 4, p.year + 2) if (c := _safe_date(y, m, d)) is not None]
    if wd is not None:
        same = [c for c in cands if c.weekday() == wd and abs((c - p).days) <= 366]
        cands = same or cands
    if not cands:
        return None
    if mode == "future":
        later = [c for c in cands if c >= p]
        if later and (min(later) - p).days <= 300:
            return min(later)
    else:
        earlier = [c for c in cands if c <= p]
        if earlier and (mode == "since" or (p - max(earlier)).days <= 300):
            return max(earlier)
    return min(cands, key=lambda c: (abs((c - p).days), c))


# ---------------------------------------------------------------------------------------------------------
# Raw expressions: what was matched, independent of P; resolved against P later
# ---------------------------------------------------------------------------------------------------------

_Span = tuple[datetime.date, datetime.date]


@dataclass(slots=True)
class _Expr:
    start: int
    end: int
    tag: str  # see _RESOLVERS
    args: tuple
    period: bool  # a period expression (since, in the last 24 hours, this week) rather than a day
    future: bool = False
    speech: bool = False  # the day a statement was made ("said on Tuesday"), not the day of an event
    since: bool = False
    poss: bool = False  # "Monday's", "Monday night's"
    parts: tuple = field(default_factory=tuple)  # (_Expr, _Expr) for "between X and Y"

    @property
    def day_level(self) -> bool:
        return self.tag in ("date", "weekday", "rel") and not self.period


def _r_date(p: datetime.date, args: tuple, future: bool) -> _Span | None:
    m, d, y, wd = args
    if y is not None:
        day = _safe_date(y, m, d)
    else:
        day = _pick_year(p, m, d, wd, "future" if future else "past")
    return (day, day) if day else None


def _r_daterange(p: datetime.date, args: tuple, future: bool) -> _Span | None:
    m, d1, d2, y = args
    first = _r_date(p, (m, d1, y, None), future)
    if first is None or d2 < d1:
        return None
    last = _safe_date(first[0].year, m, d2)
    return (first[0], last) if last else None


def _r_weekday(p: datetime.date, args: tuple, future: bool) -> _Span:
    wd, mod = args
    if mod == "last" or mod == "this past" or mod == "past":
        day = _latest_weekday(p, wd, strict=True)
    elif mod in ("next", "this coming", "coming"):
        day = _next_weekday(p, wd, strict=True)
    elif future:
        day = _next_weekday(p, wd)
    else:
        day = _latest_weekday(p, wd)
    return day, day


def _r_rel(p: datetime.date, args: tuple, future: bool) -> _Span:
    a, b = args
    return p + datetime.timedelta(days=a), p + datetime.timedelta(days=b)


def _shift(p: datetime.date, n: int, unit: str) -> datetime.date:
    if unit == "hour":
        return p - datetime.timedelta(days=n // 24)
    if unit == "day":
        return p - datetime.timedelta(days=n)
    if unit == "week":
        return p - datetime.timedelta(days=7 * n)
    if unit == "month":
        return p - relativedelta(months=n)
    return p - relativedelta(years=n)


def _r_ago(p: datetime.date, args: tuple, future: bool) -> _Span:
    day = _shift(p, *args)
    return day, day


def _r_lastn(p: datetime.date, args: tuple, future: bool) -> _Span | None:
    n, unit = args
    if n <= 0:
        return None
    if unit == "hour":
        return p - datetime.timedelta(days=max(1, math.ceil(n / 24))), p
    return _shift(p, n, unit), p


def _r_week(p: datetime.date, args: tuple, future: bool) -> _Span:
    which, = args
    monday = p - datetime.timedelta(days=p.weekday())
    if which == "last":
        return monday - datetime.timedelta(days=7), monday - _DAY1
    if which == "next":
        return monday + datetime.timedelta(days=7), monday + datetime.timedelta(days=13)
    if which == "later" or (which == "this" and future):
        return p, monday + datetime.timedelta(days=6)
    return monday, p


def _r_weekend(p: datetime.date, args: tuple, future: bool) -> _Span:
    which, = args
    if which == "last":
        sunday = _latest_weekday(p, 6, strict=True)
        return sunday - _DAY1, sunday
    if which == "next" or (future and which != "past"):
        if which != "next" and p.weekday() >= 5:
            return p, p + datetime.timedelta(days=6 - p.weekday())
        saturday = _next_weekday(p, 5, strict=which == "next" or p.weekday() == 6)
        return saturday, saturday + _DAY1
    saturday = _latest_weekday(p, 5)
    return saturday, min(saturday + _DAY1, p)


def _r_month(p: datetime.date, args: tuple, future: bool) -> _Span:
    which, = args
    first = p.replace(day=1)
    if which == "last":
        prev_end = first - _DAY1
        return prev_end.replace(day=1), prev_end
    if which == "next":
        nxt = _month_end(p) + _DAY1
        return nxt, _month_end(nxt)
    if which == "later" or (which == "this" and future):
        return p, _month_end(p)
    return first, p


def _r_year(p: datetime.date, args: tuple, future: bool) -> _Span:
    which, = args
    if which == "last":
        return datetime.date(p.year - 1, 1, 1), datetime.date(p.year - 1, 12, 31)
    if which == "next":
        return datetime.date(p.year + 1, 1, 1), datetime.date(p.year + 1, 12, 31)
    if which == "later" or (which == "this" and future):
        return p, datetime.date(p.year, 12, 31)
    return datetime.date(p.year, 1, 1), p


def _r_monthname(p: datetime.date, args: tuple, future: bool) -> _Span | None:
    m, y = args
    if y is not None:
        first = _safe_date(y, m, 1)
    elif future:
        y = p.year if m >= p.month else p.year + 1
        first = _safe_date(y, m, 1)
    else:
        y = p.year if m <= p.month else p.year - 1
        first = _safe_date(y, m, 1)
    if first is None:
        return None
    last = _month_end(first)
    if first <= p <= last:
        return (p, last) if future else (first, p)
    return first, last


def _r_yearnum(p: datetime.date, args: tuple, future: bool) -> _Span | None:
    y, = args
    first, last = _safe_date(y, 1, 1), _safe_date(y, 12, 31)
    if first is None or last is None:
        return None
    if first <= p <= last:
        return (p, last) if future else (first, p)
    return first, last


def _r_yearrange(p: datetime.date, args: tuple, future: bool) -> _Span | None:
    y1, y2 = args
    first, last = _safe_date(y1, 1, 1), _safe_date(y2, 12, 31)
    if first is None or last is None:
        return None
    return (first, p) if first <= p <= last else (first, last)


def _r_startof(p: datetime.date, args: tuple, future: bool) -> _Span:
    unit, = args
    if unit == "year":
        return datetime.date(p.year, 1, 1), p
    if unit == "month":
        return p.replace(day=1), p
    return p - datetime.timedelta(days=p.weekday()), p


_RESOLVERS: dict[str, Callable[[datetime.date, tuple, bool], _Span | None]] = {
    "date": _r_date, "daterange": _r_daterange, "weekday": _r_weekday, "rel": _r_rel, "ago": _r_ago,
    "lastn": _r_lastn, "week": _r_week, "weekend": _r_weekend, "month": _r_month, "year": _r_year,
    "monthname": _r_monthname, "yearnum": _r_yearnum, "yearrange": _r_yearrange, "startof": _r_startof,
}


def _resolve(e: _Expr, p: datetime.date) -> _Span | None:
    """Resolve one expression against P; None when it cannot be (bad date, calendar overflow)."""
    try:
        if e.tag == "between":
            return _resolve_between(e, p)
        if e.since and e.tag == "date" and e.args[2] is None:
            m, d, _, wd = e.args
            first = _pick_year(p, m, d, wd, "since")
            return (first, p) if first is not None and first <= p else None
        span = _RESOLVERS[e.tag](p, e.args, e.future and not e.since)
        if span is None:
            return None
        if e.since:
            return (span[0], p) if span[0] <= p else None
        return span if span[0] <= span[1] else None
    except (ValueError, OverflowError):
        return None


def _resolve_between(e: _Expr, p: datetime.date) -> _Span | None:
    """'between Friday and Sunday', 'from February 18 to February 20': the second end follows the first."""
    a, b = e.parts
    first = _resolve(a, p)
    if first is None:
        return None
    if b.tag == "weekday" and b.args[1] is None:
        wd = b.args[0]
        last = first[1] + datetime.timedelta(days=(wd - first[1].weekday()) % 7)
    elif b.tag == "date" and b.args[2] is None:
        m, d = b.args[0], b.args[1]
        last = _safe_date(first[1].year, m, d)
        if last is not None and last < first[1]:
            last = _safe_date(first[1].year + 1, m, d)
        if last is None:
            return None
    else:
        second = _resolve(b, p)
        if second is None:
            return None
        last = second[1]
    lo, hi = min(first[0], last), max(first[1], last)
    return lo, hi


# ---------------------------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------------------------

_Builder = Callable[[re.Match[str]], "_Expr | None"]


def _b_numeric(m: re.Match[str]) -> _Expr | None:
    """2022-02-21 and 21.02.2022 (day first, as dotted dates always are in Europe)."""
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if _safe_date(y, mo, d) is None:
        return None
    return _Expr(m.start(), m.end(), "date", (mo, d, y, None), False)


def _b_slashed(m: re.Match[str]) -> _Expr | None:
    """18/10/2034 (day first) and 10/18/2034 (month first): only when one part cannot be a month; 05/10/2034
    could be either, and a wrong date is worse than none."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 >= b:
        d, mo = a, b
    elif b > 12 >= a:
        d, mo = b, a
    else:
        return None
    if _safe_date(y, mo, d) is None:
        return None
    return _Expr(m.start(), m.end(), "date", (mo, d, y, None), False)


def _b_date(m: re.Match[str]) -> _Expr | None:
    mo, d = _month_of(m["mon"]), _day_of(m["d"])
    y = int(m["y"]) if m["y"] else None
    if mo is None or d is None:
        return None
    if _safe_date(y if y is not None else 2000, mo, d) is None:  # 2000 is a leap year: Feb 29 allowed
        return None
    return _Expr(m.start(), m.end(), "date", (mo, d, y, _weekday_of(m["wd"])), False)


def _b_daterange(m: re.Match[str]) -> _Expr | None:
    mo, d1, d2 = _month_of(m["mon"]), _day_of(m["d1"]), _day_of(m["d2"])
    y = int(m["y"]) if m["y"] else None
    if mo is None or d1 is None or d2 is None or d2 <= d1:
        return None
    if _safe_date(2000, mo, d2) is None:
        return None
    return _Expr(m.start(), m.end(), "daterange", (mo, d1, d2, y), True)


def _b_weekday(m: re.Match[str]) -> _Expr | None:
    wd = _weekday_of(m["wd"])
    if wd is None:
        return None
    mod = re.sub(r"\s+", " ", m["mod"].lower()) if m["mod"] else None
    e = _Expr(m.start(), m.end(), "weekday", (wd, mod), False)
    e.poss = bool(m["poss"])
    return e


def _b_monthname(m: re.Match[str]) -> _Expr | None:
    pre = re.sub(r"\s+", " ", m["pre"].lower()) if m["pre"] else ""
    y = int(m["y"]) if m["y"] else None
    word = m["mon"].rstrip(".").lower()
    if not pre and y is None:
        return None
    if y is None and word not in _FULL_MONTHS:
        return None
    mo = _month_of(word)
    if mo is None:
        return None
    e = _Expr(m.start(), m.end(), "monthname", (mo, y), True)
    e.since = pre.startswith("since")
    return e


def _b_yearnum(m: re.Match[str]) -> _Expr:
    e = _Expr(m.start(), m.end(), "yearnum", (int(m["y"]),), True)
    e.since = m["pre"].lower() == "since"
    return e


def _b_yearrange(m: re.Match[str]) -> _Expr | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    return _Expr(m.start(), m.end(), "yearrange", (y1, y2), True) if y1 < y2 else None


def _b_ago(m: re.Match[str]) -> _Expr | None:
    n = _num(m["n"])
    unit = m["u"].lower().rstrip("s")
    if n is None:
        return None
    return _Expr(m.start(), m.end(), "ago", (n, unit), False)


def _b_lastn(m: re.Match[str]) -> _Expr | None:
    n = _num(m["n"]) if "n" in m.re.groupindex else 1
    unit = m["u"].lower().rstrip("s")
    if n is None or n > 10000:
        return None
    return _Expr(m.start(), m.end(), "lastn", (n, unit), True)


def _b_lasthours(m: re.Match[str]) -> _Expr:
    return _Expr(m.start(), m.end(), "lastn", (int(m["n"]), m["u"].lower()), True)


def _b_rel(a: int, b: int, period: bool = False) -> _Builder:
    def build(m: re.Match[str]) -> _Expr:
        e = _Expr(m.start(), m.end(), "rel", (a, b), period)
        e.future = a > 0
        e.poss = m.group().endswith("s") and ("'" in m.group() or "\u2019" in m.group())
        return e

    return build


def _b_unit(tag: str) -> _Builder:
    def build(m: re.Match[str]) -> _Expr:
        which = (m["q"] or m["w"]).lower() if "q" in m.re.groupindex else m["w"].lower()
        which = {"earlier": "this", "this past": "past"}.get(which, which)
        e = _Expr(m.start(), m.end(), tag, (which,), True)
        e.future = which in ("next", "later")
        return e

    return build


def _b_fixed(tag: str, which: str) -> _Builder:
    def build(m: re.Match[str]) -> _Expr:
        return _Expr(m.start(), m.end(), tag, (which,), True)

    return build


def _b_startof(m: re.Match[str]) -> _Expr:
    return _Expr(m.start(), m.end(), "startof", (m["u"].lower(),), True)


_NOT_A_DAY_AFTER = (
    r"(?!\s+(?:times|telegraph|express|mirror|post|herald|mail|independent|star|sport|night\s+live)\b)"
)
_OPT_YEAR = rf"(?:\s*,?\s*(?P<y>{_YEAR}))?"
_MODS = r"this\s+past|this\s+coming|last|next|this|past|coming"
_UNITS = r"(?P<u>hours?|days?|weeks?|months?|years?)"
# "the war of 2009", but not "a total of 2015" (a count)
_OF_YEAR = (r"(?<!total\s)(?<!out\s)(?<!toll\s)(?<!tally\s)(?<!count\s)(?<!number\s)(?<!figure\s)"
            r"(?<!sum\s)(?<!estimate\s)(?<!maximum\s)(?<!minimum\s)(?<!average\s)of")
_NOT_COUNTED = (
    r"(?!\s+(?:people|men|women|children|troops|soldiers|civilians|residents|refugees|attacks|cases|times|"
    r"incidents|shells|strikes|dead|deaths)\b)"
)


_Pattern = tuple[str, re.Pattern[str], "re.Pattern[str] | None", _Builder]


def _twin(pattern: str) -> re.Pattern[str] | None:
    """The pattern without re.IGNORECASE, to search the lower-case twin of a text (``_lower_twin``): the same
    matches, found faster. Only for a pattern with no capital letter outside group names (no ``\\S``, no
    case-sensitive month name)."""
    return None if re.search(r"[A-Z]", re.sub(r"\(\?P<\w+>", "", pattern)) else re.compile(pattern, re.ASCII)


def _p(key: str, pattern: str, build: _Builder) -> _Pattern:
    return key, re.compile(pattern, _FLAGS), _twin(pattern), build


#: (family key, pattern, its lower-case twin, builder). A pattern runs only when its family occurs in the text.
_PATTERNS: list[_Pattern] = [
    _p("num", r"(?<![0-9-])(?P<y>(?:19|20)[0-9]{2})-(?P<m>0?[1-9]|1[0-2])-(?P<d>0?[1-9]|[12][0-9]|3[01])"
              r"(?![0-9])", _b_numeric),
    _p("num", r"(?<![0-9.])(?P<d>0?[1-9]|[12][0-9]|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>(?:19|20)[0-9]{2})"
              r"(?![0-9])", _b_numeric),
    _p("num", r"(?<![0-9/])(?P<a>[0-3]?[0-9])/(?P<b>[0-3]?[0-9])/(?P<y>(?:19|20)[0-9]{2})(?![0-9/])", _b_slashed),
    _p("month", rf"\b(?:{_WD}\s*,?\s*(?P<par>\()?\s*)?(?P<mon>{_MONTH})\s*(?:the\s+)?(?P<d>{_DAY})"
                rf"{_OPT_YEAR}(?(par)\s*\))", _b_date),
    _p("month", rf"(?<![0-9.,])\b(?:{_WD}\s*,?\s*(?:the\s+)?)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH})"
                rf"{_OPT_YEAR}", _b_date),
    _p("month", rf"\b(?P<mon>{_MONTH})\s*(?P<d1>{_DAY})\s*[-\u2013]\s*(?P<d2>{_DAY}){_OPT_YEAR}",
       _b_daterange),
    _p("month", rf"\b(?P<kw>from|between)\s+(?P<mon>{_MONTH})\s*(?P<d1>{_DAY})\s+"
                rf"(?:to|through|until|till|and)\s+(?P<d2>{_DAY}){_OPT_YEAR}", _b_daterange),
    _p("month", rf"\b(?P<kw>from|between)\s+(?:the\s+)?(?P<d1>{_DAY})\s+(?:to|through|until|till|and)\s+"
                rf"(?:the\s+)?(?P<d2>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH}){_OPT_YEAR}", _b_daterange),
    _p("month", rf"(?<![0-9.,])\b(?P<d1>{_DAY})\s*[-\u2013]\s*(?P<d2>{_DAY})\s+(?P<mon>{_MONTH}){_OPT_YEAR}",
       _b_daterange),
    _p("month", r"\b(?:(?P<pre>since\s+early|since\s+late|since\s+mid|in\s+early|in\s+late|in\s+mid|"
                r"earlier\s+in|later\s+in|since|in|during|throughout|until|early|late|mid)[\s-]+)?"
                rf"(?P<mon>{_MONTH})(?!\s*(?:the\s+)?(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9]))"
                rf"(?:\s+(?P<y>{_YEAR}))?", _b_monthname),
    _p("num", rf"\b(?P<pre>since|in|during|throughout|early|late|mid-?|{_OF_YEAR})\s+(?P<y>{_YEAR})"
              rf"(?![.,][0-9])(?!\s*[-\u2013/]\s*[0-9]){_NOT_COUNTED}", _b_yearnum),
    _p("num", rf"\b(?:between|from)\s+(?P<y1>{_YEAR})\s+(?:and|to|until|till|through)\s+(?P<y2>{_YEAR})",
       _b_yearrange),
    _p("num", rf"(?<![0-9-])(?P<y1>{_YEAR})\s*[-\u2013]\s*(?P<y2>{_YEAR})(?![0-9-])", _b_yearrange),
    _p("wd", rf"\b(?<!bloody\s)(?<!black\s)(?:(?P<mod>{_MODS})\s+)?{_WD}"
             rf"(?:\s+(?P<tod>morning|afternoon|evening|night))?(?P<poss>'s|\u2019s)?\b{_NOT_A_DAY_AFTER}",
       _b_weekday),
    _p("rel", r"\bthe\s+day\s+before\s+yesterday\b", _b_rel(-2, -2)),
    _p("rel", r"\bthe\s+day\s+after\s+tomorrow\b", _b_rel(2, 2)),
    _p("rel", rf"\b(?:early\s+|late\s+)?yesterday(?:\s+(?:morning|afternoon|evening|night))?{_POSS}",
       _b_rel(-1, -1)),
    _p("rel", rf"\blast\s+night{_POSS}", _b_rel(-1, -1)),
    _p("rel", r"\b(?:overnight|during\s+the\s+night|in\s+the\s+night|through\s+the\s+night)\b",
       _b_rel(-1, 0, period=True)),
    _p("rel", rf"\b(?:earlier|later)\s+(?:on\s+)?today\b|(?<!russia\s)(?<!usa\s)\btoday{_POSS}\b"
              rf"(?!\s+programme)|\btonight{_POSS}|\bthis\s+(?:morning|afternoon|evening)\b", _b_rel(0, 0)),
    _p("rel", rf"\btomorrow{_POSS}(?:\s+(?:morning|afternoon|evening|night))?\b", _b_rel(1, 1)),
    _p("ago", rf"\b(?P<n>{_NUM})\s+{_UNITS}\s+ago\b", _b_ago),
    # "in the last 24 hours", "the past two weeks"; without a number a preposition is required, so that
    # "on the last day of the drills" is not "the past day".
    _p("lastn", rf"\b(?:(?:in|over|during|within|for|throughout|across)\s+)?the\s+"
                rf"(?P<w>last|past|previous|preceding)\s+(?P<n>{_NUM})\s+{_UNITS}\b(?!\s+of\b)", _b_lastn),
    _p("lastn", rf"\b(?:in|over|during|within|for|throughout|across)\s+the\s+(?P<w2>last|past)\s+{_UNITS}"
                r"\b(?!\s+of\b)(?:\s+or\s+so\b)?", _b_lastn),
    _p("lastn", r"\b(?:(?:in|over|during|within|for)\s+)?the\s+(?:last|past|previous|preceding)\s+"
                r"(?P<n>[0-9]{1,3})[-\s](?P<u>hour|day)\s+period\b", _b_lasthours),
    _p("week", r"\b(?:(?P<q>earlier|later)\s+)?(?P<w>this|last|next)\s+week(?:'s|\u2019s)?\b",
       _b_unit("week")),
    _p("week", r"\bearlier\s+in\s+the\s+week\b", _b_fixed("week", "this")),
    _p("week", r"\b(?:(?:over|during|at|on|throughout)\s+)?(?P<w>the|this\s+past|this|last|next|past)\s+"
               r"weekend(?:'s|\u2019s)?\b", _b_unit("weekend")),
    _p("monthw", r"\b(?:so\s+far\s+)?(?:(?P<q>earlier|later)\s+)?(?P<w>this|last|next)\s+month"
                 r"(?:'s|\u2019s)?\b", _b_unit("month")),
    _p("monthw", r"\bearlier\s+in\s+the\s+month\b", _b_fixed("month", "this")),
    _p("yearw", r"\b(?:so\s+far\s+)?(?:(?P<q>earlier|later)\s+)?(?P<w>this|last|next)\s+year"
                r"(?:'s|\u2019s)?\b", _b_unit("year")),
    _p("yearw", r"\bearlier\s+in\s+the\s+year\b", _b_fixed("year", "this")),
    _p("since", r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?P<u>year|month|week)\b",
       _b_startof),
]

# Cheap pre-filter: the families of words present in a text decide which patterns are tried at all.
# Plain substring tests, far cheaper than one regex alternation over the whole text.
_MONTH_KEY = re.compile(
    "|".join(sorted({n[:3].capitalize() for n in _MONTHS} | {n[:3].upper() for n in _MONTHS}))
)
_YEAR_KEY = re.compile(r"(?:19|20)[0-9]{2}")
_FAMILY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("wd", ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")),
    ("rel", ("yesterday", "today", "tonight", "tomorrow", "night", "morning", "evening", "afternoon")),
    ("ago", ("ago",)),
    ("lastn", ("last", "past", "previous", "preceding")),
    ("week", ("week",)),
    ("monthw", ("month",)),
    ("yearw", ("year",)),
    ("since", ("since",)),
)


_MONTH_NAME = re.compile(
    "(?:" + "|".join(sorted({n.capitalize() for n in _MONTHS} | {n.upper() for n in _MONTHS}, key=len, reverse=True))
    + r")\b", re.ASCII)


def _families(norm: str, low: str) -> set[str]:
    """Families present; ``low`` is ``norm.lower()`` (only tested for substrings, so its length does not matter)."""
    found = set()
    for key, words in _FAMILY_WORDS:  # plain loops: a generator per family costs more than its tests
        for w in words:
            if w in low:
                found.add(key)
                break
    if _MONTH_KEY.search(norm) and _MONTH_NAME.search(norm):  # the quick test, then the exact one
        found.add("month")
    if _YEAR_KEY.search(norm):
        found.add("num")
    return found


_PREFIX = re.compile(
    rf"\b(?:(?P<kw>ever\s+since|since|as\s+of|as\s+at)\s+(?:{_TIME}{_TZ}\s+)?)?(?P<on>on\s+)?$", _FLAGS)
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+$", _FLAGS)
_BETWEEN_JOIN = re.compile(r"\s*(?:and|to|until|till|through|thru|-|\u2013|\u2014)\s*", _FLAGS)
_WD_DATE_JOIN = re.compile(r"\s*,?\s*\(?\s*", _FLAGS)

# Clause boundaries. Boundaries inside an expression ("p.m.", "Feb.", "between Saturday and Sunday") are
# ignored; a clause made only of a time expression ("On Sunday,") is merged with the clause that follows.
_CUT_MARKS = ";:!?()[]{}\"\n\u201c\u201d\u00ab\u00bb"
_CUT_WORDS = "and|but|while|whereas|although|though|that|which|who|whom|whose|because|after|before|when"
_BOUNDARY = re.compile(
    rf"[{re.escape(_CUT_MARKS)}]|\.(?=\s|$)|,(?=\s)|\s[-\u2013\u2014]+\s|[\u2013\u2014]|\s(?:{_CUT_WORDS})\s", _FLAGS)


def _boundary_twin() -> re.Pattern[str]:
    """``_BOUNDARY`` for the lower-case twin (``_lower_twin``) with every alternative opening on one literal
    character, in the same order (the classes spelled out, ASCII ``\\s`` as its six characters): the same
    matches, and the regex engine skips straight to a character that can open one."""
    spaces = " \t\n\r\f\v"
    alternatives = [re.escape(c) for c in _CUT_MARKS] + [r"\.(?=\s|$)", r",(?=\s)"]
    alternatives += [re.escape(c) + r"[-\u2013\u2014]+\s" for c in spaces] + ["\u2013", "\u2014"]
    alternatives += [re.escape(c) + rf"(?:{_CUT_WORDS})\s" for c in spaces]
    return re.compile("|".join(alternatives), re.ASCII)


_BOUNDARY_LOW = _boundary_twin()
_SUBORDINATORS = frozenset("that which who whom whose because after before when while whereas although though"
                           .split())
_WORD = re.compile(r"[A-Za-z]+")
_FILLER = frozenset("on in at by since as of from the early late and but then also meanwhile earlier later "
                    "until till up to local time p m a".split())

_FUTURE = re.compile(
    r"\b(?:will|shall|won't|is\s+due|are\s+due|due\s+to|is\s+to\s+be|are\s+to\s+be|plans?\s+to|planning\s+to|"
    r"(?:is|are)\s+expected\s+to|(?:is|are)\s+scheduled|scheduled\s+(?:to|for)|(?:is|are)\s+set\s+to|"
    r"set\s+for|(?:is|are)\s+going\s+to|ahead\s+of|upcoming)\b|'ll\b", _FLAGS)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|(?<!\bbe\s)(?<!been\s)(?<!being\s)"
    r"(?!(?:need|feed|speed|seed|breed|proceed|exceed|succeed|indeed)\b)[a-z]{2,}ed)\b", _FLAGS)
_SCHEDULED_BEFORE = re.compile(
    r"\b(?:ends?|begins?|starts?|opens?|closes?|expires?|concludes?|resumes?|finish(?:es)?|takes?\s+place|"
    r"kicks?\s+off|(?:is|are)\s+over|runs?\s+until|lasts?\s+until|continues?\s+until)\s+$", _FLAGS)
_SPEECH_VERBS = (
    r"said|says|say|told|tells|announced|announces|reported|reports|stated|states|added|adds|claimed|claims|"
    r"wrote|writes|tweeted|posted|declared|insisted|noted|warned|warns|confirmed|confirms|denied|argued|"
    r"commented|explained|replied|responded|acknowledged|alleged|asserted|revealed|disclosed|stressed|urged|"
    r"accused|admitted|reiterated|pledged|promised|vowed|suggested|mentioned|briefed|quoted|cited|informed|"
    r"assured|blamed|condemned|called"
)
_SPEECH_BEFORE = re.compile(rf"\b(?:{_SPEECH_VERBS})(?P<gap>(?:\s+[A-Za-z'-]+){{0,4}}?)\s+$", _FLAGS)
_SPEECH_NOUN_BEFORE = re.compile(
    r"\b(?:statement|speech|address|interview|briefing|conference|remarks|tweet|video|message|appearance|"
    r"communique|bulletin|update|post)\s+$", _FLAGS)
_SPEECH_AFTER = re.compile(rf"\s*,?\s*(?:{_SPEECH_VERBS})\b", _FLAGS)
_SPEECH_NOUN_AFTER = re.compile(
    r"\s*(?:televised\s+|video\s+|nightly\s+|evening\s+)?(?:speech|address|statement|remarks|interview|"
    r"briefing|announcement|comments|press\s+conference|news\s+conference|tweet|post|report|update)\b",
    _FLAGS)
_GAP_STOP = frozenset("that was were had has have been is are be being will would could".split())


# ---------------------------------------------------------------------------------------------------------
# Scanning
# ---------------------------------------------------------------------------------------------------------


def _lower_twin(norm: str) -> str | None:
    """``norm.lower()`` if it keeps the offsets and makes no letter but an ASCII one ASCII (not the Kelvin sign):
    then a caseless pattern without re.IGNORECASE finds in it what the pattern with it finds in ``norm``."""
    low = norm.lower()
    return low if len(low) == len(norm) and "\u212a" not in norm else None


def _match_all(norm: str, low: str | None) -> list[_Expr]:
    """Expressions of every pattern (longest first where they overlap); ``low`` is ``_lower_twin(norm)``."""
    found: list[_Expr] = []
    present = _families(norm, norm.lower() if low is None else low)
    for key, rx, twin, build in _PATTERNS:
        if key not in present:
            continue
        # a twin's match is redone (anchored, cheap) on norm, so that builders see the text's own case
        matches = (rx.match(norm, m.start()) for m in twin.finditer(low)) if twin and low else rx.finditer(norm)
        for m in matches:
            e = build(m)
            if e is not None and e.end > e.start:
                found.append(e)
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[_Expr] = []
    last_end = -1
    for e in found:
        if e.start >= last_end:
            kept.append(e)
            last_end = e.end
    return kept


def _extend_prefixes(norm: str, exprs: list[_Expr]) -> None:
    """Absorb 'on', 'since', 'as of 6 p.m. local time on' in front of an expression."""
    prev_end = 0
    for e in exprs:
        if e.tag in ("lastn", "ago", "startof") or e.since:
            prev_end = e.end
            continue
        lo = max(prev_end, e.start - 60)
        m = _PREFIX.search(norm, lo, e.start)
        if m is not None and m.end() == e.start and m.start() < e.start:
            kw = (m["kw"] or "").lower()
            if kw or (m["on"] and (e.day_level or e.tag == "daterange")):
                e.start = m.start()
                if kw.endswith("since"):
                    e.since = True
                    e.period = True
        prev_end = e.end


_SINCE_CLAUSE = re.compile(r"\b(?:ever\s+)?since\s+(?:[A-Za-z'\u2019-]+\s+){1,8}$", _FLAGS)


def _extend_since_clauses(norm: str, exprs: list[_Expr]) -> None:
    """'since the siege began on March 31': a period from that day to P."""
    prev_end = 0
    for e in exprs:
        if e.day_level and not e.since:
            m = _SINCE_CLAUSE.search(norm, max(prev_end, e.start - 90), e.start)
            if m is not None and m.end() == e.start:
                e.start, e.since, e.period = m.start(), True, True
        prev_end = e.end


def _combine(norm: str, exprs: list[_Expr]) -> list[_Expr]:
    """Join 'Monday, February 21' into one dated expression and 'between X and Y' into one period."""
    out: list[_Expr] = []
    i = 0
    while i < len(exprs):
        e = exprs[i]
        nxt = exprs[i + 1] if i + 1 < len(exprs) else None
        if (nxt is not None and e.tag == "weekday" and nxt.tag == "date" and nxt.args[3] is None
                and not e.since and not nxt.since and _WD_DATE_JOIN.fullmatch(norm, e.end, nxt.start)):
            m, d, y, _ = nxt.args
            merged = _Expr(e.start, nxt.end, "date", (m, d, y, e.args[0]), False)
            if norm.startswith(")", merged.end):
                merged.end += 1
            out.append(merged)
            i += 2
            continue
        if (nxt is not None and e.day_level and nxt.day_level and not e.since and not nxt.since
                and _BETWEEN_JOIN.fullmatch(norm, e.end, nxt.start)):
            before = _BETWEEN_BEFORE.search(norm, max(0, e.start - 12), e.start)
            if before is not None and before.end() == e.start:
                out.append(_Expr(before.start(), nxt.end, "between", (), True, parts=(e, nxt)))
                i += 2
                continue
        out.append(e)
        i += 1
    return out


class _Clauses:
    """Tight clauses of a text, found once and looked up by offset."""

    def __init__(self, norm: str, exprs: list[_Expr], low: str | None = None) -> None:
        starts = [e.start for e in exprs]
        cuts: list[tuple[int, int]] = []
        for m in _BOUNDARY_LOW.finditer(low) if low else _BOUNDARY.finditer(norm):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and exprs[k].end > m.start():
                continue
            cuts.append(m.span())
        #: positions of cuts made by a subordinating word ("that", "which", "after"), to tell how deep a
        #: clause is nested relative to another
        self.subordinate = [a for a, b in cuts if norm[a:b].strip().lower() in _SUBORDINATORS]
        spans: list[tuple[int, int]] = []
        soft: list[bool] = []  # whether the cut after each span is soft (comma, dash, conjunction)
        pos = 0
        for a, b in cuts:
            spans.append((pos, a))
            soft.append(norm[a] in ", -\u2013\u2014")
            pos = b
        spans.append((pos, len(norm)))
        soft.append(False)
        # A clause that is only a time expression ("On Sunday,") joins the clause after it across a soft
        # cut, else the clause before it (", on Sunday.").
        merged: list[tuple[int, int]] = []
        joins_next = False
        for i, (s, t) in enumerate(spans):
            alone = self._time_only(norm, s, t, exprs, starts)
            if joins_next:
                s = merged.pop()[0]
            joins_next = alone and soft[i] and i + 1 < len(spans)
            if alone and not joins_next and merged and i > 0 and soft[i - 1]:
                s = merged.pop()[0]
            merged.append((s, t))
        self.spans = merged
        self.starts = [s for s, _ in merged]

    @staticmethod
    def _time_only(norm: str, s: int, t: int, exprs: list[_Expr], starts: list[int]) -> bool:
        lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, t)
        if lo == hi:
            return False  # the common case: no expression starts in the clause
        inside = [e for e in exprs[lo:hi] if e.end <= t]
        if not inside:
            return False
        rest, pos = [], s
        for e in inside:
            rest.append(norm[pos:e.start])
            pos = e.end
        rest.append(norm[pos:t])
        return all(w.lower() in _FILLER for w in _WORD.findall(" ".join(rest)))

    def depth_between(self, a: int, b: int) -> int:
        """How many subordinating cuts lie between two offsets."""
        lo, hi = min(a, b), max(a, b)
        return bisect.bisect_left(self.subordinate, hi) - bisect.bisect_right(self.subordinate, lo)

    def at(self, pos: int) -> tuple[int, int]:
        k = max(0, bisect.bisect_right(self.starts, pos) - 1)
        return self.spans[k]


_NO_CLAUSES = _Clauses("", [])


def _is_speech(norm: str, e: _Expr, clause: tuple[int, int]) -> bool:
    before = norm[max(clause[0], e.start - 80):e.start]
    m = _SPEECH_BEFORE.search(before)
    if m is not None:
        gap = [w.lower() for w in _WORD.findall(m["gap"])]
        raw = _WORD.findall(m["gap"])
        if not any(w in _GAP_STOP for w in gap) and not any(w.islower() and w.endswith("ed") for w in raw):
            return True
    if _SPEECH_NOUN_BEFORE.search(before):
        return True
    after = norm[e.end:e.end + 40]
    if _SPEECH_AFTER.match(after):
        return True
    return e.poss and bool(_SPEECH_NOUN_AFTER.match(after))


def _scan(text: str) -> tuple[str, list[_Expr], _Clauses]:
    """All time expressions of a text, with tense and speech flags; P-independent."""
    norm = _norm(text)
    low = _lower_twin(norm)
    exprs = _match_all(norm, low)
    if not exprs:
        return norm, [], _NO_CLAUSES
    _extend_prefixes(norm, exprs)
    exprs = _combine(norm, exprs)
    _extend_since_clauses(norm, exprs)
    clauses = _Clauses(norm, exprs, low)
    for e in exprs:
        clause = clauses.at(e.start)
        if not e.period:
            e.speech = _is_speech(norm, e, clause)
        tense_free = e.tag in ("date", "weekday", "monthname", "week", "weekend", "month", "year", "yearnum")
        if tense_free and not e.speech and not e.since:
            if e.tag == "weekday" and e.args[1] not in (None, "this"):
                continue
            if e.tag in ("week", "weekend", "month", "year") and e.args[0] not in ("this", "the"):
                continue
            e.future = _is_future(norm, e, clause)
    return norm, exprs, clauses


@functools.lru_cache(maxsize=2048)
def _scan_cached(text: str) -> tuple[str, list[_Expr], _Clauses]:
    """``_scan`` remembered per sentence: a sentence with several figures is scanned once (read-only after)."""
    return _scan(text)


_TENSE_REACH = 200  # characters around an expression searched for its tense (keeps long clauses linear)


def _is_future(norm: str, e: _Expr, clause: tuple[int, int]) -> bool:
    """Future tense around an expression of its clause.

    'will meet on Monday', 'talks begin on Monday', 'On Monday, leaders will meet' are future; a past verb
    between the marker and the expression keeps it past ('will not say how many were killed on Sunday',
    'On Sunday, Lavrov said Russia will respond').
    """
    lo, hi = max(clause[0], e.start - _TENSE_REACH), min(clause[1], e.end + _TENSE_REACH)
    if _SCHEDULED_BEFORE.search(norm, max(lo, e.start - 40), e.start):
        return True
    markers = list(_FUTURE.finditer(norm, lo, e.start))
    if markers:
        return not _PAST.search(norm, markers[-1].end(), e.start)
    marker = _FUTURE.search(norm, e.end, hi)
    return marker is not None and not _PAST.search(norm, e.end, marker.start())


_period = slot_constructor(Period)


def _to_period(text: str, e: _Expr, span: _Span) -> Period:
    return _period(span[0], span[1], text[e.start:e.end], e.start)


# ---------------------------------------------------------------------------------------------------------
# Public: expressions and periods
# ---------------------------------------------------------------------------------------------------------


def find_time_expressions(text: str, published: datetime.date) -> list[Period]:
    """Every time expression in `text` that resolves against `published`, sorted by offset."""
    if not isinstance(text, str) or not text:
        return []
    _, exprs, _ = _scan(text)
    out = []
    for e in exprs:
        span = _resolve(e, published)
        if span is not None:
            out.append(_to_period(text, e, span))
    out.sort(key=lambda p: (p.offset, p.start, p.end))
    return out


def resolve_period(
    sentence: str, published: datetime.date | None, *, anchor: int | None = None
) -> Period | None:
    """The period a figure at `anchor` (or the whole sentence) refers to.

    Rule, in order (the first that finds something wins):
    1. among expressions in the anchor's tight clause (cut at commas, semicolons, dashes, quotes and words
       such as 'and', 'that', 'which'; a leading 'On Sunday,' belongs to the clause after it) that are not
       the date of a statement ('said on Tuesday', 'on Sunday reiterated', 'in a statement on Monday'):
       the nearest period expression (since / in the last / over the weekend / this week), else the
       nearest day;
    2. the same over the whole sentence;
    3. the nearest statement date, in the clause and then in the sentence (the figure was current when
       said, as in 'Austin said Friday that ... 100,000 soldiers');
    4. the publication date itself, with words "" and offset None.
    With an anchor, an expression two subordinate clauses away from it, or a future one when the
    figure's verb is past ('500 monitors had arrived ahead of the vote due on Monday'), is not used.
    Without an anchor the whole sentence is the clause and ties go to the earliest expression.
    """
    if published is None:
        return None
    default = _period(published, published, "", None)
    if not isinstance(sentence, str) or not sentence:
        return default
    norm, exprs, clauses = _scan_cached(sentence)
    found = [(e, s) for e in exprs if (s := _resolve(e, published)) is not None]
    if not found:
        return default
    stated = [(e, s) for e, s in found if e.speech]
    if anchor is None:
        scopes = [(0, len(norm))]
        pos = 0
    else:
        pos = min(max(0, anchor), len(norm))
        found = [(e, s) for e, s in found if _may_govern(norm, e, pos, clauses)]
        scopes = [clauses.at(pos), (0, len(norm))]

    def dist(e: _Expr) -> tuple[int, int]:
        if anchor is None:
            return 0, e.start
        gap = 0 if e.start <= pos < e.end else min(abs(pos - e.start), abs(pos - e.end))
        return gap, e.start

    def inside(e: _Expr, scope: tuple[int, int]) -> bool:
        return scope[0] <= e.start and e.end <= scope[1] + 1

    said_on = _statement_day(stated, dist, published)
    for speech in (False, True):
        for scope in scopes:
            pool = [(e, s) for e, s in found if e.speech == speech and inside(e, scope)]
            periods = [c for c in pool if c[0].period]
            pool = periods or pool
            if pool:
                e, s = min(pool, key=lambda c: dist(c[0]))
                if not speech and said_on is not None:
                    # "X said on Thursday that 164,000 have crossed since 13 April": counted up to Thursday
                    s = _resolve(e, said_on) or s
                return _to_period(sentence, e, s)
    return default


def _statement_day(stated: list, dist: Callable, published: datetime.date) -> datetime.date | None:
    """The day the sentence's figures were stated, when a statement date names one before publication."""
    said = [(e, span) for e, span in stated if span[0] == span[1] < published]
    return min(said, key=lambda c: dist(c[0]))[1][1] if said else None


def _may_govern(norm: str, e: _Expr, pos: int, clauses: _Clauses) -> bool:
    """Whether an expression can be the time of a figure at `pos`.

    Not when it sits two subordinate clauses away ('has 5,000 men there, counting those who stayed after
    the talks failed on Friday'), nor when it is future while the figure's own verb is past ('500 monitors
    had arrived ahead of the vote due on Monday').
    """
    if clauses.depth_between(pos, e.start if e.start >= pos else e.end) >= 2:
        return False
    if e.future:
        lo, hi = clauses.at(pos)
        end = hi if e.start < pos or e.start > hi else e.start
        after = (pos, min(end, pos + _TENSE_REACH))
        future = _FUTURE.search(norm, *after)
        past = _PAST.search(norm, *after)
        if past is not None and (future is None or past.start() < future.start()):
            return False
    return True


# ---------------------------------------------------------------------------------------------------------
# Public: file names
# ---------------------------------------------------------------------------------------------------------

_FN_COMPACT = re.compile(r"(?<![A-Za-z0-9])(?P<y>(?:19|20)[0-9]{2})(?P<m>[0-9]{2})(?P<d>[0-9]{2})"
                         r"(?=T[0-9]{4}|[^A-Za-z0-9]|$)")
_FN_SEPARATED = re.compile(r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[-_./])(?P<m>[0-9]{1,2})(?P=sep)"
                           r"(?P<d>[0-9]{1,2})(?![0-9])")


def date_from_filename(name: str) -> datetime.date | None:
    """A scraper timestamp in a file name or path; None when absent, impossible or contradictory.

    The base name is read first and the directories only when it has none; two different dates in the
    same part give None (a wrong date is worse than none).
    """
    if not isinstance(name, str) or not name:
        return None
    path = _norm(name).replace("\\", "/")
    base = path.rsplit("/", 1)[-1]
    for part in (base, path):
        days = set()
        for rx in (_FN_COMPACT, _FN_SEPARATED):
            for m in rx.finditer(part):
                day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
                if day is not None and 1970 <= day.year <= 2099:
                    days.add(day)
        if len(days) == 1:
            return days.pop()
        if len(days) > 1:
            return None
    return None


_STAMP_SEPARATORS = re.compile(r"[|\u00b7\u2022]")
_STAMP_BEFORE = re.compile(
    r"^\s*(?:(?P<label>(?:first\s+)?(?:published|posted|issued|released|dated?)"
    r"|(?P<updated>(?:last\s+)?(?:updated|modified)))(?:\s+(?:on|at|the))*\s*:?\s*)?"
    r"(?:(?P<wd>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$", re.IGNORECASE)
_STAMP_AFTER = re.compile(
    r"^\s*(?:[,\u2013\u2014-]|at\b)?\s*(?:T?[0-9]{1,2}[:.hH][0-9]{2}(?:[:.][0-9]{2}(?:\.[0-9]+)?)?\s*"
    r"(?:[ap]\.?m\.?)?\s*(?:Z|(?:GMT|UTC)(?:\s*[+-][0-9]{1,2}(?::?[0-9]{2})?)?|[A-Z]{2,5}|[+-][0-9]{2}:?[0-9]{2})?)?\s*$",
    re.IGNORECASE)
_STAMP_MAX_CHARS = 160
_STAMP_LEAD_WORDS = 6  # an author or outlet before the date: "By Jane Roe · 3 May 2033"


@dataclass(frozen=True, slots=True)
class DateStamp:
    """A line of the page that is its date: "Published 12 April 2033", "May 9, 2033 10:32 GMT"."""

    date: datetime.date
    line: str
    updated: bool  # "Last updated ...": the page was published on that day or before


def date_stamp(line: str) -> DateStamp | None:
    """The date a page's date line states, or None when the line is anything else.

    The line holds a full date (with its year) and nothing else but a label (published, issued, updated),
    a weekday that agrees with it, a time and time zone, and other parts set off by ``|`` or a middle dot
    (an author before it, "11 min read" or a reporting period after it).
    """
    stripped = line.strip()
    if not stripped or len(stripped) > _STAMP_MAX_CHARS or not _YEAR_IN_LINE.search(stripped):
        return None
    for segment in _STAMP_SEPARATORS.split(stripped):
        _, exprs, _ = _scan(segment)
        if not exprs:
            if len(segment.split()) > _STAMP_LEAD_WORDS:
                return None
            continue
        e = exprs[0]
        if e.tag != "date" or e.args[2] is None:
            return None
        before = _STAMP_BEFORE.match(segment[: e.start])
        if before is None or not _STAMP_AFTER.match(segment[e.end :]):
            return None
        m, d, y, wd = e.args
        day = _safe_date(y, m, d)
        stated = wd if wd is not None else _WD_ABBR.get((before["wd"] or "").lower())
        if day is None or (stated is not None and stated != day.weekday()):
            return None
        return DateStamp(day, stripped, updated=before["updated"] is not None)
    return None


_YEAR_IN_LINE = re.compile(r"(?:19|20)[0-9]{2}")


def page_date(lines: Iterable[str], window: tuple[datetime.date, datetime.date] | None = None) -> DateStamp | None:
    """The page's own date line: the first publication stamp, else the first "updated" one (in ``window``)."""
    updated = None
    for line in lines:
        stamp = date_stamp(line)
        if stamp is None or (window is not None and not min(window) <= stamp.date <= max(window)):
            continue
        if not stamp.updated:
            return stamp
        updated = updated or stamp
    return updated


# ---------------------------------------------------------------------------------------------------------
# Public: publication date inference
# ---------------------------------------------------------------------------------------------------------

_DURATION = re.compile(
    r"\b(?P<n>[0-9]{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"
    r"[-\s](?P<u>day|week)(?:[-\s]long)?\s+(?P<phrase>[A-Za-z-]+(?:\s+[A-Za-z-]+){0,3})",
    _FLAGS)
_STARTED_BEFORE = re.compile(
    r"\b(?:began|begun|begins|started|starts|opened|opens|kicked\s+off|commenced|launched|got\s+under\s?way)"
    r"\s+(?:on\s+)?$", _FLAGS)
_ENDS_BEFORE = re.compile(
    r"\b(?:end|ends|ended|ending|conclude[sd]?|concluding|finish(?:es|ed)?|wrap(?:s|ped)?\s+up|close[sd]?|"
    r"expire[sd]?|(?:is|are|was|were|will\s+be)\s+over)\s+(?:on\s+)?$", _FLAGS)
_PHRASE_STOP = frozenset("in on at of which that is was will to from with by for near along and".split())
_EVENT_GROUPS = (
    frozenset("exercise drill maneuver manoeuvre wargame game training".split()),
    frozenset("talk negotiation summit meeting conference session consultation forum".split()),
    frozenset("ceasefire cease-fire truce pause moratorium".split()),
    frozenset("visit tour trip".split()),
    frozenset("operation offensive campaign mission deployment".split()),
    frozenset("festival tournament championship olympics competition".split()),
)
_DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z.'-]+(?:[ -][A-Z][A-Z.'-]+){0,3}"
    rf"(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?,"
    rf"\s*)?(?:(?i:{_WD})\s*,?\s*)?(?P<mon>{_MONTH})\s*(?P<d>{_DAY})(?:\s*,?\s*(?P<y>{_YEAR}))?\s*"
    r"(?P<ag>\([A-Za-z .-]{1,30}\)\s*)?[-\u2013\u2014]{1,2}\s", re.ASCII | re.MULTILINE)
#: The same with the day first: "VELLIN, 18 September 2034 \u2013 The Ministry ...".
_DATELINE_DAY_FIRST = re.compile(
    r"^[ \t]*(?P<city>[A-Z][A-Z.'-]+(?:[ -][A-Z][A-Z.'-]+){0,3}"
    rf"(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?,"
    rf"\s*)(?:(?i:{_WD})\s*,?\s*)?(?P<d>{_DAY})\s+(?P<mon>{_MONTH})(?:\s*,?\s*(?P<y>{_YEAR}))?\s*"
    r"(?P<ag>\([A-Za-z .-]{1,30}\)\s*)?[-\u2013\u2014]{1,2}\s", re.ASCII | re.MULTILINE)
_PUBLISHED_LINE = re.compile(
    r"^[ \t]*(?:first\s+)?(?:published|posted|date(?:d)?)(?:\s+on)?\s*:?\s*"
    r"(?:(?P<wda>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?", _FLAGS | re.MULTILINE)
_REL_BEFORE_DATE = re.compile(
    r"\b(?P<rel>today|yesterday|tomorrow|tonight|this\s+morning|this\s+evening)\s*[,(\u2013\u2014-]\s*$",
    _FLAGS)
_REL_AFTER_DATE = re.compile(r"\s*\(\s*(?P<rel>today|yesterday|tomorrow)\s*\)", _FLAGS)
_REL_WEEKDAY = re.compile(rf"\b(?P<rel>today|yesterday|tomorrow)\s*[,(]\s*{_WD}\b", _FLAGS)
_REL_OFFSET = {"today": 0, "tonight": 0, "this morning": 0, "this evening": 0, "yesterday": 1, "tomorrow": -1}


@dataclass(slots=True)
class _DateRef:
    """An explicit date (year possibly missing) mentioned in the article."""

    m: int
    d: int
    y: int | None
    wd: int | None
    words: str

    def past(self, p: datetime.date) -> datetime.date | None:
        """The date as a past mention seen from P: on or before P (within 300 days when year-less)."""
        if self.y is not None:
            day = _safe_date(self.y, self.m, self.d)
            return day if day is not None and day <= p else None
        day = _pick_year(p, self.m, self.d, None, "past")
        return day if day is not None and day <= p and (p - day).days <= 300 else None

    def future(self, p: datetime.date) -> datetime.date | None:
        if self.y is not None:
            day = _safe_date(self.y, self.m, self.d)
            return day if day is not None and day >= p else None
        day = _pick_year(p, self.m, self.d, None, "future")
        return day if day is not None and day >= p and (day - p).days <= 300 else None

    def label(self) -> str:
        return self.words.strip()

    def key(self) -> tuple[int, int, int | None, int | None]:
        return self.m, self.d, self.y, self.wd


@dataclass(slots=True)
class _Event:
    """'the five-day summit, which opened on June 2': an event whose end day can be computed."""

    start: _DateRef
    days: int
    head: str
    words: str
    end_wd: int | None = None
    end_words: str = ""

    def ends(self, p: datetime.date) -> datetime.date | None:
        first = self.start.past(p)
        if first is None or self.end_wd is None:
            return None
        # "a five-day summit from the 2nd" ends on the 6th or the 7th: the weekday of the end decides.
        for extra in (self.days, self.days - 1):
            cand = first + datetime.timedelta(days=extra)
            if cand.weekday() == self.end_wd:
                return cand
        return None


@dataclass(slots=True)
class _Facts:
    past: list[_DateRef] = field(default_factory=list)
    future: list[_DateRef] = field(default_factory=list)
    links: dict[int, list[tuple[_DateRef, bool]]] = field(default_factory=dict)  # weekday -> (date, future?)
    mentions: dict[int, dict[bool, list[str]]] = field(default_factory=dict)  # weekday -> future? -> words
    events: list[_Event] = field(default_factory=list)
    pins: list[tuple[int, _DateRef]] = field(default_factory=list)  # P + offset days == date
    wd_pins: list[tuple[int, int, str]] = field(default_factory=list)  # (offset, weekday, words)
    years: set[int] = field(default_factory=set)


def _snippet(text: str, e: _Expr) -> str:
    """The words of an expression with the two words before it, for evidence strings."""
    head: list[str] = []
    for token in reversed(text[max(0, e.start - 40):e.start].split()[-2:]):
        if token[-1] in ",.;:!?)\"\u201d":
            break
        head.insert(0, token)
    return " ".join([*head, text[e.start:e.end]])


def _singular(word: str) -> str:
    w = word.lower()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def _same_event(head: str, context: str) -> bool:
    words = {_singular(w) for w in re.findall(r"[A-Za-z-]+", context)}
    if head in words:
        return True
    return any(head in g and words & g for g in _EVENT_GROUPS)


def _head_end(norm: str, lines: int = 40) -> int:
    """End of the first lines, where datelines and 'Published' lines belong (not in later comments)."""
    pos = 0
    for _ in range(lines):
        nxt = norm.find("\n", pos)
        if nxt < 0:
            return len(norm)
        pos = nxt + 1
    return pos


def _collect(text: str) -> _Facts:
    norm, exprs, _ = _scan(text)
    facts = _Facts()
    for e in exprs:
        words = text[e.start:e.end]
        if e.tag == "date":
            m, d, y, wd = e.args
            ref = _DateRef(m, d, y, wd, words)
            if y is not None:
                facts.years.add(y)
            (facts.future if e.future else facts.past).append(ref)
            if wd is not None and not e.since:
                facts.links.setdefault(wd, []).append((ref, e.future))
            rel = _REL_BEFORE_DATE.search(norm, max(0, e.start - 20), e.start)
            after = _REL_AFTER_DATE.match(norm, e.end)
            for hit in (h for h in (rel, after) if h is not None):
                if hit is rel and hit.end() != e.start:
                    continue
                key = re.sub(r"\s+", " ", hit["rel"].lower())
                hi = max(hit.end(), e.end)
                span = text[min(hit.start(), e.start):hi + (text[hi:hi + 1] == ")" and hit is rel)]
                facts.pins.append((-_REL_OFFSET[key], _DateRef(m, d, y, wd, span)))
        elif e.tag == "daterange" and not e.future:
            m, d1, _, y = e.args
            facts.past.append(_DateRef(m, d1, y, None, words))
        elif e.tag == "between" and e.parts[0].tag == "date":
            m, d, y, _ = e.parts[0].args
            facts.past.append(_DateRef(m, d, y, None, words))
        elif e.tag == "weekday" and e.args[1] in (None, "this"):
            facts.mentions.setdefault(e.args[0], {True: [], False: []})[e.future].append(_snippet(text, e))
    _collect_events(norm, text, exprs, facts)
    head_end = _head_end(norm)
    for m in (*_DATELINE.finditer(norm, 0, head_end), *_DATELINE_DAY_FIRST.finditer(norm, 0, head_end)):
        mo, d = _month_of(m["mon"]), _day_of(m["d"])
        if mo is not None and d is not None and (m["city"] or m["ag"]):
            y = int(m["y"]) if m["y"] else None
            facts.pins.append((0, _DateRef(mo, d, y, _weekday_of(m["wd"]), text[m.start():m.end()].strip())))
    for m in _PUBLISHED_LINE.finditer(norm, 0, head_end):
        e = next((x for x in exprs if x.tag == "date" and x.start <= m.end() + 4 and x.end > m.end()), None)
        if e is not None and e.args[2] is not None:
            mo, d, y, wd = e.args
            if wd is None and m["wda"]:
                wd = _WD_ABBR.get(m["wda"].lower())
            facts.pins.append((0, _DateRef(mo, d, y, wd, text[m.start():e.end].strip())))
    for m in _REL_WEEKDAY.finditer(norm):
        wd = _weekday_of(m["wd"])
        if wd is not None:
            facts.wd_pins.append((-_REL_OFFSET[m["rel"].lower()], wd, text[m.start():m.end()]))
    _dedupe(facts)
    return facts


def _dedupe(f: _Facts) -> None:
    """One copy of each piece of evidence, so that long texts stay cheap to test day by day."""
    f.past = list({r.key(): r for r in reversed(f.past)}.values())
    f.future = list({r.key(): r for r in reversed(f.future)}.values())
    f.pins = list({(off, r.key()): (off, r) for off, r in reversed(f.pins)}.values())
    f.wd_pins = list({(off, wd): (off, wd, w) for off, wd, w in reversed(f.wd_pins)}.values())
    f.links = {wd: list({(r.key(), fut): (r, fut) for r, fut in reversed(refs)}.values())
               for wd, refs in f.links.items()}
    for tenses in f.mentions.values():
        for future, words in tenses.items():
            tenses[future] = words[:1] + words[-1:] if len(words) > 2 else words


def _collect_events(norm: str, text: str, exprs: list[_Expr], facts: _Facts) -> None:
    """Events with a duration and a start date, and weekday mentions of their end."""
    dated = [e for e in exprs if e.tag == "date" and not e.future]
    dated_starts = [e.start for e in dated]
    for m in _DURATION.finditer(norm):
        if len(facts.events) > 1:
            break
        n = _num(m["n"])
        if not n or n > 400:
            continue
        days = n * (7 if m["u"].lower() == "week" else 1)
        words = []
        for w in m["phrase"].split():
            if w.lower() in _PHRASE_STOP:
                break
            words.append(w)
        if not words:
            continue
        head = _singular(words[-1])
        lo, hi = max(0, m.start() - 160), m.end() + 160
        sent_lo = max(norm.rfind(". ", lo, m.start()), norm.rfind("\n", lo, m.start()), lo - 1) + 1
        sent_hi = min((i for i in (norm.find(". ", m.end(), hi), norm.find("\n", m.end(), hi)) if i >= 0),
                      default=hi)
        first = bisect.bisect_left(dated_starts, sent_lo)
        for e in dated[first:bisect.bisect_left(dated_starts, sent_hi)]:
            if _STARTED_BEFORE.search(norm, max(0, e.start - 30), e.start):
                mo, d, y, wd = e.args
                ref = _DateRef(mo, d, y, wd, text[e.start:e.end])
                if any(ev.start.key() == ref.key() and ev.days == days for ev in facts.events):
                    break  # the same event mentioned again
                facts.events.append(_Event(ref, days, head, f"{text[m.start():m.end('u')]} {words[-1]}"
                                           f" began {ref.label()}"))
                break
    if len(facts.events) != 1:
        facts.events = []  # two candidate events cannot be told apart: use none
        return
    event = facts.events[0]
    for e in exprs:
        if e.tag != "weekday" or e.args[1] not in (None, "this"):
            continue
        hit = _ENDS_BEFORE.search(norm, max(0, e.start - 30), e.start)
        if hit is None:
            continue
        if _same_event(event.head, norm[max(0, hit.start() - 80):hit.start()]):
            if event.end_wd is not None and event.end_wd != e.args[0]:
                facts.events = []
                return
            event.end_wd = e.args[0]
            event.end_words = event.end_words or _snippet(text, e)
    if event.end_wd is None:
        facts.events = []


def _consistent(p: datetime.date, f: _Facts) -> bool:
    """Whether P agrees with every piece of evidence (see infer_published)."""
    for ref in f.past:
        if ref.past(p) is None:
            return False
        if ref.wd is not None and ref.past(p).weekday() != ref.wd:
            return False
    for ref in f.future:
        day = ref.future(p)
        if day is None or (ref.wd is not None and day.weekday() != ref.wd):
            return False
    for offset, ref in f.pins:
        target = p + datetime.timedelta(days=offset)
        if (target.month, target.day) != (ref.m, ref.d) or (ref.y is not None and target.year != ref.y):
            return False
        if ref.wd is not None and target.weekday() != ref.wd:
            return False
    for offset, wd, _ in f.wd_pins:
        if (p + datetime.timedelta(days=offset)).weekday() != wd:
            return False
    # Days a weekday is known to be, per tense of its mentions. A weekday named with a date ('Monday,
    # February 21') fixes the mentions of its own tense only: an explicit date is often given precisely
    # because the day is outside the current week, and a future 'on Monday' is then another Monday.
    # The end day of a dated event fixes every mention of that weekday (past and future alike).
    days: dict[tuple[int, bool], set[datetime.date]] = {}
    for wd, refs in f.links.items():
        for ref, future in refs:
            day = ref.future(p) if future else ref.past(p)
            if day is not None:
                days.setdefault((wd, future), set()).add(day)
    for event in f.events:
        end = event.ends(p)
        if end is None:
            return False
        for future in (False, True):
            days.setdefault((event.end_wd, future), set()).add(end)
    week = datetime.timedelta(days=6)
    for wd, tenses in f.mentions.items():
        for future in (False, True):
            known = days.get((wd, future), set())
            if not tenses[future] or not known:
                continue
            if len(known) > 1:
                return False
            day = next(iter(known))
            if future and not day - week <= p <= day:
                return False
            if not future and not day <= p <= day + week:
                return False
    return True


def _evidence(p: datetime.date, f: _Facts) -> str:
    parts = [f"{ev.words} -> ends {_WEEKDAY_NAMES[ev.end_wd]} {ev.ends(p)} ('{ev.end_words}')"
             for ev in f.events if ev.end_wd is not None]
    parts += [f"'{ref.label()}'" + (f" is P{off:+d} day" if off else " is the publication day")
              for off, ref in f.pins]
    parts += [f"'{w}'" for _, _, w in f.wd_pins]
    for wd, tenses in sorted(f.mentions.items()):
        if wd in f.links or any(ev.end_wd == wd for ev in f.events):
            if tenses[True]:
                parts.append(f"'{tenses[True][0]}' (not yet past)")
            if tenses[False]:
                parts.append(f"'{tenses[False][-1]}' (past)")
    if not parts and f.past:
        parts.append("latest past date " + max(f.past, key=lambda r: r.past(p) or p).label())
    return "; ".join(parts) + f" -> {p.isoformat()}"


def infer_published(
    text: str, *, window: tuple[datetime.date, datetime.date] | None = None
) -> tuple[datetime.date | None, str]:
    """Publication date read from the text itself: (date, evidence) or (None, reason).

    Evidence: datelines ('KYIV, Feb 21 (Reuters) -'), 'Published: ...' lines, a date in apposition to
    'today'/'yesterday' ('today, 21 February 2022'), explicit past dates (P is on or after each, and within
    300 days when the year is missing), explicit future dates, weekdays named with a date ('Monday,
    February 21'), and events with a duration and a start ('the five-day summit, which opened on June 2')
    whose end is given as a weekday ('the talks close on Sunday'). A bare past mention of a weekday whose
    date is known puts P 0-6 days after that date, a future mention 0-6 days before it. The date is known
    from a weekday named with a date (for mentions of the same tense only) or from the computed end of an
    event (for every mention of that weekday: 'the talks close on Sunday' and 'protests on Sunday' are
    taken to name the same Sunday). Every day of `window` (else of the years the text names) is tested
    and a date is returned only when exactly one survives: a wrong date is worse than none.
    """
    if not isinstance(text, str) or not text.strip():
        return None, "empty text"
    try:
        facts = _collect(text)
    except (ValueError, OverflowError, RecursionError):  # pragma: no cover - defensive
        return None, "unreadable text"
    has_dates = bool(facts.past or facts.future or facts.pins or facts.events)
    if not has_dates:
        return None, "no explicit date in the text (weekdays and relative words alone cannot pin the day)"
    if window is not None:
        lo, hi = min(window), max(window)
    else:
        years = facts.years | {ref.y for _, ref in facts.pins if ref.y is not None}
        if not years:
            return None, "explicit dates have no year and no window was given"
        lo, hi = datetime.date(min(years), 1, 1), datetime.date(min(max(years) + 1, 9998), 12, 31)
    # P is on or after every past date that carries a year: start the search there.
    fixed = [d for ref in facts.past if ref.y is not None and (d := _safe_date(ref.y, ref.m, ref.d))]
    if fixed:
        lo = max(lo, max(fixed))
    survivors: list[datetime.date] = []
    day = lo
    while day <= hi:
        try:
            fits = _consistent(day, facts)
        except (ValueError, OverflowError):  # a candidate at the edge of the calendar
            fits = False
        if fits:
            survivors.append(day)
            if len(survivors) > 1:
                break
        if day == datetime.date.max:
            break
        day += _DAY1
    if not survivors:
        return None, f"contradictory evidence: no day in {lo.isoformat()}..{hi.isoformat()} fits all of it"
    if len(survivors) > 1:
        return None, (f"ambiguous: several days fit the evidence ({survivors[0].isoformat()}, "
                      f"{survivors[1].isoformat()}, ...)")
    return survivors[0], _evidence(survivors[0], facts)
