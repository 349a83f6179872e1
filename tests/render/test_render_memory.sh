# SPDX-License-Identifier: ISC
# Constant memory: the peak resident set of a 2-hour render is within 10 %
# of a 1-minute render's, cue sheet and plot included; and of a 20-minute
# --loudness render through the true-peak limiter, of a 1-minute one's.
. "$(dirname "$0")/test_render_lib.sh"
ARGS=(--rate 8000 --bits 16 --set drone_level=-60)
short=$("$PROBE" maxrss "$RENDER" "${ARGS[@]}" --duration 1m -o short.flac --cues short.vtt --plot short.png)
long=$("$PROBE" maxrss "$RENDER" "${ARGS[@]}" --duration 2h -o long.flac --cues long.vtt --plot long.png)
check_memory "2 h render against 1 min" "$short" "$long"
check "the 2-hour file is complete" [ "$(info_field long.flac 3)" = 57600000 ]
LIMITED=(--rate 8000 --bits 16 --preset "BLS 1.2 Hz chimes" --loudness -16)
short=$("$PROBE" maxrss "$RENDER" "${LIMITED[@]}" --duration 1m -o short.flac 2> /dev/null)
long=$("$PROBE" maxrss "$RENDER" "${LIMITED[@]}" --duration 20m -o long.flac 2> long.err)
check_memory "--loudness, limited: 20 min against 1 min" "$short" "$long"
check "it went through the limiter" grep -q "limiter took" long.err
finish
