/* SPDX-License-Identifier: ISC */
/* The sidechain ducker on its own: a steady session (all ones) under a
 * voice of known shape, the gain read back sample by sample.  It goes down
 * by the depth within DUCK_ATTACK_S of the voice, stays down through gaps
 * shorter than the hold, comes back DUCK_HOLD_S + DUCK_RETURN_S after the
 * voice, ignores a voice below the threshold, takes NaN as no ducking, and
 * gives the same frames whatever the block size. */
#undef NDEBUG

#include "check.h"
#include "ducker.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0
#define FRAMES 144000u /* 3 s */

/* The session's gain in dB over FRAMES, with the voice given, processed in
 * blocks of `block`. */
static void
run(float depth_db, const float* voice, uint32_t block, float* gain_db)
{
	Ducker d;
	ducker_init(&d, RATE, depth_db);
	static float left[FRAMES], right[FRAMES];
	for (uint32_t i = 0; i < FRAMES; ++i) {
		left[i] = right[i] = 1.0f;
	}
	for (uint32_t done = 0; done < FRAMES;) {
		const uint32_t n = FRAMES - done < block ? FRAMES - done : block;
		ducker_process(&d, left + done, right + done, voice + done, voice + done, n);
		done += n;
	}
	for (uint32_t i = 0; i < FRAMES; ++i) {
		CHECK(left[i] == right[i], "the two channels duck alike (frame %u)", i);
		gain_db[i] = 20.0f * log10f(left[i]);
	}
}

/* A 1 kHz voice at `level` from `on` to `off` seconds, with gaps of gap_s
 * every 0.3 s if gap_s > 0 (pauses between words). */
static void
make_voice(float* voice, double level, double on, double off, double gap_s)
{
	for (uint32_t i = 0; i < FRAMES; ++i) {
		const double t = i / RATE;
		const bool in_gap = gap_s > 0.0 && fmod(t - on, 0.3 + gap_s) >= 0.3;
		voice[i] = t >= on && t < off && !in_gap ? (float)(level * sin(2000.0 * M_PI * t)) : 0.0f;
	}
}

int
main(void)
{
	static float voice[FRAMES], gain[FRAMES], other[FRAMES];
	const double on = 0.5, off = 1.5;

	/* depth, attack, return */
	make_voice(voice, 0.3, on, off, 0.0);
	run(6.0f, voice, 256, gain);
	const uint32_t start = (uint32_t)(on * RATE), end = (uint32_t)(off * RATE);
	for (uint32_t i = 0; i < start + 1; ++i) {
		CHECK(gain[i] == 0.0f, "full level before the voice (frame %u: %g dB)", i, gain[i]);
	}
	/* the voice's first sample is 0: it is heard from the next */
	const uint32_t attack = (uint32_t)ceil(DUCK_ATTACK_S * RATE) + 2;
	CHECK(fabsf(gain[start + attack] + 6.0f) < 1e-3f, "6 dB down %u frames in: %g dB", attack,
	      gain[start + attack]);
	CHECK(gain[start + attack / 2] > -4.0f && gain[start + attack / 2] < -2.0f,
	      "half way down half way through the attack: %g dB", gain[start + attack / 2]);
	for (uint32_t i = start + attack; i < end; ++i) {
		CHECK(fabsf(gain[i] + 6.0f) < 1e-3f, "6 dB down under the voice (frame %u: %g)", i,
		      gain[i]);
	}
	const uint32_t hold = (uint32_t)(DUCK_HOLD_S * RATE);
	CHECK(fabsf(gain[end + hold - 100] + 6.0f) < 1e-3f, "still down through the hold: %g dB",
	      gain[end + hold - 100]);
	const uint32_t back = end + (uint32_t)((DUCK_HOLD_S + DUCK_RETURN_S) * RATE) + 2;
	CHECK(gain[back] == 0.0f, "back to full %g s after the voice: %g dB",
	      DUCK_HOLD_S + DUCK_RETURN_S, gain[back]);
	const uint32_t mid_return = end + hold + (uint32_t)(DUCK_RETURN_S * RATE / 2);
	CHECK(gain[mid_return] > -3.5f && gain[mid_return] < -2.5f,
	      "half way back half way through the return: %g dB", gain[mid_return]);

	/* the same frames whatever the block size */
	for (uint32_t block = 1; block <= 4096; block = block * 7 + 1) {
		run(6.0f, voice, block, other);
		CHECK(memcmp(gain, other, sizeof(gain)) == 0, "blocks of %u duck the same", block);
	}

	/* pauses between words (0.25 s, shorter than the hold): no pumping */
	make_voice(voice, 0.3, on, off, 0.25);
	run(6.0f, voice, 256, gain);
	for (uint32_t i = start + attack; i < end; ++i) {
		CHECK(fabsf(gain[i] + 6.0f) < 1e-3f, "down through the pauses (frame %u: %g dB)", i,
		      gain[i]);
	}

	/* a voice under the threshold (room tone) and a depth of 0 or NaN duck nothing */
	make_voice(voice, pow(10.0, (DUCK_THRESHOLD_DB - 3.0) / 20.0), on, off, 0.0);
	run(6.0f, voice, 256, gain);
	make_voice(voice, 0.3, on, off, 0.0);
	run(0.0f, voice, 256, other);
	for (uint32_t i = 0; i < FRAMES; ++i) {
		CHECK(gain[i] == 0.0f, "a voice below the threshold ducks nothing (frame %u)", i);
		CHECK(other[i] == 0.0f, "--duck 0 ducks nothing (frame %u)", i);
	}
	run(NAN, voice, 256, gain);
	CHECK(memcmp(gain, other, sizeof(gain)) == 0, "a NaN depth is no ducking");
	run(1000.0f, voice, 256, gain);
	CHECK(fabsf(gain[end - 1] + 60.0f) < 1e-2f, "the depth is clamped to 60 dB: %g", gain[end - 1]);
	printf("ducker: all passed\n");
	return 0;
}
