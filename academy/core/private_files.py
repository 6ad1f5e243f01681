"""Files only the app's own user may read: the secret key, the SQLite database and its backups.

`write_private` never leaves a partly written or world-readable file under the real name: it
writes a temporary file created 0600, syncs it and renames it into place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE = 0o600


def write_private(path: Path, data: bytes, *, replace: bool = True) -> bool:
    """Write `data` to `path` atomically with mode 0600; with replace=False keep an existing file (False)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # created 0600
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if another process created it first: theirs stands
            except FileExistsError:
                return False
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def create_private(path: Path) -> None:
    """Create an empty file with mode 0600 unless it exists (before SQLite creates it world-readable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE))


def make_private(path: Path) -> None:
    """Narrow an existing file's permissions to 0600 (a database made by an older version)."""
    with contextlib.suppress(FileNotFoundError, PermissionError):
        if path.stat().st_mode & 0o077:
            path.chmod(PRIVATE)
