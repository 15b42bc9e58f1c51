"""The person's receipts: the history page with its search, and deleting a receipt with its readings."""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.web.clients import ServiceError
from app.web.receipt.history import PROCESSED_SUFFIX, SummaryMemory, history_entries, pair_files
from app.web.receipt.result import problem_of, processed_name, status_for
from app.web.state import CsrfChecked, Member, is_htmx, render, web_state

router = APIRouter(tags=["receipts"])
SUMMARIES = SummaryMemory()
"""Summaries of stored results for the history, by file id (a stored file never changes)."""
HISTORY_ROWS = 50
"""Rows a history page shows at first: each row's summary is one file read the first time it is shown."""
SEARCH_DEPTH = 500
"""How many of the newest receipts a search reads through."""


@router.get("/history", response_class=HTMLResponse)
def history(
    request: Request, login: Member, q: str = "", limit: Annotated[int, Query(ge=1, le=SEARCH_DEPTH)] = HISTORY_ROWS
) -> HTMLResponse:
    """The person's receipts, newest first: recipient, amount, date and status of each, ``limit`` of them; ``q``
    keeps those whose name, date or details hold every word of it (the search box asks for the rows only)."""
    state = web_state(request)
    token = login.access_token
    try:
        pairs = pair_files(state.files.list_all(token))
    except ServiceError as error:
        return render(request, "history.html", {"problem": problem_of(error, None)}, status_code=503)
    query = q.strip()[:200]
    searched = pairs[:SEARCH_DEPTH] if query else pairs[:limit]
    entries = history_entries(searched, lambda file_id: state.files.download(token, file_id)[0], SUMMARIES)
    shown = [entry for entry in entries if entry.matches(query)][:limit] if query else entries
    more = limit * 2 if not query and len(pairs) > limit else None
    context = {"entries": shown, "query": query, "total": len(pairs), "more": more}
    return render(request, "history.html", context, block="rows")


@router.post("/receipts/{original_id}/delete", dependencies=[CsrfChecked])
def delete_receipt(request: Request, original_id: str, login: Member) -> Response:
    """Remove a receipt: its processed images, then the photo. Only the person's own: the file service lists and
    deletes under their token, so another person's id is simply not found (404)."""
    state = web_state(request)
    token = login.access_token
    try:
        files = state.files.list_all(token)
        if not any(file.id == original_id and not file.name.endswith(PROCESSED_SUFFIX) for file in files):
            return Response("no such receipt among yours", status_code=404, media_type="text/plain")
        for file in files:
            if file.name == processed_name(original_id):
                state.files.delete(token, file.id)
        state.files.delete(token, original_id)
    except ServiceError as error:
        problem = problem_of(error, None)
        return Response(problem.detail or problem.kind, status_code=status_for(problem.kind), media_type="text/plain")
    if is_htmx(request):
        return Response(status_code=200)  # the row swaps itself out
    return RedirectResponse("/history", status_code=303)
