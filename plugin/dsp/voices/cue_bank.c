/* SPDX-License-Identifier: ISC */
#include "cue_bank.h"

#include "cue_checks.h"

#include <math.h>

void
cue_bank_init(CueBank* b)
{
	*b = (CueBank){.buf_pos = CUE_TICK};
}

#ifdef SOMASCAPE_CHECKS
/* The largest part of any lane of what x holds, or of p's lanes. */
static double
largest_lane(const CueExactSum* x, const CuePartials* p)
{
	double largest = 0.0;
	for (int k = 0; k < CUE_MAX_PARTIALS; ++k) {
		for (int j = 0; j < CUE_LANES; ++j) {
			const double v = x ? fmax(fabs(x->re[k][j]), fabs(x->im[k][j]))
			                   : fmax(fabs(p->lane_re[k][j]), fabs(p->lane_im[k][j]));
			largest = fmax(largest, v);
		}
	}
	return largest;
}

/* The float partials are the exact sum rounded, at the same tick. */
static void
check_sum(const CueBank* b)
{
	const CuePartials* p = &b->partials;
	CUE_CHECK(p->live <= p->count && p->count <= CUE_MAX_PARTIALS);
	CUE_CHECK(b->exact.ticks == p->ticks);
	for (uint32_t k = 0; k < p->live; ++k) {
		for (int j = 0; j < CUE_LANES; ++j) {
			CUE_CHECK(p->lane_re[k][j] == (float)b->exact.re[k][j] &&
			          p->lane_im[k][j] == (float)b->exact.im[k][j]);
		}
	}
}

/* A strike's part taken out leaves this much of it at most: the float
 * rounding of its lanes carried on (relative 2^-24, a few times), and
 * partials the bank had dropped, under their floor, turned back on. */
static const double leave_residue = 1e-6;
static const double dropped_residue = 2e-6;

/* Once every strike that joined has left, nothing is left of them. */
static void
check_emptied(const CueBank* b)
{
	if (b->members == 0) {
		CUE_CHECK(largest_lane(&b->exact, NULL) <=
		          leave_residue * b->joined_peak + dropped_residue);
	}
}
#endif

bool
cue_bank_join(CueBank* b, const CuePartials* p, uint32_t* silences)
{
	CUE_CHECK(p->live > 0);
	if (!cue_bank_active(b)) { /* those in it before fell silent */
		b->partials = *p;
		cue_partials_hold(&b->exact, &b->partials);
		b->members = 0;
		b->joined_peak = 0.0;
		++b->silences;
	} else if (b->buf_pos == CUE_TICK && cue_partials_same_steps(&b->partials, p)) {
		cue_partials_mix(&b->partials, &b->exact, p, 1.0);
	} else {
		return false;
	}
	++b->members;
	*silences = b->silences;
#ifdef SOMASCAPE_CHECKS
	b->joined_peak = fmax(b->joined_peak, largest_lane(NULL, p));
	check_sum(b);
#endif
	return true;
}

void
cue_bank_leave(CueBank* b, const CuePartials* p, uint32_t silences)
{
	CUE_CHECK(cue_bank_active(b));
	CUE_CHECK(silences == b->silences && b->members > 0);
	(void)silences;
	cue_partials_mix(&b->partials, &b->exact, p, -1.0);
	--b->members;
#ifdef SOMASCAPE_CHECKS
	check_sum(b);
	check_emptied(b);
#endif
}

void
cue_bank_render(CueBank* b, float* out, uint32_t n)
{
	while (n > 0) {
		if (b->buf_pos == CUE_TICK) {
			if (b->partials.live == 0) {
				return; /* silent: it takes its time from the next strike */
			}
			if (n >= CUE_TICK) { /* whole ticks: straight out */
				const uint32_t ticks = n / CUE_TICK;
				cue_partials_render(&b->partials, out, ticks, true);
				out += ticks * CUE_TICK;
				n -= ticks * CUE_TICK;
				continue;
			}
			cue_partials_render(&b->partials, b->buf, 1, false);
			b->buf_pos = 0;
		}
		const uint32_t room = CUE_TICK - b->buf_pos;
		const uint32_t m = n < room ? n : room;
		const float* in = b->buf + b->buf_pos;
		for (uint32_t i = 0; i < m; ++i) {
			out[i] += in[i];
		}
		b->buf_pos += m;
		out += m;
		n -= m;
	}
}
