"""Why a save or a person's check of a receipt's details was refused, answered the way the form was posted: beside
the form (the page's ``saved`` block, htmx), or as a page of its own with the way back to the receipt (a form posted
without JavaScript, which would otherwise get a bare fragment or an English error page)."""

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from app.web.errors import problem_headers
from app.web.receipt.result import status_for
from app.web.state import is_htmx, render


def not_saved(request: Request, context: dict[str, Any], kind: str, detail: str | None = None) -> Response:
    """The refusal of ``kind`` (``result.status_for``'s names); ``detail`` is the technical reason, shown folded."""
    context |= {"save_problem": kind, "save_detail": detail}
    status, headers = status_for(kind), problem_headers(kind)
    if is_htmx(request):
        return render(request, "receipt.html", context, block="saved", status_code=status, headers=headers)
    return render(request, "receipt_not_saved.html", context, status_code=status, headers=headers)
