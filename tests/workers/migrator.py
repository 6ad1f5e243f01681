"""Start-up's migration in its own process, for the two-processes-on-an-empty-database race.

Run as `python -m tests.workers.migrator URL START_AT` (START_AT: a time.time() to wait for); prints
"ok" or the error, and exits 1 on an error.
"""

from __future__ import annotations

import sys
import time

from academy.core.migrations import ensure_current


def main(url: str, start_at: float) -> int:
    import alembic.command  # noqa: F401  (imported before the moment, so every process starts migrating at once)

    time.sleep(max(0.0, start_at - time.time()))
    try:
        ensure_current(url)
    except Exception as err:  # the test reports what went wrong in which process
        print(f"{type(err).__name__}: {err}".splitlines()[0], flush=True)
        return 1
    print("ok", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
