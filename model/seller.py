"""A cash receipt's seller by its place: a 54-ФЗ register prints the seller's name in the head, on the lines over
its ИНН, and that place names it where the name's own shape is not the one the unlabelled rules know
(``model.unlabelled``): a chain's register puts the legal form after the name without a comma («Агроторг ООО»), and
a café or a shop may print its kind and quoted sign alone («КАФЕ "ЛУКОМОРЬЕ"»). A company's name in the usual shape
(«АО «Альфа-Строй Нефтепродукт»») is found anywhere on the page, but the one over the ИНН outranks the others there:
a card slip printed above the receipt on the same tape opens with the acquiring bank («АО "АБ "РОССИЯ"»). Only under
a receipt's own ИНН label (not the cashier's, the ОФД's or a buyer's) and only a line that holds nothing else: a
garbled head gives no name rather than a wrong one. A page with no ИНН at all (a café's guest bill) is named by the
kind and sign that open it (``sign_opening_the_page``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.labels import label_matches
from model.normalize import normalize_text
from model.schema import Candidate, Source
from model.unlabelled import org_name
from model.values import LOOSE_LOOKALIKES, QUOTES, label, misread_legal_form

_SELLER_INN = re.compile(r"(?<![а-яёa-z])" + label("инн") + r"[\s.:№]*\d{10}", re.IGNORECASE)
_OTHER_PARTIES = frozenset({"others_inn", "supplier_inn", "payer_inn"})

_LETTERS = r"[A-Za-zА-ЯЁа-яё]"
_FORM_LAST = re.compile(
    rf"^[\W_]{{0,3}}(?P<name>[A-ZА-ЯЁ]{_LETTERS}{{3,}}(?:[\s-]+{_LETTERS}{{3,}}){{0,2}})\s+(?P<form>[A-ZА-ЯЁ0]{{2,3}})"
    r"(?:\s+[^\W\d_])?[\W_]{0,3}$"
)
"""A name of one to three words and its legal form after it, with no comma («Агроторг ООО», read «Arporopr 000»),
perhaps with one letter's speck of the photo's edge after it («‚  Arpotopr 000 м»)."""
_RECEIPT_WORDS = re.compile(
    r"итог|сумм|сдач|смен|чек|касс|налич|безнал|скидк|округл|приход|расход|возврат|продаж|всего|оплат|сайт|адрес"
)
"""A receipt's own words, which a line of its totals or its register opens with («Смена 000»): no company's name."""
_FORM_LAST_REACH = 2
"""The form-last name stands right over the ИНН (a line of the address may come between)."""

_KINDS = (
    "кафе", "кафе-бар", "бар", "ресторан", "столовая", "кофейня", "пиццерия", "закусочная", "буфет", "пекарня",
    "кулинария", "магазин", "супермаркет", "гипермаркет", "минимаркет", "универсам", "аптека", "гостиница", "отель",
    "хостел", "салон",
)  # fmt: skip
_KIND_AND_SIGN = re.compile(
    rf"^(?:[\W_]*\w?\s+)?[\W_]*(?P<kind>{'|'.join(label(kind) for kind in sorted(_KINDS, key=len, reverse=True))})"
    rf"\s*[{QUOTES}]+(?P<sign>[А-ЯЁA-Z][^{QUOTES}»]{{1,40}}?)[{QUOTES}»]+(?:\s+\w)?[\W_]*$",
    re.IGNORECASE,
)
"""A business's kind and its quoted sign alone on a line, perhaps inside a frame of specks («x КАФЕ ”ЛУКОМОРЬЕ” х»)."""
_KIND_REACH = 4
_FORM_TOKEN = re.compile(r"(?<!\w)(?:[A-ZА-ЯЁ0-9]{2,3}|ип|общество)(?!\w)", re.IGNORECASE)
_SIGN_SCORE = 0.2
"""Below any company's name: a sign names the seller only when its head names no company."""
_FORM_LAST_SCORE = _OVER_THE_INN_SCORE = 0.35
"""Above a company's name found anywhere else (0.3): its place over the ИНН says whose it is."""


def seller_over_its_inn(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The names that the lines over each seller's ИНН hold (module docstring)."""
    found = []
    for index, line in enumerate(lines):
        if not _SELLER_INN.search(line) or any(rule.field in _OTHER_PARTIES for rule, _ in label_matches(line)):
            continue
        for above in range(index - 1, max(-1, index - _KIND_REACH - 1), -1):
            if index - above <= _FORM_LAST_REACH and (name := _form_last(lines[above])) is not None:
                found.append(Candidate("recipient_name", name, source, _FORM_LAST_SCORE))
            elif index - above <= _FORM_LAST_REACH and (name := org_name(lines[above])) is not None:
                found.append(Candidate("recipient_name", name, source, _OVER_THE_INN_SCORE))
            elif (sign := _KIND_AND_SIGN.match(lines[above])) and not _names_a_company(
                lines[max(0, above - 2) : index]
            ):
                name = f'{_kind(sign["kind"])} "{normalize_text(sign["sign"])}"'
                found.append(Candidate("recipient_name", name, source, _SIGN_SCORE))
    return found


SELF_EMPLOYED_RECEIPT = re.compile(
    r"чек\s+сформирова\w*\W{0,3}мой\s+налог|(?<![а-яёa-z])режим\W{0,3}н[оo]\W{0,3}нпд(?![а-яёa-z])", re.IGNORECASE
)
"""A self-employed's receipt (НПД, 422-ФЗ), which the tax service's app «Мой налог» forms: «Режим НО НПД», «Чек
сформировал Мой налог»."""
_WHEN_FORMED = re.compile(r"(?<!\d)\d{2}[.,]\d{2}[.,]\d{2}(?:\d{2})?\s*\d{1,2}:\d{2}")
"""The receipt's date and time under its number («12.07.26 17:18(+03:00)»)."""
_FULL_NAME = re.compile(
    r"^[\W_]{0,3}(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:ич|на|оглы|кызы))[\W_]{0,3}$"
)
"""A person's surname, name and patronymic alone on a line (a patronymic ends «-вич», «-вна», «-ична», «-ич»)."""
_SELF_EMPLOYED_SCORE = _OVER_THE_INN_SCORE
"""As a seller's name over its ИНН: the receipt's layout, not a label, says whose it is."""


def self_employed_seller(lines: Sequence[str], source: Source) -> list[Candidate]:
    """A self-employed's receipt names its seller by no label: the person's full name stands on the line under the
    date and time the receipt was formed, and its ИНН under «Режим НО НПД» further down. Only on such a receipt
    (``SELF_EMPLOYED_RECEIPT``) and only a full name with a patronymic alone on that line: the buyer is named by its
    «Покупатель» label further down, never there."""
    if not any(SELF_EMPLOYED_RECEIPT.search(line) for line in lines):
        return []
    for index, line in enumerate(lines[:-1]):
        if _WHEN_FORMED.search(line) and (person := _FULL_NAME.match(lines[index + 1])):
            return [Candidate("recipient_name", person["name"], source, _SELF_EMPLOYED_SCORE)]
    return []


_ANY_INN = re.compile(r"(?<![а-яёa-z])" + label("инн") + r"(?![а-яёa-z])", re.IGNORECASE)
_HEAD_LINES = 3
"""How far down a page its sign stands when it opens the page: the first line, perhaps under a speck or a logo's."""


_FISCAL_RECEIPT = re.compile(
    r"кассов\w*\s+ч|фискальн|(?<![а-яёa-z])(?:ккт|приход)(?![а-яёa-z])|(?<!\d)\d{16}(?!\d)", re.IGNORECASE
)
"""A fiscal receipt's own words, its title «КАССОВЫЙ ЧЕК» (also as «КАССОВЫЙ ЧЕХ»), «ПРИХОД», «ККТ», «фискальный»,
or its fiscal drive's 16 digits (a guest bill prints none; its goods' barcodes have 13 or 14): such a receipt prints
its seller's ИНН and legal name, so where OCR read no ИНН it lost the head, not the name. The drive's number is
there where blur took the words: a reading that saw «RAQOUBRE ЧЕХ PaxOk» still read «5712050925727682»."""


def sign_opening_the_page(lines: Sequence[str], source: Source) -> list[Candidate]:
    """A business's kind and quoted sign that opens a page printing no ИНН and naming no company: a café's guest bill
    («Кафе “БЕЛЫЕ НОЧИ”» over its dishes and «Итого к оплате»), which has no fiscal head to stand over. Any party's ИНН
    on the page forbids it, a company named beside it in the head too, and one named anywhere outranks it
    (``_SIGN_SCORE``); so does a fiscal receipt's word (``_FISCAL_RECEIPT``): a pharmacy's tape whose head blur took
    opens with its sign («Аптека «Светлый Дом»»), and its seller is the company the head named («ООО «Полимер-М»»)."""
    head = [line for line in lines if line.strip()][:_HEAD_LINES]
    if any(_ANY_INN.search(line) or _FISCAL_RECEIPT.search(line) for line in lines) or _names_a_company(head):
        return []
    return [
        Candidate("recipient_name", f'{_kind(sign["kind"])} "{normalize_text(sign["sign"])}"', source, _SIGN_SCORE)
        for line in head
        if (sign := _KIND_AND_SIGN.match(line))
    ][:1]


def _kind(printed: str) -> str:
    """The business kind ``printed`` reads as, in Cyrillic capitals whatever look-alikes OCR read it in."""
    return next(kind for kind in _KINDS if re.fullmatch(label(kind), printed, re.IGNORECASE)).upper()


def _form_last(line: str) -> str | None:
    """A name followed by its legal form (``_FORM_LAST``), in Cyrillic again where every letter of a word is a
    look-alike; no label's line («ИТОГО 000») nor one of the receipt's own words (``_RECEIPT_WORDS``)."""
    found = _FORM_LAST.match(line)
    if (
        found is None
        or label_matches(line)
        or (form := misread_legal_form(found["form"], before_a_quoted_name=False)) is None
    ):
        return None
    words = found["name"].split()
    cyrillic = [respelled for word in words if (respelled := _cyrillic(word)) is not None]
    if len(cyrillic) < len(words) or _RECEIPT_WORDS.search(" ".join(cyrillic).lower()):
        return None
    return " ".join([*cyrillic, form])


def _cyrillic(word: str) -> str | None:
    """``word`` in Cyrillic: as printed, or with its Latin look-alikes undone when they are all it has; a word of
    other Latin letters is no Russian company's name read faithfully, so ``None``."""
    if re.fullmatch(r"[А-ЯЁа-яё-]+", word):
        return word
    respelled = word.translate(LOOSE_LOOKALIKES)
    return respelled if re.fullmatch(r"[А-ЯЁа-яё-]+", respelled) else None


def _names_a_company(lines: Sequence[str]) -> bool:
    """A legal form, as printed or as OCR misreads one, anywhere on ``lines``: that company is the seller."""
    return any(
        token.lower() in ("ип", "общество") or misread_legal_form(token, before_a_quoted_name=True) is not None
        for line in lines
        for token in _FORM_TOKEN.findall(line)
    )
