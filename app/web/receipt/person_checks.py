"""A person's check of a value the page asks them to compare with the document: the extractor *repaired* it (changed
it to pass a rule), so the page cannot call it verified, and only the person holding the document can say it is right.

The check is the person's, never a rule's: it shows as ``checked_by_person`` («checked by you»), keeps the module's
verdict beside it (``module_status``) and who checked it when, and it holds for the value checked only: a value
edited since is judged by the rules again, and saving the edit drops the check. Only a repaired value can be checked:
an invalid one fails its rule whoever looks at it (the person corrects it instead), and an unverified one is not
what the page asks about (no rule could have failed it, so «Fields to check» never counts it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PERSON_CHECKED = "checked_by_person"
"""The status of a value the person compared with the document; never "verified", which only a rule gives."""
CHECKABLE = frozenset({"repaired"})
"""The module's verdicts a person may check: what the page asks them to compare."""
RECORD_KEY = "person_checks"
"""Where a stored result keeps them: ``{field: {"value", "by", "at"}}``, beside the person's edits."""

PersonChecks = dict[str, dict[str, str]]


class NotToCheckError(ValueError):
    """The field is not one the page asks the person to check (empty, or its verdict is not "repaired")."""


def stored_checks(record: Mapping[str, Any] | None) -> PersonChecks:
    """The person's checks a stored result holds; anything malformed in it is skipped."""
    found = (record or {}).get(RECORD_KEY)
    if not isinstance(found, Mapping):
        return {}
    return {
        field: {key: str(check[key]) for key in ("value", "by", "at")}
        for field, check in found.items()
        if isinstance(check, Mapping) and all(isinstance(check.get(key), str) for key in ("value", "by", "at"))
    }


def standing(person_checks: Mapping[str, Mapping[str, str]], values: Mapping[str, str | None]) -> PersonChecks:
    """The checks that still hold for ``values``: a field's value edited since it was checked loses its check."""
    return {field: dict(check) for field, check in person_checks.items() if values.get(field) == check["value"]}


def with_person_checks(
    checks: Mapping[str, Mapping[str, Any]],
    values: Mapping[str, str | None],
    person_checks: Mapping[str, Mapping[str, str]],
) -> dict[str, dict[str, Any]]:
    """``checks`` with each standing person's check shown as theirs, where the module's verdict still asks for one
    (a rule that now fails or passes it speaks for itself)."""
    shown = {field: dict(check) for field, check in checks.items()}
    for field, check in standing(person_checks, values).items():
        verdict = shown.get(field)
        if verdict and verdict.get("status") in CHECKABLE:
            shown[field] = verdict | {
                "status": PERSON_CHECKED,
                "module_status": verdict["status"],
                "checked_by": check["by"],
                "checked_at": check["at"],
            }
    return shown


def checked(
    field: str,
    values: Mapping[str, str | None],
    checks: Mapping[str, Mapping[str, Any]],
    person_checks: Mapping[str, Mapping[str, str]],
    *,
    by: str,
    at: str,
) -> PersonChecks:
    """The standing checks with ``field``'s value as the person checked it; NotToCheckError (saying why) when the page
    does not ask for it. Checking a checked value again keeps the first check."""
    kept = standing(person_checks, values)
    status = (checks.get(field) or {}).get("status")
    value = values.get(field)
    if status == PERSON_CHECKED and field in kept:
        return kept
    if value is None or status not in CHECKABLE:
        why = "it is empty" if value is None else f"its check is {status}: only a repaired value is checked by a person"
        raise NotToCheckError(f"{field}: nothing to check, {why}")
    return kept | {field: {"value": value, "by": by, "at": at}}


def unchecked(
    field: str, values: Mapping[str, str | None], person_checks: Mapping[str, Mapping[str, str]]
) -> PersonChecks:
    """The standing checks without ``field``'s (taken back by the person)."""
    return {name: check for name, check in standing(person_checks, values).items() if name != field}
