// The mails a list sends on its own behalf, and the header fields every
// list mail carries.
#pragma once

#include "hygiene/subscribers/lists_impl.hpp"

#include <string>

namespace mailwarden::hygiene {

/// Makes a confirmation token (replacing any earlier one), stores its hash
/// and mails the link from the list's sender. Returns the link.
Result<std::string, Error> send_confirmation(const ListsState& lists, const MailingList& list,
                                             const Subscriber& subscriber);

/// List-Unsubscribe (https and, with a list-id domain, mailto),
/// List-Unsubscribe-Post and List-Id for one subscriber.
ListHeaders list_headers(const ListsConfig& config, std::string_view signing_key, const MailingList& list,
                         const Subscriber& subscriber);

/// `base`?token=`token` (or &token= when the base has a query).
std::string link_with_token(std::string_view base, std::string_view token);

}  // namespace mailwarden::hygiene
