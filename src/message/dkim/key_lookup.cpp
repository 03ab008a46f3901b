#include "message/dkim/key_lookup.hpp"

#include "auth/tag_list.hpp"

#include <algorithm>

namespace mailwarden::message_detail {

namespace {

using auth::iequals;

bool lists(const std::vector<std::string>& items, std::string_view a, std::string_view b = {}) {
    return std::any_of(items.begin(), items.end(),
                       [&](const std::string& item) { return iequals(item, a) || (!b.empty() && iequals(item, b)); });
}

}  // namespace

TxtLookup resolver_lookup(std::shared_ptr<dns::Resolver> resolver) {
    return [resolver = std::move(resolver)](const std::string& name) { return resolver->query(name, dns::RecordType::txt); };
}

KeyOutcome fetch_key(const TxtLookup& lookup, const DkimSignature& signature, KeyCache& keys) {
    const std::string name = signature.selector + "._domainkey." + signature.domain;
    const dns::Answer answer = lookup(name);
    if (answer.temporary_failure())
        return {std::nullopt, {DkimReason::key_unavailable, "DNS " + std::string(dns::to_string(answer.status)) + " for " + name}};
    if (!answer.ok() || answer.texts.empty())
        return {std::nullopt, {DkimReason::key_not_found, "no key record at " + name}};
    std::string first_error;
    for (const auto& text : answer.texts) {
        auth::DkimKeyError error;
        if (auto key = keys.parse(text, error)) return {std::move(key), {}};
        if (first_error.empty()) first_error = error.message;
    }
    return {std::nullopt, {DkimReason::key_syntax, "the key record at " + name + " is unusable: " + first_error}};
}

std::optional<SignatureProblem> check_key(const auth::DkimKey& key, const DkimSignature& signature) {
    if (key.revoked) return SignatureProblem{DkimReason::key_revoked, "the key is revoked (empty p=)"};
    const bool ed25519 = signature.algorithm == DkimAlgorithm::ed25519_sha256;
    if (!iequals(key.key_type, ed25519 ? "ed25519" : "rsa"))
        return SignatureProblem{DkimReason::key_algorithm_mismatch,
                                "a k=" + key.key_type + " key cannot verify a=" + std::string(to_string(signature.algorithm))};
    const std::string_view hash = signature.algorithm == DkimAlgorithm::rsa_sha1 ? "sha1" : "sha256";
    if (!key.hash_algorithms.empty() && !lists(key.hash_algorithms, hash))
        return SignatureProblem{DkimReason::key_hash_restricted, "the key's h= does not allow " + std::string(hash)};
    if (!key.services.empty() && !lists(key.services, "email", "*"))
        return SignatureProblem{DkimReason::key_service_mismatch, "the key's s= does not allow email"};
    if (key.strict_subdomains) {
        const std::string_view identity = signature.identity;
        if (!iequals(identity.substr(identity.rfind('@') + 1), signature.domain))
            return SignatureProblem{DkimReason::key_strict_subdomain, "the key has t=s and i= is in a subdomain of d="};
    }
    return std::nullopt;
}

}  // namespace mailwarden::message_detail
