#include "content/structure/from_checks.hpp"

#include "bounce/mime/ascii.hpp"
#include "common/utf8.hpp"
#include "content/structure/display_name.hpp"
#include "content/structure/unicode_scripts.hpp"

#include <algorithm>
#include <initializer_list>
#include <set>

namespace mailwarden::content_detail {

namespace {

using ScriptSet = std::set<std::string_view>;

bool subset_of(const ScriptSet& s, std::initializer_list<std::string_view> allowed) {
    return std::all_of(s.begin(), s.end(), [&](std::string_view x) {
        return std::find(allowed.begin(), allowed.end(), x) != allowed.end();
    });
}

// UTS #39 5.2 "Highly Restrictive": one script, or one of the CJK sets,
// each with Latin.
bool highly_restrictive(const ScriptSet& s) {
    return s.size() <= 1 || subset_of(s, {"Latin", "Han", "Hiragana", "Katakana"}) ||
           subset_of(s, {"Latin", "Han", "Bopomofo"}) || subset_of(s, {"Latin", "Han", "Hangul"});
}

std::string join(const ScriptSet& s) {
    std::string out;
    for (std::string_view x : s) {
        if (!out.empty()) out += ", ";
        out += x;
    }
    return out;
}

constexpr std::size_t max_listed = 8;  // characters named in one finding

void confusable(std::string_view name, const std::vector<char32_t>& cps, std::vector<ContentFinding>& findings) {
    ScriptSet scripts;
    for (char32_t cp : cps)
        if (auto s = script_of(cp); !s.empty()) scripts.insert(s);
    const std::string quoted = "display name \"" + cut_utf8(name, 120) + "\"";

    if (!highly_restrictive(scripts)) {
        std::string evidence = quoted + " mixes scripts (" + join(scripts) + ")";
        if (scripts.contains("Latin")) {
            std::string foreign;
            std::size_t listed = 0;
            for (char32_t cp : cps) {
                const auto s = script_of(cp);
                if (s.empty() || s == "Latin") continue;
                if (++listed > max_listed) {
                    foreign += ", ...";
                    break;
                }
                if (!foreign.empty()) foreign += ", ";
                foreign += describe_code_point(cp) + " " + std::string(s);
                if (const char l = latin_lookalike(cp)) foreign += std::string(" like '") + l + "'";
            }
            evidence += ": " + foreign;
        }
        findings.push_back({"from.confusable", ContentSeverity::review, std::move(evidence)});
        return;
    }
    // One script that is not Latin, every letter of it a Latin lookalike.
    if (scripts.size() == 1 && !scripts.contains("Latin")) {
        std::string reads_as;
        std::size_t letters = 0;
        bool all = true;
        for (char32_t cp : cps) {
            if (script_of(cp).empty()) {
                reads_as += cp < 0x80 ? static_cast<char>(cp) : '?';
                continue;
            }
            ++letters;
            const char l = latin_lookalike(cp);
            if (l == '\0') {
                all = false;
                break;
            }
            reads_as += l;
        }
        if (all && letters >= 2) {
            findings.push_back({"from.confusable", ContentSeverity::review,
                                quoted + " is written in " + join(scripts) + " letters that read as Latin \"" +
                                    cut_utf8(reads_as, 120) + "\""});
        }
        return;
    }
    // Latin lookalikes from outside the alphabets of real languages (Latin-1
    // and Latin Extended-A/B, up to U+024F, are left alone).
    std::string odd;
    std::size_t listed = 0;
    for (char32_t cp : cps) {
        if (cp < 0x250 || script_of(cp) != "Latin") continue;
        const char l = latin_lookalike(cp);
        if (l == '\0') continue;
        if (++listed > max_listed) {
            odd += ", ...";
            break;
        }
        if (!odd.empty()) odd += ", ";
        odd += describe_code_point(cp) + " like '" + l + "'";
    }
    if (!odd.empty())
        findings.push_back({"from.confusable", ContentSeverity::review, quoted + " uses lookalike letters: " + odd});
}

}  // namespace

void from_findings(std::string_view from_value, std::vector<ContentFinding>& findings) {
    const FromParts from = split_from(from_value);
    if (from.display_name.empty()) return;
    confusable(from.display_name, common::code_points(from.display_name), findings);

    const std::string shown = address_in(from.display_name);
    if (!shown.empty() && shown != bounce_detail::to_lower(from.address)) {
        findings.push_back({"from.impersonation", ContentSeverity::review,
                            "display name \"" + cut_utf8(from.display_name, 120) + "\" shows " + cut_utf8(shown, 120) + " but the message is from " +
                                cut_utf8(from.address, 120)});
    }
}

}  // namespace mailwarden::content_detail
