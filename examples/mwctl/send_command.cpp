// mwctl send: one message from a verified sender.
#include "channel_context.hpp"
#include "commands.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

namespace mwctl {

namespace {

constexpr const char* send_usage =
    "usage: mwctl send --from EMAIL --to ADDR [--to ADDR]... --subject S (--text T | --html-file F | --raw-file F)\n";

std::string read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

int run_send(const std::vector<std::string>& argv) {
    const Args args(argv, with_channel_options({{}, {"--from", "--to", "--subject", "--text", "--html-file", "--raw-file"},
                                                {"--to"}}));
    if (args.flag("--help")) {
        std::cout << send_usage << channel_options_help;
        return exit_ok;
    }
    mailwarden::OutgoingMessage m;
    m.from = args.value("--from");
    m.to = args.values("--to");
    if (m.to.empty()) throw UsageError("--to is required");
    const int bodies = static_cast<int>(args.has("--text")) + static_cast<int>(args.has("--html-file")) +
                       static_cast<int>(args.has("--raw-file"));
    if (bodies != 1) throw UsageError("give exactly one of --text, --html-file, --raw-file");
    if (args.has("--raw-file")) {
        m.raw = read_whole(args.value("--raw-file"));
    } else {
        m.subject = args.value("--subject");
        m.text = args.value_or("--text", "");
        if (args.has("--html-file")) m.html = read_whole(args.value("--html-file"));
    }
    ChannelContext ctx = open_channel_context(args);
    m.account = ctx.account;
    auto id = ctx.registry->send(m);
    if (!id) fail(id.error());
    if (ctx.json) std::cout << "{\"message_id\":\"" << *id << "\"}\n";
    else std::cout << "sent, message id " << *id << '\n';
    return exit_ok;
}

}  // namespace mwctl
