"""Read payment-detail candidates from the text lines of a document (OCR output or a PDF text layer).

Labelled values come from ``model.labels``, values whose label blur took from ``model.unlabelled``; this module
puts them together with the captions printed under values and the document's type. Several candidates per field
are normal: the checks in ``model.resolve`` choose between them and repair a single OCR confusion.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rapidfuzz.distance import Levenshtein

from model.amount_words import read_amount_in_words, read_figures_the_words_name, read_words_after_a_label
from model.bank_sms import TRANSFER_TO_A_PERSON, read_transfer_sms
from model.checks import corr_account_shape_valid
from model.corrections import read_settlement
from model.fees import debits, read_fees, sent_less_fee
from model.labels import (
    ANY_LABEL,
    GRID_CELL,
    INVOICE_WORD,
    OTHER_CAPTION,
    RULES,
    TITLE,
    TOTAL_SCORE,
    label_matches,
    labelled_row,
    read_form_total_rows,
    read_labelled,
    read_the_last_captions_cells,
    read_totals_due,
)
from model.mail_headers import without_mail_headers
from model.normalize import kopecks_shown, normalize_amount, normalize_currency
from model.payment_lines import AMOUNT_PAID
from model.payment_order import PaymentOrder, is_payment_order, read_payment_order
from model.schema import OCR_SOURCES, Candidate, DocumentType, Source
from model.seller import SELF_EMPLOYED_RECEIPT, self_employed_seller, seller_over_its_inn, sign_opening_the_page
from model.statement_debit import one_debit, read_one_debit
from model.unlabelled import PERSON, housing_bills_holder, names_under_two_roles, read_unlabelled
from model.values import (
    LOOKALIKE_LETTERS,
    NUMBER_SIGN,
    ROLE_ALONE,
    TAX_INVOICE_TITLE,
    VAT_WORD,
    bank_in_grid,
    bank_over_its_address,
    label,
    last_column_rows,
    read_bank,
    read_card_payment,
    read_name,
    read_purpose,
    receives_no_money,
    settlement_account,
)

_PAYEE_IDS = frozenset({"recipient_inn", "recipient_kpp"})
_PAYER_BLOCK_IDS = _PAYEE_IDS | {"recipient_account"}
_PAYER_FIELDS = frozenset({"payer_inn", "payer_kpp", "payer_account"})
"""The payer's own requisites (``model.labels``): their rows, like the payer's name's, hold no value of the payee's
that a number's shape could find."""
_CAPTION_FIELDS = frozenset({"recipient_name", "bank_name"})

_PERSONAL_ACCOUNT_CELL = re.compile(r"\s*(?:л\s?/\s?с|лиц\w*\.?\s*сч\w*\.?)?\s*№?\s*\d{5,}\W*$", re.IGNORECASE)
"""The payer's personal account (лицевой счёт) in the cell beside a ПД-4's purpose, captioned apart under it."""
# A caption printed under a value on state forms (ПД-4 "Извещение"): the value is the line above; ПД-4 captions the
# purpose and the personal account beside it on one line.
_CAPTIONS: tuple[tuple[str, re.Pattern[str], Callable[[str], str | None]], ...] = (
    ("recipient_name", re.compile(r"^\W*наименование получателя", re.IGNORECASE), read_name),
    # a school's or a budget payee's ПД-4 captions the name in brackets, «(получатель платежа)», its «(» often lost
    ("recipient_name", re.compile(r"^\W*получатель\s+платежа\s*\)\W*$", re.IGNORECASE), read_name),
    (
        "bank_name",
        re.compile(r"^\W*наименование банка", re.IGNORECASE),
        read_bank,
    ),
    ("purpose", re.compile(r"^\W*(?:наименование|назначение) платежа\W*$", re.IGNORECASE), read_purpose),
    (
        "purpose",
        re.compile(r"^\W*наименование платежа\W+номер лицев\w* сч[её]та(?:\s+плательщика)?\W*$", re.I),
        lambda above: read_purpose(_PERSONAL_ACCOUNT_CELL.sub("", above)),
    ),
)

_SPECKS_FIRST = r"^(?:[^\w\n]*[^\s\d]{1,3}\s+){0,3}?[^\w\n]*"
"""What may stand before a title that opens its line: specks of a photo, up to three, read as short words."""
_BILLS_NUMBER = r"\s*(?:[А-ЯЁA-Z0-9]{1,3}\s*-\s*)?\d{1,12}(?!\d)"
"""A bill's number, perhaps after its series («Ф-70071», «СП-52346»); no account's 20 digits."""
_TWO_LINE_BILL_TITLE = re.compile(
    INVOICE_WORD + r"\s*" + NUMBER_SIGN + r"[^\n]*\n[^\n\w]*(?:\S{1,3}\s+){0,3}на оплату", re.IGNORECASE
)
"""A bill's title set over two lines, «СЧЕТ № Ф-70071 от 8 февраля 2026 г.» over «на оплату страховой премии» (an
insurer's bill, a school's «на оплату обучения»), specks of a photo before the second."""
_EVIDENCE: dict[DocumentType, tuple[tuple[re.Pattern[str], int], ...]] = {
    DocumentType.CASH_RECEIPT: (
        (re.compile(r"кассов\w* чек", re.IGNORECASE), 3),
        # a seller's «ТОВАРНЫЙ ЧЕК» records a sale made, what was bought and paid, as a receipt does; its «Итого к
        # оплате» is no invoice's request, and its means of payment under the total («Сбербанк 915,00») no bank of
        # the seller's
        (re.compile(r"(?<![а-яё])товарн\w*[\s-]+чек", re.IGNORECASE), 3),
        (re.compile(r"\bприход\b", re.IGNORECASE), 2),
        (re.compile(label("фн") + r"\W{0,4}\d{10}", re.IGNORECASE), 2),
        (re.compile(label("фп") + r"\W{0,4}\d{6}", re.IGNORECASE), 2),
        (
            re.compile(r"(?<![а-яёa-z])(?:" + "|".join(map(label, ("ккт", "смена", "итог"))) + r")(?![а-яёa-z])", re.I),
            1,
        ),
        # 54-ФЗ prints the register's numbers («РН ККТ», «ЗН ККТ») and the tax service's site on every receipt, also
        # on a café's guest check of the same register and on a receipt's footer photographed alone
        (re.compile(r"(?<![а-яёa-z])(?:" + label("рн") + "|" + label("зн") + r")\W{0,3}" + label("ккт"), re.I), 2),
        (re.compile(label("сайт") + r"\W{0,3}\S{0,4}\W{0,3}(?:https?\W*)?(?:www\W*)?nalog", re.IGNORECASE), 2),
        # the ЭКЛЗ-era receipt (before 54-ФЗ, still in shoeboxes): «ЧЕК НА ПРОДАЖУ», «ККМ …», «ЭКЛЗ …»
        (re.compile(label("чек на прода") + "|" + label("эклз"), re.IGNORECASE), 3),
        (re.compile(r"(?<![а-яёa-z])" + label("ккм") + r"(?![а-яёa-z])", re.IGNORECASE), 2),
        # a self-employed's receipt (НПД, 422-ФЗ) is formed by the tax service's app, not a register: no ФН, no ККТ,
        # but «Чек сформировал Мой налог» under its «Режим НО НПД»
        (SELF_EMPLOYED_RECEIPT, 3),
        # the means of payment under the total, a row of its own on receipts of every era («НАЛИЧНЫМИ», «ПЛАТ.
        # КАРТОЙ», «СДАЧА»): with «ИТОГ» it tells an ЭКЛЗ-era receipt whose head the photo garbled
        (
            re.compile(
                r"^\W*(?:плат\w*\.?\s*картой|(?:без)?наличными|электронными|сдача)(?![а-яёa-z])",
                re.IGNORECASE | re.MULTILINE,
            ),
            1,
        ),
    ),
    DocumentType.INVOICE: (
        (
            re.compile(
                INVOICE_WORD + r"\w* на оплату|сч[её]т\s*-\s*(?:оферт|договор)"
                r"|квитанци\w* на оплату|\bизвещение\b"
                r"|образец заполнения",
                re.IGNORECASE,
            ),
            3,
        ),
        (re.compile(r"плательщик|покупатель|поставщик|заказчик|исполнитель|страхователь", re.IGNORECASE), 1),
        (_TWO_LINE_BILL_TITLE, 3),
        # a seller's request to pay to its details, a bill's own sentence (a УПД's or an act's footer): «Оплату просим
        # производить по реквизитам: …», «Просим оплатить …»
        (re.compile(r"оплату\s+просим\s+произв|просим\s+(?:оплатить|произвести\s+оплату)", re.IGNORECASE), 3),
        (re.compile(r"подпись плательщика|наименование платежа", re.IGNORECASE), 2),
        (
            re.compile(
                r"реквизиты для оплаты|(?:итого|всего|сумма) к [оу]плате|оплатить (?:до|не позднее)"
                r"|сч[её]т действителен",
                re.IGNORECASE,
            ),
            2,
        ),
        # a bill's title opening its line, its number perhaps in a series («СЧЕТ № СП-52346 от …», «СЧЁТ№ 0С-37627»),
        # behind a photo's specks («а _ СЧЕТ № …»)
        (re.compile(_SPECKS_FIRST + r"сч[её]т\s*" + NUMBER_SIGN + _BILLS_NUMBER, re.IGNORECASE | re.MULTILINE), 2),
        # a счёт-фактура's or УПД's title: the form the seller issues for the sale, its goods and their total due
        (TAX_INVOICE_TITLE, 3),
        # a tax office's notice, its title opening its line: a demand to pay by the date it names, with its slip
        # («Сумма к уплате»); a payment's purpose names it in another case («по налоговому уведомлению»)
        (re.compile(r"^\W*налоговое\s+уведомление", re.IGNORECASE | re.MULTILINE), 2),
    ),
    DocumentType.BANK_TRANSFER: (
        (
            re.compile(
                r"чек по операции|квитанция о переводе|документ об операции|плат[её]жное\s+поручение"
                r"|(?<!\d)0401060(?!\d)|квитанция об оплате|справка об операции"
                r"|подтверждение (?:платежа|перевода|оплаты|операции)",
                re.IGNORECASE,
            ),
            3,
        ),
        (re.compile(r"сч[её]т списания|отправител|\bсбп\b|перевод по", re.IGNORECASE), 2),
        # a bank's receipt of cash paid in at its desk onto the payee's account, the form 0402001 («Объявление на
        # взнос наличными», its «Квитанция»): the payment reaches the account as a transfer's does
        (re.compile(r"взнос\s+наличными|(?<!\d)0402001(?!\d)", re.IGNORECASE), 3),
        # money received: a bank's receipt of an incoming transfer or a salary («Поступление заработной платы»)
        (re.compile(r"входящий\s+перевод|^\W*поступление\s|сч[её]т\s+зачисления", re.IGNORECASE | re.MULTILINE), 2),
        (re.compile(r"сообщение получателю|номер операции|идентификатор операции", re.IGNORECASE), 2),
        (TRANSFER_TO_A_PERSON, 2),  # a bank's SMS: «… получателю Игорь Викторович Л.»
        # a bank's confirmation of a payment rather than a transfer: «Платёж выполнен», «Статус: исполнен», «Списано
        # с карты» (a mobile operator paid from an app, a business bank's payment to a company)
        (
            re.compile(
                r"плат[её]ж\s+(?:выполнен|исполнен|проведен|проведён)|статус\W+исполнен|списано\s+со?\s+(?:карты|сч[её]та)",
                re.IGNORECASE,
            ),
            2,
        ),
        (re.compile(r"\bперевод|\bопераци[ияй]\b|комиссия", re.IGNORECASE), 1),
        # a bank app's screen of a transfer, sent or about to be: captions of money leaving an account or card and
        # the status a transfer reaches («Детали операции», «Сумма списания», «Будет зачислено», «Перевод
        # выполнен»); the account it left «Откуда», a caption alone on its line, says less (a ticket's too)
        (
            re.compile(
                r"детали\s+(?:операции|перевода|платежа)|сумма\s+(?:списания|к\s+(?:получению|зачислению))"
                r"|будет\s+зачислено|номер\s+карты\s+получателя"
                r"|перевод\s+(?:выполнен|отправлен|доставлен|исполнен|проведен|проведён|успешно)",
                re.IGNORECASE,
            ),
            2,
        ),
        (re.compile(r"^\W*откуда\W*$", re.IGNORECASE | re.MULTILINE), 1),
        # a receipt's caption «Списано с» alone on its line over the card or account debited (a dark screen's «Платёж
        # выполнен» read «in 5 полнен»)
        (re.compile(r"^\W*списано\s+со?\W*$", re.IGNORECASE | re.MULTILINE), 2),
    ),
}


_GENITIVE_ADJECTIVES = r"(?:[а-яё]+(?:ому|ему|ого|его|ой|ей)\s+){0,2}"
"""Up to two adjectives before a statement's noun, as a title declines them: «по текущему», «из лицевого», «по
дебетовой». Only adjectives: «Выписка по операции по карте» would be one operation's."""
_DEBT_QUALIFIERS = (
    r"(?:(?:наличии|отсутствии|состоянии|размере|сумме|остатке|текущей|полной|ссудной|просроченной)[^\S\n]+){0,2}"
)
"""The words a debt certificate's title puts between «Справка о» and «задолженности», on its line: «Справка об
остатке ссудной задолженности». Only these: a receipt's «Справка об операции» over «Погашение задолженности» is one
payment's."""
_STATEMENT_TITLE = re.compile(
    # a bank statement: «Выписка по счёту дебетовой карты», «Выписка из лицевого счёта», «Выписка по договору
    # 5317757507», «Выписка по текущему счёту», «Выписка операций по счёту», «Выписка о движении денежных средств»
    r"^\W*(?:индивидуальная\s+)?выписка\s+(?:операций|по\s+операциям|о\s+движении|(?:по|из)\s+"
    + _GENITIVE_ADJECTIVES
    + r"(?:сч[её]т|карт|договор|вклад|кредит))"
    # «Справка о движении средств», «Справка об остатке и движении средств», «СПРАВКА» over «об остатке на счёте»
    r"|^\W*справка\s+(?:о\s+движении|об\s+остатке\b)"
    # a debt certificate: «Справка о задолженности заемщика», «Справка об отсутствии задолженности»
    r"|^\W*справка\s+об?[^\S\n]+" + _DEBT_QUALIFIERS + r"задолженност"
    r"|^\W*справка\s+о\s+наличии\s+сч[её]тов"
    # a reconciliation act: «Акт сверки взаимных расчётов»; a loan's schedule: «График платежей», «График погашения»
    r"|^\W*акт\s+сверки|^\W*график\s+(?:платежей|погашения)",
    re.IGNORECASE | re.MULTILINE,
)
"""A statement's title: a bank's statement of an account's operations, a certificate of a debt's or an account's
balance, a reconciliation act, a loan's schedule of payments. Each states a period's operations or a balance, many
sums and dates of which none is «the» payment: it is no payment document. A bill's debt lines («Задолженность на
начало периода»), an invoice's footer «Справка», a bank's «Справка об операции» are none of these titles."""
_STATEMENT_TITLE_LINES = 15
"""A statement's title stands at the top of its first page, under the bank's header or the holder's address; further
down, the same words are a sentence («Выписка по счёту доступна в приложении»)."""


_ATTACHED_BILL = re.compile(r"^\W*" + INVOICE_WORD + r"\s*" + label("на оплату") + r"\W*(?:№|N|No)\W*\d", re.IGNORECASE)
"""A bill's own title with its number opening its line, «Счет на оплату № 1163 от …» (not a purpose's «Оплата по счёту
на оплату № 5», nor a table row that mentions one)."""


def is_statement(lines: Sequence[str]) -> bool:
    """A statement (``_STATEMENT_TITLE``) and no payment order: which of its sums, dates and parties is «the» payment
    has no answer, so none is read from it; but for one whose only operation is a debit, the record of that payment
    (``model.statement_debit``). A payment document's title above it (``labels.TITLE``: «Счёт-извещение»
    over its section «Справка о задолженности»; ``_TWO_LINE_BILL_TITLE``: a school's «СЧЕТ № 781 от …» over «на оплату
    обучения …» over its «График платежей», the year's instalments) makes the page that document, whose debt is what
    it asks to pay; so does a numbered bill's title opening a line under it (``_ATTACHED_BILL``: an «Акт сверки» with
    the «Счёт на оплату № …» of its balance attached under a cut line)."""
    head = "\n".join(lines[:_STATEMENT_TITLE_LINES])
    title = _STATEMENT_TITLE.search(head.translate(LOOKALIKE_LETTERS))  # OCR read «Bыписка», «Cправка»
    if title is None or is_payment_order(lines):
        return False
    above = head[: title.start()]
    if TITLE.search(above) or _TWO_LINE_BILL_TITLE.search(above):
        return False
    return not any(_ATTACHED_BILL.search(line) for line in lines) and one_debit(lines) is None


def _one_debit_statement(lines: Sequence[str]) -> bool:
    """A statement's title over a single debit (``model.statement_debit``): a transfer's record, read as its own."""
    head = "\n".join(lines[:_STATEMENT_TITLE_LINES])
    title = _STATEMENT_TITLE.search(head.translate(LOOKALIKE_LETTERS))
    return title is not None and not is_payment_order(lines) and one_debit(lines) is not None


def is_statement_document(pages: Sequence[Sequence[str]]) -> bool:
    """A document of several pages is a statement when one page's title says so (``is_statement``) and no page
    before it is a payment document: a bank's cover letter or a title page may come first, and a receipt or an
    invoice that a statement's page follows is still that payment document."""
    for lines in pages:
        if is_statement(lines):
            return True
        if classify(lines) != DocumentType.OTHER:
            return False
    return False


def classify(lines: Sequence[str]) -> DocumentType:
    """The document type with the most telltale words; a single word ("квитанция", "кассир") is not enough. A
    payment order's title names its type whatever its purpose quotes («Счет на оплату №436 от …»); a bank
    statement, whose operations' words a transfer's would score, is none of the three."""
    if is_payment_order(lines):
        return DocumentType.BANK_TRANSFER
    if is_statement(lines):
        return DocumentType.OTHER
    if _one_debit_statement(lines):
        return DocumentType.BANK_TRANSFER
    text = "\n".join(lines)
    scores = {
        kind: sum(weight for pattern, weight in evidence if pattern.search(text))
        for kind, evidence in _EVIDENCE.items()
    }
    best = max(scores, key=lambda kind: scores[kind])
    return best if scores[best] >= 2 else DocumentType.OTHER


def _lines_to_read(lines: Sequence[str], source: Source) -> list[str]:
    """The lines without what no field is read from (mail headers, an УПД's status column), the roles' labels
    joined, and OCR's misreadings undone."""
    lines = _wrapped_captions_joined(_without_upd_status_column(without_mail_headers(_roles_joined(lines))))
    return _ocr_misreadings_undone(lines) if source in OCR_SOURCES else lines


_WRAPPED_CAPTIONS = (("источник", "поступления"), ("назначение", "платежа"))
"""Captions of two words that a form's narrow caption column wraps, its value wrapping beside them: «Источник
Оплата по счёту № 176 от 06.11.2026. НДС не» over «поступления облагается» (a cash deposit slip, form 0402001)."""
_CAPTIONS_HALVES = [
    (
        re.compile(r"^[\W_]*" + label(first) + r"(?![а-яёa-z])(?!\s*" + label(second) + r")", re.IGNORECASE),
        re.compile(r"^[\W_]*" + label(second) + r"(?![а-яёa-z])[\W_]*", re.IGNORECASE),
        f"{first.capitalize()} {second}",
    )
    for first, second in _WRAPPED_CAPTIONS
]


def _wrapped_captions_joined(lines: list[str]) -> list[str]:
    """A caption's second word opening the line under its first (``_WRAPPED_CAPTIONS``) joined back onto the first:
    it is no word of the value beside them, which goes on after it; a line that held the word alone goes."""
    joined: list[str] = []
    for line in lines:
        rest = line
        for first, second, caption in _CAPTIONS_HALVES:
            opening = first.match(joined[-1]) if joined else None
            if opening is not None and (half := second.match(line)) is not None:
                joined[-1] = f"{caption} {joined[-1][opening.end() :].strip()}".strip()
                rest = line[half.end() :]
                break
        if rest.strip() or rest is line:
            joined.append(rest)
    return joined


def extract_candidates(lines: Sequence[str], source: Source = Source.OCR) -> list[Candidate]:
    """Every reading of every field that the labels in ``lines`` support, in reading order."""
    lines = _lines_to_read(lines, source)
    if _one_debit_statement(lines):  # its header's numbers are the payer's and its bank's: only the row is read
        return (debit := read_one_debit(lines, source)) + _currency_read(debit, lines, source)
    candidates: list[Candidate] = []
    spelled = (  # whoever's row holds them
        read_amount_in_words(lines, source)
        + read_words_after_a_label(lines, source)
        + read_figures_the_words_name(lines, source)
    )
    if (order := read_payment_order(lines, source)) is not None:
        candidates += order.candidates
        lines = order.generic_lines
    document_type = classify(lines)
    issuers = issuer_bank_lines(lines) if document_type == DocumentType.BANK_TRANSFER else set()
    # a clinic's «Дата приёма» is a visit's, a workshop's a car's intake, a post office's the payment's: the whole page
    # tells which
    party_rows, patients = party_blocks(lines), receives_no_money(lines)
    read_whole: set[str] = set()
    supplier_rows = _supplier_rows(lines, document_type)
    suppliers = set(principals := _principals_block(lines, document_type))
    parties = _Parties(payers={index for index, role in party_rows.items() if role == "payer"})
    read_at: dict[int, tuple[int, int]] = {}
    for index, line in enumerate(lines):
        read_at[index] = (len(candidates), len(candidates))
        found, read_whole = read_labelled(line, lines[index + 1 :], read_whole, source, patients)
        if index in supplier_rows or index - 1 in supplier_rows:  # «Поставщик: ИП …» over «ИНН …»: the principal's
            candidates += [_as_supplier(c) for c in found]
            suppliers |= {index, index + 1}  # the principal's name may stand under its ИНН
            continue
        if index + 1 in supplier_rows and any(c.field == "recipient_name" for c in found):
            candidates += [_as_supplier(c) if c.field == "recipient_name" else c for c in found]  # «Продавец: ООО …»
            suppliers.add(index)  # over «ИНН продавца: …»
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        found = parties.in_party_block(
            parties.not_issuers(found, index in issuers), line, party_rows.get(index), source
        ) + _payees_bank_in_its_block(lines, index, party_rows, source)
        found = _receipts_rows(
            _others_row(parties.debited(index, line, following, found), line), index, lines, principals, document_type
        )
        grid_row = _payee_grid_row(line, lines[max(0, index - _PAYEE_CELL_ROWS) : index])
        if grid_row is not None:
            found = [c for c in found if c.field != "recipient_name"]
            _name_whose(candidates, read_at[index - 1 - grid_row])
        for row in _bank_grid_rows(line, lines[max(0, index - _BANK_CELL_ROWS) : index]):
            _name_whose(candidates, read_at[index - 1 - row], _BANK_FIELDS)
            candidates += _bank_cell_account(lines[index - 1 - row], source)
        found = _without_a_risen_vat_figure(
            _payees_own_row(_bank_row_account(line, found, source), line), line, lines[index + 1 : index + 3]
        )
        found = parties.sorted(index, line, following, found)
        candidates += found
        read_at[index] = (read_at[index][0], len(candidates))
        if index > 0:
            candidates += _captioned(line, lines[index - 1], source)
            candidates += _caption_labelled(found, line, lines[:index], source, document_type)
    candidates = parties.addressees_ids(_name_whose_lines(candidates, read_at, order), read_at, lines)
    unlabelled = _blanked(lines, suppliers | issuers | parties.payers | _operators_name_rows(lines))
    # the names under both parties' captions from the lines as read: the payer's caption blanks the line under it
    candidates += (
        _by_phone_no_account(read_unlabelled(unlabelled, source, patients), lines, document_type)
        + sign_opening_the_page(unlabelled, source)
        + names_under_two_roles(lines, source)
        + housing_bills_holder(lines, source)
    )
    if document_type in _MAY_BE_RECEIVED and _incoming(lines):
        candidates = [_as_payers(c) for c in candidates] + _incoming_payer(lines, source)
    if document_type == DocumentType.CASH_RECEIPT:
        candidates += _cash_receipt_readings(candidates, lines, unlabelled, source)
    candidates += (
        spelled
        + read_fees(lines, source)
        + sent_less_fee(lines, source, document_type)
        + read_settlement(lines, source)
        + read_the_last_captions_cells(lines, source)
        + read_form_total_rows(lines, source)
        + _bank_sent_to(lines, source)
        + read_transfer_sms(lines, source)
        + _addressed_by_name(lines, source)
    )
    return (
        debits(_misread_rows_repeated(candidates, lines))
        + parties.rivals
        + read_totals_due(lines, source)
        + _currency_read(candidates, lines, source)
    )


def _misread_rows_repeated(candidates: list[Candidate], lines: Sequence[str]) -> list[Candidate]:
    """The last column of a misread form total row (``Candidate.columns_misread``) as one reading of the page's
    text: confirmed where two of its lines print it as their last column (the row read twice), otherwise once,
    whatever labels of the row read it («Всего к оплате» and «Всего»), so that ``model.resolve`` counts the readings
    of it by its passes and readers."""
    found: list[Candidate] = []
    for c in candidates:
        if c.columns_misread and last_column_rows(lines, c.value) >= 2:
            found.append(replace(c, columns_misread=False))
        elif not (c.columns_misread and any(o.columns_misread and o.value == c.value for o in found)):
            found.append(c)
    return found


@dataclass
class _Parties:
    """Whose block each line of the page is in, going down it: the payer's (its numbers kept out of the payee's, as
    rivals for ``model.roles``) or the recipient's (its numbers ``named_whose``)."""

    payer_above: bool = False
    payer_block: bool = False
    payee_block: bool = False
    payers: set[int] = field(default_factory=set)
    """Lines of the payer's block, which the reading of unlabelled values leaves alone."""
    rivals: list[Candidate] = field(default_factory=list)

    def not_issuers(self, found: list[Candidate], issuers_line: bool) -> list[Candidate]:
        """On a line of the issuing bank's (``issuer_bank_lines``), none of its own БИК, к/с, ИНН and КПП: they are
        kept as rivals."""
        if not issuers_line:
            return found
        self.rivals += [_as_rival(AS_ISSUERS, c) for c in found if c.field in AS_ISSUERS]
        return [c for c in found if c.field not in _BANK_FIELDS | _PAYEE_IDS]

    def debited(self, index: int, line: str, following: str, found: list[Candidate]) -> list[Candidate]:
        """Under a caption of the account debited (``DEBIT_CAPTION``, also as OCR garbles it) the account is the
        payer's: read under the caption, it is kept as a rival; its line, ``following``, gives nothing by shape (a
        masked card there is left as it is: a balance under it is no payment)."""
        if not DEBIT_CAPTION.match(line):
            return found
        self.rivals += [_as_rival(AS_PAYERS, c) for c in found if c.field in AS_PAYERS]
        if _ACCOUNT_DIGITS.search(following):
            self.payers.add(index + 1)
        return [c for c in found if c.field not in AS_PAYERS]

    def in_party_block(self, found: list[Candidate], line: str, role: str | None, source: Source) -> list[Candidate]:
        """A party block's row (``party_blocks``): its «Наименование» is that party's name; the payer's rows hold
        none of the payee's requisites nor its bank's (kept as rivals), the payee's are named its own. ``role``
        None: no party block's row, ``found`` as it is."""
        if role is None:
            return found
        named = _NAME_ROW.match(line)
        name = read_name(named["name"]) if named else None
        if role == "payer":
            self.rivals += [_as_rival(AS_PAYERS, c) for c in found if c.field in AS_PAYERS]
            self.rivals += [_as_rival(_AS_PAYERS_BANK, c) for c in found if c.field in _AS_PAYERS_BANK]
            kept = [c for c in found if c.field not in _PAYER_BLOCK_IDS | _BANK_FIELDS | {"recipient_name"}]
            return kept + ([Candidate("payer_name", name, source, 1.0)] if name else [])
        kept = [
            replace(c, named_whose=True) if c.field in WHOSE_FIELDS else c for c in found if c.field != "payer_name"
        ]
        if name and not any(c.field == "recipient_name" for c in kept):
            kept.append(Candidate("recipient_name", name, source, 1.0))
        return kept

    def addressees_ids(
        self, candidates: list[Candidate], read_at: dict[int, tuple[int, int]], lines: Sequence[str]
    ) -> list[Candidate]:
        """``candidates`` less the ИНН printed by the name of the person the page is addressed to
        (``_addressed_rows``): the payer's, kept as a rival; its line gives nothing by shape either."""
        rows = _addressed_rows(lines, candidates)
        moved = {at for index in rows for at in range(*read_at[index]) if _addressees(candidates[at])}
        for index in _another_companys_rows(lines, candidates, read_at):
            moved |= {at for at in range(*read_at[index]) if _another_companys(candidates[at])}
        self.rivals += [_as_rival(AS_PAYERS, candidates[at]) for at in sorted(moved)]
        self.payers |= rows
        return [c for at, c in enumerate(candidates) if at not in moved]

    def sorted(self, index: int, line: str, following: str, found: list[Candidate]) -> list[Candidate]:
        """``found``, the labelled readings of line ``index``, less the payer's numbers and with the recipient's
        block's marked."""
        payer_here = any(c.field == "payer_name" for c in found) or _opened_by_a_payer(line)
        in_payer_block = self.payer_block and _party_ids_only(found, line)
        if payer_here or self.payer_above or in_payer_block:  # "Покупатель ООО «…», ИНН …" is the payer's ИНН
            self.rivals += [_as_rival(AS_PAYERS, c) for c in found if c.field in _PAYER_BLOCK_IDS]
            found = [c for c in found if c.field not in _PAYER_BLOCK_IDS]
        elif payers := _after_a_payers_caption(line, found):
            self.rivals += [_as_rival(AS_PAYERS, c) for c in payers]
            found = [c for c in found if c not in payers]
        payee_here = not payer_here and any(c.field == "recipient_name" or c.named_whose for c in found)
        self.payee_block = payee_here or (self.payee_block and _payee_ids_only(found, line))
        if self.payee_block:
            found = [replace(c, named_whose=True) if c.field in WHOSE_FIELDS else c for c in found]
        if payer_here or self.payer_above or in_payer_block or any(c.field in _PAYER_FIELDS for c in found):
            self.payers.add(index)
        if any(c.field in _PAYER_FIELDS and c.value not in line for c in found):
            self.payers.add(index + 1)  # «ИНН плательщика:» over its number
        self.payer_block = payer_here or in_payer_block or (self.payer_above and not found)  # under a stacked name
        self.payer_above = payer_here and _payer_goes_on(found, line, following)
        return found


_ACCOUNT_DIGITS = re.compile(r"(?<!\d)\d{3}\s?\d{17}(?!\d)")
"""An account's twenty digits, its first three perhaps set apart («408 17810168416542619»)."""
DEBIT_CAPTION = re.compile(r"^\W*(?:\S{1,6}\s+)?с\w{1,3}сани[яе]\W*$", re.IGNORECASE)
"""A transfer receipt's «Счёт списания» caption alone on its line, also as OCR garbles its light-grey print («Счёт
сгнесания», «Оч списания»): the account under it is the payer's, debited, never the recipient's, whatever its
first word became. A word of «с», one to three letters and «сания» reads like «списания» and like no caption of
the recipient's («Счёт зачисления», «Счёт получателя»)."""


WHOSE_FIELDS = frozenset({"recipient_inn", "recipient_kpp", "recipient_account", "bank_bic", "bank_corr_account"})
"""The recipient's numbers that another party's pass the same checks as: where the page says whose each is counts."""
AS_PAYERS = {"recipient_inn": "payer_inn", "recipient_kpp": "payer_kpp", "recipient_account": "payer_account"}
AS_ISSUERS = {
    "recipient_inn": "issuer_inn",
    "recipient_kpp": "issuer_kpp",
    "bank_bic": "issuer_bic",
    "bank_corr_account": "issuer_corr_account",
}
"""What another party's numbers, read where the page says whose they are and kept out of the payee's, are called:
``model.roles`` weighs them against a payee's number whose own place says nothing of whose it is."""


_OTHERS_ROW = re.compile(
    r"^\W*(?:" + "|".join(map(label, ("кассир", "офд", "оператор фискальных данных"))) + r")(?![а-яёa-z])",
    re.IGNORECASE,
)
"""A cash receipt's row of its cashier or its fiscal data operator, whose ИНН stands on it behind a bare «ИНН»
(«Кассир Иванова ИНН 5001…», «ОФД: ООО «Такском» ИНН 7704…»): theirs, as «ИНН кассира» says outright."""
_AS_OTHERS = {"recipient_inn": "others_inn"}
_OPERATORS_CAPTION = re.compile(
    r"^\W*(?:" + label("оператор фискальных данных") + "|" + label("офд") + r")[\W_]*"
    r"(?P<inn>" + label("инн") + r"[\s.:№]*\d{10}(?:\d{2})?)?[\W_]*$",
    re.IGNORECASE,
)
"""A fiscal data operator's caption holding nothing but perhaps its ИНН: «Оператор фискальных данных · ИНН 7704…»
under the name an ОФД's site prints atop a receipt, or «ОФД:» over the name on a receipt."""


_FIGURELESS_VAT = re.compile(r"^.{0,12}?" + VAT_WORD + r"[\W_]*(?:\d{1,2}\s*%)?[\W_]*$", re.IGNORECASE)
"""A receipt's VAT caption read with no figure, perhaps its rate («в т.ч. НДС 20%», OCR's «вт, ч, НДС 20%», «61.4,
НДС» for «в т.ч. НДС»): its figure was read on another row."""
_FIGURE_ALONE = re.compile(r"^[\W_]*\d[\d\s]*[.,]\d{2}[\W_]*$")
"""A tape's figure with its kopecks and no currency alone on its line (a receipt prints none beside its column of
figures); ``fees.FIGURE_ALONE`` is an app's row, whose figure carries its currency or a glyph for it."""


def _without_a_risen_vat_figure(found: list[Candidate], line: str, below: Sequence[str]) -> list[Candidate]:
    """No amount from a card's or an electronic payment's line over a VAT caption read without its figure, unless
    that figure stands alone on the line after it: a tape held curved bows its column of figures, and OCR reads the
    VAT's on the payment's row («Безналичными 1380.32» over «в т.ч. НДС 20%», the total 8281.91 read a row above its
    «ИТОГО К ОПЛАТЕ:»). A VAT figure is never the amount; the payment line is only the total's second statement."""
    if not below or not _FIGURELESS_VAT.match(below[0]) or (len(below) > 1 and _FIGURE_ALONE.match(below[1])):
        return found
    if not any(rule.read is read_card_payment for rule, _ in label_matches(line)):
        return found
    return [c for c in found if c.field != "amount"]


def _blanked(lines: Sequence[str], others: set[int]) -> list[str]:
    """``lines`` with another party's (``others``) emptied, for the readings that find values by shape or place."""
    return ["" if index in others else line for index, line in enumerate(lines)]


def _operators_name_rows(lines: Sequence[str]) -> set[int]:
    """The lines naming a receipt's fiscal data operator by their place at its caption (``_OPERATORS_CAPTION``): the
    line under a caption alone («ОФД:»), the line over a caption with the operator's ИНН (an ОФД's site heads a
    receipt's page with its own name over «Оператор фискальных данных · ИНН …»). Its name is no seller's, whatever
    it is called («Такском», «Тензор»)."""
    rows = set()
    for index, line in enumerate(lines):
        if (caption := _OPERATORS_CAPTION.match(line)) is not None:
            rows |= {index - 1, index} if caption["inn"] else {index, index + 1}
    return rows


_AS_PAYERS_BANK = {"bank_bic": "payer_bic", "bank_corr_account": "payer_corr_account"}


_SALUTATION = re.compile(
    r"^\W*(?i:уважаем\w*)(?:\s*\(\s*\w{1,4}\s*\))?[\s,]+(?P<name>[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+){1,2})\s*[!,.]"
)
"""A letter's salutation, «Уважаемый(ая) Андрей Викторович!»: the person it is addressed to, by name and
patronymic."""
_BARE_INN_ROW = re.compile(r"^\W*" + label("инн") + r"[\s.:№]*\d{10}(?:\d{2})?\W*$", re.IGNORECASE)
"""A row of nothing but a bare «ИНН» and its number, as printed under a party's name."""


def _words(text: str) -> str:
    return " ".join(re.findall(r"[а-яё]+", text.lower().replace("ё", "е")))


def _addressed_rows(lines: Sequence[str], candidates: Sequence[Candidate]) -> set[int]:
    """The rows of a bare «ИНН» printed by the name of the person the page is addressed to: a tax notice heads
    itself with the taxpayer's name over «ИНН 0217…», addresses him («Уважаемый(ая) Андрей Викторович!») and names
    him again as its slip's «Плательщик». That ИНН is the payer's, never the payee's, though a bare «ИНН» reads as
    the payee's and its check digits pass. The row is one whose line, or the line over a bare «ИНН» row, holds a
    name that the page's payer's label or its salutation gives, in at least two words."""
    people = {_words(c.value) for c in candidates if c.field == "payer_name"}
    people |= {_words(greeting["name"]) for line in lines if (greeting := _SALUTATION.match(line))}
    people = {person for person in people if " " in person}
    rows = set()
    for index, line in enumerate(lines):
        if not re.search(r"\d{10}", line):
            continue
        near = _words(line) + (" | " + _words(lines[index - 1]) if index and _BARE_INN_ROW.match(line) else "")
        if any(f" {person} " in f" {near} " for person in people):
            rows.add(index)
    return rows


def _addressed_by_name(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The person a letter's salutation addresses («Уважаемый(ая) Андрей Викторович!») named in full on a line of
    his own: a tax notice heads itself with the taxpayer over his ИНН, and he pays it. Read beside the slip's
    «Плательщик» row, which a photo may shift or lose (r12_invoice_01_photo's «УИН Козлов Андрей Викторович» over
    «Плательщик 16 302,00 руб.»): a labelled reading outranks it."""
    for greeting in (found for line in lines if (found := _SALUTATION.match(line)) is not None):
        in_full = re.compile(rf"^\W*(?P<person>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+{re.escape(greeting['name'])})\W*$")
        for line in lines:
            if (named := in_full.match(line)) is not None and (payer := read_name(named["person"])) is not None:
                return [Candidate("payer_name", payer, source, _ADDRESSEES_SCORE)]
    return []


_ADDRESSEES_SCORE = 0.8
"""Below a labelled reading's 1.0: the slip's «Плательщик», where it is read, names the payer."""


def _addressees(candidate: Candidate) -> bool:
    return candidate.field == "recipient_inn" and not candidate.named_whose


_NAME_BEFORE_ITS_INN = re.compile(
    r"[«\"“„](?P<name>[^«»\"“”„\d]{3,60})[»\"”“]\W{0,3}(?:[^\W\d]{2,4}\W{0,3})?$", re.IGNORECASE
)
"""A company's name in quotes and, after it, perhaps an «ИНН» however garbled («ПАО «Фермерская Лавка», ИНИ »): the
text up to a number that the name's ИНН stands at."""
_SAME_NAME = 0.5
"""How alike two readings of a company's name in quotes are, at least, where they are one name misread («тк валнае»
and «ТК Волна»); two companies' names are far less alike."""


def _another_companys_rows(
    lines: Sequence[str], candidates: Sequence[Candidate], read_at: dict[int, tuple[int, int]]
) -> set[int]:
    """The rows where the ИНН read as the recipient's is printed right after the name of a company the page names
    nowhere as the recipient: a 1C bill's buyer's row, «Покупатель (Заказчик): ПАО «Фермерская Лавка», ИНН …», whose
    caption a photo lost (or that the supplier's wrapped address pushed away). Check digits confirm that ИНН's digits,
    not whose it is; the company beside it says that. Only on a page where some recipient's company's name in quotes
    was read: without one (or with an address read for the name), nothing tells the recipient's company from
    another."""
    payees = {_names_core(c.value) for c in candidates if c.field == "recipient_name" and _QUOTE.search(c.value)}
    payees -= {""}
    if not payees:
        return set()
    rows = set()
    for index, span in read_at.items():
        line = lines[index]
        for at in range(*span):
            if candidates[at].field != "recipient_inn" or (found := line.find(candidates[at].value)) < 0:
                continue
            named = _NAME_BEFORE_ITS_INN.search(line[:found])
            if named is not None and not any(_same_name(_names_core(named["name"]), p) for p in payees):
                rows.add(index)
    return rows


def _another_companys(candidate: Candidate) -> bool:
    return candidate.field in _PAYEE_IDS and not candidate.named_whose


_QUOTE = re.compile(r"[«\"“„]")


def _names_core(name: str) -> str:
    """A company's name as its words, the quoted part where the name quotes it («ООО «ТК Волна»» as «тк волна»)."""
    quoted = re.search(r"[«\"“„]([^«»\"“”„]+)", name)
    return _words(quoted[1] if quoted else name)


def _same_name(left: str, right: str) -> bool:
    return left in right or right in left or Levenshtein.normalized_similarity(left, right) >= _SAME_NAME


def _others_row(found: list[Candidate], line: str) -> list[Candidate]:
    """On a cashier's or an ОФД's row, its ИНН is theirs (kept as a rival), not the seller's."""
    if not _OTHERS_ROW.match(line):
        return found
    return [_as_rival(_AS_OTHERS, c) if c.field == "recipient_inn" else c for c in found]


_SELLERS_ROW = re.compile(r"^\W*" + label("продавец"), re.IGNORECASE)
_SUM_STATED = re.compile(
    r"(?<![а-яёa-z])(?:" + "|".join(map(label, ("итог", "всего", "прописью"))) + r")|рубл[а-яё]*\s*\d{2}\s*коп", re.I
)
"""A sum stated: its total's label, or its words' caption or their end «… рублей 00 копеек» (the caption misread)."""
_NAMES_A_BUSINESS = re.compile(
    r"[«\"“”„]|(?<![А-ЯЁA-Z])(?:ООО|ОOO|000|АО|ПАО|ЗАО|ОАО|ИП)(?![А-ЯЁA-Z])|предпринимател", re.IGNORECASE
)


def _receipts_rows(
    found: list[Candidate], index: int, lines: Sequence[str], principals: set[int], document_type: DocumentType
) -> list[Candidate]:
    """On a cash receipt's line of its agent's principal's block (``_principals_block``) the principal's numbers and
    bank, kept as rivals; on its signature row (``_signature_row``) only a business's name."""
    if index in principals:  # «Р/С: …», «БИК: …» under «Поставщик: …»
        return [_as_supplier(c) for c in found]
    if document_type == DocumentType.CASH_RECEIPT and _signature_row(lines[index], lines[:index]):
        return [c for c in found if c.field != "recipient_name" or _NAMES_A_BUSINESS.search(c.value)]
    return found


def _signature_row(line: str, above: Sequence[str]) -> bool:
    """A cash receipt's «Продавец» row under its sum («Итого», «Сумма прописью»): the form's signature row,
    «Продавец ____ Васильев / И. Ю. /» at a sales slip's foot (or a till's «Продавец Иванова», its cashier), whose
    hand or initials OCR reads as a name, and whose caption reads no name over it. Only a name that names a business
    (``_NAMES_A_BUSINESS``) is read there: who is paid is named at the head, over its ИНН."""
    return _SELLERS_ROW.match(line) is not None and any(_SUM_STATED.search(row) for row in above)


def _as_rival(names: dict[str, str], candidate: Candidate) -> Candidate:
    return Candidate(names[candidate.field], candidate.value, candidate.source, candidate.score)


def _name_whose(candidates: list[Candidate], span: tuple[int, int], fields: frozenset[str] = WHOSE_FIELDS) -> None:
    """The candidates of ``fields`` read from one line, ``candidates[start:end]``, marked as the recipient's."""
    start, end = span
    for at in range(start, end):
        if candidates[at].field in fields:
            candidates[at] = replace(candidates[at], named_whose=True)


def _name_whose_lines(
    candidates: list[Candidate], read_at: dict[int, tuple[int, int]], order: PaymentOrder | None
) -> list[Candidate]:
    """``candidates``, those read from a payment order's payee's lines marked as the recipient's (``_name_whose``)."""
    for index in order.payee_lines if order is not None else ():
        _name_whose(candidates, read_at[index])
    return candidates


_BANK_CAPTION = re.compile(r"^\W*" + label("банк получателя") + r"(?![а-яёa-z])", re.IGNORECASE)
_BANK_CELL = re.compile(
    r"(?<![а-яёa-z])" + label("бик") + r"(?![а-яёa-z])|^\W*" + label("сч. №") + r"|(?<!\d)30101\d{15}(?!\d)",
    re.IGNORECASE,
)
_BANK_CELL_ROWS = 3
"""The recipient's bank's cell of 1C's grid: its name and БИК, then «Сч. №» and the к/с, over the caption."""


def _bank_grid_rows(line: str, above: Sequence[str]) -> list[int]:
    """The rows of a bank grid's recipient's bank cell over its caption «Банк получателя» (how many lines above
    ``line``'s each stands, less one): the БИК and к/с there are the recipient's bank's by their cell. Only rows
    holding a БИК's or a к/с's cell and no ИНН (the payee's row), up to the first that does not."""
    if _BANK_CAPTION.match(line) is None:
        return []
    rows = []
    for offset, row in enumerate(reversed(above)):
        if not _BANK_CELL.search(row) or _INN_CELL.search(row):
            break
        rows.append(offset)
    return rows


_BANK_CELL_ACCOUNT = re.compile(r"^\W*" + label("сч. №") + r"[\s.:№|\[_—-]*(?P<number>\d{20})\W*$", re.IGNORECASE)


def _bank_cell_account(row: str, source: Source) -> list[Candidate]:
    """«Сч. № 3010…» alone on a row of a bank grid's recipient's bank cell: the bank's к/с, the recipient's bank's by
    its cell, as on the caption's own row (``_bank_row_account``). Its label is the р/с's, whose reading a к/с's
    digits fail, so only its shape read it, and nothing said whose it was beside another party's к/с."""
    cell = _BANK_CELL_ACCOUNT.match(row)
    if cell is None or not corr_account_shape_valid(cell["number"]):
        return []  # the Bank of Russia's own division prints a blank «Сч. № 0000…» there
    return [Candidate("bank_corr_account", cell["number"], source, 1.0, named_whose=True)]


_NAMES_ANOTHER_PARTY = re.compile(r"плательщ|отправител|покупател|заказчик|списани|банк\w*\s*плат", re.IGNORECASE)


def _payee_ids_only(found: list[Candidate], line: str) -> bool:
    """A row of the recipient's block under its name («Получатель: ООО …» over «ИНН …», «Счёт …», «в ПАО …, БИК …»):
    its numbers and its bank, or a caption no field has («Адрес: …»), down to the first row naming another party or
    reading anything else."""
    if _NAMES_ANOTHER_PARTY.search(line):
        return False
    if not found:
        return OTHER_CAPTION.match(line) is not None
    opening = min(label_matches(line), key=lambda pair: pair[1].start(), default=None)
    opens_with_a_number = opening is not None and opening[1].start() <= _ROW_LABEL_REACH
    return opens_with_a_number and all(c.field in WHOSE_FIELDS or c.field == "bank_name" for c in found)


_ROW_LABEL_REACH = 3
"""How far into a line a block's row label may start (a cell's border, a speck): a line opening with a name («ООО
"Лютик", ИНН …», the next party's, its label lost) is no row of the block above."""


def _cash_receipt_readings(
    candidates: list[Candidate], lines: Sequence[str], unlabelled: Sequence[str], source: Source
) -> list[Candidate]:
    """What a cash receipt's layout says beyond its labels: the seller over its ИНН or a self-employed's under the
    receipt's time, a total split between cash and card, a total's kopecks printed elsewhere."""
    found = seller_over_its_inn(unlabelled, source) + self_employed_seller(lines, source)
    found += _split_payment(lines, source) + _total_risen(lines, source)
    return found + _kopecks_printed_elsewhere(candidates, lines, source)


_RISEN_TOTAL_SCORE = 0.8
"""Below a card line's sum (0.9) and any label's: the figure's place, not a label, says it is the total."""


def _total_risen(lines: Sequence[str], source: Source) -> list[Candidate]:
    """A figure alone right over a total's label read with none («8281.91» over «ИТОГО К ОПЛАТЕ: |»), when no figure
    stands alone under the label either: a tape held curved bows its column of figures, and OCR reads the total's a
    row above its label. Only a figure no smaller than any the receipt printed above it (a total is no less than an
    item), and by its place (``by_shape``): never verified as a labelled total."""
    found = []
    for index in range(1, len(lines)):
        line, above, below = lines[index], lines[index - 1], lines[index + 1 : index + 2]
        totals = [rule for rule, _ in label_matches(line) if rule.field == "amount" and rule.score >= TOTAL_SCORE]
        if not totals or re.search(r"\d", line) or any(map(_FIGURE_ALONE.match, below)):
            continue
        if not _FIGURE_ALONE.match(above) or (figure := normalize_amount(above)) is None:
            continue
        if all(Decimal(figure) >= value for value in _figures(lines[: index - 1])):
            found.append(Candidate("amount", figure, source, _RISEN_TOTAL_SCORE, by_shape=True))
    return found


_WITH_KOPECKS = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)[.,](\d{2})(?![\d.,])")


def _figures(lines: Sequence[str]) -> list[Decimal]:
    """Every sum printed with its kopecks on ``lines``."""
    return [
        Decimal(f"{''.join(whole.split())}.{kopecks}")
        for line in lines
        for whole, kopecks in _WITH_KOPECKS.findall(line)
    ]


def _kopecks_printed_elsewhere(candidates: list[Candidate], lines: Sequence[str], source: Source) -> list[Candidate]:
    """A cash receipt's total read as whole roubles because blur took its kopecks («ИТОГ ОДОБРЕНО 999»): a register
    prints every sum with its kopecks, so where another line prints the same roubles with kopecks («Оплата(Руб)
    =999,60», the item's «=999.60»), that reading, at the total's score less a little, so that ``model.resolve`` drops
    the kopeck-less one (``_without_lost_kopecks``). Only the same roubles: a different sum elsewhere on the page says
    nothing about this one's kopecks. Only on a cash receipt: a bank's app prints whole roubles without kopecks
    («Итого 20 ₽»). Inferred, not read beside a label (``by_shape``): two readers agreeing on it confirm the digits,
    not the inference."""
    unread = {c.value.split(".")[0]: c.score for c in candidates if c.field == "amount" and c.kopecks_unread}
    found: dict[str, float] = {}
    for line in lines:
        for match in _WITH_KOPECKS.finditer(line):
            roubles = re.sub(r"\D", "", match[1]).lstrip("0") or "0"
            if roubles in unread and match[2] != "00":
                found[f"{roubles}.{match[2]}"] = unread[roubles] - 0.1
    return [Candidate("amount", value, source, score, by_shape=True) for value, score in found.items()]


_CASH_PAID = re.compile(r"^[\W_]*" + label("наличными") + r"(?![а-яёa-z])(?P<rest>.*)$", re.IGNORECASE)
_CARD_PAID = re.compile(
    r"^[\W_]*(?:"
    + "|".join(map(label, ("безналичными", "электронными", "злектронными", "плат. картой", "оплата картой")))
    + r")(?![а-яёa-z])(?P<rest>.*)$",
    re.IGNORECASE,
)
_CHANGE = re.compile(r"(?<![а-яёa-z])" + label("сдача") + r"(?![а-яёa-z])(?P<rest>.*)$", re.IGNORECASE)
_TENDERED = re.compile(r"(?<![а-яёa-z])(?:" + label("получено") + "|" + label("принято") + r")(?![а-яёa-z])", re.I)
"""«ПОЛУЧЕНО ≡150.00», «ПРИНЯТО: 0.00»: a register that prints what was handed over on a line of its own prints the
cash part net of the change under «НАЛИЧНЫМИ» («НАЛИЧНЫМИ ≡142.00 / ПОЛУЧЕНО ≡150.00»); one that does not prints
what was handed over there, and the change under it («НАЛИЧНЫМИ ≡1100.00 / СДАЧА ≡62.00»)."""
_SPLIT_SCORE = 0.95
"""Above a card line's own sum (0.9), which is the total only when the card paid all of it; below any total's label."""


def _split_payment(lines: Sequence[str], source: Source) -> list[Candidate]:
    """A receipt paid partly in cash and partly by card prints both sums («НАЛИЧНЫМИ =5000.00», «БЕЗНАЛИЧНЫМИ
    =644.00») and its total is their sum, less the change where the cash is what was handed over (``_TENDERED``);
    where blur or a crop took the «ИТОГ» line, that sum is the amount, not the card's part. Only with both sums and
    every «СДАЧА» read with their kopecks: a change line read without a sum leaves the total unknown. Inferred
    (``by_shape``), so never verified by two readers agreeing. Wherever a cash line is read, with a card line or
    not, the sum is also kept as the payment lines' statement of the total (``AMOUNT_PAID``), which verifies the
    «ИТОГ» it equals."""
    cash = card = change = None
    for line in lines:
        if (paid := _CASH_PAID.match(line)) and cash is None:
            cash = _paid(paid["rest"])
        elif (paid := _CARD_PAID.match(line)) and card is None:
            card = _paid(paid["rest"])
        if (given := _CHANGE.search(line)) is not None and (change := _paid(given["rest"])) is None:
            return []
    if not cash:
        return []
    net = _net_of_change(lines, cash)
    total = cash + (card or Decimal(0)) - (Decimal(0) if net or change is None else change)
    if total <= 0:
        return []
    stated = [Candidate(AMOUNT_PAID, f"{total:.2f}", source)]  # the total stated again (``model.payment_lines``)
    return stated + ([Candidate("amount", f"{total:.2f}", source, _SPLIT_SCORE, by_shape=True)] if card else [])


def _net_of_change(lines: Sequence[str], cash: Decimal) -> bool:
    """The cash line is net of the change: the register prints what was handed over on a line of its own
    (``_TENDERED``), and a sum other than the cash line's. One that prints the same sum under both («НАЛИЧНЫМИ
    =600.00», «ПОЛУЧЕНО =600.00», «СДАЧА =80.81», an ЭКЛЗ-era ККМ's «ИТОГ =519.19») prints what was handed over twice:
    the change comes off it, as it would be none where the cash line were net."""
    tendered = [line[found.end() :] for line in lines if (found := _TENDERED.search(line)) is not None]
    return bool(tendered) and not any(_paid(rest) == cash for rest in tendered)


def _paid(text: str) -> Decimal | None:
    """The sum after a payment's label, kopecks and all; ``None`` when it prints none that way."""
    if not kopecks_shown(text) or (amount := normalize_amount(text)) is None:
        return None
    return Decimal(amount)


def _currency_read(candidates: list[Candidate], lines: Sequence[str], source: Source) -> list[Candidate]:
    """The currency beside the amounts read; with none read, a rouble account's (a bill whose sum is blank)."""
    if any(c.field == "amount" for c in candidates):
        due_in_roubles = _due_in_roubles({c.value for c in candidates if c.field == "amount"}, lines)
        return [Candidate("currency", "RUB" if due_in_roubles else _currency(lines, source), source, 0.5)]
    if any(c.field == "recipient_account" and c.value[5:8] in _ROUBLE_CODES for c in candidates):
        return [Candidate("currency", "RUB", source, 0.3)]
    return []


_ROUBLE_CODES = frozenset({"810", "643"})
"""Digits 6-8 of a Russian account name its currency: 810 (the rouble's code before 1998, still in accounts' numbers)
or 643. A payment into a rouble account is in roubles, also where the page's sum could not be read."""


_BANK_FIELDS = frozenset({"bank_name", "bank_bic", "bank_corr_account"})
_EXECUTED = re.compile(r"(?<![а-яёa-z])(?:и?с[пл][оa]\w?[лй]?нен[оаoa]|проведено)(?![а-яёa-z])", re.IGNORECASE)
"""A bank's stamp on what it executed, also as blur spells it («ИСПОЙНЕНО», its П with the crossbar lost as an Л:
«ИСЛОЛНЕНА»), or on the operation («ОПЕРАЦИЯ ИСПОЛНЕНА»), and with its first letter lost at the stamp's edge
(«сполнено», Indra's reading of a Сбербанк Онлайн page)."""
_STATUS_CAPTION = re.compile(r"^\W*статус(?![а-яё])", re.IGNORECASE)
"""«Статус: Исполнено», «СТАТУС | Исполнено», or «Статус» over «Исполнено»: a row of the receipt's list that says the
transfer went through, not the bank's stamp over its own requisites; the recipient's БИК may stand beside it."""
_CORR_LABEL = "|".join(map(label, ("к/сч", "к/с", "кс")))
"""A к/с's label in a bank's stamp or footer, also as OCR spells it there: «к/сч» (Альфа-Банк's), «KC» with its slash
lost (ВТБ's)."""
_BANK_REQUISITE = re.compile(
    r"(?<![а-яёa-z])(?:" + label("бик") + "|" + _CORR_LABEL + r")(?![а-яёa-z])|(?<!\d)(?:04\d{7}|30101\d{15})(?!\d)",
    re.IGNORECASE,
)
_OWN_REQUISITES = re.compile(
    label("банк") + r"[^,]{0,40}?[»\"”)]?\s*,\s*" + label("бик") + r"(?![а-яёa-z])", re.IGNORECASE
)
"""«АО «ТБанк», БИК 044525974, к/с 3010…»: a bank's name and its own requisites after a comma, as the issuing bank's
footer prints them (a grid's bank row, «ПАО Сбербанк г. Москва | БИК | 044525225», has no comma); its name also with
Latin look-alikes, as OCR reads a footer's small print («A0 «AлbФAБAНK», БИK 044525593, ИНH 7728168971»)."""
_STAMP_REACH = 3


def _stamp_requisites(lines: Sequence[str], executed: int) -> set[int]:
    """The lines of bank requisites within ``_STAMP_REACH`` of the stamp's word, above and below it, each side up
    to the first line that holds none (nor the bank's ИНН, which a stamp may print between its БИК and к/с,
    ``_stamps_own_ids``): the stamp is one block, and a receipt's own rows may end just above it (its
    «Корреспондентский счёт 3010…» row, then «Назначение платежа …», over the stamp «АО "НС Банк" БИК …» and
    «ИСПОЛНЕНО»: the recipient's к/с was taken for the stamp's, bench/layouts transfer_02 read uncropped)."""
    found: set[int] = set()
    for side in (
        range(executed - 1, max(-1, executed - 1 - _STAMP_REACH), -1),
        range(executed + 1, executed + _STAMP_REACH),
    ):
        for near in side:
            if near >= len(lines) or not _stamp_row(lines[near]):
                break
            found.add(near)
    return found | ({executed} if _BANK_REQUISITE.search(lines[executed]) else set())


_SPLIT_CORR_ACCOUNT = re.compile(r"(?<!\d)30101\d*(?:\s+\d+){1,4}")
"""A к/с whose digits OCR split into groups, its label garbled too («a/c 301018101 00000000 1 #5»)."""


def _stamp_row(line: str) -> bool:
    """A row of a stamp's requisites: a БИК or к/с (by label or digits, these split into groups), or an ИНН."""
    return any(pattern.search(line) for pattern in (_BANK_REQUISITE, _OWN_ID, _SPLIT_CORR_ACCOUNT))


def issuer_bank_lines(lines: Sequence[str]) -> set[int]:
    """Lines of a bank's transfer receipt holding the requisites of the bank that issued or executed it, not the
    recipient's: its footer («АО «ТБанк», БИК …, к/с …») and its «ИСПОЛНЕНО» stamp (its name and БИК over the word).
    On a transfer by phone the stamp's БИК is the only one on the page, and its к/с confirms it; on a payment order
    the stamp is the payer's bank's. A stamp without requisites («ПАО СБЕРБАНК» over «ИСПОЛНЕНО» and its date, a Сбер
    check) still names its bank over its word: the executing bank, never the recipient. A line naming the recipient
    («получателя») or holding its account («р/с 4070… в АО «Банк …», БИК …, к/с …») is never one. Only for
    transfers: an invoice prints its payee's bank the footer's way («ПАО Сбербанк, БИК …, к/с …»)."""
    found = {index for index, line in enumerate(lines) if _OWN_REQUISITES.search(line)}
    found |= _issuer_blocks(lines) | _licence_paragraphs(lines) | _stamp_at_the_foot(lines) | _apps_brand(lines)
    found |= _accepting_branchs_head(lines)
    for index, line in enumerate(lines):
        status = _STATUS_CAPTION.match(line) or (index > 0 and _STATUS_CAPTION.match(lines[index - 1]))
        if _EXECUTED.search(line) and not status:
            stamped = _stamp_requisites(lines, index)
            found |= stamped | {near - 1 for near in stamped if near > 0 and _bank_alone(lines[near - 1])}
            found |= {index - 1} if index > 0 and _bank_alone(lines[index - 1]) else set()  # its name over its word
            found |= _stamps_own_ids(lines, stamped)
    payees = {index for index, line in enumerate(lines) if "получател" in line.lower() or settlement_account(line)}
    found -= payees
    return found | _naming_the_issuer(lines, found) - payees


_A_VALUES_FIGURES = re.compile(r"\d{4}|\d[.,]\d{2}(?!\d)")
"""A value's figures: an account's, an ИНН's or a БИК's run of digits, a year («2 ноября 2026»), a sum's kopecks or a
date's month. A photo's background reads as specks with a few digits among them («ОЕ 538 вы] satu») over the brand:
no value yet."""
_SAYS_BANK = re.compile(r"банк(?![а-яё])", re.IGNORECASE)


def _apps_brand(lines: Sequence[str]) -> set[int]:
    """A bank's name alone over the page's first label and first value's figures: the brand a bank's app or
    certificate heads its page with («Совкомбанк» over «Перевод по реквизитам», «Т-Банк» over «Справка о
    переводе»), the bank the payer sent from. The recipient's bank is the one the page names under its own caption,
    where OCR may have garbled it («Gann получателя АО ^ИК Б3чк*»): the brand is never it. Only a name saying
    «банк» (a legal form alone may be the recipient's, «АО «Гермес»»), and none under a value (a stacked receipt's
    account, its captions lost): that is the recipient's bank."""
    head = next(
        (index for index, line in enumerate(lines) if ANY_LABEL.search(line) or _A_VALUES_FIGURES.search(line)),
        len(lines),
    )
    return {
        index
        for index in range(head)
        if _bank_alone(lines[index]) and _SAYS_BANK.search(lines[index]) and not _over_its_requisites(lines, index)
    }


_APPLICATION_TITLE = re.compile(r"^\W*" + label("заявление") + r"(?![а-яёa-z])", re.IGNORECASE)
_FOR_A_TRANSFER = re.compile(r"(?<![а-яё])на\s+перевод", re.IGNORECASE)
_APPLICATIONS_HEAD_ROWS = 4
"""How far down a branch's application its title stands: the branch's name and its БИК and к/с over it."""


def _accepting_branchs_head(lines: Sequence[str]) -> set[int]:
    """The rows over a branch's «Заявление на перевод» title: the bank that accepts the person's cash heads the form
    with its branch and its own БИК and к/с («Костромской РФ АО "Россельхозбанк" Доп. офис № 8201» over «БИК
    044525959 к/с 3010…»), which pass the same checks as the recipient's bank's under «Банк получателя» lower down
    (r17_transfer_07, whose recipient's БИК OCR garbled). The title says so: «ЗАЯВЛЕНИЕ № … от …» with «на
    перевод» on its line or the next."""
    for index, line in enumerate(lines[:_APPLICATIONS_HEAD_ROWS]):
        if _APPLICATION_TITLE.match(line) and _FOR_A_TRANSFER.search(" ".join(lines[index : index + 2])):
            return set(range(index))
    return set()


def _over_its_requisites(lines: Sequence[str], index: int) -> bool:
    """The line under line ``index`` is a bank's requisite row (its БИК, к/с): the name is that bank's, whose
    caption OCR lost («Северо-Западный банк ПАО Сбербанк» over «БИК 043564961»), not a brand."""
    return index + 1 < len(lines) and _OWN_ID.search(lines[index + 1]) is not None


def _naming_the_issuer(lines: Sequence[str], issuers: set[int]) -> set[int]:
    """Other lines that name the bank whose stamp or footer heads its requisites (``_bank_alone`` among
    ``issuers``), letter for letter: a bank's app heads its receipt with its own name («"БНП ПАРИБА БАНК" АО»
    over the date), and that is the payer's bank, not the recipient's bank nor the recipient, also where OCR lost
    the caption «Банк получателя» that put the recipient's bank above the name read alone."""
    names = {_letters(lines[index]) for index in issuers if _bank_alone(lines[index])} - {""}
    return {index for index, line in enumerate(lines) if _bank_alone(line) and _letters(line) in names}


def _letters(line: str) -> str:
    """A line's letters alone, in lower case and Cyrillic (``LOOKALIKE_LETTERS``): one name as two readings
    spell it, whatever its quotes and borders."""
    return re.sub(r"[^а-яё]", "", line.lower().translate(LOOKALIKE_LETTERS))


def _stamps_own_ids(lines: Sequence[str], stamped: set[int]) -> set[int]:
    """The rows between a stamp's БИК and its к/с that hold another of the bank's own numbers: an Озон Банк-like
    stamp prints its name, «БИК …», «ИНН …», «к/с …» over «ОПЕРАЦИЯ ИСПОЛНЕНА», and its ИНН is the bank's, not the
    recipient's."""
    if not stamped:
        return set()
    return {row for row in range(min(stamped), max(stamped)) if _OWN_ID.search(lines[row])}


_LICENCE = re.compile(r"(?<![а-яё])лиценз", re.IGNORECASE)
"""«Генеральная лицензия Банка России № 1481», «Лицензия ЦБ РФ № 2673»: only a bank's own footer names its licence."""
_LICENCE_REACH = 3


def _licence_paragraphs(lines: Sequence[str]) -> set[int]:
    """The issuing bank's footer as one sentence wrapped over lines: «ТОМСКОЕ ОТДЕЛЕНИЕ №8616 ПАО СБЕРБАНК. ИНН …, БИК»
    over «046902606, к/с 3010…. Генеральная лицензия Банка» over «России № 2957». Its requisites stand before the
    licence, wrapped wherever the screen's width put them, so no line need open with the bank's name or a label:
    from the licence's line up, the lines that hold an identifier (ИНН, БИК, к/с or their digits) belong to it."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not _LICENCE.search(line):
            continue
        found.add(index)
        for above in range(index - 1, max(-1, index - 1 - _LICENCE_REACH), -1):
            if not (_BANK_REQUISITE.search(lines[above]) or _OWN_ID.search(lines[above])):
                break
            found.add(above)
    return found


_BANK_ORGANISATION = re.compile(
    r"^\W*(?:(?:ооо|п?ао|оао|зао|нко|кб)\W{1,3}[^\d]{0,30}?банк|банк\s+[^\d(]{2,20}\((?:п?ао|оао|зао)\)"
    r"|филиал(?![а-яё])[^:]{0,30}?банк)",
    re.IGNORECASE,
)
"""A line opening with a bank's name as an organisation («ООО «ОЗОН БАНК»», «АО «Почта Банк» Лицензия …», «Банк ВТБ
(ПАО)», «Филиал № 6602 Банка ВТБ (ПАО),»): no label before it, so not the recipient's bank («Банк получателя: …»)."""
_LABEL_ALONE = re.compile(r"(?::|получател\w*)\W*$", re.IGNORECASE)
"""A label whose value is on the next line: «Банк получателя:», «Банк получателя» alone; «Банк получателя Сбербанк»
has its value, so a bank's name under it is no longer that label's."""
_REQUISITE_ROW = re.compile(
    r"^\W*(?:(?:"
    + "|".join(map(label, ("инн", "кпп", "бик", "кор", "огрн", "лицензия")))
    + "|"
    + _CORR_LABEL
    + r")(?![а-яёa-z])|(?:"
    + label("корр")
    + r"|"
    + label("лиценз")
    + r")|\d{6},)",
    re.IGNORECASE,
)
"""A row of a bank's own block under its name: an identifier, its licence, or an address opening with a postcode."""
_OWN_ID = re.compile(
    r"(?<![а-яёa-z])(?:" + label("инн") + "|" + label("бик") + "|" + _CORR_LABEL + r")(?![а-яёa-z])", re.I
)
_BLOCK_REACH = 4


def _issuer_blocks(lines: Sequence[str]) -> set[int]:
    """The issuing bank's block at the foot of a transfer receipt: a line naming a bank as an organisation, unlabelled,
    then its own rows (ИНН, БИК, к/с, licence, address) up to the first other row. The bank that issued the receipt
    prints its requisites there; on a transfer by phone they are the only ones on the page, and their check digits
    and keys pass, but it is not who is paid (the page names that bank under «Банк получателя»). A name under a label
    of its own («Банк получателя» alone over it) is the recipient's bank; under «Банк получателя Сбербанк», whose
    value is on its line, it is the issuer's (Т-Банк's «АО «ТИНЬКОФФ БАНК»» block)."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not _BANK_ORGANISATION.match(line) or "получател" in line.lower():
            continue
        if index > 0 and _LABEL_ALONE.search(lines[index - 1]):
            continue
        block = [index]
        for below in range(index + 1, min(len(lines), index + 1 + _BLOCK_REACH)):
            if not _REQUISITE_ROW.match(lines[below]) or "получател" in lines[below].lower():
                break
            block.append(below)
        if any(_OWN_ID.search(lines[row]) for row in block):
            found |= set(block)
    return found


_STAMP_ROW_KIND = re.compile(r"^\W*(инн|бик|к/?с)(?![а-яёa-z])", re.IGNORECASE)
_AFTER_THE_STAMP = re.compile(r"^[^а-яёa-z]*$", re.IGNORECASE)
"""What may follow a stamp's requisites at the page's foot: its date, specks, no word."""


def _stamp_at_the_foot(lines: Sequence[str]) -> set[int]:
    """A bank's stamp ending the page whose status OCR lost («ОПЕРАЦИЯ ИСПОЛНЕНА» and the к/с under a photo's
    glare): a line naming a bank, no label on it nor above it (its name misread too: «KY AO Кемсоциноанк ik ACB»,
    its legal form in Latin look-alikes), then its own rows (ИНН, БИК, к/с) and nothing after them but the stamp's
    date. A receipt's rows all stand above its stamp, so such a block is the executing bank's, the payer's. Its
    own ИНН beside its БИК or к/с tells it from the recipient's bank named alone over its БИК where OCR lost the
    caption «Банк получателя»: a receipt prints no ИНН of the recipient's bank."""
    for index in range(len(lines)):
        if not _a_stamps_name(lines, index):
            continue
        rows = itertools.takewhile(
            lambda row: _REQUISITE_ROW.match(lines[row]) is not None, range(index + 1, len(lines))
        )
        block = [index, *rows]
        after = lines[block[-1] + 1 :]
        at_the_foot = len(after) <= _STAMP_REACH and all(_AFTER_THE_STAMP.match(rest) for rest in after)
        kinds = {kind[1].lower() for row in block[1:] if (kind := _STAMP_ROW_KIND.match(lines[row]))}
        own = "инн" in kinds and len(kinds) > 1  # its ИНН and its БИК or к/с
        if at_the_foot and own and not any("получател" in lines[row].lower() for row in block):
            return set(block)
    return set()


def _a_stamps_name(lines: Sequence[str], index: int) -> bool:
    """A bank's name alone on line ``index``, as OCR may spell it, under no label: no caption's value."""
    named = lines[index].translate(LOOKALIKE_LETTERS)
    above = lines[index - 1] if index > 0 else ""
    captioned = ANY_LABEL.search(above) is not None or _LABEL_ALONE.search(above) is not None
    return _bank_alone(named) and not ANY_LABEL.search(named) and "получател" not in named.lower() and not captioned


PARTY_HEADING_WORDS = {
    "payee": ("исполнитель", "поставщик", "продавец", "подрядчик", "арендодатель", "получатель"),
    "payer": ("заказчик", "покупатель", "плательщик", "арендатор", "абонент", "доверитель", "страхователь"),
}
"""The headings a party's block opens with, by the role they name."""
_PARTY_HEADINGS = tuple(
    (role, re.compile(r"^\W*(?:" + "|".join(words) + r")\W*$", re.IGNORECASE))
    for role, words in PARTY_HEADING_WORDS.items()
)
_PARTY_ROW = re.compile(
    r"^\W*(?:(?:полное\s+)?наименование|инн|кпп|огрн\w*|р\s?/\s?сч?|расч\w*|банк\w*|бик|к\s?/\s?с|корр?\w*|адрес|"
    r"тел\w*|e-?mail|сч[её]т\w*)(?![а-яё])",
    re.IGNORECASE,
)
"""A row of a party's requisites under its heading: «Наименование: …», «ИНН/КПП: …», «Р/с: …», «Банк: …», «БИК: …»."""
_BIK_ROW = re.compile(r"^\W*бик(?![а-яё])\W*\d{9}(?!\d)", re.IGNORECASE)
_BANK_NAME_ROWS = 2
"""Rows a bank's name in a party's column wraps onto."""
_ACCOUNT_UNDER_A_GARBLED_LABEL = re.compile(r"^\W*\w{2,6}\W{0,2}\s+\d{20}(?!\d)")
"""A short word, a label however OCR garbled it, before an account's 20 digits: «С4ёт 40802810051902747920»."""
_NAME_ROW = re.compile(r"^\W*(?:полное\s+)?наименование\W+(?P<name>\S.*)$", re.IGNORECASE)
_PARTY_BLOCK_ROWS = 9


def party_blocks(lines: Sequence[str]) -> dict[int, str]:
    """The rows of each party's block under a heading alone on its line («Исполнитель», «Заказчик»), mapped to whose
    («payee» or «payer»): a modern invoice stacks both parties' requisites so, in either order, and the customer's
    ИНН, account and bank pass their checks as well as the contractor's. A row without a label (the party's name
    under its heading, its bank's name between its account and its БИК) is the block's when a requisite row follows
    it. A 1C grid's caption «Получатель» under its cell is no heading: no requisite row follows it (the title «Счёт на
    оплату № …» under it is none, ``_party_row``)."""
    rows: dict[int, str] = {}
    for index, line in enumerate(lines):
        role = party_heading(line)
        if role is None:
            continue
        for below in range(index + 1, min(len(lines), index + 1 + _PARTY_BLOCK_ROWS)):
            if not _party_row(lines, below):
                break
            rows[below] = role
    return rows


def _party_row(lines: Sequence[str], index: int) -> bool:
    """A row of a party's block: a requisite's, or one a requisite's follows; never a document's title, whose
    «Счёт на оплату» opens as a «Счёт: 4070…» row does (under 1C's grid caption «Получатель», the buyer's line after
    it, its label lost, was named the recipient's)."""
    line = lines[index]
    return not TITLE.search(line) and (_requisite_row(line) or _unlabelled_party_row(lines, index))


def _payees_bank_in_its_block(
    lines: Sequence[str], index: int, rows: dict[int, str], source: Source
) -> list[Candidate]:
    """The recipient's bank's name in its block (``party_blocks``): the rows without a label (a name wrapped onto
    two) between its account's row and its БИК's, each with its number («Счёт 4080…», «БИК 041708708»), as a
    business bank's payment prints each party's column. Such a name with its city runs to seven words, longer than
    the bank's line a receipt shows (``model.unlabelled``), so it was not read; the payer's bank, short, was read in
    its place where its block had broken off. Not the party's own name under its heading, nor a garbled caption's
    rows in an app's stacked list («Банк отправитепя» over «ПАО СБЕРБАНК» over «БИК»)."""
    above = index - 1
    account_above = rows.get(above) == "payee" and _requisite_row(lines[above]) and _ACCOUNT_DIGITS.search(lines[above])
    if rows.get(index) != "payee" or not account_above:
        return []
    below = index
    while below < min(len(lines), index + _BANK_NAME_ROWS) and _unlabelled_in_block(lines, below, rows, "payee"):
        below += 1
    if below == index or below >= len(lines) or not _BIK_ROW.match(lines[below].translate(LOOKALIKE_LETTERS)):
        return []
    bank = read_bank(" ".join(lines[index:below]))
    return [Candidate("bank_name", bank, source, 1.0)] if bank is not None else []


def _unlabelled_in_block(lines: Sequence[str], index: int, rows: dict[int, str], role: str) -> bool:
    return rows.get(index) == role and not _requisite_row(lines[index])


def _requisite_row(line: str) -> bool:
    """A party's requisite's row, its label also as OCR spells it in Latin or Greek letters («CчёT», «K/c», «ИНΗ»),
    or garbled beyond a lookalike («С4ёт») before an account's 20 digits: Indra's reading of a business bank's
    payment so broke off the payer's block above its bank's name, which was then read as the recipient's bank."""
    return any(_PARTY_ROW.match(text) for text in (line, line.translate(LOOKALIKE_LETTERS))) or bool(
        _ACCOUNT_UNDER_A_GARBLED_LABEL.match(line)
    )


def party_heading(line: str) -> str | None:
    """The role a party's heading alone on its line names («Исполнитель:», «Покупатель»): payee or payer."""
    return next((role for role, heading in _PARTY_HEADINGS if heading.match(line)), None)


def _unlabelled_party_row(lines: Sequence[str], index: int) -> bool:
    """A row among a party's requisites that no label opens: no heading itself, and a requisite row follows it."""
    following = lines[index + 1] if index + 1 < len(lines) else ""
    requisite_follows = _requisite_row(following) and not TITLE.search(following)
    return party_heading(lines[index]) is None and requisite_follows


def _bank_alone(line: str) -> bool:
    """A stamp's first line: a bank's name and no number."""
    return re.search(r"банк|(?<![а-яё])(?:п?ао|кб)(?![а-яё])", line, re.IGNORECASE) is not None and not re.search(
        r"\d", line
    )


_DOLLARS = re.compile(r"usd|долл|dollar", re.IGNORECASE)
_FIVE_READ_AS_DOLLAR = re.compile(r"\$(?=\d)")
"""Blur makes a 5 of "53 776,40" into "$3 776,40"; on a page that never names dollars, "$" before a digit is a 5."""


def _ocr_misreadings_undone(lines: list[str]) -> list[str]:
    """OCR's lines without what it made of a 5 read as «$» (``_FIVE_READ_AS_DOLLAR``), of a dotted leader's dots
    (``_LEADER``), of a payer's caption one letter off (``_payers_caption_restored``), of a photo's specks before a
    party's caption (``_without_specks_before_a_party``) and of a stacked «Банк получателя» caption
    (``_banks_caption_restored``)."""
    if not _DOLLARS.search("\n".join(lines)):
        lines = [_FIVE_READ_AS_DOLLAR.sub("5", line) for line in lines]
    lines = [
        _LEADER.sub(" ", _LEADERS_WORDS_BEFORE_A_BANK.sub("", _LEADERS_WORDS_BEFORE_A_PERSON.sub("", line)))
        for line in lines
    ]
    lines = [_SOLE_TRADER_READ_IN.sub("ИП", line) for line in lines]
    lines = [_without_specks_before_a_party(_payers_caption_restored(_party_caption_restored(line))) for line in lines]
    return _banks_caption_restored(lines)


_PAYERS_WORD = "плательщик"
_GARBLED_PAYERS_ROW = re.compile(
    r"^[\W_]*(?:[^\W\d_]{1,2}\s+)?(?P<caption>[^\W\d_]{9,11})(?:\s*[(\[{][^)\]}]{1,12}[)\]}])?\s*[:|]?\s*"
    r"(?P<name>(?:[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+|(?:[ОO0]{3}|П?[АA][ОO]|[ЗОO][АA][ОO]|ИП)\s).*)$"
)
"""A row that opens with a word of the payer's caption's length, perhaps what it asks for in brackets («(Ф.И.О.)»),
and names a person (surname and name) or a company (its legal form, OCR's Latin or zeros for its letters) after
it: the bracket's words are the caption's, whatever OCR made of them («(4.1.0.)»)."""


def _payers_caption_restored(line: str) -> str:
    """A payer's row whose caption OCR misread by one letter («Млательщик: Волков Михаил Николаевич», «Плательцщик:»,
    «Плателыщик», «а лательщик:» with its П read apart) and a name after it (``_GARBLED_PAYERS_ROW``): the caption
    again, so that the row's name is the payer's. A word one letter off «плательщик» names no one else (the
    recipient's «получатель» is four letters off), and the caption's own cases («плательщика») are no misreading."""
    match = _GARBLED_PAYERS_ROW.match(line)
    if match is None:
        return line
    caption = match["caption"].lower()
    if caption.startswith(_PAYERS_WORD) or Levenshtein.distance(caption, _PAYERS_WORD) != 1:
        return line
    return "Плательщик: " + match["name"]


_SOLE_TRADER_READ_IN = re.compile(
    r"(?<![\w-])ИН(?=\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|ич|вна|ична)(?![а-яё]))"
)
"""«ИП» with its П read as Н before a person's full name («ИН Павлов Артём Николаевич», a rent bill's
head on a photo): an ИНН's label has two Н and digits after it, never a name."""
_CAPTION_ALONE = re.compile(r"^\W*(?P<caption>[^\W\d_]{9,12})\W*$")
_PARTY_CAPTIONS = ("Отправитель", "Получатель", "Плательщик")


def _party_caption_restored(line: str) -> str:
    """A party's caption alone on its line, one letter of it misread («Отпраеитель» over «Олег Сергеевич С.», a
    photographed screen's stacked rows), as printed: the name under it is then that party's. Each caption is more than
    one letter off the others, and their own cases («отправителя») are no misreading."""
    if (alone := _CAPTION_ALONE.match(line)) is None:
        return line
    word = alone["caption"].lower()
    for caption in _PARTY_CAPTIONS:
        if not word.startswith(caption.lower()) and Levenshtein.distance(word, caption.lower()) == 1:
            return caption
    return line


_GARBLED_BANKS_CAPTION = re.compile(
    r"^\W*(?:банк\s+(?=[а-яё]*ч)(?![а-яё]*щ)[а-яё]{5,12}|[^\W\d_]{2,6}\s+получател[яь])\W*$", re.IGNORECASE
)
"""«Банк получателя» alone on its line as a dark or blurred screen's OCR reads it: its second word garbled but for
its «ч» («Банк оучетиля»; «плательщика» has a «щ», «отправителя» no «ч»), or its first («Gore получателя»)."""
_BIC_ROW = re.compile(r"^\W*" + label("бик") + r"(?![а-яёa-z])", re.IGNORECASE)


def _banks_caption_restored(lines: list[str]) -> list[str]:
    """A garbled «Банк получателя» (``_GARBLED_BANKS_CAPTION``) over a bank's name over its «БИК» row, as a receipt
    stacks them, read as the caption again: the name under it was read as nobody's («МОРДОВСКОЕ ОТДЕЛЕНИЕ №8589 ПАО
    СБЕРБАНК» under «Банк оучетиля»)."""
    restored = list(lines)
    for index in range(len(lines) - 2):
        name, bic = lines[index + 1], lines[index + 2]
        if not _GARBLED_BANKS_CAPTION.match(lines[index]) or not _BIC_ROW.match(bic):
            continue
        if re.search("банк", name, re.IGNORECASE) and read_bank(name) is not None:
            restored[index] = "Банк получателя"
    return restored


_SPECKS_BEFORE_A_PARTY = re.compile(
    r"^\W*(?:[^\s\d]{1,3}\s+){1,3}(?=(?P<row>(?:"
    + "|".join(label(words) for words in ("отправитель", "получатель", "плательщик"))
    + r")\s*:?\s+(?P<name>.+?)\s*)$)",
    re.IGNORECASE,
)
"""A photo's margin or background read as a few letters or marks before a party's caption at the start of its row
(«| и Отправитель Соловьёв Николай Андреевич», «СИ Получатель Андрей Николаевич К.»): the caption opens no line
any more, and its name is lost."""


def _without_specks_before_a_party(line: str) -> str:
    """``line`` from its party's caption on, where specks (``_SPECKS_BEFORE_A_PARTY``) stand before it and a
    person's name alone (``PERSON``) after it: only then are those a photo's specks, not a sentence's words nor a page's
    background read into a row («ae et а Плательщик: Попов Павел ия в общежитии …»). Specks after a full name are a
    photo's too («ие es Отправитель Попов Дмитрий Юрьевич ар»)."""
    match = _SPECKS_BEFORE_A_PARTY.match(line)
    if match is None:
        return line
    person = read_name(match["name"])  # the specks after a full name cut («Попов Дмитрий Юрьевич ар»)
    return match["row"] if person is not None and PERSON.match(person) else line


_LEADERS_WORDS_BEFORE_A_PERSON = re.compile(
    r"(?<=\.{5})[\s.]*(?:[а-яёa-z«»,;:!-]+[\s.]+)+(?=[А-ЯЁ][А-ЯЁа-яё]+\s+[А-ЯЁ][А-ЯЁа-яё]+\s+[А-ЯЁ3]\.(?:\s|$))"
)
"""What OCR made of a dotted leader's dots as lower-case words of any letters («инок», «оси
ооонионоиноноксоитинсониин,», «линии ининниинниизнинничичинннннни») before a person as a bank's quittance names one,
first name, patronymic and the surname's initial («Получатель.............. линии … РОМан Николаевич Н.»): a name
opens with a capital, so the words before it are the leader's, whatever letters OCR gave them. Unlike ``_LEADER``'s,
these need the person after them."""
_LEADERS_WORDS_BEFORE_A_BANK = re.compile(
    r"(?<=\.{5})[\s.,_-]*(?:[а-яёa-z«»,;:!-]+[\s.]+)+(?=[А-ЯЁA-Z][^\s]*(?:\s+[А-ЯЁA-Z«\"][^\s]*){0,2}\s*$)"
    r"(?=.*(?i:банк)\S*\s*$)"
)
"""The same leader's words before a bank's name that ends the row, which opens with a capital and names a bank
(«Банк получателя........ ники зона нзиннннние Газпромбанк», «… позвонив зона, Почта Банк»): unlike
``_LEADER``'s letters, these take any lower-case letters, so they need the bank's name after them."""
_LEADER = re.compile(r"\.{5,}(?:[\s.]*(?<![^\s.])[илнтьчяецшщю:;.,…·_|!-]+(?![^\s.]))*\s*")
"""A dotted leader between a label and its value («Получатель ........ Николай П.») and what OCR made of the rest of
its dots (five or more: an ellipsis is three): runs of lower-case «и», «н», «л», «ь»… and specks («иилиииинииинии»,
«ини нии ининиининн:н»), which a name or a purpose beside it took as its first words. The value starts where a
token has a capital, a digit or another letter."""
_CURRENCY_BESIDE_A_NUMBER = re.compile(
    r"(?<=\d)\s?(?:бел\.?\s?руб|₽|руб|rub|rur|usd|eur|cny|юан|byn|byr|uah|грн|kzt|тенге|доллар\w*\s+сша|евро|[$€¥₴₸])"
    r"|(?:[$€¥₴₸]|usd|eur|cny|byn|uah|kzt)(?=\s?\d)",
    re.IGNORECASE,
)
"""A currency as documents print it, next to an amount: "1 234,56 ₽", "$100", "EUR 50", "5,75 BYN", "401.00 ГРН", and
1C's name of it after the invoice's sum («Всего наименований 2, на сумму 2700,00 Доллар США», «… 100,00 Евро»). A
"¥" that OCR reads out of a blurred page's specks, away from any number, says nothing."""
_HOME_CURRENCY = (
    (re.compile(r"(?<![а-яёa-z])" + label("унп") + r"\W{0,3}\d{9}(?!\d)", re.IGNORECASE), "BYN"),
    (re.compile(r"(?<![а-яёa-z])" + label("пдв") + r"(?![а-яёa-z])", re.IGNORECASE), "UAH"),
)
"""Where no currency is printed, the country's: a Belarusian payee's number is its УНП (9 digits, where Russia prints
an ИНН), and Ukraine's VAT is ПДВ (Russia's НДС). Roubles otherwise."""


_AGENT_RECEIPT = re.compile(label("инн поставщика") + r"|признак агента|(?<![а-яё])агент(?![а-яё])", re.IGNORECASE)
_SUPPLIER_LABEL = re.compile(
    r"^\W*(?:" + label("поставщик") + "|" + label("инн продавца") + r")(?![а-яё])", re.IGNORECASE
)
"""On an agent's receipt (a marketplace selling for others) «Поставщик: ИП …» is the agent's principal, printed per
item with «ИНН поставщика», or «ИНН продавца: …» over the seller's name (Ozon); who is paid is the receipt's issuer,
whose name and ИНН head it."""
_SELLER_INN = re.compile(r"^\W*" + label("инн продавца"), re.IGNORECASE | re.MULTILINE)
_ISSUER_INN = re.compile(r"^\W*" + label("инн") + r"[\s.:№]*\d", re.IGNORECASE | re.MULTILINE)


def _agent_receipt(lines: Sequence[str], document_type: DocumentType) -> bool:
    """An agent's receipt: it says so, or it prints «ИНН продавца» per item under its issuer's own «ИНН …», or it is
    a cash receipt that names a «Поставщик» (54-ФЗ prints one only for an agent's principal)."""
    text = "\n".join(lines)
    return (
        _AGENT_RECEIPT.search(text) is not None
        or _AGENT_SIGN.search(text) is not None
        or (_SELLER_INN.search(text) is not None and _ISSUER_INN.search(text) is not None)
        or (document_type == DocumentType.CASH_RECEIPT and any(_PRINCIPAL.match(line) for line in lines))
    )


_PRINCIPAL = re.compile(r"^\W*" + label("поставщик") + r"(?![а-яё])", re.IGNORECASE)
"""«Поставщик: …» on a cash receipt, where 54-ФЗ prints it only for an agent's principal («ИНН продавца» may be the
issuer's own on an ОФД's web receipt)."""


_AGENT_SIGN = re.compile(r"(?<![а-яё])агента?\s*:", re.IGNORECASE)
"""An item's agent's sign, «Признак агента: Поверенный» or «АГЕНТ: КОМИССИОНЕР», even with «Признак» lost to a
photo's edge («к агента: Поверенный»): 54-ФЗ prints the principal's name and ИНН on the line after it."""


def _supplier_rows(lines: Sequence[str], document_type: DocumentType) -> set[int]:
    """The lines of an agent's receipt that open with its principal's label (``_SUPPLIER_LABEL``), and the line after
    an item's agent's sign, which names the principal however OCR read its label (a taxi app's «Поставщик: ИП …,
    ИНН …» read «wk: ИП …, ИНН …»: the driver's valid ИНН was verified as the payee's)."""
    if not _agent_receipt(lines, document_type):
        return set()
    rows = {index for index, line in enumerate(lines) if _SUPPLIER_LABEL.match(line)}
    return rows | {index + 1 for index, line in enumerate(lines[:-1]) if _AGENT_SIGN.search(line)}


_SUPPLIER_FIELDS = {
    "recipient_name": "supplier_name",
    "recipient_inn": "supplier_inn",
    "recipient_kpp": "supplier_kpp",
    "recipient_account": "supplier_account",
    "bank_bic": "supplier_bic",
    "bank_corr_account": "supplier_corr_account",
    "bank_name": "supplier_bank_name",
}
_PRINCIPALS_OPENING = re.compile(
    r"^\W*(?:(?:"
    + label("данные")
    + "|"
    + label("инн")
    + r")\s*)?(?:"
    + label("поставщик")
    + r"|"
    + label("пост.")
    + r")",
    re.IGNORECASE,
)
"""A line opening an agent's principal's block on a cash receipt: «ПОСТАВЩИК: …», «Данные поставщика», «ИНН
ПОСТАВЩИКА: …» (its name's line may be lost to OCR), «ИНН ПОСТ.: …»."""
_PRINCIPALS_BLOCK_ENDS = re.compile(
    r"(?<![а-яёa-z])(?:итог|всего|агент)|^\W*\d{1,2}[.)]\s+\w|\d\s*[xх×*]\s*=?\s*\d", re.IGNORECASE
)
"""What closes a principal's block: the receipt's total, the next item («2. ПЛАТА ЗА …», «1 x 35.00», «1 X =100.00»),
the agent's own rows («ОПЕРАЦИЯ ПЛАТЕЖНОГО АГЕНТА», the next item's «ПРИЗНАК АГЕНТА»)."""
_PRINCIPALS_BLOCK_ROWS = 8


def _principals_block(lines: Sequence[str], document_type: DocumentType) -> set[int]:
    """The lines of an agent's cash receipt that its principal's block holds, from the row opening it
    (``_PRINCIPALS_OPENING``, or the line after an item's agent's sign) to what closes it
    (``_PRINCIPALS_BLOCK_ENDS``). A payment agent (a post office taking a housing bill) prints its principal's account
    and БИК there, beside its ИНН: they pass their key together, but who is paid on a cash receipt is the register's
    owner, whose name and ИНН head it, and a record of the agent's name with the principal's account mixes two
    parties."""
    if document_type != DocumentType.CASH_RECEIPT or not _agent_receipt(lines, document_type):
        return set()
    rows: set[int] = set()
    for index, line in enumerate(lines):
        opens = _PRINCIPALS_OPENING.match(line) or (index > 0 and _AGENT_SIGN.search(lines[index - 1]))
        if not opens or index in rows or _PRINCIPALS_BLOCK_ENDS.search(line):
            continue  # a sign printed after its principal («Признак агента: поверенный» over «Итог»): no block
        rows.add(index)
        for below in range(index + 1, min(len(lines), index + 1 + _PRINCIPALS_BLOCK_ROWS)):
            if _PRINCIPALS_BLOCK_ENDS.search(lines[below]):
                break
            rows.add(below)
    return rows


def _as_supplier(candidate: Candidate) -> Candidate:
    field_name = _SUPPLIER_FIELDS.get(candidate.field, candidate.field)
    return Candidate(field_name, candidate.value, candidate.source, candidate.score)


_PAYEE_CAPTION = re.compile(r"^\W*" + label("получатель") + r"(?![а-яёa-z])", re.IGNORECASE)
_INN_CELL = re.compile(r"(?<![а-яёa-z])" + label("инн") + r"(?![а-яёa-z])", re.IGNORECASE)
_KPP_CELL = re.compile(r"(?<![а-яёa-z])" + label("кпп") + r"(?![а-яёa-z])", re.IGNORECASE)
_ACCOUNT = re.compile(r"(?<!\d)\d{20}(?!\d)")
_JOINED_IDS = re.compile(label("инн/кпп"), re.IGNORECASE)
"""«ИНН/КПП: 7701…/7701…», a list's row: the grid prints its ИНН and КПП in cells of their own."""
_PAYEE_CELL_ROWS = 4
"""The payee's cell of a bank grid (1C's invoice, a payment order) holds its name in up to three lines between
the row «ИНН … КПП … Сч. № …» and the caption «Получатель» at its foot."""


def _payee_grid_row(line: str, above: Sequence[str]) -> int | None:
    """«Получатель» at the foot of a bank grid's payee cell, under the row «ИНН … КПП … Сч. № …» (two of its ИНН, КПП
    and account on one line) with only the name's unlabelled lines between: a caption, whatever OCR read beside it on
    its line (a stamp's specks, the payment order's «Код», «Рез. поле») is no name. A list of labelled rows may print
    «ИНН/КПП: 7701…/7701…» a few rows above its «Получатель:», with other labelled rows between: no grid. Nor is a
    line naming the payee's own ИНН a caption: a ЕПД's «ПОЛУЧАТЕЛЬ ПЛАТЕЖА: ООО … ИНН … р/с …» is a row of its own,
    under another party's (the management company's ИНН and КПП). Returns how many lines above ``line``'s the grid's
    row stands, less one (0: just above), or ``None`` for no caption: the row's numbers are the recipient's by their
    cells. A grid that captions its cells from above (an Access report's: «ИНН … КПП …» / «ПОЛУЧАТЕЛЬ Сч.№ 4050…» /
    the name) puts the caption just under the row with the account's cell beside it: no caption at a cell's foot,
    its name is the line under it (``model.labels.GRID_CELL``)."""
    caption = _PAYEE_CAPTION.match(line)
    if caption is None or _INN_CELL.search(line) or _names_after_a_colon(line):
        return None
    over_its_cell = GRID_CELL.match(line[caption.end() :]) is not None
    for offset, row in enumerate(reversed(above)):
        grid_row = sum(bool(cell.search(row)) for cell in (_INN_CELL, _KPP_CELL, _ACCOUNT)) >= 2
        if grid_row and not _JOINED_IDS.search(row):
            if offset == 0 and over_its_cell:
                return None  # «ИНН … КПП …» / «ПОЛУЧАТЕЛЬ Сч.№ …» / the name: a caption over its cell, not at its foot
            return None if any(labelled_row(between) for between in above[len(above) - offset :]) else offset
    return None


_LABEL_THEN_NAME = re.compile(r"^\W*" + label("получатель") + r"(?:\s+платежа)?\s*:\s*(?P<name>\S.*)$", re.IGNORECASE)


def _names_after_a_colon(line: str) -> bool:
    """«Получатель: ООО "Волна"»: a list's labelled row, its name after the colon, not a grid's caption under its cell
    (1C prints «Получатель» alone there). Under another party's «ИНН … КПП …» row (an agent's bill prints its
    principal's so) the caption's reading would name that party's numbers the recipient's."""
    row = _LABEL_THEN_NAME.match(line)
    return row is not None and read_name(row["name"]) is not None


_PAYEE_ROW_IDS = frozenset({"recipient_inn", "recipient_kpp", "recipient_account"})
_PAYEE_ROW_BONUS = 0.2


def _payees_own_row(found: list[Candidate], line: str) -> list[Candidate]:
    """The ИНН, КПП and account on the row that names the payee («ПОЛУЧАТЕЛЬ ПЛАТЕЖА: ООО … ИНН … КПП … р/с …»)
    outrank those on other parties' rows: a ЕПД prints its management company's valid ИНН first, a line above."""
    if not any(c.field == "recipient_name" and c.value in line for c in found):
        return found
    return [
        replace(c, score=c.score + _PAYEE_ROW_BONUS) if c.field in _PAYEE_ROW_IDS and not c.by_shape else c
        for c in found
    ]


_BANK_CAPTION_ROW = re.compile(
    r"^\W*" + label("банк получателя") + r"\W*(?:" + label("сч. №") + r")?[\s.:№|\[_—-]*(?P<number>\d{20})\W*$",
    re.IGNORECASE,
)


def _bank_row_account(line: str, found: list[Candidate], source: Source) -> list[Candidate]:
    """«Банк получателя | Сч. № | …»: 1C's caption shares its line with the bank's own row, so the account there is
    the bank's к/с, whatever its digits (a blank template's zeros), never the payee's р/с."""
    row = _BANK_CAPTION_ROW.match(line)
    if row is None:
        return found
    number = row.group("number")
    others = [c for c in found if not (c.field == "recipient_account" and c.value == number)]
    return [*others, Candidate("bank_corr_account", number, source, 1.0)]


_ROLE_START = re.compile(r"^\W*[(\[{]\s*[а-яё]{5,}\s*[)\]}|]", re.IGNORECASE)


def _payer_goes_on(found: list[Candidate], line: str, following: str) -> bool:
    """The payer's block goes on to the next line: its name was read from there (a label alone on its line, as a
    PDF's text layer gives 1C's «Покупатель (Заказчик):»), or the next line opens with the label's wrapped role
    ("(Заказчик): 500101001, Люберцы г"). The ИНН and КПП on it are the payer's, never the payee's."""
    from_below = any(c.field == "payer_name" and c.value not in line for c in found)
    return from_below or _ROLE_START.match(following) is not None


_NAMES_THE_PAYEE = re.compile(r"получател|продав|поставщик|исполнител|арендодател", re.IGNORECASE)
_PAYERS_ROLES = ("покупатель", "заказчик", "плательщик", "арендатор", "абонент", "доверитель", "страхователь")
"""The words that caption the one who pays: a buyer, a customer, a tenant, a provider's subscriber («Абонент: ООО …,
ИНН …»), a lawyer's client («Доверитель: …»), an insurer's policyholder («Страхователь: …»). An ИНН after one is the
payer's, never the payee's."""
_OPENED_BY_A_PAYER = re.compile(r"^\W*(?:" + "|".join(map(label, _PAYERS_ROLES)) + r")(?![а-яёa-z])", re.IGNORECASE)
"""A line that the payer's label opens, whatever stands before it or after it: «"Покупатель Заказчик: АО …, ИНН …»
(a speck before the label, the role's brackets lost), whose label rule then reads no payer's name. Its numbers are
the payer's all the same."""


_FULL_NAME = label("ф.и.о.")
_PERSON_CAPTION = re.compile(
    rf"^(?P<caption>[^:\d_]{{0,40}}?)(?:[(\[{{]\s*{_FULL_NAME}\s*[)\]}}|]|(?<![а-яёa-z]){_FULL_NAME}\s*:)",
    re.IGNORECASE,
)
"""A caption that asks for a person's full name, «(Ф.И.О.)» or «ФИО:», whatever OCR made of the words before it
(«Платед.щик (Ф.И.О.):» for a ПД-4's «Плательщик (Ф.И.О.):»): on a bill the person is who pays, and the
12-digit ИНН a ПД-4 prints after the name («… Павлов Олег Олегович ИНН 6345…») is the payer's, never the payee's.
Not where the words before it name the payee (``_NAMES_THE_PAYEE``, «Получатель (Ф.И.О.):» on a transfer), nor a
signature's line («Бухгалтер ______ (Ф.И.О.)»)."""


_PAYERS_CAPTION = re.compile(r"(?<![а-яёa-z])(?:" + "|".join(map(label, _PAYERS_ROLES)) + r")\s*:", re.IGNORECASE)


def _after_a_payers_caption(line: str, found: list[Candidate]) -> list[Candidate]:
    """Of ``found``, the ИНН, КПП and account printed after a payer's caption within its line, with no caption of the
    payee's between («… новости ц Заказчик: ПАО "Гранит", ИНН 4770…»: a photo's background words before the caption,
    whose name the label rule then refuses): the payer's, whatever stands before the caption. A payee's numbers
    before the caption («Исполнитель: ООО …, ИНН … Заказчик: …») stay the payee's."""
    captions = [match.end() for match in _PAYERS_CAPTION.finditer(line)]
    if not captions:
        return []
    payers = []
    for candidate in found:
        at = line.find(candidate.value) if candidate.field in _PAYER_BLOCK_IDS else -1
        opened = [end for end in captions if end <= at]
        if opened and not _NAMES_THE_PAYEE.search(line[opened[-1] : at]):
            payers.append(candidate)
    return payers


def _opened_by_a_payer(line: str) -> bool:
    """A line that the payer's label opens (``_OPENED_BY_A_PAYER``) or that a person's caption opens
    (``_PERSON_CAPTION``): its numbers are the payer's."""
    if _OPENED_BY_A_PAYER.match(line):
        return True
    person = _PERSON_CAPTION.match(line)
    return person is not None and not _NAMES_THE_PAYEE.search(person["caption"])


def _party_ids_only(found: list[Candidate], line: str) -> bool:
    """A row of a party's block under its name: an ИНН, КПП or account under a bare label («ИНН: 7701…», «Счёт:
    4070…»), or a row of a caption no field has («Адрес: …»). Under «Плательщик: ООО …» such rows are the payer's,
    down to the first row that reads anything else, names the payee («Получатель:», «ИНН получателя») or reads
    nothing at all: a page whose labels blur took («Отправитель» over a name, then the payee's bare numbers) has no
    block to speak of."""
    if _NAMES_THE_PAYEE.search(line):
        return False
    if found:
        return all(c.field in _PAYER_BLOCK_IDS for c in found)
    return OTHER_CAPTION.match(line) is not None or _UNCAPTIONED_ADDRESS.match(line) is not None


_UNCAPTIONED_ADDRESS = re.compile(
    r"^\W*\d{6}\s*[,.]?\s*[А-ЯЁа-яё](?=.*(?<![а-яё])(?:г|ул|обл|пр|пер|д)\.)", re.IGNORECASE
)
"""An address row with no caption, its postcode first («344000,г.Ростов-на-Дону,пр.Михаила Нагибина,д.7а»), as a
bill prints it between the payer's name and its «ИНН/КПП …»: a row of the payer's block, not its end (a federal
agency's bill, real set: the buyer's ИНН under it was taken for the payee's, whose own OCR misread)."""


_ROLE_LINE = re.compile(r"^\W*[(\[{]\s*[а-яё]{5,}\s*[)\]}|]\W*$", re.IGNORECASE)
"""A party's role alone on its line, «(Исполнитель):», as a PDF's text layer or a narrow label cell gives it."""


def _roles_joined(lines: Sequence[str]) -> list[str]:
    """Each role line joined back onto its label's line ("Поставщик" + "(Исполнитель):"), where the label reads it
    as part of itself."""
    joined: list[str] = []
    for line in lines:
        if joined and _ROLE_LINE.match(line):
            joined[-1] = f"{joined[-1]} {line.strip()}"
        else:
            joined.append(line)
    return joined


_UPD = re.compile(r"универсальн\w*|передаточн\w*", re.IGNORECASE)
_UPD_STATUS_WORDS = re.compile(
    r"^[\W_]*(?:(?:универсальн\w*|передаточн\w*(?:\s+ый)?|\w?татус\W{0,3}\d?)[\s.:,;|]+(?=\S)"
    r"|документ\s+(?=(?-i:[А-ЯЁ])))",
    re.IGNORECASE,
)
"""A УПД's left column («Универсальный / передаточный / документ», «Статус: 1»), which OCR runs into the header rows
beside it («документ Продавец: ООО "ПромЛайн" (2)», «татус: . ИНН/КПП продавца: …»): its words before a row keep
that row's label from opening the line."""


def _without_upd_status_column(lines: list[str]) -> list[str]:
    """On a УПД (``_UPD``: «Универсальный передаточный документ»), each line without its status column's words in
    front (``_UPD_STATUS_WORDS``)."""
    if len({word.lower()[:8] for word in _UPD.findall("\n".join(lines))}) < 2:
        return lines
    return [_UPD_STATUS_WORDS.sub("", line) for line in lines]


_MAY_BE_RECEIVED = frozenset({DocumentType.BANK_TRANSFER, DocumentType.OTHER})
"""Documents that may record money received: a bill is to be paid, and a cash receipt's «Пополнение» heads an item
(a phone's top-up) whose seller is still paid."""
_INCOMING_TITLE = re.compile(
    r"^\W*(?:входящий\s+перевод|поступление|зачисление|пополнение|перевод\s+от(?![а-яё]))", re.IGNORECASE
)
_TITLE_ROWS = 3


def _incoming(lines: Sequence[str]) -> bool:
    """A bank's receipt of money RECEIVED («Поступление заработной платы», «Входящий перевод СБП»): the party it
    names is who paid, the holder of the credited account is paid and often unnamed."""
    return any(_INCOMING_TITLE.match(line) for line in lines[:_TITLE_ROWS])


_FAST_PAYMENTS = re.compile(r"(?<![а-яёa-z])(?:сбп|cбп|cбn|сбn|система быстрых платежей)(?![а-яёa-z])", re.IGNORECASE)
"""The Bank of Russia's fast payments system (СБП, also in OCR's Latin look-alikes «CБП»), which pays a phone."""


def _by_phone_no_account(found: list[Candidate], lines: Sequence[str], document_type: DocumentType) -> list[Candidate]:
    """On a transfer through the СБП an account read by its shape alone is the payer's (its «Счёт списания» with
    the caption lost): the СБП pays a phone number, and its receipt prints no account of the recipient's. Kept as
    the payer's, a rival; an account a label gives the recipient is still read."""
    if document_type != DocumentType.BANK_TRANSFER or not _FAST_PAYMENTS.search("\n".join(lines)):
        return found
    return [_as_rival(AS_PAYERS, c) if c.field == "recipient_account" else c for c in found]


_WHERE_TO = re.compile(r"^\W*куда(?:\W*$|\W+(?P<value>\S.*)$)", re.IGNORECASE)
_BANKS_ACCOUNT = re.compile(r"^\W*(?P<bank>[^,]{2,40}?),\s*(?:сч[её]т|карта)(?![а-яё])\D{0,6}\d{4}\W*$", re.IGNORECASE)
_SENT_TO_BANK_SCORE = 0.5
"""Under any label's reading of the bank («Банк получателя»): a caption of the app's, not the bank's own label."""


def _bank_sent_to(lines: Sequence[str], source: Source) -> list[Candidate]:
    """A bank app's «Куда» over «МКБ, счёт ·· 3187»: the bank that holds the account the money went to, masked to
    its last digits, as a transfer to one's own account in another bank shows it. Only a name that says «банк» or
    is an acronym (``read_bank``'s one-word rule): «Вклад Накопительный, счёт ·· 1234» names a deposit, no bank."""
    for index, line in enumerate(lines):
        if (caption := _WHERE_TO.match(line)) is None:
            continue
        value = caption["value"] or (lines[index + 1] if index + 1 < len(lines) else "")
        if (account := _BANKS_ACCOUNT.match(value)) is None:
            continue
        bank = read_bank(account["bank"].strip())
        if bank is not None and (" " not in bank or re.search("банк", bank, re.IGNORECASE)):
            return [Candidate("bank_name", bank, source, _SENT_TO_BANK_SCORE)]
    return []


def _as_payers(candidate: Candidate) -> Candidate:
    """On an incoming transfer, an ИНН that no label gives the payee is the sender's (an employer's ИНН before its
    name in the title): never the payee's, whose check digits would pass all the same."""
    if candidate.field == "recipient_inn" and candidate.by_shape:
        return replace(candidate, field="payer_inn")
    return candidate


_ID_THEN_NAME = re.compile(r"^\W*(?:\d{10}|\d{12})\s+(?P<name>[^\d\W].*)$")
_OPENS_QUOTED = re.compile(r"^\s*[«\"“„]")


def _incoming_payer(lines: Sequence[str], source: Source) -> list[Candidate]:
    """The sender an incoming transfer's title names by ИНН and name («3911001156 ГБУ КО ПОО» over «"ТЕХНОЛОГИЧЕСКИЙ
    КОЛЛЕДЖ"»), its quoted name wrapped onto the next line."""
    for index, line in enumerate(lines[: _TITLE_ROWS + 1]):
        if (row := _ID_THEN_NAME.match(line)) is None:
            continue
        name = row["name"]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not re.search(r"[«\"“„]", name) and _OPENS_QUOTED.match(following):
            name = f"{name} {following.strip()}"
        if (payer := read_name(name)) is not None:
            return [Candidate("payer_name", payer, source, 0.9)]
    return []


_NAMED_IN_LETTERS = {
    "$": _DOLLARS,
    "€": re.compile(r"eur|евро", re.IGNORECASE),
    "¥": re.compile(r"cny|юан", re.IGNORECASE),
}
"""A currency sign OCR may have made of something else counts only where the page names that currency in letters."""


def _currency(lines: Sequence[str], source: Source) -> str:
    """The currency printed beside the amounts, RUB when none is. OCR makes a "$" of a blurred "₽", "S" or "5", and
    a "€" of an operation number's "C" («Номер операции €251529»), so in OCR text a sign counts only where the page
    also names its currency in letters ("USD", "долл.", "евро")."""
    text = "\n".join(lines)
    marks = _CURRENCY_BESIDE_A_NUMBER.findall(text)
    if source in OCR_SOURCES:
        unnamed = {sign for sign, named in _NAMED_IN_LETTERS.items() if not named.search(text)}
        marks = [mark for mark in marks if not unnamed & set(mark)]
    home = next((code for pattern, code in _HOME_CURRENCY if pattern.search(text)), "RUB")
    return normalize_currency(" ".join(marks)) or home


_DUE_IN_ROUBLES = re.compile(
    r"(?<![а-яё])(?:к\s*оплате|к\s*уплате|к\s*перечислению)\s+в\s+рубл(?:ях|\.)?(?![а-яё])", re.IGNORECASE
)
"""«Всего к оплате в рублях: 113 731,71»: a bill priced in dollars or euros («Цена, USD», «1 USD = 81,2345 руб.»)
states the sum due in roubles at the Central Bank's rate; that sum is paid, so the currency is the rouble whatever
other currencies its table prints."""


def _due_in_roubles(amounts: set[str], lines: Sequence[str]) -> bool:
    """A line «… к оплате в рублях» whose sum is one of the ``amounts`` read: that sum is in roubles."""
    for line in lines:
        if (due := _DUE_IN_ROUBLES.search(line)) and normalize_amount(line[due.end() :]) in amounts:
            return True
    return False


_OTHER_CELLS_NUMBER = re.compile(r"\b\d[\d ]{5,}\d\b")
_NUMBER_OF_THE_NAME = re.compile(label("л/с") + r"\s*$", re.IGNORECASE)


def _other_cells_numbers_dropped(row: str) -> str:
    """``row`` without the numbers in other cells of the captioned name's table row (1C's account beside the payee),
    but with the number the name holds after «л/с» (a budget payee's personal account in its brackets: «(МАОУ
    «СОШ № 114», л/с 30106Ш52141)»)."""
    return _OTHER_CELLS_NUMBER.sub(
        lambda number: number[0] if _NUMBER_OF_THE_NAME.search(row, 0, number.start()) else "", row
    )


_A_BANKS_WORD = re.compile(r"[а-яёa-z]банк|банк[а-яё]{0,2}(?![а-яё])", re.IGNORECASE)
"""A word that names a bank («аЗПромбанк», «Банк»): beside a bank's label, the label's value, read or not."""


def _caption_labelled(
    found: list[Candidate], line: str, above: Sequence[str], source: Source, document_type: DocumentType
) -> list[Candidate]:
    """1C invoices print "Получатель" / "Банк получателя" under the cell holding the value: when such a label
    yields no name on its own line, the line above is read instead, at a lower score; a bank's name wrapped over
    the grid's rows above is read from all of them (``bank_in_grid``), or over its own address's rows
    (``bank_over_its_address``). A cash receipt's signature row (``_signature_row``) captions no name over it: the
    line above is the sum in words."""
    if document_type == DocumentType.CASH_RECEIPT and _signature_row(line, above):
        return []
    read_here = {c.field for c in found}
    candidates = []
    for rule in RULES:
        caption = rule.field in _CAPTION_FIELDS and not rule.anywhere  # "в" of "… в ПАО Сбербанк" is no caption
        if caption and rule.field not in read_here and (match := rule.pattern.search(line)):
            if ROLE_ALONE.match(line[match.end() :]):
                continue  # «Исполнитель услуг: Плательщик:», both columns' captions: the names stand under them
            if rule.field == "bank_name" and _A_BANKS_WORD.search(line[match.end() :]):
                continue  # «Банк получателя … аЗПромбанк»: the label's own bank beside it, its capital lost, unread
            if rule.field == "bank_name" and (bank := bank_in_grid(above) or bank_over_its_address(above)):
                candidates.append(Candidate(rule.field, bank, source, 0.9))
                continue
            above_words = _other_cells_numbers_dropped(above[-1])
            if (value := rule.read(above_words)) is not None and not labelled_row(above[-1]):
                candidates.append(Candidate(rule.field, value, source, 0.8))
    return candidates


def _captioned(line: str, above: str, source: Source) -> list[Candidate]:
    """The values a caption under them names (``_CAPTIONS``); never a purpose from a row its own label opens: a bank's
    «Назначение платежа» over its purpose stands under the sum in words («Сумма прописью: …»)."""
    found = []
    for field_name, caption, read in _CAPTIONS:
        if field_name == "purpose" and ANY_LABEL.match(above):
            continue
        if caption.search(line) and (value := read(above)) is not None:
            found.append(Candidate(field_name, value, source, 1.0))
    return found
