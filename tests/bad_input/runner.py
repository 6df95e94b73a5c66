"""Runs a batch of bad-input cases through the real CLI (`agreekit.cli.main`) in this one process.

Started by commands_test.py as a child with a memory cap (and, as root, without the right to
bypass file modes). It reads the runs as JSON on stdin and prints one JSON answer per run: the
exit code, stdout, stderr and whether it raised through the CLI or hung. One process for many
cases keeps the corpus fast: the imports are paid once, not once per case.

A run may name `api`: routes (path -> [status, body]) served on 127.0.0.1 while it runs, its URL
given to the run as GITHUB_API_URL.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from click.testing import CliRunner

HANG_GUARD = 30  # seconds for one run: not a speed target, only a stop for a hang


class Hang(BaseException):
    """The run took longer than HANG_GUARD; BaseException, so no `except Exception` hides it."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def _serve(routes: dict[str, list[Any]]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path.split("?", 1)[0]
            status, body = routes.get(path, [404, '{"message": "Not Found"}'])
            data = body.encode("utf-8") if isinstance(body, str) else bytes(body)
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            # agreekit stops reading a too large answer, as it should: the peer resets then
            with contextlib.suppress(ConnectionError):
                self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_one(run: dict[str, Any]) -> dict[str, Any]:
    from agreekit.cli import main

    env = dict(run.get("env", {}))
    server = None
    if run.get("api") is not None:
        server = _serve(run["api"])
        env["GITHUB_API_URL"] = f"http://127.0.0.1:{server.server_address[1]}"
    os.chdir(run["cwd"])
    signal.alarm(HANG_GUARD)
    try:
        result = CliRunner().invoke(main, run["args"], env=env, prog_name="agreekit")
        raised = ""
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raised = "".join(traceback.format_exception(result.exception))
        return {
            "code": result.exit_code,
            "stdout": result.stdout,
            "stderr": result.stderr,
            "raised": raised,
            "hung": False,
        }
    except Hang:
        return {"code": None, "stdout": "", "stderr": "", "raised": "", "hung": True}
    finally:
        signal.alarm(0)
        if server is not None:
            server.shutdown()
            server.server_close()


def main() -> None:
    signal.signal(signal.SIGALRM, _alarm)
    runs = json.load(sys.stdin)
    answers: dict[str, Any] = {}
    target = sys.argv[1]
    for run in runs:
        answers[run["name"]] = run_one(run)
        with open(target + ".tmp", "w", encoding="utf-8") as stream:  # kept if a later run crashes
            json.dump(answers, stream)
        os.replace(target + ".tmp", target)


if __name__ == "__main__":
    main()
