/* SPDX-License-Identifier: ISC */
/* Unit test of a cue strike's course, phase by phase (cue_strike.h): not
 * begun until its first render, rising through its attack, then steady
 * alone, or joining its bank and ringing in it from the next grid point;
 * a retrigger takes it out and fades it to its end in a few ms; one that
 * ends on its own ends where it said it would; its noise and its glide
 * leave it as they die away; a strike faded out before it began ends at
 * once. */

#include "check.h"
#include "cue_voice.h"

#include <stdio.h>

/* Renders v (and bank, if any) a tick at a time, the caller's grid every
 * 64 samples, from sample *t until `until` says stop or `limit` samples;
 * the samples rendered. */
static uint32_t
render_until(CueVoice* v, CueBank* bank, uint32_t* t, bool (*until)(const CueVoice*),
             uint32_t limit)
{
	float tick[CUE_TICK];
	uint32_t done = 0;
	while (!until(v) && done < limit) {
		cue_voice_render(v, tick, CUE_TICK, *t % 64);
		if (bank && cue_bank_active(bank)) {
			cue_bank_render(bank, tick, CUE_TICK);
		}
		*t += CUE_TICK;
		done += CUE_TICK;
	}
	return done;
}

static bool
risen(const CueVoice* v)
{
	return v->now.phase != CUE_STRIKE_RISING && v->now.phase != CUE_STRIKE_NOT_BEGUN;
}

static bool
in_bank(const CueVoice* v)
{
	return v->now.phase == CUE_STRIKE_IN_BANK;
}

static bool
faded(const CueVoice* v)
{
	return v->fading.phase == CUE_STRIKE_ENDED;
}

static bool
ended(const CueVoice* v)
{
	return !cue_voice_active(v);
}

static bool
noise_died(const CueVoice* v)
{
	return !(v->now.parts & CUE_PARTS_NOISE);
}

static bool
glide_settled(const CueVoice* v)
{
	return !(v->now.parts & CUE_PARTS_GLIDE);
}

int
main(void)
{
	CueVoice v;
	CueBank bank;
	uint32_t t = 0;
	cue_voice_init(&v, 48000.0);
	cue_bank_init(&bank);
	cue_voice_trigger(&v, &bank, CUE_BELL, 330.0f, 1.0f, 1.0f, 1);
	CHECK(v.now.phase == CUE_STRIKE_NOT_BEGUN && cue_voice_active(&v) &&
	          v.now.parts == CUE_PARTS_PARTIALS,
	      "a bell just struck is in phase %d, parts %u", (int)v.now.phase, v.now.parts);
	/* the bell's attack: 2 ms, 96 samples, handed out a tick at a time */
	const uint32_t rise = render_until(&v, &bank, &t, risen, 48000);
	CHECK(rise == 96 && v.now.phase == CUE_STRIKE_JOINING,
	      "after %u samples of rising the bell is in phase %d", rise, (int)v.now.phase);
	render_until(&v, &bank, &t, in_bank, 48000);
	CHECK(v.now.phase == CUE_STRIKE_IN_BANK && t % 64 == CUE_TICK && bank.members == 1,
	      "the bell joined its bank at sample %u (phase %d, %u in the bank)", t, (int)v.now.phase,
	      bank.members);

	cue_voice_trigger(&v, &bank, CUE_BELL, 330.0f, 1.0f, 1.0f, 2);
	CHECK(v.fading.phase == CUE_STRIKE_FADING && v.now.phase == CUE_STRIKE_NOT_BEGUN &&
	          bank.members == 0,
	      "retriggered: the old strike is in phase %d, the new one %d, %u in the bank",
	      (int)v.fading.phase, (int)v.now.phase, bank.members);
	const uint32_t fade = render_until(&v, &bank, &t, faded, 48000);
	CHECK(fade >= 288 && fade <= 288 + CUE_TICK,
	      "the strike cut short faded out in %u samples, not 6 ms", fade);

	/* no bank: steady alone, to its end */
	cue_voice_trigger(&v, NULL, CUE_SOFT_SINE, 330.0f, 0.05f, 1.0f, 3);
	cue_voice_render(&v, (float[CUE_TICK]){0}, CUE_TICK, 0);
	const uint32_t remaining = v.now.remaining;
	render_until(&v, NULL, &t, risen, 48000);
	CHECK(v.now.phase == CUE_STRIKE_STEADY, "a soft sine alone is in phase %d", (int)v.now.phase);
	const uint32_t rest = remaining - v.now.remaining;
	const uint32_t to_end = render_until(&v, NULL, &t, ended, 480000);
	CHECK(v.now.phase == CUE_STRIKE_ENDED && rest + to_end >= remaining &&
	          rest + to_end <= remaining + CUE_TICK,
	      "the soft sine ended after %u samples, not the %u it was to ring", rest + to_end,
	      remaining);

	/* parts leave as they die away */
	cue_voice_trigger(&v, NULL, CUE_WOODBLOCK, 330.0f, 0.4f, 1.0f, 4);
	CHECK(v.now.parts == CUE_PARTS_NOISE, "a woodblock is made of %u", v.now.parts);
	render_until(&v, NULL, &t, noise_died, 480000);
	CHECK(v.now.parts == CUE_PARTS_PARTIALS && cue_voice_active(&v),
	      "the woodblock's noise did not die before it ended");
	cue_voice_trigger(&v, &bank, CUE_SOFT_DRUM, 110.0f, 0.4f, 1.0f, 5);
	CHECK(v.now.parts == (CUE_PARTS_GLIDE | CUE_PARTS_NOISE) && !v.now.bank,
	      "a soft drum is made of %u, with%s a bank", v.now.parts, v.now.bank ? "" : "out");
	render_until(&v, NULL, &t, glide_settled, 480000);
	CHECK(!(v.now.parts & CUE_PARTS_GLIDE) && cue_voice_active(&v),
	      "the drum's glide did not settle before it ended");

	/* struck twice before a render: the first is never heard */
	cue_voice_trigger(&v, NULL, CUE_CHIME, 330.0f, 0.4f, 1.0f, 6);
	cue_voice_trigger(&v, NULL, CUE_CHIME, 330.0f, 0.4f, 1.0f, 7);
	CHECK(v.fading.phase == CUE_STRIKE_ENDED && v.now.phase == CUE_STRIKE_NOT_BEGUN,
	      "struck twice: the first is in phase %d", (int)v.fading.phase);
	printf("strike course: rises %u samples, joins on the grid, fades in %u, ends on time\n", rise,
	       fade);
	return 0;
}
