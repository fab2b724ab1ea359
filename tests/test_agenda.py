"""Workshop agenda: blocks in order, breaks where work runs long, times that add up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bsckit.course import cli
from bsckit.course.agenda import Session, agenda, read_sessions, to_markdown


def test_breaks_fall_between_blocks_once_work_reaches_the_limit():
    sessions = [Session(1, "Alignment", 45, 30), Session(3, "Internal processes", 90, 60)]
    # no lunch here: this test is about short breaks (lunch: the tests below)
    table = agenda(sessions, start="09:00", break_minutes=15, break_after=90, lunch_minutes=0)
    # 45 + 30 = 75 min of work; the next block (90) would pass 90 -> break first.
    assert table["activity"].tolist() == [
        "Module 1: Alignment - teaching",
        "Module 1: Alignment - exercises",
        "Break",
        "Module 3: Internal processes - teaching",
        "Break",
        "Module 3: Internal processes - exercises",
    ]
    assert table["start"].tolist() == ["09:00", "09:45", "10:15", "10:30", "12:00", "12:15"]
    assert table["end"].iloc[-1] == "13:15"  # 75 + 150 min of work + 2 breaks of 15 = 255 min
    assert int(table["minutes"].sum()) == 255


def test_no_breaks_when_break_minutes_is_zero():
    table = agenda([Session(3, "IP", 120, 120)], start="08:30", break_minutes=0)
    assert "Break" not in table["activity"].tolist()
    assert table["end"].iloc[-1] == "12:30"


def test_read_sessions_uses_notebook_metadata(tmp_path):
    def notebook(name, meta):
        (tmp_path / name).write_text(json.dumps({"cells": [], "metadata": {"bsckit": meta}}))

    notebook("00_start_here.ipynb", {"module": 0, "title": "Start", "teaching_minutes": 10})
    notebook(
        "03_ip.ipynb", {"module": 3, "title": "IP", "teaching_minutes": 90, "exercise_minutes": 60}
    )
    notebook(
        "01_al.ipynb", {"module": 1, "title": "Al", "teaching_minutes": 40, "exercise_minutes": 20}
    )
    assert [s.module for s in read_sessions(tmp_path)] == [1, 3]  # module 0 is the course map
    assert [s.module for s in read_sessions(tmp_path, [3, 1])] == [3, 1]
    with pytest.raises(ValueError, match=r"`modules` asks for \[5\].*available: \[0, 1, 3\]"):
        read_sessions(tmp_path, [5])


def test_notebook_without_minutes_is_named(tmp_path):
    (tmp_path / "02_customer.ipynb").write_text(json.dumps({"cells": [], "metadata": {}}))
    with pytest.raises(ValueError, match=r"02_customer\.ipynb: metadata\.bsckit"):
        read_sessions(tmp_path)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": "9am"}, "`start` must be a time written HH:MM"),
        ({"break_minutes": -5}, "`break_minutes` must be at least 0"),
        ({"break_after": 0}, "`break_after` must be at least 1 minute"),
    ],
)
def test_bad_options_are_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        agenda([Session(3, "IP", 90, 60)], **kwargs)
    with pytest.raises(ValueError, match="`sessions` is empty"):
        agenda([])


def test_cli_prints_the_course_agenda_from_the_committed_notebooks(capsys, tmp_path):
    out_file = tmp_path / "agenda.md"
    assert cli.main(["agenda", "--start", "10:00", "--out", str(out_file)]) == 0
    printed = capsys.readouterr().out
    assert "| 10:00-" in printed and "Module 3: Internal processes - teaching" in printed
    assert out_file.read_text().startswith("# Workshop agenda")
    assert cli.main(["agenda", "--modules", "9"]) == 2


def test_markdown_total_matches_the_table():
    table = agenda([Session(2, "Customer", 50, 40)], start="14:00", break_after=60)
    text = to_markdown(table)
    assert "Total: 105 minutes (14:00 to 15:45)." in text


@pytest.mark.parametrize("folder", ["notebooks", "solutions"])
def test_notebook_minutes_equal_the_answer_keys(folder):
    """The answer key is the one source of exercise minutes; every notebook states their sum."""
    from bsckit.answers import MODULES, exercise_minutes

    root = Path(__file__).resolve().parents[1]
    for module in MODULES:
        (path,) = sorted((root / folder).glob(f"{module:02d}_*.ipynb"))
        meta = json.loads(path.read_text())["metadata"]["bsckit"]
        assert meta["exercise_minutes"] == exercise_minutes(module), path.name


def test_a_block_goes_on_after_lunch_and_on_the_next_day():
    """Hand-computed: day 09:00-16:00, lunch 12:00 for 60 min, breaks of 15 after 90 min."""
    sessions = [Session(1, "A", 100, 60), Session(2, "B", 90, 120)]
    table = agenda(
        sessions, start="09:00", day_end="16:00", lunch="12:00", lunch_minutes=60, min_piece=0
    )
    # min_piece=0: split anywhere (the default's no-scrap rule has its own tests below).
    # A teaching 09:00-10:40 (100 min); 100 + 60 > 90 -> break 10:40-10:55; A exercises to 11:55;
    # B teaching runs 5 min to lunch (65 min of work, no break), lunch 12:00-13:00, its other
    # 85 min to 14:25; 85 + 95 > 90 -> break to 14:40; B exercises 80 min to 16:00, the last
    # 40 min on day 2 from 09:00.
    assert table[["day", "start", "end", "minutes", "activity"]].values.tolist() == [
        [1, "09:00", "10:40", 100, "Module 1: A - teaching"],
        [1, "10:40", "10:55", 15, "Break"],
        [1, "10:55", "11:55", 60, "Module 1: A - exercises"],
        [1, "11:55", "12:00", 5, "Module 2: B - teaching"],
        [1, "12:00", "13:00", 60, "Lunch"],
        [1, "13:00", "14:25", 85, "Module 2: B - teaching (continued)"],
        [1, "14:25", "14:40", 15, "Break"],
        [1, "14:40", "16:00", 80, "Module 2: B - exercises"],
        [2, "09:00", "09:40", 40, "Module 2: B - exercises (continued)"],
    ]
    work = table[table["module"].notna()].groupby("module")["minutes"].sum()
    assert work.to_dict() == {1: 160, 2: 210}  # every minute of each module is scheduled


def test_no_break_right_before_lunch():
    """Hand-computed: 80 min of teaching from 10:00 leaves 10 min to lunch at 11:30; a break of
    15 would end after it, so the exercises start and go on after lunch (30 min)."""
    table = agenda(
        [Session(1, "A", 80, 30)],
        start="10:00",
        break_after=60,
        lunch="11:30",
        lunch_minutes=30,
        day_end="15:00",
        min_piece=0,
    )
    assert table[["start", "end", "activity"]].values.tolist() == [
        ["10:00", "11:20", "Module 1: A - teaching"],
        ["11:20", "11:30", "Module 1: A - exercises"],
        ["11:30", "12:00", "Lunch"],
        ["12:00", "12:20", "Module 1: A - exercises (continued)"],
    ]


def test_a_scrap_before_lunch_brings_lunch_forward():
    """Hand-computed, as above with the default min_piece=20: B's teaching would have 5 minutes
    before lunch, so lunch starts at 11:55 and B's 90 minutes run whole from 12:55 to 14:25;
    then break to 14:40, B's exercises 80 min to 16:00 and 40 min on day 2."""
    sessions = [Session(1, "A", 100, 60), Session(2, "B", 90, 120)]
    table = agenda(sessions, start="09:00", day_end="16:00", lunch="12:00", lunch_minutes=60)
    assert table[["day", "start", "end", "minutes", "activity"]].values.tolist() == [
        [1, "09:00", "10:40", 100, "Module 1: A - teaching"],
        [1, "10:40", "10:55", 15, "Break"],
        [1, "10:55", "11:55", 60, "Module 1: A - exercises"],
        [1, "11:55", "12:55", 60, "Lunch"],
        [1, "12:55", "14:25", 90, "Module 2: B - teaching"],
        [1, "14:25", "14:40", 15, "Break"],
        [1, "14:40", "16:00", 80, "Module 2: B - exercises"],
        [2, "09:00", "09:40", 40, "Module 2: B - exercises (continued)"],
    ]


def test_a_scrap_after_the_split_shortens_the_piece_before_it():
    """Hand-computed: 190 min in days of 180 would leave 10 min for day 2; the first piece stops
    at 170 so that 20 (min_piece) go on, and the day ends 10 minutes early."""
    table = agenda(
        [Session(1, "A", 190, 0)], start="09:00", day_end="12:00", lunch_minutes=0, break_minutes=0
    )
    assert table[["day", "start", "end", "minutes"]].values.tolist() == [
        [1, "09:00", "11:50", 170],
        [2, "09:00", "09:20", 20],
    ]
    with pytest.raises(ValueError, match="`min_piece` must be at least 0"):
        agenda([Session(1, "A", 60, 0)], min_piece=-5)


def test_the_default_lunch_is_left_out_of_an_afternoon_workshop():
    table = agenda([Session(1, "A", 60, 60)], start="13:00")
    assert "Lunch" not in table["activity"].tolist()
    assert table["end"].iloc[-1] == "15:15"  # 60 + break 15 + 60
    # and a morning that reaches 12:30 gets 45 minutes of lunch there
    table = agenda([Session(1, "A", 240, 0)], start="09:00")
    assert table[["start", "end", "activity"]].values.tolist() == [
        ["09:00", "12:30", "Module 1: A - teaching"],
        ["12:30", "13:15", "Lunch"],
        ["13:15", "13:45", "Module 1: A - teaching (continued)"],
    ]


def test_markdown_of_several_days():
    table = agenda([Session(1, "A", 420, 0)], start="09:00", day_end="12:00", lunch_minutes=0)
    text = to_markdown(table)
    # 420 min at 180 a day: 09:00-12:00, 09:00-12:00, 09:00-10:00
    assert "## Day 1" in text and "## Day 3" in text and "## Day 4" not in text
    assert "| 09:00-10:00 | 60 | Module 1: A - teaching (continued) |" in text
    assert "Total: 3 days, 420 minutes of teaching and exercises" in text


@pytest.mark.parametrize(
    ("kwargs", "parts"),
    [
        ({"day_end": "5pm"}, ["`day_end`", "--day-end", "'5pm'", "HH:MM"]),
        ({"day_end": "08:30"}, ["`day_end` must be later than `start` (09:00)", "'08:30'"]),
        ({"lunch": "noon"}, ["`lunch`", "--lunch", "'noon'", "HH:MM"]),
        ({"lunch": "08:00"}, ["`lunch` must fall inside the day", "'08:00'", "--lunch-minutes 0"]),
        ({"lunch": "16:30"}, ["over by `day_end` (17:00) with lunch_minutes=45", "'16:30'"]),
        ({"lunch_minutes": -1}, ["`lunch_minutes` must be at least 0"]),
    ],
)
def test_bad_day_options_are_named(kwargs, parts):
    with pytest.raises(ValueError) as error:
        agenda([Session(3, "IP", 90, 60)], **kwargs)
    for part in parts:
        assert part in str(error.value)


def test_cli_bad_day_end_names_the_option(capsys):
    assert cli.main(["agenda", "--day-end", "25:00"]) == 2
    said = capsys.readouterr().out
    assert "--day-end" in said and "'25:00'" in said and "HH:MM" in said


def test_the_seven_modules_run_over_several_days_within_each_day(capsys):
    """The committed course: every module's minutes are scheduled, each day inside its hours."""
    assert cli.main(["agenda", "--day-end", "17:00", "--lunch", "12:30"]) == 0
    assert "## Day 2" in capsys.readouterr().out
    sessions = read_sessions(Path(__file__).resolve().parents[1] / "notebooks")
    table = agenda(sessions)
    assert table["day"].max() >= 2
    assert (table["start"] >= "09:00").all() and (table["end"] <= "17:00").all()
    lunches = table[table["activity"] == "Lunch"]
    # lunch at 12:30, or up to min_piece (20) minutes early rather than leave a scrap before it
    assert lunches["start"].between("12:10", "12:30").all() and (lunches["minutes"] == 45).all()
    work_rows = table[table["module"].notna()]
    block = work_rows["activity"].str.removesuffix(" (continued)")
    split = work_rows[block.duplicated(keep=False)]
    assert len(split) >= 4  # the course does split blocks (lunch, day ends)
    assert (split["minutes"] >= 20).all(), split
    assert (
        lunches["day"].tolist() == sorted(set(table["day"]) - {table["day"].max()})
        or len(lunches) == table["day"].nunique()
    )
    work = table[table["module"].notna()].groupby("module")["minutes"].sum().to_dict()
    assert work == {s.module: s.total_minutes for s in sessions}
