/* SPDX-License-Identifier: ISC */
/* The drone's life from grid step to grid step: starting, sleeping and
 * waking, seeking; what each step updates and when (drone_parts.h). */
#include "drone_parts.h"
#include "layers.h"

#include <math.h>
#include <string.h>

/* Chorus and jivari LFO rates of the notes, slow and unrelated. */
static const double lfo_hz[DRONE_NOTES] = {0.131, 0.173, 0.211};

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
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		d->lfo_w[n] = 2.0 * M_PI * lfo_hz[n] / rate;
		d->lfo_turn[n] = phasor_of(d->lfo_w[n] * DRONE_REFRESH_FRAMES);
	}
	drone_notes_init(d);
	drone_ocean_init(d);
	drone_reset(d, 1u);
}

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
	drone_ocean_reset(d);
	d->noise_gain[0] = d->noise_gain[1] = 0.0f;
	d->gain[0] = d->gain[1] = 0.0f;
	d->level = 0.0f;
	d->ocean = 0.0f;
	d->step = 0;
	d->started = false;
	d->asleep = false;
	d->shape_dirty = true;
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
	drone_update_notes(d, frame);
	drone_update_shape(d); /* the timbre may have changed meanwhile */
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		drone_seek_note(d, n, frame);
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
	const bool retune = !notes_settled(d) && drone_update_notes(d, frame);
	if (timbre_changed || d->shape_dirty) {
		drone_update_shape(d);
	}
	/* the notes are refreshed in the first grid steps of each period */
	const uint32_t in_refresh = (uint32_t)step * GRID_FRAMES % DRONE_REFRESH_FRAMES;
	if (retune || in_refresh < DRONE_NOTES * GRID_FRAMES) {
		for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
			if (in_refresh == refresh_offset(n)) {
				drone_refresh_note(d, n, frame, breath_next);
			} else if (retune && d->note[n].sounding) {
				/* the new pitch from this step, the amplitudes' ramps as they were */
				drone_retune_rotations(d, n);
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
		drone_update_ocean(d, breath_next, step);
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

void
drone_seek(Drone* d, const DroneParams* p, int64_t frame)
{
	start(d, p);
	drone_seek_notes(d, p, frame);
	for (uint32_t n = 0; n < DRONE_NOTES; ++n) {
		drone_seek_note(d, n, frame);
	}
	d->step = (uint64_t)(frame / GRID_FRAMES);
}
