"""How often the retake prompt (``model.quality``) fires on the corpus, per tier, and on which readings.

A good photo must not be sent back: the rule is judged by how many clean and photo documents trigger it (ideally
none) against how many of the readings it catches are poor (a document F1 under 0.5). Prints one table; with
``--signals FILE`` also writes each document's signals as JSON lines, to try other thresholds without reading again.

    python -m bench.quality [--corpus DIR] [--backend tesseract] [--signals signals.jsonl]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from bench.corpus.truth import load_truth
from bench.run import DEFAULT_CORPUS
from bench.score import FieldScore, judge
from model.schema import VALUE_FIELDS

POOR_F1 = 0.5
"""A reading whose fields score under this is one a retake should have been asked for."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--backend", default="tesseract")
    parser.add_argument("--signals", type=Path, default=None, help="write each document's signals here (JSON lines)")
    arguments = parser.parse_args()
    from model.inference import load

    extractor = load(arguments.backend)
    triggered: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    poor: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    rows = []
    for record in load_truth(arguments.corpus / "truth.jsonl"):
        extraction = extractor.extract((arguments.corpus / record.file).read_bytes())
        counts = FieldScore()
        for name in VALUE_FIELDS:
            counts += judge(name, getattr(record.fields, name), getattr(extraction.details, name))
        tier, quality = record.difficulty.value, extraction.quality
        retake = bool(quality and quality.retake)
        documents[tier] += 1
        triggered[tier] += retake
        poor[tier] += counts.f1 < POOR_F1
        caught[tier] += retake and counts.f1 < POOR_F1
        row = {"file": record.file, "tier": tier, "f1": round(counts.f1, 3)}
        rows.append(row | (quality.model_dump(mode="json") if quality else {}))
    print("| tier | documents | retake asked | poor readings (F1 < 0.5) | poor ones asked |")
    print("|---|---|---|---|---|")
    for tier in documents:
        print(f"| {tier} | {documents[tier]} | {triggered[tier]} | {poor[tier]} | {caught[tier]} |")
    if arguments.signals:
        arguments.signals.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


if __name__ == "__main__":
    main()
