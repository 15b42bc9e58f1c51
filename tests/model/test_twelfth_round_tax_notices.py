"""Classes the twelfth round of ``bench/layouts`` showed on its tax notices and treasury payments (a faxed
«НАЛОГОВОЕ УВЕДОМЛЕНИЕ» with its payment slip), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

TAXPAYERS_INN = "021765055914"
TREASURY_INN = "7727406020"


def _notice(payee_ids: str, greeting: str = "Уважаемый(ая) Андрей Викторович!") -> list[str]:
    """A tax notice as OCR reads its fax: the taxpayer's name over his bare «ИНН», the letter's salutation, and its
    slip, whose payee's «ИНН/КПП получателя» label OCR garbled."""
    return [
        "27.11.2026 03:38 FROM: +7 945 535-78-70 P.1/2",
        "Межрайонная ИФНС России № 11 по Тульской области",
        "Козлов Андрей Викторович",
        f"ИНН {TAXPAYERS_INN}",
        "НАЛОГОВОЕ УВЕДОМЛЕНИЕ № 27333899 от 17.07.2026",
        greeting,
        "Сообщаем, что Вам необходимо уплатить налоги за 2025 год в сумме, указанной ниже.",
        "Транспортный налог 244 п.с. 25 8 174,00",
        "Сумма к уплате: 16 302,00 руб.",
        "ПЛАТЁЖНЫЙ ДОКУМЕНТ (единый налоговый платёж)",
        "Получатель Казначейство России (ФНС России)",
        payee_ids,
        "Банк получателя ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области, г Тула",
        "БИК 017003983",
        "Номер счёта банка получателя (ЕКС) 40102810445370000059",
        "Номер казначейского счёта 03100643000000018500",
        "Плательщик Козлов Андрей Викторович",
        "Сумма платежа 16 302,00 руб.",
    ]


def _read(lines: list[str]) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines, Source.OCR), classify(lines), Source.OCR)


@pytest.mark.parametrize(
    "payee_ids",
    ["ИПШ/КПП получателя 7727406020 / 770801001", "MII] / KI получателя 7727406020 / 770601001"],
    ids=["label garbled", "label lost"],
)
def test_the_taxpayers_inn_under_his_name_is_never_the_payees(payee_ids: str) -> None:
    details, checks = _read(_notice(payee_ids))
    assert details.recipient_inn != TAXPAYERS_INN
    assert not (details.recipient_inn != TREASURY_INN and checks["recipient_inn"].status == CheckStatus.VERIFIED)


@pytest.mark.parametrize("greeting", ["Уважаемый(ая) Андрей Викторович!", "Добрый день!"], ids=["greeted", "slip"])
def test_the_addressees_inn_is_the_payers_by_the_name_the_page_gives_him(greeting: str) -> None:
    lines = _notice("ИНН/КПП получателя 7727406020 / 770801001", greeting)
    details, checks = _read(lines)
    assert (details.recipient_inn, checks["recipient_inn"].status) == (TREASURY_INN, CheckStatus.VERIFIED)
    assert TAXPAYERS_INN not in {c.value for c in extract_candidates(lines) if c.field == "recipient_inn"}


def test_an_inn_under_a_name_the_page_does_not_address_is_still_the_payees() -> None:
    lines = ["Козлов Андрей Викторович", f"ИНН {TAXPAYERS_INN}", "Плательщик Петров Иван Сергеевич"]
    assert TAXPAYERS_INN in {c.value for c in extract_candidates(lines) if c.field == "recipient_inn"}


def _confirmation(bank_rows: list[str]) -> list[str]:
    """Госуслуги's e-mail confirming a tax payment, its narrow column wrapping the treasury's bank."""
    return [
        "Госуслуги <no-reply@gosuslugi.ru>",
        "Платёж выполнен",
        "Назначение Единый налоговый платёж",
        "Получатель Казначейство России (ФНС России)",
        "ИНН / КПП 7727406020 / 770801001",
        "Счёт получателя 03100643000000018500",
        *bank_rows,
        "БИК 017003983",
        "Кор. счёт 40102810445370000059",
        "Плательщик Кузнецов Олег Сергеевич",
        "Сумма 7946,00 Р",
    ]


@pytest.mark.parametrize(
    "bank_rows",
    [
        ["Банк получателя ОТДЕЛЕНИЕ ТУЛА БАНКА", "РОССИИ//УФК по Тульской области,", "г Тула"],
        ["Банк получателя ОТДЕЛЕНИЕ ТУЛА БАНКА", "| РОССИИ//УФК по Тульской области,", "| г Тула"],
    ],
    ids=["wrapped", "margin bar"],
)
def test_the_treasurys_bank_is_read_to_its_end_over_its_wrapped_rows(bank_rows: list[str]) -> None:
    details, _ = _read(_confirmation(bank_rows))
    assert details.bank_name == "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г Тула"


def test_a_treasurys_region_wrapped_after_its_adjective_is_read_to_its_end() -> None:
    """«…//УФК ПО ЧУКОТСКОМУ» over «АВТОНОМНОМУ ОКРУГУ г. Анадырь»: the region's adjective waits for its noun."""
    rows = ["Банк получателя ОТДЕЛЕНИЕ АНАДЫРЬ БАНКА РОССИИ//УФК ПО ЧУКОТСКОМУ", "АВТОНОМНОМУ ОКРУГУ г. Анадырь"]
    details, _ = _read(_confirmation(rows))
    assert details.bank_name == "ОТДЕЛЕНИЕ АНАДЫРЬ БАНКА РОССИИ//УФК ПО ЧУКОТСКОМУ АВТОНОМНОМУ ОКРУГУ г. Анадырь"


def test_a_faxed_tax_notice_with_its_slip_is_a_bill() -> None:
    lines = [line for line in _notice("ИПШ/КПП получателя 7727406020 / 770801001") if "Уважаем" not in line]
    lines = [line.replace("Сумма к уплате", "Сумма к уплате!") for line in lines]
    assert classify(lines) == DocumentType.INVOICE


def test_a_payments_purpose_naming_a_tax_notice_makes_no_bill() -> None:
    lines = _confirmation(["Банк получателя ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области"])
    assert classify([*lines, "Назначение: налог по налоговому уведомлению № 27333899"]) == DocumentType.BANK_TRANSFER


def test_the_inn_of_a_pair_whose_inn_label_ocr_garbled_is_the_payees() -> None:
    details, checks = _read(_notice("ИПШ/КПП получателя 7727406020 / 770801001"))
    assert (details.recipient_inn, checks["recipient_inn"].status) == (TREASURY_INN, CheckStatus.VERIFIED)


@pytest.mark.parametrize("sum_read", ["16 302,00 руб.", "16 302,00 руб. т!", "16302.00 ₽"])
def test_a_sum_read_beside_the_payers_label_names_no_payer(sum_read: str) -> None:
    """On a photo the slip's two columns drift apart: its «Плательщик» is read beside the next row's sum, the name on
    the row above. A sum and its unit name nobody (its «руб» is no name's letters)."""
    lines = _notice("ИНН/КПП получателя 7727406020 / 770801001")[:-2]
    lines += ["yun Козлов Андрей Викторович", f"Плательщик {sum_read}", "Сумма платежа ee ant"]
    details, _ = _read(lines)
    assert details.payer_name is None or "302" not in details.payer_name


@pytest.mark.parametrize("greeting", ["Уважаемый(ая) Андрей Викторович!", "Уважаемый Андрей Викторович,"])
def test_the_person_a_notice_addresses_by_name_is_its_payer_where_the_slip_lost_him(greeting: str) -> None:
    """r12_invoice_01_photo and _05_photo: the photo shifted the slip's column, its «Плательщик» row read beside the
    next row's sum and the name beside «УИН»; the notice heads itself with the taxpayer it addresses."""
    lines = _notice("ИНН/КПП получателя 7727406020 / 770801001", greeting)[:-2]
    lines += ["УИН Козлов Андрей Викторович", "Плательщик 16 302,00 руб.", "Сумма платежа оао"]
    assert _read(lines)[0].payer_name == "Козлов Андрей Викторович"


def test_a_name_the_salutation_does_not_give_is_no_payer() -> None:
    lines = _notice("ИНН/КПП получателя 7727406020 / 770801001", "Уважаемый(ая) Иван Петрович!")[:-2]
    lines += ["УИН Козлов Андрей Викторович", "Плательщик 16 302,00 руб.", "Сумма платежа оао"]
    assert _read(lines)[0].payer_name is None
