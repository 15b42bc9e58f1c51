"""Classes the sixteenth round of ``bench/layouts`` showed on its bills (a private school's bill for one instalment
of a year's fee, a security firm's 1C bill with a discount and an advance set off), each a test of its own (text as
OCR reads the pages)."""

from __future__ import annotations

from model.fields import classify, extract_candidates, is_statement
from model.resolve import resolve
from model.schema import DocumentType, PaymentDetails
from model.values import read_name

SCHOOL_BILL = [
    "Автономная некоммерческая организация общеобразовательная «Образование Плюс»",
    "471654, г. Москва, ул. Московская, д. 30, оф. 52",
    'КУ КБ "ЕВРОТРАСТ" (ЗАО) ГК "АСВ", г.Москва БИК 044525762',
    "Cu. № 30101810400000000762",
    "Банк получателя",
    "ИНН 8141829130 КПП 814101001 Cu. № 40703810518465808092",
    "АНО ОО «Образование Плюс»",
    "Получатель",
    "СЧЕТ № 781 от 15.01.2026",
    "на оплату обучения за 2025/2026 учебный год",
    "Плательщик: Соколов Дмитрий Иванович (законный представитель)",
    "Обучающийся: Соколов Евгений Олегович, 1 «В» класс",
    "Основание: Договор об оказании платных образовательных услуг № 313/25-26",
    "Стоимость за год: 308 000,00 руб.",
    "График платежей",
    "Взнос Оплатить до Сумма, руб. Отметка",
    "1-й 01.09.2025 77 000,00 оплачен",
    "2-й 15.11.2025 77 000,00 оплачен",
    "3-й 01.02.2026 77 000,00 по настоящему счёту",
    "4-й 15.04.2026 77 000,00",
    "К оплате по настоящему счёту: 77 000,00 руб.",
    "(Семьдесят семь тысяч рублей 00 копеек). НДС не облагается (пп. 14 п. 2 ст. 149 НК РФ)",
    "Назначение платежа: Оплата обучения Соколов Е. по договору № 313/25-26, 3-Й взнос. НДС не облагается",
    "Директор Зайцев А. Ю. Главный бухгалтер Павлов А. Н.",
]
"""A private school's bill for the third of four instalments of a year's fee (bench/layouts r16 private-school-bill,
r16_invoice_01_clean): its title set over two lines, «СЧЕТ № 781 от …» over «на оплату обучения …», and the year's
schedule of instalments under it, captioned «График платежей»."""


def _resolved(lines: list[str]) -> PaymentDetails:
    return resolve(extract_candidates(lines), classify(lines), None)[0]


def test_a_schedule_under_a_bills_title_set_over_two_lines_is_the_bills() -> None:
    assert not is_statement(SCHOOL_BILL)
    assert classify(SCHOOL_BILL) == DocumentType.INVOICE


def test_a_loans_schedule_is_still_a_statement() -> None:
    assert is_statement(["ПАО Сбербанк", "График платежей", "по кредитному договору № 5 от 01.02.2026"])


def test_the_payers_role_in_brackets_is_no_part_of_the_name() -> None:
    assert _resolved(SCHOOL_BILL).payer_name == "Соколов Дмитрий Иванович"


def test_a_role_in_brackets_misread_is_no_part_of_the_name() -> None:
    lines = ["СЧЕТ № 5 от 01.06.2026", "Плательщик: Козлов Дмитрий Андреевич (захониый представитель)"]
    assert _resolved(lines).payer_name == "Козлов Дмитрий Андреевич"


def test_a_companys_office_in_brackets_stays_in_its_name() -> None:
    lines = ["СЧЕТ № 5 от 01.06.2026", "Плательщик: ООО «Орбита» (представительство в г. Казань)"]
    assert _resolved(lines).payer_name == "ООО «Орбита» (представительство в г. Казань)"


def test_a_nonprofits_form_read_in_latin_is_respelled() -> None:
    assert read_name("AHO «Образование Плюс»") == "АНО «Образование Плюс»"


def test_a_shops_name_is_no_blurred_nonprofits_form() -> None:
    assert read_name("ДНС Ритейл") == "ДНС Ритейл"


def test_a_public_companys_form_read_with_n_for_its_p_is_respelled() -> None:
    assert read_name("NAO “Орбита”") == "ПАО “Орбита”"


def test_a_bills_title_is_no_name() -> None:
    assert read_name("CЧЕT № 781 от 15.01.2026") is None
