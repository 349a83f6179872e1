/* SPDX-License-Identifier: ISC */
#include "cue_voice.h"

#include "cue_onset.h"

#include "simd.h"

#include <math.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* -60 dB is exp(-6.9078): the decay time constant is t60 / LN_1000. */
#define LN_1000 6.907755278982137

/* Below -100 dB (power 1e-10) a strike is inaudible and ends. */
static const double silence_power = 1e-10;
/* A partial under -118 dB is dropped: eight of them sum under -100 dB. */
static const double partial_floor = 1.25e-6;
/* The noise stops once its envelope is below -140 dB. */
static const float noise_floor = 1e-7f;
/* A strike cut short by a retrigger fades out over this long. */
static const double retrigger_fade_s = 0.006;
/* Partials above this are tilted down: gentle, no harsh highs. */
static const double soft_corner_hz = 3000.0;
/* Noise is scaled so its spectral density is the same at every rate. */
static const double noise_reference_rate = 48000.0;
static const double noise_reference_hz   = 1000.0;
/* A user sample fades in over this long (its onset is kept by the trim). */
static const double sample_attack_s = 0.001;
/* A glide this near its end is over: within a few cents. */
static const float glide_settled = 2e-3f;
/* buf_pos of a strike not rendered yet: it takes its grid then. */
enum { NOT_BEGUN = CUE_TICK + 1 };

/* How each sound is made.  Partial ratios are of the pitch; levels are
 * linear, before the soft high tilt; decays multiply the sound's t60. */
typedef struct {
	uint32_t partial_count;
	float    ratio[CUE_MAX_PARTIALS];
	float    level[CUE_MAX_PARTIALS];
	float    decay[CUE_MAX_PARTIALS];
	float    detune_hz[CUE_MAX_PARTIALS]; /* beating doublets */
	float    length;     /* t60 = decay_s * length */
	float    attack_s;   /* onset ramp */
	float    glide_from; /* pitch factor at the onset (0: no glide) */
	float    glide_to;   /* pitch factor it settles at */
	float    glide_time; /* time constant, fraction of t60 */
	float    glide_max_s; /* and at most this long (0: no limit) */
	float    lowest_hz;   /* the first partial never lower (0: no limit) */
	float    noise_level;
	float    noise_centre; /* band-pass centre, times the pitch */
	float    noise_q;
	float    noise_rise_s;  /* swell time constant, at least */
	float    noise_rise;    /* swell time constant, fraction of t60 */
	float    noise_length;  /* noise t60, fraction of the sound's t60 */
	float    loudness_gain; /* every sound as loud as the sine */
} CueRecipe;

/* loudness_gain is calibrated with tools/cue_loudness.c: struck every 0.5 s
 * at 330 Hz, decay 0.4 s, all measure -27.9 LUFS at gain 1 (EBU R128);
 * cue_match.c carries the match over every decay and pitch.  The sharp
 * sounds keep their knock in short upper partials and noise, but their
 * first partial rings about as long as the soft sine: at the same loudness
 * none is over 1 dB louder than the soft sine in any 20 ms. */
static const CueRecipe recipes[CUE_SOUND_COUNT] = {
	[CUE_SOFT_SINE] = {
		.partial_count = 1,
		.ratio = {1.0f}, .level = {1.0f}, .decay = {1.0f},
		.length = 1.0f, .attack_s = 0.008f,
		.loudness_gain = 0.255f,
	},
	/* church-bell partials (hum, prime, tierce, quint, nominal, ...),
	 * slightly stretched; the hum rings longest */
	[CUE_BELL] = {
		.partial_count = 8,
		.ratio = {0.5f, 1.0f, 1.183f, 1.506f, 2.0f, 2.514f, 2.662f, 3.011f},
		.level = {0.30f, 1.0f, 0.45f, 0.25f, 0.40f, 0.15f, 0.12f, 0.08f},
		.decay = {1.6f, 1.0f, 0.8f, 0.6f, 0.55f, 0.4f, 0.35f, 0.3f},
		.length = 1.2f, .attack_s = 0.002f,
		.loudness_gain = 0.1876f,
	},
	/* free-free bar modes */
	[CUE_CHIME] = {
		.partial_count = 4,
		.ratio = {1.0f, 2.756f, 5.404f, 8.933f},
		.level = {1.0f, 0.55f, 0.30f, 0.15f},
		.decay = {1.0f, 0.6f, 0.4f, 0.3f},
		.length = 1.2f, .attack_s = 0.0015f,
		.loudness_gain = 0.1942f,
	},
	/* a knock of short inharmonic modes and noise over the first mode */
	[CUE_WOODBLOCK] = {
		.partial_count = 4,
		.ratio = {1.0f, 1.58f, 2.32f, 3.73f},
		.level = {1.0f, 0.30f, 0.18f, 0.09f},
		.decay = {1.0f, 0.175f, 0.125f, 0.083f},
		.length = 1.2f, .attack_s = 0.0008f,
		.noise_level = 0.25f, .noise_centre = 4.0f, .noise_q = 1.5f,
		.noise_rise_s = 0.0003f, .noise_length = 0.0375f,
		.loudness_gain = 0.2148f,
	},
	/* a tick of noise and a short overtone on a high ping: not an impulse */
	[CUE_CLICK] = {
		.partial_count = 2,
		.ratio = {4.0f, 6.3f},
		.level = {1.0f, 0.3f},
		.decay = {1.0f, 0.1f},
		.length = 1.0f, .attack_s = 0.0006f,
		.noise_level = 0.12f, .noise_centre = 5.0f, .noise_q = 1.0f,
		.noise_rise_s = 0.0003f, .noise_length = 0.09f,
		.loudness_gain = 0.2119f,
	},
	/* membrane modes an octave under the pitch, dropping slightly */
	[CUE_SOFT_DRUM] = {
		.partial_count = 4,
		.ratio = {0.5f, 0.795f, 1.07f, 1.15f},
		.level = {1.0f, 0.30f, 0.15f, 0.10f},
		.decay = {1.0f, 0.18f, 0.13f, 0.1f},
		.length = 1.3f, .attack_s = 0.0015f,
		.glide_from = 1.2f, .glide_to = 1.0f, .glide_time = 0.067f, .glide_max_s = 0.03f,
		.lowest_hz = 55.0f,
		.noise_level = 0.04f, .noise_centre = 1.0f, .noise_q = 0.7f,
		.noise_rise_s = 0.001f, .noise_length = 0.07f,
		.loudness_gain = 0.2150f,
	},
	/* bowl modes, each a doublet whose halves beat slowly */
	[CUE_SINGING_BOWL] = {
		.partial_count = 8,
		.ratio = {1.0f, 1.0f, 2.71f, 2.71f, 5.15f, 5.15f, 8.43f, 8.43f},
		.level = {0.60f, 0.40f, 0.27f, 0.18f, 0.12f, 0.08f, 0.06f, 0.04f},
		.decay = {1.0f, 1.0f, 0.7f, 0.7f, 0.45f, 0.45f, 0.3f, 0.3f},
		.detune_hz = {-0.45f, 0.45f, -1.1f, 1.1f, -1.8f, 1.8f, -2.6f, 2.6f},
		.length = 2.5f, .attack_s = 0.004f,
		.loudness_gain = 0.1618f,
	},
	/* an octave above the pitch, rising as a bubble does */
	[CUE_WATER_DROP] = {
		.partial_count = 2,
		.ratio = {2.0f, 4.0f},
		.level = {1.0f, 0.08f},
		.decay = {1.0f, 0.5f},
		.length = 0.9f, .attack_s = 0.001f,
		.glide_from = 1.0f, .glide_to = 1.6f, .glide_time = 0.1f,
		.loudness_gain = 0.2488f,
	},
	/* band-passed noise that swells and fades */
	[CUE_BREATH_PUFF] = {
		.partial_count = 0,
		.length = 1.0f, .attack_s = 0.005f,
		.noise_level = 1.0f, .noise_centre = 2.5f, .noise_q = 0.7f,
		.noise_rise_s = 0.015f, .noise_rise = 0.1f, .noise_length = 1.0f,
		.loudness_gain = 0.3796f,
	},
};

/* A 32-bit LCG: seeded, no global state, and short enough a dependency
 * chain not to be the bottleneck; the top bits are used. */
static inline float
noise_sample(uint32_t* state)
{
	*state = *state * 1664525u + 1013904223u;
	return (float)(int32_t)*state * (1.0f / 2147483648.0f);
}

/* RBJ band-pass, 0 dB at the centre; stable for any centre under Nyquist. */
static CueBiquad
band_pass(double centre_hz, double q, double rate)
{
	const double w     = 2.0 * M_PI * centre_hz / rate;
	const double alpha = sin(w) / (2.0 * q);
	const double a0    = 1.0 + alpha;
	return (CueBiquad){.b0 = alpha / a0,
	                   .a1 = -2.0 * cos(w) / a0,
	                   .a2 = (1.0 - alpha) / a0};
}

/* cos and sin for |x| <= pi/2, to float precision, without libm, for the
 * glides' updates.  Glide angles are omega * (from - to) <= 2 pi 0.45 *
 * |from - to| / max(from, to): about 1.06 rad at most in the recipes. */
static inline void
small_sincos(float x, float* c, float* s)
{
	const float x2 = x * x;
	*s = x * (1.0f - x2 * (1.0f / 6.0f) * (1.0f - x2 * (1.0f / 20.0f) *
	     (1.0f - x2 * (1.0f / 42.0f) * (1.0f - x2 * (1.0f / 72.0f) *
	     (1.0f - x2 * (1.0f / 110.0f))))));
	*c = 1.0f - x2 * 0.5f * (1.0f - x2 * (1.0f / 12.0f) * (1.0f - x2 * (1.0f / 30.0f) *
	     (1.0f - x2 * (1.0f / 56.0f) * (1.0f - x2 * (1.0f / 90.0f) *
	     (1.0f - x2 * (1.0f / 132.0f))))));
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
	while (pitch_hz * first * glide >= CUE_MAX_PARTIAL_FRACTION * rate &&
	       pitch_hz > 1.0) {
		pitch_hz *= 0.5;
	}
	return pitch_hz;
}

static void
setup_partials(CueStrike* s, const CueRecipe* r, double pitch_hz, double t60_s,
               double ramp_samples, double gain, double rate)
{
	const bool   glides    = r->glide_from > 0.0f;
	const double from      = glides ? r->glide_from : 1.0;
	const double to        = glides ? r->glide_to : 1.0;
	const double glide_max = fmax(from, to);
	CueOnsetShape shape    = {.ramp_samples = ramp_samples};
	if (glides) {
		s->gliding   = true;
		s->glide_pos = 1.0f;
		double time = r->glide_time * t60_s;
		if (r->glide_max_s > 0.0f) {
			time = fmin(time, r->glide_max_s);
		}
		s->glide_pos_per_tick = (float)exp(-CUE_TICK * CUE_GLIDE_TICKS / (time * rate));
		shape.glide_samples   = CUE_TICK * CUE_GLIDE_TICKS;
		shape.pos_per_update  = s->glide_pos_per_tick;
		shape.settle_below    = glide_settled;
	}
	CuePartials* p = &s->partials;
	for (uint32_t k = 0; k < r->partial_count; ++k) {
		const double hz = pitch_hz * r->ratio[k] + r->detune_hz[k];
		if (hz <= 0.0 || hz * glide_max >= CUE_MAX_PARTIAL_FRACTION * rate) {
			continue; /* would alias: leave it out */
		}
		const double high   = hz * glide_max / soft_corner_hz;
		const double tilt   = 1.0 / sqrt(1.0 + high * high);
		const double omega  = 2.0 * M_PI * hz / rate;
		const double radius = exp(-LN_1000 / (t60_s * r->decay[k] * rate));
		const double theta  = omega * (from - to);
		s->settled_re[p->count]  = (float)(radius * cos(omega * to));
		s->settled_im[p->count]  = (float)(radius * sin(omega * to));
		s->glide_theta[p->count] = (float)theta;
		s->lowest_hz = (float)fmin(s->lowest_hz, hz * fmin(from, to));
		cue_partials_start(p, gain * r->level[k] * tilt,
		                   cue_onset_phase(&shape, radius, omega * to, theta), omega * from,
		                   radius, partial_floor);
	}
}

static void
setup_noise(CueStrike* s, const CueRecipe* r, double pitch_hz, double t60_s,
            double gain, double rate)
{
	if (r->noise_level <= 0.0f) {
		return;
	}
	const double centre = fmin(pitch_hz * r->noise_centre, 0.25 * rate);
	s->has_noise        = true;
	s->lowest_hz        = (float)fmin(s->lowest_hz, 0.5 * centre); /* a wide band */
	s->band[0]          = band_pass(centre, r->noise_q, rate);
	s->band[1]          = s->band[0];

	/* envelope: a slow minus a fast exponential, scaled to peak at 1 */
	const double fast   = fmax(r->noise_rise_s, r->noise_rise * t60_s);
	const double slow   = fmax(t60_s * r->noise_length / LN_1000, 2.0 * fast);
	const double t_peak = log(slow / fast) * slow * fast / (slow - fast);
	const double peak   = exp(-t_peak / slow) - exp(-t_peak / fast);
	/* uniform noise has power 1/3: sqrt(3) makes it unit power; the same
	 * density at every rate, and the same power in any (constant-Q) band */
	const double level = gain * r->noise_level * sqrt(3.0) / peak *
	                     sqrt(rate / noise_reference_rate) *
	                     sqrt(noise_reference_hz / centre);
	s->env_slow     = (float)level;
	s->env_fast     = (float)level;
	s->env_slow_mul = (float)exp(-1.0 / (slow * rate));
	s->env_fast_mul = (float)exp(-1.0 / (fast * rate));
}

/* A strike as it is before it sounds; the noise's seed is set apart. */
static void
strike_start(CueStrike* s, CueSound sound, const CueSample* user, double pitch_hz,
             double decay_s, double gain, double rate)
{
	*s = (CueStrike){.buf_pos = NOT_BEGUN, .left = UINT32_MAX, .active = true};
	if (sound == CUE_USER_SAMPLE && user) {
		/* its start is trimmed to the onset: a short ramp, no click; it
		 * ends with the sample */
		cue_sample_start(&s->sample, user, pitch_hz, (float)gain);
		s->ramp_step = (float)(1.0 / fmax(sample_attack_s * rate, 1.0));
		return;
	}
	if ((unsigned)sound >= CUE_USER_SAMPLE) {
		sound = CUE_SOFT_SINE; /* no user sample loaded */
	}
	const CueRecipe* r = &recipes[sound];
	s->lowest_hz       = INFINITY;

	pitch_hz            = fitting_pitch(r, pitch_hz, rate);
	const double attack = fmin(r->attack_s, 0.15 * decay_s);
	/* never shorter than a few attacks */
	const double t60 = fmax(decay_s * r->length, 4.0 * attack + 0.004);
	gain *= r->loudness_gain;

	const double ramp_samples = fmax(attack * rate, 1.0);
	setup_partials(s, r, pitch_hz, t60, ramp_samples, gain, rate);
	setup_noise(s, r, pitch_hz, t60, gain, rate);
	s->ramp_step = (float)(1.0 / ramp_samples);
	/* a glide is timed from the trigger; the rest can fall on the grid */
	s->on_grid = !s->gliding;

	/* where it ends is known now: ticks counted from the trigger, the
	 * first at whose start it is 100 dB down, partials and noise */
	const double noise_power = s->has_noise ? (double)s->env_slow * s->env_slow : 0.0;
	const double noise_decay = pow(s->env_slow_mul, 2.0 * CUE_TICK);
	s->left = CUE_TICK * cue_partials_end_tick(&s->partials, silence_power, noise_power,
	                                           noise_decay);
}

static void
strike_fade_out(CueStrike* s, double rate)
{
	s->ramp_step = (float)(-1.0 / fmax(retrigger_fade_s * rate, 1.0));
}

/* New per-sample rotations for the glide's current position. */
static void
advance_glide(CueStrike* s)
{
	s->glide_pos *= s->glide_pos_per_tick;
	if (s->glide_pos < glide_settled) {
		s->glide_pos = 0.0f; /* settled: last update */
		s->gliding   = false;
	}
	for (uint32_t k = 0; k < s->partials.live; ++k) {
		float c, sn;
		small_sincos(s->glide_theta[k] * s->glide_pos, &c, &sn);
		cue_partials_retune(&s->partials, k, s->settled_re[k] * c - s->settled_im[k] * sn,
		                    s->settled_re[k] * sn + s->settled_im[k] * c);
	}
}

static inline double
biquad_step(CueBiquad* f, double x)
{
	/* y1 enters last, so only one multiply-add is on the feedback path */
	const double y = f->b0 * (x - f->x2) - f->a2 * f->y2 - f->a1 * f->y1;
	f->x2          = f->x1;
	f->x1          = x;
	f->y2          = f->y1;
	f->y1          = y;
	return y;
}

/* Adds the noise to out[from, CUE_TICK). */
static void
render_noise(CueStrike* s, float* out, uint32_t from)
{
	/* copies in locals so the compiler keeps them in registers */
	uint32_t    rng = s->rng;
	CueBiquad   f0 = s->band[0], f1 = s->band[1];
	float       slow = s->env_slow, fast = s->env_fast;
	const float slow_mul = s->env_slow_mul, fast_mul = s->env_fast_mul;
	for (uint32_t i = from; i < CUE_TICK; ++i) {
		const double x = biquad_step(&f1, biquad_step(&f0, noise_sample(&rng)));
		out[i] += (float)x * (slow - fast);
		slow *= slow_mul;
		fast *= fast_mul;
	}
	s->rng      = rng;
	s->band[0]  = f0;
	s->band[1]  = f1;
	s->env_slow = slow;
	s->env_fast = fast < 1e-20f ? 0.0f : fast;
}

/* Computes the next tick into out, its samples from `from` on heard;
 * false if the strike has ended instead. */
static bool
strike_tick(CueStrike* s, float* out, uint32_t from)
{
	if (s->ticks > 0) {
		if (s->gliding && s->ticks % CUE_GLIDE_TICKS == 0) {
			advance_glide(s);
		}
		if (s->left == UINT32_MAX && !cue_sample_playing(&s->sample)) {
			s->active = false; /* the user sample has played */
			return false;
		}
	}
	if (s->joined) {
		memset(out, 0, CUE_TICK * sizeof(float));
	} else {
		cue_partials_render(&s->partials, out, 1, false);
	}
	if (s->has_noise && s->env_slow < noise_floor) {
		s->has_noise = false;
	}
	if (s->has_noise) {
		render_noise(s, out, from);
	}
	if (cue_sample_playing(&s->sample)) {
		cue_sample_render(&s->sample, out, CUE_TICK);
	}
	++s->ticks;
	return true;
}

/* Neither rising nor fading. */
static inline bool
strike_steady(const CueStrike* s)
{
	return s->ramp_step == 0.0f;
}

/* out += tick: as emitting it would, so that whole ticks sound the same
 * as ticks handed out in pieces. */
static inline void
add_tick(float* restrict out, const float* restrict tick)
{
	for (uint32_t i = 0; i < CUE_TICK; ++i) {
		out[i] += tick[i];
	}
}

/* Hands out m samples of buf through the ramp (a smoothstep of a linear
 * ramp: no corner at either end). */
SIMD_CLONES static void
strike_emit(CueStrike* s, float* out, uint32_t m)
{
	const float* in = s->buf + s->buf_pos;
	s->buf_pos += m;
	if (strike_steady(s)) {
		for (uint32_t i = 0; i < m; ++i) {
			out[i] += in[i];
		}
		return;
	}
	/* the ramp is a chain of sums, one sample after another; the rest
	 * runs on vectors */
	float       ramps[CUE_TICK];
	float       ramp = s->ramp;
	const float step = s->ramp_step;
	for (uint32_t i = 0; i < m; ++i) {
		/* clamped by comparisons: fminf and fmaxf are calls to libm */
		ramp += step;
		ramp     = ramp < 0.0f ? 0.0f : ramp > 1.0f ? 1.0f : ramp;
		ramps[i] = ramp;
	}
	for (uint32_t i = 0; i < m; ++i) {
		const float r = ramps[i];
		out[i] += in[i] * (r * r * (3.0f - 2.0f * r));
	}
	s->ramp = ramp;
	if (ramp >= 1.0f && s->ramp_step > 0.0f) {
		s->ramp_step = 0.0f; /* the attack is over */
	}
	if (ramp <= 0.0f && s->ramp_step < 0.0f) {
		s->active = false; /* faded out: the rest would be silence */
	}
}

/* Its partials alone make its sound, as they are: nothing to add to
 * them, no glide to follow. */
static inline bool
strike_plain(const CueStrike* s)
{
	return !s->joined && !s->has_noise && !s->gliding && s->left != UINT32_MAX;
}

/* The first render: the strike's ticks fall on the caller's grid (its
 * first tick starts before it, on the grid) or start at the trigger. */
static void
strike_begin(CueStrike* s, uint32_t tick_at)
{
	const uint32_t lead = s->on_grid ? tick_at % CUE_TICK : 0;
	cue_partials_align(&s->partials, lead);
	s->buf_pos = CUE_TICK;
	if (lead > 0) {
		strike_tick(s, s->buf, lead);
		s->buf_pos = lead;
	}
}

/* Joins the bank once the strike is steady and at the start of a tick
 * (strike_render asks on the caller's grid points), if the bank is silent
 * or rings the same partials; the bank is then at the same sample
 * (rendered in step), and at the start of a tick too. */
static void
strike_join(CueStrike* s)
{
	CueBank* b = s->bank;
	if (s->joined || s->buf_pos != CUE_TICK || !strike_steady(s) || s->partials.live == 0) {
		return;
	}
	if (!cue_bank_active(b)) {
		b->partials = s->partials;
		cue_partials_hold(&b->exact, &b->partials);
	} else if (b->buf_pos == CUE_TICK && cue_partials_same_steps(&b->partials, &s->partials)) {
		cue_partials_mix(&b->partials, &b->exact, &s->partials, 1.0);
	} else {
		s->bank = NULL; /* another sound rings there: it stays alone */
		return;
	}
	s->joined    = true;
	s->joined_at = b->partials.ticks;
}

/* Takes the strike's part back out of its bank: its partials are carried
 * on (in closed form) to the bank's sample, and the part of the bank's
 * current tick still to be heard is moved into the strike's. */
static void
strike_leave(CueStrike* s)
{
	CueBank* b = s->bank;
	s->bank = NULL;
	if (!s->joined) {
		return;
	}
	s->joined      = false;
	CuePartials* p = &s->partials;
	if (!cue_bank_active(b)) { /* everything there fell silent */
		memset(p->lane_re, 0, sizeof(p->lane_re));
		memset(p->lane_im, 0, sizeof(p->lane_im));
		p->live = 0;
		return;
	}
	const uint32_t ticks = b->partials.ticks - s->joined_at;
	if (b->buf_pos < CUE_TICK && ticks > 0) {
		float tick[CUE_TICK];
		cue_partials_advance(p, ticks - 1);
		cue_partials_render(p, tick, 1, false);
		if (!s->has_noise) { /* else buf holds its noise for this tick */
			memset(s->buf, 0, sizeof(s->buf));
		}
		for (uint32_t i = b->buf_pos; i < CUE_TICK; ++i) {
			b->buf[i] -= tick[i];
			s->buf[i] += tick[i];
		}
		s->buf_pos = b->buf_pos;
	} else {
		cue_partials_advance(p, ticks);
	}
	cue_partials_mix(&b->partials, &b->exact, p, -1.0);
}

static void
strike_render(CueStrike* s, float* out, uint32_t n, uint32_t tick_at)
{
	if (!s->active) {
		return;
	}
	if (s->buf_pos == NOT_BEGUN) {
		strike_begin(s, tick_at);
	}
	/* it joins only on a render that starts on the caller's grid point
	 * 0: the caller starts one there however it chunks its time, so when
	 * it joins (and how its sound rounds from then on) does not depend on
	 * the chunking */
	if (s->bank && tick_at == 0) {
		strike_join(s);
	}
	if (s->left == 0) {
		s->active = false; /* it ended with the last call */
		return;
	}
	const bool ends = n > s->left;
	n = ends ? s->left : n;
	s->left -= s->left == UINT32_MAX ? 0 : n;
	if (ends) {
		s->active = false; /* after these n */
	}
	if (s->joined && !s->has_noise) {
		/* all of it is in the bank: only keep time */
		s->buf_pos = n == 0 ? s->buf_pos : (s->buf_pos + n - 1) % CUE_TICK + 1;
		return;
	}
	while (n > 0) {
		if (s->buf_pos == CUE_TICK) {
			if (n >= CUE_TICK && strike_steady(s)) { /* whole ticks: straight out */
				if (strike_plain(s)) { /* partials alone: all at once */
					const uint32_t ticks = n / CUE_TICK;
					cue_partials_render(&s->partials, out, ticks, true);
					s->ticks += ticks;
					out += ticks * CUE_TICK;
					n -= ticks * CUE_TICK;
					continue;
				}
				float tick[CUE_TICK];
				if (!strike_tick(s, tick, 0)) {
					return;
				}
				add_tick(out, tick);
				out += CUE_TICK;
				n -= CUE_TICK;
				continue;
			}
			if (!strike_tick(s, s->buf, 0)) {
				return;
			}
			s->buf_pos = 0;
		}
		const uint32_t room = CUE_TICK - s->buf_pos;
		const uint32_t m    = n < room ? n : room;
		strike_emit(s, out, m);
		out += m;
		n -= m;
	}
}

void
cue_voice_init(CueVoice* v, double sample_rate)
{
	*v = (CueVoice){.rate = sample_rate};
}

double
cue_voice_ring_s(CueSound sound, double decay_s)
{
	const CueRecipe* r = &recipes[(unsigned)sound < CUE_SOUND_COUNT ? sound : CUE_SOFT_SINE];
	float longest = 0.0f;
	for (uint32_t k = 0; k < r->partial_count; ++k) {
		longest = r->decay[k] > longest ? r->decay[k] : longest;
	}
	return decay_s * r->length * (longest > 1.0f ? longest : 1.0f);
}

/* The shortcut the voice's strikes allow now (CueVoiceShortcut). */
static void
update_shortcut(CueVoice* v)
{
	const CueStrike* s = &v->now;
	const bool steady = v->active && !v->fading.active && s->active && s->buf_pos == CUE_TICK &&
	                    !s->has_noise && strike_steady(s);
	if (steady && s->joined) {
		v->shortcut = CUE_VOICE_IN_BANK;
	} else if (steady && !s->bank && strike_plain(s)) {
		v->shortcut = CUE_VOICE_PLAIN;
	} else {
		v->shortcut = CUE_VOICE_IN_FULL;
	}
}

/* Each strike's partials start at the phases that leave no net area
 * (cue_onset.h), with a sign of its own: the top bit of seed^2 times the
 * golden ratio (of 2^32).  The engine gives one strike after another
 * consecutive seeds, and the signs then fall evenly, also from one strike
 * to the next: long strikes that overlap add in power, not in phase, so
 * their loudness does not hang on whether the pitch fits the strikes'
 * spacing. */
static void
strike_sign(CueStrike* s, uint32_t seed)
{
	if ((seed * seed * 2654435769u) >> 31) {
		cue_partials_turn(&s->partials, -1.0f, 0.0f);
	}
}

/* Sets up the new strike: a copy of the last one made, if it is the same
 * (a user sample's is started afresh: its sample may have changed). */
static void
strike_make(CueVoice* v, CueSound sound, double pitch_hz, double decay_s, double gain)
{
	if (sound == CUE_USER_SAMPLE && v->user_sample) {
		strike_start(&v->now, sound, v->user_sample, pitch_hz, decay_s, gain, v->rate);
		return;
	}
	CueStrikeMade* m = &v->made;
	if (!m->valid || m->sound != sound || m->pitch_hz != pitch_hz || m->decay_s != decay_s ||
	    m->gain != gain) {
		strike_start(&m->strike, sound, NULL, pitch_hz, decay_s, gain, v->rate);
		m->sound    = sound;
		m->pitch_hz = pitch_hz;
		m->decay_s  = decay_s;
		m->gain     = gain;
		m->valid    = true;
	}
	v->now = m->strike;
}

void
cue_voice_trigger(CueVoice* v, CueBank* bank, CueSound sound, float pitch_hz, float decay_s,
                  float gain, uint32_t seed)
{
	if (v->now.active) {
		/* a fade still running is cut: it is nearly silent by now */
		strike_leave(&v->now);
		v->fading = v->now;
		strike_fade_out(&v->fading, v->rate);
	}
	const double pitch = isfinite(pitch_hz) ? fmin(fmax(pitch_hz, 20.0f), 20000.0f) : 330.0;
	const double decay = isfinite(decay_s) ? fmin(fmax(decay_s, 0.005f), 30.0f) : 0.4;
	const double level = isfinite(gain) ? fmax(gain, 0.0f) : 0.0;
	strike_make(v, sound, pitch, decay, level);
	v->now.rng = seed;
	strike_sign(&v->now, seed);
	if (v->now.on_grid && v->now.left != UINT32_MAX) {
		v->now.bank = bank; /* no glide, no sample: it can ring there */
	}
	v->active = true;
	update_shortcut(v);
}

/* Both strikes, in full (cue_voice_render takes the common cases). */
static __attribute__((noinline)) void
voice_render_strikes(CueVoice* v, float* out, uint32_t n, uint32_t tick_at)
{
	strike_render(&v->fading, out, n, tick_at);
	strike_render(&v->now, out, n, tick_at);
	v->active = v->now.active || v->fading.active;
	update_shortcut(v);
}

void
cue_voice_render(CueVoice* v, float* out, uint32_t n, uint32_t tick_at)
{
	if (!v->active) {
		return;
	}
	CueStrike* s = &v->now;
	if (v->shortcut != CUE_VOICE_IN_FULL && n % CUE_TICK == 0 && s->left > n) {
		/* the common cases of strike_render, done as it would, cheaply:
		 * a steady strike in mid-course asked for whole ticks */
		s->left -= n;
		if (v->shortcut == CUE_VOICE_PLAIN) {
			s->ticks += n / CUE_TICK;
			cue_partials_render(&s->partials, out, n / CUE_TICK, true);
		}
		return; /* else it all rings in the bank */
	}
	voice_render_strikes(v, out, n, tick_at);
}

void
cue_voice_stop(CueVoice* v)
{
	if (v->now.active) {
		strike_leave(&v->now);
	}
	v->now.active    = false;
	v->fading.active = false;
	v->active        = false;
	update_shortcut(v);
}

void
cue_voice_set_sample(CueVoice* v, const CueSample* sample)
{
	v->user_sample = sample;
	CueStrike* strikes[2] = {&v->now, &v->fading};
	for (int i = 0; i < 2; ++i) {
		const CueSample* playing = strikes[i]->sample.sample;
		if (strikes[i]->active && playing && playing != sample &&
		    strikes[i]->ramp_step >= 0.0f) {
			strike_fade_out(strikes[i], v->rate);
		}
	}
	update_shortcut(v);
}

bool
cue_voice_uses_sample(const CueVoice* v, const CueSample* sample)
{
	return v->active && sample &&
	       ((v->now.active && v->now.sample.sample == sample) ||
	        (v->fading.active && v->fading.sample.sample == sample));
}

void
cue_bank_init(CueBank* b)
{
	*b = (CueBank){.buf_pos = CUE_TICK};
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
		const uint32_t m    = n < room ? n : room;
		const float*   in   = b->buf + b->buf_pos;
		for (uint32_t i = 0; i < m; ++i) {
			out[i] += in[i];
		}
		b->buf_pos += m;
		out += m;
		n -= m;
	}
}
