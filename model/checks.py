"""Rules that confirm or refute Russian payment identifiers, and the one repair they allow.

A misread digit in an ИНН or an account almost always breaks its check digits, so these rules can verify a reading.
Only a rule that could have failed verifies: a shape (a КПП's, a ФН's) merely refutes. Facts and worked examples:
shared/notes/payment-details.md, shared/notes/real-documents.md; the contract: docs/architecture.md ("Trust").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_ACCOUNT_WEIGHTS = ((7, 1, 3) * 8)[:23]  # 3-digit prefix + 20-digit account (Bank of Russia order 515)
_ACCOUNT_KEY_INDEX = 8  # the control key is account digit 9

_KPP = re.compile(r"[0-9]{4}[0-9A-Z]{2}[0-9]{3}")


@dataclass(frozen=True, slots=True)
class Rule:
    """A named test of one field's value.

    ``verifies`` says whether passing it confirms the value (check digits, an account key: a misread fails them)
    or only that the value is well formed (a КПП's or a ФН's shape: a misread digit passes it too).
    """

    name: str
    test: Callable[[str], bool]
    verifies: bool
    passed: str
    """What passing proved, for a person to read."""
    failed: str
    repairs: bool = True
    """Whether a reading that fails may be repaired to pass: not to fit a shape that a QR alone can correct."""


_LETTER_CONFUSIONS = (
    "0OОoоDQ(",
    "1lIi|!",
    "6бbG(",
    "5Ss",
    "2Zz",
    "4ЧA",
    "7TТ",
    "9gq(",
    "8BВ(",
    "3Зз",
)
"""Letters OCR reads where a digit was printed; each class holds the digit they may really be. An open bracket is
the left half of a round digit (0, 6, 8, 9) that the paper's edge cut (``model.values.read_inn``)."""

_DIGITS = "0123456789"
_ANY_OTHER_DIGIT = {digit: _DIGITS.replace(digit, "") for digit in _DIGITS}
"""A printed digit may be read as any other: blur, a fold or a low resolution confuse more pairs than any table
lists. A repair must be the only passing string over all of them at every position, so that a digit misread
whatever way can only be repaired to the truth: with a table of the likely pairs (3/5/8), a 12-digit ИНН whose
9 was read as 1 was "repaired" by changing a digit that was right."""


def _alternatives(classes: Iterable[str]) -> dict[str, str]:
    """Map each confusable character to the digits it may stand for (never itself)."""
    table: dict[str, str] = {}
    for members in classes:
        for ch in members:
            known = table.setdefault(ch, "")
            table[ch] += "".join(d for d in members if d.isdigit() and d != ch and d not in known)
    return table


_DIGIT_ALTERNATIVES = _alternatives(_LETTER_CONFUSIONS) | _ANY_OTHER_DIGIT


def _is_digits(value: str, *lengths: int) -> bool:
    """ASCII digits only (``str.isdigit`` also admits ``²`` and Arabic-Indic digits) of one of ``lengths``."""
    return len(value) in lengths and value.isascii() and value.isdigit()


def _weighted_mod11(value: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(value, weights, strict=True)) % 11 % 10


def inn_check_digits(first: str) -> str:
    """The check digit(s) that complete an ИНН: one after 9 digits (organisation), two after 10 (individual).

    Raises ``ValueError`` for anything but 9 or 10 ASCII digits.
    """
    if _is_digits(first, 9):
        return str(_weighted_mod11(first, _INN10_WEIGHTS))
    if _is_digits(first, 10):
        d11 = str(_weighted_mod11(first, _INN11_WEIGHTS))
        return d11 + str(_weighted_mod11(first + d11, _INN12_WEIGHTS))
    raise ValueError(f"an INN starts with 9 or 10 digits, got {first!r}")


def inn_valid(value: str) -> bool:
    """10-digit (organisation) or 12-digit (individual) ИНН whose check digits match and whose first two digits are
    a region (01-99): a template's «ИНН 0000000000» (or a marketplace's «ИНН продавца: 000000000000») passes the
    check digits, as zeros do, but no tax office issued it."""
    if not _is_digits(value, 10, 12) or value.startswith("00"):
        return False
    body = value[:9] if len(value) == 10 else value[:10]
    return value[len(body) :] == inn_check_digits(body)


def padded_inn_valid(value: str) -> bool:
    """An organisation's 10-digit ИНН as an ЭКЛЗ-era cash register (ККМ) prints it, padded to 12 digits with «00»
    («ИНН 002310031475»): the ten pass their check digits. A reading of it with a padding zero misread («90…»)
    fails both ИНН rules, and this is what a repair can make of it."""
    return _is_digits(value, 12) and value.startswith("00") and inn_valid(value[2:])


def kpp_valid(value: str) -> bool:
    """КПП has no checksum: only its shape (tax office, reason code, serial) can be checked; a template's zeros
    name no tax office."""
    return _KPP.fullmatch(value) is not None and not placeholder(value)


BIK_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("04",), "a bank's or a Bank of Russia division's (04…)"),
    (("00", "01", "02"), "a treasury office's (00–02…)"),
    (("10",), "a foreign bank's (10…)"),
    (("2",), "a Bank of Russia client's (2…)"),
)
"""How the БИКs the Bank of Russia issues start, by the kind of participant: its directory of 2026-04-17 (ED807)
lists 1,238 starting 04 (its divisions, banks and their branches, and some treasury offices), 71 starting 00-02 (all
treasury offices, PtType 51/52: УФК по г. Москве 004525988), 27 starting 10 (foreign banks, PtType 71) and 92
starting 20-29 (its clients that are no bank: ministries, electoral commissions, central banks; PtType 99 and 65).
Each kind is named as its БИК's owner is; README ("Budget payments") has the facts."""

_TREASURY_OFFICE_PREFIXES = BIK_KINDS[1][0]
_BANK_OF_RUSSIA_DIVISION_CODES = ("000", "001", "002")
"""A Bank of Russia division's БИК ends so (its РКЦ 000, its main branches 001, the others 002); a bank's from 050."""
TREASURY_SINGLE_ACCOUNT = "40102"
"""The единый казначейский счёт (ЕКС): a treasury office's account at a Bank of Russia division, which budget
payments name where a bank's к/с would stand."""
TREASURY_ACCOUNT_PREFIX = "03"
"""A казначейский счёт, the payee's account at a treasury office (03100 the budgets' revenue, 032xx the others)."""
ROUBLE_CODE = "810"
"""An account's digits 6–8 are its currency's code; a rouble account's is 810 (a казначейский счёт's 643, and it has no
key). All 30 keyed accounts of the real set's labels and all 283 of the layouts' carry 810."""


def placeholder(value: str) -> bool:
    """All zeros: what a blank template prints for an identifier («ИНН 0000000000», «Сч. № 0000…»), which no tax
    office or bank issues, though zeros pass check digits and account keys."""
    return bool(value) and set(value) == {"0"}


def bik_kind(value: str) -> str | None:
    """Which kind of participant a БИК's first digits say it is (``BIK_KINDS``); ``None`` when none starts so, and
    for a template's zeros."""
    if not _is_digits(value, 9) or placeholder(value):
        return None
    return next((kind for prefixes, kind in BIK_KINDS if value.startswith(prefixes)), None)


def bik_valid(value: str) -> bool:
    """9 digits starting as one kind of БИК the Bank of Russia issues does (``BIK_KINDS``): its shape only."""
    return bik_kind(value) is not None


def treasury_office_bik(bik: str) -> bool:
    """A БИК of the kind only treasury offices have (00-02); some still hold an older 04… БИК."""
    return _is_digits(bik, 9) and bik.startswith(_TREASURY_OFFICE_PREFIXES)


def account_key_prefix(account: str, bik: str) -> str | None:
    """The conditional number (условный номер) an account's control key is computed with, or ``None`` when no key
    rule applies (Bank of Russia order 515 of 1997, and the directory's accounts):

    - the ЕКС (40102…) is at a Bank of Russia division: ``"0"`` + the БИК's digits 5–6, which a treasury office's
      БИК shares with its division (all 92 ЕКС of the 2026-04-17 directory and 28 published tax requisites pass);
    - a казначейский счёт (03…) has no key: its digit 9 starts an ОКТМО or zeros (03224643 45000000 7300);
    - an account at a Bank of Russia division (БИК 04…000-002, a pre-2021 40101…): ``"0"`` + digits 5–6;
    - an account at a bank (БИК 04…050-999): the БИК's last three digits;
    - with any other БИК (a treasury office's other accounts, a foreign bank, a Bank of Russia client) no rule
      derives the number from the БИК (the directory's accounts of clients fail both), so ``None``.
    """
    if not (_is_digits(account, 20) and _is_digits(bik, 9)):
        return None
    if account.startswith(TREASURY_SINGLE_ACCOUNT):
        return "0" + bik[4:6] if bik.startswith(("04", *_TREASURY_OFFICE_PREFIXES)) else None
    if account.startswith(TREASURY_ACCOUNT_PREFIX) or not bik.startswith("04"):
        return None
    return "0" + bik[4:6] if bik[6:9] in _BANK_OF_RUSSIA_DIVISION_CODES else bik[6:9]


def _account_sum(account: str, prefix: str) -> int:
    return sum(int(d) * w for d, w in zip(prefix + account, _ACCOUNT_WEIGHTS, strict=True))


def account_control_key(account: str, prefix: str) -> int:
    """The control key (account digit 9) that makes ``prefix + account`` valid; the digit there is ignored.

    ``prefix`` is the BIK's digits 7–9 for a client account, ``"0"`` + digits 5–6 for a correspondent account.
    Raises ``ValueError`` unless ``account`` has 20 digits and ``prefix`` 3.
    """
    if not (_is_digits(account, 20) and _is_digits(prefix, 3)):
        raise ValueError(f"need a 20-digit account and a 3-digit prefix, got {account!r} and {prefix!r}")
    zeroed = account[:_ACCOUNT_KEY_INDEX] + "0" + account[_ACCOUNT_KEY_INDEX + 1 :]
    products = (int(d) * w % 10 for d, w in zip(prefix + zeroed, _ACCOUNT_WEIGHTS, strict=True))
    return sum(products) % 10 * 3 % 10


def _account_key_valid(account: str, prefix: str) -> bool:
    return _is_digits(account, 20) and _account_sum(account, prefix) % 10 == 0


def settlement_account_valid(account: str, bik: str) -> bool:
    """Р/с: 20 digits whose control key matches the БИК's conditional number (``account_key_prefix``); ``False``
    also when no key rule applies, so ask ``account_key_prefix`` first to tell the two apart."""
    prefix = account_key_prefix(account, bik)
    return prefix is not None and _account_key_valid(account, prefix)


def _in_roubles(account: str) -> bool:
    """Digits 6–8 of a bank's к/с or a treasury office's ЕКС, its currency's code, are the rouble's: so are all 966
    к/с and 92 ЕКС of the 2026-04-17 directory."""
    return account[5:8] == ROUBLE_CODE


_CORR_ACCOUNT_PREFIX = "301"
"""A bank's correspondent account at the Bank of Russia: 30101 for banks, 30103/30105/30111/30124/30127 for some
non-bank credit organisations and others (the 2026-04-17 directory's 966 active ones all start 301)."""


def corr_account_valid(account: str, bik: str) -> bool:
    """К/с: 301…810…, ends with the BIK's last three digits, key with prefix ``"0"`` + BIK digits 5–6; or, for a
    treasury office, its ЕКС (40102810…), whose key has the same prefix. Only a bank's БИК (04…) has a к/с. The
    currency code is a rule of its own beside the key: a key passes one misreading of several digits in ten."""
    if account.startswith(TREASURY_SINGLE_ACCOUNT):
        return treasury_single_account_valid(account, bik)
    return (
        _in_roubles(account)
        and bik.startswith("04")
        and bik_valid(bik)
        and account.startswith(_CORR_ACCOUNT_PREFIX)
        and account.endswith(bik[6:9])
        and _account_key_valid(account, "0" + bik[4:6])
    )


def treasury_single_account_valid(account: str, bik: str) -> bool:
    """The ЕКС (40102810…) whose key matches the Bank of Russia division that a treasury office's БИК names."""
    return (
        account.startswith(TREASURY_SINGLE_ACCOUNT) and _in_roubles(account) and settlement_account_valid(account, bik)
    )


def corr_account_shape_valid(account: str) -> bool:
    """К/с with no BIK to check its key against: 20 digits starting 301 (a bank's) or 40102 (a treasury office's
    ЕКС), the Bank of Russia's balance accounts a bank's field may hold."""
    return (
        _is_digits(account, 20)
        and account.startswith((_CORR_ACCOUNT_PREFIX, TREASURY_SINGLE_ACCOUNT))
        and _in_roubles(account)
    )


def account_shape_valid(account: str) -> bool:
    """An account number's shape: 20 digits, whatever it is."""
    return _is_digits(account, 20)


def treasury_account_valid(account: str) -> bool:
    """A казначейский счёт: 20 digits starting 03. Its shape only: it carries no control key."""
    return _is_digits(account, 20) and account.startswith(TREASURY_ACCOUNT_PREFIX)


def settlement_account_valid_for_code(account: str, code: str) -> bool:
    """Р/с against the BIK's last three digits alone, all its key needs; a к/с ends with the same three. A
    казначейский счёт or a ЕКС has no key with a bank's code."""
    keyed = not account.startswith((TREASURY_ACCOUNT_PREFIX, TREASURY_SINGLE_ACCOUNT))
    return keyed and _is_digits(code, 3) and _account_key_valid(account, code)


def latest_payment_date() -> date:
    """The latest day a payment can have been made on: tomorrow, a day of slack for time zones. A later date on a
    page is another event's (a due date, a meter's next verification)."""
    return date.today() + timedelta(days=1)


def ogrn_valid(value: str) -> bool:
    """13-digit ОГРН (first 12 mod 11) or 15-digit ОГРНИП (first 14 mod 13); the last digit is that mod 10."""
    if not _is_digits(value, 13, 15):
        return False
    modulus = 11 if len(value) == 13 else 13
    return int(value[:-1]) % modulus % 10 == int(value[-1])


def _single_substitutions(value: str) -> Iterable[str]:
    """Every digit-only string one misread character away from ``value``, at every position.

    Only a position holding a non-digit can change when there is one; with two non-digits no single repair
    yields digits, so there is nothing to try.
    """
    non_digits = [i for i, ch in enumerate(value) if not ("0" <= ch <= "9")]
    if len(non_digits) > 1:
        return
    positions = non_digits or range(len(value))
    for i in positions:
        for digit in _DIGIT_ALTERNATIVES.get(value[i], ""):
            yield value[:i] + digit + value[i + 1 :]


CUT_GLYPH = "("
"""What OCR reads of a round digit (0, 6, 8, 9) that the paper's edge cut in half: its left half."""


def cut_by_the_edge(value: str) -> bool:
    """Digits read up to the paper's edge, the last one cut (``CUT_GLYPH``): ``passing_repairs`` completes it."""
    return len(value) > 1 and value[:-1].isdigit() and value.endswith(CUT_GLYPH)


def passing_repairs(value: str, is_valid: Callable[[str], bool]) -> set[str]:
    """Every string one OCR confusion away from ``value`` (any position, any confusion) that passes ``is_valid``."""
    return {candidate for candidate in _single_substitutions(value) if is_valid(candidate)}


def repair_single_confusion(value: str, is_valid: Callable[[str], bool]) -> str | None:
    """The one string one OCR confusion away from ``value`` that passes ``is_valid``.

    ``value`` itself is returned when it is already valid. ``None`` when no repair validates, or when several
    do: a guess between two valid identifiers is worse than asking a person.
    """
    if is_valid(value):
        return value
    repairs = passing_repairs(value, is_valid)
    return repairs.pop() if len(repairs) == 1 else None


def kpp_tax_office_matches_inn(kpp: str, inn: str) -> bool:
    """An organisation's КПП starts with the code of the tax office where it is registered, and its 10-digit ИНН
    with the office that issued it: the same unless it moved or is a large taxpayer (then this fails, and says
    nothing against the КПП)."""
    return kpp_valid(kpp) and _is_digits(inn, 10) and kpp[:4] == inn[:4]


FISCAL_DRIVE_PREFIXES = ("87", "92", "99", "72", "73")
"""How fiscal drives' serial numbers start: the code of the drive's model family (8710… ФН-1; 9251…, 928x… ФН-1.1;
996x… ФН-1.1М; 728x…, 738x… ФН-1.2). A 16-digit number starting otherwise is no drive's, however well it reads."""

_UINT32_MAX = 2**32 - 1


def fiscal_drive_number_valid(value: str) -> bool:
    """A ФН: 16 digits with a known drive prefix. Its shape only: a misread digit after the prefix passes."""
    return _is_digits(value, 16) and value.startswith(FISCAL_DRIVE_PREFIXES)


FISCAL_SIGN_LEAST = 10**5
"""A ФП is a keyed hash spread over 0 … 2³²−1: one below 10⁵ is one receipt in 40 000, while a short number read under
a blurred «ФП» or under an ЭКЛЗ-era receipt's «ФП» mark (a fiscal mode's sign, no number) is common."""


def fiscal_sign_plausible(value: str) -> bool:
    """A ФП as OCR may give it: a fiscal number (``fiscal_number_valid``) of at least six significant digits."""
    return fiscal_number_valid(value) and int(value) >= FISCAL_SIGN_LEAST


def fiscal_number_valid(value: str) -> bool:
    """A ФД or ФП: an unsigned 32-bit number, at most 10 digits (receipts print leading zeros, QR codes drop them)."""
    return _is_digits(value, *range(1, 11)) and int(value) <= _UINT32_MAX
