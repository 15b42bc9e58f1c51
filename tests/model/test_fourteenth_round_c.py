"""Classes the fourteenth round's second drawing showed on its bills (a lawyer's client read with specks for his
patronymic's end, a worn ЕПД's payer without its grey caption, a rent bill's total read only beside a garbled label,
a bank's name read with Latin look-alikes), each a test of its own (text as OCR reads the pages)."""

from __future__ import annotations

from model.bank_check import shown_in_the_directorys_letters
from model.bik_directory import current_directory
from model.fields import extract_candidates
from model.resolve import resolve
from model.schema import CheckStatus, DocumentType, FieldCheck, PaymentDetails, Source
from model.values import misread_person, read_name


def _resolved(lines: list[str]) -> tuple[PaymentDetails, dict[str, FieldCheck]]:
    return resolve(extract_candidates(lines), DocumentType.INVOICE, Source.OCR)


def test_a_person_whose_patronymic_was_read_as_specks_is_no_payer() -> None:
    """«Петрович» read «Петров! 4» (r14 bar-association-bill, hard): a surname's shape where the patronymic stands."""
    details, _ = _resolved(["СЧЕТ № 261 от «14» июля 2026 года", "Доверитель: Попов Михаил Петров! 4"])
    assert details.payer_name is None
    assert misread_person("ИП Попов Михаил Петров! 4")
    assert not misread_person("Попов Михаил Петрович")
    assert not misread_person("Мамедов Рашид Гасан оглы")  # a Russian word after the names is no speck


def test_specks_glued_to_a_patronymic_are_cut() -> None:
    assert read_name("Попов Михаил Петрович! 4") == "Попов Михаил Петрович"


EPD_HEAD_WORN = [
    "ЕДИНЫЙ ПЛАТЁЖНЫЙ ДОКУМЕНТ",
    "для внесения платы за жилое помещение и коммунальные услуги за ноябрь 2026",
    "000 «УК Гранит» Волков Игорь Сергеевич",
    "ИНН 7551020239 КПП 755143001 Адрес: 164774. г. Воронеж, yn. Ленина, д. 86, кв. 145",
    "241543, г. Пермь, ул. Набережная, д. 119 Лицевой счёт: 73039487",
    "БИК 044525808 K/c 30101810500000000808",
    "ИТОГО К ОПЛАТЕ: 8 117,86 руб.",
]
"""A worn ЕПД's head (r14 housing-epd-gost-qr, hard): its grey captions «Исполнитель услуг: Плательщик:» unread."""


def test_a_housing_bills_one_person_named_in_full_is_its_payer() -> None:
    details, checks = _resolved(EPD_HEAD_WORN)
    assert details.payer_name == "Волков Игорь Сергеевич"
    assert details.recipient_name == "ООО «УК Гранит»"
    assert checks["payer_name"].status == CheckStatus.UNVERIFIED


def test_a_housing_bill_naming_a_sole_trader_or_two_people_names_no_payer() -> None:
    sole_trader = [*EPD_HEAD_WORN[:2], "ИП Волков Игорь Сергеевич", *EPD_HEAD_WORN[3:]]
    assert _resolved(sole_trader)[0].payer_name is None
    chairman = [*EPD_HEAD_WORN, "Председатель правления Зайцев Алексей Петрович"]
    assert _resolved(chairman)[0].payer_name is None


def test_a_person_on_another_bill_is_no_payer_by_being_named() -> None:
    lines = ["СЧЁТ № 12 от 01.11.2026", *EPD_HEAD_WORN[2:]]
    assert _resolved(lines)[0].payer_name is None


RENT_BILL_FOOT = [
    "СЧЁТ № A-176 от 3 сентября 2026 г.",
    "Vivore Ge» HURCS 106 617,16",
    "| Beers к салате: 106 617,16",
    "Сумма прописью: Сто шесть тысяч шестьсот семнадцать рубле 16 корее",
]
"""A rent bill's foot on a worn page (r13 rent-bill-with-meter, hard): «Итого», «Всего к оплате» and the kopecks'
word garbled."""


def test_the_figure_whose_roubles_the_words_name_is_the_amount_where_no_total_was_read() -> None:
    details, checks = _resolved(RENT_BILL_FOOT)
    assert details.amount == "106617.16"
    assert checks["amount"].status == CheckStatus.UNVERIFIED


def test_no_figure_is_the_amount_where_the_words_name_other_roubles() -> None:
    lines = [*RENT_BILL_FOOT[:3], "Сумма прописью: Сто шесть тысяч шестьсот восемнадцать рубле 16 корее"]
    assert _resolved(lines)[0].amount is None


def _shown(name: str, bic: str, status: CheckStatus = CheckStatus.VERIFIED) -> str | None:
    values: dict[str, str | None] = {"bank_name": name, "bank_bic": bic}
    results = {"bank_name": FieldCheck(), "bank_bic": FieldCheck(status=status)}
    shown_in_the_directorys_letters(values, results, current_directory())
    return values["bank_name"]


def test_a_confirmed_banks_name_read_with_latin_look_alikes_is_shown_in_cyrillic() -> None:
    """ООО КБ "МВС БАНК" read «ООО KE "MBC БАНК"» (r12 word-sole-trader-bill, hard): letters folded, words kept."""
    assert _shown('ООО KE "MBC БАНК"', "048209775") == 'ООО КЕ "МВС БАНК"'
    assert _shown('ООО KE "MBC БАНК"', "048209775", CheckStatus.UNVERIFIED) == 'ООО KE "MBC БАНК"'


def test_a_confirmed_banks_word_read_in_odd_case_takes_the_directorys_case() -> None:
    assert _shown('Росбанк филиал МОСкВа АО "ТБанк"', "044525102") == 'Росбанк филиал МОСкВа АО "ТБанк"'  # another bank
    assert _shown('Росбанк филиал МОСкВа АО "ТБанк"', "044525113") == 'Росбанк филиал Москва АО "ТБанк"'
    assert _shown("ПАО СБЕРБАНК", "044525225") == "ПАО СБЕРБАНК"  # capitals as printed


def test_the_figure_the_words_name_replaces_an_unverified_amount_of_other_roubles() -> None:
    """The pooled reading of the same foot took «10.00» from a garbled row for the amount."""
    details, checks = _resolved(["| Итого к оплате: 10,00", *RENT_BILL_FOOT[1:]])
    assert details.amount == "106617.16"
    assert checks["amount"].status == CheckStatus.UNVERIFIED


def test_a_tick_before_a_labels_capital_leaves_it_the_lines_label() -> None:
    """An internet provider's bill (r14, clean): Tesseract reads the face's «А» serif as «‘»."""
    details, _ = _resolved(["СЧЕТ № С-66809 от 27.04.2026", "‘Абонент: 000 «Орбита», ИНН 6865350074"])
    assert details.payer_name == "ООО «Орбита»"
