// The JSON form of a content report (mwctl message content --json).
#include <mailwarden/content_check.hpp>

#include "common/utf8.hpp"

#include <boost/json.hpp>

namespace mailwarden {

namespace {

namespace json = boost::json;

json::array strings(const std::vector<std::string>& items) { return json::array(items.begin(), items.end()); }

json::array findings_json(const std::vector<ContentFinding>& findings) {
    json::array a;
    for (const auto& f : findings)
        a.push_back(json::object{{"id", f.id}, {"severity", to_string(f.severity)}, {"evidence", f.evidence}});
    return a;
}

json::array links_json(const std::vector<LinkCheck>& links) {
    json::array a;
    for (const auto& l : links)
        a.push_back(json::object{{"url", l.url},
                                 {"domain", l.domain},
                                 {"ip", l.ip},
                                 {"source", l.source},
                                 {"obfuscated", l.obfuscated},
                                 {"shortener", l.shortener},
                                 {"listed_on", strings(l.listed_on)},
                                 {"unknown_on", strings(l.unknown_on)}});
    return a;
}

json::value spam_score_json(const std::optional<SpamScore>& spam) {
    if (!spam) return nullptr;
    return spam->score;
}

json::value spam_json(const std::optional<SpamScore>& spam) {
    if (!spam) return nullptr;
    return json::object{{"score", spam->score}, {"threshold", spam->threshold}, {"rules", strings(spam->rules)}};
}

}  // namespace

std::string to_json(const ContentReport& report) {
    // URLs, evidence and rule names come from user content: any bytes.
    return common::valid_utf8(json::serialize(json::object{{"verdict", to_string(report.verdict)},
                                                           {"findings", findings_json(report.findings)},
                                                           {"links", links_json(report.links)},
                                                           {"spam_score", spam_score_json(report.spam)},
                                                           {"spam", spam_json(report.spam)}}));
}

}  // namespace mailwarden
