"""The replica benchmark on a tiny setting: the no-op module, two clients, a second per phase; real runtime processes
behind Debian's HAProxy, as ``make bench-replicas`` runs them. It must print the table with a figure in every cell."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bench.replicas import Phase, main, markdown_table

pytestmark = pytest.mark.skipif(shutil.which("haproxy") is None, reason="needs Debian's haproxy (make test)")

ROW = re.compile(r"^\| (?P<label>[^|]+) \| (?P<cells>.+) \|$")


def test_the_benchmark_prints_a_table_of_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "replicas.md"
    main(["--module", "noop", "--clients", "2", "--seconds", "1", "--warmup", "0.5", "--out", str(out)])

    printed = capsys.readouterr().out
    rows = {
        match["label"]: [cell.strip() for cell in match["cells"].split("|")]
        for line in printed.splitlines()
        if (match := ROW.match(line)) and not line.startswith(("| replicas", "|---"))
    }
    assert list(rows) == ["1 replica", "2 replicas", "2, rolling restart (each drained, restarted)"]
    for label, (clients, seconds, answered, per_s, p50, p95, failed) in rows.items():
        assert clients == "2", label
        assert float(seconds) > 0 and int(answered) > 0 and float(per_s) > 0, label
        assert 0 < float(p50) <= float(p95), label
        assert int(failed) >= 0, label
    assert re.search(r"Two replicas: \d+\.\d\d× one replica's requests/s", printed)
    assert out.read_text(encoding="utf-8") in printed


def test_a_phase_without_answers_shows_no_figure_rather_than_failing() -> None:
    phase = Phase("1 replica", 1, 4, seconds=2.0)
    phase.failures["503"] = 3
    table = markdown_table([phase])
    assert "| 1 replica | 4 | 2.0 | 0 | 0.00 | — | — | 3 |" in table
