"""The recipient's bank's fields against the Bank of Russia's БИК directory (``model/bik_directory.py``).

A rule of the trust contract (docs/architecture.md, "Trust"): the directory confirms a БИК read beside the к/с or
the bank's name it lists for it, since a misread БИК is another bank's or none; it never refutes (it is dated).
"""

from __future__ import annotations

import re

from model.bik_directory import BankEntry, BikDirectory, names_agree, names_another_bank, without_stray_marks
from model.checks import passing_repairs
from model.schema import Candidate, CheckStatus, FieldCheck, Source
from model.values import LOOKALIKE_LETTERS

_DIRECTORY_RULE = "bik_directory"
_DOUBTED = frozenset({CheckStatus.REPAIRED, CheckStatus.INVALID})


def _noted(check: FieldCheck, note: str) -> FieldCheck:
    return check.model_copy(update={"detail": f"{check.detail}; {note}" if check.detail else note})


def _confirmed(check: FieldCheck, detail: str) -> FieldCheck:
    """``verified`` by the directory; a value another rule already verified keeps that rule and gains the note."""
    if check.status == CheckStatus.VERIFIED:
        return _noted(check, detail)
    return check.model_copy(update={"status": CheckStatus.VERIFIED, "rule": _DIRECTORY_RULE, "detail": detail})


def check_bank_in_directory(
    bics: list[Candidate], values: dict[str, str | None], results: dict[str, FieldCheck], directory: BikDirectory
) -> None:
    """The БИК, к/с and bank name against the Bank of Russia's directory: a БИК read from the page (not repaired, not
    picked by its shape) that the directory lists with the к/с read, or with the bank's name read, is that bank's —
    a misread БИК is another bank's or none, whose к/с and name differ. Each value the directory repeats is then
    ``verified`` by it. The directory only confirms: a БИК missing from it (a bank opened since) or listed with
    another к/с or name keeps its status, and the detail says what the directory lists. A БИК whose bank the directory
    names otherwise than the recipient's bank read is some other bank's (``_not_the_recipients``), unless the page read
    it in the recipient's bank's own row (``Candidate.named_whose``): then the bank was renamed (Тинькофф Банк is
    АО "ТБанк" in it) or is printed otherwise, and ED807 lists no former names to tell."""
    bic, label = values["bank_bic"], directory.label
    if bic is None:
        return
    entry = directory.lookup(bic)
    if entry is None:
        if not _repaired_from_the_directory(values, results, directory) and not _repaired_by_the_name(
            values, results, directory
        ):
            results["bank_bic"] = _noted(results["bank_bic"], f"not in {label}")
        return
    if (name := values["bank_name"]) is not None and names_another_bank(name, entry) and not _account_fits(results):
        why = f"{label} names БИК {bic} {entry.name}, not «{name}», the recipient's bank read"
        if not any(c.value == bic and c.named_whose for c in bics):
            _not_the_recipients(results, why)
            return
        # read in the recipient's bank's own row: the page ties them, and the directory knows no former names
        results["bank_name"] = _noted(results["bank_name"], f"{why}: a bank renamed since, or another printing")
    read = results["bank_bic"].status not in _DOUBTED and any(c.value == bic and not c.by_shape for c in bics)
    corr, name = values["bank_corr_account"], values["bank_name"]
    corr_agrees = corr is not None and results["bank_corr_account"].status not in _DOUBTED
    corr_agrees = corr_agrees and corr is not None and entry.names_account(corr)
    name_agrees = name is not None and names_agree(name, entry)
    listed = f"{label} lists {bic} as {entry.name}" + _accounts(entry)
    if not read or not (corr_agrees or name_agrees):
        results["bank_bic"] = _noted(results["bank_bic"], _differences(listed, entry, corr, name))
        return
    agreeing = {(True, False): "the к/с read agrees", (False, True): "the bank name read agrees"}
    results["bank_bic"] = _confirmed(
        results["bank_bic"], f"{listed}; {agreeing.get((corr_agrees, name_agrees), 'the к/с and bank name read agree')}"
    )
    if corr_agrees:
        results["bank_corr_account"] = _confirmed(results["bank_corr_account"], f"{label} lists it for БИК {bic}")
    if name_agrees:
        results["bank_name"] = _confirmed(results["bank_name"], f"{label} names БИК {bic} {entry.name}")
    elif name is not None:
        results["bank_name"] = _noted(results["bank_name"], f"{label} names БИК {bic} {entry.name}")


def shown_without_stray_marks(
    values: dict[str, str | None], results: dict[str, FieldCheck], directory: BikDirectory
) -> None:
    """The bank's name, where the directory names the БИК read with its very letters, shown less the marks OCR
    added (``without_stray_marks``), the detail keeping what was read. Done last, once the roles have matched the
    value with its readings: the letters and the directory's confirmation stay, only specks go."""
    name, bic = values["bank_name"], values["bank_bic"]
    entry = directory.lookup(bic) if bic is not None else None
    if name is None or entry is None or not names_agree(name, entry):
        return
    if (shown := without_stray_marks(name, entry.name)) != name:
        values["bank_name"] = shown
        results["bank_name"] = _noted(results["bank_name"], f"shown without the marks OCR added (read «{name}»)")


_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")


def _spelled_as_listed(word: str, listed: dict[str, str]) -> str:
    """A word of a bank's name read with Latin look-alikes as the Cyrillic letters they draw, when that leaves no
    Latin letter («MBC» → «МВС»; «Tinkoff» is a word of Latin letters and stays), and, read in a case no page prints
    («МОСкВы»: neither capitals, small letters nor a capital first), in the directory's case when its name has the
    same word: a page's capitals («ПАО СБЕРБАНК») are as printed."""
    if _LATIN.search(word) and not _LATIN.search(folded := word.translate(LOOKALIKE_LETTERS)):
        word = folded
    if word.isupper() or word.islower() or word.istitle():
        return word
    return listed.get(word.casefold().replace("ё", "е"), word)


def shown_in_the_directorys_letters(
    values: dict[str, str | None], results: dict[str, FieldCheck], directory: BikDirectory
) -> None:
    """The bank's name, where the directory confirmed the БИК read and the name is that bank's misread (not
    ``names_another_bank``), shown with OCR's Latin look-alikes in Cyrillic and each word the directory's name has in
    the directory's case (``_spelled_as_listed``), where the directory spells the name in Cyrillic alone: the words
    stay the page's, as printed («ООО KE "MBC БАНК"» → «ООО КЕ "МВС БАНК"»), the detail keeps what was read."""
    name, bic = values["bank_name"], values["bank_bic"]
    entry = directory.lookup(bic) if bic is not None else None
    if name is None or entry is None or results["bank_bic"].status != CheckStatus.VERIFIED or _LATIN.search(entry.name):
        return
    if names_another_bank(name, entry):
        return
    listed = {word.casefold().replace("ё", "е"): word for word in _LETTERS.findall(entry.name)}
    shown = _LETTERS.sub(lambda word: _spelled_as_listed(word.group(), listed), name)
    if shown != name:
        values["bank_name"] = shown
        results["bank_name"] = _noted(results["bank_name"], f"shown in the directory's letters (read «{name}»)")


def shown_as_the_directory_confirms(
    values: dict[str, str | None], results: dict[str, FieldCheck], directory: BikDirectory
) -> None:
    """The bank's name shown less OCR's marks (``shown_without_stray_marks``) and in the directory's letters
    (``shown_in_the_directorys_letters``) where the directory confirms its bank."""
    shown_without_stray_marks(values, results, directory)
    shown_in_the_directorys_letters(values, results, directory)


_AS_PRINTED = frozenset({Source.QR, Source.PDF})
"""Sources that read a number's digits as the document holds them: nothing for a repair to undo."""


def _one_confusion_apart(read: str, listed: str) -> bool:
    return len(read) == len(listed) and sum(a != b for a, b in zip(read, listed, strict=True)) <= 1


def _listed_pairs(bic: str, corr: str, corr_fails: bool, directory: BikDirectory) -> list[tuple[BankEntry, str]]:
    """The directory's (БИК, account) pairs one OCR confusion from the БИК read (any position, any digit) whose
    listed к/с or ЕКС is the account read, or, where the account read fails with the БИК read, one confusion from it:
    an account that passes its key with the БИК read was read as printed."""
    pairs = []
    for other in sorted(passing_repairs(bic, lambda candidate: directory.lookup(candidate) is not None)):
        entry = directory.entries[other]
        for account in (entry.corr_account, *entry.treasury_accounts):
            if account == corr or (account is not None and corr_fails and _one_confusion_apart(corr, account)):
                pairs.append((entry, account))
    return pairs


def _repaired_from_the_directory(
    values: dict[str, str | None], results: dict[str, FieldCheck], directory: BikDirectory
) -> bool:
    """A БИК the directory does not list, read beside a к/с or ЕКС: repaired to the one pair the directory lists
    within one OCR confusion of both readings (``_listed_pairs``), when exactly one fits (a clean Госуслуги receipt's
    face reads 3 as 5: «БИК 017005983», «Единый казначейский счёт 40102810445570000059» for the УФК's 017003983 and
    40102810445370000059). ``repaired``, never ``verified``: the repair is the pair's only source. Whether one was
    made."""
    bic, corr = values["bank_bic"], values["bank_corr_account"]
    bic_check, corr_check = results["bank_bic"], results["bank_corr_account"]
    if bic is None or corr is None or bic_check.status == CheckStatus.REPAIRED or bic_check.source in _AS_PRINTED:
        return False
    corr_fails = corr_check.status == CheckStatus.INVALID and corr_check.source not in _AS_PRINTED
    pairs = _listed_pairs(bic, corr, corr_fails, directory)
    if len(pairs) != 1:
        return False
    entry, account = pairs[0]
    label = directory.label
    why = (
        f"{label} does not list it; {entry.bic} is the only БИК one OCR confusion from it that it lists beside the"
        f" account read or one confusion from it ({entry.name}{_accounts(entry)})"
    )
    values["bank_bic"], results["bank_bic"] = entry.bic, _repair(results["bank_bic"], bic, why)
    if account != corr:
        why = f"{account}, one OCR confusion from it, is the account {label} lists for the БИК {entry.bic} repaired"
        values["bank_corr_account"] = account
        results["bank_corr_account"] = _repair(results["bank_corr_account"], corr, why)
    else:
        note = f"{label} lists it for the БИК {entry.bic}, a repair of the БИК read"
        results["bank_corr_account"] = _noted(results["bank_corr_account"], note).model_copy(
            update={"status": CheckStatus.UNVERIFIED}
        )
    if (name := values["bank_name"]) is not None and names_agree(name, entry):
        results["bank_bic"] = _noted(results["bank_bic"], "the bank name read agrees")
    return True


def _repaired_by_the_name(
    values: dict[str, str | None], results: dict[str, FieldCheck], directory: BikDirectory
) -> bool:
    """A БИК the directory does not list, read beside the bank's name and no к/с (a cash deposit slip prints none):
    repaired to the one БИК within one OCR confusion of it that the directory lists under that name (a clean slip's
    face reads 3 as 5: «АО "КАБ "ВИКИНГ" г. Санкт-Петербург БИК 044050869» for 044030869). ``repaired``, never
    ``verified``; not where the recipient's account passed its key with the БИК read and would fail it with the
    repair. Whether one was made."""
    bic, name, check = values["bank_bic"], values["bank_name"], results["bank_bic"]
    if bic is None or name is None or values["bank_corr_account"] is not None:
        return False
    if check.status == CheckStatus.REPAIRED or check.source in _AS_PRINTED:
        return False
    named = passing_repairs(
        bic, lambda other: other in directory.entries and names_agree(name, directory.entries[other])
    )
    if len(named) != 1:
        return False
    entry = directory.entries[named.pop()]
    if _account_fits(results) and entry.bic[-3:] != bic[-3:]:
        return False  # the account's key reads the БИК's last digits: it passed with those read
    why = f"{directory.label} does not list it; {entry.bic}, one OCR confusion from it, is the only БИК it lists"
    why += f" as «{name}»"
    values["bank_bic"], results["bank_bic"] = entry.bic, _repair(check, bic, why)
    return True


def _repair(check: FieldCheck, read: str, why: str) -> FieldCheck:
    detail = f"read {read}; {why}: compare it with the document"
    return check.model_copy(update={"status": CheckStatus.REPAIRED, "rule": _DIRECTORY_RULE, "detail": detail})


_UNDOUBTED_SOURCES = frozenset({"qr_agrees"})


def _account_fits(results: dict[str, FieldCheck]) -> bool:
    """The recipient's own account passed its key with this БИК: the БИК is its bank's, whatever the name read."""
    check = results["recipient_account"]
    return check.status == CheckStatus.VERIFIED and check.rule == "account_key_bik"


def _not_the_recipients(results: dict[str, FieldCheck], why: str) -> None:
    """A БИК whose bank the directory names other than the page's «Банк получателя» is some other bank's (the bank
    that issued a transfer receipt prints its own): its к/с passing the key with it says nothing of the recipient.
    Neither is ``verified``; a QR's payload, the payment's own, still is."""
    for field in ("bank_bic", "bank_corr_account"):
        check = results[field]
        if check.status == CheckStatus.VERIFIED and check.rule not in _UNDOUBTED_SOURCES:
            check = check.model_copy(update={"status": CheckStatus.UNVERIFIED, "rule": _DIRECTORY_RULE})
        results[field] = _noted(check, why)


def _accounts(entry: BankEntry) -> str:
    """The account(s) the directory lists beside a БИК: a bank's к/с, a treasury office's ЕКС."""
    if entry.corr_account:
        return f", к/с {entry.corr_account}"
    return f", ЕКС {', '.join(entry.treasury_accounts)}" if entry.treasury_accounts else ""


def _differences(listed: str, entry: BankEntry, corr: str | None, name: str | None) -> str:
    """What the directory lists for a БИК that nothing read confirms, and where the readings differ from it."""
    notes = [listed]
    if corr is not None and not entry.names_account(corr):
        notes.append(f"not the к/с {corr} read")
    if corr is None and (entry.corr_account or entry.treasury_accounts):
        notes.append("no к/с read")
    if name is not None and not names_agree(name, entry):
        notes.append(f"not «{name}»")
    return ", ".join(notes)
