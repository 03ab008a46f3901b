// Links found in a message and looked up in DNS blocklists through the
// c-ares resolver, against unbound serving the zones dnsbl_unbound_test.sh
// writes (MW_TEST_DNS=127.0.0.1:PORT): listed domains with two codes, a
// listed IP (literal and a host's address), the refusal code
// 127.255.255.254, a refused (SERVFAIL) name, NXDOMAIN for clean names.
#include "content/dnsbl/check_blocklists.hpp"
#include "content/links/extract_links.hpp"
#include "content/links/link_findings.hpp"

#include <mailwarden/dns.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace mailwarden;
using namespace mailwarden::content_detail;

namespace {

std::shared_ptr<dns::Resolver> resolver() {
    const char* server = std::getenv("MW_TEST_DNS");
    REQUIRE_MESSAGE(server != nullptr, "MW_TEST_DNS is not set: run through dnsbl_unbound_test.sh");
    dns::ResolverOptions o;
    o.servers = {server};
    o.timeout = std::chrono::milliseconds(2000);
    o.tries = 2;
    std::error_code ec;
    auto r = dns::make_resolver(o, ec);
    REQUIRE_MESSAGE(r != nullptr, ec.message());
    return r;
}

// The queries unbound has answered so far (its total.num.queries).
long long unbound_queries() {
    const char* conf = std::getenv("MW_UNBOUND_CONF");
    REQUIRE(conf != nullptr);
    const std::string command = std::string("unbound-control -c '") + conf + "' stats_noreset";
    FILE* out = popen(command.c_str(), "r");
    REQUIRE(out != nullptr);
    long long queries = -1;
    char line[256];
    while (std::fgets(line, sizeof line, out) != nullptr) std::sscanf(line, "total.num.queries=%lld", &queries);
    REQUIRE(pclose(out) == 0);
    return queries;
}

ContentCheckOptions options(std::shared_ptr<dns::Resolver> r) {
    ContentCheckOptions o;
    o.resolver = std::move(r);
    Blocklist domains;
    domains.name = "dbl";
    domains.zone = "dbl.test";
    domains.kind = BlocklistKind::domain;
    domains.codes = {{"127.0.1.2", "spam domain"}, {"127.0.1.4", "phish domain"}};
    Blocklist ips;
    ips.name = "ipl";
    ips.zone = "ip.test";
    ips.kind = BlocklistKind::ip;
    ips.codes = {{"127.0.0.2", "spam source"}};
    ips.severity = ContentSeverity::review;
    o.blocklists = {domains, ips};
    o.max_concurrent_lookups = 4;
    return o;
}

const LinkCheck& by_url(const std::vector<LinkCheck>& links, std::string_view url) {
    const auto it = std::find_if(links.begin(), links.end(), [&](const LinkCheck& l) { return l.url == url; });
    REQUIRE_MESSAGE(it != links.end(), url);
    return *it;
}

std::size_t count(const std::vector<ContentFinding>& findings, std::string_view id) {
    return static_cast<std::size_t>(
        std::count_if(findings.begin(), findings.end(), [&](const ContentFinding& f) { return f.id == id; }));
}

const std::string text = "Offers: https://spam.example/deal and hxxp://phish[.]example/login\n"
                         "also https://www.both.example/ https://refused.example/ https://broken.example/x\n"
                         "and https://clean.links.test/ http://listed-ip.links.test/ http://192.0.2.11/ "
                         "http://[2001:db8::5]/ https://nowhere.example/\n";
const std::string html = R"(<p><a href="https://evil.example/">https://spam.example/deal</a>
    <img src="http://3221225994/pixel.gif"></p>)";  // 3221225994 = 192.0.2.10

}  // namespace

TEST_CASE("links looked up in blocklists served by unbound") {
    const auto o = options(resolver());
    const auto scan = scan_links(text, html, {"bit.ly"}, 500);
    std::vector<ContentFinding> findings;
    add_link_findings(scan, findings);
    auto links = to_link_checks(scan.links);
    REQUIRE(links.size() == 12);

    check_blocklists(links, o, findings);
    CHECK(by_url(links, "https://spam.example/deal").listed_on == std::vector<std::string>{"dbl: spam domain"});
    CHECK(by_url(links, "http://phish.example/login").listed_on == std::vector<std::string>{"dbl: phish domain"});
    CHECK(by_url(links, "http://phish.example/login").obfuscated);
    CHECK(by_url(links, "https://www.both.example/").listed_on ==
          std::vector<std::string>{"dbl: spam domain, phish domain"});
    CHECK(by_url(links, "https://refused.example/").listed_on.empty());
    CHECK(by_url(links, "https://refused.example/").unknown_on == std::vector<std::string>{"dbl"});
    CHECK(by_url(links, "https://broken.example/x").unknown_on == std::vector<std::string>{"dbl"});
    CHECK(by_url(links, "https://clean.links.test/").listed_on.empty());
    CHECK(by_url(links, "https://clean.links.test/").unknown_on.empty());
    CHECK(by_url(links, "http://listed-ip.links.test/").listed_on == std::vector<std::string>{"ipl: spam source"});
    CHECK(by_url(links, "http://192.0.2.10/pixel.gif").listed_on == std::vector<std::string>{"ipl: spam source"});
    CHECK(by_url(links, "http://192.0.2.11/").unknown_on == std::vector<std::string>{"ipl"});
    CHECK(by_url(links, "http://[2001:db8::5]/").listed_on == std::vector<std::string>{"ipl: listed (127.0.0.3)"});
    CHECK(by_url(links, "https://nowhere.example/").listed_on.empty());
    CHECK(by_url(links, "https://nowhere.example/").unknown_on.empty());
    CHECK(by_url(links, "https://evil.example/").listed_on.empty());

    CHECK(count(findings, "link.listed") == 6);
    CHECK(count(findings, "dnsbl.refused") == 2);  // one per list
    CHECK(count(findings, "dnsbl.unknown") == 1);
    CHECK(count(findings, "link.text_mismatch") == 1);
    CHECK(count(findings, "link.obfuscated") == 2);  // hxxp, the integer IP
    CHECK(count(findings, "link.ip_literal") == 3);
    for (const auto& f : findings)
        if (f.id == "dnsbl.unknown") CHECK(f.evidence.find("servfail") != std::string::npos);
}

TEST_CASE("answers come from the resolver's cache the second time") {
    dns::ResolverOptions o;
    o.servers = {std::getenv("MW_TEST_DNS")};
    o.cache = true;
    o.tries = 1;  // a refused question is asked once each time
    std::error_code ec;
    const auto cached = dns::make_resolver(o, ec);
    REQUIRE(cached != nullptr);
    const auto opts = options(cached);
    const auto scan = scan_links(text, html, {}, 500);
    auto first = to_link_checks(scan.links);
    std::vector<ContentFinding> findings;
    check_blocklists(first, opts, findings);
    const long long before = unbound_queries();
    auto second = to_link_checks(scan.links);
    std::vector<ContentFinding> again;
    check_blocklists(second, opts, again);
    // Only the failure (broken.example, refused: not cached) is asked again.
    CHECK(unbound_queries() - before <= 1);
    CHECK(again.size() == findings.size());
    for (std::size_t i = 0; i < first.size(); ++i) CHECK(first[i].listed_on == second[i].listed_on);
}
