"""Loading modules without the garbage collector's young collections.

Importing procutext and its rule modules makes some 25,000 objects that live as long as the
process. Made at the collector's usual pace, they were traversed by about 40 young and
middle collections (a tenth of the CPU of a ``procutext check`` of a small file). While
:func:`loading` runs, the collector is off; at its end, everything the collector tracks goes
to the oldest generation (``gc.freeze()`` then ``gc.unfreeze()``, which moves the objects
without traversing them), where only full collections look, and the collector is switched
back on as it was. Nothing is collected or kept that would not be otherwise: garbage cycles
made meanwhile wait for the next full collection. If the program has frozen objects of its
own (``gc.get_freeze_count()``), they are left frozen and only the collector is paused.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def loading() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()  # into the oldest generation, untraversed
        if was_on:
            gc.enable()
