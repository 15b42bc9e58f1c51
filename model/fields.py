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
from decimal import Decimal

from model import checks
from model.normalize import find_dates, normalize_amount, normalize_currency, normalize_date, normalize_text
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
    "щ": "щwц",
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


_SETTLEMENT_PREFIXES = ("40", "41", "42", "03", "302")
"""Where a payee's account number starts: 40x/41x/42x client accounts (407 companies, 408 people, 40817 cards),
03 the treasury's, 302 a payment agent's. A bank's own 30101 correspondent account is not one."""


def _settlement_account(text: str) -> str | None:
    """A 20-digit account a payment can go to: a misread к/с ("35121830…" under "Карр счет") is none."""
    return next((t for t in digit_tokens(text) if len(t) == 20 and t.startswith(_SETTLEMENT_PREFIXES)), None)


def _kpp(text: str) -> str | None:
    match = re.search(r"(?<![0-9A-Z])([0-9OoОо]{4}[0-9A-Z]{2}[0-9OoОо]{3})(?![0-9])", text)
    return match.group(1).translate(_DIGIT_LIKE) if match else None


def _amount(text: str) -> str | None:
    """The amount on a total or sum line; none from VAT, fee, discount or change lines."""
    if re.search(r"ндс|nds|комисс|скидк|сдач", text, re.IGNORECASE):
        return None
    return _payable(text)


def _payable(text: str) -> str | None:
    """An amount someone paid: never 0.00 (a blurred total read as zero, "0.00 руб" of a fee on its own line)."""
    amount = normalize_amount(text)
    return None if amount is not None and Decimal(amount) == 0 else amount


_ORG_END = re.compile(r"\s+(?:" + _label("инн") + r"|" + _label("кпп") + r")\b.*$", re.IGNORECASE)


_LEGAL_FORMS = frozenset({"ООО", "АО", "ПАО", "ЗАО", "ОАО", "АКБ", "КБ"})
_MISREAD_FORMS = {"000": "ООО", "0ОО": "ООО", "О0О": "ООО", "ОО0": "ООО", "00О": "ООО", "0О0": "ООО", "О00": "ООО",
                  "СОО": "ООО", "ПЛО": "ПАО", "ПАС": "ПАО"}  # fmt: skip
"""What blur makes of a legal form opening a name: "000", "COO «…»" (ООО), "ПЛО Сбербанк", "ПАС «…»" (ПАО)."""
_LATIN_LOOKALIKES = str.maketrans("AOKBC0", "АОКБСО")
"""Latin letters OCR puts in a legal form: "AO KB" is "АО КБ" (a blurred Б reads as B)."""
_FORM_TOKEN = re.compile(r"(?<!\w)[A-ZА-ЯЁ0]{2,3}(?!\w)")


def _cyrillic_legal_forms(name: str) -> str:
    """A Russian name's legal form written with Latin look-alikes, spelled in Cyrillic again, and the form that
    opens it undone from what blur made of it (``_MISREAD_FORMS``); a name's own Latin words ("ООО «IT Lab»") and
    words inside it ("ООО «ПАС»") are left alone."""
    if (opening := _FORM_TOKEN.match(name)) and opening.end() < len(name):
        form = opening.group().translate(_LATIN_LOOKALIKES)
        if (form := _MISREAD_FORMS.get(form, form)) in _LEGAL_FORMS:
            name = form + name[opening.end() :]
    if not re.search(r"[А-Яа-яЁё]", name):
        return name

    def respell(token: re.Match[str]) -> str:
        cyrillic = token.group().translate(_LATIN_LOOKALIKES)
        return cyrillic if cyrillic in _LEGAL_FORMS else token.group()

    return _FORM_TOKEN.sub(respell, name)


_ADDRESS_TAIL = re.compile(r",\s*(?:\d{6}\b|г\.|ул\.|" + _label("инн") + r"|" + _label("кпп") + r").*$", re.IGNORECASE)


_TITLE_TAIL = re.compile(r"\s+[СC][ЧY][ЕЁE][ТT](?:\s+НА\s+ОПЛАТУ)?(?:\s*(?:№|N[oо2e]?)\s*\S+)?\s*$")
"""An invoice's title printed on the payee's line ("АО «Профмир»   СЧЁТ № 913"), in capitals as headers are."""


_CRUMBS_AFTER_QUOTE = re.compile(r"([»\"”])(?:\s+[^\sА-ЯЁ]\S?)+[\s,;.|]*$")
"""Specks OCR reads after a quoted name ("АО «Россельхозбанк» р oe"): one- or two-character bits, none of them a
capitalised Russian word ("ООО «Ромашка» Юг" keeps its "Юг")."""


def _names_something(name: str, word: str) -> bool:
    """A name (legal forms already in Cyrillic) has a ``word`` besides its legal form: "ООО 3" is a form and a
    speck, not a company."""
    return re.search(word, _FORM_TOKEN.sub(lambda t: "" if t.group() in _LEGAL_FORMS else t.group(), name)) is not None


_INITIALS = re.compile(r"(?<=[а-яё] )[А-ЯЁ][.,]\s?[А-ЯЁ][.,](?=\s|$)")
"""The two initials after a surname ("Захаров Б. Б.", as blur reads it "Б, Б,"): whatever follows is not the name."""


def _name(text: str) -> str | None:
    """A name as printed, without the ИНН/КПП, address or invoice title that shares its line; OCR's "000" for ООО is
    undone."""
    name = _TITLE_TAIL.sub("", _ADDRESS_TAIL.sub("", _ORG_END.sub("", _FORM_BLANK.sub("", text)))).strip(" :|_—-`")
    name = _CRUMBS_AFTER_QUOTE.sub(r"\1", name)
    if initials := _INITIALS.search(name):  # "ИП Захаров Б, Б, ВИ ФАН": the name ends with its initials
        name = name[: initials.start()] + initials.group().replace(",", ".")
    name = _cyrillic_legal_forms(name)
    return normalize_text(name) if _names_something(name, r"[А-Яа-яЁёA-Za-z]{2}") else None


_TEXT_END = re.compile(r"\s{3,}.*$")
_FORM_BLANK = re.compile(r"(?:\s_|_{2}).*$")
"""A form's blank ("____") or a lone "_" after a value: what follows is the next cell or specks ("ООО «Три медведя»
_ gr ULL", "ПАО «Промсвязьбанк» __ BANK 044525555"); no name or purpose has one."""


def _text(text: str) -> str | None:
    return normalize_text(_TEXT_END.sub("", _FORM_BLANK.sub("", text)).strip(" :|"))


_BANK_START = r"(?:П?[АA][OО]|[ЗОO][АA][OО]|[OО]{3}|А?[КK][БB]|ББР|Банк|Филиал)\b"
"""How a bank's name begins: its legal form (as printed or in OCR's Latin look-alikes), "Банк …" or "Филиал …"."""
_IN_BEFORE_BANK = re.compile(rf"^[\W_]*[вB]\s*(?:банке\s+)?(?={_BANK_START})")
"""The "в (банке)" of "р/с … в АО КБ …" left before a bank's name on a form's line, or glued to it as OCR reads it
("BAO КБ «…»"); no bank's name starts with that preposition."""


_BANK_TAIL = re.compile(r"\s+(?:" + _label("бик") + r"|" + _label("к/с") + r")\b.*$", re.IGNORECASE)
"""The БИК or к/с cell that shares a line with the bank's name."""


def _bank(text: str) -> str | None:
    """A bank name, without a БИК/к/с tail that shares its line or the "в" before it."""
    cut = _cyrillic_legal_forms(_BANK_TAIL.sub("", _FORM_BLANK.sub("", _IN_BEFORE_BANK.sub("", text))).strip())
    return _text(_CRUMBS_AFTER_QUOTE.sub(r"\1", cut)) if _names_something(cut, r"[А-Яа-яЁё]{2}") else None


_BANK_NAME_START = re.compile(rf"^\s*(?:банке\s+)?({_BANK_START}.*)", re.IGNORECASE)


def _bank_after_in(text: str) -> str | None:
    """ "… в ПАО Сбербанк" on an invoice's account line: only when what follows "в" starts like a bank."""
    match = _BANK_NAME_START.match(text)
    return _bank(match.group(1)) if match else None


_ANYWHERE, _LINE_START = True, False
_PAYEE_IDS = frozenset({"recipient_inn", "recipient_kpp"})

# field, its labels (longest first is not needed: alternatives are sorted), how to read the value, where the label may
# stand, and a score that orders readings of equal trust ("ИТОГ" beats "Сумма", a label beats a bare shape).
_RULE_TABLE: tuple[tuple[str, str, Callable[[str], str | None], bool, float], ...] = (
    ("recipient_inn", "инн получателя; инн пользователя; инн продавца; инн", _digits_of(10, 12), _ANYWHERE, 1.0),
    ("recipient_kpp", "кпп получателя; кпп", _kpp, _ANYWHERE, 1.0),
    ("bank_bic", "бик банка; бик", _digits_of(9), _ANYWHERE, 1.0),
    ("bank_corr_account", "к/с; к/сч; кор. счет; кор. счёт; корр. счет; корр. счёт; корреспондентский счет; "
     "корреспондентский счёт; сч. банка", _digits_of(20), _ANYWHERE, 1.0),
    ("recipient_account", "р/с; р/сч; р/счет; расчетный счет; расчётный счёт; счет получателя; счёт получателя; "
     "номер счета; номер счёта; счет №; счёт №; сч. №; счет; счёт", _settlement_account, _ANYWHERE, 1.0),
    ("fiscal_drive_number", "фн №; фн; номер фн; фн n", _digits_of(16), _ANYWHERE, 1.0),
    ("fiscal_document_number", "фд №; фд; номер фд; фд n", _digits_of(*range(1, 11)), _ANYWHERE, 1.0),
    ("fiscal_sign", "фп; фпд; фп n", _digits_of(*range(1, 11)), _ANYWHERE, 1.0),
    ("amount", "итого к оплате; всего к оплате; итог; итого; к оплате; всего", _amount, _LINE_START, 2.0),
    ("amount", "сумма перевода; сумма платежа; сумма операции; сумма; сумма к оплате", _amount, _LINE_START, 1.0),
    ("payment_date", "дата операции; дата перевода; дата платежа; дата и время; дата, время; дата оплаты; дата",
     normalize_date, _LINE_START, 2.0),
    ("recipient_name", "получатель платежа; наименование получателя; фио получателя; ф.и.о. получателя; "
     "имя получателя; получатель; продавец; поставщик; организация; пользователь", _name, _LINE_START, 1.0),
    ("bank_name", "банк получателя; наименование банка; банк", _bank, _LINE_START, 1.0),
    ("bank_name", "в", _bank_after_in, _ANYWHERE, 0.5),
    ("purpose", "назначение платежа; назначение; сообщение получателю; сообщение", _text, _LINE_START, 1.0),
    ("payer_name", "фио отправителя; фио плательщика; ф.и.о. плательщика; ф. и. о. плательщика; плательщик; "
     "отправитель; имя отправителя; покупатель; заказчик", _name, _LINE_START, 1.0),
)  # fmt: skip


def _rules() -> list[_Rule]:
    rules = []
    for field_name, labels, read, anywhere, score in _RULE_TABLE:
        alternatives = "|".join(_label(label.strip()) for label in sorted(labels.split(";"), key=len, reverse=True))
        prefix = r"(?<![а-яёa-z])" if anywhere else r"^[\s|*•:-]*"
        pattern = re.compile(prefix + r"(?:" + alternatives + r")(?![а-яёa-z])[\s.:№#-]*", re.IGNORECASE)
        rules.append(_Rule(field_name, pattern, read, anywhere, score))
    return rules


_RULES = _rules()
_ANY_LABEL = re.compile("|".join(rule.pattern.pattern for rule in _RULES if not rule.anywhere), re.IGNORECASE)
_QUOTES = "«\"“”„'‘’`"
"""Opening quotes as printed and as OCR reads them (a blurred « often comes out as ` or ')."""
_ORG_FORMS = "ООО|АО|ПАО|ЗАО|ОАО|НКО|ИП|МУП|ГУП|ФГУП|[CС0OО][0OО]{2}"
_ORG_LINE = re.compile(rf"^[\W_]*(?:\w\s+)?(?=(?:{_ORG_FORMS})\s*[{_QUOTES}A-ZА-ЯЁ])", re.IGNORECASE)
"""A line that opens with a legal form and a name, perhaps behind a speck ("| ООО «…»", "Ц ИП Михайлов А. А.")."""
_ORG_BEHIND_SPECKS = re.compile(rf"^(?:[\W_]*\w{{1,5}}){{1,3}}\s+(?=(?:{_ORG_FORMS})\s*[«\"])", re.IGNORECASE)
"""A quoted company name behind a few short words, which on a line with no label are a caption blurred past
reading ("ФИО г отеля ООО «Золотой колос»")."""
_STANDALONE_AMOUNT = re.compile(
    r"^[\s_|=-]*(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[.,]\d{2})?\s*(?:₽|P|Р|\?|руб\.?|р\.|RUB)(?:\s+[^\s\d]{1,2})?\s*$",
    re.IGNORECASE,
)
"""A line holding only an amount and its currency ("10 166,63 ₽", "131178.21 RUB"), perhaps with a speck of the
screen after it ("9712.18 RUB Ke")."""
_TITLE = re.compile(r"сч[её]т\w* на оплату|квитанци|извещение|кассовый чек", re.IGNORECASE)
_CAPTION_FIELDS = frozenset({"recipient_name", "bank_name"})
_REFERENCED_DATE = re.compile(r"\b(?:от|до)\s*«?$", re.IGNORECASE)
"""A date after "от" is another document's ("договор № 5 от …"), after "до" a deadline ("Оплатить до …")."""
_INVOICE_NUMBER = re.compile(r"(?<![а-яё])сч[её]т(?![а-яё])\s*(?:№|N[oо2e]?)\s*(?!\d{15})\S+", re.IGNORECASE)
"""An invoice's own number, "СЧЁТ № 913" (not "по счёту № 913", nor an account's "Счёт № 40702…")."""
_AFTER_OT = re.compile(r"\bот\s*«?$", re.IGNORECASE)
_DANGLING = {
    "purpose": re.compile(r"(?:\b(?:от|по|за|и|в|на|с|к|для|№)|[,-])$", re.IGNORECASE),
    "bank_name": re.compile(r"(?<![\w-])(?:ПАО|АО|ООО|ЗАО|ОАО|АКБ|КБ|банк|[«\"-])$", re.IGNORECASE),
}
"""Endings that leave a value unfinished, so it continues on the next line: "Оплата по" / "договору № 5",
"Северо-Западный банк ПАО" / "Сбербанк"."""

# A caption printed under a value on state forms (ПД-4 "Извещение"): the value is the line above.
_CAPTIONS: tuple[tuple[str, re.Pattern[str], Callable[[str], str | None]], ...] = (
    ("recipient_name", re.compile(r"^\W*наименование получателя", re.IGNORECASE), _name),
    (
        "bank_name",
        re.compile(r"^\W*наименование банка", re.IGNORECASE),
        _bank,
    ),
    ("purpose", re.compile(r"^\W*(?:наименование|назначение) платежа\W*$", re.IGNORECASE), _text),
)

_EVIDENCE: dict[DocumentType, tuple[tuple[re.Pattern[str], int], ...]] = {
    DocumentType.CASH_RECEIPT: (
        (re.compile(r"кассов\w* чек", re.IGNORECASE), 3),
        (re.compile(r"\bприход\b", re.IGNORECASE), 2),
        (re.compile(_label("фн") + r"\W{0,4}\d{10}", re.IGNORECASE), 2),
        (re.compile(_label("фп") + r"\W{0,4}\d{6}", re.IGNORECASE), 2),
        (re.compile(r"\bккт\b|\bсмена\b|\bитог\b", re.IGNORECASE), 1),
    ),
    DocumentType.INVOICE: (
        (re.compile(r"сч[её]т\w* на оплату|\bизвещение\b|образец заполнения", re.IGNORECASE), 3),
        (re.compile(r"плательщик|покупатель|поставщик|заказчик", re.IGNORECASE), 1),
        (re.compile(r"подпись плательщика|наименование платежа", re.IGNORECASE), 2),
    ),
    DocumentType.BANK_TRANSFER: (
        (
            re.compile(r"чек по операции|квитанция о переводе|документ об операции|платёжное поручение", re.IGNORECASE),
            3,
        ),
        (re.compile(r"сч[её]т списания|отправител|\bсбп\b|перевод по", re.IGNORECASE), 2),
        (re.compile(r"\bперевод|\bоперация\b|комиссия", re.IGNORECASE), 1),
    ),
}


def classify(lines: Sequence[str]) -> DocumentType:
    """The document type with the most telltale words; a single word ("квитанция", "кассир") is not enough."""
    text = "\n".join(lines)
    scores = {
        kind: sum(weight for pattern, weight in evidence if pattern.search(text))
        for kind, evidence in _EVIDENCE.items()
    }
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] >= 2 else DocumentType.OTHER


def extract_candidates(lines: Sequence[str], source: Source = Source.OCR) -> list[Candidate]:
    """Every reading of every field that the labels in ``lines`` support, in reading order."""
    if source is Source.OCR and not _DOLLARS.search("\n".join(lines)):
        lines = [_FIVE_READ_AS_DOLLAR.sub("5", line) for line in lines]
    candidates: list[Candidate] = []
    read_whole: set[str] = set()
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        found: list[Candidate] = []
        is_value_of, read_whole = read_whole, set()
        for rule, match in _label_matches(line):
            if rule.field in is_value_of and not rule.anywhere:
                continue  # the line under "Банк получателя" is its value, "Банк" and all
            rest = line[match.end() :]
            if _value_like_its_label(rule, rest, following):
                value = rule.read(following)
                read_whole.add(rule.field)
            else:
                value = _read_value(rule, rest, following)
            if value is not None:
                found.append(Candidate(rule.field, value, source, rule.score))
        if any(c.field == "payer_name" for c in found):  # "Покупатель ООО «…», ИНН …" is the payer's ИНН
            found = [c for c in found if c.field not in _PAYEE_IDS]
        candidates += found
        if index > 0:
            candidates += _captioned(line, lines[index - 1], source)
            candidates += _caption_labelled(found, line, lines[index - 1], source)
    candidates += _unlabelled(lines, source)
    if any(c.field == "amount" for c in candidates):
        marks = " ".join(_CURRENCY_BESIDE_A_NUMBER.findall("\n".join(lines)))
        candidates.append(Candidate("currency", normalize_currency(marks) or "RUB", source, 0.5))
    return candidates


_DOLLARS = re.compile(r"usd|долл|dollar", re.IGNORECASE)
_FIVE_READ_AS_DOLLAR = re.compile(r"\$(?=\d)")
"""Blur makes a 5 of "53 776,40" into "$3 776,40"; on a page that never names dollars, "$" before a digit is a 5."""
_CURRENCY_BESIDE_A_NUMBER = re.compile(
    r"(?<=\d)\s?(?:₽|руб|rub|rur|usd|eur|cny|юан|[$€¥])|(?:[$€¥]|usd|eur|cny)(?=\s?\d)", re.IGNORECASE
)
"""A currency as documents print it, next to an amount: "1 234,56 ₽", "$100", "EUR 50". A "¥" that OCR reads out of
a blurred page's specks, away from any number, says nothing."""


_VALUES_LIKE_LABELS = frozenset({"bank_name"})
"""Fields whose value may start with the field's own label word: "Банк Точка", "Банк ВТБ (ПАО)"."""


def _value_like_its_label(rule: _Rule, rest: str, following: str) -> bool:
    """A label alone on its line over a line starting with the label's bare word and going on: "Банк получателя" /
    "Банк Точка" (but not over "Банк получателя: Т-Банк", a label of its own)."""
    if rule.field not in _VALUES_LIKE_LABELS or rule.anywhere or rest.strip():
        return False
    below = rule.pattern.match(following)
    return below is not None and len(below.group().split()) == 1 and bool(following[below.end() :].strip())


def _label_matches(line: str) -> list[tuple[_Rule, re.Match[str]]]:
    """Each rule's labels on ``line``, less those inside a longer label of another field: the "счёт" of
    "Корр. счёт" is not the recipient's account."""
    matches = []
    for rule in _RULES:
        for match in rule.pattern.finditer(line):
            matches.append((rule, match))
            if not rule.anywhere:
                break
    return [
        (rule, match)
        for rule, match in matches
        if not any(
            other.field != rule.field
            and outer.start() <= match.start()
            and match.end() <= outer.end()
            and outer.end() - outer.start() > match.end() - match.start()
            for other, outer in matches
        )
    ]


def _read_value(rule: _Rule, rest: str, following: str) -> str | None:
    if not rest.strip():
        # stacked layout: the value sits under its label
        return rule.read(following) if _follows_freely(following) else None
    return _continued(rule.field, rule.read(rest), following)


def _follows_freely(following: str) -> bool:
    """The next line is no label's and no title: it may hold a value, or the rest of one."""
    return bool(following) and not _ANY_LABEL.search(following) and not _TITLE.search(following)


def _continued(field_name: str, value: str | None, following: str) -> str | None:
    """``value`` with the next line joined on when it stops unfinished (``_DANGLING``): wrapped onto that line."""
    dangling = _DANGLING.get(field_name)
    if value is not None and dangling is not None and dangling.search(value) and _follows_freely(following):
        wordy = sum(ch.isalnum() or ch.isspace() for ch in following) >= 0.75 * len(following)
        return normalize_text(f"{value} {following}") if wordy else value  # not specks ("—--енла---е * SE")
    return value


def _caption_labelled(found: list[Candidate], line: str, above: str, source: Source) -> list[Candidate]:
    """1C invoices print "Получатель" / "Банк получателя" under the cell holding the value: when such a label
    yields no name on its own line, the line above is read instead, at a lower score."""
    read_here = {c.field for c in found}
    candidates = []
    for rule in _RULES:
        caption = rule.field in _CAPTION_FIELDS and not rule.anywhere  # "в" of "… в ПАО Сбербанк" is no caption
        if caption and rule.field not in read_here and rule.pattern.search(line):
            above_words = re.sub(r"\b\d[\d ]{5,}\d\b", "", above)  # the other cells of that table row
            if (value := rule.read(above_words)) is not None and not _ANY_LABEL.search(above):
                candidates.append(Candidate(rule.field, value, source, 0.8))
    return candidates


def _captioned(line: str, above: str, source: Source) -> list[Candidate]:
    found = []
    for field_name, caption, read in _CAPTIONS:
        if caption.search(line) and (value := read(above)) is not None:
            found.append(Candidate(field_name, value, source, 1.0))
    return found


def _invoice_date(line: str, above: str) -> str | None:
    """The date of "СЧЁТ № 913 от 27.05.2021", on the number's line or on the line under it, where a designed
    invoice's header puts it."""
    if number := _INVOICE_NUMBER.search(line):
        line = line[number.end() :]
    elif not _INVOICE_NUMBER.search(above):
        return None
    return next((iso for start, iso in find_dates(line) if _AFTER_OT.search(line[:start])), None)


def _own_date(line: str) -> str | None:
    """A date on the line that is not a reference to another document ("договор № 5 от 01.02.2024")."""
    return next((iso for start, iso in find_dates(line) if not _REFERENCED_DATE.search(line[:start])), None)


_BANK_WORD = re.compile(r"банк(?![а-яё])|(?<![а-яё])А?КБ(?![а-яё])", re.IGNORECASE)
"""A word ending in "банк" ("Т-Банк", "Экспобанк", "Банк ВТБ"), not "банка" or "Банкет", or a bank's legal form
("АО КБ «Алтайкапитал»", "АКБ «Абсолют Банк»")."""


def _looks_like_a_bank(line: str) -> bool:
    """A short line naming a bank and nothing else (its БИК aside): a receipt or an invoice whose captions OCR
    lost still shows its bank."""
    line = _BANK_TAIL.sub("", line)
    return (
        _BANK_WORD.search(line) is not None
        and len(line.split()) <= 5
        and not re.search(r"\d", line)
        and not _ANY_LABEL.search(line)
    )


def _only_specks_beside(line: str, token: str) -> bool:
    """Nothing but specks of at most three characters beside the number: a label blurred past reading ("wan
    3646735630", "} 7823615997 |"), not a label of something else ("ФП 3337101562", "Номер операции …")."""
    specks = all(len(word) <= 3 for word in line.split() if not word.isdigit() and token not in word)
    return specks and not _label_matches(re.sub(r"\d", " ", line))  # the "в" label's look-alike "8" is no label


_PERSON = re.compile(r"^[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+){1,2}(?:\s+[А-ЯЁ]\.)?$")
"""A person as a transfer receipt names one: "Сорокина Галина Андреевна", "Евгений Евгеньевич С."."""
_PAYEE_CONTACT = re.compile(r"^\W*(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\W*$|^\W*4\d{19}\W*$")
"""The recipient's phone (an СБП transfer) or account, alone on its line."""
_MASKED_CARD = re.compile(r"^\W*\S{2,4}\s*\d{4}\W*$")
"""The payer's card or account as receipts mask it, "•••• 5431", which OCR reads as "ese 9892" or ".... 2137"."""


def _person_by_what_follows(line: str, below: str) -> str | None:
    """Whose name a caption-less person line is, by the line under it: a transfer receipt puts the recipient over
    their phone or account and the sender over their masked card; OCR loses the light-grey captions first."""
    if not _PERSON.match(line.strip()):
        return None
    if _PAYEE_CONTACT.match(below):
        return "recipient_name"
    if _MASKED_CARD.match(below):
        return "payer_name"
    return None


_AFTER_THE_DRIVE = ("fiscal_document_number", "fiscal_sign")


def _fiscal_numbers_after_the_drive(lines: Sequence[str], source: Source) -> list[Candidate]:
    """A cash receipt prints ФН, ФД and ФП on consecutive lines, in that order; the ФН's 16 digits survive blur
    that turns the short labels below into specks ("Of Nt 64171", "on 2302259259"), and then those two lines are
    the ФД and the ФП."""
    found = []
    for index, line in enumerate(lines):
        if any(len(token) == 16 for token in digit_tokens(line)):  # the ФН, or a register's РН ККТ
            for field_name, below in zip(_AFTER_THE_DRIVE, lines[index + 1 : index + 3], strict=False):
                numbers = re.findall(r"\d+", below)  # as printed: specks are no digits here ("On: PDS 7055")
                if len(numbers) != 1 or len(numbers[0]) > 10 or not _only_specks_beside(below, numbers[0]):
                    break
                found.append(Candidate(field_name, numbers[0], source, 0.3))
    return found


_PURPOSE_START = re.compile(r"(?<![а-яё])(?:Оплата|Возврат|Предоплата)\s+(?:по|за|услуг|займа|аванса)\b")
"""How a payment's purpose begins ("Оплата по счёту № 5", "Оплата за аренду", "Возврат займа"): a purpose whose
"Назначение платежа" caption blur took."""


def _unlabelled(lines: Sequence[str], source: Source) -> list[Candidate]:
    """Values recognisable by shape alone, at a low score: they only fill gaps that labelled readings left."""
    found: list[Candidate] = _fiscal_numbers_after_the_drive(lines, source)
    for line, above, below in zip(lines, ["", *lines], [*lines[1:], ""], strict=False):
        if (person := _person_by_what_follows(line, below)) is not None:
            found.append(Candidate(person, normalize_text(line) or line, source, 0.3))
        for token in digit_tokens(line):
            if len(token) == 20 and token.startswith("30101"):
                found.append(Candidate("bank_corr_account", token, source, 0.3))
            elif len(token) == 20 and token[:3] in {"407", "408", "405", "406", "403", "421", "423", "031", "401"}:
                found.append(Candidate("recipient_account", token, source, 0.3))
            elif len(token) == 9 and token.startswith("04"):
                found.append(Candidate("bank_bic", token, source, 0.3))
            elif len(token) in (10, 12) and _only_specks_beside(line, token) and checks.inn_valid(token):
                found.append(Candidate("recipient_inn", token, source, 0.3))
        if _TITLE.search(line) and (title_date := normalize_date(line)) is not None:
            found.append(Candidate("payment_date", title_date, source, 1.0))  # "Счёт на оплату № 5 от 16 мая 2025 г."
        elif (invoice_date := _invoice_date(line, above)) is not None:
            found.append(Candidate("payment_date", invoice_date, source, 1.0))
        elif (found_date := _own_date(line)) is not None:
            found.append(Candidate("payment_date", found_date, source, 0.3))
        if (start := _PURPOSE_START.search(line)) and (purpose := _text(line[start.start() :])) is not None:
            found.append(Candidate("purpose", _continued("purpose", purpose, below) or purpose, source, 0.3))
        if _looks_like_a_bank(line) and (bank := _bank(line)) is not None:
            found.append(Candidate("bank_name", bank, source, 0.3))
        elif org := _ORG_LINE.match(line) or (_ORG_BEHIND_SPECKS.match(line) if not _label_matches(line) else None):
            found.append(Candidate("recipient_name", _name(line[org.end() :]) or line, source, 0.3))
        if _STANDALONE_AMOUNT.match(line) and (amount := _payable(line)) is not None:
            found.append(Candidate("amount", amount, source, 1.5))  # the big figure atop a bank's receipt
    return found
