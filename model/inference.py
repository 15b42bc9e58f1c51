"""The module the platform publishes: ``load()`` once per process, then ``inference()`` per request.

Inputs and outputs are Open Inference Protocol tensors: ``{"name", "datatype", "shape", "parameters", "data"}``.
The docstring of ``inference`` is the API specification the platform (and ``app/runtime``) turns into OpenAPI: a team
forking this template edits it together with the code. The runtime passes ``deadline``, the ``time.monotonic()``
instant of its timeout, to a module whose ``inference`` takes it: past it the reading stops (``model.budget``).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from model import calibration, sandbox
from model.bik_directory import current_directory
from model.budget import DEFAULT_BUDGET_S, request_deadline
from model.documents import DocumentError
from model.pipeline import BACKENDS, BackendName, Extraction, Extractor
from model.quality import ReadingQuality
from model.schema import FIELD_NAMES, FieldCheck, PaymentDetails

MODEL_KEYS = ("tesseract", "qwen-vl", "auto", "indra", "pooled")
"""``tesseract``: CPU-only OCR pipeline (the default); ``qwen-vl``: the vision-language model; ``auto``: Qwen-VL
when a GPU and weights are present, otherwise Tesseract; ``indra``: the Indra OCR reader of the opt-in ``indra``
extra (weights under a modified OpenRAIL-M license); ``pooled``: Tesseract and Indra, the checks choosing."""

BUDGET_ENV = "RECEIPT_READ_BUDGET_S"
"""Seconds a document's reading may take before it stops and returns what it has (default 3.3; 0: no limit): CPU
seconds of the reference machine, which this machine's calibration scales to its own (``CALIBRATION_ENV``)."""
CALIBRATION_ENV = "RECEIPT_READ_BUDGET_CALIBRATION"
"""on (the default): the budget is scaled by this machine's speed, measured at load (``model.calibration``: about
a CPU second, once per process); off: its seconds are this machine's CPU seconds as they are; a number (``0.71``):
the factor itself, pinned, and nothing measured. A measurement made while the machine is busy (a calibration right
after a heavy run measured 0.205 s here, a factor of 1.41 before the cap) moves the budget and so the values read;
an operator who knows the machine's factor pins it, and each process saves the measurement's CPU second."""

QWEN_WEIGHTS_ENV = "RECEIPT_QWEN_WEIGHTS"
"""Where the Qwen-VL weights come from: a local directory or a hub id (default: the Qwen3-VL-8B checkpoint)."""
QWEN_STATIC_CACHE_ENV = "RECEIPT_QWEN_STATIC_CACHE"
"""1 or 0: Qwen-VL's static KV cache with compiled decoding (default: on with CUDA, where it is ~9x faster)."""
_BOOLEANS = {"true": True, "1": True, "yes": True, "on": True, "false": False, "0": False, "no": False, "off": False}
"""The spellings of yes and no that request parameters and the module's environment accept."""

OUTPUTS = ("payment_details", "checks", "response", "warnings", "quality")

EXAMPLES: dict[str, Any] = {
    "inputs.image": "/9j/4AAQSkZJRg==",  # the first bytes of a JPEG: a placeholder for the photo's base64
    "parameters.preprocess": True,
    "outputs.payment_details": PaymentDetails(
        document_type="bank_transfer",
        recipient_name="ПАО Сбербанк",
        recipient_inn="7707083893",
        recipient_kpp="773601001",
        recipient_account="40702810938000012345",
        bank_name="ПАО Сбербанк",
        bank_bic="044525225",
        bank_corr_account="30101810400000000225",
        amount="1234.50",
        currency="RUB",
        payment_date="2025-03-14",
        purpose="Оплата по счёту № 42",
    ).model_dump(mode="json"),
}
"""Example values for the generated API docs, keyed like the docstring; built through the schema so they stay valid."""

SCHEMAS: dict[str, Any] = {
    "outputs.payment_details": PaymentDetails.model_json_schema(),
    "outputs.checks": {
        "type": "object",
        "description": "For every field of payment_details, how far its value can be trusted",
        "propertyNames": {"enum": list(FIELD_NAMES)},
        "additionalProperties": FieldCheck.model_json_schema(),
    },
    "outputs.quality": ReadingQuality.model_json_schema(),
    "outputs.warnings": {
        "type": "array",
        "description": "What the time budget left out of the reading; empty when the document was read in full",
        "items": {"type": "string"},
    },
}
"""JSON Schemas of the json outputs, so the API documents what each field means (from ``model.schema``)."""


class InferenceInputError(ValueError):
    """The request itself is wrong (missing input, bad base64, unknown parameter value): a 4xx, not a 5xx."""


def load(model_key: str) -> Extractor:
    """Build the extractor for ``model_key`` once; the platform passes it back to every ``inference`` call."""
    key = model_key or "tesseract"
    if key not in MODEL_KEYS:
        raise ValueError(f"unknown model_key {model_key!r}; expected one of {', '.join(MODEL_KEYS)}")
    budget_s, pinned_factor = budget_settings()
    current_directory()  # a RECEIPT_BIK_DIRECTORY that cannot be read fails the load, not every request
    extractor = _extractor(key, budget_s, pinned_factor)
    # Documents are decoded in the sandbox's children: started with the model, not on the first request, and after
    # the budget's calibration, which its start (a forkserver importing the decoders) slowed by up to 23% here.
    sandbox.start()
    return extractor


def _extractor(key: str, budget_s: float, pinned_factor: float | None) -> Extractor:
    readers: dict[str, BackendName] = {"tesseract": "tesseract", "indra": "indra", "pooled": "pooled"}
    if key in readers:
        return _reader(readers[key], budget_s, pinned_factor)
    if key == "auto" and not os.environ.get(QWEN_WEIGHTS_ENV):  # decided before torch is imported: 0.4 GB, seconds
        return _reader("tesseract", budget_s, pinned_factor)
    from model.qwen import DEFAULT_CHECKPOINT, QwenExtractor, gpu_available

    if key == "auto" and not gpu_available():
        return _reader("tesseract", budget_s, pinned_factor)
    static_cache = os.environ.get(QWEN_STATIC_CACHE_ENV, "").strip().lower()
    if static_cache and static_cache not in _BOOLEANS:
        raise ValueError(f"{QWEN_STATIC_CACHE_ENV}={static_cache!r}: expected 1 or 0 (or leave it unset: on with CUDA)")
    weights = os.environ.get(QWEN_WEIGHTS_ENV, DEFAULT_CHECKPOINT)
    return Extractor("qwen-vl", QwenExtractor(weights, static_cache=_BOOLEANS.get(static_cache)))


def budget_settings() -> tuple[float, float | None]:
    """The budget (``BUDGET_ENV``) and its pinned factor (``calibration_setting``) the environment sets; a
    ``ValueError`` naming the variable and what it accepts when either is wrong."""
    return _budget_from_env(), calibration_setting()


def _budget_from_env() -> float:
    raw = os.environ.get(BUDGET_ENV, "").strip()
    if not raw:
        return DEFAULT_BUDGET_S
    try:
        budget = float(raw)
    except ValueError:
        budget = -1.0
    if not 0 <= budget < float("inf"):
        raise ValueError(f"{BUDGET_ENV}={raw!r}: expected seconds, a number ≥ 0 (0: no limit)")
    return budget


def calibration_setting() -> float | None:
    """The budget's factor that ``CALIBRATION_ENV`` pins (off: 1), or None to measure it. A number is a factor
    (written with its point: the 0 and 1 of on and off are spellings of off and on, ``_BOOLEANS``)."""
    raw = os.environ.get(CALIBRATION_ENV, "").strip().lower() or "on"
    if raw in _BOOLEANS:
        return None if _BOOLEANS[raw] else 1.0
    try:
        factor = float(raw)
    except ValueError:
        factor = 0.0
    if not 0 < factor < float("inf"):
        raise ValueError(
            f"{CALIBRATION_ENV}={raw!r}: expected on, off or a factor to pin, a number > 0 (this machine's CPU seconds"
            " for one of the reference machine's, e.g. 0.71)"
        )
    return factor


def _reader(backend: BackendName, budget_s: float, pinned_factor: float | None) -> Extractor:
    """An OCR extractor with the deployment's budget and this machine's factor: the pinned one, else measured now when
    there is a budget (before the runtime calls the model ready, so that no request waits for it), else at the first
    document that asks for one (``parameters.budget_s``). Qwen-VL has no budget and measures nothing."""
    if pinned_factor is not None:
        return Extractor(backend, budget_s=budget_s, budget_factor=pinned_factor)
    factor = calibration.calibrate().factor if budget_s > 0 else None
    return Extractor(backend, budget_s=budget_s, budget_factor=factor)


def inference(
    parameters: list[dict[str, Any]],
    inputs: list[dict[str, Any]],
    output_fields: list[dict[str, Any]],
    model_key: str,
    model: Any = None,
    *,
    deadline: float | None = None,
) -> list[dict[str, Any]]:
    """Extract verified Russian payment details from a photo, scan or PDF of a receipt or payment document.

    Reads the payment QR code (GOST R 56042-2014) or the fiscal receipt QR when there is one, reads the rest of the
    document with Tesseract OCR or Qwen-VL, and checks every identifier against its official check digits.

    :param inputs.image: Photo, scan or PDF of a receipt, bank transfer confirmation or invoice; one document
        per request.
    :type inputs.image: FILE or image/jpeg or image/png or image/webp or image/heic or application/pdf
    :param parameters.backend: Reader of the page text: auto, tesseract, indra, pooled or qwen-vl. Default: the
        model_key's backend.
    :type parameters.backend: str
    :param parameters.preprocess: Straighten, crop and normalise the photo before reading it. Default: true.
    :type parameters.preprocess: bool
    :param parameters.budget_s: Seconds the reading of one document may take; at the deadline it stops and returns
        what it has, with a warning. CPU seconds of the reference machine: the deployment scales them by its own
        speed, measured at load (RECEIPT_READ_BUDGET_CALIBRATION), so that the same budget reads the same on a
        faster or slower machine. 0: no limit. Default: the deployment's RECEIPT_READ_BUDGET_S, else 3.3.
    :type parameters.budget_s: float
    :param outputs.payment_details: The payment details: recipient_name, recipient_inn, recipient_kpp,
        recipient_account, bank_name, bank_bic, bank_corr_account, amount, currency, payment_date, purpose,
        payer_name, fiscal_drive_number, fiscal_document_number, fiscal_sign, document_type; null where not shown.
    :type outputs.payment_details: json
    :param outputs.checks: For every field: status (verified: a rule that could have failed confirmed it;
        repaired: changed to pass a rule, compare it with the document; invalid; unverified: nothing could confirm
        it), rule (the rule's name), source (qr, pdf, ocr, indra or model), a detail for a person to read, box
        (where on the page the value is printed: page, and x, y, w, h as fractions of the uploaded image as
        displayed) and confidence (the OCR's mean confidence in those words, 0-100; 100 for a PDF's text layer);
        box and confidence are null where no reading shows the value.
    :type outputs.checks: json
    :param outputs.response: The raw text the OCR or the model produced; a page the OCR was unsure of is read twice,
        and both readings are given, a blank line apart.
    :type outputs.response: str
    :param outputs.warnings: What the time budget left out (e.g. the other turns of an unsure page), with the
        budget in the reference machine's seconds and in this machine's CPU seconds; an empty list when the document
        was read in full.
    :type outputs.warnings: json
    :param outputs.quality: How well the document could be read: retake (true when the reading is too poor to rely
        on: ask for another photo), reasons (low_confidence, key_fields_missing, small_image), the OCR's mean
        confidence, how many of the document type's key fields were read, the page's shorter side in pixels, and
        unread_reason, why no payment details were read when none were: statement (not a payment document: a
        statement of an account's operations or of a debt lists many sums; upload one payment's receipt or bill),
        retake, deadline (the time budget ran out first) or no_payment_details; null when details were read.
    :type outputs.quality: json
    """
    extractor = model if isinstance(model, Extractor) else load(model_key)
    options = _parameters(parameters)
    backend = options.get("backend")
    if backend is not None and backend not in BACKENDS:
        raise InferenceInputError(f"parameters.backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    if backend not in (None, "auto") and backend != extractor.backend:
        raise InferenceInputError(
            f"parameters.backend={backend!r} is not loaded in this deployment (it serves {extractor.backend!r})"
        )
    preprocess = _as_bool(options.get("preprocess", True), "parameters.preprocess")
    budget_s = _as_budget(options.get("budget_s"))
    images = _image_input(inputs)
    try:
        with request_deadline(deadline):  # the platform's timeout: past it, raises DeadlineExceededError
            results = [extractor.extract(image, preprocess_image=preprocess, budget_s=budget_s) for image in images]
    except DocumentError as exc:
        raise InferenceInputError(f"inputs.image: {exc}") from exc
    return _outputs(results, output_fields)


def _parameters(parameters: Sequence[Mapping[str, Any]] | Mapping[str, Any] | None) -> dict[str, Any]:
    """Accept OIP parameter tensors (``[{"name", "data": [v]}]``) and a plain mapping alike."""
    if not parameters:
        return {}
    if isinstance(parameters, Mapping):
        return dict(parameters)
    values: dict[str, Any] = {}
    for item in parameters:
        data = item.get("data", item.get("value"))
        values[str(item.get("name"))] = data[0] if isinstance(data, list) and len(data) == 1 else data
    return values


def _as_bool(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _BOOLEANS:
        return _BOOLEANS[value.lower()]
    raise InferenceInputError(f"{where} must be true or false, not {value!r}")


def _as_budget(value: Any) -> float | None:
    if value is None:
        return None
    try:
        budget = float(value)
    except (TypeError, ValueError):
        budget = -1.0
    if isinstance(value, bool) or not 0 <= budget < float("inf"):
        raise InferenceInputError(f"parameters.budget_s must be seconds, a number ≥ 0 (0: no limit), not {value!r}")
    return budget


def _image_input(inputs: Sequence[Mapping[str, Any]]) -> list[bytes]:
    tensor = next((item for item in inputs if item.get("name") == "image"), None)
    if tensor is None:
        raise InferenceInputError("inputs.image is missing: send the photo as an input named 'image'")
    data = tensor.get("data")
    items = data if isinstance(data, list) else [data]
    if not items or any(item is None for item in items):
        raise InferenceInputError("inputs.image has no data")
    base64_encoded = (tensor.get("parameters") or {}).get("content_type") == "base64"
    return [_image_bytes(item, index, base64_encoded) for index, item in enumerate(items)]


def _image_bytes(item: Any, index: int, base64_encoded: bool) -> bytes:
    if isinstance(item, bytes | bytearray) and not base64_encoded:
        return bytes(item)
    if isinstance(item, str | bytes | bytearray):
        try:
            return base64.b64decode(item, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise InferenceInputError(f"inputs.image[{index}] is not valid base64 ({exc})") from exc
    raise InferenceInputError(f"inputs.image[{index}] must be bytes or a base64 string, not {type(item).__name__}")


def _outputs(results: list[Extraction], output_fields: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    wanted = [str(field["name"]) for field in output_fields or []] or list(OUTPUTS)
    unknown = [name for name in wanted if name not in OUTPUTS]
    if unknown:
        raise InferenceInputError(f"unknown output(s) {', '.join(unknown)}; available: {', '.join(OUTPUTS)}")
    columns = {
        "payment_details": [json.dumps(r.details.model_dump(mode="json"), ensure_ascii=False) for r in results],
        "checks": [json.dumps(r.checks_json(), ensure_ascii=False) for r in results],
        "response": [r.response for r in results],
        "warnings": [json.dumps(r.warnings, ensure_ascii=False) for r in results],
        "quality": [json.dumps(r.quality.model_dump(mode="json") if r.quality else None) for r in results],
    }
    return [
        {
            "name": name,
            "datatype": "BYTES",
            "shape": [len(results)],
            "parameters": {"content_type": "json" if name != "response" else "str"},
            "data": columns[name],
        }
        for name in wanted
    ]
