"""``domain check``: the records to publish and what is live, printed as
``mwctl domain check`` prints them."""

from __future__ import annotations

from ..domain import AuthVerdict, DomainReport, Resolver


def register(commands) -> None:
    check = commands.add_parser("domain", help="domain authentication").add_subparsers(
        dest="subcommand", required=True, metavar="SUBCOMMAND").add_parser(
        "check", help="records to publish (SPF, Easy DKIM, DMARC, MAIL FROM) and what is live")
    check.add_argument("domain")
    check.add_argument("--region", default="us-east-1", help="SES region (default us-east-1)")
    check.add_argument("--dkim-token", action="append", default=[], dest="dkim_tokens", metavar="T")
    check.add_argument("--mail-from", help="custom MAIL FROM domain")
    check.add_argument("--dns", help="DNS server HOST:PORT (default: the system's)")
    check.add_argument("--json", action="store_true", help="the report as JSON")
    check.set_defaults(run=run)


def show(r: DomainReport) -> None:
    print(f"Domain {r.domain} (SES region {r.region}): {r.verdict.name.lower()}\n")
    print("Records to publish:")
    for rec in r.records:
        print(f"  [{rec.status.name.lower():<8}] {rec.purpose:<14}{rec.name}  {rec.type}  {rec.value}")
        for found in rec.found:
            print(f"             found: {found}")
    print("\nFindings:")
    if not r.findings:
        print("  none")
    for f in r.findings:
        print(f"  {f.severity.name.lower():<8} {f.id}: {f.message}")


def run(args) -> int:
    with Resolver([args.dns] if args.dns else ()) as resolver:
        report = resolver.check_domain(args.domain, region=args.region, dkim_tokens=args.dkim_tokens,
                                       mail_from=args.mail_from)
    if args.json:
        print(report.to_json())
    else:
        show(report)
    return 0 if report.verdict is AuthVerdict.PASS else 1
