"""Request checks that need no server: Triton's binary tensor extension, the count of files."""

from __future__ import annotations

import base64
import json
import struct

import digest_module
import echo_module
import pytest

from app.runtime.spec import module_spec
from app.runtime.tensors import RequestError, prepare_json_request, split_binary_request

SPEC = module_spec(echo_module)


def _binary_request(texts: list[bytes], scales: list[float], *, cut: int = 0) -> tuple[bytes, str]:
    text_part = b"".join(struct.pack("<I", len(text)) + text for text in texts)
    scale_part = struct.pack(f"<{len(scales)}d", *scales)

    def tensor(name: str, datatype: str, count: int, size: int) -> dict[str, object]:
        return {"name": name, "datatype": datatype, "shape": [count], "parameters": {"binary_data_size": size}}

    inputs = [
        tensor("text", "BYTES", len(texts), len(text_part)),
        tensor("scale", "FP64", len(scales), len(scale_part)),
    ]
    header = json.dumps({"inputs": inputs}).encode()
    body = header + text_part + scale_part
    return body[: len(body) - cut], str(len(header))


def test_split_binary_request_fills_each_tensor_from_its_bytes() -> None:
    body, length = _binary_request([b"ab", "ц".encode()], [1.5, 2.0])
    payload = split_binary_request(body, length, SPEC)
    assert payload["inputs"][0]["data"] == ["ab", "ц"]
    assert payload["inputs"][1]["data"] == [1.5, 2.0]
    assert all("binary_data_size" not in tensor["parameters"] for tensor in payload["inputs"])


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda body, length: (body[:-3], length), "runs past the body"),
        (lambda body, length: (body + b"xx", length), "2 bytes follow the last binary tensor"),
        (lambda body, length: (body, "9999999"), "does not fit a body"),
        (lambda body, length: (body, "abc"), "does not fit a body"),
        (lambda body, length: (b"{not json" + body[int(length) :], str(len(b"{not json"))), "not valid JSON"),
    ],
)
def test_split_binary_request_refuses_malformed_bodies(mutate, message: str) -> None:  # type: ignore[no-untyped-def]
    body, length = mutate(*_binary_request([b"ab"], [1.0]))
    with pytest.raises(RequestError, match=message):
        split_binary_request(body, length, SPEC)


def test_a_file_input_takes_the_count_of_files_its_type_declares() -> None:
    spec = module_spec(digest_module)
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(64)).decode()

    def request(count: int) -> dict[str, object]:
        tensor = {"name": "image", "datatype": "BYTES", "shape": [count], "parameters": {"content_type": "base64"}}
        return {"inputs": [{**tensor, "data": [png] * count}]}

    assert spec.input("image").max_files == 4  # FILE[4]
    assert prepare_json_request(request(4), spec).input_bytes == {"image": 4 * 72}
    with pytest.raises(RequestError) as refused:
        prepare_json_request(request(150), spec)
    assert refused.value.status_code == 400
    assert refused.value.detail == "inputs.image holds 150 files; it takes at most 4 per request: send more requests"
