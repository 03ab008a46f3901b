"""bleach (Debian python3-bleach) cleaning the same newsletter with an
allow-list like ours (tags, attributes, protocols), without and with its
CSS sanitizer, and html2text-like text left out. Run with /usr/bin/python3.

    peers_bleach.py FILE [SECONDS]
"""
import sys
import time

import bleach

TAGS = ["a", "article", "b", "blockquote", "br", "caption", "center", "code", "col", "colgroup", "dd", "div", "dl", "dt",
        "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
        "li", "main", "nav", "ol", "p", "pre", "s", "section", "small", "span", "strike", "strong", "sub", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul"]
COMMON = ["style", "class", "dir", "lang", "title", "align", "valign"]
TABLE = COMMON + ["background", "bgcolor", "border", "cellpadding", "cellspacing", "width", "height", "colspan", "rowspan",
                  "nowrap", "role"]
ATTRS = {"*": COMMON, "a": COMMON + ["href", "target", "rel"],
         "img": COMMON + ["src", "alt", "width", "height", "border"],
         "font": COMMON + ["color", "face", "size"],
         "table": TABLE, "td": TABLE, "th": TABLE, "tr": TABLE, "tbody": TABLE}
PROTOCOLS = ["http", "https", "mailto", "tel", "cid"]


def rate(seconds, f):
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for _ in range(5):
            f()
        n += 5
    return n / (time.perf_counter() - start)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        html = f.read()
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    plain = bleach.sanitizer.Cleaner(tags=TAGS, attributes=ATTRS, protocols=PROTOCOLS, strip=True, strip_comments=True)
    print("bleach %s clean:            %8.0f /s" % (bleach.__version__, rate(seconds, lambda: plain.clean(html))))
    try:
        from bleach.css_sanitizer import CSSSanitizer
        css = bleach.sanitizer.Cleaner(tags=TAGS, attributes=ATTRS, protocols=PROTOCOLS, strip=True, strip_comments=True,
                                       css_sanitizer=CSSSanitizer())
        print("bleach clean + CSSSanitizer:  %8.0f /s" % rate(seconds, lambda: css.clean(html)))
    except ImportError:
        print("bleach CSSSanitizer: tinycss2 missing, not run")


if __name__ == "__main__":
    main()
