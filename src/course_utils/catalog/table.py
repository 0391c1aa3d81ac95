"""The comparison table and the corrections to the lesson's table, rendered from the catalog."""

import html
from collections.abc import Iterable

from course_utils.catalog.entries import CATALOG, REQUIRED, Entry, key_parameters, torch_class

COLUMNS = (
    "Scheduler (torch class)",
    "When to use",
    "Must know in advance",
    "step() once per",
    "Key parameters (torch defaults)",
    "Course",
)


def _show_default(value) -> str:
    """repr, shortened for long floats (1/3 shows as 0.3333)."""
    text = repr(value)
    return f"{value:.4g}" if isinstance(value, float) and len(text) > 8 else text


def _format_parameters(item: Entry) -> str:
    parts = []
    for name, default in key_parameters(item).items():
        parts.append(f"`{name}`" if default is REQUIRED else f"`{name}={_show_default(default)}`")
    return ", ".join(parts)


def _fix_text(item: Entry) -> str:
    defaults = {name: _show_default(value) for name, value in key_parameters(item).items()}
    return item.fix.format(**defaults)


def table_rows(entries: Iterable[Entry] = CATALOG) -> list[dict[str, str]]:
    """One dict per entry, keyed by COLUMNS, every cell plain text with `code` marks."""
    rows = []
    for item in entries:
        torch_name = torch_class(item).__name__  # resolved now: a renamed class fails here
        if torch_name != item.name:
            via = f" via `{item.builder}`" if item.builder else ""
            torch_name = f"{item.name}: {torch_name}{via}"
        cells = (
            torch_name,
            item.when,
            item.in_advance,
            item.step_unit,
            _format_parameters(item),
            f"{item.notebook}, `schedules.{item.reference}`",
        )
        rows.append(dict(zip(COLUMNS, cells, strict=True)))
    return rows


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown(entries: Iterable[Entry] = CATALOG) -> str:
    """The comparison table as a markdown pipe table."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in table_rows(entries):
        lines.append("| " + " | ".join(_md_cell(row[c]) for c in COLUMNS) + " |")
    return "\n".join(lines)


def _html_cell(text: str) -> str:
    """Escape, then turn `code` spans into <code>."""
    pieces = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def table_html(entries: Iterable[Entry] = CATALOG) -> str:
    """The comparison table as an HTML table."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{_html_cell(row[c])}</td>" for c in COLUMNS) + "</tr>"
        for row in table_rows(entries)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def corrections_markdown(entries: Iterable[Entry] = CATALOG) -> str:
    """What the lesson's table said, and the correction, for every entry it got wrong or vague."""
    lines = ["| Scheduler | The lesson said | Correct |", "|---|---|---|"]
    for item in entries:
        if item.lesson:
            cells = (item.name, item.lesson, _fix_text(item))
            lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def show_table(fmt: str = "markdown", entries: Iterable[Entry] = CATALOG):
    """Display the comparison table in a notebook (fmt 'markdown' or 'html')."""
    from IPython.display import HTML, Markdown, display

    if fmt == "markdown":
        display(Markdown(table_markdown(entries)))
    elif fmt == "html":
        display(HTML(table_html(entries)))
    else:
        raise ValueError(f"fmt must be 'markdown' or 'html', got {fmt!r}")


def show_corrections(entries: Iterable[Entry] = CATALOG):
    """Display the corrections to the lesson's table in a notebook."""
    from IPython.display import Markdown, display

    display(Markdown(corrections_markdown(entries)))


