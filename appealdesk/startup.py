"""The process's start: the cycle collector waits while the modules load.

Loading the ORM, pydantic and Qt makes a few hundred thousand objects that live as long as
the process, and the collector walked them over and over on the way: about 60 ms of a
command's start on a two-core machine. Once the modules are in, those objects are frozen,
so the collections that follow skip them as well.
"""

from __future__ import annotations

import gc


def pause_collector() -> None:
    gc.disable()


def modules_loaded() -> None:
    """The long-lived objects are made: they are frozen and the collector runs again. Does
    nothing when the collector was not paused (in a test, or a script that calls ``main``)."""
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()
