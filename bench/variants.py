"""A generalisation check the corpus generator does not share: the corpus documents' values, printed as text in the
wordings and arrangements of real Russian documents, and read by the parser as a PDF's text layer is.

The corpus (``bench/corpus``) draws its pages from a handful of templates, and a parser tuned on them learns their
words: an outside set drawn by other hands scored 0.88 on clean pages where ours score 0.99. Here each corpus
document's truth is printed again in one *family* of variation at a time (label synonyms and abbreviations, case
and «ё», value under its label, two-column tables, shuffled order, «ИНН/КПП» joined, amount and date formats,
distractor lines, other titles) and once with all of them mixed, then read by ``model.fields`` and checked by
``model.resolve``. No OCR runs, so a family's F1 below ``plain``'s is the parser's, not the reader's.

``python -m bench.variants [--seed 14] [--family NAME ...] [--errors N] [--source ocr|pdf] [--json FILE]``
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bench.corpus.content import random_organisation
from bench.corpus.render import MONTHS_GENITIVE
from bench.corpus.truth import TruthRecord, load_truth
from bench.score import FieldScore, Report, score
from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import VALUE_FIELDS, DocumentType, Source

TRUTH = Path(__file__).parent / "corpus" / "data" / "truth.jsonl"
DEFAULT_SEED = 14

_SYNONYMS: dict[DocumentType, dict[str, tuple[str, ...]]] = {
    DocumentType.INVOICE: {
        "recipient_name": ("Получатель", "Получатель платежа", "Наименование получателя", "Поставщик", "Исполнитель"),
        "recipient_inn": ("ИНН", "ИНН получателя"),
        "recipient_kpp": ("КПП", "КПП получателя"),
        "recipient_account": (
            "Р/с", "р/сч", "Расч. счёт", "Расчетный счет №", "Расчётный счёт", "Счёт получателя", "Сч. №",
            "Номер счёта получателя",
        ),
        "bank_name": ("Банк получателя", "Банк", "Наименование банка", "Наименование банка получателя"),
        "bank_bic": ("БИК", "БИК банка", "БИК банка получателя"),
        "bank_corr_account": ("К/с", "Кор. счёт", "Корр. счет", "Корреспондентский счёт", "Кор/сч", "Корр. счёт №"),
        "amount": ("Всего к оплате", "Итого к оплате", "Сумма к оплате", "К оплате", "Итого с НДС"),
        "payment_date": ("Дата", "Дата счёта", "Дата документа"),
        "purpose": ("Назначение платежа", "Назначение"),
        "payer_name": ("Плательщик", "Покупатель", "Заказчик"),
    },
    DocumentType.BANK_TRANSFER: {
        "recipient_name": ("Получатель", "Кому", "ФИО получателя", "Получатель платежа", "Наименование получателя"),
        "recipient_inn": ("ИНН получателя", "ИНН"),
        "recipient_kpp": ("КПП получателя", "КПП"),
        "recipient_account": ("Счёт получателя", "Р/с", "р/сч", "Расч. счёт", "Расчетный счет №", "Номер счёта"),
        "bank_name": ("Банк получателя", "Банк", "Наименование банка получателя"),
        "bank_bic": ("БИК", "БИК банка", "БИК банка получателя"),
        "bank_corr_account": ("Корр. счёт", "К/с", "Кор. счёт", "Корр. счет", "Корреспондентский счёт"),
        "amount": ("Сумма", "Сумма перевода", "Сумма платежа", "Сумма операции", "Итого", "Сумма к оплате"),
        "payment_date": ("Дата операции", "Дата платежа", "Дата и время операции", "Дата перевода", "Дата"),
        "purpose": ("Назначение платежа", "Назначение", "Сообщение получателю"),
        "payer_name": ("Отправитель", "Плательщик", "ФИО отправителя", "ФИО плательщика"),
    },
    DocumentType.CASH_RECEIPT: {
        "recipient_name": ("", "Продавец", "Организация", "Пользователь"),
        "recipient_inn": ("ИНН", "ИНН пользователя", "ИНН организации"),
        "amount": ("ИТОГ", "ИТОГО", "Итого к оплате", "К оплате", "Сумма по чеку"),
        "payment_date": ("Дата", "Дата и время", "Дата, время", ""),
        "fiscal_drive_number": ("ФН", "ФН №", "Номер ФН"),
        "fiscal_document_number": ("ФД", "ФД №", "Номер ФД"),
        "fiscal_sign": ("ФП", "ФПД", "ФП №"),
    },
}  # fmt: skip
"""Each field's label as documents of that kind print it; the first is the project's own canonical wording."""


_PLAIN = "plain"
_MIXED = "mixed"


@dataclass(frozen=True)
class Style:
    """How one rendering prints a document: each option is one family's dimension of variation."""

    synonyms: bool = False
    case: bool = False
    layout: str = "inline"
    """inline («Label: value»), stacked (the value on the next line) or table («Label | value»)."""
    shuffled: bool = False
    joined_inn_kpp: bool = False
    amounts: bool = False
    dates: bool = False
    distractors: bool = False
    titles: bool = False
    joined_rows: bool = False
    """Requisites run together on one line: «ИНН … КПП …», «р/с … в …, БИК …, к/с …», a seller's name and ИНН."""
    payer_ids: bool = False
    """The payer's own ИНН, КПП and account printed too, as payment orders and 1C's «Покупатель» row print them."""


FAMILIES: dict[str, Style] = {
    _PLAIN: Style(),
    "labels": Style(synonyms=True),
    "case": Style(case=True),
    "stacked": Style(layout="stacked"),
    "table": Style(layout="table"),
    "shuffled": Style(shuffled=True),
    "inn_kpp": Style(joined_inn_kpp=True),
    "amounts": Style(amounts=True),
    "dates": Style(dates=True),
    "distractors": Style(distractors=True),
    "titles": Style(titles=True),
    "joined_rows": Style(joined_rows=True),
    "payer_ids": Style(payer_ids=True),
}
"""One family per dimension of variation, ``plain`` the control (the canonical wording, which the parser must read
in full), and ``mixed`` (added below) all of them at once."""
FAMILIES[_MIXED] = Style(True, True, "mixed", True, True, True, True, True, True, True, True)
"""The payer's block comes labelled «… плательщика» in the mixed family: shuffled rows with a bare «ИНН» under each
party's name would leave a person unable to tell whose each is, too."""


def format_amount(value: str, rng: random.Random) -> str:
    """An amount as one of the ways documents print it: «1 234,56 руб.», «1234.56 ₽», «1 234 р. 56 к.»."""
    whole, kopecks = value.split(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    formats = (
        f"{grouped},{kopecks} руб.",
        f"{whole}.{kopecks} ₽",
        f"{grouped} р. {kopecks} к.",
        f"{grouped} руб. {kopecks} коп.",
        f"{grouped},{kopecks}",
        f"{whole},{kopecks} RUB",
        f"{grouped.replace(' ', chr(0xA0))},{kopecks} ₽",
        f"{grouped}.{kopecks} руб",
        f"≡{whole}.{kopecks}",
        f"= {grouped}.{kopecks}",
        f"*{whole}.{kopecks}",
    )
    return rng.choice(formats)


def format_date(value: str, rng: random.Random, *, with_time: bool = False) -> str:
    """A date as one of the ways documents print it: «05.12.2026», «5 декабря 2026 г.», «2026-12-05»."""
    day = date.fromisoformat(value)
    formats = (
        f"{day:%d.%m.%Y}",
        f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г.",
        f"«{day:%d}» {MONTHS_GENITIVE[day.month - 1]} {day.year} г.",
        day.isoformat(),
        f"{day:%d.%m.%y}",
        f"{day:%d/%m/%Y}",
        f"{day.day} {MONTHS_GENITIVE[day.month - 1][:3]}. {day.year}",
    )
    printed = rng.choice(formats)
    if with_time and rng.random() < 0.5:
        printed += rng.choice((" 14:35", ", 09:12", " в 18:03", " 11:47:05"))
    return printed


def _canonical_amount(value: str, kind: DocumentType) -> str:
    whole, kopecks = value.split(".")
    if kind == DocumentType.CASH_RECEIPT:
        return f"={whole}.{kopecks}"
    return f"{int(whole):,}".replace(",", " ") + f",{kopecks} ₽"


@dataclass
class _Entry:
    """One printed requisite: its field (``None`` for a line that is no field's) and its label and value."""

    field: str | None
    label: str
    value: str


@dataclass
class _Page:
    title: list[str]
    entries: list[_Entry] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)


def _label(record: TruthRecord, name: str, style: Style, rng: random.Random) -> str:
    choices = _SYNONYMS[record.document_type][name]
    return rng.choice(choices) if style.synonyms else choices[0]


def _value(record: TruthRecord, name: str, style: Style, rng: random.Random) -> str:
    value: str = getattr(record.fields, name)
    if name == "amount":
        return format_amount(value, rng) if style.amounts else _canonical_amount(value, record.document_type)
    if name == "payment_date":
        with_time = record.document_type != DocumentType.INVOICE
        return format_date(value, rng, with_time=with_time) if style.dates else f"{date.fromisoformat(value):%d.%m.%Y}"
    return value


_TITLES: dict[DocumentType, tuple[str, ...]] = {
    DocumentType.INVOICE: ("Счёт на оплату № {n}", "СЧЕТ № {n}", "Счёт № {n}", "Счет-оферта № {n}",
                           "Квитанция на оплату", "Счёт на оплату услуг № {n}"),
    DocumentType.BANK_TRANSFER: ("Чек по операции", "Платёжное поручение № {n}", "Квитанция о переводе",
                                 "Подтверждение платежа", "Квитанция об оплате", "Платёжный документ № {n}",
                                 "Справка об операции"),
    DocumentType.CASH_RECEIPT: ("КАССОВЫЙ ЧЕК", "Кассовый чек / Приход", "ЧЕК № {n}", "Электронный чек",
                                "Кассовый чек № {n}"),
}  # fmt: skip


def _title(record: TruthRecord, style: Style, rng: random.Random) -> list[str]:
    kind = record.document_type
    number = rng.randint(2, 999)
    template = rng.choice(_TITLES[kind]) if style.titles else _TITLES[kind][0]
    title = template.format(n=number)
    if kind == DocumentType.CASH_RECEIPT:
        return [title, "ПРИХОД"] if "риход" not in title else [title]
    return [title]


def _invoice_date_in_title(record: TruthRecord, title: list[str], style: Style, rng: random.Random) -> bool:
    """An invoice prints its date in its title («Счёт на оплату № 5 от 5 декабря 2026 г.») or on a line of its
    own; the title's way is canonical."""
    value = record.fields.payment_date
    if value is None or (style.synonyms and rng.random() < 0.5):
        return False
    title[0] += f" от {_value(record, 'payment_date', style, rng)}"
    return True


_FIELD_ORDER = (
    "recipient_name", "recipient_inn", "recipient_kpp", "recipient_account", "bank_name", "bank_bic",
    "bank_corr_account", "payer_name", "purpose", "payment_date", "amount", "fiscal_drive_number",
    "fiscal_document_number", "fiscal_sign",
)  # fmt: skip


def _page(record: TruthRecord, style: Style, rng: random.Random) -> _Page:
    """The document's requisites as labelled entries, in the canonical order."""
    page = _Page(_title(record, style, rng))
    skip: set[str] = {"currency"}
    if record.document_type == DocumentType.INVOICE and _invoice_date_in_title(record, page.title, style, rng):
        skip.add("payment_date")
    fields = record.fields
    for name in _FIELD_ORDER:
        if getattr(fields, name) is None or name in skip:
            continue
        if name == "recipient_kpp" and style.joined_inn_kpp and fields.recipient_inn is not None:
            continue
        if name == "recipient_inn" and style.joined_inn_kpp and fields.recipient_kpp is not None:
            page.entries.append(_Entry(name, "ИНН/КПП", f"{fields.recipient_inn}/{fields.recipient_kpp}"))
            continue
        page.entries.append(_Entry(name, _label(record, name, style, rng), _value(record, name, style, rng)))
    if style.payer_ids:
        _add_payer_ids(record, page, rng, bare_labels=not style.shuffled)
    if style.joined_rows:
        _join_rows(record, page, rng)
    if style.distractors:
        _add_distractors(record, page, rng)
    return page


def _add_payer_ids(record: TruthRecord, page: _Page, rng: random.Random, *, bare_labels: bool) -> None:
    """The payer's ИНН (КПП, account) beside its name: on its name's line as 1C prints «Покупатель: ООО …, ИНН …,
    КПП …», under it labelled «ИНН плательщика», or, in a payer's block over the recipient's, under bare labels."""
    at = next((i for i, e in enumerate(page.entries) if e.field == "payer_name"), None)
    if at is None or record.document_type == DocumentType.CASH_RECEIPT:
        return
    payer = random_organisation(rng)
    payer_entry = page.entries[at]
    ids = [("ИНН", payer.inn or ""), *([("КПП", payer.kpp)] if payer.kpp else [])]
    if record.document_type == DocumentType.BANK_TRANSFER:
        ids.append(("Счёт", payer.account))
    way = rng.choice(("same_line", "labelled", "block") if bare_labels else ("same_line", "labelled"))
    if way == "same_line":
        payer_entry.value += ", " + ", ".join(f"{label} {value}" for label, value in ids)
    elif way == "labelled":
        page.entries[at + 1 : at + 1] = [_Entry(None, f"{label} плательщика", value) for label, value in ids]
    else:
        block = [payer_entry, *(_Entry(None, label, value) for label, value in ids)]
        del page.entries[at]
        page.entries[0:0] = block


def _join_rows(record: TruthRecord, page: _Page, rng: random.Random) -> None:
    """Requisites that documents print together, joined into one entry: «ИНН … КПП …», «БИК … к/с …», all the
    bank's in one sentence («Банковские реквизиты: р/с … в …, БИК …, к/с …»); a receipt's seller with its ИНН."""
    by_field = {e.field: e for e in page.entries if e.field is not None}

    def join(names: Sequence[str], separator: str, head: str | None = None) -> None:
        present = [by_field[name] for name in names if name in by_field]
        if len(present) < 2:
            return
        first, rest = present[0], present[1:]
        tail = separator.join(f"{e.label} {e.value}".strip() for e in rest)
        if head is None:
            first.value = f"{first.value}{separator}{tail}"
        else:
            first.label, first.value = head, f"{first.label} {first.value}{separator}{tail}"
        page.entries[:] = [e for e in page.entries if all(e is not other for other in rest)]

    if record.document_type == DocumentType.CASH_RECEIPT:
        join(("recipient_name", "recipient_inn"), " ")
        return
    join(("recipient_inn", "recipient_kpp"), " ")
    if rng.random() < 0.5:
        if "recipient_account" in by_field and "bank_name" in by_field and rng.random() < 0.5:
            by_field["recipient_account"].value += f" в {by_field.pop('bank_name').value}"
            page.entries[:] = [e for e in page.entries if e.field != "bank_name"]
        join(("recipient_account", "bank_bic", "bank_corr_account"), ", ", head="Банковские реквизиты")
    else:
        join(("bank_bic", "bank_corr_account"), " ")


def _add_distractors(record: TruthRecord, page: _Page, rng: random.Random) -> None:
    """Lines real documents print beside the requisites that name no field of the schema, or another value of a
    field's kind: a total before VAT, the VAT, a deadline, another document's date, a fee, an address."""
    fields = record.fields
    kind = record.document_type
    total = Decimal(fields.amount) if fields.amount else Decimal("1000.00")
    vat = (total / 6).quantize(Decimal("0.01"))
    day = date.fromisoformat(fields.payment_date) if fields.payment_date else date(2026, 12, 5)
    later, earlier = day + timedelta(days=rng.randint(3, 30)), day - timedelta(days=rng.randint(10, 90))
    address = f"Адрес: {rng.randint(101000, 690000)}, г. Москва, ул. Ленина, д. {rng.randint(1, 99)}"
    extra: list[_Entry] = [_Entry(None, "", address), _Entry(None, "Тел.", "+7 (495) 123-45-67")]
    amount_at = next((i for i, e in enumerate(page.entries) if e.field == "amount"), len(page.entries))
    if kind == DocumentType.INVOICE:
        before = [
            _Entry(None, "Итого", _canonical_amount(f"{total - vat:.2f}", kind)),
            _Entry(None, "В том числе НДС (20%)", _canonical_amount(f"{vat:.2f}", kind)),
        ]
        page.entries[amount_at:amount_at] = before
        extra += [
            _Entry(None, "Основание", f"Договор № {rng.randint(1, 99)} от {earlier:%d.%m.%Y}"),
            _Entry(None, "Оплатить не позднее", f"{later:%d.%m.%Y}"),
            _Entry(None, "Счёт действителен до", f"{later:%d.%m.%Y}"),
            _Entry(None, "ОГРН", "1027700132195"),
        ]
    elif kind == DocumentType.BANK_TRANSFER:
        extra += [
            _Entry(None, "Комиссия", "0,00 ₽"),
            _Entry(None, "Статус", "Исполнено"),
            _Entry(None, "Номер операции", str(rng.randint(10**9, 10**10 - 1))),
            _Entry(None, "Счёт списания", f"•••• {rng.randint(1000, 9999)}"),
        ]
    else:
        item = (total / 2).quantize(Decimal("0.01"))
        page.entries[amount_at:amount_at] = [
            _Entry(None, "", f"Товар 1   2 x {item / 2:.2f} = {item:.2f}"),
            _Entry(None, "", f"Товар 2   1 x {total - item:.2f} = {total - item:.2f}"),
        ]
        page.entries[amount_at + 3 : amount_at + 3] = [
            _Entry(None, "БЕЗНАЛИЧНЫМИ", f"={total:.2f}"),
            _Entry(None, "СУММА НДС 20%", f"={vat:.2f}"),
        ]
        extra += [
            _Entry(None, "Кассир", "Иванова А."),
            _Entry(None, "РН ККТ", f"000{rng.randint(10**12, 10**13 - 1)}"),
            _Entry(None, "Смена №", str(rng.randint(1, 400))),
            _Entry(None, "Сайт ФНС", "www.nalog.gov.ru"),
            _Entry(None, "СНО", "ОСН"),
        ]
    for entry in extra:
        page.entries.insert(rng.randint(1, len(page.entries)), entry)


def _cased(text: str, rng: random.Random) -> str:
    """A label in capitals, in lower case or as printed, with «ё» written as «е» or the other way round."""
    text = rng.choice((str.upper, str.lower, str.capitalize, lambda t: t))(text)
    return text.replace("ё", "е").replace("Ё", "Е") if rng.random() < 0.5 else text.replace("ет", "ёт")


def _line(entry: _Entry, style: Style, layout: str, rng: random.Random) -> list[str]:
    label = _cased(entry.label, rng) if style.case else entry.label
    if not label:
        return [entry.value]
    if layout == "stacked":
        return [label.rstrip(":") + (":" if not style.case or rng.random() < 0.5 else ""), entry.value]
    if layout == "table":
        return [f"{label}{rng.choice((' | ', '    ', chr(9)))}{entry.value}"]
    separator = rng.choice((": ", " ", " — ", ":  ")) if style.case else ": "
    return [f"{label}{separator}{entry.value}"]


def render(record: TruthRecord, family: str, seed: int = DEFAULT_SEED) -> list[str]:
    """The document's text lines in ``family``'s variation; the same seed gives the same lines."""
    style = FAMILIES[family]
    rng = random.Random(f"{seed}:{family}:{record.file}")
    page = _page(record, style, rng)
    entries = page.entries
    if style.shuffled:
        rng.shuffle(entries)
        entries.sort(key=lambda entry: entry.field == "payer_name")  # rows under the payer's name are the payer's
    lines = list(page.title)
    for entry in entries:
        layout = rng.choice(("inline", "stacked", "table")) if style.layout == "mixed" else style.layout
        if layout == "stacked" and entry.field is None and entry.label == "":
            layout = "inline"
        lines += _line(entry, style, layout, rng)
    return lines + page.tail


@dataclass(frozen=True)
class Reading:
    """What the parser made of one rendering: values and their check statuses."""

    values: dict[str, str | None]
    statuses: dict[str, str]


def read_lines(lines: Sequence[str], source: Source = Source.OCR) -> Reading:
    """The parser and the checks on text lines, as ``model.pipeline`` runs them on a page's OCR or text layer."""
    details, checks = resolve(extract_candidates(lines, source), classify(lines), source)
    values = details.model_dump(mode="json")
    return Reading(values, {name: check.status for name, check in checks.items()})


@dataclass(frozen=True)
class FamilyResult:
    family: str
    report: Report


def run(
    records: Iterable[TruthRecord],
    families: Sequence[str] = tuple(FAMILIES),
    seed: int = DEFAULT_SEED,
    source: Source = Source.OCR,
) -> list[FamilyResult]:
    """Each family's score over ``records``."""
    records = list(records)
    results = []
    for family in families:
        predictions, statuses = {}, {}
        for record in records:
            reading = read_lines(render(record, family, seed), source)
            predictions[record.file], statuses[record.file] = reading.values, reading.statuses
        results.append(FamilyResult(family, score(records, predictions, statuses)))
    return results


_TYPES = (DocumentType.CASH_RECEIPT, DocumentType.INVOICE, DocumentType.BANK_TRANSFER)


def family_table(results: Sequence[FamilyResult]) -> str:
    """Micro-F1 per family, overall and per document type, with the wrong values called verified."""
    head = "| family | micro-F1 | " + " | ".join(t.value for t in _TYPES) + " | type acc. | wrong verified |"
    lines = [head, "|---|---:|" + "---:|" * len(_TYPES) + "---:|---:|"]
    for result in results:
        report = result.report
        by_type = [f"{report.by_type[t.value].micro_f1:.3f}" if t.value in report.by_type else "—" for t in _TYPES]
        wrong = len(report.wrong_verified or [])
        lines.append(
            f"| {result.family} | {report.micro_f1:.3f} | {' | '.join(by_type)} |"
            f" {report.document_type_accuracy:.3f} | {wrong} |"
        )
    return "\n".join(lines) + "\n"


def field_table(results: Sequence[FamilyResult]) -> str:
    """F1 per field (rows) and family (columns)."""
    lines = ["| field | " + " | ".join(r.family for r in results) + " |", "|---|" + "---:|" * len(results)]
    for name in VALUE_FIELDS:
        cells = [_f1(r.report.per_field[name]) for r in results]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


def _f1(counts: FieldScore) -> str:
    return f"{counts.f1:.2f}" if counts.tp + counts.fp + counts.fn else "—"


def _errors(result: FamilyResult, limit: int) -> str:
    report = result.report
    lines = [f"{result.family}: {len(report.errors)} errors, {len(report.wrong_verified or [])} wrong verified"]
    for error in (report.wrong_verified or [])[:limit]:
        lines.append(f"  VERIFIED {error.file} {error.field}: truth {error.truth!r}, read {error.predicted!r}")
    for error in report.errors[:limit]:
        lines.append(f"  {error.file} {error.field}: truth {error.truth!r}, read {error.predicted!r}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--truth", type=Path, default=TRUTH, help="the corpus truth (truth.jsonl)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--family", action="append", choices=tuple(FAMILIES), help="only these families")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each family")
    parser.add_argument("--source", choices=("ocr", "pdf"), default="ocr", help="read the text as OCR or a text layer")
    parser.add_argument("--show", metavar="FILE", help="print one document's rendering in each family and stop")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    records = load_truth(args.truth)
    families = args.family or list(FAMILIES)
    if args.show:
        record = next(r for r in records if r.file == args.show)
        for family in families:
            print(f"--- {family}\n" + "\n".join(render(record, family, args.seed)))
        return 0
    results = run(records, families, args.seed, Source(args.source))
    print(family_table(results))
    print(field_table(results))
    for result in results if args.errors else ():
        print(_errors(result, args.errors))
    if args.json:
        figures = {
            r.family: {
                "micro_f1": round(r.report.micro_f1, 4),
                "wrong_verified": len(r.report.wrong_verified or []),
                "per_field": {n: round(s.f1, 4) for n, s in r.report.per_field.items()},
            }
            for r in results
        }
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
