"""Building blocks of the dossier's rich text: its style sheet, tables and paragraphs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

STYLE = """
body { font-family: 'DejaVu Sans'; font-size: 10pt; color: #1d1d1f; }
h1 { font-size: 22pt; color: #1c3f6e; margin-bottom: 4px; }
h2 { font-size: 14pt; color: #1c3f6e; margin-top: 22px; margin-bottom: 8px; }
h3 { font-size: 11pt; margin-top: 14px; margin-bottom: 6px; }
p { margin-top: 0px; margin-bottom: 8px; }
table { border-collapse: collapse; margin-bottom: 8px; }
td, th { padding: 4px; vertical-align: top; border-width: 1px; border-style: solid;
         border-color: #c8d0d8; }
th { background-color: #e8eef6; text-align: left; }
li { margin-bottom: 2px; }
.muted { color: #5f6368; }
.letter { font-family: 'DejaVu Serif'; font-size: 10.5pt; margin-bottom: 12px; }
.mono { font-family: 'DejaVu Sans Mono'; font-size: 9pt; }
.quote { font-style: italic; }
.cover { font-size: 16pt; margin-bottom: 14px; }
"""

PAGE_BREAK = '<p style="page-break-before: always; margin: 0;"></p>'


def table(
    rows: Iterable[Sequence[str]],
    header: Sequence[str] | None = None,
    widths: Sequence[int] = (),
) -> str:
    """An HTML table of already escaped cells; ``widths`` in per cent of the page."""

    def cells(values: Sequence[str], tag: str, sized: bool) -> str:
        return "".join(
            f'<{tag} width="{widths[i]}%">{value}</{tag}>'
            if sized and i < len(widths)
            else f"<{tag}>{value}</{tag}>"
            for i, value in enumerate(values)
        )

    parts = ['<table width="100%" cellspacing="0" cellpadding="4">']
    if header:
        parts.append(f"<tr>{cells(header, 'th', True)}</tr>")
    for index, row in enumerate(rows):
        parts.append(f"<tr>{cells(row, 'td', not header and index == 0)}</tr>")
    parts.append("</table>")
    return "".join(parts)


def facts(rows: Iterable[tuple[str, str]]) -> str:
    """A two-column table of labels and values (values already escaped)."""
    return table(((f"<b>{escape(name)}</b>", value) for name, value in rows), widths=(30, 70))


def paragraphs(text: str, css: str = "") -> str:
    """Plain text (paragraphs separated by blank lines) as escaped HTML paragraphs."""
    css_class = f' class="{css}"' if css else ""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return "".join(
        f"<p{css_class}>" + escape(block).replace("\n", "<br>") + "</p>" for block in blocks
    )


def heading(text: str, level: int = 3) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"


def note(text: str, css: str = "") -> str:
    """One paragraph of our own text (escaped)."""
    css_class = f' class="{css}"' if css else ""
    return f"<p{css_class}>{escape(text)}</p>"
