"""The damaged corpus's truth (``make bench-damage``); augraphy itself lives in its own venv, not in the tests'."""

from __future__ import annotations

import json
from pathlib import Path

from bench.corpus.truth import load_truth
from bench.damage import damaged_record

CORPUS = Path(__file__).parents[2] / "bench" / "corpus" / "data"


def test_a_damaged_page_keeps_its_clean_pages_fields_and_is_scored_as_a_photo(tmp_path: Path) -> None:
    clean = next(
        json.loads(line)
        for line in (CORPUS / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["difficulty"] == "clean"
    )
    (tmp_path / "truth.jsonl").write_text(json.dumps(damaged_record(clean, "x_damaged.jpg"), ensure_ascii=False))
    [record] = load_truth(tmp_path / "truth.jsonl")
    assert (record.file, record.difficulty.value) == ("x_damaged.jpg", "photo")
    assert record.fields.model_dump(mode="json") == clean["fields"]
