"""The second synthetic set (``bench/layouts``): reproducible, and its truth is what real documents would carry."""

from __future__ import annotations

import hashlib
import io
import random
from decimal import Decimal
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image

from bench.corpus.truth import TRUTH_FILE, Difficulty, load_truth
from bench.layouts import (
    invoices,
    invoices2,
    invoices3,
    invoices4,
    invoices5,
    invoices6,
    invoices7,
    invoices8,
    invoices9,
    invoices10,
    invoices11,
    invoices12,
    invoices13,
    invoices14,
    invoices15,
    invoices16,
    invoices17,
    receipts,
    receipts2,
    receipts3,
    receipts4,
    receipts5,
    receipts6,
    receipts7,
    receipts8,
    receipts9,
    receipts10,
    receipts11,
    receipts12,
    receipts13,
    receipts14,
    receipts15,
    receipts16,
    receipts17,
    transfers,
    transfers2,
    transfers3,
    transfers4,
    transfers5,
    transfers6,
    transfers7,
    transfers9,
    transfers10,
    transfers11,
    transfers12,
    transfers13,
    transfers14,
    transfers15,
    transfers16,
    transfers17,
)
from bench.layouts.drawn import Template, invoice_details
from bench.layouts.generate import (
    EIGHTH_KINDS,
    ELEVENTH_KINDS,
    FIFTEENTH_KINDS,
    FIFTH_KINDS,
    FOURTEENTH_KINDS,
    FOURTH_KINDS,
    KINDS,
    NINTH_KINDS,
    SECOND_KINDS,
    SEVENTEENTH_KINDS,
    SEVENTH_KINDS,
    SIXTEENTH_KINDS,
    SIXTH_KINDS,
    TENTH_KINDS,
    THIRD_KINDS,
    THIRTEENTH_KINDS,
    TWELFTH_KINDS,
    generate,
    plan,
)
from bench.layouts.requisites import Bank, Party, Treasury, grouped, in_words, order_sum, vat_part
from bench.layouts.worn import photograph_worn
from bench.layouts.worn3 import photograph_hard, photograph_lamp
from bench.layouts.worn4 import photograph_dim, photograph_evening
from bench.layouts.worn12 import faxed, photograph_heat_faded
from bench.layouts.worn13 import photograph_scanned_or_marked, photograph_wet_or_shared, scanned_bw, video_call_share
from bench.layouts.worn14 import photograph_bagged_or_cracked, photograph_dashboard_or_notified
from bench.layouts.worn15 import photograph_folded_or_forwarded, photograph_low_toner_or_sunlit
from bench.layouts.worn16 import photograph_pinned_in_mixed_light, photograph_zoomed_through_smear
from bench.layouts.worn17 import photograph_on_glossy_cover, photograph_through_rainy_window
from model.checks import (
    corr_account_valid,
    inn_valid,
    kpp_valid,
    settlement_account_valid,
    treasury_account_valid,
    treasury_office_bik,
)
from model.schema import DocumentType

TEMPLATES = [*receipts.TEMPLATES, *invoices.TEMPLATES, *transfers.TEMPLATES]
SECOND_TEMPLATES = [*receipts2.TEMPLATES, *invoices2.TEMPLATES, *transfers2.TEMPLATES]
THIRD_TEMPLATES = [*receipts3.TEMPLATES, *invoices3.TEMPLATES, *transfers3.TEMPLATES]
FOURTH_TEMPLATES = [*receipts4.TEMPLATES, *invoices4.TEMPLATES, *transfers4.TEMPLATES]
FIFTH_TEMPLATES = [*receipts5.TEMPLATES, *invoices5.TEMPLATES, *transfers5.TEMPLATES]
SIXTH_TEMPLATES = [*receipts6.TEMPLATES, *invoices6.TEMPLATES, *transfers6.TEMPLATES]
SEVENTH_TEMPLATES = [*receipts7.TEMPLATES, *invoices7.TEMPLATES, *transfers7.TEMPLATES]
EIGHTH_TEMPLATES = [*receipts8.TEMPLATES, *invoices8.TEMPLATES]
NINTH_TEMPLATES = [*receipts9.TEMPLATES, *invoices9.TEMPLATES, *transfers9.TEMPLATES]
TENTH_TEMPLATES = [*receipts10.TEMPLATES, *invoices10.TEMPLATES, *transfers10.TEMPLATES]
ELEVENTH_TEMPLATES = [*receipts11.TEMPLATES, *invoices11.TEMPLATES, *transfers11.TEMPLATES]
TWELFTH_TEMPLATES = [*receipts12.TEMPLATES, *invoices12.TEMPLATES, *transfers12.TEMPLATES]
THIRTEENTH_TEMPLATES = [*receipts13.TEMPLATES, *invoices13.TEMPLATES, *transfers13.TEMPLATES]
FOURTEENTH_TEMPLATES = [*receipts14.TEMPLATES, *invoices14.TEMPLATES, *transfers14.TEMPLATES]
FIFTEENTH_TEMPLATES = [*receipts15.TEMPLATES, *invoices15.TEMPLATES, *transfers15.TEMPLATES]
SIXTEENTH_TEMPLATES = [*receipts16.TEMPLATES, *invoices16.TEMPLATES, *transfers16.TEMPLATES]
SEVENTEENTH_TEMPLATES = [*receipts17.TEMPLATES, *invoices17.TEMPLATES, *transfers17.TEMPLATES]


def _assert_fiscal_qr_carries_the_truth(template: Template) -> None:
    """A receipt template's fiscal QR, on two seeds, carries the truth's sum, day and ФН / ФД / ФП."""
    for seed in range(2):
        drawn = template(random.Random(seed))
        details = drawn.details
        (fiscal,) = [found for found in zxingcpp.read_barcodes(drawn.image) if found.text.startswith("t=")]
        fields = dict(part.split("=") for part in fiscal.text.split("&"))
        assert Decimal(fields["s"]) == Decimal(details.amount or "0")
        assert fields["t"].startswith(f"{details.payment_date}".replace("-", ""))
        assert (fields["fn"], fields["i"], fields["fp"]) == (
            details.fiscal_drive_number,
            details.fiscal_document_number,
            details.fiscal_sign,
        )


def _digest(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())}


def test_the_same_seed_draws_the_same_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", seed=3, per_kind=1, rounds=(1, 2))
    generate(tmp_path / "b", seed=3, per_kind=1, rounds=(1, 2))
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    records = load_truth(tmp_path / "a" / TRUTH_FILE)
    assert [(record.file, record.difficulty.value) for record in records[:2]] == [
        ("receipt_00_clean.png", "clean"),
        ("receipt_00_photo.jpg", "photo"),
    ]


def test_the_second_round_leaves_the_first_rounds_pages_as_they_were(tmp_path: Path) -> None:
    generate(tmp_path / "first", seed=5, per_kind=1, rounds=(1,))
    generate(tmp_path / "both", seed=5, per_kind=1, rounds=(1, 2))
    first, both = _digest(tmp_path / "first"), _digest(tmp_path / "both")
    assert {name: digest for name, digest in both.items() if name in first and name != TRUTH_FILE} == {
        name: digest for name, digest in first.items() if name != TRUTH_FILE
    }
    assert sorted(name for name in both if name.startswith("r2_")) == [
        f"r2_{kind}_00_{variant}"
        for kind in ("invoice", "receipt", "transfer")
        for variant in ("clean.png", "photo.jpg")
    ]


def test_the_third_round_draws_three_levels_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    generate(tmp_path / "first", seed=5, per_kind=1, rounds=(1, 2))
    generate(tmp_path / "all", seed=5, per_kind=1, rounds=(1, 2, 3))
    first, every = _digest(tmp_path / "first"), _digest(tmp_path / "all")
    assert {name: digest for name, digest in every.items() if name in first and name != TRUTH_FILE} == {
        name: digest for name, digest in first.items() if name != TRUTH_FILE
    }
    third = [record for record in load_truth(tmp_path / "all" / TRUTH_FILE) if record.file.startswith("r3_")]
    assert [(record.file, record.difficulty) for record in third[:3]] == [
        ("r3_receipt_00_clean.png", Difficulty.CLEAN),
        ("r3_receipt_00_photo.jpg", Difficulty.PHOTO),
        ("r3_receipt_00_hard.jpg", Difficulty.HARD),
    ]
    assert len(third) == 9


@pytest.mark.parametrize(
    "kinds",
    [
        KINDS,
        SECOND_KINDS,
        THIRD_KINDS,
        FOURTH_KINDS,
        FIFTH_KINDS,
        SIXTH_KINDS,
        SEVENTH_KINDS,
        EIGHTH_KINDS,
        NINTH_KINDS,
        TENTH_KINDS,
        ELEVENTH_KINDS,
        TWELFTH_KINDS,
        THIRTEENTH_KINDS,
        FOURTEENTH_KINDS,
        FIFTEENTH_KINDS,
        SIXTEENTH_KINDS,
        SEVENTEENTH_KINDS,
    ],
    ids=[
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
    ],
)
def test_every_template_of_every_kind_is_planned(kinds: tuple[tuple[str, tuple[Template, ...]], ...]) -> None:
    planned = {template for _, template in plan(max(4, *(len(templates) for _, templates in kinds)), kinds)}
    assert planned == {template for _, templates in kinds for template in templates}


_RECEIPTS_WITHOUT_A_REGISTER = (
    receipts7.eklz_needle_tape,
    receipts13.self_employed_receipt,
    receipts15.handwritten_sales_slip,
)
"""Receipts no fiscal drive signs: a tape of the ЭКЛЗ era, a self-employed person's «Мой налог» receipt, a sole
trader's «ТОВАРНЫЙ ЧЕК» filled in by hand."""


@pytest.mark.parametrize(
    "template",
    TEMPLATES
    + SECOND_TEMPLATES
    + THIRD_TEMPLATES
    + FOURTH_TEMPLATES
    + FIFTH_TEMPLATES
    + SIXTH_TEMPLATES
    + SEVENTH_TEMPLATES
    + EIGHTH_TEMPLATES
    + NINTH_TEMPLATES
    + TENTH_TEMPLATES
    + ELEVENTH_TEMPLATES
    + TWELFTH_TEMPLATES
    + THIRTEENTH_TEMPLATES
    + FOURTEENTH_TEMPLATES
    + FIFTEENTH_TEMPLATES
    + SIXTEENTH_TEMPLATES
    + SEVENTEENTH_TEMPLATES,
    ids=lambda template: template.__name__,
)
def test_a_templates_identifiers_pass_their_checks(template: Template) -> None:
    for seed in range(3):
        drawn = template(random.Random(seed))
        details = drawn.details
        assert drawn.image.width >= 400 and drawn.image.height >= 500, "a page too small to hold a document"
        assert details.amount is not None and Decimal(details.amount) > 0
        assert details.recipient_inn is None or inn_valid(details.recipient_inn)
        assert details.recipient_kpp is None or kpp_valid(details.recipient_kpp)
        if details.recipient_account and details.bank_bic and treasury_office_bik(details.bank_bic):
            assert treasury_account_valid(details.recipient_account), "a budget payee's казначейский счёт is 03…"
        elif details.recipient_account and details.bank_bic:
            assert settlement_account_valid(details.recipient_account, details.bank_bic)
        if details.bank_corr_account and details.bank_bic:
            assert corr_account_valid(details.bank_corr_account, details.bank_bic)
        if details.recipient_inn and len(details.recipient_inn) == 12:
            assert details.recipient_kpp is None, "an ИП has no КПП"
        if details.document_type == DocumentType.CASH_RECEIPT and template not in _RECEIPTS_WITHOUT_A_REGISTER:
            assert details.fiscal_drive_number is not None and len(details.fiscal_drive_number) == 16
            assert int(details.fiscal_sign or 0) < 2**32


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Decimal("1.00"), "Один рубль 00 копеек"),
        (Decimal("21.02"), "Двадцать один рубль 02 копейки"),
        (Decimal("2011.15"), "Две тысячи одиннадцать рублей 15 копеек"),
        (Decimal("131686.83"), "Сто тридцать одна тысяча шестьсот восемьдесят шесть рублей 83 копейки"),
    ],
)
def test_a_sum_in_words_reads_as_an_invoice_writes_it(value: Decimal, words: str) -> None:
    assert in_words(value) == words


@pytest.mark.parametrize(
    ("total", "rate", "vat"),
    [
        (Decimal("120.00"), 20, Decimal("20.00")),
        (Decimal("110.00"), 10, Decimal("10.00")),
        (Decimal("99.99"), 20, Decimal("16.67")),
    ],
)
def test_the_vat_inside_a_total_is_rounded_to_the_kopeck(total: Decimal, rate: int, vat: Decimal) -> None:
    assert vat_part(total, rate) == vat


@pytest.mark.parametrize(("total", "printed"), [(Decimal("12345.67"), "12345-67"), (Decimal("500.00"), "500=")])
def test_a_payment_orders_sum_prints_kopecks_after_a_dash_and_whole_roubles_with_an_equals(
    total: Decimal, printed: str
) -> None:
    assert order_sum(total) == printed


def test_a_treasury_stands_in_the_banks_place_with_its_single_account_as_the_corr_account() -> None:
    office = Treasury("017003983", "УФК по Тульской области", "40102810445370000059", "Тула")
    payee = Party("УФК по Тульской области (ИФНС)", "7727406020", "770801001", "")
    details = invoice_details(Decimal("350"), None, payee, "03100643000000018500", office.as_bank, payer="Иванов")
    assert (details.bank_bic, details.bank_corr_account) == ("017003983", "40102810445370000059")
    assert details.bank_name == office.bank_printed and details.recipient_kpp == "770801001"


def test_a_requisites_truth_takes_the_name_the_page_prints_over_the_directorys() -> None:
    bank = Bank("044525225", "ПАО Сбербанк", "30101810400000000225", "Москва")
    payee = Party("ООО «Ромашка»", "7707083893", "770701001", "")
    details = invoice_details(
        Decimal("1000"), None, payee, "40702810000000000001", bank, payer="Петров", bank_name="ПАО СБЕРБАНК г. Москва"
    )
    assert details.bank_name == "ПАО СБЕРБАНК г. Москва" and details.recipient_name == "ООО «Ромашка»"
    assert details.document_type == DocumentType.INVOICE and details.purpose is None


def test_a_worn_photo_is_a_seeded_jpeg_of_the_whole_print() -> None:
    page = receipts2.fuel_station(random.Random(2))
    photo = photograph_worn(page.image, random.Random(9), thermal=True)
    assert photo == photograph_worn(page.image, random.Random(9), thermal=True)
    image = Image.open(io.BytesIO(photo))
    assert image.format == "JPEG"
    assert min(image.size) >= 0.5 * 1500 / 1.2 * min(page.image.size) / max(page.image.size)


def test_a_budget_payments_truth_names_the_treasury_office() -> None:
    for template in (invoices2.school_pd4, transfers2.budget_fine):
        details = template(random.Random(4)).details
        assert details.bank_bic is not None and treasury_office_bik(details.bank_bic)
        assert details.bank_corr_account is not None and details.bank_corr_account.startswith("40102")
        assert details.recipient_name is not None and details.recipient_name.startswith("УФК")


def test_the_third_rounds_photos_are_seeded_jpegs_the_hard_one_smaller() -> None:
    page = invoices3.sole_trader_letterhead(random.Random(3)).image
    lamp = photograph_lamp(page, random.Random(8))
    hard = photograph_hard(page, random.Random(8))
    assert lamp == photograph_lamp(page, random.Random(8)) and hard == photograph_hard(page, random.Random(8))
    lamp_image, hard_image = Image.open(io.BytesIO(lamp)), Image.open(io.BytesIO(hard))
    assert lamp_image.format == hard_image.format == "JPEG"
    assert max(hard_image.size) < max(lamp_image.size)


def test_a_sole_traders_invoice_banks_in_another_city() -> None:
    for seed in range(5):
        drawn = invoices3.sole_trader_letterhead(random.Random(seed))
        details = drawn.details
        assert details.recipient_inn is not None and len(details.recipient_inn) == 12
        assert details.recipient_kpp is None and details.recipient_account is not None
        assert details.recipient_account.startswith("40802")
        assert details.bank_name is not None and " г. " in details.bank_name


def test_the_fourth_round_saves_1cs_invoice_as_a_pdf_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    generate(tmp_path / "three", seed=5, per_kind=1, rounds=(1, 2, 3))
    generate(tmp_path / "four", seed=5, per_kind=1, rounds=(1, 2, 3, 4))
    three, four = _digest(tmp_path / "three"), _digest(tmp_path / "four")
    assert {name: digest for name, digest in four.items() if name in three and name != TRUTH_FILE} == {
        name: digest for name, digest in three.items() if name != TRUTH_FILE
    }
    fourth = [record.file for record in load_truth(tmp_path / "four" / TRUTH_FILE) if record.file.startswith("r4_")]
    assert fourth == [
        f"r4_{kind}_00_{level}"
        for kind, clean in (("receipt", "png"), ("invoice", "pdf"), ("transfer", "png"))
        for level in (f"clean.{clean}", "photo.jpg", "hard.jpg")
    ]
    assert (tmp_path / "four" / "r4_invoice_00_clean.pdf").read_bytes().startswith(b"%PDF")


def test_a_1c_invoices_pdf_carries_its_requisites_as_text() -> None:
    for seed in range(3):
        drawn = invoices4.onec_invoice(random.Random(seed))
        assert drawn.pdf == invoices4.onec_invoice(random.Random(seed)).pdf, "the PDF's bytes are seeded"
        document = pdfium.PdfDocument(drawn.pdf)
        text = " ".join(document[0].get_textpage().get_text_range().split())
        details = drawn.details
        total = Decimal(details.amount or "0")
        for value in (details.recipient_inn, details.recipient_kpp, details.recipient_account, details.bank_bic):
            assert value is not None and value in text
        assert f"Всего к оплате: {grouped(total)}" in text
        assert details.purpose is None or " ".join(details.purpose.split()) in text


@pytest.mark.parametrize("template", receipts4.TEMPLATES, ids=lambda template: template.__name__)
def test_a_fourth_round_receipts_qr_carries_the_truths_fiscal_numbers(template: Template) -> None:
    """The QR drawn on the tape decodes to the truth's sum and fiscal numbers (ФД and ФП as numbers: a tape may
    print them zero-padded, the QR never does)."""
    for seed in range(2):
        drawn = template(random.Random(seed))
        found = zxingcpp.read_barcodes(drawn.image)
        assert len(found) == 1
        fields = dict(part.split("=") for part in found[0].text.split("&"))
        details = drawn.details
        assert Decimal(fields["s"]) == Decimal(details.amount or "0")
        assert fields["fn"] == details.fiscal_drive_number
        assert int(fields["i"]) == int(details.fiscal_document_number or "0") and not fields["i"].startswith("0")
        assert int(fields["fp"]) == int(details.fiscal_sign or "0")
        assert fields["t"].startswith(f"{details.payment_date}".replace("-", ""))


def test_some_fourth_round_tapes_print_fiscal_numbers_zero_padded() -> None:
    padded = [
        receipts4.atol_supermarket(random.Random(1)).details.fiscal_document_number,
        receipts4.mercury_kiosk(random.Random(1)).details.fiscal_sign,
    ]
    assert all(value is not None and value.startswith("0") and len(value) in (8, 10) for value in padded)


def test_a_screenshot_is_shared_not_photographed_and_paper_is_photographed_on_a_desk() -> None:
    screen = transfers4.tbank_screenshot(random.Random(2))
    tape = receipts4.evotor_fuel(random.Random(2))
    assert screen.screen and not tape.screen and tape.thermal
    for drawn in (screen, tape):
        assert photograph_evening(drawn, random.Random(4)) == photograph_evening(drawn, random.Random(4))
        assert photograph_dim(drawn, random.Random(4)) == photograph_dim(drawn, random.Random(4))
    shared = Image.open(io.BytesIO(photograph_evening(screen, random.Random(4))))
    again = Image.open(io.BytesIO(photograph_dim(screen, random.Random(4))))
    assert 720 <= shared.width <= 860 and shared.width / shared.height == pytest.approx(1080 / 2340, rel=0.01)
    assert again.width < screen.image.width and again.height / again.width < 2340 / 1080, "the status bar cropped"
    photo = Image.open(io.BytesIO(photograph_evening(tape, random.Random(4))))
    assert max(photo.size) >= 1600 / 1.2, "the tape on a desk, the desk around it"


def _drawn_alone(tmp_path: Path, before: tuple[int, ...], added: int, prefix: str) -> list[str]:
    """The names of round ``added``'s files, after checking that drawing it after ``before`` leaves their files'
    bytes as they were and that it draws the same bytes alone."""
    generate(tmp_path / "before", seed=5, per_kind=1, rounds=before)
    generate(tmp_path / "with", seed=5, per_kind=1, rounds=(*before, added))
    generate(tmp_path / "alone", seed=5, per_kind=1, rounds=(added,))
    earlier, both = _digest(tmp_path / "before"), _digest(tmp_path / "with")
    assert {name: digest for name, digest in both.items() if name in earlier and name != TRUTH_FILE} == {
        name: digest for name, digest in earlier.items() if name != TRUTH_FILE
    }
    new = {name: digest for name, digest in both.items() if name.startswith(prefix)}
    assert new == {name: digest for name, digest in _digest(tmp_path / "alone").items() if name != TRUTH_FILE}
    return sorted(new)


def test_the_fifth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r5_{kind}_00_{level}"
        for kind in ("receipt", "invoice", "transfer")
        for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (1, 2, 3, 4), 5, "r5_") == expected


@pytest.mark.parametrize("template", FIFTH_TEMPLATES, ids=lambda template: template.__name__)
def test_a_fifth_round_pages_qr_carries_its_truths_sum(template: Template) -> None:
    """A receipt's QR carries the truth's sum and fiscal numbers; a bill's GOST QR the truth's payee, account and sum
    due (not the sum with voluntary insurance, nor a halved fine)."""
    for seed in range(2):
        drawn = template(random.Random(seed))
        details = drawn.details
        found = zxingcpp.read_barcodes(drawn.image)
        if details.document_type == DocumentType.CASH_RECEIPT:
            fields = dict(part.split("=") for part in found[0].text.split("&"))
            assert Decimal(fields["s"]) == Decimal(details.amount or "0")
            assert (fields["fn"], fields["i"], fields["fp"]) == (
                details.fiscal_drive_number,
                details.fiscal_document_number,
                details.fiscal_sign,
            )
        elif found:
            fields = dict(part.split("=", 1) for part in found[0].text.split("|")[1:])
            assert Decimal(fields["Sum"]) / 100 == Decimal(details.amount or "0")
            assert (fields["Name"], fields["PayeeINN"], fields["PersonalAcc"]) == (
                details.recipient_name,
                details.recipient_inn,
                details.recipient_account,
            )


def test_a_fifth_round_budget_payee_is_the_treasury_office_and_a_due_date_is_never_the_payments() -> None:
    for template in (invoices5.tax_notice_slip, invoices5.traffic_fine_slip, transfers5.gosuslugi_duty):
        details = template(random.Random(4)).details
        assert details.recipient_name is not None and details.recipient_name.startswith("УФК по ")
        assert details.recipient_account is not None and details.recipient_account.startswith("03100643")
        assert details.bank_corr_account is not None and details.bank_corr_account.startswith("40102")
    assert invoices5.tax_notice_slip(random.Random(4)).details.payment_date != "2026-12-01"
    assert invoices5.epd_moscow(random.Random(4)).details.payment_date is None


def test_the_sixth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r6_{kind}_00_{level}"
        for kind, clean in (("receipt", "png"), ("invoice", "pdf"), ("transfer", "png"))
        for level in (f"clean.{clean}", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (1, 2, 3, 4, 5), 6, "r6_") == expected


@pytest.mark.parametrize("template", receipts6.TEMPLATES, ids=lambda template: template.__name__)
def test_a_sixth_round_receipts_fiscal_qr_carries_its_truths_sum_and_numbers(template: Template) -> None:
    """The fiscal QR (the first code; a restaurant's tape has a tips link's QR under it) carries the truth's sum and
    fiscal numbers; only a correction receipt's QR is dated otherwise than the payment, by the correction's day."""
    for seed in range(2):
        drawn = template(random.Random(seed))
        details = drawn.details
        fiscal = [found for found in zxingcpp.read_barcodes(drawn.image) if found.text.startswith("t=")]
        assert len(fiscal) == 1
        fields = dict(part.split("=") for part in fiscal[0].text.split("&"))
        assert Decimal(fields["s"]) == Decimal(details.amount or "0")
        assert (fields["fn"], fields["i"], fields["fp"]) == (
            details.fiscal_drive_number,
            details.fiscal_document_number,
            details.fiscal_sign,
        )
        dated = fields["t"].startswith(f"{details.payment_date}".replace("-", ""))
        assert dated != (template is receipts6.correction_receipt)


def test_a_two_page_1c_invoice_prints_its_totals_on_page_two() -> None:
    drawn = invoices6.onec_two_pages(random.Random(3))
    assert drawn.pdf == invoices6.onec_two_pages(random.Random(3)).pdf, "the PDF's bytes are seeded"
    document = pdfium.PdfDocument(drawn.pdf)
    assert len(document) == 2
    first, second = (" ".join(page.get_textpage().get_text_range().split()) for page in document)
    details = drawn.details
    assert details.recipient_account is not None and details.bank_bic is not None
    assert details.recipient_account in first and details.bank_bic in first
    total = grouped(Decimal(details.amount or "0"))
    assert f"Всего к оплате: {total}" in second and "Всего к оплате" not in first


def test_a_sixth_round_transfer_names_no_bic_its_page_gives_only_the_sending_bank() -> None:
    """The narrow СБП receipt's stamp prints the sending bank's БИК and к/с: the payee's bank has a name only."""
    details = transfers6.ozon_sbp_narrow(random.Random(2)).details
    assert details.bank_name is not None and details.bank_bic is None and details.bank_corr_account is None


def test_the_seventh_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r7_{kind}_00_{level}"
        for kind, clean in (("receipt", "png"), ("invoice", "pdf"), ("transfer", "png"))
        for level in (f"clean.{clean}", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (1, 2, 3, 4, 5, 6), 7, "r7_") == expected


@pytest.mark.parametrize("template", receipts7.TEMPLATES, ids=lambda template: template.__name__)
def test_a_seventh_round_receipts_qr_carries_its_truth_and_a_tape_of_the_eklz_era_has_none(template: Template) -> None:
    """The fiscal QR carries the truth's sum, date and fiscal numbers; a tape of the ЭКЛЗ era (2015-2016) prints
    no QR and its truth has no ФН, ФД or ФП."""
    for seed in range(2):
        drawn = template(random.Random(seed))
        details = drawn.details
        fiscal = [found for found in zxingcpp.read_barcodes(drawn.image) if found.text.startswith("t=")]
        if template is receipts7.eklz_needle_tape:
            assert not fiscal and details.fiscal_drive_number is None and details.fiscal_sign is None
            assert f"{details.payment_date}" < "2017"
            continue
        assert len(fiscal) == 1
        fields = dict(part.split("=") for part in fiscal[0].text.split("&"))
        assert Decimal(fields["s"]) == Decimal(details.amount or "0")
        assert fields["t"].startswith(f"{details.payment_date}".replace("-", ""))
        assert (fields["fn"], fields["i"], fields["fp"]) == (
            details.fiscal_drive_number,
            details.fiscal_document_number,
            details.fiscal_sign,
        )


def test_an_act_of_reconciliation_is_paid_by_the_bill_attached_to_it() -> None:
    """The PDF's text holds the act's closing balance and the bill of that sum; the truth is the bill's date, after
    the act's period, and its supplier."""
    drawn = invoices7.reconciliation_with_bill(random.Random(3))
    assert drawn.pdf == invoices7.reconciliation_with_bill(random.Random(3)).pdf, "the PDF's bytes are seeded"
    text = " ".join(pdfium.PdfDocument(drawn.pdf)[0].get_textpage().get_text_range().split())
    details = drawn.details
    total = grouped(Decimal(details.amount or "0"))
    assert f"Сальдо конечное {total}" in text and f"Всего к оплате: {total}" in text
    assert details.payment_date is not None and details.recipient_name is not None
    assert text.index("Акт сверки") < text.index("Счет на оплату") and details.recipient_name in text
    period_end = text.split("взаимных расчетов за период: ")[1].split(" ")[2]
    assert details.payment_date > "-".join(reversed(period_end.split(".")))


def test_an_energy_bills_barcode_carries_its_personal_account_and_its_sum_and_the_bill_has_no_date() -> None:
    drawn = invoices7.power_bill_barcode(random.Random(2))
    codes = [
        found.text for found in zxingcpp.read_barcodes(drawn.image) if found.format == zxingcpp.BarcodeFormat.Code128
    ]
    assert len(codes) == 1
    assert int(codes[0][-9:]) == int(Decimal(drawn.details.amount or "0") * 100)
    assert drawn.details.payment_date is None, "a bill for a month that prints no date of its own has none"
    assert drawn.details.purpose is None, "the bill prints no purpose"


def test_a_post_office_transfer_names_its_recipient_in_full_and_no_bank() -> None:
    details = transfers7.post_office_transfer(random.Random(1)).details
    assert details.recipient_name is not None and len(details.recipient_name.split()) == 3
    assert details.bank_bic is None and details.recipient_account is None and details.fiscal_drive_number is None


@pytest.mark.parametrize("template", SEVENTH_TEMPLATES, ids=lambda template: template.__name__)
def test_a_seventh_round_page_is_dated_before_december_2026(template: Template) -> None:
    for seed in range(6):
        when = template(random.Random(seed)).details.payment_date
        assert when is None or f"{when}" < "2026-12-01"


def test_the_eighth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r8_{kind}_00_{level}" for kind in ("receipt", "invoice") for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (1, 2, 3, 4, 5, 6, 7), 8, "r8_") == expected


@pytest.mark.parametrize("template", receipts8.TEMPLATES, ids=lambda template: template.__name__)
def test_an_eighth_round_receipts_fiscal_qr_carries_its_truths_sum_date_and_numbers(template: Template) -> None:
    """The fiscal QR carries the truth: never the slip's sum with tips, a bonus balance or the ОФД page's print date;
    a zero-padded ФД or ФП is the QR's number without its zeros."""
    _assert_fiscal_qr_carries_the_truth(template)


def test_an_eighth_round_invoices_payment_qr_carries_its_truths_requisites_and_sum() -> None:
    for seed in range(3):
        drawn = invoices8.qr_top_right(random.Random(seed))
        details = drawn.details
        (code,) = zxingcpp.read_barcodes(drawn.image)
        fields = dict(part.split("=", 1) for part in code.text.split("|")[1:])
        assert int(fields["Sum"]) == int(Decimal(details.amount or "0") * 100)
        assert (fields["PayeeINN"], fields["PersonalAcc"], fields["BIC"], fields["Purpose"]) == (
            details.recipient_inn,
            details.recipient_account,
            details.bank_bic,
            details.purpose,
        )


def test_a_column_ordered_pdf_holds_a_totals_label_apart_from_its_value() -> None:
    """The text layer runs column by column: «Всего к оплате:» is not followed by its sum, yet every text is there."""
    drawn = invoices8.onec_pdf_columns(random.Random(1))
    assert drawn.pdf is not None
    (page,) = pdfium.PdfDocument(drawn.pdf)
    text = " ".join(page.get_textpage().get_text_range().split())
    total = grouped(Decimal(drawn.details.amount or "0"))
    assert "Всего к оплате:" in text and total in text
    assert f"Всего к оплате: {total}" not in text
    assert text.index("Банк получателя") < text.index("БИК"), "the left column's texts first, the grid's rows apart"


def test_an_eighth_round_bills_truth_is_the_sole_traders_without_a_kpp_and_roubles_at_the_rate() -> None:
    usn = invoices8.sole_trader_usn(random.Random(2)).details
    assert usn.recipient_kpp is None and usn.recipient_inn is not None and len(usn.recipient_inn) == 12
    assert usn.recipient_account is not None and usn.recipient_account.startswith("40802")
    priced = invoices8.foreign_currency_roubles(random.Random(2)).details
    assert priced.currency == "RUB" and Decimal(priced.amount or "0") > 0


def test_the_ninth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r9_{kind}_00_{level}"
        for kind in ("receipt", "invoice", "transfer")
        for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (8,), 9, "r9_") == expected


@pytest.mark.parametrize("template", receipts9.TEMPLATES, ids=lambda template: template.__name__)
def test_a_ninth_round_receipts_fiscal_qr_carries_its_truth_never_the_suppliers_or_the_orders(
    template: Template,
) -> None:
    """The QR carries the sum and the receipt's own day (never an order's or a letter's), and the fiscal numbers."""
    _assert_fiscal_qr_carries_the_truth(template)


def test_a_capital_repair_quittances_payment_qr_carries_its_truths_requisites_sum_and_no_date() -> None:
    for seed in range(3):
        drawn = invoices9.capital_repair_quittance(random.Random(seed))
        details = drawn.details
        (code,) = zxingcpp.read_barcodes(drawn.image)
        fields = dict(part.split("=", 1) for part in code.text.split("|")[1:])
        assert int(fields["Sum"]) == round(Decimal(details.amount or "0") * 100)
        assert (fields["PayeeINN"], fields["PersonalAcc"], fields["BIC"], fields["Purpose"]) == (
            details.recipient_inn,
            details.recipient_account,
            details.bank_bic,
            details.purpose,
        )
        assert details.payment_date is None, "a period and a due date are not the bill's date"


def test_a_court_fees_truth_is_the_treasurys_real_requisites_and_a_transfers_amount_leaves_the_fee_out() -> None:
    fee = invoices9.court_fee_pd4(random.Random(1)).details
    assert (fee.recipient_inn, fee.recipient_kpp, fee.bank_bic) == ("7727406020", "770801001", "017003983")
    assert fee.recipient_account == "03100643000000018500" and fee.bank_corr_account == "40102810445370000059"
    assert fee.payment_date is None
    check = transfers9.sber_requisites_check(random.Random(1))
    assert check.details.amount is not None and check.details.purpose is not None


def test_the_tenth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r10_{kind}_00_{level}"
        for kind, clean in (("receipt", "clean.png"), ("invoice", "clean.png"), ("transfer", "clean.pdf"))
        for level in (clean, "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (9,), 10, "r10_") == expected


@pytest.mark.parametrize("template", receipts10.TEMPLATES, ids=lambda template: template.__name__)
def test_a_tenth_round_receipts_fiscal_qr_carries_its_truth_never_a_part_paid_or_the_advance(
    template: Template,
) -> None:
    """The QR carries «ИТОГ» (never the sum before a discount, a part paid by card or in cash, the advance) and the
    receipt's own day (never the advance's or the day an app added it)."""
    _assert_fiscal_qr_carries_the_truth(template)


def test_a_kindergartens_payment_qr_carries_the_treasurys_requisites_and_the_sum_after_compensation() -> None:
    for seed in range(3):
        drawn = invoices10.kindergarten_fee(random.Random(seed))
        details = drawn.details
        (code,) = zxingcpp.read_barcodes(drawn.image)
        fields = dict(part.split("=", 1) for part in code.text.split("|")[1:])
        assert int(fields["Sum"]) == round(Decimal(details.amount or "0") * 100)
        assert (fields["PayeeINN"], fields["PersonalAcc"], fields["BIC"]) == (
            details.recipient_inn,
            details.recipient_account,
            details.bank_bic,
        )
        assert (details.recipient_account or "").startswith("03234")


def test_a_tenth_round_bills_truth_has_vat_on_top_and_no_date_where_only_a_period_is_printed() -> None:
    bill = invoices10.vat_on_top_invoice(random.Random(1)).details
    assert bill.payment_date is not None and Decimal(bill.amount or "0") > 0
    assert invoices10.snt_membership(random.Random(1)).details.payment_date is None
    assert (invoices10.snt_membership(random.Random(1)).details.recipient_account or "").startswith("40703")


def test_a_statements_truth_is_its_one_debit_never_its_period_or_balances() -> None:
    drawn = transfers10.statement_one_debit(random.Random(2))
    assert drawn.pdf is not None
    text = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(drawn.pdf))
    details = drawn.details
    assert details.payment_date is not None
    day = details.payment_date.split("-")
    assert f"{day[2]}.{day[1]}.{day[0]}" in text
    assert grouped(Decimal(details.amount or "0")) in text
    own = transfers10.own_accounts_sbp(random.Random(2)).details
    assert own.payer_name is not None and own.recipient_name is not None
    assert own.payer_name == own.recipient_name, "a transfer to oneself names the sender as its recipient"


def test_the_eleventh_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r11_{kind}_00_{level}"
        for kind in ("receipt", "invoice", "transfer")
        for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (10,), 11, "r11_") == expected


@pytest.mark.parametrize("template", receipts11.TEMPLATES, ids=lambda template: template.__name__)
def test_an_eleventh_round_receipts_fiscal_qr_carries_its_truth_never_a_discount_or_the_cash_handed(
    template: Template,
) -> None:
    """The QR carries the receipt's total (never the sum before the loyalty discount, the cash handed over, the
    change) and its own day; the register's owner is the recipient, never an agent's supplier."""
    _assert_fiscal_qr_carries_the_truth(template)


def test_a_water_quittances_qr_carries_the_sum_after_the_overpayment_and_its_barcode_the_same() -> None:
    for seed in range(3):
        drawn = invoices11.water_meter_quittance(random.Random(seed))
        details = drawn.details
        codes = zxingcpp.read_barcodes(drawn.image)
        (gost,) = [code for code in codes if code.text.startswith("ST00012")]
        fields = dict(part.split("=", 1) for part in gost.text.split("|")[1:])
        kopecks = round(Decimal(details.amount or "0") * 100)
        assert int(fields["Sum"]) == kopecks
        assert any(
            code.text.endswith(f"{kopecks:09d}") for code in codes if code.format == zxingcpp.BarcodeFormat.Code128
        )
        assert fields["PayeeINN"] == details.recipient_inn


def test_an_eleventh_round_transfers_truth_is_the_sum_sent_and_the_operations_day() -> None:
    """Never the fee or the total debited, the fine before its discount, the certificate's day or the bill's."""
    sent = transfers11.sovcom_requisites_fee(random.Random(1)).details
    assert Decimal(sent.amount or "0") > 0 and sent.recipient_account is not None
    fine = transfers11.pochta_fine_discount(random.Random(1)).details
    assert (fine.recipient_account or "").startswith("03100") and (fine.bank_bic or "").startswith(("00", "01", "02"))
    certificate = transfers11.tbank_transfer_certificate(random.Random(2))
    assert certificate.pdf is not None
    text = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(certificate.pdf))
    day = (certificate.details.payment_date or "").split("-")
    assert f"{day[2]}.{day[1]}.{day[0]} " in text
    assert grouped(Decimal(certificate.details.amount or "0")) in text
    order = transfers11.landscape_client_bank_order(random.Random(3))
    assert order.image.width > order.image.height, "printed on a landscape sheet"


def test_the_twelfth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r12_{kind}_00_{level}"
        for kind in ("receipt", "invoice", "transfer")
        for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (11,), 12, "r12_") == expected


@pytest.mark.parametrize("template", receipts12.TEMPLATES, ids=lambda template: template.__name__)
def test_a_twelfth_round_receipts_fiscal_qr_carries_its_truth_never_the_sales_or_the_letters(
    template: Template,
) -> None:
    """The QR carries the receipt's total (the tourist tax in it, never the sale a return names) and its own day
    (never the e-mail's, the arrival's or the sale's); the register's owner is the recipient."""
    _assert_fiscal_qr_carries_the_truth(template)


def test_a_return_receipts_truth_is_what_the_till_gave_back_and_when() -> None:
    """A «ВОЗВРАТ ПРИХОДА» is a receipt of its own: its QR's operation is a return (n=2) of the truth's sum on the
    truth's day, not the sale's sum or day that it prints as its ground; its «Покупатель» is the payer."""
    for seed in range(3):
        drawn = receipts12.return_tape(random.Random(seed))
        (fiscal,) = [found for found in zxingcpp.read_barcodes(drawn.image) if found.text.startswith("t=")]
        fields = dict(part.split("=") for part in fiscal.text.split("&"))
        assert fields["n"] == "2"
        assert drawn.details.document_type == DocumentType.CASH_RECEIPT
        assert drawn.details.payer_name, "the buyer it prints («Покупатель») is the payer"


def _gost_fields(image: Image.Image) -> dict[str, str]:
    (gost,) = [code for code in zxingcpp.read_barcodes(image) if code.text.startswith("ST00012")]
    return dict(part.split("=", 1) for part in gost.text.split("|")[1:])


def test_a_twelfth_round_bills_qr_carries_the_sum_due_and_the_notice_is_dated_by_itself_not_its_deadline() -> None:
    """The single bill's QR sum has the debt in it; the tax notice's slip pays «Казначейство России (ФНС России)»
    on the single tax account, dated by the notice (never «не позднее 01 декабря»)."""
    for seed in range(3):
        bill = invoices12.energy_single_bill(random.Random(seed))
        assert int(_gost_fields(bill.image)["Sum"]) == round(Decimal(bill.details.amount or "0") * 100)
        notice = invoices12.tax_notice(random.Random(seed))
        fields = _gost_fields(notice.image)
        assert int(fields["Sum"]) == round(Decimal(notice.details.amount or "0") * 100)
        assert fields["PayeeINN"] == notice.details.recipient_inn == "7727406020"
        assert notice.details.recipient_account == "03100643000000018500"
        assert notice.details.payment_date != "2026-12-01"


def test_a_twelfth_round_transfers_truth_is_the_payee_as_printed_and_no_fee() -> None:
    """A tax paid through Госуслуги is paid to the treasury; a shop paid by its СБП QR is named by its legal name;
    an ATM's payment is the sum paid (its fee is at least 50 ₽ on top, so the sum is whole hundreds)."""
    tax = transfers12.gosuslugi_tax_email(random.Random(1)).details
    assert tax.recipient_name == "Казначейство России (ФНС России)" and tax.bank_bic == "017003983"
    shop = transfers12.sbp_qr_shop_payment(random.Random(2)).details
    assert (shop.recipient_name or "").startswith(("ООО", "АО", "ПАО", "ИП"))
    for seed in range(3):
        paid = transfers12.atm_payment_cheque(random.Random(seed)).details
        assert Decimal(paid.amount or "0") % 100 == 0
        assert paid.bank_corr_account is None, "the cheque prints no к/с"


def test_a_twelfth_round_hard_photo_is_seeded_and_a_fax_is_one_bit() -> None:
    """The hard level draws the same bytes from the same seed; a faxed page holds only black and white."""
    drawn = invoices12.clinic_bill(random.Random(4))
    assert photograph_heat_faded(drawn, random.Random(7)) == photograph_heat_faded(drawn, random.Random(7))
    page = faxed(np.asarray(drawn.image.convert("RGB"), np.float32), random.Random(3))
    assert set(np.unique(page)) <= {0.0, 255.0}
    tape = receipts12.bakery_57mm_tape(random.Random(4))
    assert tape.thermal and Image.open(io.BytesIO(photograph_heat_faded(tape, random.Random(7)))).mode == "RGB"


def test_the_thirteenth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r13_{kind}_00_{level}"
        for kind in ("receipt", "invoice", "transfer")
        for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (12,), 13, "r13_") == expected


@pytest.mark.parametrize(
    "template",
    [receipts13.post_office_parcel_tape, receipts13.railway_ticket_coupon],
    ids=lambda template: template.__name__,
)
def test_a_thirteenth_round_receipts_fiscal_qr_carries_its_truth_never_the_trips_day(template: Template) -> None:
    """The post office's and the railway's QR carry the receipt's total and the purchase's own day (never the
    trip's, weeks later); the register's owner (the post, the railway) is the recipient."""
    _assert_fiscal_qr_carries_the_truth(template)
    ticket = receipts13.railway_ticket_coupon(random.Random(3))
    assert ticket.details.recipient_inn == "7708503727"


def test_a_self_employed_receipt_names_the_person_by_the_inn_its_qr_links_and_no_fiscal_numbers() -> None:
    for seed in range(3):
        drawn = receipts13.self_employed_receipt(random.Random(seed))
        details = drawn.details
        (link,) = [found.text for found in zxingcpp.read_barcodes(drawn.image)]
        assert link.startswith(f"https://lknpd.nalog.ru/api/v1/receipt/{details.recipient_inn}/")
        assert details.recipient_inn is not None and len(details.recipient_inn) == 12
        assert details.fiscal_drive_number is None and details.fiscal_sign is None
        assert details.payer_name != "Физическое лицо", "a buyer unnamed is no payer"
        assert drawn.screen


def test_a_thirteenth_round_bills_truth_is_the_sum_due_now_with_vat_from_the_seller() -> None:
    """A УПД's seller is paid the «Всего к оплате» with VAT; a prepayment bill's sum is its share, never the
    order's price it prints; a rent bill adds VAT on top only where the landlord has a КПП (not an ИП on УСН)."""
    for seed in range(3):
        upd = invoices13.upd_with_requisites(random.Random(seed)).details
        assert upd.recipient_kpp is not None and upd.payer_name and upd.payer_name != upd.recipient_name
        due = Decimal(invoices13.prepayment_bill(random.Random(seed)).details.amount or "0")
        assert due % 50 == 0 and due <= Decimal("640500") * 70 / 100, "a share of a price in whole 500s"
        rent = invoices13.rent_bill(random.Random(seed)).details
        assert rent.payment_date is not None and int(rent.payment_date[-2:]) <= 3, "dated early in the month"


def test_a_thirteenth_round_transfers_truth_is_the_transfer_never_the_balance_and_the_borrower_is_paid() -> None:
    for seed in range(3):
        sms = transfers13.sms_thread(random.Random(seed)).details
        assert sms.recipient_name and sms.recipient_name.endswith(".") and sms.payer_name is None
        loan = transfers13.dark_loan_repayment(random.Random(seed)).details
        assert (loan.recipient_account or "").startswith("40817") and loan.recipient_inn is None
        assert loan.purpose and (loan.recipient_name or "") in loan.purpose
    assert transfers13._dative("Игорь Викторович Л.") == "Игорю Викторовичу Л."
    assert transfers13._dative("Анна Сергеевна П.") == "Анне Сергеевне П."


def test_a_thirteenth_round_photo_is_one_bit_or_marked_and_the_hard_level_seeded() -> None:
    """A scanning app's page holds black and white (and the grey of its caption); a video call's capture is 720
    rows tall; both levels draw the same bytes from the same seed."""
    drawn = invoices13.rent_bill(random.Random(4))
    page = scanned_bw(np.asarray(drawn.image.convert("RGB"), np.float32), random.Random(3))
    assert np.isin(np.unique(page[: page.shape[0] * 9 // 10]), [0.0, 255.0]).all()
    assert photograph_wet_or_shared(drawn, random.Random(7)) == photograph_wet_or_shared(drawn, random.Random(7))
    screen = transfers13.sbp_receipt(random.Random(4))
    shared = video_call_share(np.asarray(screen.image.convert("RGB"), np.float32), random.Random(3))
    assert shared.shape[0] == 720
    marked = Image.open(io.BytesIO(photograph_scanned_or_marked(screen, random.Random(7))))
    assert max(marked.size) <= 1280


def test_the_fourteenth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r14_{kind}_00_{level}"
        for kind in ("receipt", "invoice", "transfer")
        for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (13,), 14, "r14_") == expected


@pytest.mark.parametrize("template", receipts14.TEMPLATES, ids=lambda template: template.__name__)
def test_a_fourteenth_round_receipts_fiscal_qr_carries_its_truth_never_the_shows_day(template: Template) -> None:
    """The hypermarket's QR carries «ИТОГ» after its discounts, the cinema's the purchase's day (never the show's),
    the 2018 car wash's the total (never the cash handed)."""
    _assert_fiscal_qr_carries_the_truth(template)
    wash = receipts14.envd_car_wash_tape(random.Random(2)).details
    assert (wash.payment_date or "").startswith("2018-") and len(wash.recipient_inn or "") == 12


def test_a_fourteenth_round_bills_truth_is_the_sum_due_and_no_deadline() -> None:
    """The ЕПД's GOST QR carries its «Итого к оплате» and the truth has no day (only a period and a deadline are
    printed); the provider's VAT is inside its total; the bar association banks on a 40703 account."""
    for seed in range(3):
        epd = invoices14.housing_epd(random.Random(seed))
        fields = _gost_fields(epd.image)
        assert int(fields["Sum"]) == round(Decimal(epd.details.amount or "0") * 100)
        assert fields["PayeeINN"] == epd.details.recipient_inn and epd.details.payment_date is None
        bill = invoices14.internet_provider_bill(random.Random(seed)).details
        vat = grouped(vat_part(Decimal(bill.amount or "0"), 20))
        assert f"НДС 20% {vat}" in (bill.purpose or "")
        lawyer = invoices14.bar_association_bill(random.Random(seed)).details
        assert (lawyer.recipient_account or "").startswith("40703") and "НДС не облагается" in (lawyer.purpose or "")


def test_a_fourteenth_round_transfers_pay_the_treasury_by_a_valid_uin_and_the_order_on_its_day() -> None:
    """The single tax payment goes to the treasury's real requisites; a УИН's control digit follows the
    treasury's rule; a stamped order is dated by itself (never the bill its purpose names)."""
    assert transfers14.uin("1820000000000000001") == "18200000000000000012", "weights 1-10 give 10: from 3"
    assert transfers14.uin("0000000000000000010") == "00000000000000000108"
    for seed in range(3):
        tax = transfers14.gosuslugi_property_tax(random.Random(seed)).details
        assert tax.recipient_inn == "7727406020" and tax.bank_corr_account == "40102810445370000059"
        order = transfers14.internet_bank_order(random.Random(seed)).details
        billed = (order.purpose or "").split(" от ")[1][:10]
        assert order.payment_date and f"{billed[6:]}-{billed[3:5]}-{billed[:2]}" <= order.payment_date
        phone = transfers14.sber_phone_check(random.Random(seed)).details
        assert phone.recipient_name and phone.recipient_name.endswith(".") and phone.bank_name


def test_a_fourteenth_round_photo_and_hard_level_are_seeded_and_keep_the_page() -> None:
    """Both levels draw the same bytes from the same seed, for paper and for a screenshot; a screenshot under a
    notification is sent at 1280 pixels at most."""
    paper = receipts14.hypermarket_tape(random.Random(4))
    screen = transfers14.sber_phone_check(random.Random(4))
    for drawn in (paper, screen):
        assert photograph_dashboard_or_notified(drawn, random.Random(7)) == photograph_dashboard_or_notified(
            drawn, random.Random(7)
        )
        assert photograph_bagged_or_cracked(drawn, random.Random(7)) == photograph_bagged_or_cracked(
            drawn, random.Random(7)
        )
    shown = Image.open(io.BytesIO(photograph_dashboard_or_notified(screen, random.Random(7))))
    assert max(shown.size) <= 1280


def test_the_fifteenth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r15_{kind}_00_{level}"
        for kind in ("receipt", "invoice", "transfer")
        for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (14,), 15, "r15_") == expected


@pytest.mark.parametrize(
    "template",
    [receipts15.airline_itinerary, receipts15.post_housing_payment_tape],
    ids=lambda template: template.__name__,
)
def test_a_fifteenth_round_receipts_fiscal_qr_carries_its_truth_never_the_flights_or_the_suppliers(
    template: Template,
) -> None:
    """The airline's QR carries the issue's day (never a flight's); the post's carries «ИТОГ» with its own fee and
    the post as the seller (never the supplier it collects for)."""
    _assert_fiscal_qr_carries_the_truth(template)
    for seed in range(3):
        post = receipts15.post_housing_payment_tape(random.Random(seed)).details
        assert (post.recipient_name, post.recipient_inn) == ("АО «Почта России»", "7724490000")
        assert post.recipient_account is None and post.bank_bic is None


def test_a_handwritten_sales_slip_names_the_sole_trader_and_no_fiscal_numbers() -> None:
    for seed in range(3):
        slip = receipts15.handwritten_sales_slip(random.Random(seed)).details
        assert (slip.recipient_name or "").startswith("ИП ") and len(slip.recipient_inn or "") == 12
        assert slip.fiscal_drive_number is None and slip.payment_date is not None


def test_a_fifteenth_round_bills_truth_is_the_sum_due_on_the_bills_day() -> None:
    """The insurer banks on a 40701 account and takes no VAT; the car service's payer is the customer; the
    marketplace's GOST QR carries the truth's requisites, sum and purpose."""
    for seed in range(3):
        insurance = invoices15.insurance_premium_bill(random.Random(seed)).details
        assert (insurance.recipient_account or "").startswith("40701")
        assert (insurance.purpose or "").endswith("НДС не облагается") and insurance.payer_name
        service = invoices15.car_service_bill(random.Random(seed)).details
        assert service.payer_name and len((service.payer_name or "").split()) == 3
        market = invoices15.marketplace_business_bill(random.Random(seed))
        fields = _gost_fields(market.image)
        assert int(fields["Sum"]) == round(Decimal(market.details.amount or "0") * 100)
        assert (fields["PayeeINN"], fields["PersonalAcc"], fields["Purpose"]) == (
            market.details.recipient_inn,
            market.details.recipient_account,
            market.details.purpose,
        )


def test_a_fifteenth_round_transfers_truth_is_the_sum_sent_to_the_payee() -> None:
    """A cash deposit slip names no к/с (form 0402001 prints none) and its payer is the depositor; a housing bill
    paid by QR names the УК's requisites; a money transfer's sum is the sum sent (never with its fee) to a person
    in full, a bank only when a card is credited."""
    for seed in range(4):
        deposit = transfers15.cash_deposit_receipt(random.Random(seed)).details
        assert deposit.bank_corr_account is None and deposit.bank_bic and deposit.payer_name
        housing = transfers15.alfa_housing_qr_payment(random.Random(seed)).details
        assert (housing.recipient_name or "").startswith("ООО «УК ") and housing.bank_corr_account
        money = transfers15.money_transfer_receipt(random.Random(seed)).details
        assert len((money.recipient_name or "").split()) == 3 and money.recipient_account is None
        assert Decimal(money.amount or "0") % 1 == 0 or Decimal(money.amount or "0") >= 3000


def test_a_fifteenth_round_photo_and_hard_level_are_seeded_and_keep_the_page() -> None:
    """Both levels draw the same bytes from the same seed, for paper and for a screenshot; a forwarded screenshot
    is a chat screen 1080 pixels wide holding a smaller copy."""
    paper = receipts15.post_housing_payment_tape(random.Random(4))
    screen = transfers15.alfa_housing_qr_payment(random.Random(4))
    for drawn in (paper, screen):
        assert photograph_folded_or_forwarded(drawn, random.Random(7)) == photograph_folded_or_forwarded(
            drawn, random.Random(7)
        )
        assert photograph_low_toner_or_sunlit(drawn, random.Random(7)) == photograph_low_toner_or_sunlit(
            drawn, random.Random(7)
        )
    forwarded = Image.open(io.BytesIO(photograph_folded_or_forwarded(screen, random.Random(7))))
    assert forwarded.width == 1080 and forwarded.height < screen.image.height


def test_the_sixteenth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r16_{kind}_00_{level}"
        for kind in ("receipt", "invoice", "transfer")
        for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (15,), 16, "r16_") == expected


@pytest.mark.parametrize("template", receipts16.TEMPLATES, ids=lambda template: template.__name__)
def test_a_sixteenth_round_receipts_fiscal_qr_carries_its_truth_never_the_tip_or_the_change(template: Template) -> None:
    """The fiscal QR carries «ИТОГ» after the salon's discount, the delivery's sum without the courier's tip, the
    stall's sum without the note handed over; the day is the payment's (never the next appointment's)."""
    _assert_fiscal_qr_carries_the_truth(template)


def test_a_sixteenth_round_bills_truth_is_the_sum_due_by_this_bill() -> None:
    """The security firm is the payee and its client the payer; the school's is one instalment of the year's fee
    on a 40703 account, never due before the bill; the gas bill's GOST QR carries the truth's sum and purpose."""
    for seed in range(4):
        guard = invoices16.security_company_bill(random.Random(seed)).details
        assert (guard.recipient_name or "").startswith("ООО ЧОП «") and guard.recipient_kpp and guard.payer_name
        school = invoices16.private_school_bill(random.Random(seed)).details
        assert (school.recipient_account or "").startswith("40703") and school.purpose
        assert (school.purpose or "").endswith("НДС не облагается") and school.payer_name
        gas = invoices16.gas_supplier_bill(random.Random(seed))
        fields = _gost_fields(gas.image)
        assert int(fields["Sum"]) == round(Decimal(gas.details.amount or "0") * 100)
        assert (fields["PayeeINN"], fields["Purpose"]) == (gas.details.recipient_inn, gas.details.purpose)


def test_a_sixteenth_round_transfers_truth_is_the_sum_paid_to_the_payee() -> None:
    """The single tax payment goes to the treasury's real requisites; an app's screen names no payer; a bank's
    receipt's sum is the payment without its fee."""
    for seed in range(4):
        order = transfers16.budget_order_executed(random.Random(seed)).details
        assert order.recipient_inn == "7727406020" and order.recipient_account == "03100643000000018500"
        assert order.bank_corr_account == "40102810445370000059" and order.payer_name
        screen = transfers16.app_requisites_screen(random.Random(seed))
        assert screen.screen and screen.details.payer_name is None and screen.details.bank_corr_account
        receipt = transfers16.bank_payment_receipt_with_fee(random.Random(seed)).details
        assert Decimal(receipt.amount or "0") >= 300 and receipt.payer_name


def test_a_sixteenth_round_photo_and_hard_level_are_seeded_and_keep_the_page() -> None:
    """Both levels draw the same bytes from the same seed, for paper and for a screenshot; the hard level's
    digital zoom gives back at least the drawn page's size."""
    paper = receipts16.market_stall_tape(random.Random(4))
    screen = transfers16.app_requisites_screen(random.Random(4))
    for drawn in (paper, screen):
        assert photograph_pinned_in_mixed_light(drawn, random.Random(7)) == photograph_pinned_in_mixed_light(
            drawn, random.Random(7)
        )
        assert photograph_zoomed_through_smear(drawn, random.Random(7)) == photograph_zoomed_through_smear(
            drawn, random.Random(7)
        )
        zoomed = Image.open(io.BytesIO(photograph_zoomed_through_smear(drawn, random.Random(7))))
        assert zoomed.width >= 0.8 * drawn.image.width


def test_the_seventeenth_round_draws_the_same_bytes_and_leaves_the_others_as_they_were(tmp_path: Path) -> None:
    expected = sorted(
        f"r17_{kind}_00_{level}"
        for kind in ("receipt", "invoice", "transfer")
        for level in ("clean.png", "photo.jpg", "hard.jpg")
    )
    assert _drawn_alone(tmp_path, (16,), 17, "r17_") == expected


@pytest.mark.parametrize("template", receipts17.TEMPLATES, ids=lambda template: template.__name__)
def test_a_seventeenth_round_receipts_fiscal_qr_carries_its_truth_never_the_show_or_the_trips_start(
    template: Template,
) -> None:
    """The fiscal QR carries «ИТОГ» (the bookshop's whole sum, the certificate's part in it), the day of purchase
    (never the performance's) and the car-sharing charge's day after midnight (never the trip's start)."""
    _assert_fiscal_qr_carries_the_truth(template)


def test_a_seventeenth_round_receipts_truth_days_are_the_payments() -> None:
    for seed in range(4):
        trip = receipts17.carsharing_trip_ereceipt(random.Random(seed))
        assert trip.screen and trip.details.payment_date
        book = receipts17.bookshop_certificate_tape(random.Random(seed))
        assert book.thermal and Decimal(book.details.amount or "0") > 300


def test_a_seventeenth_round_bills_truth_is_the_sum_due_by_this_bill() -> None:
    """The carrier's sum due adds the penalty to the services; the clinic's purpose names no VAT; the ЖСК's GOST
    QR carries the truth's sum and purpose on a 40703 account."""
    for seed in range(4):
        freight = invoices17.freight_penalty_bill(random.Random(seed)).details
        assert (freight.recipient_name or "").startswith("ООО «ТК ") and freight.recipient_kpp and freight.payer_name
        dental = invoices17.dental_clinic_bill(random.Random(seed)).details
        assert (dental.purpose or "").endswith("НДС не облагается") and dental.payer_name
        coop = invoices17.housing_coop_quittance(random.Random(seed))
        fields = _gost_fields(coop.image)
        assert int(fields["Sum"]) == round(Decimal(coop.details.amount or "0") * 100)
        assert (fields["PayeeINN"], fields["Purpose"]) == (coop.details.recipient_inn, coop.details.purpose)
        assert (coop.details.recipient_account or "").startswith("40703")


def test_a_seventeenth_round_transfers_truth_is_the_sum_paid_to_the_payee() -> None:
    """The 1C order's purpose carries its VAT or says there is none; the branch's sum is the transfer without its
    fee; the web bank's screenshot names no payer."""
    for seed in range(4):
        order = transfers17.one_c_payment_order(random.Random(seed)).details
        assert "НДС" in (order.purpose or "") and order.payer_name
        branch = transfers17.branch_transfer_application(random.Random(seed)).details
        assert Decimal(branch.amount or "0") >= 800 and branch.payer_name
        screen = transfers17.web_bank_desktop_screenshot(random.Random(seed))
        assert screen.screen and screen.details.payer_name is None and screen.details.bank_corr_account


def test_a_seventeenth_round_photo_and_hard_level_are_seeded_and_keep_the_page() -> None:
    """Both levels draw the same bytes from the same seed, for paper and for a screenshot, and keep the page at a
    size a reader can read."""
    paper = receipts17.theatre_box_office_tape(random.Random(4))
    screen = transfers17.web_bank_desktop_screenshot(random.Random(4))
    for drawn in (paper, screen):
        for damage in (photograph_on_glossy_cover, photograph_through_rainy_window):
            first = damage(drawn, random.Random(7))
            assert first == damage(drawn, random.Random(7))
            assert max(Image.open(io.BytesIO(first)).size) >= 1200
