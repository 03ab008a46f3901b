#include "check_blocklists.hpp"

#include "dnsbl_decode.hpp"
#include "dnsbl_names.hpp"
#include "query_batch.hpp"

#include "common/registrable_domain.hpp"

#include <algorithm>
#include <set>
#include <string>

namespace mailwarden::content_detail {

namespace {

std::string list_name(const Blocklist& list) { return list.name.empty() ? normalized_domain(list.zone) : list.name; }

// What one link learnt from one list.
struct LinkOnList {
    std::vector<std::string> reasons;
    std::vector<std::string> subjects;  ///< the names / addresses listed
    bool unknown = false;
};

// What one list did over the whole check, for its findings.
struct ListNotes {
    std::set<std::string> refused;  ///< subjects
    std::string refused_detail;
    std::set<std::string> failed;
    std::string failed_detail;
};

void add_unique(std::vector<std::string>& to, const std::string& value) {
    if (std::find(to.begin(), to.end(), value) == to.end()) to.push_back(value);
}

std::string join(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += ", ";
        out += v;
    }
    return out;
}

std::string some(const std::set<std::string>& subjects) {
    std::string out;
    std::size_t n = 0;
    for (const auto& s : subjects) {
        if (n == 3) return out + " and " + std::to_string(subjects.size() - n) + " more";
        if (n++ > 0) out += ", ";
        out += s;
    }
    return out;
}

class Checker {
public:
    Checker(std::vector<LinkCheck>& links, const ContentCheckOptions& options)
        : links_(links), options_(options), batch_(*options.resolver, options.max_concurrent_lookups),
          state_(links.size(), std::vector<LinkOnList>(options.blocklists.size())),
          notes_(options.blocklists.size()) {}

    void run(std::vector<ContentFinding>& findings) {
        bool ip_lists = false;
        for (const auto& list : options_.blocklists) ip_lists = ip_lists || list.kind == BlocklistKind::ip;
        for (std::size_t i = 0; i < links_.size(); ++i) {
            const LinkCheck& link = links_[i];
            if (!link.domain.empty()) {
                std::vector<std::string> names{normalized_domain(link.domain)};
                add_unique(names, registrable_domain(link.domain));
                for (const auto& name : names) ask_domain_lists(i, name);
                if (ip_lists) ask_host_address(i, names.front());
            } else if (const auto ip = dns::IpAddress::parse(link.ip)) {
                ask_ip_lists(i, *ip);
            }
        }
        batch_.run();
        report(findings);
    }

private:
    void ask_domain_lists(std::size_t link, const std::string& name) {
        for (std::size_t l = 0; l < options_.blocklists.size(); ++l) {
            const Blocklist& list = options_.blocklists[l];
            if (list.kind != BlocklistKind::domain) continue;
            const auto query = list_query_name(name, list.zone);
            if (!query) continue;
            batch_.ask(*query, dns::RecordType::a,
                       [this, link, l, name](const dns::Answer& answer) { record(link, l, name, answer); });
        }
    }

    void ask_ip_lists(std::size_t link, const dns::IpAddress& ip) {
        const std::string reversed = reversed_ip(ip);
        const std::string subject = ip.to_string();
        for (std::size_t l = 0; l < options_.blocklists.size(); ++l) {
            const Blocklist& list = options_.blocklists[l];
            if (list.kind != BlocklistKind::ip) continue;
            const auto query = list_query_name(reversed, list.zone);
            if (!query) continue;
            batch_.ask(*query, dns::RecordType::a,
                       [this, link, l, subject](const dns::Answer& answer) { record(link, l, subject, answer); });
        }
    }

    // The host's IPv4 addresses, then those in the IP lists. A host whose
    // address cannot be resolved leaves the IP lists unknown for the link.
    void ask_host_address(std::size_t link, const std::string& host) {
        batch_.ask(host, dns::RecordType::a, [this, link, host](const dns::Answer& answer) {
            if (answer.temporary_failure()) {
                for (std::size_t l = 0; l < options_.blocklists.size(); ++l) {
                    if (options_.blocklists[l].kind != BlocklistKind::ip) continue;
                    state_[link][l].unknown = true;
                    notes_[l].failed.insert(host);
                    notes_[l].failed_detail = "the address of " + host + " could not be resolved (" +
                                              std::string(dns::to_string(answer.status)) + ")";
                }
                return;
            }
            std::size_t asked = 0;
            for (const auto& address : answer.addresses) {
                if (address.v6 || asked == max_addresses_per_host) continue;
                ++asked;
                ask_ip_lists(link, address);
            }
        });
    }

    void record(std::size_t link, std::size_t l, const std::string& subject, const dns::Answer& answer) {
        const Blocklist& list = options_.blocklists[l];
        const DecodedAnswer decoded = decode_answer(answer, list);
        LinkOnList& on = state_[link][l];
        switch (decoded.kind) {
        case ListAnswer::clean:
            break;
        case ListAnswer::listed:
            for (const auto& reason : decoded.reasons) add_unique(on.reasons, reason);
            add_unique(on.subjects, subject);
            break;
        case ListAnswer::refused:
            on.unknown = true;
            notes_[l].refused.insert(subject);
            notes_[l].refused_detail = decoded.detail;
            break;
        case ListAnswer::unknown:
            on.unknown = true;
            notes_[l].failed.insert(subject);
            notes_[l].failed_detail = decoded.detail;
            break;
        }
    }

    void report(std::vector<ContentFinding>& findings) {
        for (std::size_t i = 0; i < links_.size(); ++i) {
            LinkCheck& link = links_[i];
            for (std::size_t l = 0; l < options_.blocklists.size(); ++l) {
                const Blocklist& list = options_.blocklists[l];
                const LinkOnList& on = state_[i][l];
                const std::string name = list_name(list);
                if (!on.reasons.empty()) {
                    link.listed_on.push_back(name + ": " + join(on.reasons));
                    findings.push_back({"link.listed", list.severity,
                                        link.url + ": " + join(on.subjects) + " is listed on " + name + " (" +
                                            join(on.reasons) + ")"});
                } else if (on.unknown) {
                    link.unknown_on.push_back(name);
                }
            }
        }
        for (std::size_t l = 0; l < options_.blocklists.size(); ++l) {
            const ListNotes& notes = notes_[l];
            const std::string name = list_name(options_.blocklists[l]);
            if (!notes.refused.empty())
                findings.push_back({"dnsbl.refused", ContentSeverity::info,
                                    name + " refused " + std::to_string(notes.refused.size()) + " lookup(s) (" +
                                        some(notes.refused) + "): " + notes.refused_detail +
                                        "; those links are unknown there, not clean"});
            if (!notes.failed.empty())
                findings.push_back({"dnsbl.unknown", ContentSeverity::info,
                                    name + ": " + std::to_string(notes.failed.size()) + " lookup(s) gave no answer (" +
                                        some(notes.failed) + "): " + notes.failed_detail});
        }
    }

    std::vector<LinkCheck>& links_;
    const ContentCheckOptions& options_;
    QueryBatch batch_;
    std::vector<std::vector<LinkOnList>> state_;  // [link][list]
    std::vector<ListNotes> notes_;                // [list]
};

}  // namespace

void check_blocklists(std::vector<LinkCheck>& links, const ContentCheckOptions& options,
                      std::vector<ContentFinding>& findings) {
    if (options.resolver == nullptr || options.blocklists.empty() || links.empty()) return;
    Checker(links, options).run(findings);
}

}  // namespace mailwarden::content_detail
