"""The history's rows: originals paired with their newest reading, statuses, search words, and the summary memory."""

from __future__ import annotations

import pytest

from app.web.clients import StoredFile
from app.web.receipt.history import HistoryEntry, Summary, SummaryMemory, pair_files


def _file(file_id: str, name: str, created: str) -> StoredFile:
    return StoredFile(file_id, name, 10, "image/png", created)


def test_originals_newest_first_each_with_its_newest_reading() -> None:
    old, new = _file("a", "a.jpg", "2026-01-01T10:00:00"), _file("b", "b.jpg", "2026-01-02T10:00:00")
    first = _file("p1", "a.processed.png", "2026-01-01T10:01:00")
    confirmed = _file("p2", "a.processed.png", "2026-01-01T10:05:00")
    assert pair_files([first, old, confirmed, new]) == [(new, None), (old, confirmed)]


RECORD = {
    "details": {
        "recipient_name": "ООО «Белые ночи»",
        "recipient_inn": "3834964079",
        "amount": "165.00",
        "bank_bic": "047516946",
        "bank_corr_account": "30101810575160000946",
    },
    "checks": {
        "recipient_inn": {"status": "verified"},
        "bank_bic": {"status": "invalid"},
        "bank_corr_account": {"status": "verified"},
    },
}
REPAIRED = RECORD | {"checks": {"bank_corr_account": {"status": "repaired"}}, "confirmed": RECORD["details"]}
ALICES_CHECK = {"bank_corr_account": {"value": "30101810575160000946", "by": "alice", "at": "2026-12-05T12:00:00"}}


@pytest.mark.parametrize(
    ("record", "status"),
    [
        (RECORD, "check"),
        (RECORD | {"checks": {}}, "read"),
        (RECORD | {"confirmed": RECORD["details"]}, "check"),  # saved, but the БИК still fails its rule
        (RECORD | {"confirmed": RECORD["details"] | {"bank_bic": None}}, "confirmed"),  # saved without it
        (REPAIRED, "check"),  # a repair nobody compared with the document
        (REPAIRED | {"person_checks": ALICES_CHECK}, "confirmed"),  # the person checked it
        (None, "unread"),
    ],
)
def test_status_says_what_the_reading_needs(record: dict[str, object] | None, status: str) -> None:
    processed = _file("p", "a.processed.png", "2026-01-01") if record else None
    summary = Summary.from_record(record) if record else None
    assert HistoryEntry(_file("a", "a.jpg", "2026-01-01"), processed, summary).status == status


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("белые", True),
        ("3834964079", True),
        ("165,00", True),
        ("белые 165", True),
        ("2026-01", True),
        ("чёрные", False),
    ],
)
def test_search_needs_every_word_in_the_row(query: str, found: bool) -> None:
    entry = HistoryEntry(_file("a", "a.jpg", "2026-01-01T00:00"), None, Summary.from_record(RECORD))
    assert entry.matches(query) is found


def test_memory_keeps_the_most_recently_used() -> None:
    memory = SummaryMemory(size=2)
    memory.put("a", None)
    memory.put("b", Summary.from_record(RECORD))
    memory.get("a")
    memory.put("c", None)
    assert [memory.get(key)[0] for key in ("a", "b", "c")] == [True, False, True]
