// HttpCertificateSource: the URL policy, one GET per URL at a time, the
// answer checked to be one certificate, and a bounded LRU cache by URL.
#include <mailwarden/sns_http.hpp>

#include "https_get.hpp"
#include "intake_readers.hpp"

#include <future>
#include <list>
#include <map>
#include <mutex>

namespace mailwarden::sns {

using Fetched = Result<std::string, Error>;

struct HttpCertificateSource::State {
    explicit State(const HttpCertificateOptions& o)
        : options(o), client(sns_detail::limited(o.http, o.max_certificate_bytes)) {}

    HttpCertificateOptions options;
    http::HttpClient client;

    std::mutex mutex;
    std::list<std::pair<std::string, std::string>> lru;  // (url, pem), most recently used first
    std::map<std::string, decltype(lru)::iterator, std::less<>> by_url;
    std::map<std::string, std::shared_future<Fetched>, std::less<>> in_flight;
    CertificateSourceStats stats;

    // Under the lock: the cached PEM, moved to the front.
    std::optional<std::string> cached(std::string_view url) {
        const auto it = by_url.find(url);
        if (it == by_url.end()) return std::nullopt;
        lru.splice(lru.begin(), lru, it->second);
        return it->second->second;
    }

    // Under the lock.
    void keep(const std::string& url, const std::string& pem) {
        if (by_url.contains(url)) return;
        lru.emplace_front(url, pem);
        by_url.emplace(url, lru.begin());
        while (lru.size() > std::max<std::size_t>(options.cache_capacity, 1)) {
            by_url.erase(lru.back().first);
            lru.pop_back();
        }
    }

    Fetched fetch(std::string_view url) {
        auto body = sns_detail::https_get(client, url, "SigningCertURL " + std::string(url));
        if (!body) return body;
        return sns_detail::single_certificate_pem(*body);
    }
};

HttpCertificateSource::HttpCertificateSource(HttpCertificateOptions options)
    : state_(std::make_unique<State>(options)) {}

HttpCertificateSource::~HttpCertificateSource() = default;

Result<std::string, Error> HttpCertificateSource::certificate_pem(std::string_view url) {
    if (auto allowed = check_signing_cert_url(url); !allowed) return unexpected(std::move(allowed).error());
    std::promise<Fetched> mine;
    {
        std::unique_lock lock(state_->mutex);
        if (auto pem = state_->cached(url)) {
            ++state_->stats.cache_hits;
            return std::move(*pem);
        }
        if (const auto other = state_->in_flight.find(url); other != state_->in_flight.end()) {
            ++state_->stats.coalesced;
            auto waiting = other->second;
            lock.unlock();
            return waiting.get();
        }
        state_->in_flight.emplace(std::string(url), mine.get_future().share());
        ++state_->stats.fetches;
    }
    Fetched result = state_->fetch(url);
    {
        const std::lock_guard lock(state_->mutex);
        if (result) state_->keep(std::string(url), *result);
        state_->in_flight.erase(state_->in_flight.find(url));
    }
    mine.set_value(result);
    return result;
}

CertificateSourceStats HttpCertificateSource::stats() const {
    const std::lock_guard lock(state_->mutex);
    return state_->stats;
}

}  // namespace mailwarden::sns
