"""The web app's pure functions: amounts in kopecks, the GOST payment QR payload (decoded back by the module's own
QR parser, and from the rendered image by zxing), exports, and the language negotiation."""

from __future__ import annotations

import csv
import io
import json

import cv2
import numpy as np
import pytest
import segno

from app.web.i18n import negotiate
from app.web.receipt.payment import (
    FIELD_NAMES,
    IncompleteForQr,
    clean_details,
    details_csv,
    details_json,
    export_file_name,
    gost_payload,
    kopecks,
)
from model.qr import decode_qr, parse_qr_payload

DETAILS = {
    "recipient_name": "ООО «Белые ночи»",
    "recipient_inn": "3834964079",
    "recipient_kpp": "383401001",
    "recipient_account": "40702810641811051927",
    "bank_name": "АО «Банк Экспобанк»",
    "bank_bic": "047516946",
    "bank_corr_account": "30101810575160000946",
    "amount": "165.00",
    "purpose": "Оплата за аренду | квартиры\nза май",
}


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("165.00", 16500), ("0.01", 1), ("1234,5", 123450), ("1 234.50", 123450), ("7", 700), ("0.005", 0)],
)
def test_kopecks_of_amounts(amount: str, expected: int) -> None:
    assert kopecks(amount) == expected


@pytest.mark.parametrize("amount", ["", "abc", "-1.00", "NaN", "Infinity"])
def test_kopecks_refuses_what_is_not_an_amount(amount: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        kopecks(amount)


def test_gost_payload_reads_back_with_the_module_parser() -> None:
    payload = gost_payload(DETAILS)
    assert payload.startswith("ST00012|Name=ООО «Белые ночи»|PersonalAcc=40702810641811051927|BankName=")
    assert "|Sum=16500|" in payload
    assert "Purpose=Оплата за аренду / квартиры за май" in payload  # no separator or newline inside a value
    fields = parse_qr_payload(payload.encode("utf-8")).fields
    for name in ("recipient_inn", "recipient_kpp", "recipient_account", "bank_bic", "bank_corr_account", "amount"):
        assert fields[name] == DETAILS[name]


def test_gost_qr_image_decodes_to_the_payload() -> None:
    payload = gost_payload(DETAILS)
    qr = segno.make(payload, encoding="utf-8", error="m", micro=False)
    out = io.BytesIO()
    qr.save(out, kind="png", scale=6, border=4)
    image = cv2.imdecode(np.frombuffer(out.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    decoded = decode_qr(image)
    assert decoded and decoded[0].fields["recipient_account"] == DETAILS["recipient_account"]


@pytest.mark.parametrize(
    ("blank", "missing"),
    [
        ("bank_corr_account", ["bank_corr_account"]),
        ("recipient_name", ["recipient_name"]),
        ("bank_bic", ["bank_bic"]),
    ],
)
def test_gost_payload_names_the_missing_mandatory_fields(blank: str, missing: list[str]) -> None:
    with pytest.raises(IncompleteForQr) as refused:
        gost_payload(DETAILS | {blank: None})
    assert refused.value.missing == missing


def test_gost_payload_leaves_out_unknown_optional_fields() -> None:
    payload = gost_payload(DETAILS | {"recipient_kpp": None, "amount": None, "purpose": None})
    assert "KPP=" not in payload and "Sum=" not in payload and "Purpose=" not in payload


def test_clean_details_trims_and_blanks() -> None:
    details = clean_details({"recipient_inn": " 3834964079 ", "amount": "", "csrf_token": "x", "bank_bic": 5})
    assert details["recipient_inn"] == "3834964079"
    assert details["amount"] is None and details["bank_bic"] is None
    assert "csrf_token" not in details and list(details) == list(FIELD_NAMES)


def test_csv_export_has_a_bom_and_quotes_formulas() -> None:
    text = details_csv(clean_details(DETAILS | {"recipient_name": "=HYPERLINK(1)"}))
    assert text.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(text[1:])))
    assert header == list(FIELD_NAMES)
    assert row[header.index("recipient_name")] == "'=HYPERLINK(1)"
    assert row[header.index("amount")] == "165.00"


def test_csv_export_in_russian_splits_on_semicolons_with_a_decimal_comma() -> None:
    text = details_csv(clean_details(DETAILS | {"purpose": "Оплата; аренда"}), "ru")
    header, row = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert header == list(FIELD_NAMES)
    assert row[header.index("amount")] == "165,00"  # a number to Excel in a Russian locale, not a date
    assert row[header.index("purpose")] == "Оплата; аренда"  # quoted, one cell
    assert "," not in text.splitlines()[0]


@pytest.mark.parametrize(
    ("details", "name"),
    [
        (
            {"recipient_inn": "3834964079", "amount": "165.00", "payment_date": "2022-04-09"},
            "rekvizity-3834964079-165.00-2022-04-09.csv",
        ),
        ({"recipient_inn": "../../etc", "amount": None, "payment_date": None}, "rekvizity-etc.csv"),
        ({}, "rekvizity.csv"),
    ],
)
def test_export_file_name_says_whom_how_much_and_when(details: dict[str, str | None], name: str) -> None:
    assert export_file_name(details, "csv") == name


def test_json_export_keeps_cyrillic_and_the_checks() -> None:
    body = details_json(clean_details(DETAILS), {"recipient_inn": {"status": "verified"}})
    assert "ООО «Белые ночи»" in body
    assert json.loads(body)["checks"]["recipient_inn"]["status"] == "verified"


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
        ("en-GB,en;q=0.9,ru;q=0.8", "en"),
        ("de-DE,de;q=0.9,ru;q=0.5", "ru"),
        ("en;q=0.3,ru;q=0.6", "ru"),
        ("ru;q=0", "en"),
        ("fr", "en"),
        ("", "en"),
        (None, "en"),
        ("ru;q=abc, en", "en"),
    ],
)
def test_language_negotiation(header: str | None, language: str) -> None:
    assert negotiate(header) == language
