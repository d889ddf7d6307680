"""Find numbers in news text and say whether each one can be a figure.

Every number-like phrase is emitted once, with its value, its hedge ("about", "more than",
"between ... and ...") and a ``kind``: ``count`` or ``weak`` for quantities a caller may turn into a
figure, otherwise the reason it is not one (a year, a date, a distance, a name such as "S-400" ...).
Emitting the excluded numbers too, instead of silently dropping them, lets callers and tests see why a
number was skipped, and stops a caller from re-reading "260 km" as "260 soldiers".

Design, for speed and safety: one precompiled master pattern scans the whole text once; everything
after that is small anchored look-ups around the (few) matches. No pattern has nested unbounded
quantifiers, so matching is linear in the length of the text.

Values follow the gold guidelines: a range takes its low end; vague words take the conservative
values ACLED codes ("dozens" = 12, "hundreds" = 100, "tens of thousands" = 10000 ...); "several",
"a few" and "a handful" are 3 with kind ``weak`` (only a count before a counted noun).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from frontline.vocab import QUALIFIERS

__all__ = ["KINDS", "NumberMention", "find_numbers", "parse_number_words"]

#: Every value of ``NumberMention.kind``: the two countable kinds first, then the exclusion reasons.
KINDS: tuple[str, ...] = (
    "count", "weak", "year", "date", "time", "duration", "distance", "percent", "money", "age",
    "calibre", "name", "ordinal", "measure",
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number phrase: where it is, what it is worth, how it is hedged and whether it counts."""

    start: int
    end: int
    num_start: int
    num_end: int
    value: int
    low: int | None
    high: int | None
    qualifier: str
    kind: str
    text: str


# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_TEENS = {
    w: i + 10
    for i, w in enumerate(
        "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: (i + 2) * 10 for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
#: Multipliers written after digits ("1.5 million", "2.3 thousand", "2 dozen", "€40m", "5bn").
_DIGIT_SCALES = {
    **_SCALES, "hundred": 100, "dozen": 12, "mln": 10**6, "mn": 10**6, "m": 10**6, "bn": 10**9,
    "tn": 10**12, "k": 10**3,
}
_MULTIPLIERS = {**_SCALES, "hundred": 100, "dozen": 12}
_NUMBER_WORDS = (*_UNITS, *_TEENS, *_TENS, *_MULTIPLIERS)

#: Vague quantity words and their conservative ACLED values (matched on lower-cased text).
_VAGUE_VALUES = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 10**6,
    "billions": 10**9,
}
_WEAK_VALUES = {"several": 3, "few": 3, "handful": 3, "couple": 2}

_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_MONTH_SET = frozenset(_MONTHS)
_WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())

#: Words before a 4-digit number that make it a year even before a plural noun ("in 2014 soldiers").
_YEAR_PREPOSITIONS = frozenset(
    "in since by until till before after during of from through throughout between and early late "
    "mid spring summer autumn winter fall year circa around c.".split()
)
#: Prefixes glued by a hyphen that make a 4-digit number a year rather than a name ("mid-2014").
_YEAR_HYPHEN_PREFIXES = frozenset("mid pre post early late end start".split())
#: Words that make a lone "one" a pronoun ("the one", "no one", "each one").
_ONE_DETERMINERS = frozenset(
    "the this that each every any no which whichever another only same last next other a an such "
    "new old big small little right wrong".split()
)
_IRREGULAR_PLURALS = frozenset(
    "people men women children personnel police staff troops militia infantry servicemen "
    "servicewomen civilians youths".split()
)
#: Lower-case words ending in "s" that follow a year without being plural nouns ("2014 saw ...").
_NOT_PLURALS = frozenset(
    "was has is as its this thus does goes plus marks saw sees brings means remains seems becomes "
    "begins ends makes shows gives looks comes less across versus says yes his hers ours yours "
    "theirs always perhaps whereas besides towards afterwards sometimes".split()
)
#: Verbs of change: "rose from 5,000 to 6,000" is two numbers, not a range.
_CHANGE_VERBS = frozenset(
    "rose risen rising rise rises increased increase increases increasing grew grown growing grow "
    "fell fallen falling drop dropped dropping declined decline declining jumped climbed doubled "
    "tripled reduced cut raised soared surged swelled plunged shrank went gone revised lowered "
    "upped".split()
)

# --------------------------------------------------------------------------------------------------
# Patterns (all matched on ASCII-lower-cased text unless said otherwise)
# --------------------------------------------------------------------------------------------------

_S = r"[ \t\u00a0]+"  # horizontal space inside one phrase; a line break ends a phrase


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """Alternation of literal phrases, longest first, with single spaces made flexible."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", _S) for w in ordered) + ")"


_HEDGES: dict[str, str] = {
    **dict.fromkeys((
        "about", "just about", "around", "some", "roughly", "nearly", "almost", "approximately",
        "an estimated", "the estimated", "estimated", "close to", "circa", "approx.", "approx",
        "more or less", "in the region of", "on the order of",
    ), "approx"),
    **dict.fromkeys((
        "more than", "over", "just over", "well over", "slightly over", "just more than", "well more than",
        "slightly more than", "a little more than", "far more than", "much more than", "at least",
        "upwards of", "upward of", "in excess of", "no fewer than", "no less than", "not fewer than",
        "not less than", "a minimum of",
    ), "at_least"),
    **dict.fromkeys((
        "up to", "less than", "fewer than", "under", "just under", "slightly under", "just less than",
        "slightly less than", "a little less than", "just fewer than", "no more than", "not more than",
        "at most", "as many as", "as much as", "a maximum of",
    ), "at_most"),
    "between": "between",
    "from": "from",
}


def _first_char_trie(alternatives: list[str]) -> str:
    """Group alternatives by their first (literal) character.

    Python's engine skips an alternative in one comparison when it starts with a literal, so a
    position is tested against a dozen letters instead of every alternative; order inside a group
    is kept (it matters where one alternative is a prefix of another).
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        assert alternative[0].isalpha() and len(alternative) > 1, alternative
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "(?:" + "|".join(c + "(?:" + "|".join(rest) + ")" for c, rest in groups.items()) + ")"


def _literals(words: list[str] | tuple[str, ...], tail: str = "") -> list[str]:
    """Literal phrases as regex alternatives, longest first, spaces made flexible."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return [re.escape(w).replace(r"\ ", _S) + tail for w in ordered]


#: Hedge just before a number, matched against the text that ends where the number starts.
_HEDGE_TAIL = re.compile(_first_char_trie(_literals(tuple(_HEDGES))) + r"[ \t\u00a0]+\Z")

_W = _first_char_trie(_literals(_NUMBER_WORDS, r"\b"))
_MULT_AHEAD = _first_char_trie(_literals(tuple(_MULTIPLIERS), r"\b"))
#: Where a run of number words can begin: a number word, "a"/"an"/"half a" before a multiplier.
_WORD_START = _first_char_trie([
    *_literals(_NUMBER_WORDS, r"\b"),
    rf"half{_S}an?{_S}(?={_MULT_AHEAD}){_W}",
    rf"an?{_S}(?={_MULT_AHEAD}){_W}",
])
#: A run of number words; the parser splits it into numbers ("one one" is two). Bounded on purpose.
_WORD_RUN = rf"{_WORD_START}(?:(?:{_S}|-)(?:and{_S}(?:a{_S}half{_S})?)?{_W}){{0,24}}"
_WEAK_MULT = (
    rf"(?:several|a{_S}few|a{_S}couple(?:{_S}of)?){_S}(?:hundred|thousand|million|dozen)"
    rf"(?:{_S}(?:thousand|million))?\b"
)
#: Vague and weak quantity words, most specific first.
_OTHER = [
    rf"several{_S}(?:hundred|thousand|million|dozen)(?:{_S}(?:thousand|million))?\b",
    rf"a{_S}(?:few|couple(?:{_S}of)?){_S}(?:hundred|thousand|million|dozen)(?:{_S}(?:thousand|million))?\b",
    rf"tens{_S}of{_S}(?:thousands|millions|billions)\b",
    rf"hundreds{_S}of{_S}(?:thousands|millions|billions)\b",
    rf"dozens{_S}of{_S}(?:thousands|millions|billions)\b",
    rf"tens(?={_S}of\b)",
    rf"scores(?={_S}of\b)",
    r"dozens\b", r"hundreds\b", r"thousands\b", r"millions\b", r"billions\b",
    r"several\b",
    rf"a{_S}(?:few|handful)\b",
    rf"a{_S}couple(?={_S}of\b)",
]
_WORD_CORE = rf"(?:(?P<run>{_WORD_RUN})|{_first_char_trie(_OTHER)})"
#: What may stand right before a number word; the scan starts on it so the engine can skip the rest.
_WORD_SCAN = re.compile(r"[\s(\[{“\"‘'«/…—–-]" + _WORD_CORE)
_WORD_AT = re.compile(_WORD_CORE)
_OTHER_KIND = re.compile(
    rf"(?P<wmul>{_WEAK_MULT})|(?P<vague>(?:tens|hundreds|dozens){_S}of{_S}(?:thousands|millions|billions)"
    rf"|tens|scores|dozens|hundreds|thousands|millions|billions)|(?P<weak>several|a{_S}\w+)"
)
_DIGIT_SCALE_WORDS = r"(?:trillion|billion|million|thousand|hundred|dozen|mln|mn|bn|tn)"
#: Digit cores. The first digit is consumed before anything else so the engine can jump to digits.
_DIGIT_SCAN = re.compile(
    r"[0-9](?<![0-9][0-9])(?<![0-9][.,][0-9])"
    r"(?:(?P<iso>[0-9]{3}-[0-9]{2}-[0-9]{2}|[0-9]?[./][0-9]{1,2}[./][0-9]{2,4})"
    r"|(?P<clock>[0-9]?:[0-9]{2}(?::[0-9]{2})?)"
    r"|(?P<ys>(?:(?<=1)9|(?<=2)0)[0-9]{2})[-–/](?P<ys2>(?:19|20)[0-9]{2}|[0-9]{2})"
    r"|(?P<dig>[0-9]{0,2}(?:,[0-9]{3})+|[0-9]{0,2}(?:[ \u00a0\u2009\u202f][0-9]{3})+|[0-9]*)"
    r"(?P<frac>\.[0-9]+)?)(?![0-9])"
    rf"(?:(?:[ \u00a0]|-)?(?P<scale>{_DIGIT_SCALE_WORDS})\b|(?P<gscale>bn|mn|m|k)\b)?"
)
_CURRENCY_TAIL = re.compile(r"(?:us\$|[$€£₴₽¥]|\b(?:usd|eur|gbp|uah|rub))[ \u00a0]?\Z")
_TOKEN = re.compile(r"[a-z]+")

_SEP_UNIT = r"[ \t\u00a0-]{0,3}"
_UNIT_BODY = (
    r"(?:and[ \t\u00a0]+a[ \t\u00a0]+half[ \t\u00a0]+)?(?:"
    r"(?P<age>years?[ -]olds?\b|yr[ -]olds?\b|(?:month|week|day)s?[ -]olds?\b"
    r"|years?[ \t\u00a0]+of[ \t\u00a0]+age\b)"
    r"|(?P<percent>%|‰|percent\b|per[ \t\u00a0]?cent\b|pct\b|percentage[ \t\u00a0]+points?\b)"
    r"|(?P<money>(?:(?:us|u\.s\.|american|canadian|australian)[ \t\u00a0]+)?"
    r"(?:dollars?|euros?|pounds?|sterling|rubles?|roubles?|hryvnias?|hryvnas?|hryvnya|yuan|yen|francs?"
    r"|zlotys?|lira|lari|cents?|pence|bucks)\b|(?:usd|eur|gbp|uah|rub|chf|cny)\b)"
    r"|(?P<calibre>mm\b|millimet(?:re|er)s?\b|calib(?:re|er)s?\b)"
    r"|(?P<measure>(?:square|sq\.?)[ \t\u00a0]*(?:km|kilomet(?:re|er)s?|miles?|metres?|meters?|m)\b"
    r"|km2\b|km²|m2\b|m²|km/h|kph\b|mph\b|knots?\b|cubic\b|tonnes?\b|tons?\b|kg\b|kilos?\b"
    r"|kilogram(?:me)?s?\b|grams?\b|lbs?\b|litres?\b|liters?\b|gallons?\b|barrels?\b|bpd\b|degrees?\b|°"
    r"|(?:mega|giga|kilo)watts?\b|[mgk]wh?\b|hectares?\b|ha\b|acres?\b|bcm\b|inch(?:es)?\b|cm\b"
    r"|centimet(?:re|er)s?\b|storeys?\b|(?:kilo|mega)tons?\b)"
    r"|(?P<distance>(?:km|kms|kilomet(?:re|er)s?|klicks?|miles?|metres?|meters?|m|yards?|yds?|feet"
    r"|foot|ft|nautical[ \t\u00a0]+miles?|nm)\b)"
    r"|(?P<duration>(?:(?:more|long|full|straight|consecutive|additional|extra|further|short|whole"
    r"|entire|successive)[ \t\u00a0]+)?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|nights?"
    r"|weeks?|fortnights?|months?|years?|yrs?|decades?|century|centuries|millenni(?:um|a))\b)"
    r"|(?P<time>[ap]\.m\.?|(?:am|pm|o'clock|o’clock|gmt|utc|cet|cest|eet|eest|msk|bst)\b)"
    r"|(?P<ordinal>(?<=-)(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)s?\b)"
    r")"
)
_UNIT = re.compile(_SEP_UNIT + _UNIT_BODY)
_UNIT_OF = re.compile(_SEP_UNIT + r"(?:of[ \t\u00a0]+)?" + _UNIT_BODY)
_UNIT_KINDS = ("age", "percent", "money", "calibre", "measure", "distance", "duration", "time", "ordinal")

_POST_HEDGE = re.compile(
    r"(?P<plus>\+(?![0-9])|-plus\b|[ \t\u00a0]+plus\b(?![ \t\u00a0]*[0-9]))"
    r"|[ \t\u00a0]+or[ \t\u00a0]+(?:(?P<more>more|greater|above|higher|over)|(?P<less>fewer|less|under)"
    r"|(?P<so>so))\b"
)
_RANGE_GAP = re.compile(r"[ \t\u00a0]*[-–][ \t\u00a0]*|[ \t\u00a0]+(?P<w>to|or|and)[ \t\u00a0]+")
#: Original-case check for "10 February", "3rd of March", "21 Feb."
_DATE_AFTER = re.compile(
    r"(?:st|nd|rd|th)?(?:[ \t\u00a0]+of)?[ \t\u00a0]+" + _alt(_MONTHS).replace(_S, " ") + r"\b"
)
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")
_GLUED_LETTERS = re.compile(r"[^\W\d_]+")
_RATIO = re.compile(r"[ \t\u00a0]+in[ \t\u00a0]+(?:[0-9]+|" + _W + ")")
_ONE_PRONOUN_AFTER = re.compile(
    r"[ \t\u00a0]+(?:another|by[ \t\u00a0]+one|after[ \t\u00a0]+another|or[ \t\u00a0]+another)\b"
    r"|-on-one\b|-[^\W\d_]"
)
_SENTENCE_END = frozenset(".!?:;…\"“”«»")
_OPENERS = frozenset("\"“‘'([«—–-")
_MAX_DIGITS = 30

assert {"exact", "approx", "at_least", "at_most", "range", "vague"} <= set(QUALIFIERS)


# --------------------------------------------------------------------------------------------------
# Atoms: one number core, before ranges are joined
# --------------------------------------------------------------------------------------------------


class _Atom:
    """A number core found by the master pattern (internal, mutable while ranges are joined)."""

    __slots__ = ("start", "ns", "ne", "value", "mant", "scale", "hedge", "ctype", "plain", "cur",
                 "gscale", "high", "lone_one")

    def __init__(self, start: int, ns: int, ne: int, value: int | Fraction, ctype: str,
                 hedge: str | None = None) -> None:
        self.start = start
        self.ns = ns
        self.ne = ne
        self.value = value
        self.mant: int | Fraction = value
        self.scale: int | None = None
        self.hedge = hedge
        self.ctype = ctype
        self.plain = False  # a bare digit run: no separator, decimals, scale or currency
        self.cur = False
        self.gscale: str | None = None
        self.high: int | None = None
        self.lone_one = False


def _lower(text: str) -> str:
    """Lower-cased copy with the same offsets (str.lower can lengthen a few characters, e.g. 'İ')."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _digit_value(digits: str, frac: str | None) -> int | Fraction | None:
    """Value of a digit core such as '150,000', '150 000' or '1.5'; None when absurdly long."""
    clean = digits.replace(",", "").replace(" ", "").replace("\u00a0", "")
    clean = clean.replace("\u2009", "").replace("\u202f", "")
    if len(clean) > _MAX_DIGITS:
        return None
    if frac:
        if len(frac) > _MAX_DIGITS:
            return None
        return Fraction(clean + frac)
    return int(clean)


def _parse_words_from(toks: list[str], i: int) -> tuple[int, int | Fraction, int | Fraction, int | None] | None:
    """Longest number spelled by toks[i:]: (end index, value, mantissa, scale) or None.

    A small state machine of English number grammar: "forty two", "one hundred and twenty",
    "two million three hundred thousand", "a dozen", "half a million", "one and a half million".
    """
    n = len(toks)
    k = i
    t = toks[k]
    if t == "half":
        if k + 2 < n and toks[k + 1] in ("a", "an") and toks[k + 2] in _MULTIPLIERS:
            mult = _MULTIPLIERS[toks[k + 2]]
            return k + 3, Fraction(mult, 2), Fraction(1, 2), mult
        return None
    total = 0
    group = 0
    last: str | None = None
    last_scale = 0
    if t in ("a", "an"):
        if k + 1 < n and toks[k + 1] in _MULTIPLIERS:
            group, last, k = 1, "unit", k + 1
        else:
            return None
    best: tuple[int, int | Fraction, int | Fraction, int | None] | None = None
    while k < n:
        t = toks[k]
        prev_group, prev_total = group, total
        if t in _UNITS:
            if last not in (None, "tens", "hundred", "scale", "and"):
                break
            group += _UNITS[t]
            last = "unit"
        elif t in _TEENS or t in _TENS:
            if last not in (None, "hundred", "scale", "and"):
                break
            group += _TEENS.get(t) or _TENS[t]
            last = "teen" if t in _TEENS else "tens"
        elif t == "hundred":
            if last not in ("unit", "teen") or not 0 < group < 100:
                break
            group *= 100
            last = "hundred"
        elif t in _SCALES:
            s = _SCALES[t]
            if last not in ("unit", "teen", "tens", "hundred") or group == 0 or (last_scale and s >= last_scale):
                break
            total += group * s
            group, last, last_scale = 0, "scale", s
        elif t == "dozen":
            if last not in ("unit", "teen", "tens") or total:
                break
            return k + 1, group * 12, group, 12
        elif t == "and":
            if last in ("hundred", "scale") and k + 1 < n and (toks[k + 1] in _UNITS or toks[k + 1] in _TEENS
                                                               or toks[k + 1] in _TENS):
                last = "and"
                k += 1
                continue
            if (last in ("unit", "teen", "tens") and total == 0 and k + 3 < n and toks[k + 1] == "a"
                    and toks[k + 2] == "half" and toks[k + 3] in _MULTIPLIERS):
                mult = _MULTIPLIERS[toks[k + 3]]
                half_up = group + Fraction(1, 2)
                return k + 4, half_up * mult, half_up, mult
            break
        else:
            break
        value = total + group
        if (t in _SCALES or t == "hundred") and prev_total == 0:
            best = (k + 1, value, prev_group, _MULTIPLIERS[t])  # "three million": mantissa 3
        else:
            best = (k + 1, value, value, None)
        k += 1
    return best


def _word_atoms(low: str, ws: int, we: int) -> Iterator[_Atom]:
    """Split one run of number words into numbers ("two three" is two numbers, "forty two" one)."""
    toks: list[str] = []
    spans: list[tuple[int, int]] = []
    for t in _TOKEN.finditer(low, ws, we):
        toks.append(t.group())
        spans.append(t.span())
    i = 0
    while i < len(toks):
        parsed = _parse_words_from(toks, i)
        if parsed is None:
            i += 1
            continue
        j, value, mant, scale = parsed
        ns, ne = spans[i][0], spans[j - 1][1]
        atom = _Atom(ns, ns, ne, value, "word")
        atom.mant, atom.scale = mant, scale
        atom.lone_one = j == i + 1 and toks[i] == "one"
        yield atom
        i = j


def _other_atom(low: str, ws: int, we: int) -> _Atom:
    """Atom for a vague ("dozens", "tens of thousands") or weak ("several", "a few") quantity."""
    m = _OTHER_KIND.match(low, ws, we)
    words = low[ws:we].split()
    if m is not None and m.group("wmul") is not None:
        value = _WEAK_VALUES["couple" if words[1] == "couple" else "several"]
        for w in words:
            value *= _MULTIPLIERS.get(w, 1)
        return _Atom(ws, ws, we, value, "wmul")
    if m is not None and m.group("vague") is not None:
        value = _VAGUE_VALUES[words[0]]
        if len(words) > 1:
            value *= _VAGUE_VALUES[words[-1]]
        return _Atom(ws, ws, we, value, "vague")
    return _Atom(ws, ws, we, _WEAK_VALUES[words[-1]], "weak")


def _words_pass(low: str) -> list[_Atom]:
    """Atoms spelled in words, in order."""
    atoms: list[_Atom] = []
    pos = 0
    first = _WORD_AT.match(low) if low[:1].isalpha() else None
    matches = [first] if first is not None else []
    if first is not None:
        pos = first.end()
    for m in (*matches, *_WORD_SCAN.finditer(low, pos)):
        ws = m.start() if m is first else m.start() + 1
        if m.group("run") is not None:
            atoms.extend(_word_atoms(low, ws, m.end()))
        else:
            atoms.append(_other_atom(low, ws, m.end()))
    return atoms


def _digit_atom(low: str, m: re.Match[str]) -> _Atom | None:
    """Atom for a digit core: plain number, date, clock time or span of years."""
    ns = m.start()
    if m.group("iso") is not None:
        return _Atom(ns, ns, m.end("iso"), 0, "iso")
    if m.group("clock") is not None:
        return _Atom(ns, ns, m.end("clock"), int(low[ns:m.start("clock") + 1].rstrip(":")), "clock")
    if m.group("ys") is not None:
        low_year = int(low[ns:m.end("ys")])
        high_text = m.group("ys2")
        high_year = int(high_text) if len(high_text) == 4 else low_year // 100 * 100 + int(high_text)
        atom = _Atom(ns, ns, m.end("ys2"), low_year, "yspan")
        atom.high = high_year
        return atom
    digits = low[ns:m.end("dig")]
    value = _digit_value(digits, m.group("frac"))
    if value is None:
        return None
    scale_word = m.group("scale") or m.group("gscale")
    atom = _Atom(ns, ns, m.end(), value, "dig")
    if scale_word is not None:
        atom.scale = _DIGIT_SCALES[scale_word]
        atom.value = value * atom.scale
        atom.gscale = m.group("gscale")
    else:
        atom.ne = m.end("frac") if m.group("frac") else m.end("dig")
        atom.plain = m.group("frac") is None and digits.isdigit()
    cur = _CURRENCY_TAIL.search(low, max(0, ns - 5), ns)
    if cur is not None:
        atom.cur = True
        atom.start = cur.start()
    return atom


def _attach_hedge(low: str, atom: _Atom, floor: int) -> None:
    """Extend the atom leftwards over a hedge ("about", "more than", "between") that ends at it."""
    lo = max(floor, atom.start - 40)
    while True:
        m = _HEDGE_TAIL.search(low, lo, atom.start)
        if m is None:
            return
        hs = m.start()
        if hs == 0 or not low[hs - 1].isalnum():
            atom.hedge = _HEDGES[" ".join(m.group().split())]
            atom.start = hs
            return
        lo = hs + 1  # "handsome 40": not the hedge "some"


def _scan(text: str, low: str) -> list[_Atom]:
    """All number cores of the text, in order: one digit pass, one word pass, merged."""
    digit_atoms = [a for m in _DIGIT_SCAN.finditer(low) if (a := _digit_atom(low, m)) is not None]
    word_atoms = _words_pass(low)
    if not word_atoms:
        atoms = digit_atoms
    elif not digit_atoms:
        atoms = word_atoms
    else:
        atoms = []
        di = 0
        last_end = -1
        for w in word_atoms:
            while di < len(digit_atoms) and digit_atoms[di].start < w.ns:
                atoms.append(digit_atoms[di])
                last_end = digit_atoms[di].ne
                di += 1
            if w.ns >= last_end:  # not the scale word of "1.5 million"
                atoms.append(w)
                last_end = w.ne
        atoms.extend(digit_atoms[di:])
    floor = 0
    for a in atoms:
        _attach_hedge(low, a, floor)
        floor = a.ne
    return atoms


# --------------------------------------------------------------------------------------------------
# Ranges
# --------------------------------------------------------------------------------------------------


def _prev_words(text: str, pos: int, count: int) -> list[str]:
    """The last `count` whitespace-separated tokens before pos, nearest last (cheap, bounded)."""
    return text[max(0, pos - 60):pos].rsplit(None, count)[-count:]


def _try_range(text: str, low: str, a: _Atom, b: _Atom) -> bool:
    """Join a and b into a range when the words between them say so; adjusts a.value for scale."""
    if a.ctype not in ("dig", "word") or b.ctype not in ("dig", "word") or b.hedge is not None:
        return False
    if a.cur != b.cur and not a.cur:
        return False
    if b.start - a.ne > 12:
        return False
    g = _RANGE_GAP.fullmatch(low, a.ne, b.start)
    if g is None:
        return False
    word = g.group("w")
    if word == "and" and a.hedge != "between":
        return False
    if a.hedge == "from":
        if word not in (None, "to"):
            return False
        before = _prev_words(low, a.start, 4)
        if any(w.strip(",.") in _CHANGE_VERBS for w in before):
            return False
    if a.hedge == "between" and word == "or":
        return False
    if word is None and (a.ctype == "word") != (b.ctype == "word"):
        return False
    low_value = a.value
    if a.scale is None and b.scale is not None and a.mant < b.mant:
        low_value = a.mant * b.scale
    if not low_value < b.value:
        return False
    a.value = low_value
    return True


# --------------------------------------------------------------------------------------------------
# Classification
# --------------------------------------------------------------------------------------------------


def _context_before(text: str, pos: int) -> tuple[str | None, str | None, bool]:
    """(previous token, token before it, previous token starts a sentence) for the text at pos.

    The previous token is None when the number is glued to it, or when a line break separates them.
    """
    window = text[max(0, pos - 64):pos]
    stripped = window.rstrip()
    gap = window[len(stripped):]
    if not gap or "\n" in gap or not stripped:
        return None, None, True
    parts = stripped.rsplit(None, 1)
    p1 = parts[-1]
    if len(parts) == 1:
        at_start = pos - len(window) == 0
        return p1, None, at_start or p1[0] in _OPENERS
    rest = parts[0]
    rest_stripped = rest.rstrip()
    p2 = rest_stripped.rsplit(None, 1)[-1] if rest_stripped else ""
    sentence_start = (
        not p2
        or "\n" in rest[len(rest_stripped):] + stripped[len(rest):len(stripped) - len(p1)]
        or p2[-1] in _SENTENCE_END
        or p1[0] in _OPENERS
    )
    return p1, p2, sentence_start


def _is_plural_noun(word: str) -> bool:
    """Rough test for a plural lower-case noun ("soldiers", "people"), used for years and "3m"."""
    if not word.islower():
        return False
    if word in _IRREGULAR_PLURALS:
        return True
    return (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
            and word not in _NOT_PLURALS)


def _next_word(text: str, pos: int) -> str | None:
    """The word right after pos (original case), or None."""
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else None


def _year_like(a: _Atom) -> bool:
    """A bare 4-digit number that could be a year."""
    return a.plain and a.ne - a.ns == 4 and 1900 <= a.value <= 2100


def _letters_before(text: str, pos: int) -> str:
    """The run of letters ending at pos (at most 12), lower-cased: "mid" in "mid-2014"."""
    j = pos
    while j > 0 and pos - j < 12 and text[j - 1].isalpha():
        j -= 1
    return text[j:pos].lower()


def _glued_left_kind(text: str, a: _Atom) -> str | None:
    """Kind forced by what is glued to the left of the number ("MH17", "S-400", "mid-2014", "-5")."""
    ns = a.ns
    if ns == 0 or a.cur:
        return None
    c = text[ns - 1]
    c2 = text[ns - 2] if ns > 1 else " "
    if c.isalpha() or c == "#":
        return "name"
    if c in "-\u2212":
        if c2.isalpha():
            if _year_like(a) and _letters_before(text, ns - 1) in _YEAR_HYPHEN_PREFIXES:
                return "year"
            return "name"  # "S-400", "Su-35", "Russia-1", "no-one"
        if a.ctype == "dig" and (c2.isspace() or c2 in "(["):
            return "measure"  # a negative number: temperatures, coordinates
        return None
    if a.ctype == "dig":
        if c in "^/" and c2.isdigit():
            return "measure"  # "10^400", "1/3"
        if c in "'’" and a.ne < len(text) and text[a.ne] == "s":
            return "year"  # the '90s
    return None


def _glued_right_kind(text: str, low: str, a: _Atom, before_kind: str | None) -> str | None:
    """Kind forced by what is glued to the right ("21st", "1990s", "5G"); units are handled earlier."""
    ne = a.ne
    if a.ctype != "dig" or ne >= len(text):
        return None
    c = text[ne]
    if c in "^/" and ne + 1 < len(text) and text[ne + 1].isdigit():
        return "measure"
    if a.scale is not None or not c.isalpha():
        return None
    suffix = _GLUED_LETTERS.match(low, ne).group()
    if suffix in ("st", "nd", "rd", "th"):
        return "date" if before_kind == "date" or _DATE_AFTER.match(text, ne) else "ordinal"
    if suffix == "s" and a.plain and a.value % 10 == 0 and (1900 <= a.value <= 2090 or a.ne - a.ns == 2):
        return "year"  # the 1990s, the 90s
    return "name"  # "5G", "9K720"


def _capitalised_name(text: str, a: _Atom, end: int, p1: str | None, sentence_start: bool) -> bool:
    """"Shahed 136", "Channel One": a bare number right after a capitalised word inside a sentence.

    Not when the next word is capitalised too (a Title Case headline: "Russia Says 57 Strikes Hit").
    """
    if p1 is None or sentence_start or not p1[0].isupper() or not p1[-1].isalnum():
        return False
    if a.ctype == "dig":
        if not a.plain:
            return False
    elif not (a.ctype == "word" and text[a.ns].isupper()):
        return False
    if p1.endswith(("'s", "’s")) or p1 in _MONTH_SET or p1 in _WEEKDAYS:
        return False
    nxt = _next_word(text, end)
    return not (nxt and nxt[0].isupper())


def _classify(text: str, low: str, a: _Atom, b: _Atom | None, end: int) -> str | None:
    """Kind of the phrase a (or range a..b) ending at end; None when it is not a number at all."""
    last = b or a
    if a.ctype == "iso":
        return "date"
    if a.ctype == "clock":
        return "time"
    if a.cur or last.cur:
        return "money"
    vague = a.ctype in ("vague", "weak", "wmul")
    glued_left = _glued_left_kind(text, a)
    if glued_left is not None:
        if a.ctype == "word":
            return None  # "no-one"
        return glued_left
    um = (_UNIT_OF if vague else _UNIT).match(low, end)
    if um is not None:
        for kind in _UNIT_KINDS:
            if um.group(kind) is not None:
                return kind
    if a.gscale == "m" and not _is_plural_noun(_next_word(text, end) or ""):
        return "distance"  # "a 500m section"; "3m refugees" stays a count
    p1, p2, sentence_start = _context_before(text, a.start)
    p1_low = p1.lower() if p1 else None
    before_kind = None
    if p1_low is not None:
        if p1_low in ("aged", "ages", "age") or (p1_low == "of" and p2 and p2.lower() in ("age", "ages")):
            return "age"
        if p1_low == "minus":
            return "measure"
        if p1_low in ("no.", "nos.", "nr."):
            return "name"
        if a.ctype == "dig" and a.scale is None and p1.rstrip(".") in _MONTH_SET and 1 <= a.value <= 31 \
                and a.hedge is None:
            before_kind = "date"
    glued_right = _glued_right_kind(text, low, last, before_kind)
    if glued_right is not None:
        return glued_right
    if before_kind is not None:
        return before_kind
    if last.ctype == "dig" and last.plain and 1 <= last.value <= 31 and _DATE_AFTER.match(text, last.ne):
        return "date"
    if a.ctype == "yspan" or (_year_like(a) and (b is None or _year_like(b) or b.ne - b.ns == 2)):
        forced = p1_low in _YEAR_PREPOSITIONS or a.hedge in ("between", "from")
        if forced or not _is_plural_noun(_next_word(text, end) or ""):
            return "year"
    if a.ctype == "yspan":
        return "count"
    if b is None and _capitalised_name(text, a, end, p1, sentence_start):
        return "name"
    if b is None and a.value == 1 and a.ctype in ("dig", "word") and _RATIO.match(low, end):
        return "percent"  # "one in five"
    if a.lone_one and b is None:
        if p1_low in _ONE_DETERMINERS or _ONE_PRONOUN_AFTER.match(low, end):
            return None
    if a.ctype == "weak":
        return "weak"
    if isinstance(a.value, Fraction) and a.value.denominator != 1 and a.scale is None:
        return "measure"  # a bare decimal such as "1.5" is not a count
    return "count"


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def _mention(text: str, low: str, a: _Atom, b: _Atom | None, limit: int) -> NumberMention | None:
    """Build the mention for atom a (or the range a..b), or None when it is not a number."""
    start, ns = a.start, a.ns
    ne = (b or a).ne
    end = ne
    hedge = a.hedge
    if b is None and hedge in ("between", "from"):
        start, hedge = ns, None
    qualifier = "exact"
    if b is not None or a.ctype == "yspan":
        qualifier = "range"
    elif a.ctype in ("vague", "weak", "wmul"):
        qualifier = "vague"
    elif hedge is not None:
        qualifier = hedge
    elif a.ctype in ("dig", "word"):
        pm = _POST_HEDGE.match(low, ne)
        if pm is not None and pm.end() <= limit:
            end = pm.end()
            qualifier = "at_least" if pm.group("plus") or pm.group("more") else (
                "at_most" if pm.group("less") else "approx")
    kind = _classify(text, low, a, b, end)
    if kind is None:
        return None
    value = int(a.value)
    if qualifier == "range":
        high = int(b.value) if b is not None else int(a.high or value)
        if a.ctype == "yspan" and kind == "count" and high <= value:
            qualifier = "exact"
        low_v: int | None = value
        high_v: int | None = high
    elif qualifier in ("at_least", "vague"):
        low_v, high_v = value, None
    elif qualifier == "at_most":
        low_v, high_v = None, value
    else:
        low_v = high_v = value
    return NumberMention(start, end, ns, ne, value, low_v, high_v, qualifier, kind, text[start:end])


def find_numbers(text: str) -> list[NumberMention]:
    """Every number phrase of the text, sorted by start and non-overlapping, each with its kind.

    Deterministic and linear in the length of the text; never raises on any string.
    """
    if not text:
        return []
    low = _lower(text)
    atoms = _scan(text, low)
    out: list[NumberMention] = []
    i, n = 0, len(atoms)
    while i < n:
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < n else None
        if b is not None and _try_range(text, low, a, b):
            limit = atoms[i + 2].start if i + 2 < n else len(text)
            mention = _mention(text, low, a, b, limit)
            i += 2
        else:
            mention = _mention(text, low, a, None, b.start if b is not None else len(text))
            i += 1
        if mention is not None:
            out.append(mention)
    return out


def parse_number_words(words: str) -> int | None:
    """Integer value of a phrase that is exactly one number: "forty-two" -> 42, "1.5 million" -> 1500000.

    Accepts digits with separators, number words, digits with a scale word and the vague words of the
    guidelines ("tens of thousands" -> 10000). Returns None for anything else, including a hedged or
    ranged phrase ("about 100", "5 to 6"), a date or a time, or a value that is not a whole number.
    """
    phrase = words.strip()
    if not phrase:
        return None
    low = _lower(phrase)
    atoms = _scan(phrase, low)
    if len(atoms) != 1:
        return None
    a = atoms[0]
    if a.start != 0 or a.ns != 0 or a.ne != len(phrase) or a.hedge is not None:
        return None
    if a.ctype in ("iso", "clock", "yspan") or a.cur:
        return None
    if isinstance(a.value, Fraction) and a.value.denominator != 1:
        return None
    return int(a.value)
