// An in-memory dns::Resolver for unit tests: zone data as a map, answers
// like a resolver (NXDOMAIN for unknown names, NODATA for known names without
// the type, CNAMEs followed for other types), and injectable failures.
#pragma once

#include <mailwarden/dns.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace test_support {

class MemoryResolver final : public mailwarden::dns::Resolver {
public:
    using RecordType = mailwarden::dns::RecordType;

    void txt(const std::string& name, std::string text) { zone_[{name, RecordType::txt}].texts.push_back(std::move(text)); }
    /// The deprecated SPF RR type (99).
    void spf_rr(const std::string& name, std::string text) { zone_[{name, RecordType::spf}].texts.push_back(std::move(text)); }
    void cname(const std::string& name, std::string target) { zone_[{name, RecordType::cname}].names = {std::move(target)}; }
    void mx(const std::string& name, std::uint16_t pref, std::string exchange) {
        zone_[{name, RecordType::mx}].mx.push_back({pref, std::move(exchange)});
    }
    void a(const std::string& name, const std::string& ip) {
        zone_[{name, RecordType::a}].addresses.push_back(*mailwarden::dns::IpAddress::parse(ip));
    }
    void aaaa(const std::string& name, const std::string& ip) {
        zone_[{name, RecordType::aaaa}].addresses.push_back(*mailwarden::dns::IpAddress::parse(ip));
    }
    void ptr(const std::string& name, std::string target) { zone_[{name, RecordType::ptr}].names.push_back(std::move(target)); }
    void fail(const std::string& name, RecordType type, mailwarden::dns::Status status) { failures_[{name, type}] = status; }

    /// Every question asked, in order.
    std::vector<std::pair<std::string, RecordType>> asked() const {
        std::lock_guard lock(mutex_);
        return asked_;
    }

    mailwarden::dns::Answer query(std::string_view name_view, RecordType type) override {
        const std::string name(name_view);
        {
            std::lock_guard lock(mutex_);
            asked_.emplace_back(name, type);
        }
        mailwarden::dns::Answer out;
        if (const auto f = failures_.find({name, type}); f != failures_.end()) {
            out.status = f->second;
            return out;
        }
        if (const auto it = zone_.find({name, type}); it != zone_.end()) {
            out = it->second;
            out.status = mailwarden::dns::Status::ok;
            out.ttl = 300;
            return out;
        }
        if (type != RecordType::cname) {
            if (const auto c = zone_.find({name, RecordType::cname}); c != zone_.end()) return query(c->second.names.front(), type);
        }
        const bool name_exists = std::any_of(zone_.begin(), zone_.end(), [&](const auto& e) { return e.first.first == name; });
        out.status = name_exists ? mailwarden::dns::Status::nodata : mailwarden::dns::Status::nxdomain;
        return out;
    }

private:
    std::map<std::pair<std::string, RecordType>, mailwarden::dns::Answer> zone_;
    std::map<std::pair<std::string, RecordType>, mailwarden::dns::Status> failures_;
    mutable std::mutex mutex_;
    std::vector<std::pair<std::string, RecordType>> asked_;
};

}  // namespace test_support
