"""Classes the thirteenth round of ``bench/layouts`` showed on its bills (a УПД of status 1 photographed, an ИП
landlord's rent bill), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import Candidate, DocumentType, PaymentDetails, Source

UPD_PHOTO = [
    "Универсальный ee | передаточный Статус: 1",
    "Счет-фактура «+ 2026-03-08 (1)",
    "Исправление № —— fie",
    "Продавец: OOO ——_— &",
    "Документ об ame Dame |2 № PSS or OE",
    "Покупатель: ООО чьё",
    "Г_ | р к оплато (9) о } . 92 354,16 | x 18 470,84 110 825,00 ]",
    "Руководитель оргаинзации Вопкоя С. A Главпый бухгаитер Морозов Н. А.",
    "Товар перейзд: кладовиияк Лебедев М, Ц. Товар получнл: _ __ Bannon А. В.",
    'Оплату просим производить по роквизатам: COC "Пекария у Дома", ИНН 5366720823, КПП 536601001, р/с '
    '40702510542966526451 в ФИЛИАЛ "СИРИУС" AD "АБ РОССИЯ“, БИК 040349050, к/с',
]
"""A УПД of status 1 (счёт-фактура and act in one) on the scanning app's one-bit page (bench/layouts r13
upd-status-1): its title garbled, its footer asks to pay to the seller's details."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_a_request_to_pay_to_the_sellers_details_makes_a_bill() -> None:
    """«Оплату просим производить по реквизитам: …» is a bill's own sentence: an invoice, not «other»."""
    assert classify(UPD_PHOTO) == DocumentType.INVOICE


def test_a_transfers_receipt_that_quotes_no_request_stays_a_transfer() -> None:
    lines = ["Чек по операции", "Перевод по СБП", "Сумма 1 000,00 ₽", "Сообщение получателю: за ремонт"]
    assert classify(lines) == DocumentType.BANK_TRANSFER


def _name(value: str, score: float, source: Source = Source.OCR) -> Candidate:
    return Candidate("recipient_name", value, source, score)


def test_a_signature_by_initials_is_the_person_the_head_names_in_full() -> None:
    """An ИП landlord's bill signed «Индивидуальный предприниматель Павлов А. Н.» under a head that names «ИП Павлов
    Артём Николаевич»: the signature, read alike by both readers, is the same person, named in full."""
    candidates = [
        _name("ИП Павлов Артём Николаевич 5 a ‘", 0.3),
        _name("Индивидуальный предприниматель Павлов А. Н.", 1.3),
        _name("ИП Павлов Артём Николаевич", 0.3, Source.INDRA),
        _name("Индивидуальный предприниматель Павлов А. Н.", 1.3, Source.INDRA),
    ]
    details, _ = resolve(candidates, DocumentType.INVOICE, Source.OCR)
    assert details.recipient_name == "ИП Павлов Артём Николаевич"


def test_initials_of_another_person_keep_their_reading() -> None:
    """«Павлов А. Н.» is not «Павлов Борис Николаевич»: a different first initial, another person."""
    candidates = [_name("ИП Павлов Борис Николаевич", 0.3), _name("Индивидуальный предприниматель Павлов А. Н.", 1.3)]
    details, _ = resolve(candidates, DocumentType.INVOICE, Source.OCR)
    assert details.recipient_name == "Индивидуальный предприниматель Павлов А. Н."
