// The parts of the DNS interface every Resolver shares: names for record
// types and statuses, and the blocking fallback for async_query().
#include <mailwarden/dns.hpp>

#include <utility>

namespace mailwarden::dns {

std::string_view to_string(RecordType type) noexcept {
    switch (type) {
    case RecordType::a: return "A";
    case RecordType::ns: return "NS";
    case RecordType::cname: return "CNAME";
    case RecordType::soa: return "SOA";
    case RecordType::ptr: return "PTR";
    case RecordType::mx: return "MX";
    case RecordType::txt: return "TXT";
    case RecordType::aaaa: return "AAAA";
    case RecordType::spf: return "SPF";
    }
    return "UNKNOWN";
}

std::string_view to_string(Status status) noexcept {
    switch (status) {
    case Status::ok: return "ok";
    case Status::nxdomain: return "nxdomain";
    case Status::nodata: return "nodata";
    case Status::servfail: return "servfail";
    case Status::timeout: return "timeout";
    case Status::malformed: return "malformed";
    }
    return "unknown";
}

Resolver::~Resolver() = default;

void Resolver::async_query(std::string name, RecordType type, std::function<void(Answer)> done) {
    done(query(name, type));
}

}  // namespace mailwarden::dns
