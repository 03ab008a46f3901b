// mwctl address check: one verdict per address, human or JSON lines.
#include "cli_args.hpp"
#include "commands.hpp"

#include <mailwarden/address.hpp>

#include <fstream>
#include <iomanip>
#include <iostream>

namespace mwctl {

namespace {

constexpr const char* address_usage =
    "usage: mwctl address check [options] ADDR...\n"
    "       mwctl address check [options] --file FILE   (one address a line, - for stdin)\n"
    "\n"
    "options:\n"
    "  --json               one JSON object a line\n"
    "  --allow-quoted       accept \"quoted\"@ local parts\n"
    "  --allow-literal      accept [IP] address literals\n"
    "  --allow-special-use  accept .test, example.com ... (reported risky)\n"
    "  --reject-role        reject role accounts (postmaster@, support@ ...)\n"
    "  --reject-noreply     reject no-reply addresses\n"
    "\n"
    "exit status: 0 all valid, 1 some invalid, 2 usage error\n";

const ArgSpec check_spec{
    {"--json", "--allow-quoted", "--allow-literal", "--allow-special-use", "--reject-role", "--reject-noreply",
     "--help"},
    {"--file"},
    {},
};

std::vector<std::string> read_lines(std::istream& in) {
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

std::vector<std::string> collect_addresses(const Args& args) {
    std::vector<std::string> addresses = args.positionals();
    if (args.has("--file")) {
        const std::string path = args.value("--file");
        if (path == "-") {
            const auto lines = read_lines(std::cin);
            addresses.insert(addresses.end(), lines.begin(), lines.end());
        } else {
            std::ifstream file(path);
            if (!file) throw UsageError("cannot open " + path);
            const auto lines = read_lines(file);
            addresses.insert(addresses.end(), lines.begin(), lines.end());
        }
    }
    if (addresses.empty()) throw UsageError("no address given");
    return addresses;
}

void print_human(const std::string& input, const mailwarden::AddressCheck& c) {
    std::string verdict(mailwarden::to_string(c.verdict()));
    for (char& ch : verdict) ch = static_cast<char>(ch - 32);
    std::cout << std::left << std::setw(8) << verdict << ' ' << input;
    if (!c.valid()) {
        std::cout << "  (" << mailwarden::to_string(c.reason()) << ": " << c.message() << ")";
    } else {
        if (c.normalized() != input) std::cout << "  -> " << c.normalized();
        if (c.role()) std::cout << "  [role account]";
        if (c.noreply()) std::cout << "  [no-reply]";
        if (c.special_use()) std::cout << "  [special-use domain]";
    }
    std::cout << '\n';
}

int run_check(const std::vector<std::string>& argv) {
    const Args args(argv, check_spec);
    if (args.flag("--help")) {
        std::cout << address_usage;
        return exit_ok;
    }
    mailwarden::AddressPolicy policy;
    policy.allow_quoted_local = args.flag("--allow-quoted");
    policy.allow_address_literal = args.flag("--allow-literal");
    policy.allow_special_use = args.flag("--allow-special-use");
    policy.reject_role = args.flag("--reject-role");
    policy.reject_noreply = args.flag("--reject-noreply");
    const mailwarden::AddressChecker checker(policy);

    bool all_valid = true;
    for (const std::string& a : collect_addresses(args)) {
        const auto c = checker.check(a);
        all_valid = all_valid && c.valid();
        if (args.flag("--json")) {
            std::cout << mailwarden::to_json(a, c) << '\n';
        } else {
            print_human(a, c);
        }
    }
    return all_valid ? exit_ok : exit_findings;
}

}  // namespace

int run_address(const std::vector<std::string>& argv) {
    if (argv.empty()) throw UsageError("address: missing subcommand (check)");
    if (argv[0] == "--help") {
        std::cout << address_usage;
        return exit_ok;
    }
    if (argv[0] != "check") throw UsageError("address: unknown subcommand '" + argv[0] + "'");
    return run_check(std::vector<std::string>(argv.begin() + 1, argv.end()));
}

}  // namespace mwctl
