// A deterministic corpus of realistic sign-up form input: mostly ordinary
// addresses, with IDNs, role and no-reply boxes, special-use domains, stray
// capitals, and the usual typing mistakes.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace bench {

inline std::vector<std::string> make_address_corpus(std::size_t count, std::uint64_t seed = 20261126) {
    static const char* const first[] = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
                                        "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert",
                                        "sybil", "trent", "victor", "walter", "xena", "yusuf", "zoe"};
    static const char* const last[] = {"smith", "jones", "garcia", "miller", "davis", "martinez", "nguyen",
                                       "kim", "schmidt", "rossi", "dubois", "novak", "silva", "tanaka"};
    static const char* const domains[] = {"gmail.com", "yahoo.co.uk", "outlook.com", "iana.org",
                                          "mail.company.io", "uni-hamburg.de", "orange.fr", "web.de",
                                          "protonmail.ch", "shop.example-store.com.au", "post.cz"};
    static const char* const idn[] = {"bücher.de", "münchen.de", "例え.jp", "пример.рф", "café.fr"};
    static const char* const roles[] = {"postmaster", "abuse", "support", "info", "sales", "admin", "noc"};
    static const char* const noreply[] = {"noreply", "no-reply", "do-not-reply", "donotreply"};
    static const char* const special[] = {"example.com", "shop.test", "corp.invalid", "printer.local"};
    static const char* const broken[] = {"john..doe@gmail.com", "jane.doe@gmail..com", "missing-at.gmail.com",
                                         "space in@outlook.com", "trailing.@iana.org", "x@-bad.com",
                                         "@nolocal.org", "nodomain@", "two@@iana.org", "a@b", "bad,comma@web.de",
                                         "\"quoted\"@iana.org", "user@[192.0.2.1]", "jöe@iana.org",
                                         "user@iana.123", "(c)user@iana.org"};

    std::mt19937_64 rng(seed);
    auto pick = [&rng](const auto& array) {
        const auto n = std::size(array);
        return array[std::uniform_int_distribution<std::size_t>(0, n - 1)(rng)];
    };
    auto percent = [&rng] { return std::uniform_int_distribution<int>(0, 99)(rng); };

    std::vector<std::string> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const int kind = percent();
        std::string a;
        if (kind < 70) {
            a = std::string(pick(first)) + (percent() < 50 ? "." : "") + pick(last);
            if (percent() < 30) a += std::to_string(percent());
            if (percent() < 10) a += "+news";
            a += "@";
            a += pick(domains);
            if (percent() < 5) a[0] = static_cast<char>(a[0] - 32);  // Capitalised
        } else if (kind < 75) {
            a = std::string(pick(first)) + "@" + pick(idn);
        } else if (kind < 80) {
            a = std::string(pick(roles)) + "@" + pick(domains);
        } else if (kind < 82) {
            a = std::string(pick(noreply)) + "@" + pick(domains);
        } else if (kind < 87) {
            a = std::string(pick(first)) + "@" + pick(special);
        } else if (kind < 90) {
            a = std::string(pick(first)) + "." + pick(last) + "@" + "MAIL.COMPANY.IO";
        } else {
            a = pick(broken);
        }
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace bench
