# SPDX-License-Identifier: ISC
# somascape-render's options, output formats, determinism and bad input.
. "$(dirname "$0")/test_render_lib.sh"
FAST=(--rate 8000 --duration 4s)

# --- listing
check "--help exits 0" bash -c '"$0" --help | grep -q "^Usage: somascape-render"' "$RENDER"
check "--list-params lists gaze_rate with its range, default and unit" \
	bash -c '"$0" --list-params | grep -Eq "^gaze_rate +0.05 \.\. 3 +1 +Hz"' "$RENDER"
check "--list-params lists the outputs" bash -c '"$0" --list-params | grep -q "^breath_stage"' "$RENDER"
check "--list-presets exits 0" bash -c '"$0" --list-presets > presets.txt' "$RENDER"
# a bundle of the same plugin with no presets at all
BARE="$WORK/bare/somascape.lv2"
REAL=$(for d in ${LV2_PATH//:/ }; do [ -f "$d/somascape.lv2/manifest.ttl" ] && echo "$d/somascape.lv2" && break; done)
mkdir -p "$BARE" && cp "$REAL"/somascape.so "$REAL"/somascape.ttl "$BARE"/
sed '/^@prefix pset/,$d' "$REAL/manifest.ttl" > "$BARE/manifest.ttl"
check "--list-presets with no presets exits 0 and lists none" \
	bash -c '[ -z "$(LV2_PATH=$1 "$0" --list-presets 2>/dev/null)" ]' "$RENDER" "$WORK/bare"
expect_failure "unknown preset with no presets says there are none" 2 "no presets installed" \
	env LV2_PATH="$WORK/bare" "$RENDER" "${FAST[@]}" --preset Nothing -o out/x.wav
# LV2_PATH with a relative folder, as the README writes it (lilv alone crashes on it)
check "a relative LV2_PATH finds the bundle" \
	bash -c 'cd "$1/.." && LV2_PATH=$(basename "$1") "$0" --rate 8000 --duration 1s --null' \
	"$RENDER" "$(dirname "$REAL")"

# --- options
render "${FAST[@]}" -o a.wav
check "default WAV: stereo, 24-bit, 4 s at 8000 Hz" [ "$("$PROBE" info a.wav)" = "8000 2 32000 wav pcm24" ]
check "WAV starts with RIFF" [ "$(head -c4 a.wav)" = RIFF ]
render --rate 44100 --duration 1s -o r.wav
check "--rate 44100" [ "$(info_field r.wav 1)" = 44100 ]
render "${FAST[@]}" --bits 16 -o b16.wav && render "${FAST[@]}" --bits 32f -o b32.wav
check "--bits 16" [ "$(info_field b16.wav 5)" = pcm16 ]
check "--bits 32f" [ "$(info_field b32.wav 5)" = float ]
render "${FAST[@]}" -o f.flac && render "${FAST[@]}" --bits 16 -o f16.flac
check "FLAC, 24-bit by default" [ "$("$PROBE" info f.flac)" = "8000 2 32000 flac pcm24" ]
check "FLAC starts with fLaC" [ "$(head -c4 f.flac)" = fLaC ]
check "FLAC --bits 16" [ "$(info_field f16.flac 5)" = pcm16 ]
render "${FAST[@]}" --bits 16 -o o.ogg
check "Ogg Vorbis, bits ignored" [ "$("$PROBE" info o.ogg | cut -d' ' -f1,2,4,5)" = "8000 2 ogg vorbis" ]
check "Ogg starts with OggS" [ "$(head -c4 o.ogg)" = OggS ]
for d in 90 90s 1.5m 1:30 0:01:30 1m30s; do
	render --rate 8000 --duration "$d" --set gaze_mode=Off --set drone_level=-60 -o d.flac
	check "--duration $d is 90 s" [ "$(info_field d.flac 3)" = 720000 ]
done
render "${FAST[@]}" --block 1 --bits 32f -o blk1.wav && render "${FAST[@]}" --block 8192 --bits 32f -o blk8192.wav
check "--block 1 and 8192 both render 4 s" [ "$(info_field blk1.wav 3)" = "$(info_field blk8192.wav 3)" ]
render "${FAST[@]}" --set level=-20 -o quiet.wav
check "--set level=-20 changes the sound" bash -c '! "$0" same a.wav quiet.wav 2>/dev/null' "$PROBE"
render "${FAST[@]}" --set gaze_mode=Hold -o hold1.wav && render "${FAST[@]}" --set gaze_mode=3 -o hold2.wav
check "--set takes enumeration labels (gaze_mode=Hold is 3)" cmp -s hold1.wav hold2.wav

# --- presets, by label and by URI
LABEL=$(head -1 presets.txt | cut -f1)
URI=$(head -1 presets.txt | cut -f2)
if [ -n "$LABEL" ]; then
	render "${FAST[@]}" --preset "$LABEL" -o p1.wav && render "${FAST[@]}" --preset "$URI" -o p2.wav
	check "--preset by label and by URI give the same file" cmp -s p1.wav p2.wav
	render "${FAST[@]}" --preset "$(echo "$LABEL" | tr '[:lower:]' '[:upper:]')" -o p3.wav
	check "--preset label in any case" cmp -s p1.wav p3.wav
fi

# --- determinism
# the breath-puff cue is noise drawn from the seed
SEEDED=(--rate 8000 --duration 20s --set gaze_vary=30 --set cue_sound=Breath\ puff)
for ext in wav flac; do
	render "${SEEDED[@]}" --seed 7 -o s7a.$ext && render "${SEEDED[@]}" --seed 7 -o s7b.$ext
	check "same --seed twice: identical $ext files" cmp -s s7a.$ext s7b.$ext
done
render "${SEEDED[@]}" --seed 7 -o s7a.ogg && render "${SEEDED[@]}" --seed 7 -o s7b.ogg
check "same --seed twice: identical Ogg audio" "$PROBE" same s7a.ogg s7b.ogg
render "${SEEDED[@]}" --seed 8 -o s8.wav
check "another --seed: another file" bash -c '! cmp -s s7a.wav s8.wav'

# --- bad input: exit status, message, and nothing left behind
OUTS=(--cues out/x.vtt --plot out/x.png)
expect_error "unknown preset lists the known ones" 2 "unknown preset 'Nope'.*\"" \
	"${FAST[@]}" --preset Nope -o out/x.wav "${OUTS[@]}"
expect_error "unknown symbol" 2 "unknown control 'gaze_rat'" \
	"${FAST[@]}" --set gaze_rat=1 -o out/x.wav "${OUTS[@]}"
expect_error "an output cannot be set" 2 "'gaze_pos' is an output" \
	"${FAST[@]}" --set gaze_pos=1 -o out/x.wav
expect_error "non-numeric value" 2 "gaze_rate: 'fast' is not a number" \
	"${FAST[@]}" --set gaze_rate=fast -o out/x.wav "${OUTS[@]}"
expect_error "value out of range" 2 "gaze_rate: 9 is outside its range" \
	"${FAST[@]}" --set gaze_rate=9 -o out/x.wav
expect_error "fraction for an integer control" 2 "not a whole number" \
	"${FAST[@]}" --seed 1.5 -o out/x.wav
expect_error "--set without =" 2 "--set wants SYMBOL=VALUE" "${FAST[@]}" --set gaze_rate -o out/x.wav
expect_error "malformed duration" 2 "--duration: '5x' is not a duration" \
	--duration 5x -o out/x.wav "${OUTS[@]}"
expect_error "zero duration" 2 "more than zero" --duration 0 -o out/x.wav
expect_error "no duration at all" 2 "how long" -o out/x.wav
expect_error "bad rate" 2 "--rate: '100'" --rate 100 --duration 1s -o out/x.wav
expect_error "block 0" 2 "--block: '0'" --block 0 --duration 1s -o out/x.wav
expect_error "block 9000" 2 "--block: '9000'" --block 9000 --duration 1s -o out/x.wav
expect_error "bad bits" 2 "--bits: '12'" --bits 12 --duration 1s -o out/x.wav
expect_error "FLAC cannot hold 32f" 2 "FLAC holds 16 or 24 bits" --bits 32f --duration 1s -o out/x.flac
expect_error "unsupported extension" 2 "name it .wav, .flac or .ogg" --duration 1s -o out/x.mp3
expect_error "no output" 2 "no output file" --duration 1s
expect_error "unknown option" 2 "unknown option '--colour'" --colour -o out/x.wav
expect_error "stray argument" 2 "unexpected argument 'x.wav'" --duration 1s x.wav
expect_error "output in a missing directory" 1 "out/missing/x.wav: No such file or directory" \
	"${FAST[@]}" -o out/missing/x.wav
expect_error "cue sheet in a missing directory" 1 "out/missing/x.vtt: No such file" \
	"${FAST[@]}" -o out/x.wav --cues out/missing/x.vtt
# A full device: a file size limit makes writes fail with EFBIG (SIGXFSZ
# ignored, so the process sees the error instead of dying).
expect_failure "output on a full device" 1 "x.wav failed: File too large" \
	bash -c 'trap "" XFSZ; ulimit -f 64; exec "$0" "$@"' "$RENDER" --rate 8000 --duration 60s \
	-o out/x.wav "${OUTS[@]}"
expect_failure "FLAC on a full device" 1 "x.flac failed: File too large" \
	bash -c 'trap "" XFSZ; ulimit -f 16; exec "$0" "$@"' "$RENDER" --rate 8000 --duration 60s \
	-o out/x.flac
finish
