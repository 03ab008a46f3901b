// The mwctl command table: each command group lives in its own file.
#pragma once

#include <string>
#include <vector>

namespace mwctl {

/// `mwctl address check ...`; argv holds what follows "address".
int run_address(const std::vector<std::string>& argv);

/// `mwctl sender add|list|show|refresh|resend|remove|confirm ...`.
int run_sender(const std::vector<std::string>& argv);

/// `mwctl send --from ... --to ...`.
int run_send(const std::vector<std::string>& argv);
/// `mwctl sign ...`: SigV4 headers for a request; argv holds what follows "sign".
int run_sign(const std::vector<std::string>& argv);

/// `mwctl domain check DOMAIN ...`: the domain-authentication report.
int run_domain(const std::vector<std::string>& argv);

/// `mwctl ses account|identity|send|suppression ...`: Amazon SES v2.
int run_ses(const std::vector<std::string>& argv);

/// `mwctl spf check --ip IP --sender ADDR ...`: check_host().
int run_spf(const std::vector<std::string>& argv);

/// `mwctl list clean ...`: verdicts for an address list; the other list
/// commands (create, subscribe, confirm ...) go to run_list_subscribers.
int run_list(const std::vector<std::string>& argv);
/// `mwctl list COMMAND ...` for mailing lists; argv holds what follows COMMAND.
int run_list_subscribers(const std::string& command, const std::vector<std::string>& argv);

/// `mwctl bounces classify ...`: bounce mails, complaints, SES events.
int run_bounces(const std::vector<std::string>& argv);

/// `mwctl bounces ingest ...` and `mwctl bounces stats ...` (argv after the subcommand).
int run_bounces_ingest(const std::vector<std::string>& argv);
int run_bounces_stats(const std::vector<std::string>& argv);
int run_bounces_consume(const std::vector<std::string>& argv);

/// `mwctl suppression list|add|remove|check ...`: the suppression list.
int run_suppression(const std::vector<std::string>& argv);

/// `mwctl account status|resume ...`: an account's sending status.
int run_account(const std::vector<std::string>& argv);

/// `mwctl message check ...`: a received message's SPF, DKIM and DMARC;
/// `mwctl message sign ...` goes to run_message_sign.
int run_message(const std::vector<std::string>& argv);
/// `mwctl message sign ...`: DKIM signatures (argv after "sign").
int run_message_sign(const std::vector<std::string>& argv);
/// `mwctl message content ...`: a message's content checks (argv after "content").
int run_message_content(const std::vector<std::string>& argv);

/// `mwctl dkim keygen ...`: a DKIM key and the record to publish.
int run_dkim(const std::vector<std::string>& argv);

/// `mwctl sns verify ...`: SNS signatures and the checks before them.
int run_sns(const std::vector<std::string>& argv);

}  // namespace mwctl
