"""How a value is read from the text beside its label, as OCR or a PDF text layer gives it.

OCR puts letters into digit strings (O for 0, З for 3) and Latin look-alikes into Cyrillic words; it runs a name
into the ИНН, the address or the invoice title that share its line, and leaves specks after it. Each reader here
takes the text where a value stands and returns the value in the schema's form, or None.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from model.checks import CUT_GLYPH, inn_valid, passing_repairs
from model.normalize import find_dates, kopecks_shown, normalize_amount, normalize_date, normalize_text

_LOOKALIKES = {
    "а": "aа@",
    "б": "б6b",
    "в": "вb8ф",  # a photo's «в» reads as a capital «Ф» in a lowercase word («Сумма переФода», «догоФофу»)
    "г": "гr",
    "д": "дd",
    "е": "еeёé",
    "ё": "ёeеé",
    "ж": "ж",
    "з": "з3",
    "и": "иuй",
    "й": "йuи",
    "к": "кk",
    "л": "лn/",  # a thermal print's Л, its left leg faint, reads as a slash («К On/aTE:» for «К ОПЛАТЕ:»)
    "м": "мm",
    "н": "нhn",  # «Bank получателя»: OCR's English words read a Cyrillic н as n («Банк» as «Bank»)
    "о": "оo0",
    "п": "пn",
    "р": "рp",
    "с": "сc",
    "т": "тtm",
    "у": "уyү",  # Indra reads a blurred у as a Kazakh «ү» («үмма» for «Сумма» that lost its С)
    "ф": "ф$",  # a receipt's small bold Ф reads as a dollar sign («$П: 2583630948»)
    "х": "хx",
    "ц": "цu",
    "ч": "ч4uyц",  # Indra reads a blurred ч as ц («Назнацение платсжа», r7_invoice_06_hard)
    "ш": "шw",
    "щ": "щwцш",  # a blurred щ loses its tail («Плательшик: | Соловьев …», r4_transfer_01_hard)
    "ъ": "ъb",
    "ы": "ы",
    "ь": "ьbб",  # Indra reads a soft sign as a Б («ПолучателБ Евгений Сергеевич К.»)
    "э": "э",
    "ю": "ю",
    "я": "я",
    "/": r"/|\\Il1",
}


GREEK_SHAPES = ("ΑΒΓΕΗΚΛΜΟΠΡΤΦΧακοπρτχ", "АВГЕНКЛМОПРТФХакопртх")
"""Greek letters drawn as Cyrillic ones: Indra's recogniser, which knows Greek too, reads a Cyrillic capital as its
Greek twin («HНΗ» for «ИНН», an Eta for the last Н). Labels match them (``label``), as words do
(``LOOKALIKE_LETTERS``)."""
_GREEK_PAIRS = list(zip(*GREEK_SHAPES, strict=True))
_GREEK_TWINS = {
    cyrillic: "".join(sorted({greek.lower() for greek, twin in _GREEK_PAIRS if twin.lower() == cyrillic}))
    for cyrillic in set(GREEK_SHAPES[1].lower())
}
"""Each Cyrillic letter's Greek twins in lower case, as ``label`` (case-insensitive) needs them."""


_CROSSBAR_LOST = {"н": "и", "п": "ил", "л": "п", "т": "г"}
"""Blur takes the crossbar of Н, which then reads as И («ИНИ» for ИНН); a serif font's П reads as И («КИП» for КПП,
Liberation Serif, the Times New Roman of Linux) and its п, the left foot's serif taken for л's hook, as л («КПЛ» for
КПП and «Подлиси» for the form's caption «Подписи» in one reading of a платёжное поручение, bench/layouts
r5_transfer_03: read as a value, «Подлиси» was the order's purpose); a Т whose bar's left arm is lost as Г
(«СЧЕГ-ОФЕРТА № 54-9920 от 18.10.2026», a clean page of bench/layouts r2_invoice_04, gave no date); a monospaced
font's л as п («оппату»); in a label of three letters or more only: a two-letter one («ФН») would match a word
(«фи»)."""


_CROSSBAR_GAINED = {"и": "нh"}
"""And the reverse: blur flattens И's diagonal into Н's crossbar, Latin or Cyrillic («HНΗ 7727406020» for «ИНН …»,
Indra on a photographed ПД-4, bench/layouts r9_invoice_01_hard), in a label of three letters or more only, as
``_CROSSBAR_LOST``."""
_TAIL_READ_APART = {"щ": "ц"}
"""A letter whose tail OCR reads as a letter of its own after it: a щ's descender as a ц («Плательщцик»)."""
_PAIRS_READ_AS_ONE = {"ьщ": ("ыц", "ыщц")}
"""Two letters OCR reads as others: «ьщ» as «ыц», the ь's bowl joined to щ's first stroke as a ы («Плателыцик»,
Tesseract on a bank app's receipt, bench/layouts r12_transfer_04, whose payer was lost), or that ы before the щ
with its tail read apart («Плателыщцик», a faxed bill, r12_invoice_00_hard)."""


def label(text: str) -> str:
    """Regex for a label that also matches its OCR spellings (case-insensitive): each letter's Latin and Cyrillic
    look-alikes (``_LOOKALIKES``), its Greek twin (``GREEK_SHAPES``), in a label of three letters or more a crossbar
    lost or gained (``_CROSSBAR_LOST``, ``_CROSSBAR_GAINED``: «HНΗ» is «ИНН»), a tail read as a letter of its own
    (``_TAIL_READ_APART``), two letters as two others (``_PAIRS_READ_AS_ONE``); a space may vanish and a dot be read
    as a comma or lost."""
    text = text.lower()
    long_enough = sum(char.isalpha() for char in text) >= 3
    parts, at = [], 0
    while at < len(text):
        pair = text[at : at + 2]
        if pair in _PAIRS_READ_AS_ONE:
            both = "".join(_letter(char, long_enough) for char in pair)
            misread = "|".join(re.escape(spelling) for spelling in _PAIRS_READ_AS_ONE[pair])
            parts.append(f"(?:{both}|{misread})")
            at += 2
        else:
            parts.append(_letter(text[at], long_enough))
            at += 1
    return "".join(parts)


def _letter(char: str, long_enough: bool) -> str:
    """``label``'s regex for one lower-case character of a label."""
    if char == " ":
        return r"\s*"
    if char == ".":
        return r"[.,]?"
    if char not in _LOOKALIKES:
        return re.escape(char)
    misread = _CROSSBAR_LOST.get(char, "") + _CROSSBAR_GAINED.get(char, "") if long_enough else ""
    lookalikes = _LOOKALIKES[char] + _GREEK_TWINS.get(char, "") + misread
    tail = f"{_TAIL_READ_APART[char]}?" if char in _TAIL_READ_APART else ""
    return f"[{re.escape(lookalikes)}]{tail}"


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
_DIGIT_RUN = re.compile(
    r"(?<=[0-9][.:,])[0-9OoОоDQIl|!iЗзбБSsBВZz]+"
    r"|[0-9OoОоDQIl|!iЗзбБSsBВZz](?:[0-9OoОоDQIl|!iЗзбБSsBВZz]|[ \u00a0](?=[0-9]+(?![0-9])(?![.:,/][0-9])))*"
)
"""A run of digit groups; a group that opens a date, a time or a decimal ("26.09.17", "10:41", "46,90") starts a
number of its own: a cash register prints the date after the ИНН on one line («ИНН: 2310031475 26.09.17 10:41»).
The group that ends one is a number of its own too: a statement prints an operation's moment before its number
(«16.03.2025 09:59:00 3768415059»), whose seconds joined to it would read as an old register's padded ИНН."""


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


def grouped_digits(text: str, length: int) -> list[str]:
    """``length`` digits that a run of digit groups holds as consecutive whole groups: a ФН printed or read in two
    groups beside a speck that reads as a digit («8712000 101115560 1B», whose run joins to eighteen)."""
    found = []
    for match in _DIGIT_RUN.finditer(text):
        parts = match.group().translate(_DIGIT_LIKE).split()
        for start, end in itertools.combinations(range(len(parts) + 1), 2):
            joined = "".join(parts[start:end])
            if end - start > 1 and len(joined) == length and joined.isdigit():
                found.append(joined)
    return found


def read_drive_number(text: str) -> str | None:
    """A ФН's sixteen digits, whole or in groups (``grouped_digits``); else fifteen or seventeen, which its shape
    check calls invalid rather than say nothing."""
    return _first_digits(text, (16,)) or next(iter(grouped_digits(text, 16)), None) or _first_digits(text, (15, 17))


def _first_digits(text: str, lengths: Iterable[int]) -> str | None:
    wanted = set(lengths)
    return next((token for token in digit_tokens(text) if len(token) in wanted), None)


def digits_of(*lengths: int) -> Callable[[str], str | None]:
    return lambda text: _first_digits(text, lengths)


def read_inn(text: str) -> str | None:
    """An ИНН of 10 or 12 digits; twelve that start with "00" are a company's ten as the ЭКЛЗ-era cash registers
    (ККМ) print it, padded to the width of a person's («ККМ 00067489 ИНН 002310031475»): no region's code is 00, so
    no person's ИНН starts so."""
    inn = _first_digits(text, (10, 12))
    if inn is None:
        return _inn_split_by_a_space(text) or _inn_cut_by_the_edge(text)
    return inn[2:] if len(inn) == 12 and inn.startswith("00") else inn


_OPENING_GROUPS = re.compile(r"^\D{0,8}?(\d+(?:[ \u00a0]\d+)+)")
"""The digit groups that open a label's text, one space between each: «77 07083893 770701001»."""


def _inn_split_by_a_space(text: str) -> str | None:
    """The ИНН whose digits OCR split by a space where the number runs on into the next one with a space too («ИНН 77
    07083893 770701001», or before a slash, «ИНН/КПП 770 7083893/770701001»), so that no run of the line joins to
    ten or twelve digits: the opening groups that do, when the join, and only one, passes the check digits. A join
    that fails them is no ИНН read (nothing rather than a misread number)."""
    opening = _OPENING_GROUPS.match(text)
    if opening is None:
        return None
    groups = opening[1].split()
    joins = ("".join(groups[:end]) for end in range(2, len(groups) + 1))
    passing = [joined for joined in joins if len(joined) in (10, 12) and inn_valid(joined)]
    return passing[0] if len(passing) == 1 else None


GARBLED_INN = "garbled_inn"
"""Not a field: what an ИНН's label holds when OCR made one or two of its ten or twelve characters into no digit
(«ИНН 55 У1245622»), each such character a ``?`` (``garbled_inn``). It is no value, only a second reading of the
number's other digits, which ``model.resolve`` weighs against the ИНН it chose."""

UNREADABLE = "?"
_EDGE_PUNCTUATION = ":;,.№#"


def garbled_inn(text: str) -> str | None:
    """The ten or twelve characters of the digit groups that open ``text``, when one or two of them are no digit (a
    letter or a speck among the digits): ``?`` stands for each. Nothing for a clean reading (``read_inn`` reads it),
    for more unreadable characters (too little left to compare) or for another length."""
    read = ""
    for token in text.split():
        mapped = token.strip(_EDGE_PUNCTUATION).translate(_DIGIT_LIKE)
        if not mapped and not read:
            continue  # «ИНН: № 55 …»
        if sum(ch.isdigit() for ch in mapped) < max(1, len(mapped) - 1):
            return None  # a word, not a digit group with a misread character
        read += "".join(ch if ch.isdigit() else UNREADABLE for ch in mapped)
        if len(read) in (10, 12):  # the first whole groups of an ИНН's length: a КПП may follow unlabelled
            return read if 1 <= read.count(UNREADABLE) <= 2 else None
        if len(read) > 12:
            return None
    return None


_CUT_BY_THE_EDGE = re.compile(r"(?<![\d\w])(\d{9}|\d{11})" + re.escape(CUT_GLYPH) + r"\s*$")
"""An ИНН whose last digit the paper's edge cut in half, at the end of its line: the round digit's left half reads as
an open bracket («ИНН: 782548315(», a Теремок receipt photographed past its edge)."""


def _inn_cut_by_the_edge(text: str) -> str | None:
    """The ИНН as read, its cut glyph kept, when one round digit there, and only one, completes it to pass its check
    digit: ``model.resolve`` then repairs it (``repaired``, never ``verified``). Nothing when none does: the digits
    read are then not all right, and no value is better than a guess."""
    cut = _CUT_BY_THE_EDGE.search(text)
    if cut is None:
        return None
    read = cut[1] + CUT_GLYPH
    return read if len(passing_repairs(read, inn_valid)) == 1 else None


_BORDER = "1"
"""A table's border just before a value, read as a digit glued to it: 1C's bank grid gave "140802810738000039088"
for the р/с 40802…, "БИК 1044525225", "Сч. № 130101810300000000545". The preprocessing erases a grid's rules
(``model.preprocess.enhance.erase_rules``), not where a rule is broken or too faint to be found."""


def past_a_border(token: str, length: int, starts: tuple[str, ...]) -> str | None:
    """The ``length`` digits of ``token`` behind a border read as a leading 1, when they start as the identifier
    does and a 1 cannot (a БИК 0…, an account 301…, 407…): one glyph dropped where the grid stands, not a search for
    digits that pass a check."""
    behind = token[len(_BORDER) :]
    bordered = len(token) == length + len(_BORDER) and token.startswith(_BORDER)
    return behind if bordered and behind.startswith(starts) else None


def digits_behind_a_border(length: int, starts: tuple[str, ...]) -> Callable[[str], str | None]:
    """``length`` digits as ``digits_of`` reads them; failing those, the digits behind a border (``past_a_border``)."""

    def read(text: str) -> str | None:
        tokens = digit_tokens(text)
        exact = next((token for token in tokens if len(token) == length), None)
        return exact or next((d for token in tokens if (d := past_a_border(token, length, starts))), None)

    return read


BIK_STARTS = ("0",)
"""How a Russian БИК in a bank grid starts (04 banks, 00-02 treasury offices), where a border's 1 cannot."""
CORR_ACCOUNT_STARTS = ("301", "40102")


_SETTLEMENT_PREFIXES = ("40", "41", "42", "03", "302")
"""Where a payee's account number starts: 40x/41x/42x client accounts (407 companies, 408 people, 40817 cards),
03 the treasury's, 302 a payment agent's. A bank's own 30101 correspondent account is not one."""


_TREASURY_SINGLE_ACCOUNT = "40102"
"""A treasury office's ЕКС: printed beside the payee's казначейский счёт, never a payee's own (since 2021)."""


_PLACEHOLDER_ACCOUNT = "0" * 20
"""A blank template's «Сч. № 00000000000000000000»: read, so that it is shown and called what it is, not dropped."""


def _payee_account(token: str) -> bool:
    payee = token.startswith(_SETTLEMENT_PREFIXES) and not token.startswith(_TREASURY_SINGLE_ACCOUNT)
    return payee or token == _PLACEHOLDER_ACCOUNT


def settlement_account(text: str) -> str | None:
    """A 20-digit account a payment can go to: a misread к/с ("35121830…" under "Карр счет") is none, nor a ЕКС
    («Номер счёта банка получателя (ЕКС) 40102…»); failing one, such an account behind a border (``past_a_border``)."""
    tokens = digit_tokens(text)
    exact = next((t for t in tokens if len(t) == 20 and _payee_account(t)), None)
    bordered = (past_a_border(t, 20, _SETTLEMENT_PREFIXES) for t in tokens)
    return exact or next((t for t in bordered if t is not None and _payee_account(t)), None)


def read_kpp(text: str) -> str | None:
    match = re.search(r"(?<![0-9A-Z])([0-9OoОо]{4}[0-9A-Z]{2}[0-9OoОо]{3})(?![0-9])", text)
    return match.group(1).translate(_DIGIT_LIKE) if match else None


_ITEM_COUNT = re.compile(
    r"^\W*(?:наименовани\w*)?\W*\d+\W*" + label("на сумму") + r"|^\W*наименовани\w*\W*\d+", re.IGNORECASE
)
"""The count of 1C's «Всего наименований 3, на сумму 3 600,00 руб.»: the sum follows it."""
VAT_WORD = r"(?:ндс|nds|(?<![а-яёa-z])[нh][аa][сc](?![а-яёa-z]))"
"""«НДС», and «НАС» as OCR reads a receipt's «СУММА НДС 18%» when blur closes the Д («A: Сумма HAC 18%»)."""
_VAT = re.compile(VAT_WORD, re.IGNORECASE)
_VAT_INCLUDED = re.compile(r"(?<![а-яё])(?:с|вкл\w*\.?|включая)\s*" + VAT_WORD, re.IGNORECASE)


_YEAR = re.compile(r"(?<![\d.,])(?:19|20)(?:\d\d)?[_\s.]*г\.?(?![а-яё])", re.IGNORECASE)
"""A year before its «г.», or a form's blank one: ««___» ________ 20___ г.» beside a blank «Итого ___ руб. __ коп.»
on a ПД-4 gave the amount 20.00 (also read «20. г.»); a year is never a sum."""


_FIGURE_BROKEN = re.compile(
    r"^[\W_]*\d+(?:/\d|\s\d{1,2}\s*(?:руб|рб|р|p)(?![а-яёa-z])\.?\s*\S{0,3}[кk](?:оп)?(?![а-яёa-z]))", re.IGNORECASE
)
"""A handwritten sum whose figure OCR broke: a hand's «1» read as a slash («Итого: 4/30 р. 00 к.» for 4130), a space
put into its digits before the roubles' unit where the kopecks follow it («41 30 p. 00 к.»: no group of thousands has
two digits). The figure before the break is no sum, and nothing says where the roubles end. Without kopecks after the
unit the two digits are the kopecks, their comma lost: a bank's screen «Сумма 300 00 p» is 300.00."""


def read_amount(text: str) -> str | None:
    """The amount on a total or sum line; none from fee, discount or change lines, nor from a VAT line or a
    total before VAT: "ИТОГО без НДС", "СУММА НДС 20%", "Сумма без НДС" name VAT before their figure, while "Итого
    с НДС" and "Итого: 1 200,00 в т.ч. НДС 200,00" are the total due."""
    if _FIGURE_BROKEN.match(text):
        return None
    form_row = _ROW_NUMBER_FIRST.match(text) is not None or _EXCISE_MARK.search(text) is not None
    text = _YEAR.sub("", _BILLING_PERIOD.sub(" ", _ITEM_COUNT.sub("", _ROW_NUMBER_FIRST.sub("", text))))
    figure = re.search(r"\d", text)
    before_figure = text[: figure.start()] if figure else text
    if _UNFILLED_SUM.search(before_figure) or _ROUBLES_IN_WORDS.search(before_figure):
        return None
    fees_included = _FEES_INCLUDED.sub("", text)
    if _VAT.search(_VAT_INCLUDED.sub("", before_figure)) or re.search(r"комисс|скидк|сдач", fees_included, re.I):
        return None
    if (with_tax := _with_tax(text)) is not None:
        return with_tax
    return _last_column(text) if form_row and form_columns(text) else payable(after_a_speck_and_its_code(text))


_CODE_BEFORE_A_SUM = re.compile(
    r"(?<![A-Za-z])(?:RUB|RUR|USD|EUR|CNY|BYN|UAH|KZT)\W{0,2}(?=\d{1,3}(?:[ ,\u00a0]\d{3})*[.,]\d{2}(?!\d))"
)
"""A currency's code before a sum with its kopecks, as a bilingual invoice prints its total due («RUB 88,266.00»)."""
_A_SPECKS_FIGURE = re.compile(r"^\D*(?:\d\D*)?$")
"""What may stand before the code and be no figure of the sum: specks, one of them read as a digit («7 RUB …»)."""


def after_a_speck_and_its_code(text: str) -> str:
    """``text`` from the currency code on where a code stands before a sum with its kopecks and before it only
    specks, one digit at most: a photo's speck read as «1» or «7» before «RUB 88,266.00» (r6_invoice_03_hard) is
    no sum of 1.00; a figure of more digits before the code is read as before."""
    code = _CODE_BEFORE_A_SUM.search(text)
    if code is None or not _A_SPECKS_FIGURE.match(text[: code.start()]):
        return text
    return text[code.start() :]


_UNFILLED_SUM = re.compile(r"_{2,}\s*(?:руб|р\.)|руб\.?[\s_]*к[а-яё]{1,2}(?![а-яё])", re.IGNORECASE)
"""A form's blank for the sum, «Итого ___ руб. __ коп.», also as OCR reads it («Итого руб. __ коп.», «Итого. руб. __
кп.», «Итого руб. коп.»): the roubles' blank, or the roubles' unit with no figure before the kopecks' (a short word
in к). The sum is left to fill in, and a figure after it is another cell's: a ПД-4's blank year ««_» 20__ г.», which
OCR also reads «у 20 sr.», «20__ к», «20.» past ``_YEAR`` (the amount 20.00 under a total's label, over the printed
«Сумма платежа: 5704 руб. 57 коп.», bench/layouts invoice_02/05/08/11). A filled-in blank prints its figure before
«руб.»; a unit's caption («Сумма, руб.: 1 234,00») has no blank."""
_ROUBLES_IN_WORDS = re.compile(
    r"(?:\s|^)(?:[а-яё]*(?:один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|надцать|дцать|сорок"
    r"|десят|девяносто|сто|сти|ста|сот|тысяч[аи]?|миллион[аов]*))\s+руб(?:л[а-яё]*)?\.?\W*$",
    re.IGNORECASE,
)
"""The roubles of a sum written in words, «Сумма прописью: Сто шесть тысяч шестьсот семнадцать рублей 16 копеек»:
the figure after them is its kopecks, never the sum (the amount 10.00 read from «… рублей 10 копеек», its «копеек»
garbled, r13_invoice_05_hard). ``model.amount_words`` reads such a sum as a whole."""
_ROW_NUMBER_FIRST = re.compile(r"^\W*[(\[{]\d{1,2}[а-яёa-z]?[)\]}]")
"""The number a счёт-фактура's or УПД's form gives its total row, «Всего к оплате (9) 84 320,00 X …», also in the
braces OCR reads its brackets as («{9}», «(9]»): a row's, never a sum (it gave the amount 9.00, verified by a second
reader)."""
_EXCISE_MARK = re.compile(r"\d[^\w]{1,4}[XxХх][^\w]{1,4}\d")
"""The «X» a счёт-фактура's total row prints in its excise column, between the sum without tax and the tax: «84 320,00
X 8 432,00 92 752,00»."""
_BARE_FIGURE = re.compile(r"(?<!\S)\d+(?:[.,]\d{1,2})?(?!\S)")
_GROUPED_FIGURE = re.compile(r"(?<!\S)\d{1,3}(?:[\s\u00a0]\d{3})*[.,]\d{2}(?!\S)")
"""A sum with its kopecks, its thousands grouped by spaces as 1C prints them: «84 320,00»."""


def _with_tax(text: str) -> str | None:
    """The last figure of a total's row that prints its columns, when it is the first plus another: a
    счёт-фактура's «Всего к оплате 28953.0 X 5212.0 34165.0» or «84 320,00 X 8 432,00 92 752,00» (without tax, its
    tax, with tax) is due with tax. Grouped sums are tried first: «35 064,17 X 7 012,83 42 077,00» read as bare
    figures is 35, 064,17, 7, 012,83, 42 and 077,00, where 35 + 42 = 77 makes a sum of its own (77.00, verified by a
    second reader agreeing)."""
    for shape in (_GROUPED_FIGURE, _BARE_FIGURE):
        figures = [Decimal(re.sub(r"\s", "", figure).replace(",", ".")) for figure in shape.findall(text)]
        if len(figures) >= 3 and any(figures[0] + middle == figures[-1] for middle in figures[1:-1]):
            return payable(f"{figures[-1]:.2f}")
    return None


TAX_INVOICE_TITLE = re.compile(
    r"^\W*(?:универсальн\w*\s+)?сч[её]т\W{0,2}фактура(?![а-яё])", re.IGNORECASE | re.MULTILINE
)
"""A счёт-фактура's title opening its line, a УПД's too (after its status column's first word, which OCR runs into
it): «Счёт-фактура № 115 от «11» ноября 2026 г. (1)», its number garbled on a photo («Счет-фактура «+ 2026-03-08
(1)»); a transfer's purpose names it in another case («по счёт-фактуре»)."""
_SUM_WITH_KOPECKS = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)[.,]\d{2}(?!\d)")
"""A sum with its kopecks, its thousands grouped or not («58 944,78», «58944.78»), whatever border or speck OCR read
against it («|58 944.78»)."""


def form_columns(text: str) -> list[Decimal]:
    """A form's total row's sums with their kopecks, its columns in order, where it shows three or more."""
    figures = [Decimal(re.sub(r"\s", "", figure).replace(",", ".")) for figure in _SUM_WITH_KOPECKS.findall(text)]
    return figures if len(figures) >= 3 else []


def columns_misread(text: str) -> bool:
    """Whether ``read_amount`` read ``text`` as a form's total row whose columns do not add up (``_last_column``):
    OCR misread one of them, and nothing says it was not the last (``Candidate.columns_misread``)."""
    form_row = _ROW_NUMBER_FIRST.match(text) is not None or _EXCISE_MARK.search(text) is not None
    figures = form_columns(
        _YEAR.sub("", _BILLING_PERIOD.sub(" ", _ITEM_COUNT.sub("", _ROW_NUMBER_FIRST.sub("", text))))
    )
    return form_row and bool(figures) and not any(figures[0] + middle == figures[-1] for middle in figures[1:-1])


def last_column_rows(lines: Sequence[str], amount: str) -> int:
    """How many of ``lines`` print ``amount`` as the last of a form row's columns."""
    return sum(1 for line in lines if (figures := form_columns(line)) and figures[-1] == Decimal(amount))


def _last_column(text: str) -> str | None:
    """The sum with tax of a form's total row (``read_amount``: its row number or its excise «X» say it is one)
    whose columns do not add up (``_with_tax``), OCR having misread one («58 944,78 X 41 788,94 70 733,70» for
    11 788,94): the form prints it last, and it is the largest of the row; the first, read before, is the sum without
    tax. A last figure smaller than another is a garbled column: no sum then, rather than a wrong one."""
    figures = form_columns(text)
    last = figures[-1]
    return payable(f"{last:.2f}") if all(figure < last for figure in figures[:-1]) else None


_BILLING_PERIOD = re.compile(
    r"(?<![а-яё])(?:за\s+)?(?:январ[ье]|феврал[ье]|марте?|апрел[ье]|ма[йе]|июн[ье]|июл[ье]|августе?|сентябр[ье]"
    r"|октябр[ье]|ноябр[ье]|декабр[ье])\s+\d{4}(?!\d)(?:\s*г(?:ода|\.|(?![а-яё])))?|(?<![а-яё])за\s+\d{4}(?!\d)(?:\s*г(?:од|\.|(?![а-яё])))?",
    re.IGNORECASE,
)
"""The period a bill's total is for, «Итого к оплате за февраль 2026 …: 5 172,20», «Всего за 2025 г.»: its year is
no sum. A month in the genitive («5 мая 2026») is a date's, and left to the date's readers."""
_FEES_INCLUDED = re.compile(r"включая\s+(?:все\s+)?комисси\w*", re.IGNORECASE)
"""«Сумма списания, включая все комиссии»: what the payer paid, fees and all, not a fee's line."""


_VISITS_DATE = re.compile(r"визит|посещени", re.IGNORECASE)
"""«Дата визита», «Дата посещения»: a visit's day wherever a page prints it, never a payment's."""
_RECEPTION = re.compile(
    r"(?<![а-яё])пр[иi][еёйe]м(?:а|у)?(?![а-яё])(?!\W*(?:плат|перев|к\s|распоряж|документ))", re.IGNORECASE
)
"""«Дата приёма», also as OCR reads it («Дата прийма»): a clinic's visit (``treats_patients``) or a workshop's intake
of a car (``receives_no_money``), days before its bill, but on a postal money order (ф. 112ЭП «Дата приёма
05.03.2026») the day the post office took the money, the payment's own; a bank's «Дата приёма платежа», «… к
исполнению» is the payment's everywhere."""
_PATIENTS_PAGE = re.compile(
    "|".join(
        rf"(?<![а-яёa-z]){label(word)}"
        for word in ("пациент", "врач", "медицинск", "мед. центр", "стоматолог", "больниц", "лечебн")
    )
    + "|"
    + label("клиник")
    + r"|(?<![\w.])[AАBВ]\d{2}\.\d{2,3}\.\d{3}(?![\d.])|(?<![а-яёa-z])[ЛJ]\s?041-\d{5}",
    re.IGNORECASE,
)
"""What a page that treats patients prints: a patient, a doctor («врача-терапевта»), a clinic, a hospital, a
«Медицинский центр» and its «медицинских услуг», a dentist's, a «лечебн…» institution, a service's code in the
ministry's list («A09.05.023», «B01.047.001»), a licence for medical activity («Л041-01137-77/…»)."""


def treats_patients(lines: Sequence[str]) -> bool:
    """Whether the page is a clinic's (``_PATIENTS_PAGE``), where «Дата приёма» is a visit's day (``names_a_visit``)."""
    return any(_PATIENTS_PAGE.search(line) for line in lines)


_WORK_ORDER_PAGE = re.compile(
    r"(?<![а-яёa-z])(?:" + "|".join(map(label, ("заказ-наряд", "наряд-заказ", "пробег"))) + r")(?![а-яёa-z])",
    re.IGNORECASE,
)
"""What a workshop's work order prints: its title, «ЗАКАЗ-НАРЯД № 9579» (also «Наряд-заказ»), a car's «Пробег: 224094
км». Its «Дата приёма» is the day the car came in, days before the bill («СЧЁТ НА ОПЛАТУ № 9579 от 25.03.2026»)."""


def receives_no_money(lines: Sequence[str]) -> bool:
    """Whether the page's «Дата приёма» is another reception than the money's (``names_a_visit``): a clinic's
    patient (``treats_patients``), a workshop's car (``_WORK_ORDER_PAGE``)."""
    return treats_patients(lines) or any(_WORK_ORDER_PAGE.search(line) for line in lines)


def names_a_visit(caption: str, patients: bool) -> bool:
    """Whether a date's caption names a visit: «Дата визита», «Дата посещения» on any page, «Дата приёма» on a page that
    treats patients or takes a car in (``receives_no_money``); elsewhere a reception is the post office's taking of a
    money order."""
    return _VISITS_DATE.search(caption) is not None or (patients and _RECEPTION.search(caption) is not None)


_NOT_THE_PAYMENTS_DATE = re.compile(
    r"окончани|действ|срок|позднее|(?<![а-яё])до(?![а-яё])|рождени|выдач|(?<![а-яё])оплатить(?![а-яё])",
    re.IGNORECASE,
)
"""Words between a date's label and the date that make it another date: «Дата окончания действия», «Дата оплаты
не позднее», «Дата рождения», «Дата выдачи», a deadline's «Оплатить до»; a visit's is ``names_a_visit``'s."""


_PREVIOUS_PAYMENT_CAPTION = re.compile(
    r"(?<![а-яё])(?:последн|предыдущ|прошл)\w*(?:\s+(?:поступивш|произведенн|внес[её]нн)\w*)?"
    r"[\d\s.,:;|()-]*\s(?:оплат|плат[её]ж|поступлени)\w*\W*$",
    re.IGNORECASE,
)
"""A caption that ends by naming an earlier payment, «Последняя поступившая оплата:», «Дата последнего платежа»,
«Предыдущий платёж»: a bill prints when its last payment arrived, another payment's date, not the document's. A
table's figures may stand between the caption's words where a reader joined two columns («Последняя поступившая
2514 2454 60 3.91 оплата:»)."""


def names_a_previous_payment(caption: str) -> bool:
    """Whether ``caption``, the words right before a date, names an earlier payment's."""
    return _PREVIOUS_PAYMENT_CAPTION.search(caption) is not None


SHIPMENTS_CAPTION = re.compile(
    r"(?<![а-яёa-z])(?:" + label("отгрузк") + r"|о[тс][тг]?р?уз|отту(?![а-яё])|груз(?!о)|[пл]еред[аеи][чнм])",
    re.IGNORECASE,
)
"""A УПД's or a waybill's «Дата отгрузки, передачи (сдачи): 11.03.2026», also as OCR garbles it («Дата оттрузи,
переданм:», «Дата отту. лередаче:», «Дата грузия, передачи:»): the day the goods left, days after the paper's own
date, never the payment's."""
_A_PAPERS_ISSUE = re.compile(r"формировани|составлени|(?<![а-яё])печати|выгрузк", re.IGNORECASE)
"""Words between a date's label and the date that name when the paper itself was made: a bank's «Справка о переводе»
or a statement printed days after the operation («Дата формирования справки: 11.03.2026» over «Дата и время перевода
07.03.2026»), a bill's «Дата формирования». Where the operation's own date is labelled, that is the payment's."""


def _date_and_caption(text: str) -> tuple[str, str] | None:
    """The date after a date's label and the words before it. All the words before the date count, figures among
    them: a label whose value stands on the next line reads that whole line, and a ПД-4's «Дата» blank over its footer
    «Взносы за 2026 год оплатить до 30 июня 2026 г.» names the deadline after the year, not before the first figure."""
    if (iso := normalize_date(text)) is None:
        return None
    start = next((start for start, found in find_dates(text) if found == iso), None)
    figure = re.search(r"\d", text)
    return iso, text[: start if start is not None else figure.start() if figure else len(text)]


_SPACED_DATE = re.compile(r"^(?P<caption>\D*?)(?<!\d)(\d{2})( ?)(\d{2})\3((?:19|20)\d\d)(?!\d)(?![.,/-]\d(?!\d?:))")
"""A date whose dots OCR read as spaces, «06 11 2026, 08:27» on a dark screen (r7_transfer_00_hard), or lost, «дата
операции 23042026» (r4_transfer_01_hard): the first figures after a date's label only, two digits, two digits and a
year, since elsewhere such figures are a row's or a number's. Not a piece of a longer number; a time of day may follow
it («2026,08:27»)."""


def _spaced_date_and_caption(text: str) -> tuple[str, str] | None:
    """``_date_and_caption`` for a date whose dots were read as spaces (``_SPACED_DATE``)."""
    if (spaced := _SPACED_DATE.match(text)) is None:
        return None
    iso = normalize_date(f"{spaced[2]}.{spaced[4]}.{spaced[5]}")
    return (iso, spaced["caption"]) if iso is not None else None


def read_payment_date(text: str, patients: bool = False) -> str | None:
    """The date after a date's label, unless the words before it name a validity, a deadline, a person's date, a
    visit (``names_a_visit``: ``patients`` where the page treats them), an earlier payment's or the paper's own issue
    (``read_issue_date``)."""
    if (found := _date_and_caption(text) or _spaced_date_and_caption(text)) is None:
        return None
    iso, before = found
    another = _NOT_THE_PAYMENTS_DATE.search(before) or names_a_visit(before, patients)
    if (
        another
        or names_a_previous_payment(before)
        or _A_PAPERS_ISSUE.search(before)
        or SHIPMENTS_CAPTION.search(before)
    ):
        return None
    return iso


def read_issue_date(text: str) -> str | None:
    """The date after a date's label whose words name the paper's issue (``_A_PAPERS_ISSUE``): the payment's date only
    where the page labels no date of the operation, which ``model.labels`` ranks above it."""
    if (found := _date_and_caption(text)) is None:
        return None
    iso, before = found
    shipment = SHIPMENTS_CAPTION.search(before) is not None
    another = _NOT_THE_PAYMENTS_DATE.search(before) or names_a_visit(before, patients=False) or shipment
    return iso if _A_PAPERS_ISSUE.search(before) and not another else None


_NEXT_COLUMN = re.compile(r"(?<![а-яёa-z])(?:" + label("сдача") + "|" + label("принято") + r")(?![а-яёa-z]).*$", re.I)
"""A register that prints its totals in two columns puts the change or the sum tendered on the payment's line
(«ЭЛЕКТРОННЫМИ: 39.99   СДАЧА: 0.00»): the next column, not part of the payment."""


def read_card_payment(text: str) -> str | None:
    """The sum a receipt's card or electronic payment line prints, kopecks and all («ПЛАТ. КАРТОЙ =252.96»): a
    bank app's «Оплата картой •••• 1234» names the card, not a sum."""
    text = _NEXT_COLUMN.sub("", text)
    return read_amount(text) if kopecks_shown(text) else None


_COUNT_THEN_WORDS = re.compile(r"^\W*\d+\W*[^\d\W][^\d]*?(?=\d)")
"""The count and the words after it in 1C's «Всего наименований 3, на сумму 3 600,00»; OCR garbles the words
("1,.Ha.cyMMy 4 500;00"), but a count, then words, then the sum is the line's shape."""


def read_counted_sum(text: str) -> str | None:
    """The sum of «Всего наименований N, на сумму X»: the number after the count and its words, never the count."""
    if counted := _COUNT_THEN_WORDS.match(text):
        text = text[counted.end() :]
    return read_amount(text)


_UNGROUPED_RUN = re.compile(r"(?<![\d.,:'])\d{7,}(?![\d.,:'=-])")
"""Seven digits or more with no separator, and no payment order's «=» or «-» after them (field 7's «1500000=»)."""


def payable(text: str) -> str | None:
    """An amount someone paid: never 0.00 (a blurred total read as zero, "0.00 руб" of a fee on its own line), nor
    millions printed with neither a group's space nor kopecks (``_UNGROUPED_RUN``): a bank app's «-20 147,05 Р» or
    «16 440,00 ₽» that OCR read with its separators lost and its ₽ as a digit («-20147052Р», «16440002»), where
    nothing says where its roubles end. Apps, forms and registers group millions or print their kopecks."""
    amount = normalize_amount(text)
    if amount is None or Decimal(amount) == 0:
        return None
    run = _UNGROUPED_RUN.search(text)
    return None if run is not None and run[0] == amount[:-3] and not kopecks_shown(text) else amount


_ORG_END = re.compile(r"\s+[–—-]?\s*(?:" + label("инн") + r"|" + label("кпп") + r")\b.*$", re.IGNORECASE)


_LEGAL_FORMS = frozenset({"ООО", "АО", "ПАО", "ЗАО", "ОАО", "АКБ", "КБ", "СНТ"})
_OTHER_FORMS = frozenset({"ОДО", "САО", "ИП", "НКО", "ТОО", "ЧУП", "УП"})
"""Legal forms printed as they are that a look-alike reading would turn into one of ``_LEGAL_FORMS`` (a Belarusian
ОДО or an insurer's САО is no ОАО read with a flat-topped А or a blurred О): never respelled."""
_SPELLED_FORMS = _LEGAL_FORMS | {"АНО"}
"""Legal forms OCR may spell in Latin look-alikes: ``_LEGAL_FORMS`` and an автономная некоммерческая организация's
АНО («AHO «Образование Плюс»», a private school), which no blurred glyphs are fitted to: «ДНС» is a shop's name."""
_FORM_GLYPHS = {
    "А": "АAДЛ4",
    "О": "ОOQСCD0G",
    "З": "З3",
    "П": "ПN",
    "К": "КK",
    "Б": "БB6",
    "С": "СC",
    "Н": "НH",
    "Т": "ТT",
}
"""What OCR reads each letter of a legal form as: Latin look-alikes (a СНТ's «CHT»), blur («ПЛО», «ПАС», «СОО»,
«000», a blurred О's gap read as G: «GOO «Сфера Мобилити»», r3_receipt_01_hard, a П whose top bar blurred into a
slant, «NAO “Орбита”»), and a register font's flat-topped А as Д or 4, its З as 3 («ДО "Тандер"», «40 "Тандер"», «340
"Тандер"»)."""
QUOTES = "«\"“”„'‘’`"
"""Opening quotes as printed and as OCR reads them (a blurred « often comes out as ` or ')."""
_FORM_TOKEN = re.compile(r"(?<!\w)[A-ZА-ЯЁ0]{2,3}(?!\w)")
_OPENING_FORM = re.compile(rf"(?P<form>[A-ZА-ЯЁ0-9]{{2,3}})(?!\w)(?P<quoted>\s*[{QUOTES}]+[А-ЯЁ])?")
_LATIN_LOOKALIKES = str.maketrans("AOQKBC0HT", "АООКБСОНТ")
"""Latin letters OCR puts in a legal form: "AO KB" is "АО КБ" (a blurred Б reads as B), an italic О's tail makes it
Q («AQ «ТБанк»»), and a gardening partnership's СНТ reads «CHT»."""


def misread_legal_form(token: str, *, before_a_quoted_name: bool) -> str | None:
    """The legal form a name's opening ``token`` is, read letter for letter through ``_FORM_GLYPHS``, when exactly
    one form fits. Its own letters in Latin, or three letters and zeros («000», «ПЛО»), say so alone; a shorter
    token or one with other digits («ДО», «40», «340») only before a quoted name in Russian («ДО "Тандер"»), where a
    company's form stands: «40» or «ДО» elsewhere is a number or a word."""
    if token in _OTHER_FORMS:
        return None
    if (latin := token.translate(_LATIN_LOOKALIKES)) in _SPELLED_FORMS:
        return latin
    fitting = [
        form
        for form in _LEGAL_FORMS
        if len(form) == len(token)
        and all(glyph in _FORM_GLYPHS[letter] for glyph, letter in zip(token, form, strict=True))
    ]
    plain = len(token) == 3 and not re.search(r"[1-9]", token)
    return fitting[0] if len(fitting) == 1 and (plain or before_a_quoted_name) else None


def a_legal_form(token: str) -> bool:
    """``token`` is a legal form, a company's or a sole trader's («ИП»), as printed, in Latin look-alikes, or misread
    (``misread_legal_form``)."""
    cyrillic = token.upper().translate(_LATIN_LOOKALIKES)
    return cyrillic in _LEGAL_FORMS | _OTHER_FORMS or misread_legal_form(token, before_a_quoted_name=False) is not None


def full_name_alone(text: str) -> bool:
    """``text`` is a person's surname, name and patronymic and nothing else (``_FULL_NAME``)."""
    return _FULL_NAME.fullmatch(text) is not None


_FORM_IN_SMALL_LETTERS = re.compile(rf"^[oо]{{3}}(?=\s*[{QUOTES}][А-ЯЁ])")
"""«ООО» read in small letters, Latin or Cyrillic, before a quoted Russian name («ooo «Полимер-М Логистик»», a
carrier's header on a photo): no other word of three o's opens a name."""


def _cyrillic_legal_forms(name: str, *, a_bank: bool = False) -> str:
    """A Russian name's legal form written with Latin look-alikes, spelled in Cyrillic again, and the form that
    opens it undone from what OCR made of it (``misread_legal_form``); a name's own Latin words ("ООО «IT Lab»")
    and words inside it ("ООО «ПАС»") are left alone. A bank's name may open with its office's «ДО» (дополнительный
    офис: «ДО "Тверской" ПАО Сбербанк»), so there a short token before a quote is no misread form."""
    name = _FORM_IN_SMALL_LETTERS.sub("ООО", name)
    if (opening := _OPENING_FORM.match(name)) and opening.end("form") < len(name):
        quoted = opening["quoted"] is not None and not a_bank
        if form := misread_legal_form(opening["form"], before_a_quoted_name=quoted):
            name = form + name[opening.end("form") :]
    if not re.search(r"[А-Яа-яЁё]", name):
        return name

    def respell(token: re.Match[str]) -> str:
        cyrillic = token.group().translate(_LATIN_LOOKALIKES)
        return cyrillic if cyrillic in _SPELLED_FORMS else token.group()

    return _FORM_TOKEN.sub(respell, name)


_WEB_ADDRESS = r"\s+(?:https?:|www(?![а-яё]))"
"""A web address after a name on its line, «www.cargo-98.ru» (also as OCR reads it, «wwwecargo-S3_ru»): a header's
or a grid cell's, never a part of the name."""
_ADDRESS_TAIL = re.compile(
    r"(?:,\s*(?:\d{6}\b|г\.|ул\.|"
    + label("инн")
    + r"|"
    + label("кпп")
    + r"|"
    + label("огрн")
    + r"|участ\w*|площад\w*|кв\.|адрес\w*|студент\w*|учени\w*|курсант\w*|слушател\w*|гр\.|групп\w*"
    + r")|\s+\d{6},|,?\s+тел[.:]|"
    + _WEB_ADDRESS
    + r").*$",
    re.IGNORECASE,
)
"""What follows a name on its line: the address (its postcode, with or without the comma before it: 'АО «Агрохим»
141100, Московская обл.'), the ИНН/КПП/ОГРН, a phone ("тел. 295 54 82"), and what a bill's payer line adds after a
comma: the payer's plot, its area or flat («Плательщик: Соколов Дмитрий Сергеевич, участок № 49, площадь 6 сот.»), or
who the payer is to the payee, a student's group on a college's bill («Морозов Михаил Иванович, студент гр. С-35»);
and the payee's web address that a header prints beside its name («ООО «ПОЛИМЕР-М ЛОГИСТИК» www.cargo-98.ru»). Not
a personal account's «л/с», which a treasury's payee names as part of itself («МАОУ «СОШ № 114», л/с 30106Ш52141»)."""
_REQUISITES_FIRST = re.compile(
    r"^(?:[\W_]*(?:" + label("инн") + r"|" + label("кпп") + r")\s*[\d/]*)+[\W_]*", re.IGNORECASE
)
"""An ИНН (and a КПП) printed before the name they belong to: «ИНН 5050029646, АО «Агрохим»», «ИНН616101032228 ИП
«Островский В.Г.»»."""


NUMBER_SIGN = r"(?:№|N[oо2e]?|[MМ](?=\s*\d))"
"""«№» as printed and as OCR reads it: «N», «No», «Ne», and «M» before the number in a face whose № it cannot
read (a monospaced oblique's)."""
_NUMBER_SIGN_READ_AS_LATIN = re.compile(r"(?<!\w)N[oоeе]?(?=\s*\d)")
"""OCR's «Ne», «No» or «N» for a «№» before a number inside a Russian name («ФИЛИАЛ Ne 3652 БАНКА ВТБ (ПАО)»,
«Детский сад No 101»)."""


def number_sign_restored(name: str) -> str:
    """A Russian name with its «№» as printed where OCR read it as Latin letters (``_NUMBER_SIGN_READ_AS_LATIN``); a
    name in Latin letters is left as read."""
    return _NUMBER_SIGN_READ_AS_LATIN.sub("№", name) if re.search(r"[А-Яа-яЁё]", name) else name


_BILLS_TITLE = re.compile(r"\W*[СC][ЧY][ЕЁE][ТT]\s*" + NUMBER_SIGN + r"\s*\S+\s+[оo]т\s*\d", re.IGNORECASE)
"""A bill's title set over two lines, «СЧЕТ № 781 от 15.01.2026» over «на оплату обучения …», its first line under a
1C grid's «Получатель» caption (Indra's «CЧЕT № 781 от …»): no name."""
_TITLE_TAIL = re.compile(r"\s+[СC][ЧY][ЕЁE][ТT](?:\s+НА\s+ОПЛАТУ)?(?:\s*" + NUMBER_SIGN + r"\s*\S+)?\s*$")
"""An invoice's title printed on the payee's line ("АО «Профмир»   СЧЁТ № 913"), in capitals as headers are."""


_CRUMBS_AFTER_QUOTE = re.compile(
    r"([»\"”])(?:\s+(?:\S|[^\sА-ЯЁ]\S|[А-ЯЁ][.,]|[^\sA-Za-zА-ЯЁа-яё]+|[A-Za-z]+[.,:;]?))+[\s,;.|]*$"
)
"""Specks OCR reads after a quoted name ("АО «Россельхозбанк» р oe", «ЗАО ”Тандер” ai Sage р», a bank grid's cells
beside the payee's «ООО "ФосАгро-Оре" — О : Seam (02 Spee anes. | > = |»): single characters, two-character bits,
runs of no letters, words of Latin letters (a Russian company's name ends with its closing quote), a capital with a
dot among them («ООО «Т2 Мобайл» Е. #», a phone's photo), none of them a capitalised Russian word ("ООО «Ромашка» Юг"
keeps its "Юг")."""


_FULL_NAME = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:ович|евич|ич|овна|евна|ична)")
"""A person's surname, name and patronymic, as a bill names its payer or an ИП."""
_CRUMB = re.compile(r"\S|[^\sА-ЯЁ]\S|[^\sA-Za-zА-ЯЁа-яё]+|[^\w\s]*[A-Za-z]\S*")
"""One speck of a photo's background as OCR reads it beside a name: a single character, a two-character bit, a run
of no letters, a word that starts in Latin letters after a quote or none (``_CRUMBS_AFTER_QUOTE``'s, «Pacкод»)."""
_ID_AFTER_A_LABEL = re.compile(r"\S{1,5}\s*\d{10}(?:\d{2})?(?!\d)")
"""A short word and an ИНН's digits: the ИНН that follows a name, whatever OCR made of its label («ИПП 6345…»)."""


_GLUED_MARKS = re.compile(r"^[^\w\s-]+(?=\s|$)")
"""Marks OCR glued to a name's last word («Петрович! 4»): no letter, digit or hyphen, up to a space."""


_NAMED_WITH_AN_INITIAL = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|ич|вна|чна|ична)\s+[А-ЯЁ]\.(?!\w)")
"""A person as a bank app shows the other party of a transfer: first name, patronymic and the surname's initial
(«Михаил Иванович М.»). The initial ends the name."""


def _without_crumbs_after_a_person(name: str) -> str:
    """A person's full name (``_FULL_NAME``), or as a bank app names one (``_NAMED_WITH_AN_INITIAL``), without what
    follows it on its line when that is all specks (``_CRUMB``), perhaps glued to the patronymic (``_GLUED_MARKS``),
    and perhaps an ИНН after a garbled label: a payer's row on a photographed bill («Новиков Павел Викторович А eM
    Seo», «Павлов Олег Олегович ИПП 634543985709»), a transfer's recipient on a photographed screen («Михаил
    Иванович М. TTS»). A patronymic ends a name; a Russian word after it («оглы», a student's «студент») is no speck
    and keeps the line as read."""
    person = _FULL_NAME.search(name) or _NAMED_WITH_AN_INITIAL.search(name)
    if person is None:
        return name
    rest = _ID_AFTER_A_LABEL.sub(" ", _GLUED_MARKS.sub(" ", name[person.end() :]))
    if rest[:1].strip() or not all(_CRUMB.fullmatch(token) for token in rest.split()):
        return name
    return name[: person.end()]


_PERSON_THEN_SPECKS = re.compile(
    r"^(?:ИП\s+)?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?P<rest>(?:[^\w\s-]|\s).*)$"
)
"""Three capitalised Russian words, a person's shape, with more after them on the line."""


def misread_person(name: str) -> bool:
    """A name shaped as a person's three names (``_PERSON_THEN_SPECKS``), specks after them, whose third word is no
    patronymic: «Попов Михаил Петров! 4» is «Петрович» with its «ич» read as «! 4». A full name's specks were cut
    (``_without_crumbs_after_a_person``); these stand where the name's own letters were, so it is no one's name."""
    shaped = _PERSON_THEN_SPECKS.match(name)
    if shaped is None or _FULL_NAME.search(name) is not None:
        return False
    rest = _GLUED_MARKS.sub(" ", shaped["rest"])
    return not rest[:1].strip() and all(_CRUMB.fullmatch(token) for token in rest.split())


_BESIDE_A_QUOTED_NAME = re.compile(
    r"\s+(?:" + _FULL_NAME.pattern + r"(?![а-яё])"
    r"|(?:Плательщик|Получатель|Покупатель|Заказчик|Исполнитель|Поставщик|Продав[её]ц|Арендатор|Абонент|Доверитель"
    r"|Страхователь)"
    r"(?![а-яё])|(?:[^\s\d]{1,4}\s+){0,2}\d{20}(?!\d)).*$"
)
"""What the next column begins with on a quoted name's line, after the quote that closes the name: a person named
in full (a ЕПД's head, the payee's company on the left and the payer on the right of one row: «ООО «УК Меридиан»
Кузнецов Дмитрий Иванович»), a party's caption («ООО «УК Меридиан» Плательщик»), an account with its cell's caption
(a bank grid's «НО «Коллегия адвокатов «Эгида» г. Екатеринбурга» Сч. № 4070…»)."""
_QUOTE_CLOSED = re.compile(r"[»\"”]")


def _quotes_balanced(text: str) -> bool:
    """Every quote opened in ``text`` is closed: as many « as », and the other quote marks in pairs."""
    others = sum(text.count(mark) for mark in '"“”„')
    return text.count("«") == text.count("»") and others % 2 == 0


def _quoted_name_ended(name: str) -> str:
    """``name`` up to the quote that closes it where the next column begins after it (``_BESIDE_A_QUOTED_NAME``): a
    company's name ends with its closing quote, and once every quote in it is closed a person, a caption or an
    account after it belong to another cell of the row."""
    for close in _QUOTE_CLOSED.finditer(name):
        head = name[: close.end()]
        if _quotes_balanced(head) and _BESIDE_A_QUOTED_NAME.match(name, close.end()):
            return head
    return name


def _names_something(name: str, word: str) -> bool:
    """A name (legal forms already in Cyrillic) has a ``word`` besides its legal form: "ООО 3" is a form and a
    speck, not a company."""
    return re.search(word, _FORM_TOKEN.sub(lambda t: "" if t.group() in _LEGAL_FORMS else t.group(), name)) is not None


_LATIN_INITIAL = re.compile(r"(?<=\s)[ABCEHKMOPTXY](?=[.,])")
_REQUISITE_AFTER_COMMA = re.compile(r",\s*\S{1,5}\s*\d{10}(?:\d{2})?(?!\d).*$")
"""«ИП Егорова О. И., AHH 470118816487»: a short word and an ИНН's digits after a comma are the requisites that
follow a name, whatever OCR made of their label."""
_INITIAL_READ_AS_THREE = re.compile(r"(?<=ич |на )3(?=\.$)")
"""A «З» read as «3» where a bank app's person ends with the surname's initial after the patronymic («Николай Петрович
3.», ``_NAMED_WITH_AN_INITIAL``): no name ends with a digit."""
_INITIALS = re.compile(r"(?<=[а-яё] )[А-ЯЁ][.,]\s?[А-ЯЁ][.,](?=\s|$)")
"""The two initials after a surname ("Захаров Б. Б.", as blur reads it "Б, Б,"): whatever follows is not the name."""


_CAPTION_START = re.compile(
    r"^[\W_]*(?:номер|наименование|реквизиты|банковские\s+реквизиты|раздел|сведения)(?![а-яё])", re.IGNORECASE
)
"""The caption of the cell beside a label or a section's heading over it («Раздел 2 Сведения для внесения платы
получателю платежа» over «Наименование получателя платежа | Номер банковского счета и банковские реквизиты», a ЖКХ
bill's column heads): no name opens with one."""


_SUM_ALONE = re.compile(
    r"^[\W_]*\d[\d\s.,]*(?:руб(?:лей|ля|ль)?|р|rub|rur|₽)?\.?(?:\s*\d{1,2}\s*коп\.?)?[\W_]*(?:\s\S{1,2})?$",
    re.IGNORECASE,
)
"""A sum of money and its unit alone, «16 469,00 руб.»: the next row's value where a form's two columns drift apart
on a photo (a tax notice's slip read «Плательщик 16 469,00 руб.», the payer's name on the row above), a speck or two
after it; its «руб» letters name nobody."""


ROLE_ALONE = re.compile(
    r"^[\W_]*(?:(?-i:[а-яё]+)\s*:?\s*)?(?:заказчик|покупател|плательщик|исполнител|поставщик|продав[её]ц|подрядчик"
    r"|получател|арендатор|арендодател|абонент|доверител|страховател|buyer|supplier|customer|seller|contractor|payer"
    r"|payee|beneficiary)\w*[\W_]*$",
    re.IGNORECASE,
)
"""A party's role word and nothing else: the next caption of a row of captions («Исполнитель: Заказчик:» over both
parties' names at the foot of an act, a bilingual label's «Покупатель / Buyer» whose English half went to another
line), never the name under the label before it; also after the rest of that label, its lower-case word and colon
(«Исполнитель услуг: Плательщик:», a ЕПД's two columns' captions on one row; «услу Плательщик:» where a photo lost
the word's end and its colon)."""


NOBODY_NAMED = re.compile(r"^[\W_]*(?:физ(?:ическое|\.)?\s*лицо|частное\s+лицо|физлицо)[\W_]*$", re.IGNORECASE)
"""A party's category, not its name: a self-employed's receipt prints «Покупатель: Физическое лицо» where the buyer is
a person it need not name; it names nobody, so no payer (nor the rest of a qualifier, ``labels._read_value``)."""


_BANK_OFFICE_BESIDE = re.compile(r"\s+(?:дополнительный|операционный|доп\.)\s*офис(?![а-яё]).*$", re.IGNORECASE)
"""A bank's office that the next column begins on the name's line («АО "Газпром теплоэнерго Самара Дополнительный
офис "Самарский Региональный Центр"…», a ЖКХ bill's payee beside its bank): no payee's name goes on into one."""


PD4_HALF_TITLE = re.compile(
    r"^[\W_]*(?:" + label("извещение") + "|" + label("квитанция") + r")(?![а-яёa-z])[\s:|.-]*(?=[«\"“„А-ЯЁA-Z])",
    re.IGNORECASE,
)
"""The title a ПД-4 prints in its left column beside the payee's name that opens the right one, «Извещение» on the
upper half and «Квитанция» on the lower, on the name's line as OCR reads the row («Квитанция Финансовое управление
…», «Извещение ТСЖ «…»»): the form's, not the name's."""


_TRANSLATED_CAPTION = re.compile(r"^\s*/\s*[A-Za-z][A-Za-z'’]*(?:\.?\s+[a-z][A-Za-z'’]*)*\.?\s*:?\s*")
"""The English half of a bilingual label, after its slash: «Получатель / Beneficiary ООО …», «Банк получателя /
Beneficiary's bank "…"», «Корр. счёт / Corr. account …». A Russian name never opens with a slash."""


def untranslated(text: str) -> str:
    """``text`` without the English half of a bilingual label before it (``_TRANSLATED_CAPTION``)."""
    return _TRANSLATED_CAPTION.sub("", text, count=1)


_LATIN_TWIN = re.compile(
    r"(?P<name>.*[«\"“„][^«»\"“”„]*[а-яё][^«»\"“”„]*[»\"”])\s+[\"“«][a-z][a-z0-9 &.'-]*[\"”»]"
    r"(?:\s+(?:ltd|llc|jsc|pjsc|inc)\.?)?\s*$",
    re.IGNORECASE,
)
"""A bilingual header's English twin of the quoted name after it: «ООО «СТАРТ» "START" LTD» (a hotel's folio, its
Russian and English columns side by side). The name is the Russian one; a name whose own quoted part is Latin
(«ООО "YANDEX"») has no Cyrillic quote before it and keeps it."""


_SPECK_RUN_AT_THE_END = re.compile(r"\s+[—–\-^~=_*.,:;|]{3,}$")
"""A run of dashes and specks that ends the name's line after a space: a torn or crumpled tape's edge, or a rule
printed under the name («ЗАО “Дикси ———^^-------», the quote left open where the name went on into it). No name
ends with three of them."""


_BOXED_SPECK_ON = re.compile(r"\s+\[[^\]\s]{0,3}\](?:\s.*)?$")
"""A glyph in square brackets and whatever follows it on the name's line («ИП Попов Сергей Николаевич [=] ие [=]»):
OCR's reading of a QR code's finder squares printed on the name's row (an ОФД's receipt page, its QR at the right
of the card). No name holds one."""


COMPANY_FORM_AS_READ = r"(?:[ОO0]{3}|[ПЗОO0]?[АA][ОO0])"
"""A company's legal form as OCR reads its letters: «ООО», «O00», «АО», «ПАО», «ЗАО», «ОАО»."""
_CRUMBS_BEFORE_A_COMPANY = re.compile(
    rf"^\s*[^\Wа-яё]?[^а-яё\s][^а-яё]*?[\s|]+(?={COMPANY_FORM_AS_READ}\s*[«\"“„])", re.IGNORECASE
)
"""Specks and a blurred caption's crumbs between a label and a company's name, no Russian letter among them: «mee АО
"Полимер-М”» (r4_invoice_02_hard), «== - = - Sexe a i | OOO «Уральские Охнё»» (r6_invoice_03_hard). A company's
name opens with its legal form and its quoted name; nothing printed before them is Latin alone."""


def read_name(text: str) -> str | None:
    """A name as printed, without the ИНН/КПП (before or after it), address, phone or invoice title that shares its
    line, nor a ПД-4's column word before it, nor a bilingual label's English half; OCR's "000" for ООО is undone.
    None where the text is another cell's caption or a sum (``_SUM_ALONE``)."""
    text = _CRUMBS_BEFORE_A_COMPANY.sub("", untranslated(text))
    if _CAPTION_START.match(text) or ROLE_ALONE.match(text) or NOBODY_NAMED.match(text) or _BILLS_TITLE.match(text):
        return None
    text = _ROLE_IN_BRACKETS.sub("", PD4_HALF_TITLE.sub("", text))
    text = _BANK_OFFICE_BESIDE.sub("", _REQUISITES_FIRST.sub("", _FORM_ROW_NUMBER.sub("", text)))
    text = _PERSONAL_ACCOUNT_BESIDE.sub("", _NEXT_CAPTION.sub("", _FORM_BLANK.sub("", text)))
    text = _BOXED_SPECK_ON.sub("", _SPECK_RUN_AT_THE_END.sub("", text))
    name = _TITLE_TAIL.sub("", _ADDRESS_TAIL.sub("", _ORG_END.sub("", text)))
    name = _LATIN_TWIN.sub(r"\g<name>", _quoted_name_ended(name.strip(" :|_—-`")))
    name = _CRUMBS_AFTER_QUOTE.sub(r"\1", _REQUISITE_AFTER_COMMA.sub("", name))
    name = _without_crumbs_after_a_person(name)
    if re.search(r"[а-яё]", name):  # «ИП Ковалёв A. A.»: initials read as Latin look-alikes
        name = _LATIN_INITIAL.sub(lambda initial: initial.group().translate(_WORD_LOOKALIKES), name)
    name = _INITIAL_READ_AS_THREE.sub("З", name)
    if initials := _INITIALS.search(name):  # "ИП Захаров Б, Б, ВИ ФАН": the name ends with its initials
        name = name[: initials.start()] + initials.group().replace(",", ".")
    name = _CYRILLIC_READ_AS_LATIN.sub(_respelled, _cyrillic_legal_forms(name))
    if _LEGAL_FORM_FIRST.match(name):  # a company's name, which the law has in Russian (``latin_words_respelled``)
        name = latin_words_respelled(name)
    if _SUM_ALONE.match(name) or not _names_something(name, r"[А-Яа-яЁёA-Za-z]{2}"):
        return None
    return normalize_text(number_sign_restored(name))


_NEXT_CAPTION = re.compile(
    r"(?<=[»\"”\w.])(?:\s+(?:[^\w\s]{1,2}|\d{1,2}))*\s+[А-ЯЁ][а-яё]+(?:\s+[а-яё]+){0,3}\s?:(?:\s.*)?$"
)
"""The next cell's caption on the name's line, a capitalised word or a few ending in a colon: a web page's header
row prints its captions side by side («Продавец: ООО "Союз" Дата и время: Итоговая сумма:», the values on the row
under them), and OCR's «Дата ииреми:» still ends in its colon; a ЕПД's grid prints the payer's code in the next
cell, its border and specks read between («Плательщик Морозов Игорь Иванович 1 2 = Код плательщика: | 8753…»). A
name holds no colon."""
_PERSONAL_ACCOUNT_BESIDE = re.compile(r"\s+\W?\s*" + label("лицевой") + r"(?![а-яёa-z]).*$", re.IGNORECASE)
"""A ПД-4's next cell on the payer's row, «Лицевой счёт. 14644890», whatever specks a photo read after it and with
no colon to end its caption (``_NEXT_CAPTION``): the payer's personal account, no part of his name."""
_ROLE_IN_BRACKETS = re.compile(
    r"\s*\([^()\n]{0,20}?(?:представител[ьяи]|родител[ьяи]|опекун|попечител[ьяи])(?![а-яё])[^()\n]*\)?\s*$",
    re.IGNORECASE,
)
"""In whose stead a person pays, in brackets after the name: a school's bill to a pupil's parent, «Соколов Дмитрий
Иванович (законный представитель)», OCR's «(захониый представитель)»; a company's «(представительство в …)» is its
name."""
_FORM_ROW_NUMBER = re.compile(r"\s*\((?:\d{1,2}[а-яёa-z]?|[бб6]?[аa])\)\s*$", re.IGNORECASE)
"""The number a счёт-фактура's form gives each row at its end, «Продавец Татэнерго (2)», «(6а)», OCR's «(ба)»."""
_WORD_LOOKALIKES = str.maketrans("ABCEHKMOPTXY30", "АВСЕНКМОРТХУЗО")
_SAME_SHAPES = ("AaBCcEeHKMOoPpTXxy" + GREEK_SHAPES[0], "АаВСсЕеНКМОоРрТХху" + GREEK_SHAPES[1])
LOOKALIKE_LETTERS = str.maketrans(*_SAME_SHAPES)
"""Latin and Greek letters drawn as Cyrillic ones are, in both cases: a word OCR spelled partly in them is Cyrillic
again."""
_LOWER_CASE_READINGS = ("rnumt", "гпимт")
LOOSE_LOOKALIKES = str.maketrans(_SAME_SHAPES[0] + _LOWER_CASE_READINGS[0], _SAME_SHAPES[1] + _LOWER_CASE_READINGS[1])
"""The same, and the Latin letters Tesseract reads a Cyrillic lower-case г, п, и, м, т as («Arpoxum» for a 1C
invoice's «Агрохим», «Arpotopr» for a register's dot-font «Агроторг»): only for a word whose every letter is one
of them (in a word with other Latin letters an n may well be an м misread). An upright м reads as «m»; an italic т
does too, but documents print upright."""
_CYRILLIC_READ_AS_LATIN = re.compile(r"(?<!\w)[A-ZА-ЯЁ0-9]*[ABCEHKMOPTXY][A-ZА-ЯЁ0-9]*(?!\w)")


def _respelled(word: re.Match[str]) -> str:
    """An upper-case word OCR spelled partly in Latin look-alikes: «BEPE3KA» (a З read as 3) or «ПАРУC» is Cyrillic
    again. A word of Latin letters alone («MAX», «IT») may be the name's own and is left as it is."""
    text = word.group()
    mixed = re.search(r"[А-ЯЁ]", text) is not None or re.search(r"[A-Z][30]|[30][A-Z]", text) is not None
    cyrillic = text.translate(_WORD_LOOKALIKES)
    return cyrillic if mixed and re.fullmatch(r"[А-ЯЁ]+", cyrillic) else text


_TEXT_END = re.compile(r"\s{3,}.*$")
_FORM_BLANK = re.compile(r"(?:\s_|_{2}).*$")
"""A form's blank ("____") or a lone "_" after a value: what follows is the next cell or specks ("ООО «Три медведя»
_ gr ULL", "ПАО «Промсвязьбанк» __ BANK 044525555"); no name or purpose has one."""


def read_text(text: str) -> str | None:
    """Free text, a purpose or a bank's name, up to a wide gap or a form's blank, where the next cell begins; a
    backslash at its end is a crack in the screen that OCR read beside it («СберБанк \\»): no value ends with one.
    One before it stays, and no name starts with it (``_NAME_START``): the crack ran through the value's start."""
    return normalize_text(_TEXT_END.sub("", _FORM_BLANK.sub("", text)).strip(" :|").rstrip(" \\"))


_WORD = re.compile(r"[^\W\d_]{3,}")


def read_purpose(text: str) -> str | None:
    """A payment's purpose as ``read_text`` reads it, if it holds a word and is no OCR soup (``_ocr_soup``): specks
    and a stamp's edges under the caption of a scanned payment order («_ sa», «р») say nothing, and would win over a
    reading that does."""
    purpose = read_text(_LATIN_SPECKS_BEFORE_RUSSIAN.sub("", _CASH_SYMBOL_CELL.sub("", text)))
    return purpose if purpose is not None and _WORD.search(purpose) and not _ocr_soup(purpose) else None


_LATIN_SPECKS_BEFORE_RUSSIAN = re.compile(r"^\W*(?:[a-z]{1,3}[^\w\s]*\s+)+(?=[А-ЯЁ][а-яё])")
"""Bits of one to three small Latin letters before a purpose that opens with a capitalised Russian word: a photo's
specks between the caption and its text («Сообщение. ee За квартиру»), no words of the purpose."""
_CASH_SYMBOL_CELL = re.compile(r"[\s|\[_°]*(?<![а-яёa-z])" + label("символ") + r"(?![а-яёa-z])[\W\d_]*$", re.IGNORECASE)
"""A cash form's cell of its cash symbol («Символ 32», the code of the cash's source) at the end of the purpose's
row, beside the source of the cash (a cash deposit slip, form 0402001), also with its borders and specks
(«_|Символ _[32», «°|Символ. .»): no purpose ends with the word."""


_QUOTE_PAIRS = {"«": "»", '"': '"', "“": "”", "„": "“"}


def without_enclosing_quotes(text: str) -> str:
    """``text`` without the pair of quotes that encloses all of it: a bill's instruction quotes the words to write,
    «В назначении платежа указывать: «Оплата … по соглашению № 263/26 …»», and the quotes are the instruction's, not
    the purpose's. A quote that closes before the end («Ромашка» и «Лютик») encloses no whole."""
    closing = _QUOTE_PAIRS.get(text[:1])
    if closing is None or len(text) < 3 or text[-1] != closing:
        return text
    inner, depth = text[1:-1], 0
    for char in inner:
        if char == text[0] and text[0] != closing:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth < 0 or text[0] == closing:
                return text
    return inner.strip() if depth == 0 else text


_LATIN_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]{3,}(?![^\W\d_])")
_CYRILLIC_WORD = re.compile(r"(?<![^\W\d_])[А-Яа-яЁё]{3,}(?![^\W\d_])")
_LONE_LETTER = re.compile(r"(?<!\S)[^\W\d_](?!\S)")
SOUP_WORDS = 3
"""How many Latin words and lone letters a Cyrillic line needs to be OCR's soup (``_ocr_soup``)."""


def _ocr_soup(text: str) -> bool:
    """Letters OCR made of a line it could not read (a fax that lost the middle rows of a purpose's letters: «Menara А
    парам. К TED д билана Can LIA мля у а т ae чему …», r12_transfer_00_hard): Latin words as many as Cyrillic ones,
    and lone letters besides. A purpose that names a foreign service («Оплата по счёту Invoice 5 for Google Ads») has
    no lone letters; one in Russian has few Latin words."""
    latin, cyrillic = len(_LATIN_WORD.findall(text)), len(_CYRILLIC_WORD.findall(text))
    lone = len(_LONE_LETTER.findall(text))
    return cyrillic > 0 and latin >= max(SOUP_WORDS, cyrillic) and lone >= SOUP_WORDS


_RECEIVER_FIRST = r"ГК\s*[«\"]?[АA][СC][ВB][»\"”]?\s*-?\s*(?:КУ|конкурсный\s+управляющий)\s+"
_BANK_START = (
    r"(?:КУ\s+|" + _RECEIVER_FIRST + r")?(?:П?[АA][OО]|[ЗОO][АA][OО]|[OО]{3}|А?[КK][БB]|ББР|Банк|Филиал|Ф-Л)\b"
)
"""How a bank's name begins: its legal form (as printed or in OCR's Latin look-alikes), "Банк …" or "Филиал …" (also
shortened as the directory shortens it, «ф-л ПАО "Банк "Санкт-Петербург" в г.Москве»), also after a bank in
liquidation's receiver, «КУ ООО КБ "ОГНИ МОСКВЫ" - ГК "АСВ"», as the directory names it, or after the receiver named
first, «ГК "АСВ" - КУ АО БАНК "РКБ"», «ГК АСВ Конкурсный управляющий АО БАНК "НБТ"» (the directory's names of those)."""
_IN_BEFORE_BANK = re.compile(rf"^[\W_]*(?:[вB]\s*(?:банке\s+)?(?={_BANK_START})|в\s+(?=[А-ЯЁ«\"]))")
"""The "в (банке)" of "р/с … в АО КБ …" left before a bank's name on a form's line, or glued to it as OCR reads it
("BAO КБ «…»"); no bank's name starts with that preposition. A lower-case «в» and a space also stand before a name
that opens with its branch («в КУРСКИЙ РФ АО «РОССЕЛЬХОЗБАНК»» on a ПД-4)."""


_BANKS_ADDRESS = re.compile(r",\s*(?:росси[яи]\w*\s*,\s*|рф\s*,\s*)?\d{6}\s*,.*$", re.IGNORECASE)
"""The bank's own address after its name in its grid cell, from its postcode on: «АО "Райффайзенбанк", Россия, 119002,
г. Москва, …» (a freight forwarder's 1C invoice). A city after the name («ПАО СБЕРБАНК Г.МОСКВА») is no address."""
_TREASURY_AFTER_ITS_DIVISION = re.compile(r"(банка\s*росси[иu])\s*(?:/{1,2}|\||л|\s)\s*(уфк)(?![а-яё])", re.I)
"""A treasury office printed after its Bank of Russia division, «… БАНКА РОССИИ//УФК по …», whose slashes OCR read as
a space, a bar or an «Л» («… РОССИИЛУФК по …»): the double slash again."""


BANK_TAIL = re.compile(
    r"\s+(?:" + label("бик") + r"|" + label("к/с") + r")\b.*$"
    r"|(?:\s+(?!bank|банк)(?=\S*[a-z/])\S{1,5})?\s+[|\[(]?(?:301|401)(?:\s?\d){17}\W*$"
    r"|\s+(?:операция|перевод|платеж|платёж)\s+(?:выполнен|исполнен|проведен|в\s+обработке)\w*\W*$"
    r"|\s+(?:исполнено|выполнено|проведено)\W*$"
    r"|" + _WEB_ADDRESS + r".*$"
    r"|(?<=[А-Яа-яЁё»\"])\s+(?-i:(?=[a-z]*[bdfghijlqsvwz])[a-z]{1,6})\W*$"
    r"|(?:\s+\S{1,3}){0,2}\s+\S?[ИиUu][КкKk](?:\s+\S{1,3}){0,2}\s+[|\[(‘'`]?0\d{8}(?!\d)(?:\s+\S{1,3})*\W*$",
    re.IGNORECASE,
)
"""The БИК or к/с cell that shares a line with the bank's name — its twenty digits (a treasury office's ЕКС 40102…,
one space OCR put between them too) also after a caption OCR garbled into a short word with a Latin letter («… БАНКА
Kien 30101810…», «… г ERC 4010281 0445370000059») —, or the status its stamp prints after it («Банк
ВТБ (ПАО) Операция выполнена», «… ИСПОЛНЕНО»), or a web address (``_WEB_ADDRESS``); a short word in small Latin
letters after a Russian name is specks OCR read off the page's edge («… АО Банк Инго baie»), if a letter of it has no
Cyrillic twin: «no» is «по» («… //УФК no» / «Республике Хакасия»); a БИК's nine digits (0…) ending the line, after
what blur left of its caption and specks around it («… г. Екатеринбург ЗК ВИК ня ‘046577406 е»): no bank's
name holds nine digits, and the caption's «ИК» survives where its «Б» was misread."""


_REQUISITE_WORDS = (
    "инн", "кпп", "бик", "к/с", "р/с", "кор. сч", "корр. сч", "р/сч", "сч. №", "счет", "счёт", "номер счета",
    "номер счёта", "екс", "кбк",
)  # fmt: skip
_REQUISITE_CELL = re.compile(
    r"(?<![а-яёa-z])(?:" + "|".join(label(word) for word in _REQUISITE_WORDS) + r")(?![а-яёa-z])", re.IGNORECASE
)
"""The first requisite cell of a bank grid's row («ИНН … КПП … Сч. № …», «БИК …», a budget payment's «ЕКС …» and
«КБК …» beside a treasury office's name): a bank's name ends before it,
and text that starts with one is no bank's name at all (1C's «Банк получателя» over the ИНН row, a list's «Счёт
получателя: 4070…» over a value-less «Банк получателя», a transfer receipt's «Номер счёта / 4070…» over its
«Банк получателя / …» whose name OCR garbled)."""


_ONE_WORD_BANK = re.compile(r"банк|^[А-ЯЁA-Z]{2,4}$", re.IGNORECASE)
"""A bank named in one word says "банк" (Сбербанк, Т-Банк) or is an acronym (ВТБ, МКБ); another lone word under a
bank's label is a caption OCR misspelled («Банк попучателя») or the city a wrapped name ends with («ВОРОНЕЖ»)."""


_CAPTION_BEFORE_BANK = re.compile(
    rf"^.{{0,20}}?(?:банк\w*\s+получател\w*\W*|{label('получател')}\w*\W*(?={_BANK_START})"
    rf"|{label('получ')}[^\s:]*\s*:\s*(?={_BANK_START}|[OО0]{{3}}\b|[«\"“]))",
    re.IGNORECASE,
)
"""The caption «Банк получателя» read past matching its label before the name: garbled («hank получателя ПАО «Банк
Новиком»») before a name that starts like a bank's, or whole after a photo's specks («КИ Банк получателя МТС Банк»),
or its second word garbled past spelling but ending in the caption's colon before a name that opens like a
bank's, its form's О also read as zeros («Банк получя‘еля: O00 "Мурманский расчетный Банк“», a fax): a bank's name
never contains «получателя», nor a word opening «получ…» and a colon. Before a bank's form the caption's word is
matched through its look-alikes (``label``): a cash deposit slip's «Банк-получатёль», its е read ё. Not before a
lone word («Банк попучатоля: Сбербаюми», a phone's screenshot): the caption of a bank's name OCR garbled too, which
the line under it does not finish («ИД Банка получателя …»)."""


_ROW_LABEL_BEFORE_BANK = re.compile(r"^\W*(?:полное\s+)?наименование\s*:\s*", re.IGNORECASE)
"""A row's label under a stacked «Банк получателя» («Наименование: Сбербанк», Райффайзен's application): the label
of the block's row, no part of the bank's name."""


_NO_BANKS_FORM = re.compile(r"^\W*(?:ТСЖ|ТСН|ЖСК|СНТ|ИП)(?![\w-])")
"""A homeowners' association, a housing or garden cooperative or a sole trader is never a bank: a ПД-4 read in
columns gives the «Банк» caption the payee's «ТСЖ «…»» of the next line."""
_PARTYS_BANK_CAPTION = re.compile(r"^\W*банк\W+(?:плательщик|получател|отправител)\w*\W*$", re.IGNORECASE)
"""«Банк плательщика», «Банк получателя» alone: the caption under a bank's cell, never a bank's name."""


_PARTYS_CAPTION_END = re.compile(r"(?<![а-яё])(?:получател|плательщик|отправител)[а-яё]*\W*$", re.IGNORECASE)
"""Text ending with a party's word is a caption, whatever OCR made of its first words («Номей [арть\\ получателя»
for «Номер карты получателя» over a stacked «Банк получателя»): a bank's name never ends with one."""


_LONE_LETTER_AT_THE_END = re.compile(r"(?<=\w)\s+[а-яёa-z]$")
"""A small letter alone after a bank's name on its line, a speck of a photographed screen («Т-Банк а»): a bank's name
ends with a word, an abbreviation or a quote, never a lone small letter."""


def read_bank(text: str) -> str | None:
    """A bank name, without a БИК/к/с tail that shares its line or the "в" before it, nor a bilingual label's English
    half, and none from a row of requisites, nor a lone word that names no bank, nor a bank's caption."""
    text = untranslated(text)
    if _PARTYS_BANK_CAPTION.match(text) or _NO_BANKS_FORM.match(text):
        return None
    text = _CAPTION_BEFORE_BANK.sub("", _IN_BEFORE_BANK.sub("", _ROW_LABEL_BEFORE_BANK.sub("", text)))
    if cell := _REQUISITE_CELL.search(text):
        text = text[: cell.start()]
    text = _NEXT_CAPTION.sub("", text)  # «… В Г. ЕКАТЕРИНБУРГЕ Расчётный период: октябрь 2026», a ЕПД's next column
    if _PARTYS_CAPTION_END.search(text):
        return None
    cut = _cyrillic_legal_forms(
        BANK_TAIL.sub("", _FORM_BLANK.sub("", _BANKS_ADDRESS.sub("", text))).strip(), a_bank=True
    )
    if not _names_something(cut, r"[А-Яа-яЁё]{2}"):
        return None
    bank = read_text(_CRUMBS_AFTER_QUOTE.sub(r"\1", cut))
    if bank is not None and " " not in bank and not _ONE_WORD_BANK.search(bank.strip("«»\"'")):
        return None
    if bank is None:
        return None
    bank = _LONE_LETTER_AT_THE_END.sub("", bank)
    bank = latin_words_respelled(_SPECKS_BEFORE.sub("", bank), _UPPER_CASE_LOOKALIKE_WORD)
    bank = _TREASURY_AFTER_ITS_DIVISION.sub(r"\1//\2", number_sign_restored(bank))
    return bank if _NAME_START.match(bank) else None


_UPPER_CASE_LOOKALIKE_WORD = re.compile(r"(?<![\w-])[ABCEHKMOPTXY]{2,}(?![\w-])")
"""A word of capitals that all have a Cyrillic twin (Y is У)."""
_LOOKALIKE_WORD = re.compile(r"(?<![\w-])(?:[ABCEHKMOPTX]|[aceoprxnumt]){2,}(?![\w-])")
"""A word whose every letter is a Latin reading of one Cyrillic letter (``LOOSE_LOOKALIKES``), in capitals or small
letters: «TA», «Arpoxum». Not a Y, which is a Ч as often as an У («HETY» for «НЕТЧ»): such a word stays as read, and
another reading of the name may settle it (``spelled_as_printed``)."""
_CYRILLIC_WORD = re.compile(r"[А-ЯЁа-яё]{2,}")
_LEGAL_FORM_WORD = re.compile(
    r"п?ао|ооо|оао|зао|акб|кб|ип|нко|общество|ограниченной|ответственностью|(?:не)?публичное|закрытое|открытое"
    r"|акционерное|индивидуальный|предприниматель",
    re.IGNORECASE,
)
"""The words of a legal form, short or written out: any company's, so they say nothing of its own name's script."""
_LEGAL_FORM_FIRST = re.compile(rf"[\W_]*(?:{_LEGAL_FORM_WORD.pattern})(?![А-ЯЁа-яёA-Za-z])", re.IGNORECASE)


def latin_words_respelled(name: str, latin_word: re.Pattern[str] = _LOOKALIKE_WORD) -> str:
    """A name whose words are Cyrillic but one or two that OCR read in Latin look-alikes: Cyrillic again — a bank's
    («КУ ПАО БАНК «ЮГРА» - ГК «ACB»», «KY КБ …»; the directory spells the deposit agency's АСВ and a receiver's КУ in
    Cyrillic), a company's («АО “TA Перекресток”», «АО "Щелково Arpoxum"»): a Russian company's name is Russian by
    law (ГК РФ, ст. 1473), and the Latin words it may still print show letters no Cyrillic one looks like («BMW
    Банк», «Apple Rus»). Where its own words (its legal form's are anyone's) are no more Cyrillic than Latin, the
    name stays as read («АО "TOYOTA"», «ООО «MAX»», «ООО "MBM"» for «ООО "МВМ"»): nothing on its line says which
    script its look-alike letters are."""
    latin = latin_word.findall(name)
    own = [word for word in _CYRILLIC_WORD.findall(name) if not _LEGAL_FORM_WORD.fullmatch(word)]
    if not latin or len(own) < len(latin):
        return name
    return latin_word.sub(lambda word: word.group().translate(_WORD_LOOKALIKES).translate(LOOSE_LOOKALIKES), name)


_READ_AS_ANOTHERS_TWIN = str.maketrans("чд", "уа")
"""Cyrillic letters Tesseract reads as the Latin letter of another one's shape: Ч as Y (the У's), a register font's
flat-topped Д as A («“TA Перекресток”» for «"ТД Перекресток"»)."""


def _shapes(name: str) -> str:
    """``name``'s letters and digits in lower-case Cyrillic, each Latin look-alike read as its twin."""
    cyrillic = name.translate(_WORD_LOOKALIKES).translate(LOOSE_LOOKALIKES).lower().replace("ё", "е")
    return "".join(char for char in cyrillic if char.isalnum())


def spelled_as_printed(name: str, readings: Iterable[str]) -> str:
    """``name``, which OCR read with Latin letters, as another reading of it on the page spells it in Cyrillic alone
    where that reading shows a letter no Latin one is: a 1C invoice's «Поставщик ООО "HETY Тула"» is «ООО "НЕТЧ
    Тула"» as the header over its bank grid prints it (a Ч read as Y). Where the two agree letter for letter as
    look-alikes («TOYOTA», «ТОУОТА»), neither says which script is printed, and ``name`` stays as read."""
    if not re.search(r"[A-Za-z]", name):
        return name
    for other in readings:
        cyrillic = not re.search(r"[A-Za-z]", other)
        same = _shapes(name).translate(_READ_AS_ANOTHERS_TWIN) == _shapes(other).translate(_READ_AS_ANOTHERS_TWIN)
        if cyrillic and same and _shapes(name) != _shapes(other):
            return other
    return name


_SPECKS_BEFORE = re.compile(r"^[`~'‘’‚.,;:|_*•-]+\s*(?=[А-ЯЁA-Z«\"“„])")
"""A speck OCR read before a name that starts as a bank's does (a cell's corner: «`Ф-Л БАНКА ГПБ (АО)», also read as
a curly single quote: «‘AO "КОММЕРЦБАНК (ЕВРАЗИЯ)"», as ``model.labels`` knows it before a line's label)."""
_NAME_START = re.compile(r"[А-ЯЁA-Z0-9«\"“„'(]|(?:отделение|филиал|ф-л)(?![а-яё])")
"""How a bank's name begins: a capital (ПАО, Банк, Филиал), a number or a quote, or a branch's word in lower case as
Sberbank spells its offices («отделение "Банк Татарстан" №8610 ПАО Сбербанк», the directory's «ф-л ПАО …»). What
begins otherwise is specks or the rest of a misspelled caption OCR read beside the label («Банк попучателя ==», «Банк
получателя —_ — алан) a»)."""


_GRID_NUMBER = re.compile(r"(?<!\d)[|\[(]?\d{9}(?:\d{11})?(?:\d)?(?!\d)")
"""A БИК's 9 or an account's 20 digits, perhaps behind the border read as a "|", "[" or 1: what fills the right-hand
cells of a bank grid's row."""
_GRID_REMNANT = re.compile(r"^\W{0,3}(?:№|N[oо2e]?|Ne|\S)?\W{0,3}$")
"""What OCR leaves of a requisite cell on a line of its own: «№» of a wrapped «Сч. №», a speck."""
_CELL_END = re.compile(r"(?:[|\[]\d{0,2}|\s+(?:[БбB6]?[ИиUu][КкKk]|[БбB6][ИиUu])\b|[\s\]_—=])+$")
"""Where a row's left cell ends: the border ("|", "[", with a speck it read as a digit: «Г. |5БИК»), the blanks, or
what blur left of the «БИК» cell after it («АО ЮНИКРЕДИТ БАНК ИК 044525545»)."""
_WRAPPED_LINES = 3
"""A bank's name fills at most this many of the grid's rows: its БИК's, its к/с's, and one that wraps further."""
_HYPHEN_END = re.compile(r"-$")


_NUMBERED_PAPER = re.compile(r"(?<!\S)[А-ЯЁ][а-яё]{3,}\s*" + NUMBER_SIGN + r"\s*$")
"""A paper's number caption, «Заявка №», «Договор №»: the number after it is that paper's (a carrier's order over
its bank grid, «Заявка № 0875834293 - Личный кабинет»), never a БИК or an account; a requisite's own «Сч. №» is
shorter."""


def _grid_row_start(line: str) -> str | None:
    """What a bank grid's row holds before its requisite cells and their numbers, or ``None`` when the line is no
    such row (it shows no БИК or account number, or only a paper's number, ``_NUMBERED_PAPER``): a wrapped bank
    name's part, "" for a row that has none."""
    if _GRID_REMNANT.match(line):
        return ""
    number = _GRID_NUMBER.search(line)
    if number is None or _NUMBERED_PAPER.search(line[: number.start()]):
        return None
    start = line[: number.start()]
    if cell := _REQUISITE_CELL.search(start):
        start = start[: cell.start()]
    start = _CELL_END.sub("", start)
    return start if sum(ch.isalpha() for ch in start) >= 3 else ""  # not the «РН» of a blurred «Сч.»


def bank_in_grid(lines: Sequence[str]) -> str | None:
    """The bank's name from the rows of 1C's bank grid over its caption «Банк получателя» (``lines``, top down, end
    at the caption): each row prints a part of the name left of its БИК or к/с cell, as a long name wraps across
    them («Ф-Л БАНКА ГПБ (АО) "ЦЕНТРАЛЬНО-ЧЕРНОЗЕМНЫЙ" Г. | БИК | 042007800» over «ВОРОНЕЖ | Сч. № | 3010…»).
    The rows are read up from the caption while they show a БИК or an account; ``None`` when the nearest does not."""
    parts: list[str] = []
    for line in reversed(lines[-_WRAPPED_LINES:]):
        part = _grid_row_start(line)
        if part is None:
            break
        parts.insert(0, part)
    if not any(parts):
        return None
    name = ""
    for part in filter(None, parts):
        name = f"{name}{part}" if _HYPHEN_END.search(name) else f"{name} {part}".strip()
    return read_bank(name)


_REQUISITE_NUMBER = re.compile(r"\d{9}")


def bank_over_its_address(lines: Sequence[str]) -> str | None:
    """The bank's name where its cell of 1C's grid prints the bank's address after it, wrapped over the rows down to
    the caption «Банк получателя» («АО "Райффайзенбанк", Россия, 119002, г. Москва,» over «вн.тер.г. … Сенная,» over
    «д. 28», a text layer's order): the nearest of the rows above (``lines``, top down, ending at the caption) whose
    name runs into a postcode (``_BANKS_ADDRESS``), when no row under it holds a requisite's number."""
    for line in reversed(lines[-_WRAPPED_LINES:]):
        if _BANKS_ADDRESS.search(line):
            return read_bank(line)
        if _REQUISITE_NUMBER.search(line):
            return None
    return None


_BANK_NAME_START = re.compile(rf"^\s*(?:банке\s+)?({_BANK_START}.*)", re.IGNORECASE)
_BRANCH_NAME = re.compile(
    r"^\s*((?-i:[А-ЯЁ])[\w-]*(?:(?:\s+[\w-]+){0,2}\s+банк|(?:[иыо][йи]|ое|ая)\s+(?:филиал|ф-л|отделение))(?![а-яё]).*)",
    re.IGNORECASE,
)
"""A bank's branch named by its region first, «Северо-Западный банк ПАО Сбербанк», «Волго-Вятский банк …», as the
directory names branches, by the region's adjective, «ПРИМОРСКИЙ ФИЛИАЛ АКБ "БЭНК ОФ ЧАЙНА" (АО)», «АЛТАЙСКОЕ
ОТДЕЛЕНИЕ N8644 ПАО СБЕРБАНК», its «филиал» shortened as the directory has it («Южный ф-л ПАО "Банк ПСБ"») (not a
bank's own name before «филиал», «Росбанк филиал Юг …» of a sending bank's footer, which a «8» read as «в» put
after «в»)."""


_FROM_SOMEONE = re.compile(r"\s(?:от|from)\s+(?:[А-ЯЁA-Z]|кого)")
"""«В АО «ОТП Банк» от Клиента»: the heading of an application to a bank, which names the bank it is addressed to
and who writes, not a payee's bank."""


_ACCOUNT_THEN_A_NAME = re.compile(r"^\W*\d{20}[\s,]+(?!в\s)(?P<rest>.+)$", re.IGNORECASE)


def bank_after_account(text: str) -> str | None:
    """The bank's name right after the account on its «р/с …» line with no «в» before it (a college's bill centres
    «р/с 4070… Южный ф-л ПАО "Банк ПСБ"» under its name): only what starts like a bank or names a bank's branch
    (``bank_after_in`` reads it after a «в»)."""
    if (found := _ACCOUNT_THEN_A_NAME.match(text)) is None:
        return None
    return _bank_named_at_start(found["rest"])


def bank_after_in(text: str) -> str | None:
    """ "… в ПАО Сбербанк" on an invoice's account line: only when what follows "в" starts like a bank or names a
    bank's branch, and not an application's addressee (``_FROM_SOMEONE``)."""
    if _FROM_SOMEONE.search(text):
        return None
    return _bank_named_at_start(text)


def _bank_named_at_start(text: str) -> str | None:
    """The bank ``text`` starts with (a bank's name or a branch's), unless a БИК's digits ran into it."""
    match = _BANK_NAME_START.match(text) or _BRANCH_NAME.match(text)
    return _without_a_codes_digits(read_bank(match.group(1)) if match else None)


_A_CODES_DIGITS = re.compile(r"\d{9}")
"""A БИК's nine digits or more: no bank's name holds them (its office's number has four or five)."""


def _without_a_codes_digits(bank: str | None) -> str | None:
    """The bank read after the account on its line, unless the БИК's digits ran into it: the «БИК» caption between
    them was misread, and so were the name's last words («ф-л ПАО "Банк "Санкт eB *K,044825142» for «… "Банк
    "Санкт-Петербург" в г.Москве, БИК 044525142», a photo's blur)."""
    return None if bank is None or _A_CODES_DIGITS.search(bank) else bank
