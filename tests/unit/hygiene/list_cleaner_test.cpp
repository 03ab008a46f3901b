// The cleaner over a resolver that answers late and out of order: verdicts
// leave in input order, each domain is asked once, a small window blocks
// without losing rows, and the DNS outcomes map to their reasons.
#include "hygiene/clean/mail_domain_lookup.hpp"

#include <mailwarden/list_clean.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace mailwarden;

namespace {

// Answers from a table, each on a thread of its own after a delay that is
// longer for names asked earlier, so answers arrive out of order.
class LateResolver final : public dns::Resolver {
public:
    explicit LateResolver(std::map<std::pair<std::string, dns::RecordType>, dns::Answer> table)
        : table_(std::move(table)) {}
    ~LateResolver() override {
        for (auto& t : threads_) t.join();
    }
    dns::Answer query(std::string_view name, dns::RecordType type) override { return answer(std::string(name), type); }
    void async_query(std::string name, dns::RecordType type, std::function<void(dns::Answer)> done) override {
        const std::lock_guard lock(mutex_);
        ++asked_[name + "/" + std::string(dns::to_string(type))];
        const auto delay = std::chrono::milliseconds(40 - std::min<int>(35, static_cast<int>(threads_.size()) * 5));
        threads_.emplace_back([this, name, type, done, delay] {
            std::this_thread::sleep_for(delay);
            done(answer(name, type));
        });
    }
    std::map<std::string, int> asked() {
        const std::lock_guard lock(mutex_);
        return asked_;
    }

private:
    dns::Answer answer(const std::string& name, dns::RecordType type) const {
        const auto it = table_.find({name, type});
        if (it != table_.end()) return it->second;
        dns::Answer nx;
        nx.status = dns::Status::nxdomain;
        return nx;
    }
    std::map<std::pair<std::string, dns::RecordType>, dns::Answer> table_;
    std::mutex mutex_;
    std::vector<std::thread> threads_;
    std::map<std::string, int> asked_;
};

dns::Answer with_status(dns::Status s) {
    dns::Answer a;
    a.status = s;
    return a;
}

dns::Answer mx(std::string exchange) {
    dns::Answer a;
    a.status = dns::Status::ok;
    a.mx.push_back({10, std::move(exchange)});
    return a;
}

dns::Answer address() {
    dns::Answer a;
    a.status = dns::Status::ok;
    a.addresses.push_back(*dns::IpAddress::parse("192.0.2.1"));
    return a;
}

std::shared_ptr<LateResolver> fixtures() {
    using T = dns::RecordType;
    return std::make_shared<LateResolver>(std::map<std::pair<std::string, T>, dns::Answer>{
        {{"mx.org", T::mx}, mx("mail.mx.org")},
        {{"aonly.org", T::mx}, with_status(dns::Status::nodata)},
        {{"aonly.org", T::a}, address()},
        {{"v6.org", T::mx}, with_status(dns::Status::nodata)},
        {{"v6.org", T::a}, with_status(dns::Status::nodata)},
        {{"v6.org", T::aaaa}, address()},
        {{"nullmx.org", T::mx}, mx("")},
        {{"bare.org", T::mx}, with_status(dns::Status::nodata)},
        {{"bare.org", T::a}, with_status(dns::Status::nodata)},
        {{"bare.org", T::aaaa}, with_status(dns::Status::nodata)},
        {{"flaky.org", T::mx}, with_status(dns::Status::timeout)},
    });
}

std::vector<CleanVerdict> clean(const std::string& input, CleanOptions options) {
    std::vector<CleanVerdict> out;
    auto cleaner = ListCleaner::create(std::move(options), [&](const CleanVerdict& v) { out.push_back(v); });
    REQUIRE(cleaner);
    for (std::size_t at = 0; at < input.size(); at += 7) (*cleaner)->feed(std::string_view(input).substr(at, 7));
    (*cleaner)->finish();
    return out;
}

}  // namespace

TEST_CASE("each DNS outcome gives its reason; verdicts leave in input order") {
    auto dns = fixtures();
    CleanOptions options;
    options.resolver = dns;
    const auto out = clean(
        "a@mx.org\nb@aonly.org\nc@v6.org\nd@nullmx.org\ne@bare.org\nf@gone.org\ng@flaky.org\nh@MX.org\n", options);
    REQUIRE(out.size() == 8);
    const std::vector<std::pair<MailDomainStatus, std::string>> want = {
        {MailDomainStatus::accepts_mail, ""},        {MailDomainStatus::implicit_mx, "implicit_mx"},
        {MailDomainStatus::implicit_mx, "implicit_mx"}, {MailDomainStatus::null_mx, "null_mx"},
        {MailDomainStatus::no_mail_domain, "no_mail_domain"}, {MailDomainStatus::no_mail_domain, "no_mail_domain"},
        {MailDomainStatus::unknown, "dns_unknown"},  {MailDomainStatus::accepts_mail, ""},
    };
    for (std::size_t i = 0; i < out.size(); ++i) {
        CAPTURE(i);
        CHECK(out[i].row == i + 1);
        CHECK(out[i].domain == want[i].first);
        CHECK((out[i].reasons.empty() ? std::string() : out[i].reasons.front()) == want[i].second);
    }
    CHECK(dns->asked().at("mx.org/MX") == 1);  // rows 1 and 8 share one lookup
}

TEST_CASE("a window of one row blocks and loses nothing; each domain still asked once") {
    auto dns = fixtures();
    CleanOptions options;
    options.resolver = dns;
    options.max_pending_rows = 1;
    std::string input;
    for (int i = 0; i < 60; ++i) input += "u" + std::to_string(i) + (i % 2 ? "@mx.org\n" : "@aonly.org\n");
    const auto out = clean(input, options);
    REQUIRE(out.size() == 60);
    for (std::size_t i = 0; i < out.size(); ++i) CHECK(out[i].row == i + 1);
    CHECK(dns->asked() == std::map<std::string, int>{{"aonly.org/A", 1}, {"aonly.org/MX", 1}, {"mx.org/MX", 1}});
}

TEST_CASE("a cleaner destroyed with lookups running waits for them") {
    auto dns = fixtures();
    CleanOptions options;
    options.resolver = dns;
    std::atomic<int> delivered{0};
    {
        auto cleaner = ListCleaner::create(options, [&](const CleanVerdict&) { ++delivered; });
        REQUIRE(cleaner);
        (*cleaner)->feed("a@mx.org\nb@v6.org\n");
    }  // no finish(): the lookups still refer to it
    CHECK(delivered.load() == 0);
}

TEST_CASE("bad options are refused") {
    CleanOptions quote;
    quote.delimiter = '"';
    CHECK_FALSE(ListCleaner::create(quote, [](const CleanVerdict&) {}));
    CleanOptions none;
    none.max_pending_rows = 0;
    CHECK_FALSE(ListCleaner::create(none, [](const CleanVerdict&) {}));
    CHECK_FALSE(ListCleaner::create({}, nullptr));
}

TEST_CASE("status_of_mx: null MX alone, beside others, and what needs the address records") {
    CHECK(hygiene::status_of_mx(mx("")) == MailDomainStatus::null_mx);
    auto mixed = mx("");
    mixed.mx.push_back({20, "mail.iana.org"});
    CHECK(hygiene::status_of_mx(mixed) == MailDomainStatus::accepts_mail);
    CHECK(hygiene::status_of_mx(with_status(dns::Status::nodata)) == MailDomainStatus::not_checked);
    CHECK(hygiene::status_of_mx(with_status(dns::Status::nxdomain)) == MailDomainStatus::no_mail_domain);
    CHECK(hygiene::status_of_mx(with_status(dns::Status::servfail)) == MailDomainStatus::unknown);
}

TEST_CASE("CSV columns: by header name, by content, by index; a missing name is an input error") {
    const auto addresses = [](const std::vector<CleanVerdict>& out) {
        std::string s;
        for (const auto& v : out) s += v.input + ";";
        return s;
    };
    CHECK(addresses(clean("name,Email\nA,a@iana.org\n", {})) == "a@iana.org;");
    CHECK(addresses(clean("A,a@iana.org\nB,b@iana.org\n", {})) == "a@iana.org;b@iana.org;");  // no header
    CHECK(addresses(clean("E-Mail\na@iana.org\n", {})) == "a@iana.org;");  // one column, a header
    CHECK(addresses(clean("a@iana.org\nemail\n", {})) == "a@iana.org;email;");  // only the first line
    CleanOptions third;
    third.column_index = 2;
    CHECK(addresses(clean("x,y,z\n1,2,c@iana.org\n", third)) == "c@iana.org;");
    CleanOptions named;
    named.column_name = "Contact";
    std::vector<CleanVerdict> out;
    auto cleaner = ListCleaner::create(named, [&](const CleanVerdict& v) { out.push_back(v); });
    REQUIRE(cleaner);
    (*cleaner)->feed("name,email\nA,a@iana.org\n");
    (*cleaner)->finish();
    CHECK(out.empty());
    REQUIRE((*cleaner)->input_error());
    CHECK((*cleaner)->input_error()->find("contact") != std::string::npos);
}
