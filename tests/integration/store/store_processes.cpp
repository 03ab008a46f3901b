// Several service instances — separate processes — sharing one PostgreSQL
// database, as a platform runs them on several machines:
//   store_processes instances  4 processes record 2,000 sends of one account
//       at once, then 4 ingest its bounces, complaint and deliveries, each
//       notification delivered to two of them (as SNS may); then 4 add the
//       same 40 senders at once. Every count, suppression and the status
//       must come out exactly as one process would leave them.
//   store_processes migrations  10 processes open one empty database at
//       once: the schema is migrated exactly once and all of them start;
//       a database newer than the library is then refused, saying so.
//   store_processes restart    one process records sends while the server
//       is restarted under it: it may see retryable errors, and after
//       retrying nothing is lost or counted twice.
// Run by run-with-postgres.sh (MW_TEST_POSTGRES_URL, MW_POSTGRES_CTL).
#include "ses_documents.hpp"
#include "support/postgres_schema.hpp"
#include "support/temp_dir.hpp"
#include "support/worker_processes.hpp"

#include <mailwarden/bounce.hpp>
#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/channel.hpp>
#include <mailwarden/stores.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace mailwarden;
using namespace mailwarden::test;

namespace {

constexpr int instances = 4;
constexpr int sends = 2000;
constexpr int senders = 40;
const std::string account = "acme";

int failures = 0;

void expect(bool ok, const std::string& what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++failures;
}

[[noreturn]] void die(const std::string& what, const Error& e) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), e.describe().c_str());
    std::exit(3);
}

BounceTracker open_tracker(const std::string& url) {
    auto stores = open_stores(url);
    if (!stores) die("open_stores", stores.error());
    return BounceTracker(stores->feedback);
}

// The notifications of the run: bounces of every 16th send (125, 6.25 %:
// past the 5 % line), one complaint (0.05 %: under the warning line, so the
// status history has one change whatever the order), deliveries of every
// 10th send from the second.
std::vector<std::string> notifications() {
    std::vector<std::string> docs;
    for (int n = 0; n < sends; n += 16) docs.push_back(ses_hard_bounce(n));
    docs.push_back(ses_complaint(7));
    for (int n = 1; n < sends; n += 10) docs.push_back(ses_delivery(n));
    return docs;
}

// ---- workers (child processes)

int record_sends(const std::string& url, int index) {
    auto tracker = open_tracker(url);
    for (int n = index; n < sends; n += instances) {
        const std::vector<std::string> to{recipient(n)};
        if (auto r = tracker.record_send(account, message_id(n), to); !r) die("record_send", r.error());
    }
    return 0;
}

int ingest_feedback(const std::string& url, int index) {
    auto tracker = open_tracker(url);
    const auto docs = notifications();
    IngestReport total;
    for (std::size_t i = 0; i < docs.size(); ++i) {
        // Each notification reaches two instances.
        const int first = static_cast<int>(i % instances);
        if (index != first && index != (first + 1) % instances) continue;
        auto event = parse_ses_json(docs[i]);
        if (!event) die("parse_ses_json", event.error());
        auto report = tracker.ingest(*event, account);
        if (!report) die("ingest", report.error());
        accumulate(total, std::move(*report));
    }
    std::printf("hard %lld complaints %lld deliveries %lld duplicates %lld suppressed %zu\n",
                static_cast<long long>(total.hard_bounces), static_cast<long long>(total.complaints),
                static_cast<long long>(total.deliveries), static_cast<long long>(total.duplicates),
                total.suppressed.size());
    return 0;
}

int add_senders(const std::string& url, int index, const std::string& folder) {
    ChannelConfig config;
    config.store_path = url;
    config.outbox = folder + "/outbox-" + std::to_string(index);
    config.options.allow_special_use_domains = true;
    auto channel = open_channel(std::move(config));
    if (!channel) die("open_channel", channel.error());
    int added = 0, exists = 0;
    for (int k = 0; k < senders; ++k) {
        const int n = (k + index * 10) % senders;  // each instance starts elsewhere
        auto sender = channel->registry->add("news" + std::to_string(n) + "@acme.test", "News", account);
        if (sender) {
            ++added;
        } else if (sender.error().code == errc::already_exists) {
            ++exists;
        } else {
            die("add", sender.error());
        }
    }
    std::printf("added %d exists %d\n", added, exists);
    return 0;
}

// ---- the tests (the parent)

// Sums "name value" pairs over the workers' output lines.
std::map<std::string, long long> sum_outputs(const std::vector<WorkerOutput>& outputs) {
    std::map<std::string, long long> sums;
    for (const auto& o : outputs) {
        expect(o.status == 0, "a worker exited with " + std::to_string(o.status));
        std::istringstream in(o.output);
        std::string name;
        long long value = 0;
        while (in >> name >> value) sums[name] += value;
    }
    return sums;
}

std::vector<std::vector<std::string>> worker_arguments(const std::string& role, const std::string& url,
                                                       const std::string& folder = {}) {
    std::vector<std::vector<std::string>> args;
    for (int i = 0; i < instances; ++i) args.push_back({"worker", role, url, std::to_string(i), folder});
    return args;
}

// The mails in the instances' outboxes (Maildir: delivered into new/).
std::size_t mails_in(const std::filesystem::path& folder) {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(folder))
        if (e.is_regular_file() && e.path().parent_path().filename() == "new") ++n;
    return n;
}

int test_instances() {
    const std::string url = fresh_postgres_schema();

    sum_outputs(run_workers(worker_arguments("send", url)));
    auto tracker = open_tracker(url);
    auto stats = tracker.stats(account);
    if (!stats) die("stats", stats.error());
    expect(stats->total_sends == sends, "4 instances recorded every send once: " + std::to_string(stats->total_sends));
    expect(stats->status == AccountStatus::active, "the account is active before any bounce");

    const auto docs = notifications();
    auto sums = sum_outputs(run_workers(worker_arguments("feedback", url)));
    expect(sums["hard"] == 125, "125 hard bounces counted once across instances: " + std::to_string(sums["hard"]));
    expect(sums["complaints"] == 1, "the complaint counted once: " + std::to_string(sums["complaints"]));
    expect(sums["deliveries"] == 200, "200 deliveries counted once: " + std::to_string(sums["deliveries"]));
    expect(sums["duplicates"] == static_cast<long long>(docs.size()),
           "each second delivery of a notification is a duplicate: " + std::to_string(sums["duplicates"]));
    expect(sums["suppressed"] == 126, "126 addresses suppressed once: " + std::to_string(sums["suppressed"]));

    stats = tracker.stats(account);
    if (!stats) die("stats", stats.error());
    expect(stats->total_hard_bounces == 125 && stats->hard_bounces == 125, "the store holds 125 hard bounces");
    expect(stats->total_complaints == 1 && stats->total_deliveries == 200, "and 1 complaint, 200 deliveries");
    expect(stats->status == AccountStatus::suspended, "the account is suspended past 5 %");
    auto audit = tracker.audit_log(account);
    if (!audit) die("audit_log", audit.error());
    expect(audit->size() == 1 && audit->front().to == AccountStatus::suspended,
           "one status change, to suspended: " + std::to_string(audit->size()));
    auto suppressed = tracker.suppressions(account);
    if (!suppressed) die("suppressions", suppressed.error());
    expect(suppressed->size() == 126, "126 suppressions stored: " + std::to_string(suppressed->size()));

    // Every instance's next send sees the suspension others wrote: this
    // one, open since before the bounces, and one opened now.
    const std::vector<std::string> to{"someone@example.com"};
    auto admitted = tracker.admit(account, to);
    expect(!admitted && admitted.error().code == errc::suspended, "a running instance's next send is refused");
    auto fresh = open_tracker(url);
    admitted = fresh.admit(account, to);
    expect(!admitted && admitted.error().code == errc::suspended, "a new instance's send is refused");

    TempDir folder;
    sums = sum_outputs(run_workers(worker_arguments("senders", url, folder.str())));
    expect(sums["added"] == senders, "each of 40 senders added by exactly one instance: " + std::to_string(sums["added"]));
    expect(sums["exists"] == senders * (instances - 1),
           "the other instances got already_exists: " + std::to_string(sums["exists"]));
    auto stores = open_stores(url);
    if (!stores) die("open_stores", stores.error());
    auto listed = stores->senders->list(account, std::nullopt);
    if (!listed) die("list", listed.error());
    expect(listed->size() == senders, "40 senders stored: " + std::to_string(listed->size()));
    expect(mails_in(folder.path()) == senders, "40 verification mails went out: " + std::to_string(mails_in(folder.path())));
    return failures == 0 ? 0 : 1;
}

int test_migrations() {
    const std::string url = fresh_postgres_schema();
    std::vector<std::vector<std::string>> args(10, {"worker", "open", url, "0", ""});
    int started = 0;
    for (const auto& w : run_workers(args)) started += w.status == 0 ? 1 : 0;
    expect(started == 10, "10 instances opened the store at once: " + std::to_string(started));
    const std::string applied = postgres_exec("SELECT count(*) || ' ' || max(version) FROM mailwarden_migrations", url);
    const std::string expected = std::to_string(postgres_schema_version());
    expect(applied == expected + " " + expected, "each migration applied once: " + applied);

    postgres_exec("INSERT INTO mailwarden_migrations (version, applied_at) VALUES (" +
                      std::to_string(postgres_schema_version() + 1) + ", now())",
                  url);
    auto newer = open_stores(url);
    expect(!newer && newer.error().code == errc::io && newer.error().message.find("newer") != std::string::npos,
           "a newer schema is refused: " + (newer ? std::string("opened") : newer.error().message));
    return failures == 0 ? 0 : 1;
}

int test_restart() {
    const char* ctl = std::getenv("MW_POSTGRES_CTL");
    if (ctl == nullptr) {
        std::fprintf(stderr, "MW_POSTGRES_CTL is not set: run under run-with-postgres.sh\n");
        return 2;
    }
    const std::string url = fresh_postgres_schema();
    auto tracker = open_tracker(url);
    constexpr int total = 300;
    int retryable = 0;
    for (int n = 0; n < total; ++n) {
        if (n == 100 && std::system((std::string(ctl) + " restart").c_str()) != 0) {
            std::fprintf(stderr, "restarting the server failed\n");
            return 2;
        }
        const std::vector<std::string> to{recipient(n)};
        for (int attempt = 1;; ++attempt) {
            auto r = tracker.record_send(account, message_id(n), to);
            if (r) break;
            expect(r.error().retryable, "an error during the restart is retryable: " + r.error().describe());
            if (!r.error().retryable || attempt == 50) return 1;
            ++retryable;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    auto stats = tracker.stats(account);
    if (!stats) die("stats", stats.error());
    expect(retryable >= 1, "the restart was seen as retryable errors: " + std::to_string(retryable));
    expect(stats->total_sends == total, "every send recorded exactly once: " + std::to_string(stats->total_sends));
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 5 && args[0] == "worker") {
        const std::string& role = args[1];
        const int index = std::stoi(args[3]);
        if (role == "send") return record_sends(args[2], index);
        if (role == "feedback") return ingest_feedback(args[2], index);
        if (role == "senders") return add_senders(args[2], index, args[4]);
        if (role == "open") return open_stores(args[2]) ? 0 : 1;
    }
    if (args.size() == 1 && args[0] == "instances") return test_instances();
    if (args.size() == 1 && args[0] == "restart") return test_restart();
    if (args.size() == 1 && args[0] == "migrations") return test_migrations();
    std::fprintf(stderr, "usage: store_processes instances|migrations|restart\n");
    return 2;
}
