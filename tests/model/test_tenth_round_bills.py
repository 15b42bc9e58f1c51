"""Classes the tenth round of ``bench/layouts`` showed on its bills (a gardening partnership's ПД-4, a 1C bill with
VAT on top), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.pooling import pool_readings
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, PaymentDetails, Source
from model.values import read_bank, read_name, read_payment_date

SNT_PD4 = [
    "Форма № ПД-4",
    "Извещение СНТ «Байкал-Софт»",
    "ИНН 1452947455 КПП 145201001 р/с 40703810333808780350",
    'в АО "МСП Банк" БИК 044525108 к/с 30101810200000000108',
    "Плательщик: Соколов Дмитрий Сергеевич, участок № 49, площадь 6 сот.",
    "Назначение: Членские и целевые взносы, электроэнергия за 2026 год, участок № 49",
    "Вид платежа Расчёт Сумма",
    "Членский взнос 6 сот. х 950 руб. 5 700,00",
    "Кассир Итого 11 055,00",
    "Сумма платежа: 11055 руб. 00 коп.",
    "Дата Подпись плательщика",
    "Взносы за 2026 год оплатить до 30 июня 2026 г. Правление СНТ.",
]
"""The upper half of a СНТ's membership ПД-4 (bench/layouts r10 snt-membership): a period and a due date, no date of
the document."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_a_pd4s_due_date_in_words_is_no_payment_date() -> None:
    """«оплатить до 30 июня 2026 г.» under the form's «Дата» blank: the date to pay by, the month in words, after
    the year of the dues: the bill has no date of its own."""
    assert _details(SNT_PD4).payment_date is None


@pytest.mark.parametrize(
    "text",
    [
        "Подпись плательщика Взносы за 2026 год оплатить до 30 июня 2026 г.",
        "за 2026 год срок оплаты 30.06.2026",
        "взносы 2026 г. не позднее 30.06.2026",
    ],
)
def test_a_deadline_after_other_figures_is_no_payment_date(text: str) -> None:
    """The words right before the date name a deadline, whatever figures come before them."""
    assert read_payment_date(text) is None


def test_a_date_blank_beside_the_signatures_caption_reads_no_line_under_it() -> None:
    """«Дата ____ Подпись плательщика ____» is a row of blanks for the payer's hand: the footer under it is no
    date's value, however OCR garbled its «оплатить до» («рать о»). Found by its shape alone, the date is
    ``by_shape``."""
    lines = ["Сумма платежа: 11055 руб. 00 коп.", "Дата Подпись плательщика", "басы за 2026 год рать о 30 июня 2026 г."]
    dates = [c for c in extract_candidates(lines) if c.field == "payment_date"]
    assert dates and all(c.by_shape for c in dates)


def _date(source: Source, *, by_shape: bool) -> Candidate:
    return Candidate("payment_date", "2026-06-30", source, 0.3 if by_shape else 2.0, by_shape=by_shape)


@pytest.mark.parametrize(
    ("tesseract", "indra", "status"),
    [
        (_date(Source.OCR, by_shape=False), _date(Source.INDRA, by_shape=False), CheckStatus.VERIFIED),
        (_date(Source.OCR, by_shape=True), _date(Source.INDRA, by_shape=False), CheckStatus.UNVERIFIED),
        (_date(Source.OCR, by_shape=False), _date(Source.INDRA, by_shape=True), CheckStatus.UNVERIFIED),
        (_date(Source.OCR, by_shape=True), _date(Source.INDRA, by_shape=True), CheckStatus.UNVERIFIED),
    ],
)
def test_readers_agreeing_verify_a_date_only_where_each_read_it_under_a_label(
    tesseract: Candidate, indra: Candidate, status: CheckStatus
) -> None:
    """Agreement confirms the characters; which of the page's dates it is only a label says, on each reading."""
    _, checks = resolve(pool_readings([tesseract], [indra]), classify(SNT_PD4), Source.OCR)
    assert checks["payment_date"].status == status


def test_a_page_whose_only_date_no_label_names_is_not_verified_by_both_readers() -> None:
    """Both readers find the same lone date by its shape (a bill's footer): still the parser's guess."""
    lines = [*SNT_PD4[:-2], "Правление СНТ 15.01.2026"]
    tesseract = extract_candidates(lines, Source.OCR)
    indra = extract_candidates(lines, Source.INDRA)
    details, checks = resolve(pool_readings(tesseract, indra), classify(lines), Source.OCR)
    assert details.payment_date == "2026-01-15"
    assert checks["payment_date"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("МБДОУ «Детский сад № 101» Дата формирования: 02.03.2026", CheckStatus.VERIFIED),
        ("МБДОУ «Детский сад № 101» 02.03.2026", CheckStatus.UNVERIFIED),
    ],
)
def test_a_dates_caption_inside_its_line_labels_the_date_for_both_readers(line: str, status: CheckStatus) -> None:
    """A kindergarten's bill prints «Дата формирования:» after the payee's name on its row, where no line-start label
    reads it: the caption still says which date it is, so both readers agreeing verify it; a bare date does not."""
    lines = ["Квитанция на оплату", line, *SNT_PD4[2:6], "Сумма платежа: 11055 руб. 00 коп."]
    tesseract = extract_candidates(lines, Source.OCR)
    indra = extract_candidates(lines, Source.INDRA)
    details, checks = resolve(pool_readings(tesseract, indra), classify(lines), Source.OCR)
    assert (details.payment_date, checks["payment_date"].status) == ("2026-03-02", status)


@pytest.mark.parametrize(
    ("line", "labelled"),
    [
        ("02.01.17 14:35 СМЕНА 5", True),  # a register's head: the sale's moment
        ("15 мая 2024 г. в 12:03", True),
        ("13.07.2023 14:35:12 (МСК)", True),  # a bank's receipt, seconds and all
        ("Правление СНТ 15.01.2026", False),  # a day alone, whose role no print says
    ],
)
def test_a_date_printed_with_its_time_of_day_is_a_moment_not_a_guess(line: str, labelled: bool) -> None:
    """A due date, a period's bound or a validity is a day; a date with its time of day is the moment a sale or an
    operation happened, as a register prints it at a receipt's head: its print says its role, as a label would."""
    dates = [c for c in extract_candidates(["КАССОВЫЙ ЧЕК", line, "ИТОГ =100.00"]) if c.field == "payment_date"]
    assert [c.by_shape for c in dates] == [not labelled]


@pytest.mark.parametrize("payee", ["Извещение СНТ «Байкал-Софт»", "Квитанция _ CHT «Байкал-Софт»"])
def test_a_gardening_partnership_is_the_payee_of_its_pd4(payee: str) -> None:
    """A СНТ is a legal form like a ТСЖ's; OCR's Latin «CHT» is spelled in Cyrillic again."""
    lines = [SNT_PD4[0], payee, *SNT_PD4[2:]]
    assert _details(lines).recipient_name == "СНТ «Байкал-Софт»"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Плательщик: Соколов Дмитрий Сергеевич, участок № 49, площадь 6 сот.", "Соколов Дмитрий Сергеевич"),
        ("Плательщцик: Лебедев Андрей Сергеевич, участок № 197, площадь 12 сот.", "Лебедев Андрей Сергеевич"),
        ("Плательщик: Иванов Иван Иванович, кв. 12", "Иванов Иван Иванович"),
    ],
)
def test_the_payers_name_ends_before_the_plot_or_flat_after_it(line: str, name: str) -> None:
    """A ПД-4's payer line goes on after a comma with the payer's plot, area or flat: no name's part. OCR
    reading a щ's tail as a ц of its own («Плательщцик») still leaves the label."""
    lines = [*SNT_PD4[:4], line, *SNT_PD4[5:]]
    assert _details(lines).payer_name == name


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        (read_bank("ФИЛИАЛ Ne 3652 БАНКА ВТБ (ПАО)"), "ФИЛИАЛ № 3652 БАНКА ВТБ (ПАО)"),
        (read_name("МБДОУ «Детский сад No 101»"), "МБДОУ «Детский сад № 101»"),
        (read_name("ООО «N-Systems»"), "ООО «N-Systems»"),
    ],
)
def test_a_number_sign_read_as_latin_in_a_name_is_the_sign(read: str | None, printed: str) -> None:
    """OCR reads «№» as «Ne» or «No»; before a number in a Russian name it is the sign."""
    assert read == printed
