// The content policies mwctl's sends follow, read from a JSON file
// ($MAILWARDEN_HOME/content-policy.json, or --content-policy FILE):
//
//   {"*":     {"on_review": "send", "on_block": "refuse",
//              "dns": "127.0.0.1:53",
//              "dnsbl": [{"zone": "dbl.example.net", "kind": "domain",
//                         "codes": {"127.0.1.2": "spam domain"}, "severity": "block"}],
//              "spamd": {"host": "127.0.0.1", "port": 783, "review_at": 5, "block_at": 10}},
//    "forum": {"on_review": "refuse"}}
#pragma once

#include <mailwarden/content_policy.hpp>

#include <string>

namespace mwctl {

/// The policies of `path`. Throws UsageError naming the file and the key
/// for what cannot be read or used.
mailwarden::ContentPolicies read_content_policies(const std::string& path);

}  // namespace mwctl
