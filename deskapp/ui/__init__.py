"""The PySide6 front-desk window: board, check-in, search; the only package that imports Qt.

Importing the package first protects the interpreter from a PySide6 reference-count bug (below).
"""

from __future__ import annotations

import sys


def _keep_singletons_alive() -> bool:
    """Work around PySide6 6.12 on CPython 3.11: make None, True and False effectively immortal.

    PySide6 6.12 is built for interpreters where None/True/False are immortal (CPython >= 3.12,
    PEP 683): on 3.11 every call of a void Qt method (painter.save(), label.setText(), timer.start()...)
    and every bool handed to a Python slot drops one reference too many. After some thousands of
    calls the count reaches zero and the interpreter aborts ("Fatal Python error: none_dealloc"), so
    a window left running would crash within minutes. The probe below detects the bug; if present, the
    three singletons get a reference count no program can exhaust (what PEP 683 does in 3.12).
    Harmless otherwise: these objects are never freed anyway.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or hasattr(sys, "gettotalrefcount"):
        return False
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    if sys.getrefcount(None) >= before:
        return False
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40  # ob_refcnt, the first field of PyObject
    return True


PYSIDE_REFCOUNT_GUARD = _keep_singletons_alive()
