"""What trainers and scorers need to run beside each other: native (OpenMP/BLAS) code kept to
one thread per worker thread. (Their write transactions are `db.units` units.)"""

from __future__ import annotations

import threading

from threadpoolctl import threadpool_limits

_native_threads_limited = threading.local()


def limit_native_threads() -> None:
    """Run OpenMP/BLAS code (gradient boosting, linear algebra) on one thread per caller.

    Our parallelism is our own worker threads. Native thread pools on top of them oversubscribe
    the cores, and on a busy machine OpenMP's spinning threads made a boosted fit ten times
    slower (20 s instead of 1.6 s measured on a shared 2-core box). OpenMP's limit belongs to
    the thread that sets it (a new thread starts from the default), so every thread that fits
    or predicts calls this first; it does the work once per thread.
    """
    if not getattr(_native_threads_limited, "done", False):
        threadpool_limits(limits=1)
        _native_threads_limited.done = True
