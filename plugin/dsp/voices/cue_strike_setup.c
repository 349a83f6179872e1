/* SPDX-License-Identifier: ISC */
/* From a recipe (cue_recipes.c) to a strike ready to sound: its partials
 * at their onset phases, its noise, its glide, where it ends.  In double,
 * once per strike; the voice keeps a copy of the last one made. */
#include "cue_strike.h"

#include "cue_onset.h"

#include <math.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* -60 dB is exp(-6.9078): the decay time constant is t60 / LN_1000. */
#define LN_1000 6.907755278982137

/* Below -100 dB (power 1e-10) a strike is inaudible and ends. */
static const double silence_power = 1e-10;
/* A partial under -118 dB is dropped: eight of them sum under -100 dB. */
static const double partial_floor = 1.25e-6;
/* A strike cut short by a retrigger fades out over this long. */
static const double retrigger_fade_s = 0.006;
/* Partials above this are tilted down: gentle, no harsh highs. */
static const double soft_corner_hz = 3000.0;
/* Noise is scaled so its spectral density is the same at every rate. */
static const double noise_reference_rate = 48000.0;
static const double noise_reference_hz = 1000.0;
/* A user sample fades in over this long (its onset is kept by the trim). */
static const double sample_attack_s = 0.001;

/* RBJ band-pass, 0 dB at the centre; stable for any centre under Nyquist. */
static CueBiquad
band_pass(double centre_hz, double q, double rate)
{
	const double w = 2.0 * M_PI * centre_hz / rate;
	const double alpha = sin(w) / (2.0 * q);
	const double a0 = 1.0 + alpha;
	return (CueBiquad){.b0 = alpha / a0, .a1 = -2.0 * cos(w) / a0, .a2 = (1.0 - alpha) / a0};
}

/* Raises the pitch so that the first partial is not under the recipe's
 * lowest (under it a partial is felt more than heard, and less than a
 * cycle fits in 20 ms: its peaks stand out), and lowers the whole sound by
 * octaves until its first partial fits under the band limit, so that no
 * pitch at any rate leaves a sound silent. */
static double
fitting_pitch(const CueRecipe* r, double pitch_hz, double rate)
{
	const double first = r->partial_count ? r->ratio[0] : 1.0;
	pitch_hz = fmax(pitch_hz, r->lowest_hz / first);
	const double glide = r->glide_from > 0.0f ? fmax(r->glide_from, r->glide_to) : 1.0;
	while (pitch_hz * first * glide >= CUE_MAX_PARTIAL_FRACTION * rate && pitch_hz > 1.0) {
		pitch_hz *= 0.5;
	}
	return pitch_hz;
}

static void
setup_partials(CueStrike* s, const CueRecipe* r, double pitch_hz, double t60_s, double ramp_samples,
               double gain, double rate)
{
	const bool glides = r->glide_from > 0.0f;
	const double from = glides ? r->glide_from : 1.0;
	const double to = glides ? r->glide_to : 1.0;
	const double glide_max = fmax(from, to);
	CueOnsetShape shape = {.ramp_samples = ramp_samples};
	if (glides) {
		s->parts |= CUE_PARTS_GLIDE;
		s->glide_pos = 1.0f;
		double time = r->glide_time * t60_s;
		if (r->glide_max_s > 0.0f) {
			time = fmin(time, r->glide_max_s);
		}
		s->glide_pos_per_tick = (float)exp(-CUE_TICK * CUE_GLIDE_TICKS / (time * rate));
		shape.glide_samples = CUE_TICK * CUE_GLIDE_TICKS;
		shape.pos_per_update = s->glide_pos_per_tick;
		shape.settle_below = CUE_GLIDE_SETTLED;
	}
	CuePartials* p = &s->partials;
	for (uint32_t k = 0; k < r->partial_count; ++k) {
		const double hz = pitch_hz * r->ratio[k] + r->detune_hz[k];
		if (hz <= 0.0 || hz * glide_max >= CUE_MAX_PARTIAL_FRACTION * rate) {
			continue; /* would alias: leave it out */
		}
		const double high = hz * glide_max / soft_corner_hz;
		const double tilt = 1.0 / sqrt(1.0 + high * high);
		const double omega = 2.0 * M_PI * hz / rate;
		const double radius = exp(-LN_1000 / (t60_s * r->decay[k] * rate));
		const double theta = omega * (from - to);
		s->settled_re[p->count] = (float)(radius * cos(omega * to));
		s->settled_im[p->count] = (float)(radius * sin(omega * to));
		s->glide_theta[p->count] = (float)theta;
		s->lowest_hz = (float)fmin(s->lowest_hz, hz * fmin(from, to));
		cue_partials_start(p, gain * r->level[k] * tilt,
		                   cue_onset_phase(&shape, radius, omega * to, theta), omega * from, radius,
		                   partial_floor);
	}
}

static void
setup_noise(CueStrike* s, const CueRecipe* r, double pitch_hz, double t60_s, double gain,
            double rate)
{
	if (r->noise_level <= 0.0f) {
		return;
	}
	const double centre = fmin(pitch_hz * r->noise_centre, 0.25 * rate);
	s->parts |= CUE_PARTS_NOISE;
	s->lowest_hz = (float)fmin(s->lowest_hz, 0.5 * centre); /* a wide band */
	s->band[0] = band_pass(centre, r->noise_q, rate);
	s->band[1] = s->band[0];

	/* envelope: a slow minus a fast exponential, scaled to peak at 1 */
	const double fast = fmax(r->noise_rise_s, r->noise_rise * t60_s);
	const double slow = fmax(t60_s * r->noise_length / LN_1000, 2.0 * fast);
	const double t_peak = log(slow / fast) * slow * fast / (slow - fast);
	const double peak = exp(-t_peak / slow) - exp(-t_peak / fast);
	/* uniform noise has power 1/3: sqrt(3) makes it unit power; the same
	 * density at every rate, and the same power in any (constant-Q) band */
	const double level = gain * r->noise_level * sqrt(3.0) / peak *
	                     sqrt(rate / noise_reference_rate) * sqrt(noise_reference_hz / centre);
	s->env_slow = (float)level;
	s->env_fast = (float)level;
	s->env_slow_mul = (float)exp(-1.0 / (slow * rate));
	s->env_fast_mul = (float)exp(-1.0 / (fast * rate));
}

void
cue_strike_start(CueStrike* s, CueSound sound, const CueSample* user, double pitch_hz,
                 double decay_s, double gain, double rate)
{
	*s = (CueStrike){.phase = CUE_STRIKE_NOT_BEGUN, .buf_pos = CUE_TICK};
	if (sound == CUE_USER_SAMPLE && user) {
		/* its start is trimmed to the onset: a short ramp, no click; it
		 * ends with the sample */
		s->parts = CUE_PARTS_SAMPLE;
		cue_sample_start(&s->sample, user, pitch_hz, (float)gain);
		s->ramp_step = (float)(1.0 / fmax(sample_attack_s * rate, 1.0));
		return;
	}
	const CueRecipe* r = cue_recipe(sound); /* the soft sine if no sample is loaded */
	s->lowest_hz = INFINITY;

	pitch_hz = fitting_pitch(r, pitch_hz, rate);
	const double attack = fmin(r->attack_s, 0.15 * decay_s);
	/* never shorter than a few attacks */
	const double t60 = fmax(decay_s * r->length, 4.0 * attack + 0.004);
	gain *= r->loudness_gain;

	const double ramp_samples = fmax(attack * rate, 1.0);
	setup_partials(s, r, pitch_hz, t60, ramp_samples, gain, rate);
	setup_noise(s, r, pitch_hz, t60, gain, rate);
	s->ramp_step = (float)(1.0 / ramp_samples);

	/* where it ends is known now: ticks counted from the trigger, the
	 * first at whose start it is 100 dB down, partials and noise */
	const double noise_power = s->parts & CUE_PARTS_NOISE ? (double)s->env_slow * s->env_slow : 0.0;
	const double noise_decay = pow(s->env_slow_mul, 2.0 * CUE_TICK);
	s->remaining =
	    CUE_TICK * cue_partials_end_tick(&s->partials, silence_power, noise_power, noise_decay);
}

void
cue_strike_fade_out(CueStrike* s, double rate)
{
	if (s->phase == CUE_STRIKE_NOT_BEGUN) {
		s->phase = CUE_STRIKE_ENDED; /* its ramp is at 0: never heard */
		return;
	}
	s->phase = CUE_STRIKE_FADING;
	s->ramp_step = (float)(-1.0 / fmax(retrigger_fade_s * rate, 1.0));
}
