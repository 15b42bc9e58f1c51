"""Choose one value per field from all readings, and say how far each choice can be trusted.

A reading that passes its field's rule (check digits, the BIK-bound account keys, a plausible date) beats one that
does not, whatever its source; among equals the more reliable source wins (QR, then a PDF text layer, then the model,
then OCR). A failing identifier is repaired when exactly one single-character OCR confusion makes it pass. A value
with no rule of its own is still confirmed ("valid") when two independent sources agree on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import partial

from model import checks
from model.schema import (
    FIELD_NAMES,
    VALUE_FIELDS,
    Candidate,
    CheckStatus,
    DocumentType,
    FieldCheck,
    PaymentDetails,
    Source,
)

_TRUST = {Source.QR: 0, Source.PDF: 1, Source.MODEL: 2, Source.OCR: 3}
_EARLIEST_DATE = date(1995, 1, 1)

Rule = Callable[[str], bool]


def _pattern(field: str) -> re.Pattern[str] | None:
    for item in PaymentDetails.model_fields[field].metadata:
        if (pattern := getattr(item, "pattern", None)) is not None:
            return re.compile(pattern)
    return None


_PATTERNS = {field: _pattern(field) for field in VALUE_FIELDS}


def _fits_schema(candidate: Candidate) -> bool:
    pattern = _PATTERNS.get(candidate.field)
    return pattern is None or pattern.fullmatch(candidate.value) is not None


def _plausible_date(value: str) -> bool:
    """A payment date cannot lie in the future (a day of slack for time zones) or before the modern rouble."""
    day = date.fromisoformat(value)
    return _EARLIEST_DATE <= day <= date.today() + timedelta(days=1)


def _ordered(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (_TRUST[c.source], -c.score))


def _confirmation(value: str, chosen: Candidate, candidates: list[Candidate]) -> str | None:
    others = sorted({c.source.value for c in candidates if c.value == value and c.source != chosen.source})
    return f"confirmed by {chosen.source.value} and {', '.join(others)}" if others else None


def _choose(
    field: str, candidates: list[Candidate], rule: Rule | None, passed: str = "check digits and format match"
) -> tuple[str | None, FieldCheck]:
    """The most trusted reading that passes ``rule`` (``passed`` says what that proved), else one repaired."""
    ordered = _ordered(candidates)
    if not ordered:
        return None, FieldCheck()
    if rule is not None:
        for candidate in ordered:
            if rule(candidate.value):
                confirmed = _confirmation(candidate.value, candidate, ordered)
                detail = confirmed or passed
                return candidate.value, FieldCheck(status=CheckStatus.VALID, source=candidate.source, detail=detail)
        for candidate in ordered:
            repaired = checks.repair_single_confusion(candidate.value, rule)
            if repaired is not None and repaired != candidate.value:
                detail = f"repaired one OCR confusion: {candidate.value} → {repaired}"
                return repaired, FieldCheck(status=CheckStatus.VALID, source=candidate.source, detail=detail)
        first = ordered[0]
        return first.value, FieldCheck(
            status=CheckStatus.INVALID,
            source=first.source,
            detail=f"{field} fails its check digits or format",
        )
    first = ordered[0]
    if confirmed := _confirmation(first.value, first, ordered):
        return first.value, FieldCheck(status=CheckStatus.VALID, source=first.source, detail=confirmed)
    disagreeing = sorted({c.value for c in ordered if c.source != first.source and c.value != first.value})
    disagreement = f"other sources read {', '.join(disagreeing)}" if disagreeing else None
    return first.value, FieldCheck(status=CheckStatus.UNCHECKED, source=first.source, detail=disagreement)


def _choose_bik(candidates: list[Candidate], corr_accounts: list[Candidate]) -> tuple[str | None, FieldCheck]:
    """Among the BIKs read, keep those the correspondent account confirms: together they are far less likely to
    be a misread than either alone. The к/с repeats the BIK's last digits, so it can also repair one confusion
    in a BIK that no к/с confirms (047524828 next to 30101…0828 → 047324828)."""
    confirmed = [b for b in candidates if any(checks.corr_account_valid(c.value, b.value) for c in corr_accounts)]
    if not confirmed:
        for bik in _ordered(candidates):
            for corr in _ordered(corr_accounts):
                repaired = checks.repair_single_confusion(bik.value, partial(_bik_fits, corr.value))
                if repaired is not None and repaired != bik.value:
                    detail = f"repaired one OCR confusion: {bik.value} → {repaired} (confirmed by the к/с)"
                    return repaired, FieldCheck(status=CheckStatus.VALID, source=bik.source, detail=detail)
    return _choose("bank_bic", confirmed or candidates, checks.bik_valid)


def _bik_fits(corr_account: str, bik: str) -> bool:
    return checks.corr_account_valid(corr_account, bik)


def _choose_accounts(
    by_field: dict[str, list[Candidate]],
    bic: str | None,
    values: dict[str, str | None],
    results: dict[str, FieldCheck],
) -> None:
    """Both accounts against the BIK; with no BIK read, the к/с by its shape, and the р/с by the bank's code that
    the к/с ends with (a transfer receipt often shows the к/с and not the BIK)."""
    corr_field, account_field = "bank_corr_account", "recipient_account"
    if bic:
        values[corr_field], results[corr_field] = _choose(
            corr_field, by_field[corr_field], partial(checks.corr_account_valid, bik=bic)
        )
        values[account_field], results[account_field] = _choose(
            account_field, by_field[account_field], partial(checks.settlement_account_valid, bik=bic)
        )
        return
    passed = "format matches; no BIK to check the key against"
    corr, results[corr_field] = _choose(corr_field, by_field[corr_field], checks.corr_account_shape_valid, passed)
    values[corr_field] = corr
    rule = None
    if corr is not None and results[corr_field].status == CheckStatus.VALID:
        rule = partial(checks.settlement_account_valid_for_code, code=corr[-3:])
    passed = "key matches the bank code the к/с ends with"
    values[account_field], results[account_field] = _choose(account_field, by_field[account_field], rule, passed)


def _choose_kpp(candidates: list[Candidate], inn: str | None) -> tuple[str | None, FieldCheck]:
    """A КПП starts with the code of the tax office where the company is registered, and its ИНН with the code of
    the office that issued it: the same office unless the company moved or is a large taxpayer. So among readings
    that disagree, the one agreeing with the organisation's ИНН wins (740501001 for ИНН 7405891816, not the
    140501001 that blur made of it); with none agreeing, the usual order decides."""
    if inn is not None and len(inn) == 10:
        agreeing = [c for c in candidates if c.value[:4] == inn[:4]]
        if agreeing:
            return _choose("recipient_kpp", agreeing, checks.kpp_valid, "format matches; tax office matches the ИНН")
    return _choose("recipient_kpp", candidates, checks.kpp_valid)


def _without_lost_kopecks(amounts: list[Candidate]) -> list[Candidate]:
    """Drops an OCR reading of whole roubles ("13011.00") when another OCR reading of the same roubles has kopecks
    ("13011.46"): blur loses the kopecks of "13 011 руб. 46 коп." far more often than it invents them."""
    with_kopecks = {c.value.split(".")[0] for c in amounts if c.source is Source.OCR and not c.value.endswith(".00")}
    return [
        c
        for c in amounts
        if not (c.source is Source.OCR and c.value.endswith(".00") and c.value.split(".")[0] in with_kopecks)
    ]


_NOT_ON_A_CASH_RECEIPT = frozenset({"bank_name", "bank_bic", "bank_corr_account", "recipient_account"})
"""A cash receipt names no bank of the seller's: a bank on it is the card terminal's slip printed on the same tape
(«ОПЛАТА / ПАО СБЕРБАНК / ОДОБРЕНО»), the acquirer of the buyer's card, not where a payment would go."""


def resolve(
    candidates: Iterable[Candidate], document_type: DocumentType, document_type_source: Source | None = None
) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    """The payment details and a check for every schema field."""
    by_field: dict[str, list[Candidate]] = {field: [] for field in VALUE_FIELDS}
    unshown = _NOT_ON_A_CASH_RECEIPT if document_type == DocumentType.CASH_RECEIPT else frozenset()
    for candidate in candidates:
        if candidate.field in by_field and candidate.field not in unshown and _fits_schema(candidate):
            by_field[candidate.field].append(candidate)

    values: dict[str, str | None] = {}
    results: dict[str, FieldCheck] = {"document_type": FieldCheck(source=document_type_source)}
    bic, results["bank_bic"] = _choose_bik(by_field["bank_bic"], by_field["bank_corr_account"])
    values["bank_bic"] = bic
    _choose_accounts(by_field, bic, values, results)
    values["recipient_inn"], results["recipient_inn"] = _choose(
        "recipient_inn", by_field["recipient_inn"], checks.inn_valid
    )
    values["recipient_kpp"], results["recipient_kpp"] = _choose_kpp(by_field["recipient_kpp"], values["recipient_inn"])
    rules: dict[str, Rule | None] = {"payment_date": _plausible_date}
    by_field["amount"] = _without_lost_kopecks(by_field["amount"])
    for field in VALUE_FIELDS:
        if field not in values:
            values[field], results[field] = _choose(field, by_field[field], rules.get(field))
    details = PaymentDetails(document_type=document_type, **values)
    return details, {field: results[field] for field in FIELD_NAMES}
