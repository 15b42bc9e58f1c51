"""The платёжное поручение (form 0401060) as Tesseract reads it row by row: the payer's block comes first with the
same labels as the recipient's, and its identifiers pass their checks, so taking them is a wrong value verified."""

from __future__ import annotations

import random
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
