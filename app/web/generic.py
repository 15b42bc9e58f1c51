"""The generic view: upload a file, run a model of any module on it, and show the outputs the module declares —
json as a tree or table, str/int/float/bool as fields, FILE outputs as images or downloads. It knows nothing of
``model/`` or the receipt view, so it is the page a fork gets without writing one.
"""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from app.common.limits import BodyTooLarge
from app.web.clients import ServiceError
from app.web.errors import problem_headers
from app.web.fields import FILE_CONTENT_TYPE, FormField, form_fields, given, request_parts
from app.web.runs import Run
from app.web.session import Login
from app.web.state import (
    CsrfChecked,
    MaybeSignedIn,
    Member,
    ModelChoice,
    NoAccess,
    SignInRequired,
    chosen_model,
    render,
    web_state,
)

router = APIRouter(tags=["results"])
IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}


@dataclass(frozen=True)
class Output:
    """One declared output as the page shows it: ``kind`` picks the rendering (value, json, image, file)."""

    name: str
    kind: str
    values: list[Any]


def _file_value(encoded: object, name: str, index: int) -> dict[str, str]:
    """A FILE output element as a data URI: an image the page shows, or a download."""
    try:
        data = base64.b64decode(str(encoded), validate=True)
    except (binascii.Error, ValueError):
        return {"kind": "text", "text": str(encoded)}
    media = next((kind for magic, kind in IMAGE_SIGNATURES.items() if data.startswith(magic)), None)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        media = "image/webp"
    uri = f"data:{media or 'application/octet-stream'};base64,{base64.b64encode(data).decode()}"
    return {"kind": "image" if media else "file", "uri": uri, "file_name": f"{name}-{index + 1}"}


def _json_value(text: object) -> Any:
    try:
        return json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return text


def outputs_view(declared: list[dict[str, Any]], answered: list[dict[str, Any]]) -> list[Output]:
    """The module API's outputs in the order the metadata declares them, each decoded by its declared type."""
    types = {tensor.get("name"): (tensor.get("parameters") or {}).get("content_type") for tensor in declared}
    order = {name: index for index, name in enumerate(types)}
    shown: list[Output] = []
    for output in sorted(answered, key=lambda tensor: order.get(tensor.get("name"), len(order))):
        name, data = str(output.get("name", "")), output.get("data") or []
        content_type = types.get(name) or (output.get("parameters") or {}).get("content_type")
        if content_type == FILE_CONTENT_TYPE:
            shown.append(Output(name, "file", [_file_value(item, name, i) for i, item in enumerate(data)]))
        elif content_type == "json":
            shown.append(Output(name, "json", [_json_value(item) for item in data]))
        else:
            shown.append(Output(name, "value", list(data)))
    return shown


def _problem(
    request: Request, error: ServiceError, *, block: str | None = "result", models: list[ModelChoice] | None = None
) -> HTMLResponse:
    """The problem on the result page; with ``models``, the upload form with it (an upload's problem: choose another
    file)."""
    if error.kind == "signed_out":
        raise SignInRequired from error
    status = {"not_found": 404, "too_large": 413, "not_an_image": 422, "rejected": 400}.get(error.kind, 503)
    context = {"problem": error, "models": models}
    return render(
        request, "generic.html", context, block=block, status_code=status, headers=problem_headers(error.kind)
    )


def _file_input(metadata: dict[str, Any]) -> str:
    for tensor in metadata.get("inputs") or []:
        if (tensor.get("parameters") or {}).get("content_type") == FILE_CONTENT_TYPE:
            return str(tensor["name"])
    raise ServiceError("rejected", f"model {metadata.get('name')!r} declares no FILE input to send a file to")


def _result(
    request: Request, login: Login, model: str, file_id: str, values: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run ``model`` on the stored file ``file_id`` with the form's filled-in ``values``: the page's context
    (ServiceError when a service refuses). The run's outcome goes to the history's log, a failure of the model's as
    much as a success."""
    state, token = web_state(request), login.access_token
    original = state.files.info(token, file_id)
    owner = login.principal.subject
    try:
        metadata = state.runtime.metadata(token, model)
        inputs, parameters = request_parts(form_fields(metadata), values or {})
        answered = state.runtime.infer_stored(
            token, model, _file_input(metadata), original.id, inputs=inputs, parameters=parameters
        )
    except ServiceError as error:
        if error.kind != "signed_out":
            state.runs.record(owner, Run(original.id, model, "failed", _now(), error.kind))
        raise
    state.runs.record(owner, Run(original.id, model, "done", _now()))
    outputs = outputs_view(metadata.get("outputs") or [], answered)
    return {"original": original, "model": model, "outputs": outputs}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def home(request: Request, login: MaybeSignedIn) -> HTMLResponse:
    """The upload page for members; a sign-in page for visitors (the home page when no model declares a view of
    its own)."""
    if login is None:
        return render(request, "landing.html")
    models = web_state(request).models_for(login.principal)
    if not models:
        raise NoAccess(login)
    fields, takes_file = _form(request, login, models[0].name)
    return render(request, "generic.html", {"models": models, "fields": fields, "takes_file": takes_file})


def _form(request: Request, login: Login, model: str) -> tuple[list[FormField], bool]:
    """The form's fields and whether it asks for a file, from the first model's metadata (a module's models share
    its docstring); a file and no fields while the module API cannot be asked, so the page still uploads and
    reports the outage when it runs."""
    try:
        metadata = web_state(request).runtime.metadata(login.access_token, model)
    except ServiceError:
        return [], True
    return form_fields(metadata), _takes_file(metadata)


def _takes_file(metadata: dict[str, Any]) -> bool:
    inputs = metadata.get("inputs") or []
    return any((tensor.get("parameters") or {}).get("content_type") == FILE_CONTENT_TYPE for tensor in inputs)


def _fields_only(request: Request, login: Login, model: str, values: dict[str, str]) -> dict[str, Any]:
    """Run a model that declares no FILE input on the form's fields alone. Nothing is stored, so the run has no
    address and no history row (both are a stored file's)."""
    state, token = web_state(request), login.access_token
    metadata = state.runtime.metadata(token, model)
    if _takes_file(metadata):
        raise ServiceError("rejected", "choose a file first (form field 'file')")
    inputs, parameters = request_parts(form_fields(metadata), values)
    try:
        answered = state.runtime.infer_tensors(token, model, inputs, parameters)
    except ServiceError as error:
        if error.kind == "not_an_image":  # there is no file: the module refused the fields
            raise ServiceError("rejected", error.detail, 400) from error
        raise
    return {"original": None, "model": model, "outputs": outputs_view(metadata.get("outputs") or [], answered)}


@router.post("/results", response_class=HTMLResponse, dependencies=[CsrfChecked])
async def upload_and_run(request: Request, login: Member) -> HTMLResponse:
    """A file (form field ``file``) stored in the file service, then run by the chosen model with the filled-in
    fields; the result page's address is pushed, so a refresh or a shared link runs it again on the stored file. A
    model that declares no FILE input runs on the fields alone."""
    state = web_state(request)
    models = state.models_for(login.principal)
    try:
        form = await request.form(max_files=1, max_fields=64)
    except BodyTooLarge as error:
        return _problem(request, ServiceError("too_large", str(error)), models=models)
    upload, model = form.get("file"), chosen_model(request, login, form.get("model"))
    values = given({key: value for key, value in form.items() if isinstance(value, str)})
    if not isinstance(upload, UploadFile) or not upload.filename:
        try:
            context = await anyio.to_thread.run_sync(_fields_only, request, login, model, values)
        except ServiceError as error:
            return _problem(request, error, models=models)
        return render(request, "generic.html", context, block="result")
    data = await upload.read()
    content_type = upload.content_type or "application/octet-stream"
    try:
        stored = await anyio.to_thread.run_sync(
            state.files.upload, login.access_token, upload.filename, data, content_type
        )
        context = await anyio.to_thread.run_sync(_result, request, login, model, stored.id, values)
    except ServiceError as error:
        return _problem(request, error, models=models)
    headers = {"HX-Push-Url": f"/results/{stored.id}?{urlencode({'model': model, **values})}"}
    return render(request, "generic.html", context, block="result", headers=headers)


@router.get("/results/{file_id}", response_class=HTMLResponse)
def result_page(request: Request, file_id: str, login: Member, model: str = "") -> HTMLResponse:
    """The outputs of ``model`` for one of the person's stored files."""
    try:
        values = given(dict(request.query_params))
        context = _result(request, login, chosen_model(request, login, model), file_id, values)
    except ServiceError as error:
        return _problem(request, error, block=None)
    return render(request, "generic.html", context)
