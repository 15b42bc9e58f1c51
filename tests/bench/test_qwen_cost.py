"""The Qwen-VL cost benchmark on a tiny checkpoint on the CPU, so that `make bench-qwen` cannot rot between GPUs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("transformers")

import torch
import transformers

from bench.qwen.checkpoint import PUBLISHED, build_tokenizer, checkpoint_config
from bench.qwen.report import BatchFigures, answer_seconds
from bench.qwen.run import main


@pytest.mark.parametrize("size", sorted(PUBLISHED))
def test_a_published_size_has_as_many_parameters_as_its_card_says(size: str) -> None:
    published = PUBLISHED[size]
    config = checkpoint_config(published.family, size, build_tokenizer())
    with torch.device("meta"):  # shapes only: no memory, no time
        model = transformers.AutoModelForImageTextToText.from_config(config)  # type: ignore[no-untyped-call]
    parameters = sum(parameter.numel() for parameter in model.parameters())
    assert parameters == pytest.approx(published.parameters, rel=0.002)
    assert model.lm_head.weight is not model.get_input_embeddings().weight


@pytest.mark.parametrize(("family", "size"), [("qwen2_vl", "8b"), ("qwen3_vl", "70b"), ("llava", "tiny")])
def test_an_unknown_family_or_size_is_refused_by_name(family: str, size: str) -> None:
    with pytest.raises(ValueError, match=f"{family}|{size}"):
        checkpoint_config(family, size, build_tokenizer())


def test_an_answer_of_n_tokens_is_the_prefill_and_n_minus_one_steps() -> None:
    figures = BatchFigures(
        mode="dynamic",
        batch=4,
        warm_up_s=1.0,
        images=8,
        visual_tokens=1000,
        prompt_tokens=900,
        prepare_ms=50,
        prefill_ms=500,
        decode_ms_per_token=20,
        new_tokens=512,
        generate_s=10.7,
        images_per_s=0.7,
        peak_gpu_gb=None,
    )
    assert answer_seconds(figures, 1) == pytest.approx(0.5)
    assert answer_seconds(figures, 301) == pytest.approx(0.5 + 6.0)


def test_the_run_measures_every_batch_size_through_the_backend(tmp_path: Path) -> None:
    main(["--size", "tiny", "--batch", "1", "2", "--rounds", "1", "--max-new-tokens", "4", "--out", str(tmp_path)])
    results = json.loads((tmp_path / "qwen.json").read_text())
    assert [(row["mode"], row["batch"]) for row in results["batches"]] == [
        ("dynamic", 1),
        ("dynamic", 2),
        ("static", 1),
        ("static", 2),
    ]
    assert [row["images"] for row in results["batches"]] == [1, 2, 1, 2]
    for row in results["batches"]:
        assert row["new_tokens"] == 4  # random weights run to the cap
        assert row["prefill_ms"] > 0 and row["generate_s"] > 0
        assert row["decode_ms_per_token"] > 0 and row["images_per_s"] > 0
        assert row["visual_tokens"] <= 1280  # the backend's pixel budget held
    assert results["parameters"] < 1_000_000 and results["size"] == "tiny"
    page = (tmp_path / "qwen.md").read_text()
    table = [line for line in page.splitlines() if line.startswith("|")]
    assert "random weights" in page and len(table) == 2 + 4  # header, rule, one row per mode and batch size
    assert "- batch 2: the static cache decodes at" in page


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--size", "8b", "--device", "cpu"], "--size 8b needs a CUDA GPU"),
        (["--size", "tiny", "--batch", "0"], "argument --batch: 0 is not a positive whole number"),
        (["--size", "tiny", "--rounds", "-1"], "argument --rounds: -1 is not a positive whole number"),
        (["--size", "tiny", "--batch", "1000", "--rounds", "2"], "2 round(s) of batch 1000 need 2000 pages;"),
        (["--size", "tiny", "--corpus", "/nonexistent"], "no corpus in /nonexistent (truth.jsonl is missing)"),
    ],
)
def test_the_run_refuses_what_it_cannot_measure_before_building_anything(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--out", str(tmp_path)])
    assert exited.value.code == 2 and message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
