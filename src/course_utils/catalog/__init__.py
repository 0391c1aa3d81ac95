"""The course's schedulers in one catalog; the comparison table is rendered from it and torch.

entries: what each scheduler is for and where the course teaches it; table: the comparison
table and the corrections to the lesson's table; runs: an entry run by the course's closed
form and by torch, step for step.
"""

from course_utils.catalog.entries import (
    CALLS,
    CATALOG,
    REQUIRED,
    STEP_UNITS,
    Entry,
    entry,
    key_parameters,
    parameter_source,
    reference_function,
    torch_class,
)
from course_utils.catalog.runs import reference_lrs, torch_lrs
from course_utils.catalog.table import (
    COLUMNS,
    corrections_markdown,
    show_corrections,
    show_table,
    table_html,
    table_markdown,
    table_rows,
)

__all__ = [
    "CALLS",
    "CATALOG",
    "COLUMNS",
    "REQUIRED",
    "STEP_UNITS",
    "Entry",
    "corrections_markdown",
    "entry",
    "key_parameters",
    "parameter_source",
    "reference_function",
    "reference_lrs",
    "show_corrections",
    "show_table",
    "table_html",
    "table_markdown",
    "table_rows",
    "torch_class",
    "torch_lrs",
]
