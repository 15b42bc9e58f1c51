"""The generic view: any module's declared outputs on a result page, and a web app that starts without the receipt
view or ``model/`` when no model declares the receipt view."""

from __future__ import annotations

import base64
import html
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from auth_fixtures import TestIdentityProvider
from fastapi.testclient import TestClient
from module_process import cli_env, served_module
from PIL import Image
from web_kit import live_files, sign_in, web_app, web_settings, web_token

from app.web.clients import ServiceError
from app.web.fields import form_fields, request_parts
from app.web.generic import Output, outputs_view
from app.web.history import jpeg_thumbnail
from tests.examples.colours_checks import GROUP, MODEL, picture

ROOT = Path(__file__).parents[3]
EXAMPLE = ROOT / "examples" / "dominant-colours"
PNG = base64.b64encode(picture()).decode()
PDF_FILE = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PDF = base64.b64encode(b"%PDF-1.4").decode()


@pytest.mark.parametrize(
    ("declared", "answered", "expected"),
    [
        pytest.param(
            [{"name": "n", "parameters": {"content_type": "str"}}],
            [{"name": "n", "data": [3]}],
            [Output("n", "value", [3])],
            id="scalar-field",
        ),
        pytest.param(
            [{"name": "j", "parameters": {"content_type": "json"}}],
            [{"name": "j", "data": ['{"a": [1, 2]}', "not json"]}],
            [Output("j", "json", [{"a": [1, 2]}, "not json"])],
            id="json-parsed-else-shown-as-text",
        ),
        pytest.param(
            [
                {"name": "b", "parameters": {"content_type": "json"}},
                {"name": "a", "parameters": {"content_type": "str"}},
            ],
            [{"name": "a", "data": ["x"]}, {"name": "b", "data": ["true"]}],
            [Output("b", "json", [True]), Output("a", "value", ["x"])],
            id="in-declared-order",
        ),
        pytest.param(
            [{"name": "f", "parameters": {"content_type": "base64"}}],
            [{"name": "f", "data": [PNG, PDF, "%%%"]}],
            [
                Output(
                    "f",
                    "file",
                    [
                        {"kind": "image", "uri": f"data:image/png;base64,{PNG}", "file_name": "f-1"},
                        {"kind": "file", "uri": f"data:application/octet-stream;base64,{PDF}", "file_name": "f-2"},
                        {"kind": "text", "text": "%%%"},
                    ],
                )
            ],
            id="file-as-image-download-or-text",
        ),
    ],
)
def test_outputs_view_decodes_each_declared_type(
    declared: list[dict[str, Any]], answered: list[dict[str, Any]], expected: list[Output]
) -> None:
    assert outputs_view(declared, answered) == expected


def test_web_app_starts_without_receipt_view_or_model(tmp_path: Path) -> None:
    """What a fork has after deleting model/ and app/web/receipt/: the example's ``model`` package comes first on the
    path (the receipt module cannot be imported) and the receipt view cannot be imported at all."""
    script = f"""
import sys
sys.modules["app.web.receipt"] = None
from fastapi.testclient import TestClient
from app.settings import Settings
from app.manifests import load_manifests
from app.web.main import create_web_app
settings = Settings(issuer_url="http://127.0.0.1:9/realms/x", manifests_dir={str(EXAMPLE / "manifests")!r})
with TestClient(create_web_app(settings, load_manifests(settings.manifests_dir))) as client:
    answer = client.get("/")
    assert answer.status_code == 200, answer.text
    assert "/history" not in answer.text, "no history link without the receipt view"
assert "app.web.receipt.routes" not in sys.modules
print("started")
"""
    env = cli_env(ROOT, EXAMPLE / "manifests", EXAMPLE)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0 and "started" in done.stdout, done.stderr


@pytest.fixture(scope="module")
def colours_web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, TestIdentityProvider]]:
    """The web app, the file service and the dominant-colours runtime (a process of its own: its ``model`` package
    is the example's) sharing one storage folder."""
    storage = tmp_path_factory.mktemp("colours-storage")
    manifests = tmp_path_factory.mktemp("colours-manifests")
    for source in (EXAMPLE / "manifests").glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        # this process loads the manifests with the receipt module as ``model`` (it checks the model keys against
        # its MODEL_KEYS); the example, served in its own process, reads no key
        (manifests / source.name).write_text(text.replace("modelKey: median-cut", "modelKey: tesseract"), "utf-8")
    with TestIdentityProvider() as idp:
        env = cli_env(ROOT, manifests, EXAMPLE, issuer_url=idp.issuer, storage_dir=str(storage))
        with served_module(env, storage) as runtime_url, live_files(idp.issuer, storage, manifests) as files_url:
            settings = web_settings(idp.issuer, runtime_url, files_url, manifests_dir=manifests)
            with TestClient(web_app(settings)) as client:
                yield client, idp


def test_generic_result_page_shows_declared_outputs(colours_web: tuple[TestClient, TestIdentityProvider]) -> None:
    client, idp = colours_web
    csrf = sign_in(client, web_token(idp, GROUP))

    home = client.get("/")
    assert home.status_code == 200 and 'action="/results"' in home.text and MODEL in home.text

    files = {"file": ("red.png", picture(), "image/png")}
    answer = client.post("/results", files=files, data={"csrf_token": csrf, "model": MODEL})
    assert answer.status_code == 200, answer.text
    page = html.unescape(answer.text)
    assert 'data-output="colours"' in page and 'data-output="dominant"' in page
    assert "#c80a0a" in page and '<th scope="col">share</th>' in page  # json list of objects: a table

    reopened = client.get(answer.headers["HX-Push-Url"])  # the result's address runs it again on the stored file
    assert reopened.status_code == 200 and "#c80a0a" in reopened.text and 'data-testid="result"' in reopened.text


def test_generic_page_sends_the_declared_parameters(colours_web: tuple[TestClient, TestIdentityProvider]) -> None:
    """A field per declared parameter (from the module API's metadata); what is filled in reaches ``inference()``
    and the result's address, empty ones keep the module's default, and a value its type cannot take is a 400."""
    client, idp = colours_web
    csrf = sign_in(client, web_token(idp, GROUP, sub="fields-sub"))
    home = client.get("/").text
    assert 'name="parameters.count" data-field="parameters.count" type="number" step="1"' in home
    assert '<select id="field-2" name="parameters.ignore_white"' in home
    files = {"file": ("red.png", picture(), "image/png")}

    one = client.post(
        "/results", files=files, data={"csrf_token": csrf, "parameters.count": "1", "parameters.ignore_white": ""}
    )
    assert one.status_code == 200, one.text
    assert html.unescape(one.text).count("<tr>") - 1 == 1, "one colour row, as count=1 asked"
    assert "parameters.count=1" in one.headers["HX-Push-Url"] and "ignore_white" not in one.headers["HX-Push-Url"]
    again = client.get(one.headers["HX-Push-Url"])
    assert again.status_code == 200 and html.unescape(again.text).count("<tr>") - 1 == 1

    wrong = client.post("/results", files=files, data={"csrf_token": csrf, "parameters.count": "many"})
    assert wrong.status_code == 400 and "parameters.count must be a whole number, not &#39;many&#39;" in wrong.text
    unknown = client.get(f"{one.headers['HX-Push-Url']}&parameters.colour=red")
    assert unknown.status_code == 400 and "the model declares no parameters.colour" in unknown.text


TEXT_MODULE = '''
from typing import Any

from app.codecs import encode_outputs, read_input, read_parameters


def inference(parameters: list[dict[str, Any]], inputs: list[dict[str, Any]], output_fields: list[dict[str, Any]],
              model_key: str, model: Any = None) -> list[dict[str, Any]]:
    """Counts the words of a text.

    :param inputs.text: The text.
    :type inputs.text: str
    :param parameters.shout: Upper-case the echo. Default: false.
    :type parameters.shout: bool
    :param outputs.words: How many words.
    :type outputs.words: int
    :param outputs.echo: The text again.
    :type outputs.echo: str
    """
    texts = read_input(inputs, "text")
    shout = read_parameters(parameters).get("shout", False)
    return encode_outputs(["words", "echo"], {"words": [len(t.split()) for t in texts],
                                              "echo": [t.upper() if shout else t for t in texts]})
'''
"""A module with no FILE input at all: a text in, numbers and text out."""


def test_generic_page_runs_a_module_without_file_inputs(tmp_path: Path) -> None:
    """No file to ask for: the page offers the module's fields alone and shows the outputs (nothing is stored)."""
    code, manifests = tmp_path / "code", tmp_path / "manifests"
    (code / "model").mkdir(parents=True)
    manifests.mkdir()
    (code / "model" / "__init__.py").write_text("", "utf-8")
    (code / "model" / "inference.py").write_text(TEXT_MODULE, "utf-8")
    for source in (EXAMPLE / "manifests").glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        (manifests / source.name).write_text(text.replace("modelKey: median-cut", "modelKey: tesseract"), "utf-8")
    with TestIdentityProvider() as idp:
        env = cli_env(ROOT, manifests, code, issuer_url=idp.issuer, storage_dir=str(tmp_path / "storage"))
        with (
            served_module(env, tmp_path) as runtime_url,
            live_files(idp.issuer, tmp_path / "storage", manifests) as files,
            TestClient(web_app(web_settings(idp.issuer, runtime_url, files, manifests_dir=manifests))) as client,
        ):
            csrf = sign_in(client, web_token(idp, GROUP, sub="text-sub"))
            home = client.get("/").text
            assert 'type="file"' not in home and 'name="parameters.shout"' in home
            assert 'name="inputs.text" data-field="inputs.text" required' in home

            filled = {"csrf_token": csrf, "inputs.text": "three small words", "parameters.shout": "true"}
            answer = client.post("/results", data=filled)
            assert answer.status_code == 200, answer.text
            assert "<dd>3</dd>" in answer.text and "<dd>THREE SMALL WORDS</dd>" in answer.text
            missing = client.post("/results", data={"csrf_token": csrf})  # the module API's 400: the fields, no file
            assert missing.status_code == 400 and "inputs.text is missing" in html.unescape(missing.text)
            assert 'data-kind="rejected"' in missing.text and "cannot use this file" not in missing.text


def test_generic_result_of_unknown_file_is_404(colours_web: tuple[TestClient, TestIdentityProvider]) -> None:
    client, idp = colours_web
    sign_in(client, web_token(idp, GROUP))

    answer = client.get(f"/results/no-such-file?model={MODEL}")

    assert answer.status_code == 404 and 'data-kind="not_found"' in answer.text
    assert '<a href="/results">' in answer.text, "back to the person's results, not to the receipt history"


def test_generic_result_fragment_for_htmx(colours_web: tuple[TestClient, TestIdentityProvider]) -> None:
    """What the page's form gets (htmx asks for the result block alone): the outputs, json as a table."""
    client, idp = colours_web
    csrf = sign_in(client, web_token(idp, GROUP, sub="fragment-sub"))
    files = {"file": ("red.png", picture(), "image/png")}

    answer = client.post("/results", files=files, data={"csrf_token": csrf}, headers={"HX-Request": "true"})

    assert answer.status_code == 200, answer.text
    assert "<html" not in answer.text and '<th scope="col">share</th>' in answer.text


def _rows(page: str) -> dict[str, str]:
    """The history's rows: file id → the row's markup."""
    return dict(re.findall(r'<tr data-testid="results-row" data-id="([^"]+)"(.*?)</tr>', page, re.S))


def test_generic_history_lists_runs_owner_only(colours_web: tuple[TestClient, TestIdentityProvider]) -> None:
    client, idp = colours_web
    csrf = sign_in(client, web_token(idp, GROUP, username="carol", sub="carol-sub"))
    stored = client.post("/results", files={"file": ("red.png", picture(), "image/png")}, data={"csrf_token": csrf})
    pdf = {"file": ("scan.pdf", PDF_FILE, "application/pdf")}
    failed = client.post("/results", files=pdf, data={"csrf_token": csrf})
    assert stored.status_code == 200 and failed.status_code == 422, failed.text
    assert 'data-kind="not_an_image"' in failed.text and "The model cannot use this file" in failed.text
    assert '<label for="file"' in failed.text and 'id="file"' in failed.text  # choose another file, form at hand
    red_id = stored.headers["HX-Push-Url"].split("/")[2].split("?")[0]

    rows = _rows(client.get("/results").text)
    assert len(rows) == 2 and 'data-status="done"' in rows[red_id]
    assert f'href="/results/{red_id}?model={MODEL}"' in rows[red_id] and ">red.png<" in rows[red_id]
    assert f'<img src="/results/{red_id}/thumbnail"' in rows[red_id]
    pdf_row = next(row for file_id, row in rows.items() if file_id != red_id)
    assert 'data-status="failed"' in pdf_row and ">scan.pdf<" in pdf_row and "<img" not in pdf_row
    assert 'datetime="' in rows[red_id] and "data-local" in rows[red_id]
    thumbnail = client.get(f"/results/{red_id}/thumbnail")
    assert thumbnail.status_code == 200 and thumbnail.headers["content-type"] == "image/jpeg"
    assert thumbnail.content.startswith(b"\xff\xd8")

    other_csrf = sign_in(client, web_token(idp, GROUP, username="dave", sub="dave-sub"))
    assert red_id not in client.get("/results").text
    assert client.get(f"/results/{red_id}/thumbnail").status_code == 404
    assert client.get(f"/results/{red_id}?model={MODEL}").status_code == 404
    assert client.post(f"/results/{red_id}/delete", data={"csrf_token": other_csrf}).status_code == 404

    csrf = sign_in(client, web_token(idp, GROUP, username="carol", sub="carol-sub"))
    assert red_id in _rows(client.get("/results").text), "the other person's delete removed nothing"
    deleted = client.post(f"/results/{red_id}/delete", data={"csrf_token": csrf}, headers={"HX-Request": "true"})
    assert deleted.status_code == 200
    assert red_id not in _rows(client.get("/results").text)
    assert client.get(f"/results/{red_id}/thumbnail").status_code == 404


def test_generic_history_needs_csrf_to_delete(colours_web: tuple[TestClient, TestIdentityProvider]) -> None:
    client, idp = colours_web
    csrf = sign_in(client, web_token(idp, GROUP, sub="erin-sub"))
    stored = client.post("/results", files={"file": ("red.png", picture(), "image/png")}, data={"csrf_token": csrf})
    red_id = stored.headers["HX-Push-Url"].split("/")[2].split("?")[0]

    assert client.post(f"/results/{red_id}/delete").status_code == 403
    assert red_id in _rows(client.get("/results").text)


@pytest.mark.parametrize(
    ("size", "drawn"),
    [((640, 320), (160, 80)), ((100, 40), (100, 40)), ((8000, 7000), None)],
    ids=["shrunk", "small-kept", "too-many-pixels"],
)
def test_thumbnail_is_small_and_refuses_huge_images(size: tuple[int, int], drawn: tuple[int, int] | None) -> None:
    buffer = io.BytesIO()
    Image.new("L", size, 128).save(buffer, "PNG")
    if drawn is None:
        with pytest.raises(ValueError, match="more than a thumbnail"):
            jpeg_thumbnail(buffer.getvalue())
        return
    with Image.open(io.BytesIO(jpeg_thumbnail(buffer.getvalue()))) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("JPEG", drawn)


def test_the_page_asks_for_each_number_datatype_with_a_number_field() -> None:
    metadata = {
        "inputs": [{"name": "values", "datatype": "FP32"}, {"name": "image", "parameters": {"content_type": "base64"}}],
        "parameters": [{"name": "classes", "datatype": "UINT8"}, {"name": "top", "datatype": "INT32"}],
    }
    fields = form_fields(metadata)

    assert [(field.key, field.control) for field in fields] == [
        ("inputs.values", "number"), ("parameters.classes", "integer"), ("parameters.top", "integer"),
    ]  # fmt: skip
    inputs, parameters = request_parts(fields, {"inputs.values": "0.5", "parameters.classes": "3"})
    assert inputs == [{"name": "values", "datatype": "FP32", "shape": [1], "data": [0.5]}]
    assert parameters == {"classes": 3}
    with pytest.raises(ServiceError, match=re.escape("parameters.top must be a whole number, not '2.5'")):
        request_parts(fields, {"parameters.top": "2.5"})
