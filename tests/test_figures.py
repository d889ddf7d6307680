"""Figures: category, value, hedge and side from the words around each number (our own sentences)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontline.actors import load_actors
from frontline.figures import counted_noun, extract_figures

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "data" / "raw" / "sample"
ACTORS = load_actors(SAMPLE / "actors.csv")
P = dt.date(2031, 3, 16)  # a Sunday


def figs(text: str, published: dt.date | None = P) -> list[tuple]:
    return [(r["category"], r["value"], r["qualifier"]) for r in extract_figures(text, ACTORS, published, [])]


def one(text: str) -> dict:
    rows = extract_figures(text, ACTORS, P, [])
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Varenia has massed about 100,000 troops near the border.", [("troops", 100000, "approx")]),
        ("They include 30,000 troops, elite units and KV-12 jets.", [("troops", 30000, "exact")]),
        ("Tessk has gathered some 1.5 million soldiers.", [("troops", 1500000, "approx")]),
        ("Two of its soldiers had been killed and 12 wounded.", [("killed", 2, "exact"), ("wounded", 12, "exact")]),
        ("Three soldiers were killed and eight were wounded overnight.",
         [("killed", 3, "exact"), ("wounded", 8, "exact")]),
        ("The army recorded 84 cases of shelling by separatists.", [("shelling_incidents", 84, "exact")]),
        ("Rebels opened fire on about 40 settlements along the front line.", [("places_shelled", 40, "approx")]),
        ("By evening, 57 artillery strikes had been launched against 13 villages and towns.",
         [("shelling_incidents", 57, "exact"), ("places_shelled", 13, "exact")]),
        ("Two civilians died and five residential buildings were destroyed.",
         [("killed", 2, "exact"), ("structures_damaged", 5, "exact")]),
        ("More than 30,000 people entered Belvary in the past 24 hours.", [("displaced", 30000, "at_least")]),
        ("Between 5,000 and 6,000 residents have been evacuated.", [("displaced", 5000, "range")]),
        ("Dozens of civilians were injured in the blast.", [("wounded", 12, "vague")]),
        ("Tens of thousands of refugees crossed into Belvary.", [("displaced", 10000, "vague")]),
        ("Some civilians were injured by falling glass.", [("wounded", 3, "vague")]),
        ("A civilian was killed when a shell hit a bus stop.", [("killed", 1, "exact")]),
        ("Up to 2,000 fighters are stationed in the town.", [("troops", 2000, "at_most")]),
        ("Two or three soldiers were wounded.", [("wounded", 2, "range")]),
        ("At least forty-two people were killed in the strikes.", [("killed", 42, "at_least")]),
        ("The shelling killed 12 civilians in Mirsk.", [("killed", 12, "exact")]),
    ],
)
def test_constructions(sentence, expected):
    assert figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The capital is 260 km from the border.",
        "The 12-day drills began on March 3 and the conflict has lasted eight years.",
        "In 2015 the council met at 6 p.m. and approved $2 billion in aid.",
        "Turnout was 64 percent in 12 regions of the country.",
        "They deployed KV-12 jets, S-400 systems and 300 tanks.",
        "Five drones were shot down and 82 mm mortars were found.",
        "Varenia has granted passports to more than 500,000 people in the territories.",
        "The two countries signed the deal; one of the parties objected.",
        "A 45-year-old man spoke to Channel-1 reporters.",
        "We need to see Varenia withdraw some of the troops it has deployed.",
    ],
)
def test_not_figures(sentence):
    assert figs(sentence) == []


def test_offsets_point_at_the_number_in_the_text():
    text = "Calm day.\nThe army said 12 soldiers were wounded near Mirsk."
    row = one(text)
    assert text[row["start"]:row["end"]] == row["number_text"] == "12"
    assert row["sentence"] == "The army said 12 soldiers were wounded near Mirsk."


def test_sides():
    assert one("Two Kardonian soldiers were killed.")["side"] == "kardonia"
    assert one("Two civilians were killed in Tessk.")["side"] == "civilians"
    assert one("More than 3,000 people fled the town.")["side"] == "civilians"
    assert one("Varenia has massed about 100,000 troops near the border.")["side"] == "varenia"
    assert one("Separatists carried out 30 attacks overnight.")["side"] == "separatists"


def test_subject_and_claimant_default():
    row = one("Two Kardonian soldiers were killed.")
    assert row["subject"] == "Kardonian soldiers" and row["claimed_by"] == "article"


def test_elliptical_figure_inherits_side_and_subject():
    rows = extract_figures("Two Kardonian soldiers have been killed and five wounded, he added.", ACTORS, P, [])
    assert [(r["category"], r["side"]) for r in rows] == [("killed", "kardonia"), ("wounded", "kardonia")]
    assert rows[1]["subject"] == "Kardonian soldiers"


def test_periods_come_from_the_sentence():
    row = one("Three soldiers were wounded in the last 24 hours.")
    assert (row["period_start"], row["period_end"]) == (dt.date(2031, 3, 15), P)
    row = one("Three soldiers were wounded.")
    assert (row["period_start"], row["period_end"], row["period_words"]) == (P, P, "")
    assert extract_figures("Three soldiers were wounded.", ACTORS, None, [])[0]["period_end"] is None


def test_counted_noun_skips_modifiers_and_stops_at_clause_breaks():
    s = "57 artillery strikes hit 13 Kardonian-held villages, officials said."
    assert counted_noun(s, 2).noun == "strikes"
    assert counted_noun(s, s.index("13") + 2).noun == "villages"
    assert counted_noun("12, soldiers", 2) is None
    assert counted_noun("84 cases of shelling", 2).noun_class == "incident"


def _run_against_gold(corpus: Path, gold: Path, tmp_path: Path) -> str:
    from frontline.evaluate import evaluate
    from frontline.pipeline import extract

    extract(corpus, tmp_path, progress=False)
    return evaluate(tmp_path, gold).scores


@pytest.mark.skipif(not (SHARED / "gold" / "seeds").is_dir(), reason="../shared (seed articles and gold) absent")
def test_seed_figures_quality(tmp_path):
    scores = _run_against_gold(SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds", tmp_path)
    assert scores["figures_f1"] >= 0.95
    assert scores["figures_qualifier_acc"] >= 0.9
    assert scores["figures_claimant_acc"] >= 0.8


@pytest.mark.skipif(not (SAMPLE / "gold" / "figures.csv").is_file(), reason="sample gold not present")
def test_sample_figures_quality(tmp_path):
    scores = _run_against_gold(SAMPLE, SAMPLE / "gold", tmp_path)
    assert scores["figures_f1"] >= 0.95
    assert scores["figures_qualifier_acc"] >= 0.9
    assert scores["figures_claimant_acc"] >= 0.8



def claimant(text: str) -> str:
    from frontline.statements import sentence_attributions

    rows = extract_figures(text, ACTORS, P, sentence_attributions(text, ACTORS))
    assert rows, text
    return rows[-1]["claimed_by"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Western officials estimate that between 25,000 and 30,000 Varenian soldiers are in Belvary.",
         "Western officials"),
        ("According to aid workers, more than 2,000 people fled the town.", "aid workers"),
        ("The border command logged 231 ceasefire violations and said 29 settlements came under fire.",
         "The border command"),
        ("Figures released by the regional police, valid as of noon, showed 48 artillery strikes.",
         "the regional police"),
        ("Belvary, Varenia’s closest ally, said on Saturday that 30,000 Varenian troops had arrived.", "Belvary"),
        ("The relief office, which is more cautious, has registered 31 500 arrivals.", "The relief office"),
        ("Nearly 300 buildings have been damaged, according to the governor, Nadia Pell.", "the governor Nadia Pell"),
        ("Tessk, citing no source, did not comment. Two soldiers were wounded on Monday.", "article"),
        ("Officials estimate Varenian losses at between 4,000 and 7,000 dead; Tessk has acknowledged 612.", "Tessk"),
        ("The SPR claims Kardonian shelling killed four civilians.", "The SPR (Sarn People's Republic)"),
        # the outer subject, past a relative clause, when the nearer verb's subject is "its teams"
        ("The Concord Observer Mission, which has patrolled the line since 2029, said its teams had recorded more "
         "than 400 ceasefire violations.", "The Concord Observer Mission (Northern Concord)"),
        ("The Harrow Pact, a regional alliance that Kardonia hopes to join, said it would send 1,500 troops.",
         "The Harrow Pact"),
        ("By the Concord mission's count, there were 612 ceasefire violations in the first week.",
         "the Concord mission (Northern Concord)"),
        ("412,000 people displaced from the eastern regions since 13 April (Office for Displaced Persons)",
         "Office for Displaced Persons"),
        ("The Office for Displaced Persons (ODP) says 310,000 people have fled.",
         "The Office for Displaced Persons (ODP)"),
        ("The health cluster has verified 9 attacks on hospitals.", "health cluster"),
        ("Lantern Relief's Amara Felsted, back from Gerzen, described the town as empty. She added that a further "
         "40 homes there had been destroyed.", "Amara Felsted"),
        ("The ceasefire produced 612 violations in a week, fewer than the 2,870 recorded the week before.", "article"),
        ("The alliance will not send troops. But it has put 8,000 soldiers on higher readiness, Secretary General "
         "Ilse Varga said.", "Ilse Varga"),
        ("Volunteers who, by the regional administration's count, have moved more than 9,000 people out of villages "
         "since March 1.", "the regional administration"),
        ("Concord defence ministers meeting in Calvaro agreed on Tuesday to deploy up to 4,500 additional troops.",
         "Concord defence ministers meeting in Calvaro"),
    ],
)
def test_claimants(text, expected):
    assert claimant(text) == expected


def test_a_possessive_subject_continues_the_source_before():
    text = ("The mission counted 1,140 violations along the line. "
            "Its patrols reported that 23 settlements had been shelled.")
    from frontline.statements import sentence_attributions

    rows = extract_figures(text, ACTORS, P, sentence_attributions(text, ACTORS))
    assert [(r["category"], r["claimed_by"]) for r in rows] == [
        ("shelling_incidents", "The mission"), ("places_shelled", "The mission")]


def test_claimant_carries_over_within_a_paragraph_only():
    text = ("The war has killed 1,150 civilians, according to the relief office. More than 14,000 buildings have "
            "been damaged or destroyed.\nTwelve homes were destroyed on Monday.")
    from frontline.statements import sentence_attributions

    rows = extract_figures(text, ACTORS, P, sentence_attributions(text, ACTORS))
    assert [r["claimed_by"] for r in rows] == ["the relief office", "the relief office", "article"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The death toll from the attack rose to 23.", [("killed", 23, "exact")]),
        ("Among the dead were three children.", [("killed", 3, "exact")]),
        ("Two people died and four were hospitalised after the shelling.",
         [("killed", 2, "exact"), ("wounded", 4, "exact")]),
        ("Kardonia says 137 Kardonians, including 10 officers, were killed on the first day.",
         [("killed", 137, "exact"), ("killed", 10, "exact")]),
        ("Some 2,000 civilians remain trapped in the city.", []),
        ("Rebels fired on Kardonian positions 70 times over the weekend.", [("shelling_incidents", 70, "exact")]),
        # a number with a noun of its own, of no category, does not take the noun of the figure before it
        ("Varenia has 85,000 troops at the border, two Concord officials told reporters.",
         [("troops", 85000, "exact")]),
        ("About 12,000 soldiers crossed with more than 150 armoured vehicles.", [("troops", 12000, "approx")]),
        ("The ministry says it killed 4,500 Kardonian troops and destroyed more than 60 tanks.",
         [("killed", 4500, "exact")]),
        ("About 3,000 soldiers arrived on Monday and a further 2,000 remain at the border.",
         [("troops", 3000, "approx"), ("troops", 2000, "exact")]),
        ('The ministry put the number of shelling incidents over the week at "around 900".',
         [("shelling_incidents", 900, "approx")]),
        ('Its spokesman put the total force inside Kardonia at "110,000 to 120,000".', [("troops", 110000, "range")]),
        ("The report counts the deaths of 11 civilians since the start of March.", [("killed", 11, "exact")]),
        ('The militia, which rarely admits losses, has acknowledged "several" dead.', [("killed", 3, "vague")]),
        ('The governor said "dozens" of apartment blocks had been hit.', [("structures_damaged", 12, "vague")]),
        ("Close to 9 000 persons have quit the town since Monday.", [("displaced", 9000, "approx")]),
        ("About 310,000 people have fled the region, about 95,000 of them across the border.",
         [("displaced", 310000, "approx"), ("displaced", 95000, "approx")]),
        ("The shelling caused damage to at least 9 residential buildings.", [("structures_damaged", 9, "at_least")]),
        ("The death toll from Sunday's shelling of the central market rose to 57 overnight.",
         [("killed", 57, "exact")]),
        ("The service says the number of people it has evacuated from the region since March 1 has doubled to 4,000.",
         [("displaced", 4000, "exact")]),
        ("Only about 9,000 of the town's pre-war population of 30,000 remained.", []),
        ("Eleven wounded are in our hospital, two of them children.",
         [("wounded", 11, "exact"), ("wounded", 2, "exact")]),
        ("Thousands of people are on the move.", [("displaced", 1000, "vague")]),
        ("The mission has recorded nine civilian deaths in rebel-held areas.", [("killed", 9, "exact")]),
        ("A 12,000-strong force has crossed so far.", [("troops", 12000, "exact")]),
        ("19: settlements in the Kolbeck district shelled in the past 48 hours", [("places_shelled", 19, "exact")]),
        ("The village has been shelled, and 61 of its 740 houses have been damaged or destroyed.",
         [("structures_damaged", 61, "exact")]),
        ("Volunteers have moved more than 9,000 people out of front-line villages.", [("displaced", 9000, "at_least")]),
        ("Hundreds have been killed and scores more injured.", [("killed", 100, "vague"), ("wounded", 20, "vague")]),
        ("Rebels violated the ceasefire 96 times over the weekend.", [("shelling_incidents", 96, "exact")]),
        # a person who reports is a source, not a casualty; the figure is what they put the toll at
        ("A senior officer, speaking on condition of anonymity, put the number of soldiers killed at "
         "\u201cwell over a thousand\u201d.", [("killed", 1000, "at_least")]),
    ],
)
def test_more_constructions(sentence, expected):
    assert figs(sentence) == expected


def test_a_period_beyond_another_number_belongs_to_that_number():
    rows = extract_figures("Tessk now has about 150,000 troops near the border, up from 100,000 in January.",
                           ACTORS, P, [])
    assert [(r["value"], r["period_end"]) for r in rows] == [(150000, P), (100000, dt.date(2031, 1, 31))]
    assert rows[1]["side"] == rows[0]["side"] == "varenia"


def test_a_statement_date_governs_every_figure_of_the_sentence():
    rows = extract_figures("A Kardonian soldier was killed and two others wounded, the command said on Friday.",
                           ACTORS, P, [])
    assert [(r["category"], r["value"], r["period_end"]) for r in rows] == [
        ("killed", 1, dt.date(2031, 3, 14)), ("wounded", 2, dt.date(2031, 3, 14))]


def test_relative_words_count_from_the_day_a_figure_was_stated():
    # P is Sunday 16 March 2031: Thursday is the 13th, and "since 1 March" runs to it, not to P
    rows = extract_figures("The relief office said on Thursday that 1.2 million people are now displaced, and that "
                           "164,000 have crossed into Belvary since 1 March.", ACTORS, P, [])
    assert [(r["value"], r["period_start"], r["period_end"]) for r in rows] == [
        (1200000, dt.date(2031, 3, 13), dt.date(2031, 3, 13)), (164000, dt.date(2031, 3, 1), dt.date(2031, 3, 13))]
    rows = extract_figures("Nearly 6,000 people had left by train since Monday, the railway company said on Wednesday.",
                           ACTORS, P, [])
    assert (rows[0]["period_start"], rows[0]["period_end"]) == (dt.date(2031, 3, 10), dt.date(2031, 3, 12))


def test_now_dates_a_figure_to_publication_past_an_earlier_figures_date():
    rows = extract_figures("Artillery struck the town 19 times last week, and about 25,000 troops are now massed "
                           "around it.", ACTORS, P, [])
    assert [(r["value"], r["period_end"]) for r in rows] == [(19, dt.date(2031, 3, 9)), (25000, P)]


def test_live_page_timestamps_are_not_part_of_the_claimant():
    assert claimant("11:02 The relief office says more than 210,000 people have fled.").lower() in (
        "relief office", "the relief office")
