// Bulk import: the list cleaner reads and checks the rows (each distinct
// domain looked up once, concurrently); each verdict then goes through the
// intake policy and, when accepted, into the list as confirmed.
#include <mailwarden/subscriber_lists.hpp>

#include "hygiene/subscribers/intake.hpp"
#include "hygiene/subscribers/lists_impl.hpp"

#include <algorithm>
#include <map>

namespace mailwarden {

namespace {

struct Importer {
    const hygiene::ListsState& lists;
    const MailingList& list;
    const ImportOptions& options;
    ImportSummary summary;
    std::map<std::string, std::int64_t> refusals;
    std::optional<Error> failure;

    // Adds the row when it may join; else says why not.
    std::string add(const hygiene::IntakeVerdict& intake) {
        const auto& store = lists.config.store;
        auto existing = store->find(list.id, intake.fold_key);
        if (!existing) return fail(std::move(existing).error());
        Subscriber s;
        if (*existing) {
            if ((*existing)->state == SubscriberState::confirmed) return "already_subscribed";
            if ((*existing)->state != SubscriberState::pending) return "tombstoned";
            s = **existing;
        } else {
            auto tomb = store->find_tombstone(list.id, hygiene::ListsState::tombstone_hash(list.id, intake.fold_key));
            if (!tomb) return fail(std::move(tomb).error());
            if (*tomb) return "tombstoned";
            s.list_id = list.id;
            s.address = intake.check.address;
            s.fold_key = intake.fold_key;
            s.created_at = lists.now();
        }
        s.flags = intake.flags;
        s.state = SubscriberState::confirmed;
        s.updated_at = s.confirmed_at.emplace(lists.now());
        ConsentEntry entry;
        entry.at = s.updated_at;
        entry.action = "import";
        entry.source = options.source;
        entry.notice_text = options.notice_text;
        entry.notice_version = options.notice_version;
        entry.detail = "row " + std::to_string(intake.check.row);
        auto saved = store->save(s, entry);
        if (!saved) return fail(std::move(saved).error());
        return {};
    }

    std::string fail(Error e) {
        if (!failure) failure = std::move(e);
        return "store_error";
    }

    void take(const CleanVerdict& v, const std::function<void(const ImportRow&)>& on_row) {
        if (failure) return;
        ImportRow row;
        auto intake = hygiene::judge_intake(lists.config.intake, v);
        row.refused_because = intake.refused_because.empty() ? add(intake) : intake.refused_because;
        if (failure) return;
        row.added = row.refused_because.empty();
        row.check = std::move(intake.check);
        ++summary.rows;
        if (row.added) {
            ++summary.added;
        } else {
            ++summary.refused;
            ++refusals[row.refused_because];
        }
        if (on_row) on_row(row);
    }
};

}  // namespace

Result<ImportSummary, Error> SubscriberLists::import(std::string_view account, std::string_view list_name,
                                                     std::string_view input, const ImportOptions& options,
                                                     const std::function<void(const ImportRow&)>& on_row) {
    for (const std::string* field : {&options.source, &options.notice_text, &options.notice_version})
        if (hygiene::has_control_character(*field))
            return unexpected(Error(errc::invalid_argument, "a control character in the import's consent facts"));
    auto list = impl_->find_list(account, list_name);
    if (!list) return unexpected(std::move(list).error());
    const std::string acct(account);
    CleanOptions clean = hygiene::intake_clean_options(
        impl_->config.intake, impl_->config.resolver, [this, acct](std::string_view a) { return impl_->suppressed(acct, a); });
    clean.input = CleanOptions::Input::automatic;
    clean.column_name = options.column_name;
    clean.column_index = options.column_index;
    Importer importer{*impl_, *list, options, {}, {}, std::nullopt};
    auto cleaner = ListCleaner::create(std::move(clean), [&](const CleanVerdict& v) { importer.take(v, on_row); });
    if (!cleaner) return unexpected(std::move(cleaner).error());
    (*cleaner)->feed(input);
    (*cleaner)->finish();
    if (const auto& problem = (*cleaner)->input_error()) return unexpected(Error(errc::invalid_argument, *problem));
    if (importer.failure) return unexpected(std::move(*importer.failure));
    auto& by_reason = importer.summary.refused_by_reason;
    by_reason.assign(importer.refusals.begin(), importer.refusals.end());
    std::stable_sort(by_reason.begin(), by_reason.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return std::move(importer.summary);
}

}  // namespace mailwarden
