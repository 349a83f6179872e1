/* SPDX-License-Identifier: ISC */
#include "chimes.h"
#include "layers.h"

#include <math.h>
#include <string.h>

/* The inhale bowl rings in this octave, at the root's pitch class; the
 * exhale bell a fifth below it. */
static const float inhale_low_hz = 330.0f;
static const float exhale_ratio = 2.0f / 3.0f;
static const float inhale_decay_s = 2.5f, exhale_decay_s = 2.0f;

double
chimes_ring_s(void)
{
	const double in = cue_voice_ring_s(CUE_SINGING_BOWL, inhale_decay_s);
	const double out = cue_voice_ring_s(CUE_BELL, exhale_decay_s);
	return in > out ? in : out;
}

void
chimes_init(Chimes* c, double rate)
{
	cue_voice_init(&c->inhale, rate);
	cue_voice_init(&c->exhale, rate);
	memset(c->chunk, 0, sizeof(c->chunk));
	c->sounding = false;
}

static float
inhale_hz(float root_hz)
{
	float hz = root_hz;
	while (hz < inhale_low_hz) {
		hz *= 2.0f;
	}
	while (hz >= 2.0f * inhale_low_hz) {
		hz *= 0.5f;
	}
	return hz;
}

void
chimes_turn(Chimes* c, ChimeMode mode, BreathStage stage, float root_hz, float level_db,
            uint32_t seed)
{
	const float gain = db_to_gain(level_db) * BREATH_LAYER_GAIN * (float)M_SQRT1_2; /* centre */
	if (gain == 0.0f) {
		return;
	}
	if (stage == BREATH_IN && mode != CHIMES_OFF) {
		cue_voice_trigger(&c->inhale, NULL, CUE_SINGING_BOWL, inhale_hz(root_hz), inhale_decay_s,
		                  gain, seed);
	} else if (stage == BREATH_OUT && mode == CHIMES_IN_AND_OUT) {
		cue_voice_trigger(&c->exhale, NULL, CUE_BELL, inhale_hz(root_hz) * exhale_ratio,
		                  exhale_decay_s, gain, seed);
	}
}

void
chimes_render(Chimes* c, uint32_t at, uint32_t n, uint32_t grid_at)
{
	if (cue_voice_active(&c->inhale)) {
		cue_voice_render(&c->inhale, c->chunk + at, n, grid_at + at);
		c->sounding = true;
	}
	if (cue_voice_active(&c->exhale)) {
		cue_voice_render(&c->exhale, c->chunk + at, n, grid_at + at);
		c->sounding = true;
	}
}

float*
chimes_take(Chimes* c)
{
	if (!c->sounding) {
		return NULL; /* the chunk is silence */
	}
	c->sounding = false;
	return c->chunk;
}
