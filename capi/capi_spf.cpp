// SPF check_host() through the C ABI.
#include "capi_dns.hpp"

#include <mailwarden/spf.hpp>

#include <boost/json.hpp>

#include <memory>
#include <string>

struct mw_spf_outcome {
    mailwarden::spf::SpfOutcome outcome;
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;
using mailwarden::capi::return_string;
using mailwarden::capi::with_handle;

}  // namespace

extern "C" {

const char* mw_spf_result_name(int result) {
    if (result < MW_SPF_NONE || result > MW_SPF_PERMERROR) return nullptr;
    return mailwarden::spf::to_string(static_cast<mailwarden::spf::Result>(result)).data();
}

int mw_spf_check(mw_spf_outcome** out, mw_resolver* resolver, const char* ip, const char* sender, const char* helo,
                 mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (ip == nullptr) return fail_null(err, "ip");
    return with_handle(resolver, "resolver", err, [&](mw_resolver& res) -> int {
        const auto address = mailwarden::dns::IpAddress::parse(ip);
        if (!address) return fail(err, MW_EINVAL, std::string("not an IPv4 or IPv6 address: ") + ip);
        mailwarden::spf::SpfRequest request;
        request.ip = *address;
        if (sender != nullptr) request.sender = sender;
        if (helo != nullptr) request.helo = helo;
        auto outcome = std::make_unique<mw_spf_outcome>();
        mailwarden::spf::check_host(*res.resolver, request, {}, outcome->outcome);
        *out = outcome.release();
        return MW_OK;
    });
}

void mw_spf_outcome_free(mw_spf_outcome* outcome) { delete outcome; }

int mw_spf_outcome_result(const mw_spf_outcome* o) { return o != nullptr ? static_cast<int>(o->outcome.result) : -1; }
const char* mw_spf_outcome_domain(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.domain.c_str() : ""; }
const char* mw_spf_outcome_explanation(const mw_spf_outcome* o) {
    return o != nullptr ? o->outcome.explanation.c_str() : "";
}
const char* mw_spf_outcome_matched(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.matched_term.c_str() : ""; }
const char* mw_spf_outcome_problem(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.problem.c_str() : ""; }
unsigned mw_spf_outcome_lookups(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.dns_lookups : 0; }
unsigned mw_spf_outcome_void_lookups(const mw_spf_outcome* o) { return o != nullptr ? o->outcome.void_lookups : 0; }

int mw_spf_outcome_to_json(char** out, const mw_spf_outcome* outcome, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    if (outcome == nullptr) return fail_null(err, "outcome");
    return guarded(err, [&]() -> int {
        const auto& o = outcome->outcome;
        return return_string(out,
                        boost::json::serialize(boost::json::object{{"result", mailwarden::spf::to_string(o.result)},
                                                                   {"domain", o.domain},
                                                                   {"explanation", o.explanation},
                                                                   {"matched", o.matched_term},
                                                                   {"matched_domain", o.matched_domain},
                                                                   {"problem", o.problem},
                                                                   {"lookups", o.dns_lookups},
                                                                   {"void_lookups", o.void_lookups}}),
                        err);
    });
}

}  // extern "C"
