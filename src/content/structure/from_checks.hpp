// Who the message claims to be from, as a reader sees it:
//   from.confusable     review: the display name mixes scripts beyond what
//                       Unicode TS #39 calls highly restrictive (one script,
//                       or Latin with Han and Japanese kana, Bopomofo or
//                       Hangul), is written wholly in lookalikes of Latin
//                       letters ("Раураl" in Cyrillic), or uses Latin-script
//                       lookalikes outside the alphabets of real languages
//                       (fullwidth, mathematical, small capitals, IPA)
//   from.impersonation  review: the display name carries an email address
//                       other than the one the message is from
#pragma once

#include <mailwarden/content_check.hpp>

#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

/// `from_value`: the From field's value, unfolded, encoded words still encoded.
void from_findings(std::string_view from_value, std::vector<ContentFinding>& findings);

}  // namespace mailwarden::content_detail
