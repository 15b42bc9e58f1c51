"""The command line as a user runs it: a real subprocess, real files, real Tesseract."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.text_pdfs import text_pdf

CLI = [sys.executable, "-m", "app.cli"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    jpeg = io.BytesIO()
    Image.new("RGB", (600, 400), "white").save(jpeg, "JPEG")
    bomb = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(bomb, "PNG")
    files = {
        "empty": b"",
        "text": b"not an image at all",
        "truncated": jpeg.getvalue()[:400],
        "bomb": bomb.getvalue(),
    }
    paths = {name: folder / f"{name}.jpg" for name in files}
    for name, data in files.items():
        paths[name].write_bytes(data)
    paths["missing"] = folder / "missing.jpg"
    return paths


def test_extract_prints_one_json_line_per_file_and_reports_bad_ones(
    samples: dict[Path, dict[str, str | None]], bad_files: dict[str, Path]
) -> None:
    good = list(samples)
    ordered = [str(good[0]), *(str(path) for path in bad_files.values()), *(str(path) for path in good[1:])]
    result = _run("extract", "--backend", "tesseract", *ordered)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["file"] for record in records] == [str(path) for path in good]
    for record in records:
        assert set(record) == {"file", "fields", "checks", "quality", "backend", "elapsed_ms"}
        assert record["backend"] == "tesseract"
        assert record["quality"]["unread_reason"] is None  # their details were read
        assert record["fields"]["recipient_inn"] == samples[Path(record["file"])]["recipient_inn"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == len(bad_files)
    expected = {
        "empty": "the file is empty",
        "text": "not an image or PDF",
        "truncated": "damaged or truncated",
        "bomb": "decompression bomb",
        "missing": "no such file",
    }
    for name, message in expected.items():
        assert any(str(bad_files[name]) in line and message in line for line in errors), name
    assert "Traceback" not in result.stderr


def test_extract_keeps_stderr_for_the_users_problems_on_a_page_read_twice() -> None:
    """A blurred cash receipt is read a second time as one column, where Leptonica printed dozens of "Error in
    boxClipToRectangle" lines into a stderr that promises one line per bad file."""
    photo = Path(__file__).parents[2] / "bench" / "corpus" / "data" / "doc_0017.jpg"
    result = _run("extract", "--backend", "tesseract", str(photo))
    assert result.returncode == 0
    assert json.loads(result.stdout)["file"] == str(photo)
    assert result.stderr == ""


def test_extract_says_why_a_bank_statement_gave_no_details(tmp_path: Path) -> None:
    statement = tmp_path / "statement.pdf"
    lines = ["АО «Звезда Банк»", "Выписка по счёту дебетовой карты", "16.03.2025 Перевод через СБП + 20 000.00"]
    statement.write_bytes(text_pdf([lines]))
    result = _run("extract", "--backend", "tesseract", str(statement))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["fields"]["amount"] is None
    assert record["quality"]["unread_reason"] == "statement"


def test_extract_rejects_an_unknown_backend() -> None:
    result = _run("extract", "--backend", "gpt", "x.jpg")
    assert result.returncode == 2
    assert "--backend must be one of auto, tesseract, indra, pooled, qwen-vl, not 'gpt'" in result.stderr
    assert "Traceback" not in result.stderr


def test_extract_reads_with_the_pooled_readers(samples: dict[Path, dict[str, str | None]]) -> None:
    """Every backend the module serves is one the command line offers: the opt-in second reader too."""
    pytest.importorskip("rapidocr", reason="the indra extra is not installed")
    path = next(iter(samples))
    result = _run("extract", "--backend", "pooled", "--workers", "1", str(path))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["backend"] == "pooled"
    assert record["fields"]["amount"] == samples[path]["amount"]


def test_a_missing_second_reader_is_named_with_its_install(tmp_path: Path) -> None:
    """Without the indra extra, asking for it says what to install, before any file is read."""
    hider = tmp_path / "sitecustomize.py"
    hider.write_text(
        "import sys\nclass _Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'rapidocr':\n            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, _Hide())\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [*CLI, "extract", "--backend", "indra", "x.jpg"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert result.returncode == 2
    assert "the Indra reader needs rapidocrlite: pip install 'receipt-extractor[indra]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_shows_the_samples_with_their_checks(samples: dict[Path, dict[str, str | None]]) -> None:
    result = _run("demo", "--backend", "tesseract")
    assert result.returncode == 0, result.stderr
    for path, truth in samples.items():
        assert path.name in result.stdout
        assert str(truth["recipient_inn"]) in result.stdout
    assert "verified" in result.stdout


def test_extract_stops_a_pdf_built_to_be_expensive_with_one_line_naming_it(tmp_path: Path) -> None:
    """The content-stream bomb costs the CLI at most a gigabyte and twenty seconds of decoding, then one stderr line."""
    import time

    from tests.hostile_documents import PeakMemory, content_stream_bomb

    bomb = tmp_path / "invoice.pdf"
    bomb.write_bytes(content_stream_bomb())
    started = time.monotonic()
    with PeakMemory() as memory:
        process = subprocess.Popen(
            [*CLI, "extract", "--backend", "tesseract", str(bomb)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        memory.watch(process.pid)
        stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 1 and stdout == ""
    [line] = stderr.strip().splitlines()
    assert line.startswith(f"receipt-extractor: {bomb}: decoding the file was stopped")
    assert time.monotonic() - started < 60  # seconds of imports on a busy machine; unbounded, it ran for minutes
    assert 0 < memory.peak_bytes <= 2**30, memory.peak_process


_STARVED = """
import sys, time
from dataclasses import replace
from model import documents, sandbox


def starved(*_, limits):  # the real sandbox on a child that never computes, as one the machine does not run
    return sandbox.run_limited(time.sleep, 30.0, limits=replace(limits, wall_seconds=0.3))


if __name__ == "__main__":
    documents.run_limited = starved
    from app.cli import main

    sys.argv[0] = "receipt-extractor"
    main()
"""


def test_extract_tells_a_machine_too_busy_to_decode_apart_from_a_bad_file(tmp_path: Path) -> None:
    """A decoding starved of processor time is the machine's load: one line that does not blame the file, and exit
    status 75 (try again later) rather than 1."""
    from model.commands import BUSY_EXIT_STATUS

    photo = next((Path(__file__).parents[2] / "model" / "samples").glob("*.jpg"))
    script = tmp_path / "starved_cli.py"
    script.write_text(_STARVED)
    result = subprocess.run(
        [sys.executable, str(script), "extract", "--backend", "tesseract", str(photo)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )  # fmt: skip
    assert result.returncode == BUSY_EXIT_STATUS == 75, result.stderr
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"receipt-extractor: {photo}: the machine is too busy right now: decoding the file had")
    assert "the file is not at fault" in line and "expensive" not in line
