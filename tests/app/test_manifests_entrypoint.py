"""What the manifests ask of the entrypoint: inference() only; load() and MODEL_KEYS are the module's choice."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from manifests_kit import write_manifests

from app.manifests import ManifestError, load_manifests

INFERENCE = '''
def inference(parameters, inputs, output_fields, model_key, model=None):
    """Echo.

    :param inputs.text: Text.
    :type inputs.text: str
    :param outputs.text: Text.
    :type outputs.text: str
    """
    return []
'''


def _module(root: Path, name: str, extra: str = "") -> None:
    (root / f"{name}.py").write_text(INFERENCE + textwrap.dedent(extra), encoding="utf-8")


@pytest.fixture
def code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "code"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    return root


def test_model_keys_come_from_the_manifest_when_the_module_lists_none(tmp_path: Path, code: Path) -> None:
    _module(code, "bare_module")
    folder = write_manifests(tmp_path / "m", entrypoint="bare_module", models={"one": "anything", "two": "else"})

    assert [model.model_key for model in load_manifests(folder).models] == ["anything", "else"]


def test_declared_model_keys_are_checked(tmp_path: Path, code: Path) -> None:
    _module(code, "keyed_module", "MODEL_KEYS = ('small', 'large')\n")
    folder = write_manifests(tmp_path / "m", entrypoint="keyed_module", models={"one": "medium"})

    with pytest.raises(ManifestError, match="unknown modelKey 'medium'; keyed_module accepts small, large"):
        load_manifests(folder)


def test_malformed_model_keys_are_named(tmp_path: Path, code: Path) -> None:
    _module(code, "odd_module", "MODEL_KEYS = 'small'\n")
    folder = write_manifests(tmp_path / "m", entrypoint="odd_module", models={"one": "small"})

    with pytest.raises(ManifestError, match=r"odd_module.MODEL_KEYS must be a tuple of strings, not 'small'"):
        load_manifests(folder)


TEXT_FILE = '''
def inference(parameters, inputs, output_fields, model_key, model=None):
    """Counts words.

    :param inputs.document: A text.
    :type inputs.document: text/plain or application/pdf
    :param outputs.words: Words.
    :type outputs.words: int
    """
    return []
'''


def test_file_types_the_module_takes_are_ones_the_file_service_stores(tmp_path: Path, code: Path) -> None:
    """A fork whose module reads text/plain must say so in storage.yaml's accept, or its web uploads would be 415."""
    (code / "text_module.py").write_text(TEXT_FILE, encoding="utf-8")
    folder = write_manifests(tmp_path / "m", entrypoint="text_module", models={"one": "anything"})

    with pytest.raises(ManifestError, match=r"text_module inputs.document takes text/plain, which the file service"):
        load_manifests(folder)
    storage = folder / "storage.yaml"
    storage.write_text(storage.read_text(encoding="utf-8") + "  accept: [text/plain, application/pdf]\n", "utf-8")
    assert load_manifests(folder).storage.spec.accept == ("text/plain", "application/pdf")
