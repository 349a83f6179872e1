#!/bin/bash
# SPDX-License-Identifier: ISC
# jalv.gtk3 on JACK (dummy driver) under Xvfb opens the plugin with its own
# window (suil embeds the X11 UI in GTK): a screenshot of the screen must
# show our drawing (the target's, the breathing circle's and the window's
# colours), and jalv must keep running the plugin.
# Usage: jalv_gtk_ui.sh SCREEN_COLOURS   (LV2_PATH must find the bundle)
source "$(dirname "$0")/lib.sh"
screen_colours=$1
uri=https://somascape.dev/lv2/somascape
need Xvfb jackd jalv.gtk3 jack_wait

# Our own X server: Xvfb picks a free display and writes its number.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
started
wait_until 10 test -s "$work/display" || fail "Xvfb did not start"
export DISPLAY=":$(cat "$work/display")"

export JACK_DEFAULT_SERVER=somascape-ui-test-$$
export JACK_NO_AUDIO_RESERVATION=1
timeout 60 jackd -n "$JACK_DEFAULT_SERVER" --no-realtime -d dummy -r 48000 -p 256 \
	>"$work/jackd.log" 2>&1 &
started
if ! timeout 10 jack_wait -w -t 8 >/dev/null 2>&1; then
	cat "$work/jackd.log"
	fail "JACK did not start"
fi

# no accessibility bus or settings daemon in a test: GTK is told not to look
NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory timeout 60 jalv.gtk3 -n somascape -c gaze_mode=1 \
	-c gaze_rate=0.5 -c fade_in=0 "$uri" >"$work/jalv.out" 2>&1 </dev/null &
started
jalv_pid=$!

if ! "$screen_colours" 20 "$work/screen.png"; then
	cat "$work/jalv.out"
	KEEP_WORK=1
	fail "jalv.gtk3 does not show the plugin's window"
fi
kill -0 "$jalv_pid" 2>/dev/null || fail "jalv.gtk3 exited"
grep -qi "error" "$work/jalv.out" && { cat "$work/jalv.out"; fail "jalv.gtk3 reported an error"; }
echo "jalv.gtk3 shows the plugin's window: ok"
