#!/usr/bin/env bash
# Content checks of a 24 KB newsletter with 30 links, ours (check_content,
# blocklist answers from memory) next to SpamAssassin's (spamc to one offline
# spamd child started by tests/integration/content/run-with-spamd.sh) on the
# same message, one core each.
# Usage: tests/bench/run_content_check_bench.sh [BUILD_DIR] [SECONDS] [SPAMC_COUNT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
seconds="${2:-2}"
count="${3:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

taskset -c 0 "$build/tests/bench/bench_content_check" "$work/message.eml" --seconds "$seconds"
cat >"$work/spamc.sh" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
host="\${MW_TEST_SPAMD%:*}" port="\${MW_TEST_SPAMD##*:}"
start=\$(date +%s.%N)
for _ in \$(seq $count); do taskset -c 0 /usr/bin/spamc -d "\$host" -p "\$port" -c <"$work/message.eml" >/dev/null || true; done
end=\$(date +%s.%N)
/usr/bin/python3 -c "import sys; n, t = int(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2]); print('SpamAssassin (spamc -c): %d messages: %.1f messages/s (%.1f ms each)' % (n, n / t, 1000 * t / n))" $count \$start \$end
SCRIPT
chmod +x "$work/spamc.sh"
"$root/tests/integration/content/run-with-spamd.sh" -- "$work/spamc.sh"
