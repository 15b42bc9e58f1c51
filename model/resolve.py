"""Choose one value per field from all readings, and say how far each choice can be trusted.

A reading that passes its field's rule (check digits, the BIK-bound account keys, a plausible date) beats one that
does not, whatever its source; among equals the more reliable source wins (QR, then a PDF text layer, then the model,
then OCR). The status follows the trust contract (docs/architecture.md, "Trust"): ``verified`` only when a rule that
could have failed confirmed the value (check digits, an account key, a КПП's tax office, a QR or another source
reading the same, Tesseract and Indra reading the same identifier, amount or date) and no other OCR reading of the
same number differs in a few digits (check digits pass one misreading in ten; for an ИНН, also a reading with a
character OCR made into no digit: ``_doubted_by_garbled``), nor was it chosen over another number read for the field
first that fails the rule (check digits pass any party's number: ``_passed_over``), nor, for a р/с its key alone
confirms, do its digits 6–8 or the к/с read with it show misread digits (``_weak_key_doubted``) or nothing
confirm the bank digits its key used (``_unconfirmed_code_doubted``), nor, for an ИНН or р/с its check digits
alone confirm, were it and its page read unsure (``doubted_when_read_unsure``), and, for the recipient's ИНН, КПП,
р/с, БИК and к/с, no other party's number of its kind contests whose it is (``model.roles``); ``repaired`` when
the value was changed to pass a rule (only when exactly one single OCR confusion, at any position, makes it pass),
``invalid`` when it fails, ``unverified`` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial

from model import checks
from model.amount_words import (
    AMOUNT_IN_WORDS,
    FIGURE_THE_WORDS_NAME,
    WORDS_AFTER_A_LABEL,
    figure_the_words_name,
    words_alone,
    words_checked,
)
from model.bank_check import check_bank_in_directory, shown_as_the_directory_confirms
from model.bik_directory import BikDirectory, current_directory
from model.checks import Rule, corr_account_valid, settlement_account_valid
from model.corrections import settled_dates_only
from model.deductions import sums_due_first
from model.disagreements import PAYEES_FIELDS, another_number, another_payees_pages_last, disputed
from model.fees import FEE, fees_left_out
from model.labels import TOTAL_DUE, TOTAL_SCORE
from model.payment_lines import AMOUNT_PAID, paid_checked, stated_totals_first
from model.quality import LOW_CONFIDENCE
from model.roles import RIVAL_FIELDS, RIVALS, role_checked
from model.schema import (
    FIELD_NAMES,
    OCR_SOURCES,
    VALUE_FIELDS,
    Candidate,
    CheckStatus,
    DocumentType,
    FieldCheck,
    PaymentDetails,
    Source,
)
from model.values import GARBLED_INN, UNREADABLE, misread_person, spelled_as_printed

_TRUST = {Source.QR: 0, Source.PDF: 1, Source.MODEL: 2, Source.OCR: 3, Source.INDRA: 3}
"""Tesseract and Indra rank alike: among their readings the scores, raised where both agree, decide."""
_EARLIEST_DATE = date(1995, 1, 1)


def _pattern(field: str) -> re.Pattern[str] | None:
    for item in PaymentDetails.model_fields[field].metadata:
        if (pattern := getattr(item, "pattern", None)) is not None:
            return re.compile(pattern)
    return None


_PATTERNS = {field: _pattern(field) for field in VALUE_FIELDS}


def _fits_schema(candidate: Candidate) -> bool:
    """The value fits its field's pattern, and a ФП read from print has six digits or more (``checks.
    FISCAL_SIGN_LEAST``): a reading that fails either is reported and left empty (``_misshapen``), never shown. An
    ИНН whose last digit the paper's edge cut (``checks.cut_by_the_edge``) goes on to be repaired (``_repair``)."""
    pattern = _PATTERNS.get(candidate.field)
    if pattern is not None and pattern.fullmatch(candidate.value) is None:
        return candidate.field == "recipient_inn" and checks.cut_by_the_edge(candidate.value)
    short_sign = candidate.field == "fiscal_sign" and int(candidate.value) < checks.FISCAL_SIGN_LEAST
    return not short_sign or candidate.source == Source.QR


def _plausible_date(value: str) -> bool:
    """A payment date cannot lie in the future (a day of slack for time zones) or before the modern rouble."""
    day = date.fromisoformat(value)
    return _EARLIEST_DATE <= day <= checks.latest_payment_date()


_INN = Rule(
    "inn_check_digits",
    lambda value: checks.inn_valid(value) or checks.padded_inn_valid(value),
    True,
    "check digits match",
    "fails its check digits",
)
"""A padded ИНН passes so that a misread padding zero can be repaired (``checks.padded_inn_valid``); the value
kept is the ten digits (``_unpadded``), as ``model.values.read_inn`` keeps them from a reading of the zeros."""
_KPP_SHAPE = Rule(
    "kpp_shape", checks.kpp_valid, False, "well formed; nothing on the page confirms its digits", "not a КПП's shape"
)


def _bik_shape(value: str) -> Rule:
    """A БИК by its shape: which kind of participant its first digits say it is, and nothing more."""
    return Rule(
        "bik_shape",
        checks.bik_valid,
        False,
        f"the shape of {checks.bik_kind(value)} БИК; no к/с confirms its digits",
        "starts as no БИК the Bank of Russia issues (04 banks, 00–02 treasury offices, 10 foreign banks, 2… its"
        " other clients), or is a template's zeros",
        repairs=False,  # a first digit changed to fit a kind (a template's 987654321 into 287654321) is a guess
    )


_CORR_SHAPE = Rule(
    "corr_account_shape",
    checks.corr_account_shape_valid,
    False,
    "a correspondent account's shape (301…, or a treasury office's ЕКС 40102…); no БИК to check its key against",
    "not a correspondent account (301…) nor a ЕКС (40102…)",
)
_TREASURY_ACCOUNT = Rule(
    "treasury_account_shape",
    checks.treasury_account_valid,
    False,
    "a казначейский счёт (03…): it carries no control key, so nothing on the page confirms its digits",
    "not a казначейский счёт (03…, 20 digits)",
    repairs=False,
)
_DATE = Rule(
    "plausible_date",
    _plausible_date,
    False,
    "a plausible date; no rule can tell which of the page's dates it is",
    "in the future or before 1995",
    repairs=False,
)
_FISCAL_DRIVE = Rule(
    "fiscal_drive_shape",
    checks.fiscal_drive_number_valid,
    False,
    "16 digits with a known drive prefix; only the receipt's QR can confirm the rest",
    "not a fiscal drive number (16 digits with a drive's prefix): a digit dropped, added or misread",
    repairs=False,
)
_FISCAL_NUMBER = Rule(
    "fiscal_number_shape",
    checks.fiscal_number_valid,
    False,
    "a 32-bit number as fiscal numbers are; only the receipt's QR can confirm it",
    "more than a 32-bit number (at most 10 digits): a digit added",
    repairs=False,
)
_FISCAL_SIGN = Rule(
    "fiscal_sign_shape",
    checks.fiscal_sign_plausible,
    False,
    "a 32-bit number of six digits or more as fiscal signs are; only the receipt's QR can confirm it",
    "no fiscal sign: more than 10 digits (a digit added), or under six (a number under a blurred «ФП» or an ЭКЛЗ-era"
    " receipt's «ФП» mark)",
    repairs=False,
)
_RULES: dict[str, Rule] = {
    "payment_date": _DATE,
    "fiscal_drive_number": _FISCAL_DRIVE,
    "fiscal_document_number": _FISCAL_NUMBER,
    "fiscal_sign": _FISCAL_SIGN,
}

_NO_AGREEMENT = frozenset({"currency"})
"""Fields whose sources agree without reading anything: a QR implies roubles, and OCR assumes them."""

READERS_AGREE_FIELDS = frozenset(
    {
        "recipient_inn",
        "recipient_kpp",
        "recipient_account",
        "bank_bic",
        "bank_corr_account",
        "fiscal_drive_number",
        "fiscal_document_number",
        "fiscal_sign",
        "amount",
        "payment_date",
    }
)
"""Fields that Tesseract and Indra reading the same verifies (``readers_agree``): strings of digits, where the two
engines' misreadings are unlikely to coincide. Names, purposes and bank names are left out: the same parser turns
both readings into a value, so what they would confirm is a normalised text both engines could garble alike, and a
wrong name that both read right is still wrong. Agreement confirms the characters on the page, not the parser's
choice among the page's dates and totals, nor a value misprinted on the page (docs/architecture.md, "Trust")."""

_SOLE_READING_FIELDS = frozenset({"amount", "payment_date"})
"""Fields where the parser chooses among several of the page's values (a total before VAT, a due date, a print
header's date): both readers feed the same parser, so they agree on a wrong choice as readily as on a right one.
Their agreement verifies these only when neither reader read any other value for the field."""


def _same(field: str, left: str, right: str) -> bool:
    """Two readings of one value: ФД and ФП as numbers, since receipts print leading zeros that QR codes drop."""
    if field in ("fiscal_document_number", "fiscal_sign"):
        return left.lstrip("0") == right.lstrip("0")
    return left == right


def _ordered(candidates: list[Candidate]) -> list[Candidate]:
    """By source, then score; among equals a reading where the page says it is the recipient's first
    (``Candidate.named_whose``), then reading order."""
    return sorted(candidates, key=lambda c: (_TRUST[c.source], -c.score, not c.named_whose))


def _agreeing_sources(field: str, chosen: Candidate, candidates: list[Candidate]) -> list[str]:
    """The other sources that read the chosen value: an independent reading that could have differed."""
    if field in _NO_AGREEMENT:
        return []
    same = {c.source.value for c in candidates if _same(field, c.value, chosen.value)}
    return sorted(same - {chosen.source.value})


def _agreement(field: str, chosen: Candidate, candidates: list[Candidate]) -> FieldCheck | None:
    """``verified`` by another source reading the same value, or ``None`` when none does. The two OCR readers
    (Tesseract and Indra) verify each other only on ``READERS_AGREE_FIELDS``; two passes of one reader never do.
    Where the page's QR codes read different values (a bill's QR for its charges beside one for its penalties), a QR
    agreeing confirms nothing: ``unverified``, the detail naming them."""
    others = _agreeing_sources(field, chosen, candidates)
    if not others:
        return None
    sources = {chosen.source, *(Source(other) for other in others)}
    if Source.QR in sources and len(coded := _qr_values(field, candidates)) > 1:
        detail = f"the page's QR codes read {', '.join(coded)}: only the document says which is this payment's"
        return FieldCheck(status=CheckStatus.UNVERIFIED, source=chosen.source, rule="qr_codes_differ", detail=detail)
    if Source.QR in sources:
        rule = "qr_agrees"
    elif not sources <= OCR_SOURCES:
        rule = "sources_agree"
    elif field in READERS_AGREE_FIELDS and _sole_reading(field, chosen, candidates):
        if _labelled_nowhere(field, chosen, candidates) or _a_reader_picked_it_unlabelled(field, chosen, candidates):
            return None  # picked by its place or shape: both readers confirm the digits, not that they are this field
        rule = "readers_agree"
    else:
        return None
    detail = f"{chosen.source.value} and {', '.join(others)} read the same"
    return FieldCheck(status=CheckStatus.VERIFIED, source=chosen.source, rule=rule, detail=detail)


def _scanned_beside_text(check: FieldCheck) -> FieldCheck:
    """An amount or date the two readers agree on, in a file whose other pages carry a text layer: its scanned pages
    are likelier attachments of another party's (a hotel's folio merged after an agent's receipt whose «Итого» the
    text layer lost) than the payment's own, and the readers confirm the digits, not whose sum or date it is."""
    if check.rule != "readers_agree":
        return check
    detail = (
        f"{check.detail}; but only on the file's scanned pages, beside pages with a text layer: an attachment's"
        " (another document's) as likely as this payment's"
    )
    return check.model_copy(update={"status": CheckStatus.UNVERIFIED, "rule": "scanned_beside_text", "detail": detail})


def _judged_by_the_words(
    values: dict[str, str | None], results: dict[str, FieldCheck], amounts: list[Candidate], candidates: list[Candidate]
) -> None:
    """The amount as the sum in words judges it (``words_checked``), or as they write it where no figure was read
    (``words_alone``), or as the one figure whose roubles they name (``figure_the_words_name``), in roubles then."""
    spelled = [c for c in candidates if c.field == AMOUNT_IN_WORDS]
    read = values["amount"]
    values["amount"], results["amount"] = words_checked(read, results["amount"], amounts, spelled)
    after_a_label = [c for c in candidates if c.field == WORDS_AFTER_A_LABEL]
    values["amount"], results["amount"] = words_alone(values["amount"], results["amount"], spelled, after_a_label)
    figures = [c for c in candidates if c.field == FIGURE_THE_WORDS_NAME]
    values["amount"], results["amount"] = figure_the_words_name(values["amount"], results["amount"], amounts, figures)
    if read is None and values["amount"] is not None and values["currency"] is None:
        values["currency"], results["currency"] = "RUB", _in_roubles(results["amount"])


def _in_roubles(amount_check: FieldCheck) -> FieldCheck:
    """The currency of an amount read only in words: they name roubles («… рублей 00 копеек»)."""
    detail = "the sum in words names roubles"
    return FieldCheck(status=CheckStatus.UNVERIFIED, source=amount_check.source, detail=detail)


def _total_due_unread(check: FieldCheck, amount: str | None, candidates: list[Candidate]) -> FieldCheck:
    """Two readers agreeing on an amount that no label of the total due read, while such a label («Всего к оплате»)
    stands on the page without a figure: they confirm the digits of a sum the parser chose (a bilingual invoice's
    «Итого / Subtotal» before VAT, where a row's figures shifted by OCR left «Всего к оплате» none), not that it is
    the total due, so it is not ``verified``."""
    due = {c.value for c in candidates if c.field == TOTAL_DUE}
    if check.rule != "readers_agree" or "" not in due or amount in due:
        return check
    detail = f"{check.detail}; but a label of the total due («Всего к оплате», «Итого с НДС») stands without a figure"
    return check.model_copy(update={"status": CheckStatus.UNVERIFIED, "rule": "total_due_unread", "detail": detail})


def _qr_values(field: str, candidates: list[Candidate]) -> list[str]:
    """The different values the page's QR codes read for the field."""
    values: list[str] = []
    for c in candidates:
        if c.source == Source.QR and not any(_same(field, c.value, value) for value in values):
            values.append(c.value)
    return values


def _sole_reading(field: str, chosen: Candidate, candidates: list[Candidate]) -> bool:
    """Whether the chosen value is the only one read for a field the parser picks among the page's values."""
    return field not in _SOLE_READING_FIELDS or all(_same(field, c.value, chosen.value) for c in candidates)


def _disagreement(field: str, chosen: Candidate, candidates: list[Candidate]) -> str | None:
    disagreeing = sorted(
        {c.value for c in candidates if c.source != chosen.source and not _same(field, c.value, chosen.value)}
    )
    return f"other sources read {', '.join(disagreeing)}" if disagreeing else None


def _with(detail: str, extra: str | None) -> str:
    return f"{detail}; {extra}" if extra else detail


RuleOfValue = Callable[[str], Rule]
"""The rule for one reading when a field's readings may be of different kinds (a р/с with a key, a казначейский
счёт without one)."""


def _choose(field: str, candidates: list[Candidate], rule: Rule | RuleOfValue | None) -> tuple[str | None, FieldCheck]:
    """The most trusted reading that passes ``rule``, else the one that a single OCR confusion repairs, else the
    most trusted reading, ``invalid``. Passing a rule that only checks a shape leaves a value ``unverified``."""
    ordered = _ordered(candidates)
    if not ordered:
        return None, FieldCheck()
    if rule is not None:
        rule_of = (lambda _value: rule) if isinstance(rule, Rule) else rule
        for index, candidate in enumerate(ordered):
            if (own := rule_of(candidate.value)).test(candidate.value):
                passed_over = _passed_over(candidate, ordered, own)
                first_read = [c for c in ordered[:index] if c.value in passed_over]
                tied = not own.verifies or _tied(field, candidate, ordered)
                if not tied and (repair := _repair(first_read, rule_of, _below(candidate))) is not None:
                    return repair
                return candidate.value, _passed(field, candidate, ordered, own, passed_over)
        if (repair := _repair(ordered, rule_of)) is not None:
            return repair
        first = ordered[0]
        own = rule_of(first.value)
        detail = _with(f"{first.value} {own.failed}", _disagreement(field, first, ordered))
        return first.value, FieldCheck(status=CheckStatus.INVALID, source=first.source, rule=own.name, detail=detail)
    first = ordered[0]
    if (agreed := _agreement(field, first, ordered)) is not None:
        return first.value, agreed
    detail = _with("no rule can confirm it", _disagreement(field, first, ordered))
    return first.value, FieldCheck(status=CheckStatus.UNVERIFIED, source=first.source, detail=detail)


def _contradicting(chosen: Candidate, candidates: list[Candidate], rule: Rule) -> list[str]:
    """Other OCR readings of the same printed number that the chosen value does not explain: as long as it and a
    few digits apart (at most one in six; another party's number on the page differs almost everywhere), and not a
    reading whose only passing single-character repair is the chosen value (then it is that value misread once)."""
    if chosen.source not in OCR_SOURCES:
        return []
    most = max(1, len(chosen.value) // 6)
    near = {
        c.value
        for c in candidates
        if c.source in OCR_SOURCES
        and len(c.value) == len(chosen.value)
        and 0 < sum(a != b for a, b in zip(c.value, chosen.value, strict=True)) <= most
    }
    return sorted(other for other in near if checks.repair_single_confusion(other, rule.test) != chosen.value)


def _labelled_nowhere(field: str, chosen: Candidate, ordered: list[Candidate]) -> bool:
    """Every reading of the chosen value was picked by its shape: no label on the page says it is this field."""
    return all(c.by_shape for c in ordered if _same(field, c.value, chosen.value))


def _a_reader_picked_it_unlabelled(field: str, chosen: Candidate, ordered: list[Candidate]) -> bool:
    """For a field whose role is the risk (``_SOLE_READING_FIELDS``: the parser picks the payment's date or total
    among the page's), one of the readers reading the chosen value never read it under the field's label, only by
    its place or shape: their agreement confirms the characters, and only a label on each reading says which of the
    page's dates or sums it is (a ПД-4's due date, the only date on it, read by both)."""
    if field not in _SOLE_READING_FIELDS:
        return False
    readings = [c for c in ordered if c.source in OCR_SOURCES and _same(field, c.value, chosen.value)]
    return any(all(c.by_shape for c in readings if c.source == reader) for reader in {c.source for c in readings})


def _repair(ordered: list[Candidate], rule_of: RuleOfValue, why: str = "") -> tuple[str, FieldCheck] | None:
    """The first reading that a single OCR confusion, and only one, makes pass its rule, ``repaired``."""
    for candidate in ordered:
        if not (own := rule_of(candidate.value)).repairs:
            continue
        repaired = checks.repair_single_confusion(candidate.value, own.test)
        if repaired is not None:
            return repaired, _repaired(candidate, repaired, own, why)
    return None


def _below(other: Candidate) -> str:
    """Why a repair of the field's first reading is offered over another number that passes as read: the page gave
    the field this one first, and the one that passes may be another party's (the buyer's, the cashier's)."""
    return f" ({other.value}, read after it, passes as read, but is another number, likelier another party's)"


def _passed_over(chosen: Candidate, ordered: list[Candidate], rule: Rule) -> list[str]:
    """The readings ranked above the chosen one that fail ``rule`` and are another number, not the chosen one misread
    or misprinted in a few digits (``_contradicting`` weighs those): the page gave this field that number first, and
    the chosen one won only for passing the check, which any party's number passes: a seller's ИНН misread, the
    buyer's below it on a «Покупатель» line whose label OCR lost (docs/architecture.md, "Trust")."""
    above = ordered[: next(index for index, c in enumerate(ordered) if c is chosen)]
    return sorted({c.value for c in above if not rule.test(c.value) and another_number(c.value, chosen.value)})


def _tied(field: str, chosen: Candidate, ordered: list[Candidate]) -> bool:
    """Another source (a QR, a PDF text layer) reads the chosen value as this field: it could have read another.
    Two OCR readers are no such tie: they confirm the digits, not whose they are."""
    agreed = _agreement(field, chosen, ordered)
    return agreed is not None and agreed.rule != "readers_agree"


def _passed(
    field: str, chosen: Candidate, ordered: list[Candidate], rule: Rule, passed_over: list[str] | None = None
) -> FieldCheck:
    agreed = _agreement(field, chosen, ordered)
    readers_only = agreed is None or agreed.rule == "readers_agree"
    if rule.verifies and not _tied(field, chosen, ordered) and passed_over:
        detail = (
            f"{rule.passed}, but the page's first reading, {', '.join(passed_over)}, fails them: this number won"
            " for passing, and check digits prove whose number it is no more than that it is one (another party's,"
            " a buyer's or a cashier's, passes them too): compare it with the document"
        )
        return FieldCheck(status=CheckStatus.UNVERIFIED, source=chosen.source, rule=rule.name, detail=detail)
    if rule.verifies and readers_only and _labelled_nowhere(field, chosen, ordered):
        detail = (
            f"{rule.passed}, but nothing labels it: the number was picked for passing that check, so the check"
            " says nothing of it (a check digit passes one number in ten), and two readers reading the same digits"
            " confirm the digits, not that they are this field («Номер документа 4006848901»)"
        )
        return FieldCheck(status=CheckStatus.UNVERIFIED, source=chosen.source, rule=rule.name, detail=detail)
    if rule.verifies and agreed is None and (others := _contradicting(chosen, ordered, rule)):
        detail = (
            f"{rule.passed}, but OCR also read it as {', '.join(others)}: the page is unsure of those digits, and"
            " a check digit passes about one misreading in ten"
        )
        return FieldCheck(status=CheckStatus.UNVERIFIED, source=chosen.source, rule=rule.name, detail=detail)
    if rule.verifies:
        detail = _with(rule.passed, agreed.detail if agreed else None)
        return FieldCheck(status=CheckStatus.VERIFIED, source=chosen.source, rule=rule.name, detail=detail)
    if agreed is not None:
        return agreed
    detail = _with(rule.passed, _disagreement(field, chosen, ordered))
    return FieldCheck(status=CheckStatus.UNVERIFIED, source=chosen.source, rule=rule.name, detail=detail)


def _repaired(read: Candidate, repaired: str, rule: Rule, why: str = "") -> FieldCheck:
    detail = (
        f"read {read.value}, which {rule.failed}; {repaired} is the only single OCR confusion that passes{why}:"
        " compare it with the document"
    )
    return FieldCheck(status=CheckStatus.REPAIRED, source=read.source, rule=rule.name, detail=detail)


def _unpadded(inn: str | None) -> str | None:
    """A company's ИНН as a register padded it to twelve digits, as its ten: no person's ИНН starts with 00."""
    return inn[2:] if inn is not None and checks.padded_inn_valid(inn) else inn


def _bik_rule(corr_account: str) -> Rule:
    """The к/с confirms a BIK's last five digits, not its region (digits 3–4): it cannot verify the BIK alone."""
    return Rule(
        "corr_account_matches_bik",
        partial(_bik_fits, corr_account),
        False,
        "the к/с confirms its last five digits; nothing on the page confirms its region code (digits 3–4)",
        "does not fit the к/с",
    )


def _choose_bik(candidates: list[Candidate], corr_accounts: list[Candidate]) -> tuple[str | None, FieldCheck]:
    """Among the BIKs read, keep those the correspondent account confirms: together they are far less likely to
    be a misread than either alone. The к/с repeats the BIK's last digits, so it can also repair one confusion
    in a BIK that no к/с confirms (047524828 next to 30101…0828 → 047324828)."""
    for corr in _ordered(corr_accounts):
        confirmed = [b for b in candidates if _bik_fits(corr.value, b.value)]
        if confirmed:
            return _choose("bank_bic", confirmed, _bik_rule(corr.value))
    for bik in _ordered(candidates):
        for corr in _ordered(corr_accounts):
            repaired = checks.repair_single_confusion(bik.value, partial(_bik_fits, corr.value))
            if repaired is not None and repaired != bik.value:
                return repaired, _repaired(bik, repaired, _bik_rule(corr.value), " with the к/с")
    return _choose("bank_bic", candidates, _bik_shape)


def _bik_fits(corr_account: str, bik: str) -> bool:
    """A bank's к/с ends with its БИК's last three digits and keys with digits 5–6; a ЕКС says only digits 5–6."""
    return corr_account.startswith("301") and checks.corr_account_valid(corr_account, bik)


def _choose_accounts(
    by_field: dict[str, list[Candidate]],
    bic: str | None,
    values: dict[str, str | None],
    results: dict[str, FieldCheck],
) -> None:
    """Both accounts against the BIK; with no BIK read (or none of a БИК's shape), the к/с by its shape, and the р/с
    by the bank's code that the к/с ends with (a transfer receipt often shows the к/с and not the BIK)."""
    corr_field, account_field = "bank_corr_account", "recipient_account"
    if bic and checks.bik_valid(bic):
        values[corr_field], results[corr_field] = _choose(corr_field, by_field[corr_field], _corr_rule(bic))
        values[account_field], results[account_field] = _choose(
            account_field, by_field[account_field], partial(_account_rule, bic)
        )
        return
    corr, results[corr_field] = _choose(corr_field, by_field[corr_field], _CORR_SHAPE)
    values[corr_field] = corr
    rule: Rule | RuleOfValue | None = None
    if corr is not None and corr.startswith("301") and results[corr_field].status != CheckStatus.INVALID:
        code_rule = Rule(
            "account_key_corr_code",
            partial(checks.settlement_account_valid_for_code, code=corr[-3:]),
            True,
            "its key matches the bank code the к/с ends with",
            "fails its key with the bank code the к/с ends with",
        )
        rule = partial(_treasury_or, code_rule)
    elif any(_without_key(c.value) for c in by_field[account_field]):
        rule = partial(_treasury_or, None)
    values[account_field], results[account_field] = _choose(account_field, by_field[account_field], rule)


def _without_key(account: str) -> bool:
    """An account that no key rule applies to whatever the БИК: a казначейский счёт, a template's zeros."""
    return account.startswith(checks.TREASURY_ACCOUNT_PREFIX) or checks.placeholder(account)


def _corr_rule(bic: str) -> Rule:
    """The к/с against a bank's БИК; for a treasury office's БИК the ЕКС, the account that stands in its place."""
    if checks.treasury_office_bik(bic):
        return Rule(
            "treasury_single_account_key_bik",
            partial(checks.treasury_single_account_valid, bik=bic),
            True,
            f"a ЕКС (40102…) whose key matches the Bank of Russia division of the БИК {bic} (digits 5–6)",
            f"is not a ЕКС (40102…) that fits the БИК {bic}: a treasury office has no к/с",
        )
    return Rule(
        "corr_account_key_bik",
        partial(checks.corr_account_valid, bik=bic),
        True,
        f"its key matches the БИК {bic}",
        f"does not fit the БИК {bic}",
    )


def _account_rule(bic: str, account: str) -> Rule:
    """The р/с's key against the БИК; a казначейский счёт's shape (it has no key); an account whose БИК gives no
    conditional number for its key (a foreign bank's, a Bank of Russia client's) by its digits alone."""
    if checks.placeholder(account):
        return _PLACEHOLDER_ACCOUNT
    if account.startswith(checks.TREASURY_ACCOUNT_PREFIX):
        return _TREASURY_ACCOUNT
    if account.startswith(checks.TREASURY_SINGLE_ACCOUNT) or checks.account_key_prefix(account, bic) is not None:
        return Rule(
            "account_key_bik",
            partial(checks.settlement_account_valid, bik=bic),
            True,
            f"its key matches the БИК {bic}",
            f"fails its key with the БИК {bic}",
        )
    return Rule(
        "account_no_key_rule",
        checks.account_shape_valid,
        False,
        f"no key rule ties an account to the БИК {bic}; nothing confirms its digits",
        "not 20 digits",
        repairs=False,
    )


_WEAK_KEYS = frozenset({"account_key_bik", "account_key_corr_code"})
"""Account keys: one digit, weights 7, 1, 3 mod 10, so a misreading of several digits passes one time in ten."""


def _weak_key_doubted(
    values: dict[str, str | None], results: dict[str, FieldCheck], readings: list[Candidate]
) -> FieldCheck:
    """The р/с's check, not ``verified`` when its key is all that confirms it (no QR, text layer or second reader
    reads it) and the reading itself shows misread digits the key missed: a key-bearing account is a rouble one,
    so its digits 6–8 read other than 810 are misread (a foreign-currency account loses only the status); or the
    к/с read with it fails the same БИК beyond a single confusion's repair, so the page misread the bank's digits
    (r10_invoice_05_hard, Indra: the р/с's 8s read as 0s, as the к/с's were, and its key still passed)."""
    account, check = values["recipient_account"], results["recipient_account"]
    if account is None or not _key_alone(values, results, readings):
        return check
    corr, corr_check = values["bank_corr_account"], results["bank_corr_account"]
    if (code := account[5:8]) != checks.ROUBLE_CODE:
        why = f"its digits 6–8, {code}, are not the rouble's {checks.ROUBLE_CODE}: a misread currency code"
    elif corr is not None and corr_check.status == CheckStatus.INVALID:
        why = f"the к/с read with it, {corr}, fails that БИК: the page's bank digits are misread"
    else:
        return check
    return _key_doubted(check, why)


def _key_alone(values: dict[str, str | None], results: dict[str, FieldCheck], readings: list[Candidate]) -> bool:
    """Whether the р/с is ``verified`` by its key and nothing else: no QR, text layer or second reader reads it."""
    account, check = values["recipient_account"], results["recipient_account"]
    if account is None or check.status != CheckStatus.VERIFIED or check.rule not in _WEAK_KEYS:
        return False
    chosen = next((c for c in readings if c.value == account and c.source == check.source), None)
    return chosen is not None and _agreement("recipient_account", chosen, readings) is None


def _key_doubted(check: FieldCheck, why: str) -> FieldCheck:
    detail = f"{check.detail}, but {why}, and a key passes one misreading in ten: compare it with the document"
    return check.model_copy(update={"status": CheckStatus.UNVERIFIED, "detail": detail})


_AS_PRINTED = frozenset({Source.QR, Source.PDF})
"""Sources that read a number's digits as the document holds them: no misreading for a key to miss."""


def _bank_checked(
    bics: list[Candidate], values: dict[str, str | None], results: dict[str, FieldCheck], directory: BikDirectory
) -> str | None:
    """The bank's fields against the directory (``check_bank_in_directory``), then why nothing confirms the bank
    digits the р/с's key used (``_bank_code_unconfirmed``): asked once the directory has spoken and before the roles
    are weighed, which doubt whose a number is, not its digits."""
    check_bank_in_directory(bics, values, results, directory)
    return _bank_code_unconfirmed(values, results, directory)


def _bank_code_unconfirmed(
    values: dict[str, str | None], results: dict[str, FieldCheck], directory: BikDirectory
) -> str | None:
    """Why nothing confirms the bank digits a р/с's key is computed with (the БИК's, else the к/с's last three), or
    ``None`` when something does: the БИК ``verified`` (the directory, a QR, a second reader), a ``verified`` к/с
    that fits it, or a БИК or к/с read from a QR or a text layer."""
    bic, corr = values["bank_bic"], values["bank_corr_account"]
    bic_check, corr_check = results["bank_bic"], results["bank_corr_account"]
    if results["recipient_account"].rule == "account_key_corr_code":
        if corr is None or corr_check.status == CheckStatus.VERIFIED or _read_as_printed(corr_check):
            return None
        return f"the bank code it passes with is the last three digits of the к/с {corr}, which nothing confirms"
    if bic is None or bic_check.status == CheckStatus.VERIFIED or _read_as_printed(bic_check):
        return None
    if corr is not None and corr_check.status == CheckStatus.VERIFIED and checks.corr_account_valid(corr, bic):
        return None
    why = f"nothing confirms the БИК {bic} it passes with, neither a к/с read that fits it nor {directory.label}"
    if directory.lookup(bic) is None:
        return f"{why}, which does not list it (a misread БИК is mostly no bank's)"
    return why


def _read_as_printed(check: FieldCheck) -> bool:
    return check.source in _AS_PRINTED and check.status != CheckStatus.REPAIRED


def _unconfirmed_code_doubted(
    values: dict[str, str | None], results: dict[str, FieldCheck], readings: list[Candidate], why: str | None
) -> FieldCheck:
    """The р/с's check, not ``verified`` when its key alone confirms it and nothing confirms the bank digits the key
    is computed with (``_bank_code_unconfirmed``): a misread БИК passes a misread р/с one time in ten
    (sidio_h_scan2 at a lower resolution: 40702810300014867398 passed with 044525845 read for 044525545)."""
    check = results["recipient_account"]
    if why is None or not _key_alone(values, results, readings):
        return check
    return _key_doubted(check, why)


def _treasury_or(rule: Rule | None, account: str) -> Rule:
    """With no БИК: a казначейский счёт by its shape, another account by ``rule`` (the к/с's bank code) or none."""
    if checks.placeholder(account):
        return _PLACEHOLDER_ACCOUNT
    if account.startswith(checks.TREASURY_ACCOUNT_PREFIX):
        return _TREASURY_ACCOUNT
    return rule or _NO_RULE


_PLACEHOLDER_ACCOUNT = Rule(
    "account_placeholder",
    lambda account: not checks.placeholder(account),
    False,
    "",
    "is all zeros: a blank template's placeholder, which no bank issues",
    repairs=False,
)
_NO_RULE = Rule("account_shape", lambda value: True, False, "no БИК or к/с to check its key against", "", repairs=False)


def _choose_kpp(
    candidates: list[Candidate], inn: str | None, inn_check: FieldCheck, inns: list[Candidate]
) -> tuple[str | None, FieldCheck]:
    """A КПП starts with the code of the tax office where the company is registered, and its ИНН with the code of
    the office that issued it: the same office unless the company moved or is a large taxpayer. So among readings
    that disagree, the one agreeing with the organisation's ИНН wins (740501001 for ИНН 7405891816, not the
    140501001 that blur made of it), and that agreement verifies it when the ИНН's check digits did.

    An individual entrepreneur (12-digit ИНН) has no КПП: one printed near such an ИНН is the buyer's or the
    platform's, so it is dropped, and the check says so; so is one that names another ИНН's tax office
    (``_another_partys_kpp``). ``inns``: every ИНН read, the recipient's rivals' too."""
    if inn is not None and len(inn) == 12 and candidates:
        first = _ordered(candidates)[0]
        detail = (
            f"{first.value} left out: the ИНН has 12 digits (an individual entrepreneur), who has no КПП;"
            " it is another party's"
        )
        return None, FieldCheck(status=CheckStatus.UNVERIFIED, source=first.source, rule="ip_has_no_kpp", detail=detail)
    if inn is not None and len(inn) == 10:
        agreeing = [c for c in candidates if checks.kpp_tax_office_matches_inn(c.value, inn)]
        if agreeing and inn_check.status == CheckStatus.VERIFIED:
            # Only digits 1–4 are checked: a КПП misread in its reason code or serial (5–9) would pass, so the
            # agreement picks among readings and is reported, but confirms nothing (another source may).
            rule = Rule(
                "kpp_tax_office",
                partial(checks.kpp_tax_office_matches_inn, inn=inn),
                False,
                "its tax office (digits 1–4) is the one that issued the ИНН; nothing on the page confirms digits 5–9",
                "",
                repairs=False,
            )
            return _choose("recipient_kpp", agreeing, rule)
        if agreeing:
            return _choose("recipient_kpp", agreeing, _KPP_SHAPE)
        if inn_check.status == CheckStatus.INVALID:  # the recipient's named readings are the same number misread
            inns = [c for c in inns if not (c.field == "recipient_inn" and c.named_whose)]
        if (others := _another_partys_kpp(candidates, inn, inns)) is not None:
            return others
    return _choose("recipient_kpp", candidates, _KPP_SHAPE)


def _another_partys_kpp(candidates: list[Candidate], inn: str, inns: list[Candidate]) -> tuple[None, FieldCheck] | None:
    """No КПП read agrees with the recipient's ИНН, and each names the tax office of another ИНН read on the page
    (a hotel's «ИНН/КПП 7714464890/771401001» on its folio merged after an agency's receipt, ИНН 7743…): each is that
    party's, left out. A КПП of an office no ИНН on the page names may be the recipient's (a large taxpayer's 7750…).
    Beside a recipient's ИНН that fails its check digits, the readings the page names the recipient's are that ИНН
    misread, no other party's (a 1C invoice's grid read «ИНН 5242441838 КПП 524901001», its «Поставщик» row «ИНН
    5249441858», both misreadings of 5249441838); an ИНН read with nothing to say whose still is another party's."""
    offices = {c.value[:4] for c in inns if len(c.value) == 10 and c.value != inn}
    if not candidates or not all(c.value[:4] in offices for c in candidates):
        return None
    first = _ordered(candidates)[0]
    owner = next(c.value for c in inns if c.value[:4] == first.value[:4] and c.value != inn)
    detail = (
        f"{first.value} left out: its tax office {first.value[:4]} is that of ИНН {owner}, another party on the"
        f" page, not of the recipient's {inn}"
    )
    check = FieldCheck(status=CheckStatus.UNVERIFIED, source=first.source, rule="kpp_of_another_inn", detail=detail)
    return None, check


def _doubted_by_kpp(inn: str | None, check: FieldCheck, kpps: list[Candidate]) -> FieldCheck:
    """A verified organisation's ИНН whose КПП, read beside it, names a tax office one digit away from the ИНН's
    (6019 beside 6015) and none the same: an office that differs in one digit is far likelier a misreading of one of
    the two than a company that moved next door, and a misread ИНН passes its check digits one time in eleven. A
    КПП of another office altogether (a large taxpayer's 7750…) says nothing against the ИНН."""
    if inn is None or len(inn) != 10 or check.status != CheckStatus.VERIFIED or check.rule != _INN.name:
        return check
    offices = {c.value[:4] for c in kpps}
    near = sorted(o for o in offices if sum(a != b for a, b in zip(o, inn[:4], strict=True)) == 1)
    if not near or inn[:4] in offices:
        return check
    detail = (
        f"{_INN.passed}, but the КПП read beside it names tax office {', '.join(near)}, one digit from the ИНН's"
        f" {inn[:4]}: one of the two is misread"
    )
    return check.model_copy(update={"status": CheckStatus.UNVERIFIED, "detail": detail})


def _doubted_by_garbled(inn: str | None, check: FieldCheck, candidates: list[Candidate]) -> FieldCheck:
    """A verified ИНН that one source alone read, where OCR read the page's ИНН also with a character it made into no
    digit («ИНН 55 У1245622», ``values.garbled_inn``) and that reading differs from it in a digit of its last six
    yet agrees in four of them: the last six are the taxpayer's own serial and check digit, in which another party's
    number differs almost everywhere (its region's and office's digits a neighbour shares), so this is the same
    number read otherwise, and a misread ИНН passes its check digit one time in ten. Two sources reading the same
    digits stand."""
    if inn is None or check.status != CheckStatus.VERIFIED or check.source not in OCR_SOURCES:
        return check
    if len({c.source for c in candidates if c.field == "recipient_inn" and c.value == inn}) > 1:
        return check
    garbled = (c for c in candidates if c.field == GARBLED_INN and c.source in OCR_SOURCES)
    near = sorted({c.value for c in garbled if _read_otherwise(c.value, inn)})
    if not near:
        return check
    detail = (
        f"{_INN.passed}, but OCR also read the number as {', '.join(near)} ({UNREADABLE}: no digit read), which"
        " differs in its last digits: the page is unsure of them, and a check digit passes about one misreading in ten"
    )
    return check.model_copy(update={"status": CheckStatus.UNVERIFIED, "detail": detail})


def _read_otherwise(garbled: str, inn: str) -> bool:
    """Of the last six digits, four or more read the same and at least one read as another digit."""
    if len(garbled) != len(inn):
        return False
    pairs = list(zip(garbled[-6:], inn[-6:], strict=True))
    same = sum(g == i for g, i in pairs)
    other = sum(g not in (i, UNREADABLE) for g, i in pairs)
    return same >= 4 and other >= 1


CHECK_DIGITS_ALONE = frozenset({_INN.name, *_WEAK_KEYS})
"""Rules whose check digits are the value's own and nothing else can confirm: a reading with several digits misread
passes them one time in ten (an ИНН's check digit, a р/с's key), so they confirm a number read surely, not a guess.
A к/с is left out: the БИК directory lists it, and confirms it then (``model.bank_check``)."""


def doubted_when_read_unsure(
    details: PaymentDetails,
    checks: dict[str, FieldCheck],
    candidates: Iterable[Candidate],
    page_confidence: float | None,
) -> dict[str, FieldCheck]:
    """``checks`` with each value that its own check digits alone verified ``unverified`` when the OCR read both the
    page and the value's words (``model.evidence``) under ``LOW_CONFIDENCE``: a blurred receipt read 48% confident
    gave ИНН 4732666710 for 4732665730 at 67.5%, its check digit matching. The page's confidence tells a guess from a
    sure digit that a table's rule or a glued label pulls down: on the real documents, pages read 76-92% confident
    gave right numbers whose words read 37-67%. A value another source read the same (a QR, the other reader)
    stands."""
    if page_confidence is None or page_confidence >= LOW_CONFIDENCE:
        return checks
    candidates = list(candidates)
    doubted = dict(checks)
    for field, check in checks.items():
        value = getattr(details, field, None)
        unsure = check.confidence is not None and check.confidence < LOW_CONFIDENCE
        if value is None or not unsure or check.status != CheckStatus.VERIFIED or check.rule not in CHECK_DIGITS_ALONE:
            continue
        if {c.source for c in candidates if c.field == field and _same(field, c.value, str(value))} - {check.source}:
            continue
        detail = (
            f"{check.detail}, but the OCR read its digits unsure ({check.confidence:.0f}% confident, on a page read"
            f" {page_confidence:.0f}% confident), and a check digit passes about one misreading in ten: compare it with"
            " the document"
        )
        doubted[field] = check.model_copy(update={"status": CheckStatus.UNVERIFIED, "detail": detail})
    return doubted


_SHOWN_WHEN_MISSHAPEN = frozenset({"fiscal_drive_number", "fiscal_document_number", "fiscal_sign"})
"""Fields whose reading with a digit dropped or added is reported: a receipt's fiscal numbers are for checking the
receipt with the tax service, and a ФН of 15 digits must not silently vanish."""


def _misshapen(field: str, readings: list[Candidate]) -> FieldCheck:
    """``invalid`` with the field left empty: every reading has the wrong number of digits for the schema."""
    first = _ordered(readings)[0]
    rule = _RULES[field]
    detail = f"read {first.value} ({len(first.value)} digits): {rule.failed}; left empty: only the QR can say which"
    return FieldCheck(status=CheckStatus.INVALID, source=first.source, rule=rule.name, detail=detail)


def _without_lost_kopecks(amounts: list[Candidate]) -> list[Candidate]:
    """Drops an OCR reading of whole roubles whose kopecks were unreadable ("13011.00", ``kopecks_unread``) when
    another OCR reading of the same roubles has kopecks ("13011.46"): blur loses the kopecks of "13 011 руб. 46
    коп." far more often than it invents them. Also one whose roubles are another reading's digits, kopecks and all
    («Итого 484400 P» under «Сумма 4844,00 р», r6_transfer_02_hard): the kopecks' comma lost, not a sum a hundred
    times the other."""
    ocr = [c for c in amounts if c.source in OCR_SOURCES]
    lost = [c for c in ocr if c.kopecks_unread]
    with_kopecks = {c.value.split(".")[0] for c in ocr if not c.value.endswith(".00")}
    comma_lost = {c.value.replace(".", "") for c in ocr if not c.kopecks_unread}
    read_better = with_kopecks | comma_lost
    return [c for c in amounts if not (c in lost and c.value.split(".")[0] in read_better)]


def _without_lone_misread_rows(amounts: list[Candidate]) -> list[Candidate]:
    """Drops the last column of a misread form total row (``Candidate.columns_misread``) that no other reading of
    the page repeats: its columns not adding up says OCR misread one of them, and the last's kopecks may be it
    (Indra's «47 000,42 X 19 400,08 56400,57» for 56 400,50, where Tesseract read «56400,92»). Another pass or
    reader reading the same sum confirms the column (each pass gives one such reading of a row, ``model.fields``);
    failing one, no amount rather than a wrong one."""
    values = [c.value for c in amounts]
    return [c for c in amounts if not (c.columns_misread and values.count(c.value) < 2)]


_SIGN_READ_AS_DIGIT = ("2", "3")
"""What OCR makes of the «=» or «≡» a register prints before a sum in large type («ИТОГО К ОПЛАТЕ =4.06» read
«34.06», «ИТОГ ≡142.00» read «2142.00»)."""


def _without_sign_read_as_digit(amounts: list[Candidate]) -> list[Candidate]:
    """Drops a total's OCR reading that is another total's reading, by the same reader, with one digit more in front,
    a 3 or a 2: the «=» or «≡» before a large-print sum read as a digit («итого =4.06» over «ИТОГО К ОПЛАТЕ 34.06»).
    Two totals of one page that differ by a leading digit and nothing else are one sum read twice; a real surcharge
    (a delivery) changes more than the first digit unless it is a round 3000 or 2000 on a sum below a thousand."""
    totals = [c for c in amounts if c.source in OCR_SOURCES and c.score >= TOTAL_SCORE and not c.by_shape]
    signed = {(c.source, digit + c.value) for c in totals for digit in _SIGN_READ_AS_DIGIT}
    return [c for c in amounts if not (c in totals and (c.source, c.value) in signed)]


def _without_currency_read_as_digit(amounts: list[Candidate]) -> list[Candidate]:
    """Drops an OCR reading of whole roubles whose digits are another OCR reading's, kopecks and all, and one digit
    more that is no 0: a bank app's «16 440,00 ₽» or «-20 147,05 Р» read with its spaces and comma lost and its ₽
    as a digit («16440002», «-20147052Р») is the same sum a thousand times over, where another pass read it as
    printed. A page's sums rarely differ so, but a round one's tenfold would («10,00» beside «10 000,00»): hence
    the digit that is no 0."""
    printed = {c.value.replace(".", "") for c in amounts if c.source in OCR_SOURCES}
    return [c for c in amounts if not (c.source in OCR_SOURCES and _currency_glued(c.value, printed))]


def _currency_glued(value: str, printed: set[str]) -> bool:
    """Whether ``value`` is whole roubles whose digits are one of ``printed`` (another reading's, kopecks and
    all) and a last digit that is no 0 (``_without_currency_read_as_digit``)."""
    roubles, kopecks = value.split(".")
    return kopecks == "00" and roubles[-1] != "0" and roubles[:-1] in printed


_NOT_ON_A_CASH_RECEIPT = frozenset({"bank_name", "bank_bic", "bank_corr_account", "recipient_account"})
"""A cash receipt names no bank of the seller's: a bank on it is the card terminal's slip printed on the same tape
(«ОПЛАТА / ПАО СБЕРБАНК / ОДОБРЕНО»), the acquirer of the buyer's card, not where a payment would go — unless the page
prints the seller's own requisites (``_sellers_bank_printed``)."""


def _sellers_bank_printed(candidates: Sequence[Candidate]) -> bool:
    """The page prints the seller's own bank, as a hotel's folio stapled to its receipt or an agency's receipt footer
    does («Р/С 4070…», «Корр. счет 3010…», «БИК 04…»): an account or a correspondent account that a БИК read on the
    page confirms by its key. A card terminal's slip prints none of them (its acquirer, a terminal, a masked card)."""
    biks = {c.value for c in candidates if c.field == "bank_bic" and not c.by_shape}
    accounts = {c.value for c in candidates if c.field == "recipient_account" and not c.by_shape}
    corrs = {c.value for c in candidates if c.field == "bank_corr_account" and not c.by_shape}
    return any(settlement_account_valid(account, bik) for account in accounts for bik in biks) or any(
        corr_account_valid(corr, bik) for corr in corrs for bik in biks
    )


_FISCAL_FIELDS = frozenset({"fiscal_drive_number", "fiscal_document_number", "fiscal_sign"})
"""An invoice or a bill asks for a payment that has not happened: no cash register has fiscalised it, so sixteen
digits of a ФН's shape that no label names on it are another number (a payment order's «Код»)."""


_OTHER_NUMBERS = ("fiscal_sign", "fiscal_document_number", "fiscal_drive_number", "recipient_account")


def _own_numbers(by_field: dict[str, list[Candidate]]) -> list[Candidate]:
    """The ИНН readings, less those found by shape alone whose digits the page labels as another field: one number,
    one role (a receipt's 10-digit ФП passes an ИНН's check digit one time in ten)."""
    taken = {candidate.value.lstrip("0") for field in _OTHER_NUMBERS for candidate in by_field[field]}
    return [c for c in by_field["recipient_inn"] if not (c.by_shape and c.value.lstrip("0") in taken)]


_PATRONYMIC = r"[А-ЯЁ][а-яё]+(?:ович|евич|ич|овна|евна|ична|инична)"


def _patronymic_printed(name: str, printed: Candidate) -> Candidate | None:
    """The QR's ``name`` as the page prints it, with the patronymic after it, read by ``printed``'s reader."""
    if printed.source == Source.QR:
        return None
    pattern = r"(?<![\w-])" + r"\s+".join(map(re.escape, name.split())) + r"\s+(" + _PATRONYMIC + r")(?![\w-])"
    if (match := re.search(pattern, printed.value, re.IGNORECASE)) is None:
        return None
    return replace(printed, value=" ".join(match[0].split()), score=printed.score + 1)


def _with_patronymics(readings: list[Candidate]) -> list[Candidate]:
    """A payment QR carries a payer's ``LastName`` and ``FirstName`` where the page prints the whole name («Плательщик
    (Ф.И.О.): Новиков Роман Сергеевич»): the printed name that goes on past the QR's with a patronymic, over the QR's
    shorter name (whose top trust would otherwise put it first). The QR's words are found in it, in any case, and
    the reading is cut to them and the patronymic: no label's or speck's words before them."""
    extended = [
        found
        for qr in readings
        if qr.source == Source.QR
        for printed in readings
        if (found := _patronymic_printed(qr.value, printed)) is not None
    ]
    if not extended:
        return readings
    shortened = {c.value for c in readings if c.source == Source.QR}
    return extended + [c for c in readings if c.value not in shortened]


_SURNAME_AND_INITIALS = re.compile(
    r"(?<![\w-])(?P<surname>[А-ЯЁ][а-яё]+)\s+(?P<first>[А-ЯЁ])\.\s?(?P<second>[А-ЯЁ])\.?\W*$"
)
"""A person named by the surname and two initials at a name's end («Индивидуальный предприниматель Павлов А. Н.»)."""


def _initials_spelled_out(readings: list[Candidate]) -> list[Candidate]:
    """A person named by initials (a bill's signature line, «Индивидуальный предприниматель Павлов А. Н.») where
    another reading spells the same person's name and patronymic out («ИП Павлов Артём Николаевич», the bill's
    head): one person, and the name in full is the name; it takes the initials' place and score, cut after the
    patronymic (no specks after it). Only a full reading whose name and patronymic open with those initials."""
    spelled = []
    for short in readings:
        if (initials := _SURNAME_AND_INITIALS.search(short.value)) is None:
            continue
        person = re.compile(
            rf"(?<![\w-]){initials['surname']}\s+{initials['first']}[а-яё]+\s+{initials['second']}[а-яё]+(?:ич|на)(?![\w-])"
        )
        for full in readings:
            if full is not short and (found := person.search(full.value)) is not None:
                value = " ".join(full.value[: found.end()].split())
                spelled.append((short, replace(full, value=value, score=max(full.score, short.score))))
                break
    if not spelled:
        return readings
    replaced = {id(short): full for short, full in spelled}
    return [replaced.get(id(c), c) for c in readings]


_FORMS_WRITTEN_OUT = {
    "ООО": "общество с ограниченной ответственностью",
    "АО": "акционерное общество",
    "ПАО": "публичное акционерное общество",
    "ЗАО": "закрытое акционерное общество",
    "ОАО": "открытое акционерное общество",
}
_ABBREVIATED_FORM = re.compile(rf"^(?P<form>{'|'.join(_FORMS_WRITTEN_OUT)})\s+(?P<name>\S.*)$")


def _legal_form_written_out(readings: list[Candidate]) -> list[Candidate]:
    """A company named with its legal form abbreviated (a 1C invoice's «Поставщик ООО «Трансимпериал», ИНН …») where
    another reading writes the same form out before the same name («Общество с ограниченной ответственностью
    «Трансимпериал»», the grid's payee cell, which the payment order copies): one company, and the name in full is
    its name; it takes the short one's place and score. Only the same form and the same words after it, quotes
    aside: «АО "Север"» and «Общество с ограниченной ответственностью "Север"» are two companies."""
    spelled = []
    for short in readings:
        if (abbreviated := _ABBREVIATED_FORM.match(short.value)) is None:
            continue
        written_out = f"{_FORMS_WRITTEN_OUT[abbreviated['form']]} {_name_words(abbreviated['name'])}"
        for full in readings:
            if full is not short and _name_words(full.value).casefold() == written_out.casefold():
                spelled.append((short, replace(full, score=max(full.score, short.score))))
                break
    if not spelled:
        return readings
    replaced = {id(short): full for short, full in spelled}
    return [replaced.get(id(c), c) for c in readings]


def _name_words(name: str) -> str:
    """A name's words without its quotes, one space between them."""
    return " ".join(re.sub(r"[«»\"“”„']", " ", name).split())


_NAME_FIELDS = ("recipient_name", "payer_name")


def _as_printed(readings: list[Candidate]) -> list[Candidate]:
    """Each name OCR read with Latin letters, as another OCR reading spells it in Cyrillic (``spelled_as_printed``).
    Only OCR's readings, whose agreement on a name verifies nothing (``READERS_AGREE_FIELDS``): a text layer's or a
    QR's spelling copied into an OCR reading would make two sources seem to agree."""
    ocr = [c.value for c in readings if c.source in OCR_SOURCES]
    return [replace(c, value=spelled_as_printed(c.value, ocr)) if c.source in OCR_SOURCES else c for c in readings]


_LABELLED_ELSEWHERE = ("bank_bic", "bank_corr_account", "recipient_account", "recipient_inn", "recipient_kpp")


def _fiscal_own_numbers(by_field: dict[str, list[Candidate]], candidates: list[Candidate]) -> None:
    """Drops a ФН, ФД or ФП reading whose digits a label of another kind claims on the page («АО КБ "Урал ФД"» over
    «БИК 045773790», where «ФД» is a word of the bank's name): one number, one role, and a bank's or a party's label
    says more than two letters that also occur in names."""
    claimed = {
        c.value.lstrip("0")
        for c in candidates
        if not c.by_shape and c.source != Source.QR and (c.field in _LABELLED_ELSEWHERE or c.field in RIVAL_FIELDS)
    }
    for field in _FISCAL_FIELDS:
        by_field[field] = [c for c in by_field[field] if c.source == Source.QR or c.value.lstrip("0") not in claimed]


def resolve(
    candidates: Iterable[Candidate],
    document_type: DocumentType,
    document_type_source: Source | None = None,
    directory: BikDirectory | None = None,
) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    """The payment details and a check for every schema field; ``directory`` is the БИК directory the bank's
    fields are checked against (``RECEIPT_BIK_DIRECTORY``'s or the committed copy unless given)."""
    candidates = list(candidates)
    by_field: dict[str, list[Candidate]] = {field: [] for field in VALUE_FIELDS}
    sellers_bank = document_type != DocumentType.CASH_RECEIPT or _sellers_bank_printed(candidates)
    unshown = frozenset() if sellers_bank else _NOT_ON_A_CASH_RECEIPT
    if document_type == DocumentType.INVOICE:
        candidates = [c for c in candidates if not (c.by_shape and c.field in _FISCAL_FIELDS)]
    if document_type == DocumentType.CASH_RECEIPT:  # «Оплата услуг связи …» is a line of what was sold
        candidates = [c for c in candidates if not (c.by_shape and c.field == "purpose")]
    misshapen: dict[str, list[Candidate]] = {field: [] for field in VALUE_FIELDS}
    for candidate in candidates:
        if candidate.field in by_field and candidate.field not in unshown:
            (by_field if _fits_schema(candidate) else misshapen)[candidate.field].append(candidate)

    _fiscal_own_numbers(by_field, candidates)
    by_field["payment_date"] = settled_dates_only(by_field["payment_date"], candidates)
    payees_inn, _ = _choose("recipient_inn", _own_numbers(by_field), _INN)
    for field in PAYEES_FIELDS:
        by_field[field] = another_payees_pages_last(by_field[field], by_field["recipient_inn"], payees_inn)
    values: dict[str, str | None] = {}
    results: dict[str, FieldCheck] = {"document_type": FieldCheck(source=document_type_source)}
    bic, results["bank_bic"] = _choose_bik(by_field["bank_bic"], by_field["bank_corr_account"])
    values["bank_bic"] = bic
    _choose_accounts(by_field, bic, values, results)
    results["recipient_account"] = _weak_key_doubted(values, results, by_field["recipient_account"])
    values["recipient_inn"], results["recipient_inn"] = _choose("recipient_inn", _own_numbers(by_field), _INN)
    if (unpadded := _unpadded(values["recipient_inn"])) != values["recipient_inn"]:
        check = results["recipient_inn"]
        detail = _with(check.detail or "", f"a cash register's {values['recipient_inn']}: {unpadded} padded with 00")
        values["recipient_inn"], results["recipient_inn"] = unpadded, check.model_copy(update={"detail": detail})
    inn, kpps = values["recipient_inn"], by_field["recipient_kpp"]
    results["recipient_inn"] = _doubted_by_garbled(
        inn, _doubted_by_kpp(inn, results["recipient_inn"], kpps), candidates
    )
    values["recipient_kpp"], results["recipient_kpp"] = _choose_kpp(
        by_field["recipient_kpp"],
        values["recipient_inn"],
        results["recipient_inn"],
        [c for c in candidates if c.field in ("recipient_inn", *RIVALS["recipient_inn"])],
    )
    paid = [c for c in candidates if c.field == AMOUNT_PAID]
    amounts = _without_sign_read_as_digit(
        _without_currency_read_as_digit(_without_lost_kopecks(_without_lone_misread_rows(by_field["amount"])))
    )
    if document_type != DocumentType.CASH_RECEIPT:  # a receipt's «ИТОГ», fee and all, is what its fiscal data state
        amounts = fees_left_out(amounts, [c for c in candidates if c.field == FEE])
    by_field["amount"] = sums_due_first(stated_totals_first(amounts, paid), candidates)
    by_field["payer_name"] = _with_patronymics([c for c in by_field["payer_name"] if not misread_person(c.value)])
    for field in _NAME_FIELDS:
        by_field[field] = _as_printed(_legal_form_written_out(_initials_spelled_out(by_field[field])))
    for field in VALUE_FIELDS:
        if field not in values:
            values[field], results[field] = _choose(field, by_field[field], _RULES.get(field))
            if values[field] is None and field in _SHOWN_WHEN_MISSHAPEN and misshapen[field]:
                results[field] = _misshapen(field, misshapen[field])
    if any(c.source == Source.PDF for c in candidates):
        for field in _SOLE_READING_FIELDS:
            results[field] = _scanned_beside_text(results[field])
    _judged_by_the_words(values, results, by_field["amount"], candidates)
    results["amount"] = _total_due_unread(
        paid_checked(results["amount"], values["amount"], by_field["amount"], paid), values["amount"], candidates
    )
    bank_code_unconfirmed = _bank_checked(by_field["bank_bic"], values, results, directory or current_directory())
    role_checked(
        values,
        results,
        by_field,
        (c for c in candidates if c.field in RIVAL_FIELDS and c.field.removeprefix("payer_") not in unshown),
        document_type,
    )
    disputed(values, results, candidates)
    results["recipient_account"] = _unconfirmed_code_doubted(
        values, results, by_field["recipient_account"], bank_code_unconfirmed
    )
    shown_as_the_directory_confirms(values, results, directory or current_directory())
    return PaymentDetails(document_type=document_type, **values), {field: results[field] for field in FIELD_NAMES}
