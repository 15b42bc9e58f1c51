"""Where the document contradicts itself: a rule of the trust contract (docs/architecture.md, "Trust").

Check digits, an account's key, the БИК directory, a QR agreeing, two readers agreeing or a sum in words confirm that a
value is a well-formed number of its kind, or that two readings of one print agree; none says which of the document's
disagreeing prints is the payment's. Three ways a document prints two payments' values, each made ``unverified`` (the
value stays, and the detail names the other):

- its QR code pays someone else than its text names (a template's code left from another supplier, a holding
  company's): the code is the payment's own record only where the text does not read another recipient;
- its pages disagree (a bill with last month's act, or another supplier's bill, merged behind it): a value one page
  reads is not the file's where another page reads another of the same field and never this one;
- a receipt tape carries two receipts (the previous customer's tail above this one's): two fiscal signs, and its
  total, date, ФД and ФП may be either receipt's, whatever a QR or the readers agree on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from model import checks
from model.schema import Candidate, CheckStatus, FieldCheck, Source

_RECIPIENTS_NUMBERS = ("recipient_inn", "recipient_kpp", "recipient_account", "bank_bic", "bank_corr_account")
_BANK_FIELDS = ("bank_bic", "bank_corr_account", "bank_name")
"""The bank's fields stand or fall together: the directory confirms a name and a к/с by the БИК they are read with."""
QR_CONTRADICTED = "qr_contradicted"
PAGES_DIFFER = "pages_differ"
"""A file's pages disagree: another page reads another value for the field and never this one (also the sum in
words of another page, ``model.amount_words``)."""
SEVERAL_RECEIPTS = "several_receipts"
_OWN_RULES = frozenset({QR_CONTRADICTED, PAGES_DIFFER})
_PAGED_FIELDS = (*_RECIPIENTS_NUMBERS, "amount")
_ONE_RECEIPTS_FIELDS = ("amount", "payment_date", "fiscal_document_number", "fiscal_sign")
"""What differs between two receipts of one register's tape; the ФН, the seller and its ИНН do not."""


def another_number(read: str, chosen: str) -> bool:
    """Two readings too far apart to be one number misread: more than one digit in six differs, or the lengths do
    (a register's 00-padded ИНН is the same number)."""
    if read.endswith(chosen) or chosen.endswith(read):
        return False
    if len(read) != len(chosen):
        return True
    return sum(a != b for a, b in zip(read, chosen, strict=True)) > max(1, len(chosen) // 6)


def _printed(candidates: Iterable[Candidate], field: str) -> list[Candidate]:
    """The readings of the field from the document's print (not its QR), where a label says which field they are."""
    return [c for c in candidates if c.field == field and c.source != Source.QR and not c.by_shape]


def _passes(field: str, value: str, bic: str | None) -> bool:
    """The field's own check, the accounts' keys against the БИК chosen: a print that fails it is a misreading."""
    if field == "recipient_inn":
        return checks.inn_valid(value)
    if field == "recipient_kpp":
        return checks.kpp_valid(value)
    if field == "bank_bic":
        return checks.bik_valid(value)
    if bic is None:
        return False
    if field == "recipient_account":
        return checks.settlement_account_valid(value, bic)
    return checks.corr_account_valid(value, bic)


def _qr_contradicted(field: str, value: str, candidates: list[Candidate], bic: str | None) -> str | None:
    """The QR's value, where the print never reads it but reads another value for the field, or another QR code
    on the document reads another value: then nothing says the code is this payment's. A print a digit or two away
    counts when it passes the field's check: two banks' БИК differ in one digit as often as a misreading does
    (044525501 and 044525502); one that fails it is the code's number misread (7707083894 for 7707083893)."""
    if any(c.value == value for c in _printed(candidates, field)):
        return None
    printed = sorted(
        {c.value for c in _printed(candidates, field) if another_number(c.value, value) or _passes(field, c.value, bic)}
    )
    coded = sorted({c.value for c in candidates if c.field == field and c.source == Source.QR and c.value != value})
    if not printed and not coded:
        return None
    read = [f"the document's text {', '.join(printed)}"] if printed else []
    read += [f"another QR code {', '.join(coded)}"] if coded else []
    return (
        f"the QR code reads {value}, {' and '.join(read)}: a code may be another payment's (a template's, another"
        " company's); compare it with the document"
    )


def _score(candidates: Iterable[Candidate], value: str) -> float:
    return max((c.score for c in candidates if c.value == value), default=0.0)


def _pages_contradict(field: str, value: str, candidates: list[Candidate]) -> str | None:
    """Another page of the file reads the field, never this value, but another (for the amount: a total stated as
    high as this one's highest reading). Any other value counts: one number misread on one page and read right on
    another is rarer than two parties' к/с, which share all but a few digits."""
    printed = _printed(candidates, field)
    own_pages = {c.page for c in candidates if c.field == field and c.value == value}
    least = _score(printed, value) if field == "amount" else 0.0
    others = [c for c in printed if c.page not in own_pages and c.score >= least and c.value != value]
    if not own_pages or not others:
        return None
    pages = ", ".join(map(str, sorted({c.page for c in others})))
    return (
        f"page {pages} of the file reads {', '.join(sorted({c.value for c in others}))} for it, and never {value}:"
        " the file holds another document's values; compare it with the document"
    )


PAYEES_FIELDS = ("recipient_name", "recipient_kpp", "recipient_account", *_BANK_FIELDS)
"""What a page says of the party it pays, beside that party's ИНН."""
_UNDER_ITS_PAYEE = 10.0
"""How far a page of another payee's readings rank under the others: below every score a label gives."""


def another_payees_pages_last(readings: list[Candidate], inns: list[Candidate], inn: str | None) -> list[Candidate]:
    """``readings`` (of the recipient's name, КПП, account or bank) from a page that names another payee ranked under
    every other page's: its recipient's ИНН readings (``inns``) are all another number than ``inn``, the file's, which
    another page reads. A subcontractor's act or another supplier's bill merged behind the bill prints its own
    contractor's requisites under «Исполнитель», as labelled as the bill's. It only ranks: such a value is not
    ``verified`` either way (the pages disagree, ``pages_differ``), and a page that reads no ИНН, a cover letter's,
    keeps its place."""
    if inn is None:
        return readings
    pages: dict[int, set[str]] = {}
    for c in _printed(inns, "recipient_inn"):
        pages.setdefault(c.page, set()).add(c.value)
    others = {page for page, read in pages.items() if all(another_number(value, inn) for value in read)}
    if not others or others == set(pages):
        return readings
    return [replace(c, score=c.score - _UNDER_ITS_PAYEE) if c.page in others else c for c in readings]


def _several_receipts(candidates: list[Candidate]) -> list[str]:
    """The fiscal signs of more than one receipt on the page: each receipt has its own, far apart."""
    signs: list[str] = []
    for c in _printed(candidates, "fiscal_sign"):
        if all(another_number(c.value, sign) for sign in signs):
            signs.append(c.value)
    return signs if len(signs) > 1 else []


def _verified(field: str, values: dict[str, str | None], results: dict[str, FieldCheck]) -> str | None:
    return values[field] if results[field].status == CheckStatus.VERIFIED else None


def _dispute(results: dict[str, FieldCheck], field: str, rule: str, why: str | None) -> None:
    if why is not None:
        results[field] = results[field].model_copy(
            update={"status": CheckStatus.UNVERIFIED, "rule": rule, "detail": why}
        )


def disputed(values: dict[str, str | None], results: dict[str, FieldCheck], candidates: list[Candidate]) -> None:
    """Each ``verified`` value that the document contradicts itself on made ``unverified``, the detail saying where."""
    for field in _RECIPIENTS_NUMBERS:
        if (value := _verified(field, values, results)) is not None and results[field].source == Source.QR:
            why = _qr_contradicted(field, value, candidates, values["bank_bic"])
            _dispute(results, field, QR_CONTRADICTED, why)
    if len({c.page for c in candidates}) > 1:
        for field in _PAGED_FIELDS:
            if (value := _verified(field, values, results)) is not None:
                _dispute(results, field, PAGES_DIFFER, _pages_contradict(field, value, candidates))
    if signs := _several_receipts(candidates):
        why = f"the page prints {len(signs)} receipts (ФП {', '.join(signs)}): it may be either's"
        for field in _ONE_RECEIPTS_FIELDS:
            if results[field].status == CheckStatus.VERIFIED:
                _dispute(results, field, SEVERAL_RECEIPTS, why)
    bic = results["bank_bic"]
    if bic.status != CheckStatus.VERIFIED and bic.rule in _OWN_RULES:
        for field in _BANK_FIELDS:
            if results[field].status == CheckStatus.VERIFIED:
                _dispute(results, field, bic.rule or "", f"its БИК {values['bank_bic']} is disputed: {bic.detail}")
