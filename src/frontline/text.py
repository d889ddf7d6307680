"""Paragraphs and sentences with character offsets into the cleaned text.

Every extracted row points back into ``articles.text``; these helpers keep the offsets exact, so a
reader can always be shown the sentence a figure or a quotation came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import TypeVar

_T = TypeVar("_T")

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt adm gov sen rep st jr sr no vs etc approx est
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u a.m p.m i.e e.g dept sec min pres inc ltd co corp""".split()
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
QUOTE_CHARS = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb"
#: Characters that ``re.IGNORECASE`` matches to an ASCII letter although ``str.lower`` does not map them to it.
_IGNORECASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold(s: str) -> str:
    """Lower case, same offsets, in which an ASCII word occurs wherever ``re.IGNORECASE`` would find it.

    For cheap substring pre-checks: ``"getty" not in fold(s)`` proves that a case-insensitive pattern that
    needs "getty" cannot match ``s``, so the pattern need not run.
    """
    if "\u0130" in s or "\u0131" in s or "\u017f" in s:
        s = s.translate(_IGNORECASE_TWINS)
    return s.lower()


def word_trie(words: Iterable[str]) -> str:
    """An alternation factored by common prefixes: Python's regex engine tries branches one by one.

    Longer words are tried first (as in an alternation sorted longest first), so a trie finds what any
    alternation of the words finds when a word boundary follows.
    """
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return emit(tree)


def slot_constructor(cls: type[_T]) -> Callable[..., _T]:
    """``cls(...)`` for a frozen dataclass with slots, every field given: the same object, about three times faster.

    The generated ``__init__`` of a frozen dataclass calls ``object.__setattr__`` once per field; this sets the
    slots through their descriptors instead (for objects made by the thousand in the extraction's inner loops).
    """
    names = [f.name for f in fields(cls)]
    namespace = {"new": object.__new__, "cls": cls, **{f"set{i}": cls.__dict__[n].__set__ for i, n in enumerate(names)}}
    body = "".join(f"    set{i}(obj, {n})\n" for i, n in enumerate(names))
    exec(f"def make({', '.join(names)}):\n    obj = new(cls)\n{body}    return obj\n", namespace)
    return namespace["make"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


_span = slot_constructor(Span)


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines of the cleaned text (the cleaner writes one paragraph per line)."""
    return [_span(m.start(), m.end(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _is_abbreviation(text: str, dot_at: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot_at - 12), dot_at)
    if m is None:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha()  # an initial: "J. Smith"


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` (never across a paragraph break), offsets into ``text``."""
    if start == 0 and end is None:
        return list(_all_sentences(text))
    return _sentences(text, start, len(text) if end is None else end)


@lru_cache(maxsize=8)
def _all_sentences(text: str) -> tuple[Span, ...]:
    """The sentences of a whole text, remembered: figures and statements both split the same article."""
    return tuple(_sentences(text, 0, len(text)))


def _sentences(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    for para in _PARAGRAPH.finditer(text, start, end):
        p_start, p_end = para.start(), min(para.end(), end)
        cursor = p_start
        for m in _SENTENCE_END.finditer(text, p_start, p_end):
            if text[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, m.start()):
                continue
            nxt = _next_non_space(text, m.end(), p_end)
            if nxt is not None and text[nxt].islower():
                continue  # "said the U.S. official" or an ellipsis mid-sentence
            _append(spans, text, cursor, m.end())
            cursor = m.end()
        _append(spans, text, cursor, p_end)
    return spans


def _next_non_space(text: str, i: int, limit: int) -> int | None:
    while i < limit and text[i].isspace():
        i += 1
    return i if i < limit else None


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(_span(start, end, text[start:end]))


def sentence_at(spans: list[Span], offset: int) -> Span | None:
    """The sentence containing ``offset`` (spans sorted by start)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(spans) and spans[lo].start <= offset < spans[lo].end:
        return spans[lo]
    return None
