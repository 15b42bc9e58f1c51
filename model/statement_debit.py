"""A bank statement that lists one operation, a debit: the record of that one payment.

A statement lists a period's operations, and which of them is «the» payment has no answer (``model.fields.
is_statement``). A period with a single operation, a debit, has one: the row's counterparty is the recipient (its
ИНН, КПП, account and БИК printed in the row), its debit the amount, the row's date the payment's (never the
period's bounds nor the day the statement was formed), the statement's client the payer. The period's turnover
(«Обороты за период: приход 0,00 расход 69 885,00») must confirm it: nothing credited, and the debit the row's
figure; a statement that does not print it, or lists several rows, gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from model.normalize import FIGURE_WITH_KOPECKS, find_dates, normalize_amount, normalize_text
from model.schema import Candidate, Source
from model.values import digit_tokens, label, read_bank, read_name, read_purpose

_CREDIT = r"(?:приход|кредит|поступлени[ея])"
_DEBIT = r"(?:расход|дебет|списани[ея])"
_TABLE_HEAD = re.compile(_CREDIT + r".*" + _DEBIT + "|" + _DEBIT + r".*" + _CREDIT, re.IGNORECASE)
"""The operations table's head, which names the credit and the debit columns («… Приход Расход»)."""
_TABLE_END = re.compile(r"^\W*(?:(?:итого\s+)?обороты|исходящий\s+остаток|остаток\s+на\s+конец)", re.IGNORECASE)
_FIGURE = "(" + FIGURE_WITH_KOPECKS + ")"
_TURNOVER_CREDIT = re.compile(_CREDIT + r"\W{0,3}" + _FIGURE, re.IGNORECASE)
_TURNOVER_DEBIT = re.compile(_DEBIT + r"\W{0,3}" + _FIGURE, re.IGNORECASE)
_ROW_DATE = re.compile(r"^\W*(\d{2}[.,]\d{2}[.,]\d{4})(?!\d)\W*(?:\d{1,7}(?!\d)\W*)?")
"""An operation's row opens with its date, then the document's number («24.09.2026 58 ИП Зайцев …», «| 16.05.2026 |
275 | ПАО …» as OCR reads the table's rules)."""
_TRAILING_FIGURE = re.compile(r"[\s|]*" + _FIGURE + r"[\W_]*$")
_INN = re.compile(label("инн") + r"\W{0,3}(\d{10}(?:\d{2})?)(?!\d)", re.IGNORECASE)
_KPP = re.compile(label("кпп") + r"\W{0,3}(\d{9})(?!\d)", re.IGNORECASE)
_BIC = re.compile(label("бик") + r"\W{0,3}(\d{9})(?!\d)", re.IGNORECASE)
_REQUISITES_ROW = re.compile(r"^\W*(?:инн|кпп|бик|сч|cu|cч|сu|р/с|к/с)(?![а-яё])", re.IGNORECASE)
_QUOTED_NAME = re.compile(r"^(?:ООО|ОАО|ЗАО|ПАО|АО|НКО|ФГУП|МУП|ГУП|АНО)\s*[«\"“][^»\"”]+[»\"”]")
_ENTREPRENEUR = re.compile(r"^ИП(?:\s+[А-ЯЁ][а-яё-]+){2,3}")
_PURPOSE_START = re.compile(
    r"\s(?=(?:Оплата|Опл\.|Перечислени|Перевод|Возврат|Погашени|Пополнени|Уплата|Аванс|Предоплат)[а-яё]*(?![а-яё]))"
)
"""Where a purpose starts that OCR read on the counterparty's line, its column beside the name's."""
_CLIENT = re.compile(r"^\W*(?:клиент|владелец\s+сч[её]та)\W+(.+?)(?:,?\s*" + label("инн") + r"\b.*)?$", re.IGNORECASE)
_RECIPIENT_BANK = re.compile(r"банк\s+получателя\W*(.+)$", re.IGNORECASE)
_CORR_TAIL = re.compile(r",?\s*(?:к/с|корр?\.?\s*сч).*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Operation:
    date: str
    debit: str
    row: list[str]
    """The operation's lines, from the one that opens with its date to the table's end."""


def one_debit(lines: Sequence[str]) -> _Operation | None:
    """The statement's only operation when it is a debit the period's turnover confirms; None otherwise."""
    head = next((index for index, line in enumerate(lines) if _TABLE_HEAD.search(line)), None)
    if head is None:
        return None
    end = next((index for index in range(head + 1, len(lines)) if _TABLE_END.match(lines[index])), None)
    if end is None:
        return None
    rows = [(index, match) for index in range(head + 1, end) if (match := _ROW_DATE.match(lines[index]))]
    credit, debit = _TURNOVER_CREDIT.search(lines[end]), _TURNOVER_DEBIT.search(lines[end])
    if len(rows) != 1 or credit is None or debit is None or normalize_amount(credit[1]) != "0.00":
        return None
    amount = normalize_amount(debit[1])
    start, opening = rows[0]
    row = list(lines[start:end])
    dates = [iso for _, iso in find_dates(opening[1])]
    shown = {normalize_amount(match[1]) for line in row for match in [_TRAILING_FIGURE.search(line)] if match}
    if amount is None or amount == "0.00" or amount not in shown or not dates:
        return None
    return _Operation(dates[0], amount, row)


def read_one_debit(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The payment a one-debit statement records (``one_debit``); nothing from any other statement."""
    operation = one_debit(lines)
    if operation is None:
        return []
    return [
        Candidate("amount", operation.debit, source),
        Candidate("payment_date", operation.date, source),
        *_counterparty(operation.row, source),
        *_payer(lines, source),
        *_recipients_bank(lines, source),
    ]


def _counterparty(row: Sequence[str], source: Source) -> list[Candidate]:
    """The row's counterparty, a debit's recipient: its name and the purpose, and its numbers by their labels."""
    found: list[Candidate] = []
    text = "\n".join(row)
    for field, pattern in (("recipient_inn", _INN), ("recipient_kpp", _KPP), ("bank_bic", _BIC)):
        found += [Candidate(field, match[1], source, named_whose=True) for match in pattern.finditer(text)]
    accounts = {token for line in row[1:] for token in digit_tokens(line) if len(token) == 20}
    found += [Candidate("recipient_account", account, source, named_whose=True) for account in sorted(accounts)]
    opening = _TRAILING_FIGURE.sub("", _ROW_DATE.sub("", row[0])).strip(" |")
    purpose_lines = [_TRAILING_FIGURE.sub("", line).strip(" |") for line in row[1:] if not _REQUISITES_ROW.match(line)]
    if purpose_lines:
        name, purpose = opening, " ".join(purpose_lines)
    else:
        name, purpose = _name_and_purpose(opening)
    if name and (recipient := read_name(name)):
        found.append(Candidate("recipient_name", recipient, source))
    if purpose and (read := read_purpose(purpose)):
        found.append(Candidate("purpose", read, source))
    return found


def _name_and_purpose(opening: str) -> tuple[str, str]:
    """The counterparty's name and the purpose OCR read on one line, their columns side by side."""
    if (match := _QUOTED_NAME.match(opening) or _ENTREPRENEUR.match(opening)) is not None:
        return match[0], opening[match.end() :].strip(" |")
    if (start := _PURPOSE_START.search(opening)) is not None:
        return opening[: start.start()], opening[start.end() :]
    return opening, ""


def _payer(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The statement's client, whose account the debit left."""
    for line in lines:
        if (match := _CLIENT.match(line)) is not None and (name := read_name(match[1].strip(" |,"))):
            return [Candidate("payer_name", name, source)]
    return []


def _recipients_bank(lines: Sequence[str], source: Source) -> list[Candidate]:
    """«Банк получателя: БАНК ПЕРМЬ (АО), к/с 3010…» printed under the table for the debit's recipient."""
    for line in lines:
        if (match := _RECIPIENT_BANK.search(line)) is None:
            continue
        found = []
        if bank := read_bank(_CORR_TAIL.sub("", match[1]).strip(" |")):
            found.append(Candidate("bank_name", normalize_text(bank) or bank, source, named_whose=True))
        found += [
            Candidate("bank_corr_account", token, source, named_whose=True)
            for token in digit_tokens(match[1])
            if len(token) == 20 and token.startswith("301")
        ]
        return found
    return []
