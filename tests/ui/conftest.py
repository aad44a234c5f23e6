"""UI test helpers: offscreen Qt, isolated settings and caches, Chinese typing, failure screenshots."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt
os.environ.setdefault("DESKAPP_CACHE_DIR", tempfile.mkdtemp(prefix="deskapp-test-cache-"))

import pytest  # noqa: E402
from deskdata import NOW, build_office, type_chinese  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import deskapp.ui  # noqa: E402,F401 - first: its PySide6 reference-count guard (see deskapp/ui/__init__.py)

FAILSHOT_DIR = Path(os.environ.get("DESKAPP_UI_FAILSHOTS", Path(tempfile.gettempdir()) / "deskapp-ui-failures"))



@pytest.fixture(name="type_chinese")
def type_chinese_fixture():
    return type_chinese


@pytest.fixture
def desk_settings(tmp_path, qapp):
    """QSettings in a temp dir, so tests neither read nor write the real ones."""
    org, name = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QCoreApplication.setOrganizationName("deskapp-tests")
    QCoreApplication.setApplicationName("desk")
    yield
    QCoreApplication.setOrganizationName(org)
    QCoreApplication.setApplicationName(name)


@pytest.fixture
def desk_ctx(qapp, desk_settings):
    """An AppContext over build_office(), with the clock at 10:00 on the second day, as the front desk."""
    from deskapp.ui import fonts
    from deskapp.ui.context import AppContext

    fonts.install_app_font(qapp)
    return AppContext(build_office(), clock=lambda: NOW, lang="zh")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failing UI test, save every visible window as a PNG and name the files in the report."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed or "qtbot" not in getattr(item, "fixturenames", ()):
        return
    app = QApplication.instance()
    if app is None:
        return
    FAILSHOT_DIR.mkdir(parents=True, exist_ok=True)
    saved = []
    for i, w in enumerate(w for w in app.topLevelWidgets() if w.isVisible()):
        path = FAILSHOT_DIR / f"{item.name}-{i}-{type(w).__name__}.png"
        if w.grab().save(str(path)):
            saved.append(str(path))
    if saved:
        report.sections.append(("failure screenshots", "\n".join(saved)))
