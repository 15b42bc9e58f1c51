"""Classes the hard pages of rounds 9-15 of ``bench/layouts`` showed where the value stood in the OCR lines and the
parser lost it (a caption's letter read as its look-alike, a БИК row whose label blur garbled, a person's name one
reader read clean and the other with specks around it), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

from model.fields import classify, extract_candidates
from model.pooling import pool_readings
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, PaymentDetails, Source


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_a_bank_captioned_with_a_look_alike_letter_keeps_its_name() -> None:
    """A cash deposit slip's «Банк-получатель» read «Банк-получатёль» (Tesseract, bench/layouts r15_transfer_00_hard):
    the caption's word still ends before the bank's legal form, as the clean spelling does."""
    lines = ['Банк-получатёль - КУ КБ "НЕФТЯНОЙ АЛЬЯНС" (ПАО) - ГК "АСВ", БИК 044525994']
    assert _details(lines).bank_name == 'КУ КБ "НЕФТЯНОЙ АЛЬЯНС" (ПАО) - ГК "АСВ"'


def test_a_bik_row_whose_label_blur_garbled_is_no_wrapped_bank_name() -> None:
    """A bank's name ending in its legal form over the БИК's row, its label read «И»» (Tesseract, a photographed
    housing payment, bench/layouts r10_transfer_07_hard): a БИК's nine digits never go on a bank's name."""
    lines = [
        'Банк получателя "СЕВЕРСТРОЙБАНК” AO',
        "И» 041909707",
        "Корр. счёт 30101810300000000707",
    ]
    details = _details(lines)
    assert details.bank_name == '"СЕВЕРСТРОЙБАНК” АО'
    assert details.bank_bic == "041909707"


def test_a_bank_name_wrapped_after_its_legal_form_still_goes_on() -> None:
    """What the БИК row's rule must leave: a branch's name wrapped after «АО», its bank's quoted name on the next
    line."""
    lines = ['Банк получателя ФИЛИАЛ "ЕКАТЕРИНБУРГСКИЙ" АО', '"АЛЬФА-БАНК"', "БИК 046577964"]
    assert _details(lines).bank_name == 'ФИЛИАЛ "ЕКАТЕРИНБУРГСКИЙ" АО "АЛЬФА-БАНК"'


def _payer(value: str, source: Source) -> Candidate:
    return Candidate(field="payer_name", value=value, source=source, score=1.0)


def test_a_persons_name_one_reader_read_alone_beats_the_other_readers_specks_around_it() -> None:
    """Tesseract read a payer's row with a photo's specks on both sides of the name («Е Хех Кузнецов Михаил
    Викторович», bench/layouts r14_transfer_07_hard), Indra the name alone: both read the name, only one the specks."""
    first = [_payer("Е Хех Кузнецов Михаил Викторович", Source.OCR)]
    second = [_payer("Кузнецов Михаил Викторович", Source.INDRA)]
    details, checks = resolve(pool_readings(first, second), classify([]), Source.OCR)
    assert details.payer_name == "Кузнецов Михаил Викторович"
    assert checks["payer_name"].status == CheckStatus.UNVERIFIED


def test_a_sole_traders_form_around_a_name_is_no_speck() -> None:
    """«ИП» before the name is the payer's legal form, which the other reader dropped: the longer reading stays
    first."""
    first = [_payer("ИП Кузнецов Михаил Викторович", Source.OCR)]
    second = [_payer("Кузнецов Михаил Викторович", Source.INDRA)]
    details, _ = resolve(pool_readings(first, second), classify([]), Source.OCR)
    assert details.payer_name == "ИП Кузнецов Михаил Викторович"
