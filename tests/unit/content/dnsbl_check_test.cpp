// DNS blocklist lookups: query names, answer decoding, and check_blocklists()
// over the in-memory resolver (and a threaded one for the concurrency bound).
#include "content/dnsbl/check_blocklists.hpp"
#include "content/dnsbl/dnsbl_decode.hpp"
#include "content/dnsbl/dnsbl_names.hpp"
#include "content/dnsbl/query_batch.hpp"

#include "support/memory_resolver.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

using namespace mailwarden;
using namespace mailwarden::content_detail;
using dns::RecordType;
using dns::Status;

namespace {

dns::IpAddress ip(const char* text) { return *dns::IpAddress::parse(text); }

dns::Answer a_answer(std::initializer_list<const char*> addresses) {
    dns::Answer answer;
    answer.status = Status::ok;
    for (const char* a : addresses) answer.addresses.push_back(ip(a));
    return answer;
}

Blocklist dbl() {
    Blocklist list;
    list.name = "dbl";
    list.zone = "dbl.example.net";
    list.kind = BlocklistKind::domain;
    list.codes = {{"127.0.1.2", "spam domain"}, {"127.0.1.4", "phish domain"}};
    return list;
}

Blocklist ipl() {
    Blocklist list;
    list.name = "ipl";
    list.zone = "ip.example.net.";
    list.kind = BlocklistKind::ip;
    list.codes = {{"127.0.0.2", "spam source"}};
    list.severity = ContentSeverity::review;
    return list;
}

LinkCheck make_link(std::string url, std::string domain, std::string address = {}) {
    LinkCheck l;
    l.url = std::move(url);
    l.domain = std::move(domain);
    l.ip = std::move(address);
    l.source = "text";
    return l;
}

const ContentFinding* find(const std::vector<ContentFinding>& findings, std::string_view id) {
    for (const auto& f : findings)
        if (f.id == id) return &f;
    return nullptr;
}

std::size_t count(const std::vector<ContentFinding>& findings, std::string_view id) {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const auto& f) { return f.id == id; }));
}

}  // namespace

TEST_CASE("query names") {
    CHECK(reversed_ip(ip("192.0.2.1")) == "1.2.0.192");
    CHECK(reversed_ip(ip("2001:db8::1")) ==
          "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2");
    CHECK(list_query_name("example.com", "DBL.Example.NET.") == "example.com.dbl.example.net");
    CHECK_FALSE(list_query_name("example.com", ""));
    CHECK_FALSE(list_query_name(std::string(250, 'a'), "dbl.example.net"));
}

TEST_CASE("answers decoded") {
    const Blocklist list = dbl();
    dns::Answer nx;
    nx.status = Status::nxdomain;
    CHECK(decode_answer(nx, list).kind == ListAnswer::clean);

    auto listed = decode_answer(a_answer({"127.0.1.2"}), list);
    CHECK(listed.kind == ListAnswer::listed);
    CHECK(listed.reasons == std::vector<std::string>{"spam domain"});

    listed = decode_answer(a_answer({"127.0.1.2", "127.0.1.4", "127.0.1.9"}), list);
    CHECK(listed.reasons == std::vector<std::string>{"spam domain", "phish domain", "listed (127.0.1.9)"});

    for (const char* refusal : {"127.255.255.254", "127.255.255.252", "127.255.255.255"}) {
        const auto r = decode_answer(a_answer({refusal}), list);
        CHECK(r.kind == ListAnswer::refused);
        CHECK(r.detail.find(refusal) != std::string::npos);
    }
    // Refusal wins over a code in the same answer: nothing can be said.
    CHECK(decode_answer(a_answer({"127.0.1.2", "127.255.255.254"}), list).kind == ListAnswer::refused);

    Blocklist configured = list;
    configured.refusal_codes = {"127.0.0.1", "127.0.5.0/24"};
    CHECK(decode_answer(a_answer({"127.0.0.1"}), configured).kind == ListAnswer::refused);
    CHECK(decode_answer(a_answer({"127.0.5.77"}), configured).kind == ListAnswer::refused);
    CHECK(decode_answer(a_answer({"127.0.6.1"}), configured).kind == ListAnswer::listed);
    configured.refusal_codes = {"garbage", "127.0.0.0/99", "/8"};
    CHECK(decode_answer(a_answer({"127.0.0.1"}), configured).kind == ListAnswer::listed);

    const auto wildcard = decode_answer(a_answer({"198.51.100.7"}), list);
    CHECK(wildcard.kind == ListAnswer::unknown);
    CHECK(wildcard.detail.find("wildcard") != std::string::npos);

    dns::Answer failed;
    failed.status = Status::servfail;
    CHECK(decode_answer(failed, list).kind == ListAnswer::unknown);
    failed.status = Status::timeout;
    CHECK(decode_answer(failed, list).detail == "timeout");
}

TEST_CASE("links looked up in domain and IP lists") {
    auto resolver = std::make_shared<test_support::MemoryResolver>();
    resolver->a("evil.example.dbl.example.net", "127.0.1.2");
    resolver->a("phish.example.dbl.example.net", "127.0.1.4");
    resolver->a("login.phish.example.dbl.example.net", "127.0.1.4");
    resolver->a("refused.example.dbl.example.net", "127.255.255.254");
    resolver->fail("broken.example.dbl.example.net", RecordType::a, Status::servfail);
    resolver->a("www.clean.example", "192.0.2.10");
    resolver->a("10.2.0.192.ip.example.net", "127.0.0.2");
    resolver->a("host.clean.example", "192.0.2.20");
    resolver->a("20.2.0.192.ip.example.net", "127.0.0.2");
    resolver->a("1.113.0.203.ip.example.net", "127.0.0.3");

    ContentCheckOptions options;
    options.resolver = resolver;
    options.blocklists = {dbl(), ipl()};
    std::vector<LinkCheck> links{make_link("https://evil.example/a", "evil.example"),
                                 make_link("https://www.evil.example/b", "www.evil.example"),
                                 make_link("https://login.phish.example/", "login.phish.example"),
                                 make_link("https://refused.example/", "refused.example"),
                                 make_link("https://broken.example/", "broken.example"),
                                 make_link("https://www.clean.example/", "www.clean.example"),
                                 make_link("http://203.0.113.1/", "", "203.0.113.1"),
                                 make_link("https://other.example/", "other.example")};
    std::vector<ContentFinding> findings;
    check_blocklists(links, options, findings);

    CHECK(links[0].listed_on == std::vector<std::string>{"dbl: spam domain"});
    CHECK(links[1].listed_on == std::vector<std::string>{"dbl: spam domain"});  // by its registrable domain
    CHECK(links[2].listed_on == std::vector<std::string>{"dbl: phish domain"});  // host and domain, one entry
    CHECK(links[3].listed_on.empty());
    CHECK(links[3].unknown_on == std::vector<std::string>{"dbl"});
    CHECK(links[4].unknown_on == std::vector<std::string>{"dbl"});
    CHECK(links[5].listed_on == std::vector<std::string>{"ipl: spam source"});  // by the host's address
    CHECK(links[6].listed_on == std::vector<std::string>{"ipl: listed (127.0.0.3)"});
    CHECK(links[7].listed_on.empty());
    CHECK(links[7].unknown_on.empty());

    CHECK(count(findings, "link.listed") == 5);
    const auto* listed = find(findings, "link.listed");
    REQUIRE(listed != nullptr);
    CHECK(listed->severity == ContentSeverity::block);
    CHECK(listed->evidence.find("evil.example is listed on dbl (spam domain)") != std::string::npos);
    for (const auto& f : findings)
        if (f.id == "link.listed" && f.evidence.find("ipl") != std::string::npos) CHECK(f.severity == ContentSeverity::review);

    const auto* refused = find(findings, "dnsbl.refused");
    REQUIRE(refused != nullptr);
    CHECK(refused->severity == ContentSeverity::info);
    CHECK(refused->evidence.find("dbl refused 1") != std::string::npos);
    CHECK(refused->evidence.find("127.255.255.254") != std::string::npos);
    const auto* unknown = find(findings, "dnsbl.unknown");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->evidence.find("servfail") != std::string::npos);

    // Each distinct question once: evil.example's two links share it.
    const auto asked = resolver->asked();
    const std::set<std::pair<std::string, RecordType>> distinct(asked.begin(), asked.end());
    CHECK(distinct.size() == asked.size());
}

TEST_CASE("a host whose address fails leaves the IP lists unknown") {
    auto resolver = std::make_shared<test_support::MemoryResolver>();
    resolver->fail("slow.example", RecordType::a, Status::timeout);
    ContentCheckOptions options;
    options.resolver = resolver;
    options.blocklists = {ipl()};
    std::vector<LinkCheck> links{make_link("https://slow.example/", "slow.example")};
    std::vector<ContentFinding> findings;
    check_blocklists(links, options, findings);
    CHECK(links[0].unknown_on == std::vector<std::string>{"ipl"});
    REQUIRE(find(findings, "dnsbl.unknown") != nullptr);
    CHECK(find(findings, "dnsbl.unknown")->evidence.find("slow.example") != std::string::npos);
}

TEST_CASE("no resolver or no lists: nothing looked up") {
    auto resolver = std::make_shared<test_support::MemoryResolver>();
    std::vector<LinkCheck> links{make_link("https://evil.example/", "evil.example")};
    std::vector<ContentFinding> findings;
    ContentCheckOptions options;
    options.blocklists = {dbl()};
    check_blocklists(links, options, findings);
    options.resolver = resolver;
    options.blocklists.clear();
    check_blocklists(links, options, findings);
    CHECK(resolver->asked().empty());
    CHECK(findings.empty());
    CHECK(links[0].listed_on.empty());
}

namespace {

// Answers NXDOMAIN from its own threads after a short while, and counts the
// questions in flight at once.
class SlowResolver final : public dns::Resolver {
public:
    dns::Answer query(std::string_view, RecordType) override {
        dns::Answer a;
        a.status = Status::nxdomain;
        return a;
    }
    void async_query(std::string name, RecordType type, std::function<void(dns::Answer)> done) override {
        const int now = ++in_flight_;
        int seen = max_.load();
        while (now > seen && !max_.compare_exchange_weak(seen, now)) {
        }
        ++total_;
        std::lock_guard lock(mutex_);
        threads_.emplace_back([this, name = std::move(name), type, done = std::move(done)] {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            auto answer = query(name, type);
            --in_flight_;
            done(std::move(answer));
        });
    }
    ~SlowResolver() override {
        for (auto& t : threads_) t.join();
    }
    int max() const { return max_.load(); }
    int total() const { return total_.load(); }

private:
    std::atomic<int> in_flight_{0};
    std::atomic<int> max_{0};
    std::atomic<int> total_{0};
    std::mutex mutex_;
    std::vector<std::thread> threads_;
};

}  // namespace

TEST_CASE("lookups run concurrently, bounded") {
    auto resolver = std::make_shared<SlowResolver>();
    ContentCheckOptions options;
    options.resolver = resolver;
    options.blocklists = {dbl()};
    options.max_concurrent_lookups = 3;
    std::vector<LinkCheck> links;
    for (int i = 0; i < 30; ++i) {
        const std::string host = "h" + std::to_string(i) + ".example";
        links.push_back(make_link("https://" + host + "/", host));
    }
    std::vector<ContentFinding> findings;
    check_blocklists(links, options, findings);
    CHECK(resolver->total() == 30);
    CHECK(resolver->max() <= 3);
    CHECK(resolver->max() >= 2);
    CHECK(findings.empty());
}
