// The storage behind SignedRequest: every artefact of the last signature and
// the scratch space used to build them, all reused from call to call.
#pragma once

#include "canonical.hpp"

#include <mailwarden/net/sigv4.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::sigv4 {

struct SignedRequest::Buffers {
    // Results.
    std::string amz_date;
    std::chrono::sys_seconds amz_date_of{};  // the time amz_date was written for
    std::string scope;
    std::string payload_hash;
    std::string signed_headers;
    std::string canonical;
    std::string string_to_sign;
    std::string signature;
    std::string authorization;
    std::string presigned_query;
    std::string token;
    bool content_sha256_added = false;
    bool token_added = false;
    bool presigned = false;

    // Scratch.
    struct Entry {
        std::string_view name;  // lower case
        std::string_view value;
    };
    std::string names;          // lower-cased request header names
    std::string headers_block;  // canonical headers, one "name:value\n" each
    std::string credential;     // "AKID/scope" for presigning
    std::vector<Entry> entries;
    std::vector<std::string_view> segments;
    detail::QueryBuilder query;
};

}  // namespace mailwarden::sigv4
