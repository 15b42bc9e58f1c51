"""Whose a number is: a rule of the trust contract (docs/architecture.md, "Trust") that check digits cannot be.

Check digits, an account's key against the БИК and a КПП's tax office say that a number is an ИНН or an account,
not whose: the payer's ИНН, the bank's own БИК and к/с in its stamp or footer, a marketplace's ИНН pass them as well
as the recipient's. So a recipient's number is ``verified`` only where its role is also established: a payment QR
reads it (the payment's own record of who is paid), the page reads it where it says whose it is (a label naming the
recipient, the recipient's block, a form's cell: ``Candidate.named_whose``), or nothing on the page contests it. It
is contested when the page holds another number of the same kind that passes the same checks: read for this field
too, or in another party's block (``model.fields`` keeps those as ``payer_…``, ``issuer_…``, ``supplier_…``,
``others_inn``). Then the value stays, ``unverified``, and the detail names the other number and asks the person to
look. A recipient's number read where the page says whose it is keeps ``verified`` beside another party's number; two
numbers that both claim the recipient's place are contested either way. On a bank's transfer receipt, which prints
the bank's own ИНН, БИК and к/с under whatever label its layout has, "nothing contests it" is not enough where nothing
says whose a number is: a key must also tie the page's bank numbers to a client's account (``_tied_to_an_account``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from model import checks
from model.schema import Candidate, CheckStatus, DocumentType, FieldCheck, Source

RIVALS: Mapping[str, Mapping[str, str]] = {
    "recipient_inn": {
        "payer_inn": "the payer's",
        "issuer_inn": "the issuing bank's own",
        "supplier_inn": "an agent's principal's",
        "others_inn": "a cashier's, a fiscal data operator's or a buyer's",
    },
    "recipient_kpp": {
        "payer_kpp": "the payer's",
        "issuer_kpp": "the issuing bank's own",
        "supplier_kpp": "an agent's principal's",
    },
    "recipient_account": {"payer_account": "the payer's", "supplier_account": "an agent's principal's"},
    "bank_bic": {
        "payer_bic": "the payer's bank's",
        "issuer_bic": "the issuing bank's own",
        "supplier_bic": "an agent's principal's bank's",
    },
    "bank_corr_account": {
        "payer_corr_account": "the payer's bank's",
        "issuer_corr_account": "the issuing bank's own",
        "supplier_corr_account": "an agent's principal's bank's",
    },
}
"""For each of the recipient's numbers, the fields holding another party's numbers of its kind, and whose they are."""
ROLE_FIELDS = frozenset(RIVALS)
RIVAL_FIELDS = frozenset(name for rivals in RIVALS.values() for name in rivals)
_BIK_FIELDS = ("bank_bic", "payer_bic", "issuer_bic", "supplier_bic")
_CORR_FIELDS = ("bank_corr_account", "payer_corr_account", "issuer_corr_account", "supplier_corr_account")
ROLE_RULE = "role_contested"
UNTIED_RULE = "role_untied"
_ISSUED_BY_A_BANK = frozenset({DocumentType.BANK_TRANSFER})
"""Documents a bank issues, which print the bank's own ИНН, БИК and к/с in a stamp or footer under whatever label
its layout has: there a number no rival contests may still be the bank's own (``_tied_to_an_account``)."""
_ACCOUNT_TIES = frozenset({"account_key_bik", "account_key_corr_code", "treasury_single_account_key_bik"})
"""The keys that tie the page's БИК and к/с to a client's account (a р/с, a treasury office's ЕКС): a bank's own
requisites in its footer hold no client's account."""


def _of_its_kind(field: str, biks: Iterable[str]) -> Callable[[str], bool]:
    """Whether a number passes the checks a number of this field passes: an ИНН's check digits, a КПП's shape, a
    БИК's; an account's or a к/с's key against some БИК read on the page (its shape when none was read)."""
    biks = [bik for bik in biks if checks.bik_valid(bik)]
    if field == "recipient_inn":
        return lambda value: checks.inn_valid(value) or checks.padded_inn_valid(value)
    if field == "recipient_kpp":
        return checks.kpp_valid
    if field == "bank_bic":
        return checks.bik_valid
    if field == "bank_corr_account":
        if not biks:
            return checks.corr_account_shape_valid
        return lambda value: any(checks.corr_account_valid(value, bik) for bik in biks)
    if not biks:
        return lambda value: checks.account_shape_valid(value) and not checks.placeholder(value)
    return lambda value: any(checks.settlement_account_valid(value, bik) for bik in biks)


def _another_number(field: str, corr_accounts: Iterable[str], read: str, chosen: str) -> bool:
    """Not the chosen number misread (more than one digit in six apart) nor padded («002310031475»), or a БИК or к/с
    of another bank however few digits apart (``_another_bank``)."""
    if read.endswith(chosen) or chosen.endswith(read):
        return False
    if len(read) != len(chosen):
        return True
    apart = sum(a != b for a, b in zip(read, chosen, strict=True)) > max(1, len(chosen) // 6)
    return apart or _another_bank(field, read, chosen, corr_accounts)


def _another_bank(field: str, read: str, chosen: str, corr_accounts: Iterable[str]) -> bool:
    """Two banks' БИК or к/с, not one number misread, however few digits apart: two Moscow banks' БИК may differ in
    one digit (044525756, 044525757), their к/с in three. A к/с ends with its bank's code (its БИК's last three
    digits), so another code is another bank's where its key passes with a БИК read on the page (``_of_its_kind``);
    a БИК is another bank's where a к/с read on the page keys to it. A misread digit fails those keys."""
    if read[-3:] == chosen[-3:]:
        return False
    if field == "bank_corr_account":
        return True
    return field == "bank_bic" and any(checks.corr_account_valid(corr, read) for corr in corr_accounts)


def _established(field: str, readings: list[Candidate], document_type: DocumentType) -> bool:
    """The page says whose the value is: a reading where it names the recipient; on a cash receipt a labelled ИНН,
    which 54-ФЗ prints bare only for the seller (its cashier's, operator's, principal's or buyer's carry their own
    words, read as theirs)."""
    if any(c.named_whose for c in readings):
        return True
    receipt_inn = document_type == DocumentType.CASH_RECEIPT and field == "recipient_inn"
    return receipt_inn and any(not c.by_shape for c in readings)


def role_checked(
    values: Mapping[str, str | None],
    results: dict[str, FieldCheck],
    by_field: Mapping[str, list[Candidate]],
    rivals: Iterable[Candidate],
    document_type: DocumentType,
) -> None:
    """Each verified recipient's number whose role is contested made ``unverified``, with the other numbers named."""
    others = list(rivals)
    biks = {c.value for c in others if c.field in _BIK_FIELDS} | {c.value for c in by_field["bank_bic"]}
    corr_accounts = {c.value for c in [*others, *by_field["bank_corr_account"]] if c.field in _CORR_FIELDS}
    untied = document_type in _ISSUED_BY_A_BANK and not _tied_to_an_account(results)
    for field in sorted(ROLE_FIELDS):
        value, check = values.get(field), results[field]
        if value is None or check.status != CheckStatus.VERIFIED:
            continue
        readings = [c for c in by_field[field] if c.value in (value, f"00{value}")]  # a register's padded ИНН
        if any(c.source == Source.QR for c in readings):
            continue  # a payment QR names the payee's numbers: the payment's own record of who is paid
        established = _established(field, readings, document_type)
        rivals_of_field = by_field[field] + ([] if established else others)
        claims = partial(_claims, field, document_type) if established else _any_reading
        another = partial(_another_number, field, corr_accounts)
        contest = _contest(field, value, rivals_of_field, _of_its_kind(field, biks), claims, another=another)
        if contest:
            results[field] = _contested(check, value, contest, established)
        elif untied and not established:
            results[field] = _untied(check, value)
    if results["bank_bic"].rule in (ROLE_RULE, UNTIED_RULE):
        _follow_the_bik(values, results, by_field)
    if results["recipient_inn"].rule in (ROLE_RULE, UNTIED_RULE):
        _follow_the_inn(values, results, by_field)


def _follow_the_inn(
    values: Mapping[str, str | None], results: dict[str, FieldCheck], by_field: Mapping[str, list[Candidate]]
) -> None:
    """A КПП is a company's together with its ИНН: where the ИНН's role is contested or untied, whose the КПП is is
    in doubt as well, unless a payment QR reads it. Two readers agreeing on its digits (the only rule that verifies a
    КПП read from print) confirm the digits, not whose: on a payment order's two columns run together, the payer's
    КПП beside an ИП payee, who has none, was verified so."""
    value, check = values.get("recipient_kpp"), results["recipient_kpp"]
    if value is None or check.status != CheckStatus.VERIFIED:
        return
    if any(c.source == Source.QR and c.value == value for c in by_field.get("recipient_kpp", [])):
        return
    detail = (
        f"{check.detail}; but it goes with the ИНН {values['recipient_inn']}, and nothing on the page establishes that"
        " ИНН as the recipient's: compare it with the document"
    )
    results["recipient_kpp"] = check.model_copy(
        update={"status": CheckStatus.UNVERIFIED, "rule": ROLE_RULE, "detail": detail}
    )


_TIED_TO_THE_BIK = ("bank_corr_account", "bank_name")
"""What the БИК's key and the Bank of Russia's directory tie to the БИК: its к/с, its bank's name."""


def _follow_the_bik(
    values: Mapping[str, str | None], results: dict[str, FieldCheck], by_field: Mapping[str, list[Candidate]]
) -> None:
    """The к/с and the bank's name verified through the БИК (its key, the directory's entry) say which bank that БИК
    is, not that it is the recipient's: where the БИК's role is contested or untied, so is theirs, unless the page says
    whose they are or a payment QR reads them."""
    bik = values["bank_bic"]
    for field in _TIED_TO_THE_BIK:
        value, check = values.get(field), results[field]
        if value is None or check.status != CheckStatus.VERIFIED:
            continue
        readings = [c for c in by_field.get(field, []) if c.value == value]
        if any(c.source == Source.QR or c.named_whose for c in readings):
            continue
        detail = (
            f"{check.detail}; but it goes with the БИК {bik}, and nothing on the page establishes that БИК as the"
            " recipient's bank's: compare it with the document"
        )
        results[field] = check.model_copy(
            update={"status": CheckStatus.UNVERIFIED, "rule": ROLE_RULE, "detail": detail}
        )


def _tied_to_an_account(results: Mapping[str, FieldCheck]) -> bool:
    """Whether a key that could have failed ties the page's bank numbers to a client's account: the recipient's р/с
    against the БИК or the к/с's bank code, or a treasury office's ЕКС against its БИК. Then the page shows the
    payee's requisites, not only its issuing bank's own."""
    keyed = (results["recipient_account"], results["bank_corr_account"])
    return any(check.status == CheckStatus.VERIFIED and check.rule in _ACCOUNT_TIES for check in keyed)


def _claims(field: str, document_type: DocumentType, reading: Candidate) -> bool:
    """Whether a reading claims the recipient's place as an established value does (``_established``)."""
    return _established(field, [reading], document_type)


def _any_reading(_reading: Candidate) -> bool:
    """Where the value's own place says nothing of whose it is, any other reading of the field contests it."""
    return True


def _contest(
    field: str,
    value: str,
    rivals: list[Candidate],
    passes: Callable[[str], bool],
    claims: Callable[[Candidate], bool],
    *,
    another: Callable[[str, str], bool],
) -> list[str]:
    """The other numbers of the value's kind that contest its role, each with whose it is: another party's number,
    or another labelled reading of the field that ``claims`` the recipient's place as well as the value does. A lone
    number found for passing a check digit (``by_shape``) is nobody's in particular, unless its length is another
    than the value's: an organisation's 10-digit ИНН and a person's 12-digit one are two parties, and a bare «ИНН»
    says which is paid no more than the garbled label of the other did (a ПД-4's payer's ИНН after his name, the
    payee's caption read «HНΗ»)."""
    contest: dict[str, str] = {}
    for rival in rivals:
        if rival.value in contest or not another(rival.value, value) or not passes(rival.value):
            continue
        if rival.field == field:
            if claims(rival) and (not rival.by_shape or len(rival.value) != len(value)):
                contest[rival.value] = "also read for this field"
        elif (whose := RIVALS[field].get(rival.field)) is not None:
            contest[rival.value] = f"{whose}, by where it stands"
    return [f"{number} ({whose})" for number, whose in contest.items()]


def _untied(check: FieldCheck, value: str) -> FieldCheck:
    detail = (
        f"{check.detail}; but nothing on the page says whose {value} is (no label or block of the recipient's, no"
        " payment QR), and no recipient's account is keyed to its bank: a bank's receipt prints the bank's own ИНН,"
        " БИК and к/с, which pass these checks too. Compare it with the document"
    )
    return check.model_copy(update={"status": CheckStatus.UNVERIFIED, "rule": UNTIED_RULE, "detail": detail})


def _contested(check: FieldCheck, value: str, contest: list[str], established: bool) -> FieldCheck:
    whose = (
        "the page names the recipient beside it and beside another number too"
        if established
        else f"nothing on the page says whose {value} is (no label or block of the recipient's, no payment QR)"
    )
    detail = (
        f"{check.detail}; but {whose}, and another number of its kind passes the same checks: {', '.join(contest)}."
        " Check digits say what kind of number it is, not whose: compare it with the document"
    )
    return check.model_copy(update={"status": CheckStatus.UNVERIFIED, "rule": ROLE_RULE, "detail": detail})
