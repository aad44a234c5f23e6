"""The scenario file vocabulary (shared/SCENARIOS.md): a malformed file is rejected before anything runs."""

from __future__ import annotations

import datetime as dt
import re


class Malformed(Exception):
    def __init__(self, step: int | None, reason: str):
        super().__init__(reason)
        self.step = step
        self.reason = reason


STR, BOOL, DATE, TIME, PHONE, ANY = "str", "bool", "date", "time", "phone", "any"
ROLES = {"receptionist", "consultant", "team_leader", "supervisor", "sales_manager", "site_manager",
         "project_manager", "admin"}
SOURCES = {"walk_in", "staff_referral", "company_relation", "colleague_self", "colleague_referral",
           "consultant_referral", "business_contact", "leader_guest", "partner_guest", "offsite", "show_flat"}


def enum(*values):
    return ("enum", frozenset(values))


def listof(item):
    return ("list", item)


def mapping(fields: dict):
    """fields: name -> (type, required)."""
    return ("map", fields)


REQ, OPT = True, False

EXPECT_KEYS = {
    "receiver", "owner", "turn", "next_up", "credits", "notify", "assist", "waiting", "rules", "notice",
    "credit", "split", "sanctions", "admissible", "error",
}

VERBS = {
    "day": DATE,
    "sign_in": listof(STR),
    "sign_out": STR,
    "rest": STR,
    "overtime": STR,
    "leave": mapping({"who": (STR, REQ), "from": (DATE, REQ), "to": (DATE, REQ), "cover": (STR, OPT)}),
    "step_out": mapping({"who": (STR, REQ), "reason": (enum("personal", "official"), REQ)}),
    "back": STR,
    "reorder": listof(STR),
    "duty": mapping({"who": (STR, REQ), "from": (TIME, REQ), "to": (TIME, REQ)}),
    "pre_report": mapping({
        "by": (STR, REQ),
        "customer": (mapping({"name": (STR, OPT), "phone": (PHONE, OPT)}), REQ),
        "kind": (enum("relative", "offsite"), REQ),
    }),
    "arrive": mapping({
        "name": (STR, OPT), "phone": (PHONE, OPT), "as": (STR, OPT), "is": (STR, OPT),
        "family_of": (mapping({"customer": (STR, REQ), "relation": (enum("spouse", "parent", "child", "other"), REQ)}), OPT),
        "referred_by": (STR, OPT), "accompanied": (BOOL, OPT),
        "group": (listof(mapping({"name": (STR, OPT), "phone": (PHONE, OPT)})), OPT),
        "source": (enum(*SOURCES), OPT),
    }),
    "register": mapping({"customer": (STR, REQ), "name": (STR, OPT), "phone": (PHONE, OPT)}),
    "finish": STR,
    "competitor": mapping({"customer": (STR, REQ), "declared": (BOOL, REQ)}),
    "complaint": mapping({"customer": (STR, REQ)}),
    "refuse": STR,
    "follow_up": mapping({"who": (STR, REQ), "customer": (STR, REQ), "date": (DATE, REQ)}),
    "amend": mapping({"record": (enum("follow_up", "visit"), REQ), "customer": (STR, REQ), "who": (STR, REQ)}),
    "claim": mapping({"customer": (STR, REQ), "by": (STR, REQ), "same_as": (STR, OPT)}),
    "close_day": ANY,
    "dispute": mapping({"customer": (STR, REQ), "by": (STR, REQ), "same_as": (STR, OPT)}),
    "ruling": mapping({"customer": (STR, REQ), "by": (STR, OPT), "decision": (STR, REQ), "reason": (STR, OPT)}),
    "deal": mapping({"customer": (STR, REQ), "by": (STR, OPT), "contract_name": (STR, OPT)}),
    "change_consultant": mapping({"customer": (STR, REQ), "to": (STR, REQ)}),
    "depart": mapping({"who": (STR, REQ), "kind": (enum("laid_off", "resigned", "transferred"), REQ),
                       "handover": (STR, OPT)}),
    "sanction": mapping({"who": (STR, REQ), "rule": (STR, REQ)}),
    "grant": mapping({"who": (STR, REQ), "reason": (STR, OPT)}),
    "revoke": mapping({"who": (STR, REQ), "reason": (STR, OPT)}),
    "assign": mapping({"customer": (STR, REQ), "to": (STR, REQ)}),
    "check": ANY,  # validated as expectations
}

ANSWERS = mapping({"first_visit": (BOOL, OPT), "contacted_by": (STR, OPT), "names": (STR, OPT)})
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(value) -> dt.time:
    if isinstance(value, bool):
        raise ValueError("not a time")
    if isinstance(value, int):  # YAML 1.1 reads an unquoted 10:30 as sexagesimal 630
        if 0 <= value < 24 * 60:
            return dt.time(value // 60, value % 60)
        raise ValueError("not a time")
    if isinstance(value, str) and _TIME.match(value.strip()):
        h, m = value.strip().split(":")
        return dt.time(int(h), int(m))
    raise ValueError("not a time")


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise ValueError("not a date")


def check_value(spec, value, where: str, step: int | None) -> None:
    def bad(why):
        raise Malformed(step, f"{where}: {why}")

    if spec == ANY:
        return
    if spec == STR:
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            bad(f"expected text, got {type(value).__name__}")
        return
    if spec == PHONE:
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            bad(f"expected a phone number, got {type(value).__name__}")
        return
    if spec == BOOL:
        if not isinstance(value, bool):
            bad(f"expected true/false, got {value!r}")
        return
    if spec == DATE:
        try:
            parse_date(value)
        except (ValueError, TypeError):
            bad(f"expected a date YYYY-MM-DD, got {value!r}")
        return
    if spec == TIME:
        try:
            parse_time(value)
        except ValueError:
            bad(f"expected a time \"HH:MM\", got {value!r}")
        return
    kind, arg = spec
    if kind == "enum":
        if value not in arg:
            bad(f"expected one of {sorted(arg)}, got {value!r}")
    elif kind == "list":
        if not isinstance(value, list):
            bad(f"expected a list, got {type(value).__name__}")
        for i, item in enumerate(value):
            check_value(arg, item, f"{where}[{i}]", step)
    elif kind == "map":
        if not isinstance(value, dict):
            bad(f"expected a mapping, got {type(value).__name__}")
        for key in value:
            if key not in arg:
                bad(f"unknown key '{key}'")
        for key, (sub, required) in arg.items():
            if key not in value or value[key] is None:
                if required:
                    bad(f"missing required field '{key}'")
                continue
            check_value(sub, value[key], f"{where}.{key}", step)


def check_expect(value, where: str, step: int | None, is_check: bool) -> None:
    if not isinstance(value, dict):
        raise Malformed(step, f"{where}: expected a mapping of expectations")
    for key, v in value.items():
        if key not in EXPECT_KEYS:
            raise Malformed(step, f"{where}: unknown expectation '{key}'")
        if key in ("notify", "waiting", "rules", "notice", "sanctions") and not isinstance(v, list):
            raise Malformed(step, f"{where}.{key}: expected a list")
        if key in ("credits", "admissible") and not isinstance(v, dict):
            raise Malformed(step, f"{where}.{key}: expected a mapping")
        if key == "turn" and v not in ("consumed", "makeup", "none"):
            raise Malformed(step, f"{where}.turn: expected consumed, makeup or none")
        if key == "sanctions":
            for s in v:
                if not isinstance(s, dict) or "who" not in s:
                    raise Malformed(step, f"{where}.sanctions: each item needs who and kind")
        if key == "split" and not isinstance(v, dict):
            raise Malformed(step, f"{where}.split: expected a mapping")


def validate(doc) -> None:
    """Raise Malformed for anything outside the vocabulary; nothing is run for such a file."""
    if not isinstance(doc, dict):
        raise Malformed(None, "the file is not a mapping with title, staff and steps")
    for key in doc:
        if key not in ("title", "policy", "staff", "steps"):
            raise Malformed(None, f"unknown top-level key '{key}'")
    if "staff" not in doc or not isinstance(doc["staff"], dict) or not doc["staff"]:
        raise Malformed(None, "missing or empty 'staff' mapping")
    if "steps" not in doc or not isinstance(doc["steps"], list):
        raise Malformed(None, "missing 'steps' list")
    if "title" in doc and not isinstance(doc["title"], str):
        raise Malformed(None, "'title' must be text")
    if "policy" in doc and doc["policy"] is not None:
        if not isinstance(doc["policy"], dict):
            raise Malformed(None, "'policy' must be a mapping")
        from deskapp.domain.policy import POLICY_SPECS, canonical_policy_name

        for k, v in doc["policy"].items():
            name = canonical_policy_name(str(k))
            if name is None:
                raise Malformed(None, f"unknown policy '{k}'")
            default = POLICY_SPECS[name][0]
            if isinstance(default, bool) != isinstance(v, bool) or not isinstance(v, (bool, int)):
                raise Malformed(None, f"policy '{k}': wrong type {type(v).__name__}")
    for key, person in doc["staff"].items():
        where = f"staff.{key}"
        if not isinstance(person, dict):
            raise Malformed(None, f"{where}: expected a mapping with name, role, team")
        for k in person:
            if k not in ("name", "role", "team"):
                raise Malformed(None, f"{where}: unknown key '{k}'")
        if not isinstance(person.get("name"), str):
            raise Malformed(None, f"{where}: missing name")
        if "role" in person and person["role"] not in ROLES:
            raise Malformed(None, f"{where}: unknown role {person['role']!r}")
    for i, step in enumerate(doc["steps"], start=1):
        if not isinstance(step, dict):
            raise Malformed(i, "a step must be a mapping")
        verbs = [k for k in step if k in VERBS]
        for k in step:
            if k not in VERBS and k not in ("at", "by", "expect", "answers"):
                raise Malformed(i, f"unknown verb or key '{k}'")
        if len(verbs) != 1:
            raise Malformed(i, f"a step needs exactly one verb, found {verbs or 'none'}")
        verb = verbs[0]
        if "answers" in step and verb != "arrive":
            raise Malformed(i, "'answers' belongs to an arrive step")
        if "at" in step:
            check_value(TIME, step["at"], "at", i)
        if "by" in step:
            check_value(STR, step["by"], "by", i)
        spec = VERBS[verb]
        body = step[verb]
        if verb == "close_day":
            pass
        elif verb == "check":
            check_expect(body, "check", i, True)
        else:
            if body is None:
                raise Malformed(i, f"{verb}: missing value")
            check_value(spec, body, verb, i)
        if "answers" in step and step["answers"] is not None:
            check_value(ANSWERS, step["answers"], "answers", i)
        if "expect" in step:
            check_expect(step["expect"], "expect", i, False)
