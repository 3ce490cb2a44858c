"""Deep thread stacks for the threads that hand SPARQL text to the store.

pyoxigraph's parser and evaluator recurse on a query's nesting in native code
on the calling thread: past the stack (8 MB by default) the whole process dies
with SIGSEGV, and Python cannot catch it.  The query gate (sparql_guard)
refuses deep or large texts first; these stacks are the second line behind it.
With 256 MB a thread takes about 60,000 levels of nesting (measured: 2,000
nested groups fit 8 MB, 2,500 do not).  The stack is virtual memory: only the
pages a deep query touches become resident.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

STACK_BYTES = 256 * 1024 * 1024

_LOCK = threading.Lock()


def use_deep_stacks() -> None:
    """Every thread this process starts from now on gets :data:`STACK_BYTES`.

    For a process that only serves (the gunicorn worker): its request threads
    run updates on the store themselves."""
    threading.stack_size(STACK_BYTES)


def start_deep_thread(target: Callable[[], None], name: str) -> threading.Thread:
    """Start one daemon thread with :data:`STACK_BYTES` of stack, whatever the process uses."""
    with _LOCK:
        previous = threading.stack_size(STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    return thread
