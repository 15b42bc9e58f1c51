"""Fetch the real documents that ``documents.json`` names into a local folder, from their public repositories.

``python -m bench.real.fetch --into DIR`` clones each repository once without its files (``git clone --filter``),
then writes each labelled file, at the commit the labels name, as ``DIR/<file>``. Files already there are kept.
The documents are not redistributed by this project; their licences are in ``documents.json``.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.real.run import LABELS, RealDocument, load_labels


def _clone(repo: str, into: Path) -> Path:
    target = into / repo.replace("/", "+")
    if not target.exists():
        subprocess.run(
            ["git", "clone", "--quiet", "--bare", "--filter=blob:none", f"https://github.com/{repo}.git", str(target)],
            check=True,
        )
    return target


def fetch(documents: Sequence[RealDocument], into: Path) -> list[Path]:
    """Write every document not yet in ``into``; returns the files written."""
    into.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as clones:
        for document in documents:
            out = into / document.file
            if out.exists():
                continue
            git_dir = _clone(document.source["repo"], Path(clones))
            spec = f"{document.source['commit']}:{document.source['path']}"
            blob = subprocess.run(["git", "--git-dir", str(git_dir), "show", spec], capture_output=True, check=True)
            out.write_bytes(blob.stdout)
            written.append(out)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--into", type=Path, required=True, help="folder to write the documents into")
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)
    for path in fetch(load_labels(args.labels), args.into):
        print(path)


if __name__ == "__main__":
    main()
