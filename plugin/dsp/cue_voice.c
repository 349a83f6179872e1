/* SPDX-License-Identifier: ISC */
#include "cue_voice.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* -60 dB is exp(-6.9078): the decay time constant is t60 / LN_1000. */
#define LN_1000 6.907755278982137

/* Below -100 dB (power 1e-10) a strike is inaudible and ends. */
static const float silence_power = 1e-10f;
/* Partials below -300 dB are zeroed so they never go denormal. */
static const float flush_power = 1e-30f;
/* A strike cut short by a retrigger fades out over this long. */
static const double retrigger_fade_s = 0.006;
/* Partials above this are tilted down: gentle, no harsh highs. */
static const double soft_corner_hz = 3000.0;
/* Noise is scaled so its spectral density is the same at every rate. */
static const double noise_reference_rate = 48000.0;

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
	float    glide_from; /* pitch factor at the onset */
	float    glide_to;   /* pitch factor it settles at */
	float    glide_time; /* time constant, fraction of t60 */
	float    noise_level;
	float    noise_centre; /* band-pass centre, times the pitch */
	float    noise_q;
	float    noise_rise_s;  /* swell time constant */
	float    noise_length;  /* noise t60, fraction of the sound's t60 */
	float    loudness_gain; /* calibrated: every sound as loud as the sine */
} CueRecipe;

static const CueRecipe recipes[CUE_SOUND_COUNT] = {
	[CUE_SOFT_SINE] = {
		.partial_count = 1,
		.ratio = {1.0f}, .level = {1.0f}, .decay = {1.0f},
		.length = 1.0f, .attack_s = 0.008f,
		.loudness_gain = 0.30f,
	},
	/* church-bell partials (hum, prime, tierce, quint, nominal, ...),
	 * slightly stretched; the hum rings longest */
	[CUE_BELL] = {
		.partial_count = 8,
		.ratio = {0.5f, 1.0f, 1.183f, 1.506f, 2.0f, 2.514f, 2.662f, 3.011f},
		.level = {0.30f, 1.0f, 0.45f, 0.25f, 0.40f, 0.15f, 0.12f, 0.08f},
		.decay = {1.6f, 1.0f, 0.8f, 0.6f, 0.55f, 0.4f, 0.35f, 0.3f},
		.length = 1.2f, .attack_s = 0.002f,
		.loudness_gain = 0.17f,
	},
	/* free-free bar modes */
	[CUE_CHIME] = {
		.partial_count = 4,
		.ratio = {1.0f, 2.756f, 5.404f, 8.933f},
		.level = {1.0f, 0.55f, 0.30f, 0.15f},
		.decay = {1.0f, 0.6f, 0.4f, 0.3f},
		.length = 1.2f, .attack_s = 0.0015f,
		.loudness_gain = 0.22f,
	},
	/* a few short inharmonic modes plus a knock of noise */
	[CUE_WOODBLOCK] = {
		.partial_count = 4,
		.ratio = {1.0f, 1.58f, 2.32f, 3.73f},
		.level = {1.0f, 0.40f, 0.25f, 0.12f},
		.decay = {1.0f, 0.7f, 0.5f, 0.35f},
		.length = 0.3f, .attack_s = 0.0008f,
		.noise_level = 0.25f, .noise_centre = 4.0f, .noise_q = 1.5f,
		.noise_rise_s = 0.0003f, .noise_length = 0.15f,
		.loudness_gain = 0.45f,
	},
	/* a brief high ping with a breath of noise: a tick, not an impulse */
	[CUE_CLICK] = {
		.partial_count = 2,
		.ratio = {4.0f, 6.3f},
		.level = {1.0f, 0.4f},
		.decay = {1.0f, 0.7f},
		.length = 0.12f, .attack_s = 0.0006f,
		.noise_level = 0.5f, .noise_centre = 5.0f, .noise_q = 1.0f,
		.noise_rise_s = 0.0003f, .noise_length = 0.6f,
		.loudness_gain = 0.5f,
	},
	/* membrane modes an octave under the pitch, dropping slightly */
	[CUE_SOFT_DRUM] = {
		.partial_count = 4,
		.ratio = {0.5f, 0.795f, 1.07f, 1.15f},
		.level = {1.0f, 0.30f, 0.15f, 0.10f},
		.decay = {1.0f, 0.6f, 0.45f, 0.4f},
		.length = 0.5f, .attack_s = 0.0015f,
		.glide_from = 1.2f, .glide_to = 1.0f, .glide_time = 0.12f,
		.noise_level = 0.15f, .noise_centre = 1.0f, .noise_q = 0.7f,
		.noise_rise_s = 0.001f, .noise_length = 0.2f,
		.loudness_gain = 0.5f,
	},
	/* bowl modes, each a doublet whose halves beat slowly */
	[CUE_SINGING_BOWL] = {
		.partial_count = 8,
		.ratio = {1.0f, 1.0f, 2.71f, 2.71f, 5.15f, 5.15f, 8.43f, 8.43f},
		.level = {0.60f, 0.40f, 0.27f, 0.18f, 0.12f, 0.08f, 0.06f, 0.04f},
		.decay = {1.0f, 1.0f, 0.7f, 0.7f, 0.45f, 0.45f, 0.3f, 0.3f},
		.detune_hz = {-0.45f, 0.45f, -1.1f, 1.1f, -1.8f, 1.8f, -2.6f, 2.6f},
		.length = 2.5f, .attack_s = 0.004f,
		.loudness_gain = 0.2f,
	},
	/* an octave above the pitch, rising as a bubble does */
	[CUE_WATER_DROP] = {
		.partial_count = 2,
		.ratio = {2.0f, 4.0f},
		.level = {1.0f, 0.08f},
		.decay = {1.0f, 0.5f},
		.length = 0.35f, .attack_s = 0.001f,
		.glide_from = 1.0f, .glide_to = 1.6f, .glide_time = 0.25f,
		.loudness_gain = 0.4f,
	},
	/* band-passed noise that swells and fades */
	[CUE_BREATH_PUFF] = {
		.partial_count = 0,
		.length = 1.0f, .attack_s = 0.005f,
		.noise_level = 1.0f, .noise_centre = 2.5f, .noise_q = 0.7f,
		.noise_rise_s = 0.04f, .noise_length = 1.0f,
		.loudness_gain = 0.5f,
	},
};

static inline float
flush_tiny(float x)
{
	return fabsf(x) < 1e-20f ? 0.0f : x;
}

/* xorshift32: small, seeded, no global state */
static inline float
noise_sample(uint32_t* state)
{
	uint32_t x = *state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return (float)(int32_t)x * (1.0f / 2147483648.0f);
}

static CueSvf
svf_band_pass(double centre_hz, double q, double rate)
{
	const double g  = tan(M_PI * centre_hz / rate);
	const double k  = 1.0 / q;
	const double a1 = 1.0 / (1.0 + g * (g + k));
	return (CueSvf){.a1 = (float)a1,
	                .a2 = (float)(g * a1),
	                .a3 = (float)(g * g * a1),
	                .k  = (float)k};
}

/* Unity gain at the centre. */
static inline float
svf_process(CueSvf* f, float in)
{
	const float v3 = in - f->ic2;
	const float v1 = f->a1 * f->ic1 + f->a2 * v3;
	const float v2 = f->ic2 + f->a2 * f->ic1 + f->a3 * v3;
	f->ic1         = 2.0f * v1 - f->ic1;
	f->ic2         = 2.0f * v2 - f->ic2;
	return f->k * v1;
}

static void
set_rotation(CueStrike* s, uint32_t k, double omega)
{
	s->rot_re[k] = (float)(s->radius[k] * cos(omega));
	s->rot_im[k] = (float)(s->radius[k] * sin(omega));
}

/* Lowers the whole sound by octaves until its first partial fits under the
 * band limit, so that no pitch at any rate leaves a sound silent. */
static double
fitting_pitch(const CueRecipe* r, double pitch_hz, double rate)
{
	const double top = r->partial_count ? r->ratio[0] : 1.0;
	const double glide =
	    fmax(r->glide_from > 0.0f ? r->glide_from : 1.0, r->glide_to);
	while (pitch_hz * top * glide >= CUE_MAX_PARTIAL_FRACTION * rate &&
	       pitch_hz > 1.0) {
		pitch_hz *= 0.5;
	}
	return pitch_hz;
}

static void
setup_partials(CueStrike* s, const CueRecipe* r, double pitch_hz,
               double t60_s, double gain, double rate)
{
	const bool   glides    = r->glide_from > 0.0f;
	const double glide_max = glides ? fmax(r->glide_from, r->glide_to) : 1.0;
	const double start     = glides ? r->glide_from : 1.0;
	uint32_t     highest   = 0;
	for (uint32_t k = 0; k < r->partial_count; ++k) {
		const double hz = pitch_hz * r->ratio[k] + r->detune_hz[k];
		if (hz <= 0.0 || hz * glide_max >= CUE_MAX_PARTIAL_FRACTION * rate) {
			continue; /* would alias: leave it out */
		}
		const double tilt = 1.0 / sqrt(1.0 + pow(hz * glide_max / soft_corner_hz, 2.0));
		const double t60  = t60_s * r->decay[k];
		s->omega[k]       = (float)(2.0 * M_PI * hz / rate);
		s->radius[k]      = (float)exp(-LN_1000 / (t60 * rate));
		s->re[k]          = (float)(gain * r->level[k] * tilt);
		s->im[k]          = 0.0f; /* sine phase: starts at zero */
		set_rotation(s, k, s->omega[k] * start);
		highest = k + 1;
	}
	s->bank_width = highest == 0 ? 0 : highest > 4 ? 8 : 4;

	if (glides) {
		s->gliding   = true;
		s->glide_end = r->glide_to;
		s->glide_span = r->glide_from - r->glide_to;
		s->glide_pos  = 1.0f;
		s->glide_pos_per_tick =
		    (float)exp(-CUE_TICK / (r->glide_time * t60_s * rate));
	}
}

static void
setup_noise(CueStrike* s, const CueRecipe* r, double pitch_hz, double t60_s,
            double gain, double rate, uint32_t seed)
{
	if (r->noise_level <= 0.0f) {
		return;
	}
	const double centre = fmin(pitch_hz * r->noise_centre, 0.25 * rate);
	s->has_noise        = true;
	s->rng              = seed ? seed : 0x9e3779b9u; /* xorshift needs non-zero */
	s->band[0]          = svf_band_pass(centre, r->noise_q, rate);
	s->band[1]          = s->band[0];

	/* envelope: difference of a slow and a fast exponential, peak 1 */
	const double slow = fmax(t60_s * r->noise_length / LN_1000, 2.0 * r->noise_rise_s);
	const double fast = r->noise_rise_s;
	const double t_peak = log(slow / fast) * slow * fast / (slow - fast);
	const double peak   = exp(-t_peak / slow) - exp(-t_peak / fast);
	/* uniform noise has power 1/3: sqrt(3) makes it unit power */
	const double level = gain * r->noise_level * sqrt(3.0) / peak *
	                     sqrt(rate / noise_reference_rate);
	s->env_slow     = (float)level;
	s->env_fast     = (float)level;
	s->env_slow_mul = (float)exp(-1.0 / (slow * rate));
	s->env_fast_mul = (float)exp(-1.0 / (fast * rate));
}

static void
strike_start(CueStrike* s, CueSound sound, double pitch_hz, double decay_s,
             double gain, uint32_t seed, double rate)
{
	if ((unsigned)sound >= CUE_USER_SAMPLE) {
		sound = CUE_SOFT_SINE; /* user sample: not loaded yet */
	}
	const CueRecipe* r = &recipes[sound];
	*s = (CueStrike){.active = true};

	pitch_hz           = fitting_pitch(r, pitch_hz, rate);
	const double attack = fmin(r->attack_s, 0.25 * decay_s);
	/* a sound can never be shorter than a few attacks */
	const double t60 = fmax(decay_s * r->length, 4.0 * attack + 0.004);
	gain *= r->loudness_gain;

	setup_partials(s, r, pitch_hz, t60, gain, rate);
	setup_noise(s, r, pitch_hz, t60, gain, rate, seed);
	s->ramp      = 0.0f;
	s->ramp_step = (float)(1.0 / fmax(attack * rate, 1.0));
}

static void
strike_fade_out(CueStrike* s, double rate)
{
	s->ramp_step = (float)(-1.0 / fmax(retrigger_fade_s * rate, 1.0));
}

/* Once per CUE_TICK samples: move the glide on, flush what went tiny, and
 * end the strike once it is inaudible. */
static void
strike_tick(CueStrike* s)
{
	if (s->gliding) {
		s->glide_pos *= s->glide_pos_per_tick;
		float factor = s->glide_end + s->glide_span * s->glide_pos;
		if (fabsf(s->glide_span * s->glide_pos) < 1e-4f * s->glide_end) {
			factor     = s->glide_end;
			s->gliding = false;
		}
		for (uint32_t k = 0; k < s->bank_width; ++k) {
			if (s->re[k] != 0.0f || s->im[k] != 0.0f) {
				set_rotation(s, k, (double)s->omega[k] * factor);
			}
		}
	}

	float power = 0.0f;
	for (uint32_t k = 0; k < s->bank_width; ++k) {
		const float p = s->re[k] * s->re[k] + s->im[k] * s->im[k];
		if (p < flush_power) {
			s->re[k] = s->im[k] = 0.0f;
		}
		power += p;
	}
	if (s->has_noise) {
		s->env_fast = flush_tiny(s->env_fast);
		s->env_slow = flush_tiny(s->env_slow);
		power += s->env_slow * s->env_slow; /* bounds the envelope */
	}
	if (power < silence_power || (s->ramp <= 0.0f && s->ramp_step < 0.0f)) {
		s->active = false;
	}
}

/* Four partials side by side: GCC/Clang vector extension, which becomes
 * SIMD where there is some and plain scalar code elsewhere. */
typedef float Lanes __attribute__((vector_size(16)));

static inline Lanes
load_lanes(const float* p)
{
	Lanes l;
	memcpy(&l, p, sizeof(l));
	return l;
}

static inline void
store_lanes(float* p, Lanes l)
{
	memcpy(p, &l, sizeof(l));
}

/* The partial bank, `groups` sets of four partials.  The sum over partials
 * is a fixed tree, so the result never depends on the host's chunking. */
static inline void
render_bank(CueStrike* s, float* tmp, uint32_t m, const uint32_t groups)
{
	Lanes re[2], im[2], cr[2], ci[2];
	for (uint32_t g = 0; g < groups; ++g) {
		re[g] = load_lanes(s->re + 4 * g);
		im[g] = load_lanes(s->im + 4 * g);
		cr[g] = load_lanes(s->rot_re + 4 * g);
		ci[g] = load_lanes(s->rot_im + 4 * g);
	}
	for (uint32_t i = 0; i < m; ++i) {
		Lanes sum = {0.0f, 0.0f, 0.0f, 0.0f};
		for (uint32_t g = 0; g < groups; ++g) {
			const Lanes nre = re[g] * cr[g] - im[g] * ci[g];
			im[g]           = re[g] * ci[g] + im[g] * cr[g];
			re[g]           = nre;
			sum += im[g];
		}
		tmp[i] = (sum[0] + sum[1]) + (sum[2] + sum[3]);
	}
	for (uint32_t g = 0; g < groups; ++g) {
		store_lanes(s->re + 4 * g, re[g]);
		store_lanes(s->im + 4 * g, im[g]);
	}
}

static void
render_noise(CueStrike* s, float* tmp, uint32_t m)
{
	uint32_t rng  = s->rng;
	CueSvf   b0   = s->band[0], b1 = s->band[1];
	float    slow = s->env_slow, fast = s->env_fast;
	for (uint32_t i = 0; i < m; ++i) {
		const float x = svf_process(&b1, svf_process(&b0, noise_sample(&rng)));
		tmp[i] += x * (slow - fast);
		slow *= s->env_slow_mul;
		fast *= s->env_fast_mul;
	}
	s->rng      = rng;
	s->band[0]  = b0;
	s->band[1]  = b1;
	s->env_slow = slow;
	s->env_fast = fast;
}

/* Smoothstep of a linear ramp: no corner at the onset or the end. */
static void
apply_ramp(CueStrike* s, const float* tmp, float* out, uint32_t m)
{
	if (s->ramp >= 1.0f && s->ramp_step >= 0.0f) {
		for (uint32_t i = 0; i < m; ++i) {
			out[i] += tmp[i];
		}
		return;
	}
	float ramp = s->ramp;
	for (uint32_t i = 0; i < m; ++i) {
		ramp = fminf(fmaxf(ramp + s->ramp_step, 0.0f), 1.0f);
		out[i] += tmp[i] * ramp * ramp * (3.0f - 2.0f * ramp);
	}
	s->ramp = ramp;
}

static void
strike_render(CueStrike* s, float* out, uint32_t n)
{
	float tmp[CUE_TICK];
	while (n > 0 && s->active) {
		const uint32_t into_tick = s->age % CUE_TICK;
		if (into_tick == 0 && s->age > 0) {
			strike_tick(s);
			if (!s->active) {
				return;
			}
		}
		const uint32_t m = n < CUE_TICK - into_tick ? n : CUE_TICK - into_tick;
		if (s->bank_width == 8) {
			render_bank(s, tmp, m, 2);
		} else if (s->bank_width == 4) {
			render_bank(s, tmp, m, 1);
		} else {
			for (uint32_t i = 0; i < m; ++i) {
				tmp[i] = 0.0f;
			}
		}
		if (s->has_noise) {
			render_noise(s, tmp, m);
		}
		apply_ramp(s, tmp, out, m);
		s->age += m;
		out += m;
		n -= m;
	}
}

void
cue_voice_init(CueVoice* v, double sample_rate)
{
	*v = (CueVoice){.rate = sample_rate};
}

void
cue_voice_trigger(CueVoice* v, CueSound sound, float pitch_hz, float decay_s,
                  float gain, uint32_t seed)
{
	if (v->now.active) {
		v->fading = v->now; /* a fade still running is cut: it is nearly gone */
		strike_fade_out(&v->fading, v->rate);
	}
	const double pitch = isfinite(pitch_hz) ? fmin(fmax(pitch_hz, 20.0f), 20000.0f) : 330.0;
	const double decay = isfinite(decay_s) ? fmin(fmax(decay_s, 0.005f), 30.0f) : 0.4;
	const double level = isfinite(gain) ? fmax(gain, 0.0f) : 0.0;
	strike_start(&v->now, sound, pitch, decay, level, seed, v->rate);
	v->active = true;
}

void
cue_voice_render(CueVoice* v, float* out, uint32_t n)
{
	if (!v->active) {
		return;
	}
	strike_render(&v->fading, out, n);
	strike_render(&v->now, out, n);
	v->active = v->now.active || v->fading.active;
}

void
cue_voice_stop(CueVoice* v)
{
	v->now.active    = false;
	v->fading.active = false;
	v->active        = false;
}
