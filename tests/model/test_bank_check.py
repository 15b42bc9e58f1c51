"""The bank's fields against the БИК directory: it confirms a БИК read beside its к/с or bank name, never refutes."""

from __future__ import annotations

from datetime import date

from model.bik_directory import BankEntry, BikDirectory
from model.checks import account_control_key
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, FieldCheck, Source

BIK, CORR = "044525225", "30101810400000000225"
LABEL = "the Bank of Russia's БИК directory of 2026-04-17"
OTHER_CORR = "30101810645250000225"
"""Passes its key with Сбербанк's БИК, but is not the к/с the directory lists for it."""


def _ocr(field: str, value: str, *, by_shape: bool = False) -> Candidate:
    return Candidate(field, value, Source.OCR, by_shape=by_shape)


def _resolve(
    *candidates: Candidate, directory: BikDirectory | None = None
) -> tuple[dict[str, object], dict[str, FieldCheck]]:
    details, checks = resolve(candidates, DocumentType.INVOICE, directory=directory)
    return details.model_dump(), checks


def test_a_bik_the_directory_lists_with_the_corr_account_read_is_verified_and_so_is_the_corr_account() -> None:
    _, checks = _resolve(_ocr("bank_bic", BIK), _ocr("bank_corr_account", CORR))
    bik, corr = checks["bank_bic"], checks["bank_corr_account"]
    assert (bik.status, bik.rule) == (CheckStatus.VERIFIED, "bik_directory")
    assert bik.detail == f"{LABEL} lists 044525225 as ПАО Сбербанк, к/с {CORR}; the к/с read agrees"
    assert (corr.status, corr.rule) == (CheckStatus.VERIFIED, "corr_account_key_bik")  # its own key, and the directory
    assert corr.detail == f"its key matches the БИК {BIK}; {LABEL} lists it for БИК {BIK}"


def test_the_bank_name_read_confirms_the_bik_and_is_confirmed_by_it() -> None:
    fields, checks = _resolve(_ocr("bank_bic", BIK), _ocr("bank_name", "ПАО СБЕРБАНК г. Москва"))
    assert fields["bank_name"] == "ПАО СБЕРБАНК г. Москва"  # as printed, not the directory's spelling
    assert (checks["bank_name"].status, checks["bank_name"].rule) == (CheckStatus.VERIFIED, "bik_directory")
    assert checks["bank_name"].detail == f"{LABEL} names БИК {BIK} ПАО Сбербанк"
    assert checks["bank_bic"].status == CheckStatus.VERIFIED
    assert checks["bank_bic"].detail is not None and checks["bank_bic"].detail.endswith("the bank name read agrees")


def test_a_bank_name_the_directory_confirms_loses_ocrs_stray_marks_and_the_detail_keeps_what_was_read() -> None:
    fields, checks = _resolve(_ocr("bank_bic", "044525624"), _ocr("bank_name", 'АО "ИШБАНК*'))
    assert fields["bank_name"] == 'АО "ИШБАНК"'
    assert checks["bank_name"].status == CheckStatus.VERIFIED
    assert checks["bank_name"].detail == (
        f'{LABEL} names БИК 044525624 АО "ИШБАНК"; shown without the marks OCR added (read «АО "ИШБАНК*»)'
    )


def test_a_bank_name_read_in_the_recipients_bank_row_keeps_its_verification_when_its_stray_marks_go() -> None:
    """A bank's receipt whose БИК nothing ties to the recipient: the name the page reads in the recipient's bank's own
    row stays ``verified`` (its reading is found as read), and is shown less OCR's speck."""
    name = Candidate("bank_name", 'АО "ИШБАНК*', Source.OCR, named_whose=True)
    details, checks = resolve([_ocr("bank_bic", "044525624"), name], DocumentType.BANK_TRANSFER)
    assert details.bank_name == 'АО "ИШБАНК"'
    assert checks["bank_name"].status == CheckStatus.VERIFIED


def test_a_bank_name_read_in_latin_look_alikes_leaves_the_bik_its_corr_account_confirms() -> None:
    """ООО КБ "МВС БАНК" faxed and read «ООО KE "MBC БАНК"» (bench/layouts r12_invoice_02_hard): a misreading, not
    another bank's name, so the БИК and к/с the directory lists together stay verified; the name itself does not."""
    bic, corr = "048209775", "30101810400000000775"
    _, checks = _resolve(_ocr("bank_bic", bic), _ocr("bank_corr_account", corr), _ocr("bank_name", 'ООО KE "MBC БАНК"'))
    assert checks["bank_bic"].status == CheckStatus.VERIFIED
    assert checks["bank_corr_account"].status == CheckStatus.VERIFIED
    assert checks["bank_name"].status != CheckStatus.VERIFIED


def test_a_bik_misread_in_its_region_is_repaired_to_the_one_the_directory_lists_with_the_corr_account() -> None:
    """The к/с confirms digits 5-9 only; the directory catches digit 3 read as 5, by not listing it, and lists one
    БИК one confusion away with the к/с read: ``repaired`` (``model.bank_check``), never ``verified``."""
    fields, checks = _resolve(_ocr("bank_bic", "045525225"), _ocr("bank_corr_account", CORR))
    assert fields["bank_bic"] == BIK
    assert checks["bank_bic"].status == CheckStatus.REPAIRED
    assert checks["bank_bic"].detail is not None and f"{LABEL} does not list it" in checks["bank_bic"].detail


def test_a_bik_the_directory_does_not_list_beside_no_account_is_not_repaired() -> None:
    """No к/с read: nothing pairs with a БИК one confusion away, so it stays as read."""
    fields, checks = _resolve(_ocr("bank_bic", "045525225"))
    assert fields["bank_bic"] == "045525225"
    assert checks["bank_bic"].status == CheckStatus.UNVERIFIED
    assert checks["bank_bic"].detail is not None and checks["bank_bic"].detail.endswith(f"; not in {LABEL}")


def test_a_bik_the_directory_does_not_list_is_not_invalid() -> None:
    """The directory is dated: a bank may have opened since."""
    _, checks = _resolve(_ocr("bank_bic", "044525256"), _ocr("bank_corr_account", "30101810000000000256"))
    assert checks["bank_bic"].status == CheckStatus.UNVERIFIED
    assert checks["bank_corr_account"].status == CheckStatus.VERIFIED  # its key with the БИК, as before


def test_a_corr_account_other_than_the_listed_one_leaves_the_bik_unverified_and_says_so() -> None:
    _, checks = _resolve(_ocr("bank_bic", BIK), _ocr("bank_corr_account", OTHER_CORR))
    assert checks["bank_bic"].status == CheckStatus.UNVERIFIED
    assert f"{LABEL} lists 044525225 as ПАО Сбербанк, к/с {CORR}, not the к/с {OTHER_CORR} read" in str(
        checks["bank_bic"].detail
    )
    assert checks["bank_corr_account"].rule == "corr_account_key_bik"


def test_a_bank_name_other_than_the_listed_one_stays_unverified_and_names_the_listed_bank() -> None:
    _, checks = _resolve(_ocr("bank_bic", BIK), _ocr("bank_name", "АО «Альфа-Банк»"))
    assert checks["bank_bic"].status == checks["bank_name"].status == CheckStatus.UNVERIFIED
    assert "not «АО «Альфа-Банк»»" in str(checks["bank_bic"].detail)


OZON_BIK, OZON_CORR = "044525068", "30101810645374525068"


def test_a_bik_the_directory_names_another_bank_than_the_recipients_is_not_verified_nor_its_corr_account() -> None:
    """A transfer receipt of Ozon Банк names «Банк получателя: Т-Банк» and prints its own БИК and к/с in its stamp:
    the к/с passes its key with that БИК and the directory lists both, as ООО "ОЗОН Банк", not the recipient's."""
    _, checks = _resolve(_ocr("bank_bic", OZON_BIK), _ocr("bank_corr_account", OZON_CORR), _ocr("bank_name", "Т-Банк"))
    assert checks["bank_corr_account"].rule == "bik_directory"  # its key with the БИК was all that verified it
    for field in ("bank_bic", "bank_corr_account"):
        assert checks[field].status == CheckStatus.UNVERIFIED
        assert f'names БИК {OZON_BIK} ООО "ОЗОН Банк", not «Т-Банк», the recipient\'s bank read' in str(
            checks[field].detail
        )


def test_a_renamed_banks_bik_read_in_the_recipients_bank_row_stays_verified() -> None:
    """Тинькофф Банк is АО "ТБанк" in the directory, which lists no former names: a БИК the page reads in the
    recipient's bank's own row («Банк получателя: АО «Тинькофф Банк», БИК …») is that bank's by the page, and the
    directory's other name is noted, not held against it. The same БИК read elsewhere is not verified."""
    bank = _ocr("bank_name", "АО «Тинькофф Банк»")
    corr = _ocr("bank_corr_account", "30101810145250000974")
    named = Candidate("bank_bic", "044525974", Source.OCR, named_whose=True)
    _, checks = _resolve(named, corr, bank)
    assert checks["bank_bic"].status == checks["bank_corr_account"].status == CheckStatus.VERIFIED
    assert 'АО "ТБанк", not «АО «Тинькофф Банк»»' in str(checks["bank_name"].detail)
    _, checks = _resolve(_ocr("bank_bic", "044525974"), corr, bank)
    assert checks["bank_bic"].status == checks["bank_corr_account"].status == CheckStatus.UNVERIFIED


def test_the_same_bank_spelled_otherwise_or_the_recipients_account_keeps_the_bik_verified() -> None:
    _, checks = _resolve(
        _ocr("bank_bic", "044525974"), _ocr("bank_corr_account", "30101810145250000974"), _ocr("bank_name", "Т-Банк")
    )
    assert checks["bank_bic"].status == checks["bank_corr_account"].status == CheckStatus.VERIFIED
    body = "40702810038000000001"
    account = body[:8] + str(account_control_key(body, BIK[6:])) + body[9:]
    _, checks = _resolve(
        _ocr("bank_bic", BIK),
        _ocr("bank_corr_account", CORR),
        _ocr("recipient_account", account),
        _ocr("bank_name", "ОЗОН Банк"),
    )
    assert checks["recipient_account"].rule == "account_key_bik"  # its key with the БИК: the БИК is its bank's
    assert checks["bank_bic"].status == CheckStatus.VERIFIED


def test_with_no_corr_account_read_the_bik_says_which_the_directory_lists() -> None:
    fields, checks = _resolve(_ocr("bank_bic", BIK))
    assert fields["bank_corr_account"] is None  # the directory's к/с is not a reading of the page
    assert checks["bank_bic"].status == CheckStatus.UNVERIFIED
    assert (
        checks["bank_bic"].detail
        == f"the shape of a bank's or a Bank of Russia division's (04…) БИК; no к/с confirms its digits; {LABEL}"
        f" lists {BIK} as ПАО Сбербанк, к/с {CORR}, no к/с read"
    )


def test_a_repaired_bik_stays_repaired_even_when_the_directory_lists_it() -> None:
    """A repair is never verified by the source that could have been repaired towards (the к/с here)."""
    directory = BikDirectory(
        date(2026, 4, 17),
        date(2026, 4, 16),
        "1",
        {"047324828": BankEntry("047324828", "Банк", "30101810673240000828", None, None, None)},
    )
    fields, checks = _resolve(
        _ocr("bank_bic", "047324825"), _ocr("bank_corr_account", "30101810673240000828"), directory=directory
    )
    assert (fields["bank_bic"], checks["bank_bic"].status) == ("047324828", CheckStatus.REPAIRED)


def test_a_bik_picked_by_its_shape_alone_is_not_verified_by_the_directory() -> None:
    _, checks = _resolve(_ocr("bank_bic", BIK, by_shape=True), _ocr("bank_corr_account", CORR))
    assert checks["bank_bic"].status == CheckStatus.UNVERIFIED


def test_a_cash_receipt_has_no_bank_to_look_up() -> None:
    """A card slip's БИК on a tape is the acquirer's; only an account or к/с its key ties to the БИК is the seller's."""
    _, checks = resolve([_ocr("bank_bic", BIK), _ocr("bank_name", "ПАО СБЕРБАНК")], DocumentType.CASH_RECEIPT)
    assert checks["bank_bic"].status == CheckStatus.UNVERIFIED and checks["bank_bic"].detail is None
    fields, checks = resolve([_ocr("bank_bic", BIK), _ocr("bank_corr_account", CORR)], DocumentType.CASH_RECEIPT)
    assert (fields.bank_bic, checks["bank_bic"].status) == (BIK, CheckStatus.VERIFIED)  # the seller's own bank
