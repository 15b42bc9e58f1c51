"""Score the extractor on real documents nobody on this project made: micro-F1 per field and per kind, the wrong values
called ``verified``, and the CPU cost per document.

The corpus under ``bench/corpus`` is drawn by this project's own generator, and a parser tuned on it learns it; this
check measures against what the project did not make. The labels (``documents.json``) name each document's public
source (repository, path, commit); the files themselves are not redistributed, so they are fetched into a local
folder first (``bench/real/README.md``) and passed as ``--docs``.

``python -m bench.real.run --docs DIR [--backend tesseract ...] [--qr on|off|both] [--workers 1] [--out DIR]``

With ``--qr off`` the fiscal and payment QR codes are not decoded (the bench replaces the pipeline's decoder in its
worker), so the fiscal fields of a receipt measure the OCR and the parser rather than the QR.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.run import TIME_TABLE_HEAD, budget_note, budget_settings_checked, cpu_s, percentile, time_row
from bench.score import FieldScore, judge
from model.schema import VALUE_FIELDS

LABELS = Path(__file__).with_name("documents.json")
FOREIGN = "foreign"
"""The kind of a document from outside Russia: scored apart from the Russian figures."""
SLOWEST_OVER_MEDIAN = 5.0


@dataclass(frozen=True)
class RealDocument:
    """One labelled document: ``fields`` holds every scored field (``None``: the document shows none)."""

    file: str
    kind: str
    fields: dict[str, str | None]
    source: dict[str, str]
    note: str = ""


def load_labels(path: Path = LABELS) -> list[RealDocument]:
    """Read ``documents.json``; a field not listed is ``None`` unless the document lists it as ``unscored``."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    documents = []
    for entry in raw["documents"]:
        listed = dict(entry["fields"])
        unscored = set(entry.get("unscored", []))
        unknown = (set(listed) | unscored) - {"document_type", *VALUE_FIELDS}
        if unknown:
            raise ValueError(f"{path}: {entry['file']}: unknown fields {sorted(unknown)}")
        fields = {name: listed.get(name) for name in ("document_type", *VALUE_FIELDS) if name not in unscored}
        documents.append(RealDocument(entry["file"], entry["kind"], fields, entry["source"], entry.get("note", "")))
    return documents


@dataclass
class Outcome:
    """What one backend made of one document."""

    file: str
    fields: dict[str, str | None] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    qr_codes: int = 0
    cpu_s: float = 0.0
    wall_s: float = 0.0
    truncated: bool = False
    budget_factor: float | None = None
    """What the budget was scaled by on this machine (``model.calibration``); None: no budget, or refused."""
    error: str | None = None


_extract: Callable[[bytes], Any] | None = None


def _init(backend: str, qr: bool) -> None:
    """Build the backend once per worker; without ``qr`` the pipeline's QR decoder finds nothing."""
    global _extract  # noqa: PLW0603 - one extractor per worker process, built once
    if not qr:
        import model.pipeline

        model.pipeline.decode_qr = lambda image, **_: []  # type: ignore[attr-defined]  # the module imports it by name
    from model.inference import load

    _extract = load(backend).extract


def _run_one(path: str) -> Outcome:
    from model.documents import DocumentError

    assert _extract is not None
    outcome = Outcome(Path(path).name)
    started, cpu_started = time.perf_counter(), cpu_s()
    try:
        result = _extract(Path(path).read_bytes())
    except DocumentError as exc:
        outcome.error = str(exc)
    else:
        outcome.fields = result.details.model_dump(mode="json")
        outcome.statuses = {name: str(check["status"]) for name, check in result.checks_json().items()}
        outcome.qr_codes = len(result.qr_codes)
        outcome.truncated = result.truncated
        outcome.budget_factor = result.budget_factor
    outcome.cpu_s = cpu_s() - cpu_started
    outcome.wall_s = time.perf_counter() - started
    return outcome


def run(backend: str, paths: Sequence[Path], *, qr: bool, workers: int) -> list[Outcome]:
    """Extract every file with ``backend`` in ``workers`` processes."""
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(backend, qr)) as pool:
        return list(pool.map(_run_one, [str(path) for path in paths]))


@dataclass(frozen=True)
class WrongVerified:
    file: str
    field: str
    truth: str | None
    read: str | None


@dataclass
class Report:
    """Counts over the scored fields; ``kinds`` and ``fields`` pool the documents of one kind or one field."""

    documents: int = 0
    overall: FieldScore = field(default_factory=FieldScore)
    kinds: dict[str, FieldScore] = field(default_factory=dict)
    kind_documents: dict[str, int] = field(default_factory=dict)
    fields: dict[str, FieldScore] = field(default_factory=dict)
    typed: int = 0
    """Documents whose type is scored (a label may leave it in ``unscored``)."""
    type_right: int = 0
    wrong_verified: list[WrongVerified] = field(default_factory=list)
    errors: list[WrongVerified] = field(default_factory=list)
    verified_right: dict[str, int] = field(default_factory=dict)
    """Per field, the right values (TP) that carry ``verified``: the rest are right but left for a person to compare,
    the cost of the trust contract's stricter rules."""

    @property
    def verified_share(self) -> float:
        """The share of all right values that are verified."""
        return sum(self.verified_right.values()) / self.overall.tp if self.overall.tp else 0.0


def score(documents: Iterable[RealDocument], outcomes: Mapping[str, Outcome]) -> Report:
    """Judge every scored field of every document (``bench.score.judge``); a wrong or invented value is an FP."""
    report = Report()
    for document in documents:
        outcome = outcomes[document.file]
        report.documents += 1
        report.kind_documents[document.kind] = report.kind_documents.get(document.kind, 0) + 1
        if "document_type" in document.fields:
            report.typed += 1
            report.type_right += outcome.fields.get("document_type") == document.fields["document_type"]
        for name in VALUE_FIELDS:
            if name not in document.fields:
                continue
            truth, read = document.fields[name], _present(outcome.fields.get(name))
            decision = judge(name, truth, read)
            report.overall += decision
            report.kinds[document.kind] = report.kinds.get(document.kind, FieldScore()) + decision
            report.fields[name] = report.fields.get(name, FieldScore()) + decision
            if decision.fp or decision.fn:
                report.errors.append(WrongVerified(document.file, name, truth, read))
            if decision.fp and outcome.statuses.get(name) == "verified":
                report.wrong_verified.append(WrongVerified(document.file, name, truth, read))
            if decision.tp and outcome.statuses.get(name) == "verified":
                report.verified_right[name] = report.verified_right.get(name, 0) + 1
    return report


def _present(value: object) -> str | None:
    text = None if value is None else str(value)
    return text if text and text.strip() else None


def _verified_of_right(report: Report, name: str) -> str:
    right = report.fields[name].tp if name in report.fields else 0
    return f"{report.verified_right.get(name, 0)}/{right}" if right else "—"


def _f1(counts: FieldScore | None) -> str:
    return "—" if counts is None or not counts.tp + counts.fp + counts.fn else f"{counts.f1:.3f}"


@dataclass
class Run:
    backend: str
    qr: bool
    outcomes: list[Outcome]
    russian: Report
    foreign: Report

    @property
    def name(self) -> str:
        return self.backend if self.qr else f"{self.backend}, QR off"


def evaluate(documents: Sequence[RealDocument], backend: str, docs: Path, *, qr: bool, workers: int) -> Run:
    outcomes = run(backend, [docs / document.file for document in documents], qr=qr, workers=workers)
    by_file = {outcome.file: outcome for outcome in outcomes}
    russian = score([d for d in documents if d.kind != FOREIGN], by_file)
    foreign = score([d for d in documents if d.kind == FOREIGN], by_file)
    return Run(backend, qr, outcomes, russian, foreign)


def markdown(runs: Sequence[Run], documents: Sequence[RealDocument]) -> str:
    """The tables: summary, per kind, per field, time, and every wrong verified value and error of the first run."""
    sources = sorted({d.source["repo"] for d in documents})
    kinds = sorted({d.kind for d in documents} - {FOREIGN})
    names = [run.name for run in runs]
    lines = [
        f"# Real documents: {len(documents)} from {len(sources)} public repositories",
        "",
        f"Russian documents {sum(d.kind != FOREIGN for d in documents)} ("
        + ", ".join(f"{kind} {sum(d.kind == kind for d in documents)}" for kind in kinds)
        + f"), {FOREIGN} {sum(d.kind == FOREIGN for d in documents)} (scored apart). Sources: "
        + ", ".join(sources)
        + ".",
        "",
        "| backend | micro-F1 | TP | FP | FN | doc type acc. | wrong verified | right verified | foreign F1 |"
        " foreign wrong verified |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        r, f = run.russian, run.foreign
        lines.append(
            f"| {run.name} | {_f1(r.overall)} | {r.overall.tp} | {r.overall.fp} | {r.overall.fn} | "
            f"{r.type_right / max(r.typed, 1):.3f} | {len(r.wrong_verified)} | {r.verified_share:.3f} | "
            f"{_f1(f.overall)} | {len(f.wrong_verified)} |"
        )
    lines += ["", "| kind | documents | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(runs)]
    for kind in kinds:
        cells = [_f1(run.russian.kinds.get(kind)) for run in runs]
        lines.append(f"| {kind} | {runs[0].russian.kind_documents.get(kind, 0)} | " + " | ".join(cells) + " |")
    lines += ["", "| field | " + " | ".join(names) + " |", "|---|" + "---:|" * len(runs)]
    for name in VALUE_FIELDS:
        lines.append(f"| {name} | " + " | ".join(_f1(run.russian.fields.get(name)) for run in runs) + " |")
    lines += [
        "",
        "Right values verified (of the right values; the rest are right but left for a person to compare):",
        "",
        "| field | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(runs),
    ]
    for name in VALUE_FIELDS:
        lines.append(f"| {name} | " + " | ".join(_verified_of_right(run.russian, name) for run in runs) + " |")
    lines += ["", *TIME_TABLE_HEAD]
    for run in runs:
        timed = [o for o in run.outcomes if o.error is None]
        if timed:
            cpu_s, wall_p50_s = {o.file: o.cpu_s for o in timed}, percentile([o.wall_s for o in timed], 50)
            lines.append(time_row(run.name, cpu_s, wall_p50_s, sum(o.truncated for o in timed)))
    lines += ["", f"The budget: {budget_note(o.budget_factor for run in runs for o in run.outcomes)}."]
    for run in runs:
        wrong = run.russian.wrong_verified + run.foreign.wrong_verified
        refused = [o for o in run.outcomes if o.error]
        lines += ["", f"## {run.name}: {len(wrong)} wrong values verified, {len(refused)} files refused"]
        lines += [f"- {w.file} {w.field}: read {w.read!r}, truth {w.truth!r}" for w in wrong]
        lines += [f"- refused {o.file}: {o.error}" for o in refused]
        errors = run.russian.errors + run.foreign.errors
        lines += ["", "<details><summary>every wrong or missing value</summary>", ""]
        lines += [f"- {e.file} {e.field}: read {e.read!r}, truth {e.truth!r}" for e in errors]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, required=True, help="folder holding the files documents.json names")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--backend", action="append", help="tesseract (default), indra, pooled; repeatable")
    parser.add_argument("--qr", choices=("on", "off", "both"), default="both", help="decode QR codes (default both)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (default 1: one core's cost)")
    parser.add_argument("--only", help="comma-separated file names: a subset of the labels")
    parser.add_argument("--out", type=Path, help="also write real.md and real.json into this folder")
    args = parser.parse_args(argv)
    budget_settings_checked()
    documents = load_labels(args.labels)
    if args.only:
        wanted = set(args.only.split(","))
        documents = [d for d in documents if d.file in wanted]
    missing = [d.file for d in documents if not (args.docs / d.file).is_file()]
    if missing:
        parser.error(f"{args.docs} lacks {', '.join(missing)}: fetch them as bench/real/README.md says")
    modes = {"on": [True], "off": [False], "both": [True, False]}[args.qr]
    runs = [
        evaluate(documents, backend, args.docs, qr=qr, workers=args.workers)
        for backend in args.backend or ["tesseract"]
        for qr in modes
    ]
    text = markdown(runs, documents)
    print(text)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "real.md").write_text(text, encoding="utf-8")
        payload = {run.name: [asdict(outcome) for outcome in run.outcomes] for run in runs}
        (args.out / "real.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
