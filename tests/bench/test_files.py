"""The file benchmark's parts on tiny sizes, so that `make bench-files` cannot rot: real servers, real uploads."""

from __future__ import annotations

from pathlib import Path

import filetype
import pytest

from bench.files.measure import Timings, multipart_form, photo
from bench.files.report import FilesResults, PhotoLatency, Throughput, markdown
from bench.files.run import paired_ratio, ratio_spread, run


@pytest.mark.parametrize("size", [50_000, 300_000])
def test_photo_is_a_jpeg_of_about_the_size(size: int) -> None:
    data = photo(size)
    assert filetype.guess_mime(data) == "image/jpeg"
    assert abs(len(data) - size) <= size * 0.05


def test_multipart_form_carries_the_file() -> None:
    body, content_type = multipart_form(b"\xff\xd8\xffDATA", "a.jpg")
    boundary = content_type.split("boundary=")[1]
    assert body.startswith(f"--{boundary}\r\n".encode())
    assert b'name="file"; filename="a.jpg"' in body
    assert body.endswith(f"\r\n--{boundary}--\r\n".encode())
    assert b"\r\n\r\n\xff\xd8\xffDATA\r\n" in body


def test_timings_median_and_percentiles() -> None:
    timings = Timings([0.5, 0.1, 0.2, 0.3, 0.4])
    assert timings.median() == 0.3
    assert timings.mb_per_s(3_000_000) == pytest.approx(10.0)
    assert (timings.percentile_ms(50), timings.percentile_ms(90)) == (pytest.approx(300), pytest.approx(500))


def test_markdown_flags_a_missed_target() -> None:
    results = FilesResults(size=20_000_000, rounds=3, auth=True, notes=["how"])
    results.throughput = [Throughput("upload", 90, 100, 0.9, (0.85, 0.93)), Throughput("download", 50, 100, 0.5)]
    results.photo = PhotoLatency(2_000_000, 30.0, 40.0, 20.0, 10)
    page = markdown(results)
    assert "| upload | 90.0 | 100.0 | 0.90 | 0.85–0.93 | ≥ 0.8 met |" in page
    assert "| download | 50.0 | 100.0 | 0.50 |  | ≥ 0.8 **missed** |" in page
    assert "- how" in page


def test_run_measures_both_paths_on_tiny_files(tmp_path: Path) -> None:
    results = run(size=200_000, rounds=1, photo_size=60_000, photo_requests=2, workdir=tmp_path)
    assert [row.direction for row in results.throughput] == ["upload", "download"]
    assert all(row.service_mb_s > 0 and row.raw_mb_s > 0 for row in results.throughput)
    assert results.photo is not None
    assert results.photo.requests == 2
    assert 0 < results.photo.service_p50_ms <= results.photo.service_p90_ms
    assert any("urllib3" in note for note in results.notes)


def test_paired_ratio_is_the_median_of_rounds_and_the_spread_their_middle_half() -> None:
    timings = {"service": Timings([2.0, 1.0, 4.0, 5.0, 10.0]), "raw": Timings([1.0] * 5)}
    assert paired_ratio(timings) == 0.25
    low, high = ratio_spread(timings)
    assert 0.1 < low < 0.25 < high < 1.0
    assert ratio_spread({"service": Timings([2.0]), "raw": Timings([1.0])}) == (0.5, 0.5)
