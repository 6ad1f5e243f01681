"""Reading one content file: YAML parsed and validated, every problem kept with its file and field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ContentError:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ContentInvalid(Exception):
    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def _field(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(file)"


def parse_file(
    path: Path,
    model: type[M],
    root: Path,
    errors: list[ContentError],
    yaml_loader: type[yaml.SafeLoader] = yaml.SafeLoader,
) -> M | None:
    rel = relative_name(path, root)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml_loader)  # SafeLoader or a subclass
    except FileNotFoundError:
        errors.append(ContentError(rel, "", "file not found"))
        return None
    except UnicodeDecodeError as exc:  # e.g. saved as GBK by an editor
        errors.append(ContentError(rel, f"byte {exc.start}", f"not UTF-8 text ({exc.reason}): save it as UTF-8"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark else ""
        errors.append(ContentError(rel, line, f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            errors.append(ContentError(rel, _field(err["loc"]), msg))
        return None


def relative_name(path: Path, root: Path) -> str:
    return str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
