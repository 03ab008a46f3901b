// mwctl send: one message from a verified sender.
#include "channel_context.hpp"
#include "commands.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace mwctl {

namespace {

constexpr const char* send_usage =
    "usage: mwctl send --from EMAIL --to ADDR [--to ADDR]... --subject S (--text T | --html-file F | --raw-file F)\n"
    "       mwctl send --list LIST --subject S (--text T | --html-file F) [--from EMAIL]   (as mwctl list send)\n";


}  // namespace

int run_send(const std::vector<std::string>& argv) {
    // --list LIST: the same as `mwctl list send LIST ...`.
    for (std::size_t i = 0; i + 1 < argv.size(); ++i) {
        if (argv[i] != "--list") continue;
        std::vector<std::string> rest{argv[i + 1]};
        for (std::size_t j = 0; j < argv.size(); ++j)
            if (j != i && j != i + 1) rest.push_back(argv[j]);
        return run_list_subscribers("send", rest);
    }
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
    auto receipt = ctx.channel.registry->send(m);
    if (!receipt) fail(receipt.error());
    if (ctx.json) {
        boost::json::array suppressed(receipt->suppressed.begin(), receipt->suppressed.end());
        std::cout << boost::json::serialize(boost::json::object{{"message_id", receipt->message_id},
                                                                {"suppressed", std::move(suppressed)}})
                  << '\n';
    } else {
        std::cout << "sent, message id " << receipt->message_id << '\n';
        for (const auto& s : receipt->suppressed) std::cout << "left out (suppressed): " << s << '\n';
    }
    return exit_ok;
}

}  // namespace mwctl
