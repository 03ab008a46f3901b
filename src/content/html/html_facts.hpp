// What the structure checks read from an HTML body: visible text, images,
// hidden text and the constructs a user's message should not carry; and
// the findings made from them.
#pragma once

#include <mailwarden/content_check.hpp>

#include "content/html/gumbo_tree.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailwarden::content_detail {

struct HtmlFacts {
    bool unreadable = false;        ///< over 16 MiB or nested too deeply: not parsed
    std::size_t text_chars = 0;     ///< visible text, in characters, whitespace collapsed
    std::size_t images = 0;         ///< <img> elements, tracking pixels and spacers (both sides <= 2 px) left out
    std::size_t pixels = 0;         ///< the images left out as tracking pixels
    std::uint64_t image_area = 0;   ///< sum of width x height of the images that give both
    std::size_t links = 0;          ///< <a href>
    std::size_t hidden_chars = 0;   ///< text in a hidden element or coloured like its background
    std::string hidden_sample;      ///< the first hidden words (up to 80 bytes)
    std::size_t scripts = 0;        ///< <script>
    std::size_t embeds = 0;         ///< iframe, frame, object, embed, applet
    std::size_t forms = 0;          ///< form, input, button, select, textarea
    std::size_t event_handlers = 0; ///< on* attributes
    std::size_t dangerous_urls = 0; ///< URL attributes or CSS url() with a scheme not allowed
    std::string first_handler;      ///< "onclick on img"
    std::string first_url;          ///< "javascript:alert(1)" (up to 80 bytes)
};

HtmlFacts analyze_html(std::string_view html);

/// The same on a document already parsed (within the limits above).
HtmlFacts analyze_html(const GumboTree& tree);

/// Text characters per image below which a message is mostly pictures.
inline constexpr std::size_t min_text_per_image = 400;
/// Hidden characters tolerated: a preheader (the hidden line mail
/// clients show next to the subject) is ordinary.
inline constexpr std::size_t max_hidden_chars = 150;

/// html.image_only, html.image_ratio, html.hidden_text, html.script,
/// html.embed, html.form, html.event_handler, html.dangerous_url,
/// html.unreadable: all of severity review (docs/content-checks.md).
void html_findings(const HtmlFacts& facts, std::vector<ContentFinding>& findings);

}  // namespace mailwarden::content_detail
