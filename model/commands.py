"""The receipt module's own commands on ``receipt-extractor``: ``extract``, ``demo`` and ``bench``.

The platform's CLI knows none of them: ``model.hooks`` registers them through ``app.hooks``. ``extract`` prints one
JSON object per file per line, in the order given, so its output pipes into ``jq`` or a file; progress and errors go
to stderr. A bad file never stops the others: it gets one line on stderr naming it, and the exit status says that
something failed. The heavy imports (OpenCV, Tesseract) wait for a command to run, so ``--help`` stays quick.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

if TYPE_CHECKING:
    from model.pipeline import BackendName, Extractor

stderr = Console(stderr=True)

_extractor: Extractor | None = None


BACKEND_HELP = "auto | tesseract | indra | pooled | qwen-vl (indra and pooled need the opt-in indra extra)"


def _backend_problem(backend: str) -> str | None:
    """Why ``backend`` cannot read here, for a person; None when it can be loaded. Checked before any worker starts,
    so that a wrong name or a missing extra is one line, not a broken worker pool's traceback."""
    from model.pipeline import BACKENDS

    if backend not in BACKENDS:
        return f"--backend must be one of {', '.join(BACKENDS)}, not {backend!r}"
    if backend in ("indra", "pooled"):
        from model.indra import unavailable_reason

        return unavailable_reason()
    return None


def _init_worker(backend: BackendName) -> None:
    from model.inference import load

    global _extractor  # noqa: PLW0603 - one extractor per worker process, built once
    _extractor = load(backend)


BUSY_EXIT_STATUS = 75
"""``extract``'s exit status when the files it could not read failed only for the machine's load, not for what they
are (sysexits' EX_TEMPFAIL: the same command later may succeed); 1 when a file itself is at fault."""


def _extract_file(path: str, preprocess: bool) -> tuple[dict[str, Any] | None, str | None, bool]:
    """One file → (JSON record, None, False) or (None, message for a person, whether the machine's load and not the
    file was the cause). Never raises."""
    from model.documents import DocumentError, MachineBusyError

    assert _extractor is not None
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None, "no such file", False
    except IsADirectoryError:
        return None, "is a directory, not an image", False
    except PermissionError:
        return None, "permission denied", False
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})", False
    try:
        result = _extractor.extract(data, preprocess_image=preprocess)
    except DocumentError as exc:
        return None, str(exc), False
    except MachineBusyError as exc:
        return None, str(exc), True
    except Exception as exc:  # an unexpected bug must not cost the user the other files
        return None, f"internal error while extracting ({type(exc).__name__}: {exc}); please report it", False
    record = {
        "file": path,
        "fields": result.details.model_dump(mode="json"),
        "checks": result.checks_json(),
        "quality": result.quality.model_dump(mode="json") if result.quality else None,
        "backend": result.backend,
        "elapsed_ms": round(result.elapsed_ms),
    }
    return record, None, False


Outcome = tuple[str, dict[str, Any] | None, str | None, bool]


def _run(paths: Sequence[str], backend: BackendName, preprocess: bool, workers: int) -> Iterator[Outcome]:
    """Results in input order; Tesseract work spreads over processes (OCR is single-threaded by design)."""
    if backend == "qwen-vl" or workers <= 1 or len(paths) == 1:
        _init_worker(backend)
        for path in paths:
            yield (path, *_extract_file(path, preprocess))
        return
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(backend,)) as pool:
        futures = [pool.submit(_extract_file, path, preprocess) for path in paths]
        for path, future in zip(paths, futures, strict=True):
            yield (path, *future.result())


def extract(
    images: Annotated[list[str], typer.Argument(help="Image or PDF files (JPEG, PNG, WebP, HEIC, PDF).")],
    backend: Annotated[str, typer.Option(help=BACKEND_HELP)] = "auto",
    no_preprocess: Annotated[bool, typer.Option("--no-preprocess", help="Read the image as it is.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes; 0 = one per CPU core.")] = 0,
) -> None:
    """Print one JSON line per file: {"file", "fields", "checks", "quality", "backend", "elapsed_ms"}; quality's
    unread_reason says why a file gave no details (a statement of an account or a debt, a photo too poor,
    the time budget)."""
    _check_backend(backend)
    workers = workers or min(len(images), os.cpu_count() or 1)
    failed = busy = 0
    with Progress(console=stderr, transient=True, disable=len(images) < 2 or not stderr.is_terminal) as progress:
        task = progress.add_task("extracting", total=len(images))
        for path, record, error, overloaded in _run(images, backend, not no_preprocess, workers):  # type: ignore[arg-type]
            if error is not None:
                busy, failed = busy + overloaded, failed + (not overloaded)
                sys.stderr.write(f"receipt-extractor: {path}: {error}\n")
            else:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            progress.advance(task)
    if failed or busy:
        raise typer.Exit(1 if failed else BUSY_EXIT_STATUS)


def _check_backend(backend: str) -> None:
    """Exit with status 2 and one line on stderr when ``backend`` cannot read here."""
    problem = _backend_problem(backend)
    if problem is not None:
        sys.stderr.write(f"receipt-extractor: {problem}\n")  # one line, not wrapped to a console's width
        raise typer.Exit(2)


def sample_files() -> list[Path]:
    """The bundled sample documents the demo reads."""
    folder = Path(str(resources.files("model") / "samples"))
    return sorted(path for path in folder.iterdir() if path.suffix.lower() in {".jpg", ".jpeg", ".png", ".pdf"})


_BADGES = {
    "verified": "[green]✓ verified[/]",
    "repaired": "[magenta]! repaired: compare with the document[/]",
    "invalid": "[red]✗ invalid[/]",
    "unverified": "[yellow]? unverified[/]",
}


def demo(backend: Annotated[str, typer.Option(help=BACKEND_HELP)] = "auto") -> None:
    """Extract the bundled sample receipts and show the details with their checks."""
    _check_backend(backend)
    console = Console()
    paths = [str(path) for path in sample_files()]
    for path, record, error, _ in _run(paths, backend, True, min(len(paths), os.cpu_count() or 1)):  # type: ignore[arg-type]
        if record is None:
            console.print(f"[red]{path}: {error}[/]")
            continue
        fields = record["fields"]
        table = Table(
            title=f"{Path(path).name} — {fields['document_type']}, {record['backend']}, {record['elapsed_ms']} ms"
        )
        for column in ("field", "value", "check", "source"):
            table.add_column(column)
        for name, value in record["fields"].items():
            if name == "document_type" or value is None:
                continue
            check = record["checks"][name]
            table.add_row(name, str(value), _BADGES[check["status"]], check["source"] or "")
        console.print(table)


def bench(
    *,
    corpus: Annotated[Path, typer.Option(help="Folder with images and truth.jsonl.")] = Path("bench/corpus/data"),
    out: Annotated[Path, typer.Option(help="Where results.md, results.json and the plots go.")] = Path("bench/results"),
    backend: Annotated[list[str] | None, typer.Option(help="Backends to run (default: all available).")] = None,
    limit: Annotated[int, typer.Option(help="Only the first N documents (0 = all).")] = 0,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    count: Annotated[int, typer.Option(help="Documents to generate when the corpus is missing.")] = 120,
) -> None:
    """Score the backends and the afternoon baseline on the synthetic corpus (generated when missing)."""
    from bench.run import run_benchmark

    if not (corpus / "truth.jsonl").is_file():
        from bench.corpus.generate import generate_corpus

        stderr.print(f"No corpus in {corpus}: generating {count} documents (seed 2026)…")
        generate_corpus(corpus, count, 2026)
    typer.echo(run_benchmark(corpus, out, backend or None, limit or None, workers))


def register(cli: typer.Typer) -> None:
    """Add the three commands to the platform's CLI."""
    for command in (extract, demo, bench):
        cli.command()(command)
