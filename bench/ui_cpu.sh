#!/bin/bash
# SPDX-License-Identifier: ISC
# The plugin window's share of a core at 60 frames a second (bench_ui),
# under an Xvfb of its own: the window alone, at a HiDPI scale of 2, and
# with the projector open full screen (1920x1080).
#   bench/ui_cpu.sh BUILD_DIR [SECONDS]
set -eu
build=${1:?usage: bench/ui_cpu.sh BUILD_DIR [SECONDS]}
seconds=${2:-20}
work=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
	[ -s "$work/display" ] && break
	sleep 0.1
done
export DISPLAY=":$(cat "$work/display")"
export LV2_PATH=$build/lv2
for args in "" "--scale 2" "--projector"; do
	# shellcheck disable=SC2086
	"$build/bench/bench_ui" --seconds "$seconds" --server-pid "$xvfb" $args
done
