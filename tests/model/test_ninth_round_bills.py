"""Classes the ninth round of ``bench/layouts`` showed on its bills, each a test of its own (text as OCR reads the
pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.payment_order import read_payment_order
from model.resolve import resolve
from model.roles import ROLE_RULE
from model.schema import Candidate, CheckStatus, DocumentType, PaymentDetails, Source
from model.values import LOOKALIKE_LETTERS, read_bank


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


COURT_FEE_PD4 = [
    "Форма № ПД-4сб (налог)",
    "Извещение Получатель: Казначейство России (ФНС России)",
    "ИНН 7727406020 КПП 770801001 ОКТМО 72786000",
    "Счёт получателя № 03100643000000018500 БИК 017003983",
    "Банк получателя: ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ УФК по Тульской области, г ERC 4010281 0445370000059",
    "Тула",
    "КБК 18210803010011050110 УИН о Статус 13",
    "Наименование платежа: Государственная пошлина в Зареченский районный суд г. Калуги",
    "Плательщик (Ф.И.О.): Павлов Олег Олегович ИНН 634543985709",
    "Адрес плательщика: 509833, г. Пермь, ул. Московская, д. 72",
    "Кассир Сумма: 56803 руб. 00 коп.",
    "Дата «___» ___ 20_ г. Плательщик (подпись)",
]


def test_a_pd4s_left_column_beside_a_label_leaves_the_label_its_value() -> None:
    """«Извещение» and «Кассир» stand in the form's left column, which OCR reads on the row of the right column
    beside them: the label after them still opens its row, so the payee and the sum are read."""
    details = _details(COURT_FEE_PD4)
    assert details.recipient_name == "Казначейство России (ФНС России)"
    assert details.amount == "56803.00"


def test_a_pd4s_payment_name_is_its_purpose() -> None:
    """«Наименование платежа: …» as a labelled row states what is paid for."""
    assert _details(COURT_FEE_PD4).purpose == "Государственная пошлина в Зареченский районный суд г. Калуги"


def test_the_caption_under_a_pd4s_purpose_cell_is_no_label_of_the_line_under_it() -> None:
    """The same words in brackets, without a colon, caption the cell above them: the line under them is no purpose."""
    lines = ["Оплата по счёту № 242", "(наименование платежа)", "Плательщик: Иванов Иван Иванович"]
    purposes = {c.value for c in extract_candidates(lines) if c.field == "purpose"}
    assert purposes == {"Оплата по счёту № 242"}


@pytest.mark.parametrize(
    "printed",
    [
        "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ УФК по Тульской области, г Тула ERC 4010281 0445370000059",
        "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИЛУФК по Тульской области, г Тула ЕКС 40102810445370000059",
        "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области, г Тула EKC 40102810445370000059 КБК 1821080301001105",
    ],
)
def test_a_treasury_office_after_its_bank_of_russia_division_ends_before_its_eks(printed: str) -> None:
    """The ЕКС beside the treasury office's name (its caption garbled, its digits split) is the next cell, and the
    slashes between the division and the УФК that OCR lost are the name's."""
    assert read_bank(printed) == "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области, г Тула"


def test_a_kbk_row_does_not_go_on_a_bank_name_left_unclosed() -> None:
    """A bracket OCR made of a letter leaves the bank's name unclosed; the КБК row under it is a row of its own."""
    lines = [
        "Банк получателя: ОТДЕЛЕНИЕ ТУЛА БАН (A РОССИИ//УФК по Тульской области, г Тула ЕКС 40102810445370000059",
        "КБК 18210803010011050110 YUHO Crarye 18 |",
    ]
    banks = [c.value for c in extract_candidates(lines) if c.field == "bank_name"]
    assert banks == ["ОТДЕЛЕНИЕ ТУЛА БАН (A РОССИИ//УФК по Тульской области, г Тула"]


CAPITAL_REPAIR_HALF = [
    "КВИТАНЦИЯ НО «Региональный фонд капитального ремонта многоквартирных домов Тверской области»",
    "ИНН 3070865349 КПП 307001001",
    'Р/с 40603810761743284602 в ЮЖНЫЙ ФИЛИАЛ АО "БАНК ИНТЕЗА"',
    "БИК 046015064 К/с 30101810460150000064",
    "Лицевой счёт: 370200632444 Период: апрель 2026",
    "Плательщик: Павлов Сергей Сергеевич",
    "Итого к оплате: 888,70 руб.",
    "{due}",
    "Подпись плательщика",
]


@pytest.mark.parametrize(
    "due", ["Оплатить Ho 25.05.2026 ;. еда 6 Ls, | 4", "Оплатить до 25.05:2026", "| Оплатить no 25.05.2026"]
)
def test_the_day_to_pay_by_is_no_payment_date_whatever_ocr_made_of_its_preposition(due: str) -> None:
    """«Оплатить до …» asks for a payment by a day; a bill records none. OCR's «Ho» or «no» for «до» still leaves
    the «Оплатить» before the date."""
    lines = [line.format(due=due) for line in CAPITAL_REPAIR_HALF]
    assert _details(lines).payment_date is None


@pytest.mark.parametrize(
    "buyer",
    [
        'Покупатель (Заказчик: ПАО "Полимер-М", ИНН 2500404559, КПП 250043001, 627913, г. Ярославль',
        'Покупатель (Заказчик): ПАО "Полимер-М", ИНН 2500404559, КПП 250043001, 627913, г. Ярославль',
    ],
)
def test_the_payers_role_in_brackets_is_the_labels_also_with_its_bracket_lost(buyer: str) -> None:
    """1C's «Покупатель (Заказчик):» read without its closing bracket: the role is still the label's, not the name's."""
    lines = [
        "Счет на оплату № 4410 от 18 февраля 2026 г.",
        "Поставщик (Исполнитель): ООО «Байкал-Софт», ИНН 6986228752, КПП 698601001",
        buyer,
    ]
    assert _details(lines).payer_name == 'ПАО "Полимер-М"'


def test_a_payment_orders_operation_cell_in_latin_look_alikes_is_cut_off_the_payees_name() -> None:
    """«Вид оп.» beside the payee's name, read «Вид on.»: field 18's caption and its value, not the name's words."""
    lines = [
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 132 03.03.2026 01",
        "Сумма прописью Двести сорок тысяч девятьсот четырнадцать рублей 91 копейка",
        "ИНН 8664842440 КПП 866443001 Сумма 240914-91",
        '000 "Сфера Плюс" сч. № 40702810754095867201',
        "Плательщик",
        "ЗАПАДНО-СИБИРСКОЕ ОТДЕЛЕНИЕ№8647 ПАО СБЕРБАНК БИК 047102651",
        "Сч. № 30101810800000000651",
        "Банк плательщика",
        "ООО КБ Центрально-Европейский Банк БИК 047601205",
        "Сч. № 30101810950040000205",
        "Банк получателя",
        "ИНН 615603761014 КПП сч. № 40802810446511667110",
        "ИП Новиков Сергей Андреевич Вид on. 01",
        "Наз. пл.",
        "Получатель очер. плат. 5",
        "Оплата по договору № 16/16 за услуги. В т.ч. НДС 20% 40152.49 руб.",
        "Назначение платежа",
    ]
    order = read_payment_order(lines, Source.OCR)
    assert order is not None
    assert [c.value for c in order.candidates if c.field == "recipient_name"] == ["ИП Новиков Сергей Андреевич"]


NOTARY_QUITTANCE = [
    "Нотариус Тверского нотариального округа",
    "Соловьёв Олег Николаевич",
    "Лицензия № 665890 ИНН 616053140340",
    "КВИТАНЦИЯ № 2041",
    "от 19.02.2026",
    "Принято от: Кузнецов Дмитрий Олегович",
    "Нотариальное действие: Свидетельствование подлинности подписи, реестр № 28/246-н/25-2026-4-70",
    "Всего к оплате: 1 500,00 руб.",
    "Реквизиты для оплаты:",
    "Получатель: Нотариус Соловьёв Олег Николаевич, ИНН 616053140340",
    "Р/с 40802810282815670382",
    'Банк: отделение "Банк Татарстан" №8610 ПАО Сбербанк',
    "БИК 049205603, к/с 30101810600000000603",
    "Оплатить до 22.02.2026",
]


def test_whom_a_quittance_accepted_the_money_from_is_the_payer() -> None:
    """«Принято от: …» on a quittance or a cash order names who paid."""
    assert _details(NOTARY_QUITTANCE).payer_name == "Кузнецов Дмитрий Олегович"


def test_a_bank_named_by_its_office_in_lower_case_is_read() -> None:
    """Sberbank names its regional offices in lower case, «отделение "Банк Татарстан" №8610 ПАО Сбербанк»."""
    assert _details(NOTARY_QUITTANCE).bank_name == 'отделение "Банк Татарстан" №8610 ПАО Сбербанк'


@pytest.mark.parametrize(
    ("title", "under"),
    [
        ("КВИТАНЦИЯ № 2041", "от 19.02.2026"),
        ("КВИТАНЦИЯ № 2041", "oT 19.02.2026"),
        ("na hm КВИТАНЦИЯ № 2041 oe", "oT 19.02.2026"),
        ("КВИТАНЦИЯ", "№ 2041 от 19.02.2026"),
        ("ИЗВЕЩЕНИЕ № 55", "от 19.02.2026"),
    ],
    ids=["number over date", "«от» in latin", "amid specks", "title over number and date", "an извещение"],
)
def test_a_title_set_over_its_date_dates_the_document(title: str, under: str) -> None:
    """A designed header sets «КВИТАНЦИЯ № 2041» over «от 19.02.2026»: the title's date, as on one line, outranks a
    date no caption names (here a bare one above the title), and a deadline («Оплатить до») never is."""
    lines = ["17.02.2026", *NOTARY_QUITTANCE]
    lines[lines.index("КВИТАНЦИЯ № 2041") : lines.index("от 19.02.2026") + 1] = [title, under]
    assert _details(lines).payment_date == "2026-02-19"


def test_a_date_under_a_title_after_another_preposition_is_not_the_titles() -> None:
    """Only «от» before it makes a date under a title the title's: «до 22.02.2026» under it is a deadline."""
    lines = [line for line in NOTARY_QUITTANCE if line not in ("от 19.02.2026", "Оплатить до 22.02.2026")]
    lines.insert(lines.index("КВИТАНЦИЯ № 2041") + 1, "до 22.02.2026")
    assert _details(lines).payment_date is None


INDRA_COURT_FEE_PD4 = [
    "Изоещение Па учате а: Катачейство России (ФИС Росєии)",
    "K1И 770801001 (K1MD 72786000",
    "1111 7727406020",
    "Наимепование платежа: Государственная пошлина в Зареченский районный судт. Калути",
    "Платед.щик (Ф.И.О.): Палов Олег Олегович ИНН 634543985709",
    "Адрес цлатедыцика: 509833, г. Пермь, ул. Московская, д. 72",
    "квитанция Получатель: Казначейство России (ФИС России)",
    "HНΗ 7727406020 KIH 770801001 ОKТMО 72786000",
    "Очёт получателя № 03100643000000018500 БИК 017003983",
    "Илательщик (Ф.И.О.): Павлов Олег Олегович –ИНН 634543985709",
]
"""The court fee's ПД-4 photographed, as Indra read it (bench/layouts r9_invoice_01_hard): the payer's caption
garbled in one half, the payee's «ИНН» read with a Latin H and a Greek Eta in the other."""


def _inns(lines: list[str]) -> dict[str, set[tuple[str, bool]]]:
    found: dict[str, set[tuple[str, bool]]] = {}
    for c in extract_candidates(lines, Source.INDRA):
        if c.field.endswith("_inn"):
            found.setdefault(c.field, set()).add((c.value, c.by_shape))
    return found


@pytest.mark.parametrize(
    "payer_rows",
    [
        ["Платед.щик (Ф.И.О.): Палов Олег Олегович ИНН 634543985709"],
        ["Плат.щик (Ф.И.О.) Палов Олег Олегович ИНН 634543985709"],
        ["ФИО: Павлов Олег Олегович ИНН 634543985709"],
        ["Платед.щик (Ф.И.О.):", "Павлов Олег Олегович ИНН 634543985709"],
        ["Платед.щик (Ф.И.О.): Павлов Олег Олегович", "ИНН 634543985709"],
    ],
    ids=["garbled caption", "its colon lost", "fio alone", "name under the caption", "inn under the name"],
)
def test_the_inn_on_a_persons_captioned_line_is_the_payers(payer_rows: list[str]) -> None:
    """A caption asking for a person's full name («(Ф.И.О.)», «ФИО:») marks the payer whatever OCR made of the word
    before it: the ИНН on that line, or the line under it, is the payer's, never the payee's."""
    lines = ["Извещение Получатель: Казначейство России (ФНС России)", "КПП 770801001", *payer_rows]
    inns = _inns(lines)
    assert "recipient_inn" not in inns
    assert inns["payer_inn"] == {("634543985709", False)}


@pytest.mark.parametrize(
    "lines",
    [
        ["Получатель (Ф.И.О.): Павлов Олег Олегович ИНН 634543985709"],
        ["Бухгалтер ______ (Ф.И.О.)", "ИНН 634543985709"],
    ],
    ids=["the payee's caption", "a signature's"],
)
def test_a_person_caption_of_another_role_is_no_payers(lines: list[str]) -> None:
    """«Получатель (Ф.И.О.):» names the person paid, and a signature's blank asks for the signer's name: the ИНН
    there stays the recipient's."""
    assert _inns(lines) == {"recipient_inn": {("634543985709", False)}}


def test_a_pd4_read_with_a_garbled_payers_caption_gives_the_payees_inn() -> None:
    """The payer's ИНН after his garbled caption stays the payer's, and the payee's «HНΗ» (Latin H, Cyrillic Н,
    Greek Η) is read as its label: the treasury's ИНН is the recipient's, verified where its block says whose."""
    details, checks = resolve(extract_candidates(INDRA_COURT_FEE_PD4, Source.INDRA), DocumentType.INVOICE, Source.INDRA)
    assert details.recipient_inn == "7727406020"
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED
    assert details.payer_name == "Павлов Олег Олегович"


@pytest.mark.parametrize("printed", ["HНΗ 7727406020", "ИНΗ 7727406020", "ИΗН 7727406020"])
def test_an_inn_label_read_in_greek_and_latin_look_alikes_is_its_label(printed: str) -> None:
    """Indra reads a Cyrillic capital as its Greek twin (Η for Н) and blur makes И's diagonal a crossbar (H): the
    label still names the number, which is then no lone number found by its shape."""
    assert _inns([printed]).get("recipient_inn") == {("7727406020", False)}


def test_greek_twins_of_cyrillic_letters_read_as_cyrillic() -> None:
    """A word OCR spelled partly in Greek capitals is Cyrillic again, as one spelled in Latin ones."""
    assert "ΤΕΡΕΜΟΚ Ακτив".translate(LOOKALIKE_LETTERS) == "ТЕРЕМОК Актив"


def test_a_bare_inn_beside_a_lone_inn_of_another_length_is_not_verified() -> None:
    """An organisation's 10-digit ИНН and a person's 12-digit one are two parties: where a bare «ИНН» labels one and
    the other's label was lost (found by its shape only), the bare label does not say which is paid."""
    labelled = Candidate("recipient_inn", "634543985709", Source.OCR)
    lone = Candidate("recipient_inn", "7727406020", Source.OCR, 0.3, by_shape=True)
    details, checks = resolve([labelled, lone], DocumentType.INVOICE, Source.OCR)
    assert details.recipient_inn == "634543985709"
    assert checks["recipient_inn"].status == CheckStatus.UNVERIFIED
    assert checks["recipient_inn"].rule == ROLE_RULE
