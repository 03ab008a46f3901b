#include "cli_args.hpp"

#include <fstream>
#include <sstream>

namespace mwctl {

Args::Args(const std::vector<std::string>& argv, const ArgSpec& spec) {
    bool options_done = false;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (options_done || a.size() < 2 || a[0] != '-' || a == "-") {
            positionals_.push_back(a);
            continue;
        }
        if (a == "--") {
            options_done = true;
            continue;
        }
        std::string name = a;
        std::string inline_value;
        bool has_inline = false;
        if (const auto eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
            name = a.substr(0, eq);
            inline_value = a.substr(eq + 1);
            has_inline = true;
        }
        if (spec.flags.count(name) != 0) {
            if (has_inline) throw UsageError(name + " takes no value");
            flags_.insert(name);
        } else if (spec.valued.count(name) != 0) {
            std::string v;
            if (has_inline) {
                v = inline_value;
            } else if (i + 1 < argv.size()) {
                v = argv[++i];
            } else {
                throw UsageError(name + " needs a value");
            }
            auto& slot = values_[name];
            if (!slot.empty() && spec.repeatable.count(name) == 0) throw UsageError(name + " given more than once");
            slot.push_back(v);
        } else {
            throw UsageError("unknown option " + name);
        }
    }
}

std::string Args::value(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) throw UsageError(name + " is required");
    return it->second.front();
}

std::string Args::value_or(const std::string& name, const std::string& fallback) const {
    const auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second.front();
}

std::vector<std::string> Args::values(const std::string& name) const {
    const auto it = values_.find(name);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

long parse_positive(const std::string& text, const std::string& option) {
    std::size_t used = 0;
    long value = 0;
    try {
        value = std::stol(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || value <= 0) throw UsageError(option + " takes a positive whole number");
    return value;
}

namespace {

std::string read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot open " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

MessageBody read_message_body(const Args& args) {
    const int bodies = static_cast<int>(args.has("--text")) + static_cast<int>(args.has("--html-file")) +
                       static_cast<int>(args.has("--raw-file"));
    if (bodies != 1) throw UsageError("give exactly one of --text, --html-file, --raw-file");
    MessageBody body;
    if (args.has("--raw-file")) {
        body.raw = read_whole(args.value("--raw-file"));
        return body;
    }
    body.subject = args.value("--subject");
    body.text = args.value_or("--text", "");
    if (args.has("--html-file")) body.html = read_whole(args.value("--html-file"));
    return body;
}

}  // namespace mwctl
