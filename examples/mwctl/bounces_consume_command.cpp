// mwctl bounces consume-sqs: SES feedback from an SQS queue (SES -> SNS ->
// SQS), applied batch by batch; a message is deleted only once its batch
// is committed.
#include "channel_context.hpp"
#include "commands.hpp"

#include <mailwarden/bounce.hpp>
#include <mailwarden/bounce_tracker.hpp>
#include <mailwarden/sns.hpp>
#include <mailwarden/sns_http.hpp>
#include <mailwarden/sqs.hpp>

#include <iostream>
#include <optional>

namespace mwctl {

namespace {

constexpr const char* consume_usage =
    "usage: mwctl bounces consume-sqs --queue-url URL [--endpoint URL] [--region R]\n"
    "                                 [--max-batches N] [--wait SECS] [--account A]\n"
    "                                 [--verify-sns [--topic-arn ARN]... [--ca-file PEM]] [--json]\n"
    "\n"
    "Long-polls the queue and applies each batch (SNS envelopes around SES\n"
    "notifications, or raw SES JSON) to the state under $MAILWARDEN_HOME, then\n"
    "deletes it. A batch that cannot be committed stays in the queue and comes\n"
    "back after its visibility timeout. The queue's access policy is the trust\n"
    "boundary; --verify-sns also checks each envelope's SNS signature (the\n"
    "certificate fetched over HTTPS). Credentials: AWS_ACCESS_KEY_ID /\n"
    "AWS_SECRET_ACCESS_KEY or ~/.aws.\n"
    "\n"
    "  --max-batches N  stop after N polls (default: run until interrupted)\n"
    "  --wait SECS      long-poll wait, 0..20 (default 20)\n"
    "  --allow-http     allow an http:// endpoint (local peers)\n"
    "\n"
    "exit status: 0 every message applied, 1 a message could not be read (it is\n"
    "reported and deleted) or SQS failed, 2 usage error\n";

struct Counts {
    mailwarden::IngestReport report;
    int unreadable = 0;
};

// Reads one body: an SNS envelope (checked when asked) or SES JSON.
mailwarden::Result<mailwarden::FeedbackEvent, mailwarden::Error> read_body(
    const std::string& body, const std::optional<mailwarden::sns::Verifier>& verifier) {
    if (!verifier) return mailwarden::parse_feedback(body);
    auto envelope = verifier->verify(body);
    if (!envelope) return mailwarden::unexpected(envelope.error());
    return mailwarden::parse_sns_payload(*envelope);
}

}  // namespace

int run_bounces_consume(const std::vector<std::string>& argv) {
    const Args args(argv, with_channel_options({{"--verify-sns"},
                                               {"--queue-url", "--max-batches", "--wait", "--topic-arn", "--ca-file"},
                                               {"--topic-arn"}}));
    if (args.flag("--help")) {
        std::cout << consume_usage << channel_options_help;
        return exit_ok;
    }
    if (!args.has("--queue-url")) throw UsageError("bounces consume-sqs: --queue-url is required");
    mailwarden::sqs::ConsumerOptions options;
    options.queue_url = args.value("--queue-url");
    options.endpoint = args.value_or("--endpoint", "");
    options.region = args.value_or("--region", "");
    options.http.allow_plaintext = args.flag("--allow-http");
    if (args.has("--wait")) {
        const std::string wait = args.value("--wait");
        options.wait_time = std::chrono::seconds(wait == "0" ? 0 : parse_positive(wait, "--wait"));
    }
    const std::size_t max_batches =
        args.has("--max-batches") ? static_cast<std::size_t>(parse_positive(args.value("--max-batches"), "--max-batches")) : 0;

    std::optional<mailwarden::sns::Verifier> verifier;
    if (args.flag("--verify-sns")) {
        mailwarden::sns::HttpCertificateOptions fetch;
        fetch.http.ca_file = args.value_or("--ca-file", "");
        // Raw SES JSON on an SQS queue carries no signature; the queue vouches for it.
        verifier.emplace(std::make_shared<mailwarden::sns::HttpCertificateSource>(std::move(fetch)),
                         mailwarden::sns::SnsPolicy{args.values("--topic-arn"), true});
    }
    ChannelContext ctx = open_channel_context(args);
    auto consumer = mailwarden::sqs::SqsConsumer::create(std::move(options));
    if (!consumer) fail(consumer.error());
    const std::string account = args.has("--account") ? ctx.account : std::string();

    Counts counts;
    const auto sink = [&](std::span<const mailwarden::sqs::QueueMessage> batch) -> mailwarden::Result<mailwarden::Done, mailwarden::Error> {
        std::vector<mailwarden::FeedbackEvent> events;
        for (const auto& m : batch) {
            auto event = read_body(m.body, verifier);
            if (!event) {
                std::cerr << "mwctl: SQS message " << m.message_id << ": " << event.error().describe() << '\n';
                ++counts.unreadable;
                continue;
            }
            events.push_back(std::move(*event));
        }
        auto applied = ctx.channel.tracker->ingest(events, account);
        if (!applied) return mailwarden::unexpected(applied.error());
        mailwarden::accumulate(counts.report, std::move(*applied));
        return mailwarden::Done{};
    };
    auto run = (*consumer)->run(sink, max_batches);
    if (!run) fail(run.error());
    if (ctx.json) {
        std::cout << mailwarden::to_json(counts.report) << '\n';
    } else {
        std::cout << run->received << " messages, " << run->deleted << " deleted; " << counts.report.hard_bounces
                  << " hard bounces, " << counts.report.complaints << " complaints, " << counts.report.suppressed.size()
                  << " addresses suppressed\n";
    }
    const bool clean = counts.unreadable == 0 && run->sink_failures == 0 && run->delete_failures == 0;
    return clean ? exit_ok : exit_findings;
}

}  // namespace mwctl
