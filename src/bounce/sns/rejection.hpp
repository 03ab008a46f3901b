// A Rejection as the library's Error, with a sentence saying what exactly
// was wrong (which field, which URL part).
#pragma once

#include <mailwarden/sns.hpp>

#include <string>

namespace mailwarden::sns_detail {

inline Error reject(sns::Rejection r, std::string detail) { return Error(sns::make_error_code(r), std::move(detail)); }

}  // namespace mailwarden::sns_detail
