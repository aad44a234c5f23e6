"""Printing a saved PDF: the system print dialog or a print preview, its pages drawn with QtPdf.

The PDF is always saved first (printing.default_print_dir()); this module only sends it to a printer.
Every dialog goes through `PdfPrinter.run_dialog` and the choice through `PdfPrinter.ask`, so tests can
answer them without a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, QSizeF, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

RENDER_DPI = 300  # enough for text on paper; a 1200 dpi page image would need half a gigabyte

CHOICE_PRINT = "print"
CHOICE_PREVIEW = "preview"
CHOICE_OPEN = "open"
CHOICE_NONE = ""


def pdf_document_class():
    """QtPdf's QPdfDocument when this PySide6 has it (PySide6-Addons), else None."""
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return None
    return QPdfDocument


def load_pdf(path: str | Path, parent: QObject | None = None):
    """The loaded QPdfDocument, or None when QtPdf is missing or the file cannot be read."""
    cls = pdf_document_class()
    if cls is None:
        return None
    document = cls(parent)
    if document.load(str(path)) != cls.Error.None_ or document.pageCount() < 1:
        document.deleteLater()
        return None
    return document


def match_page_layout(printer, document) -> None:
    """Paper size and orientation of the PDF's first page; the PDF brings its own margins (full page)."""
    points = document.pagePointSize(0)
    if points.width() <= 0 or points.height() <= 0:
        return
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    size = QPageSize(portrait.toSize(), "", QPageSize.SizeMatchPolicy.FuzzyOrientationMatch)
    printer.setPageSize(size)
    landscape = points.width() > points.height()
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def render_pdf(document, printer) -> int:
    """Draw every page of `document` on `printer`, each fitted to the printable area; returns the pages drawn."""
    pages = document.pageCount()
    if pages < 1:
        return 0
    dpi = min(printer.resolution(), RENDER_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        area = QRectF(painter.viewport())  # the paper itself with full-page printing
        for page in range(pages):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            pixels = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
            fitted = QSizeF(points).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(area.x() + (area.width() - fitted.width()) / 2,
                            area.y() + (area.height() - fitted.height()) / 2, fitted.width(), fitted.height())
            painter.drawImage(target, document.render(page, pixels))
    finally:
        painter.end()
    return pages


class PdfPrinter(QObject):
    """Offers a saved PDF to the printer: system print dialog, print preview, or the PDF viewer."""

    printed = Signal(str)  # the PDF went to a printer

    def __init__(self, parent: QWidget, *, run_dialog: Callable[[QDialog], int] | None = None,
                 ask: Callable[[Path, str], str] | None = None, open_file: Callable[[Path], object] | None = None):
        super().__init__(parent)
        self._widget = parent
        self._preview_document = None
        self.run_dialog = run_dialog or _exec
        self.ask = ask or self._ask
        self.open_file = open_file or _open_with_system

    def offer(self, path: str | Path, title: str) -> str:
        """After saving: ask what to do with the PDF and do it; returns the choice (CHOICE_*)."""
        path = Path(path)
        if pdf_document_class() is None:  # no QtPdf: the PDF viewer prints it
            self.open_file(path)
            return CHOICE_OPEN
        choice = self.ask(path, title)
        if choice == CHOICE_PRINT:
            self.print_with_dialog(path, title)
        elif choice == CHOICE_PREVIEW:
            self.preview(path, title)
        elif choice == CHOICE_OPEN:
            self.open_file(path)
        return choice

    def print_with_dialog(self, path: str | Path, title: str, printer=None) -> bool:
        """The system print dialog (QtPrintSupport); on OK every page is drawn on the chosen printer."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        document = load_pdf(path, self)
        if document is None:
            self.open_file(Path(path))
            return False
        try:
            printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
            match_page_layout(printer, document)
            dialog = QPrintDialog(printer, self._widget)
            dialog.setWindowTitle(title)
            try:
                if self.run_dialog(dialog) != int(QDialog.DialogCode.Accepted):
                    return False
            finally:
                dialog.deleteLater()
            if render_pdf(document, printer) == 0:
                return False
        finally:
            document.deleteLater()
        self.printed.emit(str(path))
        return True

    def preview(self, path: str | Path, title: str, printer=None) -> bool:
        """A print preview of the PDF's pages; its toolbar prints through the system dialog."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        document = load_pdf(path, self)
        if document is None:
            self.open_file(Path(path))
            return False
        printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        match_page_layout(printer, document)
        dialog = QPrintPreviewDialog(printer, self._widget)
        dialog.setWindowTitle(title)
        self._preview_document = document
        dialog.paintRequested.connect(self._on_paint_requested)
        try:
            accepted = self.run_dialog(dialog) == int(QDialog.DialogCode.Accepted)
        finally:
            self._preview_document = None
            dialog.deleteLater()
            document.deleteLater()
        if accepted:
            self.printed.emit(str(path))
        return accepted

    @Slot(object)
    def _on_paint_requested(self, printer) -> None:
        if self._preview_document is not None:
            render_pdf(self._preview_document, printer)

    def _ask(self, path: Path, title: str) -> str:
        box = QMessageBox(self._widget)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(self.tr("PDF已保存。要打印吗？"))
        box.setInformativeText(str(path))
        print_button = box.addButton(self.tr("打印…"), QMessageBox.ButtonRole.AcceptRole)
        preview_button = box.addButton(self.tr("打印预览…"), QMessageBox.ButtonRole.ActionRole)
        open_button = box.addButton(self.tr("打开PDF"), QMessageBox.ButtonRole.ActionRole)
        close_button = box.addButton(self.tr("不打印"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(print_button)  # Ctrl+P, Enter, Enter: printed
        box.setEscapeButton(close_button)
        self.run_dialog(box)
        clicked = box.clickedButton()
        box.deleteLater()
        return {print_button: CHOICE_PRINT, preview_button: CHOICE_PREVIEW, open_button: CHOICE_OPEN}.get(
            clicked, CHOICE_NONE)


def _exec(dialog: QDialog) -> int:
    return int(dialog.exec())


def _open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def office_header(office) -> tuple[str, tuple[str, str]]:
    """The office's name and working hours for printed headers (SetOfficeInfo; R20's notice window)."""
    from deskapp.reports import printing

    return printing.office_name_of(office), printing.working_hours_of(office)
