# SPDX-License-Identifier: ISC
# The cue sheet agrees with the audio, and the plot is the promised PNG.
. "$(dirname "$0")/test_render_lib.sh"

# Alternate at 1 Hz through speakers (equal-power: a strike is in one
# channel), short cues so strikes stand apart, no fade-in, no drone.
ALT=(--set gaze_mode=Alternate --set gaze_rate=1 --set gaze_space=Speakers --set fade_in=0
     --set cue_decay=0.05 --set drone_level=-60 --set chime_mode=Off --duration 30s)
for rate in 48000 44100 8000; do
	render "${ALT[@]}" --rate $rate --cues alt$rate.vtt --plot alt$rate.png -o alt$rate.wav
	check "every Look right/left cue within 10 ms of its strike at $rate Hz" \
		"$PROBE" cues alt$rate.wav alt$rate.vtt 10
done
render "${ALT[@]}" --rate 48000 --block 4096 --cues alt4096.vtt -o alt4096.wav
check "cue times do not depend on --block" cmp -s alt48000.vtt alt4096.vtt
check "the sheet starts with WEBVTT" [ "$(head -c6 alt48000.vtt)" = WEBVTT ]

# Hold mode with sets: every kind of cue, in order of start time
render --rate 8000 --duration 60s --set gaze_mode=Hold --set gaze_hold=5 --set gaze_rest=2 \
	--set set_length=20 --set set_rest=5 --cues hold.vtt -o hold.wav
for text in "Look right" "Centre" "Look left" "Set start" "Rest"; do
	check "Hold with sets has '$text' cues" grep -qx "$text" hold.vtt
done
if grep -q "^Breathe in$" hold.vtt; then
	check "breath cues: Breathe in and Breathe out" grep -qx "Breathe out" hold.vtt
fi
check "cues are in order of start time" bash -c \
	'grep -- "-->" "$0" | cut -c1-12 | sort -c' hold.vtt
check "every cue ends after it starts" bash -c \
	'grep -- "-->" "$0" | awk "{ if (\$3 <= \$1) exit 1 }"' hold.vtt

# The plot
check "the plot is a 1600 x 500 PNG" "$PROBE" png alt48000.png 1600 500
render --rate 8000 --duration 0.5s --plot short.png -o short.wav
check "a half-second plot is a 1600 x 500 PNG too" "$PROBE" png short.png 1600 500
finish
