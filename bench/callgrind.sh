#!/bin/sh
# SPDX-License-Identifier: ISC
# Instructions per stereo frame of the plugin through lilv, at 48 kHz and
# block 256, counted by valgrind's callgrind: repeatable where timings are
# not.  The count of a 0 s run (loading, instantiating) is subtracted.
#   bench/callgrind.sh [BUILD_DIR] [SECONDS]
set -e
build=${1:-build}
seconds=${2:-10}
export LV2_PATH="$(cd "$build" && pwd)/lv2:/usr/lib/lv2"
count() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$build/bench/bench_plugin" --once "$1" "$2" 2>&1 |
		sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
frames=$(awk "BEGIN { print int(48000 * $seconds / 256) * 256 }")
printf '%-10s %s\n' setting "instructions per frame"
for key in gaze defaults all ocean heaviest; do
	full=$(count "$key" "$seconds")
	empty=$(count "$key" 0)
	awk -v k="$key" -v a="$full" -v b="$empty" -v f="$frames" \
		'BEGIN { printf "%-10s %.1f\n", k, (a - b) / f }'
done
