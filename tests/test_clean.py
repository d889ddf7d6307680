"""Cleaning rules, one test each, on text we wrote; then the gold line labels of real articles."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from frontline.clean import (
    CleanOptions,
    boilerplate_reason,
    clean_article,
    detect_language,
    is_content_line,
    is_other_language,
    line_key,
    page_lines,
    repeated_line_keys,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OPTS = CleanOptions()


def labels(raw: str, **kwargs) -> dict[int, str]:
    return {ln.line_no: ln.label for ln in clean_article(raw, **kwargs).lines}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Skip to content", "navigation"),
        ("Leer en Español", "language switcher"),
        ("Lire en français", "language switcher"),
        ("Share on Facebook", "share widget"),
        ("Leave a Reply", "comment widget"),
        ("Comments are closed.", "comment widget"),
        ("Comments (3)", "comment widget"),
        ("Source link", "source link"),
        ("source site-7", "source link"),
        ("© Tessk Wire Agency GmbH", "copyright line"),
        ("All rights reserved. Reproduction prohibited.", "copyright line"),
        ("General Ilse Varga. Photograph: Pavel Orin/AP", "photo caption or credit"),
        ("Soldiers at a checkpoint near Lirovo. Photo: K. Demir/Reuters", "photo caption or credit"),
        ("Tags: Varenia, Kardonia, troops", "tag list"),
        ("drillsBelvaryKardoniatroopsVarenia President Malik", "tag list (words run together)"),
        ("[Video]", "bracketed link"),
        ("World | Europe", "section label or breadcrumb"),
        ("El ministerio dice que las tropas no se retirarán de la frontera", "other language"),
        ("\u00a0", "blank"),
        ("* * *", "decoration"),
        ("News | Opinion | Analysis | World | Culture | Subscribe", "section label or breadcrumb"),
        ("About us | Where we work | Donate | Press | Careers", "section label or breadcrumb"),
        ("By Hester Vale and Corin Mallory", "byline"),
        ("By Miriam Achterberg, Diplomatic Editor", "byline"),
        ("Photographs by Agnes Tolliver", "byline"),
        ("By ANDREW OSBORN", "byline"),
        ("April 7, 2033 10:32 GMT", "date line"),
        ("By Sunniva Ostrander \u00b7 3 May 2033 \u00b7 11 min read", "date line"),
        ("Share: Facebook | X | LinkedIn | Email", "share widget"),
        ("Donate now", "call to action"),
        ("For media enquiries: press@relief.example", "contact line"),
        ("This is a breaking news story and will be updated.", "live-page label"),
        ("Related: Kethmar crisis \u2013 what we know so far", "related-links list"),
        ("More from Northlight: The volunteers who drive into the shelling | Inside Ravna", "related-links list"),
        ("A volunteer unloads blankets at a centre in Rilbeck. \u00a9 Lantern Relief / Agnes Tolliver",
         "photo caption or credit"),
        ("The reception centre in the gymnasium, the 16/10/2034. Photo Messager / L. Brun", "photo caption or credit"),
        ("We use cookies to keep this site working and to understand how it is used. Accept all | Settings",
         "cookie notice"),
        ("This website uses cookies. By continuing to browse, you agree to our use of cookies.", "cookie notice"),
        ("4 minute read", "reading time"),
        ("Listen to this article \u00b7 14 min", "reading time"),
        ("Listen to the full interview (12:48) \u25b6 | Download MP3", "share widget"),
        ("Follow Tidewire on X and Telegram", "newsletter"),
        ("Follow us: Facebook | X | Telegram | YouTube", "share widget"),
        ("Enter your email address", "newsletter"),
        ("Get it in your inbox every weekday morning, free.", "newsletter"),
        ("Tel.: +899 21 440 1180 (24 hours) | Fax: +899 21 440 1199", "contact line"),
        ("Spotted a claim you want us to check? Write to tips@desk.example", "contact line"),
        ("Print this page | Share | Subscribe to press releases", "share widget"),
        ("Share this long read | Gift this article | Save", "share widget"),
        ("Share this article: Facebook  X  WhatsApp  Email  Copy link", "share widget"),
        ("Was this fact check useful? Yes | No", "comment widget"),
        ("Support independent fact-checking: Donate", "call to action"),
        ("This article was amended on October 12, 2034 to correct the spelling of a name.", "correction note"),
        ("Our Standards: The Tidewire Trust Principles.", "editorial standards"),
        ("By Johanna Reiss \u00b7 Photographs by Matteo Ilves", "byline"),
        ("Published the 18/10/2034 at 07h12 | Region | By Claire Ombrel", "date line"),
        ("World \u00b7 Europe \u00b7 Long Reads \u00b7 Opinion \u00b7 Culture", "section label or breadcrumb"),
        ("More long reads", "navigation"),
    ],
)
def test_boilerplate_rules(line, reason):
    assert reason in (boilerplate_reason(line, OPTS, "en") or "")


@pytest.mark.parametrize(
    "line",
    [
        "The Kardonian army said 12 soldiers had been wounded in the shelling.",
        "Sarn rebels claim gains",  # a crosshead stays in the article
        "Malik: talks are over",
        "Residents fled 🙏 as the shelling resumed overnight.",
        "“We will not retreat,” the general said.",
        "Share prices fell as the fighting resumed near the border, traders said.",
        "By Monday the troops had left the town.",
        "By heavy shelling and sheer numbers, the army pushed on.",
        "By contrast, the ministry said nothing.",
        "Troops crossed the border on 12 April 2033, the ministry said.",
        "More from the ministry: three villages were shelled overnight, it said.",
        "Follow the money, the investigators say, and the trail leads to the capital.",
        "Officials said they would share the figures with the mission and print the list.",
        "Residents who fled told the Sentinel they would not return before winter.",
    ],
)
def test_article_lines_are_not_boilerplate(line):
    assert boilerplate_reason(line, OPTS, "en") is None


def test_no_break_space_line_counts_as_content():
    assert is_content_line("\u00a0") and not is_content_line("   ") and not is_content_line("")


def test_language_detection():
    assert detect_language("The army said that the troops were sent to the border on Sunday.") == "en"
    assert is_other_language("Las tropas de Varenia no se retirarán de la frontera", "en")
    assert not is_other_language("Varenia: Lirovo talks collapse", "en")


RAW = """Skip to content

World | Europe
Varenia says troops will stay | Kardonia

Varenia dice que sus tropas se quedarán en la frontera

The Varenian defence ministry said on Monday its troops would remain.

Officers at the border. Photo: A. Petrov/AP

Talks stall

“We are not leaving,” the minister said.

Comments (2)
  • reader42
    Nonsense, they left already.
"""


def test_whole_article_labels_and_text():
    result = clean_article(RAW)
    got = {ln.line_no: (ln.label, ln.reason) for ln in result.lines}
    assert got[1][0] == "boilerplate" and got[3][0] == "boilerplate"
    assert got[4] == ("title", "headline above the first paragraph")
    assert result.title == "Varenia says troops will stay"
    assert got[6][0] == "boilerplate" and "other language" in got[6][1]
    assert got[10][0] == "boilerplate" and got[12] == ("body", "crosshead (sub-heading)")
    assert all(got[n][0] == "boilerplate" for n in (16, 17, 18))
    assert result.text.split("\n") == [
        "The Varenian defence ministry said on Monday its troops would remain.",
        "Talks stall",
        "“We are not leaving,” the minister said.",
    ]


def test_section_prefix_removed_when_repeated_below():
    raw = "Border crisis: Tessk sends more troops\n\nBorder crisis\nTessk sends more troops\n\nBody text here.\n"
    result = clean_article(raw)
    assert result.title == "Tessk sends more troops"
    assert [ln.label for ln in result.lines] == ["title", "boilerplate", "boilerplate", "body"]


def test_colon_title_kept_when_not_repeated():
    result = clean_article("Malik: talks are over\n\nBody text here.\n")
    assert result.title == "Malik: talks are over"


def test_manifest_title_picks_the_title_line():
    raw = "Menu\n\nSkip to content\n\nTroops stay on\n\nBody.\n"
    assert labels(raw, title_hint="Troops stay on")[5] == "title"


def test_lines_repeated_across_the_corpus_are_boilerplate():
    footer = "Subscribe to The Steppe Ledger weekly digest today"
    body = "The regional governor said on Monday that the evacuation of the border villages would continue all week."
    raws = [f"Headline number {i} here\n\n{body} ({i})\n\n{footer}\n" for i in range(3)]
    repeated = repeated_line_keys(raws)
    result = clean_article(raws[0], repeated=repeated)
    assert [(ln.label, ln.reason) for ln in result.lines][-1] == ("boilerplate", "repeated across the corpus")
    assert clean_article(raws[0]).lines[-1].label == "body"


def test_repeated_line_counts_spread_over_many_key_blocks(monkeypatch):
    """Keys go to DuckDB a block at a time; counting across blocks finds exactly what one block finds."""
    import frontline.clean as clean_module

    raws = [f"Title {i}\n\nShared footer line\n\nOnly in {i % 4}\n\n{'word ' * 30}{i}\n" for i in range(12)]
    expected = repeated_line_keys(raws)
    monkeypatch.setattr(clean_module, "_KEY_BLOCK", 2)
    assert repeated_line_keys(raws) == expected
    assert expected == {line_key("Shared footer line"), *(line_key(f"Only in {k}") for k in range(4))}


def test_quote_glyphs_and_whitespace_normalised():
    result = clean_article("Title here\n\n„Quoted”  text\u00a0with ''odd'' marks.\n")
    assert result.text == "“Quoted” text with “odd” marks."


def _gold_rows(folder: Path) -> list[dict]:
    with (folder / "lines.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _check_against_gold(corpus: Path, gold: Path) -> None:
    raws = {p.name.removesuffix(".txt"): p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))}
    repeated = repeated_line_keys(raws.values())
    predicted = {
        (doc_id, ln.line_no): ln.label
        for doc_id, raw in raws.items()
        for ln in clean_article(raw, repeated=repeated).lines
    }
    wrong = [
        f"{r['doc_id']}:{r['line_no']} gold={r['label']} got={predicted.get((r['doc_id'], int(r['line_no'])))}"
        for r in _gold_rows(gold)
        if predicted.get((r["doc_id"], int(r["line_no"]))) != r["label"]
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.skipif(not (SHARED / "gold" / "seeds").is_dir(), reason="../shared (seed articles and gold) absent")
def test_seed_lines_match_gold():
    _check_against_gold(SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds")


@pytest.mark.skipif(not (ROOT / "data" / "raw" / "sample" / "gold" / "lines.csv").is_file(),
                    reason="sample gold not present")
def test_sample_lines_match_gold():
    _check_against_gold(ROOT / "data" / "raw" / "sample", ROOT / "data" / "raw" / "sample" / "gold")


def test_manifest_title_found_behind_a_section_prefix():
    raw = "Border crisis: Tessk sends more troops\n\nBorder crisis\nTessk sends more troops\n\nBody text here.\n"
    result = clean_article(raw, title_hint="Tessk sends more troops")
    assert [ln.label for ln in result.lines][:3] == ["title", "boilerplate", "boilerplate"]
    assert result.title == "Tessk sends more troops"


def test_comment_count_above_the_article_is_a_link_not_the_comment_section():
    raw = ("Ambrava war live: forces push towards Pazenka\n\nShare\nComments (211)\n\n"
           "17.40 Monitors counted 143 attacks in the past 24 hours, the mission said on Saturday.\n\n"
           "16.30 Three civilians were wounded in Pazenka, regional officials said.\n\n"
           "Comments (211)\nhal_from_selin: 143 attacks in a day and nothing happens.\n")
    cleaned = clean_article(raw)
    labels = {ln.line_no: (ln.label, ln.reason) for ln in cleaned.lines}
    assert labels[4] == ("boilerplate", "link to the comments")
    assert labels[6][0] == labels[8][0] == "body"
    assert labels[10] == ("boilerplate", "comment section starts") and labels[11][1] == "comment section"
    assert "hal_from_selin" not in cleaned.text and "143 attacks in the past 24 hours" in cleaned.text


def test_page_lines_end_with_the_article_and_leave_out_comments():
    raw = ("Headline of the day\nPublished 12 April 2033\n\nThe first paragraph of the article runs on here.\n\n"
           "Comments\nreader: posted 13 April 2033\n")
    lines = page_lines(clean_article(raw))
    assert lines == ["Headline of the day", "Published 12 April 2033",
                     "The first paragraph of the article runs on here."]


def test_headline_loses_its_section_and_site_labels():
    raw = ("Why the ceasefire is dying, and what Korvast wants | Analysis | The Daily Courant\n\n"
           "The numbers from the line of contact tell a story of a truce unravelling week by week, officials say.\n")
    assert clean_article(raw).title == "Why the ceasefire is dying, and what Korvast wants"
    dashes = ("Talks in Ravna - round two - what comes next\n\n"
              "The delegations met again on Monday in the capital, officials said.\n")
    assert clean_article(dashes).title == "Talks in Ravna - round two - what comes next"


def test_headline_is_not_a_masthead_a_menu_a_standfirst_or_a_bullet():
    magazine = ("NORTHLIGHT\nMagazine | Long reads | Essays\n\nLONG READ\n\n"
                "\u2018We left the soup on the stove\u2019: the border town where the war arrives by bus\n\n"
                "Rilbeck has doubled in size in three weeks. Its people are tired and furious\n\n"
                "The first bus from the east arrives in Rilbeck a little after seven in the morning, every day.\n")
    cleaned = clean_article(magazine)
    assert cleaned.title.startswith("\u2018We left the soup")
    assert {ln.line_no: ln.label for ln in cleaned.lines}[1] == "boilerplate"
    update = ("Lantern Relief\nAbout us | Where we work | Donate | Press | Careers\n\n"
              "Ambrava: Humanitarian Situation Update No. 6\n\nIssued: 28 April 2033\n\nKEY FIGURES\n"
              "\u2022 412,000 people displaced from the eastern regions since 13 April (ODP)\n"
              "\u2022 At least 640 civilians killed and 1,900 injured since 13 April (CN human rights office)\n\n"
              "Hostilities intensified sharply during the reporting period along the front, monitors said.\n")
    assert clean_article(update).title == "Ambrava: Humanitarian Situation Update No. 6"


def test_closing_note_about_the_bylines_author_is_boilerplate():
    raw = ("The border town where the war arrives by bus\nBy Jane Roe \u00b7 3 May 2033\n\n"
           "The first bus from the east arrives a little after seven in the morning, every day of the week.\n\n"
           "Jane Roe is the Sentinel's correspondent in the borderlands.\n")
    labels = {ln.line_no: (ln.label, ln.reason) for ln in clean_article(raw).lines}
    assert labels[6] == ("boilerplate", "note about the author") and labels[4][0] == "body"
    without_byline = raw.replace("By Jane Roe \u00b7 3 May 2033", "")
    assert {ln.line_no: ln.label for ln in clean_article(without_byline).lines}[6] == "body"


def test_reactions_start_the_comment_section_and_related_links_may_end_with_a_question_mark():
    raw = ("Troops mass at the border as talks stall\n\n"
           "About 12,000 soldiers crossed the border on Monday, officials said, and more were on their way.\n\n"
           "Read more:\nInside Dovrin, a city waiting for the next shell\n"
           "Who is Yarin Solberg, the combative foreign minister?\n\n"
           "Reactions (2)\nG\u00e9rard: 12 500 refugees and nobody asks us.\n")
    labels = {ln.line_no: (ln.label, ln.reason) for ln in clean_article(raw).lines}
    assert labels[5][0] == "boilerplate" and labels[6] == labels[7] == ("boilerplate", "related-links list")
    assert labels[9] == ("boilerplate", "comment section starts") and labels[10][1] == "comment section"
