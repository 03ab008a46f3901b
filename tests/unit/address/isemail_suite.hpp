// Loader for the isemail conformance suite (tests/data/isemail/tests.xml):
// the handful of XML constructs that file uses, nothing more.
#pragma once

#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace isemail {

struct TestCase {
    int id = 0;
    std::string address;
    std::string category;
    std::string diagnosis;
};

inline void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Decodes entities; U+2400..U+241F stand for the C0 control characters
// (the suite's own convention, see the file header).
inline std::string decode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '&') {
            out.push_back(text[i]);
            continue;
        }
        const std::size_t semi = text.find(';', i);
        if (semi == std::string::npos) throw std::runtime_error("bad entity in " + text);
        const std::string entity = text.substr(i + 1, semi - i - 1);
        if (entity == "amp") out.push_back('&');
        else if (entity == "lt") out.push_back('<');
        else if (entity == "gt") out.push_back('>');
        else if (entity == "quot") out.push_back('"');
        else if (entity == "apos") out.push_back('\'');
        else if (entity.size() > 2 && entity[0] == '#' && entity[1] == 'x') {
            const auto cp = static_cast<std::uint32_t>(std::stoul(entity.substr(2), nullptr, 16));
            if (cp >= 0x2400 && cp <= 0x241F) out.push_back(static_cast<char>(cp - 0x2400));
            else append_utf8(out, cp);
        } else {
            throw std::runtime_error("unknown entity &" + entity + ";");
        }
        i = semi;
    }
    return out;
}

inline std::string element(const std::string& block, const std::string& name) {
    if (block.find("<" + name + "/>") != std::string::npos) return {};
    const std::string open = "<" + name + ">";
    const auto b = block.find(open);
    if (b == std::string::npos) throw std::runtime_error("missing <" + name + "> in a test");
    const auto e = block.find("</" + name + ">", b);
    return decode(block.substr(b + open.size(), e - b - open.size()));
}

inline std::vector<TestCase> load(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("cannot open " + path);
    std::stringstream ss;
    ss << file.rdbuf();
    const std::string xml = ss.str();
    std::vector<TestCase> cases;
    for (std::size_t pos = xml.find("<test id=\""); pos != std::string::npos; pos = xml.find("<test id=\"", pos + 1)) {
        const std::size_t end = xml.find("</test>", pos);
        const std::string block = xml.substr(pos, end - pos);
        TestCase t;
        t.id = std::stoi(block.substr(10));
        t.address = element(block, "address");
        t.category = element(block, "category");
        t.diagnosis = element(block, "diagnosis");
        cases.push_back(std::move(t));
    }
    return cases;
}

}  // namespace isemail
