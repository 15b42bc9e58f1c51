"""Classes the seventeenth round of ``bench/layouts`` showed on its bills (a freight company's 1C bill with a penalty,
a dental clinic's bill, a housing cooperative's quittance), each a test of its own (text as the readers read the
pages)."""

from __future__ import annotations

from model.fields import classify, extract_candidates
from model.resolve import resolve
from model.schema import CheckStatus, Source

FREIGHT_BILL_AS_INDRA_READ = [
    'нко цк "эфиР" (Ао) г. Санкт-Петербург 1440,0119',
    "Банк получателя: |301g 0109451 C79 36310",
    "инн 7в4егд2660, K7П 764091601",
    "бо0 «ТК Волна» |40792319055,- 9629196",
    "Получатель 9)",
    "Счет на оплату № 4954 от 20.09.2026",
    "(Волалннтерв) о00 «тк валнае, ио4авд2еб9 аон 76400100з, сл97991 № ТонсК, уп. Набережная, д. 39, . 295.",
    ". Носкоесвая, д. Ј05, офі 159 ПАО «рермерская Лаака», ИНИ 4774651948, К21 477401001, 637996,",
    "(b) -Договор-заявка • 83726 от 26.08.262",
]
"""A freight company's 1C bill in a night photo as the second reader read it (bench/layouts r17
freight-penalty-bill, r17_invoice_06_hard): the supplier's own ИНН garbled in the grid and on its row, the
supplier's address wrapped into the buyer's row and the buyer's caption «Покупатель (Заказчик):» lost with it. The
one ИНН read whole is the buyer's, printed right after the buyer's name."""


def test_an_inn_printed_after_another_companys_name_is_not_the_recipients() -> None:
    candidates = extract_candidates(FREIGHT_BILL_AS_INDRA_READ, Source.INDRA)
    details, checks = resolve(candidates, classify(FREIGHT_BILL_AS_INDRA_READ), None)
    assert details.recipient_inn != "4774651948"
    assert details.recipient_kpp != "477401001"
    assert checks["recipient_inn"].status != CheckStatus.VERIFIED


def test_an_inn_printed_after_the_recipients_own_name_stays_the_recipients() -> None:
    lines = [
        "ООО «ТК Волна»",
        "Получатель",
        "Счет на оплату № 4954 от 20.09.2026",
        "Поставщик: ООО «ТК Волна», ИНН 7640812660, КПП 764001001, 637991, г. Томск",
    ]
    details, checks = resolve(extract_candidates(lines), classify(lines), None)
    assert details.recipient_inn == "7640812660"
    assert checks["recipient_inn"].status == CheckStatus.VERIFIED


def test_an_inn_after_another_name_with_no_recipients_name_read_is_left_as_it_was() -> None:
    lines = ["Счет на оплату № 4954 от 20.09.2026", "ПАО «Фермерская Лавка», ИНН 4774651948, КПП 477401001"]
    details, _ = resolve(extract_candidates(lines), classify(lines), None)
    assert details.recipient_inn == "4774651948"


DENTAL_BILL = [
    "Стоматологическая клиника ООО «Жемчуг»",
    "СЧЕТ № 7422",
    "от 15 апреля 2026 г.",
    "Заказчик: Павлов Сергей Николаевич",
    "Пациент: Морозов Андрей Юрьевич, 2009 г.р.",
    "Итого к оплате: 13 150,00 руб.",
    "Получатель ООО «Жемчуг»",
    "ИНН / КПП 3828906350 / 382801001",
    "Следующий приём: 29.04.2026 в 9:00",
]
"""A dental clinic's bill (bench/layouts r17 dental-clinic-bill, r17_invoice_07_clean): under its requisites the
next visit, «Следующий приём: 29.04.2026 в 9:00», a date with no «Дата» before it; both readers read it alike and
so outvoted the bill's own date, which they read apart (13 and 15 April)."""


def test_the_next_visits_date_is_no_payments_date() -> None:
    candidates = extract_candidates(DENTAL_BILL, Source.INDRA)
    assert "2026-04-29" not in {c.value for c in candidates if c.field == "payment_date"}


def test_a_reception_with_no_patients_on_the_page_keeps_its_date() -> None:
    lines = ["Квитанция", "Принят: 29.04.2026 в 9:00", "Сумма: 500,00 руб."]
    candidates = extract_candidates(lines, Source.OCR)
    assert "2026-04-29" in {c.value for c in candidates if c.field == "payment_date"}


def test_the_personal_account_beside_the_payers_name_is_no_part_of_it() -> None:
    """A housing cooperative's quittance in a night photo (bench/layouts r17 housing-coop-quittance,
    r17_invoice_05_hard): the payer's row goes on into the personal account's cell, specks after it."""
    line = "| | | | Плательщик, Васильев Павел Олегович Лицевой счёт. 14644890 : ‘ ‘ oe ma a"
    payers = [c.value for c in extract_candidates([line]) if c.field == "payer_name"]
    assert payers == ["Васильев Павел Олегович"]


def test_the_recipients_own_row_stays_its_own_where_no_company_was_read_for_its_name() -> None:
    """A scanned 1C bill (the real set's sidio_examples_2.pdf): the recipient's name was read as its address, so no
    company's name tells its row from the buyer's."""
    lines = [
        "Получатель: 344019, Ростовская обл, Ростов-На-Дону г, Мясникова ул, дом № 54",
        'Общество с ограниченной ответственностью "ДИАЛОГ-ТЕЛЕКОМ", ИНН 6161055139,',
    ]
    candidates = extract_candidates(lines)
    assert "6161055139" in {c.value for c in candidates if c.field == "recipient_inn"}
