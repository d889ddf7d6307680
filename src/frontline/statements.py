"""Attributed quotations, reported speech, and who speaks in each sentence.

Two entry points share one analysis of an article's cleaned body (one paragraph per line):

* ``extract_statements`` returns every quotation the article marks with quotation marks (``direct``
  for a quoted sentence or clause, ``partial`` for a fragment inside the reporter's sentence) and
  reported speech governed by a speech verb (``indirect``), each with its speaker resolved through
  titles, surnames, pronouns and paragraph continuity;
* ``sentence_attributions`` says for every sentence who speaks in it (the figures stage's
  ``claimed_by``), ``None`` being the article's own voice.

The analysis works in three steps: (1) quotation marks are paired per paragraph, tolerating mixed,
nested, stray and missing marks, and multi-paragraph quotations are linked; (2) each sentence, with the
quotations masked out, is searched for speech cues whose subject is parsed from a bounded window of
tokens; (3) each quotation takes its speaker from its own sentence, then from the paragraph, then from
the paragraph before. Every regular expression is linear and every look-back window is bounded, so the
cost grows linearly with the text.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from frontline.actors import ActorTable, normalise_apostrophes
from frontline.text import Span, fold, paragraphs, sentences, slot_constructor, word_trie


@dataclass(frozen=True, slots=True)
class Statement:
    speaker: str
    speaker_kind: str
    side: str
    quote: str
    kind: str
    cue: str
    start: int
    end: int
    attribution: str
    context_start: int
    context_end: int


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int
    end: int
    speaker: str | None
    speaker_kind: str | None
    side: str | None
    cue: str | None
    how: str


_new_statement = slot_constructor(Statement)  # the same objects, made faster (the extraction makes thousands)
_new_attribution = slot_constructor(Attribution)


# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

#: Finite speech verbs that introduce a speaker anywhere in a sentence.
_CUE_VERBS = frozenset(
    """said says say told tells added adds warned warns announced announces stated declared declares
    confirmed confirms denied denies insisted insists stressed stresses noted explained explains wrote
    writes tweeted tweets twitted reported reiterated reiterates urged urges argued argues asserted
    asserts accused accuses condemned condemns dismissed dismisses blamed blames alleged alleges
    acknowledged acknowledges admitted admits suggested suggests estimated emphasized emphasised
    emphasizes emphasises underlined underscored replied replies responded responds answered commented
    remarked asked promised promises vowed vows pledged pledges threatened threatens predicted predicts
    revealed disclosed recalled recalls concluded conceded maintained maintains contended countered
    cautioned complained lamented boasted quipped joked posted informed assured claimed claim claims
    states notes reports estimates reads read continued confided shouted wondered recounted proposes
    proposed called described estimate warn insist deny admit confirm allege report logged recorded
    registered counted documented tallied verified affirmed affirms affirm saying""".split()
)
#: Verbs that are also common nouns (or need a quotation next to them to be speech).
_WEAK_CUES = frozenset(
    "claim claims states notes reports report reads read continued posted called described".split()
)
#: Verbs that may govern a reported clause without "that" ("Khrenin said the soldiers would stay").
_BARE_CLAUSE_CUES = frozenset(
    "said says say added adds claimed claims claim insisted insists argued argues".split()
)
#: Verbs that may come before their subject after a quotation or clause (", said Dmitry Peskov").
_INVERTING_CUES = frozenset(
    """said says added adds wrote writes read reads tweeted twitted reported reports asked replied stated
    explained noted warned insisted continued recalled declared announced concluded remarked stressed confided
    shouted wondered recounted affirmed affirms tells explains recounts insists assures""".split()
)


#: A cue is preceded by a space: the literal prefix lets the regex engine skip ahead fast.
_CUE = re.compile(
    r" (?P<cue>(?P<acc>according to)"
    r"|(?P<quoted>quoted)(?P<qnp>[ \t]+[^,.;:!?\x00\n]{1,60}?)?[ \t]+as[ \t]+saying"
    r"|(?P<puts>puts?[ \t]+(?:the|its|their)[ \t]+(?:death[ \t]+)?(?:number|toll|figure|total|count))"
    r"|" + word_trie(_CUE_VERBS) + r")\b"
)
_ACCORDING_START = re.compile(r"[Aa]ccording to\b")

_PRONOUNS = frozenset("he she they it".split())
_DETERMINERS = frozenset("the a an".split())
_CONJUNCTIONS = frozenset("and but or so yet while then also and, but, thus".split())
_AUX = frozenset(
    """is are was were has have had will would can could may might must should do does did not been be
    being there here""".split()
)
_ADVERBS = frozenset(
    """also further again already earlier later then previously reportedly publicly repeatedly once
    recently separately officially formally explicitly initially meanwhile however too today yesterday
    tonight now on last this late early first still subsequently himself herself itself themselves
    though instead moreover furthermore additionally in turn""".split()
)
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday night morning evening afternoon week
    weekend month year today yesterday tonight""".split()
)
_MONTHS = frozenset(
    "january february march april june july august september october november december".split()
)
_INTRO_WORDS = frozenset(
    """in on at after before during since as with following despite amid for by under over from unlike
    like until while when if although though because according speaking asked upon among including
    unlike near inside outside across around along beyond behind throughout""".split()
)
_RELATIVE = frozenset("who which that whose whom".split())
#: Common verbs after a subject that introduce a colon quotation ("X put it bluntly: ...").
_PREDICATE_VERBS = frozenset(
    """put made gave offered summed struck sounded spoke sat stood wrote posted had has was is were are
    did does kept remained told""".split()
)
_EMBEDDING = frozenset("what as how where whom".split())
_AFTER_NP_STOP = frozenset(
    """in on at during while when after before as last this yesterday today tonight late early via who
    which that adding saying according told to and""".split()
)
_TITLE_WORDS = frozenset(
    """president vice prime minister ministers deputy foreign defense defence interior secretary general
    spokesman spokeswoman spokesperson press chancellor ambassador envoy commander chief head governor
    mayor senator sen sen. rep rep. representative lawmaker mp analyst political military kremlin state
    official director adviser advisor ombudsman commissioner high chairman chairwoman chair speaker
    member colonel col col. lieutenant lt lt. major maj maj. gen gen. captain capt capt. sergeant sgt
    sgt. admiral adm adm. marshal brigadier dr dr. mr mr. mrs mrs. ms ms. prof prof. professor sir lord
    lady pope king queen prince princess leader senior former acting top security national economy
    finance health justice energy trade emergency emergencies situations intelligence border guard
    service presidential regional secretary-general under-secretary undersecretary coordinator
    negotiator staff joint chiefs army navy air force forces white house pentagon journalist
    correspondent reporter editor expert researcher fellow scientist activist blogger patriarch
    archbishop bishop comrade the of and a an his her its their""".split()
)
_PARTICLES = frozenset("de da del der di du la le van von bin al el ibn dos".split())
_NON_PERSON_LAST = frozenset(
    """war sea ocean river region oblast city square street palace house republic republics union state
    states federation kingdom council command ministry office forces army navy guard agency service
    committee government administration parliament assembly party front bank fund group organization
    organisation alliance agreement agreements accords treaty news times post journal television tv
    radio day week agency channel media network institute university center centre court airport
    station plant bridge port company corporation operation mission embassy press""".split()
)
_DOC_HEADS = frozenset(
    """statement statements letter letters document documents treaty treaties decree decrees communique
    communiqué declaration report resolution agreement agreements text texts order law post tweet
    message memo bulletin release transcript appeal notice announcement publication article website
    telegram framework draft proposal plan briefing""".split()
)
_ORG_HEADS = frozenset(
    """ministry command army office government council agency service department committee commission
    parliament assembly duma senate congress party administration embassy mission headquarters staff
    police guard navy military media outlet press network television tv radio newspaper broadcaster
    channel bureau union alliance organization organisation institute center centre company corporation
    firm group kremlin cabinet secretariat court directorate brigade battalion regiment division unit
    corps operation forces force palace house republic leadership authority regime side federation
    presidency watchdog inspectorate nato un osce eu""".split()
)
_GROUP_HEADS = frozenset(
    """protesters demonstrators residents people locals citizens officials sources witnesses eyewitnesses
    authorities separatists rebels troops soldiers analysts experts leaders diplomats observers lawmakers
    activists villagers heads parties allies governments countries nations members representatives
    militants fighters volunteers refugees civilians journalists reporters critics officers commanders
    ministers organizers medics doctors rescuers workers students families relatives neighbours neighbors
    voters monitors insiders""".split()
)
_PERSON_HEADS = frozenset(
    """official source spokesman spokeswoman spokesperson minister president leader analyst expert
    commander resident witness eyewitness diplomat ambassador envoy lawmaker officer soldier adviser
    advisor head chief secretary governor mayor general journalist correspondent reporter man woman
    mother father deputy chairman chairwoman senator member representative negotiator aide insider colonel
    captain major sergeant fighter volunteer activist blogger pensioner teacher doctor medic nurse priest
    professor researcher economist historian observer refugee survivor student driver farmer
    businessman director premier chancellor prosecutor judge ombudsman commissioner""".split()
)
_ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "head": frozenset("head president leader chief premier".split()),
    "leader": frozenset("leader president head chief premier".split()),
    "president": frozenset("president head leader".split()),
    "spokesman": frozenset("spokesman spokeswoman spokesperson press".split()),
    "spokeswoman": frozenset("spokesman spokeswoman spokesperson press".split()),
    "spokesperson": frozenset("spokesman spokeswoman spokesperson press".split()),
}
_PREPOSITIONS = frozenset("of in from at for with on to under near inside within across over".split())
_ISSUER_PREPS = frozenset("of from by".split())
_ORG_LINKS = frozenset("of for on".split())  # "Office for ...", "Ministry of ...", "Committee on ..."
_NEWS_OUTLETS = frozenset("reuters afp ap bbc cnn dpa efe ani xinhua bloomberg nbc cbs abc fox".split())
_AGENT_KIND = {
    "person": "person",
    "organization": "organization",
    "group": "group",
    "document": "document",
    "media": "organization",
    "country": "organization",
    "place": "organization",
}

# --------------------------------------------------------------------------------------------------
# Quotation marks
# --------------------------------------------------------------------------------------------------

_OPEN, _CLOSE, _WEAK_CLOSE, _IGNORE = 1, 2, 3, 0
_DOUBLE_MARK = re.compile('["\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a]')
_SINGLE_MARK = re.compile("['\u2018\u2019\u201a\u201b]")
_OPENING_GLYPHS = frozenset("\u201c\u201e\u201f\u00ab\u2039")
_QUOTE_GLYPHS = frozenset("\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\u201b")
_AFTER_CLOSE = frozenset(",.;:!?)]}\u2026")
_BEFORE_OPEN = frozenset("([{\u2014\u2013-/:;,")
_SINGLE_OPENERS = frozenset("'\u2018\u201a\u201b")
_SINGLE_CLOSERS = frozenset("'\u2019")
_ELISION = re.compile(r"(?:em|til|n|cause|tis|twas|\d\ds)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_WORD_RUN = re.compile(r"[\w'\u2019]+")
_MASK = "\x00"
_MASKED_MIN_WORDS = 4  # quotations this long are the speaker's words, not part of the reporter's sentence
_MIN_WORDS = 4  # shorter quoted fragments (scare quotes, names) are not statements


@dataclass(slots=True)
class _Piece:
    """One paragraph's share of a quotation: the opening mark (or paragraph start) to the closing mark."""

    outer_start: int
    inner_start: int
    inner_end: int
    outer_end: int
    para: int
    closed: bool


@dataclass(slots=True)
class _Quote:
    pieces: list[_Piece]
    words: int = 0
    tail_from: int | None = None  # where the text after the quotation starts (its attribution may be there)


def _double_role(p: str, i: int) -> int:
    """Is the mark at ``p[i]`` opening or closing? Judged by its neighbours first, its glyph second."""
    ch = p[i]
    prev = p[i - 1] if i else " "
    nxt = p[i + 1] if i + 1 < len(p) else " "
    prev_blank = prev.isspace()
    nxt_blank = nxt.isspace()
    if ch == "\u00ab" and nxt_blank and prev_blank:
        return _OPEN  # French spacing: "« Nous ne sommes pas venus »"
    if ch == "\u00bb" and prev_blank and (nxt_blank or nxt in _AFTER_CLOSE):
        return _CLOSE
    can_open = (
        not nxt_blank
        and nxt not in _AFTER_CLOSE
        and (prev_blank or prev in _BEFORE_OPEN or prev in _QUOTE_GLYPHS)
    )
    can_close = not prev_blank and (nxt_blank or nxt in _AFTER_CLOSE or nxt in _QUOTE_GLYPHS)
    if can_open != can_close:
        return _OPEN if can_open else _CLOSE
    if ch == '"':
        return _IGNORE
    if can_open:
        return _OPEN if ch in _OPENING_GLYPHS else _CLOSE
    if prev_blank:
        return _WEAK_CLOSE  # a mark standing alone: "measures “, read" or "... country. “"
    return _OPEN if ch in _OPENING_GLYPHS else _CLOSE


def _pair_marks(marks: list[tuple[int, int]], limit: int) -> tuple[list[tuple[int, int, bool]], list[int]]:
    """Top-level (open, end, closed) spans and orphan closing marks of one paragraph.

    Nested quotations are honoured when the paragraph balances; otherwise marks pair flatly and an
    opening mark left open runs to the next opening mark or the paragraph end.
    """
    stack: list[int] = []
    spans: list[tuple[int, int, bool]] = []
    orphans: list[int] = []
    for pos, role in marks:
        if role == _OPEN:
            stack.append(pos)
        elif stack:
            start = stack.pop()
            if not stack:
                spans.append((start, pos, True))
        elif role == _CLOSE:
            orphans.append(pos)
    if not stack:
        return spans, orphans
    spans, orphans = [], []
    current: int | None = None
    for pos, role in marks:
        if role == _OPEN:
            if current is not None:
                spans.append((current, pos, False))
            current = pos
        elif current is not None:
            spans.append((current, pos, True))
            current = None
        elif role == _CLOSE:
            orphans.append(pos)
    if current is not None:
        spans.append((current, limit, False))
    return spans, orphans


def _single_pairs(p: str, base: int, taken: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Single-quote quotations (‘...’), accepted only when both marks are clearly quotation marks."""
    pairs: list[tuple[int, int, bool]] = []
    current: int | None = None
    n = len(p)
    starts = [t[0] - base for t in taken]
    for m in _SINGLE_MARK.finditer(p):
        i = m.start()
        k = bisect_right(starts, i) - 1
        if k >= 0 and i <= taken[k][1] - base:
            continue  # inside a double-quoted quotation: nested, part of it
        ch = p[i]
        prev = p[i - 1] if i else " "
        nxt = p[i + 1] if i + 1 < n else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe inside a word
        opener = (
            ch in _SINGLE_OPENERS
            and nxt.isalnum()
            and (prev.isspace() or prev in _BEFORE_OPEN)
            and not _ELISION.match(p, i + 1)
        )
        closer = (
            ch in _SINGLE_CLOSERS
            and not prev.isspace()
            and (nxt.isspace() or nxt in _AFTER_CLOSE or i + 1 == n)
        )
        if closer and prev in "sS" and nxt == " " and i + 2 < n and p[i + 2].islower():
            closer = False  # a plural possessive: "the soldiers’ families"
        if current is not None and closer:
            if len(_WORD.findall(p, current + 1, i)) >= 2:
                pairs.append((base + current, base + i, True))
            current = None
        elif opener:
            current = i
    return pairs


def _paragraph_spans(
    text: str, para: Span
) -> tuple[list[tuple[int, int, bool]], list[int], list[tuple[int, int]]]:
    """Quotation spans (absolute offsets), orphan closing marks and all classified double marks."""
    p = para.text
    base = para.start
    marks = []
    for m in _DOUBLE_MARK.finditer(p):
        role = _double_role(p, m.start())
        if role != _IGNORE:
            marks.append((base + m.start(), role))
    spans, orphans = _pair_marks(marks, para.end)
    if "'" in p or "\u2018" in p or "\u201a" in p or "\u201b" in p:
        singles = _single_pairs(p, base, spans)
        if singles:
            spans = _merge_nested(spans, singles)
    return spans, orphans, marks


def _merge_nested(doubles: list[tuple[int, int, bool]], singles: list[tuple[int, int, bool]]):
    """Both kinds of quotation in order; a double-quoted one inside a single-quoted one is nested in it."""
    merged: list[tuple[int, int, bool]] = []
    for span in sorted(doubles + singles):
        if merged and span[0] < merged[-1][1]:
            continue  # nested inside (or overlapping) the previous quotation
        merged.append(span)
    return merged


# --------------------------------------------------------------------------------------------------
# Attribution patterns on raw text (used before masking: recovering missing closing marks)
# --------------------------------------------------------------------------------------------------

_CUE_ALT = "|".join(sorted(_CUE_VERBS - _WEAK_CUES | {"reads", "read"}, key=lambda w: (-len(w), w)))
_INV_ALT = "|".join(sorted(_INVERTING_CUES, key=lambda w: (-len(w), w)))
#: A sentence tail that only says who spoke: "Peskov told Russia-1 state television."
_ATTRIBUTION_TAIL = re.compile(
    r"(?:(?:[A-Z][\w'\u2019.-]*|he|she|they|the|an?)(?:[ \t]+[\w'\u2019.()-]+){0,7}?[ \t]+"
    r"(?:(?:has|had|was|is)[ \t]+)?(?:" + _CUE_ALT + r"|quoted[^.;:!?\n]{0,40}?as saying)"
    r"|(?:"
    + _INV_ALT
    + r")[ \t]+[\w'\u2019.-]+)\b(?![ \t]+that\b)[^.;:!?\n\"\u201c\u201d\u00ab\u00bb]{0,70}[.!?]?[ \t]*$"
)
_TAIL_BOUNDARY = re.compile(r"[.?!,][ \t]+")
#: Text after a closing mark that begins with an attribution: ',” Stoltenberg said.'
_ATTRIBUTION_AFTER = re.compile(
    r"[,.!?]?[ \t]+(?:[^.;:!?\n\"\u201c\u201d]{0,60}?\b(?:" + _CUE_ALT + r")\b|(?:" + _INV_ALT + r")[ \t]+\S)"
)


def _recover_unclosed(text: str, start: int, limit: int) -> int | None:
    """End of a quotation whose closing mark is missing before its attribution, if there is one."""
    lo = max(start, limit - 160)
    boundaries = [m.end() for m in _TAIL_BOUNDARY.finditer(text, lo, limit)]
    for b in reversed(boundaries):
        m = _ATTRIBUTION_TAIL.match(text, b, limit)
        if m is None:
            continue
        first = text[b : m.end()].split(None, 1)[0].lower() if text[b : m.end()].strip() else ""
        if first in ("i", "we", "you"):
            continue
        end = b
        while end > start and text[end - 1].isspace():
            end -= 1
        return end
    return None


# --------------------------------------------------------------------------------------------------
# Quotations of a whole article
# --------------------------------------------------------------------------------------------------


def _count_words(text: str, start: int, end: int, enough: int = 1 << 30) -> int:
    """Words as the scorer counts them: runs of letters, digits and apostrophes ("so-called" is two).

    Counting stops at ``enough``: callers only ask whether a quotation is long enough.
    """
    n = 0
    for _ in _WORD_RUN.finditer(text, start, end):
        n += 1
        if n >= enough:
            break
    return n


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _find_quotes(text: str, paras: list[Span]) -> list[_Quote]:
    """All quotations, multi-paragraph ones linked (opening mark repeated, or a lone closing mark)."""
    per_para = [_paragraph_spans(text, p) for p in paras]
    quotes: list[_Quote] = []
    skip_first: set[int] = set()
    orphan_used: dict[int, int] = {}
    for pi, (spans, _orphans, _marks) in enumerate(per_para):
        for si, (o, e, closed) in enumerate(spans):
            if si == 0 and pi in skip_first:
                continue
            quote = _Quote(pieces=[])
            _extend(
                text, paras, per_para, quote, pi, o, e, closed, si == len(spans) - 1, skip_first, orphan_used
            )
            quotes.append(quote)
    for q in quotes:
        q.words = sum(_count_words(text, pc.inner_start, pc.inner_end, _MIN_WORDS) for pc in q.pieces)
    return quotes


def _extend(text, paras, per_para, quote, pi, o, e, closed, last, skip_first, orphan_used) -> None:
    """Add one span to ``quote`` and follow it over paragraph breaks when the conventions say so."""
    while True:
        para = paras[pi]
        if closed:
            s, t = _trim(text, o + 1, e)
            quote.pieces.append(_Piece(o, s, t, e + 1, pi, True))
            quote.tail_from = e + 1
            return
        inner_start = o + 1 if text[o] in _QUOTE_GLYPHS else o
        recovered = _recover_unclosed(text, inner_start, e) if last or e < para.end else None
        if recovered is not None:
            s, t = _trim(text, inner_start, recovered)
            quote.pieces.append(_Piece(o, s, t, recovered, pi, False))
            quote.tail_from = recovered
            return
        s, t = _trim(text, inner_start, e)
        quote.pieces.append(_Piece(o, s, t, e, pi, False))
        if e < para.end or not last or pi + 1 >= len(paras):
            return
        nxt_spans = per_para[pi + 1][0]
        nxt = paras[pi + 1]
        lead = len(nxt.text) - len(nxt.text.lstrip())
        if nxt_spans and nxt_spans[0][0] == nxt.start + lead:
            skip_first.add(pi + 1)
            o, e, closed = nxt_spans[0]
            last = len(nxt_spans) == 1
            pi += 1
            continue
        _link_orphan(text, paras, per_para, quote, pi, orphan_used)
        return


def _link_orphan(text, paras, per_para, quote, pi, orphan_used) -> None:
    """A quotation left open, then paragraphs without marks, then a lone closing mark and a cue."""
    for k in range(pi + 1, min(pi + 4, len(paras))):
        spans, orphans, marks = per_para[k]
        if not marks:
            continue
        if not orphans or marks[0][0] != orphans[0] or (spans and spans[0][0] < orphans[0]):
            return
        close = orphans[0]
        if k in orphan_used or not _ATTRIBUTION_AFTER.match(text, close + 1, paras[k].end):
            return
        orphan_used[k] = close
        for mid in range(pi + 1, k):
            s, t = _trim(text, paras[mid].start, paras[mid].end)
            quote.pieces.append(_Piece(paras[mid].start, s, t, paras[mid].end, mid, False))
        s, t = _trim(text, paras[k].start, close)
        quote.pieces.append(_Piece(paras[k].start, s, t, close + 1, k, True))
        quote.tail_from = close + 1
        return


def _mask(text: str, quotes: list[_Quote]) -> str:
    """The text with long quotations blanked out, so speech cues inside them are not the reporter's."""
    pieces = []
    cursor = 0
    for q in quotes:
        if q.words < _MASKED_MIN_WORDS:
            continue
        for pc in q.pieces:
            if pc.outer_start < cursor:
                continue
            pieces.append(text[cursor : pc.outer_start])
            pieces.append(_MASK * (pc.outer_end - pc.outer_start))
            cursor = pc.outer_end
    pieces.append(text[cursor:])
    return "".join(pieces)


# --------------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str  # as a Statement shows it ("the Belarusian Defense Ministry")
    kind: str
    side: str
    titles: frozenset[str] = frozenset()

    @property
    def bare(self) -> str:
        """The name without a leading article, as an Attribution shows it."""
        return self.name[4:] if self.name.startswith("the ") else self.name


@dataclass(frozen=True, slots=True)
class _Hit:
    cue: str
    cue_start: int
    cue_end: int
    np_start: int
    np_end: int
    speaker: _Speaker
    how: str  # explicit | pronoun | according_to
    sentence: int
    lead: int = -1  # where the subject and its appositives begin ("Lirovo's mayor, Petra Lenz")

    @property
    def first(self) -> int:
        return self.lead if self.lead >= 0 else min(self.np_start, self.cue_start)


_new_hit = slot_constructor(_Hit)  # every field given, ``lead`` too


_TOKEN = re.compile(r"(?:[^\s,]|,(?=\d))+|,")  # commas split tokens, except inside numbers (60,000)
_SPACE = re.compile(r"\s")
_BOUNDARIES = (_MASK, ";", ":", "!", "?", "\n", " \u2014 ", " \u2013 ", " - ", "\u2014")
_NP_WINDOW = 160
_OBJECTS = frozenset("us me him her them reporters journalists".split())
_NP_AFTER_END = re.compile(r"[,.;:!?\x00\n]|[ \t][\u2014\u2013-][ \t]")
_STRIP = ".,;:!?\"'()[]\u201c\u201d\u2019\u2018\u00ab\u00bb"


@lru_cache(maxsize=1 << 16)
def _norm(tok: str) -> str:
    return normalise_apostrophes(tok.strip(_STRIP).lower())


@lru_cache(maxsize=1 << 16)
def _is_possessive(tok: str) -> bool:
    t = tok.rstrip(_STRIP.replace("'", "").replace("\u2019", ""))
    return t.endswith(("'s", "\u2019s", "s'", "s\u2019"))


@lru_cache(maxsize=1 << 16)
def _is_name_token(tok: str) -> bool:
    t = tok.strip(_STRIP)
    if len(t) < 2 or not t[0].isupper() or not any(c.islower() for c in t):
        return False
    low = t.lower()
    return low not in _TITLE_WORDS and low not in _TIME_WORDS and low not in _MONTHS and not _is_possessive(t)


class _Article:
    """Everything known about one article while it is read from top to bottom."""

    def __init__(self, text: str, actors: ActorTable):
        self.text = text
        self.actors = actors
        self.paras = paragraphs(text)
        self.para_starts = [p.start for p in self.paras]
        self.quotes = _find_quotes(text, self.paras)
        self.masked = _mask(text, self.quotes)
        self.sents = sentences(text)
        self.sent_starts = [s.start for s in self.sents]
        self.sent_para = [self.para_of(s.start) for s in self.sents]
        self.recent: list[tuple[int, int, _Speaker]] = []  # (position, paragraph, speaker) of main hits
        self._full_cache: dict[str, str | None] = {}
        self._speaker_cache: dict[tuple[int, int], _Speaker | None] = {}
        self._tok_cache: dict[int, _SentenceTokens] = {}

    @cached_property
    def folded(self) -> str:
        """``text.fold`` of the text, for case-insensitive searches without re.IGNORECASE."""
        return fold(self.text)

    # -- positions -----------------------------------------------------------------------------------
    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def tokens(self, lo: int, hi: int) -> list[Tok]:
        """Tokens of the masked text within ``[lo, hi)``, from a per-sentence cache."""
        si = self.sentence_of(lo)
        sent = self.sents[si] if self.sents else None
        if sent is None or lo < sent.start or hi > sent.end:
            return _tokens(self.masked, lo, hi)
        cached = self._tok_cache.get(si)
        if cached is None:
            cached = self._tok_cache[si] = _SentenceTokens(sent.start)
        starts, ends, toks = cached.read(self.masked, hi, sent.end)
        out = toks[bisect_right(ends, lo) : bisect_left(starts, hi)]
        if out and out[0][0] < lo:  # clip tokens cut by the window, as a fresh tokenisation would
            out[0] = (lo, out[0][1], self.masked[lo : out[0][1]])
        if out and out[-1][1] > hi:
            out[-1] = (out[-1][0], hi, self.masked[out[-1][0] : hi])
        return out  # tokens never hold whitespace (``_TOKEN``), nor do their clipped parts

    # -- actor table ---------------------------------------------------------------------------------
    def own_actor(self, name: str):
        key = name.strip()
        by_alias = self.actors.by_alias
        return by_alias.get(key) or by_alias.get(normalise_apostrophes(key.lower()))

    def side_in(self, phrase: str) -> str:
        return _side_of(self.actors, phrase) if phrase else "unknown"

    def full_name(self, surname: str) -> str | None:
        """The fullest form of a one-word name in the article ("Rudenko" -> "Andrei Rudenko")."""
        if surname in self._full_cache:
            return self._full_cache[surname]
        found = None
        text = self.text
        at = text.find(surname)
        while at >= 0 and found is None:
            after = text[at + len(surname) : at + len(surname) + 1]
            if not (after.isalnum() or (at > 0 and text[at - 1].isalnum())):
                words = text[max(0, at - 60) : at].split()[-2:]
                while words and not _is_name_token(words[0]):
                    words.pop(0)
                if (
                    words
                    and all(_is_name_token(w) or w.lower() in _PARTICLES for w in words)
                    and (text[at - 1] in " \t" and all(w[-1].isalpha() for w in words))
                ):
                    found = " ".join(words + [surname])
            at = text.find(surname, at + 1)
        if found is None:
            actor = self.own_actor(surname)
            if actor is not None and actor.kind == "person":
                found = actor.name
        self._full_cache[surname] = found
        return found


@lru_cache(maxsize=1 << 14)
def _side_of(actors: ActorTable, phrase: str) -> str:
    """The side of the first actor named in a phrase (cached: speaker phrases repeat across articles)."""
    return actors.side_of(phrase)


# --------------------------------------------------------------------------------------------------
# Noun phrases before and after a cue
# --------------------------------------------------------------------------------------------------

Tok = tuple[int, int, str]


def _last_boundary(s: str, lo: int, hi: int) -> int:
    """Just after the last clause boundary (quotation, semicolon, colon, dash) in ``s[lo:hi]``."""
    cut = lo
    for b in _BOUNDARIES:
        i = s.rfind(b, lo, hi)
        if i >= 0 and i + len(b) > cut:
            cut = i + len(b)
    return cut


def _tokens(s: str, lo: int, hi: int) -> list[Tok]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(s, lo, hi)]


class _SentenceTokens:
    """The tokens of one sentence of the masked text, read only as far as callers ask (about half of a sentence)."""

    __slots__ = ("starts", "ends", "toks", "upto")

    def __init__(self, start: int):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.toks: list[Tok] = []
        self.upto = start  # read up to here: the sentence start, a space or the sentence end

    def read(self, masked: str, hi: int, end: int) -> tuple[list[int], list[int], list[Tok]]:
        """Every token that starts before ``hi`` (no token crosses a space, so reading stops at one)."""
        if self.upto < hi:
            space = _SPACE.search(masked, hi, end)
            upto = space.start() if space else end
            new = _tokens(masked, self.upto, upto)
            self.toks += new
            self.starts += [t[0] for t in new]
            self.ends += [t[1] for t in new]
            self.upto = upto
        return self.starts, self.ends, self.toks


def _strip_trailing(toks: list[Tok]) -> list[Tok]:
    """Drop auxiliaries and adverbials between a subject and its verb ("has", "on Sunday", "also")."""
    while toks:
        w = _norm(toks[-1][2])
        if w == "" or toks[-1][2] == ",":
            toks = toks[:-1]
        elif w in _AUX or w in _ADVERBS or w in _TIME_WORDS:
            toks = toks[:-1]
        elif w.endswith("ly") and toks[-1][2][0].islower() and len(w) > 4:
            toks = toks[:-1]
        elif (
            len(toks) >= 3
            and _norm(toks[-3][2]) == "in"
            and _norm(toks[-2][2]) in ("a", "an", "its", "his", "her", "their", "the")
            and w
            in (
                "statement",
                "interview",
                "address",
                "speech",
                "post",
                "tweet",
                "message",
                "video",
                "briefing",
                "report",
                "letter",
                "communique",
                "comment",
                "comments",
                "response",
            )
        ):
            toks = toks[:-3]
        else:
            break
    return toks


def _split_parts(toks: list[Tok]) -> list[list[Tok]]:
    parts: list[list[Tok]] = [[]]
    for t in toks:
        if t[2] == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _name_run(part: list[Tok]) -> int:
    """Index where the trailing run of name tokens starts (len(part) when there is none)."""
    i = len(part)
    while i > 0:
        tok = part[i - 1][2]
        if _is_name_token(tok) or (i < len(part) and tok.lower() in _PARTICLES and i - 1 > 0):
            i -= 1
        else:
            break
    while i < len(part) and part[i][2].lower() in _PARTICLES:
        i += 1
    return i


_ADVERBIAL_WORDS = _ADVERBS | _TIME_WORDS | _MONTHS | _DETERMINERS
_LOCATIVE = frozenset("in at near inside outside from on across around along beyond behind throughout".split())


def _is_adverbial(part: list[Tok]) -> bool:
    """A comma part that is not the subject: "meanwhile", "on Sunday", "In a statement"."""
    words = [_norm(t[2]) for t in part]
    if all(w in _ADVERBIAL_WORDS or w.isdigit() for w in words):
        return True
    if words[0] not in _INTRO_WORDS:
        return False
    run = _name_run(part)
    if words[0] in _LOCATIVE and 0 < run < len(part) and (run == 1 or words[run - 1] in _PREPOSITIONS):
        return True  # a place: "In Kyiv", "At the reception centre in Harnowe"
    return run == len(part) or all(w in _TIME_WORDS or w in _MONTHS for w in words[run:])


def _is_titled_name(art: _Article, part: list[Tok]) -> bool:
    """A name with nothing but titles before it: "Kremlin spokesman Dmitry Peskov", "Vodolatsky"."""
    run = _name_run(part)
    if run == len(part):
        return art.own_actor(" ".join(t[2] for t in part).strip(_STRIP)) is not None
    if len(part) - run >= 2 and run > 0 and _norm(part[run - 1][2]) in _PERSON_HEADS:
        # "Drusenian foreign ministry spokeswoman Vesna Thorne": a role right before a full name
        return _person_run(art, part, run)
    return all(_norm(t[2]) in _TITLE_WORDS or t[2][0].isupper() for t in part[:run]) and _person_run(
        art, part, run
    )


def _person_run(art: _Article, part: list[Tok], run: int) -> bool:
    words = [t[2].strip(_STRIP) for t in part[run:]]
    last = words[-1].lower()
    if last in _NON_PERSON_LAST:
        return False
    actor = art.own_actor(" ".join(words))
    if actor is not None:
        return actor.kind == "person"
    if len(words) >= 2:
        return all(art.own_actor(w) is None or art.own_actor(w).kind == "person" for w in words[-1:])
    if run > 0 and _norm(part[run - 1][2]) in _TITLE_WORDS:
        return True
    return art.full_name(words[0]) is not None


_APPOSITIVE_RELATIVES = frozenset("which who whose whom".split())
_AFFILIATION = frozenset("of from at".split())


def _is_participial(part: list[Tok]) -> bool:
    """An appositive participle: "seen by the Sentinel", "asked about the strike", "speaking to reporters"."""
    first = part[0][2]
    return first[:1].islower() and first.endswith(("ed", "en", "ing")) and len(part) > 1


def _choose_part(art: _Article, parts: list[list[Tok]]) -> tuple[list[Tok], list[list[Tok]]]:
    """The subject among comma-separated parts: a name flanked by descriptions, else the last part."""
    while len(parts) > 1 and (_is_participial(parts[-1]) or _norm(parts[-1][0][2]) in _APPOSITIVE_RELATIVES):
        parts = parts[:-1]  # "A draft framework ..., seen by the Sentinel, proposes"; "The mission, which ..., said"
    if len(parts) == 1:
        return parts[0], []
    if _is_titled_name(art, parts[-1]):
        role = parts[-2]
        return parts[-1], [role] if len(role) <= 8 and _head(role) in _PERSON_HEADS else []
    for i, part in enumerate(parts[:-1]):
        named = _is_titled_name(art, part) or art.own_actor(_clean_phrase([t[2] for t in part])) is not None
        if named and all(
            p[0][2][:1].islower() or _head(p) in _PERSON_HEADS or _is_possessive(p[0][2])
            for p in parts[i + 1 :]
        ):
            return part, parts[i + 1 :]
    return parts[-1], []


def _leading_subject(art: _Article, lo: int, hi: int, person_only: bool) -> tuple[int, int, list] | None:
    """The subject at the start of a clause, found without a speech verb.

    "Near the station, Luka Dresch, 58, was stacking loaves" -> Luka Dresch; "The Varenian minister of
    foreign affairs, Konstantin Salev, has rejected ..." -> Konstantin Salev; and, unless
    ``person_only``, "The CRO's latest report is blunt:" -> the CRO's latest report.
    """
    toks = art.tokens(lo, min(hi, lo + 200))[:30]
    while toks and not any(c.isalpha() for c in toks[0][2]):
        toks = toks[1:]  # a live page's time stamp: "10.15 Drusenian foreign ministry spokeswoman Vesna Thorne:"
    parts = _split_parts(toks)
    while parts and _is_adverbial(parts[0]):
        parts = parts[1:]
    if not parts:
        return None
    first = parts[0]
    if _norm(first[0][2]) in _CONJUNCTIONS:
        first = first[1:]
    if not first:
        return None
    if _is_titled_name(art, first):
        return first[0][0], first[-1][1], parts[1:2]
    if len(parts) > 1 and _head(first) in _PERSON_HEADS and _is_titled_name(art, parts[1]):
        return parts[1][0][0], parts[1][-1][1], [first]
    if len(parts) > 1 and len(first) <= 4 and first[-1][2][:1].islower() and _is_full_name(art, parts[1]):
        return parts[1][0][0], parts[1][-1][1], [first]  # "Varn's dispatcher, Irma Solvik, runs ..."
    # a titled name followed by its verb: "Concord Secretary General Ilse Varga welcomed the talks"
    i = 0
    while i < len(first) and (_is_name_token(first[i][2]) or _norm(first[i][2]) in _TITLE_WORDS):
        i += 1
    if 0 < i < len(first) and first[i][2][:1].islower():
        run = _name_run(first[:i])
        if run < i and _person_run(art, first[:i], run):
            return first[0][0], first[i - 1][1], []
    # a name and where the person works: "Sabine Kroll of the Aldermark Institute thinks ..."
    j = 0
    while j < len(first) and _is_name_token(first[j][2]):
        j += 1
    if j >= 2 and j < len(first) and _norm(first[j][2]) in _AFFILIATION and _person_run(art, first[:j], 0):
        return first[0][0], first[j - 1][1], []
    if person_only:
        return None
    for j, t in enumerate(first[:9]):
        w = _norm(t[2])
        verb = (
            w in _AUX
            or w in _PREDICATE_VERBS
            or (w in _CUE_VERBS and w not in _WEAK_CUES)
            or (w.endswith("ed") and len(w) > 4)
        )
        if j > 0 and verb and t[2][:1].islower():
            np = first[:j]
            return (np[0][0], np[-1][1], []) if _valid_np(np) else None
    return None


def _is_full_name(art: _Article, part: list[Tok]) -> bool:
    """Two or three name tokens that name a person: "Irma Solvik"."""
    return 2 <= len(part) <= 3 and _name_run(part) == 0 and _person_run(art, part, 0)


def _clausal(art: _Article, part: list[Tok]) -> bool:
    """A person's name followed by a verb: "Ilse Varga welcomed the talks but" is no subject."""
    for i in range(1, len(part)):
        tok = part[i][2]
        if not tok[:1].islower() or _norm(tok) in _PREPOSITIONS or _norm(tok) in _CONJUNCTIONS:
            continue
        if _is_name_token(part[i - 1][2]) and i >= 2 and _is_name_token(part[i - 2][2]):
            run = _name_run(part[:i])
            if run <= i - 2 and _person_run(art, part[:i], run):
                return True
    return False


def _head(part: list[Tok]) -> str:
    words = [_norm(t[2]) for t in part]
    for i, w in enumerate(words):
        if w in _PREPOSITIONS and i > 0:
            return words[i - 1]
    return words[-1] if words else ""


def _trim_np(art: _Article, part: list[Tok]) -> list[Tok]:
    while part and not any(c.isalpha() for c in part[0][2]):
        part = part[1:]  # a live blog's time stamp: "10:05 Kardonia's command says"
    for i in range(len(part) - 1, -1, -1):
        if part[i][2] in _EMBEDDING:
            part = part[i + 1 :]  # "what the Ukrainian government says", "as Peskov put it"
            break
    while part and _norm(part[0][2]) in _CONJUNCTIONS:
        part = part[1:]
    for i, t in enumerate(part):
        if i > 0 and t[2] in _RELATIVE:
            rest = part[i + 1 :]
            if 0 < len(rest) <= 3 and (
                _norm(rest[0][2]) in _DETERMINERS
                or rest[0][2][:1].isupper()
                or _norm(rest[-1][2]) in _GROUP_HEADS | _PERSON_HEADS | _ORG_HEADS
            ):
                part = rest  # the relative clause's own subject: "talks that diplomats described"
            else:
                part = part[:i]  # "An anonymous source who spoke on condition of anonymity"
            break
    part = [t for t in part if not (t[2].startswith("(") or t[2].endswith(")"))] or part
    if part and _norm(part[0][2]) in _INTRO_WORDS:
        run = _name_run(part)
        if run == len(part) or not _person_run(art, part, run):
            det = max((i for i, t in enumerate(part) if i > 1 and _norm(t[2]) in _DETERMINERS), default=0)
            return part[det:] if det else []
        i = run
        while i > 0 and (_norm(part[i - 1][2]) in _TITLE_WORDS and _norm(part[i - 1][2]) not in _DETERMINERS):
            i -= 1
        part = part[i:]
    return part


_CLAUSE_PRONOUNS = _PRONOUNS | {"them", "we", "i"}
_COUNT = re.compile(r"\d[\d,.]*$")
_NOT_SUBJECTS = frozenset("what which who how there this that it's i we you one nothing".split())


def _valid_np(part: list[Tok]) -> bool:
    if not part or len(part) > 12:
        return False
    words = {_norm(t[2]) for t in part}
    if len(part) > 1 and not _CLAUSE_PRONOUNS.isdisjoint(words):
        return False  # "they thanked Putin for ..." is a clause, not a subject
    if not _AUX.isdisjoint(words) or _norm(part[0][2]) in _NOT_SUBJECTS:
        return False
    if any(t[2][:1].isdigit() and _COUNT.match(t[2]) for t in part):
        return False  # "fewer than the 2,870 recorded": a count, not who speaks
    return bool(words - _DETERMINERS - {""}) and _norm(part[-1][2]) not in _DETERMINERS


def _may_hold_subject(part: list[Tok]) -> bool:
    """An introductory phrase running into the subject: "in talks that diplomats", "On Monday the army"."""
    if _norm(part[0][2]) not in _PREPOSITIONS | {"during", "after", "before", "since", "by"}:
        return False
    return any(t[2] in _RELATIVE for t in part) or any(
        i > 1 and _norm(t[2]) in _DETERMINERS for i, t in enumerate(part)
    )


def _np_before(art: _Article, lo: int, cue_start: int) -> tuple[int, int, list[list[Tok]]] | None:
    """The subject noun phrase that ends just before a cue: (start, end, appositive parts)."""
    masked = art.masked
    lo = max(lo, cue_start - _NP_WINDOW)
    cut = _last_boundary(masked, lo, cue_start)
    toks = _strip_trailing(art.tokens(cut, cue_start))
    parts = _split_parts(toks)
    last = parts[-1] if parts else None
    parts = [p for p in parts if not _is_adverbial(p) or (p is last and _may_hold_subject(p))]
    if not parts:
        return None
    part, others = _choose_part(art, parts)
    part = _trim_np(art, part)
    if part and (_norm(part[-1][2]) in _CONJUNCTIONS or _clausal(art, part)):
        # a second verb of the subject: "Ilse Varga welcomed the talks but warned ..."
        return _leading_subject(art, part[0][0], part[-1][1], person_only=True)
    if not _valid_np(part):
        return None
    return part[0][0], part[-1][1], others


def _np_after(art: _Article, start: int, hi: int) -> tuple[int, int] | None:
    """The subject after an inverted cue: ', said Kremlin spokesman Dmitry Peskov.'"""
    m = _NP_AFTER_END.search(art.masked, start, min(hi, start + 120))
    end = m.start() if m else min(hi, start + 120)
    toks = art.tokens(start, end)
    if len(toks) > 2 and _norm(toks[0][2]) == "to" and _norm(toks[1][2]) in _OBJECTS:
        toks = toks[2:]  # "confided to us a teacher ..."
    out: list[Tok] = []
    for t in toks:
        if _norm(t[2]) in _AFTER_NP_STOP and out:
            break
        out.append(t)
    if not out or not _valid_np(out) or len(out) > 10:
        return None
    first = out[0][2]
    if not (first[0].isupper() or _norm(first) in _DETERMINERS or _norm(first) in _PRONOUNS):
        return None
    return out[0][0], out[-1][1]


# --------------------------------------------------------------------------------------------------
# Resolving a noun phrase to a speaker
# --------------------------------------------------------------------------------------------------


def _resolve(
    art: _Article, start: int, end: int, others: Sequence[list[Tok]] = ()
) -> tuple[_Speaker, str] | None:
    """The speaker a subject phrase names, and how it was found (explicit or pronoun)."""
    key = (start, end)
    if key in art._speaker_cache:
        cached = art._speaker_cache[key]
        return None if cached is None else (cached, _how_of(art.text, start))
    speaker = _resolve_phrase(art, start, end, others)
    art._speaker_cache[key] = speaker
    return None if speaker is None else (speaker, _how_of(art.text, start))


def _how_of(text: str, start: int) -> str:
    word = text[start : start + 5].split(" ", 1)[0].strip(_STRIP).lower()
    return "pronoun" if word in _PRONOUNS else "explicit"


def _clean_phrase(words: list[str]) -> str:
    return (
        normalise_apostrophes(" ".join(w.strip('"\u201c\u201d\u00ab\u00bb') for w in words)).strip(" ,.;:")
    )


def _resolve_phrase(art: _Article, start: int, end: int, others) -> _Speaker | None:
    part = art.tokens(start, end) if _MASK not in art.masked[start:end] else _tokens(art.text, start, end)
    if not part:
        return None
    words = [t[2] for t in part]
    low = [_norm(w) for w in words]
    if len(low) == 1 and low[0] in _PRONOUNS:
        return _antecedent(art, low[0], start)
    had_the = low[0] == "the"
    if low[0] in _DETERMINERS:
        part, words, low = part[1:], words[1:], low[1:]
    if not part:
        return None
    # a document's issuer: "the statement from the Belarusian Defense Ministry", "the letter of X"
    head_i = next((i for i, w in enumerate(low) if w in _PREPOSITIONS), len(low))
    by = next(
        (i for i in range(1, min(len(low), 5)) if low[i] == "by" and low[i - 1].endswith(("ed", "en"))), 0
    )
    if by and by < len(low) - 1 and any(w in _DOC_HEADS for w in low[:by]):
        head_i = by
    if (
        0 < head_i < len(low) - 1
        and (low[head_i - 1] in _DOC_HEADS or head_i == by)
        and (low[head_i] in _ISSUER_PREPS)
    ):
        issuer = _resolve_phrase(art, part[head_i + 1][0], part[-1][1], ())
        if issuer is not None and issuer.kind in ("person", "organization", "group"):
            return issuer
    phrase = _clean_phrase(words)
    if "and" in low or "&" in low:
        actor = art.own_actor(phrase)
        if actor is None:  # "the United States and the United Kingdom": several speakers
            return _Speaker(("the " if had_the else "") + phrase, "group", art.side_in(phrase))
    run = _name_run(part)
    # "Lantern Relief's Amara Felsted" is a person; "Varenia's Meris" is not taken for one on a single word
    owned = run > 0 and _is_possessive(words[run - 1])
    owned_name = owned and len(part) - run >= 2 and low[-1] not in _ORG_HEADS
    # "the Office for Displaced Persons": the capitalised words close the name of an office, not a person's
    org_name = run > 1 and low[run - 1] in _ORG_LINKS and low[run - 2] in _ORG_HEADS
    if run < len(part) and _person_run(art, part, run) and (not owned or owned_name) and not org_name:
        return _person(art, part, run, others)
    actor = art.own_actor(phrase)
    if actor is not None:
        kind = _AGENT_KIND.get(actor.kind, "organization")
        if actor.kind == "person":
            return _Speaker(art.full_name(phrase.split()[-1]) or actor.name, "person", actor.side)
        name = phrase if kind == "group" else actor.name
        if had_the and not name.lower().startswith("the "):
            name = "the " + name
        return _Speaker(name, kind, actor.side)
    head = low[head_i - 1] if 0 < head_i else low[-1]
    kind = _kind_of_head(head, words)
    if (
        had_the
        and (len(low) == 1 or (kind == "person" and len(low) <= 3))
        and all(w[:1].islower() for w in words)
    ):
        found = _anaphor(art, head, low, kind, start)
        if found is not None:
            return found
    name = ("the " + phrase) if had_the and kind != "person" else phrase
    return _Speaker(name, kind, art.side_in(phrase), frozenset(low) if kind == "person" else frozenset())


def _kind_of_head(head: str, words: list[str]) -> str:
    if head in _DOC_HEADS:
        return "document"
    if head in _ORG_HEADS or head in _NEWS_OUTLETS:
        return "organization"
    if head in _GROUP_HEADS:
        return "group"
    if head in _PERSON_HEADS:
        return "person"
    if len(words) == 1 and words[0][:1].isupper():
        w = words[0].strip(_STRIP)
        return "organization" if w.isupper() else ""
    if head.endswith("s") and not head.endswith("ss"):
        return "group"
    return ""


def _person(art: _Article, part: list[Tok], run: int, others) -> _Speaker:
    words = [normalise_apostrophes(t[2].strip(_STRIP)) for t in part[run:]]
    name = " ".join(words)
    if len(words) == 1:
        name = art.full_name(words[0]) or name
    actor = art.own_actor(name) or (art.own_actor(words[-1]) if len(words) == 1 else None)
    titles = {_norm(t[2]) for t in part[:run]} | {_norm(t[2]) for p in others for t in p}
    titles -= _DETERMINERS
    if actor is not None and actor.kind == "person":
        side = actor.side
    else:
        phrase = " ".join(t[2] for t in part) + " " + " ".join(t[2] for p in others for t in p)
        side = art.side_in(phrase.strip())
    return _Speaker(name, "person", side, frozenset(titles))


def _antecedent(art: _Article, pronoun: str, pos: int) -> _Speaker | None:
    """The speaker a pronoun refers to: the latest fitting speaker in the paragraph, else in the article."""
    para = art.para_of(pos)
    reach = 3 if pronoun in ("he", "she") else 1  # how many paragraphs back a pronoun may reach
    recent = [r for r in art.recent[-40:] if r[0] < pos and r[1] >= para - reach]
    recent.reverse()
    same = [r[2] for r in recent if r[1] == para and r[2].kind != "document"]
    anywhere = [r[2] for r in recent if r[2].kind != "document"]
    order: tuple[list[_Speaker], ...]
    if pronoun in ("he", "she"):
        order = ([s for s in same if s.kind == "person"], same, [s for s in anywhere if s.kind == "person"])
    elif pronoun == "they":
        group = ("group", "organization")
        order = ([s for s in same if s.kind in group], same, [s for s in anywhere if s.kind in group])
    else:
        org = ("organization",)
        order = ([s for s in same if s.kind in org], [s for s in anywhere if s.kind in org])
    for candidates in order:
        if candidates:
            return candidates[0]
    return None


def _anaphor(art: _Article, head: str, low: list[str], kind: str, pos: int) -> _Speaker | None:
    """A short definite phrase ("the army", "the minister", "the head of state") naming someone earlier."""
    recent = [r[2] for r in reversed(art.recent[-40:]) if r[0] < pos]
    if kind == "person":
        roles = _ROLE_SYNONYMS.get(head, frozenset({head}))
        for s in recent:
            if s.kind == "person" and s.titles & roles:
                return s
        para = art.para_of(pos)
        same = [r[2] for r in reversed(art.recent[-40:]) if r[0] < pos and r[1] in (para, para - 1)]
        for s in same:
            if s.kind == "person" and s.name[:1].isupper():
                return s
        return None
    if kind == "organization":
        for s in recent:
            if s.kind == "organization" and s.bare.lower().endswith(" " + head):
                return s
        mentions = _mentions_before(art, head, max(0, pos - 4000), pos)
        if mentions:
            m = mentions[-1]
            words = art.text[m.start(1) : m.end(1)].split()
            while words and not words[0][0].isupper():
                words.pop(0)
            while words and words[0].lower() in _DETERMINERS:
                words.pop(0)
            if words:
                phrase = _clean_phrase(words + [art.text[m.start() : m.end()].split()[-1]])
                name = phrase if _is_possessive(words[0]) else "the " + phrase
                return _Speaker(name, "organization", art.side_in(phrase))
    return None


def _mentions_before(art: _Article, head: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Matches of up to four words and ``head`` ("the Kardonian army") in ``art.text[lo:hi]``, ignoring case.

    An ASCII head is searched in the folded text (``text.fold``) without re.IGNORECASE: the same matches, faster.
    """
    if head.isascii():
        pattern = re.compile(r"\b((?:[a-z][\w'\u2019-]*[ \t]+){1,4})" + re.escape(head) + r"\b")
        return list(pattern.finditer(art.folded, lo, hi))
    pattern = re.compile(r"\b((?:[A-Z][\w'\u2019-]*[ \t]+){1,4})" + re.escape(head) + r"\b", re.IGNORECASE)
    return list(pattern.finditer(art.text, lo, hi))


# --------------------------------------------------------------------------------------------------
# Cues in sentences
# --------------------------------------------------------------------------------------------------


def _cue_allowed(art: _Article, cs: int, ce: int, lo: int, hi: int, word: str) -> bool:
    """Rule out verbs that are not speech here: negated, passive, or a noun ("the states")."""
    masked = art.masked
    before = masked[max(lo, cs - 6) : cs].lower()
    if before.endswith(("to ", "not ", "n't ", "\u2019t ", "did ", "never ", " an ", " a ", " the ")):
        return False  # negated, an infinitive, or an adjective ("an estimated 70 groups")
    after = masked[ce : min(hi, ce + 8)]
    if after.startswith(" by ") and word.endswith("ed"):
        return False  # passive: "a step condemned by the international community"
    if word in ("called", "described"):
        # only around a quotation: 'what he called “...”', 'talks that diplomats described as “...”'
        nxt = after.lstrip()
        return nxt[:1] == _MASK or (
            word == "described" and nxt.startswith("as") and _MASK in after + masked[ce + 8 : ce + 12]
        )
    if word not in _WEAK_CUES:
        return True
    if after[:1] in (":", ",", _MASK) or after.lstrip()[:1] == _MASK or after.startswith(" that "):
        return True
    if after.lstrip()[:1] in (".", "!", "?", ""):
        # at the end of the sentence only after a clause or quotation: ", the document reads."
        window = max(lo, cs - 60)
        cut = max(masked.rfind(",", window, cs), masked.rfind(_MASK, window, cs))
        return cut >= window and len(masked[cut + 1 : cs].split()) <= 4
    return _tail(masked, lo, cs).endswith((",", _MASK))


def _sentence_hits(art: _Article, si: int) -> Iterator[_Hit]:
    """Every cue in a sentence (outside quotations) whose speaker could be named, in order (lazily)."""
    sent = art.sents[si]
    masked = art.masked
    if _ACCORDING_START.match(masked, sent.start):
        hit = _according_hit(art, sent.start, sent.start + 12, si)
        if hit is not None:
            yield hit
    for n, m in enumerate(_CUE.finditer(masked, sent.start, sent.end)):
        if n >= 8:
            break
        cs, ce = m.start("cue"), m.end("cue")
        if m.group("acc"):
            hit = _according_hit(art, cs, ce, si)
        elif m.group("quoted"):
            hit = _quoted_hit(art, m, si)
        elif m.group("puts"):
            hit = _verb_hit(art, cs, ce, si, m.group("cue").split()[0])  # "puts the number at 34,000"
        else:
            word = m.group("cue")
            if not _cue_allowed(art, cs, ce, sent.start, sent.end, word):
                continue
            hit = _verb_hit(art, cs, ce, si, word)
        if hit is not None:
            yield hit


def _verb_hit(art: _Article, cs: int, ce: int, si: int, word: str) -> _Hit | None:
    sent = art.sents[si]
    if word == "saying":
        # "The ministry gave a lower count, saying ...": the subject of the sentence says it
        if not _tail(art.masked, sent.start, cs).endswith(","):
            return None
        found = _leading_subject(art, sent.start, cs, person_only=False)
    else:
        found = _np_before(art, sent.start, cs)
    others: list[list[Tok]] = []
    if found is not None:
        start, end, others = found
    else:
        if word not in _INVERTING_CUES:
            return None
        prev = _tail(art.masked, sent.start, cs)
        if prev and not prev.endswith((",", _MASK)):
            return None
        after = _np_after(art, ce, sent.end)
        if after is None:
            return None
        start, end = after
    res = _resolve(art, start, end, others)
    if res is None:
        return None
    lead = min([start] + [p[0][0] for p in others if p and p[0][0] < start])
    return _new_hit(word, cs, ce, start, end, res[0], res[1], si, lead)


def _quoted_hit(art: _Article, m: re.Match[str], si: int) -> _Hit | None:
    """'Rudenko was quoted by Interfax as saying' and 'Interfax quoted Rudenko as saying'."""
    sent = art.sents[si]
    cs, ce = m.start("cue"), m.end("cue")
    qnp = m.group("qnp")
    if qnp and not qnp.lstrip().startswith("by "):
        start = m.start("qnp") + len(qnp) - len(qnp.lstrip())
        found: tuple[int, int, list] | None = (start, m.end("qnp"), [])
    else:
        found = _np_before(art, sent.start, cs)
    if found is None:
        return None
    res = _resolve(art, found[0], found[1], found[2])
    if res is None:
        return None
    return _new_hit(art.text[cs:ce], cs, ce, found[0], found[1], res[0], res[1], si, -1)


def _according_hit(art: _Article, cs: int, ce: int, si: int) -> _Hit | None:
    sent = art.sents[si]
    start = ce
    while start < sent.end and art.masked[start].isspace():
        start += 1
    stop = _NP_AFTER_END.search(art.masked, start, min(sent.end, start + 120))
    end = stop.start() if stop else min(sent.end, start + 120)
    out: list[Tok] = []
    for t in art.tokens(start, end):
        if _norm(t[2]) in ("that", "which", "who", "in", "on", "at", "as") and out:
            break
        out.append(t)
    if not _valid_np(out):
        return None
    named = _appositive_name(art, out[-1][1], sent.end)
    if named is not None:
        out = named  # "according to the governor, Nadia Pell"
    res = _resolve(art, out[0][0], out[-1][1])
    if res is None:
        return None
    how = "pronoun" if res[1] == "pronoun" else "according_to"
    return _new_hit("according to", cs, ce, out[0][0], out[-1][1], res[0], how, si, -1)


def _appositive_name(art: _Article, pos: int, hi: int) -> list[Tok] | None:
    """A titled name right after a comma at ``pos``: ", Nadia Pell," or ", Nadia Pell."."""
    if art.masked[pos : pos + 1] != ",":
        return None
    stop = _NP_AFTER_END.search(art.masked, pos + 1, min(hi, pos + 80))
    toks = art.tokens(pos + 1, stop.start() if stop else min(hi, pos + 80))
    return toks if toks and len(toks) <= 5 and _is_titled_name(art, toks) else None


def _main_hit(hits: Iterable[_Hit]) -> _Hit | None:
    """The sentence's speaker: its first speech verb, else its "according to" source."""
    source = None
    for h in hits:
        if h.how != "according_to":
            return h
        source = source or h
    return source


# --------------------------------------------------------------------------------------------------
# Reported clauses (indirect speech)
# --------------------------------------------------------------------------------------------------

_THAT = re.compile(r"[^,.;:!?\x00\"\u201c\u201d\n]{0,80}?\bthat[ \t]+")
_SKIP_AFTER_CUE = re.compile(
    r"(?:[ \t]+(?:on|last|this|late|early)[ \t]+\w+(?:[ \t]+(?:night|morning|evening|afternoon))?"
    r"|[ \t]+(?:today|yesterday|tonight|also|again"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))*"
)
_CLAUSE_START_BAD = frozenset(
    "in on at to for with by from of during after before as and but or so if it's nothing".split()
)


def _clause(art: _Article, hit: _Hit) -> tuple[int, int] | None:
    """The reported clause a main hit governs, if it is one (precision over recall)."""
    sent = art.sents[hit.sentence]
    masked = art.masked
    before = masked[max(sent.start, hit.np_start - 6) : hit.np_start].split()
    if before and before[-1].lower() in _EMBEDDING:
        return None  # "what the government says is ...": not a report of what was said
    end = sent.end
    while end > sent.start and masked[end - 1] in ".!? \t\"'\u201d":
        end -= 1
    span = None
    if hit.how == "according_to":
        after = masked[hit.np_end : hit.np_end + 2]
        if after.startswith(",") and masked[sent.start : hit.cue_start].strip() == "":
            span = (hit.np_end + 1, end)
        elif hit.np_end >= end - 1:
            comma = masked.rfind(",", sent.start, hit.cue_start)
            if comma > sent.start:
                span = (sent.start, comma)
    elif hit.np_start > hit.cue_start:
        span = _clause_before(art, hit, sent, end)  # ', said Vera Kolm, who ...': the clause came first
    else:
        m = _THAT.match(masked, hit.cue_end, end)
        if m is not None and _short_object(masked[hit.cue_end : m.end()]):
            span = (m.end(), end)
        elif hit.cue in _BARE_CLAUSE_CUES:
            skip = _SKIP_AFTER_CUE.match(masked, hit.cue_end, end)
            start = skip.end() if skip else hit.cue_end
            words = masked[start:end].split()
            if (
                words
                and _norm(words[0]) not in _CLAUSE_START_BAD
                and not masked[start : start + 2].strip().startswith(",")
            ):
                span = (start, end)
        if span is None:
            span = _clause_before(art, hit, sent, end)
    if span is None:
        return None
    s, e = _trim(art.text, span[0], span[1])
    if e <= s or _count_words(art.text, s, e, 4) < 4 or _MASK in masked[s:e]:
        return None
    return s, e


def _short_object(between: str) -> bool:
    words = between.split()[:-1]
    return len(words) <= 7 and not any(_norm(w) in _AUX or (w.endswith("ed") and len(w) > 4) for w in words)


def _clause_before(art: _Article, hit: _Hit, sent: Span, end: int) -> tuple[int, int] | None:
    """'Troops will stay, the ministry has said.' -> the clause before the comma."""
    masked = art.masked
    rest = masked[max(hit.cue_end, hit.np_end) : end].strip()
    if rest and not rest.startswith(",") and len(rest.split()) > 3:
        return None
    lead = hit.first
    comma = masked.rfind(",", sent.start, lead)
    if comma <= sent.start or masked[comma + 1 : lead].strip():
        return None
    return sent.start, comma


# --------------------------------------------------------------------------------------------------
# The analysis
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    speaker: _Speaker | None
    cue: str
    how: str
    context: tuple[int, int]


@dataclass(slots=True)
class _Analysis:
    art: _Article
    main: list[_Hit | None] = field(default_factory=list)  # each sentence's speaker
    last_main: list[int] = field(default_factory=list)  # latest sentence of the paragraph with a speaker
    hits: dict[int, list[_Hit]] = field(default_factory=dict)
    reporting: dict[int, _Hit] = field(default_factory=dict)  # "..., Varga said." after another cue
    statements: list[Statement] = field(default_factory=list)
    quote_spans: list[tuple[int, int, _Found]] = field(default_factory=list)  # long quotations' outer spans
    para_quote: dict[int, tuple[int, _Found]] = field(default_factory=dict)  # latest attributed quotation


def _hits(an: _Analysis, si: int) -> list[_Hit]:
    """All hits of a sentence (computed only when its first one does not answer)."""
    hits = an.hits.get(si)
    if hits is None:
        hits = an.hits[si] = list(_sentence_hits(an.art, si))
    return hits


_INTERRUPTION = re.compile(
    r",[ \t]+(he|she|they|[A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019-]+)?)[ \t]+"
    r"(said|says|added|adds|explained|continued|insisted|told|recalled)[,.]"
)
_TWO_NAMES = re.compile(r"[A-Z][\w'\u2019.-]+[ \t]+[A-Z][\w'\u2019-]+")
_TAIL_CUE = re.compile(
    r", [^,\x00]{1,60} (?:said|says|added|told|reported|stated|claimed|wrote)\b[^,\x00]{0,40}$"
)


def _tail(s: str, lo: int, hi: int) -> str:
    """The last characters of ``s[lo:hi]`` without trailing space (bounded, so loops stay linear)."""
    return s[max(lo, hi - 80) : hi].rstrip()


def _blank(s: str, lo: int, hi: int) -> bool:
    """Is ``s[lo:hi]`` empty or blank? (Long gaps count as text, so the check stays bounded.)"""
    return hi - lo <= 200 and not s[lo:hi].strip()


def _reporting_hit(an: _Analysis, si: int, main: _Hit) -> _Hit:
    """'Concord intelligence estimates that ..., Varga said.': the reporter's last verb wins."""
    hits = _hits(an, si)
    last = hits[-1] if hits else main
    if last == main or last.how == "according_to" or last.np_start > last.cue_start:
        return main
    masked = an.art.masked
    comma = masked.rfind(",", max(an.art.sents[si].start, last.first - 80), last.first)
    return last if comma >= 0 and _blank(masked, comma + 1, last.first) else main


_NAME_PROBES = 3  # capitalised words of a sentence's opening tried as surnames named in full earlier
_NOT_NAMES = _ADVERBIAL_WORDS | _INTRO_WORDS | _CONJUNCTIONS | _PRONOUNS | {"i", "we", "it", "there", "this", "that"}
_PRONOUN = re.compile(r"\b(?:he|she|they)\b")  # a sentence whose cue a pronoun may govern
_CAPITALISED = re.compile(r"(?<![\w'\u2019-])([A-Z][a-z][\w'\u2019-]*)(?=[ \t,])")


def _note_subject(art: _Article, si: int) -> None:
    """Remember a person who is a sentence's subject: a later "he said" may refer to them."""
    sent = art.sents[si]
    if not _TWO_NAMES.search(art.masked, sent.start, min(sent.end, sent.start + 90)):
        words = (m.group(1) for m in _CAPITALISED.finditer(art.masked, sent.start, sent.start + 60))
        probes = (w for w in words if w.lower() not in _NOT_NAMES)
        if not any(art.full_name(w) for _, w in zip(range(_NAME_PROBES), probes, strict=False)):
            return  # neither two names nor a surname named in full earlier ("Dalsgaard, the mayor, ...")
    found = _leading_subject(art, sent.start, sent.end, person_only=True)
    if found is None:
        return
    res = _resolve(art, found[0], found[1], found[2])
    if res is not None and res[0].kind == "person" and res[1] == "explicit":
        art.recent.append((found[0], art.sent_para[si], res[0]))


def _analyse(text: str, actors: ActorTable) -> _Analysis:
    art = _Article(text, actors)
    an = _Analysis(art)
    for si, sent in enumerate(art.sents):
        noted = _PRONOUN.search(art.masked, sent.start, sent.end) is not None
        if noted:
            _note_subject(art, si)  # before the hits: "Sabine Kroll thinks ... “...,” she told Northlight."
        main = _main_hit(_sentence_hits(art, si))
        if main is not None and _TAIL_CUE.search(art.masked, sent.start, sent.end):
            reporting = _reporting_hit(an, si, main)
            if reporting != main:
                an.reporting[si] = reporting  # the clause is its report; the figures are main's claim
        an.main.append(main)
        same_para = si > 0 and art.sent_para[si - 1] == art.sent_para[si]
        an.last_main.append(si if main is not None else an.last_main[-1] if same_para else -1)
        if main is not None and (main.how != "according_to" or main.speaker.kind == "person"):
            # "..., according to the governor, Miko Ferrant. He said ...": a person named as a source is one
            art.recent.append((main.np_start, art.sent_para[si], main.speaker))
        if not noted and (main is None or main.how == "according_to"):
            _note_subject(art, si)  # "Minister Teodor Brisk demands ... according to Vellin": Brisk is "he" next
    _quote_statements(an)
    _indirect_statements(an)
    an.statements.sort(key=lambda s: (s.start, s.end, s.kind))
    return an


def _quote_statements(an: _Analysis) -> None:
    art = an.art
    prev_end = -1
    for q in art.quotes:
        if q.words < _MIN_WORDS:
            continue
        first, last = q.pieces[0], q.pieces[-1]
        found = _quote_speaker(an, q, prev_end)
        prev_end = last.outer_end
        if found.speaker is not None:
            an.para_quote[first.para] = an.para_quote[last.para] = (first.inner_start, found)
        parts = [art.text[pc.inner_start : pc.inner_end] for pc in q.pieces if pc.inner_end > pc.inner_start]
        sp = found.speaker
        an.statements.append(
            _new_statement(
                speaker=sp.name if sp else "",
                speaker_kind=sp.kind if sp else "",
                side=sp.side if sp else "unknown",
                quote=" ".join(parts),
                kind=_quote_kind(art, q),
                cue=found.cue,
                start=first.inner_start,
                end=last.inner_end,
                attribution=found.how,
                context_start=found.context[0],
                context_end=found.context[1],
            )
        )
        if q.words >= _MASKED_MIN_WORDS:
            an.quote_spans.extend((pc.outer_start, pc.outer_end, found) for pc in q.pieces)


def _quote_kind(art: _Article, q: _Quote) -> str:
    """direct for a quoted sentence or clause, partial for a fragment inside the reporter's sentence."""
    first = q.pieces[0]
    text = art.text
    lead = next((c for c in text[first.inner_start : first.inner_start + 8] if c.isalnum()), "")
    if not art.sents:
        return "direct"
    sent = art.sents[art.sentence_of(first.outer_start)]
    before = _tail(text, sent.start, first.outer_start) if sent.start <= first.outer_start else ""
    if before.endswith(":"):
        return "direct"
    if not (lead.isupper() or lead.isdigit()):
        return "partial"
    if _blank(text, sent.start, first.outer_start) or before.endswith((",", "\u2014", "\u2013", "-", "(")):
        return "direct"
    if before[-1:] in _QUOTE_GLYPHS:
        return "direct"
    last_word = _norm(before.rsplit(None, 1)[-1]) if before.split() else ""
    return "direct" if last_word in _CUE_VERBS or last_word == "saying" else "partial"


def _span(art: _Article, si: int) -> tuple[int, int]:
    s = art.sents[si]
    return s.start, s.end


def _from_hit(art: _Article, h: _Hit, how: str | None = None) -> _Found:
    return _Found(h.speaker, h.cue, how or h.how, _span(art, h.sentence))


def _quote_speaker(an: _Analysis, q: _Quote, prev_end: int) -> _Found:
    """Who said a quotation: its own sentence, the paragraph, the next sentence, the paragraph before."""
    art = an.art
    first, last = q.pieces[0], q.pieces[-1]
    if not art.sents:
        return _Found(None, "", "none", (first.inner_start, last.inner_end))
    found = _own_sentence_speaker(an, q, prev_end)
    if found is not None:
        return found
    # a speaker named inside the quotation where its marks were forgotten: “..., he said, ...”
    for pc in q.pieces:
        m = _INTERRUPTION.search(art.text, pc.inner_start, pc.inner_end)
        res = _resolve(art, m.start(1), m.end(1)) if m else None
        if m is not None and res is not None:
            return _Found(res[0], m.group(2), res[1], _span(art, art.sentence_of(m.start())))
    # an earlier speaker in the same paragraph
    si = art.sentence_of(first.outer_start)
    sj = an.last_main[si - 1] if si > 0 and art.sent_para[si - 1] == first.para else -1
    previous = an.main[sj] if sj >= 0 else None
    best = _from_hit(art, previous, "continuation") if previous is not None else None
    best_pos = previous.cue_start if previous is not None else -1
    earlier = an.para_quote.get(first.para)
    if earlier is not None and best_pos < earlier[0] < first.inner_start:
        best = dataclasses.replace(earlier[1], how="continuation")
    if best is not None:
        return best
    # the paragraph before, for a quotation that stands as its own sentence
    if first.para > 0 and _blank(art.text, art.sents[si].start, first.outer_start):
        found = _paragraph_speaker(an, first.para - 1)
        if found is not None:
            return dataclasses.replace(found, how="previous_paragraph")
    sb = art.sentence_of(max(last.inner_end - 1, 0))
    return _Found(None, "", "none", (art.sents[si].start, art.sents[sb].end))


def _own_sentence_speaker(an: _Analysis, q: _Quote, prev_end: int) -> _Found | None:
    """The attribution in the quotation's own sentences: after it, before it, or after a colon."""
    art = an.art
    first, last = q.pieces[0], q.pieces[-1]
    if q.tail_from is not None:
        si = art.sentence_of(max(q.tail_from - 1, 0))
        tail_end = art.sents[si].end
        main = an.main[si]
        in_tail = [main] if main is not None and main.cue_start >= q.tail_from else _hits(an, si)
        for h in in_tail:
            if q.tail_from <= h.cue_start < tail_end and h.np_start >= q.tail_from:
                return _from_hit(art, h)
        # “...” Peskov told Russia-1. (the attribution as the next, short sentence of the paragraph)
        nxt = si + 1
        attribution = an.main[nxt] if nxt < len(art.sents) else None
        if (
            attribution is not None
            and tail_end <= q.tail_from + 2
            and art.sent_para[nxt] == last.para
            and _attribution_only(an, nxt)
        ):
            return _from_hit(art, attribution)
        dashed = _dash_source(art, q.tail_from, art.paras[last.para].end)
        if dashed is not None:
            return dashed
    si = art.sentence_of(first.outer_start)
    sent = art.sents[si]
    seg_start = max(sent.start, prev_end)
    before = [h for h in _hits(an, si) if seg_start <= h.cue_start and h.cue_end <= first.outer_start]
    if before:
        return _from_hit(art, before[-1])  # the nearest verb governs: "..., as the head warned that “...”"
    if _tail(art.masked, seg_start, first.outer_start).endswith(":"):
        # "Col. Tomas Brenko, the command's spokesman, put it bluntly: “...”"
        found = _leading_subject(art, seg_start, first.outer_start, person_only=False)
        res = _resolve(art, found[0], found[1], found[2]) if found else None
        if res is not None:
            return _Found(res[0], "", res[1], _span(art, si))
    return None


_DASH = re.compile(r"[ \t]*[\u2013\u2014-][ \t]+")


def _dash_source(art: _Article, pos: int, hi: int) -> _Found | None:
    """ "“...” \u2013 KPG spokesman Vadim Orlik, 25 September": a source set after a dash (claims, epigraphs)."""
    dash = _DASH.match(art.masked, pos, hi)
    found = _np_after(art, dash.end(), hi) if dash else None
    res = _resolve(art, found[0], found[1]) if found else None
    if res is None:
        return None
    si = art.sentence_of(found[0])
    return _Found(res[0], "", res[1], (art.sents[art.sentence_of(pos - 1)].start, art.sents[si].end))


def _attribution_only(an: _Analysis, si: int) -> bool:
    """A short sentence that only names a speaker: "Peskov told Russia-1 state television." """
    sent = an.art.sents[si]
    h = an.main[si]
    return (
        h is not None
        and h.np_start <= sent.start + 2
        and len(sent.text.split()) <= 10
        and _THAT.match(an.art.masked, h.cue_end, sent.end) is None
    )


def _paragraph_speaker(an: _Analysis, para: int) -> _Found | None:
    """The latest speaker of a paragraph: its last speech verb or its last attributed quotation."""
    art = an.art
    si = art.sentence_of(max(art.paras[para].end - 1, 0))
    sj = an.last_main[si] if si < len(an.last_main) and art.sent_para[si] == para else -1
    hit = an.main[sj] if sj >= 0 else None
    quote = an.para_quote.get(para)
    if quote is not None and (hit is None or quote[0] > hit.cue_start):
        return quote[1]
    if hit is not None:
        return _from_hit(art, hit)
    return _introducer(art, si, para)


def _introducer(art: _Article, si: int, para: int) -> _Found | None:
    """Who a paragraph without a speech verb introduces: the subject of a last sentence ending in a colon
    ("She is asking the Pact for air defence, not troops:"), else the person it is about ("Kroll, who ...,
    sees a familiar pattern.")."""
    sent = art.sents[si]
    if _tail(art.masked, sent.start, sent.end).endswith(":"):
        found = _leading_subject(art, sent.start, sent.end, person_only=False)
        res = _resolve(art, found[0], found[1], found[2]) if found else None
        if res is not None:
            return _Found(res[0], "", res[1], _span(art, si))
    people = [r for r in art.recent if r[1] == para and r[2].kind == "person"]
    return _Found(people[-1][2], "", "explicit", _span(art, si)) if people else None


def _indirect_statements(an: _Analysis) -> None:
    art = an.art
    taken = sorted((s.start, s.end) for s in an.statements)
    starts = [t[0] for t in taken]
    for si, h in enumerate(an.main):
        h = an.reporting.get(si, h)
        if h is None:
            continue
        span = _clause(art, h)
        if span is None:
            continue
        s, e = span
        i = bisect_right(starts, e - 1) - 1
        if i >= 0 and taken[i][1] > s:
            continue  # it overlaps a quotation
        sp = h.speaker
        an.statements.append(
            _new_statement(
                speaker=sp.name,
                speaker_kind=sp.kind,
                side=sp.side,
                quote=art.text[s:e],
                kind="indirect",
                cue=h.cue,
                start=s,
                end=e,
                attribution=h.how,
                context_start=art.sents[si].start,
                context_end=art.sents[si].end,
            )
        )


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


#: The latest article's analysis: the pipeline asks for statements and for sentence speakers of the
#: same text in turn, and the second call reuses the first one's work (a race only recomputes).
_LAST: list[tuple[str, ActorTable, _Analysis] | None] = [None]


def _analysis_of(text: str, actors: ActorTable) -> _Analysis:
    last = _LAST[0]
    if last is not None and last[1] is actors and (last[0] is text or last[0] == text):
        return last[2]
    an = _analyse(text, actors)
    _LAST[0] = (text, actors, an)
    return an


def extract_statements(text: str, actors: ActorTable) -> list[Statement]:
    """Quotations (direct, partial) and reported speech (indirect) with their speakers, by offset."""
    if not text:
        return []
    return list(_analysis_of(text, actors).statements)


def sentence_attributions(text: str, actors: ActorTable) -> list[Attribution]:
    """Who speaks in each sentence of ``text`` (``speaker=None``: the article's own voice)."""
    if not text:
        return []
    an = _analysis_of(text, actors)
    art = an.art
    spans = sorted(an.quote_spans, key=lambda t: t[0])
    starts = [t[0] for t in spans]
    out: list[Attribution] = []
    for si, sent in enumerate(art.sents):
        h = an.main[si]
        if h is not None:
            sp = h.speaker
            out.append(_new_attribution(sent.start, sent.end, sp.bare, sp.kind, sp.side, h.cue, h.how))
            continue
        masked = art.masked[sent.start : sent.end].count(_MASK)
        found = None
        if masked * 2 >= sent.end - sent.start:
            i = bisect_right(starts, sent.start + (sent.end - sent.start) // 2) - 1
            if i >= 0:
                found = spans[i][2]
        if found is not None:
            quoted = found.speaker
            out.append(
                _new_attribution(
                    sent.start,
                    sent.end,
                    quoted.bare if quoted else None,
                    quoted.kind if quoted else None,
                    quoted.side if quoted else None,
                    found.cue or None,
                    "quote",
                )
            )
        else:
            out.append(_new_attribution(sent.start, sent.end, None, None, None, None, "none"))
    return out
