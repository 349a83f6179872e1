#!/bin/bash
# SPDX-License-Identifier: ISC
# Ardour 7 headless: runs ardour_session.lua in ardour7-lua, then checks the
# exported WAV.  Ardour 7.3's exporter crashes at exit in some runs even
# with no plugin loaded, so the exported file is judged, not the exit code,
# and a run that left no good file is tried again, up to ATTEMPTS times.
# A check that fails inside the session (the plugin, a control, the preset,
# the meter: a Lua error) fails at once: that is no crash.
# Usage: ardour_headless.sh CHECKER PORTS_DEF   (LV2_PATH must find the bundle)
source "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
checker=$1
ports_def=$2
attempts=${ATTEMPTS:-3}
need ardour7-lua

# Ardour's control-input index of each control we set, from ports.def (the
# control inputs in order), with the name Ardour should show for it.
declare -A want=([gaze_mode]=2 [gaze_space]=1 [gaze_rate]=1 [fade_in]=0
	[drone_level]=-60 [cue_decay]=0.15 [cue_sound]=0 [clock]=1)
awk -F', *' '/^CONTROL_IN\(/ { sub(/^CONTROL_IN\(/, "", $1); gsub(/"/, "", $2); print n++, $1, $2 }' \
	"$ports_def" | while read -r index symbol name; do
	if [ -n "${want[$symbol]:-}" ]; then
		echo "$index $symbol ${want[$symbol]} $name"
	fi
done >"$work/params"
[ "$(wc -l <"$work/params")" -eq "${#want[@]}" ] || fail "controls missing from $ports_def"

# Ardour's configuration and caches go to the temporary folder.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_CACHE_HOME=$work/home/cache
mkdir -p "$XDG_CONFIG_HOME/ardour7/export"
cp "$here/somascape-float.preset" "$XDG_CONFIG_HOME/ardour7/export/"

for attempt in $(seq "$attempts"); do
	run=$work/run$attempt
	mkdir -p "$run/export"
	echo "--- attempt $attempt"
	SOMASCAPE_WORK=$run SOMASCAPE_PARAMS=$work/params timeout 100 ardour7-lua \
		"$here/ardour_session.lua" >"$run/log" 2>&1 </dev/null &
	started
	wait_exit 110 "$!" || fail "ardour7-lua did not end"
	echo "ardour7-lua exited with status $exit_status"
	grep -E '^somascape-ardour:|^Error' "$run/log"
	if grep -q '^Error' "$run/log"; then
		fail "a check inside Ardour failed (a Lua error, not a crash)"
	fi
	export_file=$(find "$run/export/first" -name '*.wav' 2>/dev/null | head -n 1)
	again_file=$(find "$run/export/again" -name '*.wav' 2>/dev/null | head -n 1)
	if [ -n "$again_file" ] && grep -q 'somascape-ardour: ok exported 0-8 s again' "$run/log"; then
		# The preset's 1.2 Hz, after its 1 s fade-in.
		"$checker" "$export_file" 1.0 7.9 1.2 || fail "the exported file is wrong"
		"$checker" --same "$export_file" "$again_file" || fail "two exports differ"
		echo "Ardour headless: ok (attempt $attempt of $attempts)"
		exit 0
	fi
	echo "no exported file: Ardour crashed or stopped early; log tail:"
	tail -n 15 "$run/log"
done
fail "no good export in $attempts attempts"
