"""Classes the fourth round of ``bench/layouts`` showed, each a test of its own (text as OCR or a text layer reads
the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, Source
from tests.text_reading import details_of

SBP_SCREEN = [
    "19:12 5G 70%",
    "<",
    "{title}",
    "10 141 P",
    "{person}",
    "{bank_and_phone}",
    "Откуда",
    "Black ©3496",
    "Дата",
    "27 августа 2026, 08:50",
    "Комиссия",
    "Без комиссии",
    "Сообщение",
    "За продукты",
    "Повторить Шаблон Квитанция",
    "Главная Платежи Город Чат Ещё",
]


@pytest.mark.parametrize(
    ("person", "bank_and_phone", "recipient", "bank"),
    [
        ("Олег Иванович 3.", "Озон Банк - +7 940 *****-98", "Олег Иванович З.", "Озон Банк"),
        ("Алексей Андреевич К.", "МТС Банк : +7 915 ***-**-17", "Алексей Андреевич К.", "МТС Банк"),
        ("Мария Петровна С.", "Сбербанк · +7 (926) 123-45-67", "Мария Петровна С.", "Сбербанк"),
        ("Мария Петровна С.", "ВТБ • +7 926 ***-**-67", "Мария Петровна С.", "ВТБ"),
    ],
    ids=["З read as 3, dot as dash", "dot as colon", "whole phone", "a bank by its letters"],
)
@pytest.mark.parametrize("title", ["Успешно", "Перевод выполнен"])
def test_an_sbp_screen_names_the_recipient_over_their_bank_and_phone(
    title: str, person: str, bank_and_phone: str, recipient: str, bank: str
) -> None:
    """A bank app's success screen of a transfer by phone (СБП) prints the recipient's name under the amount and,
    under it, the bank the phone number is registered with and the masked number on one line: no captions."""
    lines = [line.format(title=title, person=person, bank_and_phone=bank_and_phone) for line in SBP_SCREEN]
    details = details_of(lines)
    assert (details.recipient_name, details.bank_name) == (recipient, bank)
    assert details.amount == "10141.00"


@pytest.mark.parametrize("number", ["ИНН 843532045044", "БИК 044525225", "ИНН 8435320450"])
def test_a_labelled_number_under_a_person_is_no_bank_and_phone(number: str) -> None:
    """A side-by-side payment's recipient column prints the name over «ИНН 8435…»: a label's letters and one run of
    digits, which an 8 opens, are no bank and phone."""
    lines = ["Получатель", "Васильев Артём Юрьевич", number, "Счёт 40802810051902747920"]
    assert details_of(lines).bank_name is None


def test_a_banks_hotline_beside_its_name_is_no_recipients_bank() -> None:
    """A receipt's footer prints the sending bank's free hotline beside its name: no recipient's phone, so neither
    the bank nor the person over it are the recipient's."""
    lines = [
        "Квитанция № 1-4-512-334-778",
        "Сумма 1 500,00 ₽",
        "Иван Петрович К.",
        "Т-Банк 8 800 555-77-78",
    ]
    details = details_of(lines)
    assert details.bank_name is None
    assert details.recipient_name is None


BOXED_ORDER = [
    "0401060",
    "Поступ. в банк плат. Списано со сч. плат.",
    "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 9815 05.10.2026 (4)Вид платежа _____",
    "(6) Сумма прописью Двести две тысячи сто",
    "восемьдесят девять рублей 00",
    "копеек",
    "(60) ИНН 1512032039 (102) КПП 151201001 (7) Сумма 202189=",
    "{payer}",
    "Плательщик",
    '(10) АО "Райффайзенбанк" (11) БИК 044525700',
    "Банк плательщика (12) Сч. № 30101810200000000700",
    "{bank}",
    "{bank_wrapped}",
    "Банк получателя (15) Сч. № 30101810945250000242",
    "(61) ИНН 2280378163 (103) КПП 228001001 (17) Сч. № 40702810105038741719",
    '(16) ООО "Лесная Поляна" (18) Вид оп. 01 (21) Очер. плат. 5',
    "Получатель (20) Наз. пл. (23) Рез. поле",
    "(24) Оплата по счёту № 305 от 05.10.2026 за оборудование. Сумма 202189.00, в т.ч. НДС (20%) 33698.17",
    "Назначение платежа",
    "Подписи М.П. Отметки банка",
    'АО "Райффайзенбанк" ИСПОЛНЕНО 05.10.2026',
]


@pytest.mark.parametrize(
    ("payer", "bank", "bank_wrapped", "bank_name"),
    [
        (
            "(8) АО «Орбита» (9) Сч. № 40702810051794935222",
            '(13) КУ КБ "ВЕГА-БАНК" (000) -ГК "АСВ" (14) БИК 044525242',
            "",
            'КУ КБ "ВЕГА-БАНК" (ООО) -ГК "АСВ"',
        ),
        (
            "(8) АО «Орбита» (9) Cu. Ne",
            "(13) АМУРСКИЙ РФ АО (14) БИК 044525242",
            '"РОССЕЛЬХОЗБАНК"',
            'АМУРСКИЙ РФ АО "РОССЕЛЬХОЗБАНК"',
        ),
    ],
    ids=["in one row", "the account's label garbled, the bank wrapped"],
)
def test_a_payment_orders_field_numbers_are_no_part_of_its_values(
    payer: str, bank: str, bank_wrapped: str, bank_name: str
) -> None:
    """Some printings of form 0401060 set each field's number in brackets in its cell («(16) ООО …», «(13) … (14)
    БИК …»): the form's numbering, which ends one cell where the next begins, never a value's words."""
    lines = [line.format(payer=payer, bank=bank, bank_wrapped=bank_wrapped) for line in BOXED_ORDER]
    details = details_of([line for line in lines if line])
    assert details.recipient_name == 'ООО "Лесная Поляна"'
    assert details.payer_name == "АО «Орбита»"
    assert details.bank_name == bank_name
    assert details.purpose is not None and details.purpose.startswith("Оплата по счёту № 305")


PD4_HALF = [
    "Извещение ТСЖ «Дельта Логистик»",
    "ИНН 5587110570 КПП 558701001",
    "Р/сч. 40703810862241870226 БИК 042202799",
    "Банк НИЖЕГОРОДСКИЙ ФИЛИАЛ АО ЮНИКРЕДИТ БАНКА К/сч. 30101810500000000799",
    "Лицевой счёт: 01952783 Период: 03.2026",
    "Назначение: Взносы на капремонт и содержание за март 2026 г.",
    "{payer}",
    "Адрес плательщика: 575264, г. Воронеж, ул. Мира, д. 50, кв. 257",
    "Сумма платежа: 10303 руб. 24 коп.",
]


@pytest.mark.parametrize(
    ("payer", "printed"),
    [
        ("Плательщик (Ф.И.О.): Новиков Роман Сергеевич", "Новиков Роман Сергеевич"),
        ("Плательщик (Ф.И.О.): НОВИКОВ РОМАН СЕРГЕЕВИЧ", "НОВИКОВ РОМАН СЕРГЕЕВИЧ"),
        ("Плательщик (Ф.И.О. }: Новиков Роман Сергеевич", "Новиков Роман Сергеевич"),
        ("Плательщик (Ф.И.О.): Новикова Анна Петровна", None),
    ],
    ids=["the whole name", "in capitals", "the label garbled", "another person"],
)
def test_a_qrs_surname_and_first_name_do_not_cut_the_printed_patronymic(payer: str, printed: str | None) -> None:
    """A ПД-4's GOST QR carries the payer's ``LastName`` and ``FirstName`` only: where the page prints the same name
    with a patronymic after it, the payer is the whole name, not the QR's shorter one; a page naming someone else
    leaves the QR's name as it is."""
    lines = [line.format(payer=payer) for line in PD4_HALF]
    from_qr = Candidate("payer_name", "Новиков Роман", Source.QR)
    details, checks = resolve([*extract_candidates(lines), from_qr], classify(lines))
    assert details.payer_name == (printed or "Новиков Роман")
    assert checks["payer_name"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize("tail", ["98450.00 руб.", "98 450,00 руб.", "8450.00 руб."])
def test_a_purpose_wrapped_before_its_vat_sum_goes_on_onto_the_sum(tail: str) -> None:
    """1C wraps a long purpose before the VAT sum («… в т.ч. НДС 20% -» over «98450.00 руб.»): a line opening with
    an 8 is no «в» label's row (a label has letters), so the purpose goes on onto it."""
    lines = [
        'АО "ИШБАНК" БИК 044525624',
        "Сч. № 30101810945250000624",
        "Банк получателя",
        "ИНН 0287699035 КПП 028701001 Сч. № 40702810184648825992",
        'ООО "Радуга"',
        "Получатель",
        "Назначение платежа: Оплата по счёту № 994 от 15.02.2026, в т.ч. НДС 20% -",
        tail,
        "Счёт на оплату № 994 от 15 февраля 2026 г.",
    ]
    assert details_of(lines).purpose == f"Оплата по счёту № 994 от 15.02.2026, в т.ч. НДС 20% - {tail}"


def test_a_cash_receipts_line_of_what_was_sold_is_no_purpose() -> None:
    """A payment agent's tape sells «Оплата услуг связи, тел. …» as an item: a cash receipt's lines are what was
    sold, not a purpose of payment, which only a label («Назначение платежа») would name on a receipt."""
    lines = [
        "ООО «Платёжный сервис Меридиан»",
        "ИНН 8931832750",
        "КАССОВЫЙ ЧЕК № 7234",
        "ПРИХОД 14.11.2026 22:24:08",
        "Оплата услуг связи, тел. +7 988 ***-**-3906",
        "1X . =1500.00",
        "ПЛАТЕЖНЫЙ АГЕНТ",
        "ИТОГ =1500.00",
        "ФН № 8710586434163321",
        "ФД № 00042017",
        "ФП 0805714521",
    ]
    details = details_of(lines)
    assert details.document_type == DocumentType.CASH_RECEIPT
    assert details.purpose is None
    labelled = [*lines[:4], "Назначение платежа: Оплата услуг связи по договору 1-22", *lines[5:]]
    assert details_of(labelled).purpose == "Оплата услуг связи по договору 1-22"


ALFA_RECEIPT = [
    "Альфа-Банк",
    "Квитанция о переводе по реквизитам",
    "Платёж выполнен",
    "Получатель ИП Зайцев Евгений Викторович",
    "Счет получателя 40802810280944788666",
    "{caption} ФИЛИАЛ № 6318 БАНКА ВТБ (ПАО)",
    "БИК 043601968",
    "Корр счет 30101810422023601968",
    "Сумма 198 882,89 RUR",
    "Комиссия 50,00 RUR",
]


@pytest.mark.parametrize("caption", ["Банк получателя", "Bank получателя", "Bahk получателя", "Банк пoлучaтeля"])
def test_a_banks_caption_read_in_latin_look_alikes_still_names_the_recipients_bank(caption: str) -> None:
    """OCR's English words read a hard photo's «Банк» as «Bank» (its н as n): the caption is still the recipient's
    bank's, and the sending bank's logo over the receipt («Альфа-Банк») is not."""
    lines = [line.format(caption=caption) for line in ALFA_RECEIPT]
    details = details_of(lines)
    assert details.bank_name == "ФИЛИАЛ № 6318 БАНКА ВТБ (ПАО)"
    assert details.amount == "198882.89"


@pytest.mark.parametrize(
    "screen",
    [
        [line.format(title="Успешно", person="Олег Иванович 3.", bank_and_phone="Озон Банк - +7 940 *****-98")
         for line in SBP_SCREEN],
        [line.format(title="Перевод выполнен", person="Алексей Андреевич К.", bank_and_phone="МТС Банк : +7 915 "
         "***-**-17") for line in SBP_SCREEN],
        ["Закрыть Детали операции", "-1083,55 ©", "Имя получателя", "КИРИЛЛ ДМИТРИЕВИЧ И.", "Сумма", "1070,05 Р",
         "Статус", "Проведен"],
        ["Страна :", "Таджикистан", "Сумма к получению", "203,83 TJS", "Комиссия", "0 Р", "Сумма списания", "1700 Р",
         "Номер транзакции", "3129156032"],
    ],
    ids=["a transfer by phone, «Откуда» and a fee's caption", "«Перевод выполнен»", "«Детали операции»",
         "«Сумма списания»"],
)  # fmt: skip
def test_a_bank_apps_transfer_screen_is_a_bank_transfer(screen: list[str]) -> None:
    """A bank app's screen of a transfer names no document («Квитанция» is a button on it): its captions of money
    leaving an account or a card and the status a transfer reaches say what it is."""
    assert classify(screen) == DocumentType.BANK_TRANSFER


@pytest.mark.parametrize(
    "lines",
    [["Откуда", "Москва", "Куда", "Казань", "Поезд 016А", "Вагон 7"], ["Перевод текста с английского", "Итого"]],
    ids=["a ticket's «Откуда» alone", "a translation"],
)
def test_a_word_of_a_transfer_alone_makes_no_bank_transfer(lines: list[str]) -> None:
    """One weak word of a transfer («Откуда», «перевод») is not enough to call a page a bank's transfer."""
    assert classify(lines) == DocumentType.OTHER


def test_a_latin_words_look_alike_letters_are_no_total_label() -> None:
    """A ПД-4's hard photo read «Лицевой счёт» as «Лицевой utr.»: three lower-case Latin letters that match the
    look-alikes of a receipt's «ИТГ» (its «ИТОГ» without the О) are a garbled word, not a total's label; the
    period's year after it («03 3006») was taken for the amount over «Сумма платежа»."""
    lines = [line.format(payer="Плательщик (Ф.И.О.): Новиков Роман Сергеевич") for line in PD4_HALF]
    lines[4] = "Лицевой utr. 07933783 Периал- 03 3006"
    assert details_of(lines).amount == "10303.24"
    assert details_of(["ИТГ = =142.00", "UTOГ =142.00"]).amount == "142.00"


@pytest.mark.parametrize("caption", ["Плательщик (Ф.И.О.):", "Плательщик (Ф.И.О. }:", "Плательщик (Ф. И. О.):"])
def test_a_payers_label_keeps_what_it_asks_for_in_brackets(caption: str) -> None:
    """«Плательщик (Ф.И.О.):» asks for a name: the bracket is the label's, not the payer's name's, with no QR to
    cut it to (a hard photo's QR is often not decoded)."""
    lines = [line.format(payer=f"{caption} Новиков Роман Сергеевич") for line in PD4_HALF]
    assert details_of(lines).payer_name == "Новиков Роман Сергеевич"


def test_a_pd4_read_in_columns_gives_its_bank_no_homeowners_association() -> None:
    """Read in columns, a ПД-4's captions stand over their values («Банк» over the payee's «ТСЖ «…»»): a ТСЖ is
    never a bank. The bank's own row keeps its name without its к/с, whatever OCR made of that caption."""
    lines = [
        "Форма № ПД-4",
        "ИНН",
        "Р/сч.",
        "Банк",
        "ТСЖ «Дельта Логистик»",
        "5587110570",
        "Банк. НИЖЕГОРОДСКИЙ ФИЛИАЛ АО ЮНИКРЕДИТ БАНКА Kien 30101810500000000799",
        "Сумма платежа: 10303 руб. 24 коп.",
    ]
    assert details_of(lines).bank_name == "НИЖЕГОРОДСКИЙ ФИЛИАЛ АО ЮНИКРЕДИТ БАНКА"
    lines = [line.format(payer="Плательщик (Ф.И.О.): Новиков Роман Сергеевич") for line in PD4_HALF]
    assert details_of(lines).bank_name == "НИЖЕГОРОДСКИЙ ФИЛИАЛ АО ЮНИКРЕДИТ БАНКА"


@pytest.mark.parametrize("title", ["Извещение", "Квитанция"])
def test_a_pd4_names_its_payee_beside_the_halfs_title(title: str) -> None:
    """A ПД-4 without the form's captions prints the payee beside each half's title («Извещение ТСЖ «…»»): with its
    QR not decoded (a hard photo), that line still names who is paid."""
    lines = [line.format(payer="Плательщик (Ф.И.О.): Новиков Роман Сергеевич") for line in PD4_HALF]
    lines[0] = f"{title} ТСЖ «Дельта Логистик»"
    assert details_of(lines).recipient_name == "ТСЖ «Дельта Логистик»"
    assert details_of([*lines[1:], "Квитанция о переводе"]).recipient_name is None


def test_an_account_numbers_caption_over_a_garbled_bank_is_no_banks_name() -> None:
    """A transfer receipt's «Номер счёта / 4070…» row over «Bank получателя / р КО «…»», whose name OCR garbled past
    reading: the row above is no bank grid's, so its caption is no bank's name."""
    lines = [
        "| Получатель / 000 «Лидермаркет»",
        "| Номер счёта / 40702810226504197403",
        "| ИНН получателя / A. 6124351443 |",
        "| Bank получателя / р КО «Банк Таврический» |",
        "БИК банка получателя / WS, и 045084092",
    ]
    assert details_of(lines).bank_name is None
