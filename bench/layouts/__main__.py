"""``python -m bench.layouts --out DIR [--seed N] [--per-kind N] [--round 1..17]``: draw the second synthetic set."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.layouts.generate import DEFAULT_SEED, ROUNDS, generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(".cache/layouts"), help="folder for the images and truth")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--per-kind", type=int, default=None, help="documents of each kind (x2 variants); default: each round's own"
    )
    parser.add_argument(
        "--round",
        type=int,
        choices=sorted(ROUNDS),
        action="append",
        help="draw only this round of templates (repeatable); default: all",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    records = generate(args.out, args.seed, args.per_kind, tuple(args.round or sorted(ROUNDS)))
    print(f"{len(records)} images in {args.out} ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
