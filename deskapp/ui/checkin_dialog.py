"""Check-in (Ctrl+N): the mandated question, the party's details, and the rulebook's proposal before confirming.

Keyboard path for the common case: type the phone, Tab to the first-visit answer, Y or N, Enter.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from deskapp.domain import commands as c
from deskapp.domain.errors import RuleError
from deskapp.domain.phone import normalize_phone
from deskapp.services import dto, queries

from . import i18n, theme
from .context import AppContext
from .dialog_base import RememberingDialog

MANDATED_QUESTION = "您好！您是第一次来吗？之前我们这边有人与您联系过吗？"  # R2, verbatim: never translated
PREVIEW_DELAY_MS = 150
CONTACT_NONE = ""
CONTACT_UNKNOWN = "unknown"
_DIGITS = re.compile(r"[\d+]")


def customer_ref(hit: dto.CustomerHit) -> str:
    """How a command names an existing customer: the phone (unique) or else the name."""
    return hit.phone or hit.name


def parse_group(text: str) -> list[c.Party]:
    """'name phone' per line (either may be missing); raises RuleError for a bad phone."""
    parties = []
    for line in text.splitlines():
        tokens = [t for t in re.split(r"[\s,，、;；]+", line.strip()) if t]
        if not tokens:
            continue
        phone_parts = [t for t in tokens if _DIGITS.search(t) and sum(ch.isdigit() for ch in t) >= 3]
        name_parts = [t for t in tokens if t not in phone_parts]
        phone = "".join(phone_parts) or None
        if phone is not None:
            normalize_phone(phone)
        parties.append(c.Party(name="".join(name_parts) or None, phone=phone))
    return parties


class CheckInDialog(RememberingDialog):
    """Records a party's arrival: both R2 answers are required; the proposal is previewed live."""

    customer_checked_in = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._linked: dto.CustomerHit | None = None  # an existing customer the receptionist confirmed
        self._phone_hit: dto.CustomerHit | None = None
        self._last_preview_cmd = None
        self._last_decision = None
        self._suggest_for = "name"  # which field the suggestion list follows: phone | name
        self.setWindowTitle(self.tr("来访登记"))
        self.setSizeGripEnabled(True)
        self._build()
        self._connect_signals()
        self._phone_edit.setFocus()
        self._update_preview()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        base = self.font()
        question = QFrame(self)
        question.setObjectName("question")
        ql = QVBoxLayout(question)
        ql.setContentsMargins(16, 10, 16, 12)
        ql.setSpacing(2)
        ask = QLabel(self.tr("请先问客户（第2条，原话）："), question)
        ask.setObjectName("caption")
        ask.setWordWrap(True)  # the English caption quotes the question: it must not set the dialog's width
        self._question_label = QLabel(MANDATED_QUESTION, question)
        self._question_label.setFont(theme.scaled(base, 1.3, bold=True))
        self._question_label.setWordWrap(True)
        self._question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ql.addWidget(ask)
        ql.addWidget(self._question_label)

        self._phone_edit = QLineEdit(self)
        self._phone_edit.setObjectName("phoneEdit")
        self._phone_edit.setPlaceholderText(self.tr("手机号或带区号的座机；可先空着，稍后补登记"))
        self._phone_edit.setFont(theme.scaled(base, 1.25))
        self._phone_edit.setClearButtonEnabled(True)
        self._match_label = QLabel(self)
        self._match_label.setTextFormat(Qt.TextFormat.RichText)
        self._match_label.setWordWrap(True)
        self._phone_error = self._error_label()

        self._first_yes = QRadioButton(self.tr("是，第一次来 (&Y)"), self)
        self._first_no = QRadioButton(self.tr("不是，来过 (&N)"), self)
        self._first_group = QButtonGroup(self)
        self._first_group.addButton(self._first_yes, 1)
        self._first_group.addButton(self._first_no, 0)
        self._first_error = self._error_label()

        self._contact_combo = QComboBox(self)
        self._contact_combo.addItem(self.tr("没有人联系过"), CONTACT_NONE)
        self._contact_combo.addItem(self.tr("来过但说不清是谁"), CONTACT_UNKNOWN)
        self._names_combo = QComboBox(self)
        self._names_combo.addItem(self.tr("（未指定）"), CONTACT_NONE)
        for st in self._consultants():
            label = st.name + (f"（{st.team}）" if st.team else "")
            self._contact_combo.addItem(self.tr("有：{name}").format(name=label), st.key)
            self._names_combo.addItem(label, st.key)

        self._name_edit = QLineEdit(self)
        self._name_edit.setPlaceholderText(self.tr("客户姓名（可输入拼音查找老客户）"))
        self._suggest_caption = QLabel(self)
        self._suggest_caption.setObjectName("caption")
        self._suggest_list = QListWidget(self)
        self._suggest_list.setObjectName("suggestions")
        self._suggest_list.setMaximumHeight(118)
        self._suggest_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._linked_label = QLabel(self)
        self._linked_label.setTextFormat(Qt.TextFormat.RichText)
        self._linked_label.setWordWrap(True)
        self._unlink_button = QToolButton(self)
        self._unlink_button.setText(self.tr("不是同一人"))
        self._unlink_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        self._source_combo = QComboBox(self)
        for key in i18n.SOURCE:
            self._source_combo.addItem(i18n.label(i18n.SOURCE, key), key)

        self._more_button = QToolButton(self)
        self._more_button.setText(self.tr("更多：介绍人、亲属、团购 ▸"))
        self._more_button.setCheckable(True)
        self._more_button.setAutoRaise(True)
        self._more_box = QFrame(self)
        self._referrer_edit = QLineEdit(self._more_box)
        self._referrer_edit.setPlaceholderText(self.tr("介绍人（老客户）电话或姓名"))
        self._accompanied_check = QCheckBox(self.tr("介绍人陪同前来"), self._more_box)
        self._accompanied_check.setChecked(True)
        self._referrer_label = QLabel(self._more_box)
        self._family_edit = QLineEdit(self._more_box)
        self._family_edit.setPlaceholderText(self.tr("亲属（老客户）电话或姓名"))
        self._relation_combo = QComboBox(self._more_box)
        for key in i18n.RELATION:
            self._relation_combo.addItem(i18n.label(i18n.RELATION, key), key)
        self._family_label = QLabel(self._more_box)
        self._group_edit = QPlainTextEdit(self._more_box)
        self._group_edit.setPlaceholderText(self.tr("团购同行人，每行一位：姓名 电话"))
        self._group_edit.setTabChangesFocus(True)
        self._group_edit.setFixedHeight(72)
        self._group_error = self._error_label()
        ml = QGridLayout(self._more_box)
        ml.setContentsMargins(0, 4, 0, 0)
        ml.setHorizontalSpacing(10)
        ml.setVerticalSpacing(6)
        ml.addWidget(self._caption(self.tr("介绍人")), 0, 0)
        ml.addWidget(self._referrer_edit, 0, 1)
        ml.addWidget(self._accompanied_check, 0, 2)
        ml.addWidget(self._referrer_label, 1, 1, 1, 2)
        ml.addWidget(self._caption(self.tr("亲属")), 2, 0)
        ml.addWidget(self._family_edit, 2, 1)
        ml.addWidget(self._relation_combo, 2, 2)
        ml.addWidget(self._family_label, 3, 1, 1, 2)
        ml.addWidget(self._caption(self.tr("团购")), 4, 0, Qt.AlignmentFlag.AlignTop)
        ml.addWidget(self._group_edit, 4, 1, 1, 2)
        ml.addWidget(self._group_error, 5, 1, 1, 2)
        ml.setColumnStretch(1, 1)
        self._more_box.hide()

        form = QGridLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        form.setColumnMinimumWidth(0, 84)
        r = 0
        form.addWidget(self._caption(self.tr("电话")), r, 0)
        form.addWidget(self._phone_edit, r, 1, 1, 2)
        r += 1
        form.addWidget(self._match_label, r, 1, 1, 2)
        r += 1
        form.addWidget(self._phone_error, r, 1, 1, 2)
        r += 1
        form.addWidget(self._caption(self.tr("第一次来？")), r, 0)
        answers = QHBoxLayout()
        answers.setSpacing(18)
        answers.addWidget(self._first_yes)
        answers.addWidget(self._first_no)
        answers.addStretch(1)
        form.addLayout(answers, r, 1, 1, 2)
        r += 1
        form.addWidget(self._first_error, r, 1, 1, 2)
        r += 1
        form.addWidget(self._caption(self.tr("谁联系过？")), r, 0)
        form.addWidget(self._contact_combo, r, 1, 1, 2)
        r += 1
        form.addItem(self._spacer(10), r, 0)
        r += 1
        form.addWidget(self._caption(self.tr("姓名")), r, 0)
        form.addWidget(self._name_edit, r, 1, 1, 2)
        r += 1
        form.addWidget(self._suggest_caption, r, 1, 1, 2)
        r += 1
        form.addWidget(self._suggest_list, r, 1, 1, 2)
        r += 1
        linked = QHBoxLayout()
        linked.addWidget(self._linked_label, 1)
        linked.addWidget(self._unlink_button)
        form.addLayout(linked, r, 1, 1, 2)
        r += 1
        form.addWidget(self._caption(self.tr("来源")), r, 0)
        form.addWidget(self._source_combo, r, 1, 1, 2)
        r += 1
        form.addWidget(self._caption(self.tr("指定顾问")), r, 0)
        form.addWidget(self._names_combo, r, 1, 1, 2)
        r += 1
        form.addWidget(self._more_button, r, 1, 1, 2, Qt.AlignmentFlag.AlignLeft)
        r += 1
        form.addWidget(self._more_box, r, 0, 1, 3)
        form.setColumnStretch(1, 1)

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(question)
        left.addLayout(form)
        left.addStretch(1)

        # ---- the proposal
        self._preview_card = QFrame(self)
        self._preview_card.setObjectName("card")
        self._preview_card.setMinimumWidth(340)
        pl = QVBoxLayout(self._preview_card)
        pl.setContentsMargins(18, 16, 18, 16)
        pl.setSpacing(8)
        title = QLabel(self.tr("系统建议"), self._preview_card)
        title.setObjectName("caption")
        self._receiver_label = QLabel(self._preview_card)
        self._receiver_label.setObjectName("receiverLabel")
        self._receiver_label.setFont(theme.scaled(base, 1.9, bold=True))
        self._receiver_label.setWordWrap(True)
        self._turn_label = QLabel(self._preview_card)
        self._notify_label = QLabel(self._preview_card)
        self._notify_label.setObjectName("notifyLabel")
        self._notify_label.setWordWrap(True)
        self._notify_label.setStyleSheet(
            f"QLabel#notifyLabel {{ background: {theme.BADGE_BG}; color: {theme.BADGE_FG}; border: 1px solid "
            f"{theme.BADGE_LINE}; border-radius: 8px; padding: 8px 10px; font-weight: 600; }}")
        self._assist_label = QLabel(self._preview_card)
        self._owner_label = QLabel(self._preview_card)
        self._rules_label = QLabel(self._preview_card)
        self._rules_label.setObjectName("rulesLabel")
        self._rules_label.setWordWrap(True)
        self._rules_label.setStyleSheet(f"QLabel#rulesLabel {{ color: {theme.ACCENT_DARK}; font-weight: 600; }}")
        self._explanation_label = QLabel(self._preview_card)
        self._explanation_label.setObjectName("explanationLabel")
        self._explanation_label.setWordWrap(True)
        self._explanation_label.setStyleSheet(f"QLabel#explanationLabel {{ color: {theme.INK}; }}")
        self._preview_hint = QLabel(self._preview_card)
        self._preview_hint.setObjectName("hint")
        self._preview_hint.setWordWrap(True)
        self._preview_error = self._error_label()
        for w in (title, self._receiver_label, self._turn_label, self._notify_label, self._assist_label,
                  self._owner_label, self._rules_label, self._explanation_label, self._preview_hint,
                  self._preview_error):
            pl.addWidget(w)
        pl.addStretch(1)

        self._confirm_button = QPushButton(self.tr("确认登记 (Enter)"), self)
        self._confirm_button.setObjectName("primary")
        self._confirm_button.setDefault(True)
        self._confirm_button.setAutoDefault(True)
        self._confirm_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._cancel_button = QPushButton(self.tr("取消 (Esc)"), self)
        self._cancel_button.setAutoDefault(False)
        self._cancel_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self._confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self._cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self._error_summary = self._error_label()

        right = QVBoxLayout()
        right.addWidget(self._preview_card, 1)

        body = QHBoxLayout()
        body.setSpacing(18)
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self._error_summary, 1)
        bottom.addWidget(buttons)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 18, 20, 16)
        lay.setSpacing(14)
        lay.addLayout(body, 1)
        lay.addLayout(bottom)

        QWidget.setTabOrder(self._phone_edit, self._first_yes)
        QWidget.setTabOrder(self._first_yes, self._first_no)
        QWidget.setTabOrder(self._first_no, self._contact_combo)
        QWidget.setTabOrder(self._contact_combo, self._name_edit)
        QWidget.setTabOrder(self._name_edit, self._source_combo)
        QWidget.setTabOrder(self._source_combo, self._names_combo)
        QWidget.setTabOrder(self._names_combo, self._more_button)
        QWidget.setTabOrder(self._more_button, self._referrer_edit)
        QWidget.setTabOrder(self._referrer_edit, self._accompanied_check)
        QWidget.setTabOrder(self._accompanied_check, self._family_edit)
        QWidget.setTabOrder(self._family_edit, self._relation_combo)
        QWidget.setTabOrder(self._relation_combo, self._group_edit)
        self._suggest_list.hide()
        self._suggest_caption.hide()
        self._show_linked()
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.resize(1020, 640)

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("error")
        label.setWordWrap(True)
        label.hide()
        return label

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("caption")
        return label

    @staticmethod
    def _spacer(h: int):
        from PySide6.QtWidgets import QSpacerItem

        return QSpacerItem(1, h, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)

    def _consultants(self) -> list[dto.StaffView]:
        return [s for s in queries.staff(self._ctx.office) if s.active and s.role in ("consultant", "team_leader")]

    def _connect_signals(self) -> None:
        self._phone_edit.textChanged.connect(self._on_phone_changed)
        self._phone_edit.editingFinished.connect(self._on_phone_edited)
        self._name_edit.textChanged.connect(self._on_name_changed)
        self._first_group.idToggled.connect(self._on_first_visit_toggled)
        self._suggest_list.itemActivated.connect(self._on_suggestion_activated)
        self._suggest_list.itemClicked.connect(self._on_suggestion_activated)
        self._unlink_button.clicked.connect(self._on_unlink_clicked)
        self._more_button.toggled.connect(self._on_more_toggled)
        for combo in (self._contact_combo, self._names_combo, self._source_combo, self._relation_combo):
            combo.currentIndexChanged.connect(self._on_input_changed)
        self._referrer_edit.textChanged.connect(self._on_referrer_changed)
        self._family_edit.textChanged.connect(self._on_family_changed)
        self._accompanied_check.toggled.connect(self._on_input_changed)
        self._group_edit.textChanged.connect(self._on_input_changed)
        self._preview_timer.timeout.connect(self._update_preview)
        self._confirm_button.clicked.connect(self._on_confirm_clicked)
        self._cancel_button.clicked.connect(self.reject)
        for w in (self._first_yes, self._first_no, self._phone_edit, self._name_edit):
            w.installEventFilter(self)

    # ------------------------------------------------------------------ keyboard
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if obj in (self._first_yes, self._first_no) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                if key in (Qt.Key.Key_Y, Qt.Key.Key_1):
                    self._first_yes.setChecked(True)
                    self._first_yes.setFocus()
                    return True
                if key in (Qt.Key.Key_N, Qt.Key.Key_2, Qt.Key.Key_0):
                    self._first_no.setChecked(True)
                    self._first_no.setFocus()
                    return True
            if obj in (self._phone_edit, self._name_edit) and self._suggest_list.isVisible():
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    n = self._suggest_list.count()
                    cur = self._suggest_list.currentRow()
                    step = 1 if key == Qt.Key.Key_Down else -1
                    self._suggest_list.setCurrentRow(max(0, min(n - 1, cur + step)) if cur >= 0 else 0)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._suggest_list.currentRow() >= 0:
                    self._on_suggestion_activated(self._suggest_list.currentItem())
                    return True
        return super().eventFilter(obj, event)

    # ------------------------------------------------------------------ scripting (screenshots, tests)
    def fill(self, phone: str | None = None, first_visit: bool | None = None, name: str | None = None) -> None:
        """Type into the form as a receptionist would (only the fields given)."""
        if phone is not None:
            self._phone_edit.setText(phone)
        if name is not None:
            self._name_edit.setText(name)
        if first_visit is True:
            self._first_yes.setChecked(True)
        elif first_visit is False:
            self._first_no.setChecked(True)

    # ------------------------------------------------------------------ reading the form
    def first_visit(self) -> bool | None:
        if self._first_yes.isChecked():
            return True
        if self._first_no.isChecked():
            return False
        return None

    def _answers(self) -> c.Answers:
        contacted = self._contact_combo.currentData() or None
        names = self._names_combo.currentData() or None
        return c.Answers(first_visit=self.first_visit(), contacted_by=contacted, names=names)

    def _phone_text(self) -> str:
        return self._phone_edit.text().strip()

    def build_command(self, validate: bool = True) -> c.Arrive:
        """The Arrive command the form describes; RuleError for a bad phone or group line."""
        phone = self._phone_text() or None
        if phone is not None:
            phone = normalize_phone(phone)
        group = tuple(parse_group(self._group_edit.toPlainText())) if self._more_button.isChecked() else ()
        referrer = self._referrer_edit.text().strip() if self._more_button.isChecked() else ""
        family = self._family_edit.text().strip() if self._more_button.isChecked() else ""
        return c.Arrive(
            answers=self._answers(),
            name=self._name_edit.text().strip() or None,
            phone=phone,
            is_customer=customer_ref(self._linked) if self._linked is not None else None,
            family_of=family or None,
            relation=self._relation_combo.currentData() if family else None,
            referred_by=referrer or None,
            accompanied=self._accompanied_check.isChecked() if referrer else None,
            group=group,
            source=self._source_combo.currentData(),
        )

    # ------------------------------------------------------------------ live lookups
    @Slot(str)
    def _on_phone_changed(self, text: str) -> None:
        self._set_error(self._phone_error, None)
        self._phone_edit.setProperty("invalid", False)
        self._repolish(self._phone_edit)
        digits = "".join(ch for ch in text if ch.isdigit())
        self._phone_hit = queries.match_phone(self._ctx.office, text) if len(digits) >= 7 else None
        if self._phone_hit is not None:
            self._match_label.setText(self._hit_html(self._phone_hit, self.tr("老客户")))
            self._match_label.show()
            self._suggest("phone", [])
        else:
            self._match_label.setText("")
            self._match_label.hide()
            hits = queries.find_customers(self._ctx.service, digits, limit=6) if 4 <= len(digits) < 11 else []
            self._suggest("phone", hits)
        self._on_input_changed()

    @Slot()
    def _on_phone_edited(self) -> None:
        text = self._phone_text()
        if text:
            try:
                normalize_phone(text)
            except RuleError as err:
                self._show_phone_error(err)

    @Slot(str)
    def _on_name_changed(self, text: str) -> None:
        text = text.strip()
        hits = [h for h in queries.find_customers(self._ctx.service, text, limit=6)
                if self._phone_hit is None or h.id != self._phone_hit.id] if text else []
        if self._linked is not None and any(h.id == self._linked.id for h in hits):
            hits = []
        self._suggest("name", hits)
        self._on_input_changed()

    def _suggest(self, source: str, hits: list[dto.CustomerHit]) -> None:
        if source != self._suggest_for and not hits and self._suggest_list.count():
            return  # another field's suggestions stay until that field changes
        self._suggest_for = source
        self._suggest_list.clear()
        for hit in hits[:6]:
            item = QListWidgetItem(self._hit_line(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self._suggest_list.addItem(item)
        visible = bool(hits)
        self._suggest_list.setVisible(visible)
        self._suggest_caption.setVisible(visible)
        if visible:
            self._suggest_caption.setText(
                self.tr("可能是这些老客户（↑↓ 选择，Enter 确认为同一人）") if source == "name"
                else self.tr("电话相近的老客户（↑↓ 选择，Enter 确认）"))
            self._suggest_list.setFixedHeight(min(118, 6 + 26 * len(hits[:6])))

    def _hit_line(self, hit: dto.CustomerHit) -> str:
        last = hit.last_visit.strftime("%Y-%m-%d") if hit.last_visit else "—"
        owner = hit.owner_name if hit.owner else self.tr("无归属")
        return self.tr("{name}　{phone}　归属：{owner}　上次来访：{last}").format(
            name=hit.name, phone=queries.masked(hit.phone), owner=owner, last=last)

    def _hit_html(self, hit: dto.CustomerHit, what: str) -> str:
        last = hit.last_visit.strftime("%Y-%m-%d %H:%M") if hit.last_visit else "—"
        owner = hit.owner_name if hit.owner else self.tr("无归属")
        cont = "" if not hit.owner else ("　✓ " + self.tr("回访连续") if hit.continuous else "　✗ " + self.tr("回访中断"))
        head = self.tr("{what}：{name}").format(what=what, name=hit.name)
        return (f"<span style='color:{theme.ACCENT_DARK}; font-weight:600'>{head}</span>"
                f"<span style='color:{theme.MUTED}'>　" + self.tr("归属：{owner}　上次来访：{last}").format(
                    owner=owner, last=last) + f"{cont}</span>")

    @Slot(QListWidgetItem)
    def _on_suggestion_activated(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        hit: dto.CustomerHit = item.data(Qt.ItemDataRole.UserRole)
        if self._suggest_for == "phone":
            self._phone_edit.setText(hit.phone)  # an exact phone: the rulebook recognises the customer
            self._phone_edit.setFocus()
        else:
            self._linked = hit  # mechanics 21: same person, maybe another phone
            self._name_edit.blockSignals(True)
            self._name_edit.setText(hit.name)
            self._name_edit.blockSignals(False)
        self._suggest(self._suggest_for, [])
        self._suggest_list.hide()
        self._suggest_caption.hide()
        self._show_linked()
        self._on_input_changed()

    def link_customer(self, hit: dto.CustomerHit) -> None:
        """Confirm the party is this existing customer (what choosing a suggestion does)."""
        self._linked = hit
        self._show_linked()
        self._on_input_changed()

    @Slot()
    def _on_unlink_clicked(self) -> None:
        self._linked = None
        self._show_linked()
        self._on_input_changed()

    def _show_linked(self) -> None:
        has = self._linked is not None
        self._linked_label.setVisible(has)
        self._unlink_button.setVisible(has)
        if has:
            self._linked_label.setText(self._hit_html(self._linked, self.tr("已确认为同一人")))

    def _resolve(self, text: str) -> dto.CustomerHit | None:
        text = text.strip()
        if not text:
            return None
        hit = queries.match_phone(self._ctx.office, text)
        if hit is not None:
            return hit
        return next((h for h in queries.find_customers(self._ctx.service, text, limit=10) if h.name == text), None)

    def _show_ref(self, label: QLabel, text: str) -> None:
        if not text.strip():
            label.setText("")
            return
        hit = self._resolve(text)
        if hit is None:
            label.setText(f"<span style='color:{theme.DANGER}'>" + self.tr("未找到该客户") + "</span>")
        else:
            label.setText(self._hit_html(hit, self.tr("客户")))

    @Slot(str)
    def _on_referrer_changed(self, text: str) -> None:
        self._show_ref(self._referrer_label, text)
        self._on_input_changed()

    @Slot(str)
    def _on_family_changed(self, text: str) -> None:
        self._show_ref(self._family_label, text)
        self._on_input_changed()

    @Slot(bool)
    def _on_more_toggled(self, on: bool) -> None:
        self._more_box.setVisible(on)
        self._more_button.setText(self.tr("更多：介绍人、亲属、团购 ▾") if on else self.tr("更多：介绍人、亲属、团购 ▸"))
        self._on_input_changed()

    @Slot(int, bool)
    def _on_first_visit_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._set_error(self._first_error, None)
            self._on_input_changed()

    @Slot()
    def _on_input_changed(self) -> None:
        self._set_error(self._error_summary, None)
        self._preview_timer.start()

    # ------------------------------------------------------------------ the proposal
    def decision(self):
        """The last previewed decision (None when the form is incomplete)."""
        return self._last_decision

    def preview_now(self) -> None:
        self._preview_timer.stop()
        self._update_preview()

    @Slot()
    def _update_preview(self) -> None:
        try:
            cmd = self.build_command()
        except RuleError:
            self._show_decision(None, self.tr("电话号码还不完整"))
            return
        if cmd.answers.first_visit is None:
            self._show_decision(None, self.tr("请先问客户并选择：是否第一次来（Y / N）"))
            return
        if cmd == self._last_preview_cmd and self._last_decision is not None:
            return
        try:
            decision = self._ctx.preview(cmd)
        except RuleError as err:
            self._last_preview_cmd = None
            self._show_decision(None, None, i18n.error_message(err, self._ctx.lang))
            return
        self._last_preview_cmd = cmd
        self._show_decision(decision)

    def _show_decision(self, d, hint: str | None = None, error: str | None = None) -> None:
        self._last_decision = d
        name = self._ctx.office.name
        widgets = (self._receiver_label, self._turn_label, self._notify_label, self._assist_label, self._owner_label,
                   self._rules_label, self._explanation_label)
        if d is None:
            for w in widgets:
                w.hide()
            self._preview_hint.setText(hint or "")
            self._preview_hint.setVisible(bool(hint))
            self._set_error(self._preview_error, error)
            return
        self._preview_hint.hide()
        self._set_error(self._preview_error, None)
        if d.receiver:
            self._receiver_label.setText(self.tr("接待：{name}").format(name=name(d.receiver)))
        else:
            self._receiver_label.setText(self.tr("暂无人可接待：排队等候"))
        self._turn_label.setText(self.tr("轮次：{turn}").format(turn=i18n.label(i18n.TURN, d.turn or "none")))
        notify = [name(k) for k in d.notify]
        self._notify_label.setText(self.tr("请通知：{names}").format(names="、".join(notify)) if notify else "")
        self._assist_label.setText(self.tr("先行协助：{name}").format(name=name(d.assist)) if d.assist else "")
        owner = d.owner if d.owner and d.owner != "none" else None
        owner_text = name(owner) if owner else self.tr("暂无（须登记姓名和电话，R9）")
        extra = "　" + self.tr("登记后公示一天（R20）") if d.notice else ""
        self._owner_label.setText(self.tr("归属：{owner}").format(owner=owner_text) + extra)
        self._rules_label.setText(self.tr("依据：{rules}").format(rules=i18n.rules_text(d.rules)))
        text = d.explanation_zh if self._ctx.lang.startswith("zh") else (d.explanation_en or d.explanation_zh)
        self._explanation_label.setText(text)
        for w in widgets:
            w.setVisible(bool(w.text()))

    # ------------------------------------------------------------------ confirming
    def _set_error(self, label: QLabel, text: str | None) -> None:
        label.setText(text or "")
        label.setVisible(bool(text))

    def _show_phone_error(self, err: RuleError) -> None:
        self._set_error(self._phone_error, i18n.error_message(err, self._ctx.lang))
        self._phone_edit.setProperty("invalid", True)
        self._repolish(self._phone_edit)

    @staticmethod
    def _repolish(w: QWidget) -> None:
        w.style().unpolish(w)
        w.style().polish(w)

    def error_text(self) -> str:
        """Every inline error now shown (tests read it)."""
        return "\n".join(lab.text() for lab in (self._phone_error, self._first_error, self._group_error,
                                                 self._preview_error, self._error_summary) if lab.isVisible())

    @Slot()
    def _on_confirm_clicked(self) -> None:
        self.confirm()

    def confirm(self) -> bool:
        """Validate, run the check-in, emit customer_checked_in and close; False (errors shown) otherwise."""
        ok = True
        try:
            if self._phone_text():
                normalize_phone(self._phone_text())
        except RuleError as err:
            self._show_phone_error(err)
            ok = False
        try:
            parse_group(self._group_edit.toPlainText()) if self._more_button.isChecked() else None
            self._set_error(self._group_error, None)
        except RuleError as err:
            self._set_error(self._group_error, i18n.error_message(err, self._ctx.lang))
            ok = False
        if self.first_visit() is None:
            self._set_error(self._first_error, self.tr("必须记录客户的回答：是否第一次来（第2条）"))
            ok = False
        if not ok:
            self._set_error(self._error_summary, self.tr("请先改正红色标出的内容"))
            return False
        cmd = self.build_command()
        try:
            decision = self._ctx.run(cmd)
        except RuleError as err:
            self._set_error(self._error_summary, i18n.error_message(err, self._ctx.lang))
            return False
        self.customer_checked_in.emit(decision.customer or cmd.name or cmd.phone or "")
        self.accept()
        return True
