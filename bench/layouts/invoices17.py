"""The seventeenth round's bills: a freight carrier's 1C bill whose «Итого к оплате» adds a contract penalty for a
late earlier bill to the VAT-bearing services, a dental clinic's bill under a contract for a child's treatment
with its services' codes and the next visit's day, a housing cooperative's (ЖСК) two-part quittance «Извещение» and
«Квитанция» with its charges' table and GOST QR."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bench.layouts.canvas import (
    EIGHTH_PAGE_FACES,
    GREY,
    PAGE_FACES,
    SEVENTH_PAGE_FACES,
    SIXTH_PAGE_FACES,
    SecondPage,
    pick_face,
)
from bench.layouts.drawn import Drawn, invoice_details
from bench.layouts.requisites import (
    MONTHS_GENITIVE,
    MONTHS_NOMINATIVE,
    Bank,
    Party,
    account,
    address,
    bank,
    bank_printed,
    date_text,
    digits,
    grouped,
    in_words,
    organisation,
    past_day,
    person,
    rng_word,
    vat_part,
)


def _kopecks(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _bank_grid(page: SecondPage, payee: Party, chosen: Bank, acc: str, *, printed: str, size: int) -> None:
    """The payment order's grid at the top of a 1C bill: the bank, its БИК and к/с, the payee's ИНН, КПП, account."""
    page.grid(
        [
            [f"{printed}\n\nБанк получателя", "БИК\nСч. №", f"{chosen.bic}\n{chosen.corr_account}"],
            [f"ИНН {payee.inn}    КПП {payee.kpp or ''}\n{payee.name}\n\nПолучатель", "Сч. №", acc],
        ],
        [0.56, 0.1, 0.34],
        size,
    )


_CITIES = ("Москва", "Казань", "Нижний Новгород", "Екатеринбург", "Самара", "Тверь", "Воронеж", "Ярославль")
_TRUCKS = ("тент 20 т, 82 м³", "рефрижератор 10 т", "Газель 1,5 т", "изотерм 5 т", "тент 10 т, 36 м³")


def freight_penalty_bill(rng: random.Random) -> Drawn:
    """A freight carrier's 1C «Счёт на оплату»: the bank grid, «Поставщик (Исполнитель)», «Покупатель
    (Заказчик)», «Основание: Договор-заявка», the trips by route with the truck, loading and idle hours, «Итого»
    and «В том числе НДС», then a penalty line for an earlier bill paid late (0.1 % a day, no VAT) and «Итого к
    оплате» (the services and the penalty: the sum due), the words of it, the carrier's director and accountant."""
    when = past_day(rng)
    base = organisation(rng, sole_trader=False)
    carrier = Party(f"ООО «ТК {rng_word(rng)}»", base.inn, base.kpp, base.address)
    client = organisation(rng, sole_trader=False)
    chosen = bank(rng)
    acc = account(rng, chosen.bic)
    printed = bank_printed(rng, chosen)
    rows = [["№", "Товары (работы, услуги)", "Кол-во", "Ед.", "Цена", "Сумма"]]
    services = Decimal(0)
    for n in range(1, rng.randint(2, 4) + 1):
        origin, target = rng.sample(_CITIES, 2)
        trip_day = when - timedelta(days=rng.randint(2, 20))
        price = Decimal(rng.randrange(18000, 160000, 500))
        rows.append(
            [
                str(n),
                f"Перевозка груза по маршруту {origin} — {target} ({rng.choice(_TRUCKS)}), {trip_day:%d.%m.%Y}",
                "1",
                "рейс",
                grouped(price),
                grouped(price),
            ]
        )
        services += price
    if rng.random() < 0.6:
        hours = rng.randint(2, 9)
        rate = Decimal(rng.choice([600, 800, 1000]))
        rows.append(
            [
                str(len(rows)),
                "Простой автомобиля сверх нормативного времени",
                str(hours),
                "ч",
                grouped(rate),
                grouped(rate * hours),
            ]
        )
        services += rate * hours
    late_bill, late_sum = rng.randint(10, 900), Decimal(rng.randrange(20000, 200000, 100))
    days = rng.randint(5, 40)
    penalty = _kopecks(late_sum * days / 1000)
    due = services + penalty
    page = SecondPage(1240, pick_face(rng, rng.choice([PAGE_FACES, SEVENTH_PAGE_FACES])), 19, margin=60)
    page.line("Внимание! Оплата данного счета означает согласие с условиями перевозки груза.", 15, colour=GREY)
    page.gap(6)
    _bank_grid(page, carrier, chosen, acc, printed=printed, size=18)
    page.gap(20)
    page.line(f"Счет на оплату № {rng.randint(100, 5000)} от {date_text(rng, when)}", 28, bold=True)
    page.rule(thickness=3)
    page.labelled(
        "Поставщик\n(Исполнитель):",
        f"{carrier.name}, ИНН {carrier.inn}, КПП {carrier.kpp}, {carrier.address}",
        0.2,
    )
    page.labelled(
        "Покупатель\n(Заказчик):", f"{client.name}, ИНН {client.inn}, КПП {client.kpp}, {client.address}", 0.2
    )
    page.labelled(
        "Основание:", f"Договор-заявка № {rng.randint(1, 400)}/{when:%y} от {when - timedelta(days=25):%d.%m.%Y}", 0.2
    )
    page.gap(8)
    page.grid(rows, [0.05, 0.5, 0.08, 0.07, 0.15, 0.15], 17, bold_first=True)
    page.gap(4)
    page.grid(
        [
            [
                str(len(rows)),
                f"Пени по п. 5.3 договора за просрочку оплаты счета № {late_bill} "
                f"({grouped(late_sum)} руб. × 0,1% × {days} дн.), НДС не облагается",
                "1",
                "шт",
                grouped(penalty),
                grouped(penalty),
            ]
        ],
        [0.05, 0.5, 0.08, 0.07, 0.15, 0.15],
        17,
    )
    page.gap(6)
    page.pair("", f"Итого: {grouped(services)}", bold=True)
    page.pair("", f"В том числе НДС (20%): {grouped(vat_part(services, 20))}")
    page.pair("", f"Пени (без НДС): {grouped(penalty)}")
    page.pair("", f"Итого к оплате: {grouped(due)}", 22, bold=True)
    page.line(f"Всего наименований {len(rows)}, на сумму {grouped(due)} руб.")
    page.line(in_words(due), bold=True)
    page.gap(30)
    page.rule(thickness=1)
    page.pair(f"Руководитель ________ {person(rng).initials}", f"Бухгалтер ________ {person(rng).initials}")
    truth = invoice_details(due, when, carrier, acc, chosen, payer=client.name, bank_name=printed)
    return Drawn(page.finish(), "freight-penalty-bill", truth)


_CLINICS = ("Улыбка", "Дентал Про", "Белый Зуб", "Стоматология на Садовой", "Дантист и Ко", "Жемчуг")
_DENTAL = (
    ("А01.07.001", "Сбор анамнеза и жалоб, осмотр", 500, 900),
    ("А06.07.010", "Радиовизиография (прицельный снимок)", 450, 800),
    ("А16.07.002.009", "Восстановление зуба пломбой из фотополимера", 3800, 7500),
    ("А16.07.008.002", "Пломбирование корневого канала зуба (1 канал)", 2200, 4200),
    ("А16.07.051", "Профессиональная гигиена полости рта", 3500, 6000),
    ("А11.07.026", "Анестезия аппликационная", 250, 500),
    ("А16.07.057", "Запечатывание фиссуры зуба герметиком", 1400, 2600),
)


def dental_clinic_bill(rng: random.Random) -> Drawn:
    """A dental clinic's bill under a contract for paid medical services: the clinic's licence, «Счёт №» with the
    day written in words, the parent as «Заказчик», the child as «Пациент», a table of services by their codes
    and teeth, «Итого к оплате», «НДС не облагается (пп. 2 п. 2 ст. 149 НК РФ)», the payee's requisites in a block
    below, the purpose, the next visit's day (a rival, later date)."""
    when = past_day(rng)
    base = organisation(rng, sole_trader=False)
    clinic = Party(f"ООО «{rng.choice(_CLINICS)}»", base.inn, base.kpp, base.address)
    chosen = bank(rng)
    acc = account(rng, chosen.bic)
    parent, child = person(rng), person(rng)
    number = rng.randint(100, 9000)
    rows = [["Код услуги", "Наименование", "Зуб", "Кол-во", "Цена, руб.", "Сумма, руб."]]
    total = Decimal(0)
    for code, name, low, high in rng.sample(_DENTAL, rng.randint(2, 5)):
        price = Decimal(rng.randrange(low, high, 50))
        count = rng.choice([1, 1, 2])
        tooth = f"{rng.choice([1, 2, 3, 4, 5, 6, 7, 8])}.{rng.randint(1, 5)}" if "Зуб" in name or "зуб" in name else "—"
        rows.append([code, name, tooth, str(count), grouped(price), grouped(price * count)])
        total += price * count
    patient = f"{child.surname} {child.first[0]}.{child.patronymic[0]}."
    purpose = f"Оплата по счету № {number} за лечение {patient} НДС не облагается"
    page = SecondPage(1240, pick_face(rng, rng.choice([SIXTH_PAGE_FACES, EIGHTH_PAGE_FACES])), 19, margin=64)
    page.line(f"Стоматологическая клиника {clinic.name}", 26, bold=True, colour=(0, 120, 150))
    page.line(
        f"{clinic.address}, тел. +7 (9{digits(rng, 2)}) {digits(rng, 3)}-{digits(rng, 2)}-{digits(rng, 2)}",
        16,
        colour=GREY,
    )
    licensed = date(rng.randint(2015, 2023), rng.randint(1, 12), rng.randint(1, 28))
    page.line(
        f"Лицензия № Л041-{digits(rng, 5)}-{digits(rng, 2)}/{digits(rng, 8)} от {licensed:%d.%m.%Y}", 16, colour=GREY
    )
    page.gap(16)
    page.line(f"СЧЁТ № {number}", 28, bold=True, align="center")
    page.line(f"от {when.day} {MONTHS_GENITIVE[when.month - 1]} {when.year} г.", 20, align="center")
    page.gap(10)
    signed = when - timedelta(days=rng.randint(10, 400))
    page.labelled(
        "Договор:", f"на оказание платных медицинских услуг № {rng.randint(1, 3000)}-П от {signed:%d.%m.%Y}", 0.2
    )
    page.labelled("Заказчик:", parent.full, 0.2)
    page.labelled("Пациент:", f"{child.full}, {rng.randint(2008, 2020)} г.р.", 0.2)
    page.labelled("Врач:", f"стоматолог-терапевт {person(rng).initials}", 0.2)
    page.gap(8)
    page.grid(rows, [0.16, 0.42, 0.07, 0.09, 0.13, 0.13], 17, bold_first=True)
    page.gap(8)
    page.pair("Итого к оплате:", f"{grouped(total)} руб.", 24, bold=True)
    page.line(f"({in_words(total)})")
    page.line("НДС не облагается (пп. 2 п. 2 ст. 149 НК РФ)", 17)
    page.gap(12)
    page.line("Реквизиты для оплаты:", bold=True)
    for caption, text in (
        ("Получатель", clinic.name),
        ("ИНН / КПП", f"{clinic.inn} / {clinic.kpp}"),
        ("Расчётный счёт", acc),
        ("Банк", chosen.name),
        ("БИК", chosen.bic),
        ("Корр. счёт", chosen.corr_account),
        ("Назначение платежа", purpose),
    ):
        page.labelled(caption, text, 0.26, 18)
    page.gap(12)
    follow = when + timedelta(days=rng.randint(7, 30))
    page.line(f"Следующий приём: {follow:%d.%m.%Y} в {rng.randint(9, 19)}:{rng.choice(['00', '30'])}", 18)
    page.line("Справку для налогового вычета можно получить у администратора.", 16, colour=GREY)
    page.gap(20)
    page.pair(f"Главный врач ________ {person(rng).initials}", f"Администратор ________ {person(rng).initials}", 18)
    truth = invoice_details(total, when, clinic, acc, chosen, payer=parent.full, purpose=purpose)
    return Drawn(page.finish(), "dental-clinic-bill", truth)


_CHARGES = (
    ("Содержание и ремонт жилого помещения", "м²", "28.40", "41.90"),
    ("Взнос на капитальный ремонт", "м²", "9.80", "15.40"),
    ("Отопление", "Гкал", "2280.00", "3120.00"),
    ("Холодное водоснабжение", "м³", "38.50", "56.20"),
    ("Водоотведение", "м³", "31.20", "44.70"),
    ("Обращение с ТКО", "чел", "98.00", "165.00"),
    ("Членский взнос", "кв", "300.00", "500.00"),
)


def _coop_rows(rng: random.Random, area: Decimal) -> tuple[list[list[str]], Decimal]:
    """The quittance's table of a month's charges (tariff, volume, recalculation) and their sum."""
    rows = [["Вид платежа", "Ед.", "Объём", "Тариф", "Начислено", "Перерасчёт", "Итого"]]
    charged = Decimal(0)
    for name, unit, low, high in rng.sample(_CHARGES, rng.randint(4, 6)):
        tariff = Decimal(low) + _kopecks((Decimal(high) - Decimal(low)) * Decimal(rng.random()))
        volume = {
            "м²": area,
            "Гкал": Decimal(rng.randint(400, 2600)) / 1000,
            "м³": Decimal(rng.randint(20, 150)) / 10,
            "чел": Decimal(rng.randint(1, 4)),
            "кв": Decimal(1),
        }[unit]
        accrued = _kopecks(tariff * volume)
        fix = -_kopecks(accrued * Decimal("0.1")) if rng.random() < 0.15 else Decimal(0)
        rows.append(
            [
                name,
                unit,
                str(volume).replace(".", ","),
                grouped(tariff),
                grouped(accrued),
                grouped(fix),
                grouped(accrued + fix),
            ]
        )
        charged += accrued + fix
    return rows, charged


def housing_coop_quittance(rng: random.Random) -> Drawn:
    """A housing cooperative's (ЖСК) quittance in two parts, «ИЗВЕЩЕНИЕ» over «КВИТАНЦИЯ», each with «Кассир» in
    its left column: the ЖСК's requisites, the flat, the personal account and the month; the charges with their
    tariffs, volumes and recalculations in the lower part, the debt and «Итого к оплате», the GOST QR beside the
    upper part that carries the same sum and purpose."""
    when = past_day(rng)
    base = organisation(rng, sole_trader=False)
    coop = Party(f"ЖСК «{rng_word(rng)}-{rng.randint(1, 40)}»", base.inn, base.kpp, base.address)
    chosen = bank(rng)
    acc = account(rng, chosen.bic, "40703")
    payer = person(rng)
    personal = digits(rng, rng.choice([6, 8]))
    month = MONTHS_NOMINATIVE[(when.month - 2) % 12]
    area = Decimal(rng.randint(300, 980)) / 10
    rows, charged = _coop_rows(rng, area)
    debt = Decimal(rng.choice([0, 0, rng.randint(10000, 900000)])) / 100
    total = charged + debt
    purpose = f"Оплата ЖКУ за {month.lower()} {when.year if when.month > 1 else when.year - 1} г., л/с {personal}"
    gost = (
        f"ST00012|Name={coop.name}|PersonalAcc={acc}|BankName={chosen.name}|BIC={chosen.bic}"
        f"|CorrespAcc={chosen.corr_account}|PayeeINN={coop.inn}|KPP={coop.kpp}|Sum={int(total * 100)}"
        f"|Purpose={purpose}|PersAcc={personal}|LastName={payer.surname}"
    )
    flat = address(rng).split(", оф.")[0] + f", кв. {rng.randint(1, 180)}"
    page = SecondPage(1400, pick_face(rng, rng.choice([PAGE_FACES, SIXTH_PAGE_FACES])), 18, margin=40)
    left = 0.17
    for part in ("ИЗВЕЩЕНИЕ", "КВИТАНЦИЯ"):
        top = page.y
        page.labelled(part, f"Получатель: {coop.name}   ИНН {coop.inn}   КПП {coop.kpp}", left, 19)
        page.labelled("", f"Р/с {acc} в {chosen.name}", left, 18)
        page.labelled("", f"БИК {chosen.bic}   К/с {chosen.corr_account}", left, 18)
        page.labelled("", f"Плательщик: {payer.full}   Лицевой счёт: {personal}", left, 18)
        page.labelled("", f"Адрес: {flat}   Площадь: {str(area).replace('.', ',')} м²", left, 18)
        page.labelled("", f"Назначение: {purpose}", left, 18)
        if part == "ИЗВЕЩЕНИЕ":
            page.labelled("", f"Период: {month} · Дата формирования: {when:%d.%m.%Y}", left, 18)
            page.gap(6)
            page.qr(gost, 230, align="right")
            page.labelled("Кассир", f"Сумма к оплате: {grouped(total)} руб.", left, 22)
        else:
            page.gap(6)
            room = 1 - left + 0.01
            widths = [fraction * room for fraction in (0.3, 0.06, 0.1, 0.12, 0.14, 0.14, 0.14)]
            page.grid([["", *row] for row in rows], [left - 0.01, *widths], 15, bold_first=True)
            page.gap(6)
            page.labelled("", f"Задолженность на начало периода: {grouped(debt)} руб.", left, 18)
            page.labelled("", f"Начислено за {month.lower()}: {grouped(charged)} руб.", left, 18)
            page.labelled("Кассир", f"ИТОГО К ОПЛАТЕ: {grouped(total)} руб.", left, 22)
        page.labelled("", "Подпись плательщика ____________   Дата ____________", left, 16)
        page.vertical_rule(page.margin + round((page.width - 2 * page.margin) * left) - 12, top, page.y)
        page.rule(dashed=True)
        page.gap(10)
    page.line(f"Правление {coop.name}: {coop.address}. Приём показаний счётчиков с 20 по 25 число.", 15, colour=GREY)
    truth = invoice_details(total, when, coop, acc, chosen, payer=payer.full, purpose=purpose)
    return Drawn(page.finish(), "housing-coop-quittance", truth)


TEMPLATES = (freight_penalty_bill, dental_clinic_bill, housing_coop_quittance)
