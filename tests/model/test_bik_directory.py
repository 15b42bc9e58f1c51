"""The Bank of Russia's БИК directory: the committed copy, the ED807 reader that makes it, and name agreement."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from model.bik_directory import (
    BankEntry,
    current_directory,
    from_json,
    load_directory,
    main,
    name_key,
    names_agree,
    names_another_bank,
    parse_ed807,
    to_json,
    without_stray_marks,
)
from model.checks import corr_account_valid
from model.inference import load

ED807 = """<?xml version="1.0" encoding="WINDOWS-1251"?>
<ED807 xmlns="urn:cbr-ru:ed:v2.0" EDNo="707743773" EDDate="2026-04-16" EDAuthor="4583001999" CreationReason="FCBD"
 InfoTypeCode="FIRR" BusinessDay="2026-04-17" DirectoryVersion="1">
<BICDirectoryEntry BIC="044525225"><ParticipantInfo NameP="ПАО Сбербанк" RegN="1481" CntrCd="RU" Rgn="45"
 Tnp="г" Nnp="Москва" DateIn="1996-10-04" PtType="20" ParticipantStatus="PSAC"/>
<SWBICS SWBIC="SABRRUMM" DefaultSWBIC="1"/><SWBICS SWBIC="SABRRUMM012" DefaultSWBIC="0"/>
<Accounts Account="30101810400000000225" RegulationAccountType="CRSA" CK="78" AccountCBRBIC="044525000"
 DateIn="1996-10-04" AccountStatus="ACAC"/></BICDirectoryEntry>
<BICDirectoryEntry BIC="004525988"><ParticipantInfo NameP="УФК ПО Г. МОСКВЕ" Nnp="Москва" DateIn="2016-09-14"
 PtType="52" ParticipantStatus="PSAC"/>
<Accounts Account="40102810545370000003" RegulationAccountType="UTRA" AccountStatus="ACAC"/></BICDirectoryEntry>
</ED807>
""".encode("cp1251")


def test_the_committed_copy_is_the_directory_of_its_stated_day() -> None:
    directory = load_directory()
    assert (directory.business_day, directory.ed_date) == (date(2026, 4, 17), date(2026, 4, 16))
    assert directory.label == "the Bank of Russia's БИК directory of 2026-04-17"
    sber = directory.lookup("044525225")
    assert sber == BankEntry("044525225", "ПАО Сбербанк", "30101810400000000225", "SABRRUMM", "Москва", "1996-10-04")
    with_corr = [entry for entry in directory.entries.values() if entry.corr_account]
    assert len(directory.entries) > 1000 and len(with_corr) > 900


def test_every_listed_correspondent_account_passes_its_key_with_its_bik() -> None:
    """Two independent facts agreeing: the Bank of Russia's key rule (order 515) and its own directory."""
    listed = [e for e in load_directory().entries.values() if e.corr_account]
    assert len(listed) > 900 and {e.corr_account[:5] for e in listed if e.corr_account} > {"30101", "30103"}
    assert [e.bic for e in listed if not corr_account_valid(e.corr_account or "", e.bic)] == []


def test_a_bik_the_directory_does_not_list_is_not_found() -> None:
    assert load_directory().lookup("044525256") is None  # Росбанк's former БИК, gone by 2026-04-17
    assert load_directory().lookup("045525225") is None  # Сбербанк's with its region misread


def test_parse_ed807_reads_bank_name_corr_account_and_swift() -> None:
    directory = parse_ed807(ED807)
    assert (directory.business_day, directory.ed_date, directory.ed_number) == (
        date(2026, 4, 17),
        date(2026, 4, 16),
        "707743773",
    )
    assert directory.lookup("044525225") == BankEntry(
        "044525225", "ПАО Сбербанк", "30101810400000000225", "SABRRUMM", "Москва", "1996-10-04"
    )
    treasury = directory.lookup("004525988")
    assert treasury is not None and treasury.corr_account is None  # a treasury's single account is no к/с


def test_parse_ed807_reads_the_zip_the_bank_of_russia_publishes() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("20260417_ED807_full.xml", ED807)
    assert parse_ed807(buffer.getvalue()).entries.keys() == {"044525225", "004525988"}


@pytest.mark.parametrize("data", [b"not xml", b"<ED211 xmlns='urn:cbr-ru:ed:v2.0'/>", b"PK\x03\x04broken"])
def test_parse_ed807_refuses_what_is_not_a_directory(data: bytes) -> None:
    with pytest.raises(ValueError, match="ED807"):
        parse_ed807(data)


def test_the_compact_form_round_trips_and_rebuilds_byte_for_byte(tmp_path: Path) -> None:
    directory = parse_ed807(ED807)
    assert from_json(to_json(directory)) == directory
    source = tmp_path / "20260417_ED807_full.xml"
    source.write_bytes(ED807)
    assert main([str(source), str(tmp_path / "a.json.gz")]) == 0
    assert main([str(source), str(tmp_path / "b.json.gz")]) == 0
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes() == to_json(directory)


@pytest.mark.parametrize(
    ("read", "bic", "agrees"),
    [
        ("ПАО Сбербанк", "044525225", True),
        ("ПАО СБЕРБАНК г. Москва", "044525225", True),
        ("Сбербанк", "044525225", True),
        ("АО «ТБанк»", "044525974", True),
        ("Банк ВТБ (ПАО)", "044525187", True),
        ("Северо-Западный банк ПАО Сбербанк", "044030653", True),
        ("ПАО Сбербанк", "044030653", False),  # the head office's name beside a regional bank's БИК
        ("ПАО «Промсвязьбанк»", "044525555", False),  # renamed ПАО "Банк ПСБ": the directory's name differs
        ("АО «Альфа-Банк»", "044525225", False),
        ("ПАО", "044525225", False),  # nothing left of the name once its legal form is dropped
    ],
)
def test_names_agree_as_two_printings_of_one_bank_name(read: str, bic: str, agrees: bool) -> None:
    entry = load_directory().lookup(bic)
    assert entry is not None
    assert names_agree(read, entry) is agrees


@pytest.mark.parametrize(
    ("read", "bic", "another"),
    [
        ("Т-Банк", "044525974", False),  # «АО "ТБанк"»: a hyphen apart
        ("ВТБ", "044525187", False),  # «Банк ВТБ (ПАО)»
        ("ПАО СБЕРБАНЕ", "044525225", False),  # a letter misread
        ("ПАО Сбербанк", "044030653", False),  # the head office's name beside a regional bank's БИК
        ("Т-Банк", "044525068", True),  # ООО "ОЗОН Банк": the issuing bank's БИК, not the recipient's
        ("Альфа-Банк", "044525225", True),
        ('ООО KE "MBC БАНК"', "048209775", False),  # ООО КБ "МВС БАНК" read in Latin look-alikes, a fax's
        ("CБEPБAHK", "044525225", False),  # its C, E, P, A, H, K Latin
        ("AЛЬФA-БAHK", "044525225", True),  # look-alikes folded, another bank still
    ],
)
def test_names_another_bank_only_when_no_printing_or_misreading_makes_them_one(
    read: str, bic: str, another: bool
) -> None:
    entry = load_directory().lookup(bic)
    assert entry is not None
    assert names_another_bank(read, entry) is another


@pytest.mark.parametrize(
    ("read", "listed", "shown"),
    [
        ('КУ ООО КБ "ЭРГОБАНК` - ГК "АСВ"', 'КУ ООО КБ "ЭРГОБАНК" - ГК "АСВ"', 'КУ ООО КБ "ЭРГОБАНК" - ГК "АСВ"'),
        ('АО "ИШБАНК*', 'АО "ИШБАНК"', 'АО "ИШБАНК"'),
        ("АО «ИШБАНК`", 'АО "ИШБАНК"', "АО «ИШБАНК»"),  # the pair of the quote it opened
        (
            'НИЖЕГОРОДСКИЙ Ф-Л ПАО АКБ `МЕТАЛЛИНВЕСТБАНК"',
            'НИЖЕГОРОДСКИЙ Ф-Л ПАО АКБ "МЕТАЛЛИНВЕСТБАНК"',
            'НИЖЕГОРОДСКИЙ Ф-Л ПАО АКБ "МЕТАЛЛИНВЕСТБАНК"',
        ),
        ("АКБ `НООСФЕРА- (АО), г. Щёлково.", 'АКБ "НООСФЕРА" (АО)', 'АКБ "НООСФЕРА" (АО), г. Щёлково.'),
        (
            "ПЕРМСКИЙ ФИЛИАЛ АО ЮНИКРЕДИТ БАНКА ~",
            "ПЕРМСКИЙ ФИЛИАЛ АО ЮНИКРЕДИТ БАНКА",
            "ПЕРМСКИЙ ФИЛИАЛ АО ЮНИКРЕДИТ БАНКА",
        ),
        ('АО АКБ "НОВИКОМБАНК", г.Москва -', 'АО АКБ "НОВИКОМБАНК"', 'АО АКБ "НОВИКОМБАНК", г.Москва'),
        ('“КБ "СТРОЙЛЕСБАНК" (ООО)', 'КБ "СТРОЙЛЕСБАНК" (ООО)', 'КБ "СТРОЙЛЕСБАНК" (ООО)'),
        (
            "КУ ООО КБ Центрально-Европейский “” Банк-ГК АСВ -",
            "КУ ООО КБ Центрально-Европейский Банк-ГК АСВ",
            "КУ ООО КБ Центрально-Европейский Банк-ГК АСВ",
        ),
        ('КУ КБ. "МФБАНК" ООО) - ГК "АСВ!', 'КУ КБ "МФБАНК" ООО - ГК "АСВ"', 'КУ КБ. "МФБАНК" ООО - ГК "АСВ"'),
        (
            "ОТДЕЛЕНИЕ ОРЁЛ БАНКА РОССИИ//УФК по Орловской области г. Орёл |",
            "УФК по Орловской области",
            "ОТДЕЛЕНИЕ ОРЁЛ БАНКА РОССИИ//УФК по Орловской области г. Орёл",
        ),
        # quotes and brackets that pair up stay as printed, the directory's spelling or not
        ("ПАО КБ «Центр-Инвест» г.Ростов-на-Дону", 'ПАО КБ "ЦЕНТР-ИНВЕСТ"', "ПАО КБ «Центр-Инвест» г.Ростов-на-Дону"),
        ('КУ ООО КБ "ДОРИС БАНК" — ГК «АСВ»', 'КУ ООО КБ "ДОРИС БАНК" - ГК "АСВ"', 'КУ ООО КБ "ДОРИС БАНК" — ГК «АСВ»'),
        ('КУ КБ "МРБ" (ООО)" - ГК "АСВ"', 'КУ КБ "МРБ" (ООО)" - ГК "АСВ"', 'КУ КБ "МРБ" (ООО)" - ГК "АСВ"'),
        ("Ликвидатор АО КБ 'ИС Банк’", 'АО КБ "ИС Банк"', "Ликвидатор АО КБ 'ИС Банк’"),
        ('КУ ООО "ВЛАДПРОМБАНК"- ГК "АСВ"', 'КУ ООО "ВЛАДПРОМБАНК" - ГК "АСВ"', 'КУ ООО "ВЛАДПРОМБАНК"- ГК "АСВ"'),
    ],
)
def test_a_bank_name_the_directory_confirms_loses_only_the_marks_ocr_added(read: str, listed: str, shown: str) -> None:
    assert without_stray_marks(read, listed) == shown


def test_name_key_drops_a_city_only_when_it_is_the_banks_own() -> None:
    assert name_key("ПАО СБЕРБАНК г. Москва", "Москва") == "сбербанк"
    assert name_key("ПАО СБЕРБАНК г. Москва", "Екатеринбург") == "сбербанк г москва"


def test_a_deployment_names_a_newer_days_directory_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    published = tmp_path / "20260901_ED807_full.xml"
    published.write_bytes(ED807.replace(b'BusinessDay="2026-04-17"', b'BusinessDay="2026-09-01"'))
    monkeypatch.setenv("RECEIPT_BIK_DIRECTORY", str(published))
    directory = current_directory()
    assert directory.label == "the Bank of Russia's БИК directory of 2026-09-01"
    assert directory.entries.keys() == {"044525225", "004525988"}
    monkeypatch.setenv("RECEIPT_BIK_DIRECTORY", "")
    assert current_directory().business_day == date(2026, 4, 17)  # unset: the committed copy


@pytest.mark.parametrize("content", [None, b"<html>not found</html>"])
def test_a_directory_file_that_cannot_be_read_fails_the_models_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | None
) -> None:
    path = tmp_path / "bik.zip"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setenv("RECEIPT_BIK_DIRECTORY", str(path))
    with pytest.raises(ValueError, match=r"RECEIPT_BIK_DIRECTORY=.*bik\.zip.*not a БИК directory"):
        load("tesseract")
