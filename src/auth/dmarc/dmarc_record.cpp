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

std::optional<DmarcRecord> parse_dmarc(std::string_view record, DmarcError& error) {
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
    DmarcRecord r;
    const Tag* p = find_tag(*tags, "p", true);
    if (p == nullptr) {
        error.message = "the required p= tag is missing";
        return std::nullopt;
    }
    if (!is_policy(lower(p->value))) {
        error.message = "p=" + p->value + " is not none, quarantine or reject";
        return std::nullopt;
    }
    r.policy = lower(p->value);
    if (const Tag* sp = find_tag(*tags, "sp", true)) {
        if (!is_policy(lower(sp->value))) {
            error.message = "sp=" + sp->value + " is not none, quarantine or reject";
            return std::nullopt;
        }
        r.subdomain_policy = lower(sp->value);
    }
    for (const char* name : {"adkim", "aspf"}) {
        if (const Tag* t = find_tag(*tags, name, true)) {
            const std::string v = lower(t->value);
            if (v != "r" && v != "s") {
                error.message = std::string(name) + "=" + t->value + " is not r or s";
                return std::nullopt;
            }
            (std::string_view(name) == "adkim" ? r.strict_dkim : r.strict_spf) = v == "s";
        }
    }
    if (const Tag* pct = find_tag(*tags, "pct", true)) {
        const bool digits = !pct->value.empty() && pct->value.size() <= 3 &&
                            std::all_of(pct->value.begin(), pct->value.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!digits || std::stoi(pct->value) > 100) {
            error.message = "pct=" + pct->value + " is not a number from 0 to 100";
            return std::nullopt;
        }
        r.pct = std::stoi(pct->value);
    }
    if (const Tag* ri = find_tag(*tags, "ri", true)) {
        const bool digits = !ri->value.empty() && ri->value.size() <= 9 &&
                            std::all_of(ri->value.begin(), ri->value.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!digits) {
            error.message = "ri=" + ri->value + " is not a number of seconds";
            return std::nullopt;
        }
        r.report_interval = static_cast<unsigned>(std::stoul(ri->value));
    }
    if (const Tag* fo = find_tag(*tags, "fo", true)) {
        for (char c : fo->value)
            if (c != '0' && c != '1' && c != 'd' && c != 's' && c != ':' && c != ' ') {
                error.message = "fo=" + fo->value + " holds options other than 0, 1, d, s";
                return std::nullopt;
            }
        r.failure_options = fo->value;
    }
    if (const Tag* rua = find_tag(*tags, "rua", true); rua != nullptr && !parse_uris(rua->value, r.rua, error, "rua"))
        return std::nullopt;
    if (const Tag* ruf = find_tag(*tags, "ruf", true); ruf != nullptr && !parse_uris(ruf->value, r.ruf, error, "ruf"))
        return std::nullopt;
    return r;
}

std::string organizational_domain(std::string_view domain) { return registrable_domain(domain); }

}  // namespace mailwarden::auth
