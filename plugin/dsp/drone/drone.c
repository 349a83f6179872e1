/* SPDX-License-Identifier: ISC */
#include "drone.h"
#include "layers.h"
#include "simd.h"

#include <math.h>
#include <string.h>

/* How each timbre colours the harmonics.  A note's fundamental has
 * amplitude 1 and its overtones (harmonics 2..) the timbre's shape, scaled
 * together so that harmonics 2-8 hold `overtones` dB against the
 * fundamental: from overtones_dark to overtones_bright as the tone opens
 * with the brightness and the breath, the timbres 7 dB apart.  The shape
 * of harmonic h is h^-slope, `even` for the even ones, weighted by vowel
 * formants for the Choir.  gain is the calibrated loudness match
 * (tests/unit/test_drone_loudness.c). */
typedef struct {
	uint32_t harmonics;
	float    overtones_dark, overtones_bright; /* dB of harmonics 2-8 re the fundamental */
	float    even;       /* level of even harmonics against odd ones */
	float    slope;      /* shape(h) = h^-slope */
	bool     formants;   /* weighted by vowel formants */
	bool     chorus;     /* slow detune of each note */
	float    gain;
} TimbreRecipe;

static const TimbreRecipe timbres[DRONE_TIMBRE_COUNT] = {
	[DRONE_PURE] = {.harmonics = 6, .overtones_dark = -30.0f, .overtones_bright = -14.0f,
	                .even = 1.0f, .slope = 1.0f, .gain = 0.987f},
	[DRONE_WARM] = {.harmonics = 8, .overtones_dark = -23.0f, .overtones_bright = -7.0f,
	                .even = 1.0f, .slope = 1.0f, .gain = 0.962f},
	[DRONE_REED] = {.harmonics = 12, .overtones_dark = -16.0f, .overtones_bright = 0.0f,
	                .even = 0.3f, .slope = 0.5f, .gain = 0.911f},
	[DRONE_CHOIR] = {.harmonics = 12, .overtones_dark = -9.0f, .overtones_bright = 7.0f,
	                 .even = 1.0f, .slope = 0.3f, .formants = true, .chorus = true, .gain = 0.892f},
	[DRONE_OCEAN] = {.harmonics = 0, .gain = 4.2f},
};

/* Small speakers play little below 150 Hz: a low note keeps its pitch on
 * them through its overtones.  Partials are weighted by a gentle
 * second-order high-pass at support_hz, and the overtones of a note below
 * lift_hz rise by lift_db_first per octave for the first octave down, then
 * by lift_db_after per octave (tests/unit/test_drone_tone.c: a 150 Hz high-pass
 * costs at most 6 LU at any root). */
static const float support_hz = 140.0f;
static const float lift_hz = 180.0f, lift_db_first = 16.0f, lift_db_after = 2.0f;

typedef struct {
	uint32_t notes;
	float    ratio[DRONE_NOTES];
	float    weight[DRONE_NOTES]; /* the root leads; upper notes sit a little below it */
} VoicingRecipe;

/* The root leads; upper notes sit a little below it. */
#define NOTE_WEIGHTS {1.0f, 0.8f, 0.7f}
/* The third of Major and Minor is softer (tests/unit/test_drone_tone.c). */
#define THIRD_WEIGHT 0.3f

/* Just intervals: a drone has time to beat, so tempered thirds would.
 * The thirds of Major and Minor are spread two octaves up (the 17th, where
 * the major third is the root's own fifth harmonic): a close third beats
 * against the root at a quarter or a fifth of its pitch (27.5 and 22 Hz at
 * 110 Hz), the roughest range. */
static const VoicingRecipe voicings[DRONE_VOICING_COUNT] = {
	[DRONE_SINGLE] = {1, {1.0f}, NOTE_WEIGHTS},
	[DRONE_OCTAVE] = {2, {1.0f, 2.0f}, NOTE_WEIGHTS},
	[DRONE_FIFTH] = {2, {1.0f, 1.5f}, NOTE_WEIGHTS},
	[DRONE_TANPURA] = {3, {1.0f, 1.5f, 2.0f}, NOTE_WEIGHTS},
	[DRONE_MAJOR] = {3, {1.0f, 1.5f, 5.0f}, {1.0f, 0.8f, THIRD_WEIGHT}},
	[DRONE_MINOR] = {3, {1.0f, 1.5f, 4.8f}, {1.0f, 0.8f, THIRD_WEIGHT}},
	[DRONE_OPEN] = {3, {1.0f, 1.5f, 2.25f}, NOTE_WEIGHTS},
};

/* Lane placement, -1 left .. +1 right.  Note n's harmonic h sits in lane
 * (h - 1 + note_lane[n]) % 4: the root's fundamental in the centre, the
 * upper notes' fundamentals a little to each side, and the harmonics of
 * every note spread around it. */
static const float lane_pan[DRONE_LANES] = {0.0f, 0.25f, -0.45f, 0.45f};
static const uint32_t note_lane[DRONE_NOTES] = {0, 2, 3};

/* Each note is refreshed every DRONE_REFRESH_FRAMES of session time, the notes one
 * grid step apart: its LFO, chorus, jivari and partial amplitudes, with
 * the amplitudes moving geometrically across the refresh (10.7 ms at 48 kHz:
 * the breath moves the tone over seconds).
 * Smooth for changes over tens of milliseconds (the breath, the smoothing
 * of the controls), and no work at all on most grid steps.  The swell
 * itself is interpolated every grid step. */
#define REFRESH_FRAMES_LOG2 9
_Static_assert(DRONE_REFRESH_FRAMES == 1u << REFRESH_FRAMES_LOG2, "a refresh period is 2^k frames");

/* Where in the refresh period note n is refreshed, in frames. */
static uint32_t
refresh_offset(uint32_t n)
{
	return (n * GRID_FRAMES) % DRONE_REFRESH_FRAMES;
}

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

/* The quad that renders slots 4r..4r+3 of note n: the low harmonics of
 * every note first, so a timbre of eight harmonics or fewer leaves the
 * last three quads silent. */
static uint32_t
quad_of(uint32_t n, uint32_t r)
{
	return r < 2 ? 2 * n + r : 2 * DRONE_NOTES + n;
}

/* The harmonic in slot j of note n: its lane is its place. */
static uint32_t
harmonic_of(uint32_t n, uint32_t j)
{
	const uint32_t lane = j % DRONE_LANES;
	return j - lane + (lane + DRONE_LANES - note_lane[n]) % DRONE_LANES + 1;
}

/* Each note's LFO phase at its first refresh: the notes start at their own
 * places and never drift together. */
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
	/* per refresh, in 25 ms: a root that jumps octaves moves the overtones'
	 * small-speaker lift by many dB, and amplitudes that lagged the pitch
	 * (at 50 ms) stood out over the quieter Sweep tone (test_clicks) */
	d->smooth_note = 1.0 - exp(-DRONE_REFRESH_FRAMES / (0.025 * rate));
	const double floor_a = exp(-2.0 * M_PI * DRONE_OCEAN_FLOOR_HZ / rate);
	d->high_pass.weight_sum = 0.0f;
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		d->high_pass.weight[k] = (float)((1.0 - floor_a) * pow(floor_a, DRONE_NOISE_BLOCK - 1 - k));
		d->high_pass.weight_sum += d->high_pass.weight[k];
	}
	d->high_pass.decay = (float)pow(floor_a, DRONE_NOISE_BLOCK);
	for (uint32_t l = 0; l < DRONE_LANES; ++l) {
		const float angle = (float)M_PI * 0.25f * (1.0f + lane_pan[l]); /* equal power */
		for (uint32_t k = 0; k < DRONE_QUAD_WIDTH; ++k) {
			d->place_gain[0][l][k] = cosf(angle);
			d->place_gain[1][l][k] = sinf(angle);
		}
	}
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		DroneNote* note = &d->note[n];
		d->lfo_w[n] = 2.0 * M_PI * lfo_hz[n] / rate;
		d->lfo_turn[n] = phasor_of(d->lfo_w[n] * DRONE_REFRESH_FRAMES);
		for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
			const uint32_t h = harmonic_of(n, j);
			note->harmonic[j] = (uint8_t)h;
			note->harmonic_f[j] = (float)h;
			/* Schroeder phases: harmonics never all peak at once, so the
			 * drone stays soft rather than pulsing */
			const Phasor schroeder = phasor_of(M_PI * (double)(h * h) / DRONE_HARMONICS + (double)n);
			note->schroeder_re[j] = schroeder.re;
			note->schroeder_im[j] = schroeder.im;
		}
	}
	drone_reset(d, 1u);
}

static inline void build_low_pass(Drone* d, float coef);

void
drone_reset(Drone* d, uint32_t seed)
{
	memset(d->z, 0, sizeof(d->z)); /* silent: no amplitude in the phasors */
	memset(d->pair_turn, 0, sizeof(d->pair_turn));
	memset(d->stride_c, 0, sizeof(d->stride_c));
	memset(d->stride_s, 0, sizeof(d->stride_s));
	memset(d->rotation, 0, sizeof(d->rotation));
	memset(d->quad_on, 0, sizeof(d->quad_on));
	d->quads_on = 0;
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		DroneNote* note = &d->note[n];
		memset(note->amp, 0, sizeof(note->amp));
		memset(note->amp_goal, 0, sizeof(note->amp_goal));
		memset(note->amp_smooth, 0, sizeof(note->amp_smooth));
		for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
			note->grow[j] = 1.0f;
			note->buzz[j] = 1.0f;
		}
		note->sounding = false;
		d->note_gain[n] = 0.0f;
		d->ratio[n] = 0.0f;
		d->base_w[n] = 0.0;
		d->base_c[n] = 1.0;
		d->base_s[n] = 0.0;
		d->turn_refresh[n] = (Phasor){1.0, 0.0};
		d->phase[n] = (Phasor){1.0, 0.0};
		d->phase_at[n] = 0;
		d->chorus_delta[n] = 0.0;
		d->lfo[n] = phasor_of(lfo_start(n));
	}
	d->settled_voicing = -1;
	d->noise_seed = seed ^ 0xD20E5EEDu;
	memset(d->low_pass, 0, sizeof(d->low_pass));
	build_low_pass(d, 0.0f);
	memset(d->high_pass.low, 0, sizeof(d->high_pass.low));
	d->noise_gain[0] = d->noise_gain[1] = 0.0f;
	d->gain[0] = d->gain[1] = 0.0f;
	d->level = 0.0f;
	d->ocean = 0.0f;
	d->step = 0;
	d->started = false;
	d->asleep = false;
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

/* The small-speaker lift of a note's overtones at fundamental f1, in dB. */
static float
overtone_lift_db(float f1)
{
	const float octaves = f1 < lift_hz ? log2f(lift_hz / f1) : 0.0f;
	return octaves < 1.0f ? lift_db_first * octaves
	                      : lift_db_first + lift_db_after * (octaves - 1.0f);
}

/* The fixed colour of every slot: the timbre's shape of the overtones,
 * normalised over harmonics 2-8 and lifted for a low note, the
 * small-speaker weighting, the gentle high corner and the band limit.  The
 * brightness and the breath scale the overtones against the fundamental
 * (update_amplitudes).  Only when the pitch or timbre moves. */
static void
update_shape(Drone* d)
{
	const TimbreRecipe* t = &timbres[d->p.timbre];
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		DroneNote* note = &d->note[n];
		const float f1 = d->root_hz * d->ratio[n];
		float raw[DRONE_HARMONICS], power = 0.0f;
		for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
			const uint32_t h = note->harmonic[j];
			float w = 0.0f;
			if (h <= t->harmonics && d->ratio[n] > 0.0f) {
				w = h == 1 ? 1.0f : powf((float)h, -t->slope) * ((h & 1u) ? 1.0f : t->even);
				w *= t->formants ? formant_weight(f1 * (float)h) / formant_weight(f1) : 1.0f;
			}
			raw[j] = w;
			power += h >= 2 && h <= 8 ? w * w : 0.0f;
		}
		const float lift = power > 0.0f ? db_to_gain(overtone_lift_db(f1)) / sqrtf(power) : 0.0f;
		for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
			const uint32_t h = note->harmonic[j];
			const float hz = f1 * (float)h;
			const float corner = hz / soft_corner_hz, support = support_hz / hz;
			const float weight = band_limit(d, hz) / (1.0f + corner * corner) /
			                     sqrtf(1.0f + support * support * support * support);
			note->shape[j] = raw[j] * (h == 1 ? 1.0f : lift) * weight;
		}
	}
	d->shape_dirty = false;
}

/* exp(i x) for any small x without libm: halved (exactly) until the
 * series is exact, then squared back. */
static Phasor
phasor_small_any(double x)
{
	unsigned halvings = 0;
	while (fabs(x) >= 0.1) {
		x *= 0.5;
		++halvings;
	}
	return phasor_pow2(phasor_small(x), halvings);
}

/* Note n's fundamental phase brought on to session frame `frame`, at the
 * pitch and chorus of the refresh in progress: a whole refresh by its turn, any
 * other stretch (at the start, or when the pitch moves) with libm. */
static void
advance_phase(Drone* d, uint32_t n, int64_t frame)
{
	const int64_t frames = frame - d->phase_at[n];
	if (frames == 0) {
		return;
	}
	const double chorus = d->chorus_delta[n] * (double)frames / DRONE_REFRESH_FRAMES;
	const Phasor turn = frames == DRONE_REFRESH_FRAMES
	                        ? d->turn_refresh[n]
	                        : phasor_of(phase_wrap(d->base_w[n] * (double)frames));
	const Phasor moved = phasor_mul(d->phase[n], turn);
	d->phase[n] = phasor_renormalise(chorus != 0.0 ? phasor_mul(moved, phasor_small_any(chorus)) : moved);
	d->phase_at[n] = frame;
}

/* The rotation per frame of note n's fundamental, with this refresh's share
 * of the chorus offset (a tiny rotation by Taylor series). */
static Phasor
fundamental_rotation(const Drone* d, uint32_t n)
{
	const double dw = d->chorus_delta[n] / DRONE_REFRESH_FRAMES;
	const double dc = 1.0 - 0.5 * dw * dw, ds = dw - dw * dw * dw / 6.0;
	return phasor_mul((Phasor){d->base_c[n], d->base_s[n]}, (Phasor){dc, ds});
}

/* Four partials side by side, one a lane (half a quad: the re or the im
 * of its four), as a vector, and a comparison's result. */
typedef float Partials4 __attribute__((vector_size(DRONE_LANES * sizeof(float))));
typedef int32_t Partials4Mask __attribute__((vector_size(DRONE_LANES * sizeof(int32_t))));

/* Lane by lane: a where the mask is set, else b. */
static Partials4
partials4_select(Partials4Mask mask, Partials4 a, Partials4 b)
{
	return (Partials4)((mask & (Partials4Mask)a) | (~mask & (Partials4Mask)b));
}

/* Complex products, lane by lane: (c, s) times (r_c, r_s). */
static inline __attribute__((always_inline)) void
partials4_turn(Partials4* c, Partials4* s, Partials4 r_c, Partials4 r_s)
{
	const Partials4 next = *c * r_c - *s * r_s;
	*s = *c * r_s + *s * r_c;
	*c = next;
}

/* A pair's two rows of turns (drone.h) turned on by a rotation: both
 * frames times (c, s), from [c | c] and [s | -s].  The same products as
 * partials4_turn's, so the rows hold what stepping each frame alone would. */
static inline __attribute__((always_inline)) void
turn_rows(Floats8 row[2], const Floats8* c, const Floats8* s_pm)
{
	const Floats8 next = row[0] * *c + row[1] * *s_pm;
	row[1] = row[1] * *c - row[0] * *s_pm;
	row[0] = next;
}

/* The frame turns of one quad from its rotation per frame R = (c, s),
 * growth included: the rows of R^j for the frames of a stride (drone.h),
 * R^DRONE_STRIDE to the next.  The first half stride's by repeated
 * complex multiplication in float, both frames of a pair at once; the
 * second half's from them times R^8. */
static inline __attribute__((always_inline)) void
set_quad_turns(Drone* d, uint32_t q, const float* c_in, const float* s_in)
{
	_Static_assert(DRONE_STRIDE == 16 && DRONE_PAIRS == 8, "two half strides of four pairs");
	Partials4 c, s;
	memcpy(&c, c_in, sizeof(c));
	memcpy(&s, s_in, sizeof(s));
	memcpy(d->rotation[q], c_in, sizeof(c));
	memcpy(d->rotation[q] + DRONE_LANES, s_in, sizeof(s));
	Partials4 c4 = c, s4 = s;
	for (uint32_t j = 1; j < 4; ++j) {
		partials4_turn(&c4, &s4, c, s);
	}
	const Partials4 one = {1.0f, 1.0f, 1.0f, 1.0f}, zero = {0.0f};
	float(*rows)[2][DRONE_QUAD_WIDTH] = d->pair_turn[q];
	/* shuffles of four-lane operands: indices 0..3 are the first's lanes,
	 * 4..7 the second's; so 0..7 joins them into [first | second] */
	/* frames 0 and 4: [sin R^0 | cos R^4], [cos R^0 | sin R^4] */
	Floats8 row[2] = {__builtin_shufflevector(zero, c4, 0, 1, 2, 3, 4, 5, 6, 7),
	                  __builtin_shufflevector(one, s4, 0, 1, 2, 3, 4, 5, 6, 7)};
	/* R for both frames of a pair: [c | c] and [s | -s] */
	const Floats8 r_c = __builtin_shufflevector(c, c, 0, 1, 2, 3, 0, 1, 2, 3);
	const Floats8 r_s = __builtin_shufflevector(s, -s, 0, 1, 2, 3, 4, 5, 6, 7);
	for (uint32_t p = 0; p < DRONE_PAIRS / 2; ++p) {
		floats8_store(rows[p][0], &row[0]);
		floats8_store(rows[p][1], &row[1]);
		turn_rows(row, &r_c, &r_s);
	}
	/* the rows now hold frames 4 and 8: R^8 from their high halves (lanes
	 * 4..7 of the first eight-lane operand, 12..15 of the second), as
	 * [cos | cos] and [sin | -sin] */
	const Floats8 c8 = __builtin_shufflevector(row[0], row[0], 4, 5, 6, 7, 4, 5, 6, 7);
	const Floats8 s8 = __builtin_shufflevector(row[1], -row[1], 4, 5, 6, 7, 12, 13, 14, 15);
	for (uint32_t p = 0; p < DRONE_PAIRS / 2; ++p) {
		floats8_load(&row[0], rows[p][0]);
		floats8_load(&row[1], rows[p][1]);
		turn_rows(row, &c8, &s8);
		floats8_store(rows[DRONE_PAIRS / 2 + p][0], &row[0]);
		floats8_store(rows[DRONE_PAIRS / 2 + p][1], &row[1]);
	}
	Partials4 c16 = __builtin_shufflevector(c8, c8, 0, 1, 2, 3); /* the low half */
	Partials4 s16 = __builtin_shufflevector(s8, s8, 0, 1, 2, 3);
	partials4_turn(&c16, &s16, c16, s16);
	const Partials4 minus_s16 = -s16;
	memcpy(d->stride_c[q], &c16, sizeof(c16));
	memcpy(d->stride_c[q] + DRONE_LANES, &c16, sizeof(c16));
	memcpy(d->stride_s[q], &minus_s16, sizeof(s16));
	memcpy(d->stride_s[q] + DRONE_LANES, &s16, sizeof(s16));
}

/* x^h for the harmonic h of each of note n's slots, in double: the
 * first quad's four by multiplication, and each quad on from the one
 * before times x^4 (its harmonics are four higher, in the same lanes). */
static inline __attribute__((always_inline)) void
slot_powers(const DroneNote* note, Phasor x, double* re, double* im)
{
	Phasor power[DRONE_LANES + 1];
	power[1] = x;
	power[2] = phasor_mul(x, x);
	power[3] = phasor_mul(power[2], x);
	power[4] = phasor_mul(power[2], power[2]);
	for (uint32_t l = 0; l < DRONE_LANES; ++l) {
		re[l] = power[note->harmonic[l]].re;
		im[l] = power[note->harmonic[l]].im;
	}
	const Phasor step = power[DRONE_LANES];
	for (uint32_t j = DRONE_LANES; j < DRONE_HARMONICS; ++j) {
		re[j] = re[j - DRONE_LANES] * step.re - im[j - DRONE_LANES] * step.im;
		im[j] = re[j - DRONE_LANES] * step.im + im[j - DRONE_LANES] * step.re;
	}
}

/* Every partial's rotation per frame, from the fundamental's raised to
 * each harmonic's power in double, with its growth folded in; no libm. */
static inline __attribute__((always_inline)) void
set_rotations(Drone* d, uint32_t n, Phasor fundamental)
{
	const DroneNote* note = &d->note[n];
	double re[DRONE_HARMONICS], im[DRONE_HARMONICS];
	slot_powers(note, fundamental, re, im);
	float c[DRONE_HARMONICS], s[DRONE_HARMONICS];
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		c[j] = (float)re[j] * note->grow[j];
		s[j] = (float)im[j] * note->grow[j];
	}
	/* a silent quad's state is zero: its turns do not matter until a
	 * refresh turns it on, and sets them */
	for (uint32_t r = 0; r < DRONE_NOTE_QUADS; ++r) {
		if (d->quad_on[quad_of(n, r)]) {
			set_quad_turns(d, quad_of(n, r), c + r * DRONE_LANES, s + r * DRONE_LANES);
		}
	}
}

/* Sets note n's partials from its phase (at this frame) and amplitudes
 * note->amp: the float phasors run only until the next refresh, so nothing
 * drifts and the phase is session time's.  A stride's state is the value
 * of its first frame: one frame's rotation on. */
static inline __attribute__((always_inline)) void
anchor_partials(Drone* d, uint32_t n, Phasor fundamental)
{
	const DroneNote* note = &d->note[n];
	double re[DRONE_HARMONICS], im[DRONE_HARMONICS];
	slot_powers(note, phasor_mul(d->phase[n], fundamental), re, im);
	float z_re[DRONE_HARMONICS], z_im[DRONE_HARMONICS];
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		const double a = (double)(note->amp[j] * note->grow[j]);
		z_re[j] = (float)((re[j] * note->schroeder_re[j] - im[j] * note->schroeder_im[j]) * a);
		z_im[j] = (float)((re[j] * note->schroeder_im[j] + im[j] * note->schroeder_re[j]) * a);
	}
	for (uint32_t r = 0; r < DRONE_NOTE_QUADS; ++r) {
		float* z = d->z[quad_of(n, r)];
		memcpy(z, z_re + r * DRONE_LANES, DRONE_LANES * sizeof(float));
		memcpy(z + DRONE_LANES, z_im + r * DRONE_LANES, DRONE_LANES * sizeof(float));
	}
}

/* The notes' gains are normalised so every voicing has the same power. */
static float
note_norm(const VoicingRecipe* v)
{
	float power = 0.0f;
	for (uint32_t n = 0; n < v->notes; ++n) {
		power += v->weight[n] * v->weight[n];
	}
	return 1.0f / sqrtf(power);
}

/* The notes' fundamentals from the root and their intervals; libm, only
 * when they change.  Their phases are brought to this frame first, at the
 * pitch they had. */
static void
retune_notes(Drone* d, int64_t frame)
{
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		advance_phase(d, n, frame);
		d->base_w[n] = 2.0 * M_PI * d->root_hz * d->ratio[n] / d->rate;
		d->base_c[n] = cos(d->base_w[n]);
		d->base_s[n] = sin(d->base_w[n]);
		d->turn_refresh[n] = phasor_of(phase_wrap(d->base_w[n] * DRONE_REFRESH_FRAMES));
	}
	d->shape_dirty = true;
}

/* Whether the notes stand still at the setting: nothing to update. */
static bool
notes_settled(const Drone* d)
{
	return d->p.root_hz == d->settled_root && (int)d->p.voicing == d->settled_voicing;
}

/* Root glide and voicing changes.  A note whose interval changes fades out,
 * retunes while silent and fades in again, rather than sliding. */
static bool
update_notes(Drone* d, int64_t frame)
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
	bool settled = root == d->p.root_hz;
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		const float want = n < v->notes ? v->ratio[n] : 0.0f;
		if (d->ratio[n] != want && d->note_gain[n] < 1e-4f) {
			d->ratio[n] = want;
			d->note_gain[n] = 0.0f;
			retune = true;
		}
		const float goal = d->ratio[n] == want && want > 0.0f ? v->weight[n] * norm : 0.0f;
		d->note_gain[n] = smooth_step(d->note_gain[n], goal, d->smooth_tone);
		settled = settled && d->ratio[n] == want && d->note_gain[n] == goal;
	}
	d->settled_root = settled ? d->p.root_hz : 0.0f;
	d->settled_voicing = settled ? (int)d->p.voicing : -1;
	if (retune) {
		retune_notes(d, frame);
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

/* Note n's refresh: its LFO moves on, and the chorus phase it gains by the
 * next refresh is spread over the refresh.  Summed over refreshes, the gains
 * telescope to gain * (cos(LFO at the first refresh) - cos(LFO now)). */
static void
refresh_lfo(Drone* d, uint32_t n)
{
	const Phasor now = d->lfo[n];
	d->lfo[n] = phasor_renormalise(phasor_mul(now, d->lfo_turn[n]));
	d->chorus_delta[n] = chorus_gain(d, n) * (now.re - d->lfo[n].re);
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

/* How open the tone is, 0..1: the brightness at the top of the inhale,
 * closing on the exhale by the breath brightness. */
static float
openness(const Drone* d, float breath)
{
	return d->p.bright * (1.0f - d->p.breath_bright + d->p.breath_bright * breath);
}

/* Tanpura's jivari: the bridge makes a band of upper harmonics buzz, and
 * that band wanders; here a soft peak moving over harmonics 2..10. */
static inline __attribute__((always_inline)) void
update_jivari(Drone* d, uint32_t n)
{
	static const float depth = 1.5f, width = 1.5f;
	DroneNote* note = &d->note[n];
	const bool on = d->p.voicing == DRONE_TANPURA;
	if (!on && note->buzz[0] == 1.0f) {
		return; /* already plain */
	}
	const float centre = 6.0f + 4.0f * (float)d->lfo[n].im;
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		const float x = (note->harmonic_f[j] - centre) / width;
		note->buzz[j] = on ? 1.0f + depth / (1.0f + x * x) : 1.0f;
	}
}

/* The amplitudes note n's slots head for at its next refresh: each note has
 * the same power whatever its colour, so brightness and the breath change
 * the tone, never the loudness. */
static inline __attribute__((always_inline)) void
update_amplitudes(Drone* d, uint32_t n, float breath)
{
	const TimbreRecipe* t = &timbres[d->p.timbre];
	DroneNote* note = &d->note[n];
	/* the overtones' gain against the fundamental: 2^(dB / 6.02),
	 * brought into exp2_small's range */
	const float db = t->overtones_dark + (t->overtones_bright - t->overtones_dark) * openness(d, breath);
	const float overtones = exp2_small(db * (1.0f / 6.0206f) + 6.0f) * (1.0f / 64.0f);
	float colour[DRONE_HARMONICS];
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		colour[j] = note->harmonic[j] == 1 ? 1.0f : overtones;
	}
	float u[DRONE_HARMONICS];
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		u[j] = note->shape[j] * colour[j] * note->buzz[j];
	}
	float power = 0.0f;
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		power += u[j] * u[j];
	}
	const float norm = power > 0.0f ? d->note_gain[n] * t->gain / sqrtf(power) : 0.0f;
	/* smoothed in double: a float one-pole this slow stalls up to ulp /
	 * coef (2e-6) short of a moving target, at a place that depends on
	 * its history, and then a relocated drone would not settle onto the
	 * same samples */
	double target[DRONE_HARMONICS];
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		target[j] = norm * u[j];
	}
	const double coef = d->smooth_note;
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		const double moved = note->amp_smooth[j] + (target[j] - note->amp_smooth[j]) * coef;
		/* within -180 dB: arrived */
		note->amp_smooth[j] = fabs(moved - target[j]) < 1e-9 ? target[j] : moved;
	}
	float to_all[DRONE_HARMONICS];
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		to_all[j] = (float)note->amp_smooth[j];
	}
	/* The amplitude moves geometrically over the refresh, as a growth folded
	 * into the partial's rotation, from where the last ramp was heading
	 * (no rounding carried on).  From nothing (or nearly) it starts at
	 * 1/DRONE_REFRESH_FRAMES of its goal, which is where a linear ramp's
	 * first frame would be; a fall to nothing stops there, and the next
	 * refresh sets it to its (tiny) value.  As vectors, with selects. */
	const Partials4 floor = {1.0f / DRONE_REFRESH_FRAMES, 1.0f / DRONE_REFRESH_FRAMES, 1.0f / DRONE_REFRESH_FRAMES,
	                     1.0f / DRONE_REFRESH_FRAMES};
	const Partials4 zero = {0.0f}, one = floor * DRONE_REFRESH_FRAMES, rise_growth = one * DRONE_REFRESH_FRAMES;
	for (uint32_t j = 0; j < DRONE_HARMONICS; j += DRONE_LANES) {
		Partials4 from, to;
		memcpy(&from, note->amp_goal + j, sizeof(from));
		memcpy(&to, to_all + j, sizeof(to));
		const Partials4Mask rise = from < to * floor;
		const Partials4Mask fall = to < from * floor;
		const Partials4Mask held = from > zero;
		const Partials4 ratio = partials4_select(held, to / partials4_select(held, from, one), one);
		const Partials4 grow = partials4_select(rise, rise_growth, partials4_select(fall, floor, ratio));
		const Partials4 start = partials4_select(rise, to * floor, from);
		memcpy(note->amp + j, &start, sizeof(start));
		memcpy(note->grow + j, &grow, sizeof(grow));
		memcpy(note->amp_goal + j, &to, sizeof(to));
	}
	/* the growth per frame: DRONE_REFRESH_FRAMES-th roots by square roots,
	 * correctly rounded, so the same on every machine */
	#pragma GCC unroll 9
	for (int i = 0; i < REFRESH_FRAMES_LOG2; ++i) {
		#pragma GCC unroll 12
		for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
			note->grow[j] = sqrtf(note->grow[j]);
		}
	}
}

/* Which quads of note n sound, and so how many quads the render runs. */
static inline __attribute__((always_inline)) void
update_quads_on(Drone* d, uint32_t n)
{
	DroneNote* note = &d->note[n];
	note->sounding = false;
	const Partials4 zero = {0.0f};
	for (uint32_t r = 0; r < DRONE_NOTE_QUADS; ++r) {
		Partials4 amp, goal;
		memcpy(&amp, note->amp + r * DRONE_LANES, sizeof(amp));
		memcpy(&goal, note->amp_goal + r * DRONE_LANES, sizeof(goal));
		const Partials4Mask lanes_on = (amp != zero) | (goal != zero);
		uint64_t halves[2]; /* any lane on: two words' test, not four lanes' */
		memcpy(halves, &lanes_on, sizeof(halves));
		const bool on = (halves[0] | halves[1]) != 0;
		d->quad_on[quad_of(n, r)] = on;
		note->sounding = note->sounding || on;
	}
	uint32_t count = DRONE_QUADS;
	while (count > 0 && !d->quad_on[count - 1]) {
		--count;
	}
	d->quads_on = count;
}

/* The Ocean's low-passes for coefficient c, a block at a time
 * (DroneLowPassBlock), in double so that the powers stay exact.  Built
 * aside and copied: vector stores straight into the Drone would trust
 * its declared alignment, which its allocation need not give. */
static inline __attribute__((always_inline)) void
build_low_pass(Drone* d, float coef)
{
	DroneLowPassBlock block, *b = &block;
	const double c = coef, a = 1.0 - c;
	double a_k[DRONE_NOISE_BLOCK + 1]; /* a^k, by repeated products */
	a_k[0] = 1.0;
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		a_k[k + 1] = a_k[k] * a;
	}
	/* then every coefficient at once, as vectors */
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		b->response[k] = 0.0f;
		b->response[DRONE_NOISE_BLOCK + k] = (float)(c * c * (k + 1) * a_k[k]);
		b->from_y1[k] = (float)(c * (k + 1) * a_k[k + 1]);
		b->from_y2[k] = (float)a_k[k + 1];
	}
	for (uint32_t k = 0; k < DRONE_NOISE_BLOCK; ++k) {
		b->y1_weight[k] = (float)(c * a_k[DRONE_NOISE_BLOCK - 1 - k]);
	}
	b->y1_decay = (float)a_k[DRONE_NOISE_BLOCK];
	memcpy(&d->low_pass_block, b, sizeof(block));
	d->low_pass_coef = coef;
}

/* Ocean: noise through a low-pass that opens on the inhale; its gain
 * keeps the power steady as the cutoff moves, and the noise density the
 * same at every rate.  Only while the Ocean sounds or is chosen; with AVX
 * where there is, for the streams' seeds and the low-passes' blocks. */
SIMD_CLONES static void
update_ocean(Drone* d, float breath, uint64_t step)
{
	d->noise_gain[0] = d->noise_gain[1];
	d->ocean = smooth_step(d->ocean, d->p.timbre == DRONE_OCEAN ? 1.0f : 0.0f, d->smooth_tone);
	if (d->ocean == 0.0f) {
		d->noise_gain[1] = 0.0f;
		return;
	}
	/* the noise of this grid step, from its index: the same wherever
	 * rendering started.  Each of the block's streams has an index of
	 * its own, (step, lane), and an odd multiplier keeps the seeds apart. */
	Rng streams[DRONE_NOISE_BLOCK]; /* then copied, as build_low_pass's */
	for (uint32_t lane = 0; lane < DRONE_NOISE_BLOCK; ++lane) {
		const uint32_t index = (uint32_t)step * DRONE_NOISE_BLOCK + lane;
		rng_seed(&streams[lane], d->noise_seed + index * 0x632BE5ABu);
	}
	memcpy(d->noise_rng, streams, sizeof(streams));
	float hz = ocean_closed_hz * exp2_small(ocean_octaves * openness(d, breath));
	hz = hz < 0.2f * (float)d->rate ? hz : 0.2f * (float)d->rate;
	const float x = 2.0f * (float)M_PI * hz / (float)d->rate;
	const float coef = x / (1.0f + x); /* 1 - exp(-x), near enough */
	if (coef != d->low_pass_coef) {
		build_low_pass(d, coef);
	}
	d->noise_gain[1] = d->gain[1] * d->ocean * timbres[DRONE_OCEAN].gain *
	                   sqrtf((float)(d->rate / noise_reference_rate) * 1000.0f / hz);
}

/* Whether note n has partials now or should have: the Ocean and silent
 * notes cost nothing once faded out. */
static bool
note_sounds(const Drone* d, uint32_t n)
{
	return (d->note_gain[n] > 0.0f && timbres[d->p.timbre].harmonics > 0) || d->note[n].sounding;
}

/* Note n's refresh, at session frame `frame`: its phase and LFO move on, and
 * if it sounds, its colour, amplitudes, rotations and partials are set
 * afresh.  Out of line (and with AVX where there is), so the grid steps
 * without a refresh stay lean. */
SIMD_CLONES static void
drone_refresh_note(Drone* d, uint32_t n, int64_t frame, float breath)
{
	advance_phase(d, n, frame);
	refresh_lfo(d, n); /* always: the chorus phase is session time's */
	if (!note_sounds(d, n)) {
		return;
	}
	update_jivari(d, n);
	update_amplitudes(d, n, breath);
	update_quads_on(d, n);
	const Phasor fundamental = fundamental_rotation(d, n);
	set_rotations(d, n, fundamental);
	anchor_partials(d, n, fundamental);
}

/* A session starts (or resumes) with every smoothed value at its setting. */
static void
start(Drone* d, const DroneParams* p)
{
	d->p = *p;
	d->started = true;
	d->asleep = false; /* until a grid step finds it so */
	d->root_hz = p->root_hz;
	d->level_db = p->level_db;
	d->level_goal = d->level = db_to_gain(p->level_db) * BREATH_LAYER_GAIN;
	d->depth = p->breath_depth;
	d->ocean = p->timbre == DRONE_OCEAN ? 1.0f : 0.0f;
	d->settled_voicing = -1;
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
	const int64_t frame = (int64_t)(d->step * GRID_FRAMES);
	update_notes(d, frame);
	update_shape(d); /* the timbre may have changed meanwhile */
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		seek_note(d, n, frame);
	}
}

/* A grid step of a drone that sounds, or wakes. */
static __attribute__((noinline)) void
grid_step(Drone* d, const DroneParams* p, float breath_next)
{
	if (!d->started) {
		start(d, p);
	}
	if (drone_asleep(d)) {
		d->p = *p;
		wake(d);
	}
	const bool timbre_changed = p->timbre != d->p.timbre;
	d->p = *p;
	const uint64_t step = d->step++;
	const int64_t frame = (int64_t)(step * GRID_FRAMES);
	const bool retune = !notes_settled(d) && update_notes(d, frame);
	if (timbre_changed || d->shape_dirty) {
		update_shape(d);
	}
	/* the notes are refreshed in the first grid steps of each period */
	const uint32_t in_refresh = (uint32_t)step * GRID_FRAMES % DRONE_REFRESH_FRAMES;
	if (retune || in_refresh < DRONE_NOTES * GRID_FRAMES) {
		for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
			if (in_refresh == refresh_offset(n)) {
				drone_refresh_note(d, n, frame, breath_next);
			} else if (retune && d->note[n].sounding) {
				/* the new pitch from this step, the amplitudes' ramps as they were */
				set_rotations(d, n, fundamental_rotation(d, n));
			}
		}
	}
	if (p->level_db != d->level_db) { /* powf only when the level moves */
		d->level_db = p->level_db;
		d->level_goal = db_to_gain(p->level_db) * BREATH_LAYER_GAIN;
	}
	if (d->level != d->level_goal || d->depth != p->breath_depth) {
		d->level = smooth_step(d->level, d->level_goal, d->smooth_fast);
		d->depth = smooth_step(d->depth, p->breath_depth, d->smooth_fast);
	}
	d->gain[0] = d->gain[1];
	d->gain[1] = d->level * (1.0f - d->depth * (1.0f - breath_next));
	if (d->ocean != 0.0f || p->timbre == DRONE_OCEAN) {
		update_ocean(d, breath_next, step);
	} else {
		d->noise_gain[0] = d->noise_gain[1] = 0.0f;
	}
	d->asleep = drone_asleep(d);
}

void
drone_grid(Drone* d, const DroneParams* p, float breath_next)
{
	if (d->asleep && p->level_db == d->level_db) {
		d->step++; /* the parameters are taken when it wakes */
		return;
	}
	grid_step(d, p, breath_next);
}

/* Note n's phase state at session frame `frame` (a grid point), for
 * constant parameters since the start: the fundamental's phase w * frame
 * plus the chorus offset gained up to there, the LFO at the note's next
 * refresh, and this refresh's chorus increment.  Until the next refresh its
 * partials hold the amplitudes they head for. */
static void
seek_note(Drone* d, uint32_t n, int64_t frame)
{
	const int64_t first = refresh_offset(n);
	const double g = chorus_gain(d, n);
	const double lfo0 = lfo_start(n);
	double offset = 0.0, delta = 0.0, lfo_next = lfo0;
	if (frame > first) { /* the note has been refreshed: at first, first + a refresh, ... */
		const int64_t last = first + (frame - 1 - first) / DRONE_REFRESH_FRAMES * DRONE_REFRESH_FRAMES;
		const double lfo_then = lfo0 + d->lfo_w[n] * (double)(last - first);
		lfo_next = lfo_then + d->lfo_w[n] * DRONE_REFRESH_FRAMES;
		delta = g * (cos(lfo_then) - cos(lfo_next));
		offset = g * (cos(lfo0) - cos(lfo_then)) +
		         delta * (double)(frame - last) / DRONE_REFRESH_FRAMES;
	}
	d->lfo[n] = phasor_of(phase_wrap(lfo_next));
	d->chorus_delta[n] = delta;
	d->phase[n] = phasor_of(phase_wrap(d->base_w[n] * (double)frame) + offset);
	d->phase_at[n] = frame;
	DroneNote* note = &d->note[n];
	for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
		note->amp[j] = note->amp_goal[j];
		note->grow[j] = 1.0f;
	}
	update_quads_on(d, n);
	const Phasor fundamental = fundamental_rotation(d, n);
	set_rotations(d, n, fundamental);
	anchor_partials(d, n, fundamental);
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
		d->note_gain[n] = d->ratio[n] > 0.0f ? v->weight[n] * note_norm(v) : 0.0f;
	}
	retune_notes(d, frame);
	update_shape(d);
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		seek_note(d, n, frame);
	}
	d->step = (uint64_t)(frame / GRID_FRAMES);
}
