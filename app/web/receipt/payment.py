"""Payment details as the web app shows and exports them: field labels, exports, and the GOST R 56042-2014 payment QR.

Pure functions over plain mappings (the JSON the module API answers); the reading itself is the module API's job.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import segno

from app.web.receipt.checks import normalized


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
DIGIT_FIELDS = frozenset({"recipient_inn", "recipient_account", "bank_bic", "bank_corr_account"})
"""Fields of digits only: a phone offers its number pad for them."""
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
    """The details from a submitted form (or a stored record): every export field, blanks as None, trimmed, in the
    schema's format (a person types «165,00» and «09.04.2022»; the exports and the checks want 165.00, 2022-04-09)."""
    details: dict[str, str | None] = {}
    for name in FIELD_NAMES:
        value = form.get(name)
        text = value.strip() if isinstance(value, str) else None
        details[name] = normalized(name, text or None)
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


QR_QUIET_ZONE = 4
"""Modules of white around the code, as ISO/IEC 18004 asks: scanners find the finder squares by that margin."""


def _payment_qr(payload: str) -> segno.QRCode:
    """UTF-8 bytes, error correction M, as banking apps scan it best."""
    return segno.make(payload, encoding="utf-8", error="m", micro=False)


def payment_qr_svg(payload: str, title: str) -> str:
    """The QR as inline SVG with a viewBox and no fixed size, so CSS scales it whole (quiet zone included)."""
    svg: str = _payment_qr(payload).svg_inline(
        scale=1, title=title, dark="#000", light="#fff", border=QR_QUIET_ZONE, omitsize=True
    )
    return svg.replace("<svg ", '<svg shape-rendering="crispEdges" role="img" ', 1)


def payment_qr_png(payload: str) -> bytes:
    """The QR as a PNG to save or share: 10 px a module, sharp enough to print."""
    out = io.BytesIO()
    _payment_qr(payload).save(out, kind="png", scale=10, border=QR_QUIET_ZONE)
    return out.getvalue()


def qr_file_name(details: Mapping[str, str | None]) -> str:
    """``qr-oplata-3834964079-165.00.png``: whom and how much, in ASCII every file system and mail client keeps."""
    parts = ["qr-oplata", details.get("recipient_inn") or "", details.get("amount") or ""]
    return "-".join(part for part in parts if part) + ".png"


FISCAL_CHECK_URL = "https://kkt-online.nalog.ru/"
"""The Federal Tax Service's receipt check: it asks for ФН, ФД, ФП, the date, the total and the operation type."""


def fiscal_fields(details: Mapping[str, str | None]) -> dict[str, str] | None:
    """What a cash receipt's fiscal QR carries (fn, i, fp, s, t) for the tax service's check; None when incomplete."""
    keys = {
        "fn": "fiscal_drive_number",
        "i": "fiscal_document_number",
        "fp": "fiscal_sign",
        "s": "amount",
        "t": "payment_date",
    }
    found = {key: details.get(field) for key, field in keys.items()}
    if not all(found.get(key) for key in ("fn", "i", "fp")):
        return None
    return {key: value for key, value in found.items() if value}


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


CSV_DIALECTS: dict[str, tuple[str, str]] = {"ru": (";", ","), "en": (",", ".")}
"""Per interface language: the list separator and decimal mark its spreadsheet programs expect. Excel in a Russian
locale splits on ``;`` and reads ``165,00`` as a number (``1.05`` would become 1 May)."""


def details_csv(details: Mapping[str, str | None], language: str = "en") -> str:
    """One header row of field names and one row of values, in ``language``'s spreadsheet dialect; a BOM so
    spreadsheet programs read it as UTF-8."""
    separator, decimal_mark = CSV_DIALECTS.get(language, CSV_DIALECTS["en"])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(FIELD_NAMES)
    values = dict(details)
    if values.get("amount"):
        values["amount"] = str(values["amount"]).replace(".", decimal_mark)
    writer.writerow([_csv_cell(values.get(name)) for name in FIELD_NAMES])
    return "\ufeff" + out.getvalue()


def export_file_name(details: Mapping[str, str | None], extension: str) -> str:
    """``rekvizity-3834964079-165.00-2022-04-09.csv``: whom, how much and when, in ASCII every file system keeps."""
    parts = [
        "rekvizity",
        details.get("recipient_inn") or "",
        details.get("amount") or "",
        details.get("payment_date") or "",
    ]
    safe = [re.sub(r"[^0-9A-Za-z.]+", "-", part).strip("-.") for part in parts]
    return "-".join(part for part in safe if part) + "." + extension
