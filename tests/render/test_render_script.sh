# SPDX-License-Identifier: ISC
# Session scripts: steps on their exact frame, ramps, tempo, `end`, the
# shipped examples, and bad scripts named by file and line.
. "$(dirname "$0")/test_render_lib.sh"
R8=(--rate 8000 --bits 32f)

# --- a step lands on its exact frame, whatever the block size: the render
# with the step equals the one without it up to that frame and parts from
# it within the plugin's 16-frame control grid
printf '0:00 set gaze_mode 2\n0:10 set cue_pitch 500\n0:10.001 set level -20\n' > step.txt
printf '0:00 set gaze_mode 2\n0:10 set cue_pitch 500\n' > nostep.txt
for block in 256 7 1000; do
	render "${R8[@]}" --duration 15s --block $block --script step.txt -o step$block.wav
	render "${R8[@]}" --duration 15s --block $block --script nostep.txt -o nostep$block.wav
	check "a step at frame 80008 lands there (--block $block)" \
		"$PROBE" split step$block.wav nostep$block.wav 80008
done
# the same change made on the command line for a session that starts with it
printf '0:00 set gaze_mode 2\n0:00 set cue_pitch 500\n' > atzero.txt
render "${R8[@]}" --duration 5s --script atzero.txt -o atzero.wav
render "${R8[@]}" --duration 5s --set gaze_mode=2 --set cue_pitch=500 -o direct.wav
check "a 0:00 step sounds like the same --set" cmp -s atzero.wav direct.wav

# --- ramps move on a grid of session time: the same with any block size
printf '0:00 set level -30\n0:01 ramp level 0 over 2s\n0:02 ramp cue_pitch 600 over 0:02\n' > ramp.txt
render "${R8[@]}" --duration 5s --block 256 --script ramp.txt -o ramp256.wav
render "${R8[@]}" --duration 5s --block 37 --script ramp.txt -o ramp37.wav
check "a ramp sounds the same with blocks of 256 and 37 (the plugin's 1e-6)" \
	"$PROBE" close ramp256.wav ramp37.wav 1e-6
render "${R8[@]}" --duration 5s --script ramp.txt --plot ramp.png -o rampplot.wav
check "a ramp sounds the same when the outputs are watched (shorter runs)" \
	"$PROBE" close ramp256.wav rampplot.wav 1e-6
printf '0:00 set level -30\n' > flat.txt
render "${R8[@]}" --duration 5s --script flat.txt -o flat.wav
check "a ramp changes nothing before it starts, and starts at once" \
	"$PROBE" split ramp256.wav flat.wav 8000 800

# --- tempo: gaze locked to 1 cycle a beat; 120 BPM is the plugin's default,
# the script's tempo 60 at 0:05 halves the cycles from then on
printf '0:00 set gaze_sync 1\n0:00 set gaze_beats 1\n0:00 set gaze_space 1\n0:05 tempo 60\n0:10 end\n' > tempo.txt
render --rate 8000 --script tempo.txt --cues tempo.vtt -o tempo.wav
before=$(grep -c -E '^00:00:0[0-4].*-->' tempo.vtt)
after=$(grep -c -E '^00:00:(0[5-9]).*-->' tempo.vtt)
check "tempo 60 at 0:05: $before cues before, $after after (20 and 10 expected)" eval \
	'[ "$before" -ge 19 ] && [ "$before" -le 21 ] && [ "$after" -ge 9 ] && [ "$after" -le 11 ]'
check "'end' sets the duration (10 s)" [ "$(info_field tempo.wav 3)" = 80000 ]
render --rate 8000 --duration 3s --script tempo.txt -o tempo3.wav
check "--duration wins over 'end'" [ "$(info_field tempo3.wav 3)" = 24000 ]

# --- the examples
for example in "$SRC"/host-test/examples/*.txt; do
	name=$(basename "$example" .txt)
	check "example $name renders" render --rate 8000 --script "$example" -o "$name.flac" \
		--cues "$name.vtt" --plot "$name.png"
done

# --- bad scripts: exit 2, FILE:LINE in the message, nothing left behind
bad() {
	local what=$1 pattern=$2 text=$3
	printf "$text" > "$WORK/bad.txt"
	expect_error "$what" 2 "$pattern" --rate 8000 --duration 5s --script "$WORK/bad.txt" \
		-o out/x.wav --cues out/x.vtt --plot out/x.png
}
bad "unknown step" "bad.txt:3: unknown step 'sett'" '# comment\n\n0:10 sett gaze_mode 2\n'
bad "bad time" "bad.txt:2: '1:7x' is not a time" '0:00 set level 0\n1:7x set level 1\n'
bad "time going back" "bad.txt:3: the time goes back: 0:05 comes after 0:10 \\(line 2\\)" \
	'0:00 set level 0\n0:10 set level -3\n0:05 set level -6\n'
bad "unknown symbol" "bad.txt:1: unknown control 'levle'" '0:00 set levle 0\n'
bad "non-numeric value" "bad.txt:1: level: 'loud' is not a number" '0:00 set level loud\n'
bad "value out of range" "bad.txt:1: level: 12 is outside" '0:00 set level 12\n'
bad "unknown preset" "bad.txt:2: unknown preset 'Nope'" '0:00 set level 0\n0:01 preset "Nope"\n'
bad "malformed ramp" "bad.txt:1: write: ramp SYMBOL VALUE over DURATION" '0:00 ramp level 0 in 5s\n'
bad "ramp length" "bad.txt:1: 'soon' is not a duration" '0:00 ramp level 0 over soon\n'
bad "bad tempo" "bad.txt:1: write: tempo BPM" '0:00 tempo fast\n'
bad "unclosed quote" "bad.txt:1: a quote is not closed" '0:00 preset "Box\n'
bad "a step after end" "bad.txt:2: a step after 'end'" '0:05 end\n0:06 set level 0\n'
expect_error "missing script" 2 "cannot read the script nothing.txt" \
	--rate 8000 --duration 1s --script nothing.txt -o out/x.wav
finish
