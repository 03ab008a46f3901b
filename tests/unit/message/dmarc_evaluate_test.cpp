#include "message/dmarc/dmarc_evaluate.hpp"

#include "dmarc_test_dns.hpp"

#include <doctest/doctest.h>

using namespace mailwarden::message_detail;
using mailwarden::message_detail::test::DmarcDns;
namespace spf = mailwarden::spf;

namespace {

DmarcInputs inputs(DmarcDns& dns, DmarcMode mode = DmarcMode::rfc9989) {
    DmarcInputs in;
    in.txt = dns.lookup();
    in.exists = dns.exists();
    in.options.mode = mode;
    return in;
}

DmarcEvaluation evaluate(std::string_view from_domain, const DmarcInputs& in) {
    return evaluate_dmarc(AuthorDomain{FromProblem::none, std::string(from_domain), {}}, in);
}

}  // namespace

TEST_CASE("SPF alignment, relaxed and strict") {
    DmarcDns dns;
    dns.dmarc("example.com", "v=DMARC1; p=reject");
    DmarcInputs in = inputs(dns);
    in.spf = {spf::Result::pass, "bounces.example.com"};
    DmarcEvaluation e = evaluate("news.example.com", in);
    CHECK(e.result == DmarcResult::pass);
    CHECK(e.spf_aligned);
    CHECK(e.policy_domain == "example.com");
    CHECK(e.organizational_domain == "example.com");
    CHECK(e.disposition == "none");

    dns.txt.clear();
    dns.dmarc("example.com", "v=DMARC1; p=reject; aspf=s");
    e = evaluate("news.example.com", in);
    CHECK(e.result == DmarcResult::fail);
    CHECK(e.strict_spf);
    CHECK_FALSE(e.spf_aligned);
    CHECK(e.policy == "reject");
    CHECK(e.policy_tag == "p");  // no sp=: p= covers subdomains
    CHECK(e.disposition == "reject");

    in.spf = {spf::Result::pass, "News.Example.COM"};
    CHECK(evaluate("news.example.com", in).result == DmarcResult::pass);

    in.spf = {spf::Result::softfail, "news.example.com"};  // only a pass counts
    CHECK(evaluate("news.example.com", in).result == DmarcResult::fail);
}

TEST_CASE("DKIM alignment: any passing aligned signature") {
    DmarcDns dns;
    dns.dmarc("example.com", "v=DMARC1; p=quarantine; sp=reject; adkim=r");
    DmarcInputs in = inputs(dns);
    in.dkim = {{"example.com", false}, {"esp.example", true}, {"mail.example.com", true}};
    DmarcEvaluation e = evaluate("example.com", in);
    CHECK(e.result == DmarcResult::pass);
    CHECK(e.dkim_aligned);
    CHECK(e.dkim_domain == "mail.example.com");

    dns.txt.clear();
    dns.dmarc("example.com", "v=DMARC1; p=quarantine; sp=reject; adkim=s");
    e = evaluate("example.com", in);
    CHECK(e.result == DmarcResult::fail);
    CHECK(e.policy == "quarantine");

    // A subdomain under the organizational domain's record: sp=.
    e = evaluate("shop.example.com", in);
    CHECK(e.policy == "reject");
    CHECK(e.policy_tag == "sp");
    CHECK(e.from_domain_exists == std::nullopt);  // no np=: existence not asked
}

TEST_CASE("relaxed alignment walks the identifier's tree, once") {
    DmarcDns dns;
    dns.dmarc("example.com", "v=DMARC1; p=reject");
    dns.dmarc("mail.example.com", "v=DMARC1; p=none; psd=n");  // a separate organizational domain
    DmarcInputs in = inputs(dns);
    in.dkim = {{"mail.example.com", true}, {"mail.example.com", true}};
    DmarcEvaluation e = evaluate("example.com", in);
    CHECK(e.result == DmarcResult::fail);
    CHECK(std::count(dns.asked.begin(), dns.asked.end(), "_dmarc.mail.example.com") == 1);

    in.dkim = {{"x.other.example", true}};
    dns.failing.insert("_dmarc.other.example");
    e = evaluate("example.com", in);
    CHECK(e.result == DmarcResult::temperror);  // the identifier's organizational domain is unknown
}

TEST_CASE("np= for a From domain that does not exist") {
    DmarcDns dns;
    dns.dmarc("example.com", "v=DMARC1; p=none; sp=quarantine; np=reject");
    dns.existing.insert("shop.example.com");
    DmarcInputs in = inputs(dns);
    DmarcEvaluation e = evaluate("ghost.example.com", in);
    CHECK(e.result == DmarcResult::fail);
    CHECK(e.from_domain_exists == false);
    CHECK(e.policy_tag == "np");
    CHECK(e.disposition == "reject");

    e = evaluate("shop.example.com", in);
    CHECK(e.from_domain_exists == true);
    CHECK(e.policy_tag == "sp");
    CHECK(e.policy == "quarantine");

    dns.failing.insert("unsure.example.com");  // existence unknown: sp=
    e = evaluate("unsure.example.com", in);
    CHECK(e.from_domain_exists == std::nullopt);
    CHECK(e.policy_tag == "sp");

    e = evaluate("example.com", in);  // the organizational domain itself: p=
    CHECK(e.policy_tag == "p");

    // RFC 7489 knows no np=.
    e = evaluate("ghost.example.com", inputs(dns, DmarcMode::rfc7489));
    CHECK(e.policy_tag == "sp");
}

TEST_CASE("t=y under RFC 9989, pct= under RFC 7489") {
    DmarcDns dns;
    dns.dmarc("example.com", "v=DMARC1; p=reject; t=y; pct=0");
    DmarcEvaluation e = evaluate("example.com", inputs(dns));
    CHECK(e.testing);
    CHECK(e.pct == 100);  // pct= is historic in RFC 9989
    CHECK(e.disposition == "quarantine");

    DmarcInputs in = inputs(dns, DmarcMode::rfc7489);
    in.options.sampled = [](int pct) { return pct > 0; };
    e = evaluate("example.com", in);
    CHECK_FALSE(e.testing);
    CHECK(e.pct == 0);
    CHECK(e.disposition == "quarantine");  // outside the sample: one step milder

    dns.txt.clear();
    dns.dmarc("example.com", "v=DMARC1; p=quarantine; pct=50");
    e = evaluate("example.com", in);
    CHECK(e.disposition == "quarantine");  // sampled in
    in.options.sampled = [](int) { return false; };
    CHECK(evaluate("example.com", in).disposition == "none");
}

TEST_CASE("none, temperror and permerror") {
    DmarcDns dns;
    DmarcEvaluation e = evaluate("example.com", inputs(dns));
    CHECK(e.result == DmarcResult::none);
    CHECK(e.disposition.empty());

    dns.failing.insert("_dmarc.example.com");
    CHECK(evaluate("example.com", inputs(dns)).result == DmarcResult::temperror);
    dns.failing.clear();

    dns.dmarc("example.com", "v=DMARC1; p=block");  // no usable policy, no rua=
    e = evaluate("example.com", inputs(dns));
    CHECK(e.result == DmarcResult::permerror);
    CHECK(to_string(e.result) == "permerror");

    dns.txt.clear();
    dns.dmarc("example.com", "v=DMARC1; p=block; rua=mailto:d@example.com; adkim=x");  // rua=: p=none
    e = evaluate("example.com", inputs(dns));
    CHECK(e.result == DmarcResult::fail);
    CHECK(e.policy == "none");
    CHECK(e.problems.size() == 2);

    dns.txt.clear();
    dns.dmarc("example.com", "v=DMARC1; rua=mailto:d@example.com");
    CHECK(evaluate("example.com", inputs(dns)).policy == "none");
    dns.txt.clear();
    dns.dmarc("example.com", "v=DMARC1; aspf=s");  // RFC 9989: a missing p= is none
    CHECK(evaluate("example.com", inputs(dns)).result == DmarcResult::fail);
    CHECK(evaluate("example.com", inputs(dns, DmarcMode::rfc7489)).result == DmarcResult::permerror);

    dns.txt.clear();
    dns.dmarc("example.com", "v=DMARC1; p=none; p=reject");  // not a tag list
    CHECK(evaluate("example.com", inputs(dns)).result == DmarcResult::permerror);
}

TEST_CASE("a raw message: the From field decides") {
    DmarcDns dns;
    dns.dmarc("example.com", "v=DMARC1; p=reject");
    DmarcInputs in = inputs(dns);
    in.dkim = {{"example.com", true}};
    DmarcEvaluation e = evaluate_dmarc("From: Shop <orders@Shop.Example.com>\nTo: x@y.example\n\nhi\n", in);
    CHECK(e.result == DmarcResult::pass);
    CHECK(e.from_domain == "shop.example.com");

    e = evaluate_dmarc("From: a@example.com, b@example.com\r\n\r\nhi\r\n", in);
    CHECK(e.result == DmarcResult::permerror);
    CHECK(e.from_problem == FromProblem::multiple_addresses);
    // shop.example.com, example.com and com for the From domain, example.com
    // and com for d=; nothing for the second message.
    CHECK(dns.asked.size() == 5);
}
