"""Classes the fifth round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.schema import DocumentType
from tests.text_reading import details_of

OFD_LETTER = [
    'Кассовый чек от ООО "Старт-Сервис"',
    "{sender}",
    "{addressee}",
    "ПЛАТФОРМА ОФД",
    "Электронный кассовый чек",
    'Продавец ООО "Старт-Сервис"',
    "ИНН продавца 2498454694",
    "Тип операции Приход",
    "Дата и время 03.05.2026 18:15",
    "1. Электронная книга 1х 532,00 = 532,00",
    "ИТОГО 532,00",
    "Безналичными 532,00",
    "Номер ФН 7380437455686101",
    "Номер ФД 992",
    "ФПД 3208520433",
    "Эл. почта покупателя client336@mail.ru",
]


@pytest.mark.parametrize(
    ("sender", "addressee"),
    [
        ("Платформа ОФД <noreply@platformaofd.ru> 04.05.2026, 18:18", "Кому: мне"),
        ("Платформа ОФД <noreply @309o0fd. ru> 04.05.2026, 18:18", "Komy: MHe"),
        ("Такском <noreply@a6sofd.ru> 26.11.2026, 19:54", "кому: мые"),
        ("От: Платформа ОФД <noreply@platformaofd.ru>", "Кому: Иван Петров"),
        ("From: noreply@platformaofd.ru", "To: client336@mail.ru"),
    ],
    ids=["a mail client's «мне»", "in look-alikes", "«мне» misread", "От and Кому", "in English"],
)
def test_a_mail_header_names_no_seller(sender: str, addressee: str) -> None:
    """An ОФД's e-mail of a receipt, as a mail client shows it: the header's «Кому» names who received the letter
    (Gmail's «Кому: мне»), never who is paid; the receipt's «Продавец» is."""
    details = details_of([line.format(sender=sender, addressee=addressee) for line in OFD_LETTER])
    assert details.document_type == DocumentType.CASH_RECEIPT
    assert details.recipient_name == 'ООО "Старт-Сервис"'
    assert details.payment_date == "2026-05-03"


def test_komu_without_a_mail_header_still_names_the_recipient() -> None:
    """A bank's receipt of a transfer captions its recipient «Кому»: no letter's header around it, so it is theirs."""
    lines = ["Перевод выполнен", "Сумма 1 500,00 ₽", "Кому: Иван Петрович С.", "Телефон +7 916 ***-**-21"]
    assert details_of(lines).recipient_name == "Иван Петрович С."


FUEL_TAPE = [
    "{acquirer}",
    "ОПЛАТА",
    "26.11.26 14:57",
    "Терминал 27634641",
    "Мерчант 133813066379",
    "Код авторизации 960888",
    "СУММА 2845.91 RUB",
    "ОДОБРЕНО",
    "Подпись клиента не требуется",
    "АЗС № 277",
    "АО «Альфа-Строй Нефтепродукт»",
    "ИНН 5017693271",
    "158272, г. Томск, ул. Заводская, д. 76, оф. 378",
    "КАССОВЫЙ ЧЕК ПРИХОД",
    "Чек № 51 26.11.2026 14:58",
    "Итог =2845.91",
    "ПЛАТЕЖНОЙ КАРТОЙ =2845.91",
    "ФН 9282245151656351",
    "ФД 24165",
    "ФП 3251438937",
]


@pytest.mark.parametrize("acquirer", ['АО "АБ "РОССИЯ"', "ПАО РОСБАНК", 'ООО "Сервис Плюс"'])
def test_a_card_slip_above_the_receipt_does_not_name_the_seller(acquirer: str) -> None:
    """A fuel station's tape prints the card slip above the receipt, the acquiring bank (or whoever) at its top: the
    seller is the company 54-ФЗ prints over the receipt's ИНН, which outranks a name found elsewhere on the tape."""
    details = details_of([line.format(acquirer=acquirer) for line in FUEL_TAPE])
    assert details.recipient_name == "АО «Альфа-Строй Нефтепродукт»"
    assert details.recipient_inn == "5017693271"


@pytest.mark.parametrize(
    ("first", "second", "bank"),
    [
        (
            "ОТДЕЛЕНИЕ ЯРОСЛАВЛЬ БАНКА РОССИИ//УФК по",
            "Ярославской области г. Ярославль",
            "ОТДЕЛЕНИЕ ЯРОСЛАВЛЬ БАНКА РОССИИ//УФК по Ярославской области г. Ярославль",
        ),
        (
            "ОТДЕЛЕНИЕ АБАКАН БАНКА РОССИИ//УФК no",
            "Республике Хакасия г. Абакан",
            "ОТДЕЛЕНИЕ АБАКАН БАНКА РОССИИ//УФК no Республике Хакасия г. Абакан",
        ),
    ],
    ids=["по", "по read no"],
)
def test_a_budget_payees_bank_goes_on_after_its_po(first: str, second: str, bank: str) -> None:
    """Госуслуги's receipt prints the treasury's bank in a narrow right column, wrapped after «УФК по»: a preposition
    leaves the name unfinished, so it goes on onto the next line."""
    lines = [
        "Квитанция об оплате",
        "Сумма 700,00 руб.",
        "Получатель УФК по Ярославской области (УФНС России по Ярославль)",
        "ИНН 4128521565",
        "Счёт получателя 03100643000000380000",
        f"Банк получателя {first}",
        second,
        "БИК 017888102",
        "Корр. счёт 40102810245370000065",
    ]
    assert details_of(lines).bank_name == bank


@pytest.mark.parametrize(
    "row",
    [
        "| Плательщик Морозов Игорь Иванович 1 2 = Код плательщика: | 8753125949",
        "Плательщик Морозов Игорь Иванович | Код плательщика: 8753125949",
        "Плательщик Морозов Игорь Иванович Код плательщика: 8753125949",
    ],
    ids=["border and specks between", "a border between", "nothing between"],
)
def test_a_payers_name_ends_where_the_next_cell_is_captioned(row: str) -> None:
    """A ЕПД's grid prints the payer's code in the cell beside the name, under its own caption: OCR reads both cells
    as one line, the border and specks between them; the name ends before the caption."""
    lines = [
        "ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ для внесения платы за жилищно-коммунальные услуги за СЕНТЯБРЬ 2026 г.",
        row,
        "Получатель платежа: ГБУ «ЕИРЦ Экомаркет» ИНН 6913181527 КПП 691301001",
        "ИТОГО К ОПЛАТЕ 24906,97 руб.",
    ]
    assert details_of(lines).payer_name == "Морозов Игорь Иванович"


PD4_RECEIPT_HALF = [
    "Дата Подпись плательщика",
    "{column} Финансовое управление администрации г. Петрозаводск (МАОУ «СОШ № 114», л/с 30106Ш52141)",
    "(получатель платежа)",
    "ИНН 4272216243 КПП 427201001 {account_label} 03234643281560000000",
    "БИК 018602104 ЕКС 40102810945370000073 ОКТМО 28156000",
    "Банк: ОТДЕЛЕНИЕ ПЕТРОЗАВОДСК БАНКА РОССИИ//УФК по Республике Карелия г. Петрозаводск",
    "Назначение: Питание Морозов Евгений, 1 класс, ноябрь 2026",
    "Плательщик: Козлов Михаил Викторович",
    "Сумма к оплате: 3 781,00 руб.",
]


@pytest.mark.parametrize("column", ["Квитанция", "Извещение", ""])
@pytest.mark.parametrize("account_label", ["Сч.", "cx.", "Cu."])
def test_a_pd4_payee_is_neither_its_column_word_nor_without_its_personal_account(
    column: str, account_label: str
) -> None:
    """A school's ПД-4 names its payee over the caption «(получатель платежа)», on the row that opens with the left
    column's «Квитанция» (or «Извещение»): that word is the form's, and the personal account «л/с …» in the name's
    brackets is the name's own, not another cell's number. A municipal treasury account (032…) whose «Сч.» OCR
    misread is still the payee's by its shape."""
    lines = [line.format(column=column, account_label=account_label).strip() for line in PD4_RECEIPT_HALF]
    details = details_of(lines)
    assert details.recipient_name == (
        "Финансовое управление администрации г. Петрозаводск (МАОУ «СОШ № 114», л/с 30106Ш52141)"
    )
    assert details.recipient_account == "03234643281560000000"


SBER_CHECK_HARD = [
    "СБЕР",
    "Чек по операции",
    "2 наября 2026 10:44:42 (МСК)",
    "Перевод по СБП",
    "ФИО получатали",
    "Алексей Андреевич К.",
    "Тепофов папучанчия",
    "+7 (988) 931-58-08",
    "hae Nunya",
    "{bank}",
    "V0 отправителя",
    "Андрей Сергеевич К.",
    "Сумка перевода",
    "61 682.06 руб.",
    "{stamp}",
]


@pytest.mark.parametrize(
    "stamp",
    ["ПАО СБЕРБАНК - ОПЕРАЦИЯ ВЫПОЛНЕНА", "ПАО СБЕРБАНК · ОПЕРАЦИЯ ВЫПОЛНЕНА", "ПАО Сбербанк ИСПОЛНЕНО"],
)
@pytest.mark.parametrize(("bank", "recipients_bank"), [("ВТБ", None), ("Озон Банк", "Озон Банк")])
def test_the_executing_banks_stamp_names_no_recipients_bank(stamp: str, bank: str, recipients_bank: str | None) -> None:
    """A bank's check stamps its own name and «ОПЕРАЦИЯ ВЫПОЛНЕНА»: the bank that executed the transfer, the payer's.
    Where a hard screenshot garbled the caption «Банк получателя», the stamp's bank is not the recipient's (a bank
    the page shows alone is), nor is it the recipient."""
    details = details_of([line.format(bank=bank, stamp=stamp) for line in SBER_CHECK_HARD])
    assert details.bank_name == recipients_bank
    assert details.recipient_name == "Алексей Андреевич К."


TAX_SLIP = [
    "{title}",
    "ПЛАТЁЖНЫЙ ДОКУМЕНТ",
    "(для уплаты налогов физическими лицами)",
    "Индекс документа (УИН) 18204337706464267941",
    "Плательщик Зайцев Артём Петрович",
    "ИНН плательщика 257320106408",
    "Получатель УФК по Смоленской области (ИФНС России № 33)",
    "ИНН получателя 1310598417",
    "КПП получателя 131001001",
    "Номер казначейского счёта 03100643000000870000",
    "БИК 016614901",
    "Единый казначейский счёт 40102810445370000055",
    "Назначение платежа Налог на имущество физических лиц за 2025 год",
    "Сумма к уплате, руб. 12 602,00",
    "{due}",
]


@pytest.mark.parametrize(
    "due",
    [
        "Срок уплаты не позднее 01.12.2026",
        "Срок уплаты непозднев.01.12.2026",
        "Срок уплаты: 01.12.2026",
        "Срок уплаты не поздн 01.12.2026",
    ],
    ids=["as printed", "glued and misread", "after a colon", "cut short"],
)
def test_a_due_date_is_no_payment_date(due: str) -> None:
    """«Срок уплаты» opens the row of a due date, whatever OCR made of the words between it and the date: never the
    payment's date (the schema's ``payment_date``)."""
    lines = [line.format(title="", due=due) for line in TAX_SLIP]
    assert details_of([line for line in lines if line]).payment_date is None


def test_a_tax_slip_is_dated_by_its_notice() -> None:
    """A tax office's payment slip prints the notice it comes with as its title, «Налоговое уведомление № … от …»:
    the only date of the document, as an invoice's title dates an invoice; the due date is not."""
    title = "Налоговое уведомление № 459089743 от 26.07.2026"
    lines = [line.format(title=title, due="Срок уплаты не позднее 01.12.2026") for line in TAX_SLIP]
    assert details_of(lines).payment_date == "2026-07-26"


EXECUTED_ORDER_BLURRED = [
    "(02.11.2026 02.11.2026 0401060",
    "Поступ. в банк нат. Cimcaio со сч. плат.",
    "` ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 2698 02.11.2026 электронно 01",
    "_ Сумма nponncsio Дюксти тринадцать тысяч триста пятьлесят рублей 92 копейки рае",
    "ИНН 271688988) [КПЛ 271601001 Сумма 213350-92",
    "ПАО «Лесная Homma» ВИ а 407028 10819807159290 Damas poe",
    "Cu. No 301018 1044525000674 |",
    'KY OOOKB“Jowamecr"-TK"ACB rr БИК _ 046015872',
    "Cu. № 30101810100000000872",
    "407028 10681967145536",
    "Получатель Pie alg) ee вы \\",
    "Оплата по счёту № 635 от 23.10.2026 за материалы. Вт.ч. НДС 20% - 35558.49 рублей.",
    "Назначение платежа",
]


def test_the_ids_on_a_payment_orders_sum_row_are_the_payers() -> None:
    """A payment order's photocopy whose grid blur took (no «Банк получателя», no cell's caption read) is read by its
    labels; field 7, «Сумма 213350-92», stands on the payer's row of ИНН and КПП, so its КПП is never the
    recipient's, whose own row went unread (r5_transfer_03_hard); the amount is still read."""
    details = details_of(EXECUTED_ORDER_BLURRED)
    assert details.recipient_kpp is None and details.recipient_inn is None
    assert details.amount == "213350.92" and details.bank_bic == "046015872"
