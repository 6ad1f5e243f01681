"""Ralph's LRS application as the tests run it (by the LRS's own Python, .venv-lrs), with one setting changed.

Ralph's file-system backend (ralph-malph 5.1.0, and 4.x alike) writes POSTed statements with the data
backend's default operation, "create", which refuses to write to a file that exists: every POST after the
first fails with HTTP 500 "Statements bulk indexation failed" ("fs_lrs.jsonl already exists and overwrite
is not allowed"). An LRS appends; so does this one. Everything else (authentication, validation, duplicate
ids, queries) is Ralph's own.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (the backend class must be set before the app builds its client)

__all__ = ["app"]
