// The host of a URL made comparable: obfuscated dots undone, percent-encoding
// decoded, IDNs converted to A-labels (through the address part's domain
// conversion), IP literals in their plain form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mailwarden::content_detail {

struct NormalHost {
    std::string domain;       ///< lower-case A-labels; empty for an IP literal
    std::string ip;           ///< the IP of a literal host
    std::string obfuscation;  ///< what was undone, "" when nothing was
};

/// Replaces "[.]", "(.)", "{.}", "[dot]", "(dot)" (any case) by "."; true
/// when one was found.
bool undo_obfuscated_dots(std::string& text);

/// `raw` is the host as written (no user-info, no port). nullopt when it is
/// no usable host name: empty, without a dot, bad characters, invalid IDN.
std::optional<NormalHost> normalize_host(std::string_view raw);

/// True when some label mixes letters of Latin, Greek, Cyrillic or Armenian
/// script (UTF-8 input).
bool mixed_script(std::string_view host);

}  // namespace mailwarden::content_detail
