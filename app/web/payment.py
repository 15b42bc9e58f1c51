"""Payment details as the web app shows and exports them: field labels, exports, and the GOST R 56042-2014 payment QR.

Pure functions over plain mappings (the JSON the module API answers), so the web app needs no import of ``model/``:
it is a client of the prediction API like any other.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import segno


@dataclass(frozen=True)
class FieldLabel:
    """How a field is named: as Russian payment documents print it, and a gloss for the English interface."""

    name: str
    ru: str
    en: str
    multiline: bool = False


FIELDS: tuple[FieldLabel, ...] = (
    FieldLabel("recipient_name", "Получатель", "Recipient"),
    FieldLabel("recipient_inn", "ИНН", "Taxpayer number"),
    FieldLabel("recipient_kpp", "КПП", "Tax registration reason code"),
    FieldLabel("recipient_account", "Р/с", "Settlement account"),
    FieldLabel("bank_name", "Банк получателя", "Recipient's bank"),
    FieldLabel("bank_bic", "БИК", "Bank identifier code"),
    FieldLabel("bank_corr_account", "К/с", "Correspondent account"),
    FieldLabel("amount", "Сумма", "Amount"),
    FieldLabel("currency", "Валюта", "Currency"),
    FieldLabel("payment_date", "Дата", "Date"),
    FieldLabel("purpose", "Назначение платежа", "Payment purpose", multiline=True),
    FieldLabel("payer_name", "Плательщик", "Payer"),
    FieldLabel("fiscal_drive_number", "ФН", "Fiscal drive number"),
    FieldLabel("fiscal_document_number", "ФД", "Fiscal document number"),
    FieldLabel("fiscal_sign", "ФП", "Fiscal sign"),
)
FIELD_NAMES: tuple[str, ...] = ("document_type", *(field.name for field in FIELDS))
"""The export's columns: the module's schema order."""

GOST_HEADER = "ST00012"
"""Format ST0001, encoding 2 = UTF-8, then ``|`` between ``Key=value`` pairs."""
GOST_REQUIRED: tuple[tuple[str, str], ...] = (
    ("Name", "recipient_name"),
    ("PersonalAcc", "recipient_account"),
    ("BankName", "bank_name"),
    ("BIC", "bank_bic"),
    ("CorrespAcc", "bank_corr_account"),
)
"""The standard's mandatory block, in its order."""
GOST_OPTIONAL: tuple[tuple[str, str], ...] = (("PayeeINN", "recipient_inn"), ("KPP", "recipient_kpp"))


class IncompleteForQr(ValueError):  # noqa: N818 - reads as what it is: details incomplete for a QR
    """A mandatory GOST field is empty; ``missing`` names the schema fields a person must fill in."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("missing for the payment QR: " + ", ".join(missing))
        self.missing = missing


def clean_details(form: Mapping[str, object]) -> dict[str, str | None]:
    """The details from a submitted form (or a stored record): every export field, blanks as None, trimmed."""
    details: dict[str, str | None] = {}
    for name in FIELD_NAMES:
        value = form.get(name)
        text = value.strip() if isinstance(value, str) else None
        details[name] = text or None
    return details


def kopecks(amount: str) -> int:
    """``"1234.50"`` (or ``"1234,5"``) → 123450; ValueError for what is not a non-negative amount."""
    try:
        value = Decimal(amount.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(f"not an amount: {amount!r}") from error
    if not value.is_finite() or value < 0:
        raise ValueError(f"not an amount: {amount!r}")
    return int((value * 100).to_integral_value())


def _gost_value(value: str) -> str:
    """``|`` separates pairs and has no escape in the standard: a value may not contain it; newlines neither."""
    return " ".join(value.replace("|", "/").split())


def gost_payload(details: Mapping[str, str | None]) -> str:
    """The GOST R 56042-2014 payload: header, mandatory block, then INN, KPP, Sum (kopecks) and Purpose if known."""
    missing = [field for _, field in GOST_REQUIRED if not details.get(field)]
    if missing:
        raise IncompleteForQr(missing)
    pairs = [(key, details[field]) for key, field in (*GOST_REQUIRED, *GOST_OPTIONAL)]
    amount = details.get("amount")
    if amount:
        pairs.append(("Sum", str(kopecks(amount))))
    pairs.append(("Purpose", details.get("purpose")))
    return "|".join([GOST_HEADER, *(f"{key}={_gost_value(value)}" for key, value in pairs if value)])


def payment_qr_svg(payload: str, title: str) -> str:
    """The QR as inline SVG (UTF-8 bytes, error correction M, as banking apps scan it best)."""
    qr = segno.make(payload, encoding="utf-8", error="m", micro=False)
    svg: str = qr.svg_inline(scale=4, title=title, dark="#000", light="#fff", border=4)
    return svg


def details_json(details: Mapping[str, str | None], checks: Mapping[str, object] | None = None) -> str:
    """The confirmed details as the JSON download: the fields, and the checks the model reported."""
    body: dict[str, object] = {"fields": {name: details.get(name) for name in FIELD_NAMES}}
    if checks:
        body["checks"] = dict(checks)
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _csv_cell(value: str | None) -> str:
    """Text a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is quoted with an apostrophe."""
    text = value or ""
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def details_csv(details: Mapping[str, str | None]) -> str:
    """One header row of field names and one row of values; a BOM so spreadsheet programs read it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELD_NAMES)
    writer.writerow([_csv_cell(details.get(name)) for name in FIELD_NAMES])
    return "\ufeff" + out.getvalue()
