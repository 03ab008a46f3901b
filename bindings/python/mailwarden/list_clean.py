"""Cleaning an address list: :func:`clean`, a streaming iterator of verdicts,
and the :class:`Cleaner` it runs on (mw_cleaner).

The input (a CSV file or one address a line) goes in as chunks of any size;
a row may span chunks. Each row gets a :class:`CleanVerdict` (valid, risky
or invalid, and the reasons), in input order. Each distinct domain is looked
up once, concurrently, when a resolver is given. Memory grows with the
distinct domains and the rows waiting for DNS (``max_pending_rows``), not
with the input: ``clean()`` yields the verdicts of each chunk before it
reads the next.

Threads
-------
A Cleaner is fed from one thread at a time (the library refuses a second
``feed`` or ``finish`` while one runs); :meth:`Cleaner.stats` may be called
from any thread. The progress callback runs on the feeding thread, inside
``feed`` and ``finish``; an exception it raises is kept and raised as
:class:`~mailwarden.errors.CallbackError` when that call returns (the
verdicts of the chunk are kept for the next call).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Callable, Generator, Optional, Union

from ._callbacks import CallbackOwner, deliver
from ._handle import ObjectRef, built_options
from ._lib import CleanerPtr, CleanOptionsPtr, CleanProgressFn, CleanStatsPtr, CleanVerdictFn, ErrorPtr, lib
from ._strings import as_bytes, cstr, optional_cstr, take_json, text
from ._values import LibraryEnum, enum_or_int, library_enum
from .address import Verdict
from .bounces import BounceTracker
from .domain import Resolver
from .errors import check_status, invalid_argument
from .policy import AddressPolicy

Chunk = Union[bytes, bytearray, memoryview, str]

_mail_domain_status = library_enum(
    "MailDomainStatus", __name__, "mw_mail_domain_status_name",
    """What a domain's DNS says about receiving mail (mw_mail_domain_status):
    NOT_CHECKED, ACCEPTS_MAIL, IMPLICIT_MX, NULL_MX, NO_MAIL_DOMAIN, UNKNOWN.
    The names are the library's (``.id``: "null_mx" ...).""")


def __getattr__(name: str):
    # MailDomainStatus is built from the library on first use (PEP 562).
    if name == "MailDomainStatus":
        return _mail_domain_status()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# mw_clean_input: how the input is read.
_INPUTS = {"auto": 0, "csv": 1, "lines": 2}
_PROGRESS_EVERY = 1000


@dataclass(frozen=True)
class CleanVerdict:
    """One row's verdict, copied out of the library.

    ``row`` counts data rows from 1 (a CSV header is not one), ``line`` is
    the input line the row starts on. ``input`` is the address field as
    read, ``address`` the normalized address ("" when unreadable).
    ``reasons`` are the stable ids in the order found ("role", "disposable",
    "duplicate", a syntax id such as "missing_at" ...; docs/list-hygiene.md
    lists them). ``duplicate_of`` is the row of the first occurrence of the
    same address (None when not a duplicate), ``suggestion`` the address
    perhaps meant when "typo_suggestion" is a reason (else None), and
    ``domain_status`` a :class:`MailDomainStatus`. ``json`` is the line
    ``mwctl list clean --json`` writes for it.
    """

    row: int
    line: int
    input: str
    address: str
    verdict: Verdict
    reasons: tuple[str, ...]
    duplicate_of: Optional[int]
    suggestion: Optional[str]
    domain_status: LibraryEnum  # a MailDomainStatus
    json: str = field(repr=False, compare=False)


@dataclass(frozen=True)
class CleanStats:
    """The counts of a cleaning run: rows, their verdicts, duplicates, and
    the distinct domains seen and of them those DNS has answered."""

    rows: int
    valid: int
    risky: int
    invalid: int
    duplicates: int
    domains: int
    domains_resolved: int


def verdict_of(cdll, v) -> CleanVerdict:
    """The contents of a borrowed ``mw_clean_verdict`` (also an outcome's or an import row's check)."""
    duplicate_of = cdll.mw_clean_verdict_duplicate_of(v)
    return CleanVerdict(
        row=cdll.mw_clean_verdict_row(v),
        line=cdll.mw_clean_verdict_line(v),
        input=text(cdll.mw_clean_verdict_input(v)),
        address=text(cdll.mw_clean_verdict_address(v)),
        verdict=enum_or_int(Verdict, cdll.mw_clean_verdict_verdict(v)),
        reasons=tuple(text(cdll.mw_clean_verdict_reason(v, i))
                      for i in range(cdll.mw_clean_verdict_reason_count(v))),
        duplicate_of=duplicate_of or None,
        suggestion=text(cdll.mw_clean_verdict_suggestion(v)) or None,
        domain_status=enum_or_int(_mail_domain_status(), cdll.mw_clean_verdict_domain_status(v)),
        json=take_json(cdll.mw_clean_verdict_to_json, v))


_STATS = ("rows", "valid", "risky", "invalid", "duplicates", "domains", "domains_resolved")


def stats_of(cdll, s) -> CleanStats:
    """The contents of a borrowed ``mw_clean_stats``."""
    return CleanStats(**{name: getattr(cdll, "mw_clean_stats_" + name)(s) for name in _STATS})


def _on_verdict(verdict_ptr, token) -> None:
    deliver(token, lambda collect: collect(verdict_of(lib(), verdict_ptr)))


def _on_progress(stats_ptr, token) -> None:
    deliver(token, lambda callback: callback(stats_of(lib(), stats_ptr)))


_ON_VERDICT = CleanVerdictFn(_on_verdict)
_ON_PROGRESS = CleanProgressFn(_on_progress)


def _flag(value: object) -> int:
    return 1 if value else 0


def _delimiter(value: object) -> bytes:
    data = value.encode("utf-8") if isinstance(value, str) else value
    if not isinstance(data, bytes):
        raise TypeError(f"delimiter must be a one-character str, not {type(value).__name__}")
    if len(data) != 1:
        raise invalid_argument(f"delimiter must be one byte, not {value!r}")
    return data


def _count(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{where} must be an int, not {type(value).__name__}")
    if value < 0:
        raise invalid_argument(f"{where} must not be negative")
    return value


def _settings(*, resolver: Optional[Resolver] = None, policy: Optional[AddressPolicy] = None,
              tracker: Optional[BounceTracker] = None, account: Optional[str] = None,
              check_disposable: bool = True, allow_disposable: Iterable[str] = (), suggest_typos: bool = True,
              fold_provider_aliases: bool = False, input: str = "auto", delimiter: str = ",",
              column: Union[str, int, None] = None, max_pending_rows: Optional[int] = None,
              progress: Optional[Callable[[CleanStats], None]] = None, progress_every: int = _PROGRESS_EVERY) -> list:
    """The option setters for these keywords, checked (the progress callback's excluded)."""
    if input not in _INPUTS:
        raise invalid_argument(f"input must be one of {', '.join(map(repr, _INPUTS))}, not {input!r}")
    settings = [
        ("mw_clean_options_set_check_disposable", _flag(check_disposable)),
        ("mw_clean_options_set_suggest_typos", _flag(suggest_typos)),
        ("mw_clean_options_set_fold_provider_aliases", _flag(fold_provider_aliases)),
        ("mw_clean_options_set_input", _INPUTS[input]),
        ("mw_clean_options_set_delimiter", _delimiter(delimiter)),
    ]
    if policy is not None:
        if not isinstance(policy, AddressPolicy):
            raise TypeError(f"policy must be an AddressPolicy, not {type(policy).__name__}")
        settings.append(("mw_clean_options_set_address_options", policy._handle))
    if resolver is not None:
        if not isinstance(resolver, Resolver):
            raise TypeError(f"resolver must be a Resolver, not {type(resolver).__name__}")
        settings.append(("mw_clean_options_set_resolver", resolver._handle))
    if tracker is not None:
        if not isinstance(tracker, BounceTracker):
            raise TypeError(f"tracker must be a BounceTracker, not {type(tracker).__name__}")
        settings.append(("mw_clean_options_set_tracker", tracker._handle, optional_cstr(account, "account")))
    elif account is not None:
        raise invalid_argument("account names whose suppressions to check: it needs a tracker")
    if isinstance(allow_disposable, (str, bytes)):
        allow_disposable = [allow_disposable]
    settings += [("mw_clean_options_add_disposable_allow", cstr(domain, f"allow_disposable[{i}]"))
                 for i, domain in enumerate(allow_disposable)]
    if isinstance(column, str):
        settings.append(("mw_clean_options_set_column_name", cstr(column, "column")))
    elif column is not None:
        settings.append(("mw_clean_options_set_column_index", _count(column, "column")))
    if max_pending_rows is not None:
        settings.append(("mw_clean_options_set_max_pending_rows", _count(max_pending_rows, "max_pending_rows")))
    if progress is not None and not callable(progress):
        raise TypeError("progress must be callable")
    _count(progress_every, "progress_every")
    return settings


class Cleaner(CallbackOwner, ObjectRef):
    """One cleaning run (mw_cleaner): ``feed`` chunks, then ``finish``.

    Keywords: ``resolver`` (a :class:`~mailwarden.Resolver`: MX checks, each
    domain once; None: no DNS), ``policy`` (an
    :class:`~mailwarden.AddressPolicy`; role and no-reply forms are risky
    unless it rejects them; special-use domains such as ``.test`` are
    invalid unless it allows them, and never looked up in DNS, like address
    literals), ``tracker`` and ``account`` (rows the
    :class:`~mailwarden.BounceTracker` suppresses for that account, None:
    its default, are invalid, "suppressed"), ``check_disposable``,
    ``allow_disposable`` (domains never called disposable),
    ``suggest_typos``, ``fold_provider_aliases`` (Gmail's dots and +tags
    count for duplicates), ``input`` ("auto": CSV when the first line holds
    the delimiter or a quote; "csv"; "lines": one address a line, taken
    whole), ``delimiter``, ``column`` (the address column: a header name,
    case-insensitive, or a 0-based index; None: the "email", "e-mail",
    "email_address", "mail" or "address" column, else the first column
    holding an "@" in the first row), ``max_pending_rows`` (rows kept
    waiting for DNS before ``feed`` blocks; the library's default 65536),
    ``progress`` (called with the :class:`CleanStats` every
    ``progress_every`` rows and once more at the end).

    The options are copied: the resolver, policy and tracker may be closed
    once the Cleaner exists. Close it (or use ``with``) when done.
    """

    _kind = "Cleaner"

    def __init__(self, **options):
        progress = options.get("progress")
        settings = _settings(**options)
        self._init_callbacks()
        self._collected: list = []
        tokens = [self._register(self._collected.append)]
        try:
            if progress is not None:
                tokens.append(self._register(progress))
                settings.append(("mw_clean_options_set_progress", _ON_PROGRESS,
                                 options.get("progress_every", _PROGRESS_EVERY), tokens[1]))
            with built_options("mw_clean_options", CleanOptionsPtr, settings) as c_options:
                handle = CleanerPtr()
                err = ErrorPtr()
                check_status(lib().mw_cleaner_new(ctypes.byref(handle), c_options, _ON_VERDICT, tokens[0],
                                                  ctypes.byref(err)), err)
        except BaseException:
            for token in tokens:
                self._forget(token)
            raise
        super().__init__(handle)

    def _delivered(self) -> list:
        """The verdicts delivered so far, handed over once; CallbackError
        first when the progress callback raised (they are kept then)."""
        self._raise_kept_errors()
        verdicts = self._collected[:]
        del self._collected[:]
        return verdicts

    def feed(self, data: Chunk) -> list:
        """Reads more input (bytes as they are, NUL bytes included; str as
        UTF-8) and returns the verdicts completed by it, in input order.

        Blocks while ``max_pending_rows`` rows wait for DNS. Raises
        InvalidArgumentError when the input cannot be read as asked (a
        ``column`` name not in the header: the message names it, and no
        verdict is given), after ``finish``, or while another thread feeds.
        """
        chunk = as_bytes(data, "data")
        ptr = self._live()
        err = ErrorPtr()
        check_status(lib().mw_cleaner_feed(ptr, chunk, len(chunk), ctypes.byref(err)), err)
        return self._delivered()

    def finish(self) -> list:
        """The input has ended: waits for every lookup and returns the
        remaining verdicts. :meth:`stats` then gives the final counts."""
        ptr = self._live()
        err = ErrorPtr()
        check_status(lib().mw_cleaner_finish(None, ptr, ctypes.byref(err)), err)
        return self._delivered()

    def stats(self) -> CleanStats:
        """The counts so far (final after :meth:`finish`); from any thread."""
        cdll = lib()
        out = CleanStatsPtr()
        err = ErrorPtr()
        check_status(cdll.mw_cleaner_stats(ctypes.byref(out), self._live(), ctypes.byref(err)), err)
        try:
            return stats_of(cdll, out)
        finally:
            cdll.mw_clean_stats_free(out)

    @property
    def header(self) -> tuple:
        """The CSV header row once read (empty for one address a line, or
        before the first row). Read it from the feeding thread."""
        cdll = lib()
        ptr = self._handle
        return tuple(text(cdll.mw_cleaner_header_get(ptr, i)) for i in range(cdll.mw_cleaner_header_count(ptr)))

    def close(self) -> None:
        """Release the cleaner; safe more than once, from any thread, also
        from the progress callback. Raises CallbackError after closing when
        the progress callback raised since the last call."""
        self._close_with_callbacks()

    def _dispose(self, ptr) -> None:
        lib().mw_cleaner_free(ptr)


def _split(data: Chunk, size: int):
    """data in pieces of at most size bytes (str: size characters, as UTF-8)."""
    if isinstance(data, str):
        for start in range(0, len(data), size):
            yield data[start:start + size].encode("utf-8")
        return
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"a chunk must be bytes or str, not {type(data).__name__}")
    view = memoryview(data).cast("B")
    for start in range(0, len(view), size):
        yield bytes(view[start:start + size])


def _chunks(source, size: int):
    """The chunks of a source: a buffer, a file object or an iterable of chunks."""
    if isinstance(source, (bytes, bytearray, memoryview, str)):
        yield from _split(source, size)
    elif hasattr(source, "read"):
        while True:
            chunk = source.read(size)
            if not chunk:
                return
            yield from _split(chunk, size)
    else:
        for chunk in source:
            yield from _split(chunk, size)


def _run(source, chunk_size: int, options: dict) -> Generator[CleanVerdict, None, CleanStats]:
    cleaner = Cleaner(**options)
    try:
        for chunk in _chunks(source, chunk_size):
            yield from cleaner.feed(chunk)
        yield from cleaner.finish()
        return cleaner.stats()
    finally:
        cleaner.close()


def clean(source, *, chunk_size: int = 65536, **options) -> Generator[CleanVerdict, None, CleanStats]:
    """Cleans an address list: a generator of one :class:`CleanVerdict` per
    row, in input order, streamed.

    ``source`` is the input: bytes or str (cut into ``chunk_size`` pieces), a
    binary or text file object (read ``chunk_size`` at a time), or an
    iterable of bytes or str chunks of any size. The keywords are
    :class:`Cleaner`'s (``resolver``, ``policy``, ``tracker``, ``account``,
    ``check_disposable``, ``allow_disposable``, ``suggest_typos``,
    ``fold_provider_aliases``, ``input``, ``delimiter``, ``column``,
    ``max_pending_rows``, ``progress``, ``progress_every``); they are
    checked at once, the library's cleaner is made on the first ``next()``.

    Each chunk is fed to the library and its verdicts are yielded before the
    next chunk is read, so memory does not grow with the input. The
    generator's return value (``StopIteration.value``, or the value of
    ``yield from``) is the final :class:`CleanStats`; for counts while it
    runs, pass ``progress``. Closing the generator early (``close()``,
    ``break`` and letting it go) frees the cleaner at once. A column name not
    in the header raises InvalidArgumentError from the first ``next()``.
    """
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int):
        raise TypeError(f"chunk_size must be an int, not {type(chunk_size).__name__}")
    if chunk_size < 1:
        raise invalid_argument("chunk_size must be at least 1")
    if not isinstance(source, (bytes, bytearray, memoryview, str)) and not hasattr(source, "read"):
        try:
            source = iter(source)
        except TypeError:
            raise TypeError("source must be bytes, str, a file object or an iterable of chunks, "
                            f"not {type(source).__name__}") from None
    _settings(**options)
    return _run(source, chunk_size, options)


__all__ = ["CleanStats", "CleanVerdict", "Cleaner", "MailDomainStatus", "clean"]
