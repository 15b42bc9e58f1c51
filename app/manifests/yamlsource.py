"""YAML text → plain data plus the line of every key and list item, so a problem can name FILE:LINE.

PyYAML's ``compose`` keeps the marks that its ``load`` throws away; the data is constructed from the same node tree
with the safe constructor, so both agree. Duplicate keys, which PyYAML silently resolves to the last one, are
reported here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

PathPart = str | int
DocPath = tuple[PathPart, ...]


@dataclass(frozen=True)
class YamlSource:
    data: Any
    lines: dict[DocPath, int]
    """1-based line of each mapping key and sequence item, by its path from the root; () is the document."""
    duplicates: tuple[tuple[DocPath, int, int], ...] = field(default=())
    """(path, line, line of the first occurrence) for every repeated mapping key."""

    def line_of(self, path: DocPath) -> int:
        """The line of ``path`` or, when it is absent (a missing key), of its nearest present ancestor.

        Parts absent from the document (pydantic's union tags, ``[key]`` markers) are skipped.
        """
        found: DocPath = ()
        for part in path:
            if (*found, part) in self.lines:
                found = (*found, part)
            elif isinstance(part, int) and (*found, str(part)) in self.lines:
                found = (*found, str(part))
        return self.lines.get(found, 1)


class YamlSyntaxError(Exception):
    """The text is not one YAML document; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def parse_yaml(text: str) -> YamlSource:
    """Parse one YAML document; raises YamlSyntaxError with the line of the fault."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(*_describe(exc)) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, str(exc)) from exc
    finally:
        loader.dispose()
    if node is None:
        return YamlSource(None, {(): 1})
    lines: dict[DocPath, int] = {(): node.start_mark.line + 1}
    duplicates = tuple(_walk(node, (), lines))
    return YamlSource(data, lines, duplicates)


def _describe(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    if not (exc.problem and exc.context):
        return line, f"YAML syntax error: {exc.problem or exc.context}"
    where = f" on line {exc.context_mark.line + 1}" if exc.context_mark and exc.context_mark.line + 1 != line else ""
    if exc.problem.startswith("but "):  # PyYAML splits one sentence: "expected X" + "but found Y"
        return line, f"YAML syntax error: {exc.context}{where}, {exc.problem}"
    return line, f"YAML syntax error: {exc.problem} ({exc.context}{where})"


def _walk(node: yaml.Node, path: DocPath, lines: dict[DocPath, int]) -> Iterator[tuple[DocPath, int, int]]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key_path = (*path, str(key_node.value))
            line = key_node.start_mark.line + 1
            if key_path in lines:
                yield key_path, line, lines[key_path]
                continue
            lines[key_path] = line
            yield from _walk(value_node, key_path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            yield from _walk(item, (*path, index), lines)
