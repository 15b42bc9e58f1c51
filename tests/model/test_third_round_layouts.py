"""Classes the third round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.columns import unzipped_columns
from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import CheckStatus
from tests.ocr_lines import line_of_cells
from tests.text_reading import details_of

RIGHT = 620
"""Where the right column's cells begin, in pixels."""


@pytest.mark.parametrize(
    ("sign", "principal"),
    [
        ("к агента: Поверенный", "wk: ИП Морозов Роман Иванович, ИНН 297992661856"),
        ("Признак агента: Поверенный", "ИП Морозов Роман Иванович, ИНН 297992661856"),
        ("АГЕНТ: КОМИССИОНЕР", "ИП МОРОЗОВ РОМАН ИВАНОВИЧ ИНН 297992661856"),
    ],
    ids=["«Признак» lost", "the principal's label lost", "in capitals"],
)
@pytest.mark.parametrize("issuer_inn", ["8976999238", "3976999238"], ids=["issuer read", "issuer misread"])
def test_the_line_after_an_agents_sign_is_the_principals(sign: str, principal: str, issuer_inn: str) -> None:
    """A taxi app's receipt sells for the driver: the line under the agent's sign names the driver and a valid ИНН,
    which is never the payee's, even where OCR lost the labels of both it and the issuer's ИНН."""
    lines = [
        "Кассовый чек № 7229. Приход",
        "ООО «Байкал-Софт Мобилити»",
        issuer_inn,
        "Перевозка пассажиров и багажа легковым такси 1 656,00 руб.",
        sign,
        principal,
        "НДС не облагается",
        "ИТОГ 1 656,00 руб.",
        "ФН № 7280267055958716",
    ]
    details = details_of(lines)
    assert details.recipient_inn != "297992661856"
    assert details.amount == "1656.00"


UPD = [
    "Универсальный Счёт-фактура № 1976 от01.09.2026 (1)",
    'документ Продавец: ПАО "Волна" (2)',
    "татус: . ИНН/КПП продавца: 2701427394/270101001 (26)",
    'Покупатель: АО "Пекарня у Дома" (6)',
    "ИННИКПП покупателя: 6757165846/675701001 (66)",
    "Валюта: наименование, код: Российский рубль, 643 (7)",
    "1 94213 Краска фасадная 9 л 796 wT 2,000 8 630,00 17 260,00 без акциза 10% 1726,00 18 986,00",
    "{total}",
]


@pytest.mark.parametrize(
    ("total", "amount"),
    [
        ("Всего к оплате (9) 84 320,00 X 8 432,00 92 752,00", "92752.00"),
        ("Всего к оплате (9) 84320,00 X 8432,00 92752,00", "92752.00"),
        ("Всего к оплате (9) 92 752,00", "92752.00"),
        ("Всего к оплате 28953.0 X 5212.0 34165.0", "34165.00"),
    ],
    ids=["grouped", "ungrouped", "the total alone", "without the row number"],
)
def test_a_tax_invoices_total_row_is_due_with_tax_never_its_row_number(total: str, amount: str) -> None:
    """A УПД's «Всего к оплате (9)» prints the sums without tax, of tax and with tax, 1C grouping their thousands:
    the row's number in brackets is no sum."""
    lines = [line.format(total=total) for line in UPD]
    assert details_of(lines).amount == amount


@pytest.mark.parametrize("label", ["ФИО получателя перевода", "Получатель перевода", "ФИО получателя платежа:"])
def test_a_labels_last_word_is_no_name_the_name_stands_under_it(label: str) -> None:
    """A bank's receipt prints small labels over their values; «ФИО получателя перевода» gave the name «перевода»."""
    lines = [
        "Чек по операции",
        "10.04.2026 13:09:18 (МСК)",
        "Операция",
        "Перевод с карты на карту",
        label,
        "Михаил Андреевич П.",
        "Номер карты получателя",
        "•••• 2762",
        "ФИО отправителя",
        "Сергей Андреевич С.",
        "Сумма перевода",
        "84 999,00 ₽",
    ]
    details = details_of(lines)
    assert (details.recipient_name, details.payer_name) == ("Михаил Андреевич П.", "Сергей Андреевич С.")
    assert details.amount == "84999.00"


def test_an_ofd_receipt_names_its_seller_by_the_formats_tag() -> None:
    """An ОФД's web receipt labels each value by its tag's full name: the seller is «Наименование пользователя»."""
    lines = [
        "ОФД «Платформа» Проверка чека",
        "Кассовый чек",
        "Наименование пользователя ИП Новиков Артём Андреевич",
        "ИНН пользователя 564003470317",
        "Признак расчёта Приход",
        "Дата и время 17.09.26 08:47:59",
        "Наименование предмета расчёта Кофе молотый арабика «Жокей» для турки 250 г",
        "ИТОГ 1 204,99",
        "Заводской номер ФН 8710846244599060",
    ]
    details = details_of(lines)
    assert (details.recipient_name, details.recipient_inn) == ("ИП Новиков Артём Андреевич", "564003470317")


@pytest.mark.parametrize(
    "clause",
    [
        "2. Стоимость услуг составляет 81 000,00 (Восемьдесят одна тысяча рублей 00 копеек), НДС не облагается.",
        "2. Стоимость услуг составляет 81 000 (восемьдесят одна тысяча) рублей 00 копеек, НДС не облагается.",
        "2. Общая сумма договора: 81000,00 руб. (Восемьдесят одна тысяча рублей 00 копеек).",
    ],
    ids=["kopecks inside", "roubles after the brackets", "roubles before the brackets"],
)
def test_a_contracts_price_written_twice_is_the_amount(clause: str) -> None:
    """A «Счёт-договор» states its price in a clause, in digits and again in words: no total's label names it."""
    lines = [
        "СЧЕТ-ДОГОВОР № 7/02-8",
        "1 Обучение персонала 1 48 700,00 48 700,00",
        "2 Настройка рекламной кампании 1 32 300,00 32 300,00",
        clause,
        "3. Оплата производится предоплатой 100% в течение 3 банковских дней с даты счёта.",
    ]
    assert details_of(lines).amount == "81000.00"


def test_vat_written_twice_is_no_amount() -> None:
    lines = [
        "СЧЕТ-ДОГОВОР № 7/02-8",
        "2. Стоимость услуг составляет 10 200,00 (Десять тысяч двести рублей 00 копеек), в том числе",
        "НДС 20% 1 700,00 (Одна тысяча семьсот рублей 00 копеек).",
    ]
    assert details_of(lines).amount == "10200.00"


def test_a_count_written_twice_is_no_sum() -> None:
    """A bank's application counts days so: «по истечении 40 (сорока) календарных дней» names no roubles."""
    lines = [
        "ЗАЯВЛЕНИЕ НА РАСТОРЖЕНИЕ ДОГОВОРА",
        "№ 40817810099056449860 по истечении 40 (сорока) календарных дней с даты принятия",
        "В течение 7 (семи) календарных дней с даты расторжения Договора прошу перевести остаток",
    ]
    assert details_of(lines).amount is None


def test_two_parties_requisites_side_by_side_under_contractor_and_customer() -> None:
    """A contract's parties' requisites at its foot, «Исполнитель:» and «Заказчик:» side by side: read across both
    columns, the contractor's name was «Заказчик»."""
    left = ["ИП Морозов Дмитрий Юрьевич", "ИНН 682443622481", "р/с 40802810092880452760", 'в АО Банк "Аверс"',
            "БИК 049205774", "к/с 30101810500000000774"]  # fmt: skip
    right = ["ООО «Полимер-М»", "ИНН 5031596400 КПП 503143001", "р/с 40702810997229254301",
             'в РЯЗАНСКИЙ РФ АО "РОССЕЛЬХОЗБАНК"', "БИК 046176793", "к/с 30101810900000000793"]  # fmt: skip
    page = [
        line_of_cells([("СЧЕТ-ДОГОВОР № 7/02-8", 70)], 100),
        line_of_cells([("Исполнитель:", 75), ("Заказчик:", RIGHT + 5)], 160),
        *(
            line_of_cells([(a, 75), (b, RIGHT + 5)], 200 + 28 * n)
            for n, (a, b) in enumerate(zip(left, right, strict=True))
        ),
    ]
    details = details_of(unzipped_columns(page))
    assert (details.recipient_name, details.payer_name) == ("ИП Морозов Дмитрий Юрьевич", "ООО «Полимер-М»")
    assert (details.recipient_inn, details.recipient_kpp) == ("682443622481", None)
    assert (details.recipient_account, details.bank_bic) == ("40802810092880452760", "049205774")


@pytest.mark.parametrize("account", ["40702810381183868719", "4070281 0381183868719"], ids=["whole", "parted"])
def test_a_payment_orders_payer_ends_at_its_account_however_ocr_parted_it(account: str) -> None:
    """Tesseract often parts a long number with a space: the payer's name beside its account was then lost."""
    lines = [
        "0401060",
        "ПЛАТЁЖНОЕ ПОРУЧЕНИЕ № 3544 20.08.2026 электронно",
        "Сумма прописью Сто девяносто девять тысяч пятьсот шестнадцать рублей 00 копеек",
        "ИНН 1384885984 КПП 138401001 Сумма 199516=",
        f'ООО "Волна" Сч. № {account}',
        "Плательщик",
        'КУ КБ "ДС-БАНК" (ООО) БИК 044525188',
        "Банк плательщика Сч. № 30101810245250000188",
        "ОКЦ № 7 ГУ Банка России по ЦФО//УФК по Тульской области, г. Тула БИК 017003983",
        "Банк получателя Сч. № 40102810445370000059",
        "ИНН 7727406020 КПП 770801001 Сч. № 03100643000000018500",
        "Казначейство России (ФНС России) Вид оп. 01 Срок плат.",
        "Получатель Код 0 Рез. поле",
        "Единый налоговый платёж",
        "Назначение платежа",
    ]
    details = details_of(lines)
    assert details.payer_name == 'ООО "Волна"'
    assert (details.recipient_name, details.recipient_inn) == ("Казначейство России (ФНС России)", "7727406020")


@pytest.mark.parametrize(
    "bank",
    ['ПРИМОРСКИЙ ФИЛИАЛ АКБ "БЭНК ОФ ЧАЙНА" (АО) г. Владивосток', "САМАРСКИЙ ФИЛИАЛ АО ЮНИКРЕДИТ БАНКА"],
    ids=["a branch of a bank whose name holds no «банк»", "«банка» in the genitive"],
)
def test_a_branch_named_by_its_region_after_in_is_the_bank(bank: str) -> None:
    """An ИП's letterhead runs its requisites as one sentence, «р/с … в ПРИМОРСКИЙ ФИЛИАЛ …, БИК …», as the Bank of
    Russia's directory names a branch: the region first, then «ФИЛИАЛ»."""
    lines = [
        "Индивидуальный предприниматель Павлов Михаил Юрьевич",
        "ИНН 080264495572",
        f"р/с 40802810372634973576 в {bank}, БИК 040507900, к/с 30101810405070000900",
        "СЧЁТ № 156 от 20.03.2026",
        "Всего к оплате: 155 426,00",
    ]
    assert details_of(lines).bank_name == bank


def test_a_sending_banks_own_name_before_filial_is_no_payees_bank() -> None:
    """A photo's «7.78» read its 8 as «в»; the sending bank's footer under it, «Росбанк филиал Юг …», starts with the
    bank's own name, not a region's adjective: no payee's bank."""
    lines = [
        "ТБАНК 26.03.2026 15:29:30",
        "Итого 65 085,00 ₽",
        "Получатель Роман Николаевич Н.",
        "7.78",
        'Росбанк филиал Юг АО "ТБанк", ИНН 7304834265, БИК 046015079',
    ]
    assert details_of(lines).bank_name is None


UPD_STATUS_RUN_IN = [
    "Универсальный Счёт-фактура № 42 от «14» мая 2026 г. (1)",
    "передаточн ый Исправление № -- от-- (1а)",
    'документ Продавец: ООО "Вектор" (2)',
    "с .1 Адрес: 603000, г. Нижний Новгород, ул. Горького, д. 9 (2а)",
    "татус: . {pair_label} 7707083893/770701001 (2б)",
    "1 - счёт-фактура и передаточный документ (а",
    "Покупатель: АО «Север» (6)",
    "ИНН/КПП покупателя: 5044518991/504401001 (6б)",
    "Всего к оплате (9) 10 000,00 Xx 2 000,00 12 000,00",
]


@pytest.mark.parametrize("pair_label", ["нити продавца:", "ИНН/КПП продавца:"])
def test_a_upds_status_column_run_into_its_header_keeps_the_seller(pair_label: str) -> None:
    """A УПД prints its «Универсальный передаточный документ / Статус: 1» column left of the header rows, and OCR
    runs its words into them («документ Продавец: …», «татус: . нити продавца: …», the «ИНН/КПП» garbled): the
    seller's label still opens its row, and the seller's word before an ИНН/КПП pair still says whose the pair is."""
    lines = [line.format(pair_label=pair_label) for line in UPD_STATUS_RUN_IN]
    details, checks = resolve(extract_candidates(lines), classify(lines))
    assert details.recipient_name == 'ООО "Вектор"'
    assert (details.recipient_inn, details.recipient_kpp) == ("7707083893", "770701001")
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED
    assert details.payer_name == "АО «Север»"


def test_the_buyers_pair_is_never_the_sellers() -> None:
    lines = [line.format(pair_label="нити") for line in UPD_STATUS_RUN_IN]
    assert details_of(lines).recipient_inn != "5044518991"


def test_a_sellers_pair_under_a_garbled_label_keeps_a_kpp_of_another_region_out() -> None:
    """OCR that garbled the pair's label («ИННИКЛП продавца:») misreads its digits too: a КПП whose region is not
    the ИНН's (516… beside 6163…) is left out, as a КПП beside an ИНН with no label is; the ИНН stays."""
    lines = ["Счёт-фактура № 7 от 19.11.2017", "Продавец: ООО «Вектор»", "ИННИКЛП продавца: 6163045256/516201001"]
    details = details_of(lines)
    assert (details.recipient_inn, details.recipient_kpp) == ("6163045256", None)
