"""The shipped CJK font as the application font, so Chinese never renders as boxes (also offscreen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

FONT_FILE = "wqy-microhei.ttc"

_family: str | None = None


def font_file() -> Path:
    """resources/fonts/wqy-microhei.ttc, in a PyInstaller bundle or next to the package.

    Same place as deskapp.reports.fonts.font_path(); resolved here so that start-up does not
    import reportlab just to find a file.
    """
    from deskapp import resources_dir

    return resources_dir() / "fonts" / FONT_FILE


def install_app_font(app: QGuiApplication) -> str | None:
    """Register the font once and put it first in the application font's family list.

    Returns the family name, or None if the font could not be loaded (the system fonts remain).
    """
    global _family
    if _family is None:
        path = font_file()
        if not path.is_file():
            return None
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            return None
        families = QFontDatabase.applicationFontFamilies(font_id)
        if not families:
            return None
        # index 0 is "WenQuanYi Micro Hei" (1 is the Mono face)
        _family = next((f for f in families if "Mono" not in f), families[0])
    font = QFont(app.font())
    rest = [f for f in font.families() if f != _family]
    font.setFamilies([_family, *rest])
    app.setFont(font)
    return _family


def family() -> str | None:
    """The registered family, once install_app_font() ran."""
    return _family
