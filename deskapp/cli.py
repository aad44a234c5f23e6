"""Command line: `deskapp` starts the GUI; sub-commands run scenarios, verify, rebuild, demo, backup, print."""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def _service(args):
    from deskapp.services.persistence import PersistentOfficeService

    return PersistentOfficeService(args.db)


def cmd_scenario(args) -> int:
    from deskapp.services.scenario import run_files

    factory = None
    if not args.memory:
        from deskapp.services.persistence import scenario_service_factory

        factory = scenario_service_factory(args.sc_db or args.db)
    return run_files(args.files, sys.stdout, sys.stderr, factory, pretty=args.pretty)


def cmd_verify(args) -> int:
    from deskapp.services.persistence import verify
    from deskapp.store.migrate import open_store

    engine = open_store(args.db, migrate=False)
    report = verify(engine, full=args.full)
    print(report.message)
    return 0 if report.ok else 1


def cmd_rebuild(args) -> int:
    from deskapp.services.persistence import rebuild
    from deskapp.store.migrate import open_store

    n = rebuild(open_store(args.db))
    print(f"rebuilt the read models from {n} journal entries")
    return 0


def cmd_demo(args) -> int:
    from deskapp.services.demo import build_demo

    service = _service(args)
    if service.head:
        print("this database already holds an office; demo data goes only into an empty one", file=sys.stderr)
        return 1
    with service.bulk():
        info = build_demo(service, seed=args.seed, customers=args.customers, days=args.days)
    print(f"demo office ready: {info.office_name}; PIN for everyone: 1234")
    return 0


def cmd_backup(args) -> int:
    from deskapp.store.backup import backup
    from deskapp.store.migrate import open_store

    backup(open_store(args.db, migrate=False), args.file)
    print(f"backed up to {args.file}")
    return 0


def cmd_restore(args) -> int:
    from deskapp.store.backup import restore
    from deskapp.store.engine import resolve_url

    restore(args.file, str(resolve_url(args.db)))
    print(f"restored from {args.file}")
    return 0


def cmd_print(args) -> int:
    from deskapp.reports import printing

    service = _service(args)
    office = service.office
    if args.what == "notice":
        date = dt.date.fromisoformat(args.date) if args.date else None
        out = printing.notice_pdf(office, date, args.out)
    elif args.what == "visit-sheet":
        out = printing.visit_sheet_pdf(office, int(args.ref), args.out)
    elif args.what == "daily":
        from deskapp.reports.daily_report import daily_report_pdf

        out = daily_report_pdf(service, dt.date.fromisoformat(args.date) if args.date else None, args.out)
    else:
        out = printing.case_pdf(office, args.ref, args.out)
    print(out)
    return 0


def cmd_rules(args) -> int:
    from deskapp.domain.rulebook import CATALOGUE

    for r in CATALOGUE.values():
        print(r.label("en" if args.en else "zh"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deskapp", description="轮接台 — customer attribution at the front desk")
    parser.add_argument("--db", help="database URL (default: $DESKAPP_DB_URL or SQLite in the user data directory)")
    parser.add_argument("--smoke", action="store_true",
                        help="open the main window on a throwaway demo database, check it, and exit (0 = OK)")
    sub = parser.add_subparsers(dest="cmd")

    sc = sub.add_parser("scenario", help="run scenario files headless")
    sc_sub = sc.add_subparsers(dest="scmd", required=True)
    run = sc_sub.add_parser("run", help="run YAML scenario files and print a JSON report per file")
    run.add_argument("files", nargs="+")
    run.add_argument("--pretty", action="store_true", help="indent the JSON reports")
    run.add_argument("--db", dest="sc_db", help="PostgreSQL URL to run against (a fresh database per file)")
    run.add_argument("--memory", action="store_true", help="no database at all (rulebook only)")
    run.set_defaults(func=cmd_scenario)

    rules = sub.add_parser("rules", help="list the rule catalogue (R1-R39; 23 and 39 are not in the received text)")
    rules.add_argument("--en", action="store_true")
    rules.set_defaults(func=cmd_rules)

    v = sub.add_parser("verify", help="check the journal's hash chain and that the saved office state is at its "
                       "head; --full also replays the journal and compares every read-model row")
    v.add_argument("--full", action="store_true", help="replay the whole journal and compare every row (slow)")
    v.set_defaults(func=cmd_verify)
    sub.add_parser("rebuild", help="re-derive the read models from the journal").set_defaults(func=cmd_rebuild)

    demo = sub.add_parser("demo", help="fill an empty database with a realistic demo office")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--customers", type=int, default=5000)
    demo.add_argument("--days", type=int, default=14)
    demo.set_defaults(func=cmd_demo)

    b = sub.add_parser("backup", help="copy the database to FILE (SQLite online backup)")
    b.add_argument("file")
    b.set_defaults(func=cmd_backup)
    r = sub.add_parser("restore", help="restore the database from a backup FILE")
    r.add_argument("file")
    r.set_defaults(func=cmd_restore)

    pr = sub.add_parser("print", help="print a PDF: notice, visit-sheet, case or daily (report)")
    pr.add_argument("what", choices=["notice", "visit-sheet", "case", "daily"])
    pr.add_argument("ref", nargs="?", help="visit id (visit-sheet) or customer (case)")
    pr.add_argument("--date", help="notice date YYYY-MM-DD (default: the current day)")
    pr.add_argument("--out", required=True)
    pr.set_defaults(func=cmd_print)

    # ---- GUI sub-commands (deskapp.ui) are registered here ----
    try:
        from deskapp.app import register_cli

        register_cli(sub)
    except ImportError:
        pass
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from deskapp.domain import RuleError
    from deskapp.store.errors import StoreError

    try:
        if args.smoke:
            from deskapp.smoke import run_smoke

            return run_smoke(args.db)
        if getattr(args, "func", None) is None:
            try:
                from deskapp.app import run_gui
            except ImportError:
                parser.print_help()
                return 0
            return run_gui(args)
        return args.func(args)
    except RuleError as err:
        print(f"deskapp: {err.zh}\n         {err.en}", file=sys.stderr)
        return 2
    except StoreError as err:
        zh = getattr(err, "message_zh", None)
        print(f"deskapp: {zh}\n         {err}" if zh else f"deskapp: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
