# SPDX-License-Identifier: ISC
# somascape-render --video: the target where the sound is, measured from
# the decoded files; the promised codecs, pixel format, durations and the
# MP4's index at the front (ffprobe); the same video stream twice; the
# audio file and the video from one render; and every kind of bad input.
# Usage: bash test_render_video.sh RENDER PROBE SOURCE_DIR VIDEO_PROBE
. "$(dirname "$0")/test_render_lib.sh"
VIDEO_PROBE=$4
SMALL=(--video-size 320x180 --fps 30)
QUIET=(--set gaze_space=Speakers --set drone_level=-60 --set fade_in=0)

# track NAME SETTINGS...: 20 s to MP4, the target and the taps measured.
track() {
	local name=$1
	shift
	local sets=() s
	for s in "$@" gaze_space=1 drone_level=-60 fade_in=0; do sets+=(--set "$s"); done
	if render "${sets[@]}" "${SMALL[@]}" --duration 20s --video "$name.mp4"; then
		local report
		report=$("$VIDEO_PROBE" track "$name.mp4" 30 20 "$@" gaze_space=1 drone_level=-60 \
		         fade_in=0)
		check "$name: $report" [ $? -eq 0 ]
	else
		fail "$name: the render failed"
	fi
}
track alternate-1hz gaze_mode=2 gaze_rate=1
# a pure sine glide (no dwell) with a woodblock at each end: the turn is
# one picture, the tap one onset
track sweep-0.5hz gaze_mode=1 gaze_rate=0.5 gaze_shape=0 cue_sound=3
# and the projector's look: a larger bar
track hold-5s gaze_mode=3 gaze_hold=5 gaze_rest=2 display_shape=2 display_size=12

# The containers: codecs, pixel format, and both streams as long as the
# session (3 s; within one frame, 1/30 s).
for kind in mp4:h264:aac webm:vp9:opus mkv:h264:flac; do
	IFS=: read -r ext vcodec acodec <<< "$kind"
	if render "${QUIET[@]}" "${SMALL[@]}" --duration 3s --video "c.$ext"; then
		v=$(ffprobe -v error -select_streams v -show_entries stream=codec_name,pix_fmt \
		    -of compact=nk=1:p=0 "c.$ext")
		a=$(ffprobe -v error -select_streams a -show_entries stream=codec_name \
		    -of compact=nk=1:p=0 "c.$ext")
		check ".$ext: video $v, audio $a" eval '[ "$v" = "$vcodec|yuv420p" ] && [ "$a" = "$acodec" ]'
		# each stream's length: its duration, or (Matroska) its last packet's end
		for stream in v a; do
			d=$(ffprobe -v error -select_streams $stream -show_entries packet=pts_time,duration_time \
			    -of csv=p=0 "c.$ext" | awk -F, '{ e = $1 + $2; if (e > m) m = e } END { print m }')
			check ".$ext: the $stream stream lasts $d s (3 s within a frame)" \
				awk -v d="$d" 'BEGIN { exit !(d >= 3 - 1/30 && d <= 3 + 1/30) }'
		done
	else
		fail ".$ext: the render failed"
	fi
done
# The encoders take tens of pictures before ffmpeg reads their sound: at 1
# picture a second and 384 kHz that is megabytes of audio, which must not
# stall the render (it did once: each side waiting on the other's pipe).
for ext in mp4 webm; do
	if timeout 120 "$RENDER" "${QUIET[@]}" --rate 384000 --fps 1 --video-size 64x64 \
		--duration 40s --video "slow.$ext" 2> slow.err; then
		d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "slow.$ext")
		check ".$ext at 1 fps and 384 kHz: $d s" awk -v d="$d" 'BEGIN { exit !(d >= 39.9 && d <= 41) }'
	else
		fail ".$ext at 1 fps and 384 kHz: $(cat slow.err)"
	fi
done
# The other way round: at 8 kHz a FLAC frame of sound is 0.58 s, and ffmpeg
# takes no more pictures until it has it (it stalled the render once too).
for try in 1 2 3; do
	timeout 60 "$RENDER" "${QUIET[@]}" --rate 8000 "${SMALL[@]}" --duration 4s \
		--video "flac$try.mkv" 2> flac.err || break
done
check ".mkv at 8 kHz, three times: $(cat flac.err)" [ -s flac3.mkv ]

# faststart: the index (moov) right after the file type box, before the data
ftyp=$(od -An -tu1 -N4 c.mp4 | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
second=$(dd if=c.mp4 bs=1 skip=$((ftyp + 4)) count=4 2> /dev/null)
check ".mp4: the box after ftyp is '$second' (moov: the index at the front)" [ "$second" = moov ]

# Deterministic: the same inputs give the same decoded pictures.
frames_md5() { ffmpeg -nostdin -v error -i "$1" -map 0:v -f framemd5 - | grep -v '^#'; }
render "${QUIET[@]}" "${SMALL[@]}" --duration 5s --set gaze_mode=Sweep --video d1.mp4 &&
	render "${QUIET[@]}" "${SMALL[@]}" --duration 5s --set gaze_mode=Sweep --video d2.mp4
check "the same session twice: the same $(frames_md5 d1.mp4 | wc -l) pictures" eval \
	'[ -n "$(frames_md5 d1.mp4)" ] && [ "$(frames_md5 d1.mp4)" = "$(frames_md5 d2.mp4)" ]'

# --video-look is --set of the Display controls, and it changes the pictures.
LOOK=shape=Ring,colour=Green,bright=100,ring=off,captions=on
render "${QUIET[@]}" "${SMALL[@]}" --duration 2s --video-look "$LOOK" --video look1.mp4 &&
	render "${QUIET[@]}" "${SMALL[@]}" --duration 2s --set display_shape=Ring \
		--set display_colour=Green --set display_bright=100 --set display_ring=0 \
		--set display_captions=1 --video look2.mp4 &&
	render "${QUIET[@]}" "${SMALL[@]}" --duration 2s --video look0.mp4
check "--video-look $LOOK: as --set of its controls, unlike the default look" eval \
	'[ "$(frames_md5 look1.mp4)" = "$(frames_md5 look2.mp4)" ] && \
	[ "$(frames_md5 look1.mp4)" != "$(frames_md5 look0.mp4)" ]'

# -o and --video from one render: the MKV's lossless audio is the WAV's.
if render "${QUIET[@]}" "${SMALL[@]}" --duration 4s --set gaze_mode=Hold --bits 32f \
	-o both.wav --video both.mkv; then
	ffmpeg -nostdin -v error -i both.mkv -map 0:a -c:a pcm_f32le both-mkv.wav
	check "-o and --video: the MKV's audio is the WAV's (within 24-bit steps)" \
		"$PROBE" close both.wav both-mkv.wav 2e-7
else
	fail "-o and --video: the render failed"
fi
# ... and with --loudness, where the taps need the true-peak limiter.
if render "${QUIET[@]}" "${SMALL[@]}" --duration 6s --set fade_in=0 --bits 32f --loudness -16 \
	-o loud.wav --video loud.mkv; then
	ffmpeg -nostdin -v error -i loud.mkv -map 0:a -c:a pcm_f32le loud-mkv.wav
	check "-o and --video with --loudness: the MKV's audio is the limited WAV's" \
		"$PROBE" close loud.wav loud-mkv.wav 2e-7
else
	fail "-o and --video with --loudness: the render failed"
fi

# Constant memory: the renderer's peak resident set (VmHWM, read every
# 0.1 s while it runs) for 20 minutes of pictures is within 10 % of one
# minute's (36000 pictures against 1800: a leak of 32 bytes a picture shows).
renderer_peak() {
	"$RENDER" --rate 8000 --video-size 32x32 --fps 30 --set gaze_mode=Sweep "$@" &
	local pid=$! peak=0 now
	while kill -0 $pid 2> /dev/null; do
		now=$(awk '/^VmHWM/ { print $2 }' /proc/$pid/status 2> /dev/null)
		[ -n "$now" ] && peak=$now
		sleep 0.1
	done
	wait $pid && echo "$peak"
}
short=$(renderer_peak --duration 1m --video m1.mkv)
long=$(renderer_peak --duration 20m --video m20.mkv)
check_memory "20 min of pictures against 1 min" "$short" "$long"

# Bad input: exit 2 before any work, exit 1 for failures; no file left.
BASE=(--duration 3s "${SMALL[@]}")
expect_error "no output" 2 "no output file" --duration 3s
expect_error "an .avi" 2 "--video: 'out/v.avi' is not a .mp4, .webm or .mkv" --duration 3s --video out/v.avi
expect_error "no extension" 2 "is not a .mp4" --duration 3s --video out/v
expect_error "size without a height" 2 "--video-size: '1280' is not WIDTHxHEIGHT" --video-size 1280 --duration 3s --video out/v.mp4
expect_error "an odd size" 2 "must be even" --video-size 641x360 --duration 3s --video out/v.mp4
expect_error "a zero size" 2 "--video-size: '0x0'" --video-size 0x0 --duration 3s --video out/v.mp4
expect_error "a huge size" 2 "--video-size" --video-size 100000x720 --duration 3s --video out/v.mp4
expect_error "no frame rate" 2 "--fps: 'abc'" --fps abc --duration 3s --video out/v.mp4
expect_error "zero frames per second" 2 "--fps: '0'" --fps 0 --duration 3s --video out/v.mp4
expect_error "a look that is not one" 2 "--video-look: 'hue' is not part of the look" --video-look hue=1 "${BASE[@]}" --video out/v.mp4
expect_error "a look's value out of range" 2 "--video-look: display_size: 50 is outside its range" --video-look size=50 "${BASE[@]}" --video out/v.mp4
expect_error "--video-look without --video" 2 "--video-look is for a video" --video-look ring=off --duration 3s -o out/v.wav
expect_error "--fps without --video" 2 "--fps is for a video" --fps 25 --duration 3s -o out/v.wav
expect_error "a folder that is not there" 1 "cannot write out/none/v.mp4" "${BASE[@]}" --video out/none/v.mp4
expect_failure "no ffmpeg on PATH" 1 "install the Debian package 'ffmpeg'" \
	env PATH=/nonexistent "$RENDER" "${BASE[@]}" --video out/v.mp4 -o out/v.wav
# ffmpeg failing mid-way (a full disk) and at once, and killed: its last line
mkdir -p fake/full fake/refuses fake/killed
printf '#!/bin/sh\nhead -c 300000 > /dev/null\necho "frame=  3 q=0.0 size=0kB" >&2\necho "[mp4 @ 0x1] out/v.mp4: No space left on device" >&2\nexit 1\n' > fake/full/ffmpeg
printf '#!/bin/sh\necho "Unknown encoder '"'"'libx264'"'"'" >&2\nexit 1\n' > fake/refuses/ffmpeg
printf '#!/bin/sh\nhead -c 300000 > /dev/null\nkill -9 $$\n' > fake/killed/ffmpeg
chmod +x fake/*/ffmpeg
expect_failure "ffmpeg failing mid-way (disk full)" 1 \
	"ffmpeg failed \(exit 1\): \[mp4 @ 0x1\] out/v.mp4: No space left on device" \
	env PATH="$WORK/fake/full:$PATH" "$RENDER" "${BASE[@]}" --video out/v.mp4 -o out/v.wav
expect_failure "ffmpeg failing at once" 1 "ffmpeg failed \(exit 1\): Unknown encoder 'libx264'" \
	env PATH="$WORK/fake/refuses:$PATH" "$RENDER" "${BASE[@]}" --video out/v.mp4 -o out/v.wav
expect_failure "ffmpeg killed" 1 "ffmpeg was killed by signal 9" \
	env PATH="$WORK/fake/killed:$PATH" "$RENDER" "${BASE[@]}" --video out/v.mp4 --cues out/v.vtt
# Interrupted (Ctrl-C): exit 1, no file, no ffmpeg left running
rm -rf out && mkdir out
"$RENDER" "${SMALL[@]}" --duration 10m --video out/i.mp4 2> int.err &
pid=$!
sleep 2
kill -INT $pid
wait $pid
status=$?
check "interrupted: exit $status ($(cat int.err)), nothing left in out/, ffmpeg gone" eval \
	'[ $status -eq 1 ] && grep -q interrupted int.err && [ -z "$(ls -A out)" ] && \
	! pgrep -f "out/\.i\.mp4\.tmp" > /dev/null'
for option in "--video FILE" "--video-size WxH" "--fps N" "--video-look LOOK"; do
	check "--help lists $option" bash -c '"$0" --help | grep -q -- "$1"' "$RENDER" "$option"
done
finish
