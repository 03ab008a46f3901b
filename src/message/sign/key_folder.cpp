// Signing keys kept as files, <folder>/<domain>/<selector>.pem, and the
// choice of the keys that may sign a given From domain.
#include <mailwarden/dkim_sign.hpp>

#include "auth/spf/spf_text.hpp"
#include "common/registrable_domain.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace mailwarden {

namespace {

namespace fs = std::filesystem;

Result<std::string, Error> read_key_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) return unexpected(Error(errc::io, "cannot read DKIM key " + path.string()));
    return text.str();
}

std::vector<fs::path> sorted_entries(const fs::path& folder, std::error_code& ec) {
    std::vector<fs::path> out;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

Result<std::vector<DkimSigner>, Error> load_dkim_keys(const std::string& folder, const DkimSignOptions& options) {
    std::vector<DkimSigner> signers;
    std::error_code ec;
    if (!fs::exists(folder, ec)) return signers;
    const auto domains = sorted_entries(folder, ec);
    if (ec) return unexpected(Error(errc::io, "cannot list DKIM key folder " + folder + ": " + ec.message()));
    for (const auto& domain_dir : domains) {
        if (!fs::is_directory(domain_dir, ec)) continue;
        const auto files = sorted_entries(domain_dir, ec);
        if (ec) return unexpected(Error(errc::io, "cannot list " + domain_dir.string() + ": " + ec.message()));
        for (const auto& file : files) {
            if (!spf_detail::iequals(file.extension().string(), ".pem") || !fs::is_regular_file(file, ec)) continue;
            auto pem = read_key_file(file);
            if (!pem) return unexpected(std::move(pem).error());
            auto signer = DkimSigner::create(*pem, domain_dir.filename().string(), file.stem().string(), options);
            if (!signer)
                return unexpected(Error(errc::invalid_argument, file.string() + ": " + signer.error().message));
            signers.push_back(std::move(*signer));
        }
    }
    return signers;
}

std::vector<DkimSigner> dkim_signers_for(std::span<const DkimSigner> signers, std::string_view from_domain) {
    const std::string domain = normalized_domain(from_domain);
    std::vector<DkimSigner> out;
    for (const auto& signer : signers)
        if (spf_detail::is_same_or_subdomain(domain, normalized_domain(signer.domain()))) out.push_back(signer);
    std::stable_sort(out.begin(), out.end(),
                     [](const DkimSigner& a, const DkimSigner& b) { return a.domain().size() > b.domain().size(); });
    return out;
}

}  // namespace mailwarden
