#!/bin/bash
# SPDX-License-Identifier: ISC
# A session rendered by somascape-render --video to MP4 at 1280x720 (or
# the size given), 30 fps (one hour by default; a Sweep with the breath ring and captions, so
# every picture changes): wall-clock seconds and times real time, CPU
# seconds of the renderer and ffmpeg together (on a shared machine they say
# more than the wall clock), the peak resident set (VmHWM, read every
# second) of the renderer and of ffmpeg, and the file's size.
#   bench/video_speed.sh [BUILD_DIR] [SECONDS] [WIDTHxHEIGHT]
set -e
build=${1:-build}
seconds=${2:-3600}
size=${3:-1280x720}
export LV2_PATH="$(cd "$build" && pwd)/lv2:/usr/lib/lv2"
render="$build/host-test/somascape-render"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
TIMEFORMAT='%R %U %S'
hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status" 2> /dev/null || true; }
# the peaks so far, while the renderer runs (it never shrinks: the last
# reading is the peak but for the last second)
watch_peaks() {
	local child r f
	while kill -0 "$1" 2> /dev/null; do
		child=$(pgrep -n -x ffmpeg -P "$1" || true)
		r=$(hwm "$1") && [ -n "$r" ] && echo "$r" > "$dir/render_rss"
		[ -n "$child" ] && f=$(hwm "$child") && [ -n "$f" ] && echo "$f" > "$dir/ffmpeg_rss"
		sleep 1
	done
}
{ time {
	"$render" --duration "$seconds" --set gaze_mode=Sweep --set display_captions=1 \
		--video-size "$size" --video "$dir/session.mp4" 2>&3 &
	watch_peaks $!
	wait $!
}; } 3>&2 2> "$dir/time"
read -r wall user sys < "$dir/time"
awk -v w="$wall" -v u="$user" -v s="$sys" -v len="$seconds" -v rss="$(cat "$dir/render_rss")" \
	-v frss="$(cat "$dir/ffmpeg_rss")" -v b="$(stat -c %s "$dir/session.mp4")" \
	-v size="$size" \
	'BEGIN { printf "%.0f s to MP4 %s 30 fps: %.1f s wall (%.1fx real time), CPU %.1f s; " \
	                "peak RSS: renderer %d KiB, ffmpeg %d KiB; %.1f MB\n",
	                len, size, w, len / w, u + s, rss, frss, b / 1e6 }'
