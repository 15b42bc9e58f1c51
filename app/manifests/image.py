"""Point the Module manifest at another image: the release sets the git tag it was started by, a rollback the previous
tag. The file is edited in place, one line per key, so its comments and layout survive (PyYAML would drop them).

The value is replaced on the line where ``parse_yaml`` found the key, then the whole folder is validated again; a
manifest that would no longer load is put back as it was and the problems are raised.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from app.manifests.loader import ManifestError, Problem, load_manifests
from app.manifests.models import Image
from app.manifests.yamlsource import DocPath, parse_yaml

IMAGE_PATH: DocPath = ("spec", "image")
# `key: value  # comment` where value is quoted or plain; block (| >), flow ({ [), anchors, aliases and tags are not.
_SCALAR_LINE = re.compile(
    r"""^(?P<lead>\s*(?P<key>[A-Za-z]+):[ \t]+)"""
    r"""(?P<value>"[^"]*"|'[^']*'|[^\s#'"|>&*!{\[][^#]*?)"""
    r"""(?P<tail>[ \t]+\#.*)?[ \t]*$"""
)


@dataclass(frozen=True)
class ImageChange:
    file: Path
    old: str
    """The image reference before, ``repository:tag``."""
    new: str

    def __str__(self) -> str:
        if self.old == self.new:
            return f"{self.file}: spec.image already {self.new}"
        return f"{self.file}: spec.image {self.old} -> {self.new}"


def yaml_scalar(value: str) -> str:
    """``value`` as YAML reads it back as that string: plain when it can be, else double-quoted (``"1.0"``)."""
    try:
        plain_reads_back = yaml.safe_load(value) == value
    except yaml.YAMLError:
        plain_reads_back = False
    return value if plain_reads_back else json.dumps(value)


def replace_scalar(text: str, line: int, key: str, value: str) -> str:
    """``text`` with the plain scalar of ``key`` on 1-based ``line`` replaced by ``value``, the comment kept.

    ValueError when that line is not ``key: value`` on one line (a block or flow value: write it on one line).
    """
    lines = text.splitlines(keepends=True)
    body = lines[line - 1].rstrip("\r\n")
    match = _SCALAR_LINE.match(body)
    if match is None or match.group("key") != key:
        raise ValueError(f"line {line} is not `{key}: value` on one line: {body.strip()!r}")
    ending = lines[line - 1][len(body) :]
    lines[line - 1] = f"{match.group('lead')}{value}{match.group('tail') or ''}{ending}"
    return "".join(lines)


def set_module_image(directory: Path, tag: str, repository: str | None = None) -> ImageChange:
    """Set ``spec.image.tag`` (and ``repository`` when given) of the Module manifest in ``directory``.

    Raises ManifestError naming the file and line: when the manifests do not load before or after the change, or
    when the new tag or repository is not one the manifest accepts.
    """
    manifests = load_manifests(directory)
    path = manifests.files["Module"]
    current = manifests.module.spec.image
    text = path.read_text(encoding="utf-8")
    source = parse_yaml(text)
    wanted = {"tag": tag, "repository": repository if repository is not None else current.repository}
    try:
        Image.model_validate(wanted)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field = str(error["loc"][0])
        message = error["msg"].removeprefix("Value error, ")
        line = source.line_of((*IMAGE_PATH, field))
        raise ManifestError([Problem(path, line, f"spec.image.{field}: {message}")]) from None
    updated = text
    for key in ("repository", "tag"):
        line = source.line_of((*IMAGE_PATH, key))
        try:
            updated = replace_scalar(updated, line, key, yaml_scalar(wanted[key]))
        except ValueError as exc:
            raise ManifestError([Problem(path, line, str(exc))]) from None
    image = parse_yaml(updated).data["spec"]["image"]
    if (image["repository"], image["tag"]) != (wanted["repository"], wanted["tag"]):
        line = source.line_of(IMAGE_PATH)
        raise ManifestError([Problem(path, line, f"spec.image would not read back as {wanted}")])
    path.write_text(updated, encoding="utf-8")
    try:
        load_manifests(directory)
    except ManifestError:
        path.write_text(text, encoding="utf-8")
        raise
    return ImageChange(path, current.reference, f"{wanted['repository']}:{wanted['tag']}")
