#include "message/arc/arc_result.hpp"

namespace mailwarden::message_detail {

std::string_view to_string(ArcStatus status) noexcept {
    switch (status) {
        case ArcStatus::none: return "none";
        case ArcStatus::pass: return "pass";
        case ArcStatus::fail: return "fail";
    }
    return "fail";
}

std::string_view to_string(ArcReason reason) noexcept {
    switch (reason) {
        case ArcReason::none: return "none";
        case ArcReason::no_arc: return "no_arc";
        case ArcReason::structure_instance: return "structure_instance";
        case ArcReason::structure_duplicate: return "structure_duplicate";
        case ArcReason::structure_incomplete: return "structure_incomplete";
        case ArcReason::too_many: return "too_many";
        case ArcReason::cv_fail: return "cv_fail";
        case ArcReason::instance_gap: return "instance_gap";
        case ArcReason::structure_cv: return "structure_cv";
        case ArcReason::ams_fail: return "ams_fail";
        case ArcReason::as_fail: return "as_fail";
    }
    return "as_fail";
}

ArcStatus status_of(ArcReason reason) noexcept {
    if (reason == ArcReason::none) return ArcStatus::pass;
    if (reason == ArcReason::no_arc) return ArcStatus::none;
    return ArcStatus::fail;
}

}  // namespace mailwarden::message_detail
