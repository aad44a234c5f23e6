"""The scenario runner (shared/SCENARIOS.md): plays a YAML day through the same services the GUI calls."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from deskapp.domain import POOL, RuleError
from deskapp.domain import commands as c
from deskapp.services.office_service import OfficeService
from deskapp.services.scenario_schema import Malformed, parse_date, parse_time, validate

SYSTEM = "__system__"


def _s(v):
    return None if v is None else str(v)


def _rule(r) -> str:
    text = str(r).strip().upper()
    return text if text.startswith("R") else f"R{int(text)}"


def _norm_key(v):
    if v is None:
        return "none"
    return str(v)


@dataclass
class StepResult:
    index: int
    verb: str
    at: str | None
    ok: bool = True
    decision: dict | None = None
    refused: dict | None = None
    expectations: list[dict] = field(default_factory=list)

    def as_dict(self):
        out = {"step": self.index, "verb": self.verb, "at": self.at, "ok": self.ok}
        if self.decision is not None:
            out["decision"] = self.decision
        if self.refused is not None:
            out["refused"] = self.refused
        out["expectations"] = self.expectations
        return out


def build_command(verb: str, body, step: dict) -> c.Command:
    by = _s(step.get("by"))
    if verb == "day":
        return c.OpenDay(parse_date(body), actor=by)
    if verb == "close_day":
        return c.CloseDay(actor=by)
    if verb == "sign_in":
        return c.SignIn(tuple(str(k) for k in body), actor=by)
    if verb == "sign_out":
        return c.SignOut(str(body), actor=by)
    if verb == "rest":
        return c.Rest(str(body), actor=by)
    if verb == "overtime":
        return c.Overtime(str(body), actor=by)
    if verb == "back":
        return c.Back(str(body), actor=by)
    if verb == "refuse":
        return c.Refuse(str(body), actor=by)
    if verb == "finish":
        return c.Finish(str(body), actor=by)
    if verb == "leave":
        return c.Leave(str(body["who"]), parse_date(body["from"]), parse_date(body["to"]), _s(body.get("cover")), actor=by)
    if verb == "step_out":
        return c.StepOut(str(body["who"]), body["reason"], actor=by)
    if verb == "reorder":
        return c.Reorder(tuple(str(k) for k in body), actor=by)
    if verb == "duty":
        return c.Duty(str(body["who"]), parse_time(body["from"]), parse_time(body["to"]), actor=by)
    if verb == "pre_report":
        cust = body["customer"]
        return c.PreReport(str(body["by"]), _s(cust.get("name")), _s(cust.get("phone")), body["kind"], actor=by)
    if verb == "arrive":
        ans = step.get("answers")
        answers = None
        if isinstance(ans, dict):
            answers = c.Answers(ans.get("first_visit"), _s(ans.get("contacted_by")), _s(ans.get("names")))
        fam = body.get("family_of") or {}
        group = tuple(c.Party(_s(p.get("name")), _s(p.get("phone"))) for p in body.get("group") or [])
        return c.Arrive(
            answers, name=_s(body.get("name")), phone=_s(body.get("phone")), alias=_s(body.get("as")),
            is_customer=_s(body.get("is")), family_of=_s(fam.get("customer")), relation=fam.get("relation"),
            referred_by=_s(body.get("referred_by")), accompanied=body.get("accompanied"), group=group,
            source=body.get("source") or "walk_in", actor=by,
        )
    if verb == "register":
        return c.Register(str(body["customer"]), _s(body.get("name")), _s(body.get("phone")), actor=by)
    if verb == "competitor":
        return c.Competitor(str(body["customer"]), body["declared"], actor=by)
    if verb == "complaint":
        return c.Complaint(str(body["customer"]), actor=by)
    if verb == "follow_up":
        return c.FollowUp(str(body["who"]), str(body["customer"]), parse_date(body["date"]), actor=by)
    if verb == "amend":
        return c.Amend(body["record"], str(body["customer"]), str(body["who"]), actor=by)
    if verb == "claim":
        return c.Claim(str(body["customer"]), str(body["by"]), _s(body.get("same_as")), actor=by)
    if verb == "dispute":
        return c.Dispute(str(body["customer"]), str(body["by"]), _s(body.get("same_as")), actor=by)
    if verb == "ruling":
        return c.Ruling(str(body["customer"]), str(body["decision"]), str(body.get("reason") or ""),
                        actor=by or _s(body.get("by")))
    if verb == "deal":
        return c.Deal(str(body["customer"]), _s(body.get("by")), _s(body.get("contract_name")), actor=by)
    if verb == "change_consultant":
        return c.ChangeConsultant(str(body["customer"]), str(body["to"]), actor=by)
    if verb == "depart":
        return c.Depart(str(body["who"]), body["kind"], _s(body.get("handover")), actor=by)
    if verb == "sanction":
        return c.Sanction(str(body["who"]), _rule(body["rule"]), actor=by)
    if verb == "grant":
        return c.Grant(str(body["who"]), str(body.get("reason") or ""), actor=by)
    if verb == "revoke":
        return c.Revoke(str(body["who"]), str(body.get("reason") or ""), actor=by)
    if verb == "assign":
        return c.Assign(str(body["customer"]), str(body["to"]), actor=by)
    raise Malformed(None, f"unknown verb {verb}")


class ScenarioRun:
    """One file played through a fresh office."""

    def __init__(self, doc: dict, service: OfficeService):
        self.doc = doc
        self.service = service
        self.day: dt.date | None = None
        self.time = dt.time(0, 0)

    @property
    def office(self):
        """The service's office now (a persistent service rebuilds it after a failed write)."""
        return self.service.office

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self.day or dt.date(2000, 1, 1), self.time)

    def setup(self) -> None:
        when = dt.datetime(2000, 1, 1)
        policy = self.doc.get("policy") or {}
        if policy:
            self.service.handle(c.SetPolicy(dict(policy), actor=SYSTEM), when)
        for key, person in self.doc["staff"].items():
            self.service.handle(
                c.AddStaff(str(key), person["name"], person.get("role", "consultant"), _s(person.get("team")), actor=SYSTEM),
                when,
            )

    def run(self) -> list[StepResult]:
        self.setup()
        results = []
        for i, step in enumerate(self.doc["steps"], start=1):
            try:
                results.append(self.run_step(i, step))
            except (RuleError, Malformed):
                raise
            except Exception as err:  # a bug must not hide the other steps and files: report it on the step
                verb = next((k for k in step if k not in ("at", "by", "expect", "answers")), "?")
                res = StepResult(i, verb, self.time.strftime("%H:%M"), ok=False)
                res.refused = {"code": "internal_error", "message_en": f"{type(err).__name__}: {err}"}
                res.expectations.append({"key": "error", "expected": None, "actual": "internal_error", "ok": False,
                                         "note": f"internal error: {type(err).__name__}: {err}"})
                results.append(res)
        return results

    def run_step(self, i: int, step: dict) -> StepResult:
        verb = next(k for k in step if k not in ("at", "by", "expect", "answers"))
        body = step[verb]
        if "at" in step:
            self.time = parse_time(step["at"])
        if verb == "day":
            self.day = parse_date(body)
            if "at" not in step:
                self.time = dt.time(0, 0)
        res = StepResult(i, verb, self.time.strftime("%H:%M"))
        expect = dict(step.get("expect") or {})
        if verb == "check":
            expect = dict(body or {})
            decision = None
        else:
            cmd = build_command(verb, body, step)
            try:
                decision = self.service.handle(cmd, self.now())
            except RuleError as err:
                res.refused = {"code": err.code, "message_zh": err.zh, "message_en": err.en}
                want = expect.pop("error", "__none__")
                if want == "__none__":
                    res.ok = False
                    res.expectations.append({"key": "error", "expected": None, "actual": err.code, "ok": False,
                                             "note": "step refused: " + err.en})
                else:
                    ok = want is None or str(want) == "" or str(want) in err.zh or str(want) in err.en or str(want) == err.code
                    res.expectations.append({"key": "error", "expected": want, "actual": err.en, "ok": ok})
                    res.ok = ok
                for key in expect:  # state expectations still apply after a refusal
                    self._expect(res, key, expect[key], None, True)
                return res
            res.decision = {
                "customer": decision.customer, "receiver": decision.receiver, "owner": decision.owner,
                "turn": decision.turn, "notify": decision.notify, "assist": decision.assist,
                "rules": decision.rules, "explanation": decision.explanation_zh,
                "explanation_en": decision.explanation_en, "policy_version": decision.policy_version,
            }
            if "error" in expect:
                want = expect.pop("error")
                res.expectations.append({"key": "error", "expected": want, "actual": None, "ok": False,
                                         "note": "the step was accepted but a refusal was expected"})
                res.ok = False
        for key, want in expect.items():
            self._expect(res, key, want, decision, verb == "check")
        return res

    # ------------------------------------------------------------ expectations
    def _expect(self, res: StepResult, key: str, want, decision, is_check: bool) -> None:
        try:
            actual, ok = self._compare(key, want, decision, is_check)
        except RuleError as err:
            actual, ok = f"error: {err.en}", False
        res.expectations.append({"key": key, "expected": want, "actual": actual, "ok": ok})
        if not ok:
            res.ok = False

    def _owner_label(self, owner) -> str:
        if owner is None:
            return "none"
        return "pool" if owner == POOL else owner

    def _cust_matches(self, label: str, cust) -> bool:
        return label in (cust.alias, cust.name, cust.label)

    def _compare(self, key, want, d, is_check):
        o = self.office
        if key == "receiver":
            actual = _norm_key(d.receiver if d else None)
            return actual, actual == _norm_key(want)
        if key == "owner":
            if isinstance(want, dict):
                actual = {k: self._owner_label(o.customer_of(str(k)).owner) for k in want}
                return actual, all(actual[k] == _norm_key(v) for k, v in want.items())
            actual = _norm_key(d.owner if d else None)
            return actual, actual == _norm_key(want)
        if key == "turn":
            actual = (d.turn if d else None) or "none"
            return actual, actual == want
        if key == "next_up":
            actual = _norm_key(o.next_up(self.now() if is_check else None))
            return actual, actual == _norm_key(want)
        if key == "credits":
            actual = {str(k): o.credits_of(str(k)) for k in want}
            return actual, all(actual[str(k)] == v for k, v in want.items())
        if key == "notify":
            actual = sorted(d.notify) if d else []
            return actual, set(actual) == {str(x) for x in want}
        if key == "assist":
            actual = _norm_key(d.assist if d else None)
            return actual, actual == _norm_key(want)
        if key == "waiting":
            parties = [o.customers[o.visits[v].customer_id] for v in (o.day.waiting if o.day else [])]
            actual = [p.label for p in parties]
            wanted = [str(x) for x in want]
            ok = len(parties) == len(wanted) and all(any(self._cust_matches(w, p) for p in parties) for w in wanted)
            return actual, ok
        if key == "notice":
            parties = [o.customers[e.customer_id] for e in o.notice_today()]
            actual = [p.label for p in parties]
            wanted = [str(x) for x in want]
            ok = len(parties) == len(wanted) and all(any(self._cust_matches(w, p) for p in parties) for w in wanted)
            return actual, ok
        if key == "rules":
            actual = list(d.rules) if d else []
            return actual, {_rule(r) for r in want} <= set(actual)
        if key == "credit":
            if isinstance(want, dict):
                actual = {}
                for k in want:
                    cust = o.customer_of(str(k))
                    deal = next((x for x in reversed(o.deals) if x.customer_id == cust.id), None)
                    actual[k] = _norm_key(deal.credit if deal else None)
                return actual, all(actual[k] == _norm_key(v) for k, v in want.items())
            actual = _norm_key(d.credit if d else None)
            return actual, actual == _norm_key(want)
        if key == "split":
            if is_check and want and all(isinstance(v, dict) for v in want.values()):
                actual = {}
                ok = True
                for k, shares in want.items():
                    cust = o.customer_of(str(k))
                    deal = next((x for x in reversed(o.deals) if x.customer_id == cust.id), None)
                    actual[k] = dict(deal.split) if deal else {}
                    ok = ok and _split_ok(actual[k], shares)
                return actual, ok
            actual = dict(d.split or {}) if d else {}
            return actual, _split_ok(actual, want)
        if key == "sanctions":
            actual = list(d.sanctions) if d else []
            ok = len(actual) == len(want) and all(
                any(all(str(s.get(k)) == str(v) for k, v in w.items()) for s in actual) for w in want
            )
            return actual, ok
        if key == "admissible":
            actual_map = dict(d.admissible or {}) if d else {}
            actual = {str(k): actual_map.get(str(k), False) for k in want}
            return actual, all(actual[str(k)] == bool(v) for k, v in want.items())
        raise Malformed(None, f"unknown expectation {key}")


def _split_ok(actual: dict, want: dict) -> bool:
    return all(math.isclose(float(actual.get(str(k), 0.0)), float(v), abs_tol=1e-6) for k, v in want.items())


@dataclass
class FileReport:
    file: str
    title: str | None
    status: str  # passed | failed | malformed
    steps: list[StepResult] = field(default_factory=list)
    error: dict | None = None

    def as_dict(self):
        out = {"file": self.file, "title": self.title, "status": self.status, "ok": self.status == "passed"}
        if self.error:
            out["error"] = self.error
        out["steps"] = [s.as_dict() for s in self.steps]
        return out


def load(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise Malformed(None, f"cannot read file: {err}") from err
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise Malformed(None, f"not valid YAML: {err}") from err
    validate(doc)
    return doc


def run_file(path: Path, service_factory=None) -> FileReport:
    try:
        doc = load(path)
    except Malformed as err:
        return FileReport(str(path), None, "malformed", error={"step": err.step, "reason": err.reason})
    service = service_factory() if service_factory else OfficeService()
    try:
        steps = ScenarioRun(doc, service).run()
    finally:
        close = getattr(service, "close", None)
        if close:
            close()
    status = "passed" if all(s.ok for s in steps) else "failed"
    return FileReport(str(path), doc.get("title"), status, steps)


def run_files(paths: list[str], out, err, service_factory=None, pretty: bool = False) -> int:
    worst = 0
    for p in paths:
        rep = run_file(Path(p), service_factory)
        out.write(json.dumps(rep.as_dict(), ensure_ascii=False, indent=2 if pretty else None, default=str) + "\n")
        if rep.status == "malformed":
            step = f" step {rep.error['step']}" if rep.error.get("step") else ""
            err.write(f"MALFORMED {p}{step}: {rep.error['reason']}\n")
            worst = max(worst, 2)
        elif rep.status == "failed":
            worst = max(worst, 1)
            for s in rep.steps:
                if not s.ok:
                    for e in s.expectations:
                        if not e["ok"]:
                            err.write(f"FAIL {p} step {s.index} ({s.verb}): {e['key']} expected {e['expected']!r}, "
                                      f"got {e['actual']!r}{' — ' + e['note'] if e.get('note') else ''}\n")
        else:
            err.write(f"PASS {p} ({len(rep.steps)} steps)\n")
    return worst
