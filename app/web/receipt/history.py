"""The history's rows: each original with what its stored result says (recipient, amount, date, checks), and search.

The summary of a result is in its processed PNG (see ``preview``), so listing it means reading that file. A stored
file never changes (confirming stores a new one), so a summary is remembered by the file's id, and only ids the
person's own listing returned are ever looked up: nobody reads another's summary from the memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from threading import Lock
from typing import Any

from app.web.clients import ServiceError, StoredFile
from app.web.receipt.checks import field_checks, to_check
from app.web.receipt.payment import clean_details
from app.web.receipt.preview import read_record

PROCESSED_SUFFIX = ".processed.png"
"""The processed image of original ``ID`` is stored as ``ID.processed.png``: that name links the two."""
SUMMARY_FIELDS = ("recipient_name", "recipient_inn", "amount", "currency", "payment_date", "document_type")


@dataclass(frozen=True)
class Summary:
    """What a history row shows of a stored result."""

    values: dict[str, str | None]
    to_check: int
    confirmed: bool

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Summary:
        """The row of a stored result: its fields to check are the page's (the details as saved, the person's checks
        of repaired values counted out), so a saved result with a repair nobody compared still asks for a look."""
        details = clean_details(record.get("confirmed") or record.get("details") or {})
        values = {name: _text(details.get(name)) for name in SUMMARY_FIELDS}
        checks = field_checks(details, record, details.get("document_type"))
        return cls(values, len(to_check(checks)), bool(record.get("confirmed")))


def _text(value: object) -> str | None:
    return None if value in (None, "") else str(value)


@dataclass(frozen=True)
class HistoryEntry:
    file: StoredFile
    processed: StoredFile | None
    summary: Summary | None

    @property
    def status(self) -> str:
        """``confirmed``, ``check`` (fields to look at), ``read``, or ``unread``."""
        if self.summary is None:
            return "unread" if self.processed is None else "read"
        if self.summary.to_check:
            return "check"
        return "confirmed" if self.summary.confirmed else "read"

    def matches(self, query: str) -> bool:
        """Every word of ``query`` is in the file name or one of the summary's values (case and ``,``/``.`` aside)."""
        values = self.summary.values.values() if self.summary else ()
        haystack = " ".join([self.file.name, self.file.created[:10], *(v for v in values if v)])
        haystack = haystack.casefold().replace(",", ".")
        return all(word in haystack for word in query.casefold().replace(",", ".").split())


class SummaryMemory:
    """Summaries by processed file id, the ``size`` most recently used."""

    def __init__(self, size: int = 2048) -> None:
        self._size = size
        self._items: OrderedDict[str, Summary | None] = OrderedDict()
        self._lock = Lock()

    def get(self, file_id: str) -> tuple[bool, Summary | None]:
        with self._lock:
            if file_id not in self._items:
                return False, None
            self._items.move_to_end(file_id)
            return True, self._items[file_id]

    def put(self, file_id: str, summary: Summary | None) -> None:
        with self._lock:
            self._items[file_id] = summary
            self._items.move_to_end(file_id)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def pair_files(files: Iterable[StoredFile]) -> list[tuple[StoredFile, StoredFile | None]]:
    """Originals newest first, each with its newest processed file (None while it has not been read)."""
    files = list(files)
    processed: dict[str, StoredFile] = {}
    for file in files:
        if file.name.endswith(PROCESSED_SUFFIX):
            key = file.name.removesuffix(PROCESSED_SUFFIX)
            if key not in processed or file.created > processed[key].created:
                processed[key] = file
    originals = sorted((f for f in files if not f.name.endswith(PROCESSED_SUFFIX)), key=lambda f: f.created)
    return [(file, processed.get(file.id)) for file in reversed(originals)]


def history_entries(
    pairs: Sequence[tuple[StoredFile, StoredFile | None]],
    download: Callable[[str], bytes],
    memory: SummaryMemory,
    workers: int = 4,
) -> list[HistoryEntry]:
    """One entry per pair, the summaries read from the processed files not yet in ``memory`` (a few at a time)."""
    wanted = [p.id for _, p in pairs if p is not None and not memory.get(p.id)[0]]

    def summarise(file_id: str) -> None:
        try:
            record = read_record(download(file_id))
        except ServiceError:
            return  # shown as "read" without details; tried again next time
        memory.put(file_id, Summary.from_record(record) if record else None)

    if wanted:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(summarise, wanted))
    return [HistoryEntry(file, p, memory.get(p.id)[1] if p else None) for file, p in pairs]
