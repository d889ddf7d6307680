"""Tests for frontline.dates: file names, time expressions, figure periods and publication dates.

All sentences here are written for the tests; none is taken from the seed articles.
"""

from __future__ import annotations

import dataclasses
import datetime
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontline.dates import (
    Period,
    date_from_filename,
    date_stamp,
    find_time_expressions,
    infer_published,
    page_date,
    resolve_period,
)

D = datetime.date

# Publication dates used throughout: month and year boundaries, a Monday, a Sunday, a Saturday, a leap day.
MAR1 = D(2022, 3, 1)  # Tuesday, day after the end of February
JAN1 = D(2023, 1, 1)  # Sunday, first day of a year
MON = D(2022, 2, 21)  # Monday
SUN = D(2022, 2, 20)  # Sunday
SAT = D(2022, 2, 19)  # Saturday
THU = D(2022, 2, 24)  # Thursday
LEAP = D(2024, 3, 1)  # Friday after 29 February

SEEDS = Path("/work/shared/corpus/seeds")
SEED_WINDOW = (D(2022, 1, 1), D(2022, 3, 31))


# ---------------------------------------------------------------------------------------------------------
# Period
# ---------------------------------------------------------------------------------------------------------


def test_period_is_frozen_with_slots():
    p = Period(SUN, SUN, "on Sunday", 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.start = MON  # type: ignore[misc]
    assert not hasattr(p, "__dict__")
    assert [f.name for f in dataclasses.fields(Period)] == ["start", "end", "words", "offset"]


# ---------------------------------------------------------------------------------------------------------
# date_from_filename
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("20220219T090000Z_x.txt", D(2022, 2, 19)),
        ("20220219_x", D(2022, 2, 19)),
        ("2022-02-19_x.txt", D(2022, 2, 19)),
        ("2022_02_19", D(2022, 2, 19)),
        ("2022/02/19/slug", D(2022, 2, 19)),
        ("x-2022-02-19.txt", D(2022, 2, 19)),
        ("2022.02.19-report.html", D(2022, 2, 19)),
        ("2022-2-9_short.txt", D(2022, 2, 9)),
        ("data/raw/2022/02/18/20220219T0930_x.txt", D(2022, 2, 19)),  # the base name wins over folders
        ("C:\\scrape\\2021\\12\\31\\story.txt", D(2021, 12, 31)),
        ("2022-02-19T09:00:00Z_x.json", D(2022, 2, 19)),
        ("news_19991231.txt", D(1999, 12, 31)),
        ("2024-02-29_leap.txt", D(2024, 2, 29)),
    ],
)
def test_date_from_filename_forms(name, expected):
    assert date_from_filename(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "2022-02-30_x.txt",  # impossible day
        "2023-02-29_x.txt",  # not a leap year
        "20221301_x.txt",  # month 13
        "12345678_x.txt",  # a bare number, not a date
        "99999999.txt",
        "000_60420f276f909c9f.txt",  # hexadecimal id
        "a1b20220219c.txt",  # digits glued inside an id
        "x_2022.txt",  # a year alone
        "2022-02-19_to_2022-02-20.txt",  # two different dates: refuse to guess
        "",
        "no digits at all",
        "2022/13/45/slug",
    ],
)
def test_date_from_filename_rejects(name):
    assert date_from_filename(name) is None


def test_date_from_filename_same_date_twice_is_fine():
    assert date_from_filename("20220219_2022-02-19.txt") == D(2022, 2, 19)


def test_date_from_filename_non_string():
    assert date_from_filename(None) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# find_time_expressions: every listed expression, several publication dates
# ---------------------------------------------------------------------------------------------------------

EXPRESSIONS = [
    # today and the night
    ("today", MAR1, MAR1, MAR1),
    ("today", JAN1, JAN1, JAN1),
    ("this morning", JAN1, JAN1, JAN1),
    ("this evening", MON, MON, MON),
    ("tonight", SUN, SUN, SUN),
    ("earlier today", MAR1, MAR1, MAR1),
    ("yesterday", MAR1, D(2022, 2, 28), D(2022, 2, 28)),
    ("yesterday", JAN1, D(2022, 12, 31), D(2022, 12, 31)),
    ("yesterday", LEAP, D(2024, 2, 29), D(2024, 2, 29)),
    ("last night", MAR1, D(2022, 2, 28), D(2022, 2, 28)),
    ("last night", JAN1, D(2022, 12, 31), D(2022, 12, 31)),
    ("overnight", MAR1, D(2022, 2, 28), MAR1),
    ("overnight", JAN1, D(2022, 12, 31), JAN1),
    ("the day before yesterday", MAR1, D(2022, 2, 27), D(2022, 2, 27)),
    ("the day before yesterday", JAN1, D(2022, 12, 30), D(2022, 12, 30)),
    ("the day before yesterday", LEAP, D(2024, 2, 28), D(2024, 2, 28)),
    ("tomorrow", MAR1, D(2022, 3, 2), D(2022, 3, 2)),
    # bare weekdays: the latest such day on or before P
    ("on Sunday", MAR1, D(2022, 2, 27), D(2022, 2, 27)),
    ("on Sunday", SUN, SUN, SUN),
    ("on Sunday", MON, SUN, SUN),
    ("on Sunday", JAN1, JAN1, JAN1),
    ("Sunday", SAT, D(2022, 2, 13), D(2022, 2, 13)),
    ("this Monday", MAR1, D(2022, 2, 28), D(2022, 2, 28)),
    ("this Monday", MON, MON, MON),
    ("this Monday", SUN, D(2022, 2, 14), D(2022, 2, 14)),
    ("this Monday", JAN1, D(2022, 12, 26), D(2022, 12, 26)),
    ("on Wednesday evening", MAR1, D(2022, 2, 23), D(2022, 2, 23)),
    ("on Wednesday evening", JAN1, D(2022, 12, 28), D(2022, 12, 28)),
    ("Monday night's speech", MAR1, D(2022, 2, 28), D(2022, 2, 28)),
    ("Monday night\u2019s speech", MON, MON, MON),
    # last / next weekday: strictly before / strictly after P
    ("last Monday", MAR1, D(2022, 2, 28), D(2022, 2, 28)),
    ("last Monday", MON, D(2022, 2, 14), D(2022, 2, 14)),
    ("last Monday", JAN1, D(2022, 12, 26), D(2022, 12, 26)),
    ("next Monday", MAR1, D(2022, 3, 7), D(2022, 3, 7)),
    ("next Monday", MON, D(2022, 2, 28), D(2022, 2, 28)),
    ("next Monday", JAN1, D(2023, 1, 2), D(2023, 1, 2)),
    # future tense: the next such day on or after P
    ("The envoys will meet on Monday", MAR1, D(2022, 3, 7), D(2022, 3, 7)),
    ("The envoys will meet on Monday", MON, MON, MON),
    ("The envoys will meet on Monday", JAN1, D(2023, 1, 2), D(2023, 1, 2)),
    ("Talks are due to resume on Friday", SUN, D(2022, 2, 25), D(2022, 2, 25)),
    ("Talks are due to resume on Friday", LEAP, LEAP, LEAP),
    ("Ministers plan to travel on Thursday", MAR1, D(2022, 3, 3), D(2022, 3, 3)),
    ("Troops are expected to withdraw on Saturday", MAR1, D(2022, 3, 5), D(2022, 3, 5)),
    ("The drills end on Sunday", THU, D(2022, 2, 27), D(2022, 2, 27)),
    ("The summit will be opened on Friday", MAR1, D(2022, 3, 4), D(2022, 3, 4)),
    ("On Monday, the leaders will meet again", MAR1, D(2022, 3, 7), D(2022, 3, 7)),
    # a past verb between the future marker and the day keeps it past
    ("The army will not say how many were killed on Sunday", MAR1, D(2022, 2, 27), D(2022, 2, 27)),
    ("On Sunday, the envoy said Moscow will respond", MAR1, D(2022, 2, 27), D(2022, 2, 27)),
    # hours and days back
    ("in the last 24 hours", MAR1, D(2022, 2, 28), MAR1),
    ("in the last 24 hours", JAN1, D(2022, 12, 31), JAN1),
    ("in the last 24 hours", LEAP, D(2024, 2, 29), LEAP),
    ("in the past 24 hours", MON, SUN, MON),
    ("over the past day", JAN1, D(2022, 12, 31), JAN1),
    ("in the last 48 hours", MAR1, D(2022, 2, 27), MAR1),
    ("in the last 48 hours", JAN1, D(2022, 12, 30), JAN1),
    ("in the previous 72 hours", MON, D(2022, 2, 18), MON),
    ("in the past week", MAR1, D(2022, 2, 22), MAR1),
    ("in the past week", JAN1, D(2022, 12, 25), JAN1),
    ("over the past seven days", LEAP, D(2024, 2, 23), LEAP),
    ("in the past two weeks", MAR1, D(2022, 2, 15), MAR1),
    ("the past few days", MAR1, D(2022, 2, 26), MAR1),
    # weeks, weekends, months, years
    ("last week", MAR1, D(2022, 2, 21), D(2022, 2, 27)),
    ("last week", JAN1, D(2022, 12, 19), D(2022, 12, 25)),
    ("last week", MON, D(2022, 2, 14), SUN),
    ("this week", MAR1, D(2022, 2, 28), MAR1),
    ("this week", JAN1, D(2022, 12, 26), JAN1),
    ("this week", MON, MON, MON),
    ("next week", JAN1, D(2023, 1, 2), D(2023, 1, 8)),
    ("earlier this week", MAR1, D(2022, 2, 28), MAR1),
    ("earlier this week", THU, MON, THU),
    ("over the weekend", MAR1, D(2022, 2, 26), D(2022, 2, 27)),
    ("over the weekend", JAN1, D(2022, 12, 31), JAN1),
    ("over the weekend", MON, SAT, SUN),
    ("over the weekend", SAT, SAT, SAT),
    ("last weekend", MON, SAT, SUN),
    ("last weekend", SUN, D(2022, 2, 12), D(2022, 2, 13)),
    ("earlier this month", MAR1, MAR1, MAR1),
    ("earlier this month", MON, D(2022, 2, 1), MON),
    ("this month", JAN1, JAN1, JAN1),
    ("this month", THU, D(2022, 2, 1), THU),
    ("last month", MAR1, D(2022, 2, 1), D(2022, 2, 28)),
    ("last month", JAN1, D(2022, 12, 1), D(2022, 12, 31)),
    ("last month", LEAP, D(2024, 2, 1), D(2024, 2, 29)),
    ("Russia will hold more drills next month", MAR1, D(2022, 4, 1), D(2022, 4, 30)),
    ("this year", MAR1, D(2022, 1, 1), MAR1),
    ("this year", JAN1, JAN1, JAN1),
    ("last year", JAN1, D(2022, 1, 1), D(2022, 12, 31)),
    ("in February", MON, D(2022, 2, 1), MON),
    ("February 2022", MAR1, D(2022, 2, 1), D(2022, 2, 28)),
    # since
    ("since Thursday", MAR1, D(2022, 2, 24), MAR1),
    ("since Thursday", SUN, D(2022, 2, 17), SUN),
    ("since Thursday", THU, THU, THU),
    ("since Thursday", JAN1, D(2022, 12, 29), JAN1),
    ("since February 17", MAR1, D(2022, 2, 17), MAR1),
    ("since February 17", JAN1, D(2022, 2, 17), JAN1),
    ("since 17 February", SUN, D(2022, 2, 17), SUN),
    ("since the start of the year", MAR1, D(2022, 1, 1), MAR1),
    ("since the start of the year", JAN1, JAN1, JAN1),
    ("since yesterday", JAN1, D(2022, 12, 31), JAN1),
    ("since last week", MAR1, D(2022, 2, 21), MAR1),
    ("since January", MAR1, D(2022, 1, 1), MAR1),
    ("since 6 a.m. on Saturday", MON, SAT, MON),
    # as of
    ("as of 6 p.m. local time on Sunday", SUN, SUN, SUN),
    ("as of 6 p.m. local time on Sunday", MAR1, D(2022, 2, 27), D(2022, 2, 27)),
    ("as of 18:00 Kyiv time on Friday", MON, D(2022, 2, 18), D(2022, 2, 18)),
    # explicit dates
    ("February 10", MAR1, D(2022, 2, 10), D(2022, 2, 10)),
    ("February 10", JAN1, D(2023, 2, 10), D(2023, 2, 10)),  # 325 days back is too far: nearest instead
    ("Feb. 21", MAR1, D(2022, 2, 21), D(2022, 2, 21)),
    ("21 February", MAR1, D(2022, 2, 21), D(2022, 2, 21)),
    ("21 February 2022", JAN1, D(2022, 2, 21), D(2022, 2, 21)),
    ("February 21, 2022", JAN1, D(2022, 2, 21), D(2022, 2, 21)),
    ("on 2022-02-21", JAN1, D(2022, 2, 21), D(2022, 2, 21)),
    ("on 21.02.2022", MAR1, D(2022, 2, 21), D(2022, 2, 21)),
    ("March 3rd", MAR1, D(2022, 3, 3), D(2022, 3, 3)),
    ("March 3rd", D(2022, 3, 5), D(2022, 3, 3), D(2022, 3, 3)),
    ("the 3rd of March", D(2022, 3, 5), D(2022, 3, 3), D(2022, 3, 3)),
    ("December 30", JAN1, D(2022, 12, 30), D(2022, 12, 30)),
    ("December 30", MAR1, D(2021, 12, 30), D(2021, 12, 30)),
    ("Tuesday, February 22", MAR1, D(2022, 2, 22), D(2022, 2, 22)),
    ("from February 18 to 20", MAR1, D(2022, 2, 18), D(2022, 2, 20)),
    ("February 18-20", MAR1, D(2022, 2, 18), D(2022, 2, 20)),
    ("between Friday and Sunday", MON, D(2022, 2, 18), SUN),
    ("between February 18 and 20", MAR1, D(2022, 2, 18), D(2022, 2, 20)),
    ("from 18 to 20 February", MAR1, D(2022, 2, 18), D(2022, 2, 20)),
    ("From Feb. 24 to March 2", D(2022, 3, 5), D(2022, 2, 24), D(2022, 3, 2)),
    ("Between 2014 and 2021", MAR1, D(2014, 1, 1), D(2021, 12, 31)),
    ("during 2014-2015", MAR1, D(2014, 1, 1), D(2015, 12, 31)),
    ("since 2014", MAR1, D(2014, 1, 1), MAR1),
    ("In 2015", MAR1, D(2015, 1, 1), D(2015, 12, 31)),
    ("The talks will resume on January 3", D(2022, 12, 28), D(2023, 1, 3), D(2023, 1, 3)),
    # ... ago
    ("3 days ago", MAR1, D(2022, 2, 26), D(2022, 2, 26)),
    ("two days ago", JAN1, D(2022, 12, 30), D(2022, 12, 30)),
    ("a week ago", MAR1, D(2022, 2, 22), D(2022, 2, 22)),
    ("a month ago", MAR1, D(2022, 2, 1), D(2022, 2, 1)),
]


@pytest.mark.parametrize(("text", "published", "start", "end"), EXPRESSIONS)
def test_expression(text, published, start, end):
    found = find_time_expressions(text, published)
    assert len(found) == 1, found
    period = found[0]
    assert (period.start, period.end) == (start, end)
    assert period.words and text[period.offset:period.offset + len(period.words)] == period.words


ALL_P = [MAR1, JAN1, MON, SUN, SAT, LEAP]


@pytest.mark.parametrize("published", ALL_P)
@pytest.mark.parametrize("text", ["today", "this morning", "this afternoon", "this evening", "tonight",
                                  "earlier today", "later today"])
def test_same_day_words(text, published):
    (period,) = find_time_expressions(f"Shelling resumed {text}.", published)
    assert (period.start, period.end, period.words) == (published, published, text)


@pytest.mark.parametrize("published", ALL_P)
@pytest.mark.parametrize(
    ("text", "back_start", "back_end"),
    [
        ("yesterday", 1, 1), ("yesterday evening", 1, 1), ("last night", 1, 1), ("overnight", 1, 0),
        ("during the night", 1, 0), ("the day before yesterday", 2, 2), ("in the last 24 hours", 1, 0),
        ("in the past 24 hours", 1, 0), ("over the past day", 1, 0), ("in the last 48 hours", 2, 0),
        ("in the past 72 hours", 3, 0), ("in the past week", 7, 0), ("over the past seven days", 7, 0),
        ("in the last 10 days", 10, 0), ("two days ago", 2, 2), ("a week ago", 7, 7), ("5 days ago", 5, 5),
    ],
)
def test_days_back(text, back_start, back_end, published):
    (period,) = find_time_expressions(f"Officials counted the attacks {text}.", published)
    assert period.start == published - datetime.timedelta(days=back_start)
    assert period.end == published - datetime.timedelta(days=back_end)


@pytest.mark.parametrize("published", ALL_P)
@pytest.mark.parametrize("weekday", range(7))
def test_bare_weekday_is_latest_on_or_before(published, weekday):
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]
    (past,) = find_time_expressions(f"Rebels shelled the town on {name}.", published)
    assert past.start == past.end and past.start.weekday() == weekday
    assert 0 <= (published - past.start).days <= 6
    (last,) = find_time_expressions(f"Rebels shelled the town last {name}.", published)
    assert 1 <= (published - last.start).days <= 7 and last.start.weekday() == weekday
    (future,) = find_time_expressions(f"The envoys will meet on {name}.", published)
    assert 0 <= (future.start - published).days <= 6 and future.start.weekday() == weekday
    (nxt,) = find_time_expressions(f"The envoys meet again next {name}.", published)
    assert 1 <= (nxt.start - published).days <= 7 and nxt.start.weekday() == weekday


def test_words_cover_the_whole_phrase():
    text = "Officials said that as of 6 p.m. local time on Sunday the shelling had stopped."
    (period,) = find_time_expressions(text, SUN)
    assert period.words == "as of 6 p.m. local time on Sunday"
    assert period.offset == text.index("as of")


def test_full_stop_after_a_month_name_is_not_part_of_it():
    (period,) = find_time_expressions("The currency has lost 11% since January.", MAR1)
    assert period.words == "since January"
    (period,) = find_time_expressions("It was signed on Feb. 21.", MAR1)
    assert period.words == "on Feb. 21"


def test_since_words_include_since():
    (period,) = find_time_expressions("Four were hurt since Saturday.", SUN)
    assert period.words == "since Saturday"
    assert (period.start, period.end) == (SAT, SUN)


@pytest.mark.parametrize(
    "text",
    [
        "The Sunday Times reported the story first.",
        "Russia Today broadcast the speech.",
        "The column will march 20 km to the border.",  # lower-case verb, not a month
        "Officials may 5 times revise the figure.",
        "Killed in 2015 attacks were many.",
        "S-400 batteries and Su-35 jets arrived; 30,000 troops took part.",
        "A 10-day exercise was announced.",
        "He spoke for 24 hours without a break.",
        "Bloody Sunday is remembered by the town.",
        "Nobody packs on the last day of the drills.",
        "In 2015 attacks were rare.",
        "",
        "No dates at all in this sentence.",
    ],
)
def test_not_time_expressions(text):
    assert find_time_expressions(text, MAR1) == []


def test_several_expressions_sorted_with_offsets():
    text = ("Since Thursday, shelling has hit 12 villages; on Saturday two died, and yesterday the army said "
            "it counted 40 attacks in the last 24 hours, the most this year.")
    found = find_time_expressions(text, SUN)
    assert [p.words for p in found] == [
        "Since Thursday", "on Saturday", "yesterday", "in the last 24 hours", "this year"]
    assert [p.offset for p in found] == sorted(p.offset for p in found)
    for p in found:
        assert text[p.offset:p.offset + len(p.words)] == p.words
    assert [(p.start, p.end) for p in found] == [
        (D(2022, 2, 17), SUN), (SAT, SAT), (SAT, SAT), (SAT, SUN), (D(2022, 1, 1), SUN)]


def test_weekday_joined_with_date():
    (period,) = find_time_expressions("It happened on Monday (Feb. 21) near the line.", MAR1)
    assert period.words == "on Monday (Feb. 21)"
    assert period.start == D(2022, 2, 21)


def test_unicode_spaces_keep_offsets():
    text = "Shelling\u00a0continued as of 6\u00a0p.m. on\u00a0Sunday, officials said."
    (period,) = find_time_expressions(text, SUN)
    assert text[period.offset:period.offset + len(period.words)] == period.words
    assert period.start == SUN


def test_extreme_publication_dates_do_not_raise():
    text = "yesterday, next year, since last week, in the past 10 years, tomorrow, last month, February 10"
    for published in (D.min, D.max, D(1, 1, 7), D(9999, 12, 25)):
        for p in find_time_expressions(text, published):
            assert p.start <= p.end


# ---------------------------------------------------------------------------------------------------------
# resolve_period
# ---------------------------------------------------------------------------------------------------------


def _at(sentence: str, word: str, published: datetime.date) -> Period | None:
    return resolve_period(sentence, published, anchor=sentence.index(word))


def test_resolve_period_needs_a_publication_date():
    assert resolve_period("Two died on Sunday.", None) is None


def test_resolve_period_defaults_to_publication_date():
    expected = Period(SUN, SUN, "", None)
    assert resolve_period("About 90,000 troops are massed near the border.", SUN) == expected
    assert resolve_period("", SUN) == expected


@pytest.mark.parametrize(
    ("sentence", "word", "published", "start", "end", "words"),
    [
        # the gold conventions, in sentences of our own
        ("Military officials reported on Tuesday that three soldiers died and 9 were hurt in the last "
         "24 hours, the worst toll this year.", "three", D(2022, 2, 22), D(2022, 2, 21), D(2022, 2, 22),
         "in the last 24 hours"),
        ("Military officials reported on Tuesday that three soldiers died and 9 were hurt in the last "
         "24 hours, the worst toll this year.", "9", D(2022, 2, 22), D(2022, 2, 21), D(2022, 2, 22),
         "in the last 24 hours"),
        ("Four border guards have died since Saturday and six were injured, the spokesman added.", "six",
         SUN, SAT, SUN, "since Saturday"),
        ("The command said that as of 6 p.m. local time on Sunday, 41 strikes had hit 9 villages.", "41",
         SUN, SUN, SUN, "as of 6 p.m. local time on Sunday"),
        ("The minister said Friday that a force of about 80,000 soldiers could be used.", "80,000",
         D(2022, 1, 29), D(2022, 1, 28), D(2022, 1, 28), "Friday"),
        # an event date beats the date of the statement
        ("The governor said on Monday that 4 people were killed on Sunday.", "4", MON, SUN, SUN, "on Sunday"),
        # a period in the clause beats a day elsewhere
        ("On Monday the ministry said 3 soldiers were killed in the past 48 hours.", "3", MON,
         D(2022, 2, 19), MON, "in the past 48 hours"),
        # the nearest expression of the anchor's own clause
        ("Yesterday, 5 were killed, and since Monday 20 were wounded.", "5", THU, D(2022, 2, 23),
         D(2022, 2, 23), "Yesterday"),
        ("Yesterday, 5 were killed, and since Monday 20 were wounded.", "20", THU, MON, THU, "since Monday"),
        ("Five soldiers died on Sunday, the army said, raising the toll since Thursday to 20.", "Five", SUN,
         SUN, SUN, "on Sunday"),
        ("Five soldiers died on Sunday, the army said, raising the toll since Thursday to 20.", "20", SUN,
         D(2022, 2, 17), SUN, "since Thursday"),
        # a leading time phrase belongs to the clause after it
        ("On Sunday, rebel officials said two civilians were killed.", "two", SUN, SUN, SUN, "On Sunday"),
        ("Over the weekend, some 2,000 residents fled the town.", "2,000", MON, SAT, SUN, "Over the weekend"),
        # a figure in another clause falls back to the sentence
        ("State television said over 10,000 people from the region crossed the border in the past 24 hours.",
         "10,000", SUN, SAT, SUN, "in the past 24 hours"),
        # future tense
        ("Another 2,000 troops will arrive on Monday.", "2,000", THU, D(2022, 2, 28), D(2022, 2, 28),
         "on Monday"),
        # a statement date is used when nothing else is there
        ("Officials told reporters on Wednesday that 150 houses were damaged.", "150", THU, D(2022, 2, 23),
         D(2022, 2, 23), "on Wednesday"),
        ("In a statement on Wednesday, the agency put the number of displaced at 7,000.", "7,000", THU,
         D(2022, 2, 23), D(2022, 2, 23), "on Wednesday"),
        # 'since' followed by a clause that carries the day
        ("The war has killed at least 900 civilians since the troops crossed the border on March 31.", "900",
         D(2022, 4, 14), D(2022, 3, 31), D(2022, 4, 14), "since the troops crossed the border on March 31"),
        # a year given as 'of 2009' governs a figure of a relative clause
        ("Analysts compare it with the valley war of 2009, which uprooted some 300,000 people.", "300,000",
         MAR1, D(2009, 1, 1), D(2009, 12, 31), "of 2009"),
        # year boundary
        ("At least 11 civilians were killed overnight, officials said.", "11", JAN1, D(2022, 12, 31), JAN1,
         "overnight"),
        ("Since December 24, 60 attacks were recorded.", "60", JAN1, D(2022, 12, 24), JAN1,
         "Since December 24"),
    ],
)
def test_resolve_period_rules(sentence, word, published, start, end, words):
    period = _at(sentence, word, published)
    assert period is not None
    assert (period.start, period.end, period.words) == (start, end, words)
    assert sentence[period.offset:period.offset + len(period.words)] == words


@pytest.mark.parametrize(
    ("sentence", "word", "published"),
    [
        # two subordinate clauses away: not the figure's time
        ("Officials put the force at 150,000 men, including reservists who were called up when the crisis "
         "began on Friday.", "150,000", D(2022, 2, 22)),
        # a future day does not date a figure whose verb is past
        ("Around 20,000 troops had arrived ahead of joint drills due to start on Monday.", "20,000", SAT),
        ("Ahead of Sunday's vote, some 300 observers arrived in the capital.", "300", THU),
    ],
)
def test_resolve_period_ignores_expressions_that_do_not_govern(sentence, word, published):
    assert _at(sentence, word, published) == Period(published, published, "", None)


def test_a_total_of_a_number_is_not_a_year():
    assert find_time_expressions("A total of 2015 were registered at the border.", MAR1) == []


def test_resolve_period_without_anchor_prefers_a_period():
    sentence = "The army said on Tuesday that 84 attacks were recorded in the last 24 hours."
    period = resolve_period(sentence, D(2022, 2, 22))
    assert period is not None and period.words == "in the last 24 hours"


def test_resolve_period_without_anchor_takes_the_first_day():
    period = resolve_period("On Sunday, and again on Monday, villages were hit.", MON)
    assert period is not None and period.words == "On Sunday"


@pytest.mark.parametrize("anchor", [-10, 0, 5, 10_000])
def test_resolve_period_odd_anchors(anchor):
    period = resolve_period("Two died on Sunday.", SUN, anchor=anchor)
    assert period is not None and period.start == SUN


def test_resolve_period_is_fast_enough():
    sentence = ("The general staff said on Tuesday that 12 soldiers had been wounded in the last 24 hours as "
                "shelling continued along the front line near the villages in the east of the country.")
    t0 = time.perf_counter()
    for _ in range(300):
        resolve_period(sentence, MAR1, anchor=40)
    assert time.perf_counter() - t0 < 5.0


# ---------------------------------------------------------------------------------------------------------
# infer_published: the seeds, manifest withheld
# ---------------------------------------------------------------------------------------------------------


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not available at {SEEDS} (shared folder absent)")
    files = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not files:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return files[0].read_text(encoding="utf-8")


def test_seed_004_is_dated_from_the_exercise_and_sundays():
    day, evidence = infer_published(_seed("004"), window=SEED_WINDOW)
    assert day == D(2022, 2, 20), evidence
    assert "2022-02-20" in evidence and "Sunday" in evidence


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_seeds_with_only_weekdays_are_not_dated(prefix):
    day, reason = infer_published(_seed(prefix), window=SEED_WINDOW)
    assert day is None
    assert reason


# ---------------------------------------------------------------------------------------------------------
# infer_published: synthetic texts
# ---------------------------------------------------------------------------------------------------------

DRILLS = ("The five-day naval drills, which started on March 2, conclude on Monday, the navy said.\n"
          "Warships were seen off the coast on Monday as the manoeuvres entered their final day.")


def test_consistent_evidence_is_dated():
    day, evidence = infer_published(DRILLS, window=(D(2022, 2, 1), D(2022, 4, 30)))
    assert day == D(2022, 3, 7)  # March 2 + 5 days, a Monday in 2022
    assert "five-day drills" in evidence and "2022-03-07" in evidence


def test_consistent_evidence_with_a_year_needs_no_window():
    text = DRILLS.replace("March 2,", "March 2, 2022,")
    assert infer_published(text)[0] == D(2022, 3, 7)


def test_event_end_weekday_picks_the_year():
    # A five-day event from March 2 ends on March 6 or 7. In 2021 those are Saturday and Sunday, so only
    # 2022 (7 March, a Monday) fits a 2021-2022 window; 2023 fits too (6 March 2023 is a Monday), so a window
    # reaching into 2023 is ambiguous and gives no date.
    assert infer_published(DRILLS, window=(D(2021, 1, 1), D(2022, 12, 31)))[0] == D(2022, 3, 7)
    assert infer_published(DRILLS, window=(D(2021, 1, 1), D(2023, 12, 31)))[0] is None


def test_event_whose_end_is_never_that_weekday_is_not_dated():
    text = DRILLS.replace("on Monday", "on Thursday")
    assert infer_published(text, window=(D(2022, 2, 1), D(2022, 4, 30)))[0] is None


def test_event_without_past_mention_of_its_end_day_is_ambiguous():
    text = "The five-day naval drills, which started on March 2, conclude on Monday, the navy said."
    day, reason = infer_published(text, window=(D(2022, 2, 1), D(2022, 4, 30)))
    assert day is None and "ambiguous" in reason


def test_two_events_are_not_linked():
    text = DRILLS + "\nA three-day summit, which opened on March 4, ends on Monday."
    assert infer_published(text, window=(D(2022, 2, 1), D(2022, 4, 30)))[0] is None


def test_weekday_named_with_a_date_does_not_fix_a_future_mention():
    # 'Monday, February 21' (past) and 'will resume on Monday' (the next Monday) are different days: the
    # article may be from any day of the week after 21 February, so no date.
    text = ("On Monday, February 21, the president recognised the two regions. Talks will resume on Monday, "
            "officials said. Shelling went on on Monday.")
    day, reason = infer_published(text, window=SEED_WINDOW)
    assert day is None and "ambiguous" in reason


def test_contradictory_evidence_is_not_dated():
    text = "KYIV, Feb 21 (Reuters) - Shelling grew after the talks on February 25 collapsed, officials said."
    day, reason = infer_published(text, window=SEED_WINDOW)
    assert day is None and "contradictory" in reason


def test_weekday_date_mismatch_is_not_dated():
    text = "On Monday, February 22, 2022, the decree was signed. Today, 24 February 2022, troops moved."
    assert infer_published(text)[0] is None  # 22 February 2022 was a Tuesday


def test_only_weekdays_are_not_dated():
    text = ("Officials said on Monday that talks would resume. On Tuesday, shelling continued. "
            "Protests on Sunday drew thousands, and the talks will resume on Sunday.")
    day, reason = infer_published(text, window=SEED_WINDOW)
    assert day is None and "no explicit date" in reason


def test_only_year_less_dates_without_window_are_not_dated():
    day, reason = infer_published("The blockade began on February 3 and still holds.")
    assert day is None and "no year" in reason


def test_explicit_date_with_year_and_today_is_dated():
    text = "Today, 24 February 2022, parliament declared a state of emergency across the country."
    day, evidence = infer_published(text)
    assert day == D(2022, 2, 24)
    assert "Today, 24 February 2022" in evidence


def test_yesterday_in_apposition():
    text = "The council met yesterday (February 20) and voted to send 300 observers."
    assert infer_published(text, window=SEED_WINDOW)[0] == D(2022, 2, 21)


def test_year_boundary():
    text = ("The three-day talks, which opened on December 30, end on Sunday, diplomats said. "
            "Delegates met again on Sunday behind closed doors.")
    day, evidence = infer_published(text, window=(D(2022, 12, 1), D(2023, 1, 31)))
    assert day == D(2023, 1, 1)
    assert "2023-01-01" in evidence
    assert infer_published(text)[0] is None  # no year anywhere and no window


def test_dateline():
    text = "KYIV, Feb 21 (Reuters) - Shelling continued on Monday along the front line."
    assert infer_published(text, window=SEED_WINDOW)[0] == D(2022, 2, 21)
    assert infer_published(text, window=(D(2023, 1, 1), D(2023, 3, 31)))[0] == D(2023, 2, 21)
    assert infer_published(text)[0] is None


def test_dateline_must_agree_with_weekdays_named_with_dates():
    text = "KYIV, Feb 21 (Reuters) - Troops moved on Tuesday, February 22, officials said."
    assert infer_published(text, window=SEED_WINDOW)[0] is None


def test_published_line():
    text = "Some headline\nFirst published on Sun 20 Feb 2022 10.45 GMT\nFighting went on on Sunday."
    assert infer_published(text)[0] == D(2022, 2, 20)


def test_posted_line_deep_in_the_comments_is_ignored():
    body = "\n".join(f"Paragraph {i} of the story." for i in range(60))
    text = body + "\nPosted on February 25, 2022 by a reader\nGreat article."
    assert infer_published(text, window=SEED_WINDOW)[0] is None


def test_window_bounds_the_search():
    text = "Today, 24 February 2022, parliament declared a state of emergency."
    assert infer_published(text, window=(D(2023, 1, 1), D(2023, 12, 31)))[0] is None


def test_infer_published_empty_and_odd_input():
    assert infer_published("")[0] is None
    assert infer_published("   \n ")[0] is None
    assert infer_published(None)[0] is None  # type: ignore[arg-type]
    assert infer_published("KYIV, Jan 1 (Reuters) - x", window=(D.min, D(1, 1, 5)))[0] == D(1, 1, 1)
    assert infer_published("Today, 31 December 9999, x", window=(D(9999, 12, 1), D.max))[0] == D.max


# ---------------------------------------------------------------------------------------------------------
# Properties: arbitrary input never raises, periods are well formed
# ---------------------------------------------------------------------------------------------------------

FRAGMENTS = [
    "on Sunday", "since Saturday", "in the last 24 hours", "as of 6 p.m. local time on", "February 29",
    "last week", "next Monday", "will", "said", "yesterday", "overnight", "2022-02-30", "31.12.2022",
    "between", "and", "from", "to", "Feb.", "the 12-day drills, which started on", "ends on", "today,",
    "KYIV, Feb 21 (Reuters) -", "\n", ", ", "; ", "\u201c", "\u2019s", "\u00a0", "ſunday", "\u212aYIV",
    "İ", "۲۰۲۲", "9999", "0", "since the start of the year", "a few days ago", "the past 1000 years",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=st.dates())
def test_property_find_time_expressions(text, published):
    for p in find_time_expressions(text, published):
        assert p.start <= p.end
        assert p.offset is not None and text[p.offset:p.offset + len(p.words)] == p.words


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=st.dates(), anchor=st.one_of(st.none(), st.integers(-5, 400)))
def test_property_resolve_period(text, published, anchor):
    p = resolve_period(text, published, anchor=anchor)
    assert isinstance(p, Period)
    assert p.start <= p.end
    if p.offset is not None:
        assert text[p.offset:p.offset + len(p.words)] == p.words
    else:
        assert (p.start, p.end, p.words) == (published, published, "")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, start=st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 1, 1)),
       days=st.integers(0, 120))
def test_property_infer_published(text, start, days):
    window = (start, start + datetime.timedelta(days=days))
    day, why = infer_published(text, window=window)
    assert isinstance(why, str) and why
    if day is not None:
        assert window[0] <= day <= window[1]


@settings(max_examples=200, deadline=None)
@given(name=st.one_of(st.text(max_size=60), st.from_regex(r"[a-z/_-]{0,8}[0-9]{4}[-_/.]?[0-9]{1,2}[-_/.]?"
                                                            r"[0-9]{1,2}[A-Za-z0-9_.-]{0,10}")))
def test_property_date_from_filename(name):
    day = date_from_filename(name)
    assert day is None or 1970 <= day.year <= 2099


@pytest.mark.parametrize(
    ("line", "expected", "updated"),
    [
        ("Published 12 April 2033", D(2033, 4, 12), False),
        ("14.04.2033 \u2013 09:15", D(2033, 4, 14), False),
        ("April 7, 2033 10:32 GMT", D(2033, 4, 7), False),
        ("May 9, 2033", D(2033, 5, 9), False),
        ("Mon 21 Feb 2022 14.05 GMT", D(2022, 2, 21), False),
        ("Tuesday, February 22, 2022 at 3:45 PM", D(2022, 2, 22), False),
        ("2022-02-21T10:00:00Z", D(2022, 2, 21), False),
        ("By Jane Roe \u00b7 3 May 2033 \u00b7 11 min read", D(2033, 5, 3), False),
        ("Issued: 28 April 2033 | Reporting period: 21\u201327 April 2033 | Next update: 5 May 2033",
         D(2033, 4, 28), False),
        ("Last updated: Sat 23 Apr 2033 17.40", D(2033, 4, 23), True),
        ("Published the 18/10/2034 at 07h12", D(2034, 10, 18), False),
        ("10/18/2034 3:45 PM", D(2034, 10, 18), False),
    ],
)
def test_date_stamp_reads_the_pages_date_line(line, expected, updated):
    stamp = date_stamp(line)
    assert stamp is not None and stamp.date == expected and stamp.updated is updated


@pytest.mark.parametrize(
    "line",
    [
        "The talks on 12 April 2033 failed.",  # a sentence, not a date line
        "Next update: 5 May 2033",  # a date the page announces
        "Reporting period: 21\u201327 April 2033",
        "Monday, February 22, 2022",  # the weekday contradicts the date
        "12 April",  # no year
        "05/10/2034",  # 5 October or 10 May: a wrong date is worse than none
        "Shelling resumed | the mission counted 40 strikes in the town on 9 May 2033",
    ],
)
def test_date_stamp_rejects_other_lines(line):
    assert date_stamp(line) is None


def test_page_date_prefers_a_publication_line_and_respects_the_window():
    lines = ["Last updated: 23 Apr 2033 17.40", "Headline", "Published 22 April 2033"]
    assert page_date(lines).date == D(2033, 4, 22)
    assert page_date(lines[:2]).updated
    assert page_date(lines, window=(D(2033, 4, 23), D(2033, 4, 30))).date == D(2033, 4, 23)
    assert page_date(["Headline", "The war began on 12 April 2033."]) is None


def test_a_dateline_with_the_day_first_is_the_publication_day():
    text = ("VELLIN, 18 September 2034 \u2013 The Ministry of Defence informs the public of the developments over "
            "the weekend of 16\u201317 September.")
    assert infer_published(text)[0] == D(2034, 9, 18)
