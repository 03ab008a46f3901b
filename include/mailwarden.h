/*
 * mailwarden.h — the stable C ABI of mailwarden, every part of it.
 *
 * Each part reads on its own (include just the one you use):
 *   mailwarden/common.h       export macro, version, errors, strings
 *   mailwarden/status.h       the status codes (mw_status)
 *   mailwarden/version.h      MW_VERSION_MAJOR / MINOR / PATCH
 *   mailwarden/address.h      address validation
 *   mailwarden/sender.h       sender channels: the registry
 *   mailwarden/dns.h          the DNS resolver
 *   mailwarden/domain_auth.h  the domain authentication report
 *   mailwarden/spf.h          SPF check_host()
 *   mailwarden/ses.h          the Amazon SES v2 client
 *   mailwarden/bounce.h       feedback, SNS checks, the bounce tracker
 *   mailwarden/lists.h        list cleaning and mailing lists
 *   mailwarden/message.h      a received message's SPF, DKIM and DMARC
 *   mailwarden/dkim.h         DKIM signing and key generation
 *   mailwarden/readiness.h    the bulk-sender readiness report
 * The conventions every function follows are in mailwarden/common.h and
 * docs/c-api.md.
 */
#ifndef MAILWARDEN_H
#define MAILWARDEN_H

#include <mailwarden/common.h>
#include <mailwarden/address.h>
#include <mailwarden/sender.h>
#include <mailwarden/dns.h>
#include <mailwarden/domain_auth.h>
#include <mailwarden/spf.h>
#include <mailwarden/ses.h>
#include <mailwarden/bounce.h>
#include <mailwarden/lists.h>
#include <mailwarden/message.h>
#include <mailwarden/dkim.h>
#include <mailwarden/readiness.h>
#include <mailwarden/content.h>

#endif /* MAILWARDEN_H */
