"""QR payloads parsed against the examples in shared/notes/payment-details.md; rendered codes decoded."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt
import pytest
import segno

from model.qr import decode_qr, parse_qr_payload
from model.schema import FIELD_NAMES, PaymentDetails

Image = npt.NDArray[np.uint8]

GOST_PAIRS = (
    "Name=ООО «Ромашка»|PersonalAcc=40702810938000000001|BankName=ПАО СБЕРБАНК|BIC=044525225"
    "|CorrespAcc=30101810400000000225|PayeeINN=7707083893|KPP=773601001|Sum=1234567"
    "|Purpose=Оплата по счёту 15"
)
GOST_FIELDS = {
    "document_type": "invoice",
    "currency": "RUB",
    "recipient_name": "ООО «Ромашка»",
    "recipient_account": "40702810938000000001",
    "bank_name": "ПАО СБЕРБАНК",
    "bank_bic": "044525225",
    "bank_corr_account": "30101810400000000225",
    "recipient_inn": "7707083893",
    "recipient_kpp": "773601001",
    "amount": "12345.67",
    "purpose": "Оплата по счёту 15",
}
GOST_UTF8 = ("ST00012|" + GOST_PAIRS).encode("utf-8")
GOST_CP1251 = ("ST00011|" + GOST_PAIRS).encode("cp1251")
GOST_KOI8 = ("ST00013|" + GOST_PAIRS).replace("«", '"').replace("»", '"').encode("koi8-r")  # KOI8-R has no «»
GOST_KOI8_FIELDS = GOST_FIELDS | {"recipient_name": 'ООО "Ромашка"'}

FISCAL = b"t=20190418T211655&s=3943.26&fn=9282000100072197&i=64318&fp=2918241905&n=1"
FISCAL_FIELDS = {
    "document_type": "cash_receipt",
    "currency": "RUB",
    "payment_date": "2019-04-18",
    "amount": "3943.26",
    "fiscal_drive_number": "9282000100072197",
    "fiscal_document_number": "64318",
    "fiscal_sign": "2918241905",
}


def gost(pairs: str, encoding_digit: str = "2", separator: str = "|") -> bytes:
    codec = {"1": "cp1251", "2": "utf-8", "3": "koi8-r"}[encoding_digit]
    return f"ST0001{encoding_digit}{separator}{pairs}".encode(codec)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [(GOST_UTF8, GOST_FIELDS), (GOST_CP1251, GOST_FIELDS), (GOST_KOI8, GOST_KOI8_FIELDS)],
)
def test_parse_qr_payload_reads_gost_in_each_encoding(payload: bytes, expected: dict[str, str]) -> None:
    parsed = parse_qr_payload(payload)
    assert parsed.kind == "payment"
    assert parsed.fields == expected
    assert expected["recipient_name"] in parsed.text


@pytest.mark.parametrize(("pairs", "separator", "expected"), [
    ("Sum=1234567", "|", {"amount": "12345.67"}),
    ("Sum=5", "|", {"amount": "0.05"}),
    ("Sum=100", "|", {"amount": "1.00"}),
    ("SUM=250000#bic=044525225", "#", {"amount": "2500.00", "bank_bic": "044525225"}),  # any separator, case
    ("Name=  ИП   Иванов И. И. |KPP=7736ab001", "|",
     {"recipient_name": "ИП Иванов И. И.", "recipient_kpp": "7736AB001"}),
    ("LastName=Иванов|FirstName=Иван|MiddleName=Иванович", "|", {"payer_name": "Иванов Иван Иванович"}),
    ("LastName=Иванов|PayerName=Петров П. П.", "|", {"payer_name": "Петров П. П."}),
    ("Sum=100|LastName=Иванов|PersAcc=2415499095", "|", {"amount": "1.00"}),  # a surname alone: no payer name
    ("PersonalAcc=4070281093800000000|BIC=044525225", "|", {"bank_bic": "044525225"}),  # 19 digits: dropped
    ("Sum=12.5|Purpose=Взнос", "|", {"purpose": "Взнос"}),  # not kopecks: dropped
    ("Purpose=a=b|garbage|=x", "|", {"purpose": "a=b"}),
])  # fmt: skip
def test_parse_qr_payload_maps_gost_fields(pairs: str, separator: str, expected: dict[str, str]) -> None:
    parsed = parse_qr_payload(gost(pairs, separator=separator))
    assert parsed.kind == "payment"
    assert parsed.fields == {"document_type": "invoice", "currency": "RUB", **expected}


@pytest.mark.parametrize(("payload", "expected"), [
    (FISCAL, FISCAL_FIELDS),
    (b"t=20240101T0930&s=3943&fn=9282000100072197&i=1&fp=42&n=2",
     FISCAL_FIELDS | {"payment_date": "2024-01-01", "amount": "3943.00", "fiscal_document_number": "1",
                      "fiscal_sign": "42"}),
    (b"fn=9282000100072197&fp=2918241905&i=64318&s=3943.26&t=20190418T211655", FISCAL_FIELDS),  # any order
    (b"t=20191345T2116&s=1.00&fn=12&i=1&fp=1",  # no such date, a short FN: dropped
     {"document_type": "cash_receipt", "currency": "RUB", "amount": "1.00", "fiscal_document_number": "1",
      "fiscal_sign": "1"}),
])  # fmt: skip
def test_parse_qr_payload_reads_fiscal_receipt(payload: bytes, expected: dict[str, str]) -> None:
    parsed = parse_qr_payload(payload)
    assert parsed.kind == "fiscal"
    assert parsed.fields == expected


@pytest.mark.parametrize("payload", [
    b"",
    b"https://example.com/pay?id=1",
    b"ST0001",
    b"ST00012",
    b"ST00012|",
    b"ST00019|Name=x",  # unknown encoding digit
    b"ST00012|Name|BIC",  # no pairs
    b"ST00012|Unknown=1|Other=2",
    b"t=20190418T211655&s=3943.26&fn=9282000100072197",  # no i, no fp
    "t=20190418T211655&s=1&fn=1&i=1&fp=1&n=1 ФН".encode(),
    b"\xff\xfe\x00garbage\x98",
])  # fmt: skip
def test_parse_qr_payload_returns_other_for_unknown_or_malformed(payload: bytes) -> None:
    parsed = parse_qr_payload(payload)
    assert parsed.kind == "other"
    assert parsed.fields == {}


def test_parse_qr_payload_fields_build_payment_details() -> None:
    for payload in (GOST_UTF8, GOST_CP1251, FISCAL):
        fields = parse_qr_payload(payload).fields
        assert set(fields) <= set(FIELD_NAMES)
        assert PaymentDetails.model_validate(fields).model_dump(exclude_none=True) == fields


def render(payload: bytes, module_px: int = 4) -> Image:
    """The code as black-on-white pixels with a 4-module quiet zone; bytes keep segno in byte mode, as-is."""
    code = segno.make(payload, error="m", micro=False)
    modules = np.array(code.matrix, dtype=np.uint8)
    quiet = np.pad(modules, 4)
    pixels = np.where(quiet == 1, 0, 255).astype(np.uint8)
    return np.kron(pixels, np.ones((module_px, module_px), dtype=np.uint8))


def page(codes: list[Image], size: tuple[int, int] = (1100, 800), angle: float = 0.0, scale: float = 1.0) -> Image:
    """A white BGR page with some text and the codes side by side, then turned and scaled like a photo."""
    height, width = size
    canvas = np.full((height, width, 3), 255, dtype=np.uint8)
    for row, line in enumerate(["INVOICE No 15", "Total 12345.67 RUB", "Pay within 5 days"]):
        cv2.putText(canvas, line, (40, 60 + 45 * row), cv2.FONT_HERSHEY_SIMPLEX, 1.1, (20, 20, 20), 2)
    left = 40
    for code in codes:
        side = code.shape[0]
        canvas[250 : 250 + side, left : left + side] = code[:, :, None]
        left += side + 30
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, scale)
    return np.asarray(
        cv2.warpAffine(canvas, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)),
        dtype=np.uint8,
    )


@pytest.mark.parametrize(("payload", "angle", "scale", "expected"), [
    (GOST_UTF8, 0.0, 1.0, GOST_FIELDS),
    (GOST_CP1251, 7.0, 0.9, GOST_FIELDS),
    (GOST_KOI8, -12.0, 1.1, GOST_KOI8_FIELDS),
    (FISCAL, 4.0, 0.8, FISCAL_FIELDS),
])  # fmt: skip
def test_decode_qr_reads_code_on_turned_page(
    payload: bytes, angle: float, scale: float, expected: dict[str, str]
) -> None:
    codes = decode_qr(page([render(payload)], angle=angle, scale=scale))
    assert [(code.kind, code.fields) for code in codes] == [(parse_qr_payload(payload).kind, expected)]


@pytest.mark.parametrize("convert", [None, cv2.COLOR_BGR2GRAY, cv2.COLOR_BGR2BGRA])
def test_decode_qr_accepts_grey_bgr_and_bgra(convert: int | None) -> None:
    image = page([render(GOST_CP1251)], angle=3.0)
    if convert is not None:
        image = np.asarray(cv2.cvtColor(image, convert), dtype=np.uint8)
    assert [code.fields for code in decode_qr(image)] == [GOST_FIELDS]


def test_decode_qr_reads_tiny_code() -> None:
    """Modules of 1.25 px: only the retry at 2x reads this one."""
    tiny = np.asarray(
        cv2.resize(render(FISCAL, module_px=5), None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA),
        dtype=np.uint8,
    )
    codes = decode_qr(page([tiny], size=(500, 400)))
    assert [code.fields for code in codes] == [FISCAL_FIELDS]
    assert decode_qr(page([tiny], size=(500, 400)), rescues=False) == []


def shaken(image: Image, length: int, degrees: float) -> Image:
    """A hand's shake: the image smeared along a line of ``length`` pixels at ``degrees``."""
    line = np.zeros((length, length), np.float32)
    line[length // 2, :] = 1
    centre = ((length - 1) / 2, (length - 1) / 2)
    kernel = cv2.warpAffine(line, cv2.getRotationMatrix2D(centre, degrees, 1.0), (length, length))
    return np.asarray(cv2.filter2D(image, -1, kernel / kernel.sum()), dtype=np.uint8)


@pytest.mark.parametrize("payload", [FISCAL, GOST_UTF8])
def test_decode_qr_reads_a_shaken_code_once_sharpened(payload: bytes) -> None:
    """Modules of 2 px smeared over 4: no reading of the image as it is, doubled or binarised finds this one."""
    image = shaken(page([render(payload, module_px=2)], size=(600, 500)), 4, 30)
    assert decode_qr(image) == [parse_qr_payload(payload)]


def test_decode_qr_returns_each_distinct_code_once() -> None:
    image = page([render(FISCAL), render(GOST_UTF8), render(FISCAL)], size=(700, 1400))
    codes = decode_qr(image)
    assert sorted(code.kind for code in codes) == ["fiscal", "payment"]


def test_decode_qr_returns_nothing_without_code() -> None:
    assert decode_qr(page([])) == []


@pytest.mark.parametrize("image", [np.zeros((50, 50), dtype=np.float32), np.zeros((50, 50, 2), dtype=np.uint8)])
def test_decode_qr_rejects_unsupported_image(image: npt.NDArray[np.generic]) -> None:
    with pytest.raises(ValueError, match="decode_qr needs"):
        decode_qr(image)  # type: ignore[arg-type]
