"""procutext._gc.loading: modules load without young collections, and the collector is left
as the program had it."""

from __future__ import annotations

import gc
import weakref

from procutext._gc import loading


class _Node:
    pass


def test_the_collector_is_left_as_it_was_and_cycles_are_still_collected():
    was_on = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            with loading():
                assert not gc.isenabled()
                a, b = _Node(), _Node()
                a.other, b.other = b, a  # a garbage cycle made while loading
                ref = weakref.ref(a)
                del a, b
            assert gc.isenabled() is state
            assert gc.get_freeze_count() == 0
            if not state:  # (with the collector on, a full collection may come at any time)
                assert ref() is not None  # waits for a full collection, in the oldest generation
            gc.collect()
            assert ref() is None
    finally:
        (gc.enable if was_on else gc.disable)()


def test_objects_the_program_froze_stay_frozen():
    gc.collect()
    kept = [_Node() for _ in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with loading():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    del kept


def test_an_error_while_loading_switches_the_collector_back_on():
    assert gc.isenabled()
    try:
        with loading():
            raise ImportError("a module that fails")
    except ImportError:
        pass
    assert gc.isenabled()
