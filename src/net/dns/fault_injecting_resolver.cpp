#include "net/dns/fault_injecting_resolver.hpp"

#include "net/dns/name.hpp"

namespace mailwarden::dns {

FaultInjectingResolver::FaultInjectingResolver(std::shared_ptr<Resolver> inner) : inner_(std::move(inner)) {}

void FaultInjectingResolver::fail(std::string_view name, RecordType type, Status status) {
    const std::lock_guard lock(mutex_);
    faults_[{detail::normalize_name(name), type}] = status;
}

void FaultInjectingResolver::fail_all_types(std::string_view name, Status status) {
    const std::lock_guard lock(mutex_);
    faults_[{detail::normalize_name(name), std::nullopt}] = status;
}

void FaultInjectingResolver::clear() {
    const std::lock_guard lock(mutex_);
    faults_.clear();
}

std::size_t FaultInjectingResolver::injected() const {
    const std::lock_guard lock(mutex_);
    return injected_;
}

std::optional<Answer> FaultInjectingResolver::fault_for(std::string_view name, RecordType type) {
    auto key = std::make_pair(detail::normalize_name(name), std::optional<RecordType>(type));
    const std::lock_guard lock(mutex_);
    auto found = faults_.find(key);
    if (found == faults_.end()) {
        key.second.reset();
        found = faults_.find(key);
        if (found == faults_.end()) return std::nullopt;
    }
    ++injected_;
    Answer answer;
    answer.status = found->second;
    return answer;
}

Answer FaultInjectingResolver::query(std::string_view name, RecordType type) {
    if (auto fault = fault_for(name, type)) return std::move(*fault);
    return inner_->query(name, type);
}

void FaultInjectingResolver::async_query(std::string name, RecordType type, std::function<void(Answer)> done) {
    if (auto fault = fault_for(name, type)) {
        done(std::move(*fault));
        return;
    }
    inner_->async_query(std::move(name), type, std::move(done));
}

}  // namespace mailwarden::dns
