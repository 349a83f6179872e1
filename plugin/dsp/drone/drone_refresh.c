/* SPDX-License-Identifier: ISC */
/* A note's refresh (drone.h): its phase and LFO move on, and its colour,
 * amplitudes, rotations and partials are set afresh; and the same state
 * set for any frame when the drone seeks. */
#include "drone_parts.h"
#include "simd.h"

#include <math.h>
#include <string.h>

/* Chorus: each note drifts by up to this fraction of its pitch (3 cents). */
static const double chorus_depth = 0.0017;

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
void
drone_advance_phase(Drone* d, uint32_t n, int64_t frame)
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
	d->phase[n] =
	    phasor_renormalise(chorus != 0.0 ? phasor_mul(moved, phasor_small_any(chorus)) : moved);
	d->phase_at[n] = frame;
}

/* The rotation per frame of note n's fundamental, with this refresh's share
 * of the chorus offset (a tiny rotation, approx.h). */
static Phasor
fundamental_rotation(const Drone* d, uint32_t n)
{
	const double dw = d->chorus_delta[n] / DRONE_REFRESH_FRAMES;
	return phasor_mul((Phasor){d->base_c[n], d->base_s[n]},
	                  (Phasor){approx_cos_tiny(dw), approx_sin_tiny(dw)});
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

/* The chorus: each note's pitch drifts by chorus_depth * sin(LFO), so its
 * phase gains gain * -cos(LFO), a function of the LFO phase alone.  This
 * is the gain in radians of the fundamental (0 without chorus). */
static double
chorus_gain(const Drone* d, uint32_t n)
{
	return drone_timbres[d->p.timbre].chorus ? d->base_w[n] * chorus_depth / d->lfo_w[n] : 0.0;
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
	const TimbreRecipe* t = &drone_timbres[d->p.timbre];
	DroneNote* note = &d->note[n];
	/* the overtones' gain against the fundamental: 2^(dB / 6.02),
	 * brought into approx_exp2_small's range */
	const float db =
	    t->overtones_dark + (t->overtones_bright - t->overtones_dark) * openness(d, breath);
	const float overtones = approx_exp2_small(db * (1.0f / 6.0206f) + 6.0f) * (1.0f / 64.0f);
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
	const Partials4 floor = {1.0f / DRONE_REFRESH_FRAMES, 1.0f / DRONE_REFRESH_FRAMES,
	                         1.0f / DRONE_REFRESH_FRAMES, 1.0f / DRONE_REFRESH_FRAMES};
	const Partials4 zero = {0.0f}, one = floor * DRONE_REFRESH_FRAMES,
	                rise_growth = one * DRONE_REFRESH_FRAMES;
	for (uint32_t j = 0; j < DRONE_HARMONICS; j += DRONE_LANES) {
		Partials4 from, to;
		memcpy(&from, note->amp_goal + j, sizeof(from));
		memcpy(&to, to_all + j, sizeof(to));
		const Partials4Mask rise = from < to * floor;
		const Partials4Mask fall = to < from * floor;
		const Partials4Mask held = from > zero;
		const Partials4 ratio = partials4_select(held, to / partials4_select(held, from, one), one);
		const Partials4 grow =
		    partials4_select(rise, rise_growth, partials4_select(fall, floor, ratio));
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

/* Whether note n has partials now or should have: the Ocean and silent
 * notes cost nothing once faded out. */
static bool
note_sounds(const Drone* d, uint32_t n)
{
	return (d->note_gain[n] > 0.0f && drone_timbres[d->p.timbre].harmonics > 0) ||
	       d->note[n].sounding;
}

/* Note n's refresh, at session frame `frame`: its phase and LFO move on, and
 * if it sounds, its colour, amplitudes, rotations and partials are set
 * afresh.  Out of line (and with AVX where there is), so the grid steps
 * without a refresh stay lean. */
SIMD_CLONES void
drone_refresh_note(Drone* d, uint32_t n, int64_t frame, float breath)
{
	drone_advance_phase(d, n, frame);
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

void
drone_retune_rotations(Drone* d, uint32_t n)
{
	set_rotations(d, n, fundamental_rotation(d, n));
}

/* Note n's phase state at session frame `frame` (a grid point), for
 * constant parameters since the start: the fundamental's phase w * frame
 * plus the chorus offset gained up to there, the LFO at the note's next
 * refresh, and this refresh's chorus increment.  Until the next refresh its
 * partials hold the amplitudes they head for. */
void
drone_seek_note(Drone* d, uint32_t n, int64_t frame)
{
	const int64_t first = refresh_offset(n);
	const double g = chorus_gain(d, n);
	const double lfo0 = lfo_start(n);
	double offset = 0.0, delta = 0.0, lfo_next = lfo0;
	if (frame > first) { /* the note has been refreshed: at first, first + a refresh, ... */
		const int64_t last =
		    first + (frame - 1 - first) / DRONE_REFRESH_FRAMES * DRONE_REFRESH_FRAMES;
		const double lfo_then = lfo0 + d->lfo_w[n] * (double)(last - first);
		lfo_next = lfo_then + d->lfo_w[n] * DRONE_REFRESH_FRAMES;
		delta = g * (cos(lfo_then) - cos(lfo_next));
		offset =
		    g * (cos(lfo0) - cos(lfo_then)) + delta * (double)(frame - last) / DRONE_REFRESH_FRAMES;
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
