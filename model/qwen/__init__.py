"""The Qwen-VL backend: a vision-language model reads the payment details straight from the image.

Importing this package does not import torch or transformers; loading a ``QwenExtractor`` does.
"""

from model.qwen.answer import GenerateFn, Generation, QwenAnswer, answer_images
from model.qwen.backend import DEFAULT_CHECKPOINT, QwenExtractor, gpu_available, resolve_weights
from model.qwen.parse import AnswerParseError, parse_answer
from model.qwen.prompt import extraction_prompt, json_template

__all__ = [
    "DEFAULT_CHECKPOINT",
    "AnswerParseError",
    "GenerateFn",
    "Generation",
    "QwenAnswer",
    "QwenExtractor",
    "answer_images",
    "extraction_prompt",
    "gpu_available",
    "json_template",
    "parse_answer",
    "resolve_weights",
]
