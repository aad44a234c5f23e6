"""deskapp started on a database exactly as ``deskapp.app.run_gui`` starts it (without the event loop).

    python tests/bench/startup_app.py DB_URL

``deskapp.app.start_gui`` (what run_gui runs before ``app.exec()``), then processEvents until the window is
visible and the board's consultant model has rows: phase ``board``, seconds since the process started
(on the fast start the board is drawn from the board the desk saved at the journal's last entry, or else
from the saved office state, before SQLAlchemy is imported; the live desk saves the board, so every run
after the first on a copy reads it, as a desk re-opened in the morning does).
Then processEvents until the live service is attached (``ctx.live``; on the fast start that happens right
after the first paint): phase ``live``, also since the process started. The other phases are the seconds
spent in each step (``Desk.phases``: create_application, peek, window, service, panels).

Prints ``BOARD <rows>`` as soon as the board is shown, then ``READY <ru_maxrss KiB> <rows> <phases JSON>``
once the service is live (so the peak RSS is the app with its database open), and exits at once. The
parent times spawn -> READY (spawn -> BOARD is the time to the board). Offscreen: run with
QT_QPA_PLATFORM=offscreen.
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


def _wait(qapp, done, what: str) -> None:
    deadline = time.monotonic() + 120
    while not done():
        qapp.processEvents()
        if time.monotonic() > deadline:
            print(what, flush=True)
            os._exit(3)


def main() -> None:
    url = sys.argv[1]
    phases = {}
    t = time.perf_counter()
    from deskapp import app as deskapp_app

    phases["import"] = time.perf_counter() - t
    desk = deskapp_app.start_gui(sys.argv[:1], url)
    if desk.window is None:
        print(f"NOWINDOW {desk.code}", flush=True)
        os._exit(3)
    qapp, window = desk.app, desk.window
    model = window.board_view.consultant_model()
    _wait(qapp, lambda: window.isVisible() and model.rowCount() > 0, "NOROWS")
    qapp.processEvents()
    phases["board"] = time.perf_counter() - T0
    print(f"BOARD {model.rowCount()}", flush=True)  # the parent may time spawn -> this line ("interactive board")
    _wait(qapp, lambda: desk.live or desk.code is not None, "NOLIVE")
    if not desk.live:
        print(f"NOLIVE {desk.code}", flush=True)
        os._exit(3)
    qapp.processEvents()
    phases["live"] = time.perf_counter() - T0
    phases.update(desk.phases)
    phases["in_process_total"] = time.perf_counter() - T0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"READY {rss} {model.rowCount()} {json.dumps(phases)}", flush=True)
    os._exit(0)  # no Qt teardown: the parent measured what it needed


if __name__ == "__main__":
    main()
