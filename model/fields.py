"""Read payment-detail candidates from the text lines of a document (OCR output or a PDF text layer).

Each label is matched on the line in reading order; its value is the rest of the line or, for stacked layouts, the
next line. Tesseract prints short Cyrillic labels with Latin look-alikes (ИНН → UHH, БИК → BUK), so labels are
matched through a look-alike character class. Several candidates per field are normal: the checks in
``model.resolve`` choose between them and repair a single OCR confusion.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from model.normalize import normalize_amount, normalize_currency, normalize_date, normalize_text
from model.schema import Candidate, DocumentType, Source

_LOOKALIKES = {
    "а": "aа@",
    "б": "б6b",
    "в": "вb8",
    "г": "гr",
    "д": "дd",
    "е": "еeё",
    "ё": "ёeе",
    "ж": "ж",
    "з": "з3",
    "и": "иuй",
    "й": "йuи",
    "к": "кk",
    "л": "лn",
    "м": "мm",
    "н": "нh",
    "о": "оo0",
    "п": "пn",
    "р": "рp",
    "с": "сc",
    "т": "тt",
    "у": "уy",
    "ф": "ф",
    "х": "хx",
    "ц": "цu",
    "ч": "ч4",
    "ш": "шw",
    "щ": "щw",
    "ъ": "ъb",
    "ы": "ы",
    "ь": "ьb",
    "э": "э",
    "ю": "ю",
    "я": "я",
    "/": r"/|\\Il1",
}


def _label(text: str) -> str:
    """Regex for a label that also matches its look-alike OCR spellings (case-insensitive)."""
    parts = []
    for char in text.lower():
        if char == " ":
            parts.append(r"\s*")
        elif char == ".":
            parts.append(r"[.,]?")
        elif char in _LOOKALIKES:
            parts.append(f"[{re.escape(_LOOKALIKES[char])}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


# Characters OCR puts into digit strings: mapped to the digit they stand for.
_DIGIT_LIKE = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "О": "0",
        "о": "0",
        "D": "0",
        "Q": "0",
        "I": "1",
        "l": "1",
        "|": "1",
        "!": "1",
        "i": "1",
        "З": "3",
        "з": "3",
        "б": "6",
        "Б": "6",
        "S": "5",
        "s": "5",
        "B": "8",
        "В": "8",
        "Z": "2",
        "z": "2",
    }
)
_DIGIT_RUN = re.compile(r"[0-9OoОоDQIl|!iЗзбБSsBВZz](?:[0-9OoОоDQIl|!iЗзбБSsBВZz]|[ \u00a0](?=[0-9]))*")


def digit_tokens(text: str) -> list[str]:
    """Digit strings in ``text``, with OCR's letter look-alikes (O→0, l→1, З→3…) mapped back to digits.

    Runs may contain single spaces between digits ("4070 2810 …"); such runs are returned both joined and split,
    so a 20-digit grouped account and two separate identifiers on one line are both found.
    """
    tokens: list[str] = []
    for match in _DIGIT_RUN.finditer(text):
        raw = match.group()
        mapped = raw.translate(_DIGIT_LIKE)
        if sum(ch.isdigit() for ch in raw) < 0.6 * len(raw.replace(" ", "")):
            continue  # a word with a few look-alike letters, not a number
        joined = mapped.replace(" ", "").replace("\u00a0", "")
        if joined.isdigit():
            tokens.append(joined)
        if " " in mapped or "\u00a0" in mapped:
            tokens.extend(part for part in mapped.split() if part.isdigit())
    return tokens


def _first_digits(text: str, lengths: Iterable[int]) -> str | None:
    wanted = set(lengths)
    return next((token for token in digit_tokens(text) if len(token) in wanted), None)


@dataclass(frozen=True)
class _Rule:
    field: str
    pattern: re.Pattern[str]
    read: Callable[[str], str | None]
    anywhere: bool
    score: float


def _digits_of(*lengths: int) -> Callable[[str], str | None]:
    return lambda text: _first_digits(text, lengths)


def _kpp(text: str) -> str | None:
    match = re.search(r"(?<![0-9A-Z])([0-9OoОо]{4}[0-9A-Z]{2}[0-9OoОо]{3})(?![0-9])", text)
    return match.group(1).translate(_DIGIT_LIKE) if match else None


def _amount(text: str) -> str | None:
    if re.search(r"ндс|nds|комисс|скидк|сдач", text, re.IGNORECASE):
        return None
    return normalize_amount(text)


_ORG_END = re.compile(r"\s+(?:" + _label("инн") + r"|" + _label("кпп") + r")\b.*$", re.IGNORECASE)


def _name(text: str) -> str | None:
    """A name as printed, without an ИНН/КПП tail that shares its line."""
    return normalize_text(_ORG_END.sub("", text).strip(" :|"))


_TEXT_END = re.compile(r"\s{3,}.*$")


def _text(text: str) -> str | None:
    return normalize_text(_TEXT_END.sub("", text).strip(" :|"))


def _bank(text: str) -> str | None:
    """A bank name, without a БИК/к/с tail that shares its line."""
    cut = re.split(r"\s+(?:" + _label("бик") + r"|" + _label("к/с") + r")\b", text, flags=re.IGNORECASE)[0]
    return _text(cut)


def _rules() -> list[_Rule]:
    def rule(
        field: str,
        labels: Sequence[str],
        read: Callable[[str], str | None],
        *,
        anywhere: bool = False,
        score: float = 1.0,
    ) -> _Rule:
        alternatives = "|".join(_label(label) for label in sorted(labels, key=len, reverse=True))
        prefix = r"(?<![а-яёa-z])" if anywhere else r"^[\s|*•:-]*"
        pattern = re.compile(prefix + r"(?:" + alternatives + r")(?![а-яёa-z])[\s.:№#-]*", re.IGNORECASE)
        return _Rule(field, pattern, read, anywhere, score)

    account_labels = [
        "р/с",
        "р/сч",
        "р/счет",
        "расчетный счет",
        "расчётный счёт",
        "счет получателя",
        "счёт получателя",
        "номер счета",
        "номер счёта",
        "счет №",
        "счёт №",
        "сч. №",
        "счет",
        "счёт",
    ]
    return [
        rule("recipient_inn", ["инн получателя", "инн"], _digits_of(10, 12), anywhere=True),
        rule("recipient_kpp", ["кпп получателя", "кпп"], _kpp, anywhere=True),
        rule("bank_bic", ["бик банка", "бик"], _digits_of(9), anywhere=True),
        rule(
            "bank_corr_account",
            [
                "к/с",
                "к/сч",
                "кор. счет",
                "кор. счёт",
                "корр. счет",
                "корр. счёт",
                "корреспондентский счет",
                "корреспондентский счёт",
                "сч. банка",
            ],
            _digits_of(20),
            anywhere=True,
        ),
        rule("recipient_account", account_labels, _digits_of(20), anywhere=True),
        rule("fiscal_drive_number", ["фн №", "фн", "номер фн", "фн n"], _digits_of(16), anywhere=True),
        rule(
            "fiscal_document_number",
            ["фд №", "фд", "номер фд", "фд n"],
            _digits_of(*range(1, 11)),
            anywhere=True,
        ),
        rule("fiscal_sign", ["фп", "фпд", "фп n"], _digits_of(*range(1, 11)), anywhere=True),
        rule(
            "amount",
            ["итого к оплате", "всего к оплате", "итог", "итого", "к оплате", "всего"],
            _amount,
            score=2.0,
        ),
        rule(
            "amount",
            ["сумма перевода", "сумма платежа", "сумма операции", "сумма", "сумма к оплате"],
            _amount,
        ),
        rule(
            "payment_date",
            ["дата операции", "дата перевода", "дата платежа", "дата и время", "дата оплаты", "дата"],
            normalize_date,
            score=2.0,
        ),
        rule(
            "recipient_name",
            [
                "получатель платежа",
                "наименование получателя",
                "получатель",
                "продавец",
                "поставщик",
                "организация",
            ],
            _name,
        ),
        rule("bank_name", ["банк получателя", "наименование банка", "банк"], _bank),
        rule("bank_name", ["в банке", "в"], _bank, anywhere=True, score=0.5),
        rule("purpose", ["назначение платежа", "назначение", "сообщение получателю", "сообщение"], _text),
        rule(
            "payer_name",
            ["фио отправителя", "фио плательщика", "плательщик", "отправитель", "имя отправителя"],
            _name,
        ),
    ]


_RULES = _rules()
_ANY_LABEL = re.compile("|".join(rule.pattern.pattern for rule in _RULES if not rule.anywhere), re.IGNORECASE)
_ORG_LINE = re.compile(r"^\s*(?:ООО|АО|ПАО|ЗАО|ОАО|НКО|ИП|МУП|ГУП|ФГУП)\s*[«\"“A-ZА-ЯЁ]", re.IGNORECASE)
_DOC_TYPES: tuple[tuple[DocumentType, re.Pattern[str]], ...] = (
    (
        DocumentType.CASH_RECEIPT,
        re.compile(
            r"кассов\w* чек|приход\b|" + _label("фн") + r"\s*№?\s*\d|" + _label("фп") + r"\s*\d|смена\b|кассир",
            re.IGNORECASE,
        ),
    ),
    (
        DocumentType.INVOICE,
        re.compile(
            r"сч[её]т\w* на оплату|извещение|квитанция\b(?! о переводе)|"
            r"плательщик|образец заполнения",
            re.IGNORECASE,
        ),
    ),
    (
        DocumentType.BANK_TRANSFER,
        re.compile(r"чек по операции|перевод|операци[яи]|отправитель|квитанция о", re.IGNORECASE),
    ),
)


def classify(lines: Sequence[str]) -> DocumentType:
    """The document type from its telltale words; the order of ``_DOC_TYPES`` settles overlaps."""
    text = "\n".join(lines)
    for document_type, pattern in _DOC_TYPES:
        if pattern.search(text):
            return document_type
    return DocumentType.OTHER


def extract_candidates(lines: Sequence[str], source: Source = Source.OCR) -> list[Candidate]:
    """Every reading of every field that the labels in ``lines`` support, in reading order."""
    candidates: list[Candidate] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        for rule in _RULES:
            for match in rule.pattern.finditer(line):
                rest = line[match.end() :]
                value = rule.read(rest) if rest.strip() else None
                if value is None and not rest.strip() and following and not _ANY_LABEL.search(following):
                    value = rule.read(following)  # stacked layout: the value sits under its label
                if value is not None:
                    candidates.append(Candidate(rule.field, value, source, rule.score))
                if not rule.anywhere:
                    break
    candidates += _unlabelled(lines, source)
    if any(c.field == "amount" for c in candidates):
        text = "\n".join(lines)
        candidates.append(Candidate("currency", normalize_currency(text) or "RUB", source, 0.5))
    return candidates


def _unlabelled(lines: Sequence[str], source: Source) -> list[Candidate]:
    """Values recognisable by shape alone, at a low score: they only fill gaps that labelled readings left."""
    found: list[Candidate] = []
    for line in lines:
        for token in digit_tokens(line):
            if len(token) == 20 and token.startswith("30101"):
                found.append(Candidate("bank_corr_account", token, source, 0.3))
            elif len(token) == 20 and token[:3] in {
                "407",
                "408",
                "405",
                "406",
                "403",
                "421",
                "423",
                "031",
                "401",
            }:
                found.append(Candidate("recipient_account", token, source, 0.3))
            elif len(token) == 9 and token.startswith("04"):
                found.append(Candidate("bank_bic", token, source, 0.3))
        if (found_date := normalize_date(line)) is not None:
            found.append(Candidate("payment_date", found_date, source, 0.3))
        if _ORG_LINE.match(line):
            found.append(Candidate("recipient_name", _name(line) or line, source, 0.3))
    return found
