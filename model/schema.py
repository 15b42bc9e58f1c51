"""The payment-details schema: the one definition every backend, check, service and benchmark imports.

A field is ``None`` when the document does not show it. Values are normalised so that two readings of the same
document compare equal: identifiers are bare digits, ``amount`` is a decimal string with a dot and two places,
``payment_date`` an ISO date.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class DocumentType(StrEnum):
    BANK_TRANSFER = "bank_transfer"
    INVOICE = "invoice"
    CASH_RECEIPT = "cash_receipt"
    OTHER = "other"


class PaymentDetails(BaseModel):
    """Payment details of one document: who is paid, how much, for what. On a retail cash receipt the seller is the
    recipient. The descriptions say what each field means; they reach the OpenAPI document and the Qwen-VL prompt."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    document_type: DocumentType = Field(
        DocumentType.OTHER,
        description="bank_transfer (a bank's transfer confirmation or payment order), invoice (a bill to pay: "
        "счёт на оплату, ПД-4 or a utility bill), cash_receipt (a 54-ФЗ cash receipt), other",
    )
    recipient_name: str | None = Field(
        None,
        description="Who is paid, as printed (ООО «Ромашка», ИП Иванов И. И.): the payee of a transfer or invoice "
        "(Получатель, Поставщик), the seller on a cash receipt; never the payer, the buyer or a role in brackets",
    )
    recipient_inn: str | None = Field(
        None,
        pattern=r"^(\d{10}|\d{12})$",
        description="The recipient's ИНН: 10 digits for an organisation, 12 for an individual entrepreneur or a person",
    )
    recipient_kpp: str | None = Field(
        None,
        pattern=r"^\d{4}[\dA-Z]{2}\d{3}$",
        description="The recipient's КПП, 9 characters; organisations only: an individual entrepreneur has none",
    )
    recipient_account: str | None = Field(
        None,
        pattern=r"^\d{20}$",
        description="The recipient's account, 20 digits: its settlement account (р/с) at a bank, or on a budget "
        "payment (tax, госпошлина, fine) its казначейский счёт (03…)",
    )
    bank_name: str | None = Field(
        None,
        description="The recipient's bank (Банк получателя) as printed; not the bank of a card terminal's slip",
    )
    bank_bic: str | None = Field(
        None,
        pattern=r"^\d{9}$",
        description="The recipient's bank's БИК, 9 digits; on a budget payment the treasury office's (УФК, 00–02…)",
    )
    bank_corr_account: str | None = Field(
        None,
        pattern=r"^\d{20}$",
        description="The recipient's bank's correspondent account (к/с), 20 digits starting 301; on a budget payment "
        "the treasury office's единый казначейский счёт (ЕКС, 40102…), which stands in its place",
    )
    amount: str | None = Field(
        None,
        pattern=r"^\d+\.\d{2}$",
        description="The total due or paid, VAT included (Всего к оплате, Итого с НДС, ИТОГ on a receipt); never a "
        'subtotal before VAT, a VAT line, a fee or change. Decimal with a dot and two places, "1234.50"',
    )
    currency: str | None = Field(
        None,
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code: the one printed by the amount, else the country's (BYN where the payee's number "
        "is a Belarusian УНП, UAH where VAT is Ukraine's ПДВ), else RUB",
    )
    payment_date: str | None = Field(
        None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="The date of the payment or, where none is printed, of the document (an invoice's date); never "
        "a validity, due or print date. ISO yyyy-mm-dd",
    )
    purpose: str | None = Field(
        None,
        description="Purpose of payment (Назначение платежа) as printed; not an invoice's «Основание» (its contract)",
    )
    payer_name: str | None = Field(
        None, description="Who pays (Плательщик, Покупатель, отправитель of a transfer), as printed"
    )
    fiscal_drive_number: str | None = Field(
        None,
        pattern=r"^\d{16}$",
        description="ФН of a cash receipt: the fiscal drive's serial number, 16 digits starting with its model's "
        "code (87, 92, 99, 72, 73)",
    )
    fiscal_document_number: str | None = Field(
        None,
        pattern=r"^\d{1,10}$",
        description="ФД of a cash receipt: the fiscal document's number, at most 10 digits (a 32-bit number); "
        "compare as a number, since receipts print leading zeros that the fiscal QR drops",
    )
    fiscal_sign: str | None = Field(
        None,
        pattern=r"^\d{1,10}$",
        description="ФП (ФПД) of a cash receipt: the fiscal sign, at most 10 digits (a 32-bit number); compare as a "
        "number, like the ФД",
    )


FIELD_NAMES: tuple[str, ...] = tuple(PaymentDetails.model_fields)
"""Every field in schema order, ``document_type`` first."""

VALUE_FIELDS: tuple[str, ...] = FIELD_NAMES[1:]
"""The fields read from the document (all but ``document_type``)."""


class CheckStatus(StrEnum):
    """How far a value can be trusted; the contract is written down in docs/architecture.md ("Trust").

    ``verified`` only when a rule that could have failed confirmed the value; ``repaired`` when the extractor
    changed the reading to pass a rule, so a person must look; ``invalid`` when the value fails its rule;
    ``unverified`` when nothing could confirm or refute it (a name, a date, an amount no QR, sum in words or
    payment lines repeat).
    """

    VERIFIED = "verified"
    REPAIRED = "repaired"
    INVALID = "invalid"
    UNVERIFIED = "unverified"


class Source(StrEnum):
    """Where a value came from: ``ocr`` is Tesseract's reading of the page, ``indra`` the Indra OCR extra's (its own
    source, so that the two readers agreeing counts as two independent readings), ``pdf`` a PDF's text layer."""

    QR = "qr"
    MODEL = "model"
    OCR = "ocr"
    PDF = "pdf"
    INDRA = "indra"


OCR_SOURCES = frozenset({Source.OCR, Source.INDRA})
"""The readers of a page's pixels: they share OCR's failure modes (a lost kopeck, a ₽ read as "$")."""


class FieldBox(BaseModel):
    """Where on the uploaded document a value was read: a rectangle in coordinates normalised to the page."""

    model_config = ConfigDict(extra="forbid")

    page: int = Field(1, ge=1, description="The page it was read on, 1 for the first (a PDF may have several)")
    x: float = Field(ge=0, le=1, description="Left edge, as a fraction of the page's width (0: the left border)")
    y: float = Field(ge=0, le=1, description="Top edge, as a fraction of the page's height (0: the top border)")
    w: float = Field(ge=0, le=1, description="Width, as a fraction of the page's width")
    h: float = Field(ge=0, le=1, description="Height, as a fraction of the page's height")


class FieldCheck(BaseModel):
    """The verdict on one field: whether a rule confirmed it, and where it was read."""

    model_config = ConfigDict(use_enum_values=True)

    status: CheckStatus = Field(
        CheckStatus.UNVERIFIED,
        description="verified: a rule that could have failed confirmed it (for the recipient's numbers also whose they "
        "are, for the amount also that it is the total); repaired: changed to pass a rule, a person must look; "
        "invalid: fails its rule; unverified: nothing could confirm or refute it",
    )
    source: Source | None = Field(
        None,
        description="Where the chosen value was read: qr, pdf (a text layer), ocr (Tesseract), indra (Indra OCR), "
        "model",
    )
    rule: str | None = Field(
        None,
        description='The rule that decided the status ("inn_check_digits", "qr_agrees", "amount_in_words", '
        '"payment_lines"; "role_contested" or "role_untied" when whose a number is stays unknown…); null when none did',
    )
    detail: str | None = Field(None, description="What the rule found or what was repaired, for a person to read")
    box: FieldBox | None = Field(
        None,
        description="Where on the page the value is printed: the words it was read from (OCR's, or a PDF's text "
        "layer's), in fractions of the uploaded image as it is displayed (its EXIF orientation applied; a PDF's page "
        "as rendered), mapped back through the preprocessing (crop, turns, levelling, scaling). For a value from a QR "
        "code, the printed words that repeat it. Null when no reading shows the value (a QR's value printed nowhere "
        "or misread, a currency assumed, the vision-language model's answer)",
    )
    confidence: float | None = Field(
        None,
        ge=0,
        le=100,
        description="How sure the reading was of the words in box: the OCR's mean word confidence, 0-100 (above 90 "
        "is a clear print; under 60 a guess); 100 for a PDF's text layer, which is exact. Null with the box",
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of one field, before the checks choose between readings.

    ``value`` is already normalised to the schema's format (digits only, ``"1234.50"``, ISO date).
    """

    field: str
    value: str
    source: Source
    score: float = 1.0
    by_shape: bool = False
    """Found by its rule alone, with no label beside it (a lone 10-digit number whose check digit passes): the rule
    chose it, so it cannot also confirm it, and the number may be another field's (a receipt's ФП)."""
    named_whose: bool = False
    """Read where the page says whose number it is: under a label naming the recipient («ИНН получателя», «Счёт
    получателя»), in the rows of the recipient's block («Получатель: ООО …» over «ИНН …»), or in the recipient's cells
    of a form's grid (a payment order's, 1C's bank grid). A bare «ИНН» or «БИК» on a page naming several parties
    says only what kind of number it is (``model.roles``)."""
    kopecks_unread: bool = False
    """An amount read from text that shows no kopecks ("Итого 13 011 руб. 46.s0n-", the "46 коп." blurred past
    reading): its ".00" is not on the page, and a reading of the same roubles with kopecks overrides it. A printed
    "=1726.00" is read, and stands beside a "ВСЕГО =1726.92" that the register then rounded."""
    columns_misread: bool = False
    """An amount read as the last column of a form's total row whose columns do not add up («47 000,42 X 19 400,08
    56 400,57»: without tax, tax, with tax): a misread row, and its last column may be the misread one (``resolve``
    keeps it only where another reading repeats it)."""
    page: int = 1
    """The page of the document it was read on (its QR code's page for a code's): pages may be different documents'
    (``model.disagreements``)."""
