"""Budget payments (tax, госпошлина, fines, state services): a treasury office's БИК, its ЕКС where a bank's к/с would
stand, and a казначейский счёт as the payee's account. None of them is a bank's, and none may be called invalid
(nor verified) by a bank's rules. Facts: the Bank of Russia's ED807 directory of 2026-04-17 and published requisites."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw

from bench.corpus.fonts import font
from model.bik_directory import load_directory, names_agree
from model.checks import (
    account_key_prefix,
    bik_kind,
    bik_valid,
    corr_account_shape_valid,
    corr_account_valid,
    settlement_account_valid,
    treasury_account_valid,
    treasury_single_account_valid,
)
from model.fields import classify, extract_candidates
from model.pipeline import Extractor
from model.resolve import resolve
from model.schema import Candidate, CheckStatus, DocumentType, FieldCheck, Source

PUBLISHED = [
    # (казначейский счёт, БИК of the УФК, ЕКС): the tax service's and others' published requisites, 2021-
    ("03100643000000018500", "017003983", "40102810445370000059"),  # ЕНП, УФК по Тульской области
    ("03100643000000017300", "004525988", "40102810545370000003"),  # УФК по г. Москве (ГИБДД, АМПП)
    ("03224643450000007300", "004525988", "40102810545370000003"),  # a Moscow school's, ОКТМО 45000000
    ("03214643000000017300", "004525988", "40102810545370000003"),
    ("03100643000000014800", "004525987", "40102810845370000004"),  # УФК по Московской области
    ("03100643000000017200", "014030106", "40102810945370000005"),  # УФК по г. Санкт-Петербургу
    ("03100643000000019500", "024501901", "40102810045370000002"),  # Межрегиональное операционное УФК
    ("03100643000000018700", "007162163", "40102810245370000007"),  # УФК по ХМАО-Югре
    ("03100643000000011700", "010173001", "40102810045370000009"),  # УФК по Алтайскому краю
    ("03100643000000012800", "011708377", "40102810945370000020"),  # УФК по Владимирской области
    ("03100643000000015800", "016015102", "40102810845370000050"),  # УФК по Ростовской области
    ("03100643000000012200", "010813050", "40102810845370000014"),  # УФК по Хабаровскому краю
    ("03100643000000017800", "019923923", "40102810445370000086"),  # УФК по Еврейской автономной области
]


@pytest.mark.parametrize(("bik", "kind"), [
    ("044525225", "a bank's or a Bank of Russia division's (04…)"),  # ПАО Сбербанк
    ("044525000", "a bank's or a Bank of Russia division's (04…)"),  # ГУ Банка России по ЦФО
    ("004525988", "a treasury office's (00–02…)"),  # УФК по г. Москве
    ("017003983", "a treasury office's (00–02…)"),  # УФК по Тульской области
    ("024501901", "a treasury office's (00–02…)"),  # Межрегиональное операционное УФК
    ("100070012", "a foreign bank's (10…)"),  # ДО АО Банк ВТБ (Казахстан)
    ("200000390", "a Bank of Russia client's (2…)"),  # Минфин России
    ("245001294", "a Bank of Russia client's (2…)"),  # Национальный Банк Республики Казахстан
])  # fmt: skip
def test_every_kind_of_bik_the_bank_of_russia_issues_has_a_valid_shape(bik: str, kind: str) -> None:
    assert bik_valid(bik) and bik_kind(bik) == kind


def test_every_bik_in_the_directory_has_a_valid_shape() -> None:
    """The directory of 2026-04-17 holds 190 БИК not starting 04: none is refuted by its shape."""
    entries = load_directory().entries
    assert sum(not bik.startswith("04") for bik in entries) > 150
    assert [bik for bik in entries if not bik_valid(bik)] == []


@pytest.mark.parametrize("bik", ["034525225", "144525225", "544525225", "904525988", "04452522", "0045259880"])
def test_a_bik_no_kind_starts_so_or_of_another_length_is_refuted(bik: str) -> None:
    assert not bik_valid(bik) and bik_kind(bik) is None


def test_every_treasury_single_account_in_the_directory_passes_its_key_with_its_bik() -> None:
    """Two independent facts agreeing: the key rule ("0" + the БИК's digits 5–6) and the directory's ЕКС, including
    the treasury offices that still hold a 04… БИК."""
    listed = [(e.bic, account) for e in load_directory().entries.values() for account in e.treasury_accounts]
    assert len(listed) >= 90 and any(bik.startswith("04") for bik, _ in listed)
    assert [pair for pair in listed if not treasury_single_account_valid(pair[1], pair[0])] == []
    assert [pair for pair in listed if not corr_account_valid(pair[1], pair[0])] == []


@pytest.mark.parametrize(("treasury", "bik", "single"), PUBLISHED)
def test_published_budget_requisites_pass(treasury: str, bik: str, single: str) -> None:
    assert treasury_single_account_valid(single, bik)
    assert corr_account_shape_valid(single)
    assert treasury_account_valid(treasury)
    assert account_key_prefix(treasury, bik) is None  # a казначейский счёт has no key to verify it by


@pytest.mark.parametrize(("treasury", "bik", "single"), PUBLISHED[:4])
def test_a_treasury_single_account_misread_in_any_one_digit_fails(treasury: str, bik: str, single: str) -> None:
    misread = [
        single[:i] + digit + single[i + 1 :] for i in range(len(single)) for digit in "0123456789" if digit != single[i]
    ]
    assert [m for m in misread if treasury_single_account_valid(m, bik)] == []


def test_a_treasury_single_account_fails_with_a_bik_of_another_division() -> None:
    assert not treasury_single_account_valid("40102810545370000003", "017003983")  # Moscow's ЕКС, Tula's БИК


def test_no_key_rule_would_verify_treasury_accounts() -> None:
    """Were a казначейский счёт keyed by its БИК, one of these prefixes would pass them all; each passes about one in
    ten, as chance does."""
    for derive in (lambda b: b[:3], lambda b: "0" + b[4:6], lambda b: b[6:9]):
        passing = [t for t, b, _ in PUBLISHED if settlement_account_valid(t, b) or _keyed(t, derive(b))]
        assert len(passing) < len(PUBLISHED) // 2


def _keyed(account: str, prefix: str) -> bool:
    weights = (7, 1, 3) * 8
    return sum(int(d) * w for d, w in zip(prefix + account, weights, strict=False)) % 10 == 0


def test_an_account_at_a_bank_of_russia_division_keys_with_its_digits_5_and_6() -> None:
    """Before 2021 budget revenue went to 40101… at a Bank of Russia division (БИК 04…000-002), keyed like a к/с."""
    assert account_key_prefix("40101810800000010041", "044583001") == "083"
    assert settlement_account_valid("40101810800000010041", "044583001")
    assert account_key_prefix("40702810938000000001", "044525225") == "225"


@pytest.mark.parametrize("bik", ["100070012", "200000390"])
def test_no_key_rule_ties_an_account_to_a_foreign_bank_or_a_client_of_the_bank_of_russia(bik: str) -> None:
    assert account_key_prefix("40702810938000000001", bik) is None


def _ocr(field: str, value: str) -> Candidate:
    return Candidate(field, value, Source.OCR)


def _resolved(*candidates: Candidate) -> tuple[dict[str, object], dict[str, FieldCheck]]:
    details, checks = resolve(candidates, DocumentType.INVOICE)
    return details.model_dump(), checks


def test_a_tax_payment_is_verified_where_a_rule_confirms_it_and_nothing_is_called_invalid() -> None:
    fields, checks = _resolved(
        _ocr("bank_bic", "017003983"),
        _ocr("bank_corr_account", "40102810445370000059"),
        _ocr("recipient_account", "03100643000000018500"),
        _ocr("bank_name", "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула"),
    )
    assert fields["bank_bic"] == "017003983"  # was "repaired" to 047003983, a bank's shape
    assert checks["bank_corr_account"].status == CheckStatus.VERIFIED
    assert checks["bank_corr_account"].rule == "treasury_single_account_key_bik"
    assert checks["bank_bic"].status == CheckStatus.VERIFIED and checks["bank_bic"].rule == "bik_directory"
    assert checks["bank_name"].status == CheckStatus.VERIFIED
    assert checks["recipient_account"].status == CheckStatus.UNVERIFIED
    assert checks["recipient_account"].rule == "treasury_account_shape"


def test_a_misread_treasury_single_account_is_invalid() -> None:
    _, checks = _resolved(_ocr("bank_bic", "004525988"), _ocr("bank_corr_account", "40102810545370000008"))
    assert checks["bank_corr_account"].status == CheckStatus.INVALID
    assert checks["bank_bic"].status == CheckStatus.UNVERIFIED


def test_a_bank_correspondent_account_beside_a_treasury_office_bik_is_invalid() -> None:
    _, checks = _resolved(_ocr("bank_bic", "017003983"), _ocr("bank_corr_account", "30101810400000000225"))
    assert checks["bank_corr_account"].status == CheckStatus.INVALID
    assert "a treasury office has no к/с" in (checks["bank_corr_account"].detail or "")


def test_with_no_bik_the_treasury_accounts_are_taken_by_their_shapes() -> None:
    fields, checks = _resolved(
        _ocr("bank_corr_account", "40102810445370000059"), _ocr("recipient_account", "03100643000000018500")
    )
    assert fields["recipient_account"] == "03100643000000018500"
    assert checks["bank_corr_account"].status == CheckStatus.UNVERIFIED
    assert checks["recipient_account"].status == CheckStatus.UNVERIFIED


@pytest.mark.parametrize("bik", ["100070012", "200000390"])
def test_an_account_with_a_bik_no_key_rule_covers_is_unverified(bik: str) -> None:
    _, checks = _resolved(_ocr("bank_bic", bik), _ocr("recipient_account", "40702810938000000001"))
    assert checks["bank_bic"].status == CheckStatus.UNVERIFIED
    assert checks["recipient_account"].status == CheckStatus.UNVERIFIED
    assert checks["recipient_account"].rule == "account_no_key_rule"


def test_a_bik_starting_as_none_does_is_invalid_and_the_accounts_are_checked_without_it() -> None:
    _, checks = _resolved(
        _ocr("bank_bic", "344525225"),
        _ocr("bank_corr_account", "30101810400000000225"),
        _ocr("recipient_account", "40702810938000000001"),
    )
    assert checks["bank_bic"].status in (CheckStatus.INVALID, CheckStatus.REPAIRED)
    assert checks["recipient_account"].status == CheckStatus.VERIFIED
    assert checks["recipient_account"].rule in ("account_key_bik", "account_key_corr_code")


def test_a_treasury_office_printed_after_its_division_is_the_directory_name() -> None:
    entry = load_directory().lookup("004525988")
    assert entry is not None and entry.corr_account is None
    assert entry.treasury_accounts == ("40102810545370000003", "40102810645370000110")
    assert names_agree("ГУ Банка России по ЦФО//УФК по г. Москве г. Москва", entry)
    assert not names_agree("ГУ Банка России по ЦФО//УФК по Московской области г. Москва", entry)


# Parsing: the layouts that print them (ПД-4 for a tax or госпошлина, a payment order, the tax service's requisites).

_PD4_BUDGET = [
    "Извещение",
    "Получатель: УФК по Тульской области (Межрегиональная инспекция ФНС России по управлению долгом)",
    "ИНН 7727406020 КПП 770801001",
    "Номер казначейского счёта: 03100643000000018500",
    "Банк получателя: ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула",
    "БИК 017003983",
    "Единый казначейский счёт (ЕКС): 40102810445370000059",
    "КБК 18210803010011050110  ОКТМО 70701000",
    "УИН 18210803010011050110000000000001",
    "Назначение платежа: Государственная пошлина за регистрацию",
    "Сумма: 650,00 руб.",
    "Плательщик: Иванов Иван Иванович",
]
_PAYMENT_ORDER = [
    "Платежное поручение № 12",
    "ИНН 7727406020 КПП 770801001 Сч. № 03100643000000018500",
    "Казначейство России (ФНС России)",
    "Получатель",
    "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула БИК 017003983 Сч. № 40102810445370000059",
    "Банк получателя",
    "Сумма 1200-00",
]
_TAX_SERVICE_REQUISITES = [
    "Номер счета получателя средств (номер казначейского счета) 03100643000000018500",
    "Номер счета банка получателя средств (номер банковского счета, входящего в состав единого казначейского счета"
    " (ЕКС)) 40102810445370000059",
    "Наименование банка получателя средств ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула",
    "БИК ТОФК 017003983",
]
_STACKED = ["Казначейский счёт", "03100643000000018500", "Единый казначейский счёт", "40102810445370000059"]


def _read(lines: list[str]) -> tuple[dict[str, object], dict[str, FieldCheck]]:
    details, checks = resolve(extract_candidates(lines, Source.PDF), classify(lines))
    return details.model_dump(), checks


@pytest.mark.parametrize(
    "lines",
    [_PD4_BUDGET, _PAYMENT_ORDER, _TAX_SERVICE_REQUISITES, [*_STACKED, "БИК 017003983"]],
    ids=["ПД-4", "payment order", "tax service's requisites", "stacked labels"],
)
def test_a_budget_payment_reads_the_treasury_account_as_the_payee_and_the_ekc_as_the_banks(lines: list[str]) -> None:
    fields, checks = _read(lines)
    assert fields["recipient_account"] == "03100643000000018500"
    assert fields["bank_corr_account"] == "40102810445370000059"
    assert fields["bank_bic"] == "017003983"
    assert checks["bank_corr_account"].status == CheckStatus.VERIFIED
    assert checks["recipient_account"].status == CheckStatus.UNVERIFIED
    assert not [field for field, check in checks.items() if check.status in (CheckStatus.INVALID, "repaired")]


def test_a_budget_payment_names_its_treasury_office_as_the_bank() -> None:
    for lines in (_PD4_BUDGET, _TAX_SERVICE_REQUISITES):
        fields, checks = _read(lines)
        assert fields["bank_name"] == "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула"
        assert checks["bank_name"].rule == "bik_directory" and checks["bank_bic"].rule == "bik_directory"


def test_another_offices_ekc_beside_a_treasury_bik_is_invalid() -> None:
    fields, checks = _read([*_STACKED, "БИК: 004525988"])  # Tula's ЕКС, Moscow's БИК
    assert fields["bank_corr_account"] == "40102810445370000059"
    assert checks["bank_corr_account"].status == CheckStatus.INVALID


def test_a_photographed_budget_receipt_is_read_end_to_end() -> None:
    """The ПД-4 above drawn as a page and read by Tesseract: the treasury's fields come back, none called invalid."""
    face = font("DejaVu Sans", 30)
    page = Image.new("L", (1700, 80 + 56 * len(_PD4_BUDGET)), 255)
    draw = ImageDraw.Draw(page)
    for row, line in enumerate(_PD4_BUDGET):
        draw.text((60, 40 + 56 * row), line, fill=0, font=face)
    png = io.BytesIO()
    page.save(png, "PNG")
    extraction = Extractor().extract(png.getvalue())
    details, checks = extraction.details, extraction.checks
    assert (details.recipient_account, details.bank_corr_account) == ("03100643000000018500", "40102810445370000059")
    assert (details.bank_bic, details.amount) == ("017003983", "650.00")
    assert checks["bank_corr_account"].status == CheckStatus.VERIFIED
    assert not [field for field, check in checks.items() if check.status in (CheckStatus.INVALID, "repaired")]
