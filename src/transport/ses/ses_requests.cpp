// Request builders of the SES v2 operations (paths and bodies per the
// sesv2 2019-09-27 service model).
#include "ses_operations.hpp"

#include "common/base64.hpp"
#include "common/mail_format.hpp"
#include "ses_error_mapping.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace mailwarden::ses::wire {

namespace {

// RFC 3986 unreserved characters, plus '@' and ':' which a path segment may
// carry as they are (pchar). Leaving '@' alone keeps identity paths readable
// and is understood by servers that do not percent-decode path labels.
Request make(std::string operation, std::string method, std::string path) {
    Request r;
    r.operation = std::move(operation);
    r.method = std::move(method);
    r.path = std::move(path);
    return r;
}

std::string identity_path(std::string_view identity) {
    return "/v2/email/identities/" + encode_path_segment(identity);
}

std::string suppression_path(std::string_view address) {
    return "/v2/email/suppression/addresses/" + encode_path_segment(address);
}

boost::json::array string_array(const std::vector<std::string>& values) {
    boost::json::array a;
    for (const auto& v : values) a.emplace_back(v);
    return a;
}

boost::json::object utf8_content(std::string_view data) {
    return {{"Data", data}, {"Charset", "UTF-8"}};
}

void add_paging(Request& r, int page_size, std::string_view next_token) {
    if (page_size > 0) r.query.emplace_back("PageSize", std::to_string(page_size));
    if (!next_token.empty()) r.query.emplace_back("NextToken", std::string(next_token));
}

}  // namespace

std::string encode_path_segment(std::string_view segment) {
    // RFC 3986 unreserved characters, plus '@' and ':' which a path segment
    // may carry as they are (pchar): identity paths stay readable, and
    // servers that do not percent-decode path labels still understand them.
    static constexpr auto kept = boost::urls::unreserved_chars + '@' + ':';
    return boost::urls::encode(segment, kept);
}

std::string encode_query_component(std::string_view component) {
    return boost::urls::encode(component, boost::urls::unreserved_chars);
}

Request create_email_identity(std::string_view identity) {
    Request r = make("CreateEmailIdentity", "POST", "/v2/email/identities");
    r.body = boost::json::serialize(boost::json::object{{"EmailIdentity", identity}});
    return r;
}

Request get_email_identity(std::string_view identity) {
    return make("GetEmailIdentity", "GET", identity_path(identity));
}

Request delete_email_identity(std::string_view identity) {
    return make("DeleteEmailIdentity", "DELETE", identity_path(identity));
}

Request list_email_identities(int page_size, std::string_view next_token) {
    Request r = make("ListEmailIdentities", "GET", "/v2/email/identities");
    add_paging(r, page_size, next_token);
    return r;
}

Parsed<Request> send_email(const SendRequest& s) {
    // Checked even without a From address (raw content): a display name
    // with a line break is refused either way.
    auto from = format_from(s.from_display_name, s.from);
    if (!from) return unexpected(std::move(from).error());
    Request r = make("SendEmail", "POST", "/v2/email/outbound-emails");
    r.idempotent = false;
    boost::json::object body;
    if (!s.from.empty()) body["FromEmailAddress"] = std::move(*from);
    boost::json::object destination;
    if (!s.to.empty()) destination["ToAddresses"] = string_array(s.to);
    if (!s.cc.empty()) destination["CcAddresses"] = string_array(s.cc);
    if (!s.bcc.empty()) destination["BccAddresses"] = string_array(s.bcc);
    if (!destination.empty()) body["Destination"] = std::move(destination);
    if (!s.reply_to.empty()) body["ReplyToAddresses"] = string_array(s.reply_to);

    boost::json::object content;
    if (!s.raw.empty()) {
        content["Raw"] = boost::json::object{{"Data", common::base64_encode(s.raw)}};
    } else {
        boost::json::object message_body;
        if (!s.text.empty()) message_body["Text"] = utf8_content(s.text);
        if (!s.html.empty()) message_body["Html"] = utf8_content(s.html);
        boost::json::object simple{{"Subject", utf8_content(s.subject)}, {"Body", message_body}};
        if (!s.headers.empty()) {
            auto checked = common::check_extra_headers(s.headers);
            if (!checked) return unexpected(local_error(errc::bad_request, checked.error().message));
            boost::json::array headers;
            for (const auto& [name, value] : s.headers) headers.push_back(boost::json::object{{"Name", name}, {"Value", value}});
            simple["Headers"] = std::move(headers);
        }
        content["Simple"] = std::move(simple);
    }
    body["Content"] = std::move(content);
    if (!s.configuration_set.empty()) body["ConfigurationSetName"] = s.configuration_set;
    if (!s.tags.empty()) {
        boost::json::array tags;
        for (const auto& t : s.tags) tags.push_back(boost::json::object{{"Name", t.name}, {"Value", t.value}});
        body["EmailTags"] = std::move(tags);
    }
    r.body = boost::json::serialize(body);
    return r;
}

Request get_account() { return make("GetAccount", "GET", "/v2/email/account"); }

Request put_suppressed_destination(std::string_view address, SuppressionReason reason) {
    Request r = make("PutSuppressedDestination", "PUT", "/v2/email/suppression/addresses");
    r.body = boost::json::serialize(boost::json::object{{"EmailAddress", address}, {"Reason", to_string(reason)}});
    return r;
}

Request get_suppressed_destination(std::string_view address) {
    return make("GetSuppressedDestination", "GET", suppression_path(address));
}

Request delete_suppressed_destination(std::string_view address) {
    return make("DeleteSuppressedDestination", "DELETE", suppression_path(address));
}

Request list_suppressed_destinations(int page_size, std::string_view next_token) {
    Request r = make("ListSuppressedDestinations", "GET", "/v2/email/suppression/addresses");
    add_paging(r, page_size, next_token);
    return r;
}

Request create_custom_verification_email_template(const CustomVerificationTemplate& t) {
    Request r = make("CreateCustomVerificationEmailTemplate", "POST", "/v2/email/custom-verification-email-templates");
    r.body = boost::json::serialize(boost::json::object{
        {"TemplateName", t.name},
        {"FromEmailAddress", t.from},
        {"TemplateSubject", t.subject},
        {"TemplateContent", t.content},
        {"SuccessRedirectionURL", t.success_redirection_url},
        {"FailureRedirectionURL", t.failure_redirection_url},
    });
    return r;
}

Request send_custom_verification_email(std::string_view address, std::string_view template_name,
                                       std::string_view configuration_set) {
    Request r = make("SendCustomVerificationEmail", "POST", "/v2/email/outbound-custom-verification-emails");
    r.idempotent = false;
    boost::json::object body{{"EmailAddress", address}, {"TemplateName", template_name}};
    if (!configuration_set.empty()) body["ConfigurationSetName"] = configuration_set;
    r.body = boost::json::serialize(body);
    return r;
}

Request put_email_identity_mail_from_attributes(std::string_view identity, std::string_view mail_from_domain,
                                                bool reject_on_mx_failure) {
    Request r = make("PutEmailIdentityMailFromAttributes", "PUT", identity_path(identity) + "/mail-from");
    boost::json::object body{{"BehaviorOnMxFailure", reject_on_mx_failure ? "REJECT_MESSAGE" : "USE_DEFAULT_VALUE"}};
    if (!mail_from_domain.empty()) body["MailFromDomain"] = mail_from_domain;
    r.body = boost::json::serialize(body);
    return r;
}

}  // namespace mailwarden::ses::wire
