// The cleaner: rows are screened as they arrive, wait in input order for
// their domain's answer (each distinct domain is asked once; later rows of
// it share the answer), and leave in order once the row at the front is
// complete. Answers arrive on the resolver's thread; everything else runs
// on the caller's.
#include <mailwarden/list_clean.hpp>

#include "hygiene/clean/address_screen.hpp"
#include "hygiene/clean/flat_index.hpp"
#include "hygiene/clean/mail_domain_lookup.hpp"
#include "hygiene/clean/row_source.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace mailwarden {

namespace {

using hygiene::add_reason;

struct DomainEntry {
    MailDomainStatus status = MailDomainStatus::not_checked;
    bool answered = false;
};

struct PendingRow {
    CleanVerdict verdict;
    const DomainEntry* domain = nullptr;  // null: nothing to wait for
};

void apply_domain(CleanVerdict& v, MailDomainStatus status) {
    v.domain = status;
    switch (status) {
    case MailDomainStatus::no_mail_domain: add_reason(v, "no_mail_domain", AddressVerdict::invalid); break;
    case MailDomainStatus::null_mx: add_reason(v, "null_mx", AddressVerdict::invalid); break;
    case MailDomainStatus::implicit_mx: add_reason(v, "implicit_mx", AddressVerdict::risky); break;
    case MailDomainStatus::unknown: add_reason(v, "dns_unknown", AddressVerdict::risky); break;
    case MailDomainStatus::not_checked:
    case MailDomainStatus::accepts_mail: break;
    }
}

}  // namespace

struct ListCleaner::Impl {
    CleanOptions options;
    CleanSink sink;
    hygiene::RowSource rows;
    hygiene::AddressScreen screen;

    mutable std::mutex mutex;
    std::condition_variable answered;
    std::unordered_map<std::string, DomainEntry> domains;  // guarded by mutex (entries' fields too)
    CleanStats counts;                                     // guarded by mutex

    // The caller's thread only.
    std::deque<PendingRow> pending;
    hygiene::FlatIndex first_row_of;  // duplicate key -> row

    Impl(CleanOptions o, CleanSink s)
        : options(std::move(o)), sink(std::move(s)), rows(options), screen(options) {}

    void take_rows() {
        hygiene::InputRow row;
        while (rows.next(row)) {
            accept(screen.screen(std::move(row)));
            deliver_ready(pending.size() >= options.max_pending_rows);
        }
    }

    void accept(hygiene::Screened s) {
        PendingRow p{std::move(s.verdict), nullptr};
        if (s.key != 0) {
            const auto [row, first] = first_row_of.try_emplace(s.key, static_cast<std::uint32_t>(p.verdict.row));
            if (!first) {
                p.verdict.duplicate_of = row;
                add_reason(p.verdict, "duplicate", AddressVerdict::invalid);
            }
        }
        if (!s.lookup_domain.empty() && options.resolver != nullptr) p.domain = domain_entry(s.lookup_domain);
        pending.push_back(std::move(p));
    }

    // The entry of a domain; the first row that needs it starts its lookup.
    const DomainEntry* domain_entry(const std::string& domain) {
        std::unique_lock lock(mutex);
        const auto [it, inserted] = domains.try_emplace(domain);
        if (!inserted) return &it->second;
        ++counts.domains;
        DomainEntry* entry = &it->second;  // unordered_map nodes do not move
        lock.unlock();
        hygiene::look_up_mail_domain(options.resolver, domain, [this, entry](MailDomainStatus status) {
            // Notified under the lock: once it is released, the destructor
            // (which waits for this count) may run.
            const std::lock_guard guard(mutex);
            entry->status = status;
            entry->answered = true;
            ++counts.domains_looked_up;
            answered.notify_all();
        });
        return entry;
    }

    // Hands out the rows at the front that are complete; with `wait`, waits
    // until at least the front one is (so the window shrinks).
    void deliver_ready(bool wait) {
        while (!pending.empty()) {
            PendingRow& front = pending.front();
            if (front.domain != nullptr) {
                std::unique_lock lock(mutex);
                if (!front.domain->answered) {
                    if (!wait) return;
                    answered.wait(lock, [&] { return front.domain->answered; });
                }
                apply_domain(front.verdict, front.domain->status);
            }
            count(front.verdict);
            sink(front.verdict);
            pending.pop_front();
            wait = false;
        }
    }

    void count(const CleanVerdict& v) {
        const std::lock_guard lock(mutex);
        ++counts.rows;
        if (v.duplicate_of) ++counts.duplicates;
        switch (v.verdict) {
        case AddressVerdict::valid: ++counts.valid; break;
        case AddressVerdict::risky: ++counts.risky; break;
        case AddressVerdict::invalid: ++counts.invalid; break;
        }
    }
};

Result<std::unique_ptr<ListCleaner>, Error> ListCleaner::create(CleanOptions options, CleanSink sink) {
    const char d = options.delimiter;
    if (d == '\0' || d == '"' || d == '\r' || d == '\n')
        return unexpected(Error(errc::invalid_argument, "the delimiter must not be NUL, a quote or a line end"));
    if (options.max_pending_rows == 0)
        return unexpected(Error(errc::invalid_argument, "max_pending_rows must be at least 1"));
    if (!sink) return unexpected(Error(errc::invalid_argument, "a sink is required"));
    return std::unique_ptr<ListCleaner>(
        new ListCleaner(std::make_unique<Impl>(std::move(options), std::move(sink))));
}

ListCleaner::ListCleaner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ListCleaner::~ListCleaner() {
    // Lookups still running hold a pointer into this object: wait for them.
    if (!impl_) return;
    std::unique_lock lock(impl_->mutex);
    impl_->answered.wait(lock, [&] { return impl_->counts.domains_looked_up == impl_->counts.domains; });
}

void ListCleaner::feed(std::string_view bytes) {
    impl_->rows.feed(bytes);
    impl_->take_rows();
    impl_->deliver_ready(false);
}

CleanStats ListCleaner::finish() {
    impl_->rows.finish();
    impl_->take_rows();
    while (!impl_->pending.empty()) impl_->deliver_ready(true);
    return stats();
}

CleanStats ListCleaner::stats() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->counts;
}

const std::vector<std::string>& ListCleaner::header() const noexcept { return impl_->rows.header(); }

const std::optional<std::string>& ListCleaner::input_error() const noexcept { return impl_->rows.error(); }

}  // namespace mailwarden
