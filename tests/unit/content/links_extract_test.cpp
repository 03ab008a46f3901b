// Link extraction: bare URLs in text, links in HTML, normalization,
// deduplication, the cap, and the findings of links themselves.
#include "content/links/extract_links.hpp"
#include "content/links/ip_literal.hpp"
#include "content/links/link_findings.hpp"
#include "content/links/text_urls.hpp"
#include "content/links/url_normalize.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace mailwarden::content_detail;

namespace {

const std::vector<std::string> shorteners{"bit.ly", "t.co"};

std::vector<std::string> urls(std::string_view text, std::string_view html = {}) {
    std::vector<std::string> out;
    for (const auto& link : extract_links(text, html, shorteners, 500)) out.push_back(link.check.url);
    return out;
}

FoundLink only(std::string_view text, std::string_view html = {}) {
    const auto links = extract_links(text, html, shorteners, 500);
    REQUIRE(links.size() == 1);
    return links.front();
}

bool has(const std::vector<mailwarden::ContentFinding>& findings, std::string_view id) {
    for (const auto& f : findings)
        if (f.id == id) return true;
    return false;
}

std::vector<mailwarden::ContentFinding> findings_of(std::string_view text, std::string_view html = {}) {
    std::vector<mailwarden::ContentFinding> out;
    add_link_findings(scan_links(text, html, shorteners, 500), out);
    return out;
}

}  // namespace

TEST_CASE("bare URLs in text, cut where the sentence goes on") {
    CHECK(urls("see https://example.com/a?b=1.") == std::vector<std::string>{"https://example.com/a?b=1"});
    CHECK(urls("(https://example.com/).") == std::vector<std::string>{"https://example.com/"});
    CHECK(urls("wiki: https://en.wikipedia.org/wiki/Foo_(bar), ok") ==
          std::vector<std::string>{"https://en.wikipedia.org/wiki/Foo_(bar)"});
    CHECK(urls("<https://example.com/x>") == std::vector<std::string>{"https://example.com/x"});
    CHECK(urls("\"https://example.com/q\"") == std::vector<std::string>{"https://example.com/q"});
    CHECK(urls("'https://example.com/s';") == std::vector<std::string>{"https://example.com/s"});
    CHECK(urls("HTTPS://EXAMPLE.COM/Path") == std::vector<std::string>{"https://example.com/Path"});
    CHECK(urls("go to www.example.org!") == std::vector<std::string>{"http://www.example.org/"});
    CHECK(urls("two: http://a.example.com and http://b.example.com\n") ==
          std::vector<std::string>{"http://a.example.com/", "http://b.example.com/"});
    CHECK(urls("ftp://files.example.net/x.zip") == std::vector<std::string>{"ftp://files.example.net/x.zip"});
    CHECK(urls("https://example.com:443/a http://example.com:8080/") ==
          std::vector<std::string>{"https://example.com/a", "http://example.com:8080/"});
    CHECK(urls("nbsp\xC2\xA0https://example.com/n\xC2\xA0next") == std::vector<std::string>{"https://example.com/n"});
}

TEST_CASE("what is not taken as a link") {
    CHECK(urls("mailto:someone@example.com").empty());
    CHECK(urls("someone@example.com example.com file.txt").empty());
    CHECK(urls("https:// nothing").empty());
    CHECK(urls("http://localhost/").empty());
    CHECK(urls("javascript:alert(1)").empty());
    CHECK(urls("xhttps://example.com/").empty());  // inside a word
    CHECK(urls("", "<a href=\"/relative\">r</a><a href=\"page.html\">p</a><a href=\"#top\">t</a>").empty());
    CHECK(urls("", "<a href=\"mailto:a@example.com\">mail</a><a href=\"tel:+1\">call</a>").empty());
    CHECK(urls("", "<a href=\"javascript:void(0)\">x</a><img src=\"cid:part1\">").empty());
}

TEST_CASE("defanged URLs are undone and flagged") {
    const auto hxxp = only("hxxps://evil.example.com/login");
    CHECK(hxxp.check.url == "https://evil.example.com/login");
    CHECK(hxxp.check.obfuscated);
    CHECK(hxxp.obfuscation == "hxxp");

    const auto dots = only("visit hxxp://evil[.]example[.]com/x today");
    CHECK(dots.check.url == "http://evil.example.com/x");
    CHECK(dots.check.obfuscated);

    CHECK(only("http[:]//evil.example.com/").check.url == "http://evil.example.com/");
    CHECK(only("see evil[.]example/path.").check.url == "http://evil.example/path");
    CHECK(only("see evil(dot)example(.)com").check.url == "http://evil.example.com/");
    CHECK(only("see www[.]evil.example").check.url == "http://www.evil.example/");
    CHECK(only("see evil[.]example").check.obfuscated);
}

TEST_CASE("hosts: percent-encoded, IDN, user-info, IP literals") {
    const auto pct = only("http://%65vil.example.com/");
    CHECK(pct.check.url == "http://evil.example.com/");
    CHECK(pct.check.domain == "evil.example.com");
    CHECK(pct.obfuscation == "percent-encoded host");

    const auto idn = only("https://bücher.example/katalog");
    CHECK(idn.check.url == "https://xn--bcher-kva.example/katalog");
    CHECK(idn.check.domain == "xn--bcher-kva.example");
    CHECK_FALSE(idn.check.obfuscated);

    // Latin "p" and "l" with Cyrillic "а": mixed scripts in one label.
    const auto mixed = only("https://p\xD0\xB0ypal.com/");
    CHECK(mixed.check.obfuscated);
    CHECK(mixed.obfuscation == "mixed-script host");

    const auto user = only("https://www.bank.com@evil.example/login");
    CHECK(user.check.domain == "evil.example");
    CHECK(user.check.url == "https://evil.example/login");
    CHECK(user.obfuscation == "user-info before the host");

    const auto ip = only("http://192.168.1.1/admin");
    CHECK(ip.check.ip == "192.168.1.1");
    CHECK(ip.check.domain.empty());
    CHECK_FALSE(ip.check.obfuscated);

    const auto integer = only("http://3232235777/");
    CHECK(integer.check.url == "http://192.168.1.1/");
    CHECK(integer.check.ip == "192.168.1.1");
    CHECK(integer.obfuscation == "integer IP");

    CHECK(only("http://0xC0A80101/").check.ip == "192.168.1.1");
    CHECK(only("http://0300.0250.1.1/").check.ip == "192.168.1.1");
    CHECK(only("http://[2001:db8::1]:8443/x").check.url == "http://[2001:db8::1]:8443/x");
    CHECK(only("http://[2001:db8::1]/").check.ip == "2001:db8::1");
    CHECK(only("http://EXAMPLE.com./").check.url == "http://example.com/");
}

TEST_CASE("IP literal forms") {
    CHECK(parse_ip_host("1.2.3.4")->ip == "1.2.3.4");
    CHECK_FALSE(parse_ip_host("1.2.3.4")->unusual_form);
    CHECK(parse_ip_host("16909060")->ip == "1.2.3.4");
    CHECK(parse_ip_host("1.2.772")->ip == "1.2.3.4");
    CHECK(parse_ip_host("1.2.772")->unusual_form);
    CHECK_FALSE(parse_ip_host("1.2.3.256"));
    CHECK_FALSE(parse_ip_host("4294967296"));
    CHECK_FALSE(parse_ip_host("1.2.3.4.5"));
    CHECK_FALSE(parse_ip_host("example.com"));
    CHECK_FALSE(parse_ip_host("cafe"));
    CHECK_FALSE(parse_ip_host("08.1.1.1"));
}

TEST_CASE("HTML: the attributes that hold links, entities decoded") {
    const std::string html = R"(<html><body>
        <a href="https://example.com/a?x=1&amp;y=2">one</a>
        <a href=https://example.com/b>unquoted</a>
        <A HREF='HTTPS://Example.COM/c'>upper</A>
        <area href="https://map.example.com/" alt="map">
        <img src="https://img.example.net/p.png">
        <form action="https://forms.example.org/post"></form>
        <p>and a bare one: https://text.example.com/t.</p>
        <script>var u = "https://script.example.com/";</script>
        <style>.x { background: url(https://style.example.com/i.png) }</style>
        <a href="  https://example.com/spaced
        ">spaced</a>
      </body></html>)";
    const auto links = extract_links("", html, shorteners, 500);
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& l : links) got.emplace_back(l.check.url, l.check.source);
    const std::vector<std::pair<std::string, std::string>> want{
        {"https://example.com/a?x=1&y=2", "href"}, {"https://example.com/b", "href"},
        {"https://example.com/c", "href"},         {"https://map.example.com/", "href"},
        {"https://img.example.net/p.png", "src"},  {"https://forms.example.org/post", "action"},
        {"https://text.example.com/t", "text"},    {"https://example.com/spaced", "href"}};
    CHECK(got == want);
    CHECK(links[0].anchor_text == "one");
    CHECK(links[3].anchor_text == "map");
}

TEST_CASE("deduplicated by normalized URL, capped, counted") {
    const auto scan = scan_links("https://example.com/ HTTPS://EXAMPLE.COM hxxps://example[.]com/",
                                 "<a href=\"https://example.com/\">x</a>", shorteners, 500);
    REQUIRE(scan.links.size() == 1);
    CHECK(scan.links[0].check.source == "text");
    CHECK(scan.links[0].check.obfuscated);  // written obfuscated once
    CHECK(scan.total == 1);

    std::string many;
    for (int i = 0; i < 20; ++i) many += "https://host" + std::to_string(i) + ".example.com/ ";
    const auto capped = scan_links(many, "", shorteners, 5);
    CHECK(capped.links.size() == 5);
    CHECK(capped.total == 20);
    std::vector<mailwarden::ContentFinding> findings;
    add_link_findings(capped, findings);
    CHECK(has(findings, "link.too_many"));
}

TEST_CASE("shorteners and the findings of links") {
    const auto s = only("https://bit.ly/abc");
    CHECK(s.check.shortener);
    CHECK(only("https://www.bit.ly/abc").check.shortener);
    CHECK_FALSE(only("https://notbit.ly/abc").check.shortener);

    CHECK(has(findings_of("https://bit.ly/abc"), "link.shortener"));
    CHECK(has(findings_of("http://3232235777/"), "link.ip_literal"));
    CHECK(has(findings_of("http://3232235777/"), "link.obfuscated"));
    CHECK(has(findings_of("hxxp://evil.example.com/"), "link.obfuscated"));
    CHECK(findings_of("https://example.com/").empty());
}

TEST_CASE("link text naming another domain than the link's") {
    CHECK(host_named_by_text("bank.com") == "bank.com");
    CHECK(host_named_by_text("https://www.bank.com/login") == "www.bank.com");
    CHECK(host_named_by_text(" www.bank.com ") == "www.bank.com");
    CHECK_FALSE(host_named_by_text("Click here"));
    CHECK_FALSE(host_named_by_text("user@bank.com"));
    CHECK_FALSE(host_named_by_text("version 1.2"));

    const auto bad = findings_of("", "<a href=\"https://evil.example/login\">bank.com</a>");
    REQUIRE(has(bad, "link.text_mismatch"));
    CHECK(bad.front().severity == mailwarden::ContentSeverity::review);
    CHECK(bad.front().evidence.find("bank.com") != std::string::npos);
    CHECK(has(findings_of("", "<a href=\"https://bank.com.evil.example/\">https://bank.com/</a>"), "link.text_mismatch"));
    // The same registrable domain, another host: fine.
    CHECK(findings_of("", "<a href=\"https://login.bank.com/\">www.bank.com</a>").empty());
    CHECK(findings_of("", "<a href=\"https://bank.com/\">Log in to <b>your bank</b></a>").empty());
}

TEST_CASE("bad input never crashes") {
    const std::string inputs[] = {"http://", "http://[", "http://[::1", "http://%", "http://%zz.com/", "http://a..b/",
                                  "hxxp://[.][.][.]", "http://:80/", "http://example.com:99999/", "www.",
                                  "[.][.]", std::string(10000, '('), "http://" + std::string(5000, ')'),
                                  std::string("http://ex\0ample.com/", 20)};
    for (const auto& input : inputs) {
        (void)extract_links(input, input, shorteners, 10);
        (void)findings_of(input, input);
    }
    // Anchor text is cut at 256 bytes, never inside a UTF-8 sequence.
    std::string accents;
    for (int i = 0; i < 300; ++i) accents += "\xC3\xA9";
    const auto anchored = extract_links("", "<a href=\"https://example.com/\">" + accents + "</a>", shorteners, 10);
    REQUIRE(anchored.size() == 1);
    CHECK(anchored[0].anchor_text.size() <= 256);
    CHECK(anchored[0].anchor_text.size() % 2 == 0);
    CHECK(anchored[0].anchor_text.find("\xC3\xA9") == 0);
    // A link longer than 64 KiB is cut, its host kept.
    const auto cut = extract_links("http://long.example.com/" + std::string(100000, 'x'), "", shorteners, 10);
    REQUIRE(cut.size() == 1);
    CHECK(cut[0].check.domain == "long.example.com");
    CHECK(cut[0].check.url.size() < 70000);
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<div>";
    deep += "https://deep.example.com/";
    CHECK(urls("", deep) == std::vector<std::string>{"https://deep.example.com/"});
}
