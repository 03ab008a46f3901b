package mailwarden

// #include <mailwarden.h>
import "C"

// ContentVerdict is a [ContentReport]'s verdict: its worst finding's
// severity.
type ContentVerdict int

const (
	ContentPass   ContentVerdict = C.MW_CONTENT_PASS
	ContentReview ContentVerdict = C.MW_CONTENT_REVIEW // a person should look before it goes out
	ContentBlock  ContentVerdict = C.MW_CONTENT_BLOCK
)

// String returns the library's name: "pass", "review" or "block".
func (v ContentVerdict) String() string {
	return nameOr(C.mw_content_verdict_name(C.int(v)), "ContentVerdict", int(v))
}

// ContentSeverity is what one [ContentFinding] asks for.
type ContentSeverity int

const (
	ContentSeverityInfo   ContentSeverity = C.MW_CONTENT_SEVERITY_INFO   // nothing: worth knowing
	ContentSeverityReview ContentSeverity = C.MW_CONTENT_SEVERITY_REVIEW // a person's look
	ContentSeverityBlock  ContentSeverity = C.MW_CONTENT_SEVERITY_BLOCK  // a refusal
)

// String returns the library's name: "info", "review" or "block".
func (s ContentSeverity) String() string {
	return nameOr(C.mw_content_severity_name(C.int(s)), "ContentSeverity", int(s))
}

// ContentFinding is one finding of a content check.
type ContentFinding struct {
	// ID is stable: "link.listed", "html.only", "attachment.executable"
	// ... (docs/content-checks.md).
	ID       string
	Severity ContentSeverity
	// Evidence is what was seen, for people.
	Evidence string
}

// LinkCheck is a link found in the message and what the blocklists say of
// it.
type LinkCheck struct {
	// URL is normalized: scheme and host in lower case, hxxp undone, the
	// host percent-decoded.
	URL string
	// Domain is the host (A-labels), "" for an IP literal; IP the literal
	// IP, or "".
	Domain, IP string
	// Source is "href", "src", "action" (a form) or "text" (a bare URL).
	Source string
	// Obfuscated: hxxp, [.], a percent-encoded or mixed-script host.
	Obfuscated, Shortener bool
	// ListedOn are the lists that list it, with the reason: "dbl: spam
	// domain". UnknownOn are the lists that refused or failed: nothing can
	// be said there.
	ListedOn, UnknownOn []string
}

// SpamScore is spamd's answer: the score, its own required score and the
// rules that hit.
type SpamScore struct {
	Score, Threshold float64
	Rules            []string
}

// SanitizedHTML is HTML made safe, and the plain-text alternative made
// from it.
type SanitizedHTML struct {
	HTML, Text string
}

// ContentReport is a content check's outcome.
type ContentReport struct {
	Verdict  ContentVerdict
	Findings []ContentFinding
	Links    []LinkCheck
	// Spam is nil unless spamd was asked and answered.
	Spam *SpamScore
	// Sanitized is the first HTML part made safe, with its text
	// alternative; nil for a message without HTML. It is never sent in
	// place of the original: the caller decides.
	Sanitized *SanitizedHTML
	// JSON is the object "mwctl message content --json" prints.
	JSON string
}

// HasFinding reports whether a finding of that id is there.
func (r ContentReport) HasFinding(id string) bool {
	for _, f := range r.Findings {
		if f.ID == id {
			return true
		}
	}
	return false
}

// CheckContent checks a message before it is sent (RFC 5322, CRLF or LF;
// NUL bytes allowed): its links against the blocklists, its HTML made
// safe, spamd's score, and structural red flags. It blocks for the DNS
// lookups and spamd, whose failures are findings ("dnsbl.unknown",
// "spamd.unavailable"), not errors. Errors match ErrInvalidArgument (an
// empty message, a blocklist without a name or zone, two of one name, an
// unknown kind or severity, a code or refusal outside 127.0.0.0/8, a spamd
// without a host or port, a Timeout under 1 ms, BlockAt below ReviewAt, an
// empty shortener, a negative limit, a NUL byte in a string, a closed
// resolver).
func CheckContent(message []byte, opts ContentOptions) (ContentReport, error) {
	var cs cStrings
	defer cs.free()
	o := cObject(&cs, opts.toC, freeContentOptions)
	if cs.err != nil {
		return ContentReport{}, cs.err
	}
	return ownedContentReport.take(func(out **C.mw_content_report, e **C.mw_error) C.int {
		return C.mw_content_check(out, bytesData(message), C.size_t(len(message)), o, e)
	})
}

// SanitizeHTML makes html (any document or fragment) safe: an allow-list
// of elements and attributes; scripts, event handlers, javascript: URLs,
// forms and remote fonts removed; with its plain-text alternative. Errors
// match ErrRange (over 16 MiB).
func SanitizeHTML(html []byte) (SanitizedHTML, error) {
	var safe, text *C.char
	err := cCall(func(e **C.mw_error) C.int {
		return C.mw_sanitize_html(&safe, &text, bytesData(html), C.size_t(len(html)), e)
	})
	if err != nil {
		return SanitizedHTML{}, err
	}
	defer C.mw_string_free(safe)
	defer C.mw_string_free(text)
	return SanitizedHTML{HTML: C.GoString(safe), Text: C.GoString(text)}, nil
}

func linkCheckFromC(l *C.mw_content_link) LinkCheck {
	return LinkCheck{
		URL:        C.GoString(C.mw_content_link_url(l)),
		Domain:     C.GoString(C.mw_content_link_domain(l)),
		IP:         C.GoString(C.mw_content_link_ip(l)),
		Source:     C.GoString(C.mw_content_link_source(l)),
		Obfuscated: C.mw_content_link_obfuscated(l) != 0,
		Shortener:  C.mw_content_link_shortener(l) != 0,
		ListedOn: cArray(C.mw_content_link_listed_count(l), func(i C.size_t) string {
			return C.GoString(C.mw_content_link_listed_get(l, i))
		}),
		UnknownOn: cArray(C.mw_content_link_unknown_count(l), func(i C.size_t) string {
			return C.GoString(C.mw_content_link_unknown_get(l, i))
		}),
	}
}

var ownedContentReport = owned[*C.mw_content_report, ContentReport]{copy: func(r *C.mw_content_report) (ContentReport, error) {
	js, err := ownedString.take(func(out **C.char, e **C.mw_error) C.int { return C.mw_content_report_to_json(out, r, e) })
	if err != nil {
		return ContentReport{}, err
	}
	var spam *SpamScore
	if C.mw_content_report_has_spam_score(r) != 0 {
		spam = &SpamScore{
			Score:     float64(C.mw_content_report_spam_score(r)),
			Threshold: float64(C.mw_content_report_spam_threshold(r)),
			Rules: cArray(C.mw_content_report_spam_rule_count(r), func(i C.size_t) string {
				return C.GoString(C.mw_content_report_spam_rule(r, i))
			}),
		}
	}
	var sanitized *SanitizedHTML
	if html := C.mw_content_report_sanitized_html(r); html != nil {
		sanitized = &SanitizedHTML{HTML: C.GoString(html), Text: C.GoString(C.mw_content_report_text_alternative(r))}
	}
	return ContentReport{
		Verdict: ContentVerdict(C.mw_content_report_verdict(r)),
		Findings: cArray(C.mw_content_report_finding_count(r), func(i C.size_t) ContentFinding {
			return ContentFinding{
				ID:       C.GoString(C.mw_content_report_finding_id(r, i)),
				Severity: ContentSeverity(C.mw_content_report_finding_severity(r, i)),
				Evidence: C.GoString(C.mw_content_report_finding_evidence(r, i)),
			}
		}),
		Links: cArray(C.mw_content_report_link_count(r), func(i C.size_t) LinkCheck {
			return linkCheckFromC(C.mw_content_report_link_get(r, i))
		}),
		Spam:      spam,
		Sanitized: sanitized,
		JSON:      js,
	}, nil
}, free: func(r *C.mw_content_report) { C.mw_content_report_free(r) }}
