// libFuzzer target: the SPF record parser, the macro checker and expander,
// the record lint, and check_host() over a resolver that serves the input as
// every domain's record. Invariants checked beyond "no crash":
//  - terms are views into the input at their offsets, in order; an error's
//    position lies inside the input;
//  - a valid record re-parsed from its own terms gives the same terms;
//  - the macro checker and the expander agree on what is valid, and a
//    domain expansion is cut to 253 octets whenever it has a dot to cut at;
//  - check_host() stays within its limits whatever the record says.
#include <mailwarden/dns.hpp>
#include <mailwarden/spf.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace spf = mailwarden::spf;
namespace dns = mailwarden::dns;

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

// Every TXT question gets the input; addresses, MX and PTR are constant.
class EchoResolver final : public dns::Resolver {
public:
    explicit EchoResolver(std::string_view record) : record_(record) {}

    dns::Answer query(std::string_view name, dns::RecordType type) override {
        require(!name.empty() && name.size() <= 253);
        ++queries;
        dns::Answer a;
        a.status = dns::Status::ok;
        switch (type) {
        case dns::RecordType::txt: a.texts.emplace_back(record_); break;
        case dns::RecordType::a: a.addresses.push_back(*dns::IpAddress::parse("192.0.2.1")); break;
        case dns::RecordType::aaaa: a.addresses.push_back(*dns::IpAddress::parse("2001:db8::1")); break;
        case dns::RecordType::mx: a.mx.push_back(dns::MxRecord{10, "mx.example.org"}); break;
        case dns::RecordType::ptr: a.names.emplace_back("host.example.org"); break;
        default: a.status = dns::Status::nodata; break;
        }
        if (name.size() % 7 == 0) a.status = dns::Status::nxdomain;  // some names are void
        if (type == dns::RecordType::txt && a.status == dns::Status::nxdomain) a.texts.clear();
        if (a.status != dns::Status::ok) a = dns::Answer{a.status, 0, {}, {}, {}, {}};
        return a;
    }

    std::size_t queries = 0;

private:
    std::string record_;
};

void check_parse(std::string_view text) {
    const spf::Record record = spf::parse_record(text);
    std::uint32_t last = 0;
    for (const auto& term : record.terms) {
        require(term.offset >= last);
        require(term.offset + term.text.size() <= text.size());
        require(text.substr(term.offset, term.text.size()) == term.text);
        require(!term.text.empty());
        last = term.offset + static_cast<std::uint32_t>(term.text.size());
    }
    if (!record.ok()) {
        require(record.error_offset + record.error_length <= text.size());
        return;
    }
    std::string again = "v=spf1";
    for (const auto& term : record.terms) again.append(" ").append(term.text);
    const spf::Record reparsed = spf::parse_record(again);
    require(reparsed.ok());
    require(reparsed.terms.size() == record.terms.size());
    for (std::size_t i = 0; i < record.terms.size(); ++i) {
        const auto& x = record.terms[i];
        const auto& y = reparsed.terms[i];
        require(x.type == y.type && x.qualifier == y.qualifier && x.value == y.value);
        require(x.cidr4 == y.cidr4 && x.cidr6 == y.cidr6 && x.network == y.network);
    }
    (void)spf::lint_record(text, "example.org");
}

void check_macros(std::string_view text) {
    spf::MacroValues values;
    values.sender = "strong-bad@email.example.com";
    values.local_part = "strong-bad";
    values.sender_domain = "email.example.com";
    values.domain = "email.example.com";
    values.ip = *dns::IpAddress::parse("2001:db8::cb01");
    values.helo = "mx.example.org";
    values.timestamp = 1700000000;
    std::string out;
    for (const auto use : {spf::MacroUse::domain, spf::MacroUse::explanation}) {
        std::size_t offset = 0;
        const spf::SyntaxError checked = spf::check_macro_string(text, use, &offset);
        const spf::SyntaxError expanded = spf::expand_macros(text, use, values, out);
        require(checked == expanded);
        if (checked != spf::SyntaxError::none) {
            require(offset <= text.size());
            continue;
        }
        if (use == spf::MacroUse::domain) require(out.size() <= 253 || out.find('.') == std::string::npos);
    }
    if (spf::is_domain_spec(text)) require(spf::check_macro_string(text, spf::MacroUse::domain) == spf::SyntaxError::none);
}

void check_evaluation(std::string_view text, std::uint8_t flags) {
    EchoResolver resolver(text);
    spf::SpfRequest request;
    request.ip = *dns::IpAddress::parse((flags & 1) != 0 ? "2001:db8::1" : "192.0.2.1");
    request.sender = (flags & 2) != 0 ? "" : "user@example.org";
    request.helo = "mail.example.org";
    spf::SpfOptions options;
    options.trace = (flags & 4) != 0;
    const spf::SpfOutcome out = spf::check_host(resolver, request, options);
    require(out.dns_lookups <= options.max_dns_lookups + 1);
    require(out.void_lookups <= options.max_void_lookups + 1);
    require(out.dns_queries == resolver.queries);
    require(out.explanation.empty() || out.result == spf::Result::fail);
    // Each counted term makes at most 1 + max_mx_names queries (mx), plus
    // %{p} (1 + max_ptr_names), plus the record and exp= lookups.
    require(resolver.queries <= 2 + 11 + (options.max_dns_lookups + 1) * (2 + options.max_mx_names));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t flags = data[0];
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
    check_parse(input);
    check_macros(input);
    if (spf::is_spf_record(input)) check_evaluation(input, flags);
    return 0;
}
