#include "hygiene/subscribers/list_mail.hpp"

#include "hygiene/subscribers/list_tokens.hpp"

#include <cctype>

namespace mailwarden::hygiene {

namespace {

// A List-Id label (RFC 2919: dot-atom text): lower-case letters, digits and
// hyphens; anything else becomes a hyphen.
std::string label_of(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out.push_back(std::isalnum(u) && u < 0x80 ? static_cast<char>(std::tolower(u)) : '-');
    }
    return out.empty() ? std::string("list") : out;
}

std::string hours_text(std::chrono::seconds lifetime) {
    const auto hours = std::chrono::duration_cast<std::chrono::hours>(lifetime).count();
    return hours >= 1 ? std::to_string(hours) + (hours == 1 ? " hour" : " hours")
                      : std::to_string(lifetime.count()) + " seconds";
}

}  // namespace

std::string link_with_token(std::string_view base, std::string_view token) {
    // Tokens are base64url and dots: nothing in them needs escaping.
    return std::string(base) + (base.find('?') == std::string_view::npos ? "?" : "&") + "token=" + std::string(token);
}

Result<std::string, Error> send_confirmation(const ListsState& lists, const MailingList& list,
                                             const Subscriber& subscriber) {
    const auto& config = lists.config;
    const std::string token = new_confirmation_token();
    StoredToken stored{token_hash(token), "confirm", subscriber.id, lists.now() + config.confirm_lifetime, std::nullopt};
    if (auto put = config.store->put_token(stored); !put) return unexpected(std::move(put).error());
    const std::string link = link_with_token(config.confirm_link_base, token);
    OutgoingMessage mail;
    mail.account = list.account;
    mail.from = list.from;
    mail.to = {subscriber.address};
    mail.subject = "Confirm your subscription to " + list.name;
    mail.text = "Someone, hopefully you, asked to receive \"" + list.name + "\" at " + subscriber.address +
                ".\n\nTo confirm, open this link and press the button on the page:\n\n" + link +
                "\n\nThe link works once and expires in " + hours_text(config.confirm_lifetime) +
                ". If you did not ask for this, ignore this mail: you will not be added.\n";
    auto sent = config.registry->send(mail);
    if (!sent) return unexpected(std::move(sent).error());
    return link;
}

ListHeaders list_headers(const ListsConfig& config, std::string_view signing_key, const MailingList& list,
                         const Subscriber& subscriber) {
    const std::string token = unsubscribe_token(signing_key, subscriber.id);
    ListHeaders h;
    h.list_unsubscribe = "<" + link_with_token(config.unsubscribe_link_base, token) + ">";
    if (!config.list_id_domain.empty())
        h.list_unsubscribe += ", <mailto:unsubscribe+" + token + "@" + config.list_id_domain + "?subject=unsubscribe>";
    h.list_unsubscribe_post = "List-Unsubscribe=One-Click";
    h.list_id = "<" + label_of(list.name) + "." + label_of(list.account) + "." +
                (config.list_id_domain.empty() ? std::string("localhost") : config.list_id_domain) + ">";
    return h;
}

}  // namespace mailwarden::hygiene
