"""bsckit pack: agenda, facilitator notes (kept apart from learner text), answer keys,
handouts, one build per team on its own seed, the zip; and bad input."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sys
import types
import zipfile
from pathlib import Path

import pytest
from minikit import HINTS, INSTRUCTOR, make_minikit

from bsckit.course.cli import main
from bsckit.course.pack import answer_key_notes, build_pack, module_notes, team_seeds

ROOT = Path(__file__).resolve().parents[1]


class FakeBuild:
    """Records each team build and writes a marker file where the course would go."""

    def __init__(self):
        self.calls = []

    def __call__(self, root, *, params, out, workers, progress):
        self.calls.append((Path(root), params.seed, Path(out)))
        Path(out).mkdir(parents=True)
        (Path(out) / "seed.txt").write_text(str(params.seed))
        self.staged = sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*.ipynb"))
        return types.SimpleNamespace(ok=True, failed=[])


def test_team_seeds():
    assert team_seeds(2, first_seed=7) == [(1, 7), (2, 8)]
    with pytest.raises(ValueError, match="teams"):
        team_seeds(-1)


def test_pack_of_the_minikit(tmp_path):
    kit = make_minikit(tmp_path / "kit")
    fake = FakeBuild()
    out = tmp_path / "pack"
    report = build_pack(out, root=kit, teams=3, first_seed=50, start="13:00", pdf=False,
                        progress=None, build_team=fake, provider=None)  # fmt: skip
    # one build per team, each on its own seed, in its own folder
    assert [(s, o.name) for _r, s, o in fake.calls] == [
        (50, "team-01"),
        (51, "team-02"),
        (52, "team-03"),
    ]
    assert fake.staged == ["notebooks/00_start_here.ipynb", "notebooks/01_alignment.ipynb",
                           "solutions/01_alignment.ipynb"]  # fmt: skip
    rows = list(csv.DictReader((out / "teams" / "teams.csv").open()))
    assert [(r["team"], r["seed"], r["status"]) for r in rows] == [
        ("1", "50", "ok"),
        ("2", "51", "ok"),
        ("3", "52", "ok"),
    ]
    # agenda from the notebooks' minutes: 30 teaching + 20 exercises from 13:00
    agenda = (out / "agenda.md").read_text()
    assert "| 13:00-13:30 | 30 | Module 1: Alignment - teaching |" in agenda
    assert "| 13:30-13:50 | 20 | Module 1: Alignment - exercises |" in agenda
    # facilitator notes hold the instructor cell, the discussion prompts, the hints
    notes = (out / "facilitator" / "module-01.md").read_text()
    assert INSTRUCTOR in notes and "Which kitchen costs most" in notes
    assert all(h in notes for h in HINTS) and "Three: one plus two." in notes
    assert "Exercise 1.1: add up (about 7 min)" in notes
    assert "state 7 min of work" in notes and "13 min of the exercise block" in notes
    assert "Known mistakes: none recorded" in notes
    assert (out / "facilitator" / "module-01.html").is_file()
    # learner hand-outs keep instructor text out; answer keys are there for the instructor
    handout = (out / "handouts" / "exercises-01_alignment.html").read_text()
    assert "Add one and two" in handout and INSTRUCTOR not in handout
    assert (out / "answer-keys" / "01_alignment.ipynb").is_file()
    assert "BEGIN SOLUTION" in (out / "answer-keys" / "01_alignment.html").read_text()
    # the zip holds the same files
    with zipfile.ZipFile(report.zip_path) as archive:
        names = set(archive.namelist())
    assert {
        "pack/agenda.md",
        "pack/facilitator/module-01.md",
        "pack/teams/team-02/seed.txt",
    } <= names


def test_known_mistakes_from_a_provider(tmp_path):
    kit = make_minikit(tmp_path / "kit")

    def provider(module, data_dir):
        assert module == 1
        return {"1.1": {"title": "add up", "minutes": 4, "hints": ["Count on your fingers."],
                        "mistakes": [{"mistake": "subtracted", "say": "Ask what 'add' means."},
                                     {"mistake": ""}]}}  # fmt: skip

    notes = module_notes(kit / "notebooks" / "01_alignment.ipynb",
                         kit / "solutions" / "01_alignment.ipynb", provider=provider)  # fmt: skip
    [exercise] = notes.exercises
    assert (exercise.number, exercise.minutes) == ("1.1", 4)
    assert exercise.mistakes == [{"mistake": "subtracted", "say": "Ask what 'add' means."}]
    from bsckit.course.pack import facilitator_markdown

    text = facilitator_markdown(notes)
    assert "**Known mistake:** subtracted. **Say:** Ask what 'add' means." in text
    assert "Count on your fingers." in text and "none recorded" not in text


def test_answer_key_adapter_reads_the_answers_package(monkeypatch):
    """The default provider reads bsckit.answers: ids, titles, minutes, mistakes and hints."""
    mistake = types.SimpleNamespace(name="averaged_rates", hint="you averaged the batch rates.")
    check = types.SimpleNamespace(mistakes=(mistake,), hints=("Total first.",), success="Right.")

    class Bound:
        def __init__(self):
            self.items = {
                "3.4": types.SimpleNamespace(id="3.4", title="defect rate", minutes=5),
                "3.5b": types.SimpleNamespace(id="3.5b", title="gap", minutes=3, uses="3.5a"),
            }

        def key(self, exercise_id):
            if exercise_id == "3.5b":
                raise TypeError("needs using=")
            return check

    fake = types.ModuleType("bsckit.answers")
    fake.MODULES = {3: "x"}
    fake.exercises = lambda module, data_dir=None: Bound()
    monkeypatch.setitem(sys.modules, "bsckit.answers", fake)
    notes = answer_key_notes(3)
    assert notes["3.4"]["mistakes"] == [
        {"mistake": "averaged rates", "say": "you averaged the batch rates."}
    ]
    assert notes["3.4"]["hints"] == ["Total first."] and notes["3.4"]["minutes"] == 5
    assert "3.5a" in notes["3.5b"]["note"]
    assert answer_key_notes(9) == {}


def test_unknown_module_is_refused_and_nothing_written(tmp_path, capsys):
    kit = make_minikit(tmp_path / "kit")
    out = tmp_path / "pack"
    assert (
        main(["pack", "--root", str(kit), "--out", str(out), "--modules", "9", "--teams", "0"]) == 2
    )
    said = capsys.readouterr().out
    assert "`modules` asks for [9]" in said and "available: [1]" in said
    assert not out.exists()


def test_bad_start_time_is_refused(tmp_path, capsys):
    kit = make_minikit(tmp_path / "kit")
    assert main(["pack", "--root", str(kit), "--out", str(tmp_path / "p"), "--start", "25:00"]) == 2
    assert "HH:MM" in capsys.readouterr().out


def test_an_instructors_folder_is_not_overwritten(tmp_path, capsys):
    kit = make_minikit(tmp_path / "kit")
    out = tmp_path / "pack"
    out.mkdir()
    (out / "agenda.md").write_text("my edited agenda")
    assert main(["pack", "--root", str(kit), "--out", str(out), "--teams", "0", "--no-pdf"]) == 2
    assert "--force" in capsys.readouterr().out
    assert (out / "agenda.md").read_text() == "my edited agenda"
    assert not (tmp_path / "pack.zip").exists()


def test_an_existing_zip_is_not_overwritten(tmp_path):
    kit = make_minikit(tmp_path / "kit")
    (tmp_path / "pack.zip").write_bytes(b"mine")
    with pytest.raises(FileExistsError, match=r"pack\.zip"):
        build_pack(tmp_path / "pack", root=kit, teams=0, pdf=False, progress=None)
    assert (tmp_path / "pack.zip").read_bytes() == b"mine"


@pytest.mark.slow
def test_real_pack_with_one_team(tmp_path, capsys):
    """The real kit: a complete course build for the team, on its own seed, and the zip."""
    out = tmp_path / "pack"
    assert main(["pack", "--out", str(out), "--teams", "1", "--first-seed", "101", "--no-pdf"]) == 0
    team = out / "teams" / "team-01"
    for folder in ("datasets", "notebooks", "solutions", "exercises", "toolkit"):
        assert any((team / folder).iterdir()), folder
    assert (team / "toolkit" / "worksheets" / "scorecard_template.yaml").is_file()
    manifest = json.loads((team / "datasets" / "manifest.json").read_text())
    assert 101 in (manifest.get("seed"), manifest.get("parameters", {}).get("seed"))
    assert (tmp_path / "pack.zip").is_file()
    assert "Pack written" in capsys.readouterr().out


def test_each_team_gets_the_toolkit(tmp_path):
    """Every team folder holds the kit's toolkit: README, worksheet notebooks, their specs."""
    kit = make_minikit(tmp_path / "kit")
    shutil.copytree(ROOT / "toolkit", kit / "toolkit")
    (kit / "toolkit" / ".ipynb_checkpoints").mkdir()  # not part of the toolkit
    (kit / "toolkit" / ".ipynb_checkpoints" / "x.ipynb").write_text("{}")
    out = tmp_path / "pack"
    report = build_pack(out, root=kit, teams=2, pdf=False, progress=None, build_team=FakeBuild(),
                        provider=None)  # fmt: skip
    source = ROOT / "toolkit"
    wanted = {"README.md", *(p.name for p in source.glob("*.ipynb"))}
    wanted |= {f"worksheets/{p.name}" for p in source.glob("worksheets/*.yaml")}
    assert len(wanted) >= 1 + 13 + 13  # the README, 13 sheets and their specs
    for team in ("team-01", "team-02"):
        folder = out / "teams" / team / "toolkit"
        got = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert got == wanted, team
        for name in wanted:
            assert (folder / name).read_bytes() == (source / name).read_bytes(), name
    with zipfile.ZipFile(report.zip_path) as archive:
        names = set(archive.namelist())
    assert "pack/teams/team-02/toolkit/scorecard_template.ipynb" in names
    assert "pack/teams/team-01/toolkit/worksheets/scorecard_template.yaml" in names


def test_a_kit_without_a_toolkit_still_packs(tmp_path):
    kit = make_minikit(tmp_path / "kit")
    out = tmp_path / "pack"
    build_pack(out, root=kit, teams=1, pdf=False, progress=None, build_team=FakeBuild(),
               provider=None)  # fmt: skip
    assert not (out / "teams" / "team-01" / "toolkit").exists()


def _known_mistake_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- **Known mistake:**")]


@pytest.mark.slow
@pytest.mark.parametrize("module", range(1, 8))
def test_facilitator_notes_list_every_known_mistake_of_the_answer_key(module):
    """Each exercise of the module's answer key, with each of its known mistakes and what to
    say, is in the facilitator notes under its own heading; no other exercise or mistake is."""
    from bsckit.answers import MODULES, exercises
    from bsckit.course.pack import facilitator_markdown

    assert module in MODULES
    (lesson,) = sorted((ROOT / "notebooks").glob(f"{module:02d}_*.ipynb"))
    solution = ROOT / "solutions" / lesson.name
    text = facilitator_markdown(module_notes(lesson, solution, data_dir=ROOT / "datasets"))
    bound = exercises(module, data_dir=ROOT / "datasets")
    headings = re.findall(r"^### Exercise (\S+?):", text, re.MULTILINE)
    assert headings == [str(i) for i in bound.items], "exercises in the notes differ from the key"
    blocks = re.split(r"^### Exercise ", text, flags=re.MULTILINE)[1:]
    expected_total = 0
    for exercise_id, block in zip(bound.items, blocks, strict=True):
        check = bound.key(exercise_id)
        assert len(check.mistakes) >= 2, exercise_id  # CONTRIBUTING: at least two per exercise
        wanted = [
            f"- **Known mistake:** {m.name.replace('_', ' ')}. **Say:** {m.hint}"
            for m in check.mistakes
        ]
        # the lines under this exercise's heading are exactly its key's mistakes, in order
        assert _known_mistake_lines(block) == wanted, exercise_id
        assert all(m.hint.strip() for m in check.mistakes), exercise_id
        expected_total += len(wanted)
    assert len(_known_mistake_lines(text)) == expected_total  # nothing stale elsewhere
    assert "none recorded" not in text and "*Not listed here" not in text
