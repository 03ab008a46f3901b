"""clean() and Cleaner through the real library: a generated CSV streamed in
small chunks, every kind of source, the progress callback, early close, a
missing column, suppressions from a bounce tracker. The DNS test asks the
unbound that tests/peers/unbound/run-with-unbound.sh starts with the zones
of tests/peers/unbound/auth-zones (MW_TEST_DNS); without it it is skipped,
or fails under MW_REQUIRE_PEERS."""

import io
import json
import random
import tracemalloc

import pytest

import mailwarden
from mailwarden import (
    AddressPolicy,
    BounceTracker,
    CallbackError,
    Cleaner,
    CleanStats,
    CleanVerdict,
    ClosedHandleError,
    InvalidArgumentError,
    MailDomainStatus,
    Resolver,
    Verdict,
    clean,
)
from require import peer_env

ROWS = 20000


def generated_csv(rows=ROWS):
    """A CSV of `rows` rows and what each row's verdict must be:
    (line, input, verdict, reasons, duplicate_of) per row."""
    lines = ["id,name,Email,city\r\n"]
    expected = []
    first_row = {}
    line = 2
    for i in range(rows):
        row = i + 1
        if i % 1000 == 7:
            address, verdict, reasons = f"info@corp{i}.org", Verdict.RISKY, ("role",)
        elif i % 1000 == 13:
            address, verdict, reasons = f"u{i}@mailinator.com", Verdict.RISKY, ("disposable",)
        elif i % 1000 == 21:
            address, verdict, reasons = f"broken{i}.iana.org", Verdict.INVALID, ("missing_at",)
        elif i % 1000 == 500:
            address, verdict, reasons = f"USER{i - 500}@IANA.ORG", Verdict.INVALID, ("duplicate",)
        else:
            address, verdict, reasons = f"user{i}@iana.org", Verdict.VALID, ()
        key = address.lower() if "@" in address else None
        duplicate_of = first_row.get(key) if key else None
        if key and duplicate_of is None:
            first_row[key] = row
        # Quoted names with the delimiter, and every 100th with a line break inside.
        name = f'"Doe, Jane {i}"' if i % 100 else f'"Doe\nJane {i}"'
        lines.append(f"{i},{name},{address},Köln\r\n")
        expected.append((line, address, verdict, reasons, duplicate_of))
        line += 1 + name.count("\n")
    return "".join(lines).encode("utf-8"), expected


def in_small_chunks(data, seed=7):
    """The bytes in chunks of 1 to 200 bytes; counts the chunks handed out."""
    rng = random.Random(seed)
    pos = 0
    while pos < len(data):
        size = rng.randint(1, 200)
        in_small_chunks.handed_out += 1
        yield data[pos:pos + size]
        pos += size


def test_a_large_csv_streams_in_order(cdll):
    data, expected = generated_csv()
    progress = []
    in_small_chunks.handed_out = 0
    gen = clean(in_small_chunks(data), progress=progress.append, progress_every=1000)
    verdicts = []
    chunks_at_first_verdict = None
    while True:
        try:
            v = next(gen)
        except StopIteration as stop:
            final = stop.value
            break
        if chunks_at_first_verdict is None:
            chunks_at_first_verdict = in_small_chunks.handed_out
        verdicts.append(v)
    # Verdicts came out while the input was still being read.
    total_chunks = in_small_chunks.handed_out
    assert total_chunks > 3000 and chunks_at_first_verdict < 10

    assert len(verdicts) == ROWS
    assert [v.row for v in verdicts] == list(range(1, ROWS + 1))
    for v, (line, address, verdict, reasons, duplicate_of) in zip(verdicts, expected):
        assert isinstance(v, CleanVerdict)
        assert (v.line, v.input, v.verdict, v.reasons, v.duplicate_of) == (line, address, verdict, reasons,
                                                                            duplicate_of), v
    assert verdicts[0].address == "user0@iana.org" and verdicts[0].domain_status is MailDomainStatus.NOT_CHECKED
    role = verdicts[7]
    assert role.reasons == ("role",) and role.verdict is Verdict.RISKY and role.suggestion is None
    assert verdicts[13].reasons == ("disposable",)
    assert verdicts[21].address == "" and verdicts[21].verdict is Verdict.INVALID
    dup = verdicts[1500]  # row 1501 repeats row 1001 in capitals
    assert dup.input == "USER1000@IANA.ORG" and dup.duplicate_of == 1001 and dup.reasons == ("duplicate",)
    assert dup.address == "USER1000@iana.org"
    assert json.loads(dup.json) == {"input": "USER1000@IANA.ORG", "address": "USER1000@iana.org",
                                    "verdict": "invalid", "reasons": ["duplicate"], "duplicate_of": 1001,
                                    "suggestion": None, "row": 1501, "domain": "not_checked"}

    counts = {k: sum(1 for e in expected if e[2] is k) for k in Verdict}
    duplicates = sum(1 for e in expected if e[4] is not None)
    assert final == CleanStats(rows=ROWS, valid=counts[Verdict.VALID], risky=counts[Verdict.RISKY],
                               invalid=counts[Verdict.INVALID], duplicates=duplicates, domains=0,
                               domains_resolved=0)
    # Every 1000 verdicts, and once more at the end.
    assert [p.rows for p in progress] == list(range(1000, ROWS + 1, 1000)) + [ROWS]
    assert progress[-1] == final


def test_memory_does_not_grow_with_the_input():
    # 20000 rows made as they are read: past the first rows, the binding
    # holds no more than a chunk's verdicts (the library's own memory is not
    # traced here).
    rows = 20000

    def lines():
        for i in range(rows):
            yield f"someone.{i:06d}@iana.org,Someone {i:06d},{i:06d}\n"

    tracemalloc.start()
    try:
        count = 0
        for v in clean(lines(), chunk_size=4096, input="csv", column=0):
            count += 1
            if count == 1000:
                tracemalloc.reset_peak()
                base = tracemalloc.get_traced_memory()[0]
        growth = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert count == rows
    size = rows * len("someone.000000@iana.org,Someone 000000,000000\n")
    assert growth < size // 10, (growth, size)


def test_every_kind_of_source_gives_the_same_verdicts(tmp_path):
    text = "email;name\nann@iana.org;Ann\nbob@iana.org;Bob\nANN@iana.org;Ann again\n"
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")

    def rows(source, **options):
        return [(v.row, v.address, v.duplicate_of) for v in clean(source, delimiter=";", **options)]

    want = [(1, "ann@iana.org", None), (2, "bob@iana.org", None), (3, "ANN@iana.org", 1)]
    assert rows(text) == want
    assert rows(text.encode()) == want
    assert rows(bytearray(text.encode()), chunk_size=3) == want
    assert rows(memoryview(text.encode())) == want
    assert rows([text[:5], text[5:].encode()]) == want
    assert rows(io.BytesIO(text.encode()), chunk_size=2) == want
    with open(path, "rb") as f:
        assert rows(f, chunk_size=7) == want
    with open(path, encoding="utf-8", newline="") as f:
        assert rows(f) == want
    assert rows(text, column=0) == want
    assert rows(text, column="EMAIL") == want
    # One address a line: the whole line is the address.
    lines = [v.input for v in clean("a@iana.org\nb, c@iana.org\n\n", input="lines")]
    assert lines == ["a@iana.org", "b, c@iana.org"]


def test_cleaner_feeds_and_reports(cdll):
    with Cleaner(column="mail", policy=AddressPolicy(reject_role=True), allow_disposable=["mailinator.com"],
                 fold_provider_aliases=True) as cleaner:
        assert cleaner.header == ()
        assert cleaner.feed(b"mail,na") == []
        assert cleaner.header == ()
        got = cleaner.feed("me\nJane.Doe+news@gmail.com,J\nx@mailinator.com,X\nabuse@iana.org,A\njanedoe@gmail.com,")
        assert cleaner.header == ("mail", "name")
        assert [v.address for v in got] == ["Jane.Doe+news@gmail.com", "x@mailinator.com", "abuse@iana.org"]
        assert got[1].reasons == () and got[1].verdict is Verdict.VALID          # allowed disposable
        assert got[2].verdict is Verdict.INVALID and "role" in got[2].reasons      # reject_role
        assert cleaner.stats().rows == 3
        rest = cleaner.finish()
        assert [(v.row, v.duplicate_of) for v in rest] == [(4, 1)]             # Gmail's dots and +tag folded
        assert cleaner.stats() == CleanStats(rows=4, valid=2, risky=0, invalid=2, duplicates=1, domains=0,
                                             domains_resolved=0)
        with pytest.raises(InvalidArgumentError, match="finished"):
            cleaner.feed(b"a@iana.org\n")
    assert cleaner.closed
    with pytest.raises(ClosedHandleError):
        cleaner.feed(b"x")
    with pytest.raises(ClosedHandleError):
        cleaner.stats()


def test_typo_suggestion_and_switches():
    (v,) = clean("carl@gmial.com\n", input="lines", check_disposable=False)
    assert v.reasons == ("typo_suggestion",) and v.suggestion == "carl@gmail.com" and v.verdict is Verdict.RISKY
    (v,) = clean("carl@gmial.com\n", input="lines", check_disposable=False, suggest_typos=False)
    assert v.reasons == () and v.suggestion is None


def test_a_column_not_in_the_header_is_a_typed_error():
    gen = clean("name,mail\nAnn,ann@iana.org\n", column="e-mail address")
    with pytest.raises(InvalidArgumentError, match="e-mail address") as info:
        next(gen)
    assert info.value.status == "MW_EINVAL"
    with pytest.raises(StopIteration):
        next(gen)


def test_closing_the_generator_early_frees_the_cleaner():
    data, _ = generated_csv(5000)
    progress = []
    gen = clean(data, chunk_size=512, progress=progress.append, progress_every=100)
    first = [next(gen) for _ in range(10)]
    assert [v.row for v in first] == list(range(1, 11))
    cleaner = gen.gi_frame.f_locals["cleaner"]
    assert not cleaner.closed
    gen.close()
    assert cleaner.closed
    calls = len(progress)
    assert calls < 50
    with pytest.raises(StopIteration):
        next(gen)
    # Leaving a for loop and dropping the generator does the same.
    gen = clean(data, chunk_size=512)
    for v in gen:
        if v.row == 3:
            break
    cleaner = gen.gi_frame.f_locals["cleaner"]
    del gen
    assert cleaner.closed
    assert len(progress) == calls


def test_a_progress_callback_that_raises():
    def boom(stats):
        raise RuntimeError(f"boom at {stats.rows}")

    gen = clean("a@iana.org\nb@iana.org\nc@iana.org\n", input="lines", progress=boom, progress_every=1)
    with pytest.raises(CallbackError) as info:
        list(gen)
    assert isinstance(info.value.__cause__, RuntimeError)
    assert str(info.value.errors[0]) == "boom at 1"

    with Cleaner(input="lines", progress=boom, progress_every=2) as cleaner:
        with pytest.raises(CallbackError):
            cleaner.feed("a@iana.org\nb@iana.org\n")
        # The chunk's verdicts were kept for the next call.
        assert [v.row for v in cleaner.feed("c@iana.org\n")] == [1, 2, 3]


def test_suppressed_rows(tmp_path):
    with BounceTracker(tmp_path / "t.db") as tracker:
        tracker.suppress("gone@iana.org")
        tracker.suppress("carol@iana.org", account="team")
        rows = "gone@iana.org\ncarol@iana.org\nok@iana.org\n"
        default = [(v.verdict, v.reasons) for v in clean(rows, input="lines", tracker=tracker)]
        assert default == [(Verdict.INVALID, ("suppressed",)), (Verdict.VALID, ()), (Verdict.VALID, ())]
        team = [v.reasons for v in clean(rows, input="lines", tracker=tracker, account="team")]
        assert team == [(), ("suppressed",), ()]


def test_a_resolver_that_gets_no_answer_gives_unknown():
    # Nothing listens on port 9: every lookup fails, a temporary failure.
    with Resolver(["127.0.0.1:9"], timeout=0.2, tries=1) as dns:
        (v,) = clean("a@iana.org\n", input="lines", resolver=dns)
    assert v.domain_status is MailDomainStatus.UNKNOWN
    assert v.verdict is Verdict.RISKY and v.reasons == ("dns_unknown",)


def test_dns_outcomes_from_unbound():
    server = peer_env("MW_TEST_DNS", "tests/peers/unbound/run-with-unbound.sh with tests/peers/unbound/auth-zones")
    # Special-use names (.test) are never looked up, even when the policy
    # allows them; auth-zones' amazonses.com stand-in is looked up.
    rows = ("a@feedback-smtp.us-east-1.amazonses.com\n"   # an A record, no MX
            "b@amazonses.com\n"                            # neither MX nor A/AAAA
            "c@nowhere.amazonses.com\n"                    # NXDOMAIN
            "d@good.test\n"                                # special-use: not looked up
            "A@FEEDBACK-SMTP.us-east-1.amazonses.com\n")
    with Resolver([server], timeout=2, tries=2) as dns, AddressPolicy(allow_special_use=True) as policy:
        gen = clean(rows, input="lines", resolver=dns, policy=policy)
        verdicts = []
        while True:
            try:
                verdicts.append(next(gen))
            except StopIteration as stop:
                final = stop.value
                break
    got = [(v.domain_status, v.verdict, v.reasons) for v in verdicts]
    assert got == [
        (MailDomainStatus.IMPLICIT_MX, Verdict.RISKY, ("implicit_mx",)),
        (MailDomainStatus.NO_MAIL_DOMAIN, Verdict.INVALID, ("no_mail_domain",)),
        (MailDomainStatus.NO_MAIL_DOMAIN, Verdict.INVALID, ("no_mail_domain",)),
        (MailDomainStatus.NOT_CHECKED, Verdict.RISKY, ("special_use",)),
        (MailDomainStatus.IMPLICIT_MX, Verdict.INVALID, ("duplicate", "implicit_mx")),
    ]
    assert verdicts[4].duplicate_of == 1
    assert json.loads(verdicts[1].json)["domain"] == "no_mail_domain"
    assert (final.rows, final.domains, final.domains_resolved) == (5, 3, 3)


def test_options_are_checked_before_anything_runs():
    with pytest.raises(InvalidArgumentError, match="input"):
        clean("x", input="xml")
    with pytest.raises(TypeError):
        clean(42)
    with pytest.raises(TypeError):
        clean("x", colour="red")
    with pytest.raises(InvalidArgumentError):
        clean("x", chunk_size=0)
    with pytest.raises(InvalidArgumentError, match="one byte"):
        clean("x", delimiter="§")
    with pytest.raises(TypeError):
        clean("x", column=1.5)
    with pytest.raises(TypeError):
        clean("x", progress="not callable")
    with pytest.raises(InvalidArgumentError, match="tracker"):
        clean("x", account="team")
    with pytest.raises(TypeError):
        clean("x", resolver="127.0.0.1")
    # What the library refuses, it refuses when the cleaner is made.
    with pytest.raises(InvalidArgumentError):
        Cleaner(delimiter='"')
    with pytest.raises(InvalidArgumentError):
        Cleaner(max_pending_rows=0)
    with pytest.raises(InvalidArgumentError):
        Cleaner(progress=print, progress_every=0)
    with pytest.raises(InvalidArgumentError):
        next(clean("x", max_pending_rows=0))
    closed = Resolver(["127.0.0.1:9"])
    closed.close()
    with pytest.raises(ClosedHandleError):
        Cleaner(resolver=closed)


def test_mail_domain_status_names_come_from_the_library(cdll):
    assert [s.id for s in MailDomainStatus] == [
        "not_checked", "accepts_mail", "implicit_mx", "null_mx", "no_mail_domain", "unknown"]
    for s in MailDomainStatus:
        assert cdll.mw_mail_domain_status_name(int(s)).decode() == s.id
        assert MailDomainStatus.from_id(s.id) is s
    assert cdll.mw_mail_domain_status_name(len(MailDomainStatus)) is None
    assert mailwarden.list_clean.MailDomainStatus is MailDomainStatus
    for name in ("clean", "Cleaner", "CleanVerdict", "CleanStats", "MailDomainStatus"):
        assert name in mailwarden.__all__
