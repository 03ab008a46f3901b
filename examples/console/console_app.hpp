// Everything the routes work on: the channel (registry, tracker, local
// transport), the mailing lists, the SNS endpoint, sessions, the rate
// limiter, the chart's samples and the running imports; and the router that
// sends each request to its route.
#pragma once

#include "console_options.hpp"
#include "http_types.hpp"
#include "import_jobs.hpp"
#include "rate_limit.hpp"
#include "samples.hpp"
#include "sessions.hpp"

#include <mailwarden/channel.hpp>
#include <mailwarden/dkim_sign.hpp>
#include <mailwarden/dns.hpp>
#include <mailwarden/feedback_endpoint.hpp>
#include <mailwarden/subscriber_lists.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace console {

struct ConsoleApp {
    ConsoleOptions options;
    std::string origin;  ///< http://HOST:PORT, what browsers send as Origin
    mailwarden::Channel channel;
    std::string account;  ///< the registry's default account
    std::vector<mailwarden::DkimSigner> dkim_signers;
    std::shared_ptr<mailwarden::SubscriberLists> lists;
    std::unique_ptr<mailwarden::FeedbackEndpoint> feedback;
    Sessions sessions;
    RateLimiter limiter;
    SampleRing samples;
    ImportJobs imports;  ///< last: joined before the lists they use go

    ConsoleApp(ConsoleOptions o, std::string origin_url);

    /// The resolver for domain checks, made at first use.
    mailwarden::Result<std::shared_ptr<mailwarden::dns::Resolver>, mailwarden::Error> resolver();
    /// Reads the account's stats and records a sample when they changed.
    mailwarden::Result<mailwarden::AccountStats, mailwarden::Error> stats_sampled();

private:
    std::mutex resolver_mutex_;
    std::shared_ptr<mailwarden::dns::Resolver> resolver_;
};

/// Opens the channel the options name, with verification links to
/// `origin`/verify, and its mailing lists, with confirm and unsubscribe
/// links to `origin`/lists/.... Throws std::runtime_error.
std::unique_ptr<ConsoleApp> open_console_app(ConsoleOptions options, const std::string& origin);

/// Every request: rate limit, public routes, session, CSRF, pages, API.
Response route(ConsoleApp& app, const Request& request);

/// Whether a request may send a file to import (up to the upload limit): a
/// POST to /api/lists/NAME/imports with a live session.
bool may_upload(ConsoleApp& app, const Request& head);

// The routes, by area (each in its own file).
Response public_route(ConsoleApp& app, const Request& request, bool& handled);
Response subscriber_route(ConsoleApp& app, const Request& request, bool& handled);
Response page_route(ConsoleApp& app, const Request& request, const Session& session);
Response api_senders(ConsoleApp& app, const Request& request, const std::vector<std::string>& segments);
Response api_deliverability(ConsoleApp& app, const Request& request, const std::vector<std::string>& segments);
Response api_message(ConsoleApp& app, const Request& request, const std::vector<std::string>& segments);
Response api_lists(ConsoleApp& app, const Request& request, const std::vector<std::string>& segments);

/// The decoded segments of a path after `prefix` ("/api/"); false when a
/// segment does not decode.
bool split_path(const std::string& path, std::size_t prefix, std::vector<std::string>& segments);

}  // namespace console
