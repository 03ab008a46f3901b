// Response parsers of the SQS operations. A member AWS leaves out keeps its
// default; a body that is not a JSON object, or a member of the wrong type,
// is a malformed response.
#include "sqs_error_mapping.hpp"
#include "sqs_wire.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <limits>

namespace mailwarden::sqs::wire {

namespace {

namespace json = boost::json;

Error malformed(std::string_view operation, std::string what) {
    return local_error(errc::malformed_response, std::string(operation) + ": " + std::move(what));
}

Parsed<json::object> parse_object(std::string_view operation, std::string_view body) {
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec) return unexpected(malformed(operation, "the answer is not JSON (" + ec.message() + ")"));
    if (!v.is_object()) return unexpected(malformed(operation, "the answer is not a JSON object"));
    return std::move(v.get_object());
}

// The string member `key` of `o`: absent or null is empty, another type an error.
bool read_string(const json::object& o, std::string_view key, std::string& out) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return true;
    if (!v->is_string()) return false;
    out = std::string(v->get_string());
    return true;
}

// An array member: absent or null is empty (nullptr), another type an error.
bool read_array(const json::object& o, std::string_view key, const json::array*& out) {
    out = nullptr;
    const json::value* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return true;
    if (!v->is_array()) return false;
    out = &v->get_array();
    return true;
}

// "3" -> 3; anything but digits (at most 18) is no count.
bool read_count(std::string_view text, std::int64_t& out) {
    if (text.empty() || text.size() > 18) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

Parsed<QueueMessage> read_message(const json::value& v) {
    constexpr std::string_view op = "ReceiveMessage";
    if (!v.is_object()) return unexpected(malformed(op, "a message is not an object"));
    const auto& o = v.get_object();
    QueueMessage m;
    for (const auto& [key, out] : {std::pair<std::string_view, std::string*>{"MessageId", &m.message_id},
                                   {"ReceiptHandle", &m.receipt_handle},
                                   {"Body", &m.body}}) {
        const json::value* field = o.if_contains(key);
        if (field == nullptr || !field->is_string())
            return unexpected(malformed(op, "a message has no string " + std::string(key)));
        *out = std::string(field->get_string());
    }
    if (const json::value* attributes = o.if_contains("Attributes"); attributes != nullptr && !attributes->is_null()) {
        if (!attributes->is_object()) return unexpected(malformed(op, "Attributes is not an object"));
        std::string count;
        if (!read_string(attributes->get_object(), "ApproximateReceiveCount", count))
            return unexpected(malformed(op, "ApproximateReceiveCount is not a string"));
        if (!count.empty() && !read_count(count, m.receive_count))
            return unexpected(malformed(op, "ApproximateReceiveCount is not a count"));
    }
    return m;
}

Parsed<std::string> string_member(std::string_view operation, std::string_view body, std::string_view key) {
    auto o = parse_object(operation, body);
    if (!o) return unexpected(std::move(o).error());
    std::string out;
    if (!read_string(*o, key, out) || out.empty())
        return unexpected(malformed(operation, "the answer has no string " + std::string(key)));
    return out;
}

// The index of a batch entry id "0".."n-1".
bool entry_index(const json::object& entry, std::size_t entries, std::size_t& index) {
    std::string id;
    if (!read_string(entry, "Id", id) || id.empty() || id.size() > 2) return false;
    std::int64_t n = 0;
    // Exactly an id that was sent: "0".."n-1", no sign, no leading zero.
    if (!read_count(id, n) || static_cast<std::uint64_t>(n) >= entries || id != std::to_string(n)) return false;
    index = static_cast<std::size_t>(n);
    return true;
}

}  // namespace

Parsed<std::vector<QueueMessage>> parse_receive_message(std::string_view body) {
    auto o = parse_object("ReceiveMessage", body);
    if (!o) return unexpected(std::move(o).error());
    const json::array* messages = nullptr;
    if (!read_array(*o, "Messages", messages)) return unexpected(malformed("ReceiveMessage", "Messages is not an array"));
    std::vector<QueueMessage> out;
    if (messages == nullptr) return out;
    if (messages->size() > max_batch_entries)
        return unexpected(malformed("ReceiveMessage", "more than 10 messages in one answer"));
    for (const auto& v : *messages) {
        auto m = read_message(v);
        if (!m) return unexpected(std::move(m).error());
        out.push_back(std::move(*m));
    }
    return out;
}

Parsed<BatchOutcome> parse_batch_result(std::string_view body, std::size_t entries) {
    constexpr std::string_view op = "batch";
    auto o = parse_object(op, body);
    if (!o) return unexpected(std::move(o).error());
    const json::array* successful = nullptr;
    const json::array* failed = nullptr;
    if (!read_array(*o, "Successful", successful) || !read_array(*o, "Failed", failed))
        return unexpected(malformed(op, "Successful or Failed is not an array"));
    std::vector<char> seen(entries, 0);
    BatchOutcome out;
    const auto mark = [&](const json::value& v, std::size_t& index) -> Parsed<Done> {
        if (!v.is_object() || !entry_index(v.get_object(), entries, index))
            return unexpected(malformed(op, "an entry has no Id of the batch"));
        if (seen[index] != 0) return unexpected(malformed(op, "entry " + std::to_string(index) + " is listed twice"));
        seen[index] = 1;
        return Done{};
    };
    if (successful != nullptr) {
        for (const auto& v : *successful) {
            std::size_t index = 0;
            if (auto ok = mark(v, index); !ok) return unexpected(std::move(ok).error());
            ++out.succeeded;
        }
    }
    if (failed != nullptr) {
        for (const auto& v : *failed) {
            BatchEntryFailure f;
            if (auto ok = mark(v, f.index); !ok) return unexpected(std::move(ok).error());
            const auto& e = v.get_object();
            if (!read_string(e, "Code", f.code) || !read_string(e, "Message", f.message))
                return unexpected(malformed(op, "Code or Message is not a string"));
            if (const json::value* fault = e.if_contains("SenderFault"); fault != nullptr && fault->is_bool())
                f.sender_fault = fault->get_bool();
            out.failed.push_back(std::move(f));
        }
    }
    for (std::size_t i = 0; i < entries; ++i) {
        if (seen[i] == 0) out.failed.push_back({i, "NoResult", "the answer does not name this entry", false});
    }
    return out;
}

Parsed<std::string> parse_message_id(std::string_view body) { return string_member("SendMessage", body, "MessageId"); }

Parsed<std::string> parse_queue_url(std::string_view body) { return string_member("queue", body, "QueueUrl"); }

}  // namespace mailwarden::sqs::wire
