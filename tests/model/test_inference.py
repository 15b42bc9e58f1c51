"""The platform contract: ``load`` + ``inference`` with Open Inference Protocol tensors."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model.budget import DeadlineExceededError
from model.inference import QWEN_WEIGHTS_ENV, InferenceInputError, inference, load
from model.pipeline import Extractor
from tests.text_pdfs import text_pdf

KEY_FIELDS = ("recipient_inn", "bank_bic", "amount", "fiscal_drive_number")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return load("tesseract")


def _image(path: Path, *, encoded: bool = True) -> dict[str, object]:
    data = path.read_bytes()
    return {
        "name": "image",
        "datatype": "BYTES",
        "shape": [1],
        "parameters": {"content_type": "base64"} if encoded else {},
        "data": [base64.b64encode(data).decode() if encoded else data],
    }


def test_inference_returns_every_output_for_each_sample(
    extractor: Extractor, samples: dict[Path, dict[str, str | None]]
) -> None:
    for path, truth in samples.items():
        outputs = inference([], [_image(path)], [], "tesseract", extractor)
        by_name = {output["name"]: output for output in outputs}
        assert set(by_name) == {"payment_details", "checks", "response", "warnings", "quality"}
        assert json.loads(by_name["warnings"]["data"][0]) == []
        quality = json.loads(by_name["quality"]["data"][0])
        assert (quality["retake"], quality["unread_reason"]) == (False, None)  # good photos, their details read
        details = json.loads(by_name["payment_details"]["data"][0])
        for field in KEY_FIELDS:
            assert details[field] == truth[field], f"{path.name}: {field}"
        checks = json.loads(by_name["checks"]["data"][0])
        assert set(checks) == set(details)
        assert any(check["box"] and 0 < check["confidence"] <= 100 for check in checks.values())
        assert by_name["response"]["data"][0].strip()


def test_inference_says_why_a_bank_statement_gave_no_details(extractor: Extractor) -> None:
    statement = [
        "АО «Звезда Банк», ИНН/КПП 7707083893/770301001",
        "Выписка по счёту дебетовой карты",
        "Период выписки: 02.12.2024 – 22.03.2025",
        "16.03.2025 09:59:00 3836012587 Перевод через СБП. Отправитель: Давид Сергеевич Б. + 20 000.00",
    ]
    image = {"name": "image", "datatype": "BYTES", "shape": [1], "data": [text_pdf([statement])]}
    outputs = inference([], [image], [{"name": "payment_details"}, {"name": "quality"}], "tesseract", extractor)
    details, quality = (json.loads(output["data"][0]) for output in outputs)
    assert details["document_type"] == "other" and details["recipient_inn"] is None
    assert quality["unread_reason"] == "statement"


def test_inference_accepts_raw_bytes_parameters_and_output_selection(
    extractor: Extractor, samples: dict[Path, dict[str, str | None]]
) -> None:
    path = next(iter(samples))
    parameters = [{"name": "preprocess", "datatype": "BOOL", "data": [False]}]
    outputs = inference(parameters, [_image(path, encoded=False)], [{"name": "checks"}], "tesseract", extractor)
    assert [output["name"] for output in outputs] == ["checks"]
    assert outputs[0]["shape"] == [1]


@pytest.mark.parametrize(
    ("parameters", "inputs", "outputs", "message"),
    [
        ([], [], [], "inputs.image is missing"),
        ([], [{"name": "image", "data": ["%%%"], "parameters": {"content_type": "base64"}}], [], "not valid base64"),
        ([], [{"name": "image", "data": [b"plain text"]}], [], r"inputs.image: not an image or PDF"),
        ([], [{"name": "image", "data": [b""]}], [], r"inputs.image: the file is empty"),
        ([{"name": "backend", "data": ["gpt"]}], [], [], "parameters.backend must be one of"),
        ([{"name": "backend", "data": ["qwen-vl"]}], [], [], "is not loaded in this deployment"),
        ([{"name": "preprocess", "data": ["maybe"]}], [], [], "parameters.preprocess must be true or false"),
    ],
)
def test_inference_rejects_bad_requests_with_a_clear_message(
    extractor: Extractor, parameters: list[dict[str, object]], inputs: list[dict[str, object]],
    outputs: list[dict[str, object]], message: str,
) -> None:  # fmt: skip
    with pytest.raises(InferenceInputError, match=message):
        inference(parameters, inputs, outputs, "tesseract", extractor)


def test_inference_refuses_a_pdf_built_to_be_expensive_as_bad_input(extractor: Extractor) -> None:
    """A content-stream bomb is the caller's fault: the runtime answers it 400 (a ValueError), within the limits."""
    from tests.hostile_documents import content_stream_bomb

    started = time.monotonic()
    with pytest.raises(InferenceInputError, match=r"^inputs\.image: decoding the file was stopped: it "):
        inference([], [{"name": "image", "data": [content_stream_bomb()]}], [], "tesseract", extractor)
    assert time.monotonic() - started < 20


def test_inference_reads_a_huge_image_within_twenty_seconds(extractor: Extractor) -> None:
    """A 59 MP image is allowed but read at 12 MP: at full size its preprocessing alone took 30 s (its filters grow
    with the page) and the reading most of a gigabyte."""
    from tests.hostile_documents import huge_image

    started = time.monotonic()
    outputs = inference([], [{"name": "image", "data": [huge_image()]}], [], "tesseract", extractor)
    assert time.monotonic() - started < 20
    assert outputs[0]["name"] == "payment_details"


def test_inference_rejects_unknown_outputs(extractor: Extractor, samples: dict[Path, dict[str, str | None]]) -> None:
    with pytest.raises(InferenceInputError, match="unknown output"):
        inference([], [_image(next(iter(samples)))], [{"name": "summary"}], "tesseract", extractor)


def test_load_rejects_unknown_model_keys() -> None:
    with pytest.raises(ValueError, match="unknown model_key 'gpt-4'"):
        load("gpt-4")


def test_load_auto_falls_back_to_tesseract_without_a_gpu() -> None:
    assert load("auto").backend == "tesseract"


def test_load_auto_without_qwen_weights_imports_no_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's default backend: torch was imported only to learn there was no GPU, 0.4 GB and seconds per call."""
    monkeypatch.delenv(QWEN_WEIGHTS_ENV, raising=False)
    script = "import sys\nfrom model.inference import load\nif __name__ == '__main__':\n"
    script += "    print(load('auto').backend, 'torch' in sys.modules)\n"
    answer = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert answer.stdout.split() == ["tesseract", "False"]


@pytest.mark.parametrize(("value", "static"), [("", False), ("1", True), ("off", False), (" Yes ", True)])
def test_load_takes_the_static_cache_switch_from_the_environment(
    tiny_qwen_checkpoint: Path, monkeypatch: pytest.MonkeyPatch, value: str, static: bool
) -> None:
    monkeypatch.setenv("RECEIPT_QWEN_WEIGHTS", str(tiny_qwen_checkpoint))
    monkeypatch.setenv("RECEIPT_QWEN_STATIC_CACHE", value)
    qwen = load("qwen-vl").qwen
    assert qwen is not None and qwen.static_cache is static  # unset on a CPU: off


def test_load_refuses_a_static_cache_switch_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECEIPT_QWEN_STATIC_CACHE", "maybe")
    with pytest.raises(ValueError, match="RECEIPT_QWEN_STATIC_CACHE='maybe': expected 1 or 0"):
        load("qwen-vl")


def test_inference_runs_the_qwen_backend_through_real_transformers(
    tiny_qwen_checkpoint: Path, samples: dict[Path, dict[str, str | None]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECEIPT_QWEN_WEIGHTS", str(tiny_qwen_checkpoint))
    qwen = load("qwen-vl")
    assert qwen.backend == "qwen-vl"
    outputs = inference([], [_image(next(iter(samples)))], [], "qwen-vl", qwen)
    by_name = {output["name"]: output for output in outputs}
    details = json.loads(by_name["payment_details"]["data"][0])
    checks = json.loads(by_name["checks"]["data"][0])
    # A random tiny model writes no JSON: whatever is filled must come from the QR, never from nowhere.
    filled = [name for name, value in details.items() if value and name != "document_type"]
    assert all(checks[name]["source"] in (None, "qr") for name in filled)
    assert by_name["response"]["data"][0] is not None


def test_inference_stops_decoding_at_the_callers_deadline(extractor: Extractor) -> None:
    """The runtime's deadline comes before the sandbox's 18 s: the decoding of a bomb is cut off there."""
    from tests.hostile_documents import content_stream_bomb

    started = time.monotonic()
    with pytest.raises(DeadlineExceededError, match="deadline passed while the file was decoded"):
        inference(
            [], [{"name": "image", "data": [content_stream_bomb()]}], [], "tesseract", extractor, deadline=started + 1
        )
    assert time.monotonic() - started < 4


def test_inference_past_its_deadline_starts_nothing(
    extractor: Extractor, samples: dict[Path, dict[str, str | None]]
) -> None:
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="deadline passed before decoding the file"):
        inference([], [_image(next(iter(samples)))], [], "tesseract", extractor, deadline=started - 1)
    assert time.monotonic() - started < 0.5
