"""The C ABI as declared by include/mailwarden.h, read with pycparser.

declarations(include_dir) -> (functions, enums): functions maps each name to
its normalised type ("int(mw_x **, const char *, mw_error **)"),
enums maps each enumerator to its value. Used by the ABI check and by the
bindings' tests, so that the header stays the one source of truth.
"""

from __future__ import annotations

import os
import subprocess

from pycparser import c_ast, c_generator, c_parser


def preprocess(include_dir: str) -> str:
    header = os.path.join(include_dir, "mailwarden.h")
    return subprocess.run(
        ["gcc", "-E", "-P", "-std=c99", "-I", include_dir,
         "-D__attribute__(x)=", "-U__GNUC__", "-U__clang__", header],
        check=True, capture_output=True, text=True).stdout


def _strip_names(node):
    """A copy of a declaration's type without parameter names."""
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


def _evaluate(expr, known):
    if isinstance(expr, c_ast.Constant):
        return int(expr.value, 0)
    if isinstance(expr, c_ast.UnaryOp) and expr.op == "-":
        return -_evaluate(expr.expr, known)
    if isinstance(expr, c_ast.ID):
        return known[expr.name]
    raise ValueError(f"enumerator value not understood: {expr}")


def declarations(include_dir: str):
    ast = c_parser.CParser().parse(preprocess(include_dir))
    generator = c_generator.CGenerator()
    functions: dict[str, str] = {}
    enums: dict[str, int] = {}
    for node in ast.ext:
        if isinstance(node, c_ast.Decl) and isinstance(node.type, c_ast.FuncDecl):
            if node.name.startswith("mw_"):
                functions[node.name] = generator.visit(_strip_names(node.type)).replace(" (", "(")
        if (isinstance(node, c_ast.Typedef) and node.name.startswith("mw_")
                and isinstance(node.type, c_ast.PtrDecl) and isinstance(node.type.type, c_ast.FuncDecl)):
            # A callback type is part of the ABI as much as a function.
            functions[node.name] = generator.visit(_strip_names(node.type.type)).replace(" (", "(*)(", 1)
        enum = None
        if isinstance(node, c_ast.Typedef) and isinstance(node.type.type, c_ast.Enum):
            enum = node.type.type
        elif isinstance(node, c_ast.Decl) and isinstance(node.type, c_ast.Enum):
            enum = node.type
        if enum is not None and enum.values is not None:
            value = -1
            for e in enum.values.enumerators:
                value = _evaluate(e.value, enums) if e.value is not None else value + 1
                enums[e.name] = value
    return functions, enums
