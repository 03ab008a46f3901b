package mailwarden

// #include <mailwarden.h>
import "C"

import (
	"math"
	"strconv"
	"time"
)

// BlocklistKind is how a [Blocklist] is queried.
type BlocklistKind int

const (
	// BlocklistDomain looks the link's host and its registrable domain up
	// as <domain>.<zone> (the zero value).
	BlocklistDomain BlocklistKind = C.MW_BLOCKLIST_DOMAIN
	// BlocklistIP looks literal IPs and the hosts' addresses up as
	// <reversed address>.<zone>.
	BlocklistIP BlocklistKind = C.MW_BLOCKLIST_IP
)

// String returns "domain" or "ip".
func (k BlocklistKind) String() string {
	switch k {
	case BlocklistDomain:
		return "domain"
	case BlocklistIP:
		return "ip"
	}
	return "BlocklistKind(" + strconv.Itoa(int(k)) + ")"
}

// ListingSeverity is what a link listed on a [Blocklist] asks for. The zero
// value blocks, as in C++: a list whose listings should change nothing is
// configured so on purpose.
type ListingSeverity int

const (
	ListingBlock  ListingSeverity = iota // a refusal (the default)
	ListingReview                        // a person's look
	ListingInfo                          // worth knowing, nothing more
)

// contentSeverity is the library's severity for s; -1 for another value,
// which the library refuses.
func (s ListingSeverity) contentSeverity() C.int {
	switch s {
	case ListingBlock:
		return C.MW_CONTENT_SEVERITY_BLOCK
	case ListingReview:
		return C.MW_CONTENT_SEVERITY_REVIEW
	case ListingInfo:
		return C.MW_CONTENT_SEVERITY_INFO
	}
	return -1
}

// Blocklist is one DNS blocklist. None is built in: which lists a platform
// may query, and under what terms, is its configuration.
type Blocklist struct {
	// Name is how findings and links name the list; Zone where it is
	// queried ("dbl.example.net").
	Name, Zone string
	Kind       BlocklistKind
	// Severity is that of a listed link; the zero value blocks.
	Severity ListingSeverity
	// Codes say what an answer address means: "127.0.1.2" -> "spam
	// domain". Another 127.0.0.0/8 answer still counts as listed.
	Codes map[string]string
	// Refusals are answers meaning "refused / over limit": the link's
	// status there is unknown, never listed (127.255.255.0/24 always is).
	Refusals []string
}

// SpamdServer is the platform's SpamAssassin daemon, asked as spamc does.
type SpamdServer struct {
	Host string
	Port uint16
	// Timeout is per connect, read and write; 0: 10 seconds.
	Timeout time.Duration
	// ReviewAt is the score at which a message needs review (0: 5),
	// BlockAt the score at which it is blocked (0: 10).
	ReviewAt, BlockAt float64
}

// ContentOptions are the options of [CheckContent]; the zero value gives
// the library's defaults.
type ContentOptions struct {
	// Resolver asks the blocklists; nil: links are found and judged, not
	// looked up.
	Resolver   *Resolver
	Blocklists []Blocklist
	// Spamd gives the spam score; nil: none.
	Spamd *SpamdServer
	// Shorteners replace the library's list of URL-shortener domains;
	// empty: the library's.
	Shorteners []string
	// MaxMessageBytes: larger messages get "message.oversized" (0: 10
	// MiB); MaxLinks are looked up per message, the rest counted (0: 500);
	// MaxConcurrentLookups are in flight at once (0: 16).
	MaxMessageBytes, MaxLinks, MaxConcurrentLookups int
}

// timeoutMillis is t in whole milliseconds for the C call (0: 10 s).
func (s SpamdServer) timeoutMillis() (C.uint32_t, error) {
	if s.Timeout == 0 {
		return 10000, nil
	}
	ms := s.Timeout / time.Millisecond
	if s.Timeout < 0 || ms < 1 || ms > math.MaxUint32 {
		return 0, newError(StatusInvalidArgument, "the spamd Timeout must be from 1 ms to 2^32-1 ms")
	}
	return C.uint32_t(ms), nil
}

// orDefault is v, or def for 0.
func orDefault(v, def float64) float64 {
	if v == 0 {
		return def
	}
	return v
}

// toC makes the mw_content_options of opts; the caller frees them.
func (opts ContentOptions) toC() (*C.mw_content_options, error) {
	if opts.MaxMessageBytes < 0 || opts.MaxLinks < 0 || opts.MaxConcurrentLookups < 0 {
		return nil, newError(StatusInvalidArgument, "MaxMessageBytes, MaxLinks and MaxConcurrentLookups must not be negative")
	}
	create := func(out **C.mw_content_options, e **C.mw_error) C.int { return C.mw_content_options_new(out, e) }
	return build(create, freeContentOptions, func(o *C.mw_content_options, s *setters) error {
		if opts.Resolver != nil {
			setHandle(s, opts.Resolver.use, func(r *C.mw_resolver, e **C.mw_error) C.int {
				return C.mw_content_options_set_resolver(o, r, e)
			})
		}
		for _, bl := range opts.Blocklists {
			addBlocklist(o, s, bl)
		}
		if opts.Spamd != nil {
			if err := setSpamd(o, s, *opts.Spamd); err != nil {
				return err
			}
		}
		s.each(opts.Shorteners, "shortener", func(v *C.char, e **C.mw_error) C.int {
			return C.mw_content_options_add_shortener(o, v, e)
		})
		limits := []struct {
			v   int
			set func(*C.mw_content_options, C.size_t, **C.mw_error) C.int
		}{
			{opts.MaxMessageBytes, func(o *C.mw_content_options, n C.size_t, e **C.mw_error) C.int {
				return C.mw_content_options_set_max_message_bytes(o, n, e)
			}},
			{opts.MaxLinks, func(o *C.mw_content_options, n C.size_t, e **C.mw_error) C.int {
				return C.mw_content_options_set_max_links(o, n, e)
			}},
			{opts.MaxConcurrentLookups, func(o *C.mw_content_options, n C.size_t, e **C.mw_error) C.int {
				return C.mw_content_options_set_max_concurrent_lookups(o, n, e)
			}},
		}
		for _, l := range limits {
			if l.v != 0 {
				n, set := C.size_t(l.v), l.set
				s.add(func(e **C.mw_error) C.int { return set(o, n, e) })
			}
		}
		return nil
	})
}

// addBlocklist queues the calls that add bl: the list, its codes and its
// refusals.
func addBlocklist(o *C.mw_content_options, s *setters, bl Blocklist) {
	name, zone := s.cs.str(bl.Name, "blocklist name"), s.cs.str(bl.Zone, "blocklist zone")
	kind, severity := C.int(bl.Kind), bl.Severity.contentSeverity()
	s.add(func(e **C.mw_error) C.int {
		return C.mw_content_options_add_blocklist(o, name, zone, kind, severity, e)
	})
	for address, reason := range bl.Codes {
		a, r := s.cs.str(address, "blocklist code"), s.cs.str(reason, "blocklist reason")
		s.add(func(e **C.mw_error) C.int { return C.mw_content_options_add_blocklist_code(o, name, a, r, e) })
	}
	s.each(bl.Refusals, "blocklist refusal", func(a *C.char, e **C.mw_error) C.int {
		return C.mw_content_options_add_blocklist_refusal(o, name, a, e)
	})
}

// setSpamd queues the call that sets the spamd, with the defaults for the
// zero values.
func setSpamd(o *C.mw_content_options, s *setters, sp SpamdServer) error {
	ms, err := sp.timeoutMillis()
	if err != nil {
		return err
	}
	host, port := s.cs.str(sp.Host, "spamd host"), C.uint16_t(sp.Port)
	review, block := C.double(orDefault(sp.ReviewAt, 5)), C.double(orDefault(sp.BlockAt, 10))
	s.add(func(e **C.mw_error) C.int {
		return C.mw_content_options_set_spamd(o, host, port, ms, review, block, e)
	})
	return nil
}

func freeContentOptions(o *C.mw_content_options) { C.mw_content_options_free(o) }
