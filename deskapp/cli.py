"""Command line: `deskapp` starts the GUI; sub-commands run scenarios, verify, print and more."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="deskapp", description="轮接台 — customer attribution at the front desk")
    parser.add_argument("--db", help="database URL (default: SQLite in the user data directory)")
    sub = parser.add_subparsers(dest="cmd")
    sc = sub.add_parser("scenario", help="run scenario files headless")
    sc_sub = sc.add_subparsers(dest="scmd", required=True)
    run = sc_sub.add_parser("run", help="run YAML scenario files and print a JSON report per file")
    run.add_argument("files", nargs="+")
    run.add_argument("--pretty", action="store_true", help="indent the JSON reports")
    run.add_argument("--db", dest="sc_db", help="run against this database URL (PostgreSQL) instead of a throwaway SQLite file")
    run.add_argument("--memory", action="store_true", help="no database at all (rulebook only)")
    args = parser.parse_args(argv)
    if args.cmd == "scenario" and args.scmd == "run":
        from deskapp.services.scenario import run_files

        factory = None
        try:
            from deskapp.services.persistence import scenario_service_factory

            if not args.memory:
                factory = scenario_service_factory(args.sc_db or args.db)
        except ImportError:
            factory = None
        return run_files(args.files, sys.stdout, sys.stderr, factory, pretty=args.pretty)
    parser.print_help()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
