// Mailing lists over the SQLite file, the local transport (the mails are
// read back from the outbox) and the bounce tracker, with a manual clock.
#include <mailwarden/channel.hpp>
#include <mailwarden/subscriber_lists.hpp>

#include "../../support/memory_resolver.hpp"
#include "../../support/temp_dir.hpp"
#include "hygiene/subscribers/list_tokens.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace mailwarden;
using namespace std::chrono_literals;

namespace {

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Fixture {
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(from_unix_seconds(1'790'000'000));
    std::shared_ptr<test_support::MemoryResolver> dns = std::make_shared<test_support::MemoryResolver>();
    Channel channel;
    std::shared_ptr<SubscriberLists> lists;

    explicit Fixture(IntakePolicy intake = {}) {
        dns->mx("iana.org", 10, "mx.iana.org");
        dns->mx("nullmx.org", 0, "");
        dns->a("aonly.org", "192.0.2.7");
        dns->fail("flaky.org", dns::RecordType::mx, dns::Status::servfail);
        dns->mx("gmail.com", 5, "gmail-smtp-in.l.google.com");
        dns->mx("googlemail.com", 5, "gmail-smtp-in.l.google.com");
        ChannelConfig c;
        c.store_path = dir.str("state.db");
        c.outbox = dir.str("outbox");
        c.clock = clock;
        channel = *open_channel(c);
        REQUIRE(channel.registry->add("news@iana.org", "IANA News", "acme").has_value());
        REQUIRE(channel.local->confirm(*channel.local->last_link("news@iana.org")).has_value());
        REQUIRE(channel.registry->refresh().has_value());
        ListsConfig l;
        l.store = *open_sqlite_subscriber_store(dir.str("state.db"));
        l.registry = channel.registry;
        l.tracker = channel.tracker;
        l.resolver = dns;
        l.clock = clock;
        l.intake = std::move(intake);
        lists = *SubscriberLists::open(l);
        REQUIRE(lists->create_list("acme", "news", "news@iana.org").has_value());
    }

    // The mails in the outbox to `to`, oldest first.
    std::vector<std::string> mails_to(const std::string& to) const {
        std::vector<std::pair<std::filesystem::file_time_type, std::string>> found;
        for (const auto& e : std::filesystem::directory_iterator(dir.path() / "outbox" / "new")) {
            std::string m = read_file(e.path());
            if (m.find("To: " + to + "\r\n") != std::string::npos) found.emplace_back(e.last_write_time(), std::move(m));
        }
        std::sort(found.begin(), found.end());
        std::vector<std::string> out;
        for (auto& f : found) out.push_back(std::move(f.second));
        return out;
    }

    std::string link_in_last_mail(const std::string& to) const {
        const auto mails = mails_to(to);
        REQUIRE_FALSE(mails.empty());
        const auto& m = mails.back();
        const auto at = m.find("https://lists.mailwarden.local/confirm?token=");
        REQUIRE(at != std::string::npos);
        return m.substr(at, m.find_first_of("\r\n", at) - at);
    }

    SubscribeOutcome subscribe(const std::string& address, bool double_opt_in = true) {
        SubscribeRequest r;
        r.address = address;
        r.source = "signup form";
        r.ip = "198.51.100.4";
        r.user_agent = "Mozilla/5.0";
        r.notice_text = "I agree to receive the IANA newsletter.";
        r.notice_version = "v3";
        r.double_opt_in = double_opt_in;
        auto out = lists->subscribe("acme", "news", r);
        REQUIRE(out.has_value());
        return *out;
    }
};

ImportOptions import_from(std::string source, std::string notice_version = {}) {
    ImportOptions o;
    o.source = std::move(source);
    o.notice_version = std::move(notice_version);
    return o;
}

std::string header_of(const std::string& mail, const std::string& name) {
    const auto at = mail.find("\r\n" + name + ": ");
    if (at == std::string::npos) return {};
    const auto start = at + name.size() + 4;
    return mail.substr(start, mail.find("\r\n", start) - start);
}

}  // namespace

TEST_CASE("double opt-in: a mail with a link; GET inspects, POST confirms once; the consent log tells it all") {
    Fixture f;
    auto out = f.subscribe("Ann.Lee@IANA.org");
    CHECK(out.accepted);
    CHECK(out.subscriber->state == SubscriberState::pending);
    CHECK(out.subscriber->address == "Ann.Lee@iana.org");
    const std::string link = f.link_in_last_mail("Ann.Lee@iana.org");
    CHECK(link == out.confirm_link);
    const auto mail = f.mails_to("Ann.Lee@iana.org").back();
    CHECK(mail.find("From: \"IANA News\" <news@iana.org>") != std::string::npos);
    CHECK(mail.find("expires in 48 hours") != std::string::npos);

    // A link scanner's GET: no side effect, however often.
    for (int i = 0; i < 3; ++i) {
        auto preview = f.lists->inspect(link);
        REQUIRE(preview.has_value());
        CHECK(preview->list.name == "news");
        CHECK(preview->subscriber.state == SubscriberState::pending);
        CHECK(preview->expires_at == f.clock->now() + 48h);
    }
    CHECK(f.lists->subscribers("acme", "news", SubscriberState::confirmed)->empty());

    f.clock->advance(5min);
    auto confirmed = f.lists->confirm(link, "203.0.113.9", "Thunderbird");
    REQUIRE(confirmed.has_value());
    CHECK(confirmed->state == SubscriberState::confirmed);
    CHECK(confirmed->confirmed_at == f.clock->now());
    // Single use.
    CHECK(f.lists->confirm(link).error().code == errc::already_exists);
    CHECK(f.lists->inspect(link).error().code == errc::already_exists);

    auto log = f.lists->consent_log("acme", "news", "ann.lee@iana.org");  // case-insensitive local part
    REQUIRE(log.has_value());
    REQUIRE(log->size() == 2);
    CHECK((*log)[0].action == "subscribe");
    CHECK((*log)[0].ip == "198.51.100.4");
    CHECK((*log)[0].notice_text == "I agree to receive the IANA newsletter.");
    CHECK((*log)[0].notice_version == "v3");
    CHECK((*log)[1].action == "confirm");
    CHECK((*log)[1].ip == "203.0.113.9");
    CHECK((*log)[1].user_agent == "Thunderbird");
    CHECK((*log)[1].at == (*log)[0].at + 5min);
}

TEST_CASE("confirmation links expire, are replaced by a resend, and cannot be forged") {
    Fixture f;
    f.subscribe("bob@iana.org");
    const std::string first = f.link_in_last_mail("bob@iana.org");
    auto second = f.lists->resend_confirmation("acme", "news", "bob@iana.org");
    REQUIRE(second.has_value());
    CHECK(*second != first);
    CHECK(f.lists->inspect(first).error().code == errc::invalid_argument);  // replaced
    CHECK(f.mails_to("bob@iana.org").size() == 2);

    // Tampering: one character changed, a truncated token, garbage.
    std::string tampered = *second;
    tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
    CHECK(f.lists->confirm(tampered).error().code == errc::invalid_argument);
    CHECK(f.lists->confirm(second->substr(0, second->size() - 1)).error().code == errc::invalid_argument);
    CHECK(f.lists->confirm("https://x/confirm?nothing=1").error().code == errc::invalid_argument);
    CHECK(f.lists->confirm("").error().code == errc::invalid_argument);

    f.clock->advance(48h);
    CHECK(f.lists->inspect(*second).error().code == errc::expired);
    CHECK(f.lists->confirm(*second).error().code == errc::expired);
    CHECK(f.lists->subscribers("acme", "news", SubscriberState::pending)->size() == 1);
    // Only pending subscribers get a new link.
    auto third = f.lists->resend_confirmation("acme", "news", "bob@iana.org");
    REQUIRE(third.has_value());
    REQUIRE(f.lists->confirm(*third).has_value());
    CHECK(f.lists->resend_confirmation("acme", "news", "bob@iana.org").error().code == errc::invalid_argument);
}

TEST_CASE("two confirmations of one link at once: exactly one wins") {
    Fixture f;
    f.subscribe("race@iana.org");
    const std::string link = f.link_in_last_mail("race@iana.org");
    std::atomic<int> wins{0}, used{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            auto r = f.lists->confirm(link);
            if (r) ++wins;
            else if (r.error().code == errc::already_exists) ++used;
        });
    for (auto& t : threads) t.join();
    CHECK(wins.load() == 1);
    CHECK(used.load() == 7);
    CHECK(f.lists->consent_log("acme", "news", "race@iana.org")->size() == 2);
}

TEST_CASE("intake: refusals with reasons, flags kept, duplicates folded, every field free of control characters") {
    Fixture f;
    CHECK(f.subscribe("postmaster@iana.org").refused_because == "role");
    CHECK(f.subscribe("someone@nullmx.org").refused_because == "null_mx");
    CHECK(f.subscribe("someone@nxdomain.org").refused_because == "no_mail_domain");
    CHECK(f.subscribe("someone@mailinator.com").refused_because == "disposable");
    CHECK(f.subscribe("not an address").refused_because != "");
    CHECK_FALSE(f.subscribe("not an address").accepted);

    auto implicit = f.subscribe("a@aonly.org");
    CHECK(implicit.accepted);
    CHECK(implicit.subscriber->flags == std::vector<std::string>{"implicit_mx"});
    auto unknown = f.subscribe("a@flaky.org");  // a temporary failure is never a refusal
    CHECK(unknown.accepted);
    CHECK(unknown.subscriber->flags == std::vector<std::string>{"dns_unknown"});
    auto free = f.subscribe("someone@gmail.com");
    CHECK(free.accepted);
    CHECK(free.subscriber->flags == std::vector<std::string>{"free_provider"});

    // The local part's case folds; without the option Gmail's dots do not.
    auto again = f.subscribe("SOMEONE@gmail.com");
    CHECK(again.subscriber->id == free.subscriber->id);
    CHECK(f.subscribe("some.one@gmail.com").subscriber->id != free.subscriber->id);

    SubscribeRequest r;
    r.address = "clean@iana.org";
    r.name = "Eve\r\nBcc: victim@iana.org";
    CHECK(f.lists->subscribe("acme", "news", r)->refused_because == "invalid_field");
    r.name = "Eve";
    r.user_agent = std::string("UA\x01", 3);
    CHECK(f.lists->subscribe("acme", "news", r)->refused_because == "invalid_field");

    // The suppression list.
    REQUIRE(f.channel.tracker->suppress("blocked@iana.org", "acme", "operator").has_value());
    CHECK(f.subscribe("blocked@iana.org").refused_because == "suppressed");
    CHECK(f.lists->subscribe("acme", "nolist", r).error().code == errc::not_found);
}

TEST_CASE("intake policy: role accepted when allowed, disposable allow-list, Gmail folding on request") {
    IntakePolicy p;
    p.address.reject_role = false;
    p.disposable_allow = {"mailinator.com"};
    p.fold_provider_aliases = true;
    Fixture f(p);
    auto role = f.subscribe("postmaster@iana.org");
    CHECK(role.accepted);
    CHECK(role.subscriber->flags == std::vector<std::string>{"role"});
    CHECK(f.subscribe("someone@mailinator.com").refused_because != "disposable");
    auto a = f.subscribe("some.one+news@gmail.com");
    auto b = f.subscribe("someone@googlemail.com");
    CHECK(a.subscriber->id == b.subscriber->id);
}

TEST_CASE("list mail: confirmed and unsuppressed only, each with its own List-Unsubscribe, and one-click works") {
    Fixture f;
    f.subscribe("pending@iana.org");  // never confirmed
    for (const char* a : {"one@iana.org", "two@iana.org", "gone@iana.org"}) {
        auto out = f.subscribe(a);
        REQUIRE(f.lists->confirm(out.confirm_link).has_value());
    }
    REQUIRE(f.channel.tracker->suppress("gone@iana.org", "acme", "hard bounce elsewhere").has_value());
    OutgoingMessage m;
    m.subject = "Issue 1";
    m.text = "Hello";
    auto report = f.lists->send("acme", "news", m);
    REQUIRE(report.has_value());
    CHECK(report->sent == 2);
    CHECK(report->suppressed == 1);
    CHECK(f.mails_to("pending@iana.org").size() == 1);  // only its confirmation mail
    CHECK(f.lists->subscribers("acme", "news", SubscriberState::bounced)->size() == 1);

    const auto one = f.mails_to("one@iana.org").back();
    const auto two = f.mails_to("two@iana.org").back();
    CHECK(header_of(one, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click");
    CHECK(header_of(one, "List-Id") == "<news.acme.lists.mailwarden.local>");
    const std::string lu = header_of(one, "List-Unsubscribe");
    CHECK(lu.rfind("<https://lists.mailwarden.local/unsubscribe?token=u1.", 0) == 0);
    CHECK(lu.find(", <mailto:unsubscribe+u1.") != std::string::npos);
    CHECK(lu != header_of(two, "List-Unsubscribe"));
    const std::string url = lu.substr(1, lu.find('>') - 1);

    // GET never changes state.
    CHECK(f.lists->inspect_unsubscribe(url)->state == SubscriberState::confirmed);
    CHECK(f.lists->inspect_unsubscribe(url)->address == "one@iana.org");
    // A forged token for another subscriber is refused.
    std::string forged = url;
    forged.replace(forged.find("u1.") + 3, 1, forged[forged.find("u1.") + 3] == '2' ? "3" : "2");
    CHECK(f.lists->unsubscribe(forged, "one-click").error().code == errc::invalid_argument);
    // POST (the host checked is_one_click_post): at once, and twice is once.
    auto gone = f.lists->unsubscribe(url, "one-click");
    REQUIRE(gone.has_value());
    CHECK(gone->state == SubscriberState::unsubscribed);
    CHECK(f.lists->unsubscribe(url, "one-click")->state == SubscriberState::unsubscribed);
    auto log = *f.lists->consent_log("acme", "news", "one@iana.org");
    CHECK(log.back().action == "unsubscribe");
    CHECK(log.back().detail == "one-click");
    CHECK(log.size() == 3);
    // The mailto form names the same subscriber.
    const auto mailto = lu.substr(lu.find("mailto:") + 7);
    CHECK(f.lists->inspect_unsubscribe(mailto.substr(0, mailto.find('?')))->address == "one@iana.org");

    // The next issue goes to two@ only.
    report = f.lists->send("acme", "news", m);
    CHECK(report->sent == 1);
    // It left: an import cannot bring it back, a new double opt-in can.
    CHECK(f.subscribe("one@iana.org", false).refused_because == "tombstoned");
    auto back = f.subscribe("one@iana.org");
    CHECK(back.accepted);
    CHECK(back.subscriber->state == SubscriberState::pending);
    CHECK(f.lists->consent_log("acme", "news", "one@iana.org")->back().action == "resubscribe");
}

TEST_CASE("RFC 8058 POST bodies: urlencoded and multipart say one-click; nothing else does") {
    CHECK(is_one_click_post("application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"));
    CHECK(is_one_click_post("application/x-www-form-urlencoded; charset=utf-8", "List-Unsubscribe=One-Click\r\n"));
    CHECK(is_one_click_post("application/x-www-form-urlencoded", "a=b&List-Unsubscribe=One-Click"));
    CHECK_FALSE(is_one_click_post("application/x-www-form-urlencoded", "List-Unsubscribe=one-click-please"));
    CHECK_FALSE(is_one_click_post("application/x-www-form-urlencoded", ""));
    CHECK_FALSE(is_one_click_post("text/plain", "List-Unsubscribe=One-Click"));
    const std::string multipart =
        "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";
    CHECK(is_one_click_post("multipart/form-data; boundary=XyZ", multipart));
    CHECK_FALSE(is_one_click_post("multipart/form-data; boundary=Other", multipart));
    CHECK_FALSE(is_one_click_post(
        "multipart/form-data; boundary=XyZ",
        "--XyZ\r\nContent-Disposition: form-data; name=\"Other\"\r\n\r\nOne-Click\r\n--XyZ--\r\n"));
}

TEST_CASE("purge: a dry run reports, the real run removes and leaves tombstones") {
    Fixture f;
    f.subscribe("stale@iana.org");  // pending
    auto active = f.subscribe("active@iana.org");
    auto idle = f.subscribe("idle@iana.org");
    REQUIRE(f.lists->confirm(active.confirm_link).has_value());
    REQUIRE(f.lists->confirm(idle.confirm_link).has_value());
    OutgoingMessage m{"", {}, "Issue", "text", "", "", "", {}};
    for (int i = 0; i < 5; ++i) REQUIRE(f.lists->send("acme", "news", m)->sent == 2);
    f.clock->advance(40 * 24h);
    REQUIRE(f.lists->record_engagement("acme", "news", "active@iana.org", SubscriberStore::Engagement::opened).has_value());
    // A proxy's open does not count.
    REQUIRE(f.lists->record_engagement("acme", "news", "idle@iana.org", SubscriberStore::Engagement::opened, true)
                .has_value());

    PurgePolicy p;
    p.inactive_days = 30;
    p.min_sends = 5;
    p.dry_run = true;
    auto dry = f.lists->purge("acme", "news", p);
    REQUIRE(dry.has_value());
    REQUIRE(dry->purged.size() == 2);
    CHECK(dry->purged[0].subscriber.address == "stale@iana.org");
    CHECK(dry->purged[0].reason == "unconfirmed");
    CHECK(dry->purged[1].subscriber.address == "idle@iana.org");
    CHECK(dry->purged[1].reason == "inactive");
    CHECK(f.lists->subscribers("acme", "news")->size() == 3);  // nothing happened
    CHECK(to_json(*dry) == R"({"dry_run":true,"purged":[{"address":"stale@iana.org","state":"pending","reason":"unconfirmed"},)"
                           R"({"address":"idle@iana.org","state":"confirmed","reason":"inactive"}]})");

    p.dry_run = false;
    auto done = f.lists->purge("acme", "news", p);
    REQUIRE(done->purged.size() == 2);
    auto left = *f.lists->subscribers("acme", "news");
    REQUIRE(left.size() == 1);
    CHECK(left[0].address == "active@iana.org");
    CHECK(left[0].sends == 5);
    CHECK(left[0].opens == 1);
    CHECK(f.lists->consent_log("acme", "news", "idle@iana.org").error().code == errc::not_found);
    // A re-import of a purged address is refused.
    auto summary = f.lists->import("acme", "news", "email\nidle@iana.org\nnew@iana.org\n", import_from("crm.csv"));
    REQUIRE(summary.has_value());
    CHECK(summary->added == 1);
    CHECK(summary->refused == 1);
    CHECK(summary->refused_by_reason == std::vector<std::pair<std::string, std::int64_t>>{{"tombstoned", 1}});
    CHECK(to_json(*summary) == R"({"rows":2,"added":1,"refused":1,"refused_by_reason":{"tombstoned":1}})");
    const auto list = f.lists->list("acme", "news");
    CHECK(to_json(*list) == R"({"account":"acme","name":"news","from":"news@iana.org","created_at":")" +
                                format_rfc3339(list->created_at) + R"("})");
}

TEST_CASE("import: the list cleaner's checks row by row, a summary of refusals, confirmed with the source logged") {
    Fixture f;
    const std::string csv =
        "Name,E-Mail\r\n"
        "Ann,ann@iana.org\r\n"
        "Ann again,ANN@iana.org\r\n"
        "Post,postmaster@iana.org\r\n"
        "Nul,x@nullmx.org\r\n"
        "\"Quoted, name\",q@aonly.org\r\n"
        "Junk,not-an-address\r\n";
    std::vector<ImportRow> rows;
    auto summary = f.lists->import("acme", "news", csv, import_from("crm.csv", "v2"),
                                   [&](const ImportRow& r) { rows.push_back(r); });
    REQUIRE(summary.has_value());
    CHECK(summary->rows == 6);
    CHECK(summary->added == 2);
    CHECK(summary->refused == 4);
    REQUIRE(rows.size() == 6);
    CHECK(rows[0].added);
    CHECK(rows[1].refused_because == "duplicate");
    CHECK(rows[2].refused_because == "role");
    CHECK(rows[3].refused_because == "null_mx");
    CHECK(rows[4].added);
    CHECK(rows[4].check.reasons == std::vector<std::string>{"implicit_mx"});
    CHECK_FALSE(rows[5].added);
    auto confirmed = *f.lists->subscribers("acme", "news", SubscriberState::confirmed);
    CHECK(confirmed.size() == 2);
    auto log = *f.lists->consent_log("acme", "news", "ann@iana.org");
    REQUIRE(log.size() == 1);
    CHECK(log[0].action == "import");
    CHECK(log[0].source == "crm.csv");
    CHECK(log[0].notice_version == "v2");
    CHECK(log[0].detail == "row 1");
    // Imported again: already there.
    auto again = f.lists->import("acme", "news", csv, import_from("crm.csv"));
    CHECK(again->added == 0);
    ImportOptions wrong_column;
    wrong_column.column_name = "nope";
    CHECK(f.lists->import("acme", "news", csv, wrong_column).error().code == errc::invalid_argument);
}

TEST_CASE("import: a refusal names what made the row invalid, not a flag found before it") {
    Fixture f;
    std::vector<ImportRow> rows;
    auto summary = f.lists->import("acme", "news", "bob@gmail.com\nBob@gmail.com\ninfo@nullmx.org\n",
                                   import_from("crm.csv"), [&](const ImportRow& r) { rows.push_back(r); });
    REQUIRE(summary.has_value());
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].added);
    CHECK(rows[0].check.reasons == std::vector<std::string>{"free_provider"});
    CHECK(rows[1].check.reasons.front() == "free_provider");
    CHECK(rows[1].refused_because == "duplicate");
    CHECK(rows[1].check.invalid_because == "duplicate");
    CHECK(rows[2].refused_because == "role");  // refused by the policy before the null MX
    CHECK(rows[2].check.invalid_because == "role");
    CHECK(summary->refused_by_reason == std::vector<std::pair<std::string, std::int64_t>>{{"duplicate", 1}, {"role", 1}});
}

TEST_CASE("unsubscribe tokens: shape and signature checked before any look-up") {
    const std::string key = "k";
    const auto t = hygiene::unsubscribe_token(key, 42);
    CHECK(hygiene::verify_unsubscribe_token(t, key).value() == 42);
    CHECK_FALSE(hygiene::verify_unsubscribe_token(t, "other key"));
    for (const char* bad : {"", "u1.", "u1..x", "u1.0.AAAAAAAAAAAAAAAAAAAAAA", "u1.-1.AAAAAAAAAAAAAAAAAAAAAA",
                            "u1.42.short", "c1.42.AAAAAAAAAAAAAAAAAAAAAA", "u1.99999999999999999999.AAAAAAAAAAAAAAAAAAAAAA"})
        CHECK_FALSE(hygiene::verify_unsubscribe_token(bad, key));
    CHECK(hygiene::token_of("https://l/u?a=1&token=" + t + "#frag", "u1.").value() == t);
    CHECK(hygiene::token_of("  " + t + "\r\n", "u1.").value() == t);
    CHECK_FALSE(hygiene::token_of("https://l/u?a=1", "u1."));
    CHECK_FALSE(hygiene::token_of(t + "<script>", "u1."));
}
