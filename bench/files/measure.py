"""One timed operation each way (through the file service, and straight to S3 with the minio client) and the
photos they move. Every call moves the same bytes both ways, so their times compare like for like."""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import urllib3
from minio import Minio
from PIL import Image

CHUNK = 1 << 20
BOUNDARY = "bench-files-boundary"


def photo(size: int, seed: int = 0) -> bytes:
    """A JPEG of camera-like noise of about ``size`` bytes (noise does not compress, like a real photo's detail)."""
    rng = np.random.default_rng(seed)
    width = round(min(1600, max(64, (size / 2) ** 0.5)))  # about 2 bytes a pixel: as square as 1600 wide allows
    height = max(8, size // (width * 2))
    for _ in range(4):  # the bytes per pixel of noise at this quality are steady: a few corrections suffice
        pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
        buffer = io.BytesIO()
        Image.fromarray(pixels).save(buffer, format="JPEG", quality=90)
        data = buffer.getvalue()
        if abs(len(data) - size) <= size * 0.03:
            break
        height = max(8, round(height * size / len(data)))
    return data


def multipart_form(data: bytes, name: str) -> tuple[bytes, str]:
    """The body and Content-Type of a form with ``data`` as its ``file`` field, built once outside the timing."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{BOUNDARY}--\r\n".encode(), f"multipart/form-data; boundary={BOUNDARY}"


@dataclass
class Timings:
    """Seconds per call; throughput from the median call."""

    seconds: list[float] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        self.seconds.append(seconds)

    def median(self) -> float:
        return statistics.median(self.seconds)

    def percentile_ms(self, percent: float) -> float:
        ordered = sorted(self.seconds)
        return 1000 * ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]

    def mb_per_s(self, size: int) -> float:
        return size / self.median() / 1e6


@dataclass(frozen=True)
class ServiceClient:
    """The file service as a program uses it: multipart POST, streamed GET, bearer token. Through urllib3, the HTTP
    library under the minio client, so that both sides pay the same client costs and the difference is the path."""

    http: urllib3.PoolManager
    url: str
    headers: Mapping[str, str]

    def upload(self, form: tuple[bytes, str]) -> str:
        body, content_type = form
        answer = self.http.request(
            "POST", f"{self.url}/files", body=body, headers={**self.headers, "Content-Type": content_type}
        )
        if answer.status != 201:
            raise RuntimeError(f"upload answered {answer.status}: {answer.data[:300]!r}")
        file_id: str = answer.json()["id"]
        return file_id

    def round_trip(self, form: tuple[bytes, str], size: int) -> tuple[float, float]:
        """Seconds to upload ``form``, then to download the file again (checked for its size)."""
        started = time.perf_counter()
        file_id = self.upload(form)
        uploaded = time.perf_counter()
        _check_size(self.download(file_id), size)
        return uploaded - started, time.perf_counter() - uploaded

    def download(self, file_id: str) -> int:
        answer = self.http.request(
            "GET", f"{self.url}/files/{file_id}/content", headers=dict(self.headers), preload_content=False
        )
        try:
            if answer.status != 200:
                raise RuntimeError(f"download answered {answer.status}")
            return sum(len(chunk) for chunk in answer.stream(CHUNK))
        finally:
            answer.release_conn()


@dataclass(frozen=True)
class RawClient:
    """The same server through the minio client, as a program with the S3 credentials would use it."""

    client: Minio
    bucket: str

    def upload(self, key: str, data: bytes) -> None:
        self.client.put_object(self.bucket, key, io.BytesIO(data), len(data), content_type="image/jpeg")

    def round_trip(self, key: str, data: bytes) -> tuple[float, float]:
        started = time.perf_counter()
        self.upload(key, data)
        uploaded = time.perf_counter()
        _check_size(self.download(key), len(data))
        return uploaded - started, time.perf_counter() - uploaded

    def download(self, key: str) -> int:
        response = self.client.get_object(self.bucket, key)
        try:
            return sum(len(chunk) for chunk in response.stream(CHUNK))
        finally:
            response.close()
            response.release_conn()


def _check_size(received: int, expected: int) -> None:
    if received != expected:
        raise RuntimeError(f"downloaded {received} bytes of {expected}")
