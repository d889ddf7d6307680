"""Figures: every troop, casualty, shelling and displacement number, with hedge, side and claimant.

A number found by :mod:`frontline.numbers` becomes a figure when the words around it say what is
counted (the head noun after it: soldiers, civilians, villages, strikes...) and what happened to it
(the verb in its clause: killed, wounded, evacuated, destroyed, deployed...). Coordinated ellipsis
("two soldiers were killed and 12 wounded") inherits the counted noun from the figure before it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import dates
from .actors import ActorMatch, ActorTable
from .numbers import NumberMention, find_numbers
from .text import Span, fold, sentences, slot_constructor, word_trie

# ---------------------------------------------------------------- word classes

PERSONNEL = frozenset("""troops troop soldiers soldier servicemen serviceman servicemembers personnel fighters
fighter militants militant marines marine paratroopers paratrooper sailors officers conscripts mercenaries
mercenary combatants combatant guardsmen guards infantrymen forces service-members rebels insurgents gunmen
contingent force""".split())
PEOPLE = frozenset("""people persons person civilians civilian residents resident children child women woman men
man refugees refugee evacuees evacuee villagers inhabitants citizens locals individuals victims workers
passengers journalists employees families migrants pensioners students teenagers babies infants
neighbours neighbors relatives patients volunteers farmers drivers miners police policemen firefighters
ukrainians russians belarusians""".split())
DISPLACED_NOUNS = frozenset("refugees refugee evacuees evacuee arrivals asylum-seekers displaced".split())
DEATH_NOUNS = frozenset("dead deaths fatalities bodies killed".split())
WOUND_NOUNS = frozenset("wounded injured injuries".split())
INCIDENT_NOUNS = frozenset("""strikes strike attacks attack violations violation shellings shelling bombardments
bombardment bombings bombing incidents incident provocations provocation explosions explosion airstrikes
airstrike raids raid assaults assault salvos salvo barrages barrage ceasefire-violations times""".split())
PLACE_NOUNS = frozenset("""settlements settlement villages village towns town cities city positions position
localities locality communities community hamlets hamlet neighbourhoods neighborhoods districts suburbs
outposts outpost""".split())
STRUCTURE_NOUNS = frozenset("""buildings building homes home houses house structures structure schools school
hospitals hospital kindergartens kindergarten facilities facility bridges bridge dwellings apartments
blocks shops churches substations warehouses factories plants stations offices properties""".split())
CASES = frozenset("cases instances episodes counts".split())
_FIRE_WORDS = ("bomb", "shell", "fire", "artillery", "mortar", "strike", "attack", "violation", "bombard")

# The verb and context patterns of ``classify`` are searched in folded text (``text.fold``): lower-case words and
# no re.IGNORECASE, which finds the same matches faster.
KILL_VERBS = re.compile(
    r"\b(?:killed|killing|kills|kill|died|die|dies|dead|perished|lost their lives|slain|murdered|"
    r"death toll|toll|executed|fatally)\b")
WOUND_VERBS = re.compile(r"\b(?:wounded|wounding|injured|injuring|hurt|hospitali[sz]ed|maimed)\b")
DISPLACE_VERBS = re.compile(
    r"\b(?:evacuated|evacuating|evacuate|fled|fleeing|flee|crossed|crossing|entered|arrived|left|"
    r"displaced|relocated|sheltering|sought refuge|uprooted|have gone|moved out|escaped|taken out|bused|"
    r"from their homes|homeless|abroad|quit|quitted|on the move)\b")
DAMAGE_VERBS = re.compile(
    r"\b(?:damaged|destroyed|razed|burned|burnt|ruined|hit|struck|flattened|demolished|levelled|leveled|"
    r"collapsed|wrecked|gutted|damage to)\b")
DEPLOY_VERBS = re.compile(
    r"\b(?:deployed|deploying|deploy|massed|massing|amassed|stationed|sent|sending|gathered|assembled|"
    r"moved|brought|positioned|concentrated|include|including|involving|took part|participating|arrived)\b",
    re.IGNORECASE)
FIRE_CONTEXT = re.compile(
    r"\b(?:shell\w*|fire[ds]?|firing|bombard\w*|bomb\w*|artillery|mortars?|struck|strikes?|attack\w*|"
    r"hit|targeted|came under|under fire|rockets?|violat\w*)\b")
NOT_A_COUNT = re.compile(
    r"\b(?:captured|detained|arrested|prisoners?|missing|taken prisoner|surrendered|hostages?|"
    r"passports?|votes?|signatures?)\b")
_DEATHS_OF = re.compile(r"\b(?:deaths?|killings?|murders?)\s+of\s*$")  # "the deaths of 11 civilians"
_KILLING = re.compile(r"\b(?:killing|killed|kill|slaughter\w*)\b")
_WOUNDING = re.compile(r"\b(?:wounding|wounded|injuring|injured)\b")
_UNIT = re.compile(r"\b(?:contingent|force|forces|troops|army|units?|battalions?|brigades?|garrison)\b")
_TAKING_IN = re.compile(r"\b(?:evacuat\w+|displac\w+|relocat\w+|took in|received|hosted|sheltered|carried|ferried|"
                        r"moved|bused|bussed|drove|driven)\b")
HYPOTHETICAL = re.compile(r"\b(?:could|would|might|may)\b", re.IGNORECASE)

_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
_CLAUSE_BREAK = frozenset(",;:()–—")
_POSSESSIVE = frozenset("its their our his her".split())
_VAGUE_WORD = re.compile(r"^(?:some|several|a few|a handful of|many|numerous)\b", re.IGNORECASE)
# The next three run on the folded sentence (``text.fold``): the same matches as with re.IGNORECASE, faster.
_BARE_SOME = re.compile(r"\b(some|several|a few|a handful of)[\"\u201d\u2019]?\s+(?!of\b)(?=[a-z])")
_SINGULAR = re.compile(
    r"\b(?P<num>an?|one)\s+(?:(?:[a-z][\w-]*|elderly|young|local|female|male|pregnant|teenage)\s+){0,2}"
    r"(?P<noun>civilian|soldier|serviceman|servicewoman|man|woman|child|boy|girl|person|resident|fighter|"
    r"officer|policeman|journalist|volunteer|medic|teenager)\b")
_SINGULAR_CASUALTY = re.compile(
    r"\b(?P<num>an?|one)\s+(?:[\w’'-]+\s+){0,3}?(?P<noun>[a-z]\w+)\s+(?:was|has been|had been|is)\s+"
    r"(?:reportedly\s+|also\s+)?(?:killed|wounded|injured|hurt|shot dead|died)\b")
#: Each pattern with words one of which every match holds: a pattern runs only when the sentence has one.
_SINGULARS = (
    (_SINGULAR, ("man", "civilian", "soldier", "child", "boy", "girl", "person", "resident", "fighter", "officer",
                 "journalist", "volunteer", "medic", "teenager")),
    (_SINGULAR_CASUALTY, ("killed", "wounded", "injured", "hurt", "dead", "died")),
)
_SOME_WORDS = ("some", "several", "few", "handful")
_NEGATED_ONE = re.compile(r"\b(?:not|no|nor|never)\s+(?:a\s+single\s+)?$")  # in the folded sentence
SINGULAR_PERSONNEL = frozenset("soldier serviceman servicewoman fighter officer policeman".split())


@dataclass(frozen=True, slots=True)
class Counted:
    """What a number counts: the head noun and the words up to it."""

    noun: str
    noun_class: str
    phrase: str
    end: int  # offset (in the sentence) where the noun phrase ends


_counted = slot_constructor(Counted)  # the same objects, made faster


def _noun_class(word: str) -> str | None:
    w = word.lower().strip("'’")
    for name, words in (("personnel", PERSONNEL), ("people", PEOPLE | DISPLACED_NOUNS), ("death", DEATH_NOUNS),
                        ("wound", WOUND_NOUNS), ("incident", INCIDENT_NOUNS), ("place", PLACE_NOUNS),
                        ("structure", STRUCTURE_NOUNS), ("cases", CASES)):
        if w in words:
            return name
    return None


_NP_STOP = frozenset("""in on at from to by with near for since during after before over under into onto
against across along around about and or but nor than as per was were is are had have has been be being
will would could should may might can did do does that which who whom whose while when where if
""".split())


def counted_noun(sentence: str, after: int, actors: ActorTable | None = None) -> Counted | None:
    """The noun a number at ``after`` counts: the first class noun within a few modifier words.

    Demonyms in the plural ("3,000 Kardonians") count as people when the actor table knows the country.
    """
    skipped = 0
    last_word: re.Match[str] | None = None
    last_plural: re.Match[str] | None = None
    for m in _TOKEN.finditer(sentence, after):
        tok = m.group()
        if tok[:1] == "-" and len(tok) > 1 and m.start() == after:
            tok = tok[1:]  # "a 12,000-strong force"
        if tok == "-" or (tok in _NUMBER_MARKS and last_word is None and m.start() == after):
            continue  # "dozens" of apartment blocks: the quoted number's closing mark
        if not (tok[0].isalnum() or tok[0] in "'’"):
            break  # punctuation ends the noun phrase
        cls = _noun_class(tok)
        if cls is None and actors is not None and tok[:1].isupper() and tok.endswith("s") and len(tok) > 4:
            actor = actors.lookup(tok)
            if actor is not None and actor.kind == "country" and actor.alias.lower() == tok.lower():
                cls = "people"
        if cls == "cases":
            nxt = _OF_WHAT.match(sentence[m.end():])
            if nxt and any(w in nxt.group(1).lower() for w in _FIRE_WORDS):
                end = m.end() + nxt.end()
                return _counted(nxt.group(1).lower(), "incident", sentence[after:end].strip(), end)
            return None
        if cls in ("people", "personnel"):
            nxt = _NEXT_WORD.match(sentence, m.end())
            if nxt and _noun_class(nxt.group(1)) in ("death", "wound"):  # "nine civilian deaths"
                cls, m = _noun_class(nxt.group(1)) or cls, nxt
                tok = nxt.group(1)
        if cls is not None:
            return _counted(tok.lower(), cls, sentence[after:m.end()].strip(), m.end())
        low = tok.lower()
        if low == "of" and skipped == 0:
            continue  # "two of its soldiers"
        if low in ("and", "or") and skipped > 0 and not _NUMBERISH.match(sentence, m.end()):
            continue  # "63 artillery and mortar attacks"
        if low in _NP_STOP or tok[0].isdigit():
            break
        skipped += 1
        last_word = m
        if _PLURAL.match(tok) and tok.lower() not in _NOT_HEADS:
            last_plural = m
        if skipped > 3:
            break
    if last_word is not None and _PLURAL.match(last_word.group()) and _CASUALTY_NEXT.match(sentence, last_word.end()):
        # "two of his neighbours were injured": any plural head noun that is killed or wounded counts people
        return _counted(last_word.group().lower(), "people", sentence[after:last_word.end()].strip(), last_word.end())
    if last_plural is not None:
        # "150 armoured vehicles", "two Harrow Pact officials": a noun of its own, of no category, so the
        # number is not a figure (and does not take the noun of the figure before it)
        end = last_plural.end()
        return _counted(last_plural.group().lower(), OTHER_NOUN, sentence[after:end].strip(), end)
    return None


#: Marks right after a number that do not end its noun phrase: a quoted number's closing mark ("dozens" of
#: blocks), a digest's colon ("19: settlements shelled in the past 48 hours").
_NUMBER_MARKS = frozenset('"\u201d\u2019\u00bb:')
#: The class of a plural noun that counts nothing of interest ("tanks", "officials", "states").
OTHER_NOUN = "other"
#: Plural words after a number that are no head noun of their own: "a further 300 others", "40,000 remain".
_NOT_HEADS = frozenset("others is was has does remains lives years months weeks days hours minutes".split())
_OF_WHAT = re.compile(r"\s+of\s+([\w-]+)")
_NEXT_WORD = re.compile(r"\s+([\w'’-]+)")
_NUMBERISH = re.compile(r"\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\b",
                        re.IGNORECASE)
_PLURAL = re.compile(r"^[a-z][a-z'’-]{2,}s$")
_CASUALTY_NEXT = re.compile(
    r"\s+(?:(?:were|have been|had been|are|was)\s+)?(?:reportedly\s+)?(?:killed|wounded|injured|hurt|died)\b")


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # in sentence
    end: int
    value: int
    low: int | None
    high: int | None
    qualifier: str
    number_text: str
    noun: str = ""  # set for "a civilian", "one soldier": the pattern already found the counted noun
    noun_end: int = -1


_candidate = slot_constructor(Candidate)  # every field given


_CLAUSE_END = re.compile(
    r"[;:]|,\s(?:while|but|and|which|who|as|after|before|with)\b|\s(?:and|but|while)\s+(?:[\w-]+\s+){0,3}?(?:\d|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands|several)\b)")


def _clause_after(sentence: str, start: int) -> str:
    """Words after the counted noun up to the next clause break or coordinated number."""
    tail = sentence[start:]
    m = _CLAUSE_END.search(tail)
    return tail[: m.start()] if m else tail


def _clause_before(sentence: str, start: int, max_words: int = 10) -> str:
    head = sentence[:start]
    cut = max(head.rfind(";"), head.rfind(":"))
    head = head[cut + 1:]
    words = head.split()
    return " ".join(words[-max_words:])


_AUXILIARIES = frozenset("were was had have has been are is reportedly also later more others".split())


def _elliptical_category(before: str, after: str) -> str | None:
    """A number with no noun of its own: "... killed and 12 wounded", "killing 12", "the toll rose to 12"."""
    words = [w.lower().strip(",.;") for w in after.split()]
    i = 0
    while i < len(words) and words[i] in _AUXILIARIES:
        i += 1
    first = words[i] if i < len(words) else ""
    if first in WOUND_NOUNS or first == "hurt":
        return "wounded"
    if first in ("dead", "killed", "died"):
        return "killed"
    previous = before.lower().split()[-8:]
    if previous and previous[-1] in ("killing", "killed"):
        return "killed"
    if previous and previous[-1] in ("wounding", "injuring", "wounded", "injured"):
        return "wounded"
    if "toll" in previous and previous[-1] in ("to", "at", "of", "reached", "stood", "was", "is", "hit"):
        return "killed"
    return None


_AMONG = re.compile(r"\bamong (?:the|those) (dead|killed|victims|wounded|injured)\b|"
                    r"\b(dead|killed|wounded|injured) (?:were|included|include)\s*$")  # in folded text


def _among_category(before: str, before_low: str) -> str | None:
    """ "Among the dead were three children", "the wounded included 12 soldiers" (``before_low``: folded)."""
    m = _AMONG.search(before_low)
    if not m:
        return None
    group = 1 if m.group(1) is not None else 2
    word = before[m.start(group):m.end(group)].lower()
    return "wounded" if word in ("wounded", "injured") else "killed"


def classify(counted: Counted | None, before: str, after: str, sentence: str) -> str | None:
    """Category of a number from what it counts and what happened to it (None: not a figure)."""
    if counted is None:
        return _elliptical_category(before, after)
    cls = counted.noun_class
    if cls == "death":
        return "killed"
    if cls == "wound":
        return "wounded"
    before_low, after_low = fold(before), fold(after)
    if cls == "incident":
        if counted.noun == "times" and not FIRE_CONTEXT.search(before_low):
            return None
        return "shelling_incidents"
    if cls == "place":
        return "places_shelled" if FIRE_CONTEXT.search(before_low + " " + after_low) else None
    if cls == "structure":
        damaged = (DAMAGE_VERBS.search(after_low) or DAMAGE_VERBS.search(before_low[-60:])
                   or DAMAGE_VERBS.search(fold(counted.phrase)))
        return "structures_damaged" if damaged else None
    if cls in ("personnel", "people"):
        if NOT_A_COUNT.search(after_low[:60]) or NOT_A_COUNT.search(before_low[-40:]):
            return None
        among = _among_category(before, before_low)
        if among:
            return among
        killed, wounded = KILL_VERBS.search(after_low), WOUND_VERBS.search(after_low)
        if killed and (not wounded or killed.start() < wounded.start()):
            return "killed"
        if wounded:
            return "wounded"
        near_before = fold(" ".join(before.split()[-4:]))
        if _KILLING.search(near_before) or _DEATHS_OF.search(near_before):
            return "killed"
        if _WOUNDING.search(near_before):
            return "wounded"
        if cls == "people" and counted.noun in DISPLACED_NOUNS:
            return "displaced"
        if counted.noun in ("men", "man") and _UNIT.search(before_low):
            return "troops"
        if cls == "people" and (DISPLACE_VERBS.search(after_low[:80]) or _TAKING_IN.search(near_before)):
            return "displaced"
        if cls == "personnel" and counted.noun not in ("rebels", "insurgents", "gunmen", "militants"):
            return "troops"
    return None


# ---------------------------------------------------------------- claimants

_REPORT_VERB_WORDS = frozenset("""said says say saying told tells reported reports reporting announced announces
announcing estimated estimates estimate estimating puts logged logs registered registers recorded records counted
counts confirmed confirms claimed claims claim claiming affirms affirmed stated states showed shows documented
documents tallied gave gives noted notes added adds wrote writes tweeted twitted posted insisted insists acknowledged
acknowledges admitted admits alleged alleges cited quoted put puts assessed assesses believes believe calculated
calculates verified verifies affirm agreed agrees decided decides pledged pledges promised promises vowed vows
plans planned intends""".split())
#: A report verb, searched in the folded sentence (``text.fold``, so no re.IGNORECASE): one trie, not 80 branches.
_REPORT_VERB = re.compile(r"\b" + word_trie(_REPORT_VERB_WORDS) + r"\b")
_ACCORDING_TO = re.compile(
    r"\baccording to\s+((?:[^,;.()]|\.(?=\w))+(?:,\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}(?=\s*[,.;]|$))?)",
    re.IGNORECASE)
_RELEASE_VERBS = ("released", "published", "provided", "compiled", "issued", "gathered", "collected", "verified")
_RELEASED_BY = re.compile(r"\b(?:" + "|".join(_RELEASE_VERBS) + r")\s+by\s+((?:[^,;.()])+)", re.IGNORECASE)
_DOCUMENT_WORDS = re.compile(
    r"^(?:an?|the)?\s*(?:\w+\s+){0,2}(?:briefing|report|reports|statement|document|data|figures|estimates?|"
    r"assessment|count|tally|survey|study|analysis|records?|footage|images|posts?)\b", re.IGNORECASE)
_SOURCE_NOUNS = re.compile(
    r"\b(?:officials?|intelligence|ministry|army|command|office|agency|media|television|tv|radio|sources?|"
    r"authorities|government|police|governor|military|spokes(?:man|woman|person)|commander|minister|president|"
    r"mayor|ombudsman|monitors?|mission|observers?|volunteers|witnesses|analysts?|group|organi[sz]ation|"
    r"council|service|guards|forces|channel|programme|program|newspaper|outlet|palace|headquarters|staff|"
    r"administration|leadership|department|committee|prosecutors?|investigators?|doctors|medics|rescuers)\b",
    re.IGNORECASE)
_PRONOUN_NP = re.compile(r"^(?:he|she|they|it|we|i|you|this|that|these|those|who|which|there)$", re.IGNORECASE)
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:on|by|late on|early on|late|early|earlier|later|since|as of)\s+(?:\w+\s+){0,3}?"
    r"(?:morning|afternoon|evening|night|day|week|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"today|yesterday)\b|meanwhile|however|separately|elsewhere|in (?:a|its|their|his|her) \w+|"
    r"for (?:its|their|his|her) part|in turn|also|now|then|today|yesterday|earlier|later)\W*", re.IGNORECASE)
_PARENTHETICAL = re.compile(r",[^,]{1,80},")
_TRAILING_AUX = re.compile(
    r"(?:\s+(?:has|have|had|is|was|were|are|will|would|also|now|then|again|already|reportedly|previously|"
    r"for its part|on \w+|last \w+|this \w+))+\s*$", re.IGNORECASE)
_CLAUSE_START = re.compile(r"(?:^|[;:]|,\s+(?:and|but|while|whereas)\s+|\s(?:and|but|while)\s+)")
#: "that" opens a clause after a report verb ("officials said on Monday that the army estimated"), not after a
#: noun ("the alliance that Ambrava hopes to join said").
_THAT_CLAUSE = re.compile(r"\b" + word_trie(_REPORT_VERB_WORDS) + r"\b(?:\s+[\w'’-]+){0,4}?\s+that\s+",
                          re.IGNORECASE)


_APPOSITIVE_NAME = re.compile(
    r",\s+((?:(?:Maj|Lt|Col|Gen|Brig|Adm|Capt|Sgt|Dr|Prof|Mr|Mrs|Ms)\.?\s+)*"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})\s*(?:,|$)")


_LEADING_NUMBERS = re.compile(r"^(?:[\d:.]+\s+)+")
_COUNT_TOKEN = re.compile(r"^[\d.,]*\d[\d.,]*$")
_LEADING_CONJUNCTION = re.compile(r"^(?:but|and|yet|so|or)\s+", re.IGNORECASE)
_LEADING_NAME = re.compile(r"^\s*((?:[A-Z][\w'’.-]*\s+){1,4})(?=[a-z])")
_AND_BEFORE = re.compile(r"\s(?:and|but)\s+$")
#: A figure's source in brackets at the end of its line: "412,000 people displaced since 13 April (ODP)".
_TRAILING_SOURCE = re.compile(r"\(([A-Z][^()\d]{1,60})\)\W*$")
#: "By the Council of Nations Observer Mission's count, ..."
_BY_COUNT = re.compile(r"\b[Bb]y\s+((?:the\s+)?[\w][\w'’ .-]{1,80}?)(?:'s|’s)\s+(?:own\s+)?"
                       r"(?:count|tally|estimates?|reckoning|figures|calculations?|records)\b")


def _source_phrase(np: str) -> str | None:
    """A claimant noun phrase cleaned of adverbials and asides, or None if it does not name a source.

    A person named in apposition is kept with the title ("the governor, Nadia Pell" -> "the governor Nadia Pell").
    """
    np = _LEADING_NUMBERS.sub("", np.strip())  # "11:02 The relief office says" on a live page
    np = _LEADING_CONJUNCTION.sub("", np)  # "But it has put 8,000 soldiers on readiness"
    np = _APPOSITIVE_NAME.sub(lambda m: " " + m.group(1) + " ", np).strip()
    np = _PARENTHETICAL.sub("", f"{np} ").strip(" ,")
    if "," in np:
        np = np.rsplit(",", 1)[1].strip()  # "In a statement carried by media, it" -> "it"
    for _ in range(3):
        stripped = _LEADING_ADVERBIAL.sub("", np).strip(" ,")
        if stripped == np:
            break
        np = stripped
    np = _TRAILING_AUX.sub("", np).strip(" ,")
    words = np.split()
    verb_at = next((i for i, w in enumerate(words) if w.lower() in _REPORT_VERB_WORDS), None)
    if verb_at is not None:  # "The mission said its teams" (before "had recorded"): the outer subject
        words = words[:verb_at]
        np = " ".join(words)
    if not words or len(words) > 10 or _PRONOUN_NP.match(np) or any(_COUNT_TOKEN.match(w) for w in words):
        return None  # "fewer than the 2,870" is the figure's own words, not its source
    capitalised = any(w[:1].isupper() for w in words[1:]) or (words[0][:1].isupper() and words[0].lower() != "the")
    if not (capitalised or _SOURCE_NOUNS.search(np)):
        return None
    return np


def _subject_before(sentence: str, verb_start: int) -> str | None:
    """The noun phrase in front of a report verb, from the start of its clause."""
    head = sentence[:verb_start]
    starts = sorted([m.end() for m in _CLAUSE_START.finditer(head)] + [m.end() for m in _THAT_CLAUSE.finditer(head)])
    np = head[starts[-1]:] if starts else head
    return _source_phrase(np)


def _conjoined_subject(sentence: str, verb_start: int) -> str | None:
    """ "Brunmark calls the troops peacekeepers and puts their number at 5,000": a report verb right after
    "and" shares the sentence's subject, a name at its start."""
    if not _AND_BEFORE.search(sentence, 0, verb_start):
        return None
    lead = _LEADING_NAME.match(sentence)
    if lead is None:
        return None
    name = lead.group(1)
    if name.rstrip().endswith(("'s", "’s")):  # "The SPR's militia ... and said": the owner's head noun too
        head = _NEXT_WORD.match(sentence, lead.end(1) - 1)
        name = f"{name.rstrip()} {head.group(1)}" if head else name
    return _source_phrase(name)


def _claimant(phrase: str, actors: ActorTable) -> tuple[str, str | None]:
    """A source phrase as the claimant (see ``_name_with_alias``) and its side (None: no actor named in it)."""
    matches = actors.find(phrase)
    return _name_with_alias(phrase, matches), (matches[0].actor.side if matches else "") or None


def _name_with_alias(phrase: str, matches: list[ActorMatch]) -> str:
    """The phrase as written, with the actor's full name beside an abbreviation ("the SPR (Sarn People's Republic)");
    ``matches`` are the actors found in the phrase."""
    if len(matches) != 1:
        return phrase
    actor = matches[0].actor
    written = phrase[matches[0].start:matches[0].end]
    if actor.name.lower() in phrase.lower() or written.lower() == actor.name.lower() or actor.kind in ("country",):
        return phrase
    if written.isupper() or actor.kind in ("organization", "media", "group") and len(written.split()) == 1:
        return f"{phrase} ({actor.name})"
    return phrase


def figure_claimant(sentence: str, anchor: int, attribution, actors: ActorTable,
                    low: str | None = None) -> tuple[str | None, str | None]:
    """Who gives a figure, by the nearest source to it in its sentence, then the sentence's speaker.

    Order: "according to X" naming a body or person; "figures released by X"; the subject of the nearest report
    verb before the figure ("Western officials estimate", "the command logged"); the speaker found for the
    sentence (quotes, "..., he added"); "according to" a document. None: the article's own voice.
    ``low`` is ``fold(sentence)`` when the caller has it.
    """
    low = fold(sentence) if low is None else low
    speaker = attribution.speaker if attribution is not None and attribution.speaker else None
    document_source = None
    for m in _ACCORDING_TO.finditer(sentence) if "according to" in low else ():
        phrase = _source_phrase(m.group(1)) or m.group(1).strip()
        if _DOCUMENT_WORDS.match(m.group(1).strip()):
            document_source = document_source or phrase
            continue
        if speaker and _names_same(phrase, speaker) and _fuller(speaker, phrase):
            return speaker, attribution.side  # "according to the mission": the full name it resolved to
        return _claimant(phrase, actors)
    by_count = _BY_COUNT.search(sentence, 0, max(anchor, 0) + 1) if "count" in low or "estimate" in low else None
    if by_count is not None:
        return _claimant(by_count.group(1), actors)
    if any(verb in low for verb in _RELEASE_VERBS):
        for m in _RELEASED_BY.finditer(sentence, 0, max(anchor, 0) + 1):
            phrase = _source_phrase(m.group(1))
            if phrase:
                return _claimant(phrase, actors)
    verbs = list(_REPORT_VERB.finditer(low, 0, anchor))
    for verb in reversed(verbs):
        phrase = _subject_before(sentence, verb.start())
        if phrase is None:
            continue
        if speaker and _names_same(phrase, speaker) and _fuller(speaker, phrase):
            return speaker, attribution.side
        return _claimant(phrase, actors)
    trailing = _TRAILING_SOURCE.search(sentence, max(anchor, 0))
    source = _source_phrase(trailing.group(1)) if trailing is not None else None
    if source:
        return _claimant(source, actors)
    if speaker:
        return speaker, attribution.side
    conjoined = _conjoined_subject(sentence, verbs[-1].start()) if verbs else None
    if conjoined:
        return _claimant(conjoined, actors)
    if document_source:
        return document_source, None
    return None, None


def _fuller(name: str, than: str) -> bool:
    """Does ``name`` say more than ``than`` ("Council of Nations Observer Mission" than "the mission")?"""
    return len(set(name.lower().split()) - {"the"}) > len(set(than.lower().split()) - {"the"})


def _names_same(phrase: str, speaker: str) -> bool:
    """Do a source phrase and a resolved speaker share a word ("the mission", "the Observer Mission")?"""
    return bool(set(phrase.lower().split()) & set(speaker.lower().split()) - {"the", "of"})


def _side_from_words(words: str, actors: ActorTable) -> str | None:
    matches = actors.find(words)
    return matches[-1].actor.side if matches else None


_BY_WHOM = re.compile(r"\b(?:by|from)\s+(?:the\s+)?([\w'’ -]{2,60})")


def figure_side(category: str, counted: Counted | None, before: str, after: str, sentence: str,
                actors: ActorTable, claimant_side: str | None, inherited: str | None) -> str:
    """Whose people, places or forces: the noun's own modifier first, then the clause around it."""
    phrase = counted.phrase if counted else ""
    own = _side_from_words(phrase, actors)
    noun = counted.noun if counted else ""
    if counted is None and inherited:
        return inherited
    if category in ("displaced",):
        return "civilians"
    if counted is not None and counted.noun_class == "people" and category in ("killed", "wounded"):
        return own if own and own != "civilians" and noun in ("ukrainians", "russians") else "civilians"
    if own and own != "civilians":
        return own
    if category == "structures_damaged":
        return own or "civilians"
    if category == "shelling_incidents":
        by = _BY_WHOM.search(after)
        if by:
            side = _side_from_words(by.group(1), actors)
            if side:
                return side
        side = _side_from_words(before, actors)
        return side or "unknown"
    if phrase and any(p in phrase.lower().split() for p in _POSSESSIVE) and claimant_side:
        return claimant_side
    if category == "places_shelled":
        return claimant_side or "unknown"
    side = _side_from_words(before, actors)
    return side or claimant_side or "unknown"


@lru_cache(maxsize=256)
def _numbers(sentence: str) -> tuple[NumberMention, ...]:
    """Numbers of a sentence, found once however many figures and checks ask for them."""
    return tuple(find_numbers(sentence))


def _candidates(sentence: str, low: str) -> list[Candidate]:
    """Numbers that may be figures, and "a civilian", "one soldier", "some"; ``low`` is ``fold(sentence)``."""
    found: list[Candidate] = []
    for num in _numbers(sentence):
        if num.kind not in ("count", "weak"):
            continue
        found.append(_candidate(num.start, num.end, num.value, num.low, num.high, num.qualifier, num.text, "", -1))
    taken = [(c.start, c.end) for c in found]
    for pattern, needles in _SINGULARS:
        if not any(word in low for word in needles):
            continue
        for m in pattern.finditer(low):
            if any(s <= m.start() < e for s, e in taken):
                continue
            num_start, num_end = m.span("num")
            found.append(_candidate(num_start, num_end, 1, 1, 1, "exact", sentence[num_start:num_end],
                                   sentence[m.start("noun"):m.end("noun")].lower(), m.end("noun")))
            taken.append((m.start("num"), m.end("num")))
    for m in _BARE_SOME.finditer(low) if any(word in low for word in _SOME_WORDS) else ():
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in taken):
            continue
        found.append(_candidate(m.start(1), m.end(1), 3, 3, None, "vague", sentence[m.start(1):m.end(1)], "", -1))
    found = [c for c in found if not (c.value == 1 and _NEGATED_ONE.search(low, 0, c.start))]
    found.sort(key=lambda c: c.start)
    return found


def _is_weak(c: Candidate) -> bool:
    return bool(_VAGUE_WORD.match(c.number_text)) or c.number_text.lower() in ("a", "an", "one")


_COUNT_WORD = re.compile(r"\b(?:number|numbers|total|toll|count|figure|tally)\b", re.IGNORECASE)
_TOLL_BEFORE = re.compile(r"\btoll\b[^.;:]*\b(?:to|at|of|reached|hit|was|is)\s*$")  # in folded text
_CLAUSE_HEAD_WORDS = 24


def _clause_head(sentence: str, start: int) -> str:
    """The words of the clause before ``start``, further back than ``_clause_before`` (up to a semicolon)."""
    head = sentence[:start]
    head = head[max(head.rfind(";"), head.rfind(":")) + 1:]
    return " ".join(head.split()[-_CLAUSE_HEAD_WORDS:])


_PUT_AT_CLASSES = frozenset("personnel people incident place structure death wound".split())
_FORCE_WORDS = frozenset("force forces contingent".split())  # "put the total force at 110,000"
_AT_END = re.compile(r"\b(?:at|to|of)\s*[\"\u201c\u2018']?\s*$", re.IGNORECASE)  # 'put the toll at "well over"


def _inherited(text: str, cand: Candidate, before: str, after: str, last_counted: Counted | None,
               last_category: str | None, actors: ActorTable) -> tuple[Counted | None, str | None]:
    """A number whose noun stands elsewhere: "the number of soldiers ... at 34,000", "a further 40,000 remain",
    "4,000 dead; Tessk has acknowledged 612"."""
    head = _clause_head(text, cand.start)
    if _TOLL_BEFORE.search(fold(head)):
        return None, "killed"  # "The death toll from Sunday's shelling of the market rose to 57"
    if _AT_END.search(before):
        # the noun in the last few words ("soldiers killed at 1,000"), or further back in the clause when a word
        # for the count stands between ("the number of people it has evacuated since ... has doubled to 4,000")
        near = len(head) - len(before)
        counting = _COUNT_WORD.search(head) is not None
        words = list(_TOKEN.finditer(head))
        for m in reversed(words[:-1]):
            if m.start() < near and not counting:
                break
            cls = "personnel" if m.group().lower() in _FORCE_WORDS else _noun_class(m.group())
            if cls in _PUT_AT_CLASSES:  # "put the number of shelling incidents ... at 900"
                counted = _counted(m.group().lower(), cls, m.group(), cand.end)
                # what happened to them stands between the noun and the number: "soldiers killed at 1,000"
                return counted, classify(counted, head[: m.start()], f"{head[m.end():]} {after}", text)
    if last_counted is not None:
        return last_counted, classify(last_counted, before, after, text)
    if last_category is not None and len(after.split()) <= 2:
        return None, last_category
    return None, None


_LEADING_OF = re.compile(r"^of\s+")
_PART_OF = re.compile(r"\s+of\s+(?:its|their|the|his|her|our|some|about|around|nearly)?\s*")
_OF_THEM = re.compile(r"\s*of\s+(?:them|those|these|whom)\b", re.IGNORECASE)
_CASUALTY_VERB = re.compile(KILL_VERBS.pattern + "|" + WOUND_VERBS.pattern)


def _speaks_first(after: str) -> bool:
    """Does the person after "a"/"one" report something before anyone is killed or wounded in the clause?"""
    low = fold(after)
    verb = _REPORT_VERB.search(low)
    casualty = _CASUALTY_VERB.search(low)
    return verb is not None and (casualty is None or verb.start() < casualty.start())


def sentence_figures(sentence: Span, actors: ActorTable, attribution=None, inherited_claim=None) -> list[dict]:
    """Figures of one sentence, offsets into the article text.

    ``inherited_claim`` is the (claimant, side) of the previous sentence's figures in the same paragraph: a
    figure with no source of its own continues that report.
    """
    text = sentence.text
    low = fold(text)
    rows: list[dict] = []
    last_counted: Counted | None = None
    last_side: str | None = None
    last_category: str | None = None
    candidates = _candidates(text, low)
    totals = {nxt.start for cand, nxt in zip(candidates, candidates[1:], strict=False)
              if _PART_OF.fullmatch(text, cand.end, nxt.start)}
    for i, cand in enumerate(candidates):
        if cand.start in totals:
            continue  # "61 of its 740 houses": 740 is the whole, not a figure
        nxt = candidates[i + 1] if i + 1 < len(candidates) else None
        part_of = nxt is not None and nxt.start in totals
        counted = counted_noun(text, nxt.end if part_of else cand.end, actors)
        if counted is None and cand.noun:
            cls = _noun_class(cand.noun) or "people"
            counted = _counted(cand.noun, cls, text[cand.end:cand.noun_end].strip(), cand.noun_end)
        before = _clause_before(text, cand.start)
        after = _clause_after(text, counted.end if counted else cand.end)
        if counted is None and _is_weak(cand):
            continue
        if cand.number_text.lower() in ("a", "an", "one") and counted is not None:
            if counted.noun_class not in ("personnel", "people") and counted.noun not in SINGULAR_PERSONNEL:
                continue
        category = classify(counted, before, after, text)
        if category is None and last_category is not None and _OF_THEM.match(text, cand.end):
            category = last_category  # "two of them children", "about 95,000 of them across the border"
        inherited_noun = False
        if category is None and counted is None:
            counted, category = _inherited(text, cand, before, after, last_counted, last_category, actors)
            inherited_noun = counted is not None and counted is last_counted
        if category is None:
            if counted is not None:
                last_counted, last_side = counted, None
            continue
        if cand.number_text.lower() in ("a", "an") and category not in ("killed", "wounded"):
            continue
        if cand.noun and _speaks_first(after):
            continue  # "a senior officer, speaking on condition of anonymity, put the number killed at ...": a source
        claimant, claimant_side = figure_claimant(text, cand.start, attribution, actors, low)
        owned = claimant is not None and claimant.split(" ", 1)[0].lower() in _POSSESSIVE
        if (claimant is None or owned) and inherited_claim is not None:
            claimant, claimant_side = inherited_claim  # "Its patrols reported ...": the source before
        claimant = claimant or "article"
        bare = counted is not None and counted.noun_class in ("death", "wound") and counted.phrase == counted.noun
        own_counted = None if bare else counted
        subject_counted = own_counted or last_counted
        if inherited_noun and last_side:
            side = last_side
        else:
            side = figure_side(category, own_counted, before, after, text, actors, claimant_side, last_side)
        subject = (subject_counted.phrase if subject_counted else after.strip().split(" ", 1)[0]).strip(" ,.")
        subject = _LEADING_OF.sub("", subject)
        rows.append({
            "category": category, "value": cand.value, "value_low": cand.low, "value_high": cand.high,
            "qualifier": cand.qualifier, "subject": subject[:80], "side": side, "claimed_by": claimant,
            "sentence": text, "start": sentence.start + cand.start, "end": sentence.start + cand.end,
            "number_text": cand.number_text, "_anchor": cand.start, "_claimant_side": claimant_side,
        })
        if own_counted is not None:
            last_counted = own_counted
        last_side, last_category = side, category
    return rows


def extract_figures(
    text: str,
    actors: ActorTable,
    published: dt.date | None,
    attributions: Sequence | None = None,
) -> list[dict]:
    """Every figure mention in a cleaned article, in text order (one row per mention)."""
    if attributions is None:
        from .statements import sentence_attributions

        attributions = sentence_attributions(text, actors)
    by_start = {a.start: a for a in attributions}
    rows: list[dict] = []
    inherited: tuple[str, str | None] | None = None
    previous_end = -1
    for sent in _bounded(sentences(text)):
        if "\n" in text[previous_end:sent.start] if previous_end >= 0 else False:
            inherited = None  # a new paragraph: no carried source
        previous_end = sent.end
        low = fold(sent.text)
        if not _may_hold_figure(sent.text, low):
            inherited = None
            continue
        found = sentence_figures(sent, actors, by_start.get(sent.start), inherited)
        inherited = None
        numbers_at = [r["_anchor"] for r in found] + [m.start for m in _numbers(sent.text) if m.kind == "count"]
        for row in found:
            anchor = row.pop("_anchor")
            period = _figure_period(sent.text, low, published, anchor, numbers_at)
            row["period_start"] = period.start if period else None
            row["period_end"] = period.end if period else None
            row["period_words"] = period.words if period else ""
            rows.append(row)
            if row["claimed_by"] != "article":
                inherited = (row["claimed_by"], row.pop("_claimant_side", None))
            row.pop("_claimant_side", None)
    return rows


MAX_SENTENCE_CHARS = 1500  # real sentences are far shorter; longer runs (no punctuation) are cut into windows


def _bounded(spans: list[Span], limit: int = MAX_SENTENCE_CHARS) -> list[Span]:
    """Sentences, with any run longer than ``limit`` cut at spaces into windows of at most ``limit``.

    Per-sentence work grows with the number of figures times the sentence length; bounding the length keeps
    a megabyte with no full stop linear instead of quadratic.
    """
    out: list[Span] = []
    for span in spans:
        if span.end - span.start <= limit:
            out.append(span)
            continue
        start, text = span.start, span.text
        offset = 0
        while offset < len(text):
            cut = len(text) if len(text) - offset <= limit else text.rfind(" ", offset + 1, offset + limit)
            if cut <= offset:
                cut = min(len(text), offset + limit)
            piece = text[offset:cut]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                out.append(Span(start + offset + lead, start + offset + lead + len(stripped), stripped))
            offset = cut
    return out


def _figure_period(sentence: str, low: str, published: dt.date | None, anchor: int, numbers_at: list[int]):
    """The figure's period; an expression beyond another number ("150,000 now, up from 100,000 in January")
    belongs to that number, so the figure keeps the publication date. ``low`` is ``fold(sentence)``."""
    if published is None:
        return None
    period = dates.resolve_period(sentence, published, anchor=anchor)
    if period.offset is not None and period.offset < anchor and _NOW.search(_clause_after(low, anchor)[:80]):
        # "struck the town 19 times last week, and 25,000 troops are now massed": "now" is the figure's own time
        if any(o < anchor for o in numbers_at):  # the expression dates the number before
            return dates.Period(published, published, "", None)
    if period.offset is not None and period.offset > anchor:
        said_when = _REPORT_VERB.search(low, max(0, period.offset - 25), period.offset)
        between = [o for o in numbers_at if anchor < o < period.offset]
        if between and not said_when and "," in sentence[anchor:between[0]]:
            # the figure's own words end at that number: a statement date before it still holds
            return dates.resolve_period(sentence[:between[0]], published, anchor=anchor)
    return period


_NOW = re.compile(r"\b(?:now|currently|at present)\b")  # in folded text
_DIGIT = re.compile(r"\d")
#: Number words (as word starts: "fifteen", "tens") and casualty words, searched in the folded sentence.
_FIGURE_HINT = re.compile(
    r"\b(?:" + word_trie("""one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
    billion dozen score several handful""".split()) + r"|tens\b|few\b)"
    r"|\b(?:killed|wounded|injured|hurt|died|dead)\b")


def _may_hold_figure(sentence: str, low: str) -> bool:
    """Cheap pre-check: a number, or a casualty word for "a civilian was killed" / "some were injured"."""
    return bool(_DIGIT.search(sentence) or _FIGURE_HINT.search(low))
