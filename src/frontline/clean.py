"""Cleaning: label every raw line title / body / boilerplate, with the rule that decided it.

The rules are general — line shape, position, repetition across the corpus, widget phrases, caption
and credit patterns, the language of the line — never a list of particular lines. Every non-empty
raw line gets a row in ``lines`` (line numbers count from 1 over all raw lines), so a reader can
audit what was removed and why.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .dates import date_stamp
from .text import fold

# ---------------------------------------------------------------- line shapes

WIDGET_PATTERNS: tuple[tuple[str, str], ...] = (
    ("navigation", r"skip to (?:main )?(?:content|navigation)|jump to (?:content|navigation)|main menu|menu|home"),
    ("navigation", r"(?:back to )?top|next article|previous article|more stories|related(?: articles| stories| news)?"),
    ("navigation", r"read (?:more|next|also)(?:\s*:.*)?|see also(?:\s*:.*)?|most (?:read|popular)|trending(?: now)?"),
    ("navigation", r"read the full (?:story|article|interview|report)|continue reading"
                   r"|more (?:\w+ )?(?:reads|stories)"),
    ("reading time", r"\d+\s*(?:-\s*)?min(?:ute)?s?(?: read)?"
                     r"|(?:listen to (?:this|the full) (?:article|interview|story)|download (?:the )?mp3"
                     r"|play (?:audio|video))"
                     r"(?:\W+(?:\d[\d:]*\s*(?:min\w*)?|download (?:the )?mp3))*"),
    ("newsletter", r"(?:enter )?your e-?mail(?: address)?|sign up(?: now| here)?|unsubscribe(?: here)?"),
    ("language switcher", r"(?:leer|lire|lesen|leggi|ler|czytaj|read|читать|читати) (?:en|in|auf|em|по|w)\s+\w+"),
    ("language switcher", r"(?:english|español|français|deutsch|русский|українська)(?:\s*[|/·]\s*\w+)+"),
    ("share widget", r"share(?: this(?: article| story| page)?)?(?: on \w+)?|share via .*|tweet|email|print|copy link"),
    ("share widget", r"share(?: this(?: article| story| page)?)?\s*:\s*\w+(?:\s*[|/\u00b7,]\s*\w+)*"),
    ("share widget", r"reuse this (?:content|article)|save(?: for later)?|bookmark|listen(?: to this article)?"),
    ("live-page label", r"live|breaking(?: news)?|(?:last )?updated:? .*\d.*|just in"),
    ("share widget", r"(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|pinterest|x)(?:\s*[|/·]\s*\w+)*"),
    ("comment widget", r"leave a (?:reply|comment)|comments? (?:are|is) closed\.?|add (?:a )?comment|post a comment"),
    ("comment widget", r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?|view comments|show comments|reply|report"),
    ("comment widget", r"you must be logged in to post a comment\.?|cancel reply|log in to comment"),
    ("source link", r"source(?: link| site[\w\-]*|:\s*\S+(?:\s\S+){0,3})?"),
    ("advertisement", r"advertisement|sponsored(?: content)?|ad|promoted"),
    ("newsletter", r"(?:sign up|subscribe)(?: (?:to|for) (?:our|the) .*newsletter.*| now| here)?"),
    ("newsletter", r"follow (?:us|(?-i:[A-Z])[\w .'\u2019-]{0,30})(?:\s*(?:on|:)\s*.*)?|get the app|download the app"
                   r"|click here.*"),
    ("call to action", r"donate(?: now| today| here)?|support (?:us|our (?:work|journalism))"
                       r"|become a (?:member|supporter)"),
    ("contact line", r"(?:for )?(?:media|press) (?:enquiries|inquiries|contacts?)\s*:.*|contact(?: us)?\s*:\s*\S+@\S+"),
    ("comment widget", r"was this (?:article|story|page|fact[- ]check|answer) (?:useful|helpful)\??.*"),
)
_WIDGET_REASONS = {f"w{i}": reason for i, (reason, _) in enumerate(WIDGET_PATTERNS)}
_WIDGET_RE = re.compile(
    r"^\W*(?:" + "|".join(f"(?P<w{i}>{pat})" for i, (_, pat) in enumerate(WIDGET_PATTERNS)) + r")\W*$",
    re.IGNORECASE,
)

#: A comment section starts here; everything below is readers, not the article.
_COMMENT_SECTION = re.compile(
    r"^\W*(?:(?:comments?|reactions?|responses?)\s*\(\d+\)|\d+\s+(?:comments?|reactions?)|add (?:a )?comment|"
    r"leave a (?:reply|comment)|comments?|reactions|join the (?:conversation|discussion)|what do you think\??|"
    r"reader comments)\W*$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"(?:^|[\s.(])(?:photo(?:graph)?s?|pictures?|image|credit|foto|video|illustration|file photo)\s*:\s*\S"
    r"|\((?:photo|image|picture)(?: by)? [^)]*\)\s*$"
    r"|\b(?:getty images|afp via getty|via reuters|via ap|/\s*(?:ap|afp|reuters|epa|dpa|tass|getty)\b)"
    r"|[.!?)]\s*\u00a9\s*[^\u00a9.]{2,60}$"  # a caption ending with its credit: "... in Rilbeck. \u00a9 Agency / Name"
    r"|[.!?]\s+(?:photo|photograph|picture|image)s?\s+[\w.' -]{2,40}/\s*[\w.' -]{2,40}$",  # "Photo Agency / L. Brun"
    re.IGNORECASE,
)
_CREDIT = re.compile(r"^\W*\(?(?:reporting|writing|editing|additional reporting|compiled|written) by\b",
                     re.IGNORECASE)
_TRANSLATION_NOTE = re.compile(
    r"\b(?:translated (?:automatically|by machine|from \w+)|machine[- ]translat\w+|"
    r"this (?:article|story) (?:was|has been) translated)", re.IGNORECASE)
_RELATED_BLOCK = re.compile(
    r"^\W*(?:related(?: articles| stories| coverage| \w+(?: \w+)?)?|read (?:also|more|next)|more on this(?: story)?|"
    r"see also|recommended|you may also like|most read|further reading|more from (?-i:[A-Z])[\w .'\u2019-]{1,40}"
    r"|more (?:\w+ )?(?:reads|stories|articles|fact checks))\W*$", re.IGNORECASE)
#: Longer lines that are the page talking about itself: update notices and lists of links.
_PAGE_NOTICES = (
    ("live-page label",
     r"this is an? (?:breaking|developing)(?: news)? (?:story|report)(?:,? (?:and|which) (?:will|may) be updated)?"
     r"|this (?:story|article|report) (?:will be|is being) updated.*|more to follow|(?:this is a )?developing story"
     r"|refresh for (?:the )?latest(?: updates)?"),
    ("related-links list",
     r"(?:related(?: articles| stories| coverage| news)?|more from (?-i:[A-Z])[\w .'\u2019-]{1,40}"
     r"|more on this(?: story)?)\s*:.*"),
    ("correction note", r"(?:this|an earlier version of this) (?:article|story|report) (?:was|has been) "
                        r"(?:amended|corrected|updated)\b.*|correction\s*:.*"),
    ("editorial standards", r"our (?:standards|editorial (?:standards|policy|principles))\s*:.*"),
)
#: Notices found anywhere in a line, each with words one of which every match holds (the search runs only then).
_NOTICES_ANYWHERE = (
    ("cookie notice", ("cookie", "privacy policy"),
     re.compile(r"we use cookies|uses cookies|cookie policy|accept cookies|privacy policy", re.IGNORECASE)),
    ("newsletter", ("inbox", "receiving this", "unsubscribe"),
     re.compile(r"\b(?:in your inbox|you are receiving this (?:e-?mail|newsletter)|unsubscribe at any time)\b",
                re.IGNORECASE)),
    ("call to action", ("donate",), re.compile(r":\s*donate(?: now| today)?\W*$", re.IGNORECASE)),
)
#: An e-mail address or a telephone number: a contact line or a sign-up box, not the article.
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\b(?:tel|phone|fax)\.?\s*:?\s*\+?\d", re.IGNORECASE)
_CONTACT_MAX_WORDS = 25
#: A line of widget words set off by bars or dots: "Print this page | Share | Subscribe to press releases".
_WIDGET_ITEM = re.compile(
    r"^\W*(?:share|print|save|email|e-mail|copy link|gift this article|subscribe|download|listen|reply|report|"
    r"like|follow|facebook|x|twitter|telegram|whatsapp|linkedin|youtube|instagram|yes|no)\b", re.IGNORECASE)
_PAGE_NOTICE_RE = re.compile(
    r"^\W*(?:" + "|".join(f"(?P<n{i}>{pat})" for i, (_, pat) in enumerate(_PAGE_NOTICES)) + r")\W*$", re.IGNORECASE)
_PAGE_NOTICE_REASONS = {f"n{i}": reason for i, (reason, _) in enumerate(_PAGE_NOTICES)}
_PAGE_NOTICE_MAX_WORDS = 30

#: "By Jane Roe and John Doe", "By Miriam Achterberg, Diplomatic Editor", "Photographs by Agnes Tolliver".
_BYLINE = re.compile(
    r"^(?i:by|(?:photo(?:graph)?s|pictures|words|text|video|interview)\s+by)\s+"
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|The|Then|Now|Contrast|Comparison)\b)"
    r"[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|and|&|de|van|von|der|al|el|bin|da|di|le|la))*"
    r"(?:\s*(?:,|\band\b|&|/|\bin\b)\s*[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|and|&))*)*\s*$")
_COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)
_INNER_SENTENCE = re.compile(r"\w[.!?][ \t]+[A-Z]")  # "... in three weeks. Its people ...": a standfirst
_BREADCRUMB = re.compile(r"^\W*\w+(?:[ '’-]\w+){0,2}(?:\s+[|>›»/\u00b7\u2022]\s+\w+(?:[ '’-]\w+){0,2})+\W*$")
_TAG_PREFIX = re.compile(r"^\W*(?:tags?|topics?|keywords?|filed under|categories)\s*:", re.IGNORECASE)
_GLUED_WORDS = re.compile(r"[a-z][A-Z]")
_BRACKETED = re.compile(r"^\s*\[[^\]]{1,60}\]\s*$")
_BULLET = re.compile(r"^\s*[•·▪●◦‣∙*]\s*\S")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+([^|–—]{1,40})$")
_TITLE_PREFIX = re.compile(r"^([^:]{3,60}):\s+(\S.*)$")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in a is that for on it with as was he said by at from his be has have are "
                    "an this not but they were had their will its we who which would been or after".split()),
    "es": frozenset("el la de que y en los del se las por un para con una su al lo como más pero sus le ya o "
                    "este dice por ahora no desplegará leer español está".split()),
    "fr": frozenset("le la les de des du et est un une dans pour que qui sur pas au aux avec ce il elle "
                    "lire en français son ses sont".split()),
    "de": frozenset("der die das und ist nicht mit von den dem des ein eine zu im auf für sich auch es "
                    "lesen auf deutsch wird sind".split()),
    "it": frozenset("il lo la gli le di che e un una per con non del della sono nel leggi italiano".split()),
    "pt": frozenset("o os as de do da dos das em um uma para com não que se por ler português".split()),
}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@dataclass(frozen=True)
class CleanOptions:
    """Cleaning knobs (the notebook's parameters cell and the CLI expose them)."""

    repeat_min_docs: int = 3          # a short line in this many articles is site furniture
    repeat_max_words: int = 12
    crosshead_max_words: int = 12
    language: str = "en"


@dataclass(frozen=True)
class LineLabel:
    line_no: int
    label: str
    reason: str
    text: str


@dataclass(frozen=True)
class CleanResult:
    title: str
    text: str
    language: str
    lines: tuple[LineLabel, ...]


def line_key(line: str) -> int:
    """64-bit hash of a line with Unicode forms, whitespace and case folded (str.split is re's \\s)."""
    folded = " ".join(unicodedata.normalize("NFKC", line).split()).lower()
    return int.from_bytes(hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest(), "big")


_KEY_BLOCK = 1 << 20  # keys held in memory before they go to DuckDB


def is_content_line(line: str) -> bool:
    """Non-empty in the gold sense: a line holding only a no-break space still counts."""
    return line.strip(" \t\r\n") != ""


def article_line_keys(raw: str, options: CleanOptions = CleanOptions()) -> set[int]:
    """Keys of an article's short lines, each once: its share of the corpus-wide count of repeated lines."""
    return {line_key(ln) for ln in raw.split("\n") if ln.strip() and len(ln.split()) <= options.repeat_max_words}


class LineKeyCount:
    """In how many articles each short line occurs, counted exactly but out of core: a million articles hold
    tens of millions of distinct short lines, so the keys go to DuckDB a block at a time and only the repeated
    ones come back."""

    def __init__(self, spill_dir=None):
        import pyarrow as pa

        from .tables import BlockTable

        self._keys = BlockTable("line_keys", pa.schema([("k", pa.uint64())]), _KEY_BLOCK, spill_dir)

    def add(self, keys: Iterable[int]) -> None:
        """One article's :func:`article_line_keys`."""
        self._keys.extend(keys)

    def repeated(self, min_docs: int) -> frozenset[int]:
        """The keys found in at least ``min_docs`` articles."""
        try:
            if not self._keys.spilled:
                return frozenset(k for k, n in Counter(self._keys.pending).items() if n >= min_docs)
            found = self._keys.query("SELECT k FROM line_keys GROUP BY k HAVING count(*) >= $n", {"n": min_docs})
            return frozenset(k for (k,) in found)
        finally:
            self.close()

    def close(self) -> None:
        self._keys.close()


def repeated_line_keys(raws: Iterable[str], options: CleanOptions = CleanOptions()) -> frozenset[int]:
    """Keys of short lines that recur in several articles of the corpus (navigation, footers)."""
    count = LineKeyCount()
    try:
        for raw in raws:
            count.add(article_line_keys(raw, options))
        return count.repeated(options.repeat_min_docs)
    finally:
        count.close()


_WORD_LANGS: dict[str, frozenset[str]] = {}
for _lang, _words in STOPWORDS.items():
    for _w in _words:
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, frozenset()) | {_lang}


def _language_hits(words: list[str]) -> dict[str, int]:
    """How many of ``words`` are common words of each language (uncommon words are filtered out in C)."""
    hits = dict.fromkeys(STOPWORDS, 0)
    for w in filter(_WORD_LANGS.__contains__, words):
        for lang in _WORD_LANGS[w]:
            hits[lang] += 1
    return hits


_HEAD = 20_000  # characters read to detect an article's language


def detect_language(text: str) -> str:
    """The language whose common words dominate (a cheap detector that needs no model)."""
    head = text[:_HEAD]
    return _dominant_language(_WORDS.findall(head.lower()), len(_CYRILLIC.findall(head)), len(head))


def _dominant_language(words: list[str], n_cyrillic: int, length: int) -> str:
    """``detect_language`` from the words of a text (lower case), its count of Cyrillic letters and its length."""
    if not words:
        return ""
    if n_cyrillic > length * 0.3:
        return "ru"
    scores = _language_hits(words)
    best = max(sorted(scores), key=lambda lang: scores[lang])
    return best if scores[best] else ""


def _line_words(line: str) -> list[str]:
    """The words of a line, lower case, as the language tests count them."""
    low = line.lower()
    return (_ASCII_WORDS if low.isascii() else _WORDS).findall(low)


_ASCII_WORDS = re.compile(r"[a-z]+(?:'[a-z]+)?")  # _WORDS on lower-case ASCII text, which it scans faster


def is_other_language(line: str, language: str, words: list[str] | None = None) -> bool:
    """A line mostly in another language than the article (translated headlines, switchers).

    ``words`` are the line's ``_line_words`` when the caller has them already.
    """
    words = _line_words(line) if words is None else words
    if len(words) < 2:
        return False
    if language != "ru" and not line.isascii() and _CYRILLIC.search(line):
        letters = sum(ch.isalpha() for ch in line) or 1
        if len(_CYRILLIC.findall(line)) / letters > 0.5:
            return True
    own = STOPWORDS.get(language, frozenset())
    own_hits = sum(map(own.__contains__, words))
    n_foreign = sum(map(_WORD_LANGS.__contains__, words)) - own_hits
    if n_foreign < 2 or n_foreign <= own_hits:
        return False  # no language can reach two hits and outnumber the article's own
    foreign: dict[str, int] = {}
    for w in words:
        if w in own:
            continue
        for lang in _WORD_LANGS.get(w, ()):
            foreign[lang] = foreign.get(lang, 0) + 1
    return any(hits >= 2 and hits > own_hits for hits in foreign.values())


def boilerplate_reason(line: str, options: CleanOptions, language: str, words: list[str] | None = None) -> str | None:
    """Why a line (on its own) is boilerplate, or None (``words``: the line's ``_line_words``, if known)."""
    stripped = line.strip()
    if not stripped:
        return "blank: only a no-break or zero-width space"
    if not any(ch.isalnum() for ch in stripped):
        return "decoration: no letters or digits"
    n_words = len(stripped.split())
    if n_words <= 8:
        widget = _WIDGET_RE.match(stripped)
        if widget:
            return _WIDGET_REASONS[widget.lastgroup]
    # Cheap tests first: the word counts, and a word or mark that every match of the pattern contains.
    low = fold(stripped)
    if n_words <= 25 and _may_be_copyright(low) and _COPYRIGHT.search(stripped):
        return "copyright line"
    if n_words <= 40 and _CREDIT.match(stripped):
        return "reporting credit"
    if n_words <= _PAGE_NOTICE_MAX_WORDS and (notice := _PAGE_NOTICE_RE.match(stripped)):
        return _PAGE_NOTICE_REASONS[notice.lastgroup or ""]
    for reason, needles, pattern in _NOTICES_ANYWHERE if n_words <= _PAGE_NOTICE_MAX_WORDS else ():
        if any(needle in low for needle in needles) and pattern.search(stripped):
            return reason
    if n_words <= _CONTACT_MAX_WORDS and _may_be_contact(low) and _CONTACT.search(stripped):
        return "contact line"
    separated = "|" in stripped or "\u00b7" in stripped or "\u2022" in stripped or "  " in stripped
    if separated and _is_widget_row(stripped):
        return "share widget"
    if n_words <= 14 and _BYLINE.match(stripped):
        return "byline"
    if n_words <= 30 and date_stamp(stripped) is not None:  # it checks for a year first
        return "date line"
    if separated and _is_page_meta(stripped):
        return "byline"
    if n_words <= 30 and "translat" in low and _TRANSLATION_NOTE.search(stripped):
        return "translation note"
    if _may_be_caption(low) and _CAPTION.search(stripped):
        return "photo caption or credit"
    if _TAG_PREFIX.match(stripped):
        return "tag list"
    if n_words <= 40 and not stripped.endswith((".", "?", "!")) and len(_GLUED_WORDS.findall(stripped)) >= 2:
        return "tag list (words run together)"
    if _BRACKETED.match(stripped):
        return "bracketed link"
    if n_words <= 24 and _BREADCRUMB.match(stripped):
        return "section label or breadcrumb"
    if is_other_language(stripped, language, words):
        return "other language (translated headline or switcher)"
    return None


def _may_be_contact(low: str) -> bool:
    """Whether a folded line holds what every ``_CONTACT`` match holds: an at sign or a word for a telephone."""
    return "@" in low or "tel" in low or "phone" in low or "fax" in low


def _is_widget_row(stripped: str) -> bool:
    """Two or more parts set off by bars or dots, most of them widget words ("Share | Print | Save")."""
    parts = [p for p in _ROW_SEPARATOR.split(stripped) if p.strip()]
    return len(parts) >= 2 and sum(bool(_WIDGET_ITEM.match(p)) for p in parts) * 2 > len(parts)


def _is_page_meta(stripped: str) -> bool:
    """Parts set off by bars or dots that are bylines, date lines, reading times or a one-word section:
    "By Johanna Reiss · Photographs by Matteo Ilves", "Published the 18/10/2034 at 07h12 | Region | By C. Ombrel"."""
    parts = [p.strip() for p in _ROW_SEPARATOR.split(stripped) if p.strip()]
    if len(parts) < 2:
        return False
    meta = [bool(_BYLINE.match(p) or date_stamp(p) or _READING_TIME.match(p)) for p in parts]
    return any(meta) and all(ok or len(p.split()) == 1 for ok, p in zip(meta, parts, strict=True))


_ROW_SEPARATOR = re.compile(r"\s[|\u00b7\u2022]\s|\s{2,}")
_READING_TIME = re.compile(r"^\d+\s*(?:-\s*)?min(?:ute)?s?(?: read)?$", re.IGNORECASE)


def _may_be_copyright(low: str) -> bool:
    """Whether a folded line holds what every ``_COPYRIGHT`` match holds."""
    return "\u00a9" in low or "(c)" in low or "copyright" in low or "all rights reserved" in low


def _may_be_caption(low: str) -> bool:
    """Whether a folded line holds what every ``_CAPTION`` match holds: a slash, an agency or a copyright sign,
    or a colon or a bracket with a word for a picture."""
    if "/" in low or "getty" in low or "via" in low or "\u00a9" in low:
        return True
    return (":" in low or ")" in low) and any(word in low for word in _PICTURE_WORDS)


_PICTURE_WORDS = ("photo", "picture", "image", "credit", "foto", "video", "illustration")


def _title_parts(title_line: str) -> tuple[str, list[str]]:
    """Headline without section labels, and the labels removed (" | Ukraine", "Conflict: ")."""
    title = title_line.strip()
    labels: list[str] = []
    for _ in range(_MAX_TITLE_LABELS):  # "Headline | Analysis | The Daily Courant": section, then site
        m = _TITLE_SUFFIX.search(title)
        if not (m and len(m.group(1).split()) <= 4 and not m.group(1).rstrip().endswith((".", "?", "!"))):
            break
        if labels and "|" not in m.group(0):
            break  # a second label only after a bar: "Talks - round two - live" keeps its dashes
        labels.insert(0, m.group(1).strip())
        title = title[: m.start()].strip()
    return title, labels


_MAX_TITLE_LABELS = 3
_LINK_MAX_WORDS = 15  # a headline in a list of links (it may end with "?")


def _strip_title_prefix(title: str, later_lines: set[str]) -> tuple[str, list[str]]:
    """Drop a leading "Section: " when the page repeats the section or the bare headline below."""
    m = _TITLE_PREFIX.match(title)
    if not m:
        return title, []
    prefix, rest = m.group(1).strip(), m.group(2).strip()
    if prefix.lower() in later_lines or rest.lower() in later_lines:
        return rest, [prefix]
    return title, []


def _looks_like_title(line: str) -> bool:
    stripped = line.strip()
    return 1 <= len(stripped.split()) <= 40 and any(ch.isalpha() for ch in stripped)


def _is_paragraph(stripped: str) -> bool:
    """A line of running text (not a headline, label or widget)."""
    n_words = len(stripped.split())
    return n_words >= 15 or (n_words >= 8 and stripped.endswith((".", "?", "!", "\"", "”")))


def _choose_title(content: list[tuple[int, str]], reasons: dict[int, str | None], title_hint: str) -> int | None:
    """Line number of the headline: the manifest title if given, else the fullest headline-shaped line
    above the first paragraph (mastheads, taglines and section labels above it are shorter)."""
    if title_hint:
        for line_no, line in content:
            if reasons[line_no] is None and _is_title_candidate(line.strip(), title_hint):
                return line_no
    header: list[tuple[int, str]] = []
    for line_no, line in content:
        if reasons[line_no] is not None:
            continue
        stripped = line.strip()
        if _is_paragraph(stripped):
            break
        header.append((line_no, stripped))
    shaped = [(n, ln) for n, ln in header if _looks_like_title(ln) and not ln.isupper() and not _BULLET.match(ln)]
    # a standfirst below the headline is a sentence or two: it ends with a full stop or holds one
    headlines = [(n, ln) for n, ln in shaped if not ln.endswith(".") and not _INNER_SENTENCE.search(ln)]
    if headlines:
        return max(headlines, key=lambda item: (len(item[1].split()), -item[0]))[0]
    if shaped:
        return max(shaped, key=lambda item: (not item[1].endswith("."), len(item[1].split()), -item[0]))[0]
    # no headline-shaped line above the first paragraph ("NORTHLIGHT", "LONG READ", then a long headline)
    fallback = None
    for line_no, line in content:
        stripped = line.strip()
        if reasons[line_no] is None and _looks_like_title(stripped):
            if not stripped.isupper():
                return line_no
            fallback = fallback or line_no
    return fallback


def clean_article(
    raw: str,
    *,
    title_hint: str = "",
    repeated: frozenset[int] = frozenset(),
    options: CleanOptions = CleanOptions(),
) -> CleanResult:
    """Label each raw line and assemble the cleaned body (one paragraph per line)."""
    raw_lines = raw.split("\n")
    content = [(i + 1, ln) for i, ln in enumerate(raw_lines) if is_content_line(ln)]
    words = [_line_words(ln) for _, ln in content]  # words never span lines: the detector and the lines share them
    if len(raw) <= _HEAD:
        n_cyrillic = sum(len(_CYRILLIC.findall(ln)) for _, ln in content if not ln.isascii())
        language = _dominant_language([w for ws in words for w in ws], n_cyrillic, len(raw)) or options.language
    else:
        language = detect_language(raw) or options.language
    lowered = {ln.strip().lower() for _, ln in content}

    reasons: dict[int, str | None] = {}
    for (line_no, line), line_words in zip(content, words, strict=True):
        reason = boilerplate_reason(line, options, language, line_words)
        if reason is None and repeated and len(line.split()) <= options.repeat_max_words and line_key(line) in repeated:
            reason = "repeated across the corpus"
        reasons[line_no] = reason
    title_line_no = _choose_title(content, reasons, title_hint)

    labels: dict[int, tuple[str, str]] = {}
    title = ""
    title_keys: set[str] = set()
    in_comments = False
    seen_body = False
    related_until = -1
    for line_no, line in content:
        stripped = line.strip()
        reason = reasons[line_no]
        if in_comments:
            labels[line_no] = ("boilerplate", "comment section")
            continue
        if title_line_no is not None and line_no > title_line_no and _COMMENT_SECTION.match(stripped):
            # "Comments (211)" between the headline and the first paragraph is a link to them, not them
            in_comments = seen_body
            labels[line_no] = ("boilerplate", "comment section starts" if seen_body else "link to the comments")
            continue
        if line_no == related_until + 1 and reason is None and len(stripped.split()) < _LINK_MAX_WORDS:
            reason = "related-links list"
        if _RELATED_BLOCK.match(stripped):
            reason = reason or "related-links list"
            related_until = line_no
        elif reason == "related-links list":
            related_until = line_no
        if line_no == title_line_no:
            head, section_labels = _title_parts(stripped)
            head, prefixes = _strip_title_prefix(head, lowered - {stripped.lower()})
            title = head
            title_keys = {stripped.lower(), head.lower(), *(s.lower() for s in section_labels + prefixes)}
            how = "matches manifest title" if title_hint else "headline above the first paragraph"
            labels[line_no] = ("title", how)
            continue
        if reason is None and title_line_no is not None and line_no < title_line_no:
            reason = "masthead or site header above the headline"
        if reason is None and title_line_no is not None and _repeats_title(stripped, title_keys, title):
            reason = "repeated headline or section label"
        labels[line_no] = ("boilerplate", reason) if reason else ("body", _body_reason(stripped, options))
        seen_body = seen_body or reason is None
    if title_hint and not title:
        title = title_hint.strip()
    _label_author_bio(content, labels)
    body = [_normalise_line(ln) for n, ln in content if labels[n][0] == "body"]
    lines = tuple(LineLabel(n, *labels[n], ln) for n, ln in content)
    return CleanResult(title=title, text="\n".join(b for b in body if b), language=language, lines=lines)


_BYLINE_NAME = re.compile(r"^\W*(?i:by)\s+([A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,3})")
_BIO_LINES = 2  # an author's note is one of the article's last paragraphs


def _label_author_bio(content: list[tuple[int, str]], labels: dict[int, tuple[str, str]]) -> None:
    """ "Jane Roe is the Sentinel's correspondent in ...": a closing note about the byline's author."""
    authors = [m.group(1) for n, ln in content if labels[n][0] == "boilerplate" and (m := _BYLINE_NAME.match(ln))]
    if not authors:
        return
    body = [(n, ln.strip()) for n, ln in content if labels[n][0] == "body"]
    for line_no, line in body[-_BIO_LINES:]:
        if any(line.startswith(f"{name} is ") or line.startswith(f"{name} was ") for name in authors):
            labels[line_no] = ("boilerplate", "note about the author")


def page_lines(cleaned: CleanResult) -> list[str]:
    """The raw lines from the top of the page to the article's last paragraph, comments excluded: where the
    page states its own date ("Published 12 April 2033", a byline with a date), boilerplate or not."""
    last_body = max((ln.line_no for ln in cleaned.lines if ln.label == "body"), default=0)
    return [ln.text for ln in cleaned.lines if ln.line_no <= last_body and not ln.reason.startswith("comment section")]


def _is_title_candidate(stripped: str, title_hint: str) -> bool:
    """Does this line carry the known headline (perhaps with a section label before or after it)?"""
    if title_hint:
        hint = title_hint.strip().lower()
        line = stripped.lower()
        return line.startswith(hint) or line.endswith(hint) or hint.startswith(_title_parts(stripped)[0].lower())
    return _looks_like_title(stripped)


def _repeats_title(stripped: str, title_keys: set[str], title: str) -> bool:
    low = stripped.lower()
    if low in title_keys:
        return True
    return len(low) >= 12 and title.lower().startswith(low) and len(low.split()) <= 6


def _body_reason(stripped: str, options: CleanOptions) -> str:
    if len(stripped.split()) <= options.crosshead_max_words and not stripped.endswith((".", "?", "!", ":", "\"", "”")):
        return "crosshead (sub-heading)"
    if _BULLET.match(stripped):
        return "list item"
    return "article text"


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")  # a space _SPACES would change
_DOUBLE_OPEN = re.compile(r"(?:(?<=^)|(?<=\s))''(?=\w)")
_ODD_QUOTES = str.maketrans({"\u201e": "\u201c", "\u201f": "\u201c", "\u2033": '"'})


def _normalise_line(line: str) -> str:
    """One paragraph: NFC, single spaces, consistent quote glyphs (``''`` and „ become real quotes)."""
    text = unicodedata.normalize("NFC", line)
    if "''" in text or "``" in text:
        text = _DOUBLE_OPEN.sub("\u201c", text.replace("``", "\u201c")).replace("''", "\u201d")
    if "\u201e" in text or "\u201f" in text or "\u2033" in text:
        text = text.translate(_ODD_QUOTES)
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return text.strip()


def count_words(text: str) -> int:
    return len(_WORDS.findall(text))
