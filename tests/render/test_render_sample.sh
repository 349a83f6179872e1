# SPDX-License-Identifier: ISC
# The cue sample in somascape-render: --set-file and the script's `file`
# step load it before their frame (the same file either way, whatever the
# block size), paths with spaces and non-ASCII characters, and clear errors
# for a bad name, a missing file and a file the plugin refuses.
. "$(dirname "$0")/test_render_lib.sh"
R8=(--rate 8000 --bits 32f --set cue_sound="User sample" --set fade_in=0)

mkdir "my sounds"
"$PROBE" tone "my sounds/Klangschale é.flac" 523.25 0.6 44100
"$PROBE" tone "my sounds/chime.wav" 880 0.3 22050

# --- --set-file: the sample plays, from frame 0 (unlike without it)
render "${R8[@]}" --duration 3s --set-file "cue_sample=my sounds/Klangschale é.flac" -o file.wav
render "${R8[@]}" --duration 3s -o nofile.wav
check "--set-file changes the sound from the first frame" \
	"$PROBE" split file.wav nofile.wav 0 64
render "${R8[@]}" --duration 3s --block 7 \
	--set-file "cue_sample=$WORK/my sounds/Klangschale é.flac" -o file7.wav
check "--set-file: the same with blocks of 7 and an absolute path" \
	"$PROBE" close file.wav file7.wav 1e-6

# --- a script's `file` step, relative to the script's directory
printf '0:00 file cue_sample "Klangschale é.flac"\n' > "my sounds/at0.txt"
render "${R8[@]}" --duration 3s --script "my sounds/at0.txt" -o at0.wav
check "a 0:00 file step sounds like --set-file" "$PROBE" same at0.wav file.wav
printf '0:00 file cue_sample "Klangschale é.flac"\n0:01.5 file cue_sample chime.wav\n' \
	> "my sounds/swap.txt"
for block in 256 13; do
	render "${R8[@]}" --duration 3s --block $block --script "my sounds/swap.txt" -o swap$block.wav
	check "a file step at 1.5 s lands on frame 12000 (--block $block)" \
		"$PROBE" split swap$block.wav file.wav 12000 64
done

# --- errors: exit 2 for usage, 1 for a file the plugin refuses; no output
expect_error "--set-file without =" 2 "NAME=PATH" --set-file cue_sample -o out/x.wav
expect_error "an unknown file parameter" 2 "no file parameter 'cue_sampel'.*cue_sample" \
	--duration 1s --set-file cue_sampel=chime.wav -o out/x.wav
expect_error "a missing file" 2 "no such file|No such file" \
	--duration 1s --set-file "cue_sample=my sounds/missing.wav" -o out/x.wav
printf 'not a sound\n' > notes.wav
expect_error "a file the plugin refuses" 1 "cannot use .*notes.wav.*libsndfile" \
	--duration 1s --set-file cue_sample=notes.wav -o out/x.wav
printf '0:01 file cue_sample nothere.wav\n' > bad.txt
expect_error "a script's missing file, by line" 2 "bad.txt:1:.*nothere.wav" \
	--duration 2s --script bad.txt -o out/x.wav
finish
