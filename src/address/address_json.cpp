// JSON form of an address check, shared by the C ABI, the bindings and mwctl.
#include <mailwarden/address.hpp>

#include <boost/json.hpp>

namespace mailwarden {

std::string to_json(std::string_view input, const AddressCheck& check) {
    boost::json::object o;
    o["address"] = input;
    o["normalized"] = check.normalized();
    o["valid"] = check.valid();
    o["verdict"] = to_string(check.verdict());
    o["reason"] = to_string(check.reason());
    o["message"] = check.message();
    o["local_part"] = check.local_part();
    o["domain"] = check.domain();
    o["role"] = check.role();
    o["noreply"] = check.noreply();
    o["special_use"] = check.special_use();
    o["quoted_local"] = (check.flags() & flag_quoted_local) != 0;
    o["address_literal"] = (check.flags() & flag_address_literal) != 0;
    o["idn"] = check.idn();
    return boost::json::serialize(o);
}

}  // namespace mailwarden
