"""What can be done with a piece of evidence: view it, black out parts, save a copy, delete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.models import EvidenceItem
from appealdesk.i18n import _, current_language
from appealdesk.services import evidence
from appealdesk.services.protected_copy import save_copy
from appealdesk.ui.evidence.redaction import RedactionEditor
from appealdesk.ui.evidence.viewer import EvidenceViewer
from appealdesk.ui.widgets.confirm import confirmed
from appealdesk.ui.widgets.file_dialogs import open_file_names, save_file_name

if TYPE_CHECKING:
    from appealdesk.ui.evidence.tab import EvidenceSection

FILE_FILTER_PATTERNS = "*.png *.jpg *.jpeg *.webp *.gif *.bmp *.heic *.heif *.pdf"


class EvidenceCommands:
    def __init__(self, tab: EvidenceSection) -> None:
        self.tab = tab

    def item_actions(self) -> dict[str, Callable[[], Any]]:
        return {
            "view": self.view,
            "black_out": self.black_out,
            "save_as": self.save_as,
            "delete": self.delete,
        }

    def action_texts(self) -> dict[str, str]:
        return {
            "view": _("&View…"),
            "black_out": _("&Black out…"),
            "save_as": _("&Save original as…"),
            "delete": _("&Delete"),
        }

    def applies(self, name: str, item: EvidenceItem | None) -> bool:
        if item is None:
            return False
        if name == "black_out":
            return item.media_type.startswith("image/")
        return True

    def _report(self, message: str) -> None:
        self.tab.context.actions.stack.report(message)

    def choose_files(self) -> None:
        paths = open_file_names(
            self.tab,
            _("Add evidence"),
            Path.home(),
            _("Screenshots and documents ({patterns});;All files (*)").format(
                patterns=FILE_FILTER_PATTERNS
            ),
        )
        if paths:
            self.tab.import_paths(paths)

    def view(self) -> EvidenceViewer | None:
        item = self.tab.selected_item()
        detail = self.tab.context.detail
        if item is None or detail is None:
            return None
        viewer = EvidenceViewer(self.tab.context.db, item, detail.account.platform, self.tab)
        viewer.show()
        return viewer

    def black_out(self) -> RedactionEditor | None:
        item = self.tab.selected_item()
        detail = self.tab.context.detail
        if item is None or item.id is None or detail is None:
            return None
        item_id, case_id = item.id, item.case_id

        def submit(rects: list[list[float]], report: Callable[[str], None]) -> bool:
            before = {"redactions": item.redactions}
            after = {"redactions": rects}
            if before == after:
                return True
            actions = self.tab.context.actions
            return actions.edit_evidence(case_id, item_id, before, after, report)

        try:
            editor = RedactionEditor(
                self.tab.context.db, item, submit, platform=detail.account.platform, parent=self.tab
            )
        except AppealDeskError as exc:
            self._report(exc.message)
            return None
        editor.open()
        return editor

    def save_as(self) -> Path | None:
        item = self.tab.selected_item()
        detail = self.tab.context.detail
        if item is None or item.id is None or detail is None:
            return None
        suggested = Path.home() / (item.original_name or f"{item.sha256[:12]}")
        target = save_file_name(self.tab, _("Save a copy of the evidence"), suggested)
        if target is None:
            return None
        try:
            saved = save_copy(
                self.tab.context.db,
                item.id,
                target,
                platform=detail.account.platform,
                language=current_language(),
            )
        except AppealDeskError as exc:
            self._report(exc.message)
            return None
        if item.sensitive:
            self.tab.context.inform(
                _("Saved a protected copy with black-outs and watermark: {path}").format(path=saved)
            )
        else:
            self.tab.context.inform(
                _("Saved {path}, without location or camera data.").format(path=saved)
            )
        return saved

    def delete(self) -> None:
        item = self.tab.selected_item()
        if item is None or item.id is None:
            return
        question = _(
            "Delete “{title}” from this case? The file is removed too when no other case "
            "uses it. This cannot be undone."
        ).format(title=item.title or item.original_name)
        if not confirmed(self.tab, _("Delete evidence"), question):
            return
        try:
            evidence.delete_evidence(self.tab.context.db, item.id)
        except AppealDeskError as exc:
            self._report(exc.message)
        self.tab.context.actions.signals.case_changed.emit(item.case_id)
