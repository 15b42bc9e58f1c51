"""A person's check of a value the page asks them to compare with the document (``person_checks``): recorded in
their stored result together with the details as the form shows them (their edits), or taken back.

Only the result's owner can: the stored result is read and replaced under their token, so another person's file is
not found. With htmx the answer is the save status, with the field's badge and the summary out of band; without
JavaScript the form posts here and the page reloads (303), and a refusal is a page of its own (``not_saved``).
"""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.web.clients import ServiceError
from app.web.receipt.checks import field_checks
from app.web.receipt.payment import FIELDS, clean_details
from app.web.receipt.person_checks import RECORD_KEY, NotToCheckError, checked, stored_checks, unchecked
from app.web.receipt.result import confirmed_at, details_context, problem_of, replace_record
from app.web.receipt.routes.not_saved import not_saved
from app.web.session import Login
from app.web.state import CsrfChecked, Member, is_htmx, render

router = APIRouter(tags=["receipts"])
LABELS = {field.name: field.ru for field in FIELDS}
"""The fields a person can check, by the label the page shows."""


@router.post("/receipts/{original_id}/checks/{field}", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def check_field(request: Request, original_id: str, field: str, login: Member) -> Response:
    """Record that the person compared ``field``'s repaired value with the document, and save the form's details."""
    return await _save_check(request, original_id, field, login, undo=False)


@router.post("/receipts/{original_id}/checks/{field}/undo", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def uncheck_field(request: Request, original_id: str, field: str, login: Member) -> Response:
    """Take the person's check of ``field`` back (the page asks about the value again), and save the form's details."""
    return await _save_check(request, original_id, field, login, undo=True)


async def _save_check(request: Request, original_id: str, field: str, login: Login, *, undo: bool) -> Response:
    context: dict[str, Any] = {"original_id": original_id, "checked_field": LABELS.get(field, field), "undone": undo}
    if field not in LABELS:
        return not_saved(request, context, "no_such_field", f"no field {field!r} among a receipt's details")
    form = await request.form()
    old_id = form.get("processed_id")
    if not isinstance(old_id, str) or not old_id:
        return not_saved(request, context, "rejected", "the form does not say which result (processed_id) to update")
    details, now = clean_details(form), confirmed_at()
    by = login.principal.username or login.principal.email or login.principal.subject

    def with_check(record: dict[str, Any]) -> dict[str, Any]:
        mine = stored_checks(record)
        if undo:
            kept = unchecked(field, details, mine)
        else:
            checks = field_checks(details, record, details.get("document_type"))
            kept = checked(field, details, checks, mine, by=by, at=now)
        return record | {"confirmed": details, "confirmed_at": now, RECORD_KEY: kept}

    try:
        stored, record = await replace_record(request, login, original_id, old_id, with_check)
    except NotToCheckError as error:
        return not_saved(request, context, "not_to_check", str(error))
    except ServiceError as error:
        problem = problem_of(error, None)
        return not_saved(request, context, problem.kind, problem.detail)
    if not is_htmx(request):
        return RedirectResponse(f"/receipts/{original_id}#f-{field}", status_code=303)
    context |= {"processed": stored, "saved_at": now, "live": True, "record": record}
    return render(request, "receipt.html", context | details_context(details, record), block="saved")
