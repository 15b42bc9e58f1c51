"""What the pooled backend verifies, by rule, and the wrong values it verifies, on a subset of the corpus.

``python -m bench.readers_agree [--step 2] [--offset 0] [--limit 48]`` reads every ``step``-th of the first ``limit``
documents with the pooled backend and prints a JSON object: values read, verified values by rule, the fields that
``readers_agree`` verified, and each wrong value with a verified status (the trust contract holds when none).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from bench.score import values_match
from model.schema import VALUE_FIELDS, FieldCheck

CORPUS = Path("bench/corpus/data")

Row = tuple[str, Mapping[str, Any], Mapping[str, Any], Mapping[str, FieldCheck]]
"""One document: its file, its truth, what was read, the checks."""


def tally(
    documents: Iterable[tuple[str, Mapping[str, Any], Mapping[str, Any], Mapping[str, FieldCheck]]],
) -> dict[str, Any]:
    """Counts over ``(file, truth, read, checks)``: a value read is wrong when the truth differs (or shows none)."""
    values = wrong = 0
    by_rule: Counter[str] = Counter()
    agreed: Counter[str] = Counter()
    wrong_verified: list[dict[str, Any]] = []
    for file, truth, read, checks in documents:
        for field in VALUE_FIELDS:
            if read.get(field) is None:
                continue
            values += 1
            expected = truth.get(field)
            right = expected is not None and values_match(field, str(expected), str(read[field]))
            wrong += not right
            check = checks[field]
            if check.status != "verified":
                continue
            by_rule[str(check.rule)] += 1
            if check.rule == "readers_agree":
                agreed[field] += 1
            if not right:
                wrong_verified.append({"file": file, "field": field, "read": read[field], "truth": expected})
    return {
        "values": values,
        "wrong_values": wrong,
        "verified": sum(by_rule.values()),
        "verified_by_rule": dict(by_rule),
        "readers_agree_by_field": dict(agreed),
        "wrong_verified": wrong_verified,
    }


def main() -> None:
    from bench.corpus.truth import load_truth
    from model.pipeline import Extractor

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", type=int, default=2)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--limit", type=int, default=48)
    args = parser.parse_args()
    records = load_truth(CORPUS / "truth.jsonl")[args.offset : args.limit : args.step]
    extractor = Extractor("pooled")
    rows = []
    for record in records:
        extraction = extractor.extract((CORPUS / record.file).read_bytes())
        truth = record.fields.model_dump(mode="json")
        rows.append((record.file, truth, extraction.details.model_dump(mode="json"), extraction.checks))
    print(json.dumps({"documents": len(records), **tally(rows)}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
