"""The manual (Help → Manual, F1): our own text in ``resources/manual/<language>.md``.

The text is Markdown written with AppealDesk and holds no user data, so it is shown as rich
text. Its links only lead to its own sections: nothing is opened or loaded from elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from appealdesk.i18n import _, current_language
from appealdesk.paths import resources_dir
from appealdesk.ui.base.retranslate import Retranslatable

HEADING = re.compile(r"^## (.+?) \{#([a-z0-9-]+)\}[ \t]*$", re.MULTILINE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class ManualSection:
    id: str  # the same in every language
    title: str
    text: str  # Markdown, without its heading


@cache
def manual_sections(language: str) -> tuple[ManualSection, ...]:
    """The sections of the manual in ``language``, in their order."""
    source = (resources_dir() / "manual" / f"{language}.md").read_text(encoding="utf-8")
    # [text before the first heading, title, id, text, title, id, text, ...]
    parts = HEADING.split(COMMENT.sub("", source))[1:]
    return tuple(
        ManualSection(section_id, title, text.strip())
        for title, section_id, text in zip(parts[::3], parts[1::3], parts[2::3], strict=True)
    )


def section_links(text: str) -> list[str]:
    """Where the links of a section's text lead (``#id`` for a section)."""
    return re.findall(r"\]\(([^)]*)\)", text)


class ManualText(QTextBrowser):
    """Shows one section; follows no link and loads no image or file by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manual_text")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDocumentMargin(12)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt's name
        return None


class ManualDialog(Retranslatable, QDialog):
    """The sections on the left, the chosen one on the right; stays open beside the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manual_dialog")
        self.sections: tuple[ManualSection, ...] = ()
        self.contents = QListWidget()
        self.contents.setObjectName("manual_contents")
        self.contents.setSpacing(2)
        self.text = ManualText()
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 580])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(860, 620)
        self.contents.currentRowChanged.connect(self._section_chosen)
        self.text.anchorClicked.connect(self._link_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("AppealDesk manual"))
        self.contents.setAccessibleName(_("Contents"))
        self.text.setAccessibleName(_("Manual"))
        shown = self.section_id()
        self.sections = manual_sections(current_language())
        self.contents.blockSignals(True)
        self.contents.clear()
        self.contents.addItems([section.title for section in self.sections])
        self.contents.blockSignals(False)
        self.show_section(shown or self.sections[0].id)

    def section_id(self) -> str | None:
        row = self.contents.currentRow()
        return self.sections[row].id if 0 <= row < len(self.sections) else None

    def show_section(self, section_id: str) -> None:
        rows = [i for i, section in enumerate(self.sections) if section.id == section_id]
        if not rows:
            return
        if self.contents.currentRow() == rows[0]:
            self._section_chosen(rows[0])  # the same row in another language
        else:
            self.contents.setCurrentRow(rows[0])

    def _section_chosen(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            section = self.sections[row]
            self.text.setMarkdown(f"# {section.title}\n\n{section.text}")

    def _link_clicked(self, url: QUrl) -> None:
        if not url.scheme() and not url.path() and url.fragment():
            self.show_section(url.fragment())
