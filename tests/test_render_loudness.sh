# SPDX-License-Identifier: ISC
# --loudness: within 0.5 LU of the target, and the true peak kept at -1 dBTP.
. "$(dirname "$0")/test_render_lib.sh"
# A drone-led session: sparse taps alone cannot reach -16 LUFS under -1 dBTP.
BASE=(--rate 48000 --duration 40s --set fade_in=0 --set cue_level=-24)

# abs(a - b) <= tol
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

for target in -16 -23; do
	render "${BASE[@]}" --loudness $target -o l$target.wav
	read -r lufs peak < <("$PROBE" loudness l$target.wav)
	check "--loudness $target gives $lufs LUFS (peak $peak dBTP)" near "$lufs" "$target" 0.5
done
render "${BASE[@]}" --loudness -16 -o l16.flac --bits 16
read -r lufs peak < <("$PROBE" loudness l16.flac)
check "--loudness -16 to 16-bit FLAC gives $lufs LUFS" near "$lufs" -16 0.5

# Sharp, loud cues over silence: -6 LUFS would need the peaks above 0 dBFS,
# so the gain is reduced to keep the true peak at -1 dBTP, and it says so.
LOUD=(--rate 48000 --duration 20s --set fade_in=0 --set drone_level=-60 --set cue_sound=Click
      --set cue_level=0 --set gaze_rate=0.5)
"$RENDER" "${LOUD[@]}" --loudness -6 -o peak.wav 2> peak.err
read -r lufs peak < <("$PROBE" loudness peak.wav)
check "the true peak stays at -1 dBTP ($peak measured)" below "$peak" -0.9
check "it says the gain was reduced" grep -q "reduced to keep the true peak" peak.err
check "normalising renders twice yet writes once: no stray files" \
	bash -c '[ "$(ls -A | grep -c tmp)" = 0 ]'
finish
