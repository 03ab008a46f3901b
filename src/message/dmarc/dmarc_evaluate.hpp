// DMARC for a received message (RFC 9989, or RFC 7489 as a switch): the
// From domain, its policy record, SPF and DKIM alignment, the result and
// the policy that applies.
#pragma once

#include "message/dmarc/applied_policy.hpp"
#include "message/dmarc/author_domain.hpp"
#include "message/dmarc/policy_discovery.hpp"

#include <mailwarden/spf.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::message_detail {

/// The RFC 8601 vocabulary.
enum class DmarcResult { none, pass, fail, temperror, permerror };

std::string_view to_string(DmarcResult result) noexcept;

struct SpfOutcome {
    spf::Result result = spf::Result::none;
    std::string domain;  ///< the domain check_host() judged: MAIL FROM's, or HELO's for a null reverse path
};

struct DkimOutcome {
    std::string domain;  ///< d=
    bool pass = false;
};

struct DmarcOptions {
    DmarcMode mode = DmarcMode::rfc9989;
    /// RFC 7489 mode: whether a message falls in the pct= share (0-100);
    /// empty: at random.
    std::function<bool(int pct)> sampled;
};

struct DmarcInputs {
    SpfOutcome spf;
    std::vector<DkimOutcome> dkim;
    TxtLookup txt;          ///< the _dmarc records
    DomainLookup exists;    ///< A/AAAA/MX for np=; may be empty
    DmarcOptions options;
};

struct DmarcEvaluation {
    DmarcResult result = DmarcResult::none;
    std::string reason;                ///< a sentence
    FromProblem from_problem = FromProblem::none;
    std::string from_domain;
    std::string policy_domain;         ///< where the applied record is published
    std::string organizational_domain; ///< the From domain's; empty when unknown
    std::string record;                ///< its text
    std::string policy;                ///< none | quarantine | reject, as published for this From domain
    std::string policy_tag;            ///< "p", "sp" or "np"
    std::string disposition;           ///< what the policy asks for this message: none unless it fails
    bool testing = false;              ///< t=y
    int pct = 100;                     ///< pct= (RFC 7489 mode)
    bool strict_spf = false;           ///< aspf=s
    bool strict_dkim = false;          ///< adkim=s
    bool spf_aligned = false;
    bool dkim_aligned = false;
    std::string dkim_domain;           ///< the first aligned passing d=
    std::optional<bool> from_domain_exists;
    std::vector<std::string> queried;  ///< domains asked for a DMARC record
    std::vector<std::string> problems; ///< malformed tags set aside, several records at one name
};

/// Evaluates a raw message (CRLF or LF).
DmarcEvaluation evaluate_dmarc(std::string_view raw_message, const DmarcInputs& inputs);

/// Evaluates for an Author Domain already extracted.
DmarcEvaluation evaluate_dmarc(const AuthorDomain& author, const DmarcInputs& inputs);

}  // namespace mailwarden::message_detail
