# SPDX-License-Identifier: ISC
# --loudness: every preset lands within 0.5 LU of -16 and of -23 LUFS with
# its true peak at most -1 dBTP, both measured from the written file with
# libebur128; the true-peak limiter leaves a session whose plain gain fits
# exactly as gain times input; the same render twice gives the same bytes.
. "$(dirname "$0")/test_render_lib.sh"

# abs(a - b) <= tol
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }

mapfile -t presets < <("$RENDER" --list-presets | cut -f1)
check "there are presets to render (${#presets[@]})" [ "${#presets[@]}" -ge 8 ]
for target in -16 -23; do
	for preset in "${presets[@]}"; do
		render --preset "$preset" --duration 60s --loudness $target -o preset.wav
		read -r lufs peak < <("$PROBE" loudness preset.wav)
		took=$(grep -o 'took [0-9.]* dB' last.err || echo "idle")
		check "$preset at $target: $lufs LUFS, true peak $peak dBTP (limiter: $took)" \
			eval 'near "$lufs" $target 0.5 && below "$peak" -1.0'
	done
done

# A session whose plain gain keeps its peaks low: the limiter stays idle,
# and the file is the plain render times the gain, sample for sample.
IDLE=(--rate 44100 --duration 30s --preset "Box breathing" --bits 32f)
render "${IDLE[@]}" -o plain.wav
render "${IDLE[@]}" --loudness -23 -o idle.wav
check "an idle limiter: $(grep -o 'limiter did not act' last.err)" grep -q "did not act" last.err
check "the file is the plain render times $("$PROBE" scaled plain.wav idle.wav)" \
	"$PROBE" scaled plain.wav idle.wav

# A tap-heavy session the limiter works on: it says how much and how long,
# and the file is the same twice over.
TAPS=(--duration 30s --preset "BLS 1.2 Hz chimes" --loudness -16)
render "${TAPS[@]}" -o taps1.wav
check "it reports what it did: $(grep -o 'took.*time' last.err)" \
	grep -Eq 'took [1-9][0-9.]* dB off the loudest peak and was limiting .* [0-9.]+ % of the time' \
	last.err
render "${TAPS[@]}" -o taps2.wav
check "the same render twice gives the same bytes" cmp -s taps1.wav taps2.wav

# 16-bit FLAC (quantised after the limiter) still within bounds.
render --duration 40s --set fade_in=0 --loudness -16 -o l16.flac --bits 16
read -r lufs peak < <("$PROBE" loudness l16.flac)
check "--loudness -16 to 16-bit FLAC gives $lufs LUFS, $peak dBTP" \
	eval 'near "$lufs" -16 0.5 && below "$peak" -1.0'

# Sharp, loud cues over silence: -6 LUFS would take more limiting than is
# allowed, so the true peak stays at -1 dBTP, it lands short, and says so.
LOUD=(--rate 48000 --duration 20s --set fade_in=0 --set drone_level=-60 --set cue_sound=Click
      --set cue_level=0 --set gaze_rate=0.5)
"$RENDER" "${LOUD[@]}" --loudness -6 -o peak.wav 2> peak.err
read -r lufs peak < <("$PROBE" loudness peak.wav)
check "the true peak stays under -1 dBTP ($peak measured; $lufs LUFS)" below "$peak" -1.0
check "it says the target was out of reach: $(grep -o 'not -6.0.*limiting' peak.err)" \
	grep -q "not -6.0: more would take over 10 dB of limiting" peak.err
check "normalising renders several times yet writes once: no stray files" \
	bash -c '[ "$(ls -A | grep -c tmp)" = 0 ]'
finish
