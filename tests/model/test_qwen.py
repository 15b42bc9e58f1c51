"""The Qwen-VL backend: prompt, answer parsing and retry as pure logic; loading, batching and the pixel budget
through a tiny random checkpoint of each family, loaded by the real ``from_pretrained`` path."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from model.budget import DeadlineExceededError, request_deadline
from model.qwen import (
    AnswerParseError,
    Generation,
    QwenExtractor,
    answer_images,
    extraction_prompt,
    json_template,
    parse_answer,
    resolve_weights,
)
from model.qwen.fields import FieldKind, field_kind
from model.qwen.prompt import RETRY_PROMPT, SYSTEM_PROMPT, Conversation, first_turn, retry_turn
from model.schema import FIELD_NAMES, DocumentType

MAX_NEW_TOKENS = 12


# --- prompt -----------------------------------------------------------------------------------------------


def test_json_template_lists_every_schema_field_in_order() -> None:
    assert tuple(json.loads(json_template())) == FIELD_NAMES


@pytest.mark.parametrize("name", FIELD_NAMES)
def test_extraction_prompt_contains_every_schema_key(name: str) -> None:
    assert f'"{name}"' in extraction_prompt()


@pytest.mark.parametrize("document_type", [kind.value for kind in DocumentType])
def test_extraction_prompt_offers_every_document_type(document_type: str) -> None:
    assert document_type in json.loads(json_template())["document_type"]


def test_first_turn_puts_system_message_then_image_then_prompt() -> None:
    system, user = first_turn()
    assert system["role"] == "system" and system["content"][0]["text"] == SYSTEM_PROMPT
    assert [part["type"] for part in user["content"]] == ["image", "text"]
    assert user["content"][1]["text"] == extraction_prompt()


def test_field_kind_finds_every_kind_in_the_schema() -> None:
    assert {field_kind(name) for name in FIELD_NAMES} == set(FieldKind)


# --- parse_answer -----------------------------------------------------------------------------------------

_FULL = {
    "document_type": "bank_transfer",
    "recipient_name": "ООО «Ромашка»",
    "recipient_inn": "7701234567",
    "amount": "1234.50",
    "payment_date": "2024-04-18",
}


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        (json.dumps(_FULL, ensure_ascii=False), "recipient_name", "ООО «Ромашка»"),
        (f"```json\n{json.dumps(_FULL)}\n```", "amount", "1234.50"),
        (f"```\n{json.dumps(_FULL)}\n```\nГотово.", "recipient_inn", "7701234567"),
        (f"Вот ответ: {json.dumps(_FULL)} Если нужно, уточню {{детали}}.", "payment_date", "2024-04-18"),
        ('{"purpose": "Оплата {по счёту} № 5 }", "amount": null}', "purpose", "Оплата {по счёту} № 5 }"),
        ('{"x": 1} {"amount": "10"}', "amount", "10.00"),
        ('{"amount": "1 234,50 руб."}', "amount", "1234.50"),
        ('{"amount": 1234.5}', "amount", "1234.50"),
        ('{"amount": "12 345 678,9 ₽"}', "amount", "12345678.90"),
        ('{"payment_date": "18.04.2024"}', "payment_date", "2024-04-18"),
        ('{"payment_date": "18 апреля 2024 г."}', "payment_date", "2024-04-18"),
        ('{"payment_date": "31.02.2024"}', "payment_date", None),
        ('{"currency": "руб."}', "currency", "RUB"),
        ('{"recipient_inn": 7701234567}', "recipient_inn", "7701234567"),
        ('{"recipient_inn": "ИНН 7701 234 567"}', "recipient_inn", "7701234567"),
        ('{"recipient_account": "4070 2810 9000 0001 2345"}', "recipient_account", "40702810900000012345"),
        ('{"recipient_kpp": "7701ab001"}', "recipient_kpp", "7701AB001"),
        ('{"bank_bic": "БИК: 044525225"}', "bank_bic", "044525225"),
        ('{"document_type": "Cash_Receipt"}', "document_type", "cash_receipt"),
        ('{"document_type": "payment_order"}', "document_type", None),
        ('{"payer_name": ["Иванов", "И. И."]}', "payer_name", None),
        ('{"bank_name": {"name": "Сбербанк"}}', "bank_name", None),
        ('{"bank_name": true}', "bank_name", None),
        ('{"bank_name": "null"}', "bank_name", None),
        ('{"bank_name": "  ПАО   Сбербанк "}', "bank_name", "ПАО Сбербанк"),
        ('{"fiscal_sign": ""}', "fiscal_sign", None),
        ('{"amount": "1234.50"}', "recipient_inn", None),
    ],
)
def test_parse_answer_reads_and_normalises(text: str, field: str, expected: str | None) -> None:
    assert parse_answer(text)[field] == expected


def test_parse_answer_returns_every_schema_key_and_nothing_else() -> None:
    fields = parse_answer('{"amount": "5", "foo": "bar", "recipient_inn": "7701234567"}')
    assert tuple(fields) == FIELD_NAMES


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Не могу прочитать документ.",
        '{"amount": "1234.50", "recipient_inn": "77012',
        "```json\n{'amount': '1234.50'}\n```",
        '["amount", "1234.50"]',
        '{"total": "1234.50"}',
    ],
)
def test_parse_answer_rejects_garbage(text: str) -> None:
    with pytest.raises(AnswerParseError):
        parse_answer(text)


# --- retry ------------------------------------------------------------------------------------------------


class ScriptedModel:
    """Answers each generate call with the next scripted texts and records what it was asked."""

    def __init__(self, *batches: Sequence[str]) -> None:
        self._batches = list(batches)
        self.calls: list[tuple[list[Image.Image], list[Conversation]]] = []

    def __call__(self, images: Sequence[Image.Image], conversations: Sequence[Conversation]) -> list[Generation]:
        self.calls.append((list(images), list(conversations)))
        texts = self._batches.pop(0)
        assert len(texts) == len(images)
        return [Generation(text=text, new_tokens=len(text), generate_ms=10.0) for text in texts]


def _blank_images(count: int) -> list[Image.Image]:
    return [Image.new("RGB", (40 + index, 40)) for index in range(count)]


def test_answer_images_retries_only_the_unreadable_answer() -> None:
    images = _blank_images(2)
    model = ScriptedModel(['{"amount": "7"}', "garbage"], ['```json\n{"amount": "1 234,50"}\n```'])
    first, second = answer_images(images, model)
    assert (first.fields["amount"], first.attempts, first.error) == ("7.00", 1, None)
    assert (second.fields["amount"], second.attempts, second.error) == ("1234.50", 2, None)
    assert second.new_tokens == len("garbage") + len('```json\n{"amount": "1 234,50"}\n```')
    assert second.generate_ms == 20.0
    retry_images, retry_conversations = model.calls[1]
    assert retry_images == [images[1]]
    assistant, follow_up = retry_conversations[0][-2:]
    assert assistant["role"] == "assistant" and assistant["content"][0]["text"] == "garbage"
    assert follow_up["content"][0]["text"] == RETRY_PROMPT


def test_answer_images_gives_up_after_one_retry() -> None:
    model = ScriptedModel(["garbage"], ["still garbage"])
    (answer,) = answer_images(_blank_images(1), model)
    assert answer.error is not None and "2 attempt" in answer.error
    assert answer.text == "still garbage"
    assert answer.fields == dict.fromkeys(FIELD_NAMES)
    assert len(model.calls) == 2


def test_answer_images_skips_the_retry_when_every_answer_parses() -> None:
    model = ScriptedModel(['{"amount": "1"}', '{"amount": "2"}'])
    answers = answer_images(_blank_images(2), model)
    assert [answer.fields["amount"] for answer in answers] == ["1.00", "2.00"]
    assert len(model.calls) == 1


# --- weights ----------------------------------------------------------------------------------------------


def test_resolve_weights_sends_object_storage_urls_to_the_runtime() -> None:
    with pytest.raises(ValueError, match=r"runtime mirrors it into a folder"):
        resolve_weights("s3://models/qwen3-vl-8b")


def test_resolve_weights_keeps_a_hub_id() -> None:
    assert resolve_weights("Qwen/Qwen3-VL-8B-Instruct") == "Qwen/Qwen3-VL-8B-Instruct"


def test_resolve_weights_resolves_a_local_directory(tmp_path: Path) -> None:
    assert resolve_weights(str(tmp_path)) == str(tmp_path.resolve())


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("https://example.com/qwen", ValueError),
        ("/nonexistent/qwen", FileNotFoundError),
        ("./qwen", FileNotFoundError),
        ("qwen", FileNotFoundError),
    ],
)
def test_resolve_weights_rejects_what_it_cannot_load(source: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        resolve_weights(source)


def test_resolve_weights_rejects_a_file(tmp_path: Path) -> None:
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"")
    with pytest.raises(ValueError, match="directory"):
        resolve_weights(str(weights))


# --- tiny checkpoint --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def qwen(tiny_qwen_checkpoint: Path) -> Iterator[QwenExtractor]:
    yield QwenExtractor(
        str(tiny_qwen_checkpoint),
        device="cpu",
        max_new_tokens=MAX_NEW_TOKENS,
        min_visual_tokens=4,
        max_visual_tokens=64,
    )


def _document(size: tuple[int, int], text: str) -> Image.Image:
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).text((8, 8), text, fill="black")
    return image


IMAGES = [_document((200, 300), "ИНН 7701234567"), _document((320, 120), "Сумма 1 234,50")]


def test_load_prepares_left_padding_and_the_family_pixel_budget(qwen: QwenExtractor) -> None:
    image_processor = qwen.processor.image_processor
    token_area = (image_processor.patch_size * image_processor.merge_size) ** 2
    assert qwen.processor.tokenizer.padding_side == "left"
    assert qwen.image_size == {"shortest_edge": 4 * token_area, "longest_edge": 64 * token_area}
    assert str(qwen.dtype) == "torch.float32"


def test_extract_answers_each_image_within_the_token_limit(qwen: QwenExtractor) -> None:
    answers = qwen.extract(IMAGES)
    assert len(answers) == 2
    for answer in answers:
        assert isinstance(answer.text, str) and answer.generate_ms > 0
        assert 0 < answer.new_tokens <= MAX_NEW_TOKENS * answer.attempts
        assert answer.error is None or answer.fields == dict.fromkeys(FIELD_NAMES)


def test_generate_batched_matches_single_images(qwen: QwenExtractor) -> None:
    conversation = first_turn()
    batched = qwen.generate(IMAGES, [conversation] * 2)
    single = [qwen.generate([image], [conversation])[0] for image in IMAGES]
    assert [(g.text, g.new_tokens) for g in batched] == [(g.text, g.new_tokens) for g in single]


def test_generate_with_right_padding_differs_from_single_images(
    qwen: QwenExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversation = first_turn()
    single = [qwen.generate([image], [conversation])[0].text for image in IMAGES]
    monkeypatch.setattr(qwen.processor.tokenizer, "padding_side", "right")
    batched = [generation.text for generation in qwen.generate(IMAGES, [conversation] * 2)]
    assert batched != single


def test_prepare_inputs_bounds_visual_tokens_by_the_budget(qwen: QwenExtractor) -> None:
    images = [Image.new("RGB", (620, 877), "white"), Image.new("RGB", (16, 16), "white")]
    conversations = [first_turn()] * 2
    bounded = qwen.prepare_inputs(images, conversations)["input_ids"]
    texts = [qwen.processor.apply_chat_template(c, add_generation_prompt=True, tokenize=False) for c in conversations]
    unbounded = qwen.processor(text=texts, images=images, padding=True, return_tensors="pt")["input_ids"]
    image_token = qwen.processor.image_token_id
    a4, thumbnail = (bounded == image_token).sum(dim=1).tolist()
    assert 32 < a4 <= 64 < (unbounded[0] == image_token).sum()
    assert thumbnail >= 4


def test_a_static_cache_generates_what_the_dynamic_one_does(tiny_qwen_checkpoint: Path, qwen: QwenExtractor) -> None:
    static = QwenExtractor(
        str(tiny_qwen_checkpoint),
        device="cpu",
        max_new_tokens=MAX_NEW_TOKENS,
        min_visual_tokens=4,
        max_visual_tokens=64,
        static_cache=True,
    )
    conversations = [first_turn()] * 2
    assert static.generation_options["cache_implementation"] == "static"
    assert "cache_implementation" not in qwen.generation_options
    dynamic = [(g.text, g.new_tokens) for g in qwen.generate(IMAGES, conversations)]
    assert [(g.text, g.new_tokens) for g in static.generate(IMAGES, conversations)] == dynamic
    assert [(g.text, g.new_tokens) for g in static.generate(IMAGES[::-1], conversations)] == dynamic[::-1]


def test_generations_from_several_threads_take_turns_on_the_model(
    qwen: QwenExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside, most, count = 0, 0, threading.Lock()
    generate = qwen.model.generate

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal inside, most
        with count:
            inside += 1
            most = max(most, inside)
        try:
            time.sleep(0.05)  # long enough for the other thread to arrive
            return generate(*args, **kwargs)
        finally:
            with count:
                inside -= 1

    monkeypatch.setattr(qwen.model, "generate", counted)
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda image: qwen.generate([image], [first_turn()])[0], IMAGES))
    assert most == 1 and all(answer.new_tokens > 0 for answer in answers)


def test_the_static_cache_is_on_by_default_only_on_cuda(qwen: QwenExtractor) -> None:
    assert qwen.static_cache is False and "cache_implementation" not in qwen.generation_options


def test_warm_up_sizes_the_static_cache_for_the_longest_page_and_retry(tiny_qwen_checkpoint: Path) -> None:
    qwen = QwenExtractor(
        str(tiny_qwen_checkpoint),
        device="cpu",
        max_new_tokens=MAX_NEW_TOKENS,
        min_visual_tokens=4,
        max_visual_tokens=61,  # a prime: no blank page fills it exactly
        static_cache=True,
    )
    qwen.warm_up()
    kept = qwen.model._previous_max_cache_length  # transformers reuses a cache this long for any shorter input
    for size in [(620, 877), (1000, 300), (900, 900), (300, 1200)]:
        page = Image.new("RGB", size, "white")
        (answer,) = qwen.generate([page], [first_turn()])
        for conversation in (first_turn(), retry_turn(first_turn(), answer.text)):
            length = qwen.prepare_inputs([page], [conversation])["input_ids"].shape[1]
            assert length + MAX_NEW_TOKENS <= kept, (size, length, kept)


def test_after_the_warm_up_no_page_or_retry_compiles_again(tmp_path: Path) -> None:
    if shutil.which("g++") is None:
        pytest.skip("torch.compile on a CPU needs a C++ compiler")
    import torch._dynamo
    from torch._dynamo.utils import counters
    from transformers import CompileConfig

    from bench.qwen.checkpoint import build_checkpoint

    qwen = QwenExtractor(
        str(build_checkpoint("qwen3_vl", tmp_path)),
        device="cpu",
        max_new_tokens=MAX_NEW_TOKENS,
        min_visual_tokens=4,
        max_visual_tokens=61,
        static_cache=True,
    )
    config = CompileConfig()
    config._compile_all_devices = True  # transformers compiles on accelerators only; the CPU stands in for CUDA here
    qwen.generation_options["compile_config"] = config
    torch._dynamo.reset()
    qwen.warm_up()
    compiled = counters["stats"]["unique_graphs"]
    assert compiled >= 1
    for size in [(620, 877), (1000, 300), (300, 1200), (40, 40)]:
        page = Image.new("RGB", size, "white")
        (answer,) = qwen.generate([page], [first_turn()])
        qwen.generate([page], [retry_turn(first_turn(), answer.text)])
    assert counters["stats"]["unique_graphs"] == compiled


def test_generate_runs_in_bfloat16_as_on_cuda(tiny_qwen_checkpoint: Path) -> None:
    qwen = QwenExtractor(
        str(tiny_qwen_checkpoint),
        device="cpu",
        dtype="bfloat16",
        max_new_tokens=4,
        min_visual_tokens=4,
        max_visual_tokens=16,
    )
    (generation,) = qwen.generate(IMAGES[:1], [first_turn()])
    assert str(qwen.model.dtype) == "torch.bfloat16"
    assert 0 < generation.new_tokens <= 4


@pytest.mark.parametrize(
    ("options", "message"),
    [({"min_visual_tokens": 10, "max_visual_tokens": 5}, "budget"), ({"dtype": "int64"}, "dtype")],
)
def test_qwen_extractor_rejects_bad_options_before_loading(options: dict[str, Any], message: str) -> None:
    pytest.importorskip("torch")
    with pytest.raises(ValueError, match=message):
        QwenExtractor("Qwen/not-downloaded", **options)


def test_import_leaves_torch_unloaded() -> None:
    code = "import sys, model.qwen; sys.exit('torch' in sys.modules or 'transformers' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_generation_is_given_the_time_to_the_callers_deadline(
    qwen: QwenExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    given: list[dict[str, Any]] = []
    generate = qwen.model.generate

    def recorded(*args: Any, **kwargs: Any) -> Any:
        given.append(kwargs)
        return generate(*args, **kwargs)

    monkeypatch.setattr(qwen.model, "generate", recorded)
    qwen.generate(IMAGES[:1], [first_turn()])
    assert "max_time" not in given[-1]
    with request_deadline(time.monotonic() + 30):
        qwen.generate(IMAGES[:1], [first_turn()])
    assert 20 < given[-1]["max_time"] <= 30


class _SlowSteps:
    """A transformers streamer that makes each generation step take 0.3 s, and counts the steps."""

    def __init__(self) -> None:
        self.steps = -1  # the first call brings the prompt

    def put(self, value: Any) -> None:
        self.steps += 1
        if self.steps:
            time.sleep(0.3)

    def end(self) -> None:
        pass


def test_generation_stops_at_the_callers_deadline(qwen: QwenExtractor) -> None:
    """transformers' max_time ends the generation, which then answers nothing rather than a cut-off text."""
    unhurried = _SlowSteps()
    qwen.generate(IMAGES[:1], [first_turn()], streamer=unhurried)
    assert unhurried.steps > 5  # the whole answer takes over 1.8 s at 0.3 s a step
    hurried = _SlowSteps()
    with request_deadline(time.monotonic() + 1.2), pytest.raises(DeadlineExceededError, match="answer was complete"):
        qwen.generate(IMAGES[:1], [first_turn()], streamer=hurried)
    assert hurried.steps <= 5  # 1.2 s at 0.3 s a step, and the step under way
    with request_deadline(time.monotonic() - 1), pytest.raises(DeadlineExceededError, match="before generating"):
        qwen.generate(IMAGES, [first_turn()] * 2)
