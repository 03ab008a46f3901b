// DKIM signing of outgoing mail (RFC 6376, RFC 8463 ed25519-sha256) and
// the keys to sign with: a private key and the TXT record to publish at
// <selector>._domainkey.<domain>.
//
//   auto key = mailwarden::generate_dkim_key(mailwarden::DkimKeyType::rsa);
//   auto signer = mailwarden::DkimSigner::create(key->private_key_pem, "example.org", "s2026");
//   auto signed_message = signer->sign_message(raw);   // "DKIM-Signature: ...\r\n" + raw
#pragma once

#include <mailwarden/clock.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/result.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden {

enum class DkimCanonicalization { simple, relaxed };

struct DkimSignOptions {
    DkimCanonicalization header_canonicalization = DkimCanonicalization::relaxed;
    DkimCanonicalization body_canonicalization = DkimCanonicalization::relaxed;
    /// The header fields to sign; empty: default_signed_headers(). Each is
    /// over-signed (h= names it once more than the message has it, so a
    /// field added later breaks the signature); From is always signed.
    std::vector<std::string> headers;
    /// Sets x= this long after t=; unset: no x=.
    std::optional<std::chrono::seconds> lifetime;
    /// For t= (always written); null: the system clock.
    std::shared_ptr<Clock> clock;
};

/// From, To, Cc, Subject, Date, Message-ID, Reply-To, Content-Type,
/// MIME-Version, List-Unsubscribe, List-Unsubscribe-Post, List-Id.
MAILWARDEN_EXPORT const std::vector<std::string>& default_signed_headers();

/// Signs messages for one domain and selector with one key: rsa-sha256 for
/// an RSA key (1024 bits at least), ed25519-sha256 for an Ed25519 key. No
/// l= is ever written. Copies share the key; thread-safe.
class MAILWARDEN_EXPORT DkimSigner {
public:
    /// `private_key_pem`: PKCS#8 or traditional PEM, unencrypted.
    /// Errors: invalid_argument (not a key, another key type, RSA under
    /// 1024 bits, a domain or selector DKIM cannot carry).
    static Result<DkimSigner, Error> create(std::string_view private_key_pem, std::string domain, std::string selector,
                                            DkimSignOptions options = {});

    /// The DKIM-Signature field for `raw_message` (RFC 5322, CRLF or LF),
    /// folded at 78 columns and ending in a line end like the message's
    /// (CRLF unless it has only LF), ready to put on top of it.
    /// Errors: invalid_argument (no From field).
    Result<std::string, Error> sign(std::string_view raw_message) const;

    /// sign() put on top of the message.
    Result<std::string, Error> sign_message(std::string_view raw_message) const;

    std::string_view algorithm() const noexcept;  ///< "rsa-sha256" or "ed25519-sha256"
    unsigned key_bits() const noexcept;           ///< the RSA modulus size; 256 for Ed25519
    const std::string& domain() const noexcept;
    const std::string& selector() const noexcept;
    /// The TXT record that publishes this key: "v=DKIM1; k=rsa; p=...".
    std::string txt_record() const;

    struct State;

private:
    explicit DkimSigner(std::shared_ptr<const State> state) : state_(std::move(state)) {}
    std::shared_ptr<const State> state_;
};

/// The keys of a folder laid out as <folder>/<domain>/<selector>.pem (what
/// `mwctl dkim keygen` writes), one signer each, sorted by domain then
/// selector. A folder that does not exist holds no keys; other files are
/// ignored. Errors: invalid_argument (a .pem that is not a usable key, a
/// folder or file name DKIM cannot carry as d= or s=, naming the file), io
/// (a folder or file that cannot be read).
MAILWARDEN_EXPORT Result<std::vector<DkimSigner>, Error> load_dkim_keys(const std::string& folder,
                                                                        const DkimSignOptions& options = {});

/// The signers of `signers` that may sign mail from `from_domain`: those
/// whose domain is it or a parent of it (so the signature aligns with From
/// under relaxed DMARC), the most specific domain's first.
MAILWARDEN_EXPORT std::vector<DkimSigner> dkim_signers_for(std::span<const DkimSigner> signers,
                                                           std::string_view from_domain);

/// `raw_message` with one signature per signer on top, the first signer's
/// topmost (an RSA and an Ed25519 signature, RFC 8463 3). Each signs the
/// message as given, not the other signatures. Errors: as sign().
MAILWARDEN_EXPORT Result<std::string, Error> dkim_sign_message(std::string_view raw_message,
                                                               std::span<const DkimSigner> signers);

enum class DkimKeyType { rsa, ed25519 };

struct DkimKeyPair {
    std::string private_key_pem;  ///< PKCS#8 PEM, unencrypted
    std::string txt_record;       ///< "v=DKIM1; k=rsa; p=..."
    /// txt_record as character-strings of at most 255 bytes, the way a TXT
    /// record holds a longer text (RFC 6376 3.6.2.2); resolvers join them.
    std::vector<std::string> txt_strings;
};

/// A new key. `bits` is the RSA modulus size (1024 to 8192; 2048 is what
/// mailbox providers expect); Ed25519 ignores it. Errors:
/// invalid_argument (bits out of range), internal (OpenSSL failed).
MAILWARDEN_EXPORT Result<DkimKeyPair, Error> generate_dkim_key(DkimKeyType type, unsigned bits = 2048);

/// The zone-file line publishing `strings` at <selector>._domainkey.<domain>:
/// `s._domainkey.example.org. IN TXT "v=DKIM1; k=rsa; p=MIIB..." "..."`.
MAILWARDEN_EXPORT std::string dkim_zone_line(std::string_view domain, std::string_view selector,
                                             const std::vector<std::string>& strings);

}  // namespace mailwarden
