/* SPDX-License-Identifier: ISC */
#include "end_chime.h"

#include "cue_match.h"
#include "gaze.h"

#include <math.h>

/* The loudest 3 s (EBU short-term loudness) of each layer at a level
 * setting of 0 dB, measured at 48 kHz (tests/unit/test_end_chime.c prints the
 * sessions): the quietest case of each, so that the ceiling never lies
 * above the session.  Cues are matched in integrated loudness; Hold taps
 * once a cycle, not twice, and is 3 dB less in 3 s windows. */
static const float cue_lufs = -18.5f;
static const float hold_lufs = -21.5f;
static const float drone_lufs = -15.5f;
/* The chime's loudest 3 s at unit gain, at 220 Hz. */
static const float chime_lufs = -26.4f;
/* It stays this far under the session's loudest 3 s. */
static const float ceiling_margin_db = 0.5f;

float
end_chime_hz(const Controls* c)
{
	const float hz = 2.0f * c->drone_root;
	return hz < 110.0f ? 110.0f : hz > 440.0f ? 440.0f : hz;
}

/* Loudness (LUFS) of the session before its fade-out, from the level
 * controls; -inf when nothing else sounds. */
static float
session_lufs(const Controls* c)
{
	const int mode = (int)c->gaze_mode;
	double power = 0.0;
	if (c->cue_level > -60.0f && mode != GAZE_OFF) {
		power += pow(10.0, ((mode == GAZE_HOLD ? hold_lufs : cue_lufs) + c->cue_level) / 10.0);
	}
	if (c->drone_level > -60.0f) {
		power += pow(10.0, (drone_lufs + c->drone_level) / 10.0);
	}
	return power > 0.0 ? (float)(10.0 * log10(power)) : -INFINITY;
}

float
end_chime_gain(const Controls* c, float hz)
{
	if (c->chime_level <= -60.0f) {
		return 0.0f; /* as every level control: off at its bottom */
	}
	float lufs = drone_lufs + c->chime_level;
	const float ceiling = session_lufs(c) - ceiling_margin_db;
	if (isfinite(ceiling) && lufs > ceiling) {
		lufs = ceiling;
	}
	/* the ear weighs its pitch as the cue tables do, relative to 220 Hz */
	const float pitch = cue_match_gain(END_CHIME_SOUND, hz, END_CHIME_DECAY_S, 0.5f) /
	                    cue_match_gain(END_CHIME_SOUND, 220.0f, END_CHIME_DECAY_S, 0.5f);
	return powf(10.0f, (lufs - chime_lufs) / 20.0f) * pitch;
}

void
end_chime_swell(float* x, uint32_t n, int64_t since, double rate)
{
	const double length = END_CHIME_SWELL_S * rate;
	for (uint32_t i = 0; i < n && (double)(since + i) < length; ++i) {
		/* a smoothstep: no corner at either end */
		const float r = (float)((double)(since + i) / length);
		x[i] *= r * r * (3.0f - 2.0f * r);
	}
}
