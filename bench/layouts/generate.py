"""Plan the set (templates in turn for each kind), draw each page clean and as a photo, write ``truth.jsonl``.

Three rounds of templates by three helpers who had not read the parser: the first round's 72 images keep their names
and bytes (its figures stay comparable); the second's are named ``r2_<kind>_NN`` and photographed with damage the
first round's photos lack (``worn.py``); the third's, ``r3_<kind>_NN``, are drawn at three levels, clean, a photo
under a desk lamp and a hard photo (``worn3.py``: blurred, from afar, shadowed, compressed twice). The fourth's,
``r4_<kind>_NN``, weighted towards what people photograph (six receipts to three bills and three transfers), take
``worn4.py``'s damage (a faded tape, a fold, a glare, a dim room; screenshots shared rather than photographed) and
save a page its program would save as a PDF (1C's invoice) as ``NAME_clean.pdf`` with a text layer. The fifth's,
``r5_<kind>_NN``, are documents people pay from or keep (a pick-up point's tape, an ОФД's letter, a ЕПД, tax and fine
slips, bank receipts, an executed payment order), photographed or shared by ``worn5.py``. The sixth's, ``r6_<kind>_NN``,
are layouts no earlier round drew (a bitmap-printed tape, a correction receipt, a two-page 1C invoice saved as a PDF,
a bilingual invoice, a client-bank's sealed payment order, an app's dark theme), damaged by ``worn6.py`` (a curled
sheet under flickering light, a photocopy; a screen photographed off a monitor). The seventh's, ``r7_<kind>_NN``,
are documents no earlier round drew (a needle-printed tape of the ЭКЛЗ era, a parking station's and a ticket
machine's tapes, an act of reconciliation with its bill, an energy bill with a barcode, a university's treasury bill,
a web bank's print, a post office's transfer, an e-wallet), damaged by ``worn7.py`` (a plastic sleeve's glare; a
crumpled, coffee-stained sheet; a screenshot recoded to WebP by a messenger). The eighth's, ``r8_<kind>_NN``, are six
cash receipts and six 1C bills no earlier round drew (a small register's squeezed tape, a Dreamkas table, a long
supermarket tape with a bonus block, a café's slip with tips, an ОФД's page printed; a 1C invoice sealed over its
totals, one saved as a PDF whose text runs column by column, an ИП's on УСН, one with a payment QR, a «Счёт-фактура»
beside its «Счёт», one priced in dollars), damaged by ``worn8.py`` (a tape held curved in the hand, a thumb over it,
a shake, a flash's hot spot; a punched and stapled sheet scanned, or shot steeply in the hand). The ninth's,
``r9_<kind>_NN``, are what people photograph or keep and no earlier round drew (an АТОЛ tape whose head has dead dots,
an Эвотор tape with every value under its label, a marketplace's e-receipt page, a taxi's БСО in a mail app; a
capital-repair fund's quittance with its GOST QR, a court fee's ПД-4сб with the treasury's real requisites, a notary's
quittance, a 1C bill forty lines long; a Сбер-like check of a payment by requisites, a Т-Банк-like СБП QR payment, an
Альфа-like card-to-card receipt, a paper payment order typed and signed by hand), damaged by ``worn9.py`` (a night
mode's ghosting, blotchy colour noise and smear under an orange bulb; a steep close shot with a depth-of-field blur,
chromatic fringes and a corner cut off). The tenth's, ``r10_<kind>_NN``, again what no earlier round drew (a
Меркурий tape paid part by card and part in cash, a Штрих-М tape of marked goods with their codes, a hotel's tape
that offsets an advance, the ФНС app showing a scanned receipt; a kindergarten's fee quittance to the treasury, a
gardening partnership's yearly quittance, an IT firm's bill with VAT on top of its prices; a Райффайзен-like order
whose purpose names a bill's date and its VAT, an СБП transfer to the sender's own account, a month's statement with
one debit, a ВТБ-like housing payment by a personal account), damaged by ``worn10.py`` (an old page yellowed and
foxed, its back showing through; a rolling shutter's wobble in a moving vehicle, a shake, sent small and compressed).
The eleventh's, ``r11_<kind>_NN``, again what no earlier round drew (a pharmacy's tape with a loyalty discount and
«СУММА ПО ЧЕКУ», a filling station's tape of litres at a pump, a pick-up point's tape sold as an agent for its
suppliers, a vending machine's e-receipt; a water utility's quittance with its meters' table and an overpayment, a
college hostel's bill, a carrier's offer-bill with a pick-up day; a transfer by requisites that took a fee, a
certificate of a transfer made days later, a traffic fine paid at half price by its УИН, a client-bank's order printed
in landscape), damaged by ``worn11.py`` (a phone's HDR tone mapping and halo sharpening on a checked tablecloth; shot
through a glass that reflects a dim room, moved one way, smeared by noise reduction).
The twelfth's, ``r12_<kind>_NN``, again what no earlier round drew (a taxi ride's e-receipt in the ОФД's e-mail, a
hotel's A4 fiscal receipt with the tourist tax, a return receipt «ВОЗВРАТ ПРИХОДА», a self-checkout tape with the
terminal's slip, a bakery's 57 mm tape; an energy supplier's single bill, a tax notice with its payment slip, a sole
trader's Word bill without a grid, a clinic's bill with a discount; a Газпромбанк-like app receipt, an ATM's cheque of
a payment with a fee, Госуслуги's e-mail of a tax paid, a payment to a shop by its СБП QR), damaged by ``worn12.py``
(on an open newspaper with the phone's shadow; a heat-faded thermal print shot with a front camera, a sheet faxed).
The thirteenth's, ``r13_<kind>_NN``, again what no earlier round drew (a post office's tape for a parcel with its
ШПИ, a railway e-ticket's control coupon bought weeks before the trip, a self-employed person's «Мой налог» receipt;
a УПД with the seller's bank requisites under it, a prepayment bill for part of an order's price, a landlord's rent
bill with the meter's part and VAT on top; a bank's SMS thread, a dark screen of a loan repaid at another bank by its
requisites, a Почта Банк-like СБП receipt), damaged by ``worn13.py`` (a scanning app's black-and-white mode or a
screenshot marked up in red before it is sent; a sheet wet and cockled in a dim kitchen or a screenshot captured
from a video call's screen share). The fourteenth's, ``r14_<kind>_NN``, again what no earlier round drew (a
hypermarket's tape of weighed goods with its «СКИДКА» block, a cinema's e-ticket with its receipt under it, a sole
trader's 2018 car-wash tape on ЕНВД paid in cash with change; a management company's ЕПД with its services' table
and GOST QR, an internet provider's monthly bill, a bar association's bill for a lawyer's fee; a Сбербанк-like
«Чек по операции» of a transfer by phone number, Госуслуги's receipt of a property tax paid by its УИН as a single
tax payment, an internet bank's payment order stamped «ПРОВЕДЕНО»), damaged by ``worn14.py`` (on a car's dashboard
in stripes of sun, or a screenshot under a notification banner; through a plastic bag in a dim room, or a cracked
screen photographed in low light). The fifteenth's, ``r15_<kind>_NN``, again what no earlier round drew (an airline's
itinerary receipt with its fiscal receipt, a sole trader's «ТОВАРНЫЙ ЧЕК» filled in by hand and stamped, a post
office's tape of a housing bill paid through it as a payment agent; an insurer's bill for a motor policy's premium, a
car service's work order with its bill, a marketplace's bill to a business buyer printed from its site; the receipt
part of a bank's cash deposit slip 0402001, an Альфа-like screen of a housing bill paid by its QR, a money transfer
service's receipt of a transfer to a person by name), damaged by ``worn15.py`` (paper folded in three and unfolded,
or a screenshot forwarded in a chat and captured again; a print short of toner shot in a shade, or a screen
photographed in bright sun). The sixteenth's, ``r16_<kind>_NN``, again what no earlier round drew (a beauty salon's
tape of services by their masters with a client card's discount, a food delivery's e-receipt in its e-mail with the
courier's tip paid apart, a market stall's 57 mm tape of weighed goods paid in cash with change; a security
company's 1C bill with a discount column and an advance set off, a private school's bill for one instalment of a
year's fee, a gas supplier's «Счёт-извещение» with its meter, debt, penalties and GOST QR; a firm's single tax
payment order with its budget fields stamped «ИСПОЛНЕНО», an Озон-like app's screen of a transfer by requisites, a
bank's PDF receipt of a card payment to a firm that took a fee), damaged by ``worn16.py`` (held flat by a pen and
coins in mixed daylight and lamplight; shot from across the room through a greasy lens and zoomed in digitally).
The seventeenth's, ``r17_<kind>_NN``, again what no earlier round drew (a theatre box office's tape of tickets for a
performance weeks later, a bookshop's tape paid part by a gift certificate set off as an advance, a car-sharing
trip's e-receipt begun before midnight and charged after it; a freight carrier's 1C bill whose «Итого к оплате» adds
a contract penalty to its services, a dental clinic's bill for a child's treatment under a contract, a housing
cooperative's two-part quittance with its charges' table and GOST QR; a payment order printed from a firm's 1C before
it went to the bank, a person's «Заявление на перевод» paid in cash at a branch with the fee beside the sum, a web
bank's desktop screenshot in its browser's frame), damaged by ``worn17.py`` (on a glossy magazine's cover under a
ceiling light's reflected band; at night under a street lamp through a car's rainy window, noisy).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.corpus.truth import TRUTH_FILE, Difficulty, TruthRecord, write_truth
from bench.layouts import (
    invoices,
    invoices2,
    invoices3,
    invoices4,
    invoices5,
    invoices6,
    invoices7,
    invoices8,
    invoices9,
    invoices10,
    invoices11,
    invoices12,
    invoices13,
    invoices14,
    invoices15,
    invoices16,
    invoices17,
    receipts,
    receipts2,
    receipts3,
    receipts4,
    receipts5,
    receipts6,
    receipts7,
    receipts8,
    receipts9,
    receipts10,
    receipts11,
    receipts12,
    receipts13,
    receipts14,
    receipts15,
    receipts16,
    receipts17,
    transfers,
    transfers2,
    transfers3,
    transfers4,
    transfers5,
    transfers6,
    transfers7,
    transfers9,
    transfers10,
    transfers11,
    transfers12,
    transfers13,
    transfers14,
    transfers15,
    transfers16,
    transfers17,
)
from bench.layouts.drawn import Drawn, Template
from bench.layouts.photo import photograph
from bench.layouts.worn import photograph_worn
from bench.layouts.worn3 import photograph_hard, photograph_lamp
from bench.layouts.worn4 import photograph_dim, photograph_evening
from bench.layouts.worn5 import photograph_shared, photograph_worst
from bench.layouts.worn6 import photograph_copied, photograph_curled
from bench.layouts.worn7 import photograph_sleeved, photograph_stained
from bench.layouts.worn8 import photograph_flashed, photograph_in_hand
from bench.layouts.worn9 import photograph_corner_cut, photograph_night
from bench.layouts.worn10 import photograph_aged, photograph_jello
from bench.layouts.worn11 import photograph_hdr, photograph_through_glass
from bench.layouts.worn12 import photograph_heat_faded, photograph_on_newspaper
from bench.layouts.worn13 import photograph_scanned_or_marked, photograph_wet_or_shared
from bench.layouts.worn14 import photograph_bagged_or_cracked, photograph_dashboard_or_notified
from bench.layouts.worn15 import photograph_folded_or_forwarded, photograph_low_toner_or_sunlit
from bench.layouts.worn16 import photograph_pinned_in_mixed_light, photograph_zoomed_through_smear
from bench.layouts.worn17 import photograph_on_glossy_cover, photograph_through_rainy_window

Kinds = tuple[tuple[str, tuple[Template, ...]], ...]


@dataclass(frozen=True)
class Round:
    """One helper's templates: the prefix of their file names, how many documents of each kind, the seed's offset,
    the photo damage and, when the round draws a third level, the hard photo's."""

    prefix: str
    kinds: Kinds
    per_kind: int
    seed_offset: int
    photograph: Callable[[Drawn, random.Random], bytes]
    hard: Callable[[Drawn, random.Random], bytes] | None = None


KINDS: Kinds = (
    ("receipt", receipts.TEMPLATES),
    ("invoice", invoices.TEMPLATES),
    ("transfer", transfers.TEMPLATES),
)
SECOND_KINDS: Kinds = (
    ("receipt", receipts2.TEMPLATES),
    ("invoice", invoices2.TEMPLATES),
    ("transfer", transfers2.TEMPLATES),
)
THIRD_KINDS: Kinds = (
    ("receipt", receipts3.TEMPLATES),
    ("invoice", invoices3.TEMPLATES),
    ("transfer", transfers3.TEMPLATES),
)
FOURTH_KINDS: Kinds = (
    ("receipt", receipts4.TEMPLATES),
    ("invoice", invoices4.TEMPLATES),
    ("transfer", transfers4.TEMPLATES),
)
FIFTH_KINDS: Kinds = (
    ("receipt", receipts5.TEMPLATES),
    ("invoice", invoices5.TEMPLATES),
    ("transfer", transfers5.TEMPLATES),
)
SIXTH_KINDS: Kinds = (
    ("receipt", receipts6.TEMPLATES),
    ("invoice", invoices6.TEMPLATES),
    ("transfer", transfers6.TEMPLATES),
)
SEVENTH_KINDS: Kinds = (
    ("receipt", receipts7.TEMPLATES),
    ("invoice", invoices7.TEMPLATES),
    ("transfer", transfers7.TEMPLATES),
)
EIGHTH_KINDS: Kinds = (
    ("receipt", receipts8.TEMPLATES),
    ("invoice", invoices8.TEMPLATES),
)
NINTH_KINDS: Kinds = (
    ("receipt", receipts9.TEMPLATES),
    ("invoice", invoices9.TEMPLATES),
    ("transfer", transfers9.TEMPLATES),
)
TENTH_KINDS: Kinds = (
    ("receipt", receipts10.TEMPLATES),
    ("invoice", invoices10.TEMPLATES),
    ("transfer", transfers10.TEMPLATES),
)
ELEVENTH_KINDS: Kinds = (
    ("receipt", receipts11.TEMPLATES),
    ("invoice", invoices11.TEMPLATES),
    ("transfer", transfers11.TEMPLATES),
)
TWELFTH_KINDS: Kinds = (
    ("receipt", receipts12.TEMPLATES),
    ("invoice", invoices12.TEMPLATES),
    ("transfer", transfers12.TEMPLATES),
)
THIRTEENTH_KINDS: Kinds = (
    ("receipt", receipts13.TEMPLATES),
    ("invoice", invoices13.TEMPLATES),
    ("transfer", transfers13.TEMPLATES),
)
FOURTEENTH_KINDS: Kinds = (
    ("receipt", receipts14.TEMPLATES),
    ("invoice", invoices14.TEMPLATES),
    ("transfer", transfers14.TEMPLATES),
)
FIFTEENTH_KINDS: Kinds = (
    ("receipt", receipts15.TEMPLATES),
    ("invoice", invoices15.TEMPLATES),
    ("transfer", transfers15.TEMPLATES),
)
SIXTEENTH_KINDS: Kinds = (
    ("receipt", receipts16.TEMPLATES),
    ("invoice", invoices16.TEMPLATES),
    ("transfer", transfers16.TEMPLATES),
)
SEVENTEENTH_KINDS: Kinds = (
    ("receipt", receipts17.TEMPLATES),
    ("invoice", invoices17.TEMPLATES),
    ("transfer", transfers17.TEMPLATES),
)
DEFAULT_SEED = 14
DEFAULT_PER_KIND = 12
ROUNDS = {
    1: Round("", KINDS, DEFAULT_PER_KIND, 0, lambda drawn, rng: photograph(drawn.image, rng)),
    2: Round(
        "r2_",
        SECOND_KINDS,
        DEFAULT_PER_KIND,
        50_000,
        lambda drawn, rng: photograph_worn(drawn.image, rng, drawn.thermal),
    ),
    3: Round(
        "r3_",
        THIRD_KINDS,
        8,
        90_000,
        lambda drawn, rng: photograph_lamp(drawn.image, rng),
        lambda drawn, rng: photograph_hard(drawn.image, rng),
    ),
    4: Round("r4_", FOURTH_KINDS, 6, 130_000, photograph_evening, photograph_dim),
    5: Round("r5_", FIFTH_KINDS, 8, 170_000, photograph_shared, photograph_worst),
    6: Round("r6_", SIXTH_KINDS, 8, 210_000, photograph_curled, photograph_copied),
    7: Round("r7_", SEVENTH_KINDS, 8, 250_000, photograph_sleeved, photograph_stained),
    8: Round("r8_", EIGHTH_KINDS, 12, 290_000, photograph_in_hand, photograph_flashed),
    9: Round("r9_", NINTH_KINDS, 8, 330_000, photograph_night, photograph_corner_cut),
    10: Round("r10_", TENTH_KINDS, 8, 370_000, photograph_aged, photograph_jello),
    11: Round("r11_", ELEVENTH_KINDS, 8, 410_000, photograph_hdr, photograph_through_glass),
    12: Round("r12_", TWELFTH_KINDS, 8, 420_000, photograph_on_newspaper, photograph_heat_faded),
    13: Round("r13_", THIRTEENTH_KINDS, 8, 455_000, photograph_scanned_or_marked, photograph_wet_or_shared),
    14: Round("r14_", FOURTEENTH_KINDS, 8, 495_000, photograph_dashboard_or_notified, photograph_bagged_or_cracked),
    15: Round("r15_", FIFTEENTH_KINDS, 8, 530_000, photograph_folded_or_forwarded, photograph_low_toner_or_sunlit),
    16: Round("r16_", SIXTEENTH_KINDS, 8, 570_000, photograph_pinned_in_mixed_light, photograph_zoomed_through_smear),
    17: Round("r17_", SEVENTEENTH_KINDS, 8, 580_000, photograph_on_glossy_cover, photograph_through_rainy_window),
}


def plan(per_kind: int, kinds: Kinds = KINDS) -> list[tuple[str, Template]]:
    """Each kind's templates in turn, ``per_kind`` documents of each kind, interleaved by kind."""
    return [
        (f"{kind}_{index:02d}", templates[index % len(templates)])
        for index in range(per_kind)
        for kind, templates in kinds
    ]


def generate(
    out: Path,
    seed: int = DEFAULT_SEED,
    per_kind: int | None = None,
    rounds: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17),
) -> list[TruthRecord]:
    """Draw every planned document of ``rounds`` into ``out`` as ``NAME_clean.png`` (``.pdf`` where the page is
    saved as a PDF), ``NAME_photo.jpg`` and, in a
    round with a hard level, ``NAME_hard.jpg``; same seed, same bytes. ``per_kind`` overrides each round's own
    count."""
    out.mkdir(parents=True, exist_ok=True)
    records = []
    for chosen in rounds:
        drawing = ROUNDS[chosen]
        for number, (name, template) in enumerate(plan(per_kind or drawing.per_kind, drawing.kinds)):
            rng = random.Random(seed * 100_000 + drawing.seed_offset + number)
            drawn = template(rng)
            clean, photo = f"{drawing.prefix}{name}_clean.png", f"{drawing.prefix}{name}_photo.jpg"
            if drawn.pdf is None:
                drawn.image.save(out / clean, optimize=False)
            else:
                clean = clean.removesuffix(".png") + ".pdf"
                (out / clean).write_bytes(drawn.pdf)
            (out / photo).write_bytes(drawing.photograph(drawn, rng))
            levels = [(clean, Difficulty.CLEAN), (photo, Difficulty.PHOTO)]
            if drawing.hard is not None:
                hard = f"{drawing.prefix}{name}_hard.jpg"
                (out / hard).write_bytes(drawing.hard(drawn, rng))
                levels.append((hard, Difficulty.HARD))
            for file, difficulty in levels:
                records.append(
                    TruthRecord(
                        file=file,
                        document_type=drawn.details.document_type,
                        difficulty=difficulty,
                        template=drawn.template,
                        fields=drawn.details,
                    )
                )
    write_truth(out / TRUTH_FILE, records)
    return records
