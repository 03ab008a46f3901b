// Applies feedback to the store inside one transaction: the rules of what a
// send, delivery, bounce or complaint changes (counts, soft-bounce runs,
// suppressions, status). Accounts are loaded once and saved by finish().
#pragma once

#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/feedback_store.hpp>

#include <map>
#include <string>
#include <string_view>

namespace mailwarden::bounce_detail {

class FeedbackApplier {
public:
    FeedbackApplier(FeedbackTransaction& tx, const TrackerPolicy& policy, TimePoint now)
        : tx_(tx), policy_(policy), now_(now) {}

    /// One event; `account` empty: each recipient's recorded send decides.
    Result<Done, Error> apply(const FeedbackEvent& event, std::string_view account);
    /// Sends the tracker did not see as events.
    Result<Done, Error> record_send(std::string_view account, std::string_view message_id,
                                    std::span<const std::string> recipients);

    /// The account, loaded (or created) and fitted to the policy's window.
    Result<AccountRecord*, Error> account(std::string_view name);
    /// Changes the account's status and logs it. Does nothing when unchanged
    /// unless `always` (an explicit resume is logged in any case).
    Result<Done, Error> change_status(AccountRecord& a, AccountStatus to, std::string actor, std::string reason,
                                      bool always = false);

    /// Saves the accounts touched; the caller commits.
    Result<IngestReport, Error> finish();

private:
    Result<Done, Error> apply_recipient(const FeedbackEvent& event, const RecipientFeedback& r,
                                        std::string_view account, TimePoint at);
    Result<std::string, Error> account_of(std::string_view message_id, std::string_view recipient,
                                          std::string_view given);
    /// The send (message, recipient), counted now when it was not yet.
    Result<SendRecord, Error> ensure_send(AccountRecord& a, std::string_view message_id, std::string_view recipient,
                                          TimePoint at);
    /// Sets one flag of a send once, counting it in the window and totals.
    enum class Flag { hard, soft, complaint };
    Result<bool, Error> flag(AccountRecord& a, SendRecord& send, Flag which);
    Result<Done, Error> count_soft_bounce(AccountRecord& a, const std::string& address, const FeedbackEvent& event,
                                          const RecipientFeedback& r, TimePoint at);
    Result<Done, Error> suppress(const AccountRecord& a, const std::string& address, SuppressionReason reason,
                                 const FeedbackEvent& event, const RecipientFeedback& r, TimePoint at,
                                 std::string note = {});
    Result<Done, Error> rejudge(AccountRecord& a);

    FeedbackTransaction& tx_;
    const TrackerPolicy& policy_;
    TimePoint now_;
    std::map<std::string, AccountRecord, std::less<>> accounts_;
    IngestReport report_;
};

}  // namespace mailwarden::bounce_detail
