"""The synthetic corpus: valid identifiers, truth that matches what is drawn, reproducible generation."""

from __future__ import annotations

import io
import json
import random
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qsl

import cv2
import numpy as np
import pytest
import segno
import zxingcpp
from PIL import Image

from bench.corpus import fonts
from bench.corpus.content import (
    REAL_BANKS,
    Bank,
    amount_in_words,
    random_account,
    random_bank,
    random_inn,
    random_kpp,
)
from bench.corpus.degrade import degrade, encode
from bench.corpus.generate import TEMPLATES, Planned, generate_corpus, main, make_image, plan
from bench.corpus.render import GOST_ENCODINGS, Rendered, qr_gost
from bench.corpus.truth import TRUTH_FILE, Difficulty, TruthRecord, load_truth
from model.bik_directory import load_directory
from model.checks import (
    bik_valid,
    corr_account_valid,
    inn_valid,
    kpp_valid,
    settlement_account_valid,
    treasury_account_valid,
)
from model.normalize import digits, normalize_date
from model.schema import FIELD_NAMES, DocumentType, PaymentDetails

REPO = Path(__file__).parents[2]
CORPUS = REPO / "bench" / "corpus" / "data"
SAMPLES = REPO / "model" / "samples"
SEEDS_PER_TEMPLATE = 4
ALL_TEMPLATES = [(doc_type, name) for doc_type, templates in TEMPLATES.items() for name in templates]
FISCAL = {"fiscal_drive_number", "fiscal_document_number", "fiscal_sign"}
BANK = {"recipient_account", "bank_bic", "bank_corr_account", "recipient_kpp"}


Pages = list[tuple[DocumentType, str, Rendered]]


def _render(doc_type: DocumentType, name: str, seed: int) -> Rendered:
    return TEMPLATES[doc_type][name](random.Random(f"test:{seed}"))


@pytest.fixture(scope="module")
def pages() -> Pages:
    """A few clean pages of every template."""
    return [
        (doc_type, name, _render(doc_type, name, seed))
        for doc_type, name in ALL_TEMPLATES
        for seed in range(SEEDS_PER_TEMPLATE)
    ]


@pytest.mark.parametrize(
    ("make", "check"),
    [
        (lambda rng: random_inn(rng, individual=False), inn_valid),
        (lambda rng: random_inn(rng, individual=True), inn_valid),
        (lambda rng: random_kpp(rng, random_inn(rng, individual=False)), kpp_valid),
        (lambda rng: random_bank(rng).bic, bik_valid),
    ],
    ids=["inn10", "inn12", "kpp", "bik"],
)
def test_random_identifier_passes_its_check(make: Callable[[random.Random], str], check: Callable[[str], bool]) -> None:
    rng = random.Random(7)
    assert all(check(make(rng)) for _ in range(300))


@pytest.mark.parametrize("prefix", ["40702", "40802", "40817"])
def test_random_accounts_pass_control_key(prefix: str) -> None:
    rng = random.Random(prefix)
    for _ in range(300):
        bank = random_bank(rng)
        account = random_account(rng, bank.bic, prefix)
        assert account.startswith(prefix)
        assert settlement_account_valid(account, bank.bic)
        assert corr_account_valid(bank.corr_account, bank.bic)


@pytest.mark.parametrize("bank", REAL_BANKS, ids=lambda bank: bank.bic)
def test_real_bank_passes_its_checks(bank: Bank) -> None:
    assert bik_valid(bank.bic)
    assert corr_account_valid(bank.corr_account, bank.bic)


MERGED_SINCE = {"044525256"}
"""Росбанк: merged into АО "ТБанк", so the directory of 2026-04-17 no longer lists its БИК; older documents print it."""


@pytest.mark.parametrize("bank", REAL_BANKS, ids=lambda bank: bank.bic)
def test_real_bank_is_the_bank_of_russias_directorys(bank: Bank) -> None:
    """The corpus's real banks are real: the БИК directory lists each with the same к/с."""
    entry = load_directory().lookup(bank.bic)
    if bank.bic in MERGED_SINCE:
        assert entry is None
        return
    assert entry is not None and entry.corr_account == bank.corr_account


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1234.56", "Одна тысяча двести тридцать четыре рубля 56 копеек"),
        ("1.01", "Один рубль 01 копейка"),
        ("2001.02", "Две тысячи один рубль 02 копейки"),
        ("11.11", "Одиннадцать рублей 11 копеек"),
        ("500000.00", "Пятьсот тысяч рублей 00 копеек"),
        ("1000000.00", "Один миллион рублей 00 копеек"),
        ("0.50", "Ноль рублей 50 копеек"),
    ],
)
def test_amount_in_words_spells_russian_total(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


def test_render_identifiers_pass_their_checks(pages: Pages) -> None:
    for _, name, page in pages:
        fields = page.fields
        bic = fields.get("bank_bic")
        if "recipient_inn" in fields:
            assert inn_valid(fields["recipient_inn"]), name
        if "recipient_kpp" in fields:
            assert kpp_valid(fields["recipient_kpp"]), name
        if bic:
            assert bik_valid(bic), name
            if "recipient_account" in fields and fields["recipient_account"].startswith("03"):
                assert treasury_account_valid(fields["recipient_account"]), name  # a budget payment's: no key
            elif "recipient_account" in fields:
                assert settlement_account_valid(fields["recipient_account"], bic), name
            if "bank_corr_account" in fields:
                assert corr_account_valid(fields["bank_corr_account"], bic), name


def test_render_truth_validates_against_schema(pages: Pages) -> None:
    for doc_type, _, page in pages:
        PaymentDetails.model_validate({"document_type": doc_type, **page.fields})


@pytest.mark.parametrize(
    ("doc_type", "required", "forbidden"),
    [
        (DocumentType.BANK_TRANSFER, {"recipient_name", "bank_name", "amount", "currency", "payment_date"}, FISCAL),
        (
            DocumentType.INVOICE,
            {"recipient_name", "recipient_inn", "recipient_account", "bank_bic", "bank_corr_account", "amount"},
            FISCAL,
        ),
        (
            DocumentType.CASH_RECEIPT,
            {"recipient_name", "recipient_inn", "amount", "currency", "payment_date", *FISCAL},
            BANK | {"purpose", "payer_name", "bank_name"},
        ),
    ],
)
def test_render_truth_fits_document_type(
    pages: Pages, doc_type: DocumentType, required: set[str], forbidden: set[str]
) -> None:
    for page_type, name, page in pages:
        if page_type == doc_type:
            assert required <= page.fields.keys(), name
            assert not forbidden & page.fields.keys(), name


def test_render_currency_shown_exactly_with_amount(pages: Pages) -> None:
    for _, name, page in pages:
        assert ("currency" in page.fields) == ("amount" in page.fields), name


def _printed(page: Rendered) -> str:
    return " ".join(" ".join(page.drawn).split())


@pytest.mark.parametrize(
    "field", ["recipient_name", "bank_name", "purpose", "payer_name", "recipient_inn", "recipient_kpp"]
)
def test_render_truth_text_is_printed_verbatim(pages: Pages, field: str) -> None:
    for _, name, page in pages:
        if field in page.fields:
            assert page.fields[field] in _printed(page), (name, field)


def _printed_forms(field: str, value: str) -> set[str]:
    """How a value may be printed, as digits: a whole amount also as a payment order's «1234=» (field 7)."""
    forms = {digits(value)}
    if field == "amount" and value.endswith(".00"):
        forms.add(digits(value[:-3]) + "=")
    return forms


@pytest.mark.parametrize("field", ["recipient_account", "bank_bic", "bank_corr_account", "amount", *sorted(FISCAL)])
def test_render_truth_digits_are_printed(pages: Pages, field: str) -> None:
    for _, name, page in pages:
        if field in page.fields:
            forms = _printed_forms(field, page.fields[field])
            printed = {"".join(ch for ch in text if ch.isdigit() or ch == "=") for text in page.drawn}
            assert any(form in text for form in forms for text in printed), (name, field)


def test_render_truth_date_is_printed(pages: Pages) -> None:
    for _, name, page in pages:
        if "payment_date" in page.fields:
            dates = {normalize_date(text.replace("«", "").replace("»", "")) for text in page.drawn}
            assert page.fields["payment_date"] in dates, name


def test_render_text_is_at_least_ten_pixels_high(pages: Pages) -> None:
    for _, name, page in pages:
        assert page.x_height >= 10, name


def _decode_qr(page: Rendered) -> bytes:
    qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    found = zxingcpp.read_barcodes(np.asarray(page.image), formats=qr_only)
    assert len(found) == 1
    return found[0].bytes


def _qr_pages(doc_type: DocumentType) -> list[Rendered]:
    pages = (_render(doc_type, name, seed) for name in TEMPLATES[doc_type] for seed in range(8))
    return [page for page in pages if page.qr_box is not None]


def test_render_gost_qr_decodes_to_truth() -> None:
    pages = _qr_pages(DocumentType.INVOICE)
    assert len(pages) >= 6
    for page in pages:
        raw = _decode_qr(page)
        assert raw[:6] == b"ST0001"
        text = raw.decode(GOST_ENCODINGS[chr(raw[6])])
        pairs = dict(pair.split("=", 1) for pair in text.split("|")[1:])
        fields = page.fields
        assert pairs["Name"] == fields["recipient_name"]
        assert pairs["PersonalAcc"] == fields["recipient_account"]
        assert pairs["BankName"] == fields["bank_name"]
        assert pairs["BIC"] == fields["bank_bic"]
        assert pairs["CorrespAcc"] == fields["bank_corr_account"]
        assert pairs.get("PayeeINN") == fields.get("recipient_inn")
        assert pairs.get("KPP") == fields.get("recipient_kpp")
        assert Decimal(pairs["Sum"]) / 100 == Decimal(fields["amount"])
        assert "Purpose" not in pairs or pairs["Purpose"] == fields["purpose"]


def test_render_fiscal_qr_decodes_to_truth() -> None:
    pages = _qr_pages(DocumentType.CASH_RECEIPT)
    assert len(pages) >= 6
    for page in pages:
        query = dict(parse_qsl(_decode_qr(page).decode("ascii")))
        fields = page.fields
        assert query["s"] == fields["amount"]
        assert query["fn"] == fields["fiscal_drive_number"]
        assert query["i"] == fields["fiscal_document_number"]
        assert query["fp"] == fields["fiscal_sign"]
        assert normalize_date(query["t"]) == fields["payment_date"]
        assert query["n"] == "1"


@pytest.mark.parametrize("digit", sorted(GOST_ENCODINGS))
def test_qr_gost_round_trips_in_its_encoding(digit: str) -> None:
    payload = qr_gost({"Name": "ООО «Ромашка»", "PersonalAcc": "40702810938000000001"}, digit)
    code = segno.make(payload, error="m", encoding=GOST_ENCODINGS[digit], micro=False)
    image = np.array(code.matrix, dtype=np.uint8).repeat(6, 0).repeat(6, 1)
    pixels = np.pad(np.where(image == 1, 0, 255).astype(np.uint8), 24, constant_values=255)
    (found,) = zxingcpp.read_barcodes(pixels)
    assert found.bytes.decode(GOST_ENCODINGS[digit]) == payload
    assert payload.startswith(f"ST0001{digit}|Name=")


@pytest.mark.parametrize("family", sorted(fonts.PACKAGES))
def test_font_path_missing_family_names_its_package(monkeypatch: pytest.MonkeyPatch, family: str) -> None:
    monkeypatch.setattr(fonts, "_installed", dict)
    with pytest.raises(fonts.FontMissingError, match=f"apt-get install {fonts.PACKAGES[family]}"):
        fonts.font_path(family)


@pytest.mark.parametrize(
    ("family", "text", "expected"),
    [
        ("DejaVu Sans", "₽", True),
        ("PT Sans", "Счёт № 15 «Ромашка»", True),
        ("Liberation Sans", "₽", False),
        ("Liberation Mono", "ИНН 7707083893", True),
        ("PT Sans", "≡", False),
    ],
)
def test_has_glyphs_detects_missing_characters(family: str, text: str, expected: bool) -> None:
    assert fonts.has_glyphs(fonts.font(family, 30), text) is expected


@pytest.mark.parametrize("family", ["DejaVu Sans", "PT Mono", "Liberation Serif"])
@pytest.mark.parametrize("x_height", [10, 14, 21])
def test_font_for_x_height_is_smallest_size_reaching_target(family: str, x_height: int) -> None:
    face = fonts.font_for_x_height(family, x_height)
    assert fonts.measured_x_height(face) >= x_height
    assert fonts.measured_x_height(fonts.font(family, round(face.size) - 1)) < x_height


def test_plan_balances_types_difficulties_and_templates() -> None:
    planned = plan(120)
    assert Counter(item.document_type for item in planned) == dict.fromkeys(TEMPLATES, 40)
    per_pair = Counter((item.document_type, item.difficulty) for item in planned)
    assert set(per_pair.values()) <= {13, 14}
    combos = {(item.document_type, item.template, item.difficulty) for item in planned}
    assert len(combos) == len(ALL_TEMPLATES) * len(Difficulty)
    assert [item.index for item in planned] == list(range(120))


def test_plan_keeps_only_chosen_types_and_difficulties() -> None:
    planned = plan(10, [DocumentType.INVOICE], [Difficulty.HARD])
    assert {(item.document_type, item.difficulty) for item in planned} == {(DocumentType.INVOICE, Difficulty.HARD)}


@pytest.mark.parametrize("difficulty", list(Difficulty))
def test_make_image_same_seed_gives_same_bytes(difficulty: Difficulty) -> None:
    item = Planned(3, DocumentType.CASH_RECEIPT, difficulty, "thermal_mono")
    first, second, other = make_image(item, 11), make_image(item, 11), make_image(item, 12)
    assert first == second
    assert first[0] != other[0]


def _sharpness(data: bytes) -> float:
    grey = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())


def test_an_ablated_motion_blur_changes_nothing_else() -> None:
    """The same document, truth, size and turn; only sharper. Photo and clean levels have no motion blur at all."""
    hard = Planned(5, DocumentType.INVOICE, Difficulty.HARD, "modern_invoice")
    blurred, sharp = make_image(hard, 11), make_image(hard, 11, frozenset({"motion_blur"}))
    assert sharp[1:] == blurred[1:]
    assert Image.open(io.BytesIO(sharp[0])).size == Image.open(io.BytesIO(blurred[0])).size
    assert _sharpness(sharp[0]) > 1.5 * _sharpness(blurred[0])
    photo = Planned(4, DocumentType.INVOICE, Difficulty.PHOTO, "modern_invoice")
    assert make_image(photo, 11, frozenset({"motion_blur"})) == make_image(photo, 11)


@pytest.mark.parametrize(
    ("difficulty", "screen", "suffix", "qualities"),
    [
        (Difficulty.CLEAN, True, ".png", {None}),
        (Difficulty.CLEAN, False, ".jpg", {90}),
        (Difficulty.PHOTO, False, ".jpg", set(range(60, 81))),
        (Difficulty.HARD, True, ".jpg", set(range(40, 61))),
    ],
)
def test_degrade_stores_each_level_as_planned(
    difficulty: Difficulty, screen: bool, suffix: str, qualities: set[int | None]
) -> None:
    page = _blank_page(x_height=20, screen=screen)
    degraded = degrade(page, difficulty, random.Random(1))
    assert degraded.jpeg_quality in qualities
    assert encode(degraded)[1] == suffix
    assert degraded.image.dtype == np.uint8
    assert degraded.image.ndim == 3


def test_degrade_clean_screenshot_is_untouched() -> None:
    page = _blank_page(x_height=20, screen=True)
    assert np.array_equal(degrade(page, Difficulty.CLEAN, random.Random(2)).image, np.asarray(page.image))


@pytest.mark.parametrize(("difficulty", "low", "high"), [(Difficulty.PHOTO, 10, 13), (Difficulty.HARD, 7, 9)])
def test_degrade_shrinks_page_to_level_x_height(difficulty: Difficulty, low: float, high: float) -> None:
    """The page (1000 x 1400, x-height 20) lands at scale low/20 … high/20 inside a frame with margins."""
    for seed in range(5):
        image = degrade(_blank_page(x_height=20), difficulty, random.Random(seed)).image
        longest = max(image.shape[:2])
        assert 1400 * low / 20 <= longest <= 1400 * high / 20 * 1.8, seed


def _blank_page(x_height: int, screen: bool = False) -> Rendered:
    image = Image.new("RGB", (1000, 1400), "white")
    return Rendered(image, {}, x_height, (100, 100, 300, 300), screen, ())


def test_generate_corpus_writes_images_and_truth(tmp_path: Path) -> None:
    records = generate_corpus(tmp_path, 6, seed=5)
    assert load_truth(tmp_path / TRUTH_FILE) == records
    lines = [json.loads(line) for line in (tmp_path / TRUTH_FILE).read_text(encoding="utf-8").splitlines()]
    assert [line["file"] for line in lines] == [record.file for record in records]
    for line in lines:
        assert set(line) == {"file", "document_type", "difficulty", "template", "fields"}
        assert set(line["fields"]) == set(FIELD_NAMES)
        with Image.open(tmp_path / line["file"]) as image:
            assert image.width > 100


def test_generate_corpus_removes_only_stale_images(tmp_path: Path) -> None:
    (tmp_path / "doc_0099.jpg").write_bytes(b"old")
    (tmp_path / "notes.txt").write_text("keep")
    generate_corpus(tmp_path, 2, seed=5)
    assert not (tmp_path / "doc_0099.jpg").exists()
    assert (tmp_path / "notes.txt").read_text() == "keep"


def test_main_generates_the_chosen_types(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path), "--count", "3", "--seed", "1", "--types", "invoice"]) == 0
    records = load_truth(tmp_path / TRUTH_FILE)
    assert [record.document_type for record in records] == [DocumentType.INVOICE] * 3
    assert "3 images" in capsys.readouterr().out


def test_main_leaves_out_an_ablated_degradation(tmp_path: Path) -> None:
    args = ["--count", "3", "--seed", "1", "--types", "invoice", "--difficulties", "hard"]
    assert main(["--out", str(tmp_path / "all"), *args]) == 0
    assert main(["--out", str(tmp_path / "sharp"), *args, "--without", "motion_blur"]) == 0
    for record in load_truth(tmp_path / "all" / TRUTH_FILE):
        blurred, sharp = (tmp_path / "all" / record.file).read_bytes(), (tmp_path / "sharp" / record.file).read_bytes()
        assert _sharpness(sharp) > _sharpness(blurred)
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path / "x"), *args, "--without", "creases"])


def test_load_truth_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / TRUTH_FILE
    generate_corpus(tmp_path, 1, seed=5)
    path.write_text(path.read_text(encoding="utf-8") + '{"file": "x.jpg"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"truth.jsonl:2:"):
        load_truth(path)


def test_truth_record_rejects_disagreeing_types() -> None:
    with pytest.raises(ValueError, match="differs"):
        TruthRecord(
            file="a.jpg",
            document_type=DocumentType.INVOICE,
            difficulty=Difficulty.CLEAN,
            template="one_c_invoice",
            fields=PaymentDetails(document_type=DocumentType.CASH_RECEIPT),
        )


@pytest.mark.skipif(not (CORPUS / TRUTH_FILE).exists(), reason="the committed corpus is not generated yet")
def test_committed_corpus_is_balanced_small_and_reproducible() -> None:
    records = load_truth(CORPUS / TRUTH_FILE)
    assert len(records) == 120
    assert Counter(record.document_type for record in records) == dict.fromkeys(TEMPLATES, 40)
    assert sum((CORPUS / record.file).stat().st_size for record in records) <= 25_000_000
    for item in plan(120)[:6]:
        assert make_image(item, 2026)[2] == records[item.index].fields


@pytest.mark.skipif(not (SAMPLES / TRUTH_FILE).exists(), reason="the demo samples are not generated yet")
def test_samples_show_one_clean_document_per_type() -> None:
    records = load_truth(SAMPLES / TRUTH_FILE)
    assert sorted(record.document_type for record in records) == sorted(TEMPLATES)
    assert {record.difficulty for record in records} == {Difficulty.CLEAN}
    assert all((SAMPLES / record.file).is_file() for record in records)


@pytest.mark.slow
@pytest.mark.parametrize(("doc_type", "name"), [(t, next(iter(TEMPLATES[t]))) for t in TEMPLATES])
def test_clean_page_identifiers_are_legible_to_tesseract(doc_type: DocumentType, name: str) -> None:
    from model.tesseract import engine

    identifiers = {"recipient_inn", "recipient_account", "bank_bic", "bank_corr_account", *FISCAL}
    candidates = (_render(doc_type, name, seed) for seed in range(20))
    page = next(page for page in candidates if identifiers & page.fields.keys())
    api = engine()
    api.SetImage(page.image)
    text = "".join(api.GetUTF8Text().split())
    shown = [value for field, value in page.fields.items() if field in identifiers]
    assert all(value in text for value in shown)


def _drawn_after(page: Rendered, start: str) -> str:
    return next(text for text in page.drawn if text.startswith(start))


@pytest.mark.parametrize("seed", range(4))
def test_real_layouts_draw_their_traps_beside_the_truth(seed: int) -> None:
    """Each real layout prints the value a parser must not take next to the one it must."""
    one_c = _render(DocumentType.INVOICE, "one_c_vat_on_top", seed)
    before_vat = Decimal(digits(one_c.drawn[one_c.drawn.index("Итого:") + 1])) / 100
    assert before_vat < Decimal(one_c.fields["amount"])
    assert normalize_date(_drawn_after(one_c, "Оплатить не позднее")) > one_c.fields["payment_date"]
    slip = _render(DocumentType.CASH_RECEIPT, "card_slip_receipt", seed)
    assert "ОДОБРЕНО" in slip.drawn
    assert "bank_name" not in slip.fields
    printed = _render(DocumentType.CASH_RECEIPT, "browser_receipt", seed)
    assert normalize_date(printed.drawn[0]) != printed.fields["payment_date"]
    agent = _render(DocumentType.CASH_RECEIPT, "agent_receipt", seed)
    supplier_inns = {agent.drawn[i + 1] for i, text in enumerate(agent.drawn) if text == "ИНН поставщика:"}
    assert supplier_inns
    assert agent.fields["recipient_inn"] not in supplier_inns


@pytest.mark.parametrize("name", ["tbank_receipt", "vtb_receipt", "alfa_receipt"])
def test_bank_app_receipts_name_the_senders_bank_and_its_bik_beside_the_recipients(name: str) -> None:
    """Each bank's receipt keeps its trap: the issuing bank's БИК is printed (footer or stamp) and is never the truth's
    unless the recipient banks there too."""
    issuers = {"tbank_receipt": "044525974", "vtb_receipt": "044525187", "alfa_receipt": "044525593"}
    pages = [_render(DocumentType.BANK_TRANSFER, name, seed) for seed in range(8)]
    printed = [page for page in pages if any(issuers[name] in text for text in page.drawn)]
    assert len(printed) >= 4
    assert any(page.fields.get("bank_bic") != issuers[name] for page in printed)


def test_payment_order_prints_the_payers_requisites_above_the_recipients() -> None:
    for seed in range(6):
        page = _render(DocumentType.BANK_TRANSFER, "payment_order", seed)
        inn_rows = [index for index, text in enumerate(page.drawn) if text.startswith("ИНН ")]
        assert len(inn_rows) == 2
        assert page.drawn[inn_rows[1]] == f"ИНН {page.fields['recipient_inn']}"
        assert page.drawn[inn_rows[0]] != page.drawn[inn_rows[1]]
