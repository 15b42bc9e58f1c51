"""The total due written out in words: a second form of the amount that can confirm or refute the one in digits.

An invoice, a payment order and a bank's payment check print the sum to pay twice: in digits under «Всего к оплате»
and in words («Три тысячи семьсот семьдесят пять рублей 36 копеек», «Сумма прописью …»). Only the total due is
written out, so the words say which of the page's sums is the amount (not «Итого» before VAT, not a fee), and their
letters are another reading than the digits' (a 3 read as 8 is no «восемь»). ``model.resolve`` verifies an amount
the words repeat (rule ``amount_in_words``) and leaves unverified one they contradict. The words are parsed by
number-parser (BSD-3): only a run of words that are all Russian numerals counts, so a word OCR garbled («семъдесят»)
drops the reading rather than change its value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from number_parser import parse_number

from model.disagreements import PAGES_DIFFER
from model.schema import Candidate, CheckStatus, FieldCheck, Source
from model.values import read_amount

AMOUNT_IN_WORDS = "amount_in_words"
"""The candidates' field: not a payment detail of its own, the amount's second form."""
WORDS_AFTER_A_LABEL = "amount_in_words_after_a_label"
"""The candidates' field: a sum in words whose line opens with the label of the sum («На сумму: Девятьсот пятнадцать
рублей 00 копеек», «Сумма прописью …»), so that no numeral of it can stand on a line above; the amount where no
figure was read (``words_alone``)."""
_ROUBLES = re.compile(
    r"(?P<before>.*?)(?<![а-яё])руб(?:л[а-яё]*)?\.?\s*(?:(?P<kopecks>\d{2})(?:\s*коп[а-яё]*\.?|\s*$))?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[а-яё]+", re.IGNORECASE)
RULE = AMOUNT_IN_WORDS


def read_amount_in_words(lines: Sequence[str], source: Source) -> list[Candidate]:
    """Each sum written in words with its kopecks in digits, as «… рублей 36 копеек» (the words may start on the line
    above); ``value`` as amounts are written («3775.36»). A sum in digits followed by itself in words in brackets
    is also read as the amount (``_sums_with_their_words``)."""
    spelled = [Candidate(AMOUNT_IN_WORDS, value, source) for value, _ in _spelled_sums(lines)]
    return _sums_with_their_words(lines, source) + spelled


FIGURE_THE_WORDS_NAME = "amount_figure_the_words_name"
"""The candidates' field: a sum in figures whose roubles the sum in words names, wherever it stands (its total's
label garbled, «Beers к салате: 106 617,16» for «Всего к оплате»); the amount where no labelled figure was read
(``figure_the_words_name``)."""
_FIGURE = re.compile(r"(?<![\d.,])(?P<roubles>\d{1,3}(?:[\s\u00a0]\d{3})+|\d+)[.,](?P<kopecks>\d{2})(?![\d.,]?\d)")
"""A sum in figures with its kopecks, «106 617,16», «8117.86»: roubles alone (a count, a year) are no sum."""


def read_figures_the_words_name(lines: Sequence[str], source: Source) -> list[Candidate]:
    """Each sum in figures whose roubles a sum in words on the page names, and whose kopecks are the words' where
    the words' kopecks were read: the words and the figures are two printings of the total due."""
    spelled = spelled_roubles(lines)
    found = []
    for line in lines:
        for match in _FIGURE.finditer(line):
            roubles = int(re.sub(r"\s", "", match["roubles"]))
            if roubles in spelled and (not spelled[roubles] or match["kopecks"] in spelled[roubles]):
                found.append(Candidate(FIGURE_THE_WORDS_NAME, f"{roubles}.{match['kopecks']}", source))
    return found


def read_words_after_a_label(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The sums in words whose line opens with the sum's label (``WORDS_AFTER_A_LABEL``)."""
    return [Candidate(WORDS_AFTER_A_LABEL, value, source) for value, labelled in _spelled_sums(lines) if labelled]


def _spelled_sums(lines: Sequence[str]) -> list[tuple[str, bool]]:
    """Each sum in words as amounts are written, and whether its line opens with the sum's label: then no numeral of
    it stands on the line above."""
    return [(f"{roubles}.{kopecks}", labelled) for roubles, kopecks, labelled in _spelled(lines) if kopecks]


def spelled_roubles(lines: Sequence[str]) -> dict[int, set[str]]:
    """The roubles of each sum in words and the kopecks read with them, none where they went unread («… девятнадцать
    рублей alle 572719=»): the roubles alone can confirm a figure's."""
    found: dict[int, set[str]] = {}
    for roubles, kopecks, _ in _spelled(lines):
        found.setdefault(roubles, set()).update([kopecks] if kopecks else [])
    return found


def _spelled(lines: Sequence[str]) -> list[tuple[int, str | None, bool]]:
    """Each sum in words: its roubles, its kopecks in digits where read, and whether its line opens with the sum's
    label."""
    found = []
    for index, line in enumerate(lines):
        if (match := _ROUBLES.match(line)) is None:
            continue
        roubles = _numerals(match["before"])
        labelled = roubles is not None and _opens_with_a_label(match["before"])
        if roubles and not labelled and index > 0 and (above := _numerals(lines[index - 1])):
            roubles = f"{above} {roubles}"  # «Сто двенадцать тысяч» over «четыреста рублей 05 коп.»
        value = parse_number(roubles, language="ru") if roubles else None
        if value:
            found.append((value, match["kopecks"], labelled))
    return found


_SUM_THEN_WORDS = re.compile(
    r"(?<![\d.,])(?P<digits>\d{1,3}(?:[\s\u00a0]\d{3})*|\d+)(?:[.,](?P<fraction>\d{2}))?(?![\d.,]\d)"
    r"\s*(?P<before>руб[а-яё]*\.?\s*)?\(\s*(?P<words>[а-яё\s]+?)\s*"
    r"(?:(?P<inside>рубл[а-яё]*)\s*(?:(?P<kopecks>\d{2})\s*коп[а-яё]*\.?)?)?\s*\)(?P<after>\s*рубл[а-яё]*)?",
    re.IGNORECASE,
)
"""A contract's price written twice, «Стоимость услуг составляет 81 000,00 (Восемьдесят одна тысяча рублей 00
копеек)» or «81 000 (восемьдесят одна тысяча) рублей»: a «Счёт-договор» states its sum so, in a clause with no
label of a total. The roubles are named before, inside or right after the brackets: «40 (сорока) календарных дней» is
a count of days."""
_SUM_SCORE = 2.0
"""A total's score (``model.labels.TOTAL_SCORE``): the words name the sum the page is for."""


def _sums_with_their_words(lines: Sequence[str], source: Source) -> list[Candidate]:
    """Each sum in digits that the words in brackets after it repeat, as the amount and as its words, unless its
    clause names it VAT, a fee or a discount (``model.values.read_amount``): a contract writes out its VAT too."""
    found = []
    for index, line in enumerate(lines):
        text = f"{line} {lines[index + 1]}" if line.count("(") > line.count(")") and index + 1 < len(lines) else line
        for match in _SUM_THEN_WORDS.finditer(text):
            if not (match["before"] or match["inside"] or match["after"]):
                continue  # «40 (сорока) календарных дней»: a count, no sum
            words = _numerals(match["words"])
            whole = re.sub(r"\s", "", match["digits"])
            if words is None or parse_number(words, language="ru") != int(whole):
                continue
            kopecks = match["fraction"] or match["kopecks"] or "00"
            if match["fraction"] and match["kopecks"] and match["fraction"] != match["kopecks"]:
                continue
            clause = re.split(r"[.;](?:\s|$)", text[: match.start()])[-1]
            if read_amount(f"{clause} {whole}.{kopecks}") is None:
                continue
            value = f"{whole}.{kopecks}"
            found += [Candidate("amount", value, source, _SUM_SCORE), Candidate(AMOUNT_IN_WORDS, value, source)]
    return found


_LABEL = re.compile(
    r"^\W*(?P<label>сумма\s+прописью|(?:итого|всего)(?:\s+к\s+оплате)?|к\s+оплате|[нh][аa]\s+сумм?[уy])?[\W_]*",
    re.IGNORECASE,
)
"""What may stand before the words on their line: the form's caption, a total's label, a receipt's «На сумму:» under
«Всего наименований: 4» (OCR's «Ha суму:»)."""


def _opens_with_a_label(text: str) -> bool:
    opening = _LABEL.match(text)
    return opening is not None and opening["label"] is not None


def _numerals(text: str) -> str | None:
    """The text's words, less a label before them, when every one is a Russian numeral (number-parser reads them
    all or returns None): a word OCR garbled («семъдесят») drops the reading rather than shorten the number."""
    words = _LABEL.sub("", text, count=1).lower().replace("ё", "е").split()
    if not words or not all(_WORD.fullmatch(word) for word in words):
        return None
    joined = " ".join(words)
    return joined if parse_number(joined, language="ru") is not None else None


def words_checked(
    value: str | None, check: FieldCheck, amounts: Sequence[Candidate], spelled: Sequence[Candidate]
) -> tuple[str | None, FieldCheck]:
    """The amount as the sum in words judges it: ``verified`` when the words repeat it; when they name another sum
    that their page reads in digits beside the amount, that sum (the words say which of their page's totals is due),
    ``verified``; otherwise, when they contradict it, never ``verified``. Two sums in words (two documents in one
    file) judge nothing, and the words on another page than the amount's (an act of last month behind the bill)
    choose none of their page's sums over it."""
    sums = {c.value for c in spelled}
    if value is None or len(sums) != 1:
        return value, check
    (words,) = sums
    if _same(value, words):
        detail = f"the sum in words reads the same ({words}): only the total due is written out"
        if check.status == CheckStatus.VERIFIED:
            return value, check.model_copy(update={"detail": f"{check.detail}; {detail}"})
        return value, FieldCheck(status=CheckStatus.VERIFIED, source=check.source, rule=RULE, detail=detail)
    on_its_pages = {c.page for c in spelled}
    in_digits = [c for c in amounts if _same(c.value, words) and c.page in on_its_pages]
    if not any(c.page in on_its_pages for c in amounts if _same(c.value, value)) and check.source != Source.QR:
        pages = ", ".join(map(str, sorted(on_its_pages)))
        detail = (
            f"page {pages} of the file writes out {words} in words and never reads {value}: the file holds another"
            " document's sum; compare it with the document"
        )
        status = CheckStatus.UNVERIFIED if check.status == CheckStatus.VERIFIED else check.status
        return value, check.model_copy(update={"status": status, "rule": PAGES_DIFFER, "detail": detail})
    if in_digits and check.source != Source.QR:
        detail = (
            f"the sum in words ({words}) names this one of the page's sums as the total due, not {value}, and reads"
            " the same"
        )
        return in_digits[0].value, FieldCheck(
            status=CheckStatus.VERIFIED, source=in_digits[0].source, rule=RULE, detail=detail
        )
    detail = f"{check.detail or ''}; but the sum in words reads {words}: compare it with the document".lstrip("; ")
    status = CheckStatus.UNVERIFIED if check.status == CheckStatus.VERIFIED else check.status
    return value, check.model_copy(update={"status": status, "rule": RULE, "detail": detail})


def _same(amount: str, other: str) -> bool:
    return Decimal(amount) == Decimal(other)


def words_alone(
    value: str | None, check: FieldCheck, spelled: Sequence[Candidate], after_a_label: Sequence[Candidate]
) -> tuple[str | None, FieldCheck]:
    """The amount as the words write it where no figure of it was read (a receipt whose «Итого к оплате:» lost its
    figure to blur, its «На сумму: Девятьсот пятнадцать рублей 00 копеек» read): only words whose line opens with
    the sum's label, so that no numeral of it stood on a line above, and only where the page writes out one sum.
    ``unverified``: one reading, which nothing else states."""
    sums = {c.value for c in spelled}
    if value is not None or len(sums) != 1 or not after_a_label or {c.value for c in after_a_label} != sums:
        return value, check
    words = after_a_label[0]
    detail = f"read only in words ({words.value}): no figure of it was read; compare it with the document"
    return words.value, FieldCheck(status=CheckStatus.UNVERIFIED, source=words.source, rule=RULE, detail=detail)


def figure_the_words_name(
    value: str | None, check: FieldCheck, amounts: Sequence[Candidate], figures: Sequence[Candidate]
) -> tuple[str | None, FieldCheck]:
    """The amount as the one sum in figures whose roubles the words name (``read_figures_the_words_name``), where no
    amount was read otherwise (its total's label garbled, the words' kopecks unread) or the one read, unverified,
    has other roubles than the words («10.00» from a garbled row) on the words' page: the words confirm its roubles,
    nothing its kopecks, so ``unverified``. An amount the words in full judged (``words_checked``), or read on
    another page than the words (an act behind the bill), stays."""
    sums = {c.value for c in figures}
    if len(sums) != 1 or check.status == CheckStatus.VERIFIED:
        return value, check
    figure = figures[0]
    if value is not None:
        on_its_page = any(c.page == figure.page and _same(c.value, value) for c in amounts)
        if check.rule is not None or not on_its_page or int(Decimal(value)) == int(Decimal(figure.value)):
            return value, check
    read = f"; {value} was read where the words name other roubles" if value is not None else ""
    detail = (
        f"read where no total's label stands ({figure.value}): the sum in words names its roubles, nothing else its"
        f" kopecks{read}; compare it with the document"
    )
    return figure.value, FieldCheck(status=CheckStatus.UNVERIFIED, source=figure.source, rule=RULE, detail=detail)
