"""Imported last by the decoding sandbox's forkserver (``model.sandbox``): the program's main module, imported there
once, as ``multiprocessing`` imports it in each child (``__mp_main__``: its main guard stays out). A child forked
from the server then finds it in place instead of importing it and all it imports again."""

from __future__ import annotations

import json
import os
from multiprocessing import process, spawn

from model.sandbox import MAIN_ENV

_MAIN = json.loads(os.environ.get(MAIN_ENV) or "{}")
"""What ``spawn.prepare`` gives a child: the main module's name or path, and the program's ``sys.argv``."""
_SERVER = process.current_process()
_SERVER._inheriting = True  # type: ignore[attr-defined]  # as multiprocessing marks a main module imported again
try:
    spawn.prepare(_MAIN)
except (Exception, SystemExit):  # a main module that fails here fails in each child too, where it is reported
    pass
finally:
    del _SERVER._inheriting  # type: ignore[attr-defined]
