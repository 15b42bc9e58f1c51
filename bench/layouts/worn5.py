"""The fifth round's photos: the earlier rounds' damage, each kind of page where people meet it.

Paper (a tape, a bill, a printed order): the photo level is a photo under a desk lamp (``worn3``: warm falloff, a
wide lens's barrel, the phone's sharpening); the hard level a tape or sheet faded, folded twice, under a strong glare
in a dim room (``worn4``). Screens and bank PDFs, which people share rather than photograph: sent once through a
messenger (photo), then a screenshot of that shared picture (hard), as ``worn4`` draws them.
"""

from __future__ import annotations

import random

from bench.layouts.drawn import Drawn
from bench.layouts.worn3 import photograph_lamp
from bench.layouts.worn4 import photograph_dim, reshared, screenshot_of_a_screenshot


def photograph_shared(drawn: Drawn, rng: random.Random) -> bytes:
    """The photo level: a screen or a bank's PDF shared once; paper photographed under a desk lamp."""
    if drawn.screen:
        return reshared(drawn.image, rng)
    return photograph_lamp(drawn.image, rng)


def photograph_worst(drawn: Drawn, rng: random.Random) -> bytes:
    """The hard level: a screenshot of a shared screenshot; paper faded, folded, glared, in a dim room."""
    if drawn.screen:
        return screenshot_of_a_screenshot(drawn.image, rng)
    return photograph_dim(drawn, rng)
