"""Workshop agenda: blocks in order, breaks where work runs long, times that add up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bsckit.course import cli
from bsckit.course.agenda import Session, agenda, read_sessions, to_markdown


def test_breaks_fall_between_blocks_once_work_reaches_the_limit():
    sessions = [Session(1, "Alignment", 45, 30), Session(3, "Internal processes", 90, 60)]
    table = agenda(sessions, start="09:00", break_minutes=15, break_after=90)
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
