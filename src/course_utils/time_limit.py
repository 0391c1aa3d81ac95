"""A wall-time limit on learner code run in the notebook's own kernel (checks, explorers)."""

import contextlib
import signal
import threading


class TimeLimitExceeded(BaseException):
    """Raised inside the limited code; a BaseException so `except Exception` can't swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise TimeLimitExceeded after `seconds`, where signals work (the main thread on POSIX);
    elsewhere run without a limit."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise TimeLimitExceeded()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
