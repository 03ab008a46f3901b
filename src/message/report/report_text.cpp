#include "message/report/report_text.hpp"

#include "message/auth_results/auth_results.hpp"
#include "message/auth_results/renderer.hpp"

#include <algorithm>
#include <cctype>

namespace mailwarden::message_detail {

namespace {

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

AuthProperty property(std::string type, std::string name, std::string value) {
    AuthProperty p;
    p.type = std::move(type);
    p.name = std::move(name);
    p.value = std::move(value);
    return p;
}

AuthMethodResult entry(std::string method, std::string result) {
    AuthMethodResult r;
    r.method = std::move(method);
    r.result = std::move(result);
    return r;
}

}  // namespace

std::string our_auth_results(const MessageAuthReport& report, const std::string& authserv_id,
                             const std::string& client_ip) {
    AuthResults out;
    out.authserv_id = authserv_id;
    if (report.spf) {
        auto spf = entry("spf", report.spf->result);
        if (!client_ip.empty()) spf.comment = "sender IP is " + client_ip;
        if (!report.spf->domain.empty())
            spf.properties.push_back(property("smtp", report.spf->scope == "helo" ? "helo" : "mailfrom",
                                              report.spf->domain));
        out.results.push_back(std::move(spf));
    }
    if (report.dkim.empty()) out.results.push_back(entry("dkim", "none"));
    for (const auto& d : report.dkim) {
        auto dkim = entry("dkim", d.result);
        if (d.reason != "none") dkim.reason = d.reason;
        if (!d.domain.empty()) dkim.properties.push_back(property("header", "d", d.domain));
        if (!d.selector.empty()) dkim.properties.push_back(property("header", "s", d.selector));
        if (!d.algorithm.empty()) dkim.properties.push_back(property("header", "a", d.algorithm));
        out.results.push_back(std::move(dkim));
    }
    // Only a message that carries ARC fields gets an arc= entry: "none" would
    // say nothing that the absence of the fields does not.
    if (report.arc_reason != "no_arc" && !report.arc_result.empty()) {
        auto arc = entry("arc", report.arc_result);
        if (report.arc_result == "fail") arc.reason = report.arc_reason;
        if (report.arc_oldest_pass > 0)
            arc.properties.push_back(property("header", "oldest-pass", std::to_string(report.arc_oldest_pass)));
        out.results.push_back(std::move(arc));
    }
    auto dmarc = entry("dmarc", report.dmarc_result);
    if (!report.dmarc_policy.empty()) dmarc.comment = "p=" + report.dmarc_policy;
    if (!report.from_domain.empty()) dmarc.properties.push_back(property("header", "from", report.from_domain));
    out.results.push_back(std::move(dmarc));
    auto rendered = render_auth_results(out);
    // Every value came from a parsed message or a fixed vocabulary; a
    // refusal means a value the grammar cannot carry: say so, not nothing.
    return rendered ? std::move(*rendered) : authserv_id + "; none (" + rendered.error().describe() + ")";
}

std::string summary_of(const MessageAuthReport& report, const std::string& client_ip) {
    std::string s = "SPF: ";
    if (!report.spf) {
        s += "not checked (no client IP)";
    } else {
        s += upper(report.spf->result) + " with IP " + client_ip;
        if (!report.spf->domain.empty()) s += " (" + report.spf->domain + ")";
    }
    s += "; DKIM: ";
    if (report.dkim.empty()) s += "NONE";
    for (std::size_t i = 0; i < report.dkim.size(); ++i) {
        const auto& d = report.dkim[i];
        if (i > 0) s += ", ";
        s += upper(d.result) + " with domain " + (d.domain.empty() ? "(unreadable)" : d.domain);
    }
    s += "; DMARC: " + upper(report.dmarc_result);
    if (!report.dmarc_policy.empty()) s += " (p=" + report.dmarc_policy + ")";
    return s;
}

}  // namespace mailwarden::message_detail
