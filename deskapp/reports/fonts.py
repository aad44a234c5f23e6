"""The CJK font every deskapp PDF embeds, so a notice prints the same on any office PC.

WenQuanYi Micro Hei is a TrueType collection reportlab can subset and embed (Noto CJK is CFF-based
and reportlab cannot use it). It covers Simplified Chinese, Latin letters and digits.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WenQuanYiMicroHei"
FONT_FILE = "wqy-microhei.ttc"
LICENSE_FILE = "LICENSE-wqy-microhei.txt"

_lock = threading.Lock()
_registered = False


def resources_dir() -> Path:
    """The ``resources/`` folder: inside a PyInstaller bundle, else next to the ``deskapp`` package."""
    from deskapp import resources_dir as shipped

    return shipped()


def font_path() -> Path:
    """Path of the shipped TrueType collection; raises FileNotFoundError if the install lacks it."""
    path = resources_dir() / "fonts" / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"deskapp font missing: {path} (resources/fonts must ship with the app)")
    return path


def register_fonts() -> str:
    """Register the font with reportlab once per process and return its name.

    Regular is also mapped as bold/italic so ``<b>`` markup never falls back to an
    unembedded base-14 font; headings get their weight from a stroked render mode instead.
    """
    global _registered
    if _registered:
        return FONT_NAME
    with _lock:
        if not _registered:
            # subfontIndex=0 is "WenQuanYi Micro Hei" (1 is the Mono face). reportlab embeds
            # only the glyphs used (subsets), as FontFile2.
            pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
            _registered = True
    return FONT_NAME
