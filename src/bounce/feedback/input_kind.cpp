// Inputs of unknown kind, as mwctl and an ingest path get them: what a
// document is follows from its content, and a JSON Lines file is many.
#include <mailwarden/bounce.hpp>

#include "bounce/mime/ascii.hpp"

#include <boost/json.hpp>

namespace mailwarden {

namespace {

std::string_view skip_bom(std::string_view s) noexcept {
    if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
    return s;
}

// "Type" and "Message" as strings make an SNS envelope; SES documents have
// neither (their keys are lower camel case).
bool looks_like_sns(std::string_view doc) {
    boost::json::error_code ec;
    const boost::json::value v = boost::json::parse(doc, ec);
    const boost::json::object* o = ec ? nullptr : v.if_object();
    if (o == nullptr) return false;
    const auto type = o->find("Type");
    const auto message = o->find("Message");
    return type != o->end() && type->value().is_string() && message != o->end() && message->value().is_string();
}

}  // namespace

Result<FeedbackEvent, Error> parse_feedback(std::string_view document) {
    if (document.size() > max_feedback_input)
        return unexpected(Error(errc::out_of_range, "the input is larger than 16 MiB"));
    const std::string_view doc = bounce_detail::trim(skip_bom(document));
    if (doc.empty()) return unexpected(Error(errc::parse, "the input is empty"));
    if (doc.front() != '{') return parse_bounce_mail(document);
    if (looks_like_sns(doc)) {
        auto envelope = sns::parse_envelope(doc);
        if (!envelope) return unexpected(std::move(envelope).error());
        return parse_sns_payload(*envelope);
    }
    return parse_ses_json(doc);
}

std::vector<std::string_view> split_feedback_documents(std::string_view bytes) {
    const std::string_view all = bounce_detail::trim(skip_bom(bytes));
    std::vector<std::string_view> lines;
    if (!all.starts_with('{')) return {bytes};
    std::size_t pos = 0;
    while (pos < all.size()) {
        const std::size_t nl = all.find('\n', pos);
        const std::string_view line =
            bounce_detail::trim(all.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        pos = nl == std::string_view::npos ? all.size() : nl + 1;
        if (line.empty()) continue;
        // One line that is not a whole object: a pretty-printed document.
        if (!line.starts_with('{') || !line.ends_with('}')) return {bytes};
        lines.push_back(line);
    }
    return lines;
}

}  // namespace mailwarden
