#!/usr/bin/env bash
# The public C++ headers are layered: a domain header never pulls in the
# network (net/, sns_http.hpp), the SES client (ses/), SQS (sqs/, sqs.hpp) or Boost, and the C headers compile
# on their own. Usage: check_layering.sh CXX CC INCLUDE_DIR
set -euo pipefail
cxx="$1" cc="$2" include="$3"
failed=0 passed=0

domain_headers=(address.hpp sender.hpp verification.hpp store.hpp transport.hpp channel.hpp
                domain_auth.hpp spf.hpp dns.hpp sns.hpp bounce.hpp bounce_tracker.hpp feedback_store.hpp feedback_endpoint.hpp
                list_clean.hpp subscriber_store.hpp stores.hpp subscriber_lists.hpp message_auth.hpp dkim_sign.hpp readiness.hpp content_check.hpp content_policy.hpp error.hpp result.hpp clock.hpp version.hpp)
for h in "${domain_headers[@]}"; do
    deps=$(echo "#include <mailwarden/$h>" | "$cxx" -std=c++20 -I "$include" -x c++ -M - 2>&1) || {
        echo "FAIL: mailwarden/$h does not compile on its own"; failed=$((failed + 1)); continue; }
    network='mailwarden/(net|ses|sqs)/|mailwarden/(sqs|sns_http)\.hpp|/boost/'
    if grep -Eq "$network" <<<"$deps"; then
        echo "FAIL: mailwarden/$h includes $(grep -Eo "[^ ]*($network)[^ ]*" <<<"$deps" | head -1)"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
done

for h in "$include"/mailwarden/*.h "$include"/mailwarden.h; do
    name=${h#"$include"/}
    if printf "#include <%s>\ntypedef int mw_nonempty_unit;\n" "$name" | "$cc" -std=c99 -pedantic -Wall -Wextra -Werror -I "$include" -x c -fsyntax-only - ; then
        passed=$((passed + 1))
    else
        echo "FAIL: $name does not compile on its own as C99"; failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
