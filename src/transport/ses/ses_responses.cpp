// Response parsers of the SES v2 operations. Lenient: AWS omits fields the
// model calls required, so a missing field keeps its default; a body that is
// not a JSON object, or a field of the wrong type, is a malformed response.
#include "ses_error_mapping.hpp"
#include "ses_operations.hpp"

#include "common/mail_format.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <memory>

namespace mailwarden::ses::wire {

namespace {

namespace json = boost::json;

// Reads fields of one JSON object; the first type mismatch is remembered.
class Fields {
public:
    explicit Fields(const json::object* o) : o_(o) {}

    std::string str(std::string_view key) {
        const json::value* v = find(key);
        if (v == nullptr || v->is_null()) return {};
        if (!v->is_string()) return mismatch(key), std::string();
        return std::string(v->get_string());
    }
    bool boolean(std::string_view key) {
        const json::value* v = find(key);
        if (v == nullptr || v->is_null()) return false;
        if (!v->is_bool()) return mismatch(key), false;
        return v->get_bool();
    }
    double number(std::string_view key) {
        const json::value* v = find(key);
        if (v == nullptr || v->is_null()) return 0;
        if (!v->is_number()) return mismatch(key), 0.0;
        return v->to_number<double>();
    }
    /// A time in seconds since the epoch (SES sends fractions). A value
    /// system_clock cannot hold (its nanoseconds end in 2262), or NaN, is a
    /// mismatch: converting it would overflow.
    std::int64_t seconds(std::string_view key) {
        const double t = std::floor(number(key));
        constexpr double limit = 9'223'372'036.0;
        if (!(t >= -limit && t <= limit)) return mismatch(key), 0;
        return static_cast<std::int64_t>(t);
    }
    Fields object(std::string_view key) {
        const json::value* v = find(key);
        if (v == nullptr || v->is_null()) return Fields(nullptr);
        if (!v->is_object()) return mismatch(key), Fields(nullptr);
        return Fields(&v->get_object(), bad_);
    }
    const json::array* array(std::string_view key) {
        const json::value* v = find(key);
        if (v == nullptr || v->is_null()) return nullptr;
        if (!v->is_array()) return mismatch(key), nullptr;
        return &v->get_array();
    }
    std::vector<std::string> strings(std::string_view key) {
        std::vector<std::string> out;
        if (const json::array* a = array(key)) {
            for (const auto& v : *a) {
                if (!v.is_string()) return mismatch(key), std::vector<std::string>();
                out.emplace_back(v.get_string());
            }
        }
        return out;
    }
    /// An element of an array that must be an object, sharing the mismatch record.
    Fields element(const json::value& v) {
        if (!v.is_object()) mismatch("array element");
        return Fields(v.if_object(), bad_);
    }
    /// The first mismatching field, or empty.
    const std::string& bad() const { return *bad_; }

private:
    Fields(const json::object* o, std::shared_ptr<std::string> bad) : o_(o), bad_(std::move(bad)) {}
    const json::value* find(std::string_view key) const { return o_ != nullptr ? o_->if_contains(key) : nullptr; }
    void mismatch(std::string_view key) {
        if (bad_->empty()) *bad_ = std::string(key);
    }

    const json::object* o_;
    std::shared_ptr<std::string> bad_ = std::make_shared<std::string>();
};

template <class T>
Parsed<T> malformed(std::string what) {
    return unexpected(local_error(errc::malformed_response, std::move(what)));
}

// Parses the body as an object and hands it to read(); type mismatches found
// on the way make the whole response malformed.
template <class T, class Read>
Parsed<T> parse_object(std::string_view body, Read&& read) {
    boost::system::error_code ec;
    const json::value v = json::parse(body.empty() ? std::string_view("{}") : body, ec);
    if (ec) return malformed<T>("response is not JSON: " + ec.message());
    if (!v.is_object()) return malformed<T>("response is not a JSON object");
    Fields f(&v.get_object());
    T out = read(f);
    if (!f.bad().empty()) return malformed<T>("response field " + f.bad() + " has the wrong type");
    return out;
}

DkimAttributes read_dkim(Fields f) {
    DkimAttributes d;
    d.signing_enabled = f.boolean("SigningEnabled");
    d.status = parse_verification_status(f.str("Status"));
    d.tokens = f.strings("Tokens");
    d.signing_attributes_origin = f.str("SigningAttributesOrigin");
    return d;
}

SuppressionReason read_reason(const std::string& s) {
    return s == "COMPLAINT" ? SuppressionReason::complaint : SuppressionReason::bounce;
}

SuppressedDestination read_suppressed(Fields f) {
    SuppressedDestination d;
    d.email_address = f.str("EmailAddress");
    d.reason = read_reason(f.str("Reason"));
    d.last_update_time = f.seconds("LastUpdateTime");
    Fields attributes = f.object("Attributes");
    d.message_id = attributes.str("MessageId");
    d.feedback_id = attributes.str("FeedbackId");
    return d;
}

}  // namespace

Parsed<EmailIdentity> parse_create_email_identity(std::string_view identity, std::string_view body) {
    return parse_object<EmailIdentity>(body, [&](Fields& f) {
        EmailIdentity id;
        id.name = std::string(identity);
        id.identity_type = f.str("IdentityType");
        id.verified_for_sending = f.boolean("VerifiedForSendingStatus");
        id.dkim = read_dkim(f.object("DkimAttributes"));
        // A new identity is pending until the link is clicked.
        id.verification_status = id.verified_for_sending ? VerificationStatus::success : VerificationStatus::pending;
        return id;
    });
}

Parsed<EmailIdentity> parse_get_email_identity(std::string_view identity, std::string_view body) {
    return parse_object<EmailIdentity>(body, [&](Fields& f) {
        EmailIdentity id;
        id.name = std::string(identity);
        id.identity_type = f.str("IdentityType");
        id.verified_for_sending = f.boolean("VerifiedForSendingStatus");
        id.verification_status = parse_verification_status(f.str("VerificationStatus"));
        if (id.verification_status == VerificationStatus::unknown && id.verified_for_sending)
            id.verification_status = VerificationStatus::success;  // older responses lack VerificationStatus
        id.dkim = read_dkim(f.object("DkimAttributes"));
        Fields mail_from = f.object("MailFromAttributes");
        id.mail_from.mail_from_domain = mail_from.str("MailFromDomain");
        id.mail_from.status = parse_verification_status(mail_from.str("MailFromDomainStatus"));
        id.mail_from.behavior_on_mx_failure = mail_from.str("BehaviorOnMxFailure");
        id.configuration_set = f.str("ConfigurationSetName");
        return id;
    });
}

Parsed<IdentityPage> parse_list_email_identities(std::string_view body) {
    return parse_object<IdentityPage>(body, [](Fields& f) {
        IdentityPage page;
        if (const json::array* a = f.array("EmailIdentities")) {
            for (const auto& v : *a) {
                Fields item = f.element(v);
                IdentitySummary s;
                s.name = item.str("IdentityName");
                s.identity_type = item.str("IdentityType");
                s.sending_enabled = item.boolean("SendingEnabled");
                s.verification_status = parse_verification_status(item.str("VerificationStatus"));
                page.identities.push_back(std::move(s));
            }
        }
        page.next_token = f.str("NextToken");
        return page;
    });
}

Parsed<std::string> parse_message_id(std::string_view body) {
    auto id = parse_object<std::string>(body, [](Fields& f) { return f.str("MessageId"); });
    if (id && id->empty()) return malformed<std::string>("response has no MessageId");
    return id;
}

Parsed<Account> parse_get_account(std::string_view body) {
    return parse_object<Account>(body, [](Fields& f) {
        Account a;
        Fields quota = f.object("SendQuota");
        a.max_24_hour_send = quota.number("Max24HourSend");
        a.max_send_rate = quota.number("MaxSendRate");
        a.sent_last_24_hours = quota.number("SentLast24Hours");
        a.sending_enabled = f.boolean("SendingEnabled");
        a.production_access_enabled = f.boolean("ProductionAccessEnabled");
        a.enforcement_status = f.str("EnforcementStatus");
        return a;
    });
}

Parsed<SuppressedDestination> parse_get_suppressed_destination(std::string_view body) {
    return parse_object<SuppressedDestination>(body,
                                               [](Fields& f) { return read_suppressed(f.object("SuppressedDestination")); });
}

Parsed<SuppressionPage> parse_list_suppressed_destinations(std::string_view body) {
    return parse_object<SuppressionPage>(body, [](Fields& f) {
        SuppressionPage page;
        if (const json::array* a = f.array("SuppressedDestinationSummaries")) {
            for (const auto& v : *a) page.destinations.push_back(read_suppressed(f.element(v)));
        }
        page.next_token = f.str("NextToken");
        return page;
    });
}

Parsed<std::string> format_from(std::string_view display_name, std::string_view address) {
    auto formatted = common::format_address(display_name, address);
    if (!formatted) return unexpected(local_error(errc::bad_request, formatted.error().message));
    return std::move(*formatted);
}

}  // namespace mailwarden::ses::wire
