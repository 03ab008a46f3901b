// The openspf test suites (tests/data/spf/*.json, converted from the YAML
// Debian's python3-spf ships) and an in-memory resolver serving a scenario's
// zone data. The zone semantics are those of the suite's own driver
// (testspf.py in python3-spf), restated:
//  - "SPF" records are also served as TXT unless the name has a TXT entry;
//    "TXT: NONE" means no TXT record at all;
//  - "TIMEOUT" makes any query for a type with no record listed before it
//    time out (a name that is only "TIMEOUT" times out for every type);
//  - a name absent from the zone is NXDOMAIN (names under "error." time out);
//  - CNAMEs are followed as a recursive resolver would; a loop is SERVFAIL.
#pragma once

#include <mailwarden/dns.hpp>

#include <boost/json.hpp>

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace spf_suite {

namespace dns = mailwarden::dns;

inline std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

inline std::string normal_name(std::string_view s) {
    std::string out = lower(s);
    if (!out.empty() && out.back() == '.') out.pop_back();
    return out;
}

struct ZoneRecord {
    std::string type;  // "A", "AAAA", "MX", "PTR", "CNAME", "TXT", "SPF"; "TIMEOUT" for the marker
    std::string text;  // A/AAAA/PTR/CNAME value, TXT/SPF strings joined
    dns::MxRecord mx;
    dns::IpAddress address;
};

class ZoneResolver final : public dns::Resolver {
public:
    ZoneResolver() = default;
    explicit ZoneResolver(const boost::json::object& zonedata) { load(zonedata); }

    void load(const boost::json::object& zonedata) {
        zone_.clear();
        for (const auto& [name, entries] : zonedata) {
            auto& records = zone_[normal_name(name)];
            std::vector<ZoneRecord> generated;
            bool has_txt = false;
            for (const auto& entry : entries.as_array()) {
                if (entry.is_string()) {
                    if (entry.as_string() != "TIMEOUT") throw std::runtime_error("unknown zone entry");
                    records.push_back(ZoneRecord{"TIMEOUT", {}, {}, {}});
                    continue;
                }
                const auto& [type_key, value] = *entry.as_object().begin();
                ZoneRecord r;
                r.type = std::string(type_key);
                if (r.type == "TXT" || r.type == "SPF") {
                    if (value.is_string()) {
                        r.text = std::string(value.as_string());
                    } else {
                        for (const auto& piece : value.as_array()) r.text += std::string(piece.as_string());
                    }
                    if (r.type == "TXT") has_txt = true;
                    const bool none = value.is_string() && value.as_string() == "NONE";
                    if (r.type == "SPF" && !none) generated.push_back(ZoneRecord{"TXT", r.text, {}, {}});
                    if (none) continue;
                } else if (r.type == "MX") {
                    const auto& pair = value.as_array();
                    r.mx.preference = static_cast<std::uint16_t>(pair.at(0).to_number<int>());
                    r.mx.exchange = normal_name(pair.at(1).as_string());
                } else if (r.type == "A" || r.type == "AAAA") {
                    const auto ip = dns::IpAddress::parse(std::string(value.as_string()));
                    if (!ip) throw std::runtime_error("bad address in zone: " + std::string(value.as_string()));
                    r.address = *ip;
                } else {
                    r.text = normal_name(value.as_string());
                }
                records.push_back(std::move(r));
            }
            if (!has_txt)
                for (auto& g : generated) records.push_back(std::move(g));
        }
    }

    dns::Answer query(std::string_view name, dns::RecordType type) override {
        ++queries;
        return lookup(normal_name(name), type, 0);
    }

    std::size_t queries = 0;

private:
    dns::Answer lookup(const std::string& name, dns::RecordType type, int depth) const {
        dns::Answer answer;
        answer.ttl = 300;
        // A name no DNS query can carry.
        std::size_t label = 0;
        for (std::size_t i = 0; i <= name.size(); ++i) {
            if (i < name.size() && name[i] != '.') {
                ++label;
                continue;
            }
            if (label == 0 || label > 63) {
                answer.status = dns::Status::malformed;
                return answer;
            }
            label = 0;
        }
        const auto it = zone_.find(name);
        if (it == zone_.end()) {
            answer.status = name.rfind("error.", 0) == 0 ? dns::Status::timeout : dns::Status::nxdomain;
            return answer;
        }
        const std::string_view wanted = dns::to_string(type);
        const ZoneRecord* cname = nullptr;
        bool seen = false;
        for (const auto& r : it->second) {
            if (r.type == "TIMEOUT") {
                if (!seen) {
                    answer.status = dns::Status::timeout;
                    return answer;
                }
                break;
            }
            if (r.type == "CNAME") cname = &r;
            if (r.type != wanted) continue;
            seen = true;
            switch (type) {
            case dns::RecordType::a:
            case dns::RecordType::aaaa: answer.addresses.push_back(r.address); break;
            case dns::RecordType::mx: answer.mx.push_back(r.mx); break;
            case dns::RecordType::txt: answer.texts.push_back(r.text); break;
            default: answer.names.push_back(r.text); break;
            }
        }
        if (seen) {
            answer.status = dns::Status::ok;
            return answer;
        }
        if (cname != nullptr && type != dns::RecordType::cname) {
            // A recursive resolver gives up on long chains and loops.
            if (depth >= 8) {
                answer.status = dns::Status::servfail;
                return answer;
            }
            return lookup(cname->text, type, depth + 1);
        }
        answer.status = dns::Status::nodata;
        return answer;
    }

    std::map<std::string, std::vector<ZoneRecord>, std::less<>> zone_;
};

struct Test {
    std::string name;
    std::string scenario;
    std::string spec;
    std::string helo;
    std::string host;
    std::string mailfrom;
    std::vector<std::string> results;  // any of them is accepted; the first is preferred
    bool has_explanation = false;
    std::string explanation;
    std::size_t zone = 0;              // index into Suite::zones
};

struct Suite {
    std::vector<boost::json::object> zones;
    std::vector<Test> tests;
};

inline Suite load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const boost::json::value doc = boost::json::parse(buffer.str());
    Suite suite;
    for (const auto& scenario_value : doc.as_array()) {
        const auto& scenario = scenario_value.as_object();
        suite.zones.push_back(scenario.at("zonedata").as_object());
        for (const auto& [name, test_value] : scenario.at("tests").as_object()) {
            const auto& t = test_value.as_object();
            Test test;
            test.name = std::string(name);
            test.scenario = std::string(scenario.at("description").as_string());
            if (const auto* spec = t.if_contains("spec")) test.spec = spec->is_string() ? std::string(spec->as_string()) : boost::json::serialize(*spec);
            test.helo = std::string(t.at("helo").as_string());
            test.host = std::string(t.at("host").as_string());
            test.mailfrom = std::string(t.at("mailfrom").as_string());
            const auto& result = t.at("result");
            if (result.is_string()) test.results.emplace_back(result.as_string());
            else
                for (const auto& r : result.as_array()) test.results.emplace_back(r.as_string());
            if (const auto* exp = t.if_contains("explanation")) {
                test.has_explanation = true;
                test.explanation = std::string(exp->as_string());
            }
            test.zone = suite.zones.size() - 1;
            suite.tests.push_back(std::move(test));
        }
    }
    return suite;
}

}  // namespace spf_suite
