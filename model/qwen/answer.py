"""From generations to answers: parse each, retry once per unreadable image, report what it cost.

The generation step is passed in, so this logic is tested with a scripted function and runs unchanged on
the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image

from model.qwen.parse import AnswerParseError, empty_fields, parse_answer
from model.qwen.prompt import Conversation, first_turn, retry_turn


@dataclass(frozen=True, slots=True)
class Generation:
    """One decoded model output: only the new tokens, up to the end-of-turn token."""

    text: str
    new_tokens: int
    generate_ms: float


GenerateFn = Callable[[Sequence[Image.Image], Sequence[Conversation]], list[Generation]]
"""Generates one answer per (image, conversation) pair, in order."""


@dataclass(frozen=True, slots=True)
class QwenAnswer:
    """The model's reading of one image.

    ``text`` is the raw output of the last attempt; ``generate_ms`` and ``new_tokens`` add up all attempts, so
    throughput figures count the retry too. ``error`` is set, and every field ``None``, when no attempt gave
    usable JSON.
    """

    text: str
    fields: dict[str, str | None]
    error: str | None
    generate_ms: float
    new_tokens: int
    attempts: int = 1


def _answer(generation: Generation, spent: Sequence[Generation] = ()) -> QwenAnswer:
    attempts = [*spent, generation]
    try:
        fields, error = parse_answer(generation.text), None
    except AnswerParseError as exc:
        fields, error = empty_fields(), f"unreadable answer after {len(attempts)} attempt(s): {exc}"
    return QwenAnswer(
        text=generation.text,
        fields=fields,
        error=error,
        generate_ms=sum(attempt.generate_ms for attempt in attempts),
        new_tokens=sum(attempt.new_tokens for attempt in attempts),
        attempts=len(attempts),
    )


def answer_images(images: Sequence[Image.Image], generate: GenerateFn) -> list[QwenAnswer]:
    """Ask for every image in one batch, then once more, in one batch, for the unreadable answers."""
    conversation = first_turn()
    first = generate(images, [conversation] * len(images))
    answers = [_answer(generation) for generation in first]
    failed = [index for index, answer in enumerate(answers) if answer.error is not None]
    if not failed:
        return answers
    retries = generate(
        [images[index] for index in failed],
        [retry_turn(conversation, first[index].text) for index in failed],
    )
    for index, generation in zip(failed, retries, strict=True):
        answers[index] = _answer(generation, spent=[first[index]])
    return answers
