"""Keep only the learner's definitions and imports from a notebook's code cells, via ast.

Nothing else runs when grading: no demos, plots, training loops, widgets or check calls.
Kept: imports, def/async def/class, `try` blocks made only of those, and assignments of
plain expressions (constants, names, arithmetic, lambdas; no calls). Of those, only what the
graded functions need (by name, transitively) is sent to the sandbox.
"""

import ast
import re
from dataclasses import dataclass, field

from course_utils.grading.identify import cell_source

PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun"}
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_PLAIN = (ast.Constant, ast.Name, ast.Attribute, ast.BinOp, ast.UnaryOp, ast.BoolOp,
          ast.Compare, ast.Tuple, ast.List, ast.Set, ast.Dict, ast.IfExp, ast.operator,
          ast.unaryop, ast.boolop, ast.cmpop, ast.expr_context)


@dataclass(frozen=True)
class Statement:
    """One kept top-level statement: its cell (1-based, counting every cell) and source."""

    cell: int
    source: str
    binds: frozenset
    uses: frozenset
    always: bool = False  # `from x import *`: binds names we cannot know


@dataclass
class Extraction:
    statements: list[Statement] = field(default_factory=list)
    syntax_errors: dict[int, str] = field(default_factory=dict)  # cell -> message
    unparsable_sources: dict[int, str] = field(default_factory=dict)
    not_run: dict[str, int] = field(default_factory=dict)  # name -> cell, set by code not run

    def defines(self, name: str) -> bool:
        return any(name in s.binds for s in self.statements)

    def syntax_error_for(self, name: str) -> str | None:
        """'syntax error in cell N ...' when `name` is defined only in an unparsable cell."""
        pattern = re.compile(rf"^[ \t]*(async[ \t]+)?(def|class)[ \t]+{re.escape(name)}\b", re.M)
        for cell, source in self.unparsable_sources.items():
            if pattern.search(source):
                return f"syntax error in cell {cell}: {self.syntax_errors[cell]}"
        return None

    def program(self, names) -> list[tuple[int, str]]:
        """(cell, source) of the statements `names` need, in notebook order."""
        needed, keep = set(names), set()
        changed = True
        while changed:
            changed = False
            for index, statement in enumerate(self.statements):
                if index not in keep and (statement.always or statement.binds & needed):
                    keep.add(index)
                    needed |= statement.uses
                    changed = True
        return [(s.cell, s.source) for i, s in enumerate(self.statements) if i in keep]


def strip_magics(source: str) -> str | None:
    """IPython magics and shell lines become `pass`; None for a non-Python cell (%%bash...)."""
    lines = source.split("\n")
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        magic = first[2:].split()[0] if first[2:].split() else ""
        if magic not in PYTHON_CELL_MAGICS:
            return None
        lines[0] = ""
    out = []
    for line in lines:
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if stripped.startswith(("%", "!")) or (stripped.endswith("?") and
                                               not stripped.startswith("#")):
            out.append(indent + "pass")
        else:
            out.append(line)
    return "\n".join(out)


def _parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        stripped = strip_magics(source)
        if stripped is None:
            return ast.Module(body=[], type_ignores=[])
        return ast.parse(stripped)


def _is_plain(node: ast.AST) -> bool:
    """An expression whose evaluation runs no code of its own: no calls, no subscripts."""
    if isinstance(node, ast.Lambda):
        return all(_is_plain(d) for d in node.args.defaults + node.args.kw_defaults if d)
    if not isinstance(node, _PLAIN):
        return False
    return all(_is_plain(child) for child in ast.iter_child_nodes(node))


def _names_used(node: ast.AST) -> frozenset:
    return frozenset(n.id for n in ast.walk(node) if isinstance(n, ast.Name))


def _target_names(target: ast.AST) -> list[str] | None:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        names = [_target_names(t) for t in target.elts]
        return None if any(n is None for n in names) else [x for n in names for x in n]
    return None  # attributes, subscripts: that is patching something, not defining


def _assigned_names(node: ast.stmt) -> list[str]:
    """Names a statement that is not run would have set (for a clearer NameError)."""
    targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
    names = [_target_names(t) for t in targets if t is not None]
    return [x for n in names if n for x in n]


def _bindings(node: ast.stmt) -> tuple[set, bool] | None:
    """(names bound, is a star import) when the statement is kept, else None."""
    if isinstance(node, ast.Import):
        return {(a.asname or a.name).split(".")[0] for a in node.names}, False
    if isinstance(node, ast.ImportFrom):
        star = any(a.name == "*" for a in node.names)
        return {a.asname or a.name for a in node.names if a.name != "*"}, star
    if isinstance(node, _DEFINITIONS):
        return {node.name}, False
    if isinstance(node, ast.Assign) and _is_plain(node.value):
        names = [_target_names(t) for t in node.targets]
        if all(n is not None for n in names):
            return {x for n in names for x in n}, False
    if (isinstance(node, ast.AnnAssign) and node.value is not None and _is_plain(node.value)
            and isinstance(node.target, ast.Name)):
        return {node.target.id}, False
    if isinstance(node, ast.Try) and not getattr(node, "finalbody", None):
        parts = node.body + node.orelse + [s for h in node.handlers for s in h.body]
        results = [_bindings(s) if not isinstance(s, ast.Pass) else (set(), False)
                   for s in parts]
        if parts and all(r is not None for r in results):
            return set().union(*(r[0] for r in results)), any(r[1] for r in results)
    return None


def extract(cells: list) -> Extraction:
    """The kept statements of every code cell; cells that fail to parse are recorded."""
    result = Extraction()
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell_source(cell)
        try:
            tree = _parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            where = f"line {exc.lineno}: " if getattr(exc, "lineno", None) else ""
            msg = getattr(exc, "msg", None) or str(exc)
            result.syntax_errors[number] = f"{where}{msg}"
            result.unparsable_sources[number] = source
            continue
        for node in tree.body:
            bound = _bindings(node)
            if bound is None:
                for name in _assigned_names(node):
                    result.not_run.setdefault(name, number)
                continue
            names, star = bound
            try:
                text = ast.unparse(node)
            except (RecursionError, ValueError):
                continue
            result.statements.append(
                Statement(number, text, frozenset(names), _names_used(node), star))
    return result
