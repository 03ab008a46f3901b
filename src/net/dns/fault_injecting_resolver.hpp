// A Resolver decorator for tests: chosen questions fail (time out, SERVFAIL,
// or any other status) without reaching the inner resolver; the rest pass.
#pragma once

#include <mailwarden/dns.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace mailwarden::dns {

class FaultInjectingResolver final : public Resolver {
public:
    explicit FaultInjectingResolver(std::shared_ptr<Resolver> inner);

    /// From now on (name, type) answers `status` with no records and TTL 0.
    /// Names are compared after normalisation (case, trailing dot).
    void fail(std::string_view name, RecordType type, Status status);
    /// The same for every type asked at `name`.
    void fail_all_types(std::string_view name, Status status);
    /// Back to passing every question through.
    void clear();
    /// How many answers were made up so far.
    std::size_t injected() const;

    Answer query(std::string_view name, RecordType type) override;
    /// Made-up answers complete inline, on the calling thread.
    void async_query(std::string name, RecordType type, std::function<void(Answer)> done) override;

private:
    std::optional<Answer> fault_for(std::string_view name, RecordType type);

    std::shared_ptr<Resolver> inner_;
    mutable std::mutex mutex_;
    // Key: normalised name and type; no type: every type.
    std::map<std::pair<std::string, std::optional<RecordType>>, Status> faults_;
    std::size_t injected_ = 0;
};

}  // namespace mailwarden::dns
