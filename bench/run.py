"""Run every available backend and the afternoon baseline over the corpus; score them; write tables and plots.

Everything that is compared is measured in the same run on the same machine: the figures in the README are ratios
and differences between runs that shared the CPU, never numbers from elsewhere.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.score import Report, TruthRecord, load_truth, score
from model.documents import DocumentError, load_document
from model.sandbox import children_cpu_seconds

DEFAULT_CORPUS = Path(__file__).parent / "corpus" / "data"
DEFAULT_RESULTS = Path(__file__).parent / "results"
STAGES = ("load", "preprocess", "qr", "ocr", "indra", "parse", "model", "checks")
SLOWEST_OVER_MEDIAN = 5.0
"""No document may cost more than this many times the median one (the time budget's promise)."""


@dataclass
class ImageRun:
    file: str
    fields: dict[str, str | None]
    stages: dict[str, float]
    elapsed_ms: float
    error: str | None = None
    statuses: dict[str, str] = field(default_factory=dict)
    """Each field's check status; empty for a backend without checks (the baseline)."""
    truncated: bool = False
    """The reading stopped at its time budget (``RECEIPT_READ_BUDGET_S``) and returned what it had."""
    cpu_ms: float = 0.0
    """CPU time the worker spent on the document: its cost on one core, whatever else the machine was doing."""
    budget_factor: float | None = None
    """What the budget was scaled by on the worker's machine (``model.calibration``); None: no budget (the baseline,
    a refused file)."""


@dataclass
class BackendRun:
    name: str
    images: list[ImageRun]
    peak_rss_mb: float
    wall_s: float
    report: Report | None = field(default=None, repr=False)

    def latencies(self) -> list[float]:
        return [image.elapsed_ms for image in self.images if image.error is None]


_Result = tuple[dict[str, str | None], dict[str, float], dict[str, str], bool, float | None]
_worker: Callable[[bytes], _Result] | None = None


def _init(backend: str) -> None:
    global _worker  # noqa: PLW0603 - one extractor per worker process, built once
    if backend == "baseline":
        from bench.baseline import baseline_extract

        def run_baseline(data: bytes) -> _Result:
            started = time.perf_counter()
            image = load_document(data).pages[0].image
            loaded = time.perf_counter()
            fields, _ = baseline_extract(image)
            done = time.perf_counter()
            return fields, {"load": (loaded - started) * 1000, "ocr": (done - loaded) * 1000}, {}, False, None

        _worker = run_baseline
        return
    from model.inference import load

    extractor = load(backend)

    def run_pipeline(data: bytes) -> _Result:
        result = extractor.extract(data)
        statuses = {name: str(check["status"]) for name, check in result.checks_json().items()}
        details = result.details.model_dump(mode="json")
        return details, result.stages, statuses, result.truncated, result.budget_factor

    _worker = run_pipeline


def cpu_s() -> float:
    """Processor seconds this process and its decoding children (``model.sandbox``) have spent: what a document
    costs, its decoding included."""
    return time.process_time() + children_cpu_seconds()


def _run_one(path: str) -> tuple[ImageRun, float]:
    assert _worker is not None
    started, cpu_started = time.perf_counter(), cpu_s()
    try:
        fields, stages, statuses, truncated, factor = _worker(Path(path).read_bytes())
        error = None
    except DocumentError as exc:
        fields, stages, statuses, truncated, factor, error = {}, {}, {}, False, None, str(exc)
    elapsed = (time.perf_counter() - started) * 1000
    cpu = (cpu_s() - cpu_started) * 1000
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ImageRun(Path(path).name, fields, stages, elapsed, error, statuses, truncated, cpu, factor), peak_mb


def run_backend(backend: str, paths: Sequence[Path], workers: int) -> BackendRun:
    """Extract every image with ``backend`` in ``workers`` processes (Tesseract is single-threaded by design)."""
    started = time.perf_counter()
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(backend,)) as pool:
        outcomes = list(pool.map(_run_one, [str(path) for path in paths]))
    wall = time.perf_counter() - started
    return BackendRun(backend, [run for run, _ in outcomes], max(peak for _, peak in outcomes), wall)


def available_backends() -> dict[str, str | None]:
    """Backend → None when it can run here, else the reason it is skipped."""
    backends: dict[str, str | None] = {"baseline": None, "tesseract": None}
    from model.indra import unavailable_reason

    backends["indra"] = backends["pooled"] = unavailable_reason()
    try:
        from model.qwen import gpu_available
    except ImportError:
        backends["qwen-vl"] = "torch/transformers not installed (pip install '.[qwen]')"
        return backends
    if not gpu_available():
        backends["qwen-vl"] = "no CUDA GPU on this machine (an 8B model on 2 CPU cores is not a benchmark)"
    elif not os.environ.get("RECEIPT_QWEN_WEIGHTS"):
        backends["qwen-vl"] = "RECEIPT_QWEN_WEIGHTS is not set to a local checkpoint"
    else:
        backends["qwen-vl"] = None
    return backends


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (inclusive method); the one value of a single run, NaN of none."""
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def _stage_table(runs: Sequence[BackendRun]) -> str:
    lines = ["| backend | stage | p50 ms | p95 ms |", "|---|---|---:|---:|"]
    for run in runs:
        for stage in (*STAGES, "total"):
            values = (
                run.latencies()
                if stage == "total"
                else [image.stages[stage] for image in run.images if stage in image.stages]
            )
            if values:
                lines.append(f"| {run.name} | {stage} | {percentile(values, 50):.0f} | {percentile(values, 95):.0f} |")
    return "\n".join(lines)


def _summary_table(runs: Sequence[BackendRun], truth: Sequence[TruthRecord]) -> str:
    lines = [
        "| backend | micro-F1 | clean | photo | hard | clean+photo | doc type acc. | wrong verified | right verified "
        "| p50 s | p95 s | images/s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        assert run.report is not None
        report = run.report
        by_difficulty = {name: group.micro_f1 for name, group in report.by_difficulty.items()}
        easy = score([t for t in truth if t.difficulty != "hard"], _predictions(run)).micro_f1
        latencies = run.latencies()
        classifies = any("document_type" in image.fields for image in run.images)
        type_accuracy = f"{report.document_type_accuracy:.3f}" if classifies else "—"
        wrong_verified = "—" if report.wrong_verified is None else str(len(report.wrong_verified))
        lines.append(
            f"| {run.name} | {report.micro_f1:.3f} | {by_difficulty.get('clean', float('nan')):.3f} | "
            f"{by_difficulty.get('photo', float('nan')):.3f} | {by_difficulty.get('hard', float('nan')):.3f} | "
            f"{easy:.3f} | {type_accuracy} | {wrong_verified} | {_verified_share(report)} | "
            f"{percentile(latencies, 50) / 1000:.2f} | "
            f"{percentile(latencies, 95) / 1000:.2f} | {len(run.images) / run.wall_s:.2f} | {run.peak_rss_mb:.0f} |"
        )
    return "\n".join(lines)


def _verified_share(report: Report) -> str:
    """The share of the right values (TP) that are verified: what the stricter rules leave a person to compare."""
    if report.verified_right is None or not report.overall.tp:
        return "—"
    return f"{sum(report.verified_right.values()) / report.overall.tp:.3f}"


TIME_TABLE_HEAD = [
    "| backend | CPU p50 s | CPU p95 s | CPU max s | max / p50 | slowest | wall p50 s | cut by the budget |",
    "|---|---:|---:|---:|---:|---|---:|---:|",
]


def time_row(name: str, cpu_s: dict[str, float], wall_p50_s: float, cut: int) -> str:
    """One reader's row of the time table from each document's CPU seconds (its cost on one core): the median, the
    tail, the slowest and how many times the median it cost; the wall-clock median, and the documents the budget cut."""
    costs = list(cpu_s.values())
    p50, slowest = percentile(costs, 50), max(cpu_s, key=cpu_s.__getitem__)
    return (
        f"| {name} | {p50:.2f} | {percentile(costs, 95):.2f} | {max(costs):.2f} | {max(costs) / p50:.1f} | "
        f"{slowest} | {wall_p50_s:.2f} | {cut} |"
    )


def _time_table(runs: Sequence[BackendRun]) -> str:
    lines = list(TIME_TABLE_HEAD)
    for run in runs:
        timed = [image for image in run.images if image.error is None]
        if timed:
            cpu_s = {image.file: image.cpu_ms / 1000 for image in timed}
            wall_p50_s = percentile(run.latencies(), 50) / 1000
            lines.append(time_row(run.name, cpu_s, wall_p50_s, sum(image.truncated for image in timed)))
    return "\n".join(lines)


def _predictions(run: BackendRun) -> dict[str, dict[str, str | None]]:
    return {image.file: image.fields for image in run.images if image.error is None}


def _statuses(run: BackendRun) -> dict[str, dict[str, str]] | None:
    """Each file's check statuses, or ``None`` for a backend that checks nothing."""
    if not any(image.statuses for image in run.images):
        return None
    return {image.file: image.statuses for image in run.images if image.error is None}


def _per_field_table(runs: Sequence[BackendRun]) -> str:
    names = [run.name for run in runs]
    lines = ["| field | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    assert runs[0].report is not None
    for field_name in runs[0].report.per_field:
        cells = [_field_cell(run.report, field_name) for run in runs if run.report is not None]
        lines.append(f"| {field_name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _field_cell(report: Report, field_name: str) -> str:
    """A field's F1, and how many of its right values are verified (of the right ones) where the backend checks."""
    counts = report.per_field[field_name]
    if report.verified_right is None:
        return f"{counts.f1:.3f}"
    return f"{counts.f1:.3f} ({report.verified_right.get(field_name, 0)}/{counts.tp} verified)"


def _plots(runs: Sequence[BackendRun], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    assert runs[0].report is not None
    fields = list(runs[0].report.per_field)
    figure, axis = plt.subplots(figsize=(11, 4.5))
    width = 0.8 / len(runs)
    for index, run in enumerate(runs):
        assert run.report is not None
        values = [run.report.per_field[name].f1 for name in fields]
        axis.bar([i + index * width for i in range(len(fields))], values, width, label=run.name)
    axis.set_xticks([i + 0.4 - width / 2 for i in range(len(fields))], fields, rotation=40, ha="right")
    axis.set_ylabel("F1")
    axis.set_ylim(0, 1.05)
    axis.set_title("F1 per field on the synthetic corpus")
    axis.legend()
    figure.tight_layout()
    f1_path = out / "f1_per_field.png"
    figure.savefig(f1_path, dpi=110)
    plt.close(figure)

    figure, axis = plt.subplots(figsize=(9, 4))
    labels, series = [], []
    for run in runs:
        for stage in STAGES:
            values = [image.stages[stage] for image in run.images if stage in image.stages]
            if values:
                labels.append(f"{run.name}\n{stage}")
                series.append(values)
    axis.boxplot(series, showfliers=False)
    axis.set_xticks(range(1, len(labels) + 1), labels, fontsize=8)
    axis.set_ylabel("ms per image")
    axis.set_title("Latency per stage (2 worker processes)")
    figure.tight_layout()
    latency_path = out / "latency_per_stage.png"
    figure.savefig(latency_path, dpi=110)
    plt.close(figure)
    return [f1_path, latency_path]


def _targets(runs: dict[str, BackendRun], truth: Sequence[TruthRecord]) -> list[str]:
    ours, baseline = runs.get("tesseract"), runs.get("baseline")
    if ours is None or ours.report is None or baseline is None or baseline.report is None:
        return []
    easy = score([t for t in truth if t.difficulty != "hard"], _predictions(ours)).micro_f1
    hard = ours.report.by_difficulty.get("hard")
    gain = ours.report.micro_f1 - baseline.report.micro_f1
    p50 = percentile(ours.latencies(), 50) / 1000
    costs = [image.cpu_ms / 1000 for image in ours.images if image.error is None]
    cost_p50, slowest = percentile(costs, 50), max(costs, default=float("nan"))

    def line(ok: bool, text: str) -> str:
        return f"- {'✅' if ok else '❌'} {text}"

    return [
        line(easy >= 0.95, f"tesseract micro-F1 on clean+photo {easy:.3f} (target ≥ 0.95)"),
        line(
            hard is not None and hard.micro_f1 >= 0.85,
            f"on hard {hard.micro_f1 if hard else float('nan'):.3f} (≥ 0.85)",
        ),
        line(gain >= 0.25, f"gain over the baseline {gain:+.3f} (≥ +0.25)"),
        line(p50 <= 1.5, f"p50 latency {p50:.2f} s per image (≤ 1.5 s)"),
        line(cost_p50 <= 1.0, f"median cost {cost_p50:.2f} CPU s per document (≤ 1 s on one core)"),
        line(
            slowest <= SLOWEST_OVER_MEDIAN * cost_p50,
            f"slowest document {slowest:.2f} CPU s, {slowest / cost_p50:.1f}x the median (≤ {SLOWEST_OVER_MEDIAN:g}x)",
        ),
    ]


def _budget_setting() -> str:
    from model.budget import DEFAULT_BUDGET_S
    from model.inference import BUDGET_ENV

    return os.environ.get(BUDGET_ENV) or f"{DEFAULT_BUDGET_S:g}, the default"


def budget_note(factors: Iterable[float | None]) -> str:
    """The budget a run read under: the setting, in the reference machine's CPU seconds, and the factor(s) the
    workers' calibration scaled it by on this machine (``model.calibration``), as each document reported it."""
    from model.inference import CALIBRATION_ENV

    seen = sorted({factor for factor in factors if factor is not None})
    if seen:
        scaled = f"scaled here by {' or '.join(f'{factor:g}' for factor in seen)}, this machine's calibration factor"
    else:
        scaled = "no document had a budget to scale"
    setting = f"{CALIBRATION_ENV}={os.environ.get(CALIBRATION_ENV) or 'on'}"
    return f"RECEIPT_READ_BUDGET_S={_budget_setting()} CPU s of the reference machine; {scaled} ({setting})"


def budget_settings_checked() -> None:
    """The budget's settings, read as each worker's ``load`` will: a wrong one stops the run here with its message,
    not as a broken worker pool's traceback."""
    from model.inference import budget_settings

    try:
        budget_settings()
    except ValueError as error:
        raise SystemExit(f"bench: {error}") from None


def run_benchmark(
    corpus: Path = DEFAULT_CORPUS,
    out: Path = DEFAULT_RESULTS,
    backends: Sequence[str] | None = None,
    limit: int | None = None,
    workers: int = 2,
) -> str:
    """Run, score, write ``results.md``, ``results.json`` and the plots into ``out``; return the markdown."""
    budget_settings_checked()
    truth = load_truth(corpus / "truth.jsonl")
    if limit:
        truth = truth[:limit]
    available = available_backends()
    chosen = list(backends) if backends else [name for name, reason in available.items() if reason is None]
    skipped = {name: reason for name, reason in available.items() if reason is not None and name not in chosen}
    runs: dict[str, BackendRun] = {}
    for name in chosen:
        run = run_backend(name, [corpus / record.file for record in truth], workers)
        run.report = score(truth, _predictions(run), _statuses(run))
        runs[name] = run
    out.mkdir(parents=True, exist_ok=True)
    plots = _plots(list(runs.values()), out)
    cpu = f"{os.cpu_count()} CPU cores, {workers} worker processes"
    sections = [
        f"# Benchmark: {len(truth)} synthetic documents ({corpus.name}), {cpu}",
        _summary_table(list(runs.values()), truth),
        "## Targets",
        "\n".join(_targets(runs, truth)) or "(needs the tesseract and baseline backends)",
        "## Time per document",
        _time_table(list(runs.values())),
        "CPU seconds are what a document costs on one core whatever else the machine was doing (the wall clock of a "
        "busy machine is not), its decoding in the sandbox's child process included; a document's reading stops at "
        "its budget (its decoding included) and returns what it has, and the last column counts the documents it cut "
        f"short. The budget: {budget_note(image.budget_factor for run in runs.values() for image in run.images)}.",
        "## F1 per field (and the right values verified, of the right ones)",
        _per_field_table(list(runs.values())),
        "## Latency per stage",
        _stage_table(list(runs.values())),
        *(f"Skipped {name}: {reason}." for name, reason in skipped.items()),
        "Plots: " + ", ".join(path.name for path in plots),
    ]
    markdown = "\n\n".join(sections) + "\n"
    (out / "results.md").write_text(markdown, encoding="utf-8")
    payload: dict[str, Any] = {
        name: {
            "micro_f1": run.report.micro_f1 if run.report else None,
            "wrong_verified": None
            if run.report is None or run.report.wrong_verified is None
            else len(run.report.wrong_verified),
            "verified_right": None if run.report is None else run.report.verified_right,
            "peak_rss_mb": run.peak_rss_mb,
            "wall_s": run.wall_s,
            "images": [asdict(image) for image in run.images],
        }
        for name, run in runs.items()
    }
    (out / "results.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return markdown
