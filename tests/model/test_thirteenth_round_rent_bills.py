"""Classes the thirteenth round of ``bench/layouts`` showed on its rent bills (a landlord's bill for rent and metered
electricity, sent through a phone's scanning app), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import CheckStatus, Source

TENANTS_INN = "390610834404"
LANDLORDS_INN = "585730460269"

RENT_BILL = [
    "ИП Павлов Артём Николаевич",
    f"ИНН {LANDLORDS_INN}",
    "380340, г. Пермь, ул. Ленина, д. 83",
    "Р/с 40802810368216459690",
    "СЧЁТ № 214 от 01.09.2026",
    "за аренду нежилого помещения за сентябрь 2026 г.",
    f"Арендатор: ИП Морозов Михаил Николаевич, ИНН {TENANTS_INN}",
    "Договор аренды № 86/А от 2025-02-25",
    "Итого к оплате: 106 617,16",
]
"""A sole trader's rent bill (bench/layouts r13 rent-bill-with-meter): the landlord's name and ИНН atop it, the
tenant's under «Арендатор:»."""


def test_the_tenant_is_the_payer_and_his_inn_never_the_payees() -> None:
    """The scanning app's one-bit page lost the landlord's ИНН row: the tenant's ИНН, alone on the page behind a bare
    «ИНН», was verified by its check digits as the payee's (r13_invoice_05_photo)."""
    lines = [line for line in RENT_BILL if not line.startswith("ИНН")]
    details, checks = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    assert details.payer_name == "ИП Морозов Михаил Николаевич"
    assert details.recipient_inn is None or checks["recipient_inn"].status != CheckStatus.VERIFIED
    assert TENANTS_INN not in {c.value for c in extract_candidates(lines) if c.field == "recipient_inn"}


def test_the_landlords_inn_stays_the_payees_beside_the_tenants() -> None:
    details, _ = resolve(extract_candidates(RENT_BILL), classify(RENT_BILL), Source.OCR)
    assert details.recipient_inn == LANDLORDS_INN


@pytest.mark.parametrize("caption", ["Арендодатель:", "Арендодатель"])
def test_the_landlord_is_the_recipient(caption: str) -> None:
    lines = [f"{caption} ООО «Северный квартал»", "ИНН 7701234564", "Арендатор: ИП Морозов Михаил Николаевич"]
    assert {c.value for c in extract_candidates(lines) if c.field == "recipient_name"} == {"ООО «Северный квартал»"}
