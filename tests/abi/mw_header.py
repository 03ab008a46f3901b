"""The C ABI as declared by include/mailwarden.h, read with pycparser: the one
reader of the header for the ABI check (tests/abi/check_abi.py) and the
bindings' tests (bindings/python/tests), so the header stays the one source of
truth.

parse(include_dir) -> Header: functions (name -> FuncDecl, in header order),
typedefs (name -> type node), enums (tag -> [(enumerator, value)]).
declarations(include_dir) -> (functions, enums) as text for a snapshot:
"int(mw_x **, const char *, mw_error **)" per function and callback type,
the value of each enumerator.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from pycparser import c_ast, c_generator, c_parser

# GNU spellings that pycparser does not know, erased by the preprocessor.
_ERASE = ["__attribute__(x)=", "__extension__=", "__restrict=", "__inline=", "__asm__(x)="]


class Header:
    def __init__(self, ast):
        self.functions = {}
        self.typedefs = {}
        self.enums = {}
        for node in ast.ext:
            if isinstance(node, c_ast.Typedef):
                self.typedefs[node.name] = node.type
                inner = getattr(node.type, "type", None)
                if isinstance(inner, c_ast.Enum) and inner.values is not None:
                    self.enums[inner.name or node.name] = _enumerators(inner)
            elif isinstance(node, c_ast.Decl):
                if isinstance(node.type, c_ast.FuncDecl):
                    self.functions[node.name] = node.type
                elif isinstance(node.type, c_ast.Enum) and node.type.values is not None:
                    self.enums[node.type.name] = _enumerators(node.type)


def _value(expr):
    if isinstance(expr, c_ast.Constant):
        return int(expr.value.rstrip("uUlL"), 0)
    if isinstance(expr, c_ast.UnaryOp) and expr.op in "-+~":
        v = _value(expr.expr)
        return {"-": -v, "+": v, "~": ~v}[expr.op]
    if isinstance(expr, c_ast.BinaryOp) and expr.op in ("+", "-", "|", "<<", "*"):
        a, b = _value(expr.left), _value(expr.right)
        return {"+": a + b, "-": a - b, "|": a | b, "<<": a << b, "*": a * b}[expr.op]
    raise ValueError(f"cannot evaluate enumerator value {expr!r}")


def _enumerators(enum):
    out, nxt = [], 0
    for e in enum.values.enumerators:
        v = _value(e.value) if e.value is not None else nxt
        out.append((e.name, v))
        nxt = v + 1
    return out


def parse(include_dir: str) -> Header:
    header = os.path.join(include_dir, "mailwarden.h")
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc is None:
        raise RuntimeError("no C preprocessor (gcc) to read the header with")
    command = [gcc, "-E", "-P", "-std=c99", "-I", include_dir] + ["-D" + d for d in _ERASE] + [header]
    text = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return Header(c_parser.CParser().parse(text, filename=header))


def _strip_names(node):
    """A copy of a type without parameter names."""
    if isinstance(node, c_ast.TypeDecl):
        return c_ast.TypeDecl(None, node.quals, node.align, _strip_names(node.type))
    if isinstance(node, c_ast.PtrDecl):
        return c_ast.PtrDecl(node.quals, _strip_names(node.type))
    if isinstance(node, c_ast.FuncDecl):
        args = None
        if node.args is not None:
            args = c_ast.ParamList([_strip_param(p) for p in node.args.params])
        return c_ast.FuncDecl(args, _strip_names(node.type))
    return node


def _strip_param(param):
    if isinstance(param, c_ast.Decl):
        return c_ast.Typename(None, param.quals, param.align, _strip_names(param.type))
    return param


def declarations(include_dir: str):
    header = parse(include_dir)
    render = c_generator.CGenerator().visit
    functions = {name: render(_strip_names(f)).replace(" (", "(")
                 for name, f in header.functions.items() if name.startswith("mw_")}
    for name, t in header.typedefs.items():
        # A callback type is part of the ABI as much as a function.
        if name.startswith("mw_") and isinstance(t, c_ast.PtrDecl) and isinstance(t.type, c_ast.FuncDecl):
            functions[name] = render(_strip_names(t.type)).replace(" (", "(*)(", 1)
    enums = {name: value for values in header.enums.values() for name, value in values}
    return functions, enums
