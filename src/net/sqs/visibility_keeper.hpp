// Keeps a received batch invisible while the host's sink works on it: every
// half of the visibility timeout, one ChangeMessageVisibilityBatch sets the
// batch's visibility to the full timeout again, so SQS does not hand the
// messages to another consumer meanwhile. Runs on the caller's I/O thread.
#pragma once

#include "net/aws/service_caller.hpp"

#include <mailwarden/sqs/error.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mailwarden::sqs {

class VisibilityKeeper {
public:
    struct Outcome {
        std::size_t extensions = 0;   ///< calls that succeeded (entries that failed aside)
        std::optional<Error> error;   ///< the last failure: a whole call, or an entry
    };

    /// Starts at once: the first extension goes after half of `visibility`.
    VisibilityKeeper(std::shared_ptr<aws::ServiceCaller> caller, std::string queue_url,
                     std::vector<std::string> receipt_handles, std::chrono::seconds visibility);
    /// Stops (see stop()) unless stopped already.
    ~VisibilityKeeper();
    VisibilityKeeper(const VisibilityKeeper&) = delete;
    VisibilityKeeper& operator=(const VisibilityKeeper&) = delete;

    /// No extension starts after this; waits for one in flight to end.
    /// Not on the caller's I/O thread.
    Outcome stop();

private:
    struct State;
    std::shared_ptr<State> state_;
    bool stopped_ = false;
};

}  // namespace mailwarden::sqs
