#include "bounce/ses/ses_hints.hpp"

#include <initializer_list>

namespace mailwarden::bounce_detail {

namespace {

using R = BounceReason;

struct Named {
    std::string_view name;
    R reason;
};

R lookup(std::string_view name, std::initializer_list<Named> table) noexcept {
    for (const Named& n : table)
        if (n.name == name) return n.reason;
    return R::undefined;
}

}  // namespace

Hint ses_bounce_hint(std::string_view type, std::string_view subtype) noexcept {
    if (type == "Permanent") {
        return {BounceClass::hard, lookup(subtype, {{"NoEmail", R::user_unknown},
                                                    {"Suppressed", R::suppressed},
                                                    {"OnAccountSuppressionList", R::suppressed},
                                                    {"UnsubscribedRecipient", R::suppressed}})};
    }
    if (type == "Transient") {
        return {BounceClass::soft, lookup(subtype, {{"MailboxFull", R::mailbox_full},
                                                    {"MessageTooLarge", R::message_too_big},
                                                    {"ContentRejected", R::content_error},
                                                    {"AttachmentRejected", R::content_error}})};
    }
    return {BounceClass::soft, R::undefined};  // Undetermined, or a type added later
}

Hint ses_delay_hint(std::string_view delay_type) noexcept {
    return {BounceClass::none, lookup(delay_type, {{"InternalFailure", R::system_error},
                                                   {"MailboxFull", R::mailbox_full},
                                                   {"SpamDetected", R::spam_detected},
                                                   {"RecipientServerError", R::system_error},
                                                   {"IPFailure", R::blocked},
                                                   {"TransientCommunicationFailure", R::network_error},
                                                   {"BYOIPHostNameLookupUnavailable", R::network_error},
                                                   {"SendingDeferral", R::rate_limited}})};
}

}  // namespace mailwarden::bounce_detail
