#!/bin/bash
# SPDX-License-Identifier: ISC
# Whether this tree renders the same samples as another commit: every
# preset, the example scripts, and a set of sessions over every gaze mode,
# cue sound, drone timbre and voicing (and odd blocks and rates), rendered
# by both to 32-bit float WAV and compared byte for byte.  For changes that
# must not change the sound (a restructuring, a faster kernel).
#   tools/identity_check.sh BASE [BUILD_DIR] [SECONDS]
# BASE is a commit, built in a temporary worktree, or the build directory
# of another tree (with host-test/somascape-render in it).  BUILD_DIR holds
# this tree's build (default: build).  Exit 0 when every render is
# identical, 1 if not.
set -euo pipefail
base=${1:?usage: tools/identity_check.sh BASE_COMMIT [BUILD_DIR] [SECONDS]}
build=$(cd "${2:-build}" && pwd)
seconds=${3:-60}
root=$(git rev-parse --show-toplevel)
dir=$(mktemp -d)
cleanup() {
	git -C "$root" worktree remove --force "$dir/base" 2> /dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT

if [ -x "$base/host-test/somascape-render" ]; then
	base_build=$(cd "$base" && pwd)
else
	git -C "$root" worktree add --detach "$dir/base" "$base" > /dev/null 2>&1
	cmake -S "$dir/base" -B "$dir/base/build" > /dev/null
	cmake --build "$dir/base/build" -j2 --target somascape-render somascape somascape_ttl \
		somascape_presets > /dev/null
	base_build=$dir/base/build
fi

# render NAME ARGS...: one session by both builds, compared
same=0
differ=0
render() {
	local name=$1
	shift
	for side in base this; do
		local b=$build
		[ "$side" = base ] && b=$base_build
		LV2_PATH="$b/lv2" "$b/host-test/somascape-render" --duration "$seconds" --bits 32f \
			"$@" -o "$dir/$side.wav" 2> /dev/null
	done
	if cmp -s "$dir/base.wav" "$dir/this.wav"; then
		same=$((same + 1))
	else
		differ=$((differ + 1))
		echo "differs: $name"
	fi
}

while IFS=$'\t' read -r label _; do
	render "preset $label" --preset "$label"
done < <(LV2_PATH="$build/lv2" "$build/host-test/somascape-render" --list-presets)
for script in "$root"/host-test/examples/*.txt; do
	render "script $(basename "$script")" --script "$script" --duration "$seconds"
done
for mode in Sweep Alternate Hold Follow; do
	for sound in 0 1 2 3 4 5 6 7 8; do
		render "$mode, cue sound $sound at 80 Hz" --set gaze_mode=$mode --set cue_sound=$sound \
			--set cue_pitch=80 --set cue_decay=1.5 --set gaze_rate=2.5 --set gaze_hold=5
	done
done
for timbre in 0 1 2 3 4; do
	for voicing in 0 1 2 3 4 5 6; do
		render "timbre $timbre, voicing $voicing" --set drone_timbre=$timbre \
			--set drone_voicing=$voicing --set drone_bright=90 --set breath_in=3 \
			--set chime_mode=2 --set gaze_per_breath=1
	done
done
render "block 1 at 44.1 kHz" --block 1 --rate 44100 --set gaze_vary=30 --set set_length=20
render "block 4096 at 96 kHz" --block 4096 --rate 96000 --set gaze_space=1 --set chime_mode=1
render "session with its fades and end chime" --set session_len=0.5 --set fade_out=10 \
	--set chime_level=0
echo "identity with $base: $same renders of ${seconds} s identical, $differ differ"
[ "$differ" -eq 0 ]
