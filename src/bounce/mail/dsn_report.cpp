// RFC 3464 delivery status notifications: one recipient per field group of
// the message/delivery-status part (or of DSN fields a report carries in its
// text, as some gateways write them), explained by its Diagnostic-Code and,
// where that says too little, by what the human-readable part says about
// the same address.
#include "bounce/classify/diagnostic_text.hpp"
#include "bounce/classify/status_codes.hpp"
#include "bounce/mail/dsn_fields.hpp"
#include "bounce/mail/mail_context.hpp"
#include "bounce/mail/recipient_finder.hpp"
#include "bounce/mime/ascii.hpp"

#include <algorithm>

namespace mailwarden::bounce_detail {

namespace {

// DSN fields written into the text itself: from the first Reporting-MTA or
// Final-Recipient line on.
std::string_view dsn_fields_in_text(std::string_view report) {
    std::size_t at = std::string_view::npos;
    for (const std::string_view field : {"Reporting-MTA:", "Final-Recipient:"}) {
        std::size_t pos = 0;
        while ((pos = ifind(report, field, pos)) != std::string_view::npos) {
            if (pos == 0 || report[pos - 1] == '\n') {
                at = std::min(at, pos);
                break;
            }
            pos += field.size();
        }
    }
    return at == std::string_view::npos ? std::string_view{} : report.substr(at);
}

// The status to believe: the DSN's own, unless it is the generic X.0.0 and
// the server's text names a specific one.
std::string pick_status(const DsnRecipient& r) {
    const std::string_view field = trim(std::string_view(r.status).substr(0, r.status.find_first_of(" (")));
    const std::string in_text = find_status(r.diagnostic);
    if (valid_status(field) && (!field.ends_with(".0.0") || in_text.empty())) return std::string(field);
    return in_text.empty() && valid_status(field) ? std::string(field) : in_text;
}

// A domain without a dot (other than a literal) is a name inside the
// reporting site ("user@mailstore"): the address was rewritten on the way in.
bool site_internal(std::string_view address) noexcept {
    const std::size_t at = address.rfind('@');
    if (at == std::string_view::npos) return true;
    const std::string_view domain = address.substr(at + 1);
    return domain.find('.') == std::string_view::npos && !domain.starts_with('[');
}

// The Final-Recipient, unless it is missing, a source route or a name
// inside the reporting site while the Original-Recipient is the address the
// sender wrote (RFC 3464 2.3.1, 2.3.2).
const std::string& recipient_of(const DsnRecipient& r) {
    if (r.original_recipient.empty()) return r.final_recipient;
    const bool use_original = r.final_recipient.empty() || r.routed ||
                              (site_internal(r.final_recipient) && !site_internal(r.original_recipient));
    return use_original ? r.original_recipient : r.final_recipient;
}

}  // namespace

bool read_dsn(const MailContext& m, FeedbackEvent& out) {
    const Entity* part = find_entity(m.mail.root, delivery_status_part);
    DsnReport dsn;
    if (part != nullptr) {
        dsn = parse_dsn_fields(part->text());
    } else {
        const std::string_view fields = dsn_fields_in_text(m.report);
        if (fields.empty()) return false;
        dsn = parse_dsn_fields(fields);
    }
    // A delivery-status part without a recipient group (some MTAs write only
    // the per-message fields): the text names the recipients, as in a
    // plain-text bounce.
    if (dsn.recipients.empty()) return false;

    out.format = FeedbackFormat::dsn;
    out.reporting_mta = dsn.reporting_mta;
    // Where the human-readable text names each recipient, in order.
    std::vector<std::size_t> named;
    for (const DsnRecipient& r : dsn.recipients) {
        const std::string& address = recipient_of(r);
        named.push_back(address.empty() ? std::string_view::npos : ifind(m.report, address));
    }
    std::vector<std::size_t> sorted = named;
    std::sort(sorted.begin(), sorted.end());

    bool failed = false;
    bool delayed = false;
    bool delivered = false;
    for (std::size_t i = 0; i < dsn.recipients.size(); ++i) {
        const DsnRecipient& d = dsn.recipients[i];
        RecipientFeedback r;
        r.address = recipient_of(d);
        if (r.address.empty()) continue;
        if (std::any_of(out.recipients.begin(), out.recipients.end(),
                        [&](const RecipientFeedback& x) { return iequals(x.address, r.address); }))
            continue;  // some MTAs repeat a recipient's group
        r.original_recipient = d.original_recipient;
        r.remote_mta = d.remote_mta;
        std::string_view context;
        if (named[i] != std::string_view::npos) {
            const auto next = std::upper_bound(sorted.begin(), sorted.end(), named[i]);
            context = recipient_window(m.report, named[i], next == sorted.end() ? std::string_view::npos : *next);
        } else if (dsn.recipients.size() == 1) {
            context = m.report;
        }
        const std::string status = pick_status(d);
        classify_recipient({d.action, status, d.diagnostic, context}, r);
        // x-unix: the local delivery program failed, whatever it printed.
        if (d.diagnostic_type == "x-unix" && r.bounce_class != BounceClass::none) {
            r.reason = BounceReason::mailer_error;
            r.bounce_class = BounceClass::soft;
        }
        r.diagnostic = d.diagnostic.empty() ? one_line(diagnostic_lines(context), 1000) : d.diagnostic;
        failed = failed || (r.action != "delayed" && r.bounce_class != BounceClass::none);
        delayed = delayed || r.action == "delayed";
        delivered = delivered || r.reason == BounceReason::delivered;
        out.recipients.push_back(std::move(r));
    }
    out.kind = failed ? FeedbackKind::bounce
               : delayed ? FeedbackKind::delay
               : delivered ? FeedbackKind::delivery
                           : FeedbackKind::other;
    return true;
}

}  // namespace mailwarden::bounce_detail
