"""deskapp started on a database, as ``deskapp.app.run_gui`` does it (without the event loop).

    python tests/bench/startup_app.py DB_URL

create_application -> the service (``deskapp.app.make_service``: PersistentOfficeService(url)) ->
build_main_window -> show -> processEvents until the board's consultant model has rows. Then prints
``READY <ru_maxrss KiB> <rows> <phase timings JSON>`` and exits at once (the parent times spawn -> that
line). Offscreen: run with QT_QPA_PLATFORM=offscreen.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

T0 = time.perf_counter()
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    url = sys.argv[1]
    phases = {}
    t = time.perf_counter()
    from deskapp import app as deskapp_app

    phases["import"] = time.perf_counter() - t
    t = time.perf_counter()
    qapp, lang = deskapp_app.create_application(sys.argv[:1])
    phases["create_application"] = time.perf_counter() - t
    t = time.perf_counter()
    make_service = getattr(deskapp_app, "make_service", None)
    if make_service is None:
        from deskapp.services.persistence import PersistentOfficeService as make_service
    service = make_service(url)
    phases["service"] = time.perf_counter() - t
    t = time.perf_counter()
    ctx, window = deskapp_app.build_main_window(service, lang)
    install_lock = getattr(deskapp_app, "_install_idle_lock", None)  # as run_gui does
    lock = install_lock(ctx, qapp) if callable(install_lock) else None  # noqa: F841 - kept alive
    phases["build_main_window"] = time.perf_counter() - t
    t = time.perf_counter()
    window.show()
    board = window.board_view
    board = board() if callable(board) else board
    model = board.consultant_model()
    deadline = time.monotonic() + 120
    while not (window.isVisible() and model.rowCount() > 0):
        qapp.processEvents()
        if time.monotonic() > deadline:
            print("NOROWS", flush=True)
            os._exit(3)
    qapp.processEvents()
    phases["show"] = time.perf_counter() - t
    phases["in_process_total"] = time.perf_counter() - T0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"READY {rss} {model.rowCount()} {json.dumps(phases)}", flush=True)
    os._exit(0)  # no Qt teardown: the parent measured what it needed


if __name__ == "__main__":
    main()
