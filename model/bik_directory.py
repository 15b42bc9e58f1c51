"""The Bank of Russia's БИК directory (ED807) as a dated offline copy: which bank a БИК is, and its к/с.

A БИК's own shape says nothing of its region digits, and the к/с confirms only its last five digits; the
directory says which bank holds the БИК and its correspondent account, so a БИК read beside that к/с or that
bank's name is confirmed by a source that could have disagreed. The copy is dated: banks open, merge and close,
so a БИК missing from it is "not in the directory of <date>", never invalid.

The copy is ``model/data/bik_directory.json.gz``, made from the directory file the Bank of Russia publishes
every business day (``YYYYMMDD_ED807_full.xml``, or the ``…ED01OSBR.zip`` that holds it) by
``python -m model.bik_directory ED807-FILE [OUTPUT]``; README ("The БИК directory") says where the committed
copy came from and of which day it is. A deployment may name a newer day's file in ``RECEIPT_BIK_DIRECTORY``.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from model.values import LOOKALIKE_LETTERS

DIRECTORY_PATH = Path(__file__).parent / "data" / "bik_directory.json.gz"
DIRECTORY_ENV = "RECEIPT_BIK_DIRECTORY"
"""A deployment's own directory file (ED807 XML or zip, or a compact copy) in place of the committed one."""
_GZIP = b"\x1f\x8b"
_FORMAT = 2
_FORMATS_READ = frozenset({1, 2})
"""Format 2 adds each treasury office's ЕКС; a deployment's format-1 copy still reads, without them."""
_NS = {"ed": "urn:cbr-ru:ed:v2.0"}
_ACTIVE = "ACAC"
_CORRESPONDENT = "CRSA"
"""ED807's account type of a bank's correspondent account at the Bank of Russia (30101…)."""
_TREASURY_SINGLE = "UTRA"
"""ED807's account type of a treasury office's единый казначейский счёт (ЕКС, 40102…): what a budget payment names
where a bank's к/с would stand."""


@dataclass(frozen=True, slots=True)
class BankEntry:
    """One БИК as the directory lists it."""

    bic: str
    name: str
    """``NameP``, the participant's name as the Bank of Russia writes it (ПАО Сбербанк, АО "ТБанк")."""
    corr_account: str | None
    """The active correspondent account (type CRSA); ``None`` for a participant without one (a treasury office)."""
    swift: str | None
    city: str | None
    listed_since: str | None
    """``DateIn``: the day the БИК entered the directory, ISO."""
    treasury_accounts: tuple[str, ...] = ()
    """A treasury office's active ЕКС (type UTRA, 40102…), which a budget payment names where a bank's к/с would
    stand; three offices have two (УФК по г. Москве: 40102810545370000003 and 40102810645370000110)."""

    def names_account(self, account: str) -> bool:
        """Whether ``account`` is the one a payment document names beside this БИК: its к/с or one of its ЕКС."""
        return account == self.corr_account or account in self.treasury_accounts


@dataclass(frozen=True, slots=True)
class BikDirectory:
    """The directory of one business day."""

    business_day: date
    """``BusinessDay``: the day the directory is for (it is published the evening before, its ``EDDate``)."""
    ed_date: date
    ed_number: str
    entries: Mapping[str, BankEntry]

    @property
    def label(self) -> str:
        """How a check's detail names this source."""
        return f"the Bank of Russia's БИК directory of {self.business_day.isoformat()}"

    def lookup(self, bic: str) -> BankEntry | None:
        return self.entries.get(bic)


def _xml_of(data: bytes) -> bytes:
    """The ED807 XML itself, or the one ``*ED807*.xml`` inside the zip the Bank of Russia publishes."""
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [name for name in archive.namelist() if "ED807" in name.upper() and name.lower().endswith(".xml")]
        if len(names) != 1:
            raise ValueError(f"expected one ED807 XML in the archive, found {names or 'none'}")
        return archive.read(names[0])


def _entry(element: ET.Element) -> BankEntry | None:
    info = element.find("ed:ParticipantInfo", _NS)
    bic = element.get("BIC")
    if info is None or bic is None:
        return None
    active = [account for account in element.findall("ed:Accounts", _NS) if account.get("AccountStatus") == _ACTIVE]
    corr = [account.get("Account") for account in active if account.get("RegulationAccountType") == _CORRESPONDENT]
    single = sorted(a.get("Account", "") for a in active if a.get("RegulationAccountType") == _TREASURY_SINGLE)
    swift = [s.get("SWBIC") for s in element.findall("ed:SWBICS", _NS) if s.get("DefaultSWBIC") == "1"]
    return BankEntry(
        bic=bic,
        name=info.get("NameP", ""),
        corr_account=corr[0] if len(corr) == 1 else None,
        swift=swift[0] if swift else None,
        city=info.get("Nnp"),
        listed_since=info.get("DateIn"),
        treasury_accounts=tuple(single),
    )


def parse_ed807(data: bytes) -> BikDirectory:
    """Read an ED807 file (XML or the published zip). Raises ``ValueError`` for anything else."""
    try:
        root = ET.fromstring(_xml_of(data))
    except (ET.ParseError, zipfile.BadZipFile) as error:
        raise ValueError(f"not an ED807 file: {error}") from error
    if root.tag != "{urn:cbr-ru:ed:v2.0}ED807" or "BusinessDay" not in root.attrib:
        raise ValueError(f"not an ED807 directory: root element {root.tag}")
    entries = {}
    for element in root.findall("ed:BICDirectoryEntry", _NS):
        if (entry := _entry(element)) is not None:
            entries[entry.bic] = entry
    return BikDirectory(
        business_day=date.fromisoformat(root.attrib["BusinessDay"]),
        ed_date=date.fromisoformat(root.attrib.get("EDDate", root.attrib["BusinessDay"])),
        ed_number=root.attrib.get("EDNo", ""),
        entries=entries,
    )


def to_json(directory: BikDirectory) -> bytes:
    """The compact committed form: one row per БИК, sorted, gzip without a timestamp, so it rebuilds byte for byte."""
    rows = [
        [e.bic, e.name, e.corr_account, e.swift, e.city, e.listed_since, list(e.treasury_accounts)]
        for e in sorted(directory.entries.values(), key=lambda e: e.bic)
    ]
    document = {
        "format": _FORMAT,
        "source": "Bank of Russia, ED807 BIC directory",
        "business_day": directory.business_day.isoformat(),
        "ed_date": directory.ed_date.isoformat(),
        "ed_number": directory.ed_number,
        "columns": ["bic", "name", "corr_account", "swift", "city", "listed_since", "treasury_accounts"],
        "entries": rows,
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":")).replace('],["', '],\n["')
    return gzip.compress(text.encode(), mtime=0)


def _row_entry(row: list[Any]) -> BankEntry:
    """One compact row; a format-1 row has no ЕКС column."""
    bic, name, corr, swift, city, since = row[:6]
    return BankEntry(bic, name, corr, swift, city, since, tuple(row[6]) if len(row) > 6 else ())


def from_json(data: bytes) -> BikDirectory:
    document = json.loads(gzip.decompress(data))
    if document.get("format") not in _FORMATS_READ:
        raise ValueError(f"unknown БИК directory format {document.get('format')!r}")
    entries = {row[0]: _row_entry(row) for row in document["entries"]}
    return BikDirectory(
        business_day=date.fromisoformat(document["business_day"]),
        ed_date=date.fromisoformat(document["ed_date"]),
        ed_number=document["ed_number"],
        entries=entries,
    )


@functools.cache
def load_directory(path: Path = DIRECTORY_PATH) -> BikDirectory:
    """A directory file, read once per process (the committed copy's 1,428 entries take a few milliseconds): the
    compact copy, or an ED807 file (XML or the published zip) as the Bank of Russia publishes it."""
    data = path.read_bytes()
    return from_json(data) if data.startswith(_GZIP) else parse_ed807(data)


def current_directory() -> BikDirectory:
    """The directory the checks use: the file ``RECEIPT_BIK_DIRECTORY`` names (a newer day's, with no new image),
    else the committed copy. Raises ``ValueError`` naming the setting when that file cannot be read as one."""
    configured = os.environ.get(DIRECTORY_ENV, "").strip()
    if not configured:
        return load_directory()
    try:
        return load_directory(Path(configured))
    except (OSError, ValueError) as error:
        raise ValueError(f"{DIRECTORY_ENV}={configured!r}: not a БИК directory (ED807 XML or zip): {error}") from error


_LEGAL_FORMS = frozenset({"пао", "ао", "оао", "зао", "ооо", "нко", "небанковская", "кредитная", "организация"})
"""Words a document adds to or drops from a bank's name: its legal form (ПАО Сбербанк printed as «Сбербанк»)."""
_NOT_A_LETTER = re.compile(r"[^0-9a-zа-я]+")


def _words(name: str) -> list[str]:
    return _NOT_A_LETTER.sub(" ", name.casefold().replace("ё", "е")).split()


def name_key(name: str, city: str | None = None) -> str:
    """A bank's name as two printings of it compare: case, quotes, punctuation and the legal form dropped, and a
    trailing «г. <city>» when ``city`` is the bank's own («ПАО СБЕРБАНК г. Москва» = «ПАО Сбербанк»)."""
    words = _words(name)
    if city:
        tail = ["г", *_words(city)]
        for suffix in (tail, tail[1:]):
            if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
                words = words[: -len(suffix)]
                break
    return " ".join(word for word in words if word not in _LEGAL_FORMS)


def names_agree(read: str, entry: BankEntry) -> bool:
    """Whether a bank name read from a document is the directory's name of that БИК (never on an empty key). A
    treasury office is printed after its Bank of Russia division: «ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской
    области г. Тула» names the УФК; the directory lists the УФК."""
    key = name_key(read.rsplit("//", 1)[-1], entry.city)
    return bool(key) and key == name_key(entry.name, entry.city)


_QUOTE_MARKS = "\"«»“”„'‘’"
_PARTNERS = {"«": "»", "“": "”", "„": "“", "‘": "’"}
_TRAILING_SPECKS = re.compile(r"(?:\s+[^\w\s\"«»“”„'‘’()]+)+$")
"""Marks alone after a name's last word («… ЮНИКРЕДИТ БАНКА ~», «… г. Орёл |», «… г.Москва -»): a page's border or
a speck; a bank's name ends with a word, a quote or a bracket."""
_CLOSING_SPECK = re.compile(r"(?<=\w)(?:[`*!~^|_]|-(?=\s|$))(?=[\s),.]|$)")
_OPENING_SPECK = re.compile(r"(?:(?<=\s)|^)[`*!~^|_](?=\w)")
"""A mark OCR reads for a quote at a word's edge («"ЭРГОБАНК`», «`МЕТАЛЛИНВЕСТБАНК"», «"ИШБАНК*»): no bank's name
prints one there; a dash only closing a word (no «Ростов-на-Дону» nor «- ГК» is touched)."""
_EMPTY_QUOTES = re.compile(r"\s+[\"«“„][\"»”“]?(?=\s)")


def _quotes(text: str) -> int:
    return sum(text.count(mark) for mark in _QUOTE_MARKS)


def _closing_quote(before: str) -> str:
    """The quote that closes the last one opened before: «…» and “…” keep their pair, else the straight one."""
    opened = [mark for mark in before if mark in _QUOTE_MARKS]
    return _PARTNERS.get(opened[-1], '"') if opened else '"'


def _unmatched_brackets_dropped(text: str) -> str:
    """``text`` less each «)» that no «(» before it opened («КУ КБ "МФБАНК" ООО) - ГК "АСВ"»)."""
    depth, kept = 0, []
    for character in text:
        if character == ")" and depth == 0:
            continue
        depth += {"(": 1, ")": -1}.get(character, 0)
        kept.append(character)
    return "".join(kept)


def without_stray_marks(read: str, listed: str) -> str:
    """A bank's name read that ``names_agree`` with the directory's ``listed``, less the marks OCR added: specks
    after its last word, and where its quotes or brackets do not pair up as the directory's do, the specks that
    stand for a quote («КУ ООО КБ "ЭРГОБАНК` - ГК "АСВ"», «АО "ИШБАНК*»: set as the quote), an empty pair or a
    quote the directory's name does not open with, a «)» nothing opened. Quotes and brackets that pair up stay as
    printed («ПАО КБ «Центр-Инвест» г.Ростов-на-Дону», «КУ КБ "МРБ" (ООО)" - ГК "АСВ"» as the directory has it),
    as do the words (case, the legal form, a city)."""
    name = _TRAILING_SPECKS.sub("", read)
    missing = _quotes(listed) - _quotes(name)
    if missing > 0 and len(_CLOSING_SPECK.findall(name)) + len(_OPENING_SPECK.findall(name)) == missing:
        name = _CLOSING_SPECK.sub(lambda speck: _closing_quote(name[: speck.start()]), name)
        name = _OPENING_SPECK.sub('"', name)
    elif missing == -2 and len(_EMPTY_QUOTES.findall(name)) == 1:
        name = _EMPTY_QUOTES.sub("", name)
    elif missing == -1 and name[:1] in _QUOTE_MARKS and listed[:1] not in _QUOTE_MARKS:
        name = name[1:].lstrip()
    if name.count(")") > name.count("(") and listed.count(")") == listed.count("("):
        name = _unmatched_brackets_dropped(name)
    return name


_SAME_BANK_RATIO = 0.75
"""How alike two printings of one bank's name stay when OCR misreads a letter or two («СБЕРБАНЕ»): other banks'
names share little more than the word «банк» («ОЗОН Банк» and «Т-Банк»: 0.62)."""


def names_another_bank(read: str, entry: BankEntry) -> bool:
    """Whether a bank name read from a document is clearly not the directory's name of that БИК: neither name's
    letters hold the other's («Т-Банк» = «ТБанк», «ВТБ» = «Банк ВТБ») and they are too unalike for a misreading,
    Latin look-alikes read as the Cyrillic letters they draw («ООО KE "MBC БАНК"» is a misreading of ООО КБ "МВС
    БАНК", not another bank). A treasury office is never judged: documents print it as its Bank of Russia division or
    as the УФК."""
    if entry.corr_account is None:
        return False
    mine = "".join(name_key(read.rsplit("//", 1)[-1].translate(LOOKALIKE_LETTERS), entry.city).split())
    listed = "".join(name_key(entry.name, entry.city).split())
    if not mine or not listed or mine in listed or listed in mine:
        return False
    return SequenceMatcher(None, mine, listed).ratio() < _SAME_BANK_RATIO


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m model.bik_directory ED807-FILE [OUTPUT]``: rebuild the committed copy from a directory file."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not 1 <= len(args) <= 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    directory = parse_ed807(Path(args[0]).read_bytes())
    output = Path(args[1]) if len(args) == 2 else DIRECTORY_PATH
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(to_json(directory))
    with_corr = sum(1 for e in directory.entries.values() if e.corr_account)
    with_single = sum(1 for e in directory.entries.values() if e.treasury_accounts)
    print(
        f"{output}: {len(directory.entries)} БИК, {with_corr} with a к/с, {with_single} with a ЕКС,"
        f" business day {directory.business_day}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
