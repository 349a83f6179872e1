/* SPDX-License-Identifier: ISC */
/* Strikes that ring together (cue_strike.h): strikes of one sound that
 * go to one place add their partials into one bank, which computes them
 * all at once, on the same grid as they.  What it holds is the sum of
 * what joined minus what left, kept exactly (CueExactSum), so that a
 * strike taken out leaves no trace of its rounding.
 *
 * Its invariants, checked in the Debug and sanitizer builds
 * (cue_checks.h): a strike joins at the start of a tick, only a silent
 * bank or one that turns its partials by the same steps; a strike that
 * leaves joined since the bank last fell silent and is at the bank's
 * sample; when every strike that joined has left, the exact sum is
 * nothing (to its rounding); the float partials are the exact sum,
 * rounded, at every change. */
#ifndef SOMASCAPE_CUE_BANK_H
#define SOMASCAPE_CUE_BANK_H

#include "cue_partials.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	CuePartials partials;
	CueExactSum exact; /* what partials holds, without its rounding */
	float buf[CUE_TICK];
	uint32_t buf_pos; /* next sample of buf to hand out */
	/* who is in it: strikes that joined since it last fell silent and
	 * have not left (one that ends stays: its part dies away here) */
	uint32_t members;
	uint32_t silences;  /* times it fell silent and was started afresh */
	double joined_peak; /* largest lane that joined since (checks only) */
} CueBank;

void cue_bank_init(CueBank* b);

static inline bool
cue_bank_active(const CueBank* b)
{
	return b->partials.live > 0 || b->buf_pos < CUE_TICK;
}

/* Adds a strike's partials p (at the start of a tick, at the bank's
 * sample) if the bank is silent or turns the same partials; false if
 * another sound rings there.  *silences is set to when it joined. */
bool cue_bank_join(CueBank* b, const CuePartials* p, uint32_t* silences);

/* Takes a strike's part back out: p as it joined, carried on to the
 * bank's sample; silences as cue_bank_join set it.  The bank is active. */
void cue_bank_leave(CueBank* b, const CuePartials* p, uint32_t silences);

/* Adds n samples of the strikes ringing in the bank to out: after their
 * voices, for the same samples. */
void cue_bank_render(CueBank* b, float* out, uint32_t n);

#endif
