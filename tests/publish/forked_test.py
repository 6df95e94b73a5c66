"""Work made aside in a forked child: its bytes come back, its failure is raised here, and a
child whose bytes are never asked for is stopped and reaped."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from agreekit.publish.forked import made_aside


def _pid_bytes() -> bytes:
    return str(os.getpid()).encode()


def test_the_bytes_are_made_in_another_process() -> None:
    with made_aside(_pid_bytes) as made:
        answer = made()
        assert made() == answer  # asked twice, made once
    assert answer.isdigit() and int(answer) != os.getpid()


def test_large_bytes_come_back_whole() -> None:
    payload = os.urandom(3_000_000)  # more than a pipe holds: the parent reads while it writes
    with made_aside(lambda: payload) as made:
        assert made() == payload


class _Broken(Exception):
    pass


def test_a_failure_in_the_child_is_raised_here_as_itself() -> None:
    calls: list[int] = []

    def work() -> bytes:
        calls.append(os.getpid())  # only this process's calls are seen here
        raise _Broken("section 3: no such variable")

    with pytest.raises(_Broken, match="section 3"), made_aside(work) as made:
        made()
    assert calls == [os.getpid()]  # run again here, once, to raise it with its traceback


def test_a_child_never_asked_is_stopped_and_reaped(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    def slow() -> bytes:
        pid_file.write_text(str(os.getpid()))
        time.sleep(60)
        return b""

    started = time.monotonic()
    with made_aside(slow):
        for _ in range(200):
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.01)
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):  # already reaped: no zombie left behind
        os.waitpid(int(pid_file.read_text()), os.WNOHANG)
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_with_another_thread_running_the_work_stays_in_this_process() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with made_aside(_pid_bytes) as made:
            assert made() == _pid_bytes()
    finally:
        stop.set()
        thread.join()
