"""Imports only point downward: ui → services → store → domain (and i18n below them all)."""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "appealdesk"

# What each layer may import from the application.
ALLOWED = {
    "i18n": {"i18n", "paths"},
    "domain": {"domain", "i18n", "paths"},
    "store": {"store", "domain", "i18n", "paths"},
    "media": {"media", "store", "domain", "i18n", "paths"},
    "services": {"services", "media", "store", "domain", "i18n", "paths"},
    "export": {"export", "services", "media", "store", "domain", "i18n", "paths", "startup"},
    "ui": {"ui", "export", "services", "media", "store", "domain", "i18n", "paths", "startup"},
    "cli": {
        "cli",
        "export",
        "services",
        "media",
        "store",
        "domain",
        "i18n",
        "paths",
        "ui",
        "startup",
    },
}
WIDGET_MODULES = ("PySide6.QtWidgets",)


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_a_layer_imports_only_the_layers_below_it(layer: str) -> None:
    wrong = []
    for path in _modules(layer):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "appealdesk" and len(parts) > 1 and parts[1] not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert wrong == []


@pytest.mark.parametrize("layer", ["i18n", "domain", "store", "media", "services", "export"])
def test_no_widgets_below_the_ui(layer: str) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules(layer)
        for name in _imports(path)
        if name.startswith(WIDGET_MODULES)
    ]
    assert wrong == []


def test_the_ui_writes_no_sql() -> None:
    wrong = []
    for path in _modules("ui"):
        for name in _imports(path):
            if name.startswith(("sqlalchemy", "sqlmodel", "sqlite3", "appealdesk.store.engine")):
                wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
        text = path.read_text()
        for keyword in ("SELECT ", "INSERT ", "UPDATE ", "DELETE FROM"):
            if keyword in text:
                wrong.append(f"{path.relative_to(PACKAGE)} contains {keyword.strip()}")
    assert wrong == []


MUTATING = re.compile(
    r"(create|update|delete|add|save|set|move|change|restore|reorder|import|remove|collect"
    r"|take_out|put_back|back_up|daily_backup|mark)(_|$)"
)
# The host swaps one database for another (open, restore): it runs before and after any window.
WRITES_WITHOUT_ACTIONS = {"ui/host.py"}
# Writes a copy where the user asked for it; changes nothing in the case file.
NOT_A_CHANGE = {"protected_copy.save_copy"}


def _mutating_services() -> dict[str, set[str]]:
    """The functions of each services module that change data, by their names."""
    found: dict[str, set[str]] = {}
    for path in _modules("services"):
        tree = ast.parse(path.read_text(), str(path))
        found[path.stem] = {
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and MUTATING.match(node.name)
        }
    return found


def _service_calls(path: Path, mutating: dict[str, set[str]]) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    modules: dict[str, str] = {}  # local name -> services module
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "appealdesk.services":
            modules.update({a.asname or a.name: a.name for a in node.names})
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "appealdesk.services."
        ):
            stem = (node.module or "").rsplit(".", 1)[1]
            calls += [f"{stem}.{a.name}" for a in node.names if a.name in mutating.get(stem, ())]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr in mutating.get(modules[node.value.id], ())
        ):
            calls.append(f"{modules[node.value.id]}.{node.attr}")
    return calls


def test_the_window_changes_data_only_through_the_actions_of_a_feature() -> None:
    """One write path per feature: ``ui/<feature>/actions.py`` calls the mutating services."""
    mutating = _mutating_services()
    wrong = [
        f"{path.relative_to(PACKAGE)} calls {call}"
        for path in _modules("ui")
        if path.name != "actions.py"
        and str(path.relative_to(PACKAGE)) not in WRITES_WITHOUT_ACTIONS
        for call in _service_calls(path, mutating)
        if call not in NOT_A_CHANGE
    ]
    assert wrong == []


def test_features_never_import_the_main_window() -> None:
    """The window hands each feature what it needs; no feature reaches back into it."""
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules("ui")
        if path.parent.name != "main_window" and path.name not in ("app.py", "host.py")
        for name in _imports(path)
        if name.startswith("appealdesk.ui.main_window")
    ]
    assert wrong == []


def test_slots_are_named_for_what_happened() -> None:
    """``_case_changed`` for ``case_changed``, ``_toggled`` for ``toggled``: no ``on_`` prefix."""
    wrong = [
        f"{path.relative_to(PACKAGE)}: {node.name}"
        for path in _modules("ui")
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.FunctionDef)
        and node.name.lstrip("_").startswith(("on_", "handle_"))
    ]
    assert wrong == []


def test_signals_say_what_they_carry() -> None:
    """``Signal(object)`` only for a value that may be None or has no one type."""
    wrong = []
    for path in _modules("ui"):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines):
            if "Signal(object" in line and "#" not in line and "#" not in lines[number - 1]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{number + 1}")
    assert wrong == []


def test_the_ui_is_made_of_feature_packages() -> None:
    top_level = sorted(p.name for p in (PACKAGE / "ui").glob("*.py"))
    assert top_level == ["__init__.py", "app.py", "host.py"]


def test_modules_stay_small() -> None:
    too_long = [
        f"{path.relative_to(PACKAGE)}: {n} lines"
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and (n := len(path.read_text().splitlines())) > 350
    ]
    assert too_long == []


@pytest.mark.slow
def test_images_never_go_through_a_device_made_in_python() -> None:
    """A QBuffer made in Python, read by Qt's image plugins in one thread while another holds
    the interpreter lock, deadlocks (see appealdesk/media/image_io.py); in a test, where
    thumbnails are being made beside it, too, and there not even the test timeout ends it."""
    wrong = [
        str(path.relative_to(PACKAGE.parent))
        for folder in (PACKAGE, PACKAGE.parent / "tests", PACKAGE.parent / "benchmarks")
        for path in folder.rglob("*.py")
        if "QBuffer" in _imports_text(path)
    ]
    assert wrong == []


def _imports_text(path: Path) -> str:
    return (
        " ".join(_imports(path))
        + " "
        + " ".join(
            alias.name
            for node in ast.walk(ast.parse(path.read_text(), str(path)))
            if isinstance(node, ast.ImportFrom)
            for alias in node.names
        )
    )
