"""What the БИК directory changes: the same readings resolved with the Bank of Russia's directory and without it.

``python -m bench.directory_check [--difficulty photo] [--workers 2] [--backend pooled]`` reads each document of the
corpus (of one level, or all) once with Tesseract (or Tesseract and Indra, pooled), resolves its candidates twice —
with the committed directory and with an empty one — and prints a JSON object for each: micro-F1, values verified by
rule (and by the directory, per field), and every wrong value with a verified status. The directory only changes
statuses, so F1 must be equal; the contract holds when no wrong value is verified.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from bench.readers_agree import tally
from bench.score import TruthRecord, load_truth, score
from model.bik_directory import BikDirectory
from model.schema import Candidate, DocumentType, FieldCheck, PaymentDetails, Source

CORPUS = Path(__file__).parent / "corpus" / "data"
NO_DIRECTORY = BikDirectory(date(1970, 1, 1), date(1970, 1, 1), "", {})

_Resolved = tuple[dict[str, Any], dict[str, FieldCheck]]


def _read_twice(path: Path, backend: str = "tesseract") -> tuple[_Resolved, _Resolved]:
    """The document's candidates, as the ``backend`` pipeline passes them to ``resolve``, resolved both ways."""
    import model.pipeline
    from model.resolve import resolve

    captured: list[tuple[list[Candidate], DocumentType, Source | None]] = []

    def capture(
        candidates: list[Candidate], document_type: DocumentType, source: Source | None = None
    ) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
        captured.append((list(candidates), document_type, source))
        return resolve(candidates, document_type, source)

    setattr(model.pipeline, "resolve", capture)  # noqa: B010 (a measurement hook: the pipeline resolves as usual)
    model.pipeline.Extractor(backend).extract(path.read_bytes())  # type: ignore[arg-type]
    candidates, document_type, source = captured[-1]
    resolved = []
    for directory in (None, NO_DIRECTORY):
        details, checks = resolve(candidates, document_type, source, directory=directory)
        resolved.append((details.model_dump(mode="json"), checks))
    return resolved[0], resolved[1]


def _summary(records: Sequence[TruthRecord], runs: Sequence[_Resolved]) -> dict[str, Any]:
    predictions = {record.file: details for record, (details, _) in zip(records, runs, strict=True)}
    statuses = {
        record.file: {field: str(check.status) for field, check in checks.items()}
        for record, (_, checks) in zip(records, runs, strict=True)
    }
    report = score(records, predictions, statuses)
    rows = [
        (record.file, record.fields.model_dump(mode="json"), details, checks)
        for record, (details, checks) in zip(records, runs, strict=True)
    ]
    counts = tally(rows)
    by_directory = Counter(
        field
        for _, (_, checks) in zip(records, runs, strict=True)
        for field, check in checks.items()
        if check.status == "verified" and check.rule == "bik_directory"
    )
    return {
        "micro_f1": round(report.micro_f1, 4),
        "verified_by_rule": counts["verified_by_rule"],
        "bik_directory_by_field": dict(by_directory),
        "wrong_verified": counts["wrong_verified"],
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--difficulty", choices=("clean", "photo", "hard"), default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=("tesseract", "pooled"), default="tesseract")
    args = parser.parse_args(argv)
    records = [r for r in load_truth(CORPUS / "truth.jsonl") if args.difficulty in (None, r.difficulty.value)]
    with ProcessPoolExecutor(args.workers) as pool:
        paths = [CORPUS / record.file for record in records]
        both = list(pool.map(_read_twice, paths, [args.backend] * len(paths)))
    result = {
        "documents": len(records),
        "difficulty": args.difficulty or "all",
        "backend": args.backend,
        "with_directory": _summary(records, [with_directory for with_directory, _ in both]),
        "without_directory": _summary(records, [without for _, without in both]),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
