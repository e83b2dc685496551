"""What can be done with a piece of evidence: view it, black out parts, save a copy, delete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from appealdesk.domain.errors import AppealDeskError
from appealdesk.domain.models import EvidenceItem, now
from appealdesk.i18n import _, current_language, ngettext
from appealdesk.services.changes import EvidenceChanges
from appealdesk.services.protected_copy import save_copy
from appealdesk.services.timestamps import TimestampReport, describe
from appealdesk.ui.base.background import BackgroundTask
from appealdesk.ui.base.folders import starting_folder
from appealdesk.ui.base.settings import FolderUse
from appealdesk.ui.case_editor.section import EditorContext
from appealdesk.ui.evidence.redaction import RedactionEditor
from appealdesk.ui.evidence.viewer import EvidenceViewer
from appealdesk.ui.widgets.confirm import confirmed
from appealdesk.ui.widgets.file_dialogs import open_file_names, save_file_name

FILE_FILTER_PATTERNS = "*.png *.jpg *.jpeg *.webp *.gif *.bmp *.heic *.heif *.pdf"


class EvidenceCommands:
    """The evidence tab's buttons: the item they act on is ``selected_item()``."""

    def __init__(
        self,
        parent: QWidget,
        context: EditorContext,
        selected_item: Callable[[], EvidenceItem | None],
        import_paths: Callable[[list[Path]], object],
    ) -> None:
        self.parent = parent
        self.context = context
        self.selected_item = selected_item
        self.import_paths = import_paths
        self.stamping: BackgroundTask | None = None

    def item_actions(self) -> dict[str, Callable[[], Any]]:
        return {
            "view": self.view,
            "black_out": self.black_out,
            "save_as": self.save_as,
            "time_stamp": self.time_stamp,
            "delete": self.delete,
        }

    def action_texts(self) -> dict[str, str]:
        return {
            "view": _("&View…"),
            "black_out": _("&Black out…"),
            "save_as": _("&Save original as…"),
            "time_stamp": _("Get &time stamp"),
            "delete": _("&Delete"),
        }

    def applies(self, name: str, item: EvidenceItem | None) -> bool:
        if item is None:
            return False
        if name == "black_out":
            return item.media_type.startswith("image/")
        return True

    def _report(self, message: str) -> None:
        self.context.actions.stack.report(message)

    def choose_files(self) -> None:
        paths = open_file_names(
            self.parent,
            _("Add evidence"),
            starting_folder(self.context.settings, FolderUse.EVIDENCE),
            _("Screenshots and documents ({patterns});;All files (*)").format(
                patterns=FILE_FILTER_PATTERNS
            ),
        )
        if paths:
            self.import_paths(paths)

    def view(self) -> EvidenceViewer | None:
        item = self.selected_item()
        detail = self.context.detail
        if item is None or detail is None:
            return None
        viewer = EvidenceViewer(self.context.db, item, detail.account.platform, self.parent)
        viewer.show()
        return viewer

    def black_out(self) -> RedactionEditor | None:
        item = self.selected_item()
        detail = self.context.detail
        if item is None or item.id is None or detail is None:
            return None
        item_id, case_id = item.id, item.case_id

        def submit(rects: list[list[float]], nothing: bool, report: Callable[[str], None]) -> bool:
            # Kept from before or made now; areas (or no confirmation) leave none.
            earlier = item.no_blackout_confirmed_at
            confirmed = (earlier or now()) if nothing and not rects else None
            before: EvidenceChanges = {
                "redactions": item.redactions,
                "no_blackout_confirmed_at": item.no_blackout_confirmed_at,
            }
            after: EvidenceChanges = {"redactions": rects, "no_blackout_confirmed_at": confirmed}
            if before == after:
                return True
            actions = self.context.evidence_actions
            return actions.edit_evidence(case_id, item_id, before, after, report)

        try:
            editor = RedactionEditor(
                self.context.db, item, submit, platform=detail.account.platform, parent=self.parent
            )
        except AppealDeskError as exc:
            self._report(exc.message)
            return None
        editor.open()
        return editor

    def save_as(self) -> Path | None:
        item = self.selected_item()
        detail = self.context.detail
        if item is None or item.id is None or detail is None:
            return None
        suggested = Path.home() / (item.original_name or f"{item.sha256[:12]}")
        target = save_file_name(self.parent, _("Save a copy of the evidence"), suggested)
        if target is None:
            return None
        try:
            saved = save_copy(
                self.context.db,
                item.id,
                target,
                platform=detail.account.platform,
                language=current_language(),
            )
        except AppealDeskError as exc:
            self._report(exc.message)
            return None
        if item.redactions and item.sensitive:
            count = len(item.redactions)
            said = ngettext(
                "Saved a protected copy with the watermark and {count} area blacked out: {path}",
                "Saved a protected copy with the watermark and {count} areas blacked out: {path}",
                count,
            )
            self.context.inform(said.format(count=count, path=saved))
        elif item.sensitive:
            self.context.inform(
                _(
                    "Saved a protected copy with the watermark; nothing blacked out, as you "
                    "confirmed: {path}"
                ).format(path=saved)
            )
        else:
            self.context.inform(
                _("Saved {path}, without location or camera data.").format(path=saved)
            )
        return saved

    def time_stamp(self) -> BackgroundTask | None:
        """Asks the authorities in the settings for a time stamp of the selected item."""
        item = self.selected_item()
        if item is None or item.id is None or self.stamping is not None:
            return None
        urls = self.context.settings.timestamp_authorities
        if not urls:
            self._report(
                _("No time-stamping authorities are set: add them under File → Time stamps…")
            )
            return None
        task = self.context.evidence_actions.start_time_stamps(
            item.case_id, [item.id], urls, self.parent
        )
        task.succeeded.connect(self._stamped)
        task.failed.connect(self._report)
        task.ended.connect(self._stamping_ended)
        self.stamping = task
        self.context.inform(_("Asking for time stamps…"))
        task.start()
        return task

    def _stamped(self, report: TimestampReport) -> None:
        text = describe(report)
        if report.failures:
            self._report(" ".join([text, *report.failures[:1]]))
        else:
            self.context.inform(text)

    def _stamping_ended(self) -> None:
        self.stamping = None

    def delete(self) -> None:
        item = self.selected_item()
        if item is None or item.id is None:
            return
        question = _(
            "Delete “{title}” from this case? You can undo this with Ctrl+Z until you close "
            "AppealDesk; then its file is removed too, unless another case uses it."
        ).format(title=item.title or item.original_name)
        if confirmed(self.parent, _("Delete evidence"), question):
            self.context.evidence_actions.delete_evidence(item.case_id, item.id)
