"""Classes the twelfth round of ``bench/layouts`` showed on its transfers (a Газпромбанк-like app's receipt dated
the day of its execution, an СБП payment to a shop by QR), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source

APP_RECEIPT = [
    "ГазпромМоанк",
    "Платёж исполнен",
    "28 886,80 руб.",
    "{first}",
    "{first_value}",
    "{second}",
    "{second_value}",
    "Получатель",
    "ООО «Вектор»",
    "ИНН получателя",
    "8655874029",
    "Назначение платежа",
    "Оплата по договору № 762 за обучение. Без НДС",
    "Комиссия",
    "0,00 руб.",
]
"""A Газпромбанк-like app's receipt (bench/layouts r12_transfer_00/04): the operation's date and time, then the day
the bank executed it, each under its caption."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


@pytest.mark.parametrize(
    ("first", "first_value", "second", "second_value"),
    [
        ("Дата операции", "18.02.2026 11:39:22", "Дата исполнения", "19.02.2026"),
        ("Дата исполнения", "19.02.2026", "Дата операции", "18.02.2026 11:39:22"),
        ("Дата перевода", "18.02.2026", "Дата списания", "19.02.2026"),
    ],
    ids=["operation first", "execution first", "debited"],
)
def test_the_operations_own_date_outranks_its_execution(
    first: str, first_value: str, second: str, second_value: str
) -> None:
    """r12_transfer_00/04 clean and hard: dated by «Дата исполнения», a day or days after the operation."""
    values = {"first": first, "first_value": first_value, "second": second, "second_value": second_value}
    lines = [line.format(**values) for line in APP_RECEIPT]
    assert _details(lines).payment_date == "2026-02-18"


QR_SHOP_PAYMENT = [
    "09:49",
    "{title}",
    "Система быстрых платежей",
    "4 859,00 P",
    "Успешно",
    "Магазин",
    "Магазин «Зелёный Квартал»",
    "Получатель",
    "ИП Волков Артём Олегович",
    "Банк получателя",
    "Т-Банк",
    "Дата и время",
    "06.02.2026 в 09:49",
    "Отправитель",
    "Игорь Николаевич К.",
]
"""A bank app's screen of an СБП payment to a shop by its QR code (bench/layouts r12_transfer_03/07): titled with the
operation, no purpose printed."""


@pytest.mark.parametrize("title", ["Оплата по ОК-коду", "Оплата по ОК:коду"])
def test_a_qr_payments_title_read_with_a_k_is_no_purpose(title: str) -> None:
    """r12_transfer_07 clean and hard: «QR» read «ОК», the title became the purpose."""
    details = _details([line.format(title=title) for line in QR_SHOP_PAYMENT])
    assert details.purpose is None
    assert (details.recipient_name, details.amount) == ("ИП Волков Артём Олегович", "4859.00")


@pytest.mark.parametrize("caption", ["Плателыцик", "ПЛАТЕЛЫЦИК", "Плательщик"])
def test_a_payers_caption_read_with_its_soft_sign_and_shcha_as_two_other_letters(caption: str) -> None:
    """Tesseract reads «ьщ» as «ыц» on the app's receipt («Плателыцик» over the payer's name, r12_transfer_04)."""
    lines = [*APP_RECEIPT[:3], *APP_RECEIPT[7:], caption, "Козлов Алексей Олегович", "Счёт списания", "40817 .... 9380"]
    assert _details(lines).payer_name == "Козлов Алексей Олегович"


SOUP = ["Menara А парам. К TED д билана Can LIA", "мля у а т ae чему У А м сна Vuy Mervin. |) ee | oy"]
"""r12_transfer_00_hard: a fax lost the middle rows of the purpose's letters, and Tesseract read this."""


def test_a_purpose_ocr_could_not_read_is_left_out_not_read_as_letter_soup() -> None:
    lines = [
        line.format(first="Дата операции", first_value="18.02.2026 11:39:22", second="", second_value="")
        for line in APP_RECEIPT
    ]
    at = lines.index("Оплата по договору № 762 за обучение. Без НДС")
    assert _details([*lines[:at], *SOUP, *lines[at + 1 :]]).purpose is None


@pytest.mark.parametrize(
    "purpose",
    [
        "Оплата по договору № 762 за обучение. Без НДС",
        "Оплата по счёту Invoice 5 for Google Ads services",  # a foreign service's words, no lone letters
        "Перевод с карты *4798, За д.сад, май 2019, л/с 6343100695, гр.11 2-под",
    ],
)
def test_a_purpose_with_latin_words_or_short_words_is_still_read(purpose: str) -> None:
    lines = [
        line.format(first="Дата операции", first_value="18.02.2026 11:39:22", second="", second_value="")
        for line in APP_RECEIPT
    ]
    lines[lines.index("Оплата по договору № 762 за обучение. Без НДС")] = purpose
    assert _details(lines).purpose == purpose
