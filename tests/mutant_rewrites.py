"""One-place rewrites of a function's source: the slips a learner makes, as AST edits.

`rewrites(source, whole)` yields (where, mutated source) for every distinct edit of the
function in `source`: operators (`//` for `/` and back, `*` for `**`), boundaries (`<` for
`<=`, ±1 on a bound, an index or a whole-number operand), constants (off by one; 0.5, 1, 2
for a float; π dropped, doubled or halved), calls (min for max, floor for ceil, sin for cos,
a clamp or guard dropped, two arguments swapped), dropped terms, and statements dropped or
swapped. `whole` names the variables that hold whole numbers (steps, counts): off-by-ones
apply to them only. A defaulted parameter hard-coded to its default is one more rewrite.
"""

import ast
import copy
from collections.abc import Iterator

_OP_TEXT = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
            ast.Pow: "**"}
_LEAF = (ast.Name, ast.Constant, ast.Attribute)
_COMPARE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
            ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
_CALLS = {"min": "max", "max": "min", "floor": "ceil", "ceil": "floor", "cos": "sin",
          "sin": "cos", "int": "round", "round": "int"}
_FLOATS = (0.5, 1.0, 2.0)  # a wrong constant: a half forgotten, a factor 2, ...


class Rewriter:
    """The rewrites of one solution; `whole` names the variables that only ever held ints
    while the solution ran on its edge cases (steps, counts): those get off-by-ones."""

    def __init__(self, whole: set[str]):
        self.whole = whole

    def is_whole(self, node) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.whole
        if isinstance(node, ast.Constant):
            return isinstance(node.value, int) and not isinstance(node.value, bool)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult
                                                      | ast.FloorDiv):
            return self.is_whole(node.left) and self.is_whole(node.right)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return node.func.id in ("len", "int", "max", "min") and all(
                self.is_whole(a) for a in node.args)
        return False

    def __call__(self, node) -> Iterator[tuple[str, object]]:
        if _is_pi(node):
            yield "π dropped", _num(1.0)
            yield "2π", ast.BinOp(_num(2), ast.Mult(), node)
            yield "π/2", ast.BinOp(node, ast.Div(), _num(2))
            return
        method = getattr(self, f"_{type(node).__name__.lower()}", None)
        if method:
            yield from method(node)
        yield from _block_rewrites(node)

    def _binop(self, node: ast.BinOp):
        op = type(node.op)
        new_op = {ast.FloorDiv: ast.Div, ast.Pow: ast.Mult}.get(op)
        if op is ast.Div and self.is_whole(node.left) and self.is_whole(node.right):
            new_op = ast.FloorDiv  # integer division of two counts
        if new_op:
            yield f"`{_OP_TEXT[op]}` -> `{_OP_TEXT[new_op]}`", ast.BinOp(node.left, new_op(),
                                                                      node.right)
        if op is ast.Sub and isinstance(node.left, ast.Name) and isinstance(node.right, ast.Name):
            yield "operands swapped", ast.BinOp(node.right, node.op, node.left)
        for dropped, kept in _droppable(node):
            yield f"`{_short(dropped)}` dropped", kept
        for side in ("left", "right"):  # off by one: step + 1, total_steps - 1, ...
            operand = getattr(node, side)
            if isinstance(operand, ast.Name) and self.is_whole(operand):
                for k in (1, -1):
                    new = copy.copy(node)
                    setattr(new, side, _plus(operand, k))
                    yield f"{operand.id} {k:+d}", new

    def _compare(self, node: ast.Compare):
        if len(node.ops) != 1 or type(node.ops[0]) not in _COMPARE:
            return
        op, right = node.ops[0], node.comparators[0]
        yield "boundary", ast.Compare(node.left, [_COMPARE[type(op)]()], [right])
        if self.is_whole(right):
            for k in (1, -1):
                yield f"bound {k:+d}", ast.Compare(node.left, [op], [_plus(right, k)])

    def _constant(self, node: ast.Constant):
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            return
        candidates = (value + 1, value - 1) if isinstance(value, int) else _FLOATS
        for new in candidates:
            if new != value:
                yield "constant", _num(new)

    def _call(self, node: ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in _CALLS:
            new = copy.deepcopy(node)
            if isinstance(new.func, ast.Name):
                new.func.id = _CALLS[name]
            else:
                new.func.attr = _CALLS[name]
            yield f"{name} -> {_CALLS[name]}", new
        if name in ("min", "max") and len(node.args) == 2 and not node.keywords:
            yield "clamp dropped", node.args[0]
            yield "clamp dropped", node.args[1]
        elif len(node.args) >= 2 and not any(isinstance(a, ast.Starred) for a in node.args[:2]):
            yield "arguments swapped", ast.Call(func, [node.args[1], node.args[0],
                                                      *node.args[2:]], node.keywords)

    def _subscript(self, node: ast.Subscript):
        if self.is_whole(node.slice):
            for k in (1, -1):
                yield f"index {k:+d}", ast.Subscript(node.value, _plus(node.slice, k), node.ctx)

    def _unaryop(self, node: ast.UnaryOp):
        if isinstance(node.op, ast.USub | ast.Not):
            yield "sign or `not` dropped", node.operand

    def _boolop(self, node: ast.BoolOp):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield "and/or swapped", ast.BoolOp(other, node.values)
        if len(node.values) == 2:
            yield "condition dropped", node.values[0]
            yield "condition dropped", node.values[1]

    def _ifexp(self, node: ast.IfExp):
        yield "always the first branch", node.body
        yield "always the second branch", node.orelse

    def _if(self, node: ast.If):
        if not node.orelse:
            yield "guard dropped", []
        else:
            yield "else branch dropped", ast.If(node.test, node.body, [])


def _droppable(node: ast.BinOp) -> Iterator[tuple[ast.expr, ast.expr]]:
    """(dropped, kept) operands of a forgotten term: an added leaf (`min_lr +`, `1 +`), what
    is subtracted, a constant factor or a named scale on an expression (`0.5 *`,
    `base_lr *`), a divisor."""
    left, right, op = node.left, node.right, type(node.op)
    if op is ast.Add:
        yield from [(a, b) for a, b in ((left, right), (right, left)) if isinstance(a, _LEAF)]
    elif op in (ast.Sub, ast.Div, ast.FloorDiv):
        yield right, left
    elif op is ast.Mult:
        for a, b in ((left, right), (right, left)):
            if isinstance(a, ast.Constant) or (isinstance(a, _LEAF) and not isinstance(b, _LEAF)):
                yield a, b


def _num(x) -> ast.Constant:
    return ast.Constant(x)


def _plus(node: ast.expr, k: int) -> ast.expr:
    return ast.BinOp(node, ast.Add() if k > 0 else ast.Sub(), _num(abs(k)))


def _is_pi(node) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "pi") or (
        isinstance(node, ast.Name) and node.id == "pi")


def _block_rewrites(node) -> Iterator[tuple[str, ast.AST]]:
    """Statements of a block dropped one at a time, and neighbours swapped."""
    for field in ("body", "orelse"):
        block = getattr(node, field, None)
        if not isinstance(block, list) or not block or not isinstance(block[0], ast.stmt):
            continue
        for k, stmt in enumerate(block):
            if isinstance(stmt, ast.Assign | ast.AugAssign | ast.Expr) and not _docstring(stmt):
                rest = block[:k] + block[k + 1:]
                yield f"statement dropped: `{_short(stmt)}`", _with(node, field, rest)
            if k + 1 < len(block) and not _docstring(stmt):
                swapped = [*block[:k], block[k + 1], stmt, *block[k + 2:]]
                yield f"statements swapped: `{_short(stmt)}`", _with(node, field, swapped)


def _docstring(stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def _with(node, field: str, block: list) -> ast.AST:
    new = copy.copy(node)
    setattr(new, field, block or [ast.Pass()])
    return new


def _short(node) -> str:
    text = ast.unparse(node).splitlines()[0]
    return text if len(text) <= 60 else text[:57] + "..."


def _sites(function: ast.FunctionDef) -> Iterator[ast.AST]:
    """Every node of the body that may be rewritten (not the signature's defaults, not
    imports, not the docstring)."""
    for stmt in function.body:
        if _docstring(stmt) or isinstance(stmt, ast.Import | ast.ImportFrom):
            continue
        yield from ast.walk(stmt)
    yield function  # its own body, as a block


def _replace(tree: ast.AST, old: ast.AST, new) -> None:
    """Put `new` (a node, or a list of statements) where `old` is in `tree`."""
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list) and any(child is old for child in value):
                k = next(i for i, child in enumerate(value) if child is old)
                replacement = new if isinstance(new, list) else [new]
                value[k:k + 1] = replacement
                if not value and field in ("body", "orelse") and isinstance(old, ast.stmt):
                    value.append(ast.Pass())
                return
    raise AssertionError("node not in tree")


def ignored_arguments(source: str) -> Iterator[tuple[str, str]]:
    """The solution with one defaulted parameter's uses replaced by its default: a learner
    who hard-codes 0.1 for gamma, or never reads min_lr."""
    function = ast.parse(source).body[0]
    params = function.args.args
    defaults = dict(zip([p.arg for p in params[len(params) - len(function.args.defaults):]],
                        function.args.defaults, strict=True))
    for name, default in defaults.items():
        if not isinstance(default, ast.Constant):
            continue
        tree = ast.parse(source)
        for node in ast.walk(tree.body[0]):
            for field, value in ast.iter_fields(node):
                if isinstance(value, ast.Name) and value.id == name and \
                        isinstance(value.ctx, ast.Load):
                    setattr(node, field, ast.Constant(default.value))
                elif isinstance(value, list):
                    value[:] = [ast.Constant(default.value) if isinstance(v, ast.Name)
                                and v.id == name and isinstance(v.ctx, ast.Load) else v
                                for v in value]
        yield f"{name} ignored (always {default.value!r})", ast.unparse(tree)


def rewrites(source: str, whole: set[str]) -> Iterator[tuple[str, str]]:
    """(where, mutated source) for each distinct one-place rewrite of the function in
    `source` (its first statement) that compiles, the hard-coded defaults first."""
    rewriter = Rewriter(whole)
    seen = {ast.unparse(ast.parse(source))}
    for where, text in ignored_arguments(source):
        if text not in seen:
            seen.add(text)
            yield where, text
    n_sites = len(list(_sites(ast.parse(source).body[0])))
    for i in range(n_sites):
        site = list(_sites(ast.parse(source).body[0]))[i]
        for what, new in list(rewriter(site)):
            tree = ast.parse(source)
            target = list(_sites(tree.body[0]))[i]
            if target is tree.body[0]:
                tree.body[0] = copy.deepcopy(new)
            else:
                _replace(tree, target, copy.deepcopy(new))
            text = ast.unparse(ast.fix_missing_locations(tree))
            if text in seen:
                continue
            seen.add(text)
            shown = f"`{_short(new)}`" if isinstance(new, ast.AST) else "nothing"
            yield (what if isinstance(site, ast.FunctionDef) else
                   f"line {getattr(site, 'lineno', 1)}: {what}: `{_short(site)}` -> {shown}"), text
