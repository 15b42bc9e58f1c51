"""Classes the thirteenth round of ``bench/layouts`` showed on its receipts (a self-employed's «Мой налог» receipt),
each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import DocumentType, PaymentDetails, Source

SELF_EMPLOYED_RECEIPT = [
    "Чек №20рбantxnl",
    "23.05.26 10:24(+03:00)",
    "Волков Михаил Сергеевич",
    "Наименование Сумма",
    "1. Уборка квартиры 6 300,00 P",
    "2. Выезд мастера 1 100,00 P",
    "Итого: 7 400,00 P",
    "Режим НО НПД",
    "ИНН 120411774239",
    "Покупатель Физическое лицо",
    "Чек сформировал Мой налог",
    "Сформирован 23 мая 2026 г.",
]
"""A self-employed's receipt from the tax service's app (bench/layouts r13 self-employed-npd-receipt): no register,
no labels over the seller's name, a buyer who is a person the receipt does not name."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_a_self_employed_receipt_is_a_cash_receipt() -> None:
    """No ФН, no ККТ: «Чек сформировал Мой налог» and «Режим НО НПД» say it is a receipt of a sale made."""
    assert classify(SELF_EMPLOYED_RECEIPT) == DocumentType.CASH_RECEIPT


def test_a_self_employed_receipt_names_its_seller_under_its_time() -> None:
    details = _details(SELF_EMPLOYED_RECEIPT)
    assert details.recipient_name == "Волков Михаил Сергеевич"
    assert details.recipient_inn == "120411774239"


def test_a_buyer_who_is_a_private_person_names_no_payer() -> None:
    """«Покупатель Физическое лицо» is the buyer's category: no payer's name."""
    assert _details(SELF_EMPLOYED_RECEIPT).payer_name is None


def test_a_company_buying_from_a_self_employed_is_the_payer() -> None:
    lines = [line.replace("Физическое лицо", "ООО «Вектор»") for line in SELF_EMPLOYED_RECEIPT]
    assert _details(lines).payer_name == "ООО «Вектор»"


def test_a_full_name_under_a_time_on_another_receipt_is_no_seller() -> None:
    """Only the «Мой налог» receipt names its seller so: elsewhere a name under a time may be a cashier's."""
    lines = [line for line in SELF_EMPLOYED_RECEIPT if "НПД" not in line and "Мой налог" not in line]
    assert not [c for c in extract_candidates(lines) if c.field == "recipient_name"]
