// check_host() for every case of a gen_spf_policies.py cases.json, through
// make_resolver() to MW_TEST_DNS, printing one JSON object per case
// ({"result", "explanation", "lookups", "void_lookups",
// "problem"}) as a JSON array. The
// default explanation is pyspf's, so explanations compare verbatim.
//
//     spf_driver CASES_JSON
#include <mailwarden/dns.hpp>
#include <mailwarden/spf.hpp>

#include <boost/json.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

using namespace mailwarden;

int main(int argc, char** argv) {
    const char* server = std::getenv("MW_TEST_DNS");
    if (argc != 2 || server == nullptr) {
        std::cerr << "usage: MW_TEST_DNS=HOST:PORT spf_driver CASES_JSON\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto cases = boost::json::parse(text).as_array();

    dns::ResolverOptions ro;
    ro.servers = {server};
    ro.cache = false;  // like pyspf: every query reaches the server
    std::error_code ec;
    const auto resolver = dns::make_resolver(ro, ec);
    if (!resolver) {
        std::cerr << "spf_driver: " << ec.message() << '\n';
        return 1;
    }
    spf::SpfOptions options;
    options.default_explanation = "SPF fail - not authorized";
    options.timestamp = 1700000000;

    boost::json::array out;
    spf::SpfOutcome outcome;
    for (const auto& c : cases) {
        const auto& o = c.as_object();
        spf::SpfRequest request;
        const auto ip = dns::IpAddress::parse(o.at("ip").as_string());
        if (!ip) {
            std::cerr << "spf_driver: bad ip " << o.at("ip") << '\n';
            return 1;
        }
        request.ip = *ip;
        request.sender = std::string(o.at("sender").as_string());
        request.helo = std::string(o.at("helo").as_string());
        spf::check_host(*resolver, request, options, outcome);
        out.push_back(boost::json::object{{"result", spf::to_string(outcome.result)},
                                          {"explanation", outcome.explanation},
                                          {"lookups", outcome.dns_lookups},
                                          {"void_lookups", outcome.void_lookups},
                                          {"problem", outcome.problem}});
    }
    std::cout << boost::json::serialize(out) << '\n';
    return 0;
}
