/* SPDX-License-Identifier: ISC */
#include "drone.h"
#include "layers.h"

#include "simd.h"

#include <math.h>
#include <string.h>

/* How each timbre colours the harmonics.  Amplitude of harmonic h is
 * base(h) * tilt^(h-1), where tilt opens from dark to bright with the
 * brightness and the breath; gain is the calibrated loudness match
 * (tests/test_drone_loudness.c). */
typedef struct {
	uint32_t harmonics;
	float    tilt_dark, tilt_bright;
	float    even;       /* level of even harmonics against odd ones */
	float    slope;      /* base(h) = h^-slope */
	bool     formants;   /* weighted by vowel formants */
	bool     chorus;     /* slow detune of each note */
	float    gain;
} TimbreRecipe;

static const TimbreRecipe timbres[DRONE_TIMBRE_COUNT] = {
	[DRONE_PURE] = {.harmonics = 1, .tilt_dark = 0.0f, .tilt_bright = 0.0f, .even = 1.0f,
	                .gain = 1.0f},
	[DRONE_WARM] = {.harmonics = 8, .tilt_dark = 0.15f, .tilt_bright = 0.55f, .even = 1.0f,
	                .slope = 1.0f, .gain = 1.0f},
	[DRONE_REED] = {.harmonics = 12, .tilt_dark = 0.35f, .tilt_bright = 0.8f, .even = 0.3f,
	                .slope = 1.0f, .gain = 1.0f},
	[DRONE_CHOIR] = {.harmonics = 12, .tilt_dark = 0.6f, .tilt_bright = 0.95f, .even = 1.0f,
	                 .slope = 0.5f, .formants = true, .chorus = true, .gain = 0.95f},
	[DRONE_OCEAN] = {.harmonics = 0, .gain = 4.2f},
};

typedef struct {
	uint32_t notes;
	float    ratio[DRONE_NOTES];
} VoicingRecipe;

/* Just intervals: a drone has time to beat, so tempered thirds would. */
static const VoicingRecipe voicings[DRONE_VOICING_COUNT] = {
	[DRONE_SINGLE] = {1, {1.0f}},
	[DRONE_OCTAVE] = {2, {1.0f, 2.0f}},
	[DRONE_FIFTH] = {2, {1.0f, 1.5f}},
	[DRONE_TANPURA] = {3, {1.0f, 1.5f, 2.0f}},
	[DRONE_MAJOR] = {3, {1.0f, 1.25f, 1.5f}},
	[DRONE_MINOR] = {3, {1.0f, 1.2f, 1.5f}},
	[DRONE_OPEN] = {3, {1.0f, 1.5f, 2.25f}},
};

/* The root leads; upper notes sit a little below it. */
static const float note_weight[DRONE_NOTES] = {1.0f, 0.8f, 0.7f};

/* Lane placement, -1 left .. +1 right.  Note n's harmonic h sits in lane
 * (h - 1 + note_lane[n]) % 4: the root's fundamental in the centre, the
 * upper notes' fundamentals a little to each side, and the harmonics of
 * every note spread around it. */
static const float lane_pan[DRONE_LANES] = {0.0f, 0.25f, -0.45f, 0.45f};
static const uint32_t note_lane[DRONE_NOTES] = {0, 2, 3};

/* The notes' colour is updated one note a grid step, in turn: each note's
 * LFO, chorus, jivari and partial amplitudes every NOTE_TICK grid steps
 * (5.3 ms at 48 kHz), with the amplitudes moving geometrically across that
 * time.  Smooth for changes over tens of milliseconds (the breath, the
 * smoothing of the controls), and no work at all on most grid steps.  The
 * swell itself is interpolated every grid step. */
#define NOTE_TICK (256u / GRID_FRAMES) /* grid steps: a tick is 256 frames */
#define NOTE_TICK_FRAMES (NOTE_TICK * GRID_FRAMES)
#define NOTE_TICK_FRAMES_LOG2 8
_Static_assert(NOTE_TICK_FRAMES == 1u << NOTE_TICK_FRAMES_LOG2, "a tick is 2^k frames");

/* Chorus: each note drifts by up to this fraction of its pitch (3 cents). */
static const double chorus_depth = 0.0017;
/* Chorus and jivari LFO rates of the notes, slow and unrelated. */
static const double lfo_hz[DRONE_NOTES] = {0.131, 0.173, 0.211};
/* Partials above this are tilted down: gentle, never harsh. */
static const float soft_corner_hz = 3500.0f;
/* Ocean: noise spectral density matched at every rate, and its low-pass
 * range from closed to open. */
static const double noise_reference_rate = 48000.0;
static const float ocean_closed_hz = 300.0f, ocean_octaves = 3.5f;

static uint32_t
slot_of(uint32_t note, uint32_t harmonic)
{
	const uint32_t place = harmonic - 1 + note_lane[note]; /* < 2 * DRONE_HARMONICS */
	return note * DRONE_HARMONICS + (place < DRONE_HARMONICS ? place : place - DRONE_HARMONICS);
}

/* Each note's LFO phase at its first tick (grid step n): the notes start
 * at their own places and never drift together. */
static double
lfo_start(uint32_t n)
{
	return 2.0 * M_PI * n / DRONE_NOTES;
}

void
drone_init(Drone* d, double rate)
{
	memset(d, 0, sizeof(*d));
	d->rate = rate;
	d->smooth_fast = grid_smoothing_coef(rate, 0.02);
	d->smooth_tone = grid_smoothing_coef(rate, 0.05);
	d->smooth_note = grid_smoothing_coef(rate / NOTE_TICK, 0.05);
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		for (uint32_t h = 1; h <= DRONE_HARMONICS; ++h) {
			d->harmonic[slot_of(n, h)] = (uint8_t)h;
		}
	}
	for (uint32_t l = 0; l < DRONE_LANES; ++l) {
		const float angle = (float)M_PI * 0.25f * (1.0f + lane_pan[l]); /* equal power */
		d->pan_l[l] = cosf(angle);
		d->pan_r[l] = sinf(angle);
	}
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		d->lfo_w[n] = 2.0 * M_PI * lfo_hz[n] / rate;
		d->lfo_turn[n] = phasor_of(d->lfo_w[n] * NOTE_TICK_FRAMES);
		for (uint32_t h = 1; h <= DRONE_HARMONICS; ++h) {
			/* Schroeder phases: harmonics never all peak at once, so the
			 * drone stays soft rather than pulsing */
			d->schroeder[slot_of(n, h)] =
			    phasor_of(M_PI * (double)(h * h) / DRONE_HARMONICS + (double)n);
		}
	}
	drone_reset(d, 1u);
}

void
drone_reset(Drone* d, uint32_t seed)
{
	memset(d->amp, 0, sizeof(d->amp));
	memset(d->amp_goal, 0, sizeof(d->amp_goal));
	memset(d->amp_smooth, 0, sizeof(d->amp_smooth));
	memset(d->group_on, 0, sizeof(d->group_on));
	memset(d->re, 0, sizeof(d->re)); /* silent: no amplitude in the phasors */
	memset(d->im, 0, sizeof(d->im));
	for (uint32_t k = 0; k < DRONE_SLOTS; ++k) {
		d->grow[k] = 1.0f;
	}
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		d->note_gain[n] = 0.0f;
		d->ratio[n] = 0.0f;
		d->phase[n] = (Phasor){1.0, 0.0};
		d->turn[n] = d->turn_plain[n] = (Phasor){1.0, 0.0};
		d->chorus_delta[n] = 0.0;
		d->lfo[n] = phasor_of(lfo_start(n));
	}
	d->noise_seed = seed ^ 0xD20E5EEDu;
	memset(d->low_pass, 0, sizeof(d->low_pass));
	d->noise_gain[0] = d->noise_gain[1] = 0.0f;
	d->gain[0] = d->gain[1] = 0.0f;
	d->level = 0.0f;
	d->ocean = 0.0f;
	for (uint32_t k = 0; k < DRONE_SLOTS; ++k) {
		d->buzz[k] = 1.0f;
	}
	d->step = 0;
	d->started = false;
	d->shape_dirty = true;
}

/* Vowel formants (between "ah" and "oh"): resonance peaks in Hz, widths
 * and weights, plus a floor that keeps the pitch. */
static float
formant_weight(float hz)
{
	static const float centre[3] = {650.0f, 1080.0f, 2650.0f};
	static const float width[3] = {110.0f, 140.0f, 220.0f};
	static const float weight[3] = {1.0f, 0.7f, 0.25f};
	float w = 0.2f;
	for (int i = 0; i < 3; ++i) {
		const float x = (hz - centre[i]) / width[i];
		w += weight[i] / (1.0f + x * x);
	}
	return w;
}

/* 1 below DRONE_PARTIAL_FADE_LOW of the rate, 0 from the ceiling up. */
static float
band_limit(const Drone* d, float hz)
{
	const float low = (float)(DRONE_PARTIAL_FADE_LOW * d->rate);
	const float high = (float)(DRONE_PARTIAL_CEILING * d->rate);
	const float x = (high - hz) / (high - low);
	return x <= 0.0f ? 0.0f : x >= 1.0f ? 1.0f : x * x * (3.0f - 2.0f * x);
}

/* The fixed colour of every slot: the timbre, its formants, the gentle
 * high corner and the band limit.  Only when the pitch or timbre moves. */
static void
update_shape(Drone* d)
{
	const TimbreRecipe* t = &timbres[d->p.timbre];
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		for (uint32_t h = 1; h <= DRONE_HARMONICS; ++h) {
			const float hz = d->root_hz * d->ratio[n] * (float)h;
			float w = 0.0f;
			if (h <= t->harmonics && d->ratio[n] > 0.0f) {
				w = powf((float)h, -t->slope) * ((h & 1u) ? 1.0f : t->even);
				w *= t->formants ? formant_weight(hz) : 1.0f;
				const float x = hz / soft_corner_hz;
				w *= band_limit(d, hz) / (1.0f + x * x);
			}
			d->shape[slot_of(n, h)] = w;
		}
	}
	d->shape_dirty = false;
}

/* The rotation per frame of every partial of note n: the fundamental's
 * (with this tick's share of the chorus offset, a tiny rotation by Taylor
 * series), raised to each harmonic's power by repeated complex
 * multiplication; and the note's phase turn per grid step to match.  No
 * libm. */
static void
update_rotations(Drone* d, uint32_t n)
{
	const double dw = d->chorus_delta[n] / NOTE_TICK_FRAMES;
	const double dc = 1.0 - 0.5 * dw * dw, ds = dw - dw * dw * dw / 6.0;
	const double c1 = d->base_c[n] * dc - d->base_s[n] * ds;
	const double s1 = d->base_c[n] * ds + d->base_s[n] * dc;
	d->turn[n] = phasor_mul(d->turn_plain[n], phasor_small(d->chorus_delta[n] / NOTE_TICK));
	double c = c1, s = s1;
	for (uint32_t h = 1; h <= DRONE_HARMONICS; ++h) {
		const uint32_t k = slot_of(n, h);
		d->rot_c[k] = (float)c;
		d->rot_s[k] = (float)s;
		const double next = c * c1 - s * s1;
		s = c * s1 + s * c1;
		c = next;
	}
}

/* The notes' gains are normalised so every voicing has the same power. */
static float
note_norm(const VoicingRecipe* v)
{
	float power = 0.0f;
	for (uint32_t n = 0; n < v->notes; ++n) {
		power += note_weight[n] * note_weight[n];
	}
	return 1.0f / sqrtf(power);
}

/* The notes' fundamentals from the root and their intervals; libm, only
 * when they change. */
static void
retune_notes(Drone* d)
{
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		d->base_w[n] = 2.0 * M_PI * d->root_hz * d->ratio[n] / d->rate;
		d->base_c[n] = cos(d->base_w[n]);
		d->base_s[n] = sin(d->base_w[n]);
		d->turn_plain[n] = phasor_of(d->base_w[n] * GRID_FRAMES);
	}
	d->shape_dirty = true;
}

/* Root glide and voicing changes.  A note whose interval changes fades out,
 * retunes while silent and fades in again, rather than sliding. */
static bool
update_notes(Drone* d)
{
	bool retune = false;
	float root = smooth_step(d->root_hz, d->p.root_hz, d->smooth_tone);
	if (fabsf(root - d->p.root_hz) < 1e-5f * d->p.root_hz) {
		root = d->p.root_hz;
	}
	if (root != d->root_hz) {
		d->root_hz = root;
		retune = true;
	}
	const VoicingRecipe* v = &voicings[d->p.voicing];
	const float norm = note_norm(v);
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		const float want = n < v->notes ? v->ratio[n] : 0.0f;
		if (d->ratio[n] != want && d->note_gain[n] < 1e-4f) {
			d->ratio[n] = want;
			d->note_gain[n] = 0.0f;
			retune = true;
		}
		const float goal = d->ratio[n] == want && want > 0.0f ? note_weight[n] * norm : 0.0f;
		d->note_gain[n] = smooth_step(d->note_gain[n], goal, d->smooth_tone);
	}
	if (retune) {
		retune_notes(d);
	}
	return retune;
}

/* The chorus: each note's pitch drifts by chorus_depth * sin(LFO), so its
 * phase gains gain * -cos(LFO), a function of the LFO phase alone.  This
 * is the gain in radians of the fundamental (0 without chorus). */
static double
chorus_gain(const Drone* d, uint32_t n)
{
	return timbres[d->p.timbre].chorus ? d->base_w[n] * chorus_depth / d->lfo_w[n] : 0.0;
}

/* Note n's tick: its LFO moves on, and the chorus phase it gains by the
 * next tick is spread over the tick.  Summed over ticks, the gains
 * telescope to gain * (cos(LFO at the first tick) - cos(LFO now)). */
static void
tick_lfo(Drone* d, uint32_t n)
{
	const Phasor now = d->lfo[n];
	d->lfo[n] = phasor_renormalise(phasor_mul(now, d->lfo_turn[n]));
	d->chorus_delta[n] = chorus_gain(d, n) * (now.re - d->lfo[n].re);
}

/* Sets note n's partials from its phase, at their amplitudes d->amp: the
 * float rotators run only until the next tick, so nothing drifts and the
 * phase is session time's. */
static void
anchor_partials(Drone* d, uint32_t n)
{
	const Phasor fundamental = d->phase[n];
	Phasor z = fundamental;
	for (uint32_t h = 1; h <= DRONE_HARMONICS; ++h) {
		const uint32_t k = slot_of(n, h);
		const Phasor v = phasor_mul(z, d->schroeder[k]);
		d->re[k] = (float)v.re * d->amp[k];
		d->im[k] = (float)v.im * d->amp[k];
		z = phasor_mul(z, fundamental);
	}
}

/* x^(1/NOTE_TICK_FRAMES) for each lane, x > 0: square roots, correctly
 * rounded, so the same on every machine. */
static void
root_per_frame(float* x, uint32_t count)
{
	for (uint32_t k = 0; k < count; ++k) {
		float r = x[k];
		for (int i = 0; i < NOTE_TICK_FRAMES_LOG2; ++i) {
			r = sqrtf(r);
		}
		x[k] = r;
	}
}

/* How open the tone is, 0..1: the brightness at the top of the inhale,
 * closing on the exhale by the breath brightness. */
static float
openness(const Drone* d, float breath)
{
	return d->p.bright * (1.0f - d->p.breath_bright + d->p.breath_bright * breath);
}

/* Tanpura's jivari: the bridge makes a band of upper harmonics buzz, and
 * that band wanders; here a soft peak moving over harmonics 2..10. */
static void
update_jivari(Drone* d, uint32_t n)
{
	static const float depth = 1.5f, width = 1.5f;
	const bool on = d->p.voicing == DRONE_TANPURA;
	if (!on && d->buzz[n * DRONE_HARMONICS] == 1.0f) {
		return; /* already plain */
	}
	const float centre = 6.0f + 4.0f * (float)d->lfo[n].im;
	for (uint32_t k = n * DRONE_HARMONICS; k < (n + 1) * DRONE_HARMONICS; ++k) {
		const float x = ((float)d->harmonic[k] - centre) / width;
		d->buzz[k] = on ? 1.0f + depth / (1.0f + x * x) : 1.0f;
	}
}

/* The amplitudes note n's slots head for at its next tick: each note has
 * the same power whatever its colour, so brightness and the breath change
 * the tone, never the loudness. */
static void
update_amplitudes(Drone* d, uint32_t n, float breath)
{
	const TimbreRecipe* t = &timbres[d->p.timbre];
	const float tilt = t->tilt_dark + (t->tilt_bright - t->tilt_dark) * openness(d, breath);
	float tilt_pow[DRONE_HARMONICS];
	tilt_pow[0] = 1.0f;
	for (uint32_t h = 1; h < DRONE_HARMONICS; ++h) {
		tilt_pow[h] = tilt_pow[h - 1] * tilt;
	}
	const uint32_t first = n * DRONE_HARMONICS; /* a note's slots are together */
	float u[DRONE_HARMONICS];
	float power = 0.0f;
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		const uint32_t k = first + j;
		u[j] = d->shape[k] * tilt_pow[d->harmonic[k] - 1] * d->buzz[k];
		power += u[j] * u[j];
	}
	const float norm = power > 0.0f ? d->note_gain[n] * t->gain / sqrtf(power) : 0.0f;
	float grow[DRONE_HARMONICS];
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		const uint32_t k = first + j;
		const float from = d->amp_goal[k]; /* where the ramp was heading: no rounding carried on */
		/* smoothed in double: a float one-pole this slow stalls up to
		 * ulp / coef (2e-6) short of a moving target, at a place that
		 * depends on its history, and then a relocated drone would not
		 * settle onto the same samples */
		const double target = norm * u[j];
		double a = d->amp_smooth[k] + (target - d->amp_smooth[k]) * d->smooth_note;
		a = fabs(a - target) < 1e-9 ? target : a; /* -180 dB: arrived */
		d->amp_smooth[k] = a;
		const float to = (float)a;
		d->amp_goal[k] = to;
		/* The amplitude moves geometrically over the tick, as a growth
		 * folded into the partial's rotation.  From nothing (or nearly)
		 * it starts at 1/NOTE_TICK_FRAMES of its goal, which is where a
		 * linear ramp's first frame would be; a fall to nothing stops
		 * there, and the next tick sets it to its (tiny) value. */
		const float floor = 1.0f / NOTE_TICK_FRAMES;
		float start = from, ratio = 1.0f;
		if (from < to * floor) {
			start = to * floor;
			ratio = NOTE_TICK_FRAMES;
		} else if (to < from * floor) {
			ratio = floor;
		} else if (from > 0.0f) {
			ratio = to / from;
		}
		d->amp[k] = start;
		grow[j] = ratio;
	}
	root_per_frame(grow, DRONE_HARMONICS);
	memcpy(d->grow + first, grow, sizeof(grow));
	for (uint32_t g = first / DRONE_LANES; g < (first + DRONE_HARMONICS) / DRONE_LANES; ++g) {
		bool on = false;
		for (uint32_t l = 0; l < DRONE_LANES; ++l) {
			const uint32_t k = g * DRONE_LANES + l;
			on = on || d->amp[k] != 0.0f || d->amp_goal[k] != 0.0f;
		}
		d->group_on[g] = on;
	}
}

/* 2^x for 0 <= x < 8, to well under a cent: no libm on the grid. */
static float
exp2_small(float x)
{
	const int whole = (int)x;
	const float f = x - (float)whole;
	const float frac = 1.0f + f * (0.6951786f + f * (0.2261487f + f * 0.0786727f));
	return (float)(1u << whole) * frac;
}

/* Ocean: noise through a low-pass that opens on the inhale; its gain
 * keeps the power steady as the cutoff moves, and the noise density the
 * same at every rate. */
static void
update_ocean(Drone* d, float breath, uint64_t step)
{
	d->ocean = smooth_step(d->ocean, d->p.timbre == DRONE_OCEAN ? 1.0f : 0.0f, d->smooth_tone);
	d->noise_gain[0] = d->noise_gain[1];
	if (d->ocean == 0.0f) {
		d->noise_gain[1] = 0.0f;
		return;
	}
	/* the noise of this grid step, from its index: the same wherever
	 * rendering started (an odd multiplier keeps the steps' seeds apart) */
	rng_seed(&d->rng, d->noise_seed + (uint32_t)step * 0x632BE5ABu);
	float hz = ocean_closed_hz * exp2_small(ocean_octaves * openness(d, breath));
	hz = hz < 0.2f * (float)d->rate ? hz : 0.2f * (float)d->rate;
	const float x = 2.0f * (float)M_PI * hz / (float)d->rate;
	d->low_pass_coef = x / (1.0f + x); /* 1 - exp(-x), near enough */
	d->noise_gain[1] = d->gain[1] * d->ocean * timbres[DRONE_OCEAN].gain *
	                   sqrtf((float)(d->rate / noise_reference_rate) * 1000.0f / hz);
}

/* Whether note n has partials now or should have: the Ocean and silent
 * notes cost nothing once faded out. */
static bool
note_sounds(const Drone* d, uint32_t n)
{
	if (d->note_gain[n] > 0.0f && timbres[d->p.timbre].harmonics > 0) {
		return true;
	}
	for (uint32_t g = n * DRONE_HARMONICS / DRONE_LANES; g < (n + 1) * DRONE_HARMONICS / DRONE_LANES;
	     ++g) {
		if (d->group_on[g]) {
			return true;
		}
	}
	return false;
}

/* A session starts (or resumes) with every smoothed value at its setting. */
static void
start(Drone* d, const DroneParams* p)
{
	d->p = *p;
	d->started = true;
	d->root_hz = p->root_hz;
	d->level_db = p->level_db;
	d->level_goal = d->level = db_to_gain(p->level_db) * BREATH_LAYER_GAIN;
	d->depth = p->breath_depth;
	d->ocean = p->timbre == DRONE_OCEAN ? 1.0f : 0.0f;
}

static void seek_note(Drone* d, uint32_t n, int64_t frame);

/* Turned all the way down and faded out: nothing to hear, nothing to
 * compute. */
static bool
drone_asleep(const Drone* d)
{
	return d->level == 0.0f && d->level_goal == 0.0f && d->gain[0] == 0.0f && d->gain[1] == 0.0f;
}

/* Waking after silence: the notes take the phases that session time gives
 * them (as drone_seek() does), so what was skipped leaves no trace. */
static void
wake(Drone* d)
{
	update_notes(d);
	if (d->shape_dirty) {
		update_shape(d);
	}
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		seek_note(d, n, (int64_t)(d->step * GRID_FRAMES));
	}
}

void
drone_grid(Drone* d, const DroneParams* p, float breath_next)
{
	const bool timbre_changed = d->started && p->timbre != d->p.timbre;
	if (!d->started) {
		start(d, p);
	}
	if (drone_asleep(d)) {
		if (p->level_db == d->level_db) {
			d->p = *p;
			d->step++;
			return;
		}
		d->p = *p;
		wake(d);
	}
	d->p = *p;
	const bool retune = update_notes(d);
	if (timbre_changed) {
		d->shape_dirty = true;
	}
	if (d->shape_dirty) {
		update_shape(d);
	}
	const uint64_t step = d->step++;
	const uint32_t ticking = (uint32_t)(step % NOTE_TICK);
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		const bool tick = n == ticking;
		const double delta = d->chorus_delta[n];
		if (tick) {
			tick_lfo(d, n); /* always: the chorus phase is session time's */
			if (note_sounds(d, n)) {
				update_jivari(d, n);
				update_amplitudes(d, n, breath_next);
				anchor_partials(d, n);
			}
		}
		if (retune || timbre_changed || d->chorus_delta[n] != delta) {
			update_rotations(d, n);
		}
		d->phase[n] = phasor_renormalise(phasor_mul(d->phase[n], d->turn[n]));
	}
	if (p->level_db != d->level_db) { /* powf only when the level moves */
		d->level_db = p->level_db;
		d->level_goal = db_to_gain(p->level_db) * BREATH_LAYER_GAIN;
	}
	d->level = smooth_step(d->level, d->level_goal, d->smooth_fast);
	d->depth = smooth_step(d->depth, p->breath_depth, d->smooth_fast);
	d->gain[0] = d->gain[1];
	d->gain[1] = d->level * (1.0f - d->depth * (1.0f - breath_next));
	update_ocean(d, breath_next, step);
}

/* Note n's phase state at session frame `frame` (a grid point), for
 * constant parameters since the start: the fundamental's phase w * frame
 * plus the chorus offset gained up to there, the LFO at the note's next
 * tick, and this tick's chorus increment. */
static void
seek_note(Drone* d, uint32_t n, int64_t frame)
{
	const int64_t step = frame / GRID_FRAMES;
	const double g = chorus_gain(d, n);
	const double lfo0 = lfo_start(n);
	double offset = 0.0, delta = 0.0, lfo_next = lfo0;
	if (step > (int64_t)n) { /* the note has ticked: at grid steps n, n + 4, ... */
		const int64_t last = (int64_t)n + (step - 1 - (int64_t)n) / NOTE_TICK * NOTE_TICK;
		const double since_first = (double)((last - (int64_t)n) * GRID_FRAMES);
		const double lfo_then = lfo0 + d->lfo_w[n] * since_first;
		lfo_next = lfo_then + d->lfo_w[n] * NOTE_TICK_FRAMES;
		delta = g * (cos(lfo_then) - cos(lfo_next));
		offset = g * (cos(lfo0) - cos(lfo_then)) +
		         delta * (double)(frame - last * GRID_FRAMES) / NOTE_TICK_FRAMES;
	}
	d->lfo[n] = phasor_of(phase_wrap(lfo_next));
	d->chorus_delta[n] = delta;
	d->phase[n] = phasor_of(phase_wrap(d->base_w[n] * (double)frame) + offset);
	update_rotations(d, n);
	/* until the note's next tick its partials hold where they head */
	for (uint32_t k = n * DRONE_HARMONICS; k < (n + 1) * DRONE_HARMONICS; ++k) {
		d->amp[k] = d->amp_goal[k];
		d->grow[k] = 1.0f;
	}
	anchor_partials(d, n);
}

void
drone_seek(Drone* d, const DroneParams* p, int64_t frame)
{
	start(d, p);
	const VoicingRecipe* v = &voicings[p->voicing];
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		d->ratio[n] = n < v->notes ? v->ratio[n] : 0.0f;
	}
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		d->note_gain[n] = d->ratio[n] > 0.0f ? note_weight[n] * note_norm(v) : 0.0f;
	}
	retune_notes(d);
	update_shape(d);
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		seek_note(d, n, frame);
	}
	d->step = (uint64_t)(frame / GRID_FRAMES);
}

/* One group of DRONE_LANES slots as a vector.  GCC and Clang both take
 * this extension; it keeps the whole group in registers for the chunk,
 * where the plain loop was only partly vectorised. */
typedef float Lanes __attribute__((vector_size(DRONE_LANES * sizeof(float))));

static Lanes
lanes_load(const float* x)
{
	Lanes v;
	memcpy(&v, x, sizeof(v));
	return v;
}

static void
lanes_store(float* x, Lanes v)
{
	memcpy(x, &v, sizeof(v));
}

/* Eight slots, two groups side by side: AVX's width, two SSE registers. */
typedef float Wide __attribute__((vector_size(DRONE_WIDE * sizeof(float))));

/* By pointer: a Wide passed by value has a different ABI with AVX. */
static inline __attribute__((always_inline)) void
wide_load(Wide* v, const float* x)
{
	memcpy(v, x, sizeof(*v));
}

static inline __attribute__((always_inline)) void
wide_store(float* x, const Wide* v)
{
	memcpy(x, v, sizeof(*v));
}

/* The first `count` vectors of partials for n frames, summed per lane into
 * acc (each vector's two groups folded together: lane l of both has the
 * same place).  count is a constant in each caller, so the partials live in
 * registers.  The amplitude lives in the phasor, its growth in the
 * rotation. */
static inline __attribute__((always_inline)) void
render_vectors(Drone* d, Lanes* restrict acc, uint32_t n, const uint32_t count)
{
	Wide re[DRONE_VECTORS], im[DRONE_VECTORS], c[DRONE_VECTORS], s[DRONE_VECTORS];
	#pragma GCC unroll 5
	for (uint32_t v = 0; v < count; ++v) {
		const uint32_t o = v * DRONE_WIDE;
		Wide g;
		wide_load(&re[v], d->re + o);
		wide_load(&im[v], d->im + o);
		wide_load(&g, d->grow + o);
		wide_load(&c[v], d->rot_c + o);
		wide_load(&s[v], d->rot_s + o);
		c[v] *= g;
		s[v] *= g;
	}
	for (uint32_t i = 0; i < n; ++i) {
		#pragma GCC unroll 5
		for (uint32_t v = 0; v < count; ++v) {
			const Wide r = re[v] * c[v] - im[v] * s[v];
			im[v] = re[v] * s[v] + im[v] * c[v];
			re[v] = r;
		}
		Wide sum = im[0];
		#pragma GCC unroll 5
		for (uint32_t v = 1; v < count; ++v) {
			sum += im[v];
		}
		acc[i] = __builtin_shufflevector(sum, sum, 0, 1, 2, 3) +
		         __builtin_shufflevector(sum, sum, 4, 5, 6, 7);
	}
	#pragma GCC unroll 5
	for (uint32_t v = 0; v < count; ++v) {
		wide_store(d->re + v * DRONE_WIDE, &re[v]);
		wide_store(d->im + v * DRONE_WIDE, &im[v]);
	}
}

/* Up to the last vector that sounds: the notes fill the slots in order,
 * so a voicing of fewer notes leaves the last ones silent. */
SIMD_CLONES static void
drone_partials(Drone* d, Lanes* restrict acc, uint32_t n)
{
	_Static_assert(DRONE_VECTORS == 5, "one case a vector count");
	uint32_t count = 0;
	for (uint32_t g = 0; g < DRONE_GROUPS; ++g) {
		count = d->group_on[g] ? g / 2 + 1 : count;
	}
	switch (count) {
	case 1: render_vectors(d, acc, n, 1); break;
	case 2: render_vectors(d, acc, n, 2); break;
	case 3: render_vectors(d, acc, n, 3); break;
	case 4: render_vectors(d, acc, n, 4); break;
	default: render_vectors(d, acc, n, 5); break;
	}
}

static float
low_pass(DroneLowPass* f, float coef, float x)
{
	f->y1 += coef * (x - f->y1);
	f->y2 += coef * (f->y1 - f->y2);
	return f->y2;
}

/* Two noises, shared and apart, give a wide but not split sea. */
static void
render_ocean(Drone* d, float* left, float* right, uint32_t n, uint32_t grid_at)
{
	const float* ng = d->noise_gain;
	const float step = (ng[1] - ng[0]) * (1.0f / GRID_FRAMES);
	const float coef = d->low_pass_coef;
	DroneLowPass lp_l = d->low_pass[0], lp_r = d->low_pass[1];
	Rng rng = d->rng;
	for (uint32_t i = 0; i < n; ++i) {
		const float gain = ng[0] + step * (float)(grid_at + i);
		/* one draw, two 16-bit noises: half the generator's latency */
		const uint32_t bits = rng_next(&rng);
		const float shared = (float)(int16_t)(bits >> 16) * (1.0f / 32768.0f);
		const float apart = (float)(int16_t)bits * (0.5f / 32768.0f);
		left[i] += gain * low_pass(&lp_l, coef, shared + apart);
		right[i] += gain * low_pass(&lp_r, coef, shared - apart);
	}
	d->low_pass[0] = lp_l;
	d->low_pass[1] = lp_r;
	d->rng = rng;
}

/* Each lane to its place, with the swell.  Four frames at a time, the
 * lanes gathered across frames (a transpose), so the mix is vector
 * arithmetic; the leftover frames take the same expression one by one, so
 * a frame's value does not depend on the chunking. */
SIMD_CLONES static void
mix_lanes(const Drone* d, const Lanes* acc, float* restrict left, float* restrict right,
          uint32_t n, uint32_t grid_at)
{
	const Lanes pl0 = {d->pan_l[0], d->pan_l[0], d->pan_l[0], d->pan_l[0]};
	const Lanes pl1 = {d->pan_l[1], d->pan_l[1], d->pan_l[1], d->pan_l[1]};
	const Lanes pl2 = {d->pan_l[2], d->pan_l[2], d->pan_l[2], d->pan_l[2]};
	const Lanes pl3 = {d->pan_l[3], d->pan_l[3], d->pan_l[3], d->pan_l[3]};
	const Lanes pr0 = {d->pan_r[0], d->pan_r[0], d->pan_r[0], d->pan_r[0]};
	const Lanes pr1 = {d->pan_r[1], d->pan_r[1], d->pan_r[1], d->pan_r[1]};
	const Lanes pr2 = {d->pan_r[2], d->pan_r[2], d->pan_r[2], d->pan_r[2]};
	const Lanes pr3 = {d->pan_r[3], d->pan_r[3], d->pan_r[3], d->pan_r[3]};
	const float dg = (d->gain[1] - d->gain[0]) * (1.0f / GRID_FRAMES);
	uint32_t i = 0;
	for (; i + 4 <= n; i += 4) {
		/* the transpose in shuffles, so it stays in registers */
		const Lanes* f = acc + i;
		const Lanes t0 = __builtin_shufflevector(f[0], f[1], 0, 4, 1, 5);
		const Lanes t1 = __builtin_shufflevector(f[2], f[3], 0, 4, 1, 5);
		const Lanes t2 = __builtin_shufflevector(f[0], f[1], 2, 6, 3, 7);
		const Lanes t3 = __builtin_shufflevector(f[2], f[3], 2, 6, 3, 7);
		const Lanes a0 = __builtin_shufflevector(t0, t1, 0, 1, 4, 5);
		const Lanes a1 = __builtin_shufflevector(t0, t1, 2, 3, 6, 7);
		const Lanes a2 = __builtin_shufflevector(t2, t3, 0, 1, 4, 5);
		const Lanes a3 = __builtin_shufflevector(t2, t3, 2, 3, 6, 7);
		/* from the frame's place in the grid step: the same for any chunking */
		const float t = (float)(grid_at + i);
		const Lanes at = {t, t + 1.0f, t + 2.0f, t + 3.0f};
		const Lanes gain = d->gain[0] + dg * at;
		lanes_store(left + i, lanes_load(left + i) + gain * (pl0 * a0 + pl1 * a1 + pl2 * a2 + pl3 * a3));
		lanes_store(right + i,
		            lanes_load(right + i) + gain * (pr0 * a0 + pr1 * a1 + pr2 * a2 + pr3 * a3));
	}
	for (; i < n; ++i) {
		const Lanes a = acc[i];
		const float gain = d->gain[0] + dg * (float)(grid_at + i);
		left[i] += gain * (pl0[0] * a[0] + pl1[0] * a[1] + pl2[0] * a[2] + pl3[0] * a[3]);
		right[i] += gain * (pr0[0] * a[0] + pr1[0] * a[1] + pr2[0] * a[2] + pr3[0] * a[3]);
	}
}

void
drone_render(Drone* d, float* left, float* right, uint32_t n, uint32_t grid_at)
{
	const bool silent = d->gain[0] == 0.0f && d->gain[1] == 0.0f;
	bool any = false;
	for (uint32_t g = 0; g < DRONE_GROUPS && !silent; ++g) {
		any = any || d->group_on[g];
	}
	if (any) {
		Lanes acc[GRID_FRAMES];
		drone_partials(d, acc, n);
		mix_lanes(d, acc, left, right, n, grid_at);
	}
	if (!silent && (d->noise_gain[0] != 0.0f || d->noise_gain[1] != 0.0f)) {
		render_ocean(d, left, right, n, grid_at);
	}
}
