# SPDX-License-Identifier: ISC
# The writer thread: the file holds exactly the samples of a render written
# in one thread (whatever the runs' size: several per ring slot, slots left
# part full, one run per slot), and an interrupted render leaves nothing.
# Usage: bash test_render_writer.sh RENDER PROBE SOURCE_DIR REFERENCE
. "$(dirname "$0")/test_render_lib.sh"
REFERENCE=$4

# 20 s at 48 kHz: over a hundred ring slots, so the ring wraps many times
for block in 256 7 8192; do
	render --rate 48000 --duration 20s --block "$block" --bits 32f -o w$block.wav
	"$REFERENCE" r$block.wav 48000 960000 "$block"
	check "--block $block: the same samples as a single-threaded render" \
		"$PROBE" same w$block.wav r$block.wav
done

mkdir -p out
"$RENDER" --rate 48000 --duration 10h -o out/long.wav 2> int.err &
pid=$!
sleep 1
kill -INT $pid
wait $pid
status=$?
check "interrupted: exit status 1 ($status)" [ "$status" = 1 ]
check "interrupted: it says so" grep -q "interrupted" int.err
check "interrupted: nothing left behind" [ -z "$(ls -A out)" ]
finish
