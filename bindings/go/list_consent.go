package mailwarden

// #include <mailwarden.h>
import "C"

import "time"

// ConsentFacts are what a consent log entry records about a request: where
// it came from, the client's IP and user agent, the notice shown and its
// version. Empty fields are not recorded; a control character in one makes
// Subscribe refuse the request ("invalid_field").
type ConsentFacts struct {
	Source, IP, UserAgent, NoticeText, NoticeVersion string
}

// toC makes the mw_consent_facts of f, or nil when f is empty; the caller
// frees it with mw_consent_facts_free.
func (f ConsentFacts) toC() (*C.mw_consent_facts, error) {
	if f == (ConsentFacts{}) {
		return nil, nil
	}
	create := func(out **C.mw_consent_facts, e **C.mw_error) C.int { return C.mw_consent_facts_new(out, e) }
	return build(create, freeConsentFacts, func(facts *C.mw_consent_facts, s *setters) error {
		s.nonEmpty(f.Source, "source", func(v *C.char, e **C.mw_error) C.int {
			return C.mw_consent_facts_set_source(facts, v, e)
		})
		s.nonEmpty(f.IP, "IP", func(v *C.char, e **C.mw_error) C.int { return C.mw_consent_facts_set_ip(facts, v, e) })
		s.nonEmpty(f.UserAgent, "user agent", func(v *C.char, e **C.mw_error) C.int {
			return C.mw_consent_facts_set_user_agent(facts, v, e)
		})
		if f.NoticeText != "" || f.NoticeVersion != "" {
			text, version := s.cs.str(f.NoticeText, "notice text"), s.cs.str(f.NoticeVersion, "notice version")
			s.add(func(e **C.mw_error) C.int { return C.mw_consent_facts_set_notice(facts, text, version, e) })
		}
		return nil
	})
}

// arg is toC for a call whose arguments cs makes: the facts are freed with
// them.
func (f ConsentFacts) arg(cs *cStrings) *C.mw_consent_facts {
	return cObject(cs, f.toC, freeConsentFacts)
}

func freeConsentFacts(facts *C.mw_consent_facts) { C.mw_consent_facts_free(facts) }

// ConsentEntry is one entry of a subscriber's consent log.
type ConsentEntry struct {
	At time.Time
	// Action is "subscribe", "import", "confirm", "unsubscribe",
	// "bounced", "complained" or "resubscribe".
	Action                    string
	Source, IP, UserAgent     string
	NoticeText, NoticeVersion string
	// Detail is, for example, how an unsubscribe arrived: "one-click",
	// "mailto", "link", "api".
	Detail string
}

// ConsentLog is a subscriber's consent log, oldest first: the proof of how
// and when consent was given and withdrawn.
type ConsentLog struct {
	Entries []ConsentEntry
	// JSON is the library's JSON array, as mwctl list consent --json
	// writes it.
	JSON string
}

// ownedConsentLog copies and frees an mw_consent_log.
var ownedConsentLog = owned[*C.mw_consent_log, ConsentLog]{
	copy: func(lg *C.mw_consent_log) (ConsentLog, error) {
		js, err := ownedString.take(func(out **C.char, e **C.mw_error) C.int {
			return C.mw_consent_log_to_json(out, lg, e)
		})
		if err != nil {
			return ConsentLog{}, err
		}
		return ConsentLog{
			Entries: cArray(C.mw_consent_log_count(lg), func(i C.size_t) ConsentEntry {
				return consentEntryFromC(C.mw_consent_log_get(lg, i))
			}),
			JSON: js,
		}, nil
	},
	free: func(lg *C.mw_consent_log) { C.mw_consent_log_free(lg) },
}

func consentEntryFromC(e *C.mw_consent_entry) ConsentEntry {
	return ConsentEntry{
		At:            unixOrZero(C.mw_consent_entry_at(e)),
		Action:        C.GoString(C.mw_consent_entry_action(e)),
		Source:        C.GoString(C.mw_consent_entry_source(e)),
		IP:            C.GoString(C.mw_consent_entry_ip(e)),
		UserAgent:     C.GoString(C.mw_consent_entry_user_agent(e)),
		NoticeText:    C.GoString(C.mw_consent_entry_notice_text(e)),
		NoticeVersion: C.GoString(C.mw_consent_entry_notice_version(e)),
		Detail:        C.GoString(C.mw_consent_entry_detail(e)),
	}
}
