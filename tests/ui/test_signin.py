"""Signing in with a PIN (argon2), handing the station back to the front desk, and the idle lock."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from deskapp.domain.commands import AddStaff, SetPin
from deskapp.services.office_service import OfficeService
from deskapp.services.pins import hash_pin
from deskapp.ui import signin_dialog
from deskapp.ui.context import AppContext
from deskapp.ui.idle_lock import IdleLock
from deskapp.ui.signin_dialog import SignInDialog

NOW = dt.datetime(2026, 11, 3, 9, 0)


pytestmark = pytest.mark.usefixtures("desk_settings")  # QSettings in a temp dir (tests/ui/conftest.py)


@pytest.fixture
def ctx(qapp) -> AppContext:
    svc = OfficeService()
    svc.handle(AddStaff("M", "孙丽", "site_manager", actor="__system__"), NOW)
    svc.handle(AddStaff("A", "张伟", "consultant", "T1", actor="__system__"), NOW)
    svc.handle(AddStaff("N", "新人", "consultant", "T1", actor="__system__"), NOW)  # no PIN yet
    svc.handle(SetPin("M", hash_pin("2468"), actor="__system__"), NOW)
    svc.handle(SetPin("A", hash_pin("13579"), actor="__system__"), NOW)
    return AppContext(svc, clock=lambda: NOW)


@pytest.fixture
def dialog(ctx, qtbot) -> SignInDialog:
    d = SignInDialog(ctx)
    qtbot.addWidget(d)
    return d


def test_the_right_pin_signs_in(ctx, dialog, qtbot):
    assert dialog.select_staff("M")
    assert dialog._pin_edit.echoMode().name == "Password"
    qtbot.keyClicks(dialog._pin_edit, "2468")
    with qtbot.waitSignal(dialog.signed_in) as sig, qtbot.waitSignal(ctx.user_changed):
        qtbot.mouseClick(dialog._sign_in_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["M"]
    assert ctx.user == "M" and ctx.may("ruling")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert QSettings().value(signin_dialog.LAST_USER_KEY) == "M"


def test_a_wrong_pin_is_refused(ctx, dialog, qtbot):
    dialog.select_staff("M")
    qtbot.keyClicks(dialog._pin_edit, "1357")
    with qtbot.assertNotEmitted(dialog.signed_in), qtbot.assertNotEmitted(ctx.user_changed):
        qtbot.mouseClick(dialog._sign_in_button, Qt.MouseButton.LeftButton)
    assert ctx.user is None
    assert "密码不正确" in dialog.status_text()
    assert dialog._pin_edit.text() == ""
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_enter_signs_in_too(ctx, dialog, qtbot):
    dialog.select_staff("A")
    qtbot.keyClicks(dialog._pin_edit, "13579")
    qtbot.keyClick(dialog._pin_edit, Qt.Key.Key_Return)
    assert ctx.user == "A"


def test_the_pin_field_takes_digits_only_and_at_most_eight(dialog, qtbot):
    qtbot.keyClicks(dialog._pin_edit, "12ab34")
    assert dialog._pin_edit.text() == "1234"
    qtbot.keyClicks(dialog._pin_edit, "567890")
    assert dialog._pin_edit.text() == "12345678"


def test_sign_in_waits_for_four_digits(dialog, qtbot):
    qtbot.keyClicks(dialog._pin_edit, "246")
    assert not dialog._sign_in_button.isEnabled()
    qtbot.keyClicks(dialog._pin_edit, "8")
    assert dialog._sign_in_button.isEnabled()


def test_five_wrong_pins_pause_the_dialog(ctx, dialog, qtbot):
    dialog.select_staff("M")
    for _ in range(signin_dialog.MAX_FAILURES):
        qtbot.keyClicks(dialog._pin_edit, "0000")
        qtbot.mouseClick(dialog._sign_in_button, Qt.MouseButton.LeftButton)
    assert "秒后再试" in dialog.status_text()
    qtbot.keyClicks(dialog._pin_edit, "2468")
    assert not dialog._sign_in_button.isEnabled()
    dialog._lockout_timer.stop()
    dialog._lockout_timer.timeout.emit()
    qtbot.keyClicks(dialog._pin_edit, "2468"[len(dialog._pin_edit.text()):])
    assert dialog._sign_in_button.isEnabled()


def test_someone_without_a_pin_is_told_so(ctx, dialog, qtbot):
    dialog.select_staff("N")
    qtbot.keyClicks(dialog._pin_edit, "1234")
    qtbot.mouseClick(dialog._sign_in_button, Qt.MouseButton.LeftButton)
    assert ctx.user is None
    assert "尚未设置密码" in dialog.status_text()


def test_front_desk_signs_out_to_receptionist_rights(ctx, dialog, qtbot):
    ctx.set_user("M")
    with qtbot.waitSignal(dialog.signed_out):
        qtbot.mouseClick(dialog._desk_button, Qt.MouseButton.LeftButton)
    assert ctx.user is None
    assert not ctx.may("reorder")
    assert dialog.result() == QDialog.DialogCode.Accepted


# -------------------------------------------------------------------------------------- idle lock
@pytest.fixture
def make_lock(ctx, qapp):
    locks = []

    def make(**kwargs) -> IdleLock:
        lock = IdleLock(ctx, **kwargs)
        lock.install(qapp)
        locks.append(lock)
        return lock

    yield make
    for lock in locks:
        lock.uninstall()


def test_an_idle_station_goes_back_to_the_front_desk(ctx, make_lock, qtbot):
    lock = make_lock(minutes=0.002)  # 120 ms
    ctx.set_user("M")
    assert lock.is_counting()
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    assert ctx.user is None
    assert not lock.is_counting()


def test_input_keeps_the_station_signed_in(ctx, make_lock, qtbot):
    lock = make_lock(minutes=5)
    ctx.set_user("M")
    assert lock._timer.isActive()

    class CountingTimer:  # stands in for the QTimer: counts restarts, no clock involved
        restarts = 0

        def isActive(self):  # noqa: N802 - QTimer's name
            return True

        def start(self):
            CountingTimer.restarts += 1

    real, lock._timer = lock._timer, CountingTimer()
    try:
        target = QWidget()
        qtbot.addWidget(target)
        QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
        assert CountingTimer.restarts >= 1  # input started the countdown again
    finally:
        lock._timer = real
    assert ctx.user == "M"


def test_nobody_signed_in_means_nothing_to_lock(ctx, make_lock):
    lock = make_lock(minutes=0.002)
    assert ctx.user is None
    assert not lock.is_counting()


def test_idle_minutes_come_from_the_settings(ctx, qapp):
    assert IdleLock(ctx).minutes() == 5.0
    QSettings().setValue("idle_minutes", 7)
    assert IdleLock(ctx).minutes() == 7.0
    lock = IdleLock(ctx)
    lock.set_minutes(12)
    assert QSettings().value("idle_minutes") in (12.0, "12.0", 12)
