"""A sign-up in its own process, for the first-administrator race: prints the role it got or the error key.

Run as `python -m tests.workers.signup URL USERNAME SETUP_CODE START_AT` (START_AT: a time.time() to wait for).
"""

from __future__ import annotations

import sys
import time

from academy.accounts import users
from academy.core.db import session_scope


def main(url: str, username: str, code: str, start_at: float) -> None:
    time.sleep(max(0.0, start_at - time.time()))  # all processes sign up at the same moment
    try:
        with session_scope(url) as s:
            role = users.register(s, username=username, display_name=username, password="password-123", setup_code=code)
            print(role.role, flush=True)
    except users.AccountError as err:
        print(err.key, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]))
