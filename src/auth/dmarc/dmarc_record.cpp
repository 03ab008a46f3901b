#include "auth/dmarc/dmarc_record.hpp"

#include "auth/tag_list.hpp"
#include "common/registrable_domain.hpp"

#include <algorithm>
#include <cctype>

namespace mailwarden::auth {

namespace {

bool is_policy(std::string_view v) { return v == "none" || v == "quarantine" || v == "reject"; }

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool parse_uris(std::string_view value, std::vector<DmarcUri>& out, DmarcError& error, std::string_view tag) {
    std::size_t start = 0;
    while (start <= value.size()) {
        std::size_t end = value.find(',', start);
        if (end == std::string_view::npos) end = value.size();
        const std::string_view item = trim(value.substr(start, end - start));
        start = end + 1;
        if (item.empty()) {
            error.message = std::string(tag) + "= has an empty URI";
            return false;
        }
        DmarcUri uri;
        std::string_view body = item;
        if (const auto bang = item.rfind('!'); bang != std::string_view::npos) {
            uri.size_limit = std::string(item.substr(bang + 1));
            body = item.substr(0, bang);
            const bool ok = !uri.size_limit.empty() && std::isdigit(static_cast<unsigned char>(uri.size_limit[0]));
            if (!ok) {
                error.message = std::string(tag) + "= has a malformed size limit in " + std::string(item);
                return false;
            }
        }
        uri.uri = std::string(body);
        const auto colon = body.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            error.message = std::string(tag) + "= entry '" + std::string(item) + "' is not a URI";
            return false;
        }
        if (iequals(body.substr(0, colon), "mailto")) {
            std::string address(body.substr(colon + 1));
            const auto at = address.rfind('@');
            if (at == std::string::npos || at == 0 || at + 1 == address.size()) {
                error.message = std::string(tag) + "= mailto URI '" + std::string(item) + "' has no valid address";
                return false;
            }
            uri.address = address.substr(0, at + 1) + lower(address.substr(at + 1));
        }
        out.push_back(std::move(uri));
        if (end == value.size()) break;
    }
    return true;
}

}  // namespace

bool looks_like_dmarc(std::string_view txt) noexcept {
    const std::string_view t = trim(txt);
    if (t.size() < 8 || !iequals(t.substr(0, 1), "v")) return false;
    const auto eq = t.find('=');
    if (eq == std::string_view::npos || trim(t.substr(0, eq)) != "v") return false;
    const auto rest = trim(t.substr(eq + 1));
    return rest.substr(0, 6) == "DMARC1" && (rest.size() == 6 || rest[6] == ';' || rest[6] == ' ');
}

namespace {

bool all_digits(const std::string& v, std::size_t max_size) {
    return !v.empty() && v.size() <= max_size && std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); });
}

// p=, sp= and np= share one syntax; `out` keeps its default when invalid.
void read_policy(const std::vector<Tag>& tags, const char* name, std::string& out, DmarcReading& reading) {
    const Tag* t = find_tag(tags, name, true);
    if (t == nullptr) return;
    if (!is_policy(lower(t->value))) {
        reading.problems.push_back(std::string(name) + "=" + t->value + " is not none, quarantine or reject");
        reading.policies_valid = false;
        return;
    }
    out = lower(t->value);
}

// A one-letter flag (adkim, aspf, psd, t); nullopt when absent or invalid.
std::optional<char> read_flag(const std::vector<Tag>& tags, const char* name, std::string_view allowed, DmarcReading& reading) {
    const Tag* t = find_tag(tags, name, true);
    if (t == nullptr) return std::nullopt;
    const std::string v = lower(t->value);
    if (v.size() != 1 || allowed.find(v[0]) == std::string_view::npos) {
        std::string list;
        for (char c : allowed) list += list.empty() ? std::string(1, c) : std::string(" or ") + c;
        reading.problems.push_back(std::string(name) + "=" + t->value + " is not " + list);
        return std::nullopt;
    }
    return v[0];
}

void read_uris(const std::vector<Tag>& tags, const char* name, std::vector<DmarcUri>& out, DmarcReading& reading) {
    const Tag* t = find_tag(tags, name, true);
    if (t == nullptr) return;
    DmarcError error;
    if (!parse_uris(t->value, out, error, name)) {
        out.clear();
        reading.problems.push_back(error.message);
    }
}

}  // namespace

std::optional<DmarcReading> read_dmarc(std::string_view record, DmarcError& error) {
    TagListError tag_error;
    const auto tags = parse_tag_list(record, tag_error, true);
    if (!tags) {
        error.message = tag_error.message;
        return std::nullopt;
    }
    if (tags->empty() || tags->front().name != "v" || tags->front().value != "DMARC1") {
        error.message = "the record must start with v=DMARC1";
        return std::nullopt;
    }
    DmarcReading reading;
    DmarcRecord& r = reading.record;
    reading.policy_present = find_tag(*tags, "p", true) != nullptr;
    if (!reading.policy_present) reading.problems.push_back("the required p= tag is missing");
    read_policy(*tags, "p", r.policy, reading);
    read_policy(*tags, "sp", r.subdomain_policy, reading);
    if (auto v = read_flag(*tags, "adkim", "rs", reading)) r.strict_dkim = *v == 's';
    if (auto v = read_flag(*tags, "aspf", "rs", reading)) r.strict_spf = *v == 's';
    if (const Tag* pct = find_tag(*tags, "pct", true)) {
        if (all_digits(pct->value, 3) && std::stoi(pct->value) <= 100)
            r.pct = std::stoi(pct->value);
        else
            reading.problems.push_back("pct=" + pct->value + " is not a number from 0 to 100");
    }
    if (const Tag* ri = find_tag(*tags, "ri", true)) {
        if (all_digits(ri->value, 9))
            r.report_interval = static_cast<unsigned>(std::stoul(ri->value));
        else
            reading.problems.push_back("ri=" + ri->value + " is not a number of seconds");
    }
    if (const Tag* fo = find_tag(*tags, "fo", true)) {
        if (fo->value.find_first_not_of("01ds: ") == std::string::npos)
            r.failure_options = fo->value;
        else
            reading.problems.push_back("fo=" + fo->value + " holds options other than 0, 1, d, s");
    }
    read_uris(*tags, "rua", r.rua, reading);
    read_uris(*tags, "ruf", r.ruf, reading);
    read_policy(*tags, "np", r.nonexistent_policy, reading);
    if (auto v = read_flag(*tags, "psd", "ynu", reading)) r.psd = *v;
    if (auto v = read_flag(*tags, "t", "yn", reading)) r.testing = *v == 'y';
    return reading;
}

std::optional<DmarcRecord> parse_dmarc(std::string_view record, DmarcError& error) {
    auto reading = read_dmarc(record, error);
    if (!reading) return std::nullopt;
    if (!reading->problems.empty()) {
        error.message = reading->problems.front();
        return std::nullopt;
    }
    return std::move(reading->record);
}

std::string organizational_domain(std::string_view domain) { return registrable_domain(domain); }

}  // namespace mailwarden::auth
