"""The person at the printer, for tests that print through deskapp.ui.pdf_print.PdfPrinter."""

from __future__ import annotations

from pathlib import Path


def answer_print_dialogs(holder, printed: Path, choice: str = "打印…") -> list[str]:
    """Pick `choice` in the offer, then 'print to file' (`printed`) in the dialogs; a print preview is
    shown (its pages drawn into `printed`) and closed without printing.

    `holder` is anything with pdf_printer() (the window, a panel). Returns the dialogs' class names, in
    the order they were shown.
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QDialog, QMessageBox

    seen: list[str] = []

    def run(dialog):
        seen.append(type(dialog).__name__)
        if isinstance(dialog, QMessageBox):
            next(b for b in dialog.buttons() if b.text() == choice).click()
            return 0
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        if isinstance(dialog, QPrintPreviewDialog):
            dialog.paintRequested.emit(printer)  # what showing the preview does
            return int(QDialog.DialogCode.Rejected)  # closed the preview without printing
        assert isinstance(dialog, QPrintDialog)
        return int(QDialog.DialogCode.Accepted)

    holder.pdf_printer().run_dialog = run
    return seen
