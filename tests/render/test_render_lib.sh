# SPDX-License-Identifier: ISC
# Shared by the test_render_*.sh scripts: arguments, a scratch directory,
# and checks that count failures instead of stopping at the first.
# Usage of a test: bash test_render_X.sh RENDER_BINARY PROBE_BINARY SOURCE_DIR
set -u
RENDER=$1
PROBE=$2
SRC=$3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/render-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
failures=0

pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }

# check WHAT COMMAND...: passes if the command succeeds.  One command:
# conditions joined by && go in `eval '...'` or a function, or the shell
# runs all but the first outside the check, which then cannot fail on them.
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# check_memory WHAT SHORT_KIB LONG_KIB: the longer render's peak resident
# set within 10 % of the shorter's.  Not compared under AddressSanitizer
# (SOMASCAPE_SANITIZED=1), whose quarantine of freed memory grows with the
# work done: there it is only printed.
check_memory() {
	local what=$1 short=$2 long=$3
	if [ "${SOMASCAPE_SANITIZED:-0}" = 1 ]; then
		echo "note $what: $long KiB peak against $short KiB, not compared under AddressSanitizer"
		return
	fi
	check "$what: $long KiB peak against $short KiB (within 10 %)" eval \
		'[ -n "$short" ] && [ -n "$long" ] && [ "$short" -gt 0 ] &&
		 [ $((long * 10)) -le $((short * 11)) ] && [ $((long * 10)) -ge $((short * 9)) ]'
}

# render ARGS...: a quiet render that must succeed.
render() {
	"$RENDER" "$@" 2> "$WORK/last.err" || { cat "$WORK/last.err"; return 1; }
}

# expect_error WHAT STATUS PATTERN ARGS...: the render exits with STATUS, its
# message matches PATTERN (grep -E), and no file at all is left in out/.
expect_error() {
	local what=$1 status=$2 pattern=$3
	shift 3
	expect_failure "$what" "$status" "$pattern" "$RENDER" "$@"
}

# expect_failure WHAT STATUS PATTERN COMMAND...: the same for any command.
expect_failure() {
	local what=$1 status=$2 pattern=$3
	shift 3
	rm -rf "$WORK/out" && mkdir "$WORK/out"
	"$@" > /dev/null 2> "$WORK/last.err"
	local got=$?
	local left
	left=$(ls -A "$WORK/out")
	if [ "$got" -ne "$status" ]; then
		fail "$what: exit $got, not $status: $(cat "$WORK/last.err")"
	elif ! grep -Eq -- "$pattern" "$WORK/last.err"; then
		fail "$what: message '$(cat "$WORK/last.err")' does not match '$pattern'"
	elif [ -n "$left" ]; then
		fail "$what: left files behind: $left"
	else
		pass "$what ($(head -1 "$WORK/last.err"))"
	fi
}

# frames FILE / format FILE: from the probe's "rate channels frames c s".
info_field() { "$PROBE" info "$1" | cut -d' ' -f"$2"; }

finish() {
	if [ "$failures" -eq 0 ]; then
		echo "all passed"
		exit 0
	fi
	echo "$failures failed"
	exit 1
}
