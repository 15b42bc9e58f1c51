"""Every setting is documented where people look (README's Settings table), with the description the code gives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import Settings, settings_markdown

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_setting_is_in_the_readme_table(name: str) -> None:
    description = Settings.model_fields[name].description
    assert description, f"{name} has no description"
    row = next((line for line in README.splitlines() if line.startswith(f"| `RECEIPT_{name.upper()}` |")), None)
    assert row is not None, f"RECEIPT_{name.upper()} is not in README.md's Settings table"
    assert row.rstrip().endswith(f"| {description} |"), f"README's row for RECEIPT_{name.upper()} is out of date"


def test_readme_tables_are_the_generated_ones_group_by_group() -> None:
    assert settings_markdown() in README, (
        "README's Settings tables differ from `python -m app.settings`: paste its output"
    )
