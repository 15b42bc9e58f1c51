"""Classes the twelfth round of ``bench/layouts`` showed on its invoices (a clinic's bill, a ЕПД sent by fax), each a
test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source
from model.values import read_payment_date, treats_patients

CLINIC_BILL = [
    "Медицинский центр «Альфа-Строй»",
    'АО "Мир Посуды", ИНН 4138010305, КПП 413801001',
    'Банк получателя: НИЖЕГОРОДСКИЙ Ф-Л ПАО АКБ "МЕТАЛЛИНВЕСТБАНК" БИК 042202886',
    "Сч. № 30101810400000000886",
    'Получатель: АО "Мир Посуды" ИНН 4138010305 КПП 413801001 Сч. № 40702810350681138270',
    "СЧЁТ НА ОПЛАТУ МЕДИЦИНСКИХ УСЛУГ № 4956 от 01.03.2026",
    "Пациент (плательщик): Кузнецов Дмитрий Иванович",
    "Дата приёма: 25.02.2026 Карта № 841731",
    "Код Услуга Цена, руб.",
    "A09.05.023 Исследование уровня глюкозы в крови 260,00",
    "Итого к оплате: 4 693,00 руб.",
]
"""A clinic's bill for a visit (bench/layouts r12 clinic-bill): the visit's date under the bill's own."""

FAXED_UTILITY_BILL = [
    "15.04.2026 23:36 FROM: +7 390 297-99-18 P.1/3",
    "ЕДИНЫЙ ПЛАТЕЖНЫЙ ДОКУМЕНТ",
    "за август 2026",
    "АО «Кедрэнергосбыт» ИНН 7438542306 КПП 743801001",
    'Р/с 40702810681668995366 в АО "Банк 131", БИК 049205131, к/с 30101810822029205131',
    "Лицевой счёт: 0315477965 Дата формирования: 02.09.2026",
    "Плательщик: Лебедев Сергей Иванович",
    "ИТОГО К ОПЛАТЕ 2 687,04 руб.",
]
"""A ЕПД sent by fax (bench/layouts r12 energy-single-bill, hard): the fax's transmission header atop the page."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_a_clinics_bill_is_dated_by_the_bill_not_the_visit() -> None:
    """«Дата приёма» is the day of the visit the bill charges for: the bill's own date is the payment's."""
    assert _details(CLINIC_BILL).payment_date == "2026-03-01"


@pytest.mark.parametrize("caption", ["Дата визита:", "Дата посещения:"])
def test_a_visits_date_is_no_payments_date_on_any_page(caption: str) -> None:
    assert read_payment_date(f"{caption} 25.02.2026") is None


@pytest.mark.parametrize("caption", ["Дата приёма:", "Дата приема", "Дата прийма:"])
def test_a_receptions_date_is_a_visits_on_a_page_that_treats_patients(caption: str) -> None:
    assert read_payment_date(f"{caption} 25.02.2026", patients=True) is None


@pytest.mark.parametrize("caption", ["Дата приёма", "Дата приема:"])
def test_a_receptions_date_is_the_payments_on_any_other_page(caption: str) -> None:
    """A post office's «Дата приёма» on a money order is the day it took the money (bench/hostile postal)."""
    assert read_payment_date(f"{caption} 05.03.2026") == "2026-03-05"


@pytest.mark.parametrize("caption", ["Дата приема платежа:", "Дата приёма к исполнению"])
def test_a_banks_date_of_taking_a_payment_is_still_its_date(caption: str) -> None:
    assert read_payment_date(f"{caption} 25.02.2026") == "2026-02-25"


def test_a_caption_naming_the_payer_in_brackets_reads_the_payer() -> None:
    """«Пациент (плательщик):»: the brackets say the patient is the payer."""
    assert _details(CLINIC_BILL).payer_name == "Кузнецов Дмитрий Иванович"


WORD_BILL_ON_A_NEWSPAPER = [
    "цены спорт цены ИП Соловьёв Алексей Юрьевич бщает пресс-службі",
    "спорт администрі ИН 499274891434, ОГРНИП 129498706417983 бласти года района",
    "Р/с 40802810271124490549 в ООО КБ МВС БАНК о цены",
    "БИК 048209775 Кор. счёт 30101810400000000775 о цены области",
    "года цены рынок | Счёт № 7 от 08.09.2026 общает ремонт",
    'ремонт новости ц Заказчик: ПАО "Гранит", ИНН 4770790041 іг сообщает админист',
    "Всего к оплате: 79 300,00 руб.",
]
"""A sole trader's Word bill photographed on an open newspaper (bench/layouts r12_invoice_02_photo, as Indra reads
it): the trader's «ИНН» lost a letter, and the newspaper's words stand before the customer's caption."""


@pytest.mark.parametrize("caption", ["Заказчик:", "Покупатель:", "Плательщик :"])
def test_an_inn_after_a_payers_caption_within_its_line_is_the_payers(caption: str) -> None:
    lines = [line.replace("Заказчик:", caption) for line in WORD_BILL_ON_A_NEWSPAPER]
    assert "4770790041" not in {c.value for c in extract_candidates(lines) if c.field == "recipient_inn"}


def test_an_inn_before_a_payers_caption_on_its_line_is_still_the_payees() -> None:
    lines = ['Исполнитель: ИП Соловьёв А. Ю., ИНН 499274891434 Заказчик: ПАО "Гранит", ИНН 4770790041']
    inns = {c.value for c in extract_candidates(lines) if c.field == "recipient_inn"}
    assert ("499274891434" in inns, "4770790041" in inns) == (True, False)


@pytest.mark.parametrize(
    "header",
    [
        "15.04.2026 23:36 FROM: +7 390 297-99-18 P.1/3",
        "15/04/2026 10:22 FAX +7 390 297-99-18 P.001",
        "15.04.2026 23:36 FROM: +7 390 297-99-18 Р.1/З",
    ],
)
def test_a_fax_headers_moment_is_not_the_documents_date(header: str) -> None:
    """A fax machine stamps the moment it sent the page atop it: the bill's date is its «Дата формирования»."""
    assert _details([header, *FAXED_UTILITY_BILL[1:]]).payment_date == "2026-09-02"


def test_a_visits_date_is_no_fallback_where_the_bills_title_is_garbled() -> None:
    """OCR garbled the title past reading («CURT H4 ОПЛАТУ», its date then read as a reference's after «от»): the
    visit's date is still no payment's, so the date stays empty rather than wrong."""
    lines = [line.replace("СЧЁТ НА", "CURT H4") for line in CLINIC_BILL]
    assert _details(lines).payment_date is None


@pytest.mark.parametrize("title", ["CURT НА ОПЛАТУ", "СЧЁТ HA, ОПЛАТУ", "CYET HA ОПЛАТУ"])
def test_a_bills_title_whose_first_word_ocr_garbled_still_dates_the_bill(title: str) -> None:
    """A faxed bill's «СЧЁТ НА ОПЛАТУ» read «CURT НА ОПЛАТУ» or «СЧЁТ HA, ОПЛАТУ»: «на оплату» and the number and date
    after it are the title still, so the bill is dated by it, not left undated (nor dated by the visit)."""
    lines = [line.replace("СЧЁТ НА ОПЛАТУ", title) for line in CLINIC_BILL]
    assert _details(lines).payment_date == "2026-03-01"


def test_an_e_receipts_issue_date_is_still_its_date_where_it_prints_no_other() -> None:
    """The payment's label refuses «Дата выдачи» (a passport's), but on an ОФД's e-receipt it is the only date and the
    receipt's own: only a visit's caption keeps a date from being the fallback (bench/real, drag2517)."""
    e_receipt = [
        "Кассовый чек / Приход",
        'ООО "ИННОВА ДИСТРИБЬЮШЕН"',
        "ФИСКАЛЬНЫЙ ДОКУМЕНТ #160139",
        "ДАТА ВЫДАЧИ 05.11.21 17:18",
        "PH 0005061479003942 ИНН 7701760179",
        "ФН 9961440300292298 ФПД 2833905472",
        "ИТОГ 2000.00",
    ]
    assert _details(e_receipt).payment_date == "2021-11-05"


MONEY_ORDER = [
    "ПОЧТОВЫЙ ПЕРЕВОД ф. 112ЭП",
    "Дата приёма 05.03.2026",
    "на 1 500 руб. 00 коп.",
    "Одна тысяча пятьсот рублей 00 копеек",
    'Кому: ООО "Северный ветер"',
    "Куда: 644010, г. Омск, ул. Ленина, д. 5",
    "ИНН 7707083893",
    "Р/с 40702810938000060473",
    "Кор/сч 30101810400000000225",
    "БИК 044525225",
    "Наименование банка ПАО Сбербанк",
    "От кого: ИП Петров Пётр Петрович",
]
"""A postal money order (ф. 112ЭП, bench/hostile postal): «Дата приёма» is when the post office took the money."""


def test_a_money_orders_acceptance_date_is_its_date() -> None:
    """No clinic, no patient: the post office's «Дата приёма» is the payment's date, read by its label."""
    assert _details(MONEY_ORDER).payment_date == "2026-03-05"


def test_a_money_orders_acceptance_date_is_its_date_also_inside_a_line() -> None:
    """The title and the date on one row: no label opens the date's line, and the fallback takes it."""
    lines = [f"{MONEY_ORDER[0]} {MONEY_ORDER[1]}", *MONEY_ORDER[2:]]
    assert _details(lines).payment_date == "2026-03-05"


def test_a_visits_date_inside_a_line_is_no_fallback_on_a_clinics_bill() -> None:
    """The patient's card and the visit on one row, the bill's title garbled past reading («CURT H4 ОПЛАТУ»): the
    visit's date is still no payment's."""
    row = "Карта № 841731 Дата приёма: 25.02.2026"
    lines = [row if line.startswith("Дата приёма") else line.replace("СЧЁТ НА", "CURT H4") for line in CLINIC_BILL]
    assert _details(lines).payment_date is None


def test_a_clinics_bill_is_dated_by_the_bill_where_ocr_misread_the_reception() -> None:
    lines = [line.replace("приёма", "прийма") for line in CLINIC_BILL]
    assert _details(lines).payment_date == "2026-03-01"


@pytest.mark.parametrize(
    ("line", "patients"),
    [
        ("Пациент (плательщик): Кузнецов Дмитрий Иванович", True),
        ("Пaциeнт: Кузнецов Д. И.", True),
        ("B01.047.001 Прием (осмотр, консультация) врача-терапевта первичный 2 760,00", True),
        ("ООО «Стоматологическая клиника «Улыбка»»", True),
        ("Лицензия № Л041-01137-77/00368241", True),
        ("ООО «Медцентр Здоровье»", True),
        ("ПОЧТОВЫЙ ПЕРЕВОД ф. 112ЭП", False),
        ("Куда: 236000, г. Калининград, ул. Клиническая, д. 5", False),
        ("Дата приёма 05.03.2026", False),
    ],
)
def test_a_page_that_treats_patients_is_told_by_its_words(line: str, patients: bool) -> None:
    assert treats_patients([line]) is patients


WORD_BILL = [
    "ИП Зайцев Павел Петрович",
    "ИНН 667480706746, ОГРНИП 583700079033031",
    "Р/с 40802810794275545278",
    'КУ ООО КБ "ДОРИС БАНК" - ГК "АСВ"',
    "БИК 044525608 Кор. счёт 30101810945250000608",
    "Счёт № 14 от 16 апреля 2026 г.",
    'Заказчик: ООО "Северный Ветер", ИНН 5965508980',
    "Всего к оплате: 95 800,00 руб.",
]
"""A sole trader's bill typed in Word (bench/layouts r12 word-sole-trader-bill): no grid and no captions, its bank's
name alone on the row between the account and the БИК."""


@pytest.mark.parametrize("tail", [' - ГК "АСВ"', " - ГК «АСВ»", ' — ГК "АСВ"'])
def test_a_bank_in_liquidation_is_a_banks_name_on_its_row_alone(tail: str) -> None:
    """The receiver's «КУ» and the deposit agency's «ГК "АСВ"» around its name are no words of another line."""
    lines = [line.replace(' - ГК "АСВ"', tail) for line in WORD_BILL]
    assert _details(lines).bank_name == f'КУ ООО КБ "ДОРИС БАНК"{tail}'


@pytest.mark.parametrize("caption", ["Плателыщцик;", "Плателыцик:", "Плательщик:"])
def test_a_bills_payer_caption_read_with_a_yery_and_shchas_tail_apart_still_names_the_payer(caption: str) -> None:
    """A faxed utility bill (r12_invoice_00_hard): «ь» read as «ы» and «щ»'s tail as a «ц» of its own."""
    lines = [
        "ЕДИНЫЙ ПЛАТЕЖНЫЙ ДОКУМЕНТ",
        "АО «Сфера Плюсэнергосбыт» ИНН 5963275000 КПП 596301001",
        "Лицевой счёт: 9820143363 Дата формирования: 06.11.2026",
        f"{caption} Волков Олег Андреевич",
        "Адрес: 239016, г. Тверь, ул. Ленина, д. 6, кв. 103",
        "ИТОГО К ОПЛАТЕ 3 318,21 руб.",
    ]
    assert _details(lines).payer_name == "Волков Олег Андреевич"


@pytest.mark.parametrize("form", ["000", "O00", "0OО"])
def test_a_bank_in_liquidation_whose_legal_form_reads_in_zeros_is_still_a_banks_name(form: str) -> None:
    """The faxed bill (r12_invoice_06_hard) read «КУ 000 КБ "ДОРИС БАНК"»: the form's О as zeros, no number."""
    lines = [line.replace("КУ ООО", f"КУ {form}") for line in WORD_BILL]
    assert _details(lines).bank_name == 'КУ ООО КБ "ДОРИС БАНК" - ГК "АСВ"'


@pytest.mark.parametrize("line", ["Сбербанк 1000", 'АО "Восход Банк" 100', "Сбербанк 340"])
def test_a_bank_word_beside_a_number_is_no_banks_name_alone(line: str) -> None:
    """Only a legal form's zeros read back as letters: other digits still say the line is more than a bank's name."""
    assert all(c.field != "bank_name" for c in extract_candidates([line]))


@pytest.mark.parametrize("form", ["ООО", "O00"])
def test_a_bank_caption_whose_second_word_ocr_garbled_still_captions_the_bank(form: str) -> None:
    """A faxed clinic's bill (r12_invoice_07_hard): «Банк получя‘еля: O00 "Мурманский расчетный Банк“ БИК …», the
    caption's т read as «я‘», and the bank's ООО as «O00»."""
    lines = [
        "Медицинский центр «ЭкоМаркет»",
        "OOO «Сфера Плюс», ИНН 0826991771, КПП 082601001",
        f'Банк получя‘еля: {form} "Мурманский расчетный Банк“ БИК 044705095',
        "Cu, № 30101810045374705095",
        "Получатель: OOO «Сфера Плюс» ИНН 0826991771 КПП 082601001 Cu. № 40702810154301457985",
        "СЧЁТ НА ОПЛАТУ МЕДИЦИНСКИХ УСЛУГ № 1980 от 16.09.2026",
        "Итого к оплате: 3 618,00 руб.",
    ]
    assert _details(lines).bank_name == 'ООО "Мурманский расчетный Банк“'


def test_a_garbled_bank_caption_before_a_lone_misread_word_gives_no_bank() -> None:
    """A phone's transfer screen (a real one, jordgo_alfa_sbp_screen.jpg) read «Банк попучатоля: Сбербаюми» over «ИД
    Банка получателя …»: no bank's name opens the value, so the caption stays, and no name is made of the next row."""
    lines = [
        "Получатель Дмитрий Станиславович И",
        "Банк попучатоля: Сбербаюми",
        "ИД Банка получателя 100000000111",
        "Назначение перевода: Перевод денежных средств",
    ]
    assert all(c.field != "bank_name" for c in extract_candidates(lines))
