"""PDFs built to be expensive, as an attacker writes them: small files that cost a decoder gigabytes and minutes.

Built here in a few lines rather than stored, so the test says what the attack is. The content-stream bomb repeats
one raw deflate block (a full flush makes each block stand alone), so a 200 MB stream is written in a fraction of
a second instead of the ten seconds compressing it would take.
"""

from __future__ import annotations

import os
import struct
import threading
import zlib
from pathlib import Path

PATH_OPERATORS = b"0 0 m 1 1 l "
"""Path construction: pdfium keeps every segment, so 200 MB of it took 4 GB and over two minutes to render."""
SAVE_STATE = b"q "
"""Graphics-state saves: each pushes a copy of the state; 200 MB of them took 13 GB before the process aborted."""


def pdf(objects: list[bytes]) -> bytes:
    """A PDF whose numbered objects are ``objects`` (object 1 is the catalog), with a correct cross-reference."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def deflate_bomb(unit: bytes, inflated_bytes: int) -> bytes:
    """A zlib stream of ``unit`` repeated to ``inflated_bytes``, about a thousandth of that size."""
    chunk = unit * (2**20 // len(unit))
    count = inflated_bytes // len(chunk)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + block * count + b"\x03\x00" + checksum.to_bytes(4, "big")


def _stream(data: bytes, *, flate: bool) -> bytes:
    compression = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), compression, data)


def content_stream_bomb(unit: bytes = PATH_OPERATORS, inflated_bytes: int = 200 * 2**20) -> bytes:
    """One A4 page whose content stream is ``unit`` repeated, inflating to ``inflated_bytes`` (0.2-0.4 MB file)."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            _stream(deflate_bomb(unit, inflated_bytes), flate=True),
        ]
    )


def huge_pages(pages: int = 3, inches: int = 200) -> bytes:
    """``pages`` pages of ``inches`` × ``inches`` (200 in is the largest page PDF allows), one small square drawn."""
    side = inches * 72
    kids = b" ".join(b"%d 0 R" % (3 + index) for index in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    contents = 3 + pages
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R >>" % (side, side, contents)
    ] * pages
    objects.append(_stream(b"0 0 1 rg 10 10 100 100 re f", flate=False))
    return pdf(objects)


def huge_image(width: int = 8191, height: int = 7168) -> bytes:
    """A black greyscale PNG of ``width`` × ``height`` (59 MP: just under the 60 MP refusal) in about 60 kB.

    Every row is its filter byte and black pixels, all zero, so the whole image is one deflate bomb; ``(width + 1) *
    height`` must be a whole number of MiB. Read at full size, its preprocessing took 30 s and most of a gigabyte.
    """

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale, no interlace
    pixels = deflate_bomb(b"\0", (width + 1) * height)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


class PeakMemory:
    """The highest resident memory (VmHWM) any process below this one reached while the ``with`` body ran.

    Sampled every 50 ms from /proc, so a child that lives less than that may be missed; the decoding children this
    measures live for seconds. Only descendants are looked at, so tests running beside this one do not count, and
    only those started inside the ``with``: a server or a browser an earlier test's fixture left running in this
    worker (pytest-xdist puts them below it) has its own high-water mark, which once read 2.2 GB here.
    """

    def __init__(self) -> None:
        self.peak_bytes = 0
        self.peak_process = ""
        """What reached ``peak_bytes``: its command line, sizes and sandbox environment, for a failing bound to name."""
        self._before: frozenset[int] = frozenset()
        self._root: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def watch(self, pid: int) -> None:
        """Count only ``pid`` and its descendants from now on: the process a test started, whatever else its worker
        starts meanwhile."""
        self._root = pid

    def __enter__(self) -> PeakMemory:
        self._before = frozenset(_descendants(os.getpid()))
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while True:
            root = self._root
            watched = {root, *_descendants(root)} if root else set(_descendants(os.getpid())) - self._before
            for pid in watched:
                if _unexecuted_fork_of_this_process(pid):  # read first: past the exec, its mark is its own
                    continue
                if (mark := _high_water_mark(pid)) > self.peak_bytes:
                    self.peak_bytes, self.peak_process = mark, _described(pid)
            if self._stop.wait(0.05):
                return


def _unexecuted_fork_of_this_process(pid: int) -> bool:
    """A child still running this program, between the fork and the exec of a ``Popen``: it reports this process's
    memory (VmHWM) until it execs, and a pytest worker that grew to 2.2 GB over earlier tests had that counted
    against the CLI it was starting (CI, three times; here 4 of 30 starts from a 2 GB process were read so)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes() == Path("/proc/self/cmdline").read_bytes()
    except OSError:
        return False


def _described(pid: int) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:200]
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        environment = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return f"pid {pid}, gone"
    sizes = [line.replace("\t", " ") for line in status if line.startswith(("VmPeak", "VmSize", "VmHWM"))]
    ours = [variable[:160] for variable in environment if variable.startswith("RECEIPT_")]
    return f"pid {pid}: {command}; {'; '.join(sizes)}; {' '.join(ours)}"


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(status.split("PPid:", 1)[1].split()[0])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _high_water_mark(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0
