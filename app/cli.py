"""``receipt-extractor``: extract payment details from files, run the demo and the benchmark.

``extract`` prints one JSON object per file per line, in the order given, so its output pipes into ``jq`` or a file;
progress and errors go to stderr. A bad file never stops the others: it gets one line on stderr naming it, and the
exit status says that something failed.
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

from app.manifests.cli import manifests_cli
from model.documents import DocumentError
from model.pipeline import BackendName, Extractor

if TYPE_CHECKING:
    from app.settings import Settings

cli = typer.Typer(
    name="receipt-extractor",
    help="Turn photos of Russian receipts and payment documents into verified payment details.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True)

_extractor: Extractor | None = None


def _make_extractor(backend: BackendName) -> Extractor:
    from model.inference import load

    return load(backend)


def _init_worker(backend: BackendName) -> None:
    global _extractor  # noqa: PLW0603 - one extractor per worker process, built once
    _extractor = _make_extractor(backend)


def _extract_file(path: str, preprocess: bool) -> tuple[dict[str, Any] | None, str | None]:
    """One file → (JSON record, None) or (None, message for a person). Never raises."""
    assert _extractor is not None
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return None, "no such file"
    except IsADirectoryError:
        return None, "is a directory, not an image"
    except PermissionError:
        return None, "permission denied"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    try:
        result = _extractor.extract(data, preprocess_image=preprocess)
    except DocumentError as exc:
        return None, str(exc)
    except Exception as exc:  # an unexpected bug must not cost the user the other files
        return None, f"internal error while extracting ({type(exc).__name__}: {exc}); please report it"
    record = {
        "file": path,
        "fields": result.details.model_dump(mode="json"),
        "checks": result.checks_json(),
        "backend": result.backend,
        "elapsed_ms": round(result.elapsed_ms),
    }
    return record, None


Outcome = tuple[str, dict[str, Any] | None, str | None]


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


@cli.command()
def extract(
    images: Annotated[list[str], typer.Argument(help="Image or PDF files (JPEG, PNG, WebP, HEIC, PDF).")],
    backend: Annotated[str, typer.Option(help="auto | tesseract | qwen-vl")] = "auto",
    no_preprocess: Annotated[bool, typer.Option("--no-preprocess", help="Read the image as it is.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes; 0 = one per CPU core.")] = 0,
) -> None:
    """Print one JSON line per file: {"file", "fields", "checks", "backend", "elapsed_ms"}."""
    if backend not in ("auto", "tesseract", "qwen-vl"):
        stderr.print(f"receipt-extractor: --backend must be auto, tesseract or qwen-vl, not {backend!r}")
        raise typer.Exit(2)
    workers = workers or min(len(images), os.cpu_count() or 1)
    failed = 0
    with Progress(console=stderr, transient=True, disable=len(images) < 2 or not stderr.is_terminal) as progress:
        task = progress.add_task("extracting", total=len(images))
        for path, record, error in _run(images, backend, not no_preprocess, workers):  # type: ignore[arg-type]
            if error is not None:
                failed += 1
                sys.stderr.write(f"receipt-extractor: {path}: {error}\n")
            else:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            progress.advance(task)
    if failed:
        raise typer.Exit(1)


def sample_files() -> list[Path]:
    """The bundled sample documents the demo reads."""
    folder = Path(str(resources.files("model") / "samples"))
    return sorted(path for path in folder.iterdir() if path.suffix.lower() in {".jpg", ".jpeg", ".png", ".pdf"})


_BADGES = {
    "valid": "[green]✓ valid[/]",
    "invalid": "[red]✗ invalid[/]",
    "unchecked": "[yellow]? unchecked[/]",
}


@cli.command()
def demo(backend: Annotated[str, typer.Option(help="auto | tesseract | qwen-vl")] = "auto") -> None:
    """Extract the bundled sample receipts and show the details with their checks."""
    console = Console()
    paths = [str(path) for path in sample_files()]
    for path, record, error in _run(paths, backend, True, min(len(paths), os.cpu_count() or 1)):  # type: ignore[arg-type]
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


@cli.command()
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


serve_cli = typer.Typer(help="Run the services.", no_args_is_help=True)
cli.add_typer(serve_cli, name="serve")


@serve_cli.callback()
def serving() -> None:
    """Run the services."""
    from app.allocator import keep_freed_memory

    keep_freed_memory()  # before the service allocates anything: bodies of megabytes are its daily bread


def _settings_with(**options: object) -> Settings:
    """The environment's settings, with the command-line options that were given."""
    from app.settings import get_settings

    return get_settings().model_copy(update={name: value for name, value in options.items() if value is not None})


@serve_cli.command("module")
def serve_module(
    model: Annotated[list[str] | None, typer.Option(help="Serve only these models (names from module.yaml).")] = None,
    host: Annotated[str | None, typer.Option(help="Interface (default: RECEIPT_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: RECEIPT_PORT or 8000).")] = None,
) -> None:
    """Publish the module named in manifests/module.yaml as an authenticated REST service (OIP + OpenAPI)."""
    from app.runtime.main import serve

    serve(_settings_with(host=host, port=port), model or ())


@serve_cli.command("files")
def serve_files(
    host: Annotated[str | None, typer.Option(help="Interface (default: RECEIPT_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: RECEIPT_FILES_PORT or 8001).")] = None,
) -> None:
    """Run the file service: uploads in object storage (RECEIPT_STORAGE_BACKEND: local or s3), per-user, with links."""
    from app.files.main import serve

    serve(_settings_with(host=host, files_port=port))


@serve_cli.command("web")
def serve_web(
    host: Annotated[str | None, typer.Option(help="Interface (default: RECEIPT_HOST or 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: RECEIPT_WEB_PORT or 8002).")] = None,
) -> None:
    """Run the web app: sign in through the realm, upload a photo, confirm the details, pay by QR."""
    from app.web.main import serve

    serve(_settings_with(host=host, web_port=port))


def _port_option(name: str, service: str, default: int) -> Any:
    return typer.Option(help=f"Port of the {service} (default {default}).", envvar=f"RECEIPT_STACK_{name}_PORT")


@cli.command()
def stack(
    *,
    idp_port: Annotated[int | None, _port_option("IDP", "identity provider", 8080)] = None,
    s3_port: Annotated[int | None, _port_option("S3", "S3 server (SeaweedFS)", 8333)] = None,
    runtime_port: Annotated[int | None, _port_option("RUNTIME", "module runtime", 8000)] = None,
    files_port: Annotated[int | None, _port_option("FILES", "file service", 8001)] = None,
    web_port: Annotated[int | None, _port_option("WEB", "web app", 8002)] = None,
    state_dir: Annotated[
        Path | None, typer.Option(help="Logs, S3 data and keys (default: .cache/stack).", envvar="RECEIPT_STACK_DIR")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the health checks.")] = 120,
) -> None:
    """Run the whole stack on 127.0.0.1 (identity provider, S3, module runtime, file service, web app) until Ctrl-C."""
    from dataclasses import replace

    from app.stack.supervisor import StackConfig, ports_from, run_stack

    ports = ports_from([idp_port, s3_port, runtime_port, files_port, web_port])
    config = StackConfig(ports=ports, start_timeout_s=timeout)
    if state_dir is not None:
        config = replace(config, state_dir=state_dir.resolve())
    raise typer.Exit(run_stack(config))


@cli.command()
def openapi(
    model: Annotated[list[str] | None, typer.Option(help="Only these models (names from module.yaml).")] = None,
) -> None:
    """Print the runtime's OpenAPI 3.1 document, generated from the module's docstring, without starting it."""
    from app.manifests import load_manifests
    from app.runtime.main import runtime_config
    from app.runtime.openapi import openapi_document
    from app.runtime.registry import build_version, import_module_contract
    from app.settings import get_settings

    config = runtime_config(load_manifests(get_settings().manifests_dir), model or ())
    _, spec = import_module_contract(config.entrypoint)
    document = openapi_document({m.name: spec for m in config.models}, title=config.title, version=build_version())
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2))


cli.add_typer(manifests_cli, name="manifests")


def main() -> None:
    from app.settings import UnsafeSettingsError

    try:
        cli()
    except (
        UnsafeSettingsError
    ) as refusal:  # a service refusing its settings: one line that says what to set, no traceback
        stderr.print(f"receipt-extractor: {refusal}", markup=False, highlight=False, soft_wrap=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
