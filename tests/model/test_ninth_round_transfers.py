"""Transfer classes the ninth round of ``bench/layouts`` showed, each a test of its own (text as OCR reads the
pages)."""

from __future__ import annotations

import pytest

from model.fees import FIGURE_ALONE
from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Source

SBER_CHECK = [
    "СБЕР",
    "Чек по операции",
    "Платеж по реквизитам",
    "Дата операции (мск)",
    "28.10.2026 14:59:02",
    "ФИО плательщика",
    "Лебедев Дмитрий Иванович",
    "Карта плательщика",
    "МИР **** 7369",
    "Получатель",
    "ИП Лебедев Андрей Николаевич",
    "ИНН получателя",
    "765316894015",
    "Счёт получателя",
    "40802810481412747083",
    "Банк получателя",
    'КУ КБ "МФБАНК" OOO - ГК "АСВ"',
    "БИК банка получателя",
    "044525387",
    "Корр. счёт",
    "30101810745250000387",
    "Назначение платежа",
    "Оплата по договору № 99-83. НДС не облагается",
    "Сумма платежа",
    "70 250,00 {sign}",
    "Комиссия",
    "{fee}",
    "Итого списано",
    "70 952,50 Р",
    "Код авторизации",
    "317785",
    "Номер документа",
    "663542024732",
    "ПАО СБЕРБАНК ИСПОЛНЕНО",
    "28.10.2026",
]


def _amount(lines: list[str]) -> str | None:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details.amount


@pytest.mark.parametrize("sign", ["₽", "2"])
@pytest.mark.parametrize("fee", ["702,50 ₽", "702,50 2", "702,50 P"])
def test_a_fee_whose_rouble_sign_reads_as_a_digit_still_leaves_the_debit_out(sign: str, fee: str) -> None:
    """«Комиссия» over «702,50 2» (a thin ₽ read as a 2): the fee counts, so «Итого списано», the sum plus the fee,
    is not the amount; the sum paid to the recipient is."""
    lines = [line.format(sign=sign, fee=fee) for line in SBER_CHECK]
    assert _amount(lines) == "70250.00"


@pytest.mark.parametrize("fee", ["7O2,5O Ж", '164,4O Р =" Bae mes'])
def test_a_debit_under_its_caption_is_not_the_amount_when_the_fee_is_lost(fee: str) -> None:
    """The fee's figure garbled past reading: «Итого списано» is still what left the account, no total due, so it
    ranks under the sum sent under «Сумма платежа»; its figure alone on its line («70 952,50 Р», read at a bank
    receipt's sum's rank) is the sum sent plus a fee, the debit less the sum, and ranks under it too."""
    lines = [line.format(sign="2", fee=fee) for line in SBER_CHECK]
    assert _amount(lines) == "70250.00"


@pytest.mark.parametrize(
    ("fee", "debited"),
    [
        ('702,50 P =" Bae mes |', "70 952,50 Р К. eae roms wre"),
        ("702,50 ₽ ~<a? |", "70 952,50 ₽ ie"),
    ],
    ids=["specks in latin", "specks in signs"],
)
def test_figures_trailed_by_specks_still_give_the_sum_sent(fee: str, debited: str) -> None:
    """A photo's margin reads as specks after a row's figure («702,50 P =" Bae mes |»): the figure is still alone
    under its caption, so the debit less the fee is the sum sent where the sum's own figure is lost («70250002», its
    comma dropped and its ₽ read as a 2)."""
    lines = [line.format(sign="2", fee=fee) for line in SBER_CHECK]
    lines[lines.index("70 250,00 2")] = "70250002 == a oe caters"
    lines[lines.index("70 952,50 Р")] = debited
    assert _amount(lines) == "70250.00"


def test_a_figure_opening_a_line_of_words_is_not_alone() -> None:
    """A figure that opens a line of Russian words is a line of text, not a row's figure with specks after it."""
    assert FIGURE_ALONE.match("702,50 ₽ за перевод по номеру") is None
    assert FIGURE_ALONE.match("702,50 ₽ 12") is None
    assert FIGURE_ALONE.match('702,50 P =" Bae mes |') is not None


def test_a_debit_alone_is_still_the_amount() -> None:
    """A receipt that prints only what was written off: that is the amount."""
    lines = ["СБЕР", "Чек по операции", "Получатель", "ИП Лебедев Андрей Николаевич", "Итого списано", "70 952,50 Р"]
    assert _amount(lines) == "70952.50"


ALFA_CARD_TO_CARD = [
    "АЛЬФА-БАНК",
    "Квитанция о переводе с карты на карту",
    "Дата и время операции 07.10.2026 17:33:49 (MCK)",
    "Отправитель Дмитрий Николаевич С.",
    "Карта отправителя 5867 80* * 3150",
    "Получатель Андрей Андреевич П.",
    "Карта получателя 9106 11* ** 8908",
    "Банк получателя Райффайзенбанк",
    "Сумма перевода 14 693,00 RUR",
    "Комиссия 0,00 RUR",
    "Сумма списания 14 693,00 RUR",
    "Кодавторизации 569597",
    "RRN 277644812274",
    "Квитанция сформирована в электронном виде и полписи не требует",
    "{footer}",
]


@pytest.mark.parametrize(
    "footer",
    [
        "A0 «AлbФAБAНK», БИK 044525593, ИНH 7728168971,reн nиlesня ка 1376",
        "АО «АЛЬФА-БAHK», БИК 044525593, ИНН 7728168971",
    ],
)
def test_a_banks_own_footer_read_with_latin_letters_names_no_payee(footer: str) -> None:
    """The issuing bank's footer, «АО «АЛЬФА-БАНК», БИК …, ИНН …», its small print read with Latin look-alikes (its
    licence's word garbled too): its БИК and ИНН are the bank's own, neither the recipient's ИНН nor their bank's."""
    lines = [line.format(footer=footer) for line in ALFA_CARD_TO_CARD]
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.recipient_inn is None
    assert details.bank_bic is None
    assert details.amount == "14693.00"


@pytest.mark.parametrize(
    ("sent", "debited", "amount"),
    [
        ("29.889,68 RUR", "30.338,03 RUR", "29889.68"),  # a group's space read as a dot
        ("29 889,68 RUR", "30,338,03 RUR", "29889.68"),  # ... or as a comma
        ("29,889,68 RUR", "30 338,03 RUR", "29889.68"),
    ],
)
def test_a_group_separator_read_as_a_dot_or_a_comma_keeps_the_sum_whole(sent: str, debited: str, amount: str) -> None:
    """«29.889,68 RUR», «30,338,03 RUR»: a comma and two digits end the roubles, so the dots or commas before them
    group thousands; read as a decimal point they made «29.88» or «30.00» of the sum."""
    lines = [
        "АЛЬФА-БАНК",
        "Квитанция о переводе с карты на карту",
        "Банк получателя ВТБ",
        f"Сумма перевода {sent}",
        "Комиссия 448,35 RUR",
        f"Сумма списания {debited}",
    ]
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.amount == amount
