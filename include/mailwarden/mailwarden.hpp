// The whole public C++ API. The headers are layered:
//  - domain parts, which never include the network or the SES client:
//    address.hpp, sender.hpp, verification.hpp, store.hpp, transport.hpp,
//    channel.hpp, domain_auth.hpp, spf.hpp, dns.hpp, sns.hpp, bounce.hpp
//  - the network: net/http.hpp, net/credentials.hpp, net/sigv4.hpp, net/retry.hpp
//  - the Amazon SES client and what runs over it: ses/client.hpp,
//    ses/types.hpp, ses/error.hpp, ses/transport.hpp, ses/domain_report.hpp
//  - receiving SES feedback: sqs.hpp (the consumer), sqs/client.hpp,
//    sqs/types.hpp, sqs/error.hpp; sns_http.hpp (signing certificates
//    fetched over HTTPS, subscriptions confirmed)
//  - shared vocabulary: error.hpp, result.hpp, clock.hpp, version.hpp
//  - Asio completion tokens (the one header that includes Boost): asio.hpp,
//    not included here.
// What the C++ API promises: source compatibility within a minor version.
// Binary stability is the C ABI's (mailwarden.h).
#pragma once

#include <mailwarden/address.hpp>
#include <mailwarden/bounce.hpp>
#include <mailwarden/channel.hpp>
#include <mailwarden/clock.hpp>
#include <mailwarden/dns.hpp>
#include <mailwarden/domain_auth.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/net/credentials.hpp>
#include <mailwarden/net/http.hpp>
#include <mailwarden/net/retry.hpp>
#include <mailwarden/net/sigv4.hpp>
#include <mailwarden/result.hpp>
#include <mailwarden/sender.hpp>
#include <mailwarden/ses/client.hpp>
#include <mailwarden/ses/domain_report.hpp>
#include <mailwarden/ses/error.hpp>
#include <mailwarden/ses/transport.hpp>
#include <mailwarden/ses/types.hpp>
#include <mailwarden/sns.hpp>
#include <mailwarden/sns_http.hpp>
#include <mailwarden/spf.hpp>
#include <mailwarden/sqs.hpp>
#include <mailwarden/sqs/client.hpp>
#include <mailwarden/sqs/error.hpp>
#include <mailwarden/sqs/types.hpp>
#include <mailwarden/list_clean.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/stores.hpp>
#include <mailwarden/subscriber_lists.hpp>
#include <mailwarden/subscriber_store.hpp>
#include <mailwarden/transport.hpp>
#include <mailwarden/verification.hpp>
#include <mailwarden/version.hpp>
