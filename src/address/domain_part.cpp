#include "domain_part.hpp"

#include "address_literal.hpp"
#include "char_classes.hpp"
#include "local_part.hpp"

#include <idn2.h>

#include <array>
#include <functional>
#include <memory>

namespace mailwarden::address_detail {

namespace {

constexpr std::size_t max_label = 63;
constexpr std::size_t max_domain = 253;

// Label rules on an ASCII domain already split by dots: length, hyphens,
// numeric top-level label, at least two labels, total length.
AddressReason check_labels(std::string_view domain, bool& has_a_label) noexcept {
    std::size_t labels = 0;
    std::size_t start = 0;
    bool last_numeric = false;
    while (start <= domain.size()) {
        std::size_t end = domain.find('.', start);
        if (end == std::string_view::npos) end = domain.size();
        const std::string_view label = domain.substr(start, end - start);
        if (label.empty()) return start == 0 ? AddressReason::leading_dot
                               : end == domain.size() ? AddressReason::trailing_dot
                                                      : AddressReason::consecutive_dots;
        if (label.size() > max_label) return AddressReason::label_too_long;
        if (label.front() == '-' || label.back() == '-') return AddressReason::label_hyphen;
        if (label.size() > 4 && label.substr(0, 4) == "xn--") has_a_label = true;
        last_numeric = label.find_first_not_of("0123456789") == std::string_view::npos;
        ++labels;
        start = end + 1;
    }
    if (last_numeric) return AddressReason::numeric_tld;
    if (labels < 2) return AddressReason::dotless_domain;
    if (domain.size() > max_domain) return AddressReason::domain_too_long;
    return AddressReason::ok;
}

struct Idn2Free {
    void operator()(char* p) const noexcept { idn2_free(p); }
};

// Converts a domain holding Unicode or A-labels to its ASCII form with
// IDNA2008 + UTS#46 (non-transitional) and validates every label.
bool idna_to_ascii_uncached(std::string_view domain, std::string& ascii) {
    const std::string input(domain);
    char* raw = nullptr;
    const int rc = idn2_lookup_u8(reinterpret_cast<const uint8_t*>(input.c_str()),
                                  reinterpret_cast<uint8_t**>(&raw),
                                  IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT | IDN2_USE_STD3_ASCII_RULES);
    const std::unique_ptr<char, Idn2Free> owned(raw);
    if (rc != IDN2_OK || raw == nullptr) return false;
    ascii.assign(raw);
    return true;
}

// libidn2 costs tens of microseconds a name, while a list holds few distinct
// domains: each thread keeps the latest conversions in a small direct-mapped
// table (bounded memory, no locking).
class IdnaCache {
public:
    bool to_ascii(std::string_view domain, std::string& ascii) {
        Slot& slot = slots_[std::hash<std::string_view>{}(domain) % slots_.size()];
        if (!slot.used || slot.input != domain) {
            slot.input.assign(domain);
            slot.ok = idna_to_ascii_uncached(domain, slot.ascii);
            slot.used = true;
        }
        if (slot.ok) ascii = slot.ascii;
        return slot.ok;
    }

private:
    struct Slot {
        std::string input;
        std::string ascii;
        bool ok = false;
        bool used = false;
    };
    static constexpr std::size_t slot_count = 256;
    std::array<Slot, slot_count> slots_{};
};

bool idna_to_ascii(std::string_view domain, std::string& ascii) {
    thread_local IdnaCache cache;
    return cache.to_ascii(domain, ascii);
}

}  // namespace

DomainScan scan_domain(std::string_view domain, std::string& out) {
    DomainScan result;
    auto fail = [&result](AddressReason r) {
        result.reason = r;
        return result;
    };
    if (domain.empty()) return fail(AddressReason::no_domain);
    if (domain.front() == '[') {
        const AddressReason r = check_address_literal(domain);
        if (r != AddressReason::address_literal) return fail(r);
        result.flags |= flag_address_literal;
        out.append(domain);
        return result;
    }

    const std::size_t start = out.size();
    bool unicode = false;
    for (std::size_t i = 0; i < domain.size(); ++i) {
        const auto c = static_cast<unsigned char>(domain[i]);
        if (c == '.') {
            if (i == 0) return fail(AddressReason::leading_dot);
            if (domain[i - 1] == '.') return fail(AddressReason::consecutive_dots);
            if (i + 1 == domain.size()) return fail(AddressReason::trailing_dot);
            out.push_back('.');
        } else if (has_class(c, cc_ldh)) {
            out.push_back(ascii_lower(static_cast<char>(c)));
        } else if (c >= 0x80) {
            unicode = true;
            out.push_back(static_cast<char>(c));
        } else if (c == '(') {
            return fail(skip_comment(domain, i) == std::string_view::npos ? AddressReason::unterminated
                                                                          : AddressReason::comment);
        } else if (c == ' ') {
            return fail(AddressReason::whitespace);
        } else {
            return fail(AddressReason::invalid_domain_character);
        }
    }

    bool has_a_label = false;
    if (unicode) {
        std::string ascii;
        if (!idna_to_ascii(std::string_view(out).substr(start), ascii)) return fail(AddressReason::invalid_idna);
        out.resize(start);
        out.append(ascii);
        result.flags |= flag_idn;
    }
    const AddressReason labels = check_labels(std::string_view(out).substr(start), has_a_label);
    if (labels != AddressReason::ok) return fail(labels);
    if (has_a_label && !unicode) {
        // A-labels typed directly must decode to valid IDNA2008 labels.
        std::string ascii;
        if (!idna_to_ascii(std::string_view(out).substr(start), ascii)) return fail(AddressReason::invalid_idna);
        result.flags |= flag_idn;
    }
    return result;
}

}  // namespace mailwarden::address_detail
