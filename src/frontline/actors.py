"""The actor table: who is who, and on whose side (shared by figures and statements).

One table maps aliases ("Kiev", "Kyiv", "LPR", "pro-Russian", "Peskov") to a canonical name, a side and
a kind. The bundled table covers the gold vocabulary; a corpus may ship its own ``actors.csv`` (same
columns) that adds actors and even new sides, and users can pass further tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, combinations
from pathlib import Path

import pandas as pd

from .text import slot_constructor, word_trie

ACTOR_COLUMNS = ("alias", "name", "side", "kind")


@dataclass(frozen=True, slots=True)
class Actor:
    alias: str
    name: str
    side: str
    kind: str


@dataclass(frozen=True, slots=True)
class ActorMatch:
    start: int
    end: int
    actor: Actor


_actor_match = slot_constructor(ActorMatch)


class ActorTable:
    """Alias lookup compiled to two regular expressions (case-folded and case-exact aliases).

    Aliases written in lower case match in any case; aliases with capitals ("US", "UK", "UN") match
    only as written, so the pronoun "us" is never the United States.
    """

    def __init__(self, actors: Iterable[Actor]):
        self.by_alias: dict[str, Actor] = {}
        for actor in actors:
            key = actor.alias if _is_case_exact(actor.alias) else actor.alias.lower()
            self.by_alias[key] = actor  # later tables override earlier ones
        folded = sorted((a for a in self.by_alias if not _is_case_exact(a)), key=lambda s: (-len(s), s))
        exact = sorted((a for a in self.by_alias if _is_case_exact(a)), key=lambda s: (-len(s), s))
        self._folded = _alias_pattern(folded, re.IGNORECASE)
        self._exact = _alias_pattern(exact, 0)

    def __len__(self) -> int:
        return len(self.by_alias)

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(sorted({a.side for a in self.by_alias.values()}))

    def find(self, text: str) -> list[ActorMatch]:
        """All alias mentions in ``text``, longest first where they overlap, sorted by offset."""
        found: list[ActorMatch] = []
        for pattern, fold in ((self._folded, True), (self._exact, False)):
            if pattern is None:
                continue
            for m in pattern.finditer(text):
                key = m.group(1).lower() if fold else m.group(1)
                actor = self.by_alias.get(key) or self.by_alias.get(normalise_apostrophes(key))
                if actor is not None:
                    found.append(_actor_match(m.start(1), m.end(1), actor))
        found.sort(key=lambda am: (am.start, -(am.end - am.start)))
        kept: list[ActorMatch] = []
        for am in found:
            if kept and am.start < kept[-1].end:
                continue
            kept.append(am)
        return kept

    def lookup(self, name: str) -> Actor | None:
        """The actor whose alias is ``name`` or is the longest alias inside it."""
        key = name.strip()
        hit = self.by_alias.get(key) or self.by_alias.get(normalise_apostrophes(key.lower()))
        if hit is not None:
            return hit
        matches = self.find(name)
        if not matches:
            return None
        return max(matches, key=lambda am: (am.end - am.start, -am.start)).actor

    def side_of(self, text: str, default: str = "unknown") -> str:
        """The side of the first actor named in ``text`` (people and places count)."""
        matches = self.find(text)
        return matches[0].actor.side if matches else default


def _is_case_exact(alias: str) -> bool:
    return any(ch.isupper() for ch in alias)


def normalise_apostrophes(s: str) -> str:
    """Curly apostrophes made straight (as aliases are looked up)."""
    return s.replace("\u2019", "'").replace("\u2018", "'")


def _alias_pattern(aliases: list[str], flags: int) -> re.Pattern[str] | None:
    """One alternation of the aliases (longest first); a straight apostrophe also matches a curly one."""
    if not aliases:
        return None
    written = sorted(set(chain.from_iterable(_apostrophe_variants(alias) for alias in aliases)))
    if _trie_safe(written, flags):
        body = word_trie(written)  # the same matches, one branch tried per letter instead of one per alias
    else:
        body = "|".join(re.escape(alias).replace("'", "['\u2019]") for alias in aliases)
    return re.compile(r"(?<![\w-])(" + body + r")(?![\w-])", flags)


def _apostrophe_variants(alias: str) -> list[str]:
    """The alias with each straight apostrophe written straight or curly."""
    head, mark, tail = alias.partition("'")
    if not mark:
        return [alias]
    return [head + apostrophe + rest for apostrophe in ("'", "\u2019") for rest in _apostrophe_variants(tail)]


def _trie_safe(words: list[str], flags: int) -> bool:
    """Whether a trie of the words finds what their alternation finds: no two branches of a node may match the
    same character (case-insensitive "i" and dotless "\u0131" do)."""
    following: dict[str, set[str]] = {}
    for word in words:
        for i, ch in enumerate(word):
            following.setdefault(word[:i], set()).add(ch)
    return not any(re.fullmatch(re.escape(a), b, flags) or re.fullmatch(re.escape(b), a, flags)
                   for chars in following.values() for a, b in combinations(chars, 2))


def _read_actor_csv(source: Path | str) -> list[Actor]:
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    missing = [c for c in ACTOR_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"actor table {source} lacks columns {missing}")
    return [
        Actor(alias=r.alias.strip(), name=r.name.strip(), side=r.side.strip().lower() or "unknown",
              kind=r.kind.strip().lower() or "organization")
        for r in frame.itertuples(index=False)
        if r.alias.strip()
    ]


@lru_cache(maxsize=1)
def _bundled_actors() -> tuple[Actor, ...]:
    with resources.as_file(resources.files("frontline") / "data" / "actors.csv") as path:
        return tuple(_read_actor_csv(path))


def load_actors(*extra: Path | str | None) -> ActorTable:
    """The bundled table extended (and overridden) by each extra CSV that exists."""
    actors = list(_bundled_actors())
    for source in extra:
        if source is not None and Path(source).is_file():
            actors.extend(_read_actor_csv(source))
    return ActorTable(actors)
