"""A bill whose payment grid captions its cells from above, as the ninth held-out batch of real bills (bench/real,
«held-out 2026-12-06i») showed: an Access report's «Образец заполнения платежного поручения» prints «ИНН … | КПП …»,
then «ПОЛУЧАТЕЛЬ» beside the account's cell with the payee's name under it, then «БАНК ПОЛУЧАТЕЛЯ» beside the БИК's
cell with the bank's name under it; its text layer draws the captions first and the values last. The numbers here are
made up, their check digits passing, so that the payer's ИНН given to the payee would be called valid."""

from __future__ import annotations

from model.checks import account_control_key, account_key_prefix, inn_valid, settlement_account_valid
from model.documents import TextWord
from model.fields import classify, extract_candidates
from model.reading_order import in_page_order
from model.resolve import resolve
from model.schema import CheckStatus, FieldCheck, PaymentDetails, Source

BIK = "046015001"


def _inn(first_nine: str) -> str:
    """A ten-digit ИНН with its check digit."""
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    inn = first_nine + str(sum(int(d) * w for d, w in zip(first_nine, weights, strict=True)) % 11 % 10)
    assert inn_valid(inn)
    return inn


PAYEE_INN, PAYER_INN = _inn("616304525"), _inn("614003022")
BODY = "40501810060152000001"
ACCOUNT = BODY[:8] + str(account_control_key(BODY, account_key_prefix(BODY, BIK) or "")) + BODY[9:]
assert settlement_account_valid(ACCOUNT, BIK)
PAYEE = 'УФК по Ростовской области(5823, ФГБУ "Ростовский референтный центр Россельхознадзора" л/с 20586У31650)'


def _read(lines: list[str], source: Source) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines, source), classify(lines), source)


def _bill() -> list[str]:
    """The bill as OCR reads its rows (the page's order)."""
    return [
        'ФГБУ "Ростовский референтный центр Россельхознадзора"',
        'Адрес: 344034, Россия, г.Ростов-на-Дону, пер. Синявский, 21 "В"',
        "Образец заполнения платежного поручения",
        f"ИНН {PAYEE_INN} КПП 616301001",
        f"ПОЛУЧАТЕЛЬ Сч.№ {ACCOUNT}",
        'УФК по Ростовской области(5823, ФГБУ "Ростовский',
        'референтный центр Россельхознадзора" л/с 20586У31650)',
        f"БАНК ПОЛУЧАТЕЛЯ БИК {BIK}",
        "Отделение Ростов-на-Дону Г. РОСТОВ-НА-ДОНУ",
        "Сч.№",
        "Назначение платежа: выдача заключений о карантинном фитосанитарном состоянии",
        "Счет № РЦ-К02/177-959 от 19.11.2017",
        'Заказчик: ООО "АПЭкс"',
        'Плательщик: ООО "АПЭкс"',
        "346780,Ростовская обл.,г.Азов,ул.Конечная 2",
        f"ИНН/КПП {PAYER_INN}/614001001",
        "Итого: 32 239,97",
        "НДС 20%: 6 448,00",
        "Всего к оплате: 38 687,97",
    ]


def test_a_grid_captioned_above_its_cells_gives_the_payees_name_and_bank_from_under_the_captions() -> None:
    """«ПОЛУЧАТЕЛЬ Сч.№ …» is no 1C caption at the foot of the payee's cell (nothing stands between it and the row
    «ИНН … КПП …»): the name is the line under it, not «Сч.№», and the bank's name the line under «БАНК ПОЛУЧАТЕЛЯ
    БИК …»."""
    details, _ = _read(_bill(), Source.OCR)
    assert details.recipient_name == PAYEE
    assert details.bank_name == "Отделение Ростов-на-Дону Г. РОСТОВ-НА-ДОНУ"
    assert (details.recipient_inn, details.recipient_kpp, details.recipient_account) == (
        PAYEE_INN,
        "616301001",
        ACCOUNT,
    )
    assert details.bank_bic == BIK
    assert details.payer_name == 'ООО "АПЭкс"'


def test_a_1c_caption_at_the_foot_of_the_payees_cell_still_names_the_line_above() -> None:
    """1C's grid: the name between the row «ИНН … КПП …» and the caption «Получатель» under it, the account's
    cell beside the caption's row; the caption is at the cell's foot, so the name is the line above it."""
    lines = [
        "ЮГО-ЗАПАДНЫЙ БАНК ПАО СБЕРБАНК БИК 046015602",
        "Сч. № 30101810600000000602",
        "Банк получателя",
        f"ИНН {PAYEE_INN} КПП 616301001 Сч. № {ACCOUNT}",
        'ООО "Охрана Юг"',
        "Получатель",
        "Счет на оплату № УТ-5442 от 4 мая 2026 г.",
        f'Покупатель: ООО "АПЭкс", ИНН {PAYER_INN}',
        "Всего к оплате: 2300,00",
    ]
    details, _ = _read(lines, Source.OCR)
    assert details.recipient_name == 'ООО "Охрана Юг"'
    assert details.recipient_inn == PAYEE_INN


def _word(text: str, left: int, top: int, line: int) -> TextWord:
    return TextWord(text, (left, top, left + 14 * len(text), top + 18), line)


def _captions_then_values() -> list[TextWord]:
    """The grid's captions in the page's order, then the address, then the values on lines of digits alone."""
    return [
        _word("ИНН", 10, 100, 0), _word("КПП", 300, 100, 0),
        _word("ПОЛУЧАТЕЛЬ", 10, 130, 1), _word("Сч.№", 600, 130, 1),
        _word("БАНК", 10, 200, 2), _word("БИК", 600, 200, 2),
        _word("Назначение", 10, 260, 3), _word("платежа:", 170, 260, 3),
        _word("Адрес:", 10, 40, 4), _word("Ростов-на-Дону", 100, 40, 4),
        _word(PAYEE_INN, 70, 101, 5), _word("616301001", 360, 101, 5),
        _word("УФК", 10, 160, 6), _word("по", 70, 160, 6), _word("Ростовской", 110, 160, 6),
        _word(ACCOUNT, 680, 131, 7),
        _word(BIK, 680, 201, 8),
        _word("Плательщик:", 10, 400, 9), _word("ООО", 180, 400, 9),
        _word("ИНН/КПП", 10, 430, 10), _word(f"{PAYER_INN}/614001001", 130, 430, 10),
    ]  # fmt: skip


def test_a_layer_that_draws_its_grids_values_apart_from_their_captions_is_read_in_rows() -> None:
    """Its lines step down the page twice, which a two-column receipt's do too, but its captions «ИНН», «КПП»,
    «Сч.№», «БИК» stand with no number on their lines while the numbers printed beside them come lines later,
    alone: the page's rows give each its caption back, and the only «ИНН» with a number is no longer the payer's."""
    lines = in_page_order(_captions_then_values())[0].splitlines()
    assert f"ИНН {PAYEE_INN} КПП 616301001" in lines
    assert f"ПОЛУЧАТЕЛЬ Сч.№ {ACCOUNT}" in lines
    assert f"БАНК БИК {BIK}" in lines
    details, checks = _read(lines, Source.PDF)
    assert (details.recipient_inn, details.recipient_account) == (PAYEE_INN, ACCOUNT)
    assert checks["recipient_account"].status == CheckStatus.VERIFIED  # its key against the БИК beside its cell


def test_a_caption_and_its_value_drawn_as_neighbouring_objects_keep_the_layers_lines() -> None:
    """A receipt that draws «БИК» and its number as two objects in a row lists them a line apart: the layer's
    order holds, and a wrapped cell beside them keeps its words together."""
    words = [
        _word("ООО", 10, 10, 0), _word("«Очень", 70, 10, 0),
        _word("БИК", 600, 12, 1), _word(BIK, 660, 12, 2),
        _word("длинное»", 10, 34, 3),
        _word("Сч.", 600, 36, 4), _word(ACCOUNT, 660, 36, 5),
        _word("Итого", 10, 80, 6),
    ]  # fmt: skip
    lines = in_page_order(words)[0].splitlines()
    assert not any("длинное»" in line and "Сч." in line for line in lines)  # rows would join them


def test_one_number_apart_from_its_caption_is_no_reason_to_rebuild_the_layers_lines() -> None:
    """A stray: one number drawn late beside one caption (a stamp's БИК) leaves a layer in the page's order as it
    is."""
    words = [
        _word("ООО", 10, 10, 0), _word("«Очень", 70, 10, 0), _word("БИК", 600, 12, 0),
        _word("длинное»", 10, 34, 1), _word("Адрес:", 10, 60, 2), _word("Итого", 10, 80, 3),
        _word("Сумма", 10, 100, 4), _word("Подпись", 10, 120, 5), _word(BIK, 660, 12, 6),
    ]  # fmt: skip
    lines = in_page_order(words)[0].splitlines()
    assert lines[:2] == ["ООО «Очень БИК", "длинное»"]


def test_a_list_row_that_names_the_party_after_its_requisites_keeps_the_name() -> None:
    """«Поставщик: ИНН … КПП ИП «…»» is a list's row, not a caption beside a grid's cell: the name after the
    requisites is the party's (a scanned invoice of an ИП, bench/real sidio_examples_3.pdf)."""
    lines = [
        "Счет №467 от 25.06.20г.",
        f"Поставщик: инн {PAYEE_INN} КПП ИП «Островский В.Г» 344092, г.Ростов-на-Дону",
        f"Покупатель: инн {PAYER_INN}, АО «Щелково-Агрохим» тел. 295 54 82",
        "Итого: 32 370.00",
    ]
    details, _ = _read(lines, Source.OCR)
    assert details.recipient_name == "ИП «Островский В.Г»"
