// SesSuppressionMirror: the tracker's suppressions to the SES list.
#include <mailwarden/ses/suppression_mirror.hpp>

namespace mailwarden {

namespace {

class SesSuppressionMirror final : public SuppressionMirror {
public:
    SesSuppressionMirror(std::shared_ptr<ses::Client> client, SesMirrorOptions options)
        : client_(std::move(client)), options_(options) {}

    Result<Done, Error> suppressed(const Suppression& s) override {
        const bool wanted = s.reason == SuppressionReason::bounce      ? options_.bounces
                            : s.reason == SuppressionReason::complaint ? options_.complaints
                                                                       : options_.manual;
        if (!wanted) return Done{};
        const auto reason = s.reason == SuppressionReason::complaint ? ses::SuppressionReason::complaint
                                                                     : ses::SuppressionReason::bounce;
        return client_->put_suppressed_destination(s.address, reason);
    }

    Result<Done, Error> unsuppressed(std::string_view address) override {
        auto removed = client_->delete_suppressed_destination(address);
        // Not on SES's list (never mirrored, or removed there): nothing to undo.
        if (!removed && removed.error().kind() == errc::not_found) return Done{};
        return removed;
    }

private:
    std::shared_ptr<ses::Client> client_;
    SesMirrorOptions options_;
};

}  // namespace

std::shared_ptr<SuppressionMirror> make_ses_suppression_mirror(std::shared_ptr<ses::Client> client,
                                                               SesMirrorOptions options) {
    return std::make_shared<SesSuppressionMirror>(std::move(client), options);
}

}  // namespace mailwarden
