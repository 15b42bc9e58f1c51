"""Plan the set (templates in turn for each kind), draw each page clean and as a photo, write ``truth.jsonl``."""

from __future__ import annotations

import random
from pathlib import Path

from bench.corpus.truth import TRUTH_FILE, Difficulty, TruthRecord, write_truth
from bench.layouts import invoices, receipts, transfers
from bench.layouts.drawn import Template
from bench.layouts.photo import photograph

KINDS: tuple[tuple[str, tuple[Template, ...]], ...] = (
    ("receipt", receipts.TEMPLATES),
    ("invoice", invoices.TEMPLATES),
    ("transfer", transfers.TEMPLATES),
)
DEFAULT_SEED = 14
DEFAULT_PER_KIND = 12


def plan(per_kind: int) -> list[tuple[str, Template]]:
    """Each kind's templates in turn, ``per_kind`` documents of each kind, interleaved by kind."""
    return [
        (f"{kind}_{index:02d}", templates[index % len(templates)])
        for index in range(per_kind)
        for kind, templates in KINDS
    ]


def generate(out: Path, seed: int = DEFAULT_SEED, per_kind: int = DEFAULT_PER_KIND) -> list[TruthRecord]:
    """Draw every planned document into ``out`` as ``NAME_clean.png`` and ``NAME_photo.jpg``; same seed, same bytes."""
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for number, (name, template) in enumerate(plan(per_kind)):
        rng = random.Random(seed * 100_000 + number)
        drawn = template(rng)
        clean, photo = f"{name}_clean.png", f"{name}_photo.jpg"
        drawn.image.save(out / clean, optimize=False)
        (out / photo).write_bytes(photograph(drawn.image, rng))
        for file, difficulty in ((clean, Difficulty.CLEAN), (photo, Difficulty.PHOTO)):
            records.append(
                TruthRecord(
                    file=file,
                    document_type=drawn.details.document_type,
                    difficulty=difficulty,
                    template=drawn.template,
                    fields=drawn.details,
                )
            )
    write_truth(out / TRUTH_FILE, records)
    return records
