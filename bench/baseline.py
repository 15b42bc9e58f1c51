"""The baseline a developer would write in an afternoon: raw Tesseract on the unprocessed image, then regexes.

It exists to be beaten: the benchmark runs it on the same corpus in the same run, so the README's "+N F1 over the
baseline" is measured, not claimed. It deliberately uses none of the pipeline's parts (no preprocessing, no QR, no
label look-alikes, no check digits).
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from model.tesseract import engine

_PATTERNS: dict[str, re.Pattern[str]] = {
    "recipient_inn": re.compile(r"ИНН\D{0,5}(\d{10}|\d{12})\b"),
    "recipient_kpp": re.compile(r"КПП\D{0,5}(\d{9})\b"),
    "bank_bic": re.compile(r"БИК\D{0,5}(\d{9})\b"),
    "recipient_account": re.compile(r"\b(40[5-8]\d{17})\b"),
    "bank_corr_account": re.compile(r"\b(30101\d{15})\b"),
    "amount": re.compile(r"(?:Итого|ИТОГ|Сумма)\D{0,20}(\d[\d ]*[.,]\d{2})", re.IGNORECASE),
    "payment_date": re.compile(r"\b(\d{2})\.(\d{2})\.(\d{4})\b"),
    "recipient_name": re.compile(r"Получатель:?\s+(.+)"),
    "fiscal_drive_number": re.compile(r"ФН\D{0,5}(\d{16})\b"),
    "fiscal_document_number": re.compile(r"ФД\D{0,5}(\d{1,10})\b"),
    "fiscal_sign": re.compile(r"ФП\D{0,5}(\d{1,10})\b"),
}


def baseline_extract(image_bgr: np.ndarray) -> tuple[dict[str, str | None], str]:
    """Fields found by plain regexes over Tesseract's default page segmentation, and the OCR text."""
    api = engine(psm=3)
    api.SetImage(Image.fromarray(np.ascontiguousarray(image_bgr[:, :, ::-1])))
    text = api.GetUTF8Text()
    fields: dict[str, str | None] = {}
    for name, pattern in _PATTERNS.items():
        match = pattern.search(text)
        if match is None:
            fields[name] = None
        elif name == "payment_date":
            fields[name] = f"{match[3]}-{match[2]}-{match[1]}"
        elif name == "amount":
            fields[name] = f"{float(match[1].replace(' ', '').replace(',', '.')):.2f}"
        else:
            fields[name] = match[1].strip()
    fields["currency"] = "RUB" if fields["amount"] else None
    return fields, text
