// mwctl sns verify: whether SNS deliveries are genuine, with the reason when
// they are not.
#include "cli_args.hpp"
#include "commands.hpp"
#include "sns_certificates.hpp"

#include <mailwarden/sns.hpp>

#include <boost/json.hpp>

#include <iostream>

namespace mwctl {

namespace {

namespace sns = mailwarden::sns;

constexpr const char* sns_usage =
    "usage: mwctl sns verify [--json] [--cert PEMFILE | --ca-file PEM] [--topic-arn ARN]... FILE...\n"
    "\n"
    "Checks each SNS HTTP delivery (Notification, SubscriptionConfirmation,\n"
    "UnsubscribeConfirmation; SignatureVersion 1 or 2): the envelope, the\n"
    "SigningCertURL (https://sns.<region>.amazonaws.com[.cn]/....pem), the topic\n"
    "and the signature.\n"
    "\n"
    "options:\n"
    "  --cert PEMFILE   the certificate the SigningCertURL names (the URL is still\n"
    "                   checked). Without it the certificate is fetched from that\n"
    "                   URL over HTTPS, the server's certificate verified.\n"
    "  --ca-file PEM    trusted roots for that fetch (default: the system's)\n"
    "  --topic-arn ARN  accept only this topic (repeatable; default: any)\n"
    "  --json           one JSON object per file a line: source, valid, reason,\n"
    "                   type, message_id, topic_arn\n"
    "\n"
    "exit status: 0 all valid, 1 otherwise, 2 usage error\n";

const ArgSpec verify_spec{{"--json", "--help"}, {"--cert", "--ca-file", "--topic-arn"}, {"--topic-arn"}};

struct Outcome {
    bool valid = false;
    std::string reason = "ok";
    std::string detail;
    std::optional<sns::Envelope> envelope;
};

Outcome check(const sns::Verifier& verifier, const std::string& body) {
    Outcome o;
    const auto verified = verifier.verify(body);
    if (verified) {
        o.valid = true;
        o.envelope = *verified;
        return o;
    }
    const auto rejection = sns::rejection_of(verified.error());
    o.reason = rejection ? std::string(sns::to_string(*rejection)) : "bad_signature";
    o.detail = verified.error().describe();
    // What the message claims, for the report, even when it is refused.
    if (auto parsed = sns::parse_envelope(body)) o.envelope = std::move(*parsed);
    return o;
}

boost::json::value or_null(const std::optional<sns::Envelope>& e, std::string sns::Envelope::*field) {
    if (!e || (*e).*field == std::string()) return nullptr;
    return boost::json::value((*e).*field);
}

int run_verify(const std::vector<std::string>& argv) {
    const Args args(argv, verify_spec);
    if (args.flag("--help")) {
        std::cout << sns_usage;
        return exit_ok;
    }
    if (args.positionals().empty()) throw UsageError("sns verify: no file given");
    std::string error;
    auto certificates =
        mailwarden::examples::sns_certificate_source(args.value_or("--cert", ""), args.value_or("--ca-file", ""), error);
    if (!certificates) throw UsageError(error);
    const sns::Verifier verifier(std::move(certificates), sns::SnsPolicy{args.values("--topic-arn"), false});
    bool all_valid = true;
    for (const std::string& path : args.positionals()) {
        const auto body = read_input(path);
        if (!body) {
            std::cerr << "mwctl: " << path << ": cannot read\n";
            all_valid = false;
            continue;
        }
        const Outcome o = check(verifier, *body);
        all_valid = all_valid && o.valid;
        if (args.flag("--json")) {
            boost::json::object line;
            line["source"] = path;
            line["valid"] = o.valid;
            line["reason"] = o.reason;
            line["type"] = o.envelope ? boost::json::value(sns::to_string(o.envelope->type)) : nullptr;
            line["message_id"] = or_null(o.envelope, &sns::Envelope::message_id);
            line["topic_arn"] = or_null(o.envelope, &sns::Envelope::topic_arn);
            std::cout << boost::json::serialize(line) << '\n';
        } else if (o.valid) {
            std::cout << path << ": valid " << sns::to_string(o.envelope->type) << ' ' << o.envelope->message_id
                      << " (" << o.envelope->topic_arn << ")\n";
        } else {
            std::cout << path << ": INVALID " << o.reason << ": " << o.detail << '\n';
        }
    }
    return all_valid ? exit_ok : exit_findings;
}

}  // namespace

int run_sns(const std::vector<std::string>& argv) {
    if (argv.empty()) throw UsageError("sns: missing subcommand (verify)");
    if (argv[0] == "--help") {
        std::cout << sns_usage;
        return exit_ok;
    }
    if (argv[0] != "verify") throw UsageError("sns: unknown subcommand '" + argv[0] + "'");
    return run_verify(std::vector<std::string>(argv.begin() + 1, argv.end()));
}

}  // namespace mwctl
