"""Work that makes bytes, done in a forked child process while this one builds something else.

`agreekit build` writes the Word copy from the checked agreement alone, so it need not wait for
MkDocs: on a machine with two cores the copy is made beside the site instead of after it (the
CPU time is the same; the wait is shorter). The child only computes: it writes no file and prints
nothing, and hands its bytes back through a pipe; the parent writes them where they belong.

If the work fails in the child, the parent runs it again itself, so that the failure is raised
here exactly as it would have been (its type, message and traceback). Where forking is not
known to be safe (outside Linux: macOS frameworks may not survive a fork without exec) or is not
safe now (another thread is running, which may hold a lock the child would inherit), the work
runs in this process when its result is asked for.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator

DONE = b"agreekit: done\n"  # the first bytes of a child's answer; then the work's bytes


@contextlib.contextmanager
def made_aside(work: Callable[[], bytes]) -> Iterator[Callable[[], bytes]]:
    """Start `work` in a child; yield a function that waits for and returns its bytes. Leaving
    the block reaps the child (stopping it first if its bytes were never asked for)."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        yield work
        return
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # nothing buffered here is written twice
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, whose coverage and output go nowhere
        _child(work, read_end, write_end)
    os.close(write_end)
    reaped: list[tuple[int, bytes]] = []  # (the child's exit status, what it sent)

    def result() -> bytes:
        if not reaped:
            with os.fdopen(read_end, "rb") as pipe:
                payload = pipe.read()
            reaped.append((os.waitpid(pid, 0)[1], payload))
        status, payload = reaped[0]
        if status == 0 and payload.startswith(DONE):
            return payload[len(DONE) :]
        return work()  # it failed there (or the child was killed): raise it here, or succeed

    try:
        yield result
    finally:
        if not reaped:  # the build stopped before it needed the bytes: stop the child
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.close(read_end)  # (already closed if reading it was interrupted)
            os.waitpid(pid, 0)


def _child(work: Callable[[], bytes], read_end: int, write_end: int) -> None:
    """Run `work`, send DONE and its bytes (or nothing) down the pipe, and end at once."""
    code = 0
    try:
        os.close(read_end)
        try:
            answer = DONE + work()
        except BaseException:  # the parent runs it again to raise it: see the docstring
            answer = b""
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(answer)
    except BaseException:
        code = 1
    finally:
        os._exit(code)  # no atexit, no flushing of the parent's buffers, no test teardown
