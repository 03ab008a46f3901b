#include "message/dkim/key_cache.hpp"

namespace mailwarden::message_detail {

std::optional<auth::DkimKey> KeyCache::parse(const std::string& record, auth::DkimKeyError& error) {
    {
        const std::lock_guard lock(mutex_);
        if (const auto it = keys_.find(record); it != keys_.end()) return it->second;
    }
    auto key = auth::parse_dkim_key(record, error);  // outside the lock: it is the slow part
    if (!key || capacity_ == 0) return key;
    const std::lock_guard lock(mutex_);
    if (keys_.try_emplace(record, *key).second) {
        order_.push_back(record);
        if (order_.size() > capacity_) {
            keys_.erase(order_.front());
            order_.pop_front();
        }
    }
    return key;
}

}  // namespace mailwarden::message_detail
