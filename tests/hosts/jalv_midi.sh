#!/bin/bash
# SPDX-License-Identifier: ISC
# The tap notes in a real host: console jalv on JACK (dummy driver) plays
# Alternate at 1 Hz; jack_midi_dump records its midi_out and jack_capture
# its audio, in the same run, for 10 s.  Every tap heard must have its
# note-on (48 left, 72 right) on its frame within one JACK period, and
# every note its note-off 50 ms later (check_taps).  jalv reads an output
# whose type is not atom:Sequence as empty: this is where that shows.
# A run with xruns (a loaded machine skips clients' cycles, so the two
# recorders' clocks part by whole periods) is tried again, up to 3 times.
# Usage: jalv_midi.sh CHECK_TAPS   (LV2_PATH must find the bundle)
source "$(dirname "$0")/lib.sh"
check_taps=$1
uri=https://somascape.dev/lv2/somascape
period=256
need jackd jalv jack_capture jack_midi_dump jack_connect jack_lsp jack_wait

attempt() {
	start_jack "$period"
	mkfifo "$work/jalv.in"
	exec 3<>"$work/jalv.in"
	$jack_nice timeout 60 jalv -x -n dut -c gaze_mode=2 -c gaze_rate=1 -c gaze_space=1 -c fade_in=0 \
		-c drone_level=-60 -c cue_sound=4 -c cue_decay=0.1 "$uri" \
		<"$work/jalv.in" >"$work/jalv.out" 2>&1 3>&- &
	started
	if ! wait_until 10 has_port dut:midi_out; then
		cat "$work/jalv.out"
		fail "jalv did not make its ports"
	fi
	$jack_nice timeout 40 jack_midi_dump -a taps >"$work/midi.txt" 2>&1 3>&- &
	started
	wait_until 10 has_port taps:input || fail "jack_midi_dump did not make its port"
	jack_connect dut:midi_out taps:input || fail "cannot connect midi_out"
	$jack_nice timeout 30 jack_capture -d 10 -f wav --port dut:out_l --port dut:out_r \
		"$work/recording.wav" >"$work/capture.log" 2>&1 3>&- &
	started
	wait_exit 25 "$!" || fail "jack_capture did not finish its 10 s"
	sleep 0.2 # the notes of the last period
	exec 3>&-
	stop_started
	rm -f "$work/jalv.in"
	# "  22784: 90 48 64 note on ..." -> "22784 90 48"
	awk -F'[: ]+' '/note o/ {print $2, $3, $4}' "$work/midi.txt" >"$work/notes.txt"
	echo "--- $(wc -l <"$work/notes.txt") MIDI messages from midi_out, the first four:"
	head -4 "$work/midi.txt"
}

# Up to 3 runs for one without xruns; if each had some, the last is
# checked with whole periods of slack (the frame within the period stays
# exact).
for try in 1 2 3; do
	attempt
	xruns=$(grep -c -i xrun "$work/jackd.log")
	slack=1
	if [ "$xruns" -gt 0 ]; then
		echo "attempt $try: JACK reported $xruns xruns"
		[ "$try" -lt 3 ] && continue
		slack=4
	fi
	"$check_taps" "$work/recording.wav" "$work/notes.txt" "$period" 50 "$slack" ||
		fail "the tap notes do not match the taps heard"
	echo "jalv's tap notes: ok"
	exit 0
done
