"""What Qwen-VL is asked: a system message, the JSON template built from the schema, and the one retry turn.

Conversations use the structured chat format (``{"type": "image"}`` / ``{"type": "text"}`` parts) that every
Qwen-VL chat template understands; the processor puts the image's placeholder tokens where the image part
sits.
"""

from __future__ import annotations

import json
from typing import Any

from model.qwen.fields import DOCUMENT_TYPES, FieldKind, field_description, field_kind
from model.schema import FIELD_NAMES

Message = dict[str, Any]
Conversation = list[Message]

SYSTEM_PROMPT = (
    "You read photos and scans of Russian payment documents: платёжное поручение, счёт на оплату, "
    "кассовый чек, квитанция, bank transfer confirmations. You copy what is printed, never guess, "
    "and answer with a single JSON object."
)

RULES = (
    "Rules:",
    "- Write null for anything the document does not show.",
    "- Identifiers (ИНН, КПП, БИК, р/с, к/с, ФН, ФД, ФП): digits only, no spaces or labels.",
    '- Money: the total to pay, dot as decimal separator, two decimals: «1 234,50 руб.» → "1234.50".',
    '- Dates: ISO yyyy-mm-dd: «18.04.2024» or «18 апреля 2024 г.» → "2024-04-18".',
    "- Currency: ISO 4217 code; руб., р., ₽ → RUB.",
    "- Names, bank and purpose: copy the Russian text as printed; do not translate or transliterate.",
    "- On a cash receipt (кассовый чек) the seller is the recipient.",
)

RETRY_PROMPT = (
    "That was not a valid JSON object. Answer again with only the JSON object that follows the template: "
    "no explanations, no code fences."
)


def _template_hint(name: str) -> str:
    if field_kind(name) is FieldKind.DOCUMENT_TYPE:
        return " | ".join(DOCUMENT_TYPES)
    if field_kind(name) is FieldKind.IDENTIFIER:
        return f"{field_description(name)}, digits only | null"
    return f"{field_description(name)} | null"


def json_template() -> str:
    """Every schema field with a hint of its format, in schema order, as the model should fill it in."""
    template = {name: _template_hint(name) for name in FIELD_NAMES}
    return json.dumps(template, ensure_ascii=False, indent=2)


def extraction_prompt() -> str:
    """The user turn's text: the task, the template to fill and the formatting rules."""
    return "\n".join(
        (
            "Extract the payment details from this document. Fill in this JSON template:",
            json_template(),
            *RULES,
            "Answer with the JSON object only.",
        )
    )


def first_turn() -> Conversation:
    """The conversation for one image: system message, then the image and the extraction prompt."""
    return [
        {"role": "system", "content": [{"type": "text", "text": SYSTEM_PROMPT}]},
        {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": extraction_prompt()}]},
    ]


def retry_turn(conversation: Conversation, answer: str) -> Conversation:
    """``conversation`` continued with the model's unusable ``answer`` and a request for the bare JSON."""
    return [
        *conversation,
        {"role": "assistant", "content": [{"type": "text", "text": answer}]},
        {"role": "user", "content": [{"type": "text", "text": RETRY_PROMPT}]},
    ]
