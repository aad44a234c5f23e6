"""The look: a calm slate-and-teal palette, one style sheet, colours for states and badges."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

INK = "#1F2933"
MUTED = "#5F6B7A"
FAINT = "#9AA5B1"
LINE = "#DCE2E9"
WINDOW = "#F4F6F9"
SURFACE = "#FFFFFF"
HEADER = "#EEF2F6"
ACCENT = "#0F766E"
ACCENT_DARK = "#0B5B55"
ACCENT_SOFT = "#DDF3EF"
SELECTION = "#D6E6F5"
DANGER = "#B42318"
DANGER_SOFT = "#FDE7E5"
BADGE_BG = "#FCEFD4"
BADGE_FG = "#8A4B08"
BADGE_LINE = "#EFCB8C"
WALL_BG = "#0E1A26"
WALL_CARD = "#16283A"
WALL_INK = "#E8EEF4"
WALL_MUTED = "#8DA2B5"

# state -> (background, foreground) of its pill
STATE_COLORS: dict[str, tuple[str, str]] = {
    "free": ("#E1F4E8", "#17643A"),
    "receiving": ("#E0EBFD", "#1E4FC2"),
    "out_personal": ("#FFEFDD", "#9A4A00"),
    "out_official": ("#ECE8FD", "#5B2BB5"),
    "resting": ("#ECEFF3", "#52606D"),
    "on_leave": ("#ECEFF3", "#52606D"),
    "suspended": ("#FDE7E5", "#B42318"),
    "absent": ("#F1F3F5", "#7B8794"),
    "signed_out": ("#F1F3F5", "#7B8794"),
    "duty": ("#DDF3EF", "#0B5B55"),
}

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {WINDOW}; }}
QWidget {{ color: {INK}; }}
QToolTip {{ color: {INK}; background: {SURFACE}; border: 1px solid {LINE}; padding: 4px 6px; }}
QTableView {{
    background: {SURFACE}; alternate-background-color: #FAFBFC; border: 1px solid {LINE};
    border-radius: 6px; gridline-color: transparent;
    selection-background-color: {SELECTION}; selection-color: {INK}; outline: 0;
}}
QHeaderView::section {{
    background: {HEADER}; color: {MUTED}; border: none; border-bottom: 1px solid {LINE};
    padding: 6px 8px; font-weight: 600;
}}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{
    background: transparent; color: {MUTED}; padding: 8px 16px; border: none;
    border-bottom: 2px solid transparent; margin-right: 4px;
}}
QTabBar::tab:selected {{ color: {ACCENT_DARK}; border-bottom: 2px solid {ACCENT}; font-weight: 600; }}
QPushButton, QToolButton#boardAction {{
    background: {SURFACE}; border: 1px solid #C8D1DB; border-radius: 6px; padding: 6px 14px;
}}
QPushButton:hover, QToolButton#boardAction:hover {{ border-color: {ACCENT}; }}
QPushButton:pressed, QToolButton#boardAction:pressed {{ background: {ACCENT_SOFT}; }}
QPushButton:disabled, QToolButton#boardAction:disabled {{ color: {FAINT}; background: #F3F5F7; border-color: {LINE}; }}
QPushButton#primary {{ background: {ACCENT}; border-color: {ACCENT}; color: white; font-weight: 600; }}
QPushButton#primary:hover {{ background: {ACCENT_DARK}; }}
QPushButton#primary:disabled {{ background: #9CC9C4; border-color: #9CC9C4; color: #F2F7F6; }}
QLineEdit, QPlainTextEdit, QComboBox {{
    background: {SURFACE}; border: 1px solid #C8D1DB; border-radius: 6px; padding: 5px 8px;
    selection-background-color: {ACCENT}; selection-color: white;
}}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit[invalid="true"] {{ border: 1px solid {DANGER}; background: #FFF8F7; }}
QComboBox::drop-down {{ border: none; width: 24px; }}
QComboBox::down-arrow {{ image: url("{{chevron}}"); width: 12px; height: 12px; }}
QComboBox QAbstractItemView {{ background: {SURFACE}; selection-background-color: {SELECTION}; selection-color: {INK}; }}
QRadioButton, QCheckBox {{ spacing: 6px; }}
QRadioButton:focus, QCheckBox:focus {{ color: {ACCENT_DARK}; }}
QFrame#card {{ background: {SURFACE}; border: 1px solid {LINE}; border-radius: 8px; }}
QFrame#question {{ background: {ACCENT_SOFT}; border: 1px solid #B5E2DA; border-radius: 8px; }}
QLabel#caption {{ color: {MUTED}; }}
QLabel#sectionTitle {{ color: {INK}; font-weight: 600; }}
QLabel#error {{ color: {DANGER}; }}
QLabel#hint {{ color: {MUTED}; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {LINE}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 8px; }}
QMenuBar {{ background: {SURFACE}; border-bottom: 1px solid {LINE}; }}
QToolBar {{ background: {SURFACE}; border: none; border-bottom: 1px solid {LINE}; spacing: 4px; padding: 4px 8px; }}
QToolBar QToolButton {{ padding: 5px 10px; border-radius: 6px; }}
QToolBar QToolButton:hover {{ background: {ACCENT_SOFT}; }}
QToolBar QToolButton:disabled, QMenu::item:disabled {{ color: {FAINT}; }}
QSplitter::handle {{ background: transparent; }}
QTableView#boardTable {{ border: none; border-radius: 0; }}
QFrame#nextUpBanner {{
    background: qlineargradient(x1:0, y1:0, x2:1, y2:0, stop:0 {ACCENT}, stop:1 #155E75); border-radius: 10px;
}}
QFrame#nextUpBanner QLabel {{ color: white; background: transparent; }}
QFrame#nextUpBanner QLabel#nextUpVia {{ color: rgba(255,255,255,0.86); }}
QFrame#nextUpBanner QLabel#nextUpDate {{ color: rgba(255,255,255,0.80); }}
QLabel#waitingStrip {{
    background: {BADGE_BG}; color: {BADGE_FG}; border: 1px solid {BADGE_LINE}; border-radius: 8px; padding: 8px 14px;
}}
"""


def icon_path(name: str) -> str:
    """A file of resources/icons as a style-sheet URL path."""
    from .fonts import font_file

    return (font_file().parents[1] / "icons" / name).as_posix()


def style_sheet() -> str:
    return STYLE_SHEET.replace("{chevron}", icon_path("chevron-down.svg"))


def apply_theme(app: QApplication, point_size: float = 10.5, set_style: bool = True) -> None:
    """Fusion style, the palette and the style sheet, on the whole application.

    `set_style` False: the application was made with the Fusion style already (deskapp.app passes
    `-style Fusion`), which spares PySide6 building its QStyle enums before the first paint (~4 ms).
    """
    if set_style:
        app.setStyle("Fusion")
    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor(WINDOW))
    pal.setColor(QPalette.ColorRole.Base, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#FAFBFC"))
    pal.setColor(QPalette.ColorRole.Text, QColor(INK))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(INK))
    pal.setColor(QPalette.ColorRole.Button, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(SURFACE))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(INK))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(FAINT))
    app.setPalette(pal)
    font = QFont(app.font())
    font.setPointSizeF(point_size)
    # crisp text at desk sizes; with FreeType it also spares the auto-hinter's work on every new glyph
    # (the board's first paint draws a few hundred distinct Chinese characters: ~5 ms less)
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    app.setFont(font)
    app.setStyleSheet(style_sheet())


def scaled(font: QFont, factor: float, bold: bool = False) -> QFont:
    """A copy of `font`, `factor` times as large."""
    f = QFont(font)
    size = f.pointSizeF() if f.pointSizeF() > 0 else 10.0
    f.setPointSizeF(size * factor)
    if bold:
        f.setBold(True)
    return f
