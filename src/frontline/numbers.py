"""Find numbers in news text and say whether each one can be a figure.

Every number-like phrase is emitted once, with its value, its hedge ("about", "more than",
"between ... and ...") and a ``kind``: ``count`` or ``weak`` for quantities a caller may turn into a
figure, otherwise the reason it is not one (a year, a date, a distance, a name such as "S-400" ...).
Emitting the excluded numbers too, instead of silently dropping them, lets callers and tests see why a
number was skipped, and stops a caller from re-reading "260 km" as "260 soldiers".

Design, for speed and safety: two precompiled patterns scan the text once each (digits, and number
words), on same-length copies of it where every digit is "0" and every separator a space, so that each
pattern starts with one literal character and the regex engine can skip straight to candidates;
alternatives are factored into a trie. Everything after that is small anchored look-ups and dictionary
tests around the (few) matches. No pattern nests unbounded quantifiers, and the few repeats are
bounded, so the work is linear in the length of the text.

Values follow the gold guidelines: a range takes its low end; vague words take the conservative
values ACLED codes ("dozens" = 12, "hundreds" = 100, "tens of thousands" = 10000 ...); "several",
"a few" and "a handful" are 3 with kind ``weak`` (only a count before a counted noun).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from frontline.text import slot_constructor
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


#: NumberMention(...) at a third of the cost (see ``text.slot_constructor``): the object is the same.
_make_mention = slot_constructor(NumberMention)


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
_SINGLE_WORD_VALUES = {**_UNITS, **_TEENS, **_TENS}
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
    "in since by until till before after during of from through throughout between early late "
    "mid spring summer autumn winter fall year circa around c.".split()
)
#: Prefixes glued by a hyphen that make a 4-digit number a year rather than a name ("mid-2014").
_YEAR_HYPHEN_PREFIXES = frozenset("mid pre post early late end start".split())
#: Words that make a lone "one" a pronoun ("the one", "no one", "each one").
_ONE_DETERMINERS = frozenset(
    "the this that each every any no which whichever another same last next other a an such "
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
# Patterns (matched on the lower-cased text or its copies unless said otherwise)
# --------------------------------------------------------------------------------------------------

_S = r"[ \t\u00a0]+"  # horizontal space inside one phrase; a line break ends a phrase


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


def _trie(alternatives: list[str]) -> str:
    """One regex for many alternatives, factored on their leading literal letters.

    Python's engine rejects an alternative in one comparison when it starts with a literal, so a
    trie costs a few comparisons per position where a flat list of 60 words costs 60. Alternatives
    sharing no prefix cannot match at the same place, so regrouping them keeps the meaning; the order
    of alternatives with the same literal prefix is kept.
    """
    entries = []
    for alternative in alternatives:
        n = 0
        while n < len(alternative) and "a" <= alternative[n] <= "z":
            n += 1
        if n < len(alternative) and alternative[n] in "?*+{":
            n -= 1  # the quantifier belongs to the last letter
        entries.append((alternative[:n], alternative[n:]))
    return _trie_node(entries)


def _trie_node(entries: list[tuple[str, str]]) -> str:
    """Regex for (literal, rest) entries: branches on the next letter first, then the rests."""
    branches: dict[str, list[tuple[str, str]]] = {}
    leaves: list[str] = []
    for literal, rest in entries:
        if literal:
            branches.setdefault(literal[0], []).append((literal[1:], rest))
        else:
            leaves.append(rest)
    parts = [c + _trie_node(sub) for c, sub in branches.items()] + leaves
    if len(parts) == 1 and not leaves:
        return parts[0]
    return "(?:" + "|".join(parts) + ")"


def _literals(words: list[str] | tuple[str, ...], tail: str = "") -> list[str]:
    """Literal phrases as regex alternatives, longest first, spaces made flexible."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return [re.escape(w).replace(r"\ ", _S) + tail for w in ordered]


#: Hedge just before a number, matched against the text that ends where the number starts.
_HEDGE_LAST = frozenset(phrase.split()[-1] for phrase in _HEDGES)
_HEDGE_TAIL = re.compile(_trie(_literals(tuple(_HEDGES))) + r"[ \t\u00a0]+\Z")

_W = _trie(_literals(_NUMBER_WORDS, r"\b"))
_MULT_AHEAD = _trie(_literals(tuple(_MULTIPLIERS), r"\b"))
_CONT = rf"(?:(?:{_S}|-)(?:and{_S}(?:a{_S}half{_S})?)?{_W}){{0,24}}"
#: A run of number words (the parser splits it: "one one" is two numbers), bounded on purpose; then
#: the vague and weak quantity words, most specific first. One trie, so each position costs little.
_WORD_ALTERNATIVES = [
    *(rf"{w}{_S}quarters?{_S}of{_S}an?{_S}(?={_MULT_AHEAD}){_W}" for w in ("an", "a", "one", "three")),  # of a million
    rf"quarter{_S}of{_S}an?{_S}(?={_MULT_AHEAD}){_W}",  # "another quarter of a million"
    *(w + _CONT for w in _literals(_NUMBER_WORDS, r"\b")),
    rf"half{_S}an?{_S}(?={_MULT_AHEAD}){_W}{_CONT}",
    rf"several{_S}(?:hundred|thousand|million|dozen)(?:{_S}(?:thousand|million))?\b",
    rf"a{_S}(?:few|couple(?:{_S}of)?){_S}(?:hundred|thousand|million|dozen)(?:{_S}(?:thousand|million))?\b",
    rf"an?{_S}(?={_MULT_AHEAD}){_W}{_CONT}",
    rf"tens{_S}of{_S}(?:thousands|millions|billions)\b",
    rf"hundreds{_S}of{_S}(?:thousands|millions|billions)\b",
    rf"dozens{_S}of{_S}(?:thousands|millions|billions)\b",
    rf"tens(?={_S}of\b)",
    rf"scores(?={_S}(?:of|more)\b)",
    r"dozens\b", r"hundreds\b", r"thousands\b", r"millions\b", r"billions\b",
    r"several\b",
    rf"a{_S}(?:few|handful)\b",
    rf"a{_S}couple(?={_S}of\b)",
]
_WORD_CORE = _trie(_WORD_ALTERNATIVES)
#: Scans a copy where every separator is a space (see _spaced): a literal first character
#: lets the engine jump between candidates instead of testing every position.
_WORD_SCAN = re.compile(" " + _WORD_CORE)
_WORD_SCAN_LINE = re.compile("\n" + _WORD_CORE)
_WORD_AT = re.compile(_WORD_CORE)
_OTHER_FIRST = frozenset(("several", "tens", "scores", *_VAGUE_VALUES))
_OTHER_AFTER_A = frozenset(("few", "couple", "handful"))
_WEAK_MULT = (
    rf"(?:several|a{_S}few|a{_S}couple(?:{_S}of)?){_S}(?:hundred|thousand|million|dozen)"
    rf"(?:{_S}(?:thousand|million))?\b"
)
_OTHER_KIND = re.compile(
    rf"(?P<wmul>{_WEAK_MULT})|(?P<vague>(?:tens|hundreds|dozens){_S}of{_S}(?:thousands|millions|billions)"
    rf"|tens|scores|dozens|hundreds|thousands|millions|billions)|(?P<weak>several|a{_S}\w+)"
)
#: Characters that become a space, and line breaks that become "\n", in the copy the word scan reads
#: (each keeps its offset). A phrase never runs over a line break.
_SEPARATORS = "\t([{“\"‘'«/…—–-\u00a0\u2009\u202f"
_LINE_BREAKS = "\r\v\f\x85\u2028\u2029"
_DIGIT_SCALE_WORDS = r"(?:trillion|billion|million|thousand|hundred|dozen|mln|mn|bn|tn)"
#: Digit cores, matched on a copy where every digit is "0" (a literal first character again);
#: values are read from the real text at the same offsets.
_DIGIT_SCAN = re.compile(
    r"0(?<![0-9][0-9])(?<![0-9][.,][0-9])"
    r"(?:(?P<iso>[0-9]{3}-[0-9]{2}-[0-9]{2}|[0-9]?[./][0-9]{1,2}[./][0-9]{2,4})"
    r"|(?P<clock>[0-9]?:[0-9]{2}(?::[0-9]{2})?)"
    r"|(?P<dig>[0-9]{0,2}(?:,[0-9]{3})+|[0-9]{0,2}(?:[ \u00a0\u2009\u202f][0-9]{3})+|[0-9]*)"
    r"(?P<frac>\.[0-9]+(?:\.[0-9]{3})*)?)(?![0-9])"
    rf"(?:(?:[ \u00a0]|-)?(?P<scale>{_DIGIT_SCALE_WORDS})\b|(?P<gscale>bn|mn|m|k)\b)?"
)
_CURRENCY_CHARS = "$€£₴₽¥"
_CODE_ENDS = "drphb"  # last letters of usd, eur, gbp, uah, rub: a cheap test before the look-behind
_CURRENCY_TAIL = re.compile(r"(?:us\$|[$€£₴₽¥]|\b(?:usd|eur|gbp|uah|rub))[ \u00a0]?\Z")
_TOKEN = re.compile(r"[a-z]+")


def _kinds(table: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Unit word -> kind, from (kind, space-separated words) pairs."""
    return {word: kind for kind, words in table for word in words.split()}


#: A unit right after a number makes it a non-figure ("24 hours", "260 km", "12%", "82 mm").
#: Matched as one token (glued, spaced or hyphenated) and looked up here; the few units of two
#: words ("per cent", "years old", "nautical miles", "US dollars", "more days") are handled in code.
_UNIT_WORDS = _kinds((
    ("percent", "% ‰ percent pct"),
    ("money", "dollar dollars euro euros pound pounds sterling ruble rubles rouble roubles hryvnia "
              "hryvnias hryvna hryvnas hryvnya hryvnyas yuan yen franc francs zloty zlotys lira lari "
              "cent cents pence bucks usd eur gbp uah rub chf cny"),
    ("calibre", "mm millimetre millimetres millimeter millimeters calibre calibres caliber calibers"),
    ("measure", "km² m² kph mph knot knots cubic tonne tonnes ton tons kg kilo kilos kilogram "
                "kilograms kilogramme kilogrammes gram grams lb lbs litre litres liter liters gallon "
                "gallons barrel barrels bpd degree degrees ° megawatt megawatts gigawatt gigawatts "
                "kilowatt kilowatts mw gw kw mwh gwh kwh hectare hectares ha acre acres bcm inch inches "
                "cm centimetre centimetres centimeter centimeters storey storeys kiloton kilotons "
                "megaton megatons square sq half halves third thirds quarter quarters fourths fifths "
                "sixths sevenths eighths ninths tenths"),
    ("distance", "km kms kilometre kilometres kilometer kilometers klick klicks mile miles metre "
                 "metres meter meters m yard yards yd yds feet foot ft nm"),
    ("duration", "second seconds sec secs minute minutes min mins hour hours hr hrs h day days night "
                 "nights week weeks fortnight fortnights month months year years yr yrs decade decades "
                 "century centuries millennium millennia"),
    ("time", "am pm gmt utc cet cest eet eest msk bst"),
))
_AGE_UNITS = frozenset("year years yr yrs month months week weeks day days".split())
_DURATION_ADJECTIVES = frozenset(
    "more long full straight consecutive additional extra further short whole entire successive".split()
)
_ORDINAL_WORDS = frozenset("first second third fourth fifth sixth seventh eighth ninth".split())
_TENS_VALUES = frozenset(_TENS.values())
_FOLLOW = re.compile(r"([ \t\u00a0]{0,3}(-)?[ \t\u00a0]{0,3})([^\W\d_]+|[%‰°])")
_AGE_TAIL = re.compile(r"[ \t\u00a0-]olds?\b|[ \t\u00a0]+of[ \t\u00a0]+age\b")
_SECOND_WORD = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")
_AND_A_HALF = re.compile(r"[ \t\u00a0]+a[ \t\u00a0]+half[ \t\u00a0-]+([^\W\d_]+)")
_TWO_WORD_UNITS: dict[tuple[str, str], str] = {
    ("per", "cent"): "percent", ("percentage", "point"): "percent", ("percentage", "points"): "percent",
    ("nautical", "mile"): "distance", ("nautical", "miles"): "distance",
    **{(w, d): "money" for w in ("us", "american", "canadian", "australian") for d in ("dollar", "dollars")},
}
_TWO_WORD_FIRSTS = frozenset({first for first, _ in _TWO_WORD_UNITS} | _DURATION_ADJECTIVES)
_NO_UNIT_AFTER = frozenset(",.;:!?)]}\"”’»…")

_POST_HEDGE = re.compile(
    r"(?P<plus>\+(?![0-9])|-plus\b|[ \t\u00a0]+plus\b(?![ \t\u00a0]*[0-9]))"
    r"|[ \t\u00a0]+or[ \t\u00a0]+(?:(?P<more>more|greater|above|higher|over)|(?P<less>fewer|less|under)"
    r"|(?P<so>so))\b"
)
_POST_HEDGE_STARTS = ("+", "-plus", " or", " plus", "\u00a0or", "\u00a0plus", "\tor", "  or")
_RANGE_GAP = re.compile(r"[ \t\u00a0]*[-–][ \t\u00a0]*|[ \t\u00a0]+(?P<w>to|or|and)[ \t\u00a0]+")
#: Original-case check for "10 February", "3rd of March", "21 Feb."
_DATE_AFTER = re.compile(
    r"(?:st|nd|rd|th)?(?:[ \t\u00a0]+of)?[ \t\u00a0]+(?:"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\b"
)
_GLUED_LETTERS = re.compile(r"[^\W\d_]+")
_RATIO_GAP = re.compile(r"[ \t\u00a0]+in[ \t\u00a0]+")
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
    """A number core found by the scans (internal; mutable while hedges and ranges are attached)."""

    __slots__ = ("start", "ns", "ne", "value", "mant", "scale", "hedge", "ctype", "plain", "year", "cur",
                 "gscale", "lone_one")

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
        self.year = False  # plain, 4 digits, 1900-2100: could be a year
        self.cur = False
        self.gscale: str | None = None
        self.lone_one = False


def _lower(text: str) -> str:
    """Lower-cased copy with the same offsets (str.lower can lengthen a few characters, e.g. 'İ')."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _digit_value(digits: str, frac: str | None) -> int | Fraction | None:
    """Value of a digit core such as '150,000', '150 000' or '1.5'; None when absurdly long."""
    if frac is None and digits.isdigit():
        return int(digits) if len(digits) <= _MAX_DIGITS else None
    clean = digits.replace(",", "").replace(" ", "").replace("\u00a0", "")
    clean = clean.replace("\u2009", "").replace("\u202f", "")
    if len(clean) > _MAX_DIGITS:
        return None
    if frac:
        if len(frac) > _MAX_DIGITS:
            return None
        return Fraction(clean + frac)
    return int(clean)


_Parsed = tuple[int, int | Fraction, int | Fraction, int | None]


_QUARTERS = {"a": 1, "an": 1, "one": 1, "three": 3}


def _quarter_of(toks: list[str], k: int) -> _Parsed | None:
    """ "a quarter of a million", "three quarters of a million", "another quarter of a million" (k at the
    count word, or at "quarter" when there is none)."""
    count = 1
    if toks[k] != "quarter":
        count, k = _QUARTERS[toks[k]], k + 1
    if k + 3 < len(toks) and toks[k + 1] == "of" and toks[k + 2] in ("a", "an") and toks[k + 3] in _MULTIPLIERS:
        mult = _MULTIPLIERS[toks[k + 3]]
        share = Fraction(count, 4)
        return k + 4, share * mult, share, mult
    return None


def _parse_words_from(toks: list[str], i: int) -> _Parsed | None:
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
    if t == "quarter" or (t in _QUARTERS and k + 1 < n and toks[k + 1] in ("quarter", "quarters")):
        return _quarter_of(toks, k)
    total = 0
    group = 0
    last: str | None = None
    last_scale = 0
    if t in ("a", "an"):
        if k + 1 < n and toks[k + 1] in _MULTIPLIERS:
            group, last, k = 1, "unit", k + 1
        else:
            return None
    best: _Parsed | None = None
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
            if last not in ("unit", "teen", "tens", "hundred") or group == 0:
                break
            if last_scale and s >= last_scale:
                break  # "a thousand million" is not English number grammar here
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
    word = low[ws:we]
    value = _SINGLE_WORD_VALUES.get(word)
    if value is not None:  # the usual case: one word
        atom = _Atom(ws, ws, we, value, "word")
        atom.lone_one = value == 1
        yield atom
        return
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


def _words_pass(low: str, sk: str) -> list[_Atom]:
    """Atoms spelled in words, in order (read from the spaced copy: same letters, plain spaces)."""
    atoms: list[_Atom] = []
    first = _WORD_AT.match(sk) if sk[:1].isalpha() else None
    matches: list[re.Match[str]] = [first] if first is not None else []
    pos = first.end() if first is not None else 0
    matches.extend(_WORD_SCAN.finditer(sk, pos))
    if "\n" in sk:
        matches.extend(_WORD_SCAN_LINE.finditer(sk, pos))
        matches.sort(key=lambda m: m.start())
    last_end = 0
    for m in matches:
        ws = m.start() if m is first else m.start() + 1
        we = m.end()
        if ws < last_end:  # the two scans met inside one run of number words: keep its tail only
            if we <= last_end:
                continue
            ws = last_end
        last_end = we
        head = sk[ws:we].split(None, 2)
        if not head:
            continue
        if head[0] in _OTHER_FIRST or (head[0] == "a" and len(head) > 1 and head[1] in _OTHER_AFTER_A):
            atoms.append(_other_atom(sk, ws, we))
        else:
            atoms.extend(_word_atoms(sk, ws, we))
    return atoms


def _spaced(low: str) -> str:
    """Same-length copy where separators are spaces and line breaks "\n", so word scans start on a literal."""
    for c in _SEPARATORS:
        if c in low:
            low = low.replace(c, " ")
    for c in _LINE_BREAKS:
        if c in low:
            low = low.replace(c, "\n")
    return low


def _zeroed(low: str) -> str:
    """Same-length copy where every digit is "0", so the digit scan starts on a literal."""
    for c in "123456789":
        if c in low:
            low = low.replace(c, "0")
    return low


def _is_dot_grouping(digits: str, frac: str) -> bool:
    """ "10.000" and "1.000.000" group thousands with dots (translated texts); "1.5" and "0.125" do not."""
    return (digits.isdigit() and len(digits) <= 3 and digits[0] != "0" and len(frac) % 4 == 0
            and all(len(group) == 3 for group in frac[1:].split(".")))


def _digit_atom(low: str, m: re.Match[str]) -> _Atom | None:
    """Atom for a digit core: a number (maybe with a scale word), a numeric date or a clock time."""
    ns = m.start()
    iso, clock, dig, frac, scale, gscale = m.groups()  # texts of the zeroed copy: lengths only
    if iso is not None:
        return _Atom(ns, ns, ns + 1 + len(iso), 0, "iso")
    if clock is not None:
        return _Atom(ns, ns, ns + 1 + len(clock), int(low[ns:ns + 1 + clock.find(":")]), "clock")
    dig_end = ns + 1 + len(dig)
    core_end = dig_end + len(frac) if frac is not None else dig_end
    digits = low[ns:dig_end]
    if frac is not None:
        frac = low[dig_end:dig_end + len(frac)]
        if scale is None and gscale is None and _is_dot_grouping(digits, frac):
            digits, frac = digits + frac.replace(".", ""), None  # "10.000 soldiers", "1.000.000"
        elif frac.count(".") > 1:
            return None
    value = _digit_value(digits, frac)
    if value is None:
        return None
    atom = _Atom(ns, ns, m.end(), value, "dig")
    scale_word = scale or gscale
    if scale_word is not None:
        atom.scale = _DIGIT_SCALES[scale_word]
        atom.value = value * atom.scale
        atom.gscale = gscale
    else:
        atom.ne = core_end
        if core_end == dig_end and digits.isdigit():
            atom.plain = True
            atom.year = len(digits) == 4 and 1900 <= value <= 2100
    c = low[ns - 1] if ns else "0"
    c2 = low[ns - 2] if ns > 1 else "0"
    if c in _CURRENCY_CHARS or (c in " \u00a0" and (c2 in _CURRENCY_CHARS or c2 in _CODE_ENDS)):
        cur = _CURRENCY_TAIL.search(low, max(0, ns - 5), ns)
        if cur is not None:
            atom.cur = True
            atom.start = cur.start()
    return atom


def _attach_hedge(low: str, atom: _Atom, floor: int) -> None:
    """Extend the atom leftwards over a hedge ("about", "more than", "between") that ends at it."""
    s = atom.start
    if s < 3 or low[s - 1] not in " \t\u00a0":
        return
    lo = max(floor, s - 40)
    words = low[lo:s].rsplit(None, 1)
    if not words or words[-1].lstrip("([\"“‘'") not in _HEDGE_LAST:
        return  # cheap test first: most numbers have no hedge
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
    digit_atoms = [a for m in _DIGIT_SCAN.finditer(_zeroed(low)) if (a := _digit_atom(low, m)) is not None]
    word_atoms = _words_pass(low, _spaced(low))
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
    gap = b.start - a.ne
    if gap > 12 or (gap == 1 and low[a.ne] in " \t\u00a0"):
        return False
    if a.year and b.plain and b.ne - b.ns == 2 and low[a.ne:b.start] in ("-", "–", "/"):
        full = a.value // 100 * 100 + b.value  # "2014-15"
        if full <= a.value:
            return False
        b.value = full
        return True
    if a.year and b.year and low[a.ne:b.start] == "/":
        return b.value > a.value  # "2014/2015"
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


def _prev_word(text: str, pos: int) -> tuple[str | None, int]:
    """(token before pos, its start) when only horizontal spaces separate them, else (None, -1)."""
    j = pos
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    if j == pos or j == 0 or text[j - 1].isspace():
        return None, -1  # glued to the number, at the start, or after a line break
    p1 = text[max(0, j - 40):j].rsplit(None, 1)[-1]
    return p1, j - len(p1)


def _starts_sentence(text: str, p1: str, p1_start: int) -> bool:
    """Whether the token p1 (at p1_start) begins a sentence, a line or a quotation."""
    if p1[0] in _OPENERS:
        return True
    j = p1_start
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    return j == 0 or text[j - 1] in _SENTENCE_END or text[j - 1].isspace()


def _is_plural_noun(word: str | None) -> bool:
    """Rough test for a plural lower-case noun ("soldiers", "people"), used for years and "3m"."""
    if not word or not word.islower():
        return False
    if word in _IRREGULAR_PLURALS:
        return True
    return (len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
            and word not in _NOT_PLURALS)


def _letters_before(text: str, pos: int) -> str:
    """The run of letters ending at pos (at most 12), lower-cased: "mid" in "mid-2014"."""
    j = pos
    while j > 0 and pos - j < 12 and text[j - 1].isalpha():
        j -= 1
    return text[j:pos].lower()


def _glued_left_kind(text: str, a: _Atom) -> str | None:
    """Kind forced by what is glued to the left of the number ("MH17", "S-400", "mid-2014", "-5")."""
    ns = a.ns
    c = text[ns - 1]
    if c in " \n\t":
        return None
    c2 = text[ns - 2] if ns > 1 else " "
    if c.isalpha() or c == "#":
        return "name"
    if c in "-\u2212":
        if c2.isalpha():
            if a.year and _letters_before(text, ns - 1) in _YEAR_HYPHEN_PREFIXES:
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
    if ne >= len(text):
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


def _unit_kind(low: str, m: re.Match[str], a: _Atom, vague: bool) -> str | None:
    """Kind given by the unit word after the number ("24 hours", "10-day", "thousands of dollars")."""
    tok, te = m.group(3), m.end(3)
    if tok == "of" and vague and m.group(1):
        m2 = _SECOND_WORD.match(low, te)
        if m2 is None:
            return None
        tok, te = m2.group(1), m2.end(1)
    elif tok == "and":
        m2 = _AND_A_HALF.match(low, te)
        if m2 is None:
            return None
        tok, te = m2.group(1), m2.end(1)
    if tok in _AGE_UNITS and _AGE_TAIL.match(low, te):
        return "age"
    if m.group(2) and tok in _ORDINAL_WORDS and a.ctype == "word" and a.value in _TENS_VALUES:
        return "ordinal"  # "twenty-first"
    kind = _UNIT_WORDS.get(tok)
    if kind is not None:
        if kind == "distance" and low.startswith(("/h", "2"), te):
            return "measure"  # km/h, km2
        return kind
    if tok in ("a", "p") and low.startswith(".m", te):
        return "time"
    if tok == "o" and low.startswith(("'clock", "’clock"), te):
        return "time"
    if tok == "u" and low.startswith(".s.", te):
        m2 = _SECOND_WORD.match(low, te + 3)
        return "money" if m2 is not None and m2.group(1) in ("dollar", "dollars") else None
    m2 = _SECOND_WORD.match(low, te) if tok in _TWO_WORD_FIRSTS else None
    if m2 is not None:
        kind = _TWO_WORD_UNITS.get((tok, m2.group(1)))
        if kind is not None:
            return kind
        if tok in _DURATION_ADJECTIVES and _UNIT_WORDS.get(m2.group(1)) == "duration":
            return "duration"  # "two more days"
    return None


def _capitalised_name(text: str, a: _Atom, p1: str, p1_start: int, nxt: str | None) -> bool:
    """"Shahed 136", "Channel One": a bare number right after a capitalised word inside a sentence.

    Not when the next word is capitalised too (a Title Case headline: "Russia Says 57 Strikes Hit").
    """
    if a.hedge is not None or not p1[0].isupper() or not p1[-1].isalnum():
        return False
    if a.ctype == "dig":
        if not a.plain:
            return False
    elif not (a.ctype == "word" and text[a.ns].isupper()):
        return False
    if p1.endswith(("'s", "’s")) or p1 in _MONTH_SET or p1 in _WEEKDAYS:
        return False
    if nxt and nxt[0].isupper():
        return False
    return not _starts_sentence(text, p1, p1_start)


def _context_kind(text: str, a: _Atom, b: _Atom | None, nxt: str | None, yearish: bool) -> str | None:
    """Kind given by the word before the number ("aged 45", "February 10", "in 2014", "Shahed 136")."""
    p1, p1_start = _prev_word(text, a.start)
    if p1 is None:
        return None
    w = p1.lower()
    if w in ("aged", "ages", "age"):
        return "age"
    if w in ("of", "by"):
        p2, _ = _prev_word(text, p1_start)
        p2 = p2.lower() if p2 else ""
        if w == "of" and p2 in ("age", "ages"):
            return "age"  # "at the age of 45"
        if w == "by" and p2 == "one" and a.lone_one:
            return "none"  # "one by one"
    if w == "minus":
        return "measure"
    if w in ("no.", "nos.", "nr."):
        return "name"
    if a.plain and 1 <= a.value <= 31 and a.hedge is None and p1.rstrip(".") in _MONTH_SET:
        return "date"  # "February 10", "Feb. 21", "March 3rd"
    if yearish and w.lstrip("(\"“‘'") in _YEAR_PREPOSITIONS:
        return "year"  # "in 2014", "since 2014"
    if b is None:
        if _capitalised_name(text, a, p1, p1_start, nxt):
            return "name"
        if a.lone_one and w in _ONE_DETERMINERS:
            return "none"  # "the one", "no one", "each one"
    return None


def _classify(text: str, low: str, a: _Atom, b: _Atom | None, end: int) -> str | None:
    """Kind of the phrase a (or range a..b) ending at end; None when it is not a number at all."""
    last = b or a
    ct = a.ctype
    if ct == "iso":
        return "date"
    if ct == "clock":
        return "time"
    if a.cur or last.cur:
        return "money"
    vague = ct in ("vague", "weak", "wmul")
    if a.ns and not vague and text[a.ns - 1] not in " \n\t":
        glued_left = _glued_left_kind(text, a)
        if glued_left is not None:
            return None if ct == "word" else glued_left  # "no-one" is not a number at all
    nxt = None  # the next word, original case, when only spaces separate it
    fm = _FOLLOW.match(low, end) if end < len(low) and low[end] not in _NO_UNIT_AFTER else None
    if fm is not None:
        unit = _unit_kind(low, fm, a, vague)
        if unit is not None:
            return unit
        if fm.group(1) and not fm.group(2):
            nxt = text[fm.start(3):fm.end(3)]
    if vague:
        return "weak" if ct == "weak" else "count"
    if a.gscale == "m" and not _is_plural_noun(nxt):
        return "distance"  # "a 500m section"; "3m refugees" stays a count
    yearish = a.year and (b is None or b.year or b.ne - b.ns == 2)
    context = _context_kind(text, a, b, nxt, yearish) if (a.plain or ct == "word") else None
    if context is not None and context not in ("date", "name"):
        return None if context == "none" else context
    if last.ctype == "dig":
        glued_right = _glued_right_kind(text, low, last, context)
        if glued_right is not None:
            return glued_right
    if context == "date":
        return context
    if last.plain and 1 <= last.value <= 31 and _DATE_AFTER.match(text, last.ne):
        return "date"  # "10 February", "3rd of March"
    if context is not None:
        return context  # a name: "Shahed 136"
    if yearish:
        if a.hedge in ("between", "from") or not _is_plural_noun(nxt):
            return "year"  # a year unless a plural noun follows: "2014 soldiers"
    if b is None and a.lone_one and _ONE_PRONOUN_AFTER.match(low, end):
        return None  # "one another", "one-sided"
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
    if b is not None:
        qualifier = "range"
    elif a.ctype in ("vague", "weak", "wmul"):
        qualifier = "vague"
    elif hedge is not None:
        qualifier = hedge
    elif a.ctype in ("dig", "word") and low.startswith(_POST_HEDGE_STARTS, ne):
        pm = _POST_HEDGE.match(low, ne)
        if pm is not None and pm.end() <= limit:
            end = pm.end()
            qualifier = "at_least" if pm.group("plus") or pm.group("more") else (
                "at_most" if pm.group("less") else "approx")
    kind = _classify(text, low, a, b, end)
    if kind is None:
        return None
    value = int(a.mant if kind == "distance" and a.gscale == "m" else a.value)
    if b is not None:
        low_v: int | None = value
        high_v: int | None = int(b.value)
    elif qualifier in ("at_least", "vague"):
        low_v, high_v = value, None
    elif qualifier == "at_most":
        low_v, high_v = None, value
    else:
        low_v = high_v = value
    return _make_mention(start, end, ns, ne, value, low_v, high_v, qualifier, kind, text[start:end])


def _is_ratio(low: str, a: _Atom, b: _Atom) -> bool:
    """ "one in five", "1 in 10": one plain number, "in", another (not a year)."""
    return (a.ctype in ("dig", "word") and b.ctype in ("dig", "word") and b.hedge is None and b.value > 1
            and not b.year and _RATIO_GAP.fullmatch(low, a.ne, b.start) is not None)


def _ratio(text: str, a: _Atom, b: _Atom) -> NumberMention:
    """ "one in five" is a proportion (kind percent, value in percent), not two counts."""
    value = round(100 * a.value / b.value) if b.value else 0
    return _make_mention(a.start, b.ne, a.ns, b.ne, value, value, value, "exact", "percent",
                         text[a.start:b.ne])


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
        if b is not None and a.value == 1 and _is_ratio(low, a, b):
            out.append(_ratio(text, a, b))  # "one in five"
            i += 2
            continue
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
    if a.ctype in ("iso", "clock") or a.cur:
        return None
    if isinstance(a.value, Fraction) and a.value.denominator != 1:
        return None
    return int(a.value)
