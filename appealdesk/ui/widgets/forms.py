"""Helpers for form layouts whose labels change with the language."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFormLayout, QLabel


def set_form_labels(form: QFormLayout, texts: Mapping[int, str]) -> None:
    """Sets the label text of each row (``row → text``) and makes the field its buddy,
    so the label's mnemonic (``&Name:``) jumps to the field."""
    for row, text in texts.items():
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        if not isinstance(label, QLabel):
            continue
        label.setText(text)
        field = field_item.widget() if field_item is not None else None
        if field is not None:
            label.setBuddy(field)
