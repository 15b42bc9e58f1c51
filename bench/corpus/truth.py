"""The ground-truth record of one corpus image, and the ``truth.jsonl`` file that holds them."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, model_validator

from model.schema import DocumentType, PaymentDetails

TRUTH_FILE = "truth.jsonl"


class Difficulty(StrEnum):
    """How far the image is from the clean page: a scan or screenshot, a phone photo, a bad phone photo."""

    CLEAN = "clean"
    PHOTO = "photo"
    HARD = "hard"


class TruthRecord(BaseModel):
    """What one image shows. A field is set only when the image prints it or carries it in a QR code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    document_type: DocumentType
    difficulty: Difficulty
    template: str
    fields: PaymentDetails

    @model_validator(mode="after")
    def _types_agree(self) -> TruthRecord:
        if self.fields.document_type != self.document_type:
            raise ValueError(
                f"{self.file}: document_type {self.document_type} differs from fields.document_type"
                f" {self.fields.document_type}"
            )
        return self


def write_truth(path: Path, records: Iterable[TruthRecord]) -> None:
    """One JSON object per line, in corpus order; every schema field present, ``null`` when not shown."""
    lines = [record.model_dump_json() for record in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def load_truth(path: Path) -> list[TruthRecord]:
    """Parse ``truth.jsonl``; a bad line raises with its file and line number."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(TruthRecord.model_validate_json(line))
        except ValueError as error:
            raise ValueError(f"{path}:{number}: not a truth record: {error}") from error
    return records
