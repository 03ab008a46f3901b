package mailwarden

// #include <mailwarden.h>
import "C"

// ContentPolicy is what a registry's sends of one account do with a
// message the content checks judge ([RegistryConfig.ContentPolicies]). The
// zero value checks with the default options, sends a message that needs
// review and refuses a blocked one.
type ContentPolicy struct {
	// Options are the checks' options, as [CheckContent] takes them; the
	// registry copies them when it opens.
	Options ContentOptions
	// RefuseReview refuses a message that needs review (default: sent).
	RefuseReview bool
	// SendBlocked sends a blocked message anyway (default: refused).
	SendBlocked bool
}

// setContentPolicies hands the registry options each account's policy
// ("*": every account without its own). A refused send fails with
// ErrPolicy, naming the verdict and the findings.
func setContentPolicies(opts *C.mw_registry_options, policies map[string]ContentPolicy) error {
	for account, policy := range policies {
		if err := setContentPolicy(opts, account, policy); err != nil {
			return err
		}
	}
	return nil
}

func setContentPolicy(opts *C.mw_registry_options, account string, policy ContentPolicy) error {
	var cs cStrings
	defer cs.free()
	name := cs.str(account, "content policy account")
	content := cObject(&cs, policy.Options.toC, freeContentOptions)
	if cs.err != nil {
		return cs.err
	}
	onReview, onBlock := C.int(C.MW_CONTENT_SEND), C.int(C.MW_CONTENT_REFUSE)
	if policy.RefuseReview {
		onReview = C.MW_CONTENT_REFUSE
	}
	if policy.SendBlocked {
		onBlock = C.MW_CONTENT_SEND
	}
	return cCall(func(e **C.mw_error) C.int {
		return C.mw_registry_options_set_content_policy(opts, name, content, onReview, onBlock, e)
	})
}
