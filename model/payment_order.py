"""The платёжное поручение (form 0401060): whose each number is, told by the captions printed under its blocks.

The form prints the payer's block first (its ИНН, КПП, name and account, then its bank with БИК and к/с) and the
recipient's under it with the same labels («ИНН», «КПП», «Сч. №», «БИК»), each block captioned below: «Плательщик»,
«Банк плательщика», «Банк получателя», «Получатель». A reader that takes the first «ИНН» takes the payer's, whose
check digits pass: a wrong value, verified. So the page is split into sections at those captions; the payer's lines
are kept from the generic reading, and the recipient's values are read by their place in the grid. The amount is
written by the form's own convention (field 7): «1234-56», or «1234=» for whole roubles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from model.amount_words import spelled_roubles
from model.checks import inn_valid
from model.labels import FORM_CELL, label_matches
from model.normalize import find_dates, normalize_date, normalize_text
from model.schema import Candidate, Source
from model.values import digit_tokens, label, read_bank, read_name, read_purpose

_TITLE = re.compile(
    r"(?<![а-яё])[а-яё]?лат[её]жное\s+поручение|(?<!\d)0401060(?!\d)"
    r"|(?<![^\W\d_])\S{3,8}[нh][оo][еe]\s+поручение\s*(?:№|N[oо]?)\s*\d",
    re.IGNORECASE,
)
"""The form's name in its title, also with its first letter misread or lost («ДЛАТЕЖНОЕ ПОРУЧЕНИЕ» under ink
bleed), or with its first word read in Latin look-alikes but for its ending («[UIATERHOE ПОРУЧЕНИЕ № 585», a
photo's) before the order's number, or its code in the box at the top right. «Образец заполнения платёжного
поручения» over a 1C invoice's bank grid is another document's caption, and no title."""
_NUMBER_AND_DATE = re.compile(r"поручение\W*(?:№|N[oо2e]?)?\s*\d+", re.IGNORECASE)
_PAYER_BANK = re.compile(r"(?<![а-яё])б?анк\W{0,3}плат\w{3,7}(?![а-яё])", re.IGNORECASE)
_RECIPIENT_BANK = re.compile(r"(?<![а-яё])б?анк\W{0,3}получ\w{3,6}(?![а-яё])", re.IGNORECASE)
"""The captions under the banks' cells, also with the first letter lost («анк плательщика»)."""
_PAYER = re.compile(r"(?<![а-яё]{2}\W)(?<![а-яё])плат\w{3,6}к(?![а-яё])", re.IGNORECASE)
"""The caption «Плательщик» (OCR: «Плательшик», «Плательцик»), not the bank's «Банк плательщик(а)»; a speck read
as a letter before it («р Плательщик») is no word."""
_PURPOSE_CAPTION = re.compile(
    r"^\W*(?:[нкх]?азн[аоo]чени\w*(?:\s+пл[ао]т\w{2,4})?|наименование\s+плат\w{2,4})\W*$", re.IGNORECASE
)
"""Field 24's caption, also as OCR spells it («Казначение платена», «Назночение плотгия»: an «а» read as «о»), or its
first word alone (Тинькофф's form)."""
_RECIPIENT_CAPTION = re.compile(r"^\W*получател\w*(?![а-яё])", re.IGNORECASE)
"""Field 16's caption under the name: on this form no label over a value, so the generic reader must not take the
line under it (the purpose's) for the recipient."""
_INN = re.compile(r"(?<![а-яёa-z])" + label("инн") + r"(?![а-яёa-z])", re.IGNORECASE)
_INN_ROW = re.compile(_INN.pattern + r"|(?<!\d)\d{10}(?:\d{2})?(?!\d)", re.IGNORECASE)
"""A party's ИНН row, by its label or, the label blurred («W9 5208591930»), by a number of an ИНН's length."""
_FIGURES = re.compile(
    r"(?<![а-яё])су[мн]{2}а\W{0,3}(\d{1,3}(?:\s\d{3})+|\d+)\s?(?:-\s?(\d{2})(?!\d)|[=%»≈+])", re.IGNORECASE
)
"""Field 7 as the rules write it: «Сумма 4237-53», «Сумма 1074373=» (whose «=» OCR reads as «%», «»» or, its bars
joined by blur, «+»); the purpose repeats it the same way."""
_TERM_CAPTION = r"(?:" + label("срок пл") + r"|[сc][рp][оoеe][кkе]\.?\s*п[лn])"
"""Field 19's caption «Срок плат.», also with a letter of «Срок» misread («Срое плат.», «Срек плат.»)."""
_OPERATION_KIND_GARBLED = r"\S{2,6}(?:\s+\S{1,3})?\s+[0OО]\d\s+(?=" + _TERM_CAPTION + ")"
_OPERATION_CAPTIONS = "|".join(map(label, ("вид оп", "срок пл", "наз пл", "наз. пл")))
_OPERATION_CELLS = re.compile(
    rf"\s+(?:{_OPERATION_KIND_GARBLED}|{_OPERATION_CAPTIONS}|{_TERM_CAPTION}|очер|код|рез\.?\s*пол).*$",
    re.IGNORECASE,
)
"""Fields 18-23, printed beside the recipient's name on the same row, their captions also in OCR's Latin look-alikes
(«ИП Новиков Сергей Андреевич Вид on. 01»); field 18's caption garbled past reading is still the cell of its code
«01» before field 19's caption («… (ФНС России) Вид ог. 01 Срок плат.», «Quaon 07 Срок плит.»)."""
_LATIN_AFTER_QUOTE = re.compile(r"([»\"”])[^а-яёА-ЯЁ»\"”]*$")
"""What follows a quoted name with no Cyrillic letter in it: those cells' captions garbled («Cpem trat.»)."""
_GRID_WORDS = re.compile(
    r"вид\s*оп|срок\s*пл|очер\.?\s*пл|рез\.?\s*пол|(?<![а-яё])н?аз\.\s*пл(?![а-яё])|получател|(?-i:\bКОД\b|\bКод\b)",
    re.IGNORECASE,
)
"""The grid's cells beside the name and over the purpose, «Наз. пл.» also with its first letter lost («аз. пл.»);
field 22's caption «Код» as printed, not a purpose's «код доходов 04013»."""

_LABELLED_PARTY = re.compile(
    r"^\W*(?:[а-яё.]+\s+){0,2}(?:получател|плательщик|отправител)\w*(?:\s+[а-яё]+)?"
    r"(?:\s*[:—–\t|]|\s{2,})\s*(?!сч|бик|инн|кпп|\d{20})[«\"а-яёa-z\d]",
    re.IGNORECASE,
)
"""A party's label with its value beside it, «Получатель: ООО …», «ИНН получателя — 7701…», «Банк получателя |
ПАО …»: a row of a payment order printed as a list (an online bank's statement, a text layer), where the form's
grid prints its captions alone under their cells, or beside the next cell («Банк получателя | Сч. № | 3010…»)."""
LABELLED_ROWS = 2
"""Rows of ``_LABELLED_PARTY`` that make a page a list: one could be a misread caption."""
_PARTYS_NUMBER_ROW = re.compile(
    r"^\W*(?:сч[её]т|инн|кпп|бик)[^\d\n]{0,16}(?:получател|плательщик)\w*\W{0,4}\d{9}", re.IGNORECASE
)
"""A number on the line of a label that names whose it is, «Счёт получателя 4070…», «ИНН / КПП получателя 5688… /
…»: the form's grid labels its numbers «ИНН», «Сч. №» alone and captions whose they are under the block, so such
rows make the page a list, also where its labels stand one space from their values («Получатель АО «Полимер-М»»)
and ``_LABELLED_PARTY`` cannot tell the label from a grid's caption beside the next cell."""
_GRID_EVIDENCE = re.compile(
    r"прописью|вид\s*оп|срок\s*пл|оч[её]р\w*\s*пл|рез\w*\s*пол|списано\s*со|поступ\w*\s*в\s*банк|отметки\s*банка"
    r"|подписи|(?<![а-яё])м\.\s*п\.",
    re.IGNORECASE,
)
"""The form's own cells, which no list of labelled rows prints: «Сумма прописью», «Вид оп.», «Срок плат.», «Очер.
плат.», «Рез. поле», «Списано со сч. плат.», «Поступ. в банк плат.», «Подписи», «Отметки банка», «М.П.»."""


def _as_a_grid(lines: Sequence[str]) -> bool:
    """The page is the form's grid, whose values are whose by their place: it shows the form's own cells and is no
    list of labelled rows."""
    labelled = sum(_LABELLED_PARTY.match(line) is not None for line in lines)
    numbered = sum(_PARTYS_NUMBER_ROW.match(line) is not None for line in lines)
    return max(labelled, numbered) < LABELLED_ROWS and any(_GRID_EVIDENCE.search(line) for line in lines)


ORDER_SCORE = 2.5
"""Above any generic label's reading of a bank or party (1.0) and a total's (2.0): the grid's place says whose a
value is, which a label alone («ИНН», «БИК») on this form cannot."""


@dataclass(frozen=True, slots=True)
class PaymentOrder:
    """A payment order's readings and the lines left to the generic reader (the payer's, blanked)."""

    candidates: list[Candidate]
    generic_lines: list[str]
    payee_lines: range = range(0)
    """The recipient's rows of the grid, between «Банк получателя» and field 24: its ИНН, КПП and account there
    are the recipient's by their cells (``Candidate.named_whose``)."""


def is_payment_order(lines: Sequence[str]) -> bool:
    return any(_TITLE.search(line) for line in lines)


def _first(pattern: re.Pattern[str], lines: Sequence[str], start: int = 0) -> int | None:
    return next((index for index in range(start, len(lines)) if pattern.search(lines[index])), None)


def read_payment_order(lines: Sequence[str], source: Source) -> PaymentOrder | None:
    """The recipient's values by section, the payer's name, amount, date and purpose; ``None`` if no payment order.
    A payment order printed as labelled rows (``_as_a_grid``) is left to the generic reader, whose labels say whose
    each value is."""
    title = _first(_TITLE, lines)
    if title is None:
        return None
    if not _as_a_grid(lines):  # labels say whose, but for the payer's row of field 7
        return PaymentOrder([*_amount(lines, source), *_date(lines, source)], _without_payers_row(lines))
    if not _in_the_forms_order(lines, title):  # whose each number is cannot be told: none is read, nor any name
        return PaymentOrder([*_amount(lines, source), *_date(lines, source)], [""] * len(lines))
    purpose_at = _first(_PURPOSE_CAPTION, lines, title)
    end = len(lines) if purpose_at is None else purpose_at
    recipient_bank_at = _first(_RECIPIENT_BANK, lines, title)
    payer_bank_at = _first(_PAYER_BANK, lines, title)
    found = [*_amount(lines, source), *_date(lines, source), *_purpose(lines, purpose_at, source)]
    generic = list(lines)
    for index in range(end, len(lines)):
        generic[index] = ""  # the purpose, read above; the signatures and the payer's bank's stamp
    if recipient_bank_at is None or recipient_bank_at >= end:
        generic[title] = _without_numbers(lines[title])
        for index in range(title + 1, end):  # whose numbers and names are whose cannot be told: none is read
            generic[index] = ""
        return PaymentOrder(found, generic)
    payer_end = _payer_end(lines, title, payer_bank_at, recipient_bank_at)
    found += _payer_name(lines, title, payer_end, source)
    payers_rows = _payers_rows_above_the_bik(lines, payer_end, recipient_bank_at)
    found += _payers_numbers(lines[title + 1 : payer_end + 1], source)
    found += _payers_numbers(lines[payer_end + 1 : payers_rows], source)
    for index in range(title, payer_end + 1):
        generic[index] = _without_numbers(lines[index]) if index == title else ""
    for index in range(payer_end + 1, payers_rows):
        generic[index] = _without_numbers(lines[index])
    payer_end = payers_rows - 1
    found += _recipient_bank(lines[payer_end + 1 : recipient_bank_at + 1], source)
    found += _recipient(lines[recipient_bank_at + 1 : end], source)
    for index in range(recipient_bank_at + 1, end):
        if _RECIPIENT_CAPTION.match(lines[index]):
            generic[index] = ""
    return PaymentOrder(found, generic, range(recipient_bank_at + 1, end))


def _payers_rows_above_the_bik(lines: Sequence[str], payer_end: int, recipient_bank_at: int) -> int:
    """Where the recipient's bank's rows begin: its БИК's row, which opens its cell (the bank's name beside it, the
    к/с under it on the row of «Банк получателя»). The numbers read between the payer's block and that row are the
    payer's: its bank's «Сч. №» cell, which stands on the row of «Банк плательщика» and which OCR may read on a line
    of its own under the caption, or, the payer's captions blurred past reading, its account. With no БИК read
    there, where the bank's rows begin cannot be told, and the block ends at ``payer_end`` as found."""
    for index in range(payer_end + 1, recipient_bank_at + 1):
        if any(_bik_like(token) for token in digit_tokens(lines[index])):
            return index
    return payer_end + 1


def _payers_numbers(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The payer's ИНН and account, and its bank's БИК and к/с, from the payer's block: not the recipient's, but
    numbers that pass the same checks, which ``model.roles`` weighs against the recipient's."""
    found = []
    for token in (token for line in lines for token in digit_tokens(line)):
        if len(token) in (10, 12) and inn_valid(token):
            found.append(Candidate("payer_inn", token, source, ORDER_SCORE))
        elif _bik_like(token):
            found.append(Candidate("payer_bic", token, source, ORDER_SCORE))
        elif len(token) == 20:
            field = "payer_corr_account" if token.startswith("30101") else "payer_account"
            found.append(Candidate(field, token, source, ORDER_SCORE))
    return found


def _in_the_forms_order(lines: Sequence[str], title: int) -> bool:
    """Whether the lines read the form top down, as its grid prints it: the title, then «Банк плательщика», «Банк
    получателя» and field 24's caption in that order, as far as they were read, and none of them above the title.
    A text layer that lists the cells in another order (captions first, values last) gives each number a place
    that says nothing of whose it is: the payer's account and bank then stand where the recipient's would."""
    captions = [_first(pattern, lines) for pattern in (_PAYER_BANK, _RECIPIENT_BANK, _PURPOSE_CAPTION)]
    found = [at for at in captions if at is not None]
    return all(at > title for at in found) and found == sorted(found)


def _payer_end(lines: Sequence[str], title: int, payer_bank_at: int | None, recipient_bank_at: int) -> int:
    """The last line of the payer's block and its bank's: the «Банк плательщика» caption; with it lost, two lines
    above «Банк получателя» (the recipient's bank fills two rows) once the «Плательщик» caption is seen; with no
    payer's caption at all, no payer's block was read (a page cut above the banks)."""
    if payer_bank_at is not None and payer_bank_at < recipient_bank_at:
        return payer_bank_at
    payer_at = _first(_PAYER, lines[:recipient_bank_at], title)
    return title if payer_at is None else max(payer_at, recipient_bank_at - 3)


_PAYEE_IDS_CELL = re.compile(r"(?<![а-яёa-z])(?:" + label("инн") + "|" + label("кпп") + r")(?![а-яёa-z])", re.I)


def _without_payers_row(lines: Sequence[str]) -> list[str]:
    """``lines`` with the numbers of the form's payer's row taken out: field 7, «Сумма 213350-92» in the form's own
    notation, stands on the row of the payer's ИНН and КПП (fields 60 and 102), never on the recipient's. A page whose
    grid blur took (no «Банк получателя», no cell's caption read) is left to the labels, and a bare «ИНН … КПП …» on
    that row would pass for the recipient's (a payer's КПП given to the payee whose own row went unread)."""
    return [
        _without_numbers(line) if _FIGURES.search(line) and _PAYEE_IDS_CELL.search(line) else line for line in lines
    ]


def _without_numbers(line: str) -> str:
    """The line with its long numbers taken out: the title keeps its date for the generic reader, not an ИНН."""
    return re.sub(r"\d[\d ]{7,}\d", " ", line)


def _amount(lines: Sequence[str], source: Source) -> list[Candidate]:
    """Field 7 beside its «Сумма»; where blur garbled that, a figure in the form's notation that the sum in words
    confirms (``_figure_the_words_confirm``)."""
    for line in lines:
        if match := _FIGURES.search(line):
            roubles = match[1].replace(" ", "")
            return [Candidate("amount", f"{int(roubles)}.{match[2] or '00'}", source, ORDER_SCORE + 1)]
    return _figure_the_words_confirm(lines, source)


_FORM_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:\s\d{3})+|\d+)\s?(?:-\s?(\d{2})(?!\d)|[=%»≈]|(?P<dash>-)(?!\s*\d))")
"""A figure in field 7's notation wherever it stands: «41221-53», «572719=», or whole roubles whose «=» OCR read as a
dash («41221-»). The form sets «Сумма» mid-row after the payer's ИНН and КПП or beside «Сумма прописью», where blur
takes the label («… рублей alle 572719=») or the «=» after the figure («ИНН … КПП … Сумма 41221-»)."""


def _figure_the_words_confirm(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The first figure in the form's notation (``_FORM_FIGURE``) whose roubles the sum in words names: the words
    say it is field 7, whatever blur made of its label. A figure that ends in a bare dash counts only where the words
    read no kopecks but «00»: its kopecks may be what the dash lost."""
    spelled = spelled_roubles(lines)
    for line in lines:
        for match in _FORM_FIGURE.finditer(line):
            roubles = int(match[1].replace(" ", ""))
            if roubles not in spelled or (match["dash"] and spelled[roubles] - {"00"}):
                continue
            return [Candidate("amount", f"{roubles}.{match[2] or '00'}", source, ORDER_SCORE + 1)]
    return []


def _date(lines: Sequence[str], source: Source) -> list[Candidate]:
    """Field 4, right of the number in the title («ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 6937 01.02.2024»), also with its dots lost
    where the bank's dates confirm it (``_dots_lost_date``)."""
    for index, line in enumerate(lines):
        if number := _NUMBER_AND_DATE.search(line):
            cell = line[number.end() :]
            found = [iso for _, iso in find_dates(cell)] or _dots_lost_date(cell, [*lines[:index], *lines[index + 1 :]])
            return [Candidate("payment_date", iso, source, ORDER_SCORE) for iso in found]
    return []


_DOTS_LOST = re.compile(r"^\W*(\d{2})(\d{2})((?:19|20)\d{2})(?!\d)")
"""Field 4's date read with its dots lost, «ПЛАТЕЖНОЕ ПОРУЧЕНИЕ №3620 28082026» (a photo's blur)."""
_BANKS_DAYS = 10
"""How many days after the order's date its bank may debit the payer's account and stamp it «ПРОВЕДЕНО»."""


def _dots_lost_date(cell: str, others: Sequence[str]) -> list[str]:
    """The date of field 4 read with its dots lost, where a date elsewhere on the order (the bank's «Списано со сч.
    плат.», its stamp «ПРОВЕДЕНО 29.08.2026») falls on it or up to ``_BANKS_DAYS`` after it: eight digits alone could
    be any number, and a digit misread in them any day; the bank's date says they are this order's day."""
    found = _DOTS_LOST.match(cell)
    if found is None or (iso := normalize_date(f"{found[1]}.{found[2]}.{found[3]}")) is None:
        return []
    day = date.fromisoformat(iso)
    later = (date.fromisoformat(other) - day for line in others for _, other in find_dates(line))
    return [iso] if any(timedelta(0) <= gap <= timedelta(days=_BANKS_DAYS) for gap in later) else []


def without_dates_by_shape(candidates: list[Candidate], lines: Sequence[str]) -> list[Candidate]:
    """A page's readings without the dates found by their shape alone where it is a payment order whose own date
    cell is blurred past reading (``_date_cell_unread``): its other dates are its bank's (the stamp «ПРОВЕДЕНО 20,08
    2000» for 29.08.2026, a day after the order's 28.08) or those its purpose refers to, and no date is better than
    another's. ``lines`` are all the page's readings: one may have lost the title that another read."""
    if not _date_cell_unread(lines):
        return candidates
    return [c for c in candidates if not (c.field == "payment_date" and c.by_shape)]


_DATE_CELL = 24
"""How many characters after the order's number field 4 takes, «28.08.2026» with the blank around it."""
_FORMS_CODE = re.compile(r"(?<!\d)0401060(?!\d)")


def _date_cell_unread(lines: Sequence[str]) -> bool:
    """Whether the order's title («… ПОРУЧЕНИЕ № 9820», its first word perhaps garbled: «[ЛАТИЖНОЕ») holds
    figures right after its number that read as no date («№ 9820 ah. 2026»): the order's date is there, blurred past
    reading. The form's code beside the title is no date's figure."""
    for index, line in enumerate(lines):
        if number := _NUMBER_AND_DATE.search(line):
            cell = _FORMS_CODE.sub(" ", line[number.end() :])
            readable = any(find_dates(cell)) or _dots_lost_date(cell, [*lines[:index], *lines[index + 1 :]])
            return not readable and re.search(r"\d", cell[:_DATE_CELL]) is not None
    return False


def _purpose(lines: Sequence[str], caption: int | None, source: Source) -> list[Candidate]:
    """Field 24 stands over its caption, perhaps wrapped: the wordy lines right above it, up to three, back to the
    one that opens with a capital (a wrapped line goes on in lower case or with a number)."""
    if caption is None:
        return []
    taken: list[str] = []
    for line in (_first_cell(line) for line in reversed(lines[max(0, caption - 3) : caption])):
        letters = sum(ch.isalnum() or ch.isspace() for ch in line)
        if not line.strip() or letters < 0.8 * len(line) or _GRID_WORDS.search(line) or _INN.search(line):
            break
        taken.insert(0, line.strip())
        if re.match(r"[А-ЯЁA-Z]", line.strip()):
            break
    purpose = read_purpose(" ".join(taken)) if taken else None
    return [Candidate("purpose", purpose, source, ORDER_SCORE)] if purpose else []


def _payer_name(lines: Sequence[str], title: int, payer_end: int, source: Source) -> list[Candidate]:
    """The payer's name: between its ИНН row and the «Плательщик» caption, up to the account's row beside it."""
    inn_at = _first(_INN_ROW, lines[: payer_end + 1], title)
    caption = _first(_PAYER, lines[: payer_end + 1], title)
    if inn_at is None or caption is None or caption <= inn_at:
        return []
    parts: list[str] = []
    for line in [*lines[inn_at + 1 : caption], _PAYER.split(lines[caption], maxsplit=1)[0]]:
        if (beside := _ACCOUNT_BESIDE.search(line)) is not None or _another_cell_follows(line):
            # the account's row, or the next field's number: the name ends there
            name_here = _first_cell(line[: beside.start()] if beside else line).strip()
            parts += [name_here] if not parts and sum(ch.isalpha() for ch in name_here) >= _NAME_LETTERS else []
            break
        if re.search(r"\d{5}", _ADDRESS_AFTER_NAME.sub("", line)):
            break
        if sum(ch.isalpha() for ch in line) >= 2 and not _a_caption(line):  # not the КПП cell's «0» alone
            parts.append(_first_cell(line).strip())
        if _ADDRESS_AFTER_NAME.search(line):
            break
    text = _ADDRESS_AFTER_NAME.sub("", " ".join(parts)).strip()
    name = read_name(text) if text else None
    return [Candidate("payer_name", name, source, ORDER_SCORE)] if name else []


_ADDRESS_AFTER_NAME = re.compile(r"\s*//.*$")
_NAME_LETTERS = 5
"""Letters a name beside the account has at least; fewer are its label garbled («O<. NF»)."""
_ACCOUNT_BESIDE = re.compile(
    r"\s*(?:\|\s*)?(?:[СC][чЧ4u]\.?\s*(?:№|N[oоP]?)?[º°]?\s*)?\d(?:\s?\d){19}\W*(?:\s[a-zа-яё]{1,2}\W*)?$"
    r"|\s*(?:\|\s*)?[СC][чЧ4u]\.?\s*(?:№|N[oоP]?)[º°]?\s*\d(?:\s?\d){17,18}\W*$"
    r"|\s+[СC][чЧ4u]\.?\s*(?:№|N[oоP]?)[º°]?\W*$"
)
"""The payer's account in the cell beside its name, read on the name's line («ООО "Лавка" Сч. № 4070…», or its label
alone, «АО "Вектор" Cu. №»), or on a line under it with its label garbled («O<. NF 4070…»): the name ends there.
OCR may part the account's digits with a space («4070281 0381183868719»), read the «№» as «NP» or «№º», the border
before the label as «|», and, after the label, lose a digit or two («Cu. NP 407028 1027275907937»); a speck after
the account's digits («… 40702810512423976624 | j») is the cell's border."""
"""A person's name in fields 8 and 16 is followed by «//» and their address («ЧЕПЫЖОВ ДМИТРИЙ СТЕПАНОВИЧ //
РОССИЙСКАЯ ФЕДЕРАЦИЯ, 603062, …//»), as the Bank of Russia's rules have an individual's name written."""


def _recipient_bank(lines: Sequence[str], source: Source) -> list[Candidate]:
    """Fields 13-15: the bank's name and city with its БИК beside it, wrapped perhaps down to the caption, the к/с
    under the БИК (on a budget payment the treasury office's ЕКС, 40102…)."""
    found: list[Candidate] = []
    bics = [index for index, line in enumerate(lines) if any(_bik_like(token) for token in digit_tokens(line))]
    if lines:
        cells = [_NAME_CELL_END.split(_first_cell(line), maxsplit=1)[0] for line in lines[bics[0] if bics else 0 :]]
        cells = [_RECIPIENT_BANK.split(cell, maxsplit=1)[0].strip() for cell in cells]
        words = " ".join([cells[0], *(cell for cell in cells[1:] if len(re.findall(r"[а-яё]", cell, re.I)) >= 4)])
        if (bank := read_bank(words)) is not None:
            found.append(Candidate("bank_name", normalize_text(bank) or bank, source, ORDER_SCORE))
    for token in (token for line in lines for token in digit_tokens(line)):
        if _bik_like(token):
            found.append(Candidate("bank_bic", token, source, ORDER_SCORE, named_whose=True))
        elif len(token) == 20 and token.startswith(("30101", "40102")):
            found.append(Candidate("bank_corr_account", token, source, ORDER_SCORE, named_whose=True))
    return found


_NAME_CELL_END = re.compile(
    r"\s(?:\d[\d ]{4,}|" + label("бик") + r"(?![а-яёa-z])|" + label("сч. №") + r"|" + label("сч.") + r"\s*\d)",
    re.IGNORECASE,
)
"""Where the name's cell ends on a row of the bank's block: its БИК or к/с, with or without their labels."""


def _bik_like(token: str) -> bool:
    return len(token) == 9 and token.startswith("0")


def _recipient(lines: Sequence[str], source: Source) -> list[Candidate]:
    """Fields 61, 103, 17 and 16: the ИНН row (ИНН, КПП, the account), then the name, cut before fields 18-23."""
    inn_at = _first(_INN_ROW, lines)
    if inn_at is None or inn_at + 1 >= len(lines):
        return []
    name_at = inn_at + 2 if _KPP_ALONE.match(lines[inn_at + 1]) and inn_at + 2 < len(lines) else inn_at + 1
    cells = [_name_cell(lines[name_at])]
    for line in lines[name_at + 1 : name_at + _NAME_ROWS]:
        cell = _name_cell(line)
        if not _NAME_GOES_ON.match(cell) or _GRID_WORDS.search(line) or not _wordy(cell):
            break
        cells.append(cell)
    text = _ADDRESS_AFTER_NAME.sub("", " ".join(cells))
    name = read_name(text) if _wordy(cells[0]) else None
    return [Candidate("recipient_name", name, source, ORDER_SCORE)] if name else []


_KPP_ALONE = re.compile(r"^\W*" + label("кпп") + r"\W*\d{9}\W*$", re.IGNORECASE)
"""The КПП on a row of its own under the ИНН's (Indra's reading of the form, «ИНН 6544127324 Сч. № 4070…» over «КПП
654443001»): the name's cell is the row under it."""
_NAME_ROWS = 3
"""Field 16 holds a name in up to three rows («Департамент финансов г.Н.Новгорода, муниципальное бюджетное» over
«дошкольное образовательное учреждение "Детский сад №343"»)."""
_NAME_GOES_ON = re.compile(r"^\s*[а-яё«\"]")
"""A wrapped name goes on in lower case or with a quote; a row that starts with a capital is another cell's."""


def _name_cell(line: str) -> str:
    """The name's cell of a row: fields 18-23 beside it and their garbled captions cut off; none on a row of
    captions."""
    if _a_caption(line):
        return ""
    return _LATIN_AFTER_QUOTE.sub(r"\1", _BORDER_AFTER_A_NAME.sub("", _OPERATION_CELLS.sub("", _first_cell(line))))


_BORDER_AFTER_A_NAME = re.compile(r"(?<=[\w»\"”.])\s*[^\w\s«»\"“”„]*\|.*$")
"""The grid's rule after the name's words, read as «|» with specks around it, and whatever OCR read past it («ИП
Павлов Сергей Николаевич =| Пал», fields 18-23's captions garbled): the name's cell ends at its border, and no name
holds a «|»."""


_FIELD_NUMBER = re.compile(r"(?:^|\s)\([1-9]\d{0,2}\)(?=\s|$)")
"""A field's number in brackets, which some printings of the form set in each cell before its value («(16) ООО
"Орбита"», «(13) … (14) БИК …»): the form's numbering of its fields (the Bank of Russia's rules number them so),
never part of a value. No field's number starts with 0: «(000)» is a legal form's «(ООО)» read as zeros."""
_LEADING_FIELD_NUMBER = re.compile(r"^\W*?\([1-9]\d{0,2}\)\s*")


def _first_cell(line: str) -> str:
    """The line's first cell, without the field number before it and cut at the next one: «(8) АО «Орбита» (9) Сч.
    № …» reads «АО «Орбита»». A line without field numbers is left as it is."""
    if not _FIELD_NUMBER.search(line):
        return line
    text = _LEADING_FIELD_NUMBER.sub("", line)
    if (following := _FIELD_NUMBER.search(text)) is not None:
        text = text[: following.start()]
    return text.strip()


def _another_cell_follows(line: str) -> bool:
    """A field's number after the line's first cell: the cell, a name's, ends there."""
    return _FIELD_NUMBER.search(_LEADING_FIELD_NUMBER.sub("", line)) is not None


def _a_caption(line: str) -> bool:
    """A row of the form's cells or of labels alone («Вид оп. 01 Срок плат.», «Сч. №»): a caption is never a name,
    where a layer's order put it under the party's row. A name that starts like a label («Банк ВТБ (ПАО)») has
    words of its own."""
    if FORM_CELL.match(line):
        return True
    unlabelled = line
    for _, match in sorted(label_matches(line), key=lambda found: -found[1].start()):
        unlabelled = unlabelled[: match.start()] + " " + unlabelled[match.end() :]
    return sum(ch.isalpha() for ch in unlabelled) < 2


_FORM_READ_AS_ZEROS = re.compile(r"(?<![\w-])0{3}(?=\s*[«\"“„])")
"""«ООО» read as zeros before a quoted name («000 "Полимер-М"», r17_transfer_00): letters, the form's."""


def _wordy(cell: str) -> bool:
    """Mostly letters: a name's cell, not a row of numbers or specks."""
    letters = sum(ch.isalpha() for ch in _FORM_READ_AS_ZEROS.sub("ООО", cell))
    return letters >= 4 and letters >= 0.6 * len(cell.replace(" ", ""))
