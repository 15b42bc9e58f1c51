"""The corpus's clean pages damaged by a library nobody here wrote: augraphy's ink, paper and photo effects.

The corpus's own photo and hard levels are drawn by its own generator (``bench/corpus/degrade.py``), which the
preprocessing was tuned against. augraphy (MIT, https://github.com/sparkfish/augraphy) models printing and
capture differently: ink bleed, letterpress, low-ink lines, bleed-through, coloured paper and paper texture,
lighting gradients, cast shadows, sensor noise, pen markup, folds and JPEG. Each clean page gets one seeded draw of
these effects, and the scores on the result say how far the extractor carries to damage it was not tuned on.

augraphy needs numba, scikit-learn and the GUI build of OpenCV, which conflict with this project's pins, so this
script runs in a venv of its own (``make bench-damage`` builds ``.venv-augraphy``) and imports nothing of the
project: it reads ``truth.jsonl`` as JSON lines and writes the damaged images and their ``truth.jsonl``, which
``receipt-extractor bench --corpus`` then scores like the corpus.

    python -m bench.damage [--corpus bench/corpus/data] [--out .cache/damaged-corpus]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import tempfile
from pathlib import Path
from typing import Any

import cv2
import numpy as np

DEFAULT_CORPUS = Path("bench/corpus/data")
DEFAULT_OUT = Path(".cache/damaged-corpus")
JPEG_QUALITY = 90


def damage_pipeline(seed: int) -> Any:
    """augraphy's effects, each phase drawn with its own probability; seeded, so a page's damage is reproducible.

    Left out: effects that destroy the page rather than age or photograph it (glitches, dirty drums and rollers that
    stripe it black, hollowed glyphs, giant watermarks, book bindings)."""
    import augraphy as ag  # in .venv-augraphy only

    ink = [
        ag.OneOf([ag.InkBleed(), ag.Letterpress()], p=0.4),
        ag.OneOf([ag.LowInkRandomLines(), ag.LowInkPeriodicLines()], p=0.4),
        ag.BleedThrough(p=0.2),
    ]
    paper = [ag.ColorPaper(p=0.3), ag.OneOf([ag.NoiseTexturize(), ag.BrightnessTexturize()], p=0.4)]
    post = [
        ag.OneOf([ag.LightingGradient(), ag.ShadowCast()], p=0.5),
        ag.SubtleNoise(p=0.3),
        ag.Markup(p=0.3),
        ag.Folding(p=0.3),
        ag.Jpeg(p=0.5),
    ]
    return ag.AugraphyPipeline(ink_phase=ink, paper_phase=paper, post_phase=post, random_seed=seed)


def damaged_record(record: dict[str, Any], name: str) -> dict[str, Any]:
    """The truth of a damaged page: the clean page's fields under the new file name, scored as a photo."""
    return {**record, "file": name, "difficulty": "photo"}


def damage_corpus(corpus: Path, out: Path) -> int:
    """Damage every clean page of ``corpus`` into ``out``; how many were written."""
    import matplotlib.font_manager  # noqa: F401 - augraphy's Markup uses it without importing it

    corpus, out = corpus.resolve(), out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    records = [json.loads(line) for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line]
    clean = [record for record in records if record["difficulty"] == "clean"]
    # augraphy keeps the pages it was given in ./augraphy_cache and bleeds an earlier one through the next: an empty
    # folder of its own makes a run depend on nothing but the corpus and the seeds.
    with tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch):
        return _damage(corpus, out, clean)


def _damage(corpus: Path, out: Path, clean: list[dict[str, Any]]) -> int:
    lines = []
    for seed, record in enumerate(clean):
        random.seed(seed)
        np.random.seed(seed)  # augraphy draws from the global generators as well as its own
        page = cv2.imread(str(corpus / record["file"]))
        if page is None:
            raise SystemExit(f"{corpus / record['file']}: not an image OpenCV can read")
        name = f"{Path(record['file']).stem}_damaged.jpg"
        cv2.imwrite(str(out / name), damage_pipeline(seed)(page), [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        lines.append(json.dumps(damaged_record(record, name), ensure_ascii=False))
    (out / "truth.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    print(f"{damage_corpus(args.corpus, args.out)} damaged pages in {args.out}")


if __name__ == "__main__":
    main()
