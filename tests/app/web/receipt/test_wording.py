"""The module's explanations in Russian: composed texts come out whole, English stays as the module said it."""

from __future__ import annotations

import pytest

from app.web.receipt.wording import explained


@pytest.mark.parametrize(
    ("text", "russian"),
    [
        ("quad covers 83% of the frame (contour)", "документ занимает 83% кадра (contour)"),
        ("x-height 21.5 px; resized ×1.40 to 1400×2000", "высота строчных 21.5 px; масштаб ×1.40, до 1400×2000"),
        ("skew 0.2° below 0.5°", "наклон 0.2° меньше 0.5°"),
        ("qr and ocr read the same", "qr и ocr прочитали одно и то же"),
        (
            "read 3834964078, which fails its check digits; 3834964079 is the only single OCR confusion that passes:"
            " compare it with the document",
            "прочитано 3834964078, что не сходятся контрольные цифры; 3834964079 — единственная замена одного символа,"
            " спутанного OCR, которая проходит проверку: сверьте с документом",
        ),
        (
            "recipient_inn fails its check digits or format; perhaps 3834964079",
            "ИНН: не сходятся контрольные цифры или формат; возможно, 3834964079",
        ),
        ("its key matches the БИК 047516946", "ключ сходится с БИК 047516946"),
    ],
)
def test_russian_phrase_by_phrase(text: str, russian: str) -> None:
    assert explained(text, "ru") == russian
    assert explained(text, "en") == text


def test_nothing_to_explain_is_empty() -> None:
    assert explained(None, "ru") == ""
