"""Tests for scorecard YAML files: round trips, backups, and errors that never touch the file."""

from __future__ import annotations

import pytest
import yaml

from bsckit.scorecard import (
    Measure,
    Objective,
    Scorecard,
    ScorecardFileError,
    add_objective,
    dump_scorecard,
    example_scorecard,
    load_scorecard,
    parse_scorecard,
    save_scorecard,
)


@pytest.fixture
def card_file(tmp_path):
    path = tmp_path / "homeats.yaml"
    save_scorecard(example_scorecard(), path)
    return path


def test_save_load_round_trip(card_file):
    assert load_scorecard(card_file) == example_scorecard()
    data = yaml.safe_load(card_file.read_text(encoding="utf-8"))
    assert list(data) == ["name", "description", "objectives", "links"]  # sort_keys=False
    assert data["objectives"][2]["measures"][2]["name"] == "Cost per meal"


def test_in_range_bands_survive_yaml():
    band = Measure(name="Utilisation", direction="in_range", min=75, max=90,
                   green=(78, 88), amber=(75, 90), tolerance=10, owner="Ops")  # fmt: skip
    card = Scorecard(name="x", objectives=(Objective(name="Run", perspective="process",
                                                     measures=(band,)),))  # fmt: skip
    assert parse_scorecard(dump_scorecard(card)) == card


def test_save_keeps_previous_version_as_bak(card_file):
    first = card_file.read_bytes()
    changed = example_scorecard().with_objective(Objective(name="New", perspective="customer"))
    save_scorecard(changed, card_file)
    bak = card_file.with_name(card_file.name + ".bak")
    assert bak.read_bytes() == first
    assert load_scorecard(card_file) == changed


def schema_error(tmp_path, text, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ScorecardFileError) as info:
        load_scorecard(path)
    assert path.read_bytes() == before
    assert not path.with_name(name + ".bak").exists()
    return info.value


def test_malformed_yaml_names_file_and_line(tmp_path):
    err = schema_error(
        tmp_path, "name: Homeats\nobjectives:\n  - name: [Grow\n    perspective: x\n"
    )
    message = str(err)
    assert "mine.yaml" in message
    assert "malformed" in message and "line" in message
    assert "The file was not changed" in message
    assert isinstance(err, ValueError)


def test_schema_error_names_key_path(tmp_path, card_file):
    text = card_file.read_text(encoding="utf-8").replace("target: 5.4", "target: five euros")
    err = schema_error(tmp_path, text)
    assert err.key_path == "objectives[2].measures[2].target"
    assert "mine.yaml" in str(err)
    assert "`objectives[2].measures[2].target`" in str(err)
    assert "must be a real number" in str(err)
    assert "Write a plain number" in str(err)


@pytest.mark.parametrize(
    ("text", "key_path", "words"),
    [
        ("objectives: []\n", "name", "needs the key 'name'"),
        ("name: x\nobjectives: 3\n", "objectives", "must be a list"),
        ("name: x\nobjectives:\n- name: A\n  perspective: money\n", "objectives[0].perspective",
         "`perspective` must be one of"),
        ("name: x\nobjectives:\n- name: A\n  perspective: customer\n  measures:\n  - name: m\n"
         "    green: 90\n", "objectives[0].measures[0].amber", "Give both"),
        ("name: x\nlinks:\n- cause: A\n  effect: A\n", "links[0].effect", "to itself"),
        ("name: x\nobjectives:\n- name: A\n  perspective: customer\n  owners: [Ann, '']\n",
         "objectives[0].owners[1]", "must not be empty"),
        ("name: x\nobjectives:\n- name: A\n  perspective: customer\n- name: A\n"
         "  perspective: financial\n", "objectives[1].name", "used twice"),
        ("- just\n- a list\n", "", "must be a mapping"),
        ("", "", "The file is empty"),
    ],
)  # fmt: skip
def test_schema_errors(tmp_path, text, key_path, words):
    err = schema_error(tmp_path, text)
    assert err.key_path == key_path
    assert words in str(err)
    assert "mine.yaml" in str(err)


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("name: Café\n".encode("latin-1"))
    with pytest.raises(ScorecardFileError, match="not UTF-8"):
        load_scorecard(path)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="No scorecard file at"):
        load_scorecard(tmp_path / "nope.yaml")


def test_add_objective_creates_appends_and_replaces(tmp_path):
    path = tmp_path / "learner.yaml"
    first = Objective(name="Cut production cost", perspective="process", description="v1")
    card = add_objective(path, first, scorecard_name="My card")
    assert card.name == "My card" and load_scorecard(path) == card
    second = Objective(name="Keep customers", perspective="customer")
    add_objective(path, second)
    revised = Objective(name="Cut production cost", perspective="process", description="v2")
    card = add_objective(path, revised)
    assert [o.description for o in card.objectives] == ["v2", ""]
    assert load_scorecard(path) == card
    assert path.with_name("learner.yaml.bak").exists()


def test_a_new_scorecard_is_named_after_its_file_in_words(tmp_path):
    """The name is the title of the take-home page: "My scorecard", not "my_scorecard"."""
    goal = Objective(name="Keep customers", perspective="customer")
    assert add_objective(tmp_path / "my_scorecard.yaml", goal).name == "My scorecard"
    assert add_objective(tmp_path / "team-3_card.yaml", goal).name == "Team 3 card"
    named = add_objective(tmp_path / "x.yaml", goal, scorecard_name="Homeats 2027")
    assert named.name == "Homeats 2027"


def test_add_objective_keeps_everything_else(card_file):
    before = load_scorecard(card_file)
    add_objective(card_file, Objective(name="Learner goal", perspective="learning and growth"))
    after = load_scorecard(card_file)
    assert after.objectives[:-1] == before.objectives
    assert after.links == before.links and after.description == before.description


def test_add_objective_leaves_corrupt_file_untouched(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: x\nobjectives:\n- name: A\n  perspective: [\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ScorecardFileError, match=r"broken\.yaml"):
        add_objective(path, Objective(name="B", perspective="customer"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml"]


def test_file_function_type_errors(tmp_path):
    with pytest.raises(TypeError, match="`objective` must be an Objective"):
        add_objective(tmp_path / "x.yaml", {"name": "A"})
    with pytest.raises(TypeError, match="`scorecard` must be a Scorecard"):
        save_scorecard({"name": "x"}, tmp_path / "x.yaml")
    with pytest.raises(TypeError, match="`scorecard` must be a Scorecard"):
        dump_scorecard("x")
    with pytest.raises(TypeError, match="`text` must be str"):
        parse_scorecard(b"name: x")
    assert not (tmp_path / "x.yaml").exists()


def test_objective_deadline_round_trips_through_yaml(tmp_path):
    from datetime import date

    from bsckit.scorecard import Objective, Scorecard, load_scorecard, save_scorecard

    objective = Objective(name="Cut cost", perspective="internal processes", deadline="2027-06-30")
    assert objective.deadline == date(2027, 6, 30)
    path = tmp_path / "card.yaml"
    save_scorecard(Scorecard(name="Mine", objectives=(objective,)), path)
    assert "deadline: '2027-06-30'" in path.read_text()
    assert load_scorecard(path).objectives[0].deadline == date(2027, 6, 30)


def test_objective_deadline_rejects_other_formats():
    import pytest

    from bsckit.scorecard import Objective

    with pytest.raises(ValueError, match="`deadline` must be a date written YYYY-MM-DD"):
        Objective(name="Cut cost", perspective="internal processes", deadline="next year")
    with pytest.raises(TypeError, match="`deadline` must be a date"):
        Objective(name="Cut cost", perspective="internal processes", deadline=2027)
