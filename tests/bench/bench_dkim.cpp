// DKIM verifications per second on one core: a ~5 KB message with one
// rsa-sha256 (RSA-2048, relaxed/relaxed) signature, the key record answered
// from memory as from a warm DNS cache; next to OpenSSL's own RSA-2048
// verify rate, the ceiling; and signatures per second by DkimSigner (its
// defaults: relaxed/relaxed, twelve names over-signed) on the same message.
// Writes the message and the key record to DIR so that peers_dkimpy.py
// verifies the same bytes.
//   bench_dkim DIR [--seconds S]
// run_dkim_bench.sh runs both.
#include <mailwarden/dkim_sign.hpp>

#include "message/dkim/crypto_verify.hpp"
#include "message/sign/signing_key.hpp"
#include "message/dkim/verifier.hpp"

#include "unit/message/dkim_test_signer.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

namespace md = mailwarden::message_detail;

namespace {

std::string make_message() {
    std::string m =
        "From: Alice Example <alice@example.com>\r\n"
        "To: Bob <bob@example.net>\r\n"
        "Subject: The quarterly figures, as promised\r\n"
        "Date: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
        "Message-ID: <20261201100000.4711@example.com>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "List-Unsubscribe: <https://example.com/u/abc>\r\n"
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
        "\r\n";
    while (m.size() < 5000) m += "Lorem ipsum dolor sit amet,  consectetur adipiscing elit, sed do eiusmod\t tempor.\r\n";
    return m;
}

template <class F>
double per_second(double seconds, F&& f) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t n = 0;
    double elapsed = 0;
    do {
        for (int i = 0; i < 100; ++i) f();
        n += 100;
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < seconds);
    return static_cast<double>(n) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_dkim DIR [--seconds S]\n");
        return 2;
    }
    const std::string dir = argv[1];
    const double seconds = argc > 3 && std::strcmp(argv[2], "--seconds") == 0 ? std::atof(argv[3]) : 2.0;

    const auto key = dkim_test::rsa_key(2048);
    dkim_test::SignRequest request;
    request.key = key.get();
    request.headers = "From:To:Subject:Date:Message-ID:MIME-Version:Content-Type:List-Unsubscribe:List-Unsubscribe-Post";
    const std::string message = dkim_test::sign(make_message(), request);
    const std::string record = dkim_test::key_record(key.get());
    std::ofstream(dir + "/message.eml", std::ios::binary) << message;
    std::ofstream(dir + "/key.txt", std::ios::binary) << record;

    mailwarden::dns::Answer answer;
    answer.status = mailwarden::dns::Status::ok;
    answer.texts = {record};
    const md::DkimVerifier verifier([&](const std::string&) { return answer; });
    if (verifier.verify(message).front().result != md::DkimResult::pass) {
        std::fprintf(stderr, "the benchmark message does not verify\n");
        return 1;
    }
    const double ours = per_second(seconds, [&] { (void)verifier.verify(message); });

    const std::string input(600, 'x');
    const std::string signature = dkim_test::sign_bytes(key.get(), md::DkimAlgorithm::rsa_sha256, input);
    const double ceiling = per_second(seconds, [&] {
        (void)md::verify_header_signature(key.get(), md::DkimAlgorithm::rsa_sha256, input, signature);
    });

    const auto signer = mailwarden::DkimSigner::create(md::private_key_pem(key.get()), "example.com", "sel");
    if (!signer) return 1;
    const std::string unsigned_message = make_message();
    const double signing = per_second(seconds, [&] { (void)signer->sign(unsigned_message); });
    const double sign_ceiling = per_second(seconds, [&] { (void)dkim_test::sign_bytes(key.get(), md::DkimAlgorithm::rsa_sha256, input); });
    std::printf("mailwarden: %.0f verifications/s (%zu-byte message, rsa-sha256, RSA-2048)\n", ours, message.size());
    std::printf("OpenSSL RSA-2048 verify of 600 bytes: %.0f/s (the ceiling)\n", ceiling);
    std::printf("mailwarden: %.0f signatures/s (DkimSigner, rsa-sha256, RSA-2048)\n", signing);
    std::printf("OpenSSL RSA-2048 sign of 600 bytes: %.0f/s (the ceiling)\n", sign_ceiling);
    return 0;
}
