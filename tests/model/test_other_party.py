"""Another party's valid identifier is never "verified" as the recipient's (issue 14, the trust contract): check
digits prove a number is an ИНН, a key that an account fits a БИК, not whose they are. When the page's first
reading of the recipient's number fails its rule and another number below it passes, the passing one won only for
passing, so it is shown ``unverified`` with the failed reading named, unless a source that could have differed (a
QR) reads it too. Lines are as OCR gives them: a 1C invoice whose seller's ИНН is misread by one digit, and the
buyer's valid ИНН on a «Покупатель» line whose label OCR lost (damaged corpus pages doc_0037 and doc_0082)."""

from __future__ import annotations

import pytest

from model.checks import account_control_key
from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

SELLER_INN, SELLER_INN_MISREAD, SELLER_KPP = "7707083893", "7707083898", "773601001"
BUYER_INN, BUYER_KPP = "5050029646", "505001001"
BIK, CORR = "044525593", "30101810200000000593"
ACCOUNT_BODY = "40702810001300000071"
ACCOUNT = ACCOUNT_BODY[:8] + str(account_control_key(ACCOUNT_BODY, BIK[6:])) + ACCOUNT_BODY[9:]
OTHER_BODY = "40702810938000012345"
OTHER_ACCOUNT = OTHER_BODY[:8] + str(account_control_key(OTHER_BODY, BIK[6:])) + OTHER_BODY[9:]
MISREAD_ACCOUNT = ACCOUNT[:8] + str((int(ACCOUNT[8]) + 1) % 10) + ACCOUNT[9:]


def _read(lines: list[str]) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines, Source.OCR), classify(lines), Source.OCR)


def _invoice(seller_inn: str, buyer_label: str) -> list[str]:
    """A 1C «Счёт на оплату» as Tesseract reads it: the bank grid, the parties, the buyer's label as OCR left it."""
    return [
        f'АО "АЛЬФА-БАНК" г. Москва                 БИК      {BIK}',
        f"                                          Сч. №    {CORR}",
        "Банк получателя",
        f"ИНН {seller_inn}   КПП {SELLER_KPP}            Сч. №    {ACCOUNT}",
        'ООО "Ромашка"',
        "Получатель",
        "Счет на оплату № 123 от 15 мая 2025 г.",
        f'Поставщик (Исполнитель): ООО "Ромашка", ИНН {seller_inn}, КПП {SELLER_KPP}, 123456, Москва г',
        f'{buyer_label} ООО "Лютик", ИНН {BUYER_INN}, КПП {BUYER_KPP}, 140000, Люберцы г',
        "Всего к оплате: 3 600,00",
    ]


_LOST_LABELS = ["Покупагель (Заказчик):", "Пкупатель (Заказчк):", "(Заказчик):", ""]


@pytest.mark.parametrize("buyer_label", _LOST_LABELS, ids=["г for т", "letters dropped", "role alone", "label lost"])
def test_the_buyers_valid_inn_is_not_verified_as_the_sellers_misread_one(buyer_label: str) -> None:
    details, checks = _read(_invoice(SELLER_INN_MISREAD, buyer_label))
    if details.recipient_inn == BUYER_INN:
        assert checks["recipient_inn"].status == CheckStatus.UNVERIFIED
        assert SELLER_INN_MISREAD in (checks["recipient_inn"].detail or "")
    assert checks["recipient_inn"].status != CheckStatus.VERIFIED
    assert not (details.recipient_kpp == BUYER_KPP and checks["recipient_kpp"].status == CheckStatus.VERIFIED)


@pytest.mark.parametrize("buyer_label", _LOST_LABELS, ids=["г for т", "letters dropped", "role alone", "label lost"])
def test_the_sellers_inn_read_right_stays_verified_beside_the_buyers(buyer_label: str) -> None:
    details, checks = _read(_invoice(SELLER_INN, buyer_label))
    assert (details.recipient_inn, checks["recipient_inn"].status) == (SELLER_INN, CheckStatus.VERIFIED)


@pytest.mark.parametrize(
    "other_party",
    [["ОФД: ООО «Такском» ИНН 7704211201"], ["Кассир Иванова ИНН 500100732259"]],
    ids=["ofd", "cashier"],
)
def test_a_cash_receipts_ofd_or_cashier_inn_is_not_verified_as_the_sellers(other_party: list[str]) -> None:
    receipt = ["ООО «Ромашка»", f"ИНН {SELLER_INN_MISREAD}", "КАССОВЫЙ ЧЕК", "Приход", "ИТОГО =50,00", *other_party]
    details, checks = _read(receipt)
    assert details.recipient_inn != SELLER_INN_MISREAD or checks["recipient_inn"].status == CheckStatus.INVALID
    assert checks["recipient_inn"].status != CheckStatus.VERIFIED


def _resolved(*candidates: Candidate) -> dict[str, FieldCheck]:
    return resolve(candidates, DocumentType.INVOICE)[1]


def _ocr(field: str, value: str, source: Source = Source.OCR) -> Candidate:
    return Candidate(field, value, source)


def test_the_payers_account_that_fits_the_bik_is_not_verified_for_the_payees_misread_one() -> None:
    bank = (_ocr("bank_bic", BIK), _ocr("bank_corr_account", CORR))
    checks = _resolved(*bank, _ocr("recipient_account", MISREAD_ACCOUNT), _ocr("recipient_account", OTHER_ACCOUNT))
    assert checks["recipient_account"].status == CheckStatus.UNVERIFIED
    assert MISREAD_ACCOUNT in (checks["recipient_account"].detail or "")


def test_two_readers_agreeing_on_another_partys_inn_do_not_tie_it_to_the_recipient() -> None:
    misread = _ocr("recipient_inn", SELLER_INN_MISREAD)
    both = (_ocr("recipient_inn", BUYER_INN), _ocr("recipient_inn", BUYER_INN, Source.INDRA))
    assert _resolved(misread, *both)["recipient_inn"].status == CheckStatus.UNVERIFIED


def test_the_payment_qr_ties_the_passing_number_to_the_recipient() -> None:
    read = (_ocr("recipient_inn", SELLER_INN_MISREAD), _ocr("recipient_inn", BUYER_INN))
    checks = _resolved(*read, _ocr("recipient_inn", BUYER_INN, Source.QR))
    assert (checks["recipient_inn"].status, checks["recipient_inn"].rule) == (CheckStatus.VERIFIED, "inn_check_digits")


@pytest.mark.parametrize(
    "failed",
    ["7707083894", "087707083893"],
    ids=["one digit apart", "a register's padding misread"],
)
def test_a_failed_reading_of_the_same_number_is_no_other_party(failed: str) -> None:
    check = _resolved(_ocr("recipient_inn", failed), _ocr("recipient_inn", SELLER_INN, Source.QR))["recipient_inn"]
    assert check.status == CheckStatus.VERIFIED
    check = _resolved(_ocr("recipient_inn", failed), _ocr("recipient_inn", SELLER_INN))["recipient_inn"]
    assert "won for passing" not in (check.detail or "")


def test_the_sellers_misread_inn_is_offered_repaired_over_the_buyers_that_passes() -> None:
    """A sole trader's 12-digit ИНН misread once has a single passing repair: that is a reading of the seller's
    label, so it is offered (``repaired``, compare it), not the buyer's number that passes as read."""
    supplier = "Поставщик (Исполнитель): ИП Захаров Борис Борисович, ИНН 510100732259, 140000, Люберцы г"
    lines = ["Счет на оплату № 7 от 3 июня 2025 г.", supplier, f'ООО "Лютик", ИНН {BUYER_INN}', "Всего к оплате: 1,00"]
    details, checks = _read(lines)
    assert (details.recipient_inn, checks["recipient_inn"].status) == ("500100732259", CheckStatus.REPAIRED)
    assert BUYER_INN in (checks["recipient_inn"].detail or "")


def test_damaged_invoice_readings_give_the_buyers_inn_no_verified_status() -> None:
    """doc_0082 of the damaged corpus with its page kept at size: OCR read the seller's 5408322765 as 4510911954 and
    5408522765, both failing, then the buyer's 1624367548, which passes."""
    readings = [_ocr("recipient_inn", value) for value in ("4510911954", "5408522765", "1624367548")]
    check = _resolved(*readings)["recipient_inn"]
    assert check.status == CheckStatus.UNVERIFIED
    assert "5408522765" in (check.detail or "")
