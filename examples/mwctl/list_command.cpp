// mwctl list clean: one verdict per row of an address list, in input order,
// with the domains' mail records looked up (each once, concurrently).
#include "channel_context.hpp"
#include "cli_args.hpp"
#include "commands.hpp"
#include "dns_option.hpp"
#include "list_io.hpp"

#include <mailwarden/list_clean.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

namespace mwctl {

namespace {

constexpr const char* list_usage =
    "usage: mwctl list clean FILE|- [--json|--csv] [-o OUT] [--column N|NAME] [--lines]\n"
    "                        [--delimiter C] [--dns HOST:PORT | --no-dns] [--reject-role]\n"
    "                        [--reject-noreply] [--fold-aliases] [--allow-disposable DOMAIN]...\n"
    "                        [--check-suppression [--account A] [--store PATH]]\n"
    "\n"
    "Reads a CSV file (RFC 4180; the address column by header name, by --column\n"
    "number from 1 or name, or the first column holding an @) or one address a\n"
    "line, and writes one verdict a row in input order: valid, risky or invalid,\n"
    "with reason ids. Each distinct domain's MX (else A/AAAA) is looked up once.\n"
    "\n"
    "  --json     JSON Lines: input, address, verdict, reasons, duplicate_of, suggestion, row, domain\n"
    "  --csv      the same as CSV columns (reasons joined by ';')\n"
    "  --lines    one address a line, even when lines hold commas\n"
    "  --no-dns   no lookups (the domain is not_checked)\n"
    "  --check-suppression  addresses on the suppression list (the account's or the\n"
    "             global one, under $MAILWARDEN_HOME) are invalid: suppressed\n"
    "\n"
    "A progress line is written to standard error when it is a terminal.\n"
    "exit status: 0 the list was read (whatever the verdicts), 1 it could not be\n"
    "read, 2 usage error (a --column name that is not in the header included)\n";

enum class Format { text, json, csv };

void write_verdict(std::ostream& out, Format format, const mailwarden::CleanVerdict& v) {
    std::string reasons;
    for (const auto& r : v.reasons) reasons += (reasons.empty() ? "" : ";") + r;
    const std::string duplicate_of = v.duplicate_of ? std::to_string(*v.duplicate_of) : "";
    switch (format) {
    case Format::json: out << mailwarden::to_json(v) << '\n'; return;
    case Format::csv:
        out << csv_field(v.input) << ',' << csv_field(v.address) << ',' << mailwarden::to_string(v.verdict) << ','
            << csv_field(reasons) << ',' << duplicate_of << ',' << csv_field(v.suggestion) << '\n';
        return;
    case Format::text:
        out << v.row << '\t' << mailwarden::to_string(v.verdict) << '\t' << (v.address.empty() ? v.input : v.address)
            << '\t' << reasons << (v.suggestion.empty() ? "" : "\tdid you mean " + v.suggestion + "?") << '\n';
        return;
    }
}

// Rows per second and domains answered, rewritten in place on a terminal.
class Progress {
public:
    explicit Progress(const mailwarden::ListCleaner& cleaner)
        : cleaner_(cleaner), on_(isatty(STDERR_FILENO) != 0), start_(Clock::now()), last_(start_) {}

    void tick(bool last = false) {
        if (!on_) return;
        const auto now = Clock::now();
        if (!last && now - last_ < std::chrono::milliseconds(250)) return;
        last_ = now;
        const auto s = cleaner_.stats();
        const double seconds = std::chrono::duration<double>(now - start_).count();
        std::fprintf(stderr, "\r%llu rows (%.0f/s), %llu of %llu domains answered%s",
                     static_cast<unsigned long long>(s.rows), seconds > 0 ? static_cast<double>(s.rows) / seconds : 0.0,
                     static_cast<unsigned long long>(s.domains_looked_up), static_cast<unsigned long long>(s.domains),
                     last ? "\n" : "   ");
    }

private:
    using Clock = std::chrono::steady_clock;
    const mailwarden::ListCleaner& cleaner_;
    bool on_;
    Clock::time_point start_, last_;
};

mailwarden::CleanOptions clean_options(const Args& args) {
    mailwarden::CleanOptions o;
    o.address_policy.reject_role = args.flag("--reject-role");
    o.address_policy.reject_noreply = args.flag("--reject-noreply");
    o.fold_provider_aliases = args.flag("--fold-aliases");
    o.disposable_allow = args.values("--allow-disposable");
    if (args.flag("--lines")) o.input = mailwarden::CleanOptions::Input::lines;
    if (args.has("--delimiter")) {
        const std::string d = args.value("--delimiter");
        if (d.size() != 1) throw UsageError("--delimiter takes one character");
        o.delimiter = d[0];
    }
    read_column_option(args, o.column_name, o.column_index);
    o.address_policy.allow_special_use = args.flag("--allow-special-use");
    if (args.has("--dns") && args.flag("--no-dns")) throw UsageError("--dns and --no-dns exclude each other");
    // 64 lookups in flight keep a server busy; bursts of several hundred
    // overflow its socket buffer, and a dropped query costs a 2 s retry.
    if (!args.flag("--no-dns")) o.resolver = open_resolver(args, 64);
    return o;
}

int run_list_clean(const std::vector<std::string>& argv) {
    const Args args(argv, with_channel_options({{"--csv", "--lines", "--no-dns", "--reject-role", "--reject-noreply",
                                                 "--fold-aliases", "--check-suppression"},
                                                {"-o", "--column", "--delimiter", "--dns", "--allow-disposable"},
                                                {"--allow-disposable"}}));
    if (args.flag("--help")) {
        std::cout << list_usage;
        return exit_ok;
    }
    if (args.positionals().size() != 1) throw UsageError("expected one FILE (or - for standard input)");
    if (args.flag("--json") && args.flag("--csv")) throw UsageError("--json and --csv exclude each other");
    const Format format = args.flag("--json") ? Format::json : args.flag("--csv") ? Format::csv : Format::text;

    const std::string& path = args.positionals()[0];
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            std::cerr << "mwctl: cannot read " << path << '\n';
            return exit_findings;
        }
    }
    std::istream& in = path == "-" ? std::cin : file;
    std::ofstream out_file;
    if (args.has("-o")) {
        out_file.open(args.value("-o"), std::ios::binary | std::ios::trunc);
        if (!out_file) throw UsageError("cannot write " + args.value("-o"));
    }
    std::ostream& out = args.has("-o") ? out_file : std::cout;
    if (format == Format::csv) out << "input,address,verdict,reasons,duplicate_of,suggestion\n";

    mailwarden::CleanOptions options = clean_options(args);
    std::optional<ChannelContext> ctx;
    if (args.flag("--check-suppression")) {
        ctx.emplace(open_channel_context(args));
        options.is_suppressed = [&ctx](std::string_view address) {
            auto found = ctx->channel.tracker->find_suppression(address, ctx->account);
            if (!found) fail(found.error());
            return found->has_value();
        };
    }
    auto cleaner = mailwarden::ListCleaner::create(std::move(options), [&](const mailwarden::CleanVerdict& v) {
        write_verdict(out, format, v);
    });
    if (!cleaner) throw UsageError(cleaner.error().describe());
    Progress progress(**cleaner);
    std::string chunk(64 * 1024, '\0');
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        (*cleaner)->feed(std::string_view(chunk.data(), static_cast<std::size_t>(in.gcount())));
        if (const auto& error = (*cleaner)->input_error()) throw UsageError(*error);
        progress.tick();
    }
    if (in.bad()) {
        std::cerr << "mwctl: reading " << path << " failed\n";
        return exit_findings;
    }
    const auto stats = (*cleaner)->finish();
    if (const auto& error = (*cleaner)->input_error()) throw UsageError(*error);
    progress.tick(true);
    out.flush();
    std::cerr << stats.rows << " rows: " << stats.valid << " valid, " << stats.risky << " risky, " << stats.invalid
              << " invalid (" << stats.duplicates << " duplicates); " << stats.domains << " domains\n";
    return out ? exit_ok : exit_findings;
}

}  // namespace

int run_list(const std::vector<std::string>& argv) {
    if (argv.empty() || argv[0] == "--help") {
        std::cout << list_usage;
        return argv.empty() ? exit_usage : exit_ok;
    }
    if (argv[0] == "clean") return run_list_clean({argv.begin() + 1, argv.end()});
    return run_list_subscribers(argv[0], {argv.begin() + 1, argv.end()});
}

}  // namespace mwctl
