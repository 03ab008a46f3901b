package mailwarden

// #include <mailwarden.h>
import "C"

// MailDomainStatus is what a domain's DNS says about receiving mail
// (RFC 5321 5.1, RFC 7505).
type MailDomainStatus int

// Mail domain statuses (MW_MAIL_DOMAIN_*).
const (
	// MailDomainNotChecked: no lookup (no resolver, or the address is invalid).
	MailDomainNotChecked MailDomainStatus = C.MW_MAIL_DOMAIN_NOT_CHECKED
	// MailDomainAcceptsMail: at least one MX that is not a null MX.
	MailDomainAcceptsMail MailDomainStatus = C.MW_MAIL_DOMAIN_ACCEPTS_MAIL
	// MailDomainImplicitMX: no MX, but an A or AAAA record.
	MailDomainImplicitMX MailDomainStatus = C.MW_MAIL_DOMAIN_IMPLICIT_MX
	// MailDomainNullMX: MX 0 "." — the domain accepts no mail.
	MailDomainNullMX MailDomainStatus = C.MW_MAIL_DOMAIN_NULL_MX
	// MailDomainNoMail: NXDOMAIN, or neither MX nor A/AAAA.
	MailDomainNoMail MailDomainStatus = C.MW_MAIL_DOMAIN_NO_MAIL
	// MailDomainUnknown: a temporary failure after the resolver's retries.
	MailDomainUnknown MailDomainStatus = C.MW_MAIL_DOMAIN_UNKNOWN
)

// String returns the library's name ("not_checked", "accepts_mail",
// "implicit_mx", "null_mx", "no_mail_domain", "unknown").
func (s MailDomainStatus) String() string {
	return nameOr(C.mw_mail_domain_status_name(C.int(s)), "MailDomainStatus", int(s))
}

// CleanVerdict is one row's verdict, copied out of the library.
type CleanVerdict struct {
	// Row is the data row, from 1 (a CSV header is not counted); Line the
	// input line it starts on, from 1.
	Row, Line int
	// Input is the address field as read; Address the normalized address
	// (domain in A-labels, lower case), "" when unreadable.
	Input, Address string
	// Verdict is valid, risky or invalid.
	Verdict Verdict
	// Reasons are the reason ids in the order found: the address check's
	// ([Reason.String]) for syntax, "role", "noreply", "special_use",
	// "disposable", "free_provider", "no_mail_domain", "null_mx",
	// "implicit_mx", "dns_unknown", "suppressed", "duplicate",
	// "typo_suggestion", "malformed_row".
	Reasons []string
	// DuplicateOf is the row of the first occurrence of the same address;
	// 0 when the row is not a duplicate.
	DuplicateOf int
	// Suggestion is, with "typo_suggestion", the address perhaps meant
	// (never applied); else "".
	Suggestion string
	// DomainStatus is what DNS said about the domain.
	DomainStatus MailDomainStatus
	// JSON is the library's one-line JSON form, as mwctl list clean --json
	// writes it.
	JSON string
}

// HasReason reports whether id is among the verdict's reasons.
func (v CleanVerdict) HasReason(id string) bool {
	for _, r := range v.Reasons {
		if r == id {
			return true
		}
	}
	return false
}

// CleanStats are the counts of a cleaning run.
type CleanStats struct {
	Rows, Valid, Risky, Invalid, Duplicates uint64
	// Domains is how many distinct domains were seen, DomainsResolved how
	// many of them DNS has answered so far.
	Domains, DomainsResolved uint64
}

// cleanVerdictFromC copies a borrowed verdict.
func cleanVerdictFromC(v *C.mw_clean_verdict) CleanVerdict {
	js, _ := ownedString.take(func(out **C.char, e **C.mw_error) C.int { return C.mw_clean_verdict_to_json(out, v, e) })
	reasons := cArray(C.mw_clean_verdict_reason_count(v), func(i C.size_t) string {
		return C.GoString(C.mw_clean_verdict_reason(v, i))
	})
	return CleanVerdict{
		Row:          int(C.mw_clean_verdict_row(v)),
		Line:         int(C.mw_clean_verdict_line(v)),
		Input:        C.GoString(C.mw_clean_verdict_input(v)),
		Address:      C.GoString(C.mw_clean_verdict_address(v)),
		Verdict:      Verdict(C.mw_clean_verdict_verdict(v)),
		Reasons:      reasons,
		DuplicateOf:  int(C.mw_clean_verdict_duplicate_of(v)),
		Suggestion:   C.GoString(C.mw_clean_verdict_suggestion(v)),
		DomainStatus: MailDomainStatus(C.mw_clean_verdict_domain_status(v)),
		JSON:         js,
	}
}

func cleanStatsFromC(s *C.mw_clean_stats) CleanStats {
	return CleanStats{
		Rows:            uint64(C.mw_clean_stats_rows(s)),
		Valid:           uint64(C.mw_clean_stats_valid(s)),
		Risky:           uint64(C.mw_clean_stats_risky(s)),
		Invalid:         uint64(C.mw_clean_stats_invalid(s)),
		Duplicates:      uint64(C.mw_clean_stats_duplicates(s)),
		Domains:         uint64(C.mw_clean_stats_domains(s)),
		DomainsResolved: uint64(C.mw_clean_stats_domains_resolved(s)),
	}
}

// ownedCleanStats copies and frees an mw_clean_stats.
var ownedCleanStats = ownedAs(cleanStatsFromC, func(s *C.mw_clean_stats) { C.mw_clean_stats_free(s) })
