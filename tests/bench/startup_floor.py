"""Floor for "start to an interactive board": a bare PySide6 QMainWindow with one table, shown.

Prints ``READY <ru_maxrss KiB> <rows>`` once the window is shown and its table has rows, then exits at
once (the parent times spawn -> that line). Imports nothing but PySide6.
"""

import os
import resource
import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("floor")
table = QTableWidget(24, 6, window)
table.setHorizontalHeaderLabels(["顺位", "置业顾问", "状态", "补接名额", "起始", "当前"])
for r in range(24):
    for col, text in enumerate((str(r + 1), f"顾问{r + 1}", "空闲", "", "08:10", "")):
        table.setItem(r, col, QTableWidgetItem(text))
window.setCentralWidget(table)
window.resize(1360, 860)
window.show()
while not (window.isVisible() and table.rowCount() > 0):
    app.processEvents()
app.processEvents()
print(f"READY {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} {table.rowCount()}", flush=True)
os._exit(0)
