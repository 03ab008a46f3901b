#!/usr/bin/env bash
# The spamd client next to spamc on the same message and the same spamd
# (one child, offline, started by tests/integration/content/run-with-spamd.sh):
# messages per second, one at a time. spamc is started once per message, as
# a mail filter runs it.
# Usage: tests/bench/run_spamd_bench.sh [BUILD_DIR] [COUNT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build/dev}"
count="${2:-50}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A newsletter-sized message (about 6 KB).
{
    printf 'From: Example News <news@example.com>\r\nTo: reader@example.net\r\nSubject: December news\r\n'
    printf 'Date: Thu, 03 Dec 2026 07:00:00 +0000\r\nMessage-ID: <bench@example.com>\r\nMIME-Version: 1.0\r\n'
    printf 'Content-Type: text/plain; charset=utf-8\r\n\r\n'
    for _ in $(seq 80); do printf 'Our December programme is out: concerts, talks and the winter market.\r\n'; done
} >"$work/message.eml"

cat >"$work/both.sh" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
host="\${MW_TEST_SPAMD%:*}" port="\${MW_TEST_SPAMD##*:}"
taskset -c 0 "$build/tests/bench/bench_spamd" "\$MW_TEST_SPAMD" "$work/message.eml" "$count"
start=\$(date +%s.%N)
for _ in \$(seq $count); do taskset -c 0 /usr/bin/spamc -d "\$host" -p "\$port" -c <"$work/message.eml" >/dev/null || true; done
end=\$(date +%s.%N)
/usr/bin/python3 -c "import sys; n, t = int(sys.argv[1]), float(sys.argv[3]) - float(sys.argv[2]); print('spamc -c: %d messages: %.1f messages/s, mean %.1f ms' % (n, n / t, 1000 * t / n))" $count \$start \$end
SCRIPT
chmod +x "$work/both.sh"
"$root/tests/integration/content/run-with-spamd.sh" -- "$work/both.sh"
