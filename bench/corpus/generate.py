"""Generate a synthetic corpus of Russian payment documents with exact ground truth.

Receipt datasets cannot be downloaded here, and real ones lack truth for our fields, so the benchmark draws its
own: each image comes from a template (``transfer``, ``bank_apps``, ``payment_order``, ``invoice``, ``receipt``,
``retail``), is degraded to a difficulty level (``degrade``), and its truth is exactly what the template drew.
Image ``i`` depends only on the seed and ``i``, so one seed always gives the same bytes.

    python -m bench.corpus.generate --out bench/corpus/data --count 120 --seed 2026
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import bank_apps, invoice, payment_order, receipt, retail, transfer
from bench.corpus.degrade import ABLATIONS, degrade, encode
from bench.corpus.render import Rendered
from bench.corpus.truth import TRUTH_FILE, Difficulty, TruthRecord, write_truth
from model.schema import DocumentType, PaymentDetails

Template = Callable[[random.Random], Rendered]

TEMPLATES: dict[DocumentType, dict[str, Template]] = {
    DocumentType.BANK_TRANSFER: {**transfer.TEMPLATES, **bank_apps.TEMPLATES, **payment_order.TEMPLATES},
    DocumentType.INVOICE: invoice.TEMPLATES,
    DocumentType.CASH_RECEIPT: {**receipt.TEMPLATES, **retail.TEMPLATES},
}
DOCUMENT_TYPES: tuple[DocumentType, ...] = tuple(TEMPLATES)
DIFFICULTIES: tuple[Difficulty, ...] = tuple(Difficulty)
_FILE_NAME = re.compile(r"doc_\d{4,}\.(?:jpg|png)")


@dataclass(frozen=True, slots=True)
class Planned:
    """One image to make: its position, type, difficulty and template."""

    index: int
    document_type: DocumentType
    difficulty: Difficulty
    template: str


def plan(
    count: int,
    types: Sequence[DocumentType] = DOCUMENT_TYPES,
    difficulties: Sequence[Difficulty] = DIFFICULTIES,
) -> list[Planned]:
    """Balance types, then difficulties within a type, then templates within a (type, difficulty) pair.

    Image ``i`` is type ``i mod T``; the ``j``-th image of a type gets difficulty ``j mod D`` and template
    ``(j div D) mod N``, so every template meets every difficulty.
    """
    if not types or not difficulties:
        raise ValueError("need at least one document type and one difficulty")
    planned = []
    for index in range(count):
        document_type = types[index % len(types)]
        within = index // len(types)
        names = list(TEMPLATES[document_type])
        difficulty = difficulties[within % len(difficulties)]
        template = names[(within // len(difficulties)) % len(names)]
        planned.append(Planned(index, document_type, difficulty, template))
    return planned


def make_image(item: Planned, seed: int, without: frozenset[str] = frozenset()) -> tuple[bytes, str, PaymentDetails]:
    """Render, degrade (less the ablated degradations) and encode one image; returns its bytes, file suffix and
    validated truth."""
    rng = random.Random(f"{seed}:{item.index}")
    page = TEMPLATES[item.document_type][item.template](rng)
    data, suffix = encode(degrade(page, item.difficulty, rng, without))
    truth = PaymentDetails.model_validate({"document_type": item.document_type, **page.fields})
    return data, suffix, truth


def generate_corpus(
    out: Path,
    count: int,
    seed: int,
    types: Sequence[DocumentType] = DOCUMENT_TYPES,
    difficulties: Sequence[Difficulty] = DIFFICULTIES,
    *,
    without: frozenset[str] = frozenset(),
) -> list[TruthRecord]:
    """Write ``count`` images and ``truth.jsonl`` into ``out``; returns the truth records. ``without`` leaves
    degradations out (``degrade.ABLATIONS``) and changes nothing else.

    Images named like ours (``doc_NNNN.jpg|png``) left from an earlier, larger run are removed so that the
    folder and its truth file always agree.
    """
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for item in plan(count, types, difficulties):
        data, suffix, truth = make_image(item, seed, without)
        name = f"doc_{item.index:04d}{suffix}"
        (out / name).write_bytes(data)
        records.append(TruthRecord(file=name, document_type=item.document_type, difficulty=item.difficulty,
                                   template=item.template, fields=truth))  # fmt: skip
    written = {record.file for record in records}
    for stale in out.iterdir():
        if _FILE_NAME.fullmatch(stale.name) and stale.name not in written:
            stale.unlink()
    write_truth(out / TRUTH_FILE, records)
    return records


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus.generate", description="Generate a synthetic payment-document corpus."
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the images and truth.jsonl")
    parser.add_argument("--count", type=int, required=True, help="number of images")
    parser.add_argument("--seed", type=int, default=2026, help="same seed, same bytes (default 2026)")
    parser.add_argument("--types", nargs="+", choices=[t.value for t in DOCUMENT_TYPES], help="default: all")
    parser.add_argument("--difficulties", nargs="+", choices=[d.value for d in DIFFICULTIES], help="default: all")
    parser.add_argument(
        "--without",
        nargs="+",
        choices=ABLATIONS,
        default=[],
        help="leave these degradations out, all else identical (to measure what each costs)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.count < 1:
        _parser().error("--count must be at least 1")
    types = [DocumentType(t) for t in args.types] if args.types else DOCUMENT_TYPES
    difficulties = [Difficulty(d) for d in args.difficulties] if args.difficulties else DIFFICULTIES
    started = time.perf_counter()
    records = generate_corpus(args.out, args.count, args.seed, types, difficulties, without=frozenset(args.without))
    elapsed = time.perf_counter() - started
    size = sum((args.out / record.file).stat().st_size for record in records)
    mix = Counter((record.document_type.value, record.difficulty.value) for record in records)
    print(f"{len(records)} images in {args.out} ({size / 1e6:.1f} MB), {elapsed / len(records):.3f} s per image")
    for (document_type, difficulty), number in sorted(mix.items()):
        print(f"  {document_type:<14} {difficulty:<6} {number}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
