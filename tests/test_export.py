"""bsckit export: the take-home scorecard page, its problems box, and bad input.

The PDF itself (headless Chromium) is tested in tests/browser/test_offline_pages.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bsckit.course.cli import main
from bsckit.course.export import scorecard_page, strategy_map_svg, thresholds_text
from bsckit.scorecard import (
    Link,
    Measure,
    Objective,
    Scorecard,
    example_scorecard,
    example_values,
    save_scorecard,
)

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def _row(page: str, measure: str) -> str:
    match = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*?{re.escape(measure)}.*?</tr>", page, re.DOTALL)
    assert match, f"no table row for {measure}"
    return match.group(0)


def test_example_page_has_map_table_and_rag_by_hand():
    page = scorecard_page(example_scorecard(), example_values())
    # 6 objectives and 8 links in the example (bsckit/scorecard/example.py)
    assert page.count('class="objective"') == 6
    assert page.count('<line class="link') == 8
    assert page.count('<tr class="row') == 17
    # RAG worked by hand from example_values and the thresholds in example.py:
    # cost per meal 5.75, lower is better, amber up to 5.7 -> red
    assert "RED" in _row(page, "Cost per meal")
    # defect rate 1.4 <= green 1.5 -> green
    assert "GREEN" in _row(page, "Defect rate")
    # NPS 31: green from 35, amber from 28 -> amber
    assert "AMBER" in _row(page, "Net Promoter Score")
    for column in ("Baseline", "Target", "Thresholds", "Owner", "RAG"):
        assert f"<th>{column}</th>" in page
    assert "no problems found" in page


def test_page_is_self_contained():
    page = scorecard_page(example_scorecard(), example_values())
    assert not EXTERNAL.search(page)
    assert "<script" not in page and "<link" not in page


def test_same_card_same_bytes():
    assert scorecard_page(example_scorecard()) == scorecard_page(example_scorecard())


def test_without_values_rag_says_no_value_and_thresholds_still_show():
    page = scorecard_page(example_scorecard())
    assert page.count("no value yet") == 17
    assert "green ≤ 5.4, amber ≤ 5.7, else red" in _row(page, "Cost per meal")


def test_thresholds_text_in_range():
    m = Measure(name="Fill", direction="in_range", min=2, max=4, green=(2.5, 3.5), amber=(2, 4))
    assert thresholds_text(m) == "green 2.5-3.5, amber 2-4, else red"


def test_map_puts_financial_band_above_learning():
    svg = strategy_map_svg(example_scorecard())
    bands = re.findall(r'<text x="\d+" y="([\d.]+)" class="band">([^<]+)</text>', svg)
    y = {name: float(v) for v, name in bands}
    assert y["Financial"] < y["Customer"] < y["Internal processes"] < y["Learning and growth"]


def _card_with_problems() -> Scorecard:
    a = Objective(
        name="Grow revenue",
        perspective="financial",
        measures=(Measure(name="Revenue growth", unit="%"),),
    )  # no owner
    b = Objective(
        name="Keep customers",
        perspective="customer",
        measures=(Measure(name="Retention", unit="%", owner="Head of marketing"),),
    )
    return Scorecard(name="Loopy", objectives=(a, b),
                     links=(Link("Grow revenue", "Keep customers", against_order_ok=True,
                                 reason="Profits fund the loyalty scheme."),
                            Link("Keep customers", "Grow revenue")))  # fmt: skip


def test_problems_are_listed_on_the_page(tmp_path):
    card = _card_with_problems()
    problems = card.problems()
    assert problems, "the fixture must have problems"
    path = tmp_path / "card.yaml"
    save_scorecard(card, path)
    out = tmp_path / "out"
    assert main(["export", str(path), "--out", str(out), "--no-pdf"]) == 0
    page = (out / "scorecard.html").read_text()
    assert f"Problems found ({len(problems)})" in page
    assert "Revenue growth" in page and "owner" in page.lower()


def test_values_file_with_unknown_measure_is_reported_not_dropped(tmp_path):
    values = tmp_path / "values.yaml"
    values.write_text("Cost per meal: 5.5\nMystery measure: 3\n")
    card = tmp_path / "card.yaml"
    save_scorecard(example_scorecard(), card)
    out = tmp_path / "out"
    assert main(["export", str(card), "--values", str(values), "--out", str(out), "--no-pdf"]) == 0
    page = (out / "scorecard.html").read_text()
    assert "Mystery measure" in page and "Problems found (1)" in page
    assert "AMBER" in _row(page, "Cost per meal")  # 5.5: above green 5.4, within amber 5.7


def test_damaged_file_gets_clear_error_and_is_left_as_it_was(tmp_path, capsys):
    path = tmp_path / "my_scorecard.yaml"
    damaged = b"name: Mine\nobjectives:\n  - name: Grow\n    perspective: [financial\n"
    path.write_bytes(damaged)
    out = tmp_path / "out"
    assert main(["export", str(path), "--out", str(out)]) == 2
    said = capsys.readouterr().out
    assert "my_scorecard.yaml" in said and "malformed" in said and "not changed" in said
    assert path.read_bytes() == damaged
    assert not out.exists()


def test_schema_error_names_the_key(tmp_path, capsys):
    path = tmp_path / "card.yaml"
    path.write_text("name: Mine\nobjectives:\n- name: Grow\n  perspective: money\n")
    before = path.read_bytes()
    assert main(["export", str(path), "--out", str(tmp_path / "out"), "--no-pdf"]) == 2
    assert "objectives[0].perspective" in capsys.readouterr().out
    assert path.read_bytes() == before


def test_missing_default_scorecard_says_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BSCKIT_WORKSPACE", str(tmp_path / "ws"))
    assert main(["export", "--out", str(tmp_path / "out")]) == 2
    said = capsys.readouterr().out
    assert "my_scorecard.yaml" in said and "--example" in said


def test_default_scorecard_comes_from_the_workspace(tmp_path, monkeypatch):
    monkeypatch.setenv("BSCKIT_WORKSPACE", str(tmp_path / "ws"))
    save_scorecard(_card_with_problems(), tmp_path / "ws" / "my_scorecard.yaml")
    assert main(["export", "--no-pdf"]) == 0
    assert "Loopy" in (tmp_path / "ws" / "export" / "scorecard.html").read_text()


def test_existing_output_is_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "scorecard.html").write_text("my edited page")
    assert main(["export", "--example", "--out", str(out), "--no-pdf"]) == 2
    assert "--force" in capsys.readouterr().out
    assert (out / "scorecard.html").read_text() == "my edited page"
    assert main(["export", "--example", "--out", str(out), "--no-pdf", "--force"]) == 0
    assert "Homeats 2027" in (out / "scorecard.html").read_text()


def test_no_chromium_writes_html_and_says_how_to_get_the_pdf(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BSCKIT_CHROMIUM", str(tmp_path / "no-such-browser"))
    out = tmp_path / "out"
    assert main(["export", "--example", "--out", str(out)]) == 1
    said = capsys.readouterr().out
    assert "apt-get install chromium" in said and "Save as PDF" in said
    assert (out / "scorecard.html").is_file() and not (out / "scorecard.pdf").exists()


def test_example_and_file_together_is_refused(tmp_path, capsys):
    assert main(["export", "x.yaml", "--example", "--out", str(tmp_path)]) == 2
    assert "not both" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["", "   "])
def test_blank_scorecard_path_is_a_clear_error(bad, tmp_path, capsys):
    """`bsckit export ""`: exit 2 with a message naming the argument, no traceback, no file."""
    assert main(["export", bad, "--out", str(tmp_path / "o")]) == 2
    said = capsys.readouterr().out
    assert "SCORECARD argument must not be empty" in said and repr(bad) in said
    assert "--example" in said and "Traceback" not in said
    assert not (tmp_path / "o").exists()


def test_blank_out_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["export", "--example", "--out", "", "--no-pdf"]) == 2
    assert "--out must not be empty" in capsys.readouterr().out


def _perspectives_in_table(page: str) -> list[str]:
    return re.findall(r'<tr class="row perspective-start"><td rowspan="\d+">([^<]+)</td>', page)


def test_table_is_grouped_by_perspective_in_the_usual_order():
    # the example file lists learning and growth first, then internal processes, ...
    page = scorecard_page(example_scorecard(), example_values())
    assert _perspectives_in_table(page) == [
        "Financial",
        "Customer",
        "Internal processes",
        "Learning and growth",
    ]
    # objectives of one perspective written apart in the file come together, in file order
    card = Scorecard(
        name="Mixed",
        objectives=(
            Objective(name="Skills", perspective="learning_growth",
                      measures=(Measure(name="Hours", owner="HR"),)),
            Objective(name="Revenue", perspective="financial",
                      measures=(Measure(name="Sales", owner="CFO"),)),
            Objective(name="Costs", perspective="learning_growth",
                      measures=(Measure(name="Spend", owner="HR"),)),
        ),
    )  # fmt: skip
    page = scorecard_page(card)
    assert _perspectives_in_table(page) == ["Financial", "Learning and growth"]
    assert page.index(">Revenue<") < page.index(">Skills<") < page.index(">Costs<")
    assert '<td rowspan="2">Learning and growth</td>' in page


def test_deadline_and_data_and_review_are_shown():
    card = Scorecard(
        name="Dated",
        objectives=(
            Objective(name="Serve meals right first time", perspective="internal_processes",
                      deadline="2027-06-30",
                      measures=(Measure(name="Defect rate", direction="lower_is_better",
                                        owner="Head of Operations", data_steward="Quality manager",
                                        source_system="production system", frequency="weekly"),
                                Measure(name="Checks per batch", owner="Head of Operations"))),
        ),
    )  # fmt: skip
    page = scorecard_page(card)
    assert "<th>Data and review</th>" in page
    assert "by 2027-06-30" in page
    row = _row(page, "Defect rate")
    assert "production system; steward Quality manager; reviewed weekly" in row
    assert "not set yet" in _row(page, "Checks per batch")


def test_review_rules_saved_in_module_6_reach_the_page(tmp_path):
    """save_review_rules (module 6) writes source, steward and frequency; export shows them."""
    from bsckit.governance import save_review_rules
    from bsckit.widgets import ThresholdEditor

    path = tmp_path / "my_scorecard.yaml"
    editor = ThresholdEditor([2.5, 3.0, 3.5], direction="lower_is_better", green=2.8, amber=3.2,
                             name="Defect rate", unit="%")  # fmt: skip
    save_review_rules(editor, objective="Serve meals right first time",
                      perspective="internal_processes", owner="Head of Operations",
                      steward="Quality manager", source="production system",
                      frequency="weekly", path=path)  # fmt: skip
    out = tmp_path / "out"
    assert main(["export", str(path), "--out", str(out), "--no-pdf"]) == 0
    row = _row((out / "scorecard.html").read_text(), "Defect rate")
    assert "production system; steward Quality manager; reviewed weekly" in row


def test_example_scorecard_module_is_not_re_implemented():
    # the page's RAG comes from the model's status_table, not a copy of the rules
    source = Path(__import__("bsckit.course.export", fromlist=["x"]).__file__).read_text()
    assert "status_table(" in source and "def rag_status" not in source
