"""Parties, banks, numbers and their printed forms for the second synthetic set: all drawn from one ``Random``.

Identifiers carry valid check digits (``model.checks`` computes them); banks are real entries of the Bank of
Russia's directory that ships with the model (``model/data``), printed the ways documents print them.
"""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from model.bik_directory import DIRECTORY_PATH
from model.checks import account_control_key, inn_check_digits

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)
_WORDS = (
    "Северный Ветер",
    "ТехноСнаб",
    "Лесная Поляна",
    "Альфа-Строй",
    "Мир Посуды",
    "Вектор",
    "Гранит",
    "Сфера Плюс",
    "Светлый Дом",
    "Компас",
    "Орбита",
    "Уральские Окна",
    "Берёзка",
    "Кедр",
    "ПромЛайн",
    "Дельта Логистик",
    "Радуга",
    "Волна",
    "Меридиан",
    "Старт-Сервис",
    "Зелёный Квартал",
    "ЭкоМаркет",
    "Нева Трейд",
    "Байкал-Софт",
    "Полимер-М",
    "Созвездие",
    "Пекарня у Дома",
    "Фермерская Лавка",
)
_SURNAMES = (
    "Кузнецов",
    "Соколов",
    "Попов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Волков",
    "Соловьёв",
    "Васильев",
    "Зайцев",
    "Павлов",
)
_FIRST = (
    "Алексей",
    "Дмитрий",
    "Сергей",
    "Андрей",
    "Михаил",
    "Игорь",
    "Олег",
    "Николай",
    "Павел",
    "Роман",
    "Артём",
    "Евгений",
)
_PATRONYMICS = (
    "Иванович",
    "Петрович",
    "Сергеевич",
    "Андреевич",
    "Олегович",
    "Викторович",
    "Николаевич",
    "Юрьевич",
)
_STREETS = (
    "Ленина",
    "Мира",
    "Садовая",
    "Гагарина",
    "Школьная",
    "Заводская",
    "Победы",
    "Московская",
    "Набережная",
    "Строителей",
)
_CITIES = (
    "Москва",
    "Казань",
    "Екатеринбург",
    "Новосибирск",
    "Самара",
    "Тверь",
    "Пермь",
    "Воронеж",
    "Ярославль",
    "Томск",
)


@dataclass(frozen=True)
class Party:
    """A payee or payer: ``kpp`` is ``None`` for an individual entrepreneur (ИП) or a person."""

    name: str
    inn: str
    kpp: str | None
    address: str


@dataclass(frozen=True)
class Bank:
    bic: str
    name: str
    corr_account: str
    city: str


@dataclass(frozen=True)
class Person:
    surname: str
    first: str
    patronymic: str

    @property
    def full(self) -> str:
        return f"{self.surname} {self.first} {self.patronymic}"

    @property
    def initials(self) -> str:
        return f"{self.surname} {self.first[0]}. {self.patronymic[0]}."

    @property
    def app_form(self) -> str:
        """How a bank's app shows a person: «Алексей Иванович К.»."""
        return f"{self.first} {self.patronymic} {self.surname[0]}."


def person(rng: random.Random) -> Person:
    return Person(rng.choice(_SURNAMES), rng.choice(_FIRST), rng.choice(_PATRONYMICS))


def digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def inn_org(rng: random.Random) -> str:
    first = f"{rng.randint(1, 89):02d}" + digits(rng, 7)
    return first + inn_check_digits(first)


def inn_person(rng: random.Random) -> str:
    first = f"{rng.randint(1, 89):02d}" + digits(rng, 8)
    return first + inn_check_digits(first)


def address(rng: random.Random) -> str:
    return (
        f"{rng.randint(101000, 692999)}, г. {rng.choice(_CITIES)}, ул. {rng.choice(_STREETS)}, "
        f"д. {rng.randint(1, 120)}{rng.choice(['', ', оф. ' + str(rng.randint(2, 400))])}"
    )


def rng_word(rng: random.Random) -> str:
    return rng.choice(_WORDS)


def organisation(rng: random.Random, sole_trader: bool | None = None) -> Party:
    """An ООО/АО (10-digit ИНН and a КПП of its tax office) or, when ``sole_trader``, an ИП (12 digits, no КПП)."""
    if sole_trader is None:
        sole_trader = rng.random() < 0.3
    if sole_trader:
        return Party(f"ИП {person(rng).full}", inn_person(rng), None, address(rng))
    form = rng.choice(["ООО", "ООО", "ООО", "АО", "ПАО"])
    quotes = rng.choice(["«»", '""'])
    name = f"{form} {quotes[0]}{rng.choice(_WORDS)}{quotes[1]}"
    inn = inn_org(rng)
    kpp = inn[:4] + rng.choice(["01", "01", "43"]) + "001"
    return Party(name, inn, kpp, address(rng))


def management_company(rng: random.Random) -> Party:
    """A housing management company (УК) that bills the flats it serves: an ООО's requisites under the name
    «ООО «УК …»», as its ПД-4 and the payments made from it print the payee."""
    company = organisation(rng, sole_trader=False)
    return Party(f"ООО «УК {rng_word(rng)}»", company.inn, company.kpp, company.address)


@cache
def _directory_banks() -> tuple[Bank, ...]:
    """The directory's banks (a commercial bank's БИК ends 050-999) that have a к/с."""
    with gzip.open(DIRECTORY_PATH, "rt", encoding="utf-8") as handle:
        entries = json.load(handle)["entries"]
    return tuple(
        Bank(entry[0], entry[1], entry[2], entry[4])
        for entry in entries
        if entry[0].startswith("04") and int(entry[0][6:]) >= 50 and entry[2]
    )


def bank(rng: random.Random) -> Bank:
    return rng.choice(_directory_banks())


def account(rng: random.Random, bic: str, prefix: str = "40702") -> str:
    """A settlement account at the bank ``bic`` with its control key."""
    draft = prefix + "810" + "0" + digits(rng, 11)
    key = account_control_key(draft, bic[6:9])
    return draft[:8] + str(key) + draft[9:]


def bank_printed(rng: random.Random, chosen: Bank) -> str:
    """The bank's name as a document prints it: the directory's form, or with its city."""
    return rng.choice([chosen.name, f"{chosen.name} г. {chosen.city}", f"{chosen.name}, г.{chosen.city}"])


def spaced(number: str, group: int = 4) -> str:
    """«4070 2810 …», how apps and some invoices print an account."""
    return " ".join(number[i : i + group] for i in range(0, len(number), group))


def amount(rng: random.Random, low: int = 50, high: int = 90000) -> Decimal:
    kopecks = rng.choice([0, 0, rng.randint(1, 99)])
    return Decimal(rng.randint(low, high)) + Decimal(kopecks) / 100


def grouped(value: Decimal, sep: str = " ", point: str = ",") -> str:
    whole, frac = f"{value:.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sep.join(groups) + point + frac


def money(rng: random.Random, value: Decimal, currency: bool = True) -> str:
    """One of the printed forms of a sum: «1 234,56 ₽», «1234.56 руб.», «1 234-56», «1234,56»."""
    form = rng.randrange(5)
    text = [
        grouped(value),
        grouped(value, sep="", point="."),
        grouped(value, point="-"),
        grouped(value, sep="\u00a0"),
        grouped(value, sep=""),
    ][form]
    if not currency:
        return text
    return text + rng.choice([" ₽", " руб.", " р.", " RUB", ""])


def vat_part(total: Decimal, rate: int) -> Decimal:
    """The VAT inside ``total`` at ``rate`` per cent, to the kopeck, as tills and invoices print «в т.ч. НДС»."""
    return (total * rate / (100 + rate)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def order_sum(total: Decimal) -> str:
    """The sum as a платёжное поручение's «Сумма» field prints it: «12345-67», or «12345=» for whole roubles."""
    whole, kopecks = f"{total:.2f}".split(".")
    return f"{whole}=" if kopecks == "00" else f"{whole}-{kopecks}"


def rub_kop(value: Decimal) -> str:
    """«1234 руб. 56 коп.»."""
    whole, frac = f"{value:.2f}".split(".")
    return f"{whole} руб. {frac} коп."


def date_text(rng: random.Random, when: date) -> str:
    form = rng.randrange(4)
    if form == 0:
        return when.strftime("%d.%m.%Y")
    if form == 1:
        return f"{when.day} {MONTHS_GENITIVE[when.month - 1]} {when.year} г."
    if form == 2:
        return when.isoformat()
    return f"«{when.day:02d}» {MONTHS_GENITIVE[when.month - 1]} {when.year} г."


def day(rng: random.Random) -> date:
    return date(2026, rng.randint(1, 12), rng.randint(1, 28))


def moment(rng: random.Random, when: date) -> datetime:
    return datetime.combine(when, time(rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59)))


_UNITS = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_UNITS_FEMININE = ("", "одна", "две", *_UNITS[3:])
_TEENS = (
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
)
_TENS = ("", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто")
_HUNDREDS = ("", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот")


def _plural(number: int, one: str, few: str, many: str) -> str:
    if number % 100 in range(11, 20):
        return many
    return {1: one, 2: few, 3: few, 4: few}.get(number % 10, many)


def _triple(number: int, feminine: bool) -> list[str]:
    words = [_HUNDREDS[number // 100]]
    rest = number % 100
    if 10 <= rest < 20:
        words.append(_TEENS[rest - 10])
    else:
        words += [_TENS[rest // 10], (_UNITS_FEMININE if feminine else _UNITS)[rest % 10]]
    return [word for word in words if word]


def in_words(value: Decimal) -> str:
    """«Одна тысяча двести тридцать четыре рубля 56 копеек», the sum in words of an invoice or a payment order."""
    roubles, kopecks = int(value), round((value - int(value)) * 100)
    words: list[str] = []
    if roubles >= 1000:
        thousands = roubles // 1000 % 1000
        words += [*_triple(thousands, feminine=True), _plural(thousands, "тысяча", "тысячи", "тысяч")]
    words += _triple(roubles % 1000, feminine=False) or (["ноль"] if roubles == 0 else [])
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    return (
        f"{text} {_plural(roubles, 'рубль', 'рубля', 'рублей')} {kopecks:02d} "
        f"{_plural(kopecks, 'копейка', 'копейки', 'копеек')}"
    )


def fiscal_drive(rng: random.Random) -> str:
    return rng.choice(["9282", "9287", "9960", "9961", "7280", "7281", "7380", "7381", "8710"]) + digits(rng, 12)


def fiscal_number(rng: random.Random, high: int) -> str:
    return str(rng.randint(1, high))


@dataclass(frozen=True)
class Treasury:
    """A treasury office (УФК) that receives budget payments: its БИК (00-02…) and the ЕКС (40102…) that stands
    in a к/с's place, from the directory."""

    bic: str
    name: str
    single_account: str
    city: str

    @property
    def bank_printed(self) -> str:
        """How budget requisites print the bank: the Bank of Russia's division, «//», the treasury office."""
        return f"ОТДЕЛЕНИЕ {self.city.upper()} БАНКА РОССИИ//{self.name} г. {self.city}"

    @property
    def as_bank(self) -> Bank:
        """The treasury in a payee's bank's place, as budget requisites print it: the division's name, the БИК, and
        the ЕКС where a bank's к/с would stand."""
        return Bank(self.bic, self.bank_printed, self.single_account, self.city)


@cache
def _treasuries() -> tuple[Treasury, ...]:
    with gzip.open(DIRECTORY_PATH, "rt", encoding="utf-8") as handle:
        entries = json.load(handle)["entries"]
    return tuple(
        Treasury(entry[0], entry[1], entry[6][0], entry[4])
        for entry in entries
        if entry[0].startswith(("00", "01", "02")) and entry[6] and entry[4]
    )


def treasury(rng: random.Random) -> Treasury:
    return rng.choice(_treasuries())


def oktmo(rng: random.Random) -> str:
    return f"{rng.randint(1, 99):02d}" + digits(rng, 3) + "000"


def treasury_account(rng: random.Random, municipal: bool = False) -> str:
    """A казначейский счёт: 03100 of federal revenue, or 03234 of a municipal institution's funds, then the rouble's
    643, a zero and (for the municipal) an ОКТМО; it carries no control key."""
    if municipal:
        return "03234643" + oktmo(rng) + "0000"
    return "031006430000000" + f"{rng.randint(10, 99)}" + "000"


def kbk(rng: random.Random, administrator: str) -> str:
    """A budget classification code (КБК): the administrator's three digits, then 17 more."""
    return administrator + "1" + rng.choice(["1601123010001140", "0801000010001110", "1302994040000130"])


def past_day(rng: random.Random) -> date:
    """A day of 2026 before December, when the second round was drawn: no payment dated in the future (which the
    extractor rightly calls invalid)."""
    return date(2026, rng.randint(1, 11), rng.randint(1, 28))
