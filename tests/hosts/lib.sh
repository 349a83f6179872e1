# SPDX-License-Identifier: ISC
# Shared by the real-host tests: a temporary folder, processes started in
# the background and stopped by PID on exit, bounded waits, clean failures.
set -u

work=$(mktemp -d "${TMPDIR:-/tmp}/somascape-host.XXXXXX")
started_pids=()

# Stops every process we started, newest first: TERM, then KILL after 3 s.
stop_started() {
	local i pid
	for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do
		pid=${started_pids[i]}
		kill -TERM "$pid" 2>/dev/null || continue
		for _ in $(seq 30); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	started_pids=()
}

cleanup() {
	stop_started
	if [ "${KEEP_WORK:-0}" = 1 ]; then
		echo "kept $work"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
	echo "FAIL: $*"
	exit 1
}

# Remembers the PID of the background job just started.
started() {
	started_pids+=("$!")
}

# wait_until SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds.
wait_until() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}

# wait_exit SECONDS PID: waits for a process of ours to end, 1 if it did
# not; its exit status is left in exit_status.
exit_status=
wait_exit() {
	local deadline=$((SECONDS + $1))
	while kill -0 "$2" 2>/dev/null; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.1
	done
	wait "$2" 2>/dev/null
	exit_status=$?
	return 0
}

need() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || fail "$tool is not installed (tools/install-deps.sh installs it)"
	done
}

# JACK runs without real-time scheduling here; as root its server and
# clients run at a higher priority, so that other work on the machine
# costs fewer of its cycles.
jack_nice=""
if [ "$(id -u)" = 0 ]; then
	jack_nice="nice -n -10"
fi

# start_jack PERIOD: a dummy JACK server at 48 kHz of our own (so parallel
# runs and a user's JACK don't clash), its log in $work/jackd.log.
start_jack() {
	export JACK_DEFAULT_SERVER=somascape-test-$$-$RANDOM
	export JACK_NO_AUDIO_RESERVATION=1
	$jack_nice timeout 120 jackd -n "$JACK_DEFAULT_SERVER" --no-realtime -d dummy -r 48000 -p "$1" \
		>"$work/jackd.log" 2>&1 &
	started
	if ! timeout 10 jack_wait -w -t 8 >/dev/null 2>&1; then
		cat "$work/jackd.log"
		fail "JACK did not start"
	fi
}

# has_port NAME: JACK has a port of that name.
has_port() {
	jack_lsp | grep -qx "$1"
}
