"""Classes the eleventh round of ``bench/layouts`` showed on its invoices and receipts (a college's hostel bill, a
freight carrier's «Счёт-оферта», a water utility's quittance, a pharmacy's tape), each a test of its own (text as OCR
reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source
from model.unlabelled import org_name
from model.values import bank_after_account, read_bank, read_name

FREIGHT_OFFER = [
    "ООО «ПОЛИМЕР-М ЛОГИСТИК» www.cargo-98.ru",
    "Заявка № 0875834293 - Личный кабинет",
    'КУ ООО "ВЛАДПРОМБАНК" - ГК "АСВ" БИК 041708708',
    "Банк получателя Cu. № 30101810700000000708",
    "ИНН 2821369419 КПП 282143001 Cu. № 40702810510403172826",
    "OOO «Полимер-М Логистик»",
    "Получатель",
    "Счёт-оферта № 26-71621822 от 11.07.2026",
    "Заказчик: ПАО «Созвездие», ИНН 4353572786",
    "Итого с НДС: 12 032,00",
]
"""A freight carrier's «Счёт-оферта» (bench/layouts r11 freight-offer-invoice): the page its client prints from the
carrier's site, «Заявка № … - Личный кабинет» over 1C's bank grid, as a text layer's order reads it."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Морозов Михаил Иванович, студент гр. С-35", "Морозов Михаил Иванович"),
        ("Морозов Михаил Иванович, гр. С-35", "Морозов Михаил Иванович"),
        ("ООО «ПОЛИМЕР-М ЛОГИСТИК» www.cargo-98.ru", "ООО «ПОЛИМЕР-М ЛОГИСТИК»"),
        ("ООО «ПОЛИМЕР-М ЛОГИСТИК» wwwecargo-S3_ru", "ООО «ПОЛИМЕР-М ЛОГИСТИК»"),
        ("ООО «Ромашка» https://romashka.ru", "ООО «Ромашка»"),
    ],
)
def test_a_name_ends_where_a_group_note_or_a_web_address_starts(line: str, name: str) -> None:
    """A student's group after the payer's name, the payee's web address after its own: neither is the name."""
    assert read_name(line) == name


def test_a_banks_name_ends_before_a_web_address() -> None:
    assert read_bank("ПАО Сбербанк www.sberbank.ru") == "ПАО Сбербанк"


@pytest.mark.parametrize("sign", ["№", "Ne"])
def test_a_papers_number_over_the_bank_grid_is_no_part_of_the_banks_name(sign: str) -> None:
    """«Заявка № 0875834293» over the bank's row: its ten digits look like a БИК behind a border, but a number
    after «Заявка №» is the order's, so the grid's rows end under it."""
    lines = [line.replace("№ 0875", f"{sign} 0875") for line in FREIGHT_OFFER]
    assert _details(lines).bank_name == 'КУ ООО "ВЛАДПРОМБАНК" - ГК "АСВ"'


HOSTEL_BILL = [
    "ЧУ ПО «Колледж Радуга»",
    "242840, г. Томск, ул. Садовая, д. 40, оф. 349",
    "ИНН 6529949827 КПП 652943001",
    'р/с 40703810556231493819 Южный ф-л ПАО "Банк ПСБ"',
    "БИК 041806715 к/с 30101810100000000715",
    "СЧЁТ HA ОПЛАТУ № 120 от 15 марта 2026 г.",
    "Плательщик: Морозов Михаил Иванович, студент гр. С-35",
    "Основание: договор найма жилого помещения в общежитии № 167-О",
    "Всего к оплате: 18 000,00",
]
"""A college's bill for its hostel (bench/layouts r11 hostel-bill): its requisites centred under its name, with no
label for the payee nor a «в» before the bank."""


def test_a_colleges_bill_names_the_college_and_the_bank_after_its_account() -> None:
    details = _details(HOSTEL_BILL)
    assert (details.recipient_name, details.bank_name, details.payer_name) == (
        "ЧУ ПО «Колледж Радуга»",
        'Южный ф-л ПАО "Банк ПСБ"',
        "Морозов Михаил Иванович",
    )


@pytest.mark.parametrize("before", ["", "в "])
def test_a_bank_in_liquidation_after_the_account_is_the_banks_name(before: str) -> None:
    """The same bill with its bank under a receiver (r11_invoice_07): «КУ ООО КБ "ОГНИ МОСКВЫ" - ГК "АСВ"» opens with
    the receiver's «КУ», then the bank's legal form."""
    bank = 'КУ ООО КБ "ОГНИ МОСКВЫ" - ГК "АСВ"'
    lines = [line.replace('Южный ф-л ПАО "Банк ПСБ"', before + bank) for line in HOSTEL_BILL]
    assert _details(lines).bank_name == bank


@pytest.mark.parametrize(
    "line", ["МБДОУ «Детский сад № 101»", "ФГБОУ ВО «Томский университет»", "АНО ДПО «Учебный центр»"]
)
def test_an_institutions_form_opens_a_payees_name(line: str) -> None:
    assert org_name(line) == line


@pytest.mark.parametrize("text", ["40703810556231493819 в ПАО Сбербанк", "40703810556231493819 БИК 044525225"])
def test_only_a_banks_name_right_after_the_account_is_read_there(text: str) -> None:
    """After a «в» the name is ``bank_after_in``'s; a БИК's caption is no bank."""
    assert bank_after_account(text) is None


def test_small_latin_specks_after_a_russian_banks_name_are_no_part_of_it() -> None:
    assert read_bank("Красноярский филиал AO Банк Инго baie") == "Красноярский филиал АО Банк Инго"


WATER_QUITTANCE = [
    "МУП «Водоканал г. Краснодар»",
    'ИНН 4602626385 КПП 460201001, р/с 40702810501821929100 в АО "Эм-Ю-Эф-Джи Банк (Евразия)",БИК 044525361, '
    "к/с 30101810500000000361",
    "Абонентский отдел: 207517, г.Пермь, ул. Строителей, д. 82, оф. 302",
    "СЧЁТ-КВИТАНЦИЯ за холодное и горячее водоснабжение",
    "Расчётный период: июнь 2026 Дата формирования: 04.07.2026",
    "Лицевой счёт: 499584507 Плательщик: Павлов Михаил Сергеевич",
    "Адрес: 320829, г. Пермь, ул. Мира, д. 92, кв. 103",
    "Начислено за период: 1 437,12",
    "Переплата на начало периода: 236,55",
    "Итого к оплате: 1 200,57 руб.",
    "Оплатить до 25.07.2026. Показания передавайте с 20 по 25 число.",
]
"""A water utility's quittance (bench/layouts r11 water-meter-quittance): two labelled pairs on each of its rows."""


def test_a_quittance_is_dated_by_its_own_caption_beside_the_period() -> None:
    """«Дата формирования» after «Расчётный период: июнь 2026» on one row: the date is the quittance's, not the
    period's; the deadline «Оплатить до» is not it either."""
    assert _details(WATER_QUITTANCE).payment_date == "2026-07-04"


def test_the_payer_printed_at_the_right_of_a_row_is_read() -> None:
    """«Плательщик:» after the personal account on its row."""
    assert _details(WATER_QUITTANCE).payer_name == "Павлов Михаил Сергеевич"


def test_a_fiscal_receipt_whose_head_ocr_lost_is_not_named_by_its_sign() -> None:
    """A pharmacy's tape read through blur (bench/layouts r11 pharmacy-loyalty-tape, hard): its sign opens the page,
    its ИНН and legal name unread; the sign is no seller's legal name, so none is given."""
    lines = [
        "Аптека «Светлый Дом»",
        "Е-ч & SES? Soe",
        "КАССОВЫЙ ЧЕХ С РАход",
        "КАРТЕ -145.88",
        "СУММА ПО ЧЕКУ =2771.74",
    ]
    assert _details(lines).recipient_name is None


def test_a_fiscal_receipt_whose_words_ocr_lost_is_known_by_its_drives_number() -> None:
    """The same tape's second reading (page mode 4) garbled «КАССОВЫЙ ЧЕК ПРИХОД» too: the fiscal drive's 16 digits it
    still read make it a fiscal receipt, which prints its seller's legal name, so the sign is still no seller."""
    lines = [
        "Аптека «Светлый Дом»",
        "Е-ч & SES? Soe",
        "RAQOUBRE ЧЕХ PaxOk",
        "КАРТЕ -145.88",
        "СУММА ПО ЧЕКУ =2771.74",
        "5712050925727682",
        "37332",
    ]
    assert _details(lines).recipient_name is None


def test_a_carriers_offer_title_under_the_payees_caption_is_no_name() -> None:
    """1C's «Получатель» caption alone on its line over «Счёт-оферта № 26-… от 19.01.2026»: the title (which dates
    the invoice), not the payee's name that blur left unread over the caption."""
    lines = ["| Получатель", "| Счёт-оферта № 26-23608967 от 19,01,2026", "| заказчик: ПАО ›Иектор». ИНН 0170 060"]
    details = _details(lines)
    assert (details.recipient_name, details.payment_date) == (None, "2026-01-19")


def test_a_latin_word_of_cyrillic_twins_after_a_banks_name_is_a_word_of_it() -> None:
    """«по» read «no» before the treasury's region on the next line: a word of the name, not specks."""
    assert read_bank("ОТДЕЛЕНИЕ АБАКАН БАНКА РОССИИ//УФК no") == "ОТДЕЛЕНИЕ АБАКАН БАНКА РОССИИ//УФК no"


def test_a_payers_label_inside_a_line_of_specks_reads_nothing() -> None:
    """Only after a pair's number is a mid-line «Плательщик:» a label: after specks it is a page's background."""
    lines = [line for line in WATER_QUITTANCE if "Плательщик" not in line]
    lines.append("ae et а Плательщик: Попов Павел ия в общежитии № 512.0")
    assert _details(lines).payer_name is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Новиков Павел Викторович А eM Seo", "Новиков Павел Викторович"),
        ("Павлов Сергей Иванович Pek м aaa 4 а", "Павлов Сергей Иванович"),
        ("Волков Михаил Николаевич “ape ты Г ги", "Волков Михаил Николаевич"),
        ("Кузнецов Артём Сергеевич Pacкод", "Кузнецов Артём Сергеевич"),
        ("Павлов Олег Олегович ИПП 634543985709", "Павлов Олег Олегович"),
        ("ИП Волков Олег Юрьевич bss Sega", "ИП Волков Олег Юрьевич"),
    ],
)
def test_specks_after_a_persons_patronymic_are_no_part_of_the_name(line: str, name: str) -> None:
    """A water quittance's payer row photographed (bench/layouts r11 water-meter-quittance): the page's background
    read after the payer's full name as Latin words, single letters, bits, or an ИНН behind a garbled label."""
    assert read_name(line) == name


@pytest.mark.parametrize("line", ["Мамедов Эльдар Аликович оглы", "Иванов Иван Иванович Москва"])
def test_a_russian_word_after_a_patronymic_keeps_the_line_as_read(line: str) -> None:
    """Only specks are cut: a Russian word after the patronymic may be the name's or a line's, not OCR's noise."""
    assert read_name(line) == line


@pytest.mark.parametrize(
    ("row", "payer"),
    [
        ("Млательщик: Морозов Михаил Иванович, студент гр. С-35.", "Морозов Михаил Иванович"),
        ("а лательщик: Морозов Михаил Иванович, студент гр. С-35", "Морозов Михаил Иванович"),
        ("Плательцщик: Морозов Михаил Иванович Код плательщика: 1061013187 |", "Морозов Михаил Иванович"),
        ("Плателыщик Морозов Михаил Иванович", "Морозов Михаил Иванович"),
        ("| Плательшик (4.1.0.): Морозов Михаил Иванович", "Морозов Михаил Иванович"),
        ("Илательщик: ООО «Кедр», ИНН 2659036940", "ООО «Кедр»"),
        ("Плательцик OOO «Кедр»", "ООО «Кедр»"),
    ],
)
def test_a_payers_caption_one_letter_off_still_names_the_payer(row: str, payer: str) -> None:
    """A hostel bill photographed (bench/layouts r11 hostel-bill): its «Плательщик:» read with a letter wrong, added,
    or its «П» read apart, the «(Ф.И.О.)» it asks for garbled; one letter off the payer's caption, and a person or
    a company named after it, it is that caption."""
    lines = [line for line in HOSTEL_BILL if "Плательщик" not in line]
    lines.insert(6, row)
    assert _details(lines).payer_name == payer


@pytest.mark.parametrize("row", ["Плательщика Морозов Михаил Иванович", "Получатель: Морозов Михаил Иванович"])
def test_a_word_other_than_a_garbled_payers_caption_names_no_payer(row: str) -> None:
    """The caption's own case, or another party's caption, is no misreading of «Плательщик»."""
    lines = [line for line in HOSTEL_BILL if "Плательщик" not in line]
    lines.insert(6, row)
    assert _details(lines).payer_name is None


@pytest.mark.parametrize(
    ("printed", "bank"),
    [
        ('ГК "АСВ" - КУ АО БАНК "РКБ"', 'ГК "АСВ" - КУ АО БАНК "РКБ"'),
        ('ГК "ACB" -КУ АО БАНК "PKB"', 'ГК "АСВ" -КУ АО БАНК "РКВ"'),  # r14_invoice_04_clean, in Latin look-alikes
        ('ГК АСВ Конкурсный управляющий АО БАНК "НБТ"', 'ГК АСВ Конкурсный управляющий АО БАНК "НБТ"'),
    ],
)
def test_a_bank_in_liquidation_named_by_its_receiver_first_is_the_banks_name(printed: str, bank: str) -> None:
    """The directory names some banks in liquidation by their receiver first, «ГК "АСВ" - КУ АО БАНК "РКБ"», «ГК АСВ
    Конкурсный управляющий АО БАНК "НБТ"»: after the account's «в» that is the bank's name too."""
    lines = [line.replace('Южный ф-л ПАО "Банк ПСБ"', "в " + printed) for line in HOSTEL_BILL]
    assert _details(lines).bank_name == bank
