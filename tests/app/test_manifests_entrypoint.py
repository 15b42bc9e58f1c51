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
