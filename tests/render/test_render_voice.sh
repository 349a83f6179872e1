# SPDX-License-Identifier: ISC
# The teacher's voice in a rendered session (issue 20): clips on their exact
# frame at every rate, the session ducking under the voice's own level and
# coming back, no click at a clip's edges, captions in the cue sheet, the
# voice in the plot, --loudness of the final mix, bad files named by line,
# and constant memory for an hour of --mix.
# Usage: bash test_render_voice.sh RENDER PROBE SOURCE_DIR VOICE_PROBE
. "$(dirname "$0")/test_render_lib.sh"
VP=$4
QUIET=(--set level=-20)
not() { ! "$@"; }

# --- placement: a chirp's centre found by cross-correlation, on the frame
# of its step (1.5 s), at each rate and from 44.1 kHz into 48 kHz
# (and from Ogg Vorbis and FLAC, whose decoders must not shift it)
for rates in 44100:44100:wav 48000:48000:wav 96000:96000:wav 44100:48000:wav \
	44100:48000:ogg 22050:48000:flac; do
	IFS=: read -r clip session ext <<< "$rates"
	"$VP" chirp "chirp$clip.$ext" "$clip" 1
	printf '0:01.5 voice "chirp%s.%s"\n0:02.5 end\n' "$clip" "$ext" > place.txt
	render --rate "$session" "${QUIET[@]}" --script place.txt -o place.wav
	for channel in 0 1; do
		check "a $clip Hz .$ext clip in a $session Hz session, channel $channel: $("$VP" locate place.wav $channel $((session * 3 / 2)))" \
			"$VP" locate place.wav $channel $((session * 3 / 2))
	done
done
"$VP" chirp stereo.wav 48000 2
printf '0:01.5 voice "stereo.wav"\n0:02.5 end\n' > stereo.txt
render "${QUIET[@]}" --script stereo.txt --duck 0 -o stereo_on.wav
check "a stereo clip keeps its sides: the chirp in the left is there" \
	"$VP" locate stereo_on.wav 0 72000
check "... and not in the right" not "$VP" locate stereo_on.wav 1 72000
printf '0:01.5 voice "chirp44100.wav"\n0:02.5 end\n' > blocks.txt
render "${QUIET[@]}" --script blocks.txt --block 7 -o block7.wav
render "${QUIET[@]}" --script blocks.txt --block 4096 -o block4096.wav
check "the mix (44.1 kHz converted, ducked) is the same with blocks of 7 and 4096 (the plugin's 1e-6)" \
	"$PROBE" close block7.wav block4096.wav 1e-6

# --- ducking: a steady drone under a 2 s voice from 1 s; the session is
# MIXED - VOICE (the same voice over a silent plugin) against SESSION (no
# voice); back to full 1 s (hold 0.4 + return 0.6) after the voice
DRONE=(--rate 48000 --set gaze_mode=Off --set breath_depth=0 --set fade_in=0
	--set chime_mode=Off)
STEADY=("${DRONE[@]}" --duration 4s)
SILENT=(--set level=-60 --set drone_level=-60)
"$VP" bursts tone.wav 44100 1000 2 0 1
"$VP" bursts words.wav 44100 1000 0.3 0.25 4
printf '0:01 voice "tone.wav"\n' > tone.txt
printf '0:01 voice "words.wav"\n' > words.txt
render "${STEADY[@]}" -o session.wav
for depth in 6 12; do
	render "${STEADY[@]}" --script tone.txt --duck $depth -o mixed$depth.wav
	render "${STEADY[@]}" "${SILENT[@]}" --script tone.txt --duck $depth -o voice$depth.wav
	check "--duck $depth: $("$VP" duck mixed$depth.wav voice$depth.wav session.wav 1 3 $depth 1.0)" \
		"$VP" duck mixed$depth.wav voice$depth.wav session.wav 1 3 $depth 1.0
done
render "${STEADY[@]}" --script words.txt -o mixedw.wav
render "${STEADY[@]}" "${SILENT[@]}" --script words.txt -o voicew.wav
check "no pumping in 0.25 s pauses between words: $("$VP" duck mixedw.wav voicew.wav session.wav 1 2.95 6 1.0)" \
	"$VP" duck mixedw.wav voicew.wav session.wav 1 2.95 6 1.0
# a spoken phrase (espeak-ng, 22.05 kHz), with the short pauses of speech:
# down from its first syllable to its last, no pumping at the comma
espeak-ng -w phrase.wav "Let your eyes move to the right, and stay there."
printf '0:00.5 voice "phrase.wav"\n' > phrase.txt
render "${STEADY[@]}" --script phrase.txt -o mixedp.wav
render "${STEADY[@]}" "${SILENT[@]}" --script phrase.txt -o voicep.wav
read -r from to < <("$VP" span voicep.wav -45)
check "a spoken phrase ($from s to $to s): $("$VP" duck mixedp.wav voicep.wav session.wav "$from" "$to" 6 1.0)" \
	"$VP" duck mixedp.wav voicep.wav session.wav "$from" "$to" 6 1.0
# music (a mix step, --mix) leaves the session as it is; a narration (a mix
# step that says `duck`, --narration) ducks it like a prompt
printf '0:01 mix "tone.wav"\n' > music.txt
printf '0:01 mix "tone.wav" duck\n' > narration.txt
render "${STEADY[@]}" --script music.txt -o mixedm.wav
render "${STEADY[@]}" --script narration.txt -o mixedn.wav
check "music does not duck the session" not "$VP" duck mixedm.wav voice6.wav session.wav 1 3 1.5 1.0
check "a narration does: $("$VP" duck mixedn.wav voice6.wav session.wav 1 3 6 1.0)" \
	"$VP" duck mixedn.wav voice6.wav session.wav 1 3 6 1.0
render "${STEADY[@]}" --narration tone.wav -o narration0.wav
render "${STEADY[@]}" "${SILENT[@]}" --narration tone.wav -o narration0v.wav
# (measured from 10 ms: the drone's first milliseconds are silent, no gain
# can be read there)
check "so does --narration, down from 0:00: $("$VP" duck narration0.wav narration0v.wav session.wav 0.01 2 6 1.0)" \
	"$VP" duck narration0.wav narration0v.wav session.wav 0.01 2 6 1.0
render "${STEADY[@]}" --script tone.txt --duck 0 -o mixed0.wav
render "${STEADY[@]}" "${SILENT[@]}" --script tone.txt --duck 0 -o voice0.wav
check "--duck 0: the session stays at full level" \
	not "$VP" duck mixed0.wav voice0.wav session.wav 1 3 1.5 1.0

# --- clips that overlap are mixed: the two together are the sum of each
# alone (over a silent plugin, no ducking); levels are in dB
printf '0:01 voice "tone.wav"\n' > a.txt
printf '0:01.5 voice "words.wav"\n' > b.txt
printf '0:01 voice "tone.wav"\n0:01.5 voice "words.wav"\n' > ab.txt
for part in a b ab; do
	render "${STEADY[@]}" "${SILENT[@]}" --duck 0 --bits 32f --script $part.txt -o $part.wav
done
check "overlapping clips are mixed: $("$VP" sum a.wav b.wav ab.wav 1e-6)" \
	"$VP" sum a.wav b.wav ab.wav 1e-6
printf '0:01 voice "tone.wav" level -6\n' > a6.txt
render "${STEADY[@]}" "${SILENT[@]}" --duck 0 --script a6.txt -o a6.wav
render "${STEADY[@]}" "${SILENT[@]}" --duck 0 --script a.txt --voice-level -6 -o v6.wav
la=$("$PROBE" loudness a.wav | cut -d' ' -f1)
la6=$("$PROBE" loudness a6.wav | cut -d' ' -f1)
lv6=$("$PROBE" loudness v6.wav | cut -d' ' -f1)
check "level -6 and --voice-level -6: $la6 and $lv6 LUFS against $la" \
	awk -v a="$la" -v b="$la6" -v c="$lv6" \
	'BEGIN { d = a - b; e = a - c; exit !(d > 5.95 && d < 6.05 && e > 5.95 && e < 6.05) }'

# --- no click where the clip starts and stops (it starts on a peak and stops
# abruptly), nor where the session ducks and comes back: the click measure of
# test_clicks.c against the steady drone plus the steady voice
check "no click at the clip's edges: $("$VP" clicks mixed6.wav session.wav voice6.wav --steady 1.5 2.5)" \
	"$VP" clicks mixed6.wav session.wav voice6.wav --steady 1.5 2.5
# (the measure sees a tone that starts and stops on a peak, as the clip
# does, when nothing fades it: two bursts with a gap)
"$VP" bursts gap.wav 48000 1000 0.5 0.5 2
check "(the measure sees an unfaded start: $("$VP" clicks gap.wav gap.wav --steady 0.1 0.4))" \
	not "$VP" clicks gap.wav gap.wav --steady 0.1 0.4
# the session alone (the mix less its voice) against the session unducked:
# going down 6 or 12 dB in 10 ms and back adds no transient
for depth in 6 12; do
	"$VP" diff mixed$depth.wav voice$depth.wav ducked$depth.wav
	check "no click where the session ducks $depth dB and comes back: $("$VP" clicks ducked$depth.wav session.wav)" \
		"$VP" clicks ducked$depth.wav session.wav
done
printf '0:01 voice "tone.wav"\n0:02.5 end\n' > cut.txt
render "${DRONE[@]}" --script cut.txt -o cut.wav
check "a clip past the end is cut with a warning naming line and file" \
	grep -q "cut.txt:1: .*tone.wav runs past the end" "$WORK/last.err"
check "no click where it is cut: $("$VP" clicks cut.wav session.wav voice6.wav --steady 1.5 2.5)" \
	"$VP" clicks cut.wav session.wav voice6.wav --steady 1.5 2.5
check "the cut file is 2.5 s long" [ "$(info_field cut.wav 3)" = 120000 ]

# --- the cue sheet and the plot carry the clips; the same inputs, the same files
mkdir -p "prompts dir"
cp tone.wav "prompts dir/right.wav"
cp tone.wav "prompts dir/centre.wav"
cat > "prompts dir/session.txt" <<'SCRIPT'
0:00 set gaze_mode Off
0:02 voice "right.wav" "Let your eyes move to the right & <stay>" level -3
0:05 voice "centre.wav"
0:06 mix "right.wav" level -12
0:10 end
SCRIPT
for run in 1 2; do
	mkdir -p run$run
	render --rate 8000 --script "prompts dir/session.txt" -o run$run/s.flac --cues run$run/s.vtt \
		--plot run$run/s.png
done
cp run1/s.vtt s1.vtt
check "the caption, escaped, over the clip's 2 s" \
	grep -Pzq '00:00:02.000 --> 00:00:04.000\nLet your eyes move to the right &amp; &lt;stay&gt;\n' s1.vtt
check "a prompt with no caption is named by its file" \
	grep -Pzq '00:00:05.000 --> 00:00:07.000\ncentre.wav\n' s1.vtt
check "a mix step has no caption" [ "$(grep -c 'right.wav\|centre.wav\|Let your' s1.vtt)" = 2 ]
# the plot's voice strip: 1460 columns from x 110 for 10 s, orange where the
# voice sounds (2-4 s, 5-7 s; not the music from 6 s)
"$VP" runs run1/s.png 250 217 115 25 > runs.txt
check "the plot marks the voice at 2-4 s and 5-7 s: $(tr '\n' ' ' < runs.txt)" \
	[ "$(awk -F- '{printf "%d-%d ", int(($1 - 110) / 146 + 0.5), int(($2 - 109) / 146 + 0.5)}' runs.txt)" = "2-4 5-7 " ]
long=$(printf '\xc3\xa9%.0s' {1..700})
printf '0:01 voice "tone.wav" "%s"\n0:02 voice "tone.wav" "after it"\n0:04 end\n' "$long" > long.txt
render --rate 8000 --script long.txt --null --cues long.vtt
long_caption_cut() {
	[ "$(LC_ALL=C awk 'length($0) > 300 { print length($0) }' long.vtt)" = 1000 ] &&
		iconv -f UTF-8 -t UTF-8 long.vtt > /dev/null && grep -q '^after it$' long.vtt
}
check "a caption of 1400 bytes is cut to 1000, between characters, the next one whole" \
	long_caption_cut
check "rendering twice gives the same audio" cmp -s run1/s.flac run2/s.flac
check "... the same cue sheet" cmp -s run1/s.vtt run2/s.vtt
check "... and the same plot" cmp -s run1/s.png run2/s.png

# --- the video writes a prompt's caption while it sounds (2 s from 1 s: the
# pictures at 30 fps from 30 to 89), and only then: the caption band of each
# picture against the same session's without the prompt (PSNR under 42 dB
# where the text differs; the encoder's noise alone stays near 50 and over)
printf '0:01 voice "tone.wav" "Breathe with me"\n0:04 end\n' > captioned.txt
printf '0:04 end\n' > uncaptioned.txt
for kind in captioned uncaptioned; do
	render --rate 8000 --script $kind.txt --video-size 320x180 --fps 30 \
		--video-look captions=on --video $kind.mkv
done
band="crop=iw:ih/5:0:ih*4/5"
ffmpeg -nostdin -v error -i captioned.mkv -i uncaptioned.mkv \
	-lavfi "[0:v]$band[a];[1:v]$band[b];[a][b]psnr=stats_file=band.psnr" -f null -
differ=$(awk '{for (i = 1; i <= NF; ++i) if ($i ~ /^psnr_avg:/) {
		split($i, v, ":"); if (v[2] != "inf" && v[2] + 0 < 42) {if (!n++) first = NR - 1; last = NR - 1}}}
	END {print n + 0, first, last}' band.psnr)
check "the video's pictures with the prompt's caption: $differ (count, first, last; want 60 30 89)" \
	[ "$differ" = "60 30 89" ]

# --- --loudness measures the final mix, voice included: a loud voice over
# a quiet session still lands on the target
"$VP" bursts loud.wav 48000 500 8 0 1
printf '0:01 voice "loud.wav" level 6\n0:10 end\n' > loud.txt
render --set level=-30 --script loud.txt --loudness -23 -o loud.flac
lufs=$("$PROBE" loudness loud.flac | cut -d' ' -f1)
check "--loudness -23 with the voice: $lufs LUFS" \
	awk -v l="$lufs" 'BEGIN { exit !(l > -23.5 && l < -22.5) }'

# --- a voice that takes the mix over full scale is warned about
printf '0:01 voice "loud.wav" level 12\n0:03 end\n' > over.txt
render --script over.txt -o over.wav
check "a mix over full scale is warned about: $(grep -o 'peaks at [^,]*' "$WORK/last.err")" \
	grep -q "warning: with the voice the mix peaks at +[0-9.]* dBFS" "$WORK/last.err"
printf '0:01 voice "tone.wav" level -6\n0:03 end\n' > under.txt
render --script under.txt -o under.wav
check "... and one under it is not" not grep -q "over full scale" "$WORK/last.err"

# --- bad files: exit 2 naming the script's line and the file, no output
printf 'not sound\n' > text.wav
: > empty.wav
"$VP" bursts nothing.wav 8000 0 0 0 1
mkdir -p folder.wav
"$VP" chirp three.wav 8000 3
bad_file() {
	local what=$1 file=$2 pattern=$3
	printf '0:00 set gaze_mode 2\n0:01 voice "%s" "a caption"\n0:02 end\n' "$file" > bad.txt
	expect_error "$what" 2 "bad.txt:2: .*$file.*$pattern" --rate 8000 --script bad.txt \
		-o out/x.wav --cues out/x.vtt --plot out/x.png
}
bad_file "a missing file" missing.wav "No such file"
bad_file "a file that is not sound" text.wav "not a sound file"
bad_file "an empty file" empty.wav "not a sound file"
bad_file "a sound file with no frames" nothing.wav "no sound in it"
bad_file "a folder" folder.wav "Is a directory"
bad_file "three channels" three.wav "3 channels"
expect_error "--mix of a missing file" 2 "--mix: .*gone.flac: No such file" --rate 8000 \
	--duration 1s --mix gone.flac -o out/x.wav
expect_error "--mix of a text file" 2 "--mix: .*text.wav: not a sound file" --rate 8000 \
	--duration 1s --mix text.wav -o out/x.wav
printf '0:01 voice\n' > bad.txt
expect_error "a voice step without a file" 2 'bad.txt:1: write: voice "FILE"' --script bad.txt \
	--duration 2s -o out/x.wav
printf '0:01 mix "tone.wav" level loud\n' > bad.txt
expect_error "a level that is not a number" 2 "bad.txt:1: level 'loud'" --script bad.txt \
	--duration 2s -o out/x.wav
expect_error "--duck out of range" 2 "--duck: '-3'" --duck -3 --duration 2s -o out/x.wav
expect_error "--voice-level out of range" 2 "--voice-level: 'x'" --voice-level x --duration 2s \
	-o out/x.wav

# --- memory: an hour of --mix (11025 Hz FLAC, converted to 8 kHz in chunks)
# peaks at the same resident set as a minute of it
"$VP" bursts hour.flac 11025 220 1 0 1 3600
"$VP" bursts minute.flac 11025 220 1 0 1 60
ARGS=(--rate 8000 --set drone_level=-60 --null)
short=$("$PROBE" maxrss "$RENDER" "${ARGS[@]}" --duration 1m --mix minute.flac)
long=$("$PROBE" maxrss "$RENDER" "${ARGS[@]}" --duration 1h --mix hour.flac)
check_memory "1 h of --mix against 1 min" "$short" "$long"
finish
