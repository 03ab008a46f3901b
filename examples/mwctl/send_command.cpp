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
    const MessageBody body = read_message_body(args);
    m.subject = body.subject;
    m.text = body.text;
    m.html = body.html;
    m.raw = body.raw;
    ChannelContext ctx = open_channel_context(args);
    m.account = ctx.account;
    auto id = ctx.channel.registry->send(m);
    if (!id) fail(id.error());
    if (ctx.json) std::cout << "{\"message_id\":\"" << *id << "\"}\n";
    else std::cout << "sent, message id " << *id << '\n';
    return exit_ok;
}

}  // namespace mwctl
