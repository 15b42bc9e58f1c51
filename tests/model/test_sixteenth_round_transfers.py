"""Classes the transfers of round 16 of ``bench/layouts`` showed (a ЕНП payment order to the treasury, a bank app's
screen of a payment by requisites, a bank's receipt with its fee), each a test of its own (text as OCR reads the
pages)."""

from __future__ import annotations

from model.fields import classify, extract_candidates
from model.indra import in_russian_letters
from model.resolve import resolve
from model.schema import PaymentDetails, Source


def _details(lines: list[str], source: Source = Source.OCR) -> PaymentDetails:
    details, _ = resolve(extract_candidates(lines, source), classify(lines), source)
    return details


def _budget_order(*, payers_bank: str, recipients_name: str, amount: str, purpose_caption: str) -> list[str]:
    """A ЕНП payment order to the treasury as a reader gives it, with the rows a test varies."""
    return [
        "Поступ. в банк плат. Списано со сч. плат.",
        "ПЛАТЕЖНОЕ ПОРУЧЕНИЕ № 899 22.09.2026 электронно 01",
        "Сумма Пятьсот тридцать пять тысяч шестьдесят один рубль 00 копеек",
        "прописью",
        f"ИНН 2388483879 КПП 238801001 {amount}",
        'ООО "Мир Посуды" Сч. № 40702810635330259966',
        "Плательщик",
        'Московский филиал АО КБ "САММИТБАНК" БИК 044525087',
        "г. Москва Сч. № 30101810545374525087",
        payers_bank,
        "ОТДЕЛЕНИЕ ТУЛА БАНКА РОССИИ//УФК по БИК 017003983",
        "Тульской области г. Тула Сч. № 40102810445370000059",
        "Банк получателя",
        "ИНН 7727406020 КПП 770801001 Сч. № 03100643000000018500",
        recipients_name,
        "Наз. пл. Очер. плат. 5",
        "Получатель Код 0 Рез. поле",
        "18201061201010000510 0 0 0 0 0 0",
        "Единый налоговый платеж",
        purpose_caption,
        "Подписи Отметки банка",
    ]


def _clean_order(**changes: str) -> list[str]:
    rows = {
        "payers_bank": "Банк плательщика",
        "recipients_name": "Казначейство России (ФНС России) Вид оп. 01 Срок плат.",
        "amount": "Сумма 535061=",
        "purpose_caption": "Назначение платежа",
    }
    return _budget_order(**(rows | changes))


def test_the_operations_cell_garbled_before_the_terms_caption_is_no_part_of_the_name() -> None:
    """Field 18 beside the recipient's name read «Вид ог. 01» (Tesseract, clean, bench/layouts r16_transfer_00) or
    «Quaon 07» (hard): its code «01» before field 19's caption «Срок плат.» says it is that cell."""
    for row in (
        "Казначейство России (ФНС России) Вид ог. 01 Срок плат.",
        "Казначейство России (ФНС России) Quaon 07 Срок плит.",
        "Казначейство России (ФНС России) Виы оп. 01 Срое плат.",
    ):
        assert _details(_clean_order(recipients_name=row)).recipient_name == "Казначейство России (ФНС России)"


def test_a_persons_initials_before_the_terms_caption_stay_in_the_name() -> None:
    """What the rule must leave: a sole trader's initials are no operation's code."""
    details = _details(_clean_order(recipients_name="ИП Петров О. О. Срок плат."))
    assert details.recipient_name == "ИП Петров О. О."


def test_field_sevens_equals_sign_read_as_a_plus_still_ends_the_roubles() -> None:
    """«Сумма 535061 +» (Indra, hard, r16_transfer_00): blur joined the «=»'s bars into a «+»."""
    assert _details(_clean_order(amount="Сумма 535061 +")).amount == "535061.00"


def test_the_payers_banks_caption_garbled_still_ends_the_payers_block() -> None:
    """«Баня плательщика» (Indra, hard, r16_transfer_06): with that caption unread, the payer's block ends three rows
    above «Банк получателя» (the recipient's bank's two rows and the caption's), so the recipient's bank keeps its
    БИК."""
    details = _details(_clean_order(payers_bank="Баня плательщика"), Source.INDRA)
    assert details.bank_bic == "017003983"
    assert details.bank_corr_account == "40102810445370000059"


def test_the_purpose_caption_read_with_an_o_for_its_a_still_places_the_purpose() -> None:
    """«Назночение плотгия» (Indra, hard, r16_transfer_06) under field 24."""
    details = _details(_clean_order(purpose_caption="Назночение плотгия"))
    assert details.purpose == "Единый налоговый платеж"


def test_a_kazakh_letter_the_second_reader_put_in_a_russian_word_is_its_russian_twin() -> None:
    """Indra's eslav recogniser read «Банк плательщика» as «Банқ плательщика» (r16_transfer_00 hard)."""
    assert in_russian_letters("Банқ плательщика Ү") == "Банк плательщика У"
    assert in_russian_letters("Сч. № ї") == "Сч. № ї"


def _app_screen(hero: str) -> list[str]:
    """A bank app's screen of a payment by requisites (r16_transfer_01, 07), its sum atop, the balance left below."""
    return [
        "Платёж выполнен",
        hero,
        "12 мая 2026, 14:10",
        "Получатель",
        "АО «Орбита»",
        "ИНН",
        "4138906839",
        "Счёт получателя",
        "4070 2810 7240 9455 0911",
        "БИК",
        "041708706",
        "Назначение платежа",
        "Оплата по счету № 645 от 27.04.2026. в т.ч. НДС 20% 1 834,56 руб.",
        "Списано с",
        "Карта ** 0450",
        "Доступно после операции",
        "14 703,94 Р",
    ]


def test_the_balance_left_after_the_operation_is_no_amount() -> None:
    """«Доступно после операции» over «14 703,94 Р»: the card's balance, taken where the sum atop went unread."""
    assert _details(_app_screen("11007,55 2")).amount != "14703.94"
    assert _details(_app_screen("11 007,35 ₽")).amount == "11007.35"


def test_an_app_sum_read_without_its_group_space_and_comma_is_left_unread() -> None:
    """«452417?» for «4 524,17 ₽» (Tesseract, clean, r16_transfer_07): an app groups its sums, so six digits with
    neither a group's space nor kopecks have lost separators, and nothing says where the roubles end."""
    assert _details(_app_screen("452417?")).amount is None
    assert _details(_app_screen("4 524 ₽")).amount == "4524.00"


def test_the_operations_date_and_time_outrank_the_day_the_bank_executed_it() -> None:
    """A bank's «Квитанция об оплате» (r16_transfer_02): «Дата и время операции 27.03.2026 13:29:01 (МСК)» over
    «Дата проведения 29.03.2026»: the payer paid when he made the operation."""
    lines = [
        "Квитанция об оплате № 552052639",
        "Дата и время операции 27.03.2026 13:29:01 (МСК)",
        "Дата проведения 29.03.2026",
        "Получатель ИП Морозов Алексей Юрьевич",
        "Сумма платежа 20 493,90 руб.",
    ]
    assert _details(lines).payment_date == "2026-03-27"
