"""The key that signs login tokens: SECRET_KEY, or one generated once into data/secret_key.

The generated file is written whole and private (0600) before it gets its name, so a crash or a
full disk never leaves a readable or empty key behind; an empty or blank key is refused rather
than used, because anyone could sign tokens with it.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from academy.core.private_files import write_private
from academy.core.settings import ROOT, Settings

MIN_LENGTH = 16


class SecretKeyError(RuntimeError):
    pass


def key_file() -> Path:
    return ROOT / "data" / "secret_key"


def secret_key(settings: Settings, path: Path | None = None) -> str:
    if settings.secret_key:
        if not settings.secret_key.strip():
            raise SecretKeyError("SECRET_KEY is blank: set a long random value, or unset it to generate one")
        return settings.secret_key
    path = path or key_file()
    if not path.exists():
        write_private(path, secrets.token_urlsafe(48).encode(), replace=False)  # a racing process may win
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < MIN_LENGTH:
        raise SecretKeyError(f"{path} is empty or too short: delete it to generate a new key, or set SECRET_KEY")
    return key
