"""The платёжное поручение (form 0401060) as Tesseract reads it row by row: the payer's block comes first with the
same labels as the recipient's, and its identifiers pass their checks, so taking them is a wrong value verified."""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest

from bench.corpus.content import Recipient, random_organisation
from bench.corpus.payment_order import bank_place, figures, payment_order
from model.fields import classify, extract_candidates
from model.payment_order import is_payment_order, read_payment_order
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source

_PAYER_BANK_CAPTIONS = ("Банк плательщика", "анк плательщика", "")  # OCR loses a caption's first letter, or all


def _party(seed: str) -> Recipient:
    rng = random.Random(seed)
    while (party := random_organisation(rng)).kpp is None:  # an organisation: ИНН and КПП both on the page
        pass
    return party


PAYER, RECIPIENT = _party("payer"), _party("recipient")


def _order_lines(amount: str = "4237-53", payer_bank_caption: str = "Банк плательщика") -> list[str]:
    """doc_0054 of the corpus as Tesseract read it, with its numbers replaced by these parties'."""
    return [
        "16.07.2024 16.07.2024 Pe 0401060",
        "Tlocryn. в банк плат. Списано со сч. плат.",
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 8107 16.07.2024",
        "Дата Вид платежа",
        "Сумма Четыре тысячи двести тридцать семь рублей 53 копейки",
        "прописью",
        f"ИНН {PAYER.inn} КПП {PAYER.kpp} Сумма {amount}",
        PAYER.name,
        f"Плательшик Сч. № {PAYER.account}",
        f"{bank_place(PAYER.bank)} {PAYER.bank.bic}",
        f"{payer_bank_caption} {PAYER.bank.corr_account}",
        f"{bank_place(RECIPIENT.bank)} {RECIPIENT.bank.bic}",
        f"Банк получателя {RECIPIENT.bank.corr_account}",
        f"ИНН {RECIPIENT.inn} КПП {RECIPIENT.kpp} Сч. № {RECIPIENT.account}",
        f"{RECIPIENT.name} Вид оп. 01 Срок плат.",
        "р | [т 5 |",
        "Оплата по счёту № 195 от 11.07.2024. Сумма 4237-53, в т.ч. НДС (20%) 706-26",
        "Назначение платежа",
        "Подписи Отметки банка",
        PAYER.bank.name,
        f"М.П. go nae cee БИК {PAYER.bank.bic}",
        "ИСПОЛНЕНО",
        "16.07.2024",
    ]


def _resolved(lines: list[str]) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines, Source.OCR), classify(lines), Source.OCR)


@pytest.mark.parametrize("caption", _PAYER_BANK_CAPTIONS)
def test_payment_order_gives_the_recipients_numbers_not_the_payers(caption: str) -> None:
    details, checks = _resolved(_order_lines(payer_bank_caption=caption))
    assert details.document_type == DocumentType.BANK_TRANSFER
    assert (details.recipient_inn, details.recipient_kpp) == (RECIPIENT.inn, RECIPIENT.kpp)
    assert details.recipient_account == RECIPIENT.account
    assert (details.bank_bic, details.bank_corr_account) == (RECIPIENT.bank.bic, RECIPIENT.bank.corr_account)
    assert details.bank_name == bank_place(RECIPIENT.bank)
    assert details.recipient_name == RECIPIENT.name
    assert details.payer_name == PAYER.name
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED


def test_a_payers_name_read_with_its_account_beside_it_is_the_payers_name() -> None:
    """The grid's payer cell and its «Сч. №» cell read as one line: the account's digits stopped the name."""
    lines = _order_lines()
    lines[lines.index(PAYER.name) : lines.index(PAYER.name) + 2] = [
        f"{PAYER.name} Сч. № {PAYER.account}",
        "Плательщик",
    ]
    details, _ = _resolved(lines)
    assert details.payer_name == PAYER.name
    assert details.recipient_account == RECIPIENT.account
    lines[lines.index("Плательщик") - 1] = f"{PAYER.name} Cu. №"  # the account's digits on no line
    assert _resolved(lines)[0].payer_name == PAYER.name


def test_payment_order_reads_its_date_purpose_and_amount_by_the_forms_rules() -> None:
    details, _ = _resolved(_order_lines())
    assert details.payment_date == "2024-07-16"
    assert details.amount == "4237.53"
    assert details.purpose == "Оплата по счёту № 195 от 11.07.2024. Сумма 4237-53, в т.ч. НДС (20%) 706-26"


@pytest.mark.parametrize(("printed", "amount"), [("4237-53", "4237.53"), ("1074373=", "1074373.00")])
def test_payment_order_amount_is_roubles_dash_kopecks_or_whole_with_equals(printed: str, amount: str) -> None:
    details, _ = _resolved(_order_lines(amount=printed))
    assert details.amount == amount


def test_payment_order_whose_recipient_caption_is_lost_gives_no_identifier() -> None:
    """Without «Банк получателя» nothing tells the payer's numbers from the recipient's: none is read."""
    lines = [line for line in _order_lines() if not line.startswith("Банк получателя")]
    details, _ = _resolved(lines)
    assert details.recipient_inn is None
    assert details.recipient_account is None
    assert details.bank_bic is None


def test_payment_order_purpose_stops_at_its_first_line() -> None:
    """Specks over the purpose's first line (a capital letter opens it) are the grid's, not the purpose's."""
    lines = _order_lines()
    lines[15] = "а — 7019 Сулима 995 01 oe | |"
    details, _ = _resolved(lines)
    assert details.purpose is not None and details.purpose.startswith("Оплата по счёту № 195")


def test_sample_of_the_form_on_a_1c_invoice_is_no_payment_order() -> None:
    lines = ["Образец заполнения платёжного поручения", "Счёт на оплату № 5 от 1 марта 2024 г."]
    assert not is_payment_order(lines)
    assert read_payment_order(lines, Source.OCR) is None
    assert classify(lines) == DocumentType.INVOICE


@pytest.mark.parametrize("seed", range(6))
def test_drawn_payment_order_prints_its_amount_as_field_7(seed: int) -> None:
    page = payment_order(random.Random(f"order:{seed}"))
    amount = page.fields["amount"]
    assert figures(Decimal(amount)) in page.drawn  # field 7's cell holds it alone


def test_a_tax_paid_by_payment_order_goes_to_the_treasury_whose_bank_name_wraps() -> None:
    """An ЕНП order as Tesseract reads it: the treasury office's name wraps onto the ЕКС's row, the budget fields
    (КБК, ОКТМО 0) stand between the recipient and the purpose."""
    lines = _order_lines()
    lines[11:13] = [
        "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской 017003983",
        "области г. Тула 40102810445370000059",
        "Банк получателя",
    ]
    lines[14:18] = [
        "ИНН 7727406020 КПП 770801001 Сч. № 03100643000000018500",
        "Казначейство России (ФНС России) Вид оп. 01 Срок плат.",
        "18201061201010000510 0 0 0 0 0",
        "Единый налоговый платеж",
        "Назначение платежа",
    ]
    details, checks = _resolved(lines)
    assert details.bank_name == "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по Тульской области г. Тула"
    assert (details.bank_bic, details.bank_corr_account) == ("017003983", "40102810445370000059")
    assert (details.recipient_inn, details.recipient_account) == ("7727406020", "03100643000000018500")
    assert details.recipient_name == "Казначейство России (ФНС России)"
    assert details.purpose == "Единый налоговый платеж"
    assert checks["bank_corr_account"].status == CheckStatus.VERIFIED
    assert checks["recipient_account"].status == CheckStatus.UNVERIFIED  # a казначейский счёт has no key


def test_a_blurred_payment_order_as_indra_reads_it() -> None:
    """doc_0060's hard photo as Indra read it: labels garbled («W9» for ИНН, «Ok N» for Сч. №, «Казначение платена»),
    field 7's «=» read as «%», and the caption «Получатель» over the purpose, which is no recipient's name."""
    lines = [
        "15.01.2025 15.012025 040т060",
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 3134 15.01,2025 злектромно",
        "Сумніа Сто восемьдесят семь тысяч шестьдесят два рубля.",
        f"И4 {PAYER.inn} K70 {PAYER.kpp} Сумма 187062%",
        PAYER.name,
        f"O<. NF {PAYER.account}",
        "Плательщик",
        f"{bank_place(PAYER.bank)} SaK {PAYER.bank.bic}",
        f"Ok NP {PAYER.bank.corr_account}",
        "Банк плательщика",
        f"{bank_place(RECIPIENT.bank)} {RECIPIENT.bank.bic}",
        f"Ok N {RECIPIENT.bank.corr_account}",
        "Банк получателя",
        f"W9 {RECIPIENT.inn} KTN {RECIPIENT.kpp} < N {RECIPIENT.account}",
        f"{RECIPIENT.name} Cpem trat.",
        "Oчер, tain, 5",
        "Получатель",
        "Оплата по договору № 217/2025 от 15.01.2025. Сумма 187062=, в т.ч. НДС (20%) 31177=",
        "Казначение платена",
        "Подписи Отметкң банка",
    ]
    details, _ = _resolved(lines)
    assert details.amount == "187062.00"
    assert details.recipient_name == RECIPIENT.name
    assert details.payer_name == PAYER.name
    assert details.bank_name == bank_place(RECIPIENT.bank)
    assert details.purpose is not None and details.purpose.startswith("Оплата по договору № 217/2025")
    assert (details.recipient_inn, details.recipient_account) == (RECIPIENT.inn, RECIPIENT.account)


def test_a_payment_order_whose_titles_first_letter_ink_bled_is_still_the_form() -> None:
    """A damaged page (augraphy's ink bleed, ``make bench-damage``) as Indra read it: «ДЛАТЕЖНОЕ ПОРУЧЕНИЕ», and the
    payer's ИНН first on the page. Taken as no payment order, the generic reading gave the payer's ИНН as the
    recipient's, verified by its check digits."""
    lines = [
        "ДЛАТЕЖНОЕ ПОРУЧЕНИЕ № 6937 -01,02.2024",
        "Мма . Триста летыслни девитьсот шестьдесят рурдой 77 конеок.",
        f"|ИИH {PAYER.inn} KHE {PAYER.kpp} Сумма 302960-77",
        f"1 {PAYER.name}",
        f"1Плательщик. | C N | {PAYER.account}",
        f"| {bank_place(PAYER.bank)}: БИК .{PAYER.bank.bic}",
        f"Банк илательщика.- Сч. № {PAYER.bank.corr_account}",
        f"( {bank_place(RECIPIENT.bank)} БИК {RECIPIENT.bank.bic}",
        f"1 банк получателя. Cप. № {RECIPIENT.bank.corr_account}",
        f"ИНИ {RECIPIENT.inn} - | КПП {RECIPIENT.kpp} Cप. № {RECIPIENT.account}",
        f"{RECIPIENT.name} 5ид оП, 01 Срок плау",
        "Получатель. Код Рез. поле",
        "АРенлная нлата по логовору № 58 от 10.01,2024, Сумма 302960,77 в с, дηс с20903 51",
        "Назначение платежа",
        "Подниси Отметки банка",
    ]
    assert is_payment_order(lines)
    details, checks = _resolved(lines)
    assert details.recipient_inn == RECIPIENT.inn
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED
    assert PAYER.inn not in {details.recipient_inn, details.recipient_kpp}


def test_the_caption_of_a_1c_invoices_payment_sample_is_no_title_even_misread() -> None:
    assert not is_payment_order(["Образец заполнения латежного поручения", "Образец заполнения платежного поручения"])


def test_a_payment_order_whose_purpose_quotes_an_invoice_is_still_a_payment_order() -> None:
    """PSB On-Line's order as its text layer's lines give it: the purpose «Счет на оплату №436 от …» names an
    invoice, but the title says what the page is, and the recipient's block is read by its place."""
    lines = [
        "13.11.2020 0401060",
        "Поступ. в банк плат. Списано со сч. плат.",
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 982 13.11.2020 Электронно",
        "Дата Вид платежа",
        "Сумма",
        "прописью",
        "Восемь тысяч сто рублей 00 копеек",
        f"ИНН {PAYER.inn} КПП {PAYER.kpp} Сумма 8100-00",
        PAYER.name,
        f"Сч. № {PAYER.account}",
        "Плательщик",
        f"{bank_place(PAYER.bank)} БИК {PAYER.bank.bic}",
        f"Сч. № {PAYER.bank.corr_account}",
        "Банк плательщика",
        f"{bank_place(RECIPIENT.bank)} БИК {RECIPIENT.bank.bic}",
        f"Сч. № {RECIPIENT.bank.corr_account}",
        "Банк получателя",
        f"ИНН {RECIPIENT.inn} КПП {RECIPIENT.kpp} Сч. № {RECIPIENT.account}",
        RECIPIENT.name,
        "Вид оп. 01 Срок плат.",
        "Наз. пл. Очер. плат. 5",
        "Получатель Код Рез. поле",
        "Счет на оплату №436 от 13 ноября 2020г.",
        "Назначение платежа",
        "Подписи Отметки банка",
    ]
    assert classify(lines) == DocumentType.BANK_TRANSFER
    details, checks = _resolved(lines)
    assert (details.recipient_inn, details.recipient_account) == (RECIPIENT.inn, RECIPIENT.account)
    assert (details.bank_bic, details.bank_corr_account) == (RECIPIENT.bank.bic, RECIPIENT.bank.corr_account)
    assert (details.recipient_name, details.payer_name) == (RECIPIENT.name, PAYER.name)
    assert details.purpose == "Счет на оплату №436 от 13 ноября 2020г."
    assert details.amount == "8100.00"
    assert checks["recipient_account"].status == CheckStatus.VERIFIED


@pytest.mark.parametrize("order", ["reversed", "values first", "seed 3"])
def test_a_payment_order_read_out_of_the_forms_order_gives_no_partys_number(order: str) -> None:
    """Lines in another order than the grid's (a text layer that lists its cells as it drew them): the place of a
    number no longer says whose it is, so no ИНН, account, БИК or к/с is read, rather than the payer's verified."""
    lines = _order_lines()
    if order == "reversed":
        lines.reverse()
    elif order == "values first":
        numbered = [line for line in lines if re.search(r"\d{9}", line)]
        lines = numbered + [line for line in lines if line not in numbered]
    else:
        random.Random(3).shuffle(lines)
    details, _ = _resolved(lines)
    assert details.document_type == DocumentType.BANK_TRANSFER
    identifiers = ("recipient_inn", "recipient_kpp", "recipient_account", "bank_bic", "bank_corr_account")
    assert all(getattr(details, name) is None for name in identifiers)


@pytest.mark.parametrize(
    ("label", "caption", "field"),
    [
        ("Плательщик", "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ №478612", "payer_name"),
        ("Банк получателя", "Банк плательщика", "bank_name"),
        ("Получатель", "Поступ. в банк плат.", "recipient_name"),
        ("Получатель", "Списано со сч. плат.", "recipient_name"),
        ("Назначение платежа", "Подписи Отметки банка", "purpose"),
        ("Назначение платежа", "Подлиси", "purpose"),  # a serif п read as л (bench/layouts r5_transfer_03)
    ],
)
def test_a_forms_caption_under_a_label_is_no_value(label: str, caption: str, field: str) -> None:
    """A label alone on its line over one of the form's captions, as a text layer's order may put them: the caption
    is no name, bank or purpose."""
    lines = [label, caption, "Итого 100,00"]
    assert not [c for c in extract_candidates(lines, Source.PDF) if c.field == field]


def test_a_budget_payment_order_of_a_person_names_them_without_their_address() -> None:
    """Тинькофф's order paying a kindergarten's fee, its lines rebuilt from the text layer's words: the payer's cell
    holds «NAME // address» (the rules' way of naming a person), the recipient's name wraps onto a second line in
    lower case, the purpose's caption is «Назначение» alone and its text says «код доходов», and the bank of the
    Bank of Russia prints twenty zeros for its к/с."""
    name_rows = (
        "Департамент финансов администрации города, муниципальное бюджетное",
        'дошкольное образовательное учреждение "Детский сад №7"',
    )
    purpose_rows = (
        "Перевод с карты *4798, За д.сад, май 2019, л/с 6343100695, гр.11 2-подготовительная. Родительская оплата, код",
        "доходов 04013, л/с учреждения 07040756240. НДС не облагается.",
    )
    lines = [
        "12.05.2019 13.05.2019 0401060",
        "Поступ. в банк плат. Списано со сч. плат.",
        "12.05.2019 24",
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ №1979524",
        "Дата Вид платежа",
        "Сумма Одна тысяча пятьсот семьдесят рублей 80 копеек",
        "прописью",
        "ИНН 0 КПП Сумма 1570-80",
        "0",
        "ИВАНОВ ИВАН ИВАНОВИЧ // РОССИЙСКАЯ ФЕДЕРАЦИЯ,",
        "603000, НИЖЕГОРОДСКАЯ ОБЛ, Г НИЖНИЙ НОВГОРОД, УЛ ЛЕСНАЯ,",
        "ДОМ 1, КВ. 2",
        "Сч. № 30232810700000000022",
        "Плательщик",
        'АО "ТИНЬКОФФ БАНК" г. МОСКВА БИК 044525974',
        "Сч. № 30101810145250000974",
        "Банк плательщика",
        "ВОЛГО-ВЯТСКОЕ ГУ БАНКА РОССИИ г. НИЖНИЙ НОВГОРОД БИК 042202001",
        "Сч. № 00000000000000000000",
        "Банк получателя",
        f"ИНН {RECIPIENT.inn} КПП {RECIPIENT.kpp} Сч. № {RECIPIENT.account}",
        *name_rows,
        "Вид оп. 01 Срок плат.",
        "Наз. пл. Очер. плат. 4",
        "Код 0 Рез. поле",
        "Получатель",
        "07511301994040000130 22701000 0 0 01;2208103673 0 0",
        *purpose_rows,
        "Назначение",
        "Подписи Отметки банка",
    ]
    details, _ = _resolved(lines)
    assert details.payer_name == "ИВАНОВ ИВАН ИВАНОВИЧ"
    assert details.recipient_name == " ".join(name_rows)
    assert details.purpose == " ".join(purpose_rows)
    assert (details.recipient_inn, details.recipient_account) == (RECIPIENT.inn, RECIPIENT.account)
    assert (details.bank_bic, details.bank_corr_account) == ("042202001", None)
    assert (details.amount, details.payment_date) == ("1570.80", "2019-05-12")


def test_a_recipient_named_like_a_label_is_still_named() -> None:
    """A loan repaid to the bank itself: «Банк ВТБ (ПАО)» starts with the label «Банк» but has words of its own, so
    it is no caption."""
    lines = _order_lines()
    lines[14] = "Банк ВТБ (ПАО) Вид оп. 01 Срок плат."
    details, _ = _resolved(lines)
    assert details.recipient_name == "Банк ВТБ (ПАО)"
