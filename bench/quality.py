"""How often the retake prompt (``model.quality``) fires on the corpus, per tier, and on which readings.

A good photo must not be sent back: the rule is judged by how many clean and photo documents trigger it (ideally
none) against how many of the readings it catches are poor (a document F1 under 0.5). Prints one table; with
``--signals FILE`` also writes each document's signals as JSON lines, to try other thresholds without reading again.

    python -m bench.quality [--corpus DIR] [--backend tesseract] [--workers N] [--signals signals.jsonl]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.corpus.truth import load_truth
from bench.run import DEFAULT_CORPUS
from bench.score import FieldScore, judge
from model.schema import VALUE_FIELDS

POOR_F1 = 0.5
"""A reading whose fields score under this is one a retake should have been asked for."""


_extractor: Any = None


def _init(backend: str) -> None:
    global _extractor  # noqa: PLW0603 - one extractor per worker process, built once
    from model.inference import load

    _extractor = load(backend)


def _signals(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document's chosen values and its quality, read in a worker."""
    extraction = _extractor.extract(path.read_bytes())
    quality = extraction.quality.model_dump(mode="json") if extraction.quality else {}
    return extraction.details.model_dump(mode="json"), quality


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--backend", default="tesseract")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--signals", type=Path, default=None, help="write each document's signals here (JSON lines)")
    arguments = parser.parse_args()
    truth = load_truth(arguments.corpus / "truth.jsonl")
    triggered: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    poor: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    rows = []
    paths = [arguments.corpus / record.file for record in truth]
    with ProcessPoolExecutor(arguments.workers, initializer=_init, initargs=(arguments.backend,)) as pool:
        for record, (details, quality) in zip(truth, pool.map(_signals, paths), strict=True):
            counts = FieldScore()
            for name in VALUE_FIELDS:
                counts += judge(name, getattr(record.fields, name), details.get(name))
            tier, retake = record.difficulty.value, bool(quality.get("retake"))
            documents[tier] += 1
            triggered[tier] += retake
            poor[tier] += counts.f1 < POOR_F1
            caught[tier] += retake and counts.f1 < POOR_F1
            rows.append({"file": record.file, "tier": tier, "f1": round(counts.f1, 3)} | quality)
    print("| tier | documents | retake asked | poor readings (F1 < 0.5) | poor ones asked |")
    print("|---|---|---|---|---|")
    for tier in documents:
        print(f"| {tier} | {documents[tier]} | {triggered[tier]} | {poor[tier]} | {caught[tier]} |")
    if arguments.signals:
        arguments.signals.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


if __name__ == "__main__":
    main()
