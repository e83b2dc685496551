"""Imports only point downward: ui → services → store → domain (and i18n below them all)."""

import ast
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
    "export": {"export", "services", "media", "store", "domain", "i18n", "paths"},
    "ui": {"ui", "export", "services", "media", "store", "domain", "i18n", "paths"},
    "cli": {"cli", "export", "services", "media", "store", "domain", "i18n", "paths", "ui"},
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
    the interpreter lock, deadlocks (see appealdesk/media/image_io.py)."""
    wrong = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
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
