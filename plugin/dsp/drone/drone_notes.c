/* SPDX-License-Identifier: ISC */
/* The drone's notes: the voicings and timbres, the notes' pitches as the
 * root glides or the voicing changes, and each partial's colour. */
#include "drone_parts.h"
#include "layers.h"

#include <math.h>

/* The timbres (TimbreRecipe, drone_parts.h). */
/* clang-format off */
const TimbreRecipe drone_timbres[DRONE_TIMBRE_COUNT] = {
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
/* clang-format on */

/* Small speakers play little below 150 Hz: a low note keeps its pitch on
 * them through its overtones.  Partials are weighted by a gentle
 * second-order high-pass at support_hz, and the overtones of a note below
 * lift_hz rise by lift_db_first per octave for the first octave down, then
 * by lift_db_after per octave (tests/unit/test_drone_tone.c: a 150 Hz high-pass
 * costs at most 6 LU at any root). */
static const float support_hz = 140.0f;
static const float lift_hz = 180.0f, lift_db_first = 16.0f, lift_db_after = 2.0f;

/* The root leads; upper notes sit a little below it. */
#define NOTE_WEIGHTS     \
	{                    \
		1.0f, 0.8f, 0.7f \
	}
/* The third of Major and Minor is softer (tests/unit/test_drone_tone.c). */
#define THIRD_WEIGHT 0.3f

/* Just intervals: a drone has time to beat, so tempered thirds would.
 * The thirds of Major and Minor are spread two octaves up (the 17th, where
 * the major third is the root's own fifth harmonic): a close third beats
 * against the root at a quarter or a fifth of its pitch (27.5 and 22 Hz at
 * 110 Hz), the roughest range. */
/* clang-format off */
const VoicingRecipe drone_voicings[DRONE_VOICING_COUNT] = {
	[DRONE_SINGLE] = {1, {1.0f}, NOTE_WEIGHTS},
	[DRONE_OCTAVE] = {2, {1.0f, 2.0f}, NOTE_WEIGHTS},
	[DRONE_FIFTH] = {2, {1.0f, 1.5f}, NOTE_WEIGHTS},
	[DRONE_TANPURA] = {3, {1.0f, 1.5f, 2.0f}, NOTE_WEIGHTS},
	[DRONE_MAJOR] = {3, {1.0f, 1.5f, 5.0f}, {1.0f, 0.8f, THIRD_WEIGHT}},
	[DRONE_MINOR] = {3, {1.0f, 1.5f, 4.8f}, {1.0f, 0.8f, THIRD_WEIGHT}},
	[DRONE_OPEN] = {3, {1.0f, 1.5f, 2.25f}, NOTE_WEIGHTS},
};
/* clang-format on */

/* Lane placement, -1 left .. +1 right.  Note n's harmonic h sits in lane
 * (h - 1 + note_lane[n]) % 4: the root's fundamental in the centre, the
 * upper notes' fundamentals a little to each side, and the harmonics of
 * every note spread around it. */
static const float lane_pan[DRONE_LANES] = {0.0f, 0.25f, -0.45f, 0.45f};
static const uint32_t note_lane[DRONE_NOTES] = {0, 2, 3};

/* Partials above this are tilted down: gentle, never harsh. */
static const float soft_corner_hz = 3500.0f;

/* The harmonic in slot j of note n: its lane is its place. */
static uint32_t
harmonic_of(uint32_t n, uint32_t j)
{
	const uint32_t lane = j % DRONE_LANES;
	return j - lane + (lane + DRONE_LANES - note_lane[n]) % DRONE_LANES + 1;
}

/* Each slot's harmonic and Schroeder phase, each lane's place. */
void
drone_notes_init(Drone* d)
{
	for (uint32_t l = 0; l < DRONE_LANES; ++l) {
		const float angle = (float)M_PI * 0.25f * (1.0f + lane_pan[l]); /* equal power */
		for (uint32_t k = 0; k < DRONE_QUAD_WIDTH; ++k) {
			d->place_gain[0][l][k] = cosf(angle);
			d->place_gain[1][l][k] = sinf(angle);
		}
	}
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		DroneNote* note = &d->note[n];
		for (uint32_t j = 0; j < DRONE_HARMONICS; ++j) {
			const uint32_t h = harmonic_of(n, j);
			note->harmonic[j] = (uint8_t)h;
			note->harmonic_f[j] = (float)h;
			/* Schroeder phases: harmonics never all peak at once, so the
			 * drone stays soft rather than pulsing */
			const Phasor schroeder =
			    phasor_of(M_PI * (double)(h * h) / DRONE_HARMONICS + (double)n);
			note->schroeder_re[j] = schroeder.re;
			note->schroeder_im[j] = schroeder.im;
		}
	}
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
void
drone_update_shape(Drone* d)
{
	const TimbreRecipe* t = &drone_timbres[d->p.timbre];
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

/* The notes' gains are normalised so every voicing has the same power. */
float
drone_note_norm(const VoicingRecipe* v)
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
void
drone_retune_notes(Drone* d, int64_t frame)
{
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		drone_advance_phase(d, n, frame);
		d->base_w[n] = 2.0 * M_PI * d->root_hz * d->ratio[n] / d->rate;
		d->base_c[n] = cos(d->base_w[n]);
		d->base_s[n] = sin(d->base_w[n]);
		d->turn_refresh[n] = phasor_of(phase_wrap(d->base_w[n] * DRONE_REFRESH_FRAMES));
	}
	d->shape_dirty = true;
}

/* Root glide and voicing changes.  A note whose interval changes fades out,
 * retunes while silent and fades in again, rather than sliding. */
bool
drone_update_notes(Drone* d, int64_t frame)
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
	const VoicingRecipe* v = &drone_voicings[d->p.voicing];
	const float norm = drone_note_norm(v);
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
		drone_retune_notes(d, frame);
	}
	return retune;
}

void
drone_seek_notes(Drone* d, const DroneParams* p, int64_t frame)
{
	const VoicingRecipe* v = &drone_voicings[p->voicing];
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		d->ratio[n] = n < v->notes ? v->ratio[n] : 0.0f;
	}
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		d->note_gain[n] = d->ratio[n] > 0.0f ? v->weight[n] * drone_note_norm(v) : 0.0f;
	}
	drone_retune_notes(d, frame);
	drone_update_shape(d);
}
