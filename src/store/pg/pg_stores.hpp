// The PostgreSQL stores, over one connection pool.
#pragma once

#include "store/pg/pg_pool.hpp"

#include <mailwarden/feedback_store.hpp>
#include <mailwarden/store.hpp>
#include <mailwarden/subscriber_store.hpp>

#include <memory>

namespace mailwarden::store::pg {

std::shared_ptr<SenderStore> make_sender_store(std::shared_ptr<Pool> pool);
std::shared_ptr<FeedbackStore> make_feedback_store(std::shared_ptr<Pool> pool);
std::shared_ptr<SubscriberStore> make_subscriber_store(std::shared_ptr<Pool> pool);

}  // namespace mailwarden::store::pg
