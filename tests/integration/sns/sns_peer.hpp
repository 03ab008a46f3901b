// sns_peer.py over TLS with a throw-away CA (make_test_ca.sh), started once
// per test program and stopped by PID; HttpOptions that reach it for the SNS
// host names through connect_to, verifying its certificate with the test CA.
#pragma once

#include "peers.hpp"

#include "net/http/http_client.hpp"

#include <mailwarden/sns_http.hpp>

#include <boost/json.hpp>

#include <doctest/doctest.h>

#include <string>

namespace sns_test {

class SnsPeer {
public:
    SnsPeer() : dir_(mw_test::make_temp_dir()) {
        mw_test::Process ca({"/bin/bash", std::string(MW_TLS_PEER_DIR) + "/make_test_ca.sh", dir_.string()}, true);
        if (ca.read_line().rfind("test PKI ready", 0) != 0) throw std::runtime_error("make_test_ca.sh failed");
        peer_ = std::make_unique<mw_test::Process>(
            std::vector<std::string>{"/usr/bin/python3", MW_SNS_PEER, "--tls-cert", (dir_ / "sns.crt").string(),
                                     "--tls-key", (dir_ / "sns.key").string(), "--cert-file",
                                     std::string(MW_TEST_DATA_DIR) + "/sns/signing-cert.pem"},
            true);
        const std::string line = peer_->read_line();
        if (line.rfind("PORT ", 0) != 0) throw std::runtime_error("sns_peer.py did not start: '" + line + "'");
        port_ = line.substr(5);
    }
    ~SnsPeer() {
        peer_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    std::string ca_file() const { return (dir_ / "ca.crt").string(); }

    /// Trusts the test CA and sends each of `hosts` (port 443) to the peer.
    mailwarden::http::HttpOptions http(std::initializer_list<const char*> hosts = {"sns.us-east-1.amazonaws.com",
                                                                                  "sns.us-east-2.amazonaws.com"}) const {
        mailwarden::http::HttpOptions o;
        o.ca_file = ca_file();
        for (const char* h : hosts) o.connect_to[std::string(h) + ":443"] = "127.0.0.1:" + port_;
        return o;
    }

    /// The requests the peer saw (path, sni, host), its control requests aside.
    boost::json::array requests() const {
        mailwarden::http::HttpClient control(http());
        const auto r = control.send({"GET", "https://sns.us-east-1.amazonaws.com/_stats", {}, "", {}});
        REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().message));
        return boost::json::parse(r->body).as_array();
    }

    /// How many requests for `path` the peer saw.
    int count(std::string_view path) const {
        int n = 0;
        for (const auto& r : requests())
            if (r.at("path").as_string() == path) ++n;
        return n;
    }

    void open_gate() const {
        mailwarden::http::HttpClient control(http());
        REQUIRE(control.send({"GET", "https://sns.us-east-1.amazonaws.com/_open", {}, "", {}}).has_value());
    }

private:
    std::filesystem::path dir_;
    std::unique_ptr<mw_test::Process> peer_;
    std::string port_;
};

/// One peer per test program, started on first use.
inline SnsPeer& peer() {
    static SnsPeer p;
    return p;
}

}  // namespace sns_test
