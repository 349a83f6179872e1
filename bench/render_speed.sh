#!/bin/bash
# SPDX-License-Identifier: ISC
# One hour of session (the defaults) rendered by somascape-render to
# nothing (--null: plugin and host alone), to WAV and to FLAC: wall-clock
# seconds, times real time, CPU seconds (user + system, both threads: on a
# loaded machine they say more than the wall clock) and the file's size.
#   bench/render_speed.sh [BUILD_DIR] [SECONDS]
set -e
build=${1:-build}
seconds=${2:-3600}
export LV2_PATH="$(cd "$build" && pwd)/lv2:/usr/lib/lv2"
render="$build/host-test/somascape-render"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
TIMEFORMAT='%R %U %S'
for name in nothing wav flac; do
	if [ "$name" = nothing ]; then set -- --null; else set -- -o "$dir/session.$name"; fi
	# the render's own messages (the progress bar) to the terminal, the times to a file
	{ time "$render" --duration "$seconds" "$@" 2>&3; } 3>&2 2> "$dir/time"
	bytes=$([ "$name" = nothing ] && echo 0 || stat -c %s "$dir/session.$name")
	read -r wall user sys < "$dir/time"
	awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v len="$seconds" -v b="$bytes" \
		'BEGIN { printf "%-8s %6.2f s  %6.0fx real time  CPU %6.2f s", n, w, len / w, u + s;
		         if (b > 0) printf "  %7.1f MB", b / 1e6; printf "\n" }'
done
