/* SPDX-License-Identifier: ISC */
/* Unit test of a jump across the session while cues ring in the gaze
 * bank (Sweep, a bell of 3 s struck 6 times a second): once the
 * crossfade is over, what is heard is what a player started at the new
 * place makes, bit for bit, wherever the jump fell in the strikes'
 * course (rising, waiting to join the bank, ringing there, retriggered
 * during the crossfade).  Nothing of the session before the jump leaks
 * into the one after: the copy that fades out keeps its strikes in its
 * own bank. */
#undef NDEBUG

#include "check.h"
#include "player.h"

#include <stdio.h>
#include <string.h>

enum {
	RATE = 48000,
	BLOCK = 256,
	CHUNK = 64, /* the crossfade's chunks, so both players chunk alike */
	JUMPS = 96,
	AFTER = RATE / 4,
};
static const int64_t target = 7 * RATE + 123;

static void
start(Player* p)
{
	player_init(p, RATE);
	Controls c;
	controls_defaults(&c);
	c.drone_level = -60.0f; /* silent */
	c.fade_in = 0.0f;
	c.gaze_mode = 1.0f; /* Sweep: the strikes ring in the gaze bank */
	c.gaze_rate = 3.0f;
	c.cue_sound = 1.0f; /* bell */
	c.cue_decay = 3.0f;
	engine_set_controls(&p->engine, &c);
}

static void
transport_at(Player* p, int64_t frame)
{
	const HostPosition pos = {.has_frame = true, .has_speed = true, .frame = frame, .speed = 1.0};
	player_position(p, CLOCK_TRANSPORT, &pos);
}

/* n frames in calls of `block`, into out (or nowhere). */
static void
play(Player* p, uint32_t n, uint32_t block, float* out)
{
	static float left[BLOCK], right[BLOCK];
	for (uint32_t done = 0; done < n;) {
		const uint32_t m = n - done < block ? n - done : block;
		player_process(p, CLOCK_TRANSPORT, left, right, m);
		if (out) {
			memcpy(out + done, left, m * sizeof(float));
		}
		done += m;
	}
}

/* What is heard after the crossfade of a jump to `target`. */
static void
after_jump(Player* p, float* out)
{
	transport_at(p, target);
	play(p, p->fade_frames, CHUNK, NULL);
	CHECK(p->crossfade == 0, "the crossfade still runs");
	play(p, AFTER, BLOCK, out);
}

int
main(void)
{
	static Player fresh, jumped;
	static float expected[AFTER], heard[AFTER];
	start(&fresh);
	after_jump(&fresh, expected);
	double peak = 0.0;
	for (uint32_t i = 0; i < AFTER; ++i) {
		peak = expected[i] > peak ? expected[i] : peak;
	}
	CHECK(peak > 0.01, "the session at the target is silent (peak %g)", peak);
	for (uint32_t j = 0; j < JUMPS; ++j) {
		/* jumps 1.3 ms apart, over a strike and its neighbours */
		const uint32_t before = RATE + j * 61;
		start(&jumped);
		transport_at(&jumped, 0);
		play(&jumped, before, BLOCK, NULL);
		after_jump(&jumped, heard);
		for (uint32_t i = 0; i < AFTER; ++i) {
			CHECK(memcmp(&heard[i], &expected[i], sizeof(float)) == 0,
			      "after a jump at frame %u, frame %u after the crossfade is %.9g, not %.9g",
			      before, i, (double)heard[i], (double)expected[i]);
		}
	}
	printf("%d jumps to frame %lld: after the crossfade, the same samples as a player "
	       "started there\n",
	       JUMPS, (long long)target);
	return 0;
}
