// libFuzzer target: the structure checks on any bytes as a message (the MIME
// reader, attachments judged by content, ZIP directories, header injection,
// the From display name). Every finding has a known id and severity, and
// the bodies are what the reader could decode.
#include "content/structure/structure_findings.hpp"
#include "content/structure/payload_kind.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace cd = mailwarden::content_detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    mailwarden::ContentCheckOptions options;
    options.max_message_bytes = 4096;
    std::vector<mailwarden::ContentFinding> findings;
    (void)cd::check_structure(input, options, findings);
    static constexpr std::string_view ids[] = {"message.oversized", "html.only", "attachment.executable",
                                               "attachment.macro", "header.injection", "from.confusable",
                                               "from.impersonation"};
    for (const auto& f : findings) {
        bool known = false;
        for (std::string_view id : ids) known = known || f.id == id;
        if (!known || f.evidence.empty()) std::abort();
    }
    // The same bytes as an attachment's content.
    (void)cd::payload_kind(input);
    return 0;
}
