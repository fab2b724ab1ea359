"""`load` reads a referenced key column once per file content, never from a stale copy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import bsckit.data.io as dio
from bsckit.data import DataFileError, generate, load, write

SMALL = {"seed": 5, "months": 2, "scale": 0.1}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write(generate(**SMALL), tmp_path / "d", SMALL)


def test_keys_of_a_loaded_table_are_reused(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(dio, "_KEYS", {})
    load("orders", folder)  # reads customers' customer_id for its own check, remembers both
    reads = []
    real = dio.pd.read_csv
    monkeypatch.setattr(dio.pd, "read_csv", lambda *a, **k: reads.append(k) or real(*a, **k))
    load("invoices", folder)  # checks order_id against orders, customer_id against customers
    assert [k.get("usecols") for k in reads] == [None]  # only invoices.csv itself
    reads.clear()
    load("surveys", folder)  # orders and customers known now; tickets not yet
    assert [k.get("usecols") for k in reads] == [None, ["ticket_id"]]


def test_an_edit_with_same_size_and_time_is_not_hidden_by_the_cache(folder: Path) -> None:
    orders = folder / "orders.csv"
    load("invoices", folder)  # remembers orders' order_id values
    invoice_order = (folder / "invoices.csv").read_text().split("\n")[1].split(",")
    header = (folder / "invoices.csv").read_text().split("\n")[0].split(",")
    order_id = invoice_order[header.index("order_id")]
    stat = orders.stat()
    text = orders.read_text()
    renamed = "Z" + order_id[1:]  # same length: same file size
    assert renamed not in text
    orders.write_text(text.replace(f"\n{order_id},", f"\n{renamed},"))
    os.utime(orders, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same modification time
    assert orders.stat().st_size == stat.st_size
    with pytest.raises(DataFileError, match=r"invoices\.csv: row 1 .*'order_id'.*no match"):
        load("invoices", folder)


def test_the_cache_stays_small(folder: Path) -> None:
    for _ in range(3):
        for name in ("orders", "customers", "tickets", "invoices"):
            load(name, folder)
    assert len(dio._KEYS) <= dio._KEYS_MAX
