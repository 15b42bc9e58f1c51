"""The module's explanations in Russian: composed texts come out whole, English stays as the module said it."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from PIL import Image

from app.web.receipt.wording import explained
from model.documents import DocumentError, load_document


@pytest.mark.parametrize(
    ("text", "russian"),
    [
        ("quad covers 83% of the frame (contour)", "документ занимает 83% кадра (contour)"),
        ("x-height 21.5 px; resized ×1.40 to 1400×2000", "высота строчных 21,5 px; масштаб ×1,40, до 1400×2000"),
        ("skew -0.2° below 0.5°", "наклон -0,2° меньше 0,5°"),  # measures with a decimal comma
        ("OSD unsure (conf 19.4)", "OSD не уверен (уверенность 19,4)"),
        (
            "divided by the paper's brightness (21 px closing); 4 light-grey text lines darkened",
            "поделено на яркость бумаги (закрытие 21 px); затемнено светло-серых строк: 4",
        ),
        (
            "upright: read 52% confident as it is, 6 readings",
            "ровно: прочитано как есть с уверенностью 52%, значений: 6",
        ),
        ("qr and ocr read the same", "qr и ocr прочитали одно и то же"),
        (
            "read 017005983; the Bank of Russia's БИК directory of 2026-04-17 does not list it; 017003983 is the only"
            " БИК one OCR confusion from it that it lists beside the account read or one confusion from it (УФК по"
            " Тульской области, ЕКС 40102810445370000059): compare it with the document",
            "прочитано 017005983; его нет в справочнике БИК Банка России на 2026-04-17; 017003983 — единственный БИК в"
            " одной ошибке OCR от прочитанного, который справочник указывает с прочитанным счётом или счётом в одной"
            " ошибке от него (УФК по Тульской области, ЕКС 40102810445370000059): сверьте с документом",
        ),
        (
            "read 40102810445570000059; 40102810445370000059, one OCR confusion from it, is the account the Bank of"
            " Russia's БИК directory of 2026-04-17 lists for the БИК 017003983 repaired: compare it with the document",
            "прочитано 40102810445570000059; 40102810445370000059 (одна ошибка OCR от прочитанного) — счёт,"
            " который справочник БИК Банка России на 2026-04-17 указывает для исправленного БИК 017003983: сверьте с"
            " документом",
        ),
        (
            "the Bank of Russia's БИК directory of 2026-04-17 lists it for the БИК 044525225, a repair of the БИК read",
            "справочник БИК Банка России на 2026-04-17 указывает его для БИК 044525225, исправленного из прочитанного",
        ),
        ("the rules of 2 table grids painted as paper", "линии сеток таблиц закрашены цветом бумаги: 2"),
        (
            "00000000000000000000 is all zeros: a blank template's placeholder, which no bank issues",
            "00000000000000000000 — одни нули: заполнитель из пустого бланка, такого счёта банк не открывает",
        ),
        (
            "read 3834964078, which fails its check digits; 3834964079 is the only single OCR confusion that passes:"
            " compare it with the document",
            "прочитано 3834964078, что не сходятся контрольные цифры; 3834964079 — единственная замена одного символа,"
            " спутанного OCR, которая проходит проверку: сверьте с документом",
        ),
        (
            "recipient_inn fails its check digits or format; perhaps 3834964079",
            "ИНН: не сходятся контрольные цифры или формат; возможно, 3834964079",
        ),
        ("its key matches the БИК 047516946", "ключ сходится с БИК 047516946"),
        (
            'the Bank of Russia\'s БИК directory of 2026-04-17 names БИК 044525624 АО "ИШБАНК"; shown without the'
            ' marks OCR added (read «АО "ИШБАНК*»)',
            'справочник БИК Банка России на 2026-04-17: БИК 044525624 — АО "ИШБАНК"; показано без знаков,'
            ' добавленных при распознавании (прочитано «АО "ИШБАНК*»)',
        ),
        (
            "the Bank of Russia's БИК directory of 2026-04-17 lists 044525225 as ПАО Сбербанк, к/с"
            " 30101810400000000225; the к/с read agrees",
            "справочник БИК Банка России на 2026-04-17: 044525225 — ПАО Сбербанк, к/с 30101810400000000225;"
            " прочитанный к/с совпадает",
        ),
        (
            "the shape of a bank's or a Bank of Russia division's (04…) БИК; no к/с confirms its digits; not in the"
            " Bank of Russia's БИК directory of 2026-04-17",
            "формат БИК банка или подразделения Банка России (04…); нет к/с, чтобы подтвердить цифры; нет в справочнике"
            " БИК Банка России на 2026-04-17",
        ),
        (
            "the shape of a treasury office's (00–02…) БИК; no к/с confirms its digits",
            "формат БИК органа Федерального казначейства (00–02…); нет к/с, чтобы подтвердить цифры",
        ),
        (
            "a ЕКС (40102…) whose key matches the Bank of Russia division of the БИК 017003983 (digits 5–6)",
            "ЕКС (40102…): ключ сходится с подразделением Банка России в БИК 017003983 (5–6-я цифры)",
        ),
        (
            "a казначейский счёт (03…): it carries no control key, so nothing on the page confirms its digits",
            "казначейский счёт (03…): контрольного ключа у него нет, цифры ничто на странице не подтверждает",
        ),
        (
            "the Bank of Russia's БИК directory of 2026-04-17 lists 044525225 as ПАО Сбербанк, к/с"
            " 30101810400000000225, not the к/с 30101810645250000225 read, not «АО «Альфа-Банк»»",
            "справочник БИК Банка России на 2026-04-17: 044525225 — ПАО Сбербанк, к/с 30101810400000000225, а не"
            " прочитанный к/с 30101810645250000225, а не «АО «Альфа-Банк»»",
        ),
        (  # model/resolve.py: a key alone, with a БИК nothing confirms (the first words as the page shows them)
            "its key matches the БИК 047516946, but nothing confirms the БИК 047516946 it passes with, neither a к/с"
            " read that fits it nor the Bank of Russia's БИК directory of 2026-04-17, which does not list it (a"
            " misread БИК is mostly no bank's), and a key passes one misreading in ten: compare it with the document",
            "ключ сходится с БИК 047516946, но БИК 047516946, с которым он сходится, ничто не подтверждает: ни"
            " подходящий к/с, ни справочник БИК Банка России на 2026-04-17, где его нет (неверно прочитанный БИК чаще"
            " всего ничей), а ключ пропускает одну ошибку чтения из десяти: сверьте с документом",
        ),
        (
            "its key matches the bank code the к/с ends with, but the bank code it passes with is the last three"
            " digits of the к/с 30101810400000000225, which nothing confirms, and a key passes one misreading in ten:"
            " compare it with the document",
            "ключ сходится с кодом банка в конце к/с, но код банка, с которым он сходится, — последние три цифры к/с"
            " 30101810400000000225, а их ничто не подтверждает, а ключ пропускает одну ошибку чтения из десяти:"
            " сверьте с документом",
        ),
        (
            "its key matches the БИК 044525225, but its digits 6–8, 840, are not the rouble's 810: a misread currency"
            " code, and a key passes one misreading in ten: compare it with the document",
            "ключ сходится с БИК 044525225, но его 6–8-я цифры, 840, не рублёвые 810: код валюты прочитан неверно, а"
            " ключ пропускает одну ошибку чтения из десяти: сверьте с документом",
        ),
        (
            "its key matches the БИК 044525225, but the к/с read with it, 30101810400000000228, fails that БИК: the"
            " page's bank digits are misread, and a key passes one misreading in ten: compare it with the document",
            "ключ сходится с БИК 044525225, но прочитанный с ним к/с 30101810400000000228 не подходит к этому БИК:"
            " цифры банка на странице прочитаны неверно, а ключ пропускает одну ошибку чтения из десяти: сверьте с"
            " документом",
        ),
        (
            "its key matches the БИК 044525225, but the OCR read its digits unsure (52% confident, on a page read 39%"
            " confident), and a check digit passes about one misreading in ten: compare it with the document",
            "ключ сходится с БИК 044525225, но OCR прочитал его цифры неуверенно (52%, страница прочитана с"
            " уверенностью 39%), а контрольная цифра пропускает примерно одну ошибку чтения из десяти: сверьте с"
            " документом",
        ),
    ],
)
def test_russian_phrase_by_phrase(text: str, russian: str) -> None:
    assert explained(text, "ru") == russian
    assert explained(text, "en") == text


def test_nothing_to_explain_is_empty() -> None:
    assert explained(None, "ru") == ""


def _refusal(data: bytes, **limits: int) -> str:
    """The module's own words for a file it cannot read, as the page's technical detail receives them."""
    with pytest.raises(DocumentError) as refused:
        load_document(data, **limits)
    return f"inputs.image: {refused.value}"


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


ENGLISH_WORD = re.compile(r"\b(?!(?:JPEG|PNG|WebP|HEIC|TIFF|BMP|PDF|px|MB|kB|API|b)\b)[A-Za-z]{2,}\b")
"""A word in Latin letters other than a format's or a unit's name."""


@pytest.mark.parametrize(
    "detail",
    [
        pytest.param(lambda: _refusal(b""), id="empty"),
        pytest.param(lambda: _refusal(b"%PDF-1.4 broken"), id="broken-pdf"),
        pytest.param(lambda: _refusal(_png(8, 8)), id="tiny"),
        pytest.param(lambda: _refusal(_png(40, 40), max_pixels=1000), id="too-many-pixels"),
        pytest.param(lambda: _refusal(_png(40, 40)[:60]), id="truncated"),
        pytest.param(lambda: _refusal(b"x" * 2048, max_bytes=1024), id="too-large"),
        pytest.param(lambda: "inputs.image: the file is 30000000 bytes; the limit is 26214400", id="runtime-limit"),
        pytest.param(lambda: "the module API is unreachable: [Errno 111] Connection refused", id="unreachable"),
        pytest.param(lambda: "the module API answered without usable outputs: 'checks'", id="no-outputs"),
    ],
)
def test_technical_details_read_in_russian(detail: Callable[[], str]) -> None:
    """What the module and the services answer reaches the Russian page without an English phrase left in it (an
    OS or library message quoted inside, after the Russian, stays as it is)."""
    text = detail()
    russian = explained(text, "ru")
    ours = re.split(r": [\['\"]", re.sub(r"\((?:[^()]|\([^()]*\))*\)", "", russian))[0]  # quoted messages left
    assert not ENGLISH_WORD.search(ours), russian
    assert explained(text, "en") == text
