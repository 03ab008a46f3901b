// The DNS resolver through the C ABI.
#include "capi_dns.hpp"

#include <memory>
#include <string>

struct mw_resolver_options {
    mailwarden::dns::ResolverOptions options;
};

namespace {

using mailwarden::capi::fail;
using mailwarden::capi::fail_null;
using mailwarden::capi::guarded;

}  // namespace

extern "C" {

int mw_resolver_options_new(mw_resolver_options** out, mw_error** err) { return mailwarden::capi::new_options(out, err); }

void mw_resolver_options_free(mw_resolver_options* options) { delete options; }

int mw_resolver_options_add_server(mw_resolver_options* options, const char* server, mw_error** err) {
    if (options == nullptr) return fail_null(err, "options");
    if (server == nullptr) return fail_null(err, "server");
    return guarded(err, [&]() -> int {
        options->options.servers.emplace_back(server);
        return MW_OK;
    });
}

int mw_resolver_options_set_timeout_ms(mw_resolver_options* options, int64_t timeout_ms, mw_error** err) {
    if (options == nullptr) return fail_null(err, "options");
    if (timeout_ms < 1) return fail(err, MW_EINVAL, "timeout_ms must be at least 1");
    options->options.timeout = std::chrono::milliseconds(timeout_ms);
    return MW_OK;
}

int mw_resolver_options_set_tries(mw_resolver_options* options, int tries, mw_error** err) {
    if (options == nullptr) return fail_null(err, "options");
    if (tries < 1) return fail(err, MW_EINVAL, "tries must be at least 1");
    options->options.tries = tries;
    return MW_OK;
}

int mw_resolver_options_set_cache(mw_resolver_options* options, int enable, mw_error** err) {
    if (options == nullptr) return fail_null(err, "options");
    options->options.cache = enable != 0;
    return MW_OK;
}

int mw_resolver_open(mw_resolver** out, const mw_resolver_options* options, mw_error** err) {
    if (out == nullptr) return fail_null(err, "out");
    return guarded(err, [&]() -> int {
        static const mailwarden::dns::ResolverOptions defaults;
        const auto& o = options != nullptr ? options->options : defaults;
        std::error_code ec;
        auto resolver = mailwarden::dns::make_resolver(o, ec);
        if (ec || !resolver) {
            std::string context = "cannot open the resolver (servers:";
            for (const auto& s : o.servers) context += " '" + s + "'";
            if (o.servers.empty()) context += " the system's";
            const auto code = ec ? ec : mailwarden::make_error_code(mailwarden::errc::internal);
            return fail(err, mailwarden::Error(code, context + "): " + code.message()));
        }
        auto handle = std::make_unique<mw_resolver>();
        handle->resolver = std::move(resolver);
        *out = mw_resolver::publish(handle.release());
        return MW_OK;
    });
}

void mw_resolver_free(mw_resolver* resolver) { mw_resolver::close(resolver); }

}  // extern "C"
