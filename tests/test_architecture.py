"""The package's shape, read from the source: dependencies run one way and no import makes a cycle.

views -> ui -> capabilities -> content -> core. A capability may use another only where
CAPABILITIES below says so, and only through its public names (no leading underscore). The
registry must match the folders: a new folder fails here until its place is decided.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from academy.core.settings import ROOT

# What each part of academy/ may import from academy/, besides itself. Capabilities form a DAG.
CORE = {"core": set(), "content": {"core"}}
CAPABILITIES: dict[str, set[str]] = {
    "accounts": set(),
    "learning": set(),
    "classroom": {"accounts", "learning"},
    "checklist": {"accounts", "classroom"},
    "tools": {"checklist"},  # a call plan's review adds the visit's behaviours to the checklist
    "dashboard": {"accounts", "classroom", "learning", "checklist"},
    "integrations": {"accounts", "classroom", "learning"},
}
LAYERS: dict[str, set[str]] = {
    **CORE,
    **{cap: {"core", "content", *uses} for cap, uses in CAPABILITIES.items()},
    "ui": {"core", "content", *CAPABILITIES},
    "cli": {"core", "content", *CAPABILITIES},  # academy/cli.py and __main__.py: no Streamlit
}
STREAMLIT_ALLOWED = ("academy/ui/", "views/", "app.py")


def _python_files() -> list[Path]:
    files = [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py"))]
    files += [p for p in sorted((ROOT / "academy").rglob("*.py")) if "migrations/versions" not in p.as_posix()]
    return files


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def part_of(module: str) -> str:
    """The layer a module belongs to: academy.<folder>, or cli for academy's top-level modules."""
    parts = module.split(".")
    if parts[0] != "academy":
        return parts[0]  # views, app
    if len(parts) == 2 and parts[1] in ("cli", "__main__", "__init__"):
        return "cli"
    return parts[1] if len(parts) > 1 else "cli"


def _type_only(tree: ast.Module) -> set[int]:
    """Lines of imports under `if TYPE_CHECKING:`: they name types, they never run."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            lines |= {
                n.lineno for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Import | ast.ImportFrom)
            }
    return lines


def imports(path: Path, *, runtime_only: bool = False) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) for every import in the file, function-level ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _type_only(tree) if runtime_only else set()
    found = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module, [alias.name for alias in node.names]))
    return found


def _resolve(module: str, names: list[str], known: set[str]) -> list[tuple[str, list[str]]]:
    """`from academy.x import y` imports the module academy.x.y when there is one, else names from academy.x."""
    targets = [(f"{module}.{n}", []) for n in names if f"{module}.{n}" in known]
    rest = [n for n in names if f"{module}.{n}" not in known]
    if rest or not names:
        targets.append((module, rest))
    return targets


def graph(files: list[Path]) -> dict[str, set[str]]:
    """Which module imports which when the code runs (type-only imports are not edges)."""
    known = {module_name(p) for p in files}
    edges: dict[str, set[str]] = {module_name(p): set() for p in files}
    for path in files:
        for _, module, names in imports(path, runtime_only=True):
            for target, _ in _resolve(module, names, known):
                if target in known and target != module_name(path):
                    edges[module_name(path)].add(target)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


FILES = _python_files()
KNOWN = {module_name(p) for p in FILES}


def test_the_registry_names_every_folder_of_academy() -> None:
    folders = {p.name for p in (ROOT / "academy").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(LAYERS) - {"cli"}


def test_capabilities_depend_on_each_other_without_a_cycle() -> None:
    assert find_cycle({cap: set(uses) for cap, uses in CAPABILITIES.items()}) is None


def test_every_import_runs_one_way() -> None:
    wrong = []
    for path in FILES:
        here = part_of(module_name(path))
        for line, module, names in imports(path):
            if not module.startswith("academy"):
                continue
            for target, _ in _resolve(module, names, KNOWN):
                there = part_of(target)
                if here in ("views", "app"):
                    ok = there in ("ui", *LAYERS) and there != "cli"
                else:
                    ok = there == here or there in LAYERS[here]
                if not ok:
                    wrong.append(f"{_rel(path)}:{line} ({here}) imports {target} ({there})")
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_no_capability_reaches_into_another_ones_internals() -> None:
    wrong = []
    for path in FILES:
        here = part_of(module_name(path))
        for line, module, names in imports(path):
            for target, picked in _resolve(module, names, KNOWN):
                if target in KNOWN and part_of(target) != here:
                    private = [n for n in picked if n.startswith("_")]
                    if private or (target.rsplit(".", 1)[-1].startswith("_") and not target.endswith("__init__")):
                        wrong.append(f"{_rel(path)}:{line} imports {private or target} from {target}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle_between_modules() -> None:
    cycle = find_cycle(graph(FILES))
    assert cycle is None, " -> ".join(cycle or [])


def test_only_the_ui_layer_and_pages_import_streamlit() -> None:
    wrong = [
        f"{_rel(path)}:{line}"
        for path in FILES
        if not _rel(path).startswith(STREAMLIT_ALLOWED)
        for line, module, _ in imports(path)
        if module.split(".")[0] == "streamlit"
    ]
    assert not wrong, f"streamlit imported outside academy/ui and views: {wrong}"


def test_pages_are_short_scripts() -> None:
    long = {_rel(p): n for p in (ROOT / "views").glob("*.py") if (n := len(p.read_text().splitlines())) > 200}
    assert not long, f"pages over 200 lines (move their pieces into academy/ui/): {long}"


# The checker itself: each rule fails on a small made-up package.


def _write(tmp: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, source in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
        paths.append(path)
    return paths


@pytest.fixture
def made_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    return tmp_path


def test_a_cycle_added_back_is_found(made_up: Path) -> None:
    files = _write(
        made_up,
        {
            "academy/content/loader.py": "from academy.content.rubrics import load\n",
            "academy/content/rubrics.py": "def load(): ...\nfrom academy.content.loader import Course\n",
            "academy/core/db.py": "import os\n",
        },
    )
    assert find_cycle(graph(files)) == ["academy.content.loader", "academy.content.rubrics", "academy.content.loader"]


def test_a_type_only_import_makes_no_cycle(made_up: Path) -> None:
    files = _write(
        made_up,
        {
            "academy/content/schema.py": "from academy.content.reading import minutes\n",
            "academy/content/reading.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from academy.content.schema import Module\n"
            ),
        },
    )
    assert find_cycle(graph(files)) is None


def test_a_late_import_counts_and_from_package_import_module_resolves(made_up: Path) -> None:
    files = _write(
        made_up,
        {
            "academy/checklist/log.py": "def f():\n    from academy.classroom import cohorts\n",
            "academy/classroom/cohorts.py": "from academy.checklist.log import f\n",
        },
    )
    assert find_cycle(graph(files)) is not None


def test_the_default_database_is_the_file_existing_installs_use() -> None:
    """Moving code must not move data: a changed default would start an upgraded install on an empty database."""
    from academy.core.settings import Settings

    assert Settings.model_fields["database_url"].default == f"sqlite:///{ROOT / 'data' / 'academy.db'}"
