#include "message/arc/arc_sets.hpp"

#include "message/auth_results/parser.hpp"

#include "auth/tag_list.hpp"

#include <map>
#include <optional>

namespace mailwarden::message_detail {

namespace {

using auth::iequals;

// 1*DIGIT without leading sign; anything longer than 9 digits is far above 50 anyway.
std::optional<unsigned> instance_number(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    unsigned v = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    return v;
}

// What gathering needs of one ARC field: its instance, and a seal's cv=.
struct FieldFacts {
    std::optional<unsigned> instance;
    std::string cv;
    ArcAuthResults results;
};

FieldFacts read_field(std::size_t ArcSet::*slot, std::string_view value) {
    FieldFacts out;
    if (slot == &ArcSet::results) {
        out.results = parse_arc_auth_results(value);
        out.instance = out.results.instance;
        return out;
    }
    auth::TagListError error;
    const auto tags = auth::parse_tag_list(value, error);
    if (!tags) return out;
    if (const auto* i = auth::find_tag(*tags, "i")) out.instance = instance_number(i->value);
    if (const auto* cv = auth::find_tag(*tags, "cv")) out.cv = cv->value;
    return out;
}

std::size_t ArcSet::*slot_named(std::string_view name) {
    if (iequals(name, "ARC-Authentication-Results")) return &ArcSet::results;
    if (iequals(name, "ARC-Message-Signature")) return &ArcSet::message_signature;
    if (iequals(name, "ARC-Seal")) return &ArcSet::seal;
    return nullptr;
}

class Gathering {
public:
    void problem(ArcReason reason, std::string detail) {
        if (chain_.problem != ArcReason::none) return;  // the first one found is reported
        chain_.problem = reason;
        chain_.detail = std::move(detail);
    }

    void add(const RawField& field, std::size_t index) {
        const auto slot = slot_named(field.name);
        if (slot == nullptr) return;
        const std::string name(field.name);
        FieldFacts facts = read_field(slot, field.text.substr(field.text.find(':') + 1));
        if (!facts.instance || *facts.instance == 0) return problem(ArcReason::structure_instance, name + " has no readable i=");
        const unsigned n = *facts.instance;
        if (n > max_arc_instance) return problem(ArcReason::too_many, name + " has i=" + std::to_string(n) + ", above 50");
        ArcSet& set = sets_[n];
        set.instance = n;
        if (set.*slot != ArcSet::missing) return problem(ArcReason::structure_duplicate, "two " + name + " fields with i=" + std::to_string(n));
        set.*slot = index;
        if (slot == &ArcSet::results) set.parsed_results = std::move(facts.results);
        if (slot == &ArcSet::seal) set.cv = std::move(facts.cv);
    }

    ArcChain finish() {
        for (auto& [n, set] : sets_) chain_.sets.push_back(std::move(set));
        if (chain_.sets.empty()) problem(ArcReason::no_arc, "the message has no ARC fields");
        if (chain_.problem == ArcReason::none) check_structure();
        return std::move(chain_);
    }

private:
    void check_structure() {
        for (const ArcSet& s : chain_.sets)
            if (s.results == ArcSet::missing || s.message_signature == ArcSet::missing || s.seal == ArcSet::missing)
                return problem(ArcReason::structure_incomplete, "the ARC set i=" + std::to_string(s.instance) + " lacks a field");
        // Step 3: a sealer that saw a broken chain said so; nothing above it can mend that.
        if (iequals(chain_.sets.back().cv, "fail")) return problem(ArcReason::cv_fail, "the newest ARC-Seal says cv=fail");
        for (std::size_t k = 0; k < chain_.sets.size(); ++k)
            if (chain_.sets[k].instance != k + 1) return problem(ArcReason::instance_gap, "there is no ARC set i=" + std::to_string(k + 1));
        for (const ArcSet& s : chain_.sets) {
            const std::string_view expected = s.instance == 1 ? "none" : "pass";
            if (!iequals(s.cv, expected))
                return problem(ArcReason::structure_cv, "the ARC-Seal i=" + std::to_string(s.instance) + " says cv=" + s.cv +
                                                            ", not " + std::string(expected));
        }
    }

    ArcChain chain_;
    std::map<unsigned, ArcSet> sets_;
};

}  // namespace

ArcChain collect_arc_sets(const RawMessage& message) {
    Gathering gathering;
    for (std::size_t i = 0; i < message.fields.size(); ++i) gathering.add(message.fields[i], i);
    return gathering.finish();
}

}  // namespace mailwarden::message_detail
