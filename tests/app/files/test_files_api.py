"""The /files routes on both backends: who may call them, what an upload returns, listing, download with Range,
delete, links, isolation between users, and every refusal with its stable message."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from files_kit import MULTIPART_TYPE, OTHER_GROUP, PDF_MAGIC, bearer, multipart_body, png, storage_of
from manifests_kit import CORS, ORIGIN, UPLOAD_DAYS
from PIL import Image

from app.files.service import owner_segment
from app.storage import Expiry, LocalStorage, S3Storage

Headers = dict[str, str]
ROUTES = [
    ("POST", "/files"),
    ("GET", "/files"),
    ("GET", "/files/0123456789abcdef0123456789abcdef"),
    ("GET", "/files/0123456789abcdef0123456789abcdef/content"),
    ("DELETE", "/files/0123456789abcdef0123456789abcdef"),
    ("GET", "/files/0123456789abcdef0123456789abcdef/url"),
]


def upload(client: TestClient, headers: Headers, data: bytes, name: str = "photo.png") -> httpx.Response:
    """A form as browsers send it: the file name as raw UTF-8 (httpx would percent-encode control characters)."""
    return client.post("/files", headers=headers | {"Content-Type": MULTIPART_TYPE}, content=multipart_body(data, name))


def uploaded(client: TestClient, headers: Headers, data: bytes, name: str = "photo.png") -> dict[str, object]:
    answer = upload(client, headers, data, name)
    assert answer.status_code == 201, answer.text
    body: dict[str, object] = answer.json()
    return body


def fetch(client: TestClient, url: str, **kwargs: object) -> httpx.Response:
    """A link of either backend: this service's own (local) or the S3 server's."""
    if url.startswith(str(client.base_url)):
        return client.get(url, **kwargs)  # type: ignore[arg-type]
    return httpx.get(url, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_routes_refuse_missing_token(client: TestClient, method: str, path: str) -> None:
    answer = client.request(method, path)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "claims",
    [{"lifetime_s": -120}, {"iss": "http://127.0.0.1:1/realms/other"}, {"azp": "someone-else"}],
    ids=["expired", "other-issuer", "other-client"],
)
def test_routes_refuse_bad_token(client: TestClient, idp: TestIdentityProvider, claims: dict[str, object]) -> None:
    headers = bearer(idp, **claims)
    for method, path in ROUTES:
        answer = client.request(method, path, headers=headers)
        assert answer.status_code == 401, (method, path)
        assert answer.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
    assert client.get("/files", headers={"Authorization": "Bearer not.a.jwt"}).status_code == 401


def test_routes_refuse_user_outside_model_groups(client: TestClient, idp: TestIdentityProvider) -> None:
    outsider = bearer(idp, groups=["/some-other-team/users"])
    for method, path in ROUTES:
        answer = client.request(method, path, headers=outsider)
        assert answer.status_code == 403, (method, path)
        assert answer.json() == {"error": "not in an allowed group"}


def test_refused_callers_are_named_in_the_request_log(
    client: TestClient, idp: TestIdentityProvider, caplog: pytest.LogCaptureFixture
) -> None:
    """Who was refused, and why: the audit found the file service's log saying only '401' and '403'."""
    outsider = bearer(idp, preferred_username="outsider-7", groups=["/some-other-team/users"])
    with caplog.at_level(logging.INFO, logger="receipt.access"):
        client.get("/files", headers=outsider)
        client.get("/files", headers={"Authorization": "Bearer not.a.jwt"})
        client.delete("/files/0123456789abcdef0123456789abcdef")
    lines = [json.loads(record.getMessage()) for record in caplog.records if record.name == "receipt.access"]
    assert [(line["method"], line["status"], line["user"]) for line in lines] == [
        ("GET", 403, "outsider-7"),
        ("GET", 401, "anonymous"),
        ("DELETE", 401, "anonymous"),
    ]
    assert [line["refused"] for line in lines][::2] == ["not in an allowed group", "missing bearer token"]


def test_any_model_group_may_use_files(client: TestClient, idp: TestIdentityProvider) -> None:
    assert client.get("/files", headers=bearer(idp, groups=[OTHER_GROUP])).status_code == 200


def test_upload_returns_file_info(client: TestClient, user: Headers) -> None:
    data = png(50_000)
    answer = upload(client, user, data, "чек.png")
    assert answer.status_code == 201
    info = answer.json()
    assert set(info) == {"id", "name", "size", "sha256", "content_type", "created"}
    assert re.fullmatch(r"[0-9a-f]{32}", info["id"])
    assert (info["name"], info["size"], info["sha256"], info["content_type"]) == (
        "чек.png",
        len(data),
        hashlib.sha256(data).hexdigest(),
        "image/png",  # sniffed: the client said image/jpeg
    )
    assert abs(datetime.fromisoformat(info["created"]) - datetime.now(UTC)) < timedelta(seconds=30)


def test_upload_keeps_file_under_owner_prefix(client: TestClient, idp: TestIdentityProvider) -> None:
    subject = str(uuid.uuid4())
    info = uploaded(client, bearer(idp, subject), png(100))
    keys = [item.key for item in storage_of(client).list(f"uploads/{subject}/", limit=10)]
    assert keys == [f"uploads/{subject}/{info['id']}"]


@pytest.mark.parametrize("subject", ["../../weights/x", "a/b", "ü", "x" * 200])
def test_crafted_subject_never_reaches_a_key(client: TestClient, idp: TestIdentityProvider, subject: str) -> None:
    info = uploaded(client, bearer(idp, subject), png(100))
    owner = owner_segment(subject)
    assert owner.startswith("~")
    keys = [item.key for item in storage_of(client).list(f"uploads/{owner}/", limit=10)]
    assert keys == [f"uploads/{owner}/{info['id']}"]
    assert storage_of(client).list("weights/", limit=10) == []


def test_upload_sniffs_pdf(client: TestClient, user: Headers) -> None:
    assert uploaded(client, user, PDF_MAGIC + b"1 0 obj\n" * 100, "scan.pdf")["content_type"] == "application/pdf"


def test_upload_accepts_a_real_photo(client: TestClient, user: Headers) -> None:
    photo = io.BytesIO()
    Image.effect_noise((640, 480), 40).convert("RGB").save(photo, "JPEG", quality=85)
    info = uploaded(client, user, photo.getvalue(), "photo.jpg")
    assert info["content_type"] == "image/jpeg"
    assert client.get(f"/files/{info['id']}/content", headers=user).content == photo.getvalue()


def test_upload_empty_file_is_400(client: TestClient, user: Headers) -> None:
    answer = upload(client, user, b"")
    assert (answer.status_code, answer.json()) == (400, {"error": "the file is empty"})
    assert client.get("/files", headers=user).json()["items"] == []


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"just some text, not a photo" * 10, "text/plain"),
        (b"\x00\x01binary" * 10, "not a recognised type"),
        (b"PK\x03\x04" + bytes(200), "application/zip"),
        (b"GIF89a" + bytes(200), "image/gif"),
    ],
    ids=["text", "binary", "zip", "gif"],
)
def test_upload_of_other_type_is_415(client: TestClient, user: Headers, data: bytes, found: str) -> None:
    answer = upload(client, user, data, "photo.png")
    assert answer.status_code == 415
    assert answer.json()["error"].startswith(f"the file is {found}; accepted: image/jpeg, image/png")
    assert client.get("/files", headers=user).json()["items"] == []


def test_upload_too_large_is_413(make_client: Callable[..., TestClient], user: Headers) -> None:
    small = make_client(files_max_bytes=100_000)
    answer = upload(small, user, png(100_001))
    assert (answer.status_code, answer.json()) == (413, {"error": "the file is over the limit of 100000 bytes"})
    assert storage_of(small).list("", limit=10) == []
    assert upload(small, user, png(100_000)).status_code == 201


def test_upload_over_part_size_is_complete(client: TestClient, user: Headers) -> None:
    """9 MiB: on S3 the multipart path (8 MiB parts), whose digest is added by a copy at the end."""
    data = png(9 * 2**20)
    info = uploaded(client, user, data)
    assert info["sha256"] == hashlib.sha256(data).hexdigest()
    assert client.get(f"/files/{info['id']}", headers=user).json() == info
    assert client.get(f"/files/{info['id']}/content", headers=user).content == data


def test_upload_without_file_field_is_400(client: TestClient, user: Headers) -> None:
    answer = client.post("/files", headers=user, files={"photo": ("a.png", png(100), "image/png")})
    assert (answer.status_code, answer.json()) == (400, {"error": "the form has no field named 'file' with a file"})


def test_upload_not_multipart_is_415(client: TestClient, user: Headers) -> None:
    answer = client.post("/files", headers=user | {"Content-Type": "image/png"}, content=png(100))
    assert answer.status_code == 415
    assert answer.json() == {"error": "send multipart/form-data with the file in a field named 'file'"}


def test_upload_with_truncated_body_is_400_and_stores_nothing(client: TestClient, user: Headers) -> None:
    """The body ends (as its Content-Length says) before the file's closing boundary: the file is incomplete."""
    head = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n'
    answer = client.post(
        "/files", headers=user | {"Content-Type": "multipart/form-data; boundary=b"}, content=head + png(20_000)
    )
    assert (answer.status_code, answer.json()) == (
        400,
        {"error": "the upload was interrupted before the file was complete"},
    )
    assert client.get("/files", headers=user).json()["items"] == []


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../../etc/passwd", "../../../etc/passwd"),
        ("..\\..\\windows\\system32.png", "..\\..\\windows\\system32.png"),
        ("a\x00b\x1b[31mc\x7fd\te.png", "ab[31mcde.png"),
        ("Квитанция №5 от 01.02.2025.png", "Квитанция №5 от 01.02.2025.png"),
        ("e\u0301.png", "é.png"),
        ("\u202egnp.exe", "\u202egnp.exe"),
        ("   ", "unnamed"),
        ("я" * 200 + ".png", "я" * 127),
    ],
    ids=["traversal", "backslashes", "control-chars", "cyrillic", "nfc", "rtl-override", "blank", "too-long"],
)
def test_odd_file_names_are_kept_as_metadata_only(client: TestClient, user: Headers, name: str, kept: str) -> None:
    info = uploaded(client, user, png(100), name)
    assert info["name"] == kept
    assert client.get(f"/files/{info['id']}", headers=user).json()["name"] == kept
    keys = [item.key for item in storage_of(client).list("", limit=1000)]
    assert all(re.fullmatch(r"uploads/[^/]+/[0-9a-f]{32}", key) for key in keys)
    disposition = client.get(f"/files/{info['id']}/content", headers=user).headers["content-disposition"]
    assert disposition.isascii()
    assert "\r" not in disposition
    assert "\n" not in disposition


def test_list_pages_with_cursor(client: TestClient, user: Headers) -> None:
    ids = sorted(str(uploaded(client, user, png(100 + n))["id"]) for n in range(5))
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get("/files", headers=user, params=params).json()
        seen += [item["id"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert (seen, pages) == (ids, 3)
    whole = client.get("/files", headers=user).json()
    assert [item["id"] for item in whole["items"]] == ids
    assert whole["next_cursor"] is None
    assert whole["items"][0] == client.get(f"/files/{ids[0]}", headers=user).json()


@pytest.mark.parametrize(
    ("params", "status"),
    [({"limit": 0}, 422), ({"limit": 101}, 422), ({"cursor": "../../x y"}, 400), ({"cursor": "é"}, 400)],
)
def test_list_refuses_bad_parameters(client: TestClient, user: Headers, params: dict[str, object], status: int) -> None:
    answer = client.get("/files", headers=user, params=params)
    assert answer.status_code == status
    assert set(answer.json()) == {"error"}


def test_get_metadata_matches_upload(client: TestClient, user: Headers) -> None:
    info = uploaded(client, user, png(1234), "a.png")
    assert client.get(f"/files/{info['id']}", headers=user).json() == info


def test_download_returns_whole_file(client: TestClient, user: Headers) -> None:
    data = png(300_000)
    info = uploaded(client, user, data, "чек 1.png")
    answer = client.get(f"/files/{info['id']}/content", headers=user)
    assert answer.status_code == 200
    assert answer.content == data
    assert answer.headers["content-type"] == "image/png"
    assert answer.headers["content-length"] == str(len(data))
    assert answer.headers["accept-ranges"] == "bytes"
    assert answer.headers["etag"] == f'"{info["sha256"]}"'
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"___ 1.png\"; filename*=UTF-8''%D1%87%D0%B5%D0%BA%201.png"
    )


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-9", slice(0, 10)),
        ("bytes=100-", slice(100, 3000)),
        ("bytes=-5", slice(2995, 3000)),
        ("bytes=2990-99999", slice(2990, 3000)),
        ("bytes=-99999", slice(0, 3000)),
    ],
)
def test_download_range_is_206(client: TestClient, user: Headers, header: str, expected: slice) -> None:
    data = png(3000)
    info = uploaded(client, user, data)
    answer = client.get(f"/files/{info['id']}/content", headers=user | {"Range": header})
    assert answer.status_code == 206
    assert answer.content == data[expected]
    assert answer.headers["content-range"] == f"bytes {expected.start}-{expected.stop - 1}/3000"
    assert answer.headers["content-length"] == str(expected.stop - expected.start)


@pytest.mark.parametrize("header", ["bytes=3000-", "bytes=5-2", "bytes=-0", "bytes=abc", "bytes=-"])
def test_download_unsatisfiable_range_is_416(client: TestClient, user: Headers, header: str) -> None:
    info = uploaded(client, user, png(3000))
    answer = client.get(f"/files/{info['id']}/content", headers=user | {"Range": header})
    assert answer.status_code == 416
    assert answer.headers["content-range"] == "bytes */3000"
    assert answer.json() == {"error": "the requested range is not within the file"}


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-1"])
def test_download_other_range_forms_get_whole_file(client: TestClient, user: Headers, header: str) -> None:
    data = png(100)
    info = uploaded(client, user, data)
    answer = client.get(f"/files/{info['id']}/content", headers=user | {"Range": header})
    assert (answer.status_code, answer.content) == (200, data)


def test_delete_removes_file(client: TestClient, user: Headers) -> None:
    keep, gone = uploaded(client, user, png(100)), uploaded(client, user, png(200))
    answer = client.delete(f"/files/{gone['id']}", headers=user)
    assert (answer.status_code, answer.content) == (204, b"")
    for path in (f"/files/{gone['id']}", f"/files/{gone['id']}/content", f"/files/{gone['id']}/url"):
        assert client.get(path, headers=user).status_code == 404
    assert client.delete(f"/files/{gone['id']}", headers=user).status_code == 404
    assert [item["id"] for item in client.get("/files", headers=user).json()["items"]] == [keep["id"]]


def test_url_downloads_without_token(client: TestClient, user: Headers) -> None:
    data = png(20_000)
    info = uploaded(client, user, data)
    before = datetime.now(UTC)
    answer = client.get(f"/files/{info['id']}/url", headers=user)
    assert answer.status_code == 200
    link = answer.json()
    assert timedelta(seconds=290) < datetime.fromisoformat(link["expires"]) - before < timedelta(seconds=310)
    assert link["url"].startswith("http")
    downloaded = fetch(client, link["url"])
    assert (downloaded.status_code, downloaded.content) == (200, data)
    assert fetch(client, link["url"], headers={"Range": "bytes=0-3"}).content == data[:4]


def test_url_tampered_is_refused(client: TestClient, idp: TestIdentityProvider, user: Headers) -> None:
    mine = uploaded(client, user, png(100))
    other = uploaded(client, bearer(idp), png(100))
    url = client.get(f"/files/{mine['id']}/url", headers=user).json()["url"]
    forged = [
        url.replace(str(mine["id"]), str(other["id"])),
        re.sub(r"(?i)(signature=)([0-9a-f])", lambda m: m[1] + ("1" if m[2] == "0" else "0"), url),
        re.sub(r"(?i)((?:x-amz-)?expires=)(\d+)", lambda m: m[1] + str(int(m[2]) + 100_000), url),
    ]
    for link in forged:
        assert link != url
        assert fetch(client, link).status_code == 403, link


@pytest.mark.parametrize("backend", ["local"], indirect=True)
def test_signed_link_expired_is_refused(client: TestClient, idp: TestIdentityProvider) -> None:
    """The local backend's links are this service's own (S3's expire on the S3 server: tests/app/storage)."""
    storage = storage_of(client)
    assert isinstance(storage, LocalStorage)
    subject = str(uuid.uuid4())
    info = uploaded(client, bearer(idp, subject), png(100))
    key = f"uploads/{subject}/{info['id']}"
    assert client.get(storage.presigned_get_url(key, timedelta(seconds=30))).status_code == 200
    answer = client.get(storage.presigned_get_url(key, timedelta(seconds=-1)))
    assert (answer.status_code, answer.json()) == (403, {"error": "the link is invalid or has expired"})


def test_signed_route_refuses_links_it_did_not_sign(client: TestClient) -> None:
    params = {"key": "uploads/x/0123456789abcdef0123456789abcdef", "expires": "9999999999", "signature": "0" * 64}
    answer = client.get("/files/signed", params=params)
    assert (answer.status_code, answer.json()) == (403, {"error": "the link is invalid or has expired"})


def test_other_users_file_is_not_found(client: TestClient, idp: TestIdentityProvider) -> None:
    owner, intruder = bearer(idp), bearer(idp)
    info = uploaded(client, owner, png(100))
    for method, path in [
        ("GET", f"/files/{info['id']}"),
        ("GET", f"/files/{info['id']}/content"),
        ("GET", f"/files/{info['id']}/url"),
        ("DELETE", f"/files/{info['id']}"),
    ]:
        answer = client.request(method, path, headers=intruder)
        assert (answer.status_code, answer.json()) == (404, {"error": "no such file"}), (method, path)
    assert client.get("/files", headers=intruder).json() == {"items": [], "next_cursor": None}
    assert client.get(f"/files/{info['id']}", headers=owner).json() == info


@pytest.mark.parametrize("file_id", ["nope", "0123456789ABCDEF0123456789ABCDEF", "0" * 31, "..%2F..%2Fweights"])
def test_malformed_or_unknown_id_is_not_found(client: TestClient, user: Headers, file_id: str) -> None:
    for suffix in ("", "/content", "/url"):
        assert client.get(f"/files/{file_id}{suffix}", headers=user).status_code == 404
    assert client.get(f"/files/{uuid.uuid4().hex}", headers=user).status_code == 404


def test_object_without_digest_is_not_a_file_yet(client: TestClient, idp: TestIdentityProvider) -> None:
    """A large upload between its last part and the copy that adds the digest: invisible, whatever the route."""
    subject, file_id = str(uuid.uuid4()), uuid.uuid4().hex
    key = f"uploads/{subject}/{file_id}"
    storage = storage_of(client)
    if isinstance(storage, LocalStorage):
        (storage.base / "objects" / key).parent.mkdir(parents=True)
        (storage.base / "objects" / key).write_bytes(png(100))
        record = {"size": 100, "modified": datetime.now(UTC).isoformat(), "content_type": "image/png"}
        (storage.base / "meta" / f"{key}.json").parent.mkdir(parents=True)
        (storage.base / "meta" / f"{key}.json").write_text(json.dumps(record | {"sha256": None, "metadata": {}}))
    else:
        assert isinstance(storage, S3Storage)
        storage._client.put_object(storage.bucket, key, io.BytesIO(png(100)), 100, content_type="image/png")
    assert storage.stat(key).sha256 is None
    owner = bearer(idp, subject)
    for suffix in ("", "/content", "/url"):
        assert client.get(f"/files/{file_id}{suffix}", headers=owner).status_code == 404, suffix
    assert client.get(f"/files/{file_id}/content", headers=owner | {"Range": "bytes=0-1"}).status_code == 404
    assert client.get("/files", headers=owner).json()["items"] == []


def test_healthz_answers_without_a_token(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_uploads_expire_as_the_storage_manifest_says(client: TestClient) -> None:
    assert storage_of(client).expiry == (Expiry("uploads/", UPLOAD_DAYS),)


def test_preflight_answers_the_api_manifests_cors_policy(client: TestClient) -> None:
    asked = {"Origin": ORIGIN, "Access-Control-Request-Method": "DELETE", "Access-Control-Request-Headers": "range"}
    allowed = client.options("/files/some-id", headers=asked)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-methods"].split(", ") == CORS["allowMethods"]
    assert allowed.headers["access-control-max-age"] == str(CORS["maxAge"])
    assert (
        client.options("/files/some-id", headers={**asked, "Access-Control-Request-Method": "PUT"}).status_code == 400
    )
