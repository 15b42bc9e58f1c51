"""Check digits of Russian payment identifiers, and repair of a single OCR confusion that they expose.

A misread digit in an ИНН, account or ОГРН almost always breaks its checksum, so these functions turn a
reading into a verified value. Facts and worked examples: shared/notes/payment-details.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_ACCOUNT_WEIGHTS = ((7, 1, 3) * 8)[:23]  # 3-digit prefix + 20-digit account (Bank of Russia order 515)
_ACCOUNT_KEY_INDEX = 8  # the control key is account digit 9

_KPP = re.compile(r"[0-9]{4}[0-9A-Z]{2}[0-9]{3}")

_CONFUSION_CLASSES = (
    "358",
    "0OОoоDQ",
    "1lIi|!",
    "6бbG",
    "5Ss",
    "2Zz",
    "4ЧA",
    "7TТ",
    "9gq",
    "8BВ",
    "3Зз",
)
"""Characters Tesseract mixes up; each class holds at least one digit that the others may really be."""


def _alternatives(classes: Iterable[str]) -> dict[str, str]:
    """Map each confusable character to the digits it may stand for (never itself)."""
    table: dict[str, str] = {}
    for members in classes:
        for ch in members:
            known = table.setdefault(ch, "")
            table[ch] += "".join(d for d in members if d.isdigit() and d != ch and d not in known)
    return table


_DIGIT_ALTERNATIVES = _alternatives(_CONFUSION_CLASSES)


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
    """10-digit (organisation) or 12-digit (individual) ИНН whose check digits match."""
    if not _is_digits(value, 10, 12):
        return False
    body = value[:9] if len(value) == 10 else value[:10]
    return value[len(body) :] == inn_check_digits(body)


def kpp_valid(value: str) -> bool:
    """КПП has no checksum: only its shape (tax office, reason code, serial) can be checked."""
    return _KPP.fullmatch(value) is not None


def bik_valid(value: str) -> bool:
    """9 digits starting with 04, the Bank of Russia code of a Russian bank."""
    return _is_digits(value, 9) and value.startswith("04")


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
    """Р/с: 20 digits whose control key matches the bank's BIK (prefix = BIK digits 7–9)."""
    return bik_valid(bik) and _account_key_valid(account, bik[6:9])


def corr_account_valid(account: str, bik: str) -> bool:
    """К/с: 30101…, ends with the BIK's last three digits, key with prefix ``"0"`` + BIK digits 5–6."""
    return (
        bik_valid(bik)
        and account.startswith("30101")
        and account.endswith(bik[6:9])
        and _account_key_valid(account, "0" + bik[4:6])
    )


def corr_account_shape_valid(account: str) -> bool:
    """К/с with no BIK to check its key against: 20 digits starting 30101, the Bank of Russia's balance account."""
    return _is_digits(account, 20) and account.startswith("30101")


def settlement_account_valid_for_code(account: str, code: str) -> bool:
    """Р/с against the BIK's last three digits alone, all its key needs; a к/с ends with the same three."""
    return _is_digits(code, 3) and _account_key_valid(account, code)


def ogrn_valid(value: str) -> bool:
    """13-digit ОГРН (first 12 mod 11) or 15-digit ОГРНИП (first 14 mod 13); the last digit is that mod 10."""
    if not _is_digits(value, 13, 15):
        return False
    modulus = 11 if len(value) == 13 else 13
    return int(value[:-1]) % modulus % 10 == int(value[-1])


def _single_substitutions(value: str) -> Iterable[str]:
    """Every digit-only string one confusion away from ``value``.

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


def repair_single_confusion(value: str, is_valid: Callable[[str], bool]) -> str | None:
    """The one digit string one OCR-confusable character away from ``value`` that passes ``is_valid``.

    ``value`` itself is returned when it is already valid. ``None`` when no repair validates, or when several
    do: a guess between two valid identifiers is worse than asking a person.
    """
    if is_valid(value):
        return value
    repairs = {candidate for candidate in _single_substitutions(value) if is_valid(candidate)}
    return repairs.pop() if len(repairs) == 1 else None
