"""The receipt flow: upload → preprocessing preview → original stored → reading by the module API → processed image
and result stored → details confirmed; the page that reopens a result, and the image proxy its pictures come through.

Each step that can fail (the file, the file service, the module API) answers a fragment with a message and a retry
button; the photo is never lost: before it is stored it stays in the page's file input (retry re-sends the form),
after that it is in the file service (retry reads it from there).
"""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from app.common.limits import FORM_OVERHEAD_BYTES, BodyTooLarge
from app.web.clients import ServiceError
from app.web.decodes import DecodesBusyError
from app.web.errors import problem_headers
from app.web.receipt.payment import clean_details
from app.web.receipt.person_checks import RECORD_KEY, standing, stored_checks
from app.web.receipt.preview import (
    MAX_PDF_PAGES,
    PREVIEW_PX,
    THUMBNAIL_PX,
    DocumentError,
    MachineBusyError,
    NoSuchPageError,
    displayable_jpeg,
    make_preview,
    processed_png,
    read_record,
)
from app.web.receipt.result import (
    BROWSER_IMAGES,
    ImagesView,
    Problem,
    confirmed_at,
    details_context,
    find_pair,
    new_record,
    problem_of,
    processed_name,
    record_context,
    replace_record,
    status_for,
)
from app.web.receipt.routes.not_saved import not_saved
from app.web.state import (
    CsrfChecked,
    MaybeSignedIn,
    Member,
    NoAccess,
    SignInRequired,
    chosen_model,
    is_htmx,
    render,
    web_state,
)

router = APIRouter(tags=["receipts"])


@router.get("/", response_class=HTMLResponse)
def home(request: Request, login: MaybeSignedIn) -> HTMLResponse:
    """The upload page for members; a sign-in page for visitors."""
    if login is None:
        return render(request, "landing.html")
    models = web_state(request).models_for(login.principal)
    if not models:
        raise NoAccess(login)
    return render(request, "index.html", {"models": models, "max_bytes": web_state(request).settings.files_max_bytes})


@router.post("/receipts", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def upload_receipt(request: Request, login: Member) -> HTMLResponse:
    """A photo (form field ``photo``): preprocess it for the preview and store it; the reading follows (extract)."""
    state = web_state(request)
    limit = state.settings.files_max_bytes
    length = request.headers.get("content-length", "")
    if length.isdecimal() and int(length) > limit + FORM_OVERHEAD_BYTES:
        return _receipt_problem(request, Problem("too_large", retry="upload"))
    try:
        form = await request.form(max_files=1, max_fields=10)
    except BodyTooLarge:  # no Content-Length (chunked): counted as it came
        return _receipt_problem(request, Problem("too_large", retry="upload"))
    photo, model = form.get("photo"), chosen_model(request, login, form.get("model"))
    if not isinstance(photo, UploadFile) or not photo.filename:
        return _receipt_problem(request, Problem("no_photo", retry="upload"))
    data = await photo.read()
    if len(data) > limit:
        return _receipt_problem(request, Problem("too_large", retry="upload"))
    try:
        preview = await anyio.to_thread.run_sync(state.decodes.run, make_preview, data, limit)
    except DocumentError as error:
        return _receipt_problem(request, Problem("not_an_image", str(error), retry="upload"))
    except (MachineBusyError, DecodesBusyError) as error:  # the photo stays in the form: "try again" sends it again
        return _receipt_problem(request, Problem("busy", str(error), retry="upload"))
    images = ImagesView.from_preview(preview)
    try:
        stored = await anyio.to_thread.run_sync(
            state.files.upload, login.access_token, photo.filename, data, photo.content_type or "image/jpeg"
        )
    except ServiceError as error:
        problem = problem_of(error, "upload")
        return _receipt_problem(request, problem, images=images)
    context = {"images": images, "original": stored, "original_id": stored.id, "model": model}
    # the result has its address from now on: refresh, Back and a shared link reopen it (reading it if need be)
    headers = {"HX-Push-Url": f"/receipts/{stored.id}"}
    return render(request, "receipt.html", context, block="receipt", headers=headers)


def _receipt_problem(request: Request, problem: Problem, images: ImagesView | None = None) -> HTMLResponse:
    context = {"images": images, "problem": problem}
    status, headers = status_for(problem.kind), problem_headers(problem.kind)
    return render(request, "receipt.html", context, block="receipt", status_code=status, headers=headers)


@router.post("/receipts/{original_id}/extract", response_class=HTMLResponse, dependencies=[CsrfChecked])
def extract_receipt(
    request: Request, original_id: str, login: Member, model: Annotated[str, Form()] = ""
) -> HTMLResponse:
    """Read a stored photo with the module API, store the processed image with the result, show the details."""
    state = web_state(request)
    token, model = login.access_token, chosen_model(request, login, model)
    context: dict[str, Any] = {"original_id": original_id, "model": model}

    def problem(found: Problem) -> HTMLResponse:
        context["problem"] = found
        status, headers = status_for(found.kind), problem_headers(found.kind)
        return render(request, "receipt.html", context, block="outcome", status_code=status, headers=headers)

    try:
        original = state.files.info(token, original_id)
    except ServiceError as error:
        return problem(problem_of(error, "extract"))
    try:
        reading = state.runtime.infer(token, model, original.id)
    except ServiceError as error:
        return problem(problem_of(error, "extract"))
    try:  # the app's own copy, for the processed image it stores beside the result
        data, _ = state.files.download(token, original_id)
    except ServiceError as error:
        return problem(problem_of(error, "extract"))
    try:
        preview = state.decodes.run(make_preview, data, state.settings.files_max_bytes)
    except DocumentError as error:
        return problem(Problem("not_an_image", str(error)))
    except (MachineBusyError, DecodesBusyError) as error:  # the photo is stored: "try again" reads it from there
        return problem(Problem("busy", str(error), retry="extract"))
    record = new_record(original, model, reading, preview)
    context |= {"record": record, **details_context(clean_details(reading.details), record)}
    try:
        png = processed_png(preview.processed, record)
        context["processed"] = state.files.upload(token, processed_name(original_id), png, "image/png")
    except ServiceError as error:
        if error.kind == "signed_out":
            raise SignInRequired from error
        context["not_saved"] = Problem(error.kind, error.detail)
    return render(request, "receipt.html", context, block="outcome")


@router.get("/receipts/{original_id}", response_class=HTMLResponse)
def receipt_page(request: Request, original_id: str, login: Member) -> HTMLResponse:
    """A receipt from the history: its images, the steps, and the details as they were read."""
    state = web_state(request)
    token = login.access_token
    try:
        original, processed = find_pair(state.files.list_all(token), original_id)
        record = read_record(state.files.download(token, processed.id)[0]) if processed else None
    except ServiceError as error:
        return render(request, "receipt.html", {"problem": problem_of(error, None)}, status_code=503)
    if original is None:
        return render(request, "receipt.html", {"problem": Problem("not_found")}, status_code=404)
    images = ImagesView(
        before=f"/images/{original.id}",
        after=f"/images/{processed.id}" if processed else None,
        steps=(record or {}).get("steps", []),
        size=(record or {}).get("size", ""),
    )
    context = {
        "images": images,
        "original": original,
        "original_id": original.id,
        "processed": processed,
        "record": record,
        "pending": record is None,
        "model": chosen_model(request, login, (record or {}).get("model")),
        **(record_context(record) if record else {}),
    }
    return render(request, "receipt.html", context)


@router.post("/receipts/{original_id}/confirm", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def confirm_details(request: Request, original_id: str, login: Member) -> Response:
    """Keep the details as the person confirmed them: the stored result gets them beside the reading, so the history
    reopens what they confirmed (and the checks of values they have edited since are dropped). The processed PNG is
    replaced (new file first, then the old one removed). Without JavaScript the form posts here and the page reloads."""
    form = await request.form()
    old_id = form.get("processed_id")
    context: dict[str, Any] = {"original_id": original_id}
    if not isinstance(old_id, str) or not old_id:
        return not_saved(request, context, "rejected")  # a form built by hand, not the page's: nothing to update
    details = clean_details(form)

    def confirmed(record: dict[str, Any]) -> dict[str, Any]:
        still = standing(stored_checks(record), details)
        return record | {"confirmed": details, "confirmed_at": confirmed_at(), RECORD_KEY: still}

    try:
        stored, record = await replace_record(request, login, original_id, old_id, confirmed)
    except ServiceError as error:
        problem = problem_of(error, None)
        return not_saved(request, context, problem.kind, problem.detail)
    if not is_htmx(request):
        return RedirectResponse(f"/receipts/{original_id}", status_code=303)
    context |= {"processed": stored, "saved_at": record["confirmed_at"]}
    return render(request, "receipt.html", context, block="saved")


@router.get("/images/{file_id}")
def stored_image(
    request: Request,
    file_id: str,
    login: Member,
    thumb: bool = False,
    page: Annotated[int, Query(ge=1, le=MAX_PDF_PAGES)] = 1,
) -> Response:
    """One of the person's stored images, through the app (same origin, their token). What browsers cannot show —
    HEIC from iPhones, TIFF, a PDF's pages — comes as a JPEG drawn from it; ``thumb`` asks for a small JPEG (the
    history's rows), ``page`` for another page of a PDF (where a field was read); a page the file lacks is a 404."""
    state = web_state(request)
    try:
        data, content_type = state.files.download(login.access_token, file_id)
    except ServiceError as error:
        if error.kind == "signed_out":
            raise SignInRequired from error
        return Response(status_code=404 if error.kind == "not_found" else 503)
    if thumb or page > 1 or content_type not in BROWSER_IMAGES:
        px = THUMBNAIL_PX if thumb else PREVIEW_PX
        try:
            jpeg = state.decodes.run(displayable_jpeg, data, state.settings.files_max_bytes, px, page)
            data, content_type = jpeg, "image/jpeg"
        except DocumentError:
            return Response(status_code=415)
        except (MachineBusyError, DecodesBusyError):
            return Response(status_code=503, headers=problem_headers("busy"))
        except NoSuchPageError:
            return Response(status_code=404)
    headers = {"Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"}
    return Response(data, media_type=content_type, headers=headers)
