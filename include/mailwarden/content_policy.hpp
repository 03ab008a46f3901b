// What sending does with a message the content checks judge: per account,
// whether to check at all, and whether a message needing review, or one
// blocked, is sent anyway or refused. Applied by wrapping the transport, so
// every send of a registry goes through it.
//
//   mailwarden::ContentPolicies policies;
//   policies["*"].options.blocklists = lists;              // every account
//   policies["forum"].on_review = mailwarden::ContentAction::refuse;
//   config.content_policies = policies;                     // ChannelConfig
#pragma once

#include <mailwarden/content_check.hpp>
#include <mailwarden/export.hpp>
#include <mailwarden/transport.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace mailwarden {

enum class ContentAction : int { send = 0, refuse = 1 };
/// "send", "refuse".
MAILWARDEN_EXPORT std::string_view to_string(ContentAction action) noexcept;

struct ContentPolicy {
    ContentCheckOptions options;
    ContentAction on_review = ContentAction::send;
    ContentAction on_block = ContentAction::refuse;
};

/// By account name; "*" applies to every account without a policy of its
/// own. An account under neither is not checked.
using ContentPolicies = std::map<std::string, ContentPolicy, std::less<>>;

/// `inner` with the content checks in front of send(): the message (its
/// raw form, or the one subject, text and HTML make) is checked under its
/// account's policy (OutgoingMessage::account; empty: `default_account`)
/// and, when the policy says refuse for its verdict, not sent: the error is
/// errc::policy, naming the verdict and the findings. Verification mails
/// are not checked. Thread-safe as `inner` is.
MAILWARDEN_EXPORT std::shared_ptr<Transport> with_content_checks(std::shared_ptr<Transport> inner,
                                                                 ContentPolicies policies,
                                                                 std::string default_account = "default");

}  // namespace mailwarden
