"""Writing, loading and checking dataset files: byte-identical, validated, atomic."""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import bsckit.data as data
import bsckit.data.io as dio
from bsckit.course.data_cli import add_arguments, run
from bsckit.data import DataFileError, check, generate, load, load_all, write

SMALL = {"seed": 11, "months": 3, "scale": 0.2}


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def small_tables() -> dict[str, pd.DataFrame]:
    return generate(**SMALL)


@pytest.fixture
def folder(tmp_path: Path, small_tables) -> Path:
    write(small_tables, tmp_path / "d", SMALL)
    return tmp_path / "d"


def test_round_trip_keeps_values_and_dtypes(folder: Path, small_tables) -> None:
    loaded = load_all(folder)
    for name, frame in small_tables.items():
        pd.testing.assert_frame_equal(loaded[name], frame, check_exact=False, rtol=1e-12)
    assert str(loaded["orders"]["ordered_at"].dtype).startswith("datetime64")
    assert isinstance(loaded["orders"]["segment"].dtype, pd.CategoricalDtype)
    assert check(folder) == []


def test_files_are_utf8_lf_with_fixed_decimals(folder: Path) -> None:
    raw = (folder / "orders.csv").read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n")
    amounts = pd.read_csv(folder / "orders.csv", dtype=str)["amount"]
    assert amounts.str.fullmatch(r"\d+\.\d\d").all()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["parameters"].items() >= SMALL.items()
    assert manifest["files"]["orders.csv"]["rows"] == len(amounts)
    assert manifest["generator_version"] == data.GENERATOR_VERSION


def test_byte_identical_across_processes(tmp_path: Path, folder: Path) -> None:
    code = f"import sys, bsckit.data as d; d.write(d.generate(**{SMALL!r}), sys.argv[1], {SMALL!r})"
    for name in ("p1", "p2"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / name)], check=True)
    assert _hashes(tmp_path / "p1") == _hashes(tmp_path / "p2") == _hashes(folder)


def test_other_seed_gives_other_files(tmp_path: Path, folder: Path) -> None:
    other = {**SMALL, "seed": 12}
    write(generate(**other), tmp_path / "o", other)
    a, b = _hashes(folder), _hashes(tmp_path / "o")
    assert a["orders.csv"] != b["orders.csv"] and a["customers.csv"] != b["customers.csv"]


def _edit(path: Path, row: int, column: str, value: str) -> None:
    lines = path.read_text().split("\n")
    header = lines[0].split(",")
    fields = lines[row].split(",")
    fields[header.index(column)] = value
    lines[row] = ",".join(fields)
    path.write_text("\n".join(lines))


def test_out_of_range_edit_names_file_row_and_column(folder: Path) -> None:
    _edit(folder / "production_batches.csv", 5, "defects", "-3")
    with pytest.raises(DataFileError, match=r"production_batches\.csv: row 5 .*column 'defects'"):
        load("production_batches", folder)


def test_plausible_edit_is_caught_by_the_manifest(folder: Path) -> None:
    path = folder / "orders.csv"
    lines = path.read_text().split("\n")
    header = lines[0].split(",")
    fields = lines[7].split(",")
    col = header.index("amount")
    fields[col] = f"{float(fields[col]) + 1:.2f}"
    lines[7] = ",".join(fields)
    path.write_text("\n".join(lines))
    with pytest.raises(DataFileError, match=r"orders\.csv: row 7 .*column 'amount'.*sha256"):
        load("orders", folder)
    assert any("orders.csv" in p for p in check(folder))
    # verify=False still checks the schema, but not the manifest
    assert len(load("orders", folder, verify=False)) == len(lines) - 2


def test_truncated_mid_row_names_row_and_column(folder: Path) -> None:
    path = folder / "tickets.csv"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    rows = raw[: len(raw) // 2].count(b"\n")
    with pytest.raises(DataFileError, match=rf"tickets\.csv: row {rows} .*column '\w+'.*truncated"):
        load("tickets", folder)


def test_truncated_at_line_end_is_caught(folder: Path) -> None:
    path = folder / "customers.csv"
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join(lines[:10]) + b"\n")
    with pytest.raises(DataFileError, match=r"customers\.csv: row 10 .*manifest\.json records"):
        load("customers", folder)


def test_broken_reference_names_the_row(folder: Path) -> None:
    _edit(folder / "orders.csv", 3, "customer_id", "C99999")
    with pytest.raises(DataFileError, match=r"orders\.csv: row 3 .*column 'customer_id'.*no match"):
        load("orders", folder, verify=False)


def test_bad_category_and_date(folder: Path) -> None:
    _edit(folder / "tickets.csv", 2, "channel", "pigeon")
    with pytest.raises(DataFileError, match=r"row 2 .*column 'channel'.*pigeon"):
        load("tickets", folder, verify=False)
    _edit(folder / "invoices.csv", 4, "issued_on", "04/01/2024")
    with pytest.raises(DataFileError, match=r"row 4 .*column 'issued_on'"):
        load("invoices", folder, verify=False)


def test_crash_mid_write_leaves_old_files_intact(tmp_path: Path, folder: Path, monkeypatch) -> None:
    before = _hashes(folder)
    real = dio.to_csv_bytes
    calls = {"n": 0}

    def failing(name, frame):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk full (injected)")
        return real(name, frame)

    monkeypatch.setattr(dio, "to_csv_bytes", failing)
    with pytest.raises(RuntimeError, match="injected"):
        write(generate(**{**SMALL, "seed": 99}), folder, {**SMALL, "seed": 99})
    assert _hashes(folder) == before  # no new, changed or temporary files
    assert check(folder) == []


def test_check_reports_changed_and_missing_files(folder: Path) -> None:
    (folder / "kitchens.csv").write_text("kitchen_id\n")
    (folder / "payments.csv").unlink()
    problems = check(folder)
    assert any("kitchens.csv" in p and "sha256" in p for p in problems)
    assert any("payments.csv" in p and "missing" in p for p in problems)
    assert check(folder.parent / "nowhere")[0].endswith("missing (is this a bsckit data folder?)")


def test_default_folder_from_environment(monkeypatch, folder: Path) -> None:
    monkeypatch.setenv("BSCKIT_DATA_DIR", str(folder))
    assert data.default_data_dir() == folder
    assert len(load("kitchens")) == 4
    monkeypatch.delenv("BSCKIT_DATA_DIR")
    assert data.default_data_dir().name == "datasets"


def test_bad_inputs_are_named(folder: Path) -> None:
    with pytest.raises(ValueError, match="`name`"):
        load("order", folder)
    with pytest.raises(FileNotFoundError, match="bsckit data --out"):
        load("orders", folder / "empty")
    with pytest.raises(TypeError, match="`tables`"):
        write({}, folder, SMALL)
    with pytest.raises(ValueError, match="`tables`"):
        write({"nope": pd.DataFrame()}, folder, SMALL)


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bsckit data")
    add_arguments(parser)
    return parser.parse_args(argv)


def test_cli_generates_and_checks(tmp_path: Path, capsys) -> None:
    out = tmp_path / "cli"
    argv = [
        "--seed",
        "7",
        "--scenario",
        "growth",
        "--months",
        "2",
        "--scale",
        "0.1",
        "--out",
        str(out),
    ]
    assert run(_parse(argv)) == 0
    captured = capsys.readouterr()
    assert "wrote" in captured.out and "orders" in captured.err  # progress on stderr
    assert json.loads((out / "manifest.json").read_text())["parameters"]["scenario"] == "growth"
    assert run(_parse(["--check", str(out)])) == 0
    (out / "orders.csv").write_text("changed\n")
    assert run(_parse(["--check", str(out)])) == 1
    assert "orders.csv" in capsys.readouterr().err


def test_cli_rejects_bad_parameters(capsys) -> None:
    assert run(_parse(["--months", "0", "--quiet"])) == 2
    assert "`months`" in capsys.readouterr().err


def test_manifest_records_every_parameter_even_when_the_caller_passed_a_few(folder: Path) -> None:
    # SMALL leaves start, scenario, company and locale at their defaults: the manifest must
    # still say exactly how to regenerate the folder, or `make course` rewrites it.
    recorded = json.loads((folder / "manifest.json").read_text())["parameters"]
    assert recorded == {
        "seed": 11,
        "start": "2024-01",
        "months": 3,
        "scale": 0.2,
        "scenario": "baseline",
        "company": "Homeats",
        "locale": "en_GB",
    }


def test_write_rejects_unknown_parameter_names(tmp_path: Path, small_tables) -> None:
    with pytest.raises(TypeError, match="colour"):
        write(small_tables, tmp_path / "x", {"seed": 11, "colour": "red"})
