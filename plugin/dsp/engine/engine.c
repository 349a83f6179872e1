/* SPDX-License-Identifier: ISC */
/* The sound, chunk by chunk: the slow values on the grid, the timeline's
 * events as the walk (engine_walk) meets them, the voices, the tone and
 * the placement, out through the limiter. */
#include "engine.h"
#include "cue_match.h"
#include "engine_parts.h"
#include "session.h"
#include "simd.h"

#include <math.h>
#include <string.h>

/* A steady tone is far louder than struck cues at the same level: this
 * brings the Sweep tone at 330 Hz to the loudness of the soft sine's taps
 * at the defaults (Alternate, 1 Hz, 0.4 s; tests/unit/test_cue_loudness.c). */
#define SWEEP_TONE_GAIN 0.0624f

/* The Sweep tone's phasor is set from session time this often. */
#define TONE_ANCHOR_FRAMES (64 * GRID_FRAMES)

static void
update_tone(Engine* e)
{
	SweepTone* t = &e->tone;
	t->hz = smooth_step(t->hz, e->ctl.cue_pitch, e->smooth_slow);
	if (t->hz != t->turned_hz) { /* libm only when the pitch moves */
		t->turned_hz = t->hz;
		const double w = 2.0 * M_PI * t->hz / e->rate;
		t->c = cos(w);
		t->s = sin(w);
		t->step_cycles = t->hz / e->rate * GRID_FRAMES;
		/* the ear weighs pitches as for the struck sine */
		t->level = SWEEP_TONE_GAIN * cue_match_gain(CUE_SOFT_SINE, t->hz, 0.4f, 0.5f);
	}
	const bool on = engine_tone_mode(e) && gaze_sounding(&e->gaze);
	t->gain[0] = t->gain[1];
	t->gain[1] = smooth_step(t->gain[1], on ? 1.0f : 0.0f, e->smooth_slow);
	/* The phase at each grid point is a function of session time (it moves
	 * on while silent too), so a relocation finds it.  While the tone
	 * sounds the phasor turns per frame, set from that phase when it
	 * starts and every TONE_ANCHOR_FRAMES: nothing drifts over a day. */
	const bool sounding = t->gain[0] != 0.0f || t->gain[1] != 0.0f;
	if (sounding && (!t->sounding || e->frame % TONE_ANCHOR_FRAMES == 0)) {
		t->re = cos(2.0 * M_PI * t->cycles);
		t->im = sin(2.0 * M_PI * t->cycles);
	}
	t->sounding = sounding;
	t->cycles += t->step_cycles;
	t->cycles -= (double)(int64_t)t->cycles; /* its floor: it is never negative */
}

/* Grid point f of what moves with the gaze is at pos; its placement is
 * made again (when it is needed) only if something moved. */
static void
aim_follow(FollowPoint* f, float pos, float speakers)
{
	if (pos != f->pos || speakers != f->speakers) {
		*f = (FollowPoint){.pos = pos, .speakers = speakers};
	}
}

/* At the start of a session the smoothed values begin at their targets:
 * there is nothing yet to glide from. */
void
engine_snap_smoothed(Engine* e)
{
	const Controls* c = &e->ctl;
	e->width = c->gaze_width / 100.0f;
	e->speakers = c->gaze_space;
	e->cue_gain[1] = e->cue_gain_goal;
	e->master_gain[1] = e->master_gain_goal;
	e->tone.hz = c->cue_pitch;
	e->sound_pos = gaze_position(&e->gaze);
	aim_follow(&e->follow[1], e->sound_pos * e->width, e->speakers);
}

/* Everything slow, once per grid step. */
static void
grid_update(Engine* e)
{
	const Controls* c = &e->ctl;
	const bool moved = e->params_moved;
	e->params_moved = false;
	breath_grid(&e->breath, moved ? &e->breath_params : NULL, e->frame);
	if (moved || engine_gaze_to_breath(e)) { /* its pace moves with the breath's */
		const GazeParams gp = engine_gaze_params(e);
		gaze_grid(&e->gaze, &gp);
	} else {
		gaze_grid(&e->gaze, NULL);
	}
	drone_grid(&e->drone, &e->drone_params, breath_level_ahead(&e->breath, GRID_FRAMES));
	if (e->frame == 0) {
		engine_snap_smoothed(e);
	}

	e->width = smooth_step(e->width, c->gaze_width / 100.0f, e->smooth_slow);
	e->speakers = smooth_step(e->speakers, c->gaze_space, e->smooth_slow);
	e->sound_pos = smooth_step(e->sound_pos, gaze_position(&e->gaze), e->smooth_fast);
	e->follow[0] = e->follow[1];
	aim_follow(&e->follow[1], e->sound_pos * e->width, e->speakers);

	const double t = (double)e->frame / e->rate;
	e->cue_gain[0] = e->cue_gain[1];
	e->cue_gain[1] = smooth_step(e->cue_gain[1], e->cue_gain_goal, e->smooth_fast);
	e->layer_gain[0] = e->layer_gain[1];
	const float session = session_gain(&e->session_params, t);
	e->layer_gain[1] = smooth_step(e->layer_gain[1], session, e->smooth_fast);
	e->master_gain[0] = e->master_gain[1];
	e->master_gain[1] = smooth_step(e->master_gain[1], e->master_gain_goal, e->smooth_fast);
	update_tone(e);
}

/* A strike's seed (its noise and its phase): the session's seed and the
 * frame it falls on, so that every strike has its own (Hold strikes many
 * times in one pass) and a relocation finds the same. */
static uint32_t
strike_seed(const Engine* e, int64_t frame)
{
	return (uint32_t)e->ctl.seed * 7919u + (uint32_t)frame * 2654435761u;
}

/* A cue strike at session frame `frame`, inside the chunk that starts at
 * e->frame. */
static void
strike_cue(Engine* e, int side, int64_t frame)
{
	const Controls* c = &e->ctl;
	if (engine_tone_mode(e)) {
		return;
	}
	/* a free voice, or else the oldest */
	uint32_t pick = e->next_voice;
	for (uint32_t i = 0; i < CUE_VOICES; ++i) {
		const uint32_t k = (e->next_voice + i) % CUE_VOICES;
		if (!cue_voice_active(&e->voices[k].voice)) {
			pick = k;
			break;
		}
	}
	e->next_voice = (pick + 1) % CUE_VOICES;
	PlacedVoice* pv = &e->voices[pick];
	const int mode = (int)c->gaze_mode;
	pv->follows_gaze = mode == GAZE_SWEEP || mode == GAZE_FOLLOW;
	pv->place = spatial_placement(e->rate, (float)side * e->width, e->speakers);
	cue_voice_trigger(&pv->voice, pv->follows_gaze ? &e->gaze_bank : NULL,
	                  (CueSound)(int)c->cue_sound, c->cue_pitch, c->cue_decay, e->cue_match,
	                  strike_seed(e, frame));
	if (pv->follows_gaze) { /* its strikes now ring on the gaze bus */
		highpass_reset(&pv->highpass);
		pv->high_passed = false;
	}
	if (!(cue_voice_lowest_hz(&pv->voice) < CUE_LOW_HZ)) {
		return;
	}
	if (!pv->follows_gaze) {
		pv->high_passed = true;
	} else if (!e->gaze_high_passed) {
		e->gaze_high_passed = true; /* from the strike on: the bus was not filtered */
		e->gaze_highpass_from = (uint32_t)(frame - e->frame);
	}
}

static void
strike_end_chime(Engine* e)
{
	const float hz = end_chime_hz(&e->ctl);
	cue_voice_trigger(&e->end_chime, NULL, END_CHIME_SOUND, hz, END_CHIME_DECAY_S,
	                  end_chime_gain(&e->ctl, hz), 1u);
}

/* A stage of the breath begins now: its chime, and the locked gaze is
 * kept in line with the inhale (gaze_align_cycle). */
void
engine_breath_turn(Engine* e, bool audible)
{
	const Controls* c = &e->ctl;
	BreathStage stage;
	breath_take_turn(&e->breath, &stage);
	if (audible) {
		chimes_turn(&e->chimes, (ChimeMode)(int)c->chime_mode, stage, c->drone_root, c->chime_level,
		            (uint32_t)c->seed);
	}
	if (stage == BREATH_IN && engine_gaze_to_breath(e)) {
		gaze_align_cycle(&e->gaze, (unsigned)c->gaze_per_breath);
	}
}

void
engine_tap(Engine* e, uint32_t at, int side)
{
	const int64_t frame = e->frame + at;
	if (e->tap_count < ENGINE_TAP_LOG) {
		e->taps[e->tap_count++] = (Tap){frame, side};
	}
	strike_cue(e, side, frame);
}

/* Applies a gain ramp across the grid step to n frames of x, whose first
 * frame is frame `from` of the step.  Each frame's gain is computed from
 * its place in the step, not accumulated: the loop vectorises, and any
 * split of the step into chunks gives the same gains. */
static void
apply_ramp(float* x, uint32_t n, const float g[2], uint32_t from)
{
	if (g[0] == g[1]) { /* settled: a plain gain (or none) */
		if (g[0] != 1.0f) {
			for (uint32_t i = 0; i < n; ++i) {
				x[i] *= g[0];
			}
		}
		return;
	}
	const float dg = (g[1] - g[0]) * (1.0f / GRID_FRAMES);
	for (uint32_t i = 0; i < n; ++i) {
		x[i] *= g[0] + dg * (float)(int32_t)(from + i);
	}
}

/* The cue level on frames [at, at + n) of the chunk of a still cue sound
 * x: settled, folded into its placement (no extra pass); else ramped on x. */
static void
cue_level(const Engine* e, float* x, uint32_t at, uint32_t n, uint32_t grid_at, Placement* place)
{
	if (e->cue_gain[0] != e->cue_gain[1]) {
		apply_ramp(x, n, e->cue_gain, grid_at + at);
		return;
	}
	place->gain[0] *= e->cue_gain[0];
	place->gain[1] *= e->cue_gain[0];
}

/* Cue voices for frames [at, at+n) of the current chunk.  Those that
 * move with the gaze all sit at the same place: they go to the gaze bus,
 * placed once for the chunk (place_gaze_bus), and ring together in the
 * gaze bank, rendered after them. */
static void
render_voices(Engine* e, uint32_t at, uint32_t n, uint32_t grid_at)
{
	for (int i = 0; i < CUE_VOICES; ++i) {
		PlacedVoice* pv = &e->voices[i];
		const bool sounding = cue_voice_active(&pv->voice);
		if (pv->high_passed && !sounding && highpass_quiet(&pv->highpass, HIGHPASS_QUIET)) {
			highpass_reset(&pv->highpass);
			pv->high_passed = false;
		}
		if (!sounding && !pv->high_passed) {
			continue;
		}
		if (pv->follows_gaze) {
			cue_voice_render(&pv->voice, e->gaze_bus + at, n, grid_at + at);
			e->gaze_bus_used = true;
			continue;
		}
		memset(e->scratch, 0, n * sizeof(float));
		if (sounding) {
			cue_voice_render(&pv->voice, e->scratch, n, grid_at + at);
		}
		if (pv->high_passed) { /* after the strike, the filter rings out */
			highpass_run(&pv->highpass, e->scratch, n);
		}
		Placement place = pv->place;
		cue_level(e, e->scratch, at, n, grid_at, &place);
		spatial_add(&e->spatial, e->scratch, at, n, &place);
	}
	if (cue_bank_active(&e->gaze_bank)) {
		cue_bank_render(&e->gaze_bank, e->gaze_bus + at, n);
		e->gaze_bus_used = true;
	}
}

static void
render_tone(Engine* e, uint32_t n, uint32_t grid_at)
{
	SweepTone* t = &e->tone;
	if (t->gain[0] == 0.0f && t->gain[1] == 0.0f) {
		return;
	}
	double re = t->re, im = t->im;
	const float level = t->level;
	for (uint32_t i = 0; i < n; ++i) {
		const double next = re * t->c - im * t->s;
		im = re * t->s + im * t->c;
		re = next;
		e->scratch[i] = (float)im * level;
	}
	t->re = re;
	t->im = im;
	apply_ramp(e->scratch, n, t->gain, grid_at);
	for (uint32_t i = 0; i < n; ++i) {
		e->gaze_bus[i] += e->scratch[i];
	}
	e->gaze_bus_used = true;
}

/* The placement of what moves with the gaze at grid point k of the
 * step, made now if it is not yet. */
static Placement
follow_placement(Engine* e, int k)
{
	FollowPoint* f = &e->follow[k];
	if (!f->placed) {
		f->place = spatial_placement(e->rate, f->pos, f->speakers);
		f->placed = true;
	}
	return f->place;
}

/* Everything that moves with the gaze, placed in one pass: a moving
 * placement (a delay that changes every frame) costs far more than a
 * sum.  Once the bus falls silent its past still comes out, at the delay
 * it had. */
static void
place_gaze_bus(Engine* e, float* left, float* right, uint32_t n, uint32_t grid_at)
{
	bool used = e->gaze_bus_used;
	if (e->gaze_high_passed && !used && highpass_quiet(&e->gaze_highpass, HIGHPASS_QUIET)) {
		highpass_reset(&e->gaze_highpass);
		e->gaze_high_passed = false;
	}
	if (e->gaze_high_passed) { /* after the strikes, the filter rings out */
		const uint32_t from = e->gaze_highpass_from;
		highpass_run(&e->gaze_highpass, e->gaze_bus + from, n - from);
		e->gaze_highpass_from = 0;
		used = true;
	}
	if (!used && e->gaze_track.silent >= SPATIAL_RING) {
		return;
	}
	if (used) { /* the level goes into the past with the sound, never later */
		apply_ramp(e->gaze_bus, n, e->cue_gain, grid_at);
	}
	const Placement p0 = follow_placement(e, 0), p1 = follow_placement(e, 1);
	spatial_track_add(&e->gaze_track, used ? e->gaze_bus : NULL, n, &p0, &p1,
	                  (float)grid_at / GRID_FRAMES, 1.0f / GRID_FRAMES, left, right);
	if (used) {
		memset(e->gaze_bus, 0, n * sizeof(float));
		e->gaze_bus_used = false;
	}
}

/* The largest of `largest` and the limiter_size of l and r. */
static inline int32_t
larger_size(int32_t largest, float l, float r)
{
	const int32_t a = limiter_size(l), b = limiter_size(r);
	largest = a > largest ? a : largest;
	return b > largest ? b : largest;
}

/* The chunk's mix (where it lies in the spatial ring) out to left and
 * right with the last gains, in one pass over both channels that leaves
 * the mix zero: the breath chimes (mono, at the centre, or NULL; added to
 * the mix first, and left zero too), the session fade (layer_gain), then
 * the end chime (mono, already at its level, or NULL), which rings past
 * the fade, then the level (master_gain).  Returns the largest
 * limiter_size of what it wrote, the limiter's test.  Whether there are
 * breath chimes, and whether the gains are settled (no end chime, no
 * ramp), are known when compiled, so that neither costs a settled or
 * silent chunk anything.  (GCC would split the clearing off into memset
 * calls, which cost more for a chunk than the whole pass.) */
static inline __attribute__((always_inline)) int32_t
output_pass(float* restrict mix_l, float* restrict mix_r, float* restrict breath_chimes,
            float* restrict left, float* restrict right, const float* restrict chime, uint32_t n,
            const float layer[2], const float master[2], uint32_t grid_at, bool chiming,
            bool settled)
{
	int32_t largest = 0;
	const float dl = (layer[1] - layer[0]) * (1.0f / GRID_FRAMES);
	const float dm = (master[1] - master[0]) * (1.0f / GRID_FRAMES);
	const float g = layer[0] * master[0];
	for (uint32_t i = 0; i < n; ++i) {
		const float at = (float)(int32_t)(grid_at + i); /* signed: one instruction */
		const float l = layer[0] + dl * at, m = master[0] + dm * at;
		const float c = chiming ? breath_chimes[i] : 0.0f;
		const float x_l = chiming ? mix_l[i] + c : mix_l[i];
		const float x_r = chiming ? mix_r[i] + c : mix_r[i];
		if (settled) { /* l * m is g: the same product, made once */
			left[i] = x_l * g;
			right[i] = x_r * g;
		} else if (chime) {
			left[i] = (x_l * l + chime[i]) * m;
			right[i] = (x_r * l + chime[i]) * m;
		} else {
			left[i] = x_l * (l * m);
			right[i] = x_r * (l * m);
		}
		mix_l[i] = 0.0f;
		mix_r[i] = 0.0f;
		if (chiming) {
			breath_chimes[i] = 0.0f;
		}
		largest = larger_size(largest, left[i], right[i]);
	}
	return largest;
}

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
SIMD_CLONES static int32_t
take_output(float* restrict mix_l, float* restrict mix_r, float* restrict breath_chimes,
            float* restrict left, float* restrict right, const float* restrict chime, uint32_t n,
            const float layer[2], const float master[2], uint32_t grid_at)
{
	const bool settled = layer[0] == layer[1] && master[0] == master[1] && !chime;
#define OUTPUT_PASS(chimes, chiming, settled)                                                 \
	output_pass(mix_l, mix_r, chimes, left, right, chime, n, layer, master, grid_at, chiming, \
	            settled)
	if (breath_chimes) {
		return settled ? OUTPUT_PASS(breath_chimes, true, true)
		               : OUTPUT_PASS(breath_chimes, true, false);
	}
	return settled ? OUTPUT_PASS(NULL, false, true) : OUTPUT_PASS(NULL, false, false);
#undef OUTPUT_PASS
}

/* n frames, all inside one grid step; returns the largest limiter_size
 * of them, the limiter's test. */
static int32_t
render_chunk(Engine* e, float* left, float* right, uint32_t n)
{
	const uint32_t grid_at = (uint32_t)(e->frame % GRID_FRAMES);

	uint32_t at = 0;
	while (at < n) {
		const uint64_t to_end = session_frames_to_end(e->session_end, e->frame + at);
		if (to_end == 0 && e->end_chimed_at != e->frame + at) {
			e->end_chimed_at = e->frame + at;
			strike_end_chime(e);
		}
		const uint32_t room = n - at;
		const uint32_t max = to_end > 0 && to_end < room ? (uint32_t)to_end : room;
		const uint32_t k = engine_walk(e, at, max, true);
		if (k == 0) {
			continue; /* an event: there may be more at this frame */
		}
		render_voices(e, at, k, grid_at);
		chimes_render(&e->chimes, at, k, grid_at);
		at += k;
	}
	render_tone(e, n, grid_at);

	/* the still sounds are in the ring: the rest is mixed in with them */
	float* mix[2];
	spatial_mix(&e->spatial, n, mix);
	place_gaze_bus(e, mix[0], mix[1], n, grid_at);
	drone_render(&e->drone, mix[0], mix[1], n, grid_at);

	const float* chime = NULL;
	if (cue_voice_active(&e->end_chime)) {
		/* from the frame it was struck on, which may lie inside the chunk */
		const int64_t since = e->frame - e->end_chimed_at;
		const uint32_t from = since < 0 ? (uint32_t)-since : 0;
		memset(e->scratch, 0, n * sizeof(float));
		cue_voice_render(&e->end_chime, e->scratch + from, n - from, grid_at + from);
		end_chime_swell(e->scratch + from, n - from, since + from, e->rate);
		chime = e->scratch;
	}
	const int32_t largest = take_output(mix[0], mix[1], chimes_take(&e->chimes), left, right, chime,
	                                    n, e->layer_gain, e->master_gain, grid_at);
	spatial_advance(&e->spatial, n);
	e->frame += n;
	return largest;
}

static void
update_outputs(Engine* e)
{
	Outputs* o = &e->out;
	o->gaze_pos = gaze_position(&e->gaze);
	o->gaze_side = (float)gaze_side(&e->gaze);
	o->pass_count = (float)gaze_passes(&e->gaze);
	o->set_active = gaze_sounding(&e->gaze) ? 1.0f : 0.0f;
	o->breath_phase = breath_phase(&e->breath);
	o->breath_stage = (float)breath_stage(&e->breath);
	o->breath_level = breath_level(&e->breath);
	o->breath_bpm = (float)(60.0 / breath_period_s(&e->breath));
	o->session_time = (float)((double)e->frame / e->rate);
}

void
engine_process(Engine* e, float* left, float* right, uint32_t n)
{
	e->tap_count = 0;
	int32_t largest = 0;
	uint32_t done = 0;
	while (done < n) {
		const uint32_t grid_at = (uint32_t)(e->frame % GRID_FRAMES);
		if (grid_at == 0) {
			grid_update(e);
		}
		uint32_t chunk = GRID_FRAMES - grid_at;
		if (chunk > n - done) {
			chunk = n - done;
		}
		const int32_t size = render_chunk(e, left + done, right + done, chunk);
		largest = size > largest ? size : largest;
		done += chunk;
	}
	/* the limiter has no grid: one pass over the whole call (when the
	 * chunks' test says there is anything to do) */
	limiter_process_tested(&e->limiter, left, right, n, largest);
	update_outputs(e);
}
