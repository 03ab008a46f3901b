// The public key of a DKIM signature: the TXT record at
// <s>._domainkey.<d> (RFC 6376 3.6.2), and whether that key may verify
// this signature (k=, h=, s=, t=s, RFC 8301 key sizes).
#pragma once

#include "message/dkim/key_cache.hpp"
#include "message/dkim/signature.hpp"

#include "auth/dkim/dkim_key.hpp"

#include <mailwarden/dns.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace mailwarden::message_detail {

/// Answers a TXT question for a name; the texts of each record joined
/// (dns::Answer does that). Must tell a missing record from a DNS failure.
using TxtLookup = std::function<dns::Answer(const std::string& name)>;

/// A TxtLookup that asks `resolver`.
TxtLookup resolver_lookup(std::shared_ptr<dns::Resolver> resolver);

struct KeyOutcome {
    std::optional<auth::DkimKey> key;  ///< set when a record parsed
    SignatureProblem problem;          ///< reason none when the key is set
};

/// Fetches and parses the key of `signature`. Of several TXT records the
/// first that parses as a key is used (RFC 6376 leaves several undefined;
/// stray non-key records under a selector are common). Records are parsed
/// through `keys`.
KeyOutcome fetch_key(const TxtLookup& lookup, const DkimSignature& signature, KeyCache& keys);

/// Whether `key` may verify `signature`: not revoked, k= matching a=, h=
/// allowing the hash, s= allowing email, t=s with i= exactly in d=. (Key
/// size is local policy, judged by the verifier after the signature.)
std::optional<SignatureProblem> check_key(const auth::DkimKey& key, const DkimSignature& signature);

}  // namespace mailwarden::message_detail
