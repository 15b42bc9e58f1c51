"""Classes the transfers of round 17 of ``bench/layouts`` showed (a 1C-printed payment order, a branch's «Заявление
на перевод» with its fee), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import PaymentDetails, Source


def _details(lines: list[str], source: Source = Source.OCR) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines, source), classify(lines), source)
    return details


def _one_c_order(recipients_name: str) -> list[str]:
    """A payment order printed by 1C as Tesseract reads it (bench/layouts r17_transfer_00, clean)."""
    return [
        "0401060",
        "Поступ. в банк плат Списано со сч. плат",
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 935 03.10.2026",
        "Дата Вид платежа",
        "Сумма Восемьсот пятьдесят две тысячи четыреста пять рублей 69 копеек",
        "прописью",
        "ИНН 4990783360 КПП 499001001 Сумма 852405-69",
        'АО "Волна" Cu. № 40702810954343918491',
        "Плательщик",
        'Филиал "Тульский" 000 КБ "АРЕСБАНК" г. Тула БИК 047003792',
        "Банк плательщика Cu. № 30101810300000000792",
        'ПЕРМСКИЙ Ф-Л ПАО АКБ "МЕТАЛЛИНВЕСТБАНК" г. БИК 045773712',
        "Пермь Cu. № 30101810600000000712",
        "Банк получателя",
        "ИНН 4435217060 КПП 443501001 Cu. № 40702810165303270924",
        recipients_name,
        "Наз. пл. Очер. плат. 5",
        "Получатель Код Рез. поле",
        "Оплата по счету № 746 от 02.10.2026 за работы. Сумма 852405-69. Втч. НДС (20%) 142067-62",
        "Назначение платежа",
        "Подписи Отметки банка",
    ]


@pytest.mark.parametrize("row", ['000 "Полимер-М" Вид оп. 01 Срок плат.', '000 "Полимер-М" Вид оп 01 Срок плат'])
def test_a_form_read_as_zeros_still_makes_the_row_the_recipients_name_cell(row: str) -> None:
    """«ООО» read «000» left too few letters in the cell for a name's, so the grid's reading was dropped and the
    generic one kept fields 18-19 glued on («ООО "Полимер-М" Вид оп. 01 Срок плат.», r17_transfer_00)."""
    assert _details(_one_c_order(row)).recipient_name == 'ООО "Полимер-М"'


def _branch_application(fee_row: str) -> list[str]:
    """A branch's «Заявление на перевод» of a person's cash as Tesseract reads it (r17_transfer_01, clean)."""
    return [
        'КУ OOO КБ "МОНОЛИТ" - ГК "ACB" Доп. офис № 9045',
        "БИК 044525391 к/с 30101810045250000391",
        "ЗАЯВЛЕНИЕ № 367272 от 24.08.2026",
        "на перевод денежных средств физического лица без открытия банковского счета",
        "Отправитель Волков Дмитрий Иванович",
        "Документ Паспорт РФ 52 02 880529",
        'Получатель ПАО "Фермерская Лавка"',
        "ИНН / КПП получателя 2348320518 / 234801001",
        "Счёт получателя 40702810765294329973",
        "Банк получателя Ф-л Азиатско-Тихоокеанский Банк АО в г.Москва",
        "БИК / к/с 044525754 / 30101810145250000754",
        "Назначение платежа Оплата за обучение Волков Д.И.",
        "‘Сумма перевода 14 907,00 руб. Четырнадцать тысяч девятьсот семь рублей 00 копеек",
        fee_row,
        "Всего принято наличными 15 130,60 руб.",
        "С тарифами банка ознакомлен, данные получателя проверены.",
    ]


@pytest.mark.parametrize(
    "fee_row", ["Комиссия банка 223,60 руб. по тарифам банка", "Комиссия банка 223,60 руб. | по тарифам банка"]
)
def test_a_fee_charged_by_the_banks_tariff_is_a_fee(fee_row: str) -> None:
    """«по тарифам банка» after the fee says what it is charged by, not that none is: the cash taken, fee and all,
    is no sum the recipient is paid (r17_transfer_01, 04)."""
    assert _details(_branch_application(fee_row)).amount == "14907.00"


def test_a_fee_that_is_not_charged_is_no_fee() -> None:
    assert _details(_branch_application("Комиссия банка не взимается")).amount == "15130.60"


def _desktop_screenshot(bank_row: str) -> list[str]:
    """A web bank's desktop screenshot as Tesseract reads it, its side menu's items on the rows of the details beside
    them (r17_transfer_05, clean)."""
    return [
        "Личный кабинет — Интернет-банк",
        "Личнь бане Главная / Платежи и переводы / По реквизитам",
        "Счета и Карты 8 00",
        "85 569,00 P",
        "Платеж 2 ноября 2026 г. в 12:51",
        "Вкладь ИНН получателя 8279773000",
        "КПП получателя 827943001",
        "SPELT Счёт получателя 40702 81057 93767 24566",
        bank_row,
        "БИК банка 044525348",
        "Корреспондентский счёт 30101810400000000348",
        "Назначение платежа Оплата по договору № 778-К. в т.ч. НДС 20% - 14 261,50 руб.",
        "Комиссия 0,00 P",
        "Создан 01.11.2026 09:51",
        "Исполнен 02.11.2026 12:51",
    ]


@pytest.mark.parametrize("menu_item", ["Настройки", "Историе", "Вкладь"])
def test_a_side_menus_item_before_a_label_leaves_the_label_read(menu_item: str) -> None:
    """«Настройки Банк получателя АКБ …»: the menu's word, not the browser's title («Личный кабинет — Интернет-банк»)
    nor the breadcrumbs, is what stands before the bank's row."""
    row = f'{menu_item} Банк получателя АКБ "Ланта-Банк" (АО)'
    assert _details(_desktop_screenshot(row)).bank_name == 'АКБ "Ланта-Банк" (АО)'


def test_the_accepting_branchs_own_bik_over_the_title_is_no_recipients_bank() -> None:
    """The branch's БИК and к/с head the form over «ЗАЯВЛЕНИЕ … на перевод»; with the recipient's БИК garbled
    («БИК Ke 0-750184+3», r17_transfer_07), the branch's were taken for the recipient's bank's. Now no БИК is read,
    and the recipient's к/с is."""
    lines = _branch_application("Комиссия банка 223,60 руб. по тарифам банка")
    lines[0] = 'Костромской РФ AO "Россельхозбанк" Доп. офис No 8201'
    lines[1] = "БИК 044525959 кс 30101810945374525959"
    lines[10] = "БИК Ke 0-750184+3 . 30101810145250000754"
    details = _details(lines)
    assert (details.bank_bic, details.bank_corr_account) == (None, "30101810145250000754")


def test_a_bank_above_another_title_keeps_its_bik() -> None:
    """Only an application for a transfer says its head is the accepting branch's."""
    lines = _branch_application("Комиссия банка 223,60 руб. по тарифам банка")
    lines[0] = 'ПАО "Фермерская Лавка"'
    lines[1] = "БИК 044525754 к/с 30101810145250000754"
    lines[2] = "СЧЁТ № 367272 от 24.08.2026"
    lines[10] = "БИК Ke 0-750184+3 ."
    assert _details(lines).bank_bic == "044525754"


def test_a_name_read_behind_a_side_menu_item_is_not_taken() -> None:
    """Read across the menu's column, the recipient's name beside «История» came out garbled («0 Bota» for «ООО
    «Волна»», r17_transfer_02): no check could catch it, and the other reader's clean name lost to it."""
    lines = _desktop_screenshot('Настройки Банк получателя АКБ "Ланта-Банк" (АО)')
    lines.insert(5, "История Получатель 0 Bota")
    assert _details(lines).recipient_name is None
