"""Score extracted payment details against the corpus truth.

Each of ``model.schema.VALUE_FIELDS`` on each document is one decision: a correct value is a true positive, a
value where the document shows none a false positive, a missing value a false negative, and a wrong value both
a false positive and a false negative (it claims something false and misses the truth). Micro-F1 pools every
decision; the document type is scored apart, as an accuracy, so that it cannot hide extraction errors.

Values are compared the way a person checking them would:

- identifiers (ИНН, р/с, БИК, к/с, ФН) by their digits; ФД and ФП as numbers (QR codes drop leading zeros);
- КПП by letters and digits, upper-cased;
- the amount as a decimal (``1234.5`` = ``1 234,50``), the date as a calendar date, the currency as its code;
- names, bank, purpose after case-folding, ``ё``→``е``, dropping quotes and collapsing punctuation and spaces,
  when their similarity (rapidfuzz ratio) is at least ``TEXT_SIMILARITY``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz

from bench.corpus.truth import TruthRecord, load_truth
from model.normalize import digits, normalize_amount, normalize_date
from model.schema import VALUE_FIELDS

__all__ = [
    "FieldError",
    "FieldScore",
    "GroupScore",
    "Report",
    "TruthRecord",
    "load_truth",
    "score",
    "values_match",
]

TEXT_SIMILARITY = 0.9
TEXT_FIELDS = frozenset({"recipient_name", "bank_name", "purpose", "payer_name"})

_QUOTES = str.maketrans("", "", "«»\"'„“”‘’")
_PUNCTUATION_OR_SPACE = re.compile(r"[\W_]+")


class _Unreadable:
    """A predicted value that cannot be parsed: it equals nothing, not even another unreadable value."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


def _amount(value: str) -> object:
    try:
        return Decimal(value.strip())
    except InvalidOperation:
        normalized = normalize_amount(value)
        return Decimal(normalized) if normalized else _Unreadable()


def _date(value: str) -> object:
    return normalize_date(value) or _Unreadable()


def _number(value: str) -> object:
    found = digits(value)
    return int(found) if found else _Unreadable()


def _alphanumeric(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum()).upper()


def text_key(value: str) -> str:
    """The form names and purposes are compared in: ``«ООО "Ромашка"»`` and ``ооо ромашка`` agree."""
    folded = value.casefold().replace("ё", "е").translate(_QUOTES)
    return _PUNCTUATION_OR_SPACE.sub(" ", folded).strip()


_KEYS: dict[str, Callable[[str], object]] = {
    "recipient_inn": digits,
    "recipient_kpp": _alphanumeric,
    "recipient_account": digits,
    "bank_bic": digits,
    "bank_corr_account": digits,
    "amount": _amount,
    "currency": lambda value: value.strip().upper(),
    "payment_date": _date,
    "fiscal_drive_number": digits,
    "fiscal_document_number": _number,
    "fiscal_sign": _number,
}


def values_match(name: str, truth: str, predicted: str) -> bool:
    """Whether ``predicted`` reads the same as ``truth`` for field ``name`` (rules in the module docstring)."""
    if name in TEXT_FIELDS:
        return fuzz.ratio(text_key(truth), text_key(predicted)) / 100 >= TEXT_SIMILARITY
    key = _KEYS[name]
    return bool(key(truth) == key(predicted))


@dataclass(frozen=True, slots=True)
class FieldScore:
    """Decision counts; precision, recall and F1 are 0 when undefined (no predictions, or nothing to find)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Pooled counts of a group of documents (one type, one difficulty)."""

    documents: int
    counts: FieldScore

    @property
    def micro_f1(self) -> float:
        return self.counts.f1


@dataclass(frozen=True, slots=True)
class FieldError:
    """One wrong decision, for a person to inspect: ``truth`` or ``predicted`` is ``None`` when absent."""

    file: str
    field: str
    truth: str | None
    predicted: str | None


@dataclass(frozen=True)
class Report:
    documents: int
    overall: FieldScore
    per_field: dict[str, FieldScore]
    by_type: dict[str, GroupScore]
    by_difficulty: dict[str, GroupScore]
    document_type_accuracy: float
    errors: list[FieldError] = field(default_factory=list)
    unmatched_predictions: list[str] = field(default_factory=list)
    wrong_verified: list[FieldError] | None = None
    """Values that are wrong (or where the document shows none) yet carry the status ``verified``: the trust
    contract's failures. ``None`` when the predictions came without checks (the baseline)."""
    verified_right: dict[str, int] | None = None
    """Per field, the right values (TP) with a verified status; the rest are right but left for a person to compare,
    the cost of the contract's stricter rules. ``None`` without checks."""

    @property
    def micro_f1(self) -> float:
        return self.overall.f1

    def to_markdown(self, max_errors: int = 20) -> str:
        """Tables for a README or a pull request: per field, by type, by difficulty, the first errors."""
        overall = self.overall
        lines = [
            f"**micro-F1 {self.micro_f1:.3f}** over {self.documents} documents"
            f" (TP {overall.tp}, FP {overall.fp}, FN {overall.fn});"
            f" document type accuracy {self.document_type_accuracy:.3f}"
            + (
                f"; **{len(self.wrong_verified)} wrong values with a verified status**"
                if self.wrong_verified is not None
                else ""
            ),
            "",
            "| field | TP | FP | FN | precision | recall | F1 | right verified |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, score in self.per_field.items():
            verified = "—" if self.verified_right is None else str(self.verified_right.get(name, 0))
            lines.append(
                f"| {name} | {score.tp} | {score.fp} | {score.fn} | {_ratio(score.precision, score.tp + score.fp)}"
                f" | {_ratio(score.recall, score.tp + score.fn)} | {_ratio(score.f1, score.tp + score.fp + score.fn)} |"
                f" {verified} |"
            )
        for title, groups in (("document type", self.by_type), ("difficulty", self.by_difficulty)):
            lines += ["", f"| {title} | documents | TP | FP | FN | micro-F1 |", "|---|---:|---:|---:|---:|---:|"]
            for name, group in groups.items():
                counts = group.counts
                lines.append(
                    f"| {name} | {group.documents} | {counts.tp} | {counts.fp} | {counts.fn} | {group.micro_f1:.3f} |"
                )
        if self.wrong_verified:
            lines += ["", "Wrong values with a verified status:", ""]
            lines += ["| file | field | truth | predicted |", "|---|---|---|---|"]
            for error in self.wrong_verified:
                lines.append(f"| {error.file} | {error.field} | {_cell(error.truth)} | {_cell(error.predicted)} |")
        if self.errors and max_errors > 0:
            shown = self.errors[:max_errors]
            lines += ["", f"First {len(shown)} of {len(self.errors)} errors:", ""]
            lines += ["| file | field | truth | predicted |", "|---|---|---|---|"]
            for error in shown:
                lines.append(f"| {error.file} | {error.field} | {_cell(error.truth)} | {_cell(error.predicted)} |")
        if self.unmatched_predictions:
            lines += ["", f"Predictions for files not in the truth: {', '.join(self.unmatched_predictions)}"]
        return "\n".join(lines) + "\n"


def _ratio(value: float, denominator: int) -> str:
    return f"{value:.3f}" if denominator else "—"


def _cell(value: str | None) -> str:
    return "∅" if value is None else value.replace("|", "\\|")


def _present(value: object) -> str | None:
    """A prediction as a value, or ``None`` when absent: ``None``, empty and blank strings are absent."""
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def judge(name: str, truth: str | None, predicted: str | None) -> FieldScore:
    """The counts of one decision on one field."""
    if truth is None:
        return FieldScore(fp=int(predicted is not None))
    if predicted is None:
        return FieldScore(fn=1)
    if values_match(name, truth, predicted):
        return FieldScore(tp=1)
    return FieldScore(fp=1, fn=1)


def score(
    truth: Iterable[TruthRecord],
    predictions: Mapping[str, Mapping[str, str | None]],
    statuses: Mapping[str, Mapping[str, str]] | None = None,
) -> Report:
    """Compare ``predictions`` (file name → field → value) with ``truth``; a file without one is all-null.

    ``statuses`` (file name → field → check status), when given, finds the wrong values called ``verified``.
    """
    per_field = {name: FieldScore() for name in VALUE_FIELDS}
    by_type: dict[str, GroupScore] = {}
    by_difficulty: dict[str, GroupScore] = {}
    errors: list[FieldError] = []
    wrong_verified: list[FieldError] | None = None if statuses is None else []
    verified_right: dict[str, int] | None = None if statuses is None else {}
    documents = correct_types = 0
    seen: set[str] = set()
    for record in truth:
        documents += 1
        seen.add(record.file)
        predicted = predictions.get(record.file, {})
        correct_types += _present(predicted.get("document_type")) == record.document_type.value
        counts = FieldScore()
        for name in VALUE_FIELDS:
            expected, got = getattr(record.fields, name), _present(predicted.get(name))
            decision = judge(name, expected, got)
            per_field[name] += decision
            counts += decision
            if decision.fp or decision.fn:
                errors.append(FieldError(record.file, name, expected, got))
            verified = statuses is not None and statuses.get(record.file, {}).get(name) == "verified"
            if wrong_verified is not None and decision.fp and verified:
                wrong_verified.append(FieldError(record.file, name, expected, got))
            if verified_right is not None and decision.tp and verified:
                verified_right[name] = verified_right.get(name, 0) + 1
        _add(by_type, record.document_type.value, counts)
        _add(by_difficulty, record.difficulty.value, counts)
    return Report(
        documents=documents,
        overall=sum(per_field.values(), FieldScore()),
        per_field=per_field,
        by_type=by_type,
        by_difficulty=by_difficulty,
        document_type_accuracy=correct_types / documents if documents else 0.0,
        errors=errors,
        unmatched_predictions=sorted(set(predictions) - seen),
        wrong_verified=wrong_verified,
        verified_right=verified_right,
    )


def _add(groups: dict[str, GroupScore], key: str, counts: FieldScore) -> None:
    group = groups.get(key, GroupScore(0, FieldScore()))
    groups[key] = GroupScore(group.documents + 1, group.counts + counts)
