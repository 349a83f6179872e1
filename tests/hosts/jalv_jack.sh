#!/bin/bash
# SPDX-License-Identifier: ISC
# jalv on JACK: a dummy JACK server, console jalv with controls set by -c,
# its outputs connected and recorded by jack_capture; a preset applied
# halfway through from jalv's stdin.  The recording must alternate at 1 Hz
# before the preset and at the preset's 1.2 Hz after it; jalv must list the
# bundle's presets and show the preset's values.
# Usage: jalv_jack.sh CHECKER BUNDLE   (LV2_PATH must find the bundle)
source "$(dirname "$0")/lib.sh"
checker=$1
bundle=$2
uri=https://somascape.dev/lv2/somascape
preset=$uri/presets#bls-1-2hz-chimes
need jackd jalv jack_capture jack_connect jack_lsp jack_wait

start_jack 256

# jalv exits when its stdin closes: feed it from a fifo we hold open (fd 3).
mkfifo "$work/jalv.in"
exec 3<>"$work/jalv.in"
timeout 60 jalv -x -n somascape -c gaze_mode=2 -c gaze_space=1 -c gaze_rate=1 \
	-c fade_in=0 -c drone_level=-60 -c cue_decay=0.15 "$uri" \
	<"$work/jalv.in" >"$work/jalv.out" 2>&1 3>&- &
started
jalv_pid=$!
if ! wait_until 10 has_port somascape:out_r; then
	cat "$work/jalv.out"
	fail "jalv did not make its ports"
fi
jack_connect somascape:out_l system:playback_1 || fail "cannot connect out_l"
jack_connect somascape:out_r system:playback_2 || fail "cannot connect out_r"

timeout 30 jack_capture -d 12 -f wav --port somascape:out_l --port somascape:out_r \
	"$work/recording.wav" >"$work/capture.log" 2>&1 3>&- &
started
capture_pid=$!
sleep 6
# jalv 1.6's console applies a preset only once "presets" has loaded the
# presets' data (it lives in presets.ttl, read on demand through rdfs:seeAlso).
echo presets >&3
echo "preset $preset" >&3
sleep 1
echo controls >&3
if ! wait_exit 20 "$capture_pid"; then
	fail "jack_capture did not finish its 12 s"
fi
exec 3>&-
wait_exit 10 "$jalv_pid" || fail "jalv did not exit when its stdin closed"

echo "--- jalv's presets and the controls the preset sets"
grep -E 'presets#|^(> )?(gaze_rate|cue_sound) = ' "$work/jalv.out"
echo "---"
# Every preset of the bundle listed, the preset's values applied.
want=$(grep -c 'a pset:Preset' "$bundle/manifest.ttl")
listed=$(grep -c "$uri/presets#[^ ]* (" "$work/jalv.out")
[ "$listed" -eq "$want" ] || fail "jalv listed $listed presets, the bundle has $want"
grep -qx 'gaze_rate = 1.200000' "$work/jalv.out" || fail "the preset did not set gaze_rate 1.2"
grep -qx 'cue_sound = 2.000000' "$work/jalv.out" || fail "the preset did not set cue_sound 2"
grep -qx 'drone_level = -60.000000' "$work/jalv.out" || fail "-c drone_level=-60 not applied"

# Before the preset (0-6 s): 1 Hz; after it (about 6.1 s on): 1.2 Hz.
"$checker" "$work/recording.wav" 0.5 5.5 1.0 7.5 11.8 1.2 || fail "the recording is wrong"
echo "jalv on JACK: ok"
