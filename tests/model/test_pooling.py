"""The pooled backend: both readers' candidates, the checks choosing between them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from model.bik_directory import BikDirectory
from model.fields import extract_candidates
from model.pipeline import Extractor
from model.pooling import AGREEMENT_BONUS, pool_readings
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source

ROOT = Path(__file__).parents[2]
NO_DIRECTORY = BikDirectory(date(2026, 4, 17), date(2026, 4, 16), "", {})
"""A БИК directory listing no bank: what the page alone can confirm."""
VALID_INN = "7707083893"
MISREAD_INN = "7707088893"  # one digit off: fails the check digits


def test_pooled_readings_keep_both_readers_and_raise_what_they_agree_on() -> None:
    tesseract = [Candidate("recipient_name", "ООО «Ромашка»", Source.OCR), Candidate("amount", "100.00", Source.OCR)]
    indra = [
        Candidate("recipient_name", "ООО «Ромашка»", Source.INDRA, 0.8),
        Candidate("amount", "700.00", Source.INDRA),
    ]
    pooled = pool_readings(tesseract, indra)
    assert [(c.field, c.value, c.score) for c in pooled] == [
        ("recipient_name", "ООО «Ромашка»", 1.0 + AGREEMENT_BONUS),
        ("amount", "100.00", 1.0),
        ("recipient_name", "ООО «Ромашка»", 0.8 + AGREEMENT_BONUS),
        ("amount", "700.00", 1.0),
    ]


@pytest.mark.parametrize(("first", "second"), [(MISREAD_INN, VALID_INN), (VALID_INN, MISREAD_INN)])
def test_the_check_digits_choose_the_reader_that_read_the_inn_right(first: str, second: str) -> None:
    pooled = pool_readings(
        [Candidate("recipient_inn", first, Source.OCR)], [Candidate("recipient_inn", second, Source.INDRA)]
    )
    details, checks = resolve(pooled, DocumentType.INVOICE)
    assert details.recipient_inn == VALID_INN
    assert checks["recipient_inn"].status != CheckStatus.INVALID


def test_a_value_both_readers_agree_on_wins_over_one_reader_alone() -> None:
    tesseract = [
        Candidate("recipient_name", "ООО «Ромашко»", Source.OCR),
        Candidate("recipient_name", "ООО «Ромашка»", Source.OCR, 0.8),
    ]
    indra = [Candidate("recipient_name", "ООО «Ромашка»", Source.INDRA)]
    details, _ = resolve(pool_readings(tesseract, indra), DocumentType.INVOICE)
    assert details.recipient_name == "ООО «Ромашка»"
    details, _ = resolve(tesseract, DocumentType.INVOICE)
    assert details.recipient_name == "ООО «Ромашко»"  # alone, the first reading would have won


def test_the_pooled_backend_reads_a_page_with_both_readers() -> None:
    extraction = Extractor("pooled").extract((ROOT / "model" / "samples" / "doc_0001.jpg").read_bytes())
    assert {"ocr", "indra"} <= set(extraction.stages)
    assert extraction.response.count("\n\n") >= 1  # both readings' text
    assert extraction.details.bank_bic is not None
    assert extraction.checks["bank_bic"].status != CheckStatus.INVALID


IP_INN, IP_INN_MISREAD = "500100732259", "500100732258"  # the misread has one repair: the right value
BIK, CORR, KPP, DAY = "044525225", "30101810400000000225", "773601001", "2024-03-01"
T, N, Q = Source.OCR, Source.INDRA, Source.QR  # Tesseract, iNdra, QR


@pytest.mark.parametrize(
    ("field", "readings", "value", "status", "rule"),
    [
        # Tesseract and Indra reading the same identifier, amount or date verify it
        ("amount", [("1234.50", T), ("1234.50", N)], "1234.50", "verified", "readers_agree"),
        ("payment_date", [("2024-03-01", T), ("2024-03-01", N)], "2024-03-01", "verified", "readers_agree"),
        ("recipient_kpp", [("773601001", T), ("773601001", N)], "773601001", "verified", "readers_agree"),
        ("fiscal_document_number", [("00012", T), ("12", N)], "00012", "verified", "readers_agree"),
        ("bank_corr_account", [(CORR, T), (CORR, N)], CORR, "verified", "readers_agree"),
        # two passes of one reader are one reading; one reader alone confirms nothing
        ("amount", [("1234.50", T), ("1234.50", T)], "1234.50", "unverified", None),
        ("amount", [("1234.50", N), ("1234.50", N)], "1234.50", "unverified", None),
        ("amount", [("1234.50", N)], "1234.50", "unverified", None),
        # an amount or a date both read alike, but either reader also read another one: which is the page's is the
        # parser's choice, the same for both readers, so their agreement proves nothing about it
        ("amount", [("1234.50", T), ("1234.50", N), ("1100.00", N)], "1234.50", "unverified", None),
        ("payment_date", [(DAY, T), (DAY, N), ("2024-03-15", T)], DAY, "unverified", "plausible_date"),
        # an identifier is labelled by what it is: the readers agreeing verifies it whatever else was read
        ("recipient_kpp", [(KPP, T), (KPP, N), ("773601002", N)], KPP, "verified", "readers_agree"),
        # the readers disagreeing: nothing verified, the other reading named
        ("amount", [("100.00", T), ("180.00", N)], "100.00", "unverified", None),
        # names and purposes are not verified by the readers agreeing
        ("recipient_name", [("ООО «Ромашка»", T), ("ООО «Ромашка»", N)], "ООО «Ромашка»", "unverified", None),
        ("purpose", [("Оплата", T), ("Оплата", N)], "Оплата", "unverified", None),
        ("currency", [("RUB", T), ("RUB", N)], "RUB", "unverified", None),
        # a QR among them is the stronger agreement
        ("amount", [("1234.50", Q), ("1234.50", T), ("1234.50", N)], "1234.50", "verified", "qr_agrees"),
        # a repair stays a repair when both readers read the same misread...
        ("recipient_inn", [(IP_INN_MISREAD, T), (IP_INN_MISREAD, N)], IP_INN, "repaired", "inn_check_digits"),
        # ...and the other reader reading the repaired value makes it a reading that passes its check digits
        ("recipient_inn", [(IP_INN_MISREAD, T), (IP_INN, N)], IP_INN, "verified", "inn_check_digits"),
        # a date that fails its rule is not saved by agreement
        ("payment_date", [("2099-01-01", T), ("2099-01-01", N)], "2099-01-01", "invalid", "plausible_date"),
    ],
)
def test_two_independent_readers_agreeing_verifies_only_where_it_can_fail(
    field: str, readings: list[tuple[str, Source]], value: str, status: str, rule: str | None
) -> None:
    first = [Candidate(field, read, source) for read, source in readings if source is not N]
    second = [Candidate(field, read, source) for read, source in readings if source is N]
    details, checks = resolve(pool_readings(first, second), DocumentType.INVOICE)
    assert (details.model_dump()[field], checks[field].status, checks[field].rule) == (value, status, rule)
    if status == "unverified" and ("180.00", N) in readings:
        assert "other sources read 180.00" in str(checks[field].detail)


def test_the_readers_agreeing_on_a_bik_verify_it_beside_its_corr_account() -> None:
    tesseract = [Candidate("bank_bic", BIK, T), Candidate("bank_corr_account", CORR, T)]
    indra = [Candidate("bank_bic", BIK, N)]
    _, checks = resolve(pool_readings(tesseract, indra), DocumentType.INVOICE, directory=NO_DIRECTORY)
    assert (checks["bank_bic"].status, checks["bank_bic"].rule) == ("verified", "readers_agree")
    assert str(checks["bank_bic"].detail).startswith("ocr and indra read the same")
    _, alone = resolve(tesseract, DocumentType.INVOICE, directory=NO_DIRECTORY)
    assert alone["bank_bic"].status == "unverified"  # the к/с confirms only the BIK's last digits


def test_the_pooled_backend_verifies_what_both_readers_read_alike_and_only_right_values(
    samples: dict[Path, dict[str, str | None]],
) -> None:
    """A rendered page read by both readers: each value verified by ``readers_agree`` is the one printed, and the
    readers do agree on some; the sources name each reader."""
    extractor = Extractor("pooled")
    agreed: list[str] = []
    for path, truth in samples.items():
        extraction = extractor.extract(path.read_bytes())
        read = extraction.details.model_dump(mode="json")
        for field, check in extraction.checks.items():
            assert check.source in (None, "ocr", "indra", "qr"), f"{path.name}: {field}"
            if check.rule == "readers_agree":
                assert check.status == "verified"
                assert read[field] == truth[field], f"{path.name}: {field} verified but wrong"
                agreed.append(field)
    assert {"amount", "bank_bic"} <= set(agreed)


def _readings(lines: list[str], source: Source) -> list[Candidate]:
    return extract_candidates(lines, source)


def test_the_payment_lines_choose_a_total_one_reader_read_over_a_subtotal_both_read() -> None:
    """An ЭКЛЗ-era receipt's «ВСЕГО» before its discount, which both readers read alike, and its «ИТОГ», which the
    second garbles: the first reader's cash less change adds up to its «ИТОГ», which is the amount."""
    head = ["ПРОДАЖА", "Хлеб 01 1.853 X 286.00 =529.96", "ВСЕГО =546.52", "СКИДКА =27.33"]
    tesseract = [*head, "ИТОГ =519.19", "НАЛИЧНЫМИ =600.00", "ПОЛУЧЕНО =600.00", "СДАЧА =80.81"]
    indra = [*head, "ИТОГ 1 1 9.19 -", "НАЛИЧНЫМИ =600.00", "ПОЛУЧЕНО =600.00", "СЛАЧА =80.81"]
    pooled = pool_readings(_readings(tesseract, Source.OCR), _readings(indra, Source.INDRA))
    details, checks = resolve(pooled, DocumentType.CASH_RECEIPT, directory=NO_DIRECTORY)
    assert details.amount == "519.19"
    assert checks["amount"].status == CheckStatus.UNVERIFIED  # the second reader's payment lines say 600.00


def test_payment_lines_that_add_up_to_no_total_raise_none() -> None:
    lines = ["ПРОДАЖА", "ВСЕГО =546.52", "СКИДКА =27.33", "ИТОГ =519.19", "НАЛИЧНЫМИ =600.00", "СДАЧА =50.00"]
    pooled = pool_readings(_readings(lines, Source.OCR), _readings(lines[:3], Source.INDRA))
    details, _ = resolve(pooled, DocumentType.CASH_RECEIPT, directory=NO_DIRECTORY)
    assert details.amount == "546.52"  # no payment lines state either total: the readers agreeing ranks the first


def test_a_label_both_readers_read_but_for_a_letter_wins_over_a_header_both_read_alike() -> None:
    """A postal transfer (r7_transfer_06_hard): «Получатель: Зайцев Евгений Викторович», Indra's a letter short, and
    the post's own name in the header, which both read alike and which only its place made a candidate."""
    tesseract = [
        Candidate("recipient_name", "Зайцев Евгений Викторович", Source.OCR),
        Candidate("recipient_name", "АО «ПОЧТА РОССИИ»", Source.OCR, 0.3),
    ]
    indra = [
        Candidate("recipient_name", "Зайцев Евгений Викторови", Source.INDRA),
        Candidate("recipient_name", "АО «ПОЧТА РОССИИ»", Source.INDRA, 0.3),
    ]
    details, checks = resolve(pool_readings(tesseract, indra), DocumentType.BANK_TRANSFER)
    assert details.recipient_name == "Зайцев Евгений Викторович"
    assert checks["recipient_name"].status == CheckStatus.UNVERIFIED


def test_a_near_agreement_yields_to_an_exact_one_on_its_twin() -> None:
    """Readers agreeing on «ООО «Ромашка»» where one label read «ООО «Ромашко»» and the other «ООО «Ромашкo»»: the
    text both read alike wins over the near twins."""
    tesseract = [
        Candidate("recipient_name", "ООО «Ромашко»", Source.OCR),
        Candidate("recipient_name", "ООО «Ромашка»", Source.OCR, 0.3),
    ]
    indra = [
        Candidate("recipient_name", "ООО «Ромашкo»", Source.INDRA),
        Candidate("recipient_name", "ООО «Ромашка»", Source.INDRA, 0.3),
    ]
    details, _ = resolve(pool_readings(tesseract, indra), DocumentType.INVOICE)
    assert details.recipient_name == "ООО «Ромашка»"
