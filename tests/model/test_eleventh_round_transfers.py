"""Classes the eleventh round of ``bench/layouts`` showed on its transfers (a Почта Банк-like fine paid by its УИН, a
Т-Банк-like «Справка о переводе» made days after the transfer, a Совкомбанк-like transfer by requisites), each a
test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.labels import continued
from model.resolve import resolve
from model.schema import PaymentDetails, Source
from model.values import read_bank

FINE_BY_UIN = [
    "Оплата штрафа ГИБДД",
    "Статус: Исполнен",
    "Дата и время платежа 26.07.2026 17:04",
    "УИН 18810399451651592900",
    "Постановление от 22.07.2026",
    "Сумма платежа 1 000,00 P",
    "Плательщик Павлов Роман Иванович",
    "Получатель УФК ПО КУРСКОЙ ОБЛАСТИ (УМВД России по г. Курск)",
    "ИНН / КПП 0368978894 / 036801001",
    "БИК / ЕКС 013807906 / 40102810545370000038",
    "КБК / ОКТМО 18811601123010001140 / 33048000",
    "Назначение Штраф по постановлению",
    "18810399451651592900 от 22.07.2026",
]
"""A Почта Банк-like fine paid by its УИН (bench/layouts r11 pochta-fine-discount): the purpose wraps before the
ruling's number."""

CERTIFICATE = [
    "Т-Банк",
    "Дата формирования справки: 11.03.2026",
    "Справка о переводе",
    "Перевод по номеру телефона через СБП",
    "Дата и время перевода 07.03.2026 20:56:22 (МСК)",
    "Сумма 65 527,30 ₽",
    "Комиссия 0 ₽",
    "Отправитель Зайцев Дмитрий Викторович",
    "Счёт списания *2391",
    "Получатель Артём Викторович В.",
    "Телефон получателя +7 (421) ***-**-71",
    "Банк получателя Почта Банк",
    "Статус Успешно",
    "АО «ТБанк», универсальная лицензия Банка России № 2673. Справка сформирована автоматически.",
]
"""A Т-Банк-like «Справка о переводе» made four days after the transfer (bench/layouts r11
tbank-transfer-certificate)."""

BY_REQUISITES = [
    "Совкомбанк | i",
    "Перевод по реквизитам",
    "Исполнен",
    "Дата и время операции 24.07.2026 08:27",
    "Отправитель Морозов Дмитрий Сергеевич",
    "Получатель ИП Соловьёв Сергей Сергеевич",
    "ИНН получателя 232590492270",
    "Счёт получателя 40802810209039562571",
    "Gann получателя АО ^ИК Б3чк*",
    "БИК 049205800",
    "Корр. счёт 30101810845379205800",
    "Назначение платежа Оплата по договору № 115 за обучение",
    "Сумма перевода 8 062.00 руб.",
]
"""A Совкомбанк-like transfer by requisites as a photo reads it (bench/layouts r11 sovcom-requisites-fee): the app's
brand over the title, the recipient's bank's caption garbled."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_a_purpose_wrapped_before_its_documents_number_goes_on() -> None:
    """«Штраф по постановлению» over «18810399451651592900 от 22.07.2026»: the ruling's number is the purpose's."""
    assert _details(FINE_BY_UIN).purpose == "Штраф по постановлению 18810399451651592900 от 22.07.2026"


@pytest.mark.parametrize(
    ("value", "following", "expected"),
    [
        ("Оплата по счёту", "№ 5-17 от 01.07.2026", "Оплата по счёту № 5-17 от 01.07.2026"),
        ("Штраф по постановлению", "1 000,00 P", "Штраф по постановлению"),
        ("Оплата услуг", "18810399451651592900 от 22.07.2026", "Оплата услуг"),
    ],
)
def test_only_a_documents_number_continues_its_word(value: str, following: str, expected: str) -> None:
    """The next line goes on only where the purpose ends with a document awaiting its number and the line opens
    with one: a sum under it is the next row, and a purpose that names no document is complete."""
    assert continued("purpose", value, [following]) == expected


def test_a_certificates_issue_date_yields_to_the_transfers_own() -> None:
    """«Дата формирования справки» is when the certificate was made; the transfer's own date is labelled."""
    assert _details(CERTIFICATE).payment_date == "2026-03-07"


def test_an_issue_date_alone_is_still_the_documents_date() -> None:
    """With no other date labelled, the day the paper was made is the date the page has."""
    lines = [line for line in CERTIFICATE if not line.startswith("Дата и время")]
    assert _details(lines).payment_date == "2026-03-11"


def test_the_apps_brand_is_not_the_recipients_bank() -> None:
    """«Совкомбанк» over the title is the bank the payer sent from; the recipient's bank's caption went unread, so
    the bank is left empty rather than named after the app."""
    details = _details(BY_REQUISITES)
    assert details.bank_name is None
    assert details.bank_bic == "049205800"


def test_the_brand_does_not_hide_the_recipients_bank_under_its_caption() -> None:
    """The recipient's bank under its own caption is read as before, the brand over the page notwithstanding."""
    assert _details(CERTIFICATE).bank_name == "Почта Банк"


def test_the_recipients_bank_after_its_caption_behind_specks() -> None:
    """«КИ Банк получателя МТС Банк»: a photo's specks before the caption keep it from reading as a label; the name
    read off the line by its shape is the bank's alone, never its caption with it."""
    assert read_bank("КИ Банк получателя МТС Банк") == "МТС Банк"


def test_a_photos_specks_with_a_few_digits_over_the_brand_leave_it_the_brand() -> None:
    """The photo's background read as specks with a few digits («ОЕ 538 вы] satu») over «Т-Банк» holds no value
    yet: the brand still heads the page, and with the recipient's bank's row lost no bank is named."""
    lines = ["ВЯ | : : | т БВ О ОЕ 538 вы] satu", *(line for line in CERTIFICATE if "Почта Банк" not in line)]
    assert _details(lines).bank_name is None


def test_the_parties_after_a_photos_specks_are_read() -> None:
    """«| и Отправитель Соловьёв …», «СИ Получатель Андрей …»: a photo's margin read as a few letters before a
    party's caption, a person's name alone after it; the caption still opens the row."""
    lines = [
        "| и Отправитель Зайцев Дмитрий Викторович" if line.startswith("Отправитель") else line for line in CERTIFICATE
    ]
    lines = ["СИ Получатель Артём Викторович В." if line.startswith("Получатель") else line for line in lines]
    details = _details(lines)
    assert (details.payer_name, details.recipient_name) == ("Зайцев Дмитрий Викторович", "Артём Викторович В.")


def test_a_total_over_the_sum_sent_under_a_garbled_caption_is_not_the_amount() -> None:
    """«Итого Crmec aed 8 142.62 руб.» (for «Итого списано») under «Сумма переФода 8 062.00 руб.», the fee's line
    lost: what left the account is the sum sent and its fee, and the sum sent is the amount."""
    lines = [*BY_REQUISITES[:-1], "Сумма переФода 8 062.00 руб.", "Итого Crmec aed 8 142.62 руб. ;"]
    assert _details(lines).amount == "8062.00"


@pytest.mark.parametrize("ot", ["от", "ет", "eт"])
def test_a_purposes_document_date_after_a_blurred_ot_is_not_the_payments(ot: str) -> None:
    """«Оплата по счёту № 12 ет 12.02.2026» (blur read «от» as «ет»): the bill's day, never the payment's."""
    lines = [
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ",
        "ИНН 5171801916 КПП 517101001",
        "Получатель ПАО «Светлый Дом»",
        f"Оплата по счёту № 12 {ot} 12.02.2026 за товар. Сумма 649154-00",
    ]
    assert _details(lines).payment_date is None
