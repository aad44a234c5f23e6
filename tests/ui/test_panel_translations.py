"""Every string the panels show has its English in translations/deskapp_en_panels.ts, and English shows."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from catalogues import catalogue, tr_strings  # noqa: E402
from PySide6.QtCore import Qt, QTranslator

import deskapp
from deskapp.domain.commands import AddStaff, OpenDay, SignIn
from deskapp.services.office_service import OfficeService
from deskapp.ui import i18n
from deskapp.ui.context import AppContext

PACKAGE = Path(deskapp.__file__).parent
TS_FILE = PACKAGE / "translations" / "deskapp_en_panels.ts"
# module -> the translation context its _tr() uses
MODULES = {
    "ui/panel_kit.py": "PanelKit",
    "ui/notice_panel.py": "NoticePanel",
    "ui/dispute_panel.py": "DisputePanel",
    "ui/supervisor_panel.py": "SupervisorPanel",
    "ui/signin_dialog.py": "SignInDialog",
}


def _catalogue() -> dict[tuple[str, str], str]:
    return catalogue(TS_FILE.name)


def _strings(module: str) -> list[str]:
    return tr_strings(module)


def _context_of(module: str) -> str:
    source = (PACKAGE / module).read_text(encoding="utf-8")
    return re.search(r'QCoreApplication\.translate\("(\w+)", text\)', source).group(1)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_panel_string_has_an_english_translation(module):
    assert _context_of(module) == MODULES[module]
    catalogue = _catalogue()
    missing = [s for s in _strings(module) if (MODULES[module], s) not in catalogue]
    assert not missing, f"add to {TS_FILE.name}: {missing}"
    for source in _strings(module):
        english = catalogue[(MODULES[module], source)]
        assert set(re.findall(r"\{\w*\}", source)) == set(re.findall(r"\{\w*\}", english)), source
        assert not re.search(r"[\u4e00-\u9fff]", english), f"untranslated: {english}"


@pytest.fixture
def english(qapp, tmp_path):
    qm = i18n.compile_ts(TS_FILE, tmp_path)
    translator = QTranslator(qapp)
    if qm is None or not translator.load(str(qm)):
        translator = i18n.DictTranslator.from_ts(TS_FILE, qapp)
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_the_panels_speak_english(english, qtbot):
    from deskapp.ui.dispute_panel import DisputePanel
    from deskapp.ui.notice_panel import NoticePanel
    from deskapp.ui.supervisor_panel import SupervisorPanel

    now = dt.datetime(2026, 11, 3, 9)
    svc = OfficeService()
    svc.handle(AddStaff("A", "张伟", "consultant", actor="__system__"), now)
    svc.handle(OpenDay(now.date()), now)
    svc.handle(SignIn(("A",)), now)
    ctx = AppContext(svc, clock=lambda: now, lang="en")
    notice = NoticePanel(ctx, interactive=False)
    disputes = DisputePanel(ctx, interactive=False)
    tools = SupervisorPanel(ctx, interactive=False)
    for w in (notice, disputes, tools):
        qtbot.addWidget(w)
    assert notice._print_button.text() == "Print notice"
    assert notice.model().headerData(0, Qt.Orientation.Horizontal) == "Arrived"
    assert disputes._confirm_button.text() == "Confirm ruling"
    assert tools._apply_order_button.text() == "Apply order"
    assert tools._rotation_box.toolTip() == "Needs a sales supervisor or above (R6)"
    assert tools._step_box.toolTip() == "Needs a sales supervisor or above (R4, R6)"
