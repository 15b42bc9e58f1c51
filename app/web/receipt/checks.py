"""Live checks: the details as the person edited them, run through the module's own rules again.

The rules are not restated here: the edited values go through ``model.resolve.resolve`` (check digits, КПП against
the ИНН's tax office, both accounts against the БИК, a plausible date), one reading per field, so a value the module
would call invalid is invalid on the page too. A value the module would have *repaired* is invalid here: a person's
edit is checked, never rewritten; the repair is offered in the detail instead.

A field the person left as it was read keeps the module's verdict (it may rest on two sources agreeing, which one
edited reading cannot show), unless a field its rule depends on changed; a repaired one the person compared with
the document shows their check (``person_checks``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.web.receipt.person_checks import stored_checks, with_person_checks
from model.normalize import normalize_amount, normalize_date
from model.resolve import resolve
from model.schema import VALUE_FIELDS, Candidate, DocumentType, Source

STATUSES = ("verified", "repaired", "invalid", "unverified")
"""The module's statuses, as a page shows them; its older names map onto them (``valid`` → verified, ``unchecked`` →
unverified). The page adds the person's own, ``person_checks.PERSON_CHECKED``, which no module can report."""
_OLD_NAMES = {"valid": "verified", "unchecked": "unverified"}
_DEPENDS_ON: dict[str, frozenset[str]] = {
    "recipient_kpp": frozenset({"recipient_inn"}),
    "recipient_account": frozenset({"bank_bic", "bank_corr_account"}),
    "bank_corr_account": frozenset({"bank_bic"}),
    "bank_bic": frozenset({"bank_corr_account", "bank_name"}),
    "bank_name": frozenset({"bank_bic"}),
}
"""The cross-field rules: a field is checked again when one of these changed (КПП↔ИНН, accounts↔БИК, and the БИК
directory's БИК↔к/с↔bank name)."""
EDITED_SOURCE = "person"


def status_name(status: object) -> str:
    """One of :data:`STATUSES` for whatever the module reported (old or new names); unverified when unknown."""
    name = _OLD_NAMES.get(str(status), str(status))
    return name if name in STATUSES else "unverified"


def normalized(field: str, value: str | None) -> str | None:
    """A typed value in the schema's format («165,00 ₽» → 165.00, 09.04.2022 → 2022-04-09); as typed when it has
    none, so the rule can refuse it."""
    if value is None:
        return None
    if field == "amount":
        return normalize_amount(value) or value
    if field == "payment_date":
        return normalize_date(value) or value
    if field in {"recipient_inn", "recipient_account", "bank_bic", "bank_corr_account", "recipient_kpp"}:
        return "".join(value.split())  # grouped for reading: «4070 2810 …»
    return value


def rule_checks(values: Mapping[str, str | None], document_type: str | None) -> dict[str, dict[str, Any]]:
    """Each non-empty field's verdict under the module's rules, as the module would give it for this one reading."""
    kind = document_type if document_type in set(DocumentType) else DocumentType.OTHER
    candidates = [  # the person put each value in its field: that says whose it is (``model.roles``)
        Candidate(field, value, Source.MODEL, named_whose=True)
        for field in VALUE_FIELDS
        if (value := values.get(field)) is not None
    ]
    resolved, found = resolve(candidates, DocumentType(kind))
    checks: dict[str, dict[str, Any]] = {}
    for field in VALUE_FIELDS:
        value = values.get(field)
        if value is None:
            continue
        check = found[field].model_dump(mode="json")
        chosen = getattr(resolved, field)
        if chosen != value:
            hint = f"; perhaps {chosen}" if chosen else ""
            check = {"status": "invalid", "detail": f"{field} fails its check digits or format{hint}"}
        checks[field] = check | {"status": status_name(check.get("status")), "source": EDITED_SOURCE}
    return checks


def field_checks(
    values: Mapping[str, str | None], record: Mapping[str, Any] | None, document_type: str | None
) -> dict[str, dict[str, Any]]:
    """The verdict to show for each non-empty field: the module's for what stands as it read it, the rules' again
    for what was edited (and for what depends on an edit), the person's check of a repaired value they compared with
    the document. Empty fields get none."""
    read = dict((record or {}).get("details") or {})
    stored = dict((record or {}).get("checks") or {})
    edited = {field for field in VALUE_FIELDS if values.get(field) != read.get(field)}
    rechecked = rule_checks(values, document_type) if edited or not record else {}
    checks: dict[str, dict[str, Any]] = {}
    for field in VALUE_FIELDS:
        if values.get(field) is None:
            continue
        if record and field not in edited and not (_DEPENDS_ON.get(field, frozenset()) & edited):
            kept = dict(stored.get(field) or {})
            checks[field] = kept | {"status": status_name(kept.get("status"))}
        else:
            checks[field] = rechecked[field]
    return with_person_checks(checks, values, stored_checks(record))


def invalid_fields(checks: Mapping[str, Mapping[str, Any]]) -> list[str]:
    return [field for field, check in checks.items() if check.get("status") == "invalid"]


def to_check(checks: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The fields the page asks the person to look at: «Fields to check: N» (a repair they have not checked, or a
    value that fails its rule)."""
    return [field for field, check in checks.items() if check.get("status") in {"invalid", "repaired"}]
