#include "content/structure/structure_findings.hpp"

#include "bounce/mime/ascii.hpp"
#include "bounce/mime/content_type.hpp"
#include "bounce/mime/entity.hpp"
#include "content/structure/from_checks.hpp"
#include "content/structure/header_injection.hpp"
#include "content/structure/payload_kind.hpp"
#include "content/structure/unicode_scripts.hpp"

namespace mailwarden::content_detail {

namespace {

namespace bd = bounce_detail;

// The file name an entity declares: Content-Disposition's filename, else
// Content-Type's name (RFC 2231 forms included).
std::string declared_name(const bd::Entity& e) {
    const std::string_view disposition = e.headers.get("Content-Disposition");
    const std::size_t semi = disposition.find(';');
    if (semi != std::string_view::npos) {
        // The parameter syntax is Content-Type's: borrow its reader.
        const bd::ContentType params = bd::parse_content_type("x/x" + std::string(disposition.substr(semi)));
        if (const std::string_view f = params.param("filename"); !f.empty()) return std::string(f);
    }
    return std::string(e.content_type.param("name"));
}

bool is_attachment(const bd::Entity& e) {
    const std::string_view disposition = bd::trim(e.headers.get("Content-Disposition"));
    return bd::istarts_with(disposition, "attachment") || !declared_name(e).empty();
}

// A text part that is part of the message body (not a file).
bool is_body_text(const bd::Entity& e) {
    return e.content_type.type == "text" && (e.content_type.subtype == "plain" || e.content_type.subtype == "html") &&
           !is_attachment(e);
}

struct Walk {
    std::vector<ContentFinding>& findings;
    MessageBodies bodies;
    bool plain_text = false;
    std::size_t part = 0;

    void leaf(const bd::Entity& e, bool inside_message) {
        ++part;
        const bool body = is_body_text(e);
        if (body && !inside_message) {
            if (e.content_type.subtype == "plain") {
                std::string t = e.text();
                if (bd::trim(t).size() > 0) plain_text = true;
                if (!bodies.text.empty()) bodies.text += "\n\n";
                bodies.text += t;
            } else if (!bodies.html) {
                bodies.html = e.text();
            }
        }
        const std::string bytes = e.decoded_body();
        const PayloadKind kind = payload_kind(bytes, !body);
        if (kind.danger == PayloadKind::Danger::none) return;
        std::string evidence = "part " + std::to_string(part);
        if (const std::string name = declared_name(e); !name.empty()) evidence += " \"" + cut_utf8(name, 120) + "\"";
        evidence += " (declared " + e.content_type.type + "/" + e.content_type.subtype + "): " + kind.what;
        if (kind.danger == PayloadKind::Danger::executable) {
            findings.push_back({"attachment.executable", ContentSeverity::block, std::move(evidence)});
        } else {
            findings.push_back({"attachment.macro", ContentSeverity::review, std::move(evidence)});
        }
    }

    void visit(const bd::Entity& e, bool inside_message) {
        if (e.is_multipart() || e.holds_message()) {
            for (const bd::Entity& c : e.children) visit(c, inside_message || e.holds_message());
            return;
        }
        leaf(e, inside_message);
    }
};

}  // namespace

MessageBodies check_structure(std::string_view raw, const ContentCheckOptions& options,
                              std::vector<ContentFinding>& findings) {
    if (raw.size() > options.max_message_bytes) {
        findings.push_back({"message.oversized", ContentSeverity::block,
                            "message of " + std::to_string(raw.size()) + " bytes, over the limit of " +
                                std::to_string(options.max_message_bytes)});
    }
    const bd::Mail mail = bd::parse_mail(raw);
    header_injection_findings(raw, mail.root.headers, findings);
    if (mail.root.headers.has("From")) from_findings(mail.root.headers.get("From"), findings);

    Walk walk{findings, {}};
    walk.visit(mail.root, false);
    if (walk.bodies.html && !walk.plain_text) {
        findings.push_back({"html.only", ContentSeverity::review,
                            "an HTML body without a text/plain alternative (the message is " +
                                mail.root.content_type.type + "/" + mail.root.content_type.subtype + ")"});
    }
    return std::move(walk.bodies);
}

void structure_findings(std::string_view raw, const ContentCheckOptions& options,
                        std::vector<ContentFinding>& findings) {
    check_structure(raw, options, findings);
}

MessageBodies message_bodies(std::string_view raw) {
    std::vector<ContentFinding> ignored;
    ContentCheckOptions options;
    options.max_message_bytes = raw.size();
    return check_structure(raw, options, ignored);
}

}  // namespace mailwarden::content_detail
