"""Classes the thirteenth round of ``bench/layouts`` showed on its transfers (a dark-mode app's receipt of a loan
repayment, a bank's SMS thread), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

import pytest

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import DocumentType, PaymentDetails, Source

LOAN_REPAYMENT = [
    "11:10 56 64%",
    "Платёж выполнен",
    "9 172,50 P",
    "Погашение кредита в другом банке",
    "Дата и время",
    "26 января 2026, 11:10",
    "Списано с",
    "Карта «Халва» *0834",
    "Получатель",
    "Соловьёв Павел Сергеевич",
    "Счёт получателя",
    "40817810335123490720",
    "Банк получателя",
    "МОРДОВСКОЕ ОТДЕЛЕНИЕ №8589 ПАО СБЕРБАНК",
    "БИК",
    "048952615",
    "Корр. счёт",
    "30101810100000000615",
    "Назначение платежа",
    "Погашение задолженности по кредитному договору №",
    "4598338749 от 26.05.2022, Соловьёв Павел Сергеевич. НДС не",
    "облагается",
    "Комиссия",
    "0Р",
    "Номер документа",
    "4796633",
]
"""A dark-mode bank app's receipt of a loan repaid to another bank (bench/layouts r13 dark-loan-repayment): each value
stacked under its caption, the purpose wrapped over three lines."""


def _details(lines: list[str]) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines), classify(lines), Source.OCR)
    return details


def test_a_purpose_wrapped_after_its_number_sign_goes_on() -> None:
    """r13_transfer_01/04/07, every level: the purpose stopped at «№», its number on the next line."""
    assert _details(LOAN_REPAYMENT).purpose == (
        "Погашение задолженности по кредитному договору № 4598338749 от 26.05.2022, Соловьёв Павел Сергеевич. "
        "НДС не облагается"
    )


SMS_THREAD = [
    "20:31 LTE 78%",
    "900",
    "SMS/MMS",
    "27 июля",
    "Покупка 2951.11p РУАТЕКОСНКА Карта *9463.",
    "Баланс 100941.23p",
    "10:26",
    "28 июля",
    "Код 429142. Никому его не сообщайте.",
    "Перевод 28 750,00 р Игорю Викторовичу Л.",
    "19:33",
    "{transfer}",
    "{recipient}",
    "Баланс 71567.23p",
    "19:34",
    "Сообщение",
]
"""A screenshot of a bank's SMS thread (bench/layouts r13 bank-sms-thread): a purchase, the transfer's confirmation
code, then the transfer's own message wrapped over three lines."""


SMS_THREAD_TRANSFER = "28.07.2026 19:34 Перевод по СБП 28750.00р"
SMS_RECIPIENT = "получателю Игорь Викторович Л. Карта *9463."


def _thread(transfer: str, recipient: str) -> list[str]:
    return [line.format(transfer=transfer, recipient=recipient) for line in SMS_THREAD]


@pytest.mark.parametrize(
    "transfer", ["28.07.2026 19:34 Перевод по СБП 28750.00р", "28.07.2026 19:34 Перевод по CBM 28750.00p"]
)
def test_a_bank_sms_names_the_transfers_amount_and_recipient(transfer: str) -> None:
    """r13_transfer_00/03/06 clean and hard: neither the amount nor the recipient was read, only the date."""
    lines = _thread(transfer, "получателю Игорь Викторович Л. Карта *9463.")
    details = _details(lines)
    assert classify(lines) == DocumentType.BANK_TRANSFER
    assert (details.amount, details.recipient_name, details.payment_date) == (
        "28750.00",
        "Игорь Викторович Л.",
        "2026-07-28",
    )


def test_a_transfers_own_sms_outranks_its_confirmation() -> None:
    """The code's message names the amount too: the transfer's own message decides where they differ."""
    lines = [line.replace("28 750,00", "28 570,00") for line in _thread(SMS_THREAD_TRANSFER, SMS_RECIPIENT)]
    assert _details(lines).amount == "28750.00"


def test_a_bank_sms_whose_figure_ocr_lost_keeps_its_recipient_and_the_codes_amount() -> None:
    """r13_transfer_00/03 photo: the transfer's line garbled («Перевод no CBM 287505 9р») or lost."""
    details = _details(_thread("28.072026 19:34 Перевод no CBM 287505 9р", SMS_RECIPIENT))
    assert (details.amount, details.recipient_name) == ("28750.00", "Игорь Викторович Л.")


def test_a_bank_sms_never_gives_the_balance_nor_a_purchase() -> None:
    """A thread with a purchase and no transfer: neither the purchase's figure nor a balance is an amount."""
    lines = [*SMS_THREAD[:8], "Баланс 71567.23p"]
    assert _details(lines).amount is None


@pytest.mark.parametrize(
    ("caption", "bank", "expected"),
    [
        ("Банк оучетиля", "МОРДОВСКОЕ ОТДЕЛЕНИЕ №8589 ПАС СБЕРБАНК", "МОРДОВСКОЕ ОТДЕЛЕНИЕ №8589 ПАС СБЕРБАНК"),
        ("Gore получателя", 'КУ ООО КБ "ЭРГОБАНК` - ГК "ACB"', 'КУ ООО КБ "ЭРГОБАНК` - ГК "АСВ"'),
    ],
    ids=["second word", "first word"],
)
def test_a_garbled_banks_caption_over_its_name_and_bic(caption: str, bank: str, expected: str) -> None:
    """r13_transfer_01/04 hard: the dark screen's «Банк получателя» garbled, the bank's name under it was lost."""
    lines = list(LOAN_REPAYMENT)
    at = lines.index("Банк получателя")
    lines[at : at + 2] = [caption, bank]
    assert _details(lines).bank_name == expected


def test_the_payers_bank_garbled_is_no_recipients() -> None:
    """«Банк отправителя» garbled has no «ч»: the bank under it is not read as the recipient's."""
    lines = list(LOAN_REPAYMENT)
    at = lines.index("Банк получателя")
    lines[at : at + 2] = ["Банк отправитепя", "ПАО СБЕРБАНК"]
    assert _details(lines).bank_name is None


def test_a_receipts_debited_caption_alone_makes_it_a_transfer() -> None:
    """r13_transfer_01 photo: «Платёж выполнен» read «in 5 полнен», the page was «other»."""
    lines = [("in 5 полнен" if line == "Платёж выполнен" else line) for line in LOAN_REPAYMENT]
    assert classify(lines) == DocumentType.BANK_TRANSFER
