#!/bin/sh
# SPDX-License-Identifier: ISC
# One hour of session (the defaults) rendered by somascape-render to
# nothing (--null: plugin and host alone), to WAV and to FLAC: wall-clock
# seconds and times real time.
#   bench/render_speed.sh [BUILD_DIR] [SECONDS]
set -e
build=${1:-build}
seconds=${2:-3600}
export LV2_PATH="$(cd "$build" && pwd)/lv2:/usr/lib/lv2"
render="$build/host-test/somascape-render"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for name in nothing wav flac; do
	if [ "$name" = nothing ]; then set -- --null; else set -- -o "$dir/session.$name"; fi
	start=$(date +%s.%N)
	"$render" --duration "$seconds" "$@"
	end=$(date +%s.%N)
	awk -v n="$name" -v s="$start" -v e="$end" -v len="$seconds" \
		'BEGIN { printf "%-8s %6.2f s  %6.0fx real time\n", n, e - s, len / (e - s) }'
done
