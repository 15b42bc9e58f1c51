"""Values read without their label: by their shape (a valid ИНН, an account's prefix, an amount with its currency)
or by their place (the lines under a receipt's ФН, a name over a phone number). Blur takes the small grey labels
first; these readings come at a low score, so they only fill the gaps labelled readings leave.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date

from model import checks
from model.labels import ANY_LABEL, INVOICE_WORD, OTHER_CAPTION, TITLE, continued, kpp_beside_inn, label_matches
from model.normalize import (
    CURRENCY_MARK,
    GROUPED_INTEGER,
    find_dates,
    kopecks_shown,
    normalize_date,
    normalize_text,
)
from model.schema import Candidate, Source
from model.values import (
    BANK_TAIL,
    LOOKALIKE_LETTERS,
    NUMBER_SIGN,
    PD4_HALF_TITLE,
    QUOTES,
    SHIPMENTS_CAPTION,
    TAX_INVOICE_TITLE,
    digit_tokens,
    grouped_digits,
    label,
    misread_legal_form,
    names_a_previous_payment,
    names_a_visit,
    past_a_border,
    payable,
    read_bank,
    read_issue_date,
    read_name,
    read_payment_date,
    read_purpose,
)

_SOCIETY = r"\w?[БB][ЩЧШ]ЕСТВ[ОO0]"
_ORG_FORMS = (
    "П?[АA][ОO]|[ЗО3O][АA][ОO]|НКО|ИП|МУП|ГУП|ФГУП|ТСЖ|ТСН|ЖСК|[СC][НH][ТT]|[CС0OО][0OО]{2}"
    r"|(?-i:G[0OО]{2})(?=\s*[«\"“])"
    rf"|{_SOCIETY}\s+[СC]\s+ОГРАНИЧЕНН\w*\s+ОТВЕТСТВЕНН\w*(?!\w)"
    rf"|(?:(?:НЕ)?ПУБЛИЧН\w*\s+|ЗАКРЫТ\w*\s+|ОТКРЫТ\w*\s+)?\w?КЦИОНЕРН\w*\s+{_SOCIETY}(?!\w)"
    r"|ИНДИВИДУАЛЬН\w*\s+ПРЕДПРИНИМАТЕЛ\w*(?!\w)"
    r"|(?-i:АНО|(?:ФГ|Г|М|Ч|Н)[БКА]?(?:Д|П|ДП)?О?У|(?:ФГ|Г|М)?[БКА]УК)"
)
"""Legal forms as printed and in OCR's Latin look-alikes ("AO «…»", "OOO «…»"), and
written out as a cash register prints its user's name («ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "АГРОТОРГ"»), its
first letter and Щ as blur leaves them («ПБЧЕСТВО С …»); a homeowners' association or a housing cooperative (ТСЖ,
ТСН, ЖСК) is paid by its residents' ПД-4, and a gardening partnership (СНТ, OCR's Latin «CHT») by its members'; an
institution's form, in capitals only, by its students or its pupils' parents: a private, state or municipal
(Ч, Г, ФГ, М) budget, treasury or autonomous (Б, К, А) school, college or kindergarten (О, ПО, ДО, ДПО) «учреждение»
(«ЧУ ПО «Колледж Радуга»», «МБДОУ «Детский сад № 101»», «ФГБОУ ВО …»), or an АНО; and a culture institution
(«учреждение культуры», УК) its box office's customers: «МАУК «Театр юного зрителя»», «АУК «Камерный театр»», «ГБУК
…», with its Б, К or А before the У, since a bare «КУ» is a receiver's («КУ ООО "УИК-БАНК"»)."""
_NAME_AFTER_FORM = rf"(?:\s*[{QUOTES}]|\s+(?-i:[A-ZА-ЯЁ]))"
"""What follows a legal form that opens a name: a quote, or a space and a capital («ООО«…», «ИП Иванов»); never a
letter glued to it, which makes the form the start of a word («Сообщение получателю», «СООБЩЕНИЕ», «Ипотека»), nor
a word in lower case («Ao сплати: 281.00», a blurred «До сплати»)."""
_ORG_LINE = re.compile(rf"^[\W_]*(?:\w\s+)?(?=(?:{_ORG_FORMS}){_NAME_AFTER_FORM})", re.IGNORECASE)
"""A line that opens with a legal form and a name, perhaps behind a speck ("| ООО «…»", "Ц ИП Михайлов А. А.")."""
_ORG_FORM_LAST = re.compile(rf"^\s*[{QUOTES}]?[А-ЯЁA-Z][^\d,]{{2,60}},\s*(?:{_ORG_FORMS})\s*$")
"""A company's name with its legal form after a comma, as registers and marketplaces print it: «Интернет Решения,
ООО»."""
_ORG_AFTER_A_LEADER = re.compile(
    rf"^[^\d\n]{{2,40}}?\s*[-~–—_]{{3,}}[\W_]*\s*(?=(?:{_ORG_FORMS}){_NAME_AFTER_FORM})", re.IGNORECASE
)
"""A shop's sign, a leader of dashes, then the legal entity that trades under it, as a café's register prints its head
(«Миринэ Броско ----- ИП Ким Вячеслав», the dashes read «----^» or «~~~»): the entity is the seller, not the sign."""
_ORG_BEHIND_SPECKS = re.compile(rf"^(?:[\W_]*\w{{1,5}}){{1,3}}\s+(?=(?:{_ORG_FORMS})\s*[«\"])", re.IGNORECASE)
"""A quoted company name behind a few short words, which on a line with no label are a caption blurred past
reading ("ФИО г отеля ООО «Золотой колос»")."""
_CHIP_TO_THE_END = r"(?:\s+(?:[^\s\d]{1,2}|исполнено|выполнено|успешно|исполнен|выполнен))?\s*$"
"""What an app's amount line may end with after its currency: a speck of the screen or the operation's status chip."""
_STANDALONE_AMOUNT = re.compile(
    r"^[\s_|=−–—-]*" + GROUPED_INTEGER + r"(?:[.,-]\d{2})?\s*(?:" + CURRENCY_MARK + r"|\?)" + _CHIP_TO_THE_END,
    re.IGNORECASE,
)
"""A line holding only an amount and its currency ("10 166,63 ₽", "131178.21 RUB"), perhaps with a speck of the
screen after it ("9712.18 RUB Ke") or the operation's status beside it, as apps print a chip ("316,00 ₽ Исполнено"),
or a minus before it, as an app shows a sum written off («−64 618 ₽»: a true minus, or OCR's dash for it)."""
_SPACED_AMOUNT = re.compile(
    r"^[\s_|=−–—-]*((?:\d{1,3}\s)*\d{1,3})\s*[.,‚]\s*(\d\s?\d)\s*" + CURRENCY_MARK + _CHIP_TO_THE_END,
    re.IGNORECASE,
)
"""A big bold amount alone on its line that OCR split between its digits («31 6,00 ₽», «1 83 1 71 ‚78 ₽», «384, 1 8
руб.»): with its kopecks and currency, and nothing else on the line, the digits are one number."""
_OT_READ_AS_ET = rf"{NUMBER_SIGN}\s*[\w/-]*\d[\w/-]*\s+[еeё][тt]"
"""«от» as a photo's blur reads its о, «ет», after a number sign and a number («Оплата по счёту № 12 ет 12.02.2026»):
only there, a number and then a date, do they name another document and its day, with nothing else «ет» could be."""
_REFERENCED_DATE = re.compile(
    r"(?:(?<![а-яё])(?:от|до|(?<![a-z])[gh][оo]|по|позднее|позже|срок\w*(?:\s+[оу]платы)?|действи\w*|"
    + f"(?:{label('на')}|[нhn][зэ])"
    + r"(?:\s+(?:начало|конец)\s+\w+)?)\W*|^\W*срок\w*(?![а-яё])\D*|(?<![а-яёa-z])"
    + label("оплатить")
    + r"(?![а-яёa-z])\D{0,12}|"
    + _OT_READ_AS_ET
    + r"\W*)$",
    re.IGNORECASE,
)
"""A date after "от" is another document's ("договор № 5 от …"); after "до", "по", "не позднее" or a "срок" a
deadline or a validity ("Оплатить не позднее …", «Счёт действителен по …»), and so is any date on a line that a
«Срок» opens, whatever words OCR made of the rest of its caption (a tax slip's «Срок уплаты не позднее 01.12.2026»
read «Срок уплаты непозднев.01.12.2026»); after "на" the moment a balance or a reading stands at («Задолженность на
01.12.2026», also OCR's «Ha», «Сальдо на начало периода …», «по состоянию на …»): never the payment's date. A face
whose а OCR reads as з or э (a ТСЖ's spreadsheet bill photographed, bench/layouts r6 tsz-sheet-bill: «Плэтельщик»,
«Зздолненность нз.01.03.2025») gives «нз», «нэ» for «на»; its д read as g or h, «go 25.02.2026», «Onna ho 25.05
2016.» for «до» (a Latin «go», «ho» only: a Cyrillic word ending in them is no word). A date a few letters after
«Оплатить» is the day to pay by, whatever OCR made of the word between («Оплатить Ho 25.05.2026» for «до»): the
page asks for a payment, it records none."""
_BROWSER_PRINT_HEADER = re.compile(r"^\W*\d{1,2}[./]\d{1,2}[./]\d{2,4},\s*\d{1,2}:\d{2}")
"""A browser prints the moment of printing ("04.12.2026, 14:35", "12/4/26, 2:35 PM") atop each page it prints: a
date of printing, not of paying."""
_FAX_HEADER = re.compile(
    r"^\W*\d{1,2}[./]\d{1,2}[./]\d{2,4}\s+\d{1,2}:\d{2}(?!\d)"
    r".*(?:(?<![а-яёa-z])(?:from|fax|факс)(?![а-яёa-z])|(?<![а-яёa-z])[pр]\.\s*\d{1,3}(?:\s*/\s*\w{1,3})?\s*$)",
    re.IGNORECASE,
)
"""A fax machine's transmission header atop each page it sends («14.08.2026 05:09 FROM: +7 586 731-77-12 P.1/3»,
«14/08/2026 10:22 FAX … P.001»): the moment of sending and the page's number, never the document's date."""
_PRINT_MARGIN_LINES = 2
_SIGN_READ_AS_A_CAPITAL = r"[FРP](?=\s*\d)"
"""A title's «№» blurred into one capital letter before the number, «СЧЁТ F 38-796380 от 24.11.2026», «СЧЁТ Р …»
(r7_invoice_03_hard): an invoice's word, a capital and a number is the title's number all the same."""
_INVOICE_NUMBER = re.compile(
    rf"(?<![а-яёa-z]){INVOICE_WORD}(?:\s*-\s*(?:оферт|договор|фактур|акт)\w*)?(?![а-яёa-z])\s*"
    rf"(?:{NUMBER_SIGN}|{_SIGN_READ_AS_A_CAPITAL})[\s|:—-]*(?!\d{{15}})\w",
    re.IGNORECASE,
)
"""An invoice's own number, "СЧЁТ № 913", «Счёт-оферта № 12», «СЧЕТ-ФАКТУРА N 44», «СЧЁТ-АКТ № 15» (a bill and an
act of work done in one paper) (not "по счёту № 913", nor an account's "Счёт № 40702…", «Расчетный счет № |
40702…»)."""
_TAX_INVOICE = re.compile(rf"{INVOICE_WORD}\s*-\s*фактур", re.IGNORECASE)
_TAX_INVOICE_DATE_SCORE = 0.9
"""A «Счёт-фактура»'s date, under a bill's title's (1.0): the tax invoice states a sale, the bill asks for the
payment, and a page that holds both (a счёт-фактура over the «Счёт на оплату» it goes with, dated apart) is paid by
the bill, dated by it. Alone, the счёт-фактура's date still outranks any date found by its shape (0.3)."""
_AFTER_OT = re.compile(r"\bот\s*[«\"“]?\s*$", re.IGNORECASE)


def _invoice_date(line: str, above: str) -> tuple[str, float] | None:
    """The date of "СЧЁТ № 913 от 27.05.2021", on the number's line or, when that line has none, on the line under
    it, where a designed invoice's header puts it; and its score (``_TAX_INVOICE_DATE_SCORE``)."""
    if number := _INVOICE_NUMBER.search(line):
        title, line = line[: number.end()], line[number.end() :]
    elif TAX_INVOICE_TITLE.match(line):
        return _garbled_tax_invoices_date(line)
    elif not (number := _INVOICE_NUMBER.search(above)) or any(find_dates(above)):
        return None  # the number's own line dates it: a date under it is another's («Основание: Договор № 11 от …»)
    else:
        title = above[: number.end()]
    score = _TAX_INVOICE_DATE_SCORE if _TAX_INVOICE.search(title) else 1.0
    return next(((iso, score) for start, iso in find_dates(line) if _AFTER_OT.search(line[:start])), None)


def _garbled_tax_invoices_date(line: str) -> tuple[str, float] | None:
    """The date on a счёт-фактура's title line (``TAX_INVOICE_TITLE``) whose «№ … от» OCR garbled («Счет-фактура «+
    2026-03-08 (1)»): the title prints no other date; one no payment can have yet is a misread year."""
    return next(((iso, _TAX_INVOICE_DATE_SCORE) for _, iso in find_dates(line) if not _not_yet(iso)), None)


_DATED_UNDER_A_TITLE = re.compile(rf"^[\s|]*(?:{NUMBER_SIGN}\s*[\w/-]+\s*)?[оo][тt]\.?\s*[«\"“]?\s*$", re.IGNORECASE)
"""The opening of a title's second line, «от 19.02.2026» or «№ 2041 от 19.02.2026» (also in OCR's Latin «oT»): a
designed header sets «КВИТАНЦИЯ № 2041» or a title alone over its number and date."""


def _title_date(line: str, above: str) -> str | None:
    """The document's own date in its title (``TITLE``): on the title's line («Счёт на оплату № 5 от 16 мая 2025 г.»)
    or, for a title set over two lines, on the line under it («КВИТАНЦИЯ № 2041» over «от 19.02.2026», «ИЗВЕЩЕНИЕ»
    over «№ 55 от 19.02.2026»), never an unlabelled date's. A title line that holds a date of its own is dated by it;
    a date under it after anything but «от» (a deadline's «до») is another's."""
    if TITLE.search(line) and (title_date := normalize_date(line)) is not None:
        return title_date
    if not TITLE.search(above) or any(find_dates(above)):
        return None
    return next((iso for start, iso in find_dates(line) if _DATED_UNDER_A_TITLE.match(line[:start])), None)


_SHIPMENTS_CAPTION_REACH = 30
"""How far before a date a shipment's caption (``SHIPMENTS_CAPTION``) still names it."""


def _own_date(line: str, above: str, patients: bool) -> tuple[str, float] | None:
    """A date on the line that is not a reference to another document ("договор № 5 от 01.02.2024"), nor a deadline
    or a validity whose caption stands on the line above, as a list with its values under their captions prints
    them («Оплатить не позднее» over «11.06.2020»); and its score: lower for a numeric date whose day has one digit,
    which registers and banks print zero-padded: «2.01.19 16:0» is «28.01.19 16:07» with digits lost, which another
    reading of the page may have kept. Nor a date no payment can have yet: with no label to say whose it is, a date
    in the future is another event's (a ЕПД's meter due for verification «15.06.2030»), nor an earlier payment's,
    whose caption may begin on the line above («Последняя поступившая» over «оплата: 22.12.2015»), nor a visit's
    (``_under_a_visits_caption``)."""
    for start, iso in find_dates(line):
        before = line[:start]
        if _not_yet(iso) or names_a_previous_payment(f"{_bare(above)} {before}"):
            continue
        if _a_periods_bound(line, start, above) or _under_a_visits_caption(line, start, patients):
            continue
        if SHIPMENTS_CAPTION.search(line[max(0, start - _SHIPMENTS_CAPTION_REACH) : start]):
            continue
        if not _REFERENCED_DATE.search(before) and not (not before.strip() and _REFERENCED_DATE.search(_bare(above))):
            return iso, _DIGIT_LOST_DATE_SCORE if _ONE_DIGIT_DAY.match(line, start) else _DATE_SCORE
    return None


_DATES_CAPTION = re.compile(r"(?<![а-яёa-z])" + label("дата") + r"(?:\s+[а-яё]+){0,2}[\s:.|-]*$", re.IGNORECASE)
"""A date's caption right before it inside a line, where no line-start label reads it: a kindergarten's bill prints
«МБДОУ «Детский сад № 101» Дата формирования: 02.03.2026» on the payee's row."""


def _captioned_date(text: str) -> str | None:
    """The date a date's caption at the start of ``text`` gives: the operation's (``read_payment_date``) or the
    paper's issue (``read_issue_date``), either the document's own and no other thing's."""
    return read_payment_date(text) or read_issue_date(text)


def _under_a_visits_caption(line: str, start: int, patients: bool) -> bool:
    """Whether the date at ``start`` stands right after a visit's date caption (``names_a_visit``, ``patients`` where
    the page treats them): a clinic's «Дата приёма: 25.02.2026», the visit its bill charges for, is no date to fall
    back on where OCR garbled the bill's title («CURT НА ОПЛАТУ … от …»). Other captions the payment's label refuses
    stay fallbacks: an e-receipt's «ДАТА ВЫДАЧИ 05.11.21 17:18» is its only date, the receipt's own."""
    caption = _DATES_CAPTION.search(line[:start]) or _WORDS_BEFORE_A_DATE.search(line[:start])
    return caption is not None and names_a_visit(line[caption.start() : start], patients)


_WORDS_BEFORE_A_DATE = re.compile(r"(?<![а-яёa-z])[а-яё]+(?:\s+[а-яё]+)?[\s:.|-]*$", re.IGNORECASE)
"""The one or two words right before a date, its caption where it has no «Дата»: a clinic's bill closes with the next
visit, «Следующий приём: 29.04.2026 в 9:00», a visit's day (``names_a_visit``) after the bill's."""


def _after_a_dates_caption(line: str, iso: str) -> bool:
    """Whether the date ``iso`` on ``line`` stands right after a date's caption (``_DATES_CAPTION``) that a date's
    label would read it under (``read_payment_date``: not «Дата рождения», «Дата окончания действия»)."""
    for start, found in find_dates(line):
        if found == iso and (caption := _DATES_CAPTION.search(line[:start])) is not None:
            return _captioned_date(line[caption.start() :]) == iso
    return False


_TIME_OF_DAY = re.compile(r"(?<![\d:])[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?![\d:])")
_MOMENTS_REACH = 30
"""How far after a date's start its time of day may stand: «02.01.17 14:35», «15 мая 2024 г. в 12:03:10»."""


def _a_moment(line: str, iso: str) -> bool:
    """Whether the date ``iso`` on ``line`` is printed with its time of day: the moment something happened, as a
    register or a bank prints its sale or operation at a receipt's head. A due date, a period's bound or a validity
    is a day, never a moment; so the date's role is in its print, as a label's would be."""
    for start, found in find_dates(line):
        if found == iso:
            return _TIME_OF_DAY.search(line, start, start + _MOMENTS_REACH) is not None
    return False


_NUMERIC_DATE = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}"
_RANGE_AFTER = re.compile(rf"{_NUMERIC_DATE}\s*[-–—]\s*{_NUMERIC_DATE}")
_RANGE_BEFORE = re.compile(rf"{_NUMERIC_DATE}\s*[-–—]\s*$")
_PERIOD = re.compile(r"(?<![а-яё])период", re.IGNORECASE)
_SINCE = re.compile(r"(?<![а-яё])с\s*$", re.IGNORECASE)


def _a_periods_bound(line: str, start: int, above: str) -> bool:
    """A date that opens or closes a period: one of a range «01.07.2026 - 28.07.2026», or a date on a line whose
    caption (or, when the date opens its line, the caption above it) names a period («Расчетный период:», «за период
    …»), or a date right after «с» («с 01.07.2026 по …»; «по» already marks a deadline). A bill for a month or an act
    of reconciliation dates its charges so; the payment is not dated by them. A date under a date's own caption after
    the period's value on the same row is not the period's (a utility's «Расчётный период: июнь 2026 Дата
    формирования: 04.07.2026»)."""
    before = line[:start]
    if _RANGE_AFTER.match(line, start) or _RANGE_BEFORE.search(before) or _SINCE.search(before):
        return True
    caption = _DATES_CAPTION.search(before)
    if caption and not _PERIOD.search(caption.group()) and _captioned_date(line[caption.start() :]) is not None:
        return False  # its own caption stands between: «Расчётный период: июнь 2026 Дата формирования: 04.07.2026»
    return bool(_PERIOD.search(before) or (not before.strip() and _PERIOD.search(_bare(above))))


def _not_yet(iso: str) -> bool:
    """Later than any payment can have been made (``checks.latest_payment_date``)."""
    return date.fromisoformat(iso) > checks.latest_payment_date()


_DATE_SCORE, _DIGIT_LOST_DATE_SCORE = 0.3, 0.25
_ONE_DIGIT_DAY = re.compile(r"\d[./-]\d")


def _bare(caption: str) -> str:
    """A caption without the colon or border after it: «Счёт действителен до:» reads as «Счёт действителен до»."""
    return caption.rstrip(" :|—–-\t")


_BANK_WORD = re.compile(r"банк(?![а-яё])|(?<![а-яё])А?КБ(?![а-яё])", re.IGNORECASE)
"""A word ending in "банк" ("Т-Банк", "Экспобанк", "Банк ВТБ"), not "банка" or "Банкет", or a bank's legal form
("АО КБ «Алтайкапитал»", "АКБ «Абсолют Банк»")."""


_BANKING_APP = re.compile(r"приложени|онлайн|online|мобильн", re.IGNORECASE)
"""A bank's app ("Мобильное приложение Сбербанк", "СберБанк Онлайн"): how the payer paid, not the payee's bank."""


_STAMP_STATUS = re.compile(
    r"(?<![а-яёa-z])(?:вып[оo]лнен|исп[оo]\w?[лй]?нен|пр[оo]в[еёe]ден)[аоы]?(?![а-яёa-z])", re.IGNORECASE
)
"""What a bank's stamp says after its name («ПАО СБЕРБАНК · ОПЕРАЦИЯ ВЫПОЛНЕНА», «… ИСПОЛНЕНО»): that bank
executed the transfer, so it is the payer's, which issued the receipt, not the recipient's."""


_IN_LIQUIDATION = re.compile(r"^\W*КУ\s+(?=\S)|\s*[-–—]?\s*ГК\s*[\"«“]?\s*АСВ\W*$")
"""The words around a bank in liquidation's name, «КУ ООО КБ "ДОРИС БАНК" - ГК "АСВ"» (its receiver, КУ, the
deposit insurance agency): as the Bank of Russia's directory names it, and not counted among a bank line's words."""


_FORM_WITH_A_ZERO = re.compile(r"(?<![\w-])(?=[^\W_]{0,2}0)[A-ZА-ЯЁ0]{2,3}(?![\w-])")
"""A word of two or three capitals and zeros, as OCR reads a legal form's О («КУ 000 КБ "ДОРИС БАНК"», «O00»)."""


def _zeros_of_a_form(line: str) -> str:
    """A line with its legal forms' zeros read back as the letter О, where the token can be nothing but a form
    (``misread_legal_form``: «000», «O00», «ПА0»): a bank's name holds no other number than a branch's «№ 8610»."""
    return _FORM_WITH_A_ZERO.sub(lambda t: misread_legal_form(t.group(), before_a_quoted_name=False) or t.group(), line)


def _looks_like_a_bank(line: str) -> bool:
    """A short line naming a bank and nothing else (its БИК aside): a receipt or an invoice whose captions OCR
    lost still shows its bank; not the payer's banking app. A legal form read in zeros is no number."""
    line = _zeros_of_a_form(_IN_LIQUIDATION.sub("", BANK_TAIL.sub("", line)))
    return (
        _BANK_WORD.search(line) is not None
        and not _BANKING_APP.search(line)
        and len(line.split()) <= 5
        and not re.search(r"\d", line)
        and not ANY_LABEL.search(line)
    )


_CARD_SLIP = re.compile(r"одобрено|(?<![а-яё])терминал|код\s+авторизац|^\W*оплата\W*$", re.IGNORECASE)
"""What a card terminal's slip prints («ОПЛАТА», «Терминал 10293847», «ОДОБРЕНО», «Код авторизации»), often on the
same tape as the receipt; not the masked card, which bank apps print beside the payee's bank too."""
_SLIP_REACH = 4


def _card_slip_lines(lines: Sequence[str]) -> set[int]:
    """The lines near a card slip's words: a bank named there is the acquirer of the buyer's card, not the payee's
    bank, whether or not the page reads as a cash receipt (``model.resolve`` drops banks from those)."""
    marked = [index for index, line in enumerate(lines) if _CARD_SLIP.search(line)]
    return {near for index in marked for near in range(index - _SLIP_REACH, index + _SLIP_REACH + 1)}


def _only_specks_beside(line: str, token: str) -> bool:
    """Nothing but specks of at most three characters beside the number: a label blurred past reading ("wan
    3646735630", "} 7823615997 |"), not a label of something else ("ФП 3337101562", "Номер операции …")."""
    specks = all(len(word) <= 3 for word in line.split() if not word.isdigit() and token not in word)
    # the "в" label's look-alike "8" is no label, nor a speck's B beside a digit («1B»)
    return specks and not label_matches(re.sub(r"(?<!\S)(?=\S{0,2}\d)\S{1,3}(?!\S)|\d", " ", line))


_NUMBER_CAPTION = re.compile(
    r"^\D*(?:(?<![а-яё])(?:номер|код|идентификатор)(?![а-яё])|№|транзакц|операци|авторизац|квитанц)\D*$", re.IGNORECASE
)
"""A caption, alone on the line above a number, that names it a number or code of something ("Номер документа",
"НОМЕР ПЛАТЕЛЬЩИКА ЕРИП:", "Код авторизации"): that number is the caption's, whatever check digits it passes."""


def _under_a_number_caption(above: str) -> bool:
    """A caption naming a number (``_NUMBER_CAPTION``) or an ИНН's label ending the line above («ИНН КАССИРА:»): the
    number is that label's, read there, whoever's ИНН it is."""
    inn_label = any(
        rule.field.endswith("_inn") and not above[match.end() :].strip() for rule, match in label_matches(above)
    )
    return inn_label or _NUMBER_CAPTION.match(above) is not None


PERSON = re.compile(r"^[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+){1,2}(?:\s+[А-ЯЁ3]\.?)?$")
"""A person as a transfer receipt names one: "Сорокина Галина Андреевна", "Евгений Евгеньевич С.", the surname's
initial З read as the digit 3 ("Олег Иванович 3.")."""
_INITIAL_READ_AS_THREE = re.compile(r"(?<=\s)3(?=\.?$)")
_PAYEE_CONTACT = re.compile(r"^\W*(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\W*$|^\W*4\d{19}\W*$")
"""The recipient's phone (an СБП transfer) or account, alone on its line."""
_BANK_BY_PHONE = re.compile(
    r"^\W*(?P<bank>[А-ЯЁA-Z][^\d+]{1,40}?)\s*[·•:|—–-]?\s*"
    r"(?:\+7\s*|8[\s(]+)\(?(?!800)\d{3}\)?[\s*•·xх-]+[\d*•·xх](?:[\s*•·xх-]*[\d*•·xх]){3,8}\W*$"
)
"""The bank an СБП transfer went to and the recipient's phone, masked or not, on one line under their name, as a
bank app's success screen prints them: «Озон Банк · +7 940 ***-**-98» (the dot read «-» or «:»). A phone is set
apart after its +7 or 8 and its code, never one run of digits («ИНН 843532045044» is no «ИНН» bank's phone); not a
bank's free hotline (8 800 …), which a receipt's footer prints beside the bank's name."""
_ACRONYM = re.compile(r"^[А-ЯЁA-Z]{2,5}$")
"""A bank known by its letters alone («ВТБ»), not a label's («ИНН»)."""


def _bank_by_phone(line: str) -> str | None:
    """The bank of a «bank · phone» line (``_BANK_BY_PHONE``): a word ending in «банк» or an acronym, nothing else."""
    if (match := _BANK_BY_PHONE.match(line.strip())) is None:
        return None
    bank = match["bank"].strip(" ·•:|—–-")
    if not (_BANK_WORD.search(bank) or _ACRONYM.match(bank)) or len(bank.split()) > 4 or label_matches(bank):
        return None  # «ИНН», «БИК»: a label's letters, not a bank's
    return normalize_text(bank)


_MASKED_NUMBER = re.compile(r"[*•°·.]{2,}\s*\d{4}(?!\d)")
"""A card or account masked to its last four digits ("Visa Gold •••• 6789"): an amount under it is its balance
(a bank app's «Счёт списания»), not the payment."""
_MASKED_CARD = re.compile(r"^\W*\S{2,4}\s*\d{4}\W*$")
"""The payer's card or account as receipts mask it, "•••• 5431", which OCR reads as "ese 9892" or ".... 2137"."""


def _under_another_sums_caption(above: str) -> bool:
    """A figure alone under a masked card (its balance) or under the caption, alone on its line, of a row that holds
    no payment detail (``OTHER_CAPTION``: «Комиссия» over «157 ₽», «В том числе НДС» over «1 250,00 ₽»): that row's
    figure, not the payment's sum printed large atop a bank's receipt."""
    return _MASKED_NUMBER.search(above) is not None or (
        OTHER_CAPTION.match(above) is not None and not _DIGIT.search(above)
    )


_DIGIT = re.compile(r"\d")
_UNGROUPED_FIGURE = re.compile(r"^[\s_|=−–—-]*\d{6}")
"""A figure of six digits or more with no group's space: an app groups its sums by threes («4 524,17 ₽»)."""


def _separators_lost(line: str) -> bool:
    """A bank app's sum alone on its line read as six digits or more with neither a group's space nor kopecks
    («452417?» for «4 524,17 ₽», its space and comma lost): nothing says where its roubles end, 452 417 or 4 524,17."""
    return _UNGROUPED_FIGURE.match(line) is not None and not kopecks_shown(line)


_CAPTION_LINE = re.compile(r"^[^\d]{3,40}$")
"""A line of a few words and no digit: the next value's caption («Телефон получателя», «Счёт списания»), read or
garbled («Coat сосиия»), between a person and the phone or card under them."""


_RECIPIENTS = re.compile(r"получател", re.IGNORECASE)
"""A caption naming what it stands over the recipient's («Карта получателя»)."""


_TRANSFER_TITLE = re.compile(r"^\W*перевод(?:\s+(?:выполнен|отправлен|доставлен))?\W*$", re.IGNORECASE)
"""A bank app's success screen's title over whom the transfer went to: «Перевод», «Перевод выполнен». Not a
receipt's «Перевод по реквизитам», under which the sender may come first."""


def _person_by_what_follows(line: str, above: str, below: Sequence[str]) -> str | None:
    """Whose name a caption-less person line is, by what is printed around it: a bank app's success screen puts the
    recipient right under its «Перевод» title (the amount under them); a transfer receipt puts the recipient over
    their phone or account and the sender over their masked card, each perhaps under its own caption; OCR loses the
    light-grey caption over the name first."""
    if not PERSON.match(line.strip()):
        return None
    if _TRANSFER_TITLE.match(above):
        return "recipient_name"
    under = below[1] if len(below) > 1 and below[0] and _CAPTION_LINE.match(below[0].strip()) else None
    for contact in filter(None, (below[0] if below else None, under)):
        if _PAYEE_CONTACT.match(contact) or _bank_by_phone(contact) is not None:
            return "recipient_name"
        if _MASKED_CARD.match(contact):  # the sender's card, unless its caption says it is the recipient's
            return "recipient_name" if under is not None and _RECIPIENTS.search(below[0]) else "payer_name"
    return None


def _numbers(line: str) -> list[str]:
    """The line's digit strings (``digit_tokens``), and a drive's sixteen digits read in groups beside a speck read
    as a digit («H: 8712000 101115560 1B»), whose whole run is no number."""
    tokens = digit_tokens(line)
    return tokens + [group for group in grouped_digits(line, 16) if group not in tokens]


def _a_drives_number(line: str, token: str) -> bool:
    """Sixteen digits with a fiscal drive's prefix, on a line that names no register number (ЗН ККТ, РН ККТ)."""
    drive_like = len(token) == 16 and token.startswith(checks.FISCAL_DRIVE_PREFIXES)
    return drive_like and not _REGISTER_NUMBER.search(line)


def _a_drive_alone(line: str, token: str) -> bool:
    """Sixteen digits with a fiscal drive's prefix and only specks beside them: a ФН whose short label blur took
    ("ou: \\ 9282000562287112"). A register's РН ККТ (16 digits from 000…) and a bank card (2…, 4…, 5…, 6…)
    start otherwise, and a line naming the register is its number's; the shape check in ``model.resolve`` leaves
    such a ФН unverified."""
    return _a_drives_number(line, token) and _only_specks_beside(line, token)


_REGISTER_NUMBER = re.compile(
    r"(?<![а-яёa-z])(?:" + "|".join(label(word) for word in ("ккт", "зн", "рн")) + r")(?![а-яёa-z])", re.IGNORECASE
)
"""The cash register's own numbers (ЗН ККТ, РН ККТ), short labels beside sixteen digits too."""


_AFTER_THE_DRIVE = ("fiscal_document_number", "fiscal_sign")


def _fiscal_numbers_after_the_drive(lines: Sequence[str], source: Source) -> list[Candidate]:
    """A cash receipt prints ФН, ФД and ФП on consecutive lines, in that order; the ФН's 16 digits survive blur
    that turns the short labels below into specks ("Of Nt 64171", "on 2302259259"), and then those two lines are
    the ФД and the ФП. Only under the drive's number: a register prints its РН ККТ (16 digits too) over other lines
    («РН ККТ: 0000021254007916» over «ФП: 2136077849», whose number would then be read as the ФД). Zeros alone
    are no ФД (it counts from 1) or ФП: they are an ОФД's «ООО» under a drive whose ФД and ФП are labelled
    elsewhere («ОФД ООО …» read «oon 000 …»)."""
    found = []
    for index, line in enumerate(lines):
        if any(_a_drives_number(line, token) for token in _numbers(line)):
            for field_name, below in zip(_AFTER_THE_DRIVE, lines[index + 1 : index + 3], strict=False):
                numbers = re.findall(r"\d+", below)  # as printed: specks are no digits here ("On: PDS 7055")
                if len(numbers) != 1 or len(numbers[0]) > 10 or not _only_specks_beside(below, numbers[0]):
                    break
                if not numbers[0].strip("0"):
                    break
                found.append(Candidate(field_name, numbers[0], source, 0.3, by_shape=True))
    return found


_BLURRED_DRIVE_LABEL = re.compile(
    r"(?<!\w)[0oо9%$][нhn]\s*[:=№-]?\s*(?:[эe][кk][з3]\W{0,3}(?:№\s*)?)?(\d{16})(?!\d)", re.IGNORECASE
)
_BLURRED_SEPARATOR = r"(?:\s*[:=№-]\s*|\s+(?=\d{10}(?!\d)))"
"""What stands between a blurred fiscal label and its number: a colon, «=», «№» or a dash, as registers print
them («ФД № 1472 ФП=1421230762» read «Of № 1472 0П-1421230762»), or only a space before the ten digits a register
pads its ФД or ФП to («of 0000000043»)."""
_BLURRED_NUMBER_LABEL = re.compile(
    r"(?<!\w)[0oо9%$](?P<letter>[дdaаnпfh])[дd]?" + _BLURRED_SEPARATOR + r"(?P<number>\d{1,10})(?![\d.,:/])",
    re.IGNORECASE,
)
"""A register's «ФН:», «ФД:», «ФП:» as Tesseract reads them when blur rounds the Ф into an O, a 0, a 9 or a $ and the
Д reads as an A (some registers' font prints it so): «OH: 8710000100151371», «OH: ЭКЗ. № 8710000100388285», «OA:
52001  ON: 1726106303», «$f: 2583630948». Read after a separator, on a page that names its cash register
(``_REGISTER_PAGE``): elsewhere «ON 12» is English."""
_BLURRED_PAIR = re.compile(
    r"(?<!\w)[0oо9%$][дdaаnпfh08]?[дd]?(?:\s*[:=№-]\s*|\s+)(?P<document>\d{1,7})\s*[—–-]?\s+"
    r"[0oо9%$][дdaаnпfh][дd]?" + _BLURRED_SEPARATOR + r"(?P<sign>\d{1,10})(?![\d.,:/])",
    re.IGNORECASE,
)
"""A ФД and a ФП printed on one line («СНО ОСН ФД 6175 ФП 0778053767») where blur left less of the ФД's label than
``_BLURRED_NUMBER_LABEL`` asks for: its Д read as a round digit («90 6175», «98:1948») or lost («0 38614 — ON
3751826308»). The ФП's blurred label after it, with its separator, says what the pair is; the ФД's label stands
apart from its number, or it would be a padded number's own 0 («$4:09595»)."""
_AMBIGUOUS_LETTERS = "fh"
"""A blurred label's second letter that reads as Д and as П alike («Of: 0765708786» is a ФП, «of 0000000043» a
ФД): the number says which (``_by_magnitude``)."""
FISCAL_DOCUMENT_MOST = 10**7
"""A ФД counts a drive's documents from 1, a few hundred thousand over its life at most; a ФП, a 32-bit hash, is
below this one time in 430."""


def _by_magnitude(number: str) -> str:
    """A number under a label that may be either: the ФП's when it is beyond any drive's count of documents."""
    return "fiscal_sign" if int(number) >= FISCAL_DOCUMENT_MOST else "fiscal_document_number"


_REGISTER_PAGE = re.compile("|".join(label(words) for words in ("ккт", "кассовый чек", "смена")), re.IGNORECASE)
_BLURRED_LABEL_SCORE = 0.2
"""Below the numbers under the ФН (``_fiscal_numbers_after_the_drive``): a blurred Д reads as П too («on: 179944»
over «on: 3740034953»), and a number's place under the ФН says more than a letter blur has shaped."""
_BLURRED_PAIR_SCORE = 0.25
"""Two blurred labels running (``_document_then_sign``) say more than one label's letter: their order is the
register's, the letters are blur's."""


def _fiscal_numbers_by_blurred_labels(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The numbers under blurred fiscal labels: a pair by its order, on one line or on two lines running; a lone
    label by its letter, unless that letter reads two different numbers on the page, when it stands for two fields
    and gives neither."""
    if not _REGISTER_PAGE.search("\n".join(lines)):
        return []
    found = [Candidate("fiscal_drive_number", drive[1], source, _BLURRED_LABEL_SCORE, by_shape=True)
             for line in lines for drive in _BLURRED_DRIVE_LABEL.finditer(line)]  # fmt: skip
    lone: list[tuple[int, re.Match[str]]] = []
    for index, line in enumerate(lines):
        labels = list(_BLURRED_NUMBER_LABEL.finditer(line))
        if len(labels) == 2:
            found += _document_then_sign(labels[0]["number"], labels[1]["number"], source)
        elif (pair := _BLURRED_PAIR.search(line)) and pair["document"].strip("0"):
            found += _document_then_sign(pair["document"], pair["sign"], source)
        elif len(labels) == 1:
            lone.append((index, labels[0]))
    by_letter: dict[str, set[str]] = {}
    position = 0
    while position < len(lone):
        index, blurred = lone[position]
        if position + 1 < len(lone) and lone[position + 1][0] == index + 1:
            found += _document_then_sign(blurred["number"], lone[position + 1][1]["number"], source)
            position += 2
            continue
        letter = blurred["letter"].lower()
        if letter in _AMBIGUOUS_LETTERS:
            field_name = _by_magnitude(blurred["number"])
        else:
            field_name = "fiscal_sign" if letter in "nп" else "fiscal_document_number"
        by_letter.setdefault(field_name, set()).add(blurred["number"])
        position += 1
    found += [
        Candidate(field_name, next(iter(numbers)), source, _BLURRED_LABEL_SCORE, by_shape=True)
        for field_name, numbers in by_letter.items()
        if len(numbers) == 1
    ]
    return found


def _document_then_sign(document: str, sign: str, source: Source) -> list[Candidate]:
    """Two blurred labels running, on a line («oN: 10310 on: 2489945772») or on two («ON: 64347» over «on:
    1417715324»), are the ФД and then the ФП, as registers print them, whatever letters blur made of them."""
    return [
        Candidate("fiscal_document_number", document, source, _BLURRED_PAIR_SCORE, by_shape=True),
        Candidate("fiscal_sign", sign, source, _BLURRED_PAIR_SCORE, by_shape=True),
    ]


_PURPOSE_START = re.compile(
    r"(?<![а-яё])(?:[ОO]плата|Возврат|Предоплата)\s+(?:[пn][оo]|з[аa]|услуг|займа|аванса)\b"
    r"(?!\s*(?:[QqOО0][RrВBРPКK]\W{0,2}[кkКK]|[СC][БB][ПPN]\b|карт|номеру\s+телефона))"
)
"""How a payment's purpose begins ("Оплата по счёту № 5", "Оплата за аренду", "Возврат займа", and with OCR's Latin
look-alikes "Оплата no счёту"): a purpose whose "Назначение платежа" caption blur took. Not a bank's name of the
operation, how it was paid: «Оплата по QR-коду СБП» (read «ОВ-коду», «ОК-коду», «ОК:коду», «QR-kogy»), «Оплата по
СБП», «Оплата по карте», «Оплата по номеру телефона»."""


_PAYEE_ACCOUNTS_BY_SHAPE = frozenset({"407", "408", "405", "406", "403", "421", "423", "031", "032", "401"})
"""The balance accounts a payee's 20 digits start with when no label says whose they are: narrower than what a
labelled account may start with (``values.settlement_account``), since here the shape is all the evidence."""


_KPP_PLACE = re.compile(r"(?:(?<![а-яёa-z])" + label("кпп") + r"\W{0,4}|(?<!\d)\d{10}\s?/\s?)$", re.IGNORECASE)
"""Where a КПП stands: after its label, or after its ИНН and a slash («ИНН/КПП 0486712259/048643001»)."""


def _printed_as_an_id(line: str, printed: str) -> bool:
    """Digits a БИК's shape fits that the page prints as a company's ИНН or КПП: a КПП of a tax office 04… (the
    Altai Republic's, Krasnoyarsk's), or an ИНН 104… whose leading 1 would be a grid's border. Two readers agreeing
    on such a БИК verified it on a счёт-фактура, which names no bank."""
    if len(printed) == 10 and checks.inn_valid(printed):
        return True
    at = line.find(printed)
    return at > 0 and _KPP_PLACE.search(line[:at]) is not None


def _behind_a_border(token: str) -> str:
    """A к/с, a payee's account or a bank's БИК with the grid's border read as a 1 before it, without the 1."""
    shapes = ((20, ("30101", "40102", *_PAYEE_ACCOUNTS_BY_SHAPE)), (9, ("04",)))
    return next((found for length, starts in shapes if (found := past_a_border(token, length, starts))), token)


_FORM_BEFORE_A_QUOTE = re.compile(
    rf"^(?:[\W_]*[^\W\d_]{{1,3}}\s+){{0,2}}?[\W_]*(?P<form>[A-ZА-ЯЁ0-9]{{2,3}})\s*(?=[{QUOTES}]+[А-ЯЁ])"
)
"""A token of two or three letters or digits before a quoted name in Russian, perhaps behind a few specks: a legal
form OCR misread letter for letter («ДО "Тандер"», «Cy 340 "Тандер"»), which ``misread_legal_form`` decides."""


def _org_start(line: str) -> int | None:
    """Where a company's name starts on a line that holds only it (``_ORG_LINE``, ``_ORG_BEHIND_SPECKS``,
    ``_ORG_AFTER_A_LEADER``, ``_FORM_BEFORE_A_QUOTE``)."""
    if found := _ORG_LINE.match(line):
        return found.end()
    if (found := _ORG_BEHIND_SPECKS.match(line)) and not label_matches(line):
        return found.end()
    if (found := _ORG_AFTER_A_LEADER.match(line)) and not label_matches(line):
        return found.end()
    misread = _FORM_BEFORE_A_QUOTE.match(line)
    if misread and misread_legal_form(misread["form"], before_a_quoted_name=True) and not label_matches(line):
        return misread.start("form")
    return None


_LONG_NUMBER = re.compile(r"\d{8}")
"""Eight digits in a row: a register's, an account's or a card's number, never part of a company's name. A name
read with one (its ИНН and КПП are cut off) is that number's line misread as a legal form («Ao BES
:0010190009021624» for «ЗН ККТ: 0010190009021624»)."""


_OPERATOR = re.compile(
    r"^[\W_]*(?:" + label("офд") + "|" + label("оператор") + r"|[oо0][oо0ф][nп])(?![а-яёa-z])", re.IGNORECASE
)
"""A receipt's line naming its fiscal data operator («ОФД ООО «Такском»», blurred «oon 000 …»): another party."""
_OPERATORS_WORDS = (
    "офд", "ofd", "такском", "калуга астрал", "петер-сервис", "энергетические системы и коммуникации",
    "электронный экспресс", "корус консалтинг",
)  # fmt: skip
_OPERATORS_NAME = re.compile(
    r"(?<![а-яёa-z])(?:" + "|".join(map(label, _OPERATORS_WORDS)) + r")(?![а-яёa-z])", re.IGNORECASE
)
"""A fiscal data operator's own name: one with the word «ОФД» («Первый ОФД», «Платформа ОФД», «ОФД.РУ», «Яндекс.ОФД»)
or a licensed operator's name that carries none («Такском», «Калуга Астрал»). An ОФД prints its name atop the
receipts its site shows and its e-mails send; it stores the receipt and never sells what it lists."""


_IP_INITIALS = re.compile(r"^(?P<head>ИП\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+)(?P<first>\S)\.\s?(?P<second>\S)\.?$")
"""An ИП's name as registers print it, the surname and two initials («ИП Богданович А.В.»)."""
_INITIAL_LETTERS = str.maketrans("4308ABCEHKMOPTX", "АЗОВАВСЕНКМОРТХ")
"""What a bold dot-matrix font's capital initial reads as: a digit (А as 4, З as 3, О as 0, В as 8) or a Latin
look-alike (A, B)."""


def _ip_initials(name: str) -> str:
    """An ИП's two initials as letters, when OCR read one as a digit or a Latin look-alike («ИП Богданович 4.B.»): an
    initial is a Cyrillic capital, so a character there that maps onto one is that capital misread; any other leaves
    the name as read."""
    if (found := _IP_INITIALS.match(name)) is None:
        return name
    first, second = (found[part].translate(_INITIAL_LETTERS) for part in ("first", "second"))
    if not all("А" <= letter <= "Я" or letter == "Ё" for letter in (first, second)):
        return name
    spelled = list(name)  # only the two characters change: the spacing and dots stay as printed («А. А.»)
    spelled[found.start("first")], spelled[found.start("second")] = first, second
    return "".join(spelled)


def org_name(line: str) -> str | None:
    """The company a line holds and nothing else (after a ПД-4 half's title, ``PD4_HALF_TITLE``): its legal form
    first (``_org_start``) or after a comma; not the ОФД's (``_OPERATOR``, ``_OPERATORS_NAME``)."""
    line = PD4_HALF_TITLE.sub("", line)
    if _OPERATOR.match(line) or _OPERATORS_NAME.search(line):
        return None
    if (org := _org_start(line)) is not None:
        name = read_name(line[org:])
    else:
        name = normalize_text(line) if _ORG_FORM_LAST.match(line) else None
    if name is None or _LONG_NUMBER.search(name) or _two_names(name):
        return None
    name = _MIXED_WORD.sub(lambda word: word.group().translate(LOOKALIKE_LETTERS), name)
    return None if _MIXED_WORD.search(name) else _ip_initials(name)


_ANOTHER_ORG = re.compile(rf"(?<=[{QUOTES}»\w.])\s+(?-i:{_ORG_FORMS}){_NAME_AFTER_FORM}")
"""A legal form opening a second name after the first one's end («ИП Белова Ольга Игоревна ООО «Север»»)."""


def _two_names(name: str) -> bool:
    """Two parties' names side by side, as an act's foot prints them under «Исполнитель: Заказчик:» (the columns
    read as one line): neither is the line's one name."""
    return _second_name_at(name) is not None


def _second_name_at(line: str) -> int | None:
    """Where a second party's name starts on a line that holds two (``_ANOTHER_ORG``); a legal form inside a quoted
    name («ООО «Дом АО»») is the name's own."""
    for found in _ANOTHER_ORG.finditer(line):
        before = line[: found.start()]
        if before.count("«") == before.count("»") and before.count('"') % 2 == 0:
            return found.start()
    return None


_PAYEE_ROLE = r"(?:исполнитель|поставщик|продав[её]ц|подрядчик|арендодатель|получатель)"
_PAYER_ROLE = r"(?:заказчик|покупатель|плательщик|арендатор|абонент|доверитель|страхователь)"
_ROLES_WORD = r"(?:\s+(?-i:[а-яё]+))?"
_TWO_ROLES = re.compile(
    rf"^[\W_]*(?:(?P<payee_first>{_PAYEE_ROLE}){_ROLES_WORD}[\W_]+{_PAYER_ROLE}"
    rf"|{_PAYER_ROLE}{_ROLES_WORD}[\W_]+{_PAYEE_ROLE}{_ROLES_WORD})[\W_]*$",
    re.IGNORECASE,
)
"""Both parties' captions on one row, the payee's and the payer's in either order («Исполнитель: Заказчик:»), as an
act's or an invoice's foot prints them over the parties' names and signatures, or a ЕПД's head over its two columns
(«Исполнитель услуг: Плательщик:», a role and the lower-case word it takes)."""
_PERSON_LAST = re.compile(
    r"(?<=[»\"\w.])\s+(?P<person>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+"
    r"[А-ЯЁ][а-яё]+(?:ович|евич|ич|овна|евна|ична|инична))\W*$"
)
"""A person named in full, the patronymic last, at the end of a line after another name: a ЕПД's head reads its
two columns as one line, the company's name on the left, the account holder's on the right («ООО «УК Гранит»
Волков Игорь Сергеевич»)."""


def _second_column_at(line: str) -> int | None:
    """Where a second party's name starts on a line under two captions: a legal form's (``_second_name_at``), or a
    person's named in full at its end (``_PERSON_LAST``) outside the first name's quotes, after a first column that
    names someone besides its legal form."""
    if (second := _second_name_at(line)) is not None:
        return second
    person = _PERSON_LAST.search(line)
    if person is None:
        return None
    before = line[: person.start()]
    balanced = before.count("«") == before.count("»") and before.count('"') % 2 == 0
    return person.start("person") if balanced and _LEGAL_FORM_TOKEN.sub("", before).strip(' \t«»"“”.,') else None


_LEGAL_FORM_TOKEN = re.compile(rf"(?<!\w)(?-i:{_ORG_FORMS})(?!\w)")
"""A legal form as a word of its own: what is left of a first column without it names the party, where «ИП»
alone before a person's full name is that person's own form («ИП Волков Игорь Сергеевич»), no column."""


def names_under_two_roles(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The two names on a line under both parties' captions (``_TWO_ROLES``), each its caption's: the first
    column's is the first caption's."""
    found = []
    for above, line in itertools.pairwise(lines):
        roles = _TWO_ROLES.match(above)
        if roles is None or (start := _org_start(line)) is None or (second := _second_column_at(line)) is None:
            continue
        first_name, second_name = read_name(line[start:second]), read_name(line[second:])
        if first_name is None or second_name is None:
            continue
        payee, payer = (first_name, second_name) if roles["payee_first"] else (second_name, first_name)
        found += [
            Candidate(field, name, source, _FOOT_SCORE)
            for field, name in (("recipient_name", payee), ("payer_name", payer))
        ]
    return found


_HOUSING_BILL_TITLE = re.compile(
    r"единый\s+плат[её]жный\s+документ|внесени\w*\s+платы\s+за\s+(?:\w+\s+){0,4}жил\w*\s+помещ", re.IGNORECASE
)
"""A housing bill's title or the line under it («ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ», «для внесения платы за жилое помещение
и коммунальные услуги»), also the one where a photo lost the other («Аля внесения платы за жилое помещ»)."""
_PERSON_IN_FULL = re.compile(
    r"(?<![\w-])(?P<before>(?:ИП|предприниматель)\s+)?(?P<person>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ][а-яё]+\s+"
    r"[А-ЯЁ][а-яё]+(?:ович|евич|ич|овна|евна|ична|инична))(?![\w-])"
)
_HOLDER_SCORE = 0.8
"""Under a party's label (0.9-1.0): where a caption was read, its name is the payer's."""


def housing_bills_holder(lines: Sequence[str], source: Source) -> list[Candidate]:
    """A housing bill's (ЕПД's) account holder, the one person it names in full, as its payer: its payee is a
    management company, and its head prints the holder's name under a grey «Плательщик:» that a worn page loses
    («000 «УК Гранит» Волков Игорь Сергеевич», the two columns on one row with no caption over them). A person
    after «ИП» is a payee's own form; two people named in full (a chairman's signature) leave it unsaid."""
    if not any(_HOUSING_BILL_TITLE.search(line) for line in lines[:_HOUSING_TITLE_ROWS]):
        return []
    named = [found for line in lines for found in _PERSON_IN_FULL.finditer(line)]
    people = {found["person"] for found in named}
    if len(people) != 1 or any(found["before"] for found in named):
        return []
    return [Candidate("payer_name", people.pop(), source, _HOLDER_SCORE)]


_HOUSING_TITLE_ROWS = 4
"""The title and the line under it head the page; a photo may read a speck's line or two over them."""


_FOOT_SCORE = 1.05
"""Just over a party's label (1.0): a name alone under its caption, its legal form opening it, is read whole, where
the requisites' paragraph that a label opens runs on into the address, the bank or, on a photo, the next line."""


_MIXED_WORD = re.compile(r"(?=\w*[А-Яа-яЁё])(?=\w*[A-Za-z])\b\w+")
"""A word of Cyrillic and Latin letters: Cyrillic again when its Latin ones are look-alikes («Звeзда»); otherwise
(«Rити Преnьер» for «АйТи Премьер») a head OCR garbled, which names no one rather than someone wrong."""


_HEAD_INN = re.compile(r"(?<!\d)(?P<inn>\d{12})\s*#\s?\d{3,}(?!\d)")
"""Twelve digits before a receipt's «#0679»: an ЭКЛЗ-era register's head, «ККМ 00015886 ИНН 002310031475 #4073»."""


def _padding_misread(line: str, token: str) -> bool:
    """A register's 00-padded ИНН in its head (``_HEAD_INN``) with one padding zero misread and its label lost («… На
    Kart” 907728029110 #0679»): twelve digits that fail a person's ИНН rule while the ten after a 0 and another digit
    pass a company's. The ten are taken by their shape and place, never verified (a check digit passes one in ten)."""
    head = _HEAD_INN.search(line)
    padding = token[:2]
    return (
        head is not None
        and head["inn"] == token
        and padding != "00"
        and "0" in padding
        and not checks.inn_valid(token)
        and checks.inn_valid(token[2:])
    )


def _printed_by_a_browser(index: int, lines: Sequence[str]) -> bool:
    """The line is a browser's print header or a fax's transmission header (``_FAX_HEADER``): among the first or
    last lines of the page, opening with the moment of printing or sending."""
    in_margin = index < _PRINT_MARGIN_LINES or index >= len(lines) - _PRINT_MARGIN_LINES
    line = lines[index]
    return in_margin and (_BROWSER_PRINT_HEADER.match(line) is not None or _FAX_HEADER.match(line) is not None)


_SELLERS_PAIR = re.compile(
    r"(?:(?<![а-яё])[пл]род[ав]{2}ц[а-яё]*|[({]\s*2\s*[бb6]\s*[)}])\W{0,3}(?P<run>\d(?:\d|\s?/\s?|\s(?=\d))*)"
    r"|(?P<before>\d(?:\d|\s?/\s?|\s(?=\d))*)\W{0,3}[({]\s*2\s*[бb6]\s*[)}]",
    re.IGNORECASE,
)
"""A счёт-фактура's or УПД's row «ИНН/КПП продавца: 1310453605/131001001 (2б)» whose «ИНН/КПП» OCR garbled («нити
продавца:», the УПД's «Статус» column run into it), its seller's word too («лродавца», «продваци»), or the row's
number in the form, «(2б)» (OCR's «(26)»), that says it is the seller's: the run of digits there, which OCR splits
(«536672 0923/536601001») or runs together, the slash lost or read as a digit («5366720923936601001»,
«61373070321623743001»)."""
_INN_AND_KPP = {19: (10, 10), 20: (10, 11)} | {length: (10, length) for length in range(13, 19)}
"""Where a pair run together ends its ИНН and starts its КПП, by the run's length: a ten-digit ИНН, then its КПП
right after it or after the slash read as a digit; a shorter run holds a КПП cut short («4789714559 47890100t»)."""


def _sellers_pair(line: str, source: Source) -> list[Candidate]:
    """The seller's ИНН and КПП of a row ``_SELLERS_PAIR`` finds, where the ИНН's check digits pass (a run of any
    other length is no pair); the КПП only where its region, digits 1-2, is the ИНН's, as for any КПП beside an ИНН
    whose label went unread (``labels.kpp_beside_inn``): a garbled row garbles its digits too («ИННИКЛП продавца:
    6163045256/516201001» for 616201001)."""
    if (pair := _SELLERS_PAIR.search(line)) is None:
        return []
    inn, _, kpp = "".join((pair["run"] or pair["before"]).split()).partition("/")
    if not kpp and len(inn) in _INN_AND_KPP:
        inn_end, kpp_start = _INN_AND_KPP[len(inn)]
        inn, kpp = inn[:inn_end], inn[kpp_start:]
    if len(inn) not in (10, 12) or not checks.inn_valid(inn):
        return []
    found = [Candidate("recipient_inn", inn, source, 1.0, named_whose=True)]
    if len(kpp) == 9 and kpp[:2] == inn[:2]:
        found.append(Candidate("recipient_kpp", kpp, source, 1.0, named_whose=True))
    return found


_PARTYS_ROW = re.compile(r"\s*[({]\s*(?P<row>[26])\s*[)}](?:\W|(?<!\w)\w(?!\w))*$")
"""The end of a счёт-фактура's or УПД's party row, its number in the form: «(2)» the seller's, «(6)» the buyer's,
whatever specks OCR read after it («(2) 3», «(6) :»)."""
_PARTY_BY_ROW = {"2": "recipient_name", "6": "payer_name"}
_LEGAL_FORM_IN_ROW = re.compile(r"(?<![\wА-ЯЁа-яё])(?:ООО|OOO|000|ПАО|ЗАО|ОАО|АО|AO|ИП)\s")


def form_parties(lines: Sequence[str], source: Source) -> list[Candidate]:
    """On a счёт-фактура or УПД (``TAX_INVOICE_TITLE``), the company of a party's row (``_PARTYS_ROW``) whose caption
    OCR garbled past its labels («Поввннне ООО “Компас” (2)», «Покупатять: OOO "ЭкоМаркот" (6)»): the form numbers
    its rows, (2) the seller, who is paid, and (6) the buyer, who pays."""
    if not any(TAX_INVOICE_TITLE.search(line) for line in lines):
        return []
    found = []
    for line in lines:
        row = _PARTYS_ROW.search(line)
        form = _LEGAL_FORM_IN_ROW.search(line[: row.start()]) if row else None
        if row is None or form is None or any(rule.field in _PARTY_BY_ROW.values() for rule, _ in label_matches(line)):
            continue
        name = org_name(line[form.start() : row.start()])
        if name is not None and not _latin_and_cyrillic(name[form.end() - form.start() :]):
            found.append(Candidate(_PARTY_BY_ROW[row["row"]], name, source, 1.0))
    return found


def _latin_and_cyrillic(words: str) -> bool:
    """A name in both scripts, «"tlexaptisx у Дома"»: the garbled caption's row garbled its name too."""
    return re.search(r"[a-z]", words, re.IGNORECASE) is not None and re.search(r"[а-яё]", words, re.I) is not None


def _the_lines_date(line: str, above: str, source: Source, patients: bool) -> Candidate | None:
    """The payment's date the line holds with no label to name it: a title's («Счёт на оплату № 5 от 16 мая 2025 г.»),
    a bill's after its number, or a date of its own (``_own_date``). Never on a browser's print header, whose page
    title may be a bill's («10.11.2026, 08:20 Счёт на оплату — Полка для бизнеса»): the caller skips those."""
    if (title_date := _title_date(line, above)) is not None:
        return Candidate("payment_date", title_date, source, 1.0)
    if (invoice_date := _invoice_date(line, above)) is not None:
        return Candidate("payment_date", invoice_date[0], source, invoice_date[1])
    if found_date := _own_date(line, above, patients):
        # a date no label names, taken for want of one: two readers agreeing confirm its digits, not its role
        unlabelled = not (_after_a_dates_caption(line, found_date[0]) or _a_moment(line, found_date[0]))
        return Candidate("payment_date", found_date[0], source, found_date[1], by_shape=unlabelled)
    return None


def read_unlabelled(lines: Sequence[str], source: Source, patients: bool) -> list[Candidate]:
    """Values recognisable by shape alone, at a low score: they only fill gaps that labelled readings left.
    ``patients``: the page treats them or takes a car in (``model.values.receives_no_money``), as its lines may no
    longer show."""
    found = [c for line in lines for c in _sellers_pair(line, source)] + form_parties(lines, source)
    found += _fiscal_numbers_after_the_drive(lines, source)
    under_the_drive = {(c.field, c.value) for c in found}  # a blurred label's number there is read once
    found += [c for c in _fiscal_numbers_by_blurred_labels(lines, source) if (c.field, c.value) not in under_the_drive]
    slip = _card_slip_lines(lines)
    for index, (line, above, below) in enumerate(zip(lines, ["", *lines], [*lines[1:], ""], strict=False)):
        if (person := _person_by_what_follows(line, above, lines[index + 1 : index + 3])) is not None:
            person_name = _INITIAL_READ_AS_THREE.sub("З", normalize_text(line) or line)
            found.append(Candidate(person, person_name, source, 0.3))
        if (phones_bank := _bank_by_phone(line)) is not None:
            found.append(Candidate("bank_name", phones_bank, source, 0.3))
        for printed in _numbers(line):
            token = _behind_a_border(printed)
            if len(token) == 20 and token.startswith(("30101", "40102")):  # a bank's к/с, a treasury office's ЕКС
                found.append(Candidate("bank_corr_account", token, source, 0.3))
            elif len(token) == 20 and token[:3] in _PAYEE_ACCOUNTS_BY_SHAPE:
                found.append(Candidate("recipient_account", token, source, 0.3))
            elif _a_drive_alone(line, token):
                found.append(Candidate("fiscal_drive_number", token, source, 0.3, by_shape=True))
            elif len(token) == 9 and token.startswith("04") and not _printed_as_an_id(line, printed):
                found.append(Candidate("bank_bic", token, source, 0.3))
            elif (
                len(token) in (10, 12)
                and _only_specks_beside(line, token)
                and not _under_a_number_caption(above)
                and checks.inn_valid(token)
            ):
                found.append(Candidate("recipient_inn", token, source, 0.3, by_shape=True))
                if (kpp := kpp_beside_inn(line, token)) is not None:  # «HHH 7707083893 КИП 770701001»
                    found.append(Candidate("recipient_kpp", kpp, source, 0.3))
            elif (checks.padded_inn_valid(token) or _padding_misread(line, token)) and not _under_a_number_caption(
                above
            ):
                # an ЭКЛЗ-era register's «ККМ 00173040 ИНН 002310031475» with its label blurred («HHH»)
                found.append(Candidate("recipient_inn", token[2:], source, 0.3, by_shape=True))
        if not _printed_by_a_browser(index, lines) and (dated := _the_lines_date(line, above, source, patients)):
            found.append(dated)
        if (start := _PURPOSE_START.search(line)) and (purpose := read_purpose(line[start.start() :])) is not None:
            purpose = continued("purpose", purpose, [below]) or purpose
            found.append(Candidate("purpose", purpose, source, 0.3, by_shape=True))
        if _STAMP_STATUS.search(line):
            pass  # the executing bank's stamp names neither the recipient nor their bank
        elif _looks_like_a_bank(line) and (bank := read_bank(line)) is not None:
            if index not in slip:
                found.append(Candidate("bank_name", bank, source, 0.3))
        elif (name := org_name(line)) is not None and not (index in slip and _BANK_WORD.search(name)):
            found.append(Candidate("recipient_name", name, source, 0.3))  # a slip's bank is no seller either
        if (
            _STANDALONE_AMOUNT.match(line)
            and not _under_another_sums_caption(above)
            and (amount := payable(line))
            and not _separators_lost(line)
        ):
            unread = not kopecks_shown(line)
            found.append(Candidate("amount", amount, source, 1.5, kopecks_unread=unread))  # atop a bank's receipt
        elif (spaced := _SPACED_AMOUNT.match(line)) and not _under_another_sums_caption(above):
            amount = f"{int(''.join(spaced[1].split()))}.{spaced[2].replace(' ', '')}"
            if amount != "0.00":
                found.append(Candidate("amount", amount, source, 1.0))
    return found
