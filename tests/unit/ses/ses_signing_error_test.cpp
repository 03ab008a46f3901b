// A request the signer refuses ends with the signer's own error code and
// message, not a generic one; nothing is sent (the endpoint has no server).
#include <mailwarden/error.hpp>
#include <mailwarden/ses/client.hpp>

#include <doctest/doctest.h>

#include <future>

using namespace mailwarden;

namespace {

// An embedder's provider that hands out credentials without a secret: the
// chain accepts them, the signer does not.
class HalfCredentials final : public aws::CredentialsProvider {
public:
    aws::CredentialsResult resolve() const override {
        aws::CredentialsResult r;
        r.credentials.emplace("AKIDHALF", "", "", "test provider");
        return r;
    }
    std::string_view name() const noexcept override { return "half"; }
};

std::shared_ptr<ses::Client> client_with(std::string region, std::shared_ptr<aws::CredentialsProvider> credentials) {
    ses::ClientOptions o;
    o.region = std::move(region);
    o.endpoint = "http://127.0.0.1:9";  // discard: never reached
    o.http.allow_plaintext = true;
    o.credentials = std::move(credentials);
    auto c = ses::Client::create(o);
    REQUIRE_MESSAGE(c.has_value(), (c ? "" : c.error().describe()));
    return *c;
}

const std::error_code signer_refused = make_error_code(errc::invalid_argument);

}  // namespace

TEST_CASE("credentials the signer refuses: its code and message reach the caller") {
    auto client = client_with("us-east-1", std::make_shared<HalfCredentials>());
    const auto r = client->get_account();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == signer_refused);
    CHECK(r.error().message.find("GetAccount: could not sign the request") != std::string::npos);
    CHECK(r.error().message.find(signer_refused.message()) != std::string::npos);
    CHECK(r.error().message.find("AKIDHALF (secret: none") != std::string::npos);  // which credentials
    CHECK(client->stats().connections_opened == 0);
}

TEST_CASE("a region the signer refuses, on the asynchronous send path too") {
    auto client = client_with("us east/1",
                              aws::make_static_provider(aws::Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG")));
    ses::SendRequest m;
    m.from = "news@iana.org";
    m.to = {"reader@iana.org"};
    m.subject = "s";
    m.text = "t";
    std::promise<ses::SesResult<std::string>> ended;
    client->async_send_email(m, [&ended](ses::SesResult<std::string> r) { ended.set_value(std::move(r)); });
    const auto r = ended.get_future().get();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == signer_refused);
    CHECK(r.error().message.find("SendEmail: could not sign the request") != std::string::npos);
    CHECK(r.error().message.find("us east/1") != std::string::npos);
    CHECK_FALSE(r.error().outcome_unknown);
    CHECK(client->stats().retries == 0);  // a refusal is not retried
}
