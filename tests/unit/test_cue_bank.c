/* SPDX-License-Identifier: ISC */
/* Unit test of the shared cue bank: strikes ringing in it sound as they
 * do apart, struck regularly (long ones cut short, short ones ending on
 * their own) and under heavy joining and leaving (uneven times,
 * retriggers before and after they join, stops, uneven chunks), where the
 * bank's counts say it worked: strikes joined, left, and it fell silent
 * and started afresh.  A voice and its bank copied sound on as the
 * original.  In the
 * Debug and sanitizer builds every join and leave also checks the bank's
 * invariants (cue_bank.h). */

#include "check.h"
#include "cue_voice.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum {
	RATE = 48000,
	TOTAL = 6 * RATE,
	VOICES = 6,
};

static uint32_t
next(uint32_t* state)
{
	*state = *state * 1664525u + 1013904223u;
	return *state >> 8;
}

/* The largest difference between two renders, and the first's peak. */
static double
largest_difference(const float* a, const float* b, size_t n, double* peak)
{
	double worst = 0.0;
	*peak = 0.0;
	for (size_t i = 0; i < n; ++i) {
		worst = fmax(worst, fabs((double)b[i] - a[i]));
		*peak = fmax(*peak, fabs((double)a[i]));
	}
	return worst;
}

/* A pool of three voices struck every `every` samples (the oldest cut
 * short once all ring), in uneven chunks on a grid of CUE_TICK, each
 * strike alone or all ringing in one bank; whether the bank rang. */
static bool
render_regular_pool(CueSound sound, float decay, size_t every, bool shared, float* out,
                    size_t total)
{
	static const uint32_t chunks[] = {64, 64, 17, 64, 3, 44, 64, 1, 64, 64, 31};
	CueVoice voices[3];
	CueBank bank;
	cue_bank_init(&bank);
	for (int i = 0; i < 3; ++i) {
		cue_voice_init(&voices[i], 48000.0);
	}
	size_t done = 0, c = 0, strikes = 0;
	bool rang = false;
	while (done < total) {
		if (done % every == 0) {
			CueVoice* v = &voices[strikes % 3];
			cue_voice_trigger(v, shared ? &bank : NULL, sound, 330.0f, decay, 1.0f,
			                  (uint32_t)++strikes);
		}
		size_t m = chunks[c++ % (sizeof(chunks) / sizeof(chunks[0]))];
		m = m < every - done % every ? m : every - done % every;
		m = m < total - done ? m : total - done;
		for (int i = 0; i < 3; ++i) {
			cue_voice_render(&voices[i], out + done, (uint32_t)m, done % CUE_TICK);
		}
		if (shared && cue_bank_active(&bank)) {
			cue_bank_render(&bank, out + done, (uint32_t)m);
			rang = true;
		}
		done += m;
	}
	return rang;
}

/* Strikes ringing in a bank sound as they do apart: long ones, cut short
 * as voices are taken (each takes its part back out), and short ones that
 * end on their own.  What may differ is what is under -100 dB: partials
 * are dropped at different times (under -118 dB each, eight under 1e-5),
 * and a strike that ends leaves its last tail (power under 1e-10, so
 * under 2e-5 over four partials) to die away in the bank. */
static void
test_regular_strikes(void)
{
	enum { LENGTH = 4 * 48000 };
	static float apart[LENGTH], shared[LENGTH];
	static const struct {
		CueSound sound;
		const char* name;
		float decay;
		size_t every;
		double limit; /* of the difference */
	} cases[] = {
	    {CUE_BELL, "bell", 3.0f, 7001, 1e-5},
	    {CUE_SINGING_BOWL, "singing bowl", 3.0f, 4999, 1e-5},
	    {CUE_WOODBLOCK, "woodblock", 3.0f, 6007, 1e-5},
	    {CUE_CHIME, "chime", 0.4f, 24001, 2e-5},
	    {CUE_SOFT_DRUM, "soft drum", 3.0f, 7001, 0.0}, /* a glide: never in a bank */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
		memset(apart, 0, sizeof(apart));
		memset(shared, 0, sizeof(shared));
		render_regular_pool(cases[i].sound, cases[i].decay, cases[i].every, false, apart, LENGTH);
		const bool rang = render_regular_pool(cases[i].sound, cases[i].decay, cases[i].every, true,
		                                      shared, LENGTH);
		CHECK(rang == (cases[i].limit > 0.0), "%s: the bank %s", cases[i].name,
		      rang ? "rang" : "never rang");
		double peak;
		const double worst = largest_difference(apart, shared, LENGTH, &peak);
		CHECK(peak > 0.1 && worst <= cases[i].limit, "%s in a bank differs by %g (peak %g)",
		      cases[i].name, worst, peak);
		printf("  %-12s in a bank: largest difference %.3g (%.1f dB under the peak)\n",
		       cases[i].name, worst, 20.0 * log10(peak / (worst + 1e-30)));
	}
}

typedef struct {
	uint32_t joins, leaves, silences;
} BankCounts;

/* The pool rendered with one bank shared (else each strike alone), the
 * same strikes and chunks for a given seed. */
static BankCounts
render_pool(CueSound sound, float decay, uint32_t seed, bool shared, float* out)
{
	CueVoice voices[VOICES];
	CueBank bank;
	cue_bank_init(&bank);
	for (int i = 0; i < VOICES; ++i) {
		cue_voice_init(&voices[i], RATE);
	}
	uint32_t state = seed, strikes = 0, members = 0;
	BankCounts counts = {0};
	size_t done = 0, next_strike = 0;
	while (done < TOTAL) {
		if (done == next_strike) {
			CueVoice* v = &voices[next(&state) % VOICES];
			if (next(&state) % 16 == 0) {
				cue_voice_stop(v);
			} else {
				cue_voice_trigger(v, shared ? &bank : NULL, sound, 330.0f, decay, 1.0f, ++strikes);
			}
			/* from a few ms to half a second: before and after the
			 * attacks are over */
			next_strike = done + 100 + next(&state) % (RATE / 3);
		}
		/* whole ticks and pieces, on the caller's grid of CUE_TICK */
		size_t m = next(&state) % 4 ? CUE_TICK * (1 + next(&state) % 16) : 1 + next(&state) % 40;
		m = m < next_strike - done ? m : next_strike - done;
		m = m < TOTAL - done ? m : TOTAL - done;
		for (int i = 0; i < VOICES; ++i) {
			cue_voice_render(&voices[i], out + done, (uint32_t)m, done % CUE_TICK);
		}
		if (cue_bank_active(&bank)) {
			cue_bank_render(&bank, out + done, (uint32_t)m);
		}
		/* members rise by the strikes that joined, fall by those that left */
		if (bank.silences != counts.silences) {
			counts.silences = bank.silences;
			counts.joins += bank.members;
		} else if (bank.members > members) {
			counts.joins += bank.members - members;
		} else {
			counts.leaves += members - bank.members;
		}
		members = bank.members;
		done += m;
	}
	return counts;
}

/* A voice and its bank copied (as the player copies a whole engine to
 * fade it out after a jump) sound on as the original does, retriggers
 * included, once the copy's strikes are moved to the copy's bank: copied
 * while the strike rises, waits to join, or rings in the bank. */
static void
test_copied_bank(void)
{
	enum { GRID = 64, COPY_LAST = 2048, AFTER = 24000 };
	typedef struct {
		CueVoice voice;
		CueBank bank;
	} Pair;
	static Pair a, c;
	static float original[AFTER], copy[AFTER];
	for (uint32_t copy_at = 0; copy_at <= COPY_LAST; copy_at += CUE_TICK) {
		cue_voice_init(&a.voice, RATE);
		cue_bank_init(&a.bank);
		cue_voice_trigger(&a.voice, &a.bank, CUE_CLICK, 660.0f, 0.5f, 1.0f, 3);
		float scratch[CUE_TICK];
		for (uint32_t t = 0; t < copy_at; t += CUE_TICK) {
			cue_voice_render(&a.voice, scratch, CUE_TICK, t % GRID);
			cue_bank_render(&a.bank, scratch, CUE_TICK);
		}
		memcpy(&c, &a, sizeof(a));
		cue_voice_move_bank(&c.voice, &a.bank, &c.bank);
		Pair* pairs[2] = {&a, &c};
		float* outs[2] = {original, copy};
		for (int p = 0; p < 2; ++p) {
			memset(outs[p], 0, sizeof(original));
			for (uint32_t t = 0; t < AFTER; t += CUE_TICK) {
				if (t == AFTER / 2) { /* it leaves the bank, and fades */
					cue_voice_trigger(&pairs[p]->voice, &pairs[p]->bank, CUE_CLICK, 660.0f, 0.5f,
					                  1.0f, 4);
				}
				const uint32_t tick_at = (copy_at + t) % GRID;
				cue_voice_render(&pairs[p]->voice, outs[p] + t, CUE_TICK, tick_at);
				cue_bank_render(&pairs[p]->bank, outs[p] + t, CUE_TICK);
			}
		}
		CHECK(memcmp(original, copy, sizeof(original)) == 0,
		      "copied at sample %u, the copy sounds otherwise", copy_at);
	}
	printf("a voice and its bank copied at %d points sound on as the original\n",
	       COPY_LAST / CUE_TICK + 1);
}

/* A pool of voices struck at uneven times, retriggered before and after
 * they join, stopped now and then, in uneven chunks, all in one bank. */
static void
test_uneven_strikes(void)
{
	static float apart[TOTAL], shared[TOTAL];
	static const struct {
		CueSound sound;
		float decay;
	} cases[] = {
	    {CUE_BELL, 2.0f},       {CUE_SINGING_BOWL, 1.0f}, {CUE_WOODBLOCK, 0.3f},
	    {CUE_SOFT_SINE, 0.05f}, {CUE_CHIME, 4.0f},
	};
	BankCounts total = {0};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); ++c) {
		for (uint32_t seed = 1; seed <= 3; ++seed) {
			memset(apart, 0, sizeof(apart));
			memset(shared, 0, sizeof(shared));
			render_pool(cases[c].sound, cases[c].decay, seed, false, apart);
			const BankCounts n = render_pool(cases[c].sound, cases[c].decay, seed, true, shared);
			double peak;
			const double worst = largest_difference(apart, shared, TOTAL, &peak);
			/* what may differ is under -100 dB: partials dropped at
			 * other times, tails that die away in the bank */
			CHECK(peak > 0.05 && worst <= 2e-5,
			      "sound %d, decay %g, seed %u: in the bank it differs by %g (peak %g)",
			      (int)cases[c].sound, (double)cases[c].decay, seed, worst, peak);
			CHECK(n.joins > 5, "sound %d, seed %u: only %u strikes joined the bank",
			      (int)cases[c].sound, seed, n.joins);
			total.joins += n.joins;
			total.leaves += n.leaves;
			total.silences += n.silences;
		}
	}
	CHECK(total.leaves > 20 && total.silences > 3,
	      "only %u strikes left the bank and it fell silent %u times: too little tested",
	      total.leaves, total.silences);
	printf("%u strikes joined the bank, %u left it, it started afresh %u times: all as the "
	       "strikes sound apart, within 2e-5\n",
	       total.joins, total.leaves, total.silences);
}

int
main(void)
{
	test_regular_strikes();
	test_uneven_strikes();
	test_copied_bank();
	return 0;
}
