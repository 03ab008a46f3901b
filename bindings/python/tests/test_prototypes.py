"""Every ctypes prototype of mailwarden/_lib.py against the C header.

For each function of include/mailwarden.h there must be a prototype, with
the same number of arguments, each of the same kind, and the same return
type; and _lib.py must declare no function the header lacks. The kinds:

- void return: None.
- integers and doubles: a ctypes type of the same kind, size and signedness
  (int -> c_int, unsigned -> c_uint, size_t -> c_size_t, int64_t -> c_int64;
  an enum type -> c_int).
- "char" (one byte, not a pointer): c_char.
- "const char *" (borrowed text, in or out): c_char_p. "char *" that the
  caller owns and frees: c_void_p. "void *": c_void_p.
- "char **out" (a string handed over): POINTER(c_void_p);
  "const char *const *" (string arrays in): POINTER(c_char_p).
- an opaque "T *": POINTER(T), T being the _lib class named like the C type;
  "T **out": POINTER(POINTER(T)).
- a pointer to a scalar: POINTER(that scalar).
- a function pointer: a CFUNCTYPE whose result and arguments match these
  rules in turn.
"""

import ctypes

import pytest

from mailwarden import _lib

from c_header import header

# Integer and floating types by their C spelling; size and signedness are compared.
_SCALARS = {
    ("int",): ctypes.c_int, ("signed", "int"): ctypes.c_int,
    ("unsigned",): ctypes.c_uint, ("unsigned", "int"): ctypes.c_uint,
    ("long",): ctypes.c_long, ("long", "int"): ctypes.c_long,
    ("unsigned", "long"): ctypes.c_ulong, ("long", "unsigned", "int"): ctypes.c_ulong,
    ("short",): ctypes.c_short, ("unsigned", "short"): ctypes.c_ushort,
    ("size_t",): ctypes.c_size_t, ("int64_t",): ctypes.c_int64, ("uint64_t",): ctypes.c_uint64,
    ("int32_t",): ctypes.c_int32, ("uint32_t",): ctypes.c_uint32,
    ("int16_t",): ctypes.c_int16, ("uint16_t",): ctypes.c_uint16,
    ("uint8_t",): ctypes.c_uint8, ("int8_t",): ctypes.c_int8,
    ("double",): ctypes.c_double, ("float",): ctypes.c_float,
}
_SIGNED = set("bhilq")
_UNSIGNED = set("BHILQ")


def _kind(ct):
    """("int", size, signed) or ("float", size) for a ctypes number type; None otherwise."""
    code = getattr(ct, "_type_", None)
    if not isinstance(code, str) or not issubclass(ct, ctypes._SimpleCData):
        return None
    if code in _SIGNED or code in _UNSIGNED:
        return ("int", ctypes.sizeof(ct), code in _SIGNED)
    if code in "fd":
        return ("float", ctypes.sizeof(ct))
    return None


def _name(ct):
    return "None" if ct is None else getattr(ct, "__name__", repr(ct))


def _is_pointer_to(ct, check):
    return isinstance(ct, type) and issubclass(ct, ctypes._Pointer) and check(ct._type_)


class Checker:
    def __init__(self, hdr):
        from pycparser import c_ast

        self.ast = c_ast
        self.hdr = hdr

    # What a C type node resolves to: ("void"), ("scalar", ctype), ("char", const),
    # ("opaque", name), ("func", FuncDecl), ("ptr", node).
    def resolve(self, node):
        c_ast = self.ast
        if isinstance(node, c_ast.PtrDecl):
            if isinstance(node.type, c_ast.FuncDecl):
                return ("func", node.type)
            return ("ptr", node.type)
        if isinstance(node, c_ast.TypeDecl):
            inner = node.type
            if isinstance(inner, c_ast.IdentifierType):
                names = tuple(inner.names)
                if names == ("void",):
                    return ("void",)
                if names == ("char",):
                    return ("char", "const" in node.quals)
                if names in _SCALARS:
                    return ("scalar", _SCALARS[names])
                if len(names) == 1 and names[0] in self.hdr.typedefs:
                    target = self.hdr.typedefs[names[0]]
                    resolved = self.resolve(target)
                    if resolved[0] == "struct":
                        return ("opaque", names[0])
                    if resolved[0] == "char":  # keep the use's const
                        return ("char", "const" in node.quals or resolved[1])
                    return resolved
                raise AssertionError(f"unknown C type {' '.join(names)}")
            if isinstance(inner, c_ast.Enum):
                return ("scalar", ctypes.c_int)
            if isinstance(inner, c_ast.Struct):
                return ("struct", inner.name)
        raise AssertionError(f"unsupported C type node {node!r}")

    def check(self, node, ct, where):
        """Problems (strings) with ct as the ctypes form of the C type node."""
        kind = self.resolve(node)
        bad = [f"{where}: {_name(ct)} does not fit the C type ({self.spell(node)})"]
        if kind[0] == "void":
            return [] if ct is None else bad
        if kind[0] == "scalar":
            return [] if ct is not None and _kind(ct) is not None and _kind(ct) == _kind(kind[1]) else bad
        if kind[0] == "char":
            # One byte (a delimiter): c_char, which takes a bytes object of length one.
            return [] if ct is ctypes.c_char else bad
        if kind[0] == "func":
            if not (isinstance(ct, type) and issubclass(ct, ctypes._CFuncPtr)):
                return bad
            if not ct._flags_ & ctypes._FUNCFLAG_CDECL:
                return [f"{where}: {_name(ct)} is not a C (cdecl) function type"]
            return self.check_function(kind[1], ct._restype_, list(ct._argtypes_), where)
        if kind[0] == "ptr":
            target = self.resolve(kind[1])
            if target[0] == "char":
                # const char *: borrowed text; char *: the caller's, freed by the library.
                return [] if ct is (ctypes.c_char_p if target[1] else ctypes.c_void_p) else bad
            if target[0] == "void":
                return [] if ct is ctypes.c_void_p else bad
            if target[0] == "opaque":
                ok = _is_pointer_to(ct, lambda t: issubclass(t, ctypes.Structure) and t.__name__ == target[1])
                return [] if ok else bad
            if target[0] == "scalar":
                return [] if _is_pointer_to(ct, lambda t: _kind(t) is not None and _kind(t) == _kind(target[1])) else bad
            if target[0] == "ptr":
                inner = self.resolve(target[1])
                if inner[0] == "char":
                    # const char *const *: strings in; char **: a string handed over.
                    want = ctypes.c_char_p if inner[1] else ctypes.c_void_p
                    return [] if _is_pointer_to(ct, lambda t: t is want) else bad
                if inner[0] == "opaque":
                    return [] if _is_pointer_to(ct, lambda t: not self.check(kind[1], t, where)) else bad
            return [f"{where}: no rule for the C type {self.spell(node)}"]
        return [f"{where}: no rule for the C type {self.spell(node)}"]

    def params(self, fdecl):
        c_ast = self.ast
        params = list(fdecl.args.params) if fdecl.args is not None else []
        if len(params) == 1 and isinstance(params[0], c_ast.Typename) and self.resolve(params[0].type) == ("void",):
            return []
        return params

    def check_function(self, fdecl, restype, argtypes, where):
        problems = self.check(fdecl.type, restype, f"{where} result")
        params = self.params(fdecl)
        if len(params) != len(argtypes):
            return problems + [f"{where}: {len(argtypes)} argtypes for {len(params)} C parameters"]
        for i, (param, ct) in enumerate(zip(params, argtypes)):
            problems += self.check(param.type, ct, f"{where} argument {i} ({param.name or '?'})")
        return problems

    def spell(self, node):
        from pycparser import c_generator

        return c_generator.CGenerator().visit(node) or "?"


@pytest.fixture(scope="module")
def checker():
    return Checker(header())


def _problems(checker, prototypes):
    problems = []
    for name, fdecl in checker.hdr.functions.items():
        if name not in prototypes:
            problems.append(f"{name}: in the header, no prototype in _lib.py")
            continue
        restype, argtypes = prototypes[name]
        problems += checker.check_function(fdecl, restype, list(argtypes), name)
    for name in prototypes:
        if name not in checker.hdr.functions:
            problems.append(f"{name}: a prototype in _lib.py for a function the header lacks")
    return problems


def test_header_was_read(checker):
    assert len(checker.hdr.functions) > 100
    assert "mw_status" in checker.hdr.enums


def test_every_prototype_matches_the_header(checker):
    problems = _problems(checker, _lib._PROTOTYPES)
    assert not problems, "\n".join(problems)


def test_the_loaded_library_has_the_declared_prototypes(checker, cdll):
    for name, (restype, argtypes) in _lib._PROTOTYPES.items():
        fn = getattr(cdll, name)
        assert fn.restype is restype or (restype is None and fn.restype is None), name
        assert list(fn.argtypes) == list(argtypes), name


# The checker itself: each of these slips must be caught.
_SLIPS = {
    "an integer of the wrong width": ("mw_sender_created_at", (ctypes.c_int, [_lib.SenderPtr])),
    "an unsigned for a signed": ("mw_error_attempts", (ctypes.c_uint, [_lib.ErrorPtr])),
    "size_t as int": ("mw_address_batch_get", (_lib.ResultPtr, [_lib.BatchPtr, ctypes.c_int])),
    "another handle type": ("mw_address_batch_get", (_lib.SenderPtr, [_lib.BatchPtr, ctypes.c_size_t])),
    "a handle as void *": ("mw_registry_free", (None, [ctypes.c_void_p])),
    "outputs after the handle": ("mw_registry_refresh",
                                 (ctypes.c_int, [_lib.RegistryPtr, ctypes.POINTER(ctypes.c_int),
                                                 ctypes.POINTER(ctypes.c_int), ctypes.POINTER(_lib.ErrorPtr)])),
    "a missing argument": ("mw_registry_unsubscribe", (ctypes.c_int, [_lib.RegistryPtr, ctypes.c_int])),
    "an owned string as c_char_p": ("mw_string_free", (None, [ctypes.c_char_p])),
    "a string out as char_p": ("mw_registry_last_link",
                               (ctypes.c_int, [ctypes.POINTER(ctypes.c_char_p), _lib.RegistryPtr, ctypes.c_char_p,
                                               ctypes.POINTER(_lib.ErrorPtr)])),
    "a returned text as void *": ("mw_version", (ctypes.c_void_p, [])),
    "a void result as int": ("mw_error_free", (ctypes.c_int, [_lib.ErrorPtr])),
    "a char as int": ("mw_clean_options_set_delimiter",
                      (ctypes.c_int, [_lib.CleanOptionsPtr, ctypes.c_int, ctypes.POINTER(_lib.ErrorPtr)])),
    "a double as float": ("mw_ses_options_set_max_send_rate",
                          (ctypes.c_int, [_lib.SesOptionsPtr, ctypes.c_float, ctypes.POINTER(_lib.ErrorPtr)])),
    "a callback of the wrong shape": ("mw_registry_subscribe",
                                      (ctypes.c_int, [ctypes.POINTER(ctypes.c_int), _lib.RegistryPtr,
                                                      ctypes.CFUNCTYPE(None, _lib.SenderPtr, ctypes.c_int,
                                                                       ctypes.c_void_p),
                                                      ctypes.c_void_p, ctypes.POINTER(_lib.ErrorPtr)])),
}


@pytest.mark.parametrize("slip", sorted(_SLIPS))
def test_the_comparison_catches(checker, slip):
    name, prototype = _SLIPS[slip]
    prototypes = dict(_lib._PROTOTYPES, **{name: prototype})
    problems = _problems(checker, prototypes)
    assert problems and all(p.startswith(name) for p in problems), problems


def test_the_comparison_catches_missing_and_extra_functions(checker):
    prototypes = dict(_lib._PROTOTYPES)
    del prototypes["mw_error_origin"]
    prototypes["mw_address_batch_size"] = (ctypes.c_size_t, [_lib.BatchPtr])
    problems = _problems(checker, prototypes)
    assert len(problems) == 2
    assert any(p.startswith("mw_error_origin:") for p in problems)
    assert any(p.startswith("mw_address_batch_size:") for p in problems)
