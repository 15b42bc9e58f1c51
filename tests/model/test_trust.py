"""The trust contract (docs/architecture.md, "Trust"): ``verified`` only when a rule that could have failed confirmed
the value. One row per failure class seen on real documents (issue 14), each of which once came back "valid"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from model.quality import LOW_CONFIDENCE
from model.resolve import doubted_when_read_unsure, resolve
from model.schema import VALUE_FIELDS, Candidate, CheckStatus, DocumentType, FieldCheck, Source
from model.values import GARBLED_INN

INN_ORG = "7707083893"
INN_IP = "500100732259"
BIK = "044525225"
CORR = "30101810400000000225"
UNLISTED_BIK, UNLISTED_CORR = "044525256", "30101810000000000256"
"""Росбанк's БИК and к/с, which pass their keys but are not in the Bank of Russia's БИК directory of 2026-04-17."""
TODAY = date.today().isoformat()
FD = "fiscal_document_number"
FN = "fiscal_drive_number"


def _checks(*candidates: Candidate) -> tuple[dict[str, str | None], dict[str, FieldCheck]]:
    details, checks = resolve(candidates, DocumentType.INVOICE)
    return details.model_dump(), checks


def _ocr(field: str, value: str) -> Candidate:
    return Candidate(field, value, Source.OCR)


def _qr(field: str, value: str) -> Candidate:
    return Candidate(field, value, Source.QR)


@pytest.mark.parametrize(
    ("candidates", "field", "value", "status", "rule"),
    [
        # a 12-digit ИНН misread in one digit: repaired only when no other single misread passes, never verified
        ((_ocr("recipient_inn", "500100732258"),), "recipient_inn", INN_IP, "repaired", "inn_check_digits"),
        ((_ocr("recipient_inn", "201417776312"),), "recipient_inn", "201417776312", "invalid", "inn_check_digits"),
        # a repaired identifier that another source reads the same is no longer a guess
        (
            (_ocr("recipient_inn", "500100732258"), _qr("recipient_inn", INN_IP)),
            "recipient_inn",
            INN_IP,
            "verified",
            "inn_check_digits",
        ),
        # dates have no check digits: whichever date of the page was taken, only a QR can confirm it
        ((_ocr("payment_date", TODAY),), "payment_date", TODAY, "unverified", "plausible_date"),
        ((_ocr("payment_date", TODAY), _qr("payment_date", TODAY)), "payment_date", TODAY, "verified", "qr_agrees"),
        (
            (_ocr("payment_date", (date.today() + timedelta(days=40)).isoformat()),),  # «Оплатить не позднее …»
            "payment_date",
            (date.today() + timedelta(days=40)).isoformat(),
            "invalid",
            "plausible_date",
        ),
        # names, purposes and amounts: no rule refutes them, so only another source can confirm them
        ((_ocr("recipient_name", "ИП Иванов И. И."),), "recipient_name", "ИП Иванов И. И.", "unverified", None),
        ((_ocr("purpose", "Оплата по счёту 15"),), "purpose", "Оплата по счёту 15", "unverified", None),
        ((_ocr("amount", "1000.00"),), "amount", "1000.00", "unverified", None),
        ((_ocr("amount", "1200.00"), _qr("amount", "1200.00")), "amount", "1200.00", "verified", "qr_agrees"),
        ((_ocr("amount", "1000.00"), _ocr("amount", "1000.00")), "amount", "1000.00", "unverified", None),
        ((_ocr("currency", "RUB"), _qr("currency", "RUB")), "currency", "RUB", "unverified", None),
        # a КПП beside an ИП's ИНН is another party's (the buyer's): dropped, and the check says why
        (
            (_ocr("recipient_inn", INN_IP), _ocr("recipient_kpp", "773601001")),
            "recipient_kpp",
            None,
            "unverified",
            "ip_has_no_kpp",
        ),
        # a КПП's tax office agreeing with a verified ИНН checks digits 1–4 only: a misread serial passes it too
        (
            (_ocr("recipient_inn", INN_ORG), _ocr("recipient_kpp", "770701001")),
            "recipient_kpp",
            "770701001",
            "unverified",
            "kpp_tax_office",
        ),
        (
            (_ocr("recipient_inn", INN_ORG), _ocr("recipient_kpp", "770701001"), _qr("recipient_kpp", "770701001")),
            "recipient_kpp",
            "770701001",
            "verified",
            "qr_agrees",
        ),
        ((_ocr("recipient_kpp", "770701001"),), "recipient_kpp", "770701001", "unverified", "kpp_shape"),
        (
            (_ocr("recipient_inn", "7707083894"), _ocr("recipient_kpp", "770701001")),  # the ИНН fails its digits
            "recipient_kpp",
            "770701001",
            "unverified",
            "kpp_shape",
        ),
        # a БИК: the к/с confirms its last five digits only; the БИК directory the whole БИК, with the к/с or name
        (
            (_ocr("bank_bic", UNLISTED_BIK), _ocr("bank_corr_account", UNLISTED_CORR)),
            "bank_bic",
            UNLISTED_BIK,
            "unverified",
            None,
        ),
        ((_ocr("bank_bic", BIK), _ocr("bank_corr_account", CORR)), "bank_bic", BIK, "verified", "bik_directory"),
        ((_ocr("bank_bic", BIK), _ocr("bank_name", "Сбербанк")), "bank_name", "Сбербанк", "verified", "bik_directory"),
        ((_ocr("bank_bic", BIK), _ocr("bank_name", "ПАО Сбербанк")), "bank_bic", BIK, "verified", "bik_directory"),
        (
            (_ocr("bank_bic", "045525225"), _ocr("bank_corr_account", CORR)),
            "bank_bic",
            BIK,
            "repaired",
            "bik_directory",
        ),
        ((_ocr("bank_bic", BIK),), "bank_bic", BIK, "unverified", "bik_shape"),
        ((_ocr("bank_bic", BIK), _qr("bank_bic", BIK)), "bank_bic", BIK, "verified", "qr_agrees"),
        ((_ocr("bank_bic", BIK), _ocr("bank_corr_account", CORR)), "bank_corr_account", CORR, "verified", None),
    ],
)
def test_status_means_what_it_says(
    candidates: tuple[Candidate, ...], field: str, value: str | None, status: str, rule: str | None
) -> None:
    details, checks = _checks(*candidates)
    assert details[field] == value
    assert checks[field].status == status
    if rule is not None:
        assert checks[field].rule == rule
    assert checks[field].detail, "every decided field says why in words"


@pytest.mark.parametrize(
    ("candidates", "field", "value", "status"),
    [
        # ФД and ФП: receipts print leading zeros, the QR drops them; agreement with the QR verifies
        ((_ocr(FD, "0000064318"), _qr(FD, "64318")), FD, "64318", "verified"),
        ((_ocr("fiscal_sign", "0918241905"), _qr("fiscal_sign", "918241905")), "fiscal_sign", "918241905", "verified"),
        ((_ocr("fiscal_sign", "2918241905"),), "fiscal_sign", "2918241905", "unverified"),
        ((_ocr("fiscal_sign", "4918241905"),), "fiscal_sign", "4918241905", "invalid"),  # over 32 bits: misread
        # a digit dropped from ФД: corrected only because the QR says so, and the check names the printed reading
        ((_ocr(FD, "6438"), _qr(FD, "64318")), FD, "64318", "unverified"),
        # ФН: 16 digits with a drive's prefix is its shape; only the QR confirms it
        ((_ocr("fiscal_drive_number", "9282000100072197"),), "fiscal_drive_number", "9282000100072197", "unverified"),
        ((_ocr("fiscal_drive_number", "1282000100072197"),), "fiscal_drive_number", "1282000100072197", "invalid"),
        (
            (_ocr("fiscal_drive_number", "9282000100072197"), _qr("fiscal_drive_number", "9282000100072197")),
            "fiscal_drive_number",
            "9282000100072197",
            "verified",
        ),
        (
            (_ocr("fiscal_drive_number", "9282000100072191"), _qr("fiscal_drive_number", "9282000100072197")),
            "fiscal_drive_number",
            "9282000100072197",
            "unverified",
        ),
    ],
)  # fmt: skip
def test_fiscal_numbers_are_verified_only_by_the_receipts_qr(
    candidates: tuple[Candidate, ...], field: str, value: str, status: str
) -> None:
    details, checks = _checks(*candidates)
    assert (details[field], checks[field].status) == (value, status)
    if len(candidates) > 1 and status != "verified":
        assert f"other sources read {candidates[0].value}" in (checks[field].detail or "")


@pytest.mark.parametrize("field", VALUE_FIELDS)
def test_a_single_reading_without_check_digits_is_never_verified(field: str) -> None:
    """Whatever a lone OCR reading of a field without check digits says, nothing confirmed it."""
    values = {
        "recipient_name": "ООО «Ромашка»",
        "recipient_inn": "7707083894",
        "recipient_kpp": "773601001",
        "recipient_account": "40702810938000000001",
        "bank_name": "ПАО СБЕРБАНК",
        "bank_bic": BIK,
        "bank_corr_account": CORR,
        "amount": "1234.50",
        "currency": "RUB",
        "payment_date": TODAY,
        "purpose": "Оплата",
        "payer_name": "Иванов И. И.",
        "fiscal_drive_number": "9282000100072197",
        "fiscal_document_number": "64318",
        "fiscal_sign": "2918241905",
    }
    _, checks = _checks(_ocr(field, values[field]))
    assert checks[field].status != CheckStatus.VERIFIED


@pytest.mark.parametrize(
    ("field", "reading"),
    [
        ("fiscal_drive_number", "928200010007219"),  # a digit dropped
        ("fiscal_drive_number", "92820001000721977"),  # a digit added
        ("fiscal_sign", "29182419051"),  # 11 digits: no 32-bit number
        ("fiscal_document_number", "00000643180"),
    ],
)
def test_a_fiscal_number_with_a_digit_dropped_or_added_is_invalid_and_left_empty(field: str, reading: str) -> None:
    details, checks = _checks(_ocr(field, reading))
    assert details[field] is None
    assert checks[field].status == CheckStatus.INVALID
    assert f"read {reading} ({len(reading)} digits)" in (checks[field].detail or "")


def test_the_receipts_qr_supplies_a_fiscal_number_the_print_misshaped() -> None:
    details, checks = _checks(_ocr(FN, "928200010007219"), _qr(FN, "9282000100072197"))
    assert details[FN] == "9282000100072197"
    assert checks[FN].status == CheckStatus.UNVERIFIED  # the print read otherwise: nothing agrees with the QR


def test_check_digits_do_not_verify_a_value_another_reading_of_the_same_number_contradicts() -> None:
    """A blurred р/с read twice, its 3s as 5s both times and the second time its last digit too: the second reading
    passes the key with the БИК (a key mod 10 passes one misreading in ten), the first fails it. Their
    disagreement shows the page is unsure of those digits, so the key alone does not verify the value."""
    bik = "044525225"
    read_twice = [_ocr("recipient_account", "40702810755420159153"), _ocr("recipient_account", "40702810755420159155")]
    details, checks = _checks(_ocr("bank_bic", bik), *read_twice)
    assert details["recipient_account"] == "40702810755420159155"
    assert checks["recipient_account"].status == "unverified"
    assert "40702810755420159153" in (checks["recipient_account"].detail or "")


def test_another_partys_number_read_for_the_field_contests_its_role_not_its_digits() -> None:
    """The payer's account at the same bank differs in most digits: another number, not a misreading, so the page is
    not unsure of the digits; but both pass the key with the БИК, and where nothing says whose the chosen one is, the
    person is asked to look (``model.roles``). Read under the recipient's own label, beside a к/с that confirms the
    БИК its key used, it stays verified."""
    bik = "044525225"
    payee, payer = "40702810938000000001", "40702810638000123453"
    details, checks = _checks(_ocr("bank_bic", bik), _ocr("recipient_account", payee), _ocr("recipient_account", payer))
    assert details["recipient_account"] == payee
    check = checks["recipient_account"]
    assert (check.status, check.rule) == ("unverified", "role_contested")
    assert payer in (check.detail or "") and "OCR also read" not in (check.detail or "")
    labelled = Candidate("recipient_account", payee, Source.OCR, named_whose=True)
    _, checks = _checks(
        _ocr("bank_bic", bik), _ocr("bank_corr_account", CORR), labelled, _ocr("recipient_account", payer)
    )
    assert (checks["recipient_account"].status, checks["recipient_account"].rule) == ("verified", "account_key_bik")


def test_a_number_found_by_its_check_digit_alone_is_not_verified_by_it() -> None:
    """A lone 10-digit number with no ИНН label was picked for passing the check digit: the check cannot confirm it."""
    found = Candidate("recipient_inn", INN_ORG, Source.OCR, 0.3, by_shape=True)
    details, checks = _checks(found)
    assert details["recipient_inn"] == INN_ORG
    assert (checks["recipient_inn"].status, checks["recipient_inn"].rule) == (
        CheckStatus.UNVERIFIED,
        "inn_check_digits",
    )
    labelled = _ocr("recipient_inn", INN_ORG)
    assert _checks(labelled)[1]["recipient_inn"].status == CheckStatus.VERIFIED  # with its label it is verified
    assert _checks(found, _qr("recipient_inn", INN_ORG))[1]["recipient_inn"].status == CheckStatus.VERIFIED


def test_a_receipts_fiscal_sign_is_not_taken_for_the_inn() -> None:
    """One number, one role: a receipt's ФП printed alone on its line passes an ИНН's check digit one time in ten
    (seen: ФП 3456425277 came back as the seller's ИНН, verified)."""
    fiscal_sign = "3456425277"
    found = Candidate("recipient_inn", fiscal_sign, Source.INDRA, 0.3, by_shape=True)
    details, checks = _checks(found, Candidate("fiscal_sign", fiscal_sign, Source.INDRA))
    assert details["recipient_inn"] is None and details["fiscal_sign"] == fiscal_sign
    assert checks["recipient_inn"].status == CheckStatus.UNVERIFIED
    labelled = Candidate("recipient_inn", fiscal_sign, Source.INDRA)  # a labelled reading keeps its place
    assert _checks(labelled, Candidate("fiscal_sign", fiscal_sign, Source.INDRA))[0]["recipient_inn"] == fiscal_sign


def test_a_templates_zero_requisites_are_not_verified() -> None:
    """A 1C template rendered with «ИНН 0000000000 КПП 000000000» (bench/real): zeros pass the check digits and the
    КПП's tax office matches, but no tax office issued an ИНН of region 00."""
    details, checks = _checks(_ocr("recipient_inn", "0000000000"), _ocr("recipient_kpp", "000000000"))
    assert details["recipient_inn"] == "0000000000"
    assert checks["recipient_inn"].status == CheckStatus.INVALID
    assert checks["recipient_kpp"].status != CheckStatus.VERIFIED


def test_a_bik_of_no_kinds_shape_is_not_repaired_into_one() -> None:
    """A template's БИК 987654321: changing its first digit to make it a Bank of Russia client's (287654321) is a
    guess that fits a shape, not a repair a check confirms."""
    details, checks = _checks(_ocr("bank_bic", "987654321"))
    assert details["bank_bic"] == "987654321"
    assert checks["bank_bic"].status == CheckStatus.INVALID


def test_two_readers_agreeing_on_a_number_no_label_names_do_not_verify_it_as_the_inn() -> None:
    """Both readers read a СберБанк receipt's «Номер документа» 4006848901, which passes a 10-digit ИНН's check digit:
    their agreement confirms the digits, not that the number is the payee's ИНН (bench/real, pooled)."""
    by_tesseract = Candidate("recipient_inn", "4006848901", Source.OCR, 0.3, by_shape=True)
    by_indra = Candidate("recipient_inn", "4006848901", Source.INDRA, 0.3, by_shape=True)
    _, checks = _checks(by_tesseract, by_indra)
    assert checks["recipient_inn"].status == CheckStatus.UNVERIFIED
    labelled = Candidate("recipient_inn", "4006848901", Source.INDRA)
    assert _checks(by_tesseract, labelled)[1]["recipient_inn"].status == CheckStatus.VERIFIED


@pytest.mark.parametrize(
    ("kpps", "status"),
    [
        (["770901001"], CheckStatus.UNVERIFIED),  # 7709 beside ИНН 7707…: one digit apart, one of them misread
        (["770901001", "770701001"], CheckStatus.VERIFIED),  # the ИНН's own office is read too
        (["775001001"], CheckStatus.VERIFIED),  # a large taxpayer's office: another office altogether
        ([], CheckStatus.VERIFIED),
    ],
)
def test_an_inn_whose_kpp_names_an_office_one_digit_away_is_not_verified(kpps: list[str], status: str) -> None:
    """A blurred 1C invoice: ИНН 5013655959 read as 6015658989, which passes its check digits (one misreading in
    eleven does), beside КПП 501301001 read as 601901001."""
    details, checks = _checks(_ocr("recipient_inn", INN_ORG), *(_ocr("recipient_kpp", kpp) for kpp in kpps))
    assert details["recipient_inn"] == INN_ORG
    assert checks["recipient_inn"].status == status


MISREAD_INN, PRINTED_INN = "5944249822", "5203245622"
"""A damaged receipt's seller ИНН 5203245622 read «5944249822», which passes the ИНН-10's check digit; the page's
second pass read the same line «ИНН 55 У1245622» (bench/damage, doc_0029)."""


@pytest.mark.parametrize(
    ("garbled", "status"),
    [
        ("55?1245622", CheckStatus.UNVERIFIED),  # 245622 against 249822: four of the last six the same, two not
        ("59?4249822", CheckStatus.VERIFIED),  # every digit read agrees with the chosen one
        ("77?1034516", CheckStatus.VERIFIED),  # another party's number: its last six differ almost everywhere
        ("55?12456221", CheckStatus.VERIFIED),  # another length: not the same number read otherwise
    ],
)
def test_an_inn_that_a_garbled_reading_of_the_same_number_contradicts_is_not_verified(
    garbled: str, status: str
) -> None:
    details, checks = _checks(_ocr("recipient_inn", MISREAD_INN), _ocr(GARBLED_INN, garbled))
    assert details["recipient_inn"] == MISREAD_INN
    assert checks["recipient_inn"].status == status
    assert (garbled in (checks["recipient_inn"].detail or "")) == (status == CheckStatus.UNVERIFIED)


def test_an_inn_two_sources_read_stands_against_a_garbled_reading() -> None:
    """Two readers reading the same ten digits confirm them more than one reading with a letter among digits doubts
    them."""
    read_by_both = [Candidate("recipient_inn", PRINTED_INN, source) for source in (Source.OCR, Source.INDRA)]
    _, checks = _checks(*read_by_both, _ocr(GARBLED_INN, "52?3249622"))
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED
    _, checks = _checks(read_by_both[0], _ocr(GARBLED_INN, "52?3249622"))
    assert checks["recipient_inn"].status == CheckStatus.UNVERIFIED


def test_an_amount_two_qr_codes_read_differently_is_not_verified_by_either() -> None:
    """A ЖКХ bill with a QR for its charges and one for its penalties: the print repeating one of the sums says
    nothing of which the payment is; one QR alone, repeated by the print, verifies it."""
    charges, penalties = _qr("amount", "568.85"), _qr("amount", "26597.65")
    printed = _ocr("amount", "568.85")
    _, checks = _checks(charges, printed)
    assert (checks["amount"].status, checks["amount"].rule) == ("verified", "qr_agrees")
    _, checks = _checks(charges, penalties, printed)
    assert (checks["amount"].status, checks["amount"].rule) == ("unverified", "qr_codes_differ")
    assert "26597.65" in (checks["amount"].detail or "")


def test_readers_agreeing_on_a_scanned_page_beside_a_text_layer_do_not_verify_the_amount() -> None:
    """A receipt's text layer whose «Итого» was lost, merged with a scan of a hotel's folio: both readers read the
    folio's sum alone, the agent's receipt says nothing of it."""
    folio = [Candidate("amount", "16830.00", source) for source in (Source.OCR, Source.INDRA)]
    _, checks = _checks(*folio)
    assert (checks["amount"].status, checks["amount"].rule) == ("verified", "readers_agree")
    _, checks = _checks(*folio, Candidate("recipient_inn", INN_ORG, Source.PDF))
    assert (checks["amount"].status, checks["amount"].rule) == ("unverified", "scanned_beside_text")


@pytest.mark.parametrize(
    ("sources", "words", "page", "status"),
    [
        ((Source.OCR,), 67.5, 48.4, CheckStatus.UNVERIFIED),  # 4732666710 for 4732665730 on a blurred receipt
        ((Source.OCR,), LOW_CONFIDENCE, 48.4, CheckStatus.VERIFIED),
        ((Source.OCR,), 37.4, 76.4, CheckStatus.VERIFIED),  # a scan read well: its table's rules pull the words down
        ((Source.OCR,), None, 48.4, CheckStatus.VERIFIED),  # no words found to judge it by
        ((Source.OCR, Source.INDRA), 67.5, 48.4, CheckStatus.VERIFIED),  # the other reader read the same
        ((Source.OCR, Source.QR), 67.5, 48.4, CheckStatus.VERIFIED),
    ],
)
def test_check_digits_do_not_verify_a_number_read_unsure_on_a_page_read_poorly(
    sources: tuple[Source, ...], words: float | None, page: float, status: str
) -> None:
    """A check digit passes about one misreading in ten: a blurred receipt read 48% confident gave ИНН 4732666710 for
    4732665730, two digits wrong, its check digit matching. Only a second source confirms such a guess."""
    candidates = [Candidate("recipient_inn", "4732666710", source) for source in sources]
    details, checks = resolve(candidates[:1], DocumentType.CASH_RECEIPT)
    assert (checks["recipient_inn"].status, checks["recipient_inn"].rule) == ("verified", "inn_check_digits")
    judged = checks | {"recipient_inn": checks["recipient_inn"].model_copy(update={"confidence": words})}
    doubted = doubted_when_read_unsure(details, judged, candidates, page)["recipient_inn"]
    assert doubted.status == status
    assert ("read its digits unsure" in (doubted.detail or "")) == (status == CheckStatus.UNVERIFIED)
