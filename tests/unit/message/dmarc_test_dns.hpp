// An in-memory DNS for the DMARC tests: TXT records by name, names that
// fail, names that exist, and a log of the TXT questions asked.
#pragma once

#include "message/dmarc/dmarc_evaluate.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace mailwarden::message_detail::test {

struct DmarcDns {
    std::map<std::string, std::vector<std::string>> txt;  ///< "_dmarc.example.com" -> records
    std::set<std::string> failing;                        ///< names answered with SERVFAIL
    std::set<std::string> existing;                       ///< names with an A record; others are NXDOMAIN
    std::vector<std::string> asked;

    void dmarc(const std::string& domain, const std::string& record) { txt["_dmarc." + domain].push_back(record); }

    TxtLookup lookup() {
        return [this](const std::string& name) {
            asked.push_back(name);
            dns::Answer a;
            if (failing.count(name) != 0) return a;  // servfail
            const auto it = txt.find(name);
            a.status = it == txt.end() ? dns::Status::nxdomain : dns::Status::ok;
            if (it != txt.end()) a.texts = it->second;
            return a;
        };
    }

    DomainLookup exists() {
        return [this](const std::string& name, dns::RecordType type) {
            dns::Answer a;
            if (failing.count(name) != 0) return a;
            const bool there = existing.count(name) != 0;
            a.status = !there ? dns::Status::nxdomain : type == dns::RecordType::a ? dns::Status::ok : dns::Status::nodata;
            return a;
        };
    }
};

}  // namespace mailwarden::message_detail::test
