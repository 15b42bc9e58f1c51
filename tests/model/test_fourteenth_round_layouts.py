"""Classes the fourteenth round of ``bench/layouts`` showed on its bills (an internet provider's bill, a bar
association's bill, a ЕПД for housing), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import CheckStatus, PaymentDetails, Source
from model.values import without_enclosing_quotes

PROVIDERS_INN = "7020504200"
SUBSCRIBERS_INN = "3333640179"

PROVIDER_BILL_PHOTO = [
    "| 000 «СкайНет», AHH 7020504200, КПП 702001001, 145320, г. Екатеринбург. ул. Московская. д.66.Р/с "
    "40702810690952424246 в АО КБ `ХЛЫНОВ”. БИК 043304711, x/c",
    "| 30101810100000000711",
    "| СЧЁТ № C-27811 от 2026-06-07",
    f'| Абонент: ООО "Гранит", ИНН {SUBSCRIBERS_INN}',
    "Договор № 4255/19 Лицевой счёт: 824620062",
    "Итого к оплате: 1 589,00 руб.",
]
"""An internet provider's bill on a car's dashboard in sun stripes (bench/layouts r14 internet-provider-bill): the
provider's requisites in one running line under its logo, its «ИНН» read «AHH»; the subscriber's under
«Абонент:»."""

BAR_ASSOCIATION_BILL = [
    "НО «Коллегия адвокатов «Эгида» г. Екатеринбурга»",
    "ИНН 2401539379 КПП 240101001",
    "СЧЕТ № 195 от 20.03.2026",
    "Доверитель: Новиков Алексей Андреевич",
    "Итого к оплате: 100 000,00",
    "В назначении платежа указывать: «Оплата юридической помощи по соглашению № 263/26 от 27.01.2026 (адвокат",
    "Новиков М. С.). НДС не облагается»",
    "Председатель коллегии Козлов Е. Ю.",
]
"""A bar association's bill to its client (bench/layouts r14 bar-association-bill): «Доверитель» is the client, and
the purpose is quoted in the instruction to write it."""

HOUSING_BILL_HEAD = [
    "ЕДИНЫЙ ПЛАТЕЖНЫЙ ДОКУМЕНТ",
    "для внесения платы за жилое помещение и коммунальные услуги за ноябрь 2026",
    "Исполнитель услуг: Плательщик:",
    "ООО «УК Гранит» Волков Игорь Сергеевич",
    "ИНН 7551020239 КПП 755143001 Адрес: 164774, г. Воронеж, ул. Ленина, д. 86, кв. 145",
    "241543, г. Пермь, ул. Набережная, д. 119 Лицевой счёт: 73039487",
    "ИТОГО К ОПЛАТЕ: 8 117,86 руб.",
]
"""A ЕПД's head (bench/layouts r14 housing-epd-gost-qr): the company's column and the account holder's, read as one
line under both captions."""


def _resolved(lines: list[str]) -> tuple[PaymentDetails, dict[str, CheckStatus]]:
    details, checks = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details, {name: check.status for name, check in checks.items()}


def test_the_subscribers_inn_is_never_the_payees() -> None:
    """The only ИНН under a clean label was the subscriber's, verified by its check digits as the provider's
    (r14_invoice_01_photo, the round's one wrong value verified)."""
    lines = [line.replace("AHH 7020504200, ", "") for line in PROVIDER_BILL_PHOTO]
    details, _ = _resolved(lines)
    assert details.recipient_inn is None
    assert details.payer_name == 'ООО "Гранит"'


@pytest.mark.parametrize("caption", ["Абонент:", "Доверитель:", "Плательщик:", "Арендатор:"])
def test_an_inn_after_a_payers_caption_is_the_payers(caption: str) -> None:
    lines = ["СЧЁТ № 5 от 01.06.2026", f"{caption} ООО «Орбита», ИНН {SUBSCRIBERS_INN}", "Итого к оплате: 500,00"]
    assert SUBSCRIBERS_INN not in {c.value for c in extract_candidates(lines) if c.field == "recipient_inn"}


def test_an_inn_captioned_ahh_is_read_when_its_check_digits_pass() -> None:
    details, _ = _resolved(PROVIDER_BILL_PHOTO)
    assert details.recipient_inn == PROVIDERS_INN


def test_ten_digits_after_ahh_that_fail_the_check_digits_are_no_inn() -> None:
    lines = [line.replace("7020504200", "7020504201") for line in PROVIDER_BILL_PHOTO]
    assert {c.value for c in extract_candidates(lines) if c.field == "recipient_inn"} <= {SUBSCRIBERS_INN}
    assert _resolved(lines)[0].recipient_inn is None


def test_a_lawyers_client_is_the_payer() -> None:
    assert _resolved(BAR_ASSOCIATION_BILL)[0].payer_name == "Новиков Алексей Андреевич"


def test_the_purpose_the_bill_asks_to_write_is_the_purpose() -> None:
    """«В назначении платежа указывать: «…»» (6 of 6 missed, clean pages too): the quoted words, wrapped onto the
    next line, without the instruction's quotes."""
    assert _resolved(BAR_ASSOCIATION_BILL)[0].purpose == (
        "Оплата юридической помощи по соглашению № 263/26 от 27.01.2026 (адвокат Новиков М. С.). НДС не облагается"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Оплата по договору с ООО «Ромашка»»", "Оплата по договору с ООО «Ромашка»"),
        ('"Оплата по счёту № 5"', "Оплата по счёту № 5"),
        ("«Ромашка» и «Лютик»", "«Ромашка» и «Лютик»"),
        ('"Ромашка" и "Лютик"', '"Ромашка" и "Лютик"'),
        ("Оплата по счёту «5»", "Оплата по счёту «5»"),
    ],
)
def test_only_quotes_that_enclose_the_whole_are_dropped(text: str, expected: str) -> None:
    assert without_enclosing_quotes(text) == expected


def test_the_account_holder_in_a_housing_bills_right_column_is_the_payer() -> None:
    details, _ = _resolved(HOUSING_BILL_HEAD)
    assert details.payer_name == "Волков Игорь Сергеевич"
    assert details.recipient_name == "ООО «УК Гранит»"


def test_two_companies_under_two_captions_keep_their_columns() -> None:
    lines = ["Исполнитель: Заказчик:", "ООО «Вектор» АО «Орбита»", "Итого к оплате: 500,00"]
    found = {(c.field, c.value) for c in extract_candidates(lines)}
    assert {("recipient_name", "ООО «Вектор»"), ("payer_name", "АО «Орбита»")} <= found


def test_a_sole_traders_own_form_before_his_name_makes_no_first_column() -> None:
    """«ИП» and a full name under two captions is one party, the sole trader: not «ИП» paid by «Волков …»."""
    lines = ["Исполнитель: Заказчик:", "ИП Волков Игорь Сергеевич", "Итого к оплате: 500,00"]
    found = {(c.field, c.value) for c in extract_candidates(lines)}
    assert ("recipient_name", "ИП") not in found
    assert ("payer_name", "Волков Игорь Сергеевич") not in found
