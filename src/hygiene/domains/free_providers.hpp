// Free mailbox providers (webmail anyone can sign up to). An address there
// is fine to mail; a business sign-up form may still want to know.
#pragma once

#include <span>
#include <string_view>

namespace mailwarden::hygiene {

/// True for the domains of the large free mailbox providers (lower-case
/// ASCII, exact: a company's own subdomain of a provider is not one).
bool is_free_provider(std::string_view domain);

/// The providers people mistype most, most used first: the candidates of
/// typo suggestions.
std::span<const std::string_view> popular_providers();

}  // namespace mailwarden::hygiene
