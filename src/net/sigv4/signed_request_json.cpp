// SignedRequest as JSON, for mwctl and the bindings.
#include <mailwarden/net/sigv4.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace mailwarden::sigv4 {

std::string to_json(const SignedRequest& s) {
    boost::json::object headers;
    for (const auto& h : s.headers_to_add()) headers[h.name] = h.value;
    boost::json::object o;
    o["headers"] = std::move(headers);
    if (!s.presigned_query().empty()) o["presigned_query"] = s.presigned_query();
    o["signature"] = s.signature();
    o["signed_headers"] = s.signed_headers();
    o["credential_scope"] = s.credential_scope();
    o["payload_hash"] = s.payload_hash();
    o["canonical_request"] = s.canonical_request();
    o["string_to_sign"] = s.string_to_sign();
    return boost::json::serialize(o);
}

}  // namespace mailwarden::sigv4
