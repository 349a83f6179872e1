/* SPDX-License-Identifier: ISC */
/* The whole sound of somascape, free of LV2: controls in, stereo out.
 * Time is the spine: everything is a function of the session frame
 * counter, with slow values on a grid anchored to it (grid.h). */
#ifndef SOMASCAPE_ENGINE_H
#define SOMASCAPE_ENGINE_H

#include "breath.h"
#include "chimes.h"
#include "controls.h"
#include "cue_voice.h"
#include "drone.h"
#include "gaze.h"
#include "grid.h"
#include "highpass.h"
#include "limiter.h"
#include "session.h"
#include "spatial.h"
#include "tap.h"

#include <stdint.h>

#define CUE_VOICES 6

/* Cues that reach under CUE_LOW_HZ spread under 20 Hz, where they are felt
 * more than heard: they run through a high-pass at CUE_HIGHPASS_HZ, which
 * leaves their lowest partials (40 Hz and up) all but whole. */
#define CUE_LOW_HZ 150.0f
#define CUE_HIGHPASS_HZ 35.0

/* Most taps one engine_process call logs (a block of 8192 frames at
 * 8 kHz holds about six). */
#define ENGINE_TAP_LOG 64

/* A cue voice and where it sounds. */
typedef struct {
	CueVoice voice;
	Placement place;
	bool follows_gaze; /* moves with the gaze, or stays where struck */
	HighPass highpass;
	bool high_passed; /* since a low strike, while the voice sounds */
} PlacedVoice;

/* The continuous tone of Sweep and Follow with the soft sine. */
typedef struct {
	double cycles;      /* phase at the grid point, anchored to session time */
	double re, im;      /* unit phasor */
	double c, s;        /* rotation per frame */
	double step_cycles; /* cycles per grid step */
	float hz;           /* smoothed pitch */
	float turned_hz;    /* the pitch c and s were made for */
	bool sounding;      /* at the last grid point */
	float gain[2];      /* at the start and end of the grid step */
	float level;        /* as loud as the struck soft sine at the defaults */
} SweepTone;

/* Where what moves with the gaze sounds at a grid point: the position
 * (scaled by the width) and the speakers blend, and the placement made of
 * them once it is needed (it costs libm calls, and in most modes nothing
 * moves with the gaze). */
typedef struct {
	float pos, speakers;
	bool placed; /* place is made for pos and speakers */
	Placement place;
} FollowPoint;

typedef struct {
	double rate;
	Controls ctl;  /* latest values from the host, read on the grid */
	int64_t frame; /* session frame */
	double tempo_bpm;
	bool steered;                      /* the Follow target comes from steer_target */
	float steer_target, steer_control; /* and the control it overrides */

	/* What the controls mean for the parts, made when they move, not on
	 * every grid step; params_moved says that the breath and the gaze (whose
	 * parameters also hang on the tempo and the steering) take theirs again
	 * at the next grid point. */
	BreathParams breath_params;
	DroneParams drone_params;
	SessionParams session_params;
	int64_t session_end; /* session_end_frame() */
	bool params_moved;

	Gaze gaze;
	PlacedVoice voices[CUE_VOICES];
	uint32_t next_voice;
	CueBank gaze_bank; /* where the strikes that move with the gaze ring together */
	SweepTone tone;
	CueVoice end_chime;
	int64_t end_chimed_at;
	Spatial spatial;
	Limiter limiter;

	/* the breath layer */
	Breath breath;
	Drone drone;
	Chimes chimes;

	/* smoothed on the grid; [0] at the start of the step, [1] at its end */
	float cue_gain[2];
	float cue_gain_goal, master_gain_goal; /* the level controls as gains */
	float cue_match;                       /* cue_match_gain of the cue controls and the tempo */
	float layer_gain[2];                   /* session fades */
	float master_gain[2];
	float width;
	float speakers;
	float sound_pos; /* the gaze position, smoothed against jumps */
	FollowPoint follow[2];
	float smooth_fast, smooth_slow;

	const CueSample* user_sample; /* what the User sample cue plays, or NULL */

	float scratch[GRID_FRAMES];
	float gaze_bus[GRID_FRAMES]; /* what moves with the gaze, this chunk; zero between */
	bool gaze_bus_used;
	HighPass gaze_highpass;
	bool gaze_high_passed;       /* since a low strike, while the bus sounds */
	uint32_t gaze_highpass_from; /* from this frame of the chunk on */
	SpatialTrack gaze_track;     /* the gaze bus's past, read at its moving delay */
	Outputs out;
	Tap taps[ENGINE_TAP_LOG]; /* of the last engine_process call, by session frame */
	uint32_t tap_count;
} Engine;

void engine_init(Engine* e, double rate);

/* Back to the start of the session: silent, all state at time zero. */
void engine_reset(Engine* e);

void engine_set_controls(Engine* e, const Controls* c);

/* Renders n frames (any n) into left and right. */
void engine_process(Engine* e, float* left, float* right, uint32_t n);

/* Jumps to session frame `frame`: the engine is left exactly as rendering
 * from the session start with the current controls would have it there.
 * Costs a walk through the timeline's events and a short pre-roll
 * (engine_preroll_frames) of rendering, so it is for relocations, not for
 * every block. */
void engine_locate(Engine* e, int64_t frame);

/* Frames of sound a jump to `target` renders before it, so that
 * everything that rings or glides (cue tails, chimes, smoothing) is there
 * exactly. */
int64_t engine_preroll_frames(const Engine* e, int64_t target);

/* The host's tempo, from now on; a gaze synced to it changes pace at once,
 * carrying on from its phase. */
void engine_set_tempo(Engine* e, double bpm);

/* Beats since the host's song start: a synced gaze locks its phase to
 * them (a cycle begins on every bar when gaze_beats divides it). */
void engine_lock_beat(Engine* e, double beats);

/* Live cues: the Follow target from now on (until the control moves), and
 * starting or stopping a set. */
void engine_steer(Engine* e, float target);
void engine_steer_other_side(Engine* e); /* right when at the centre */
void engine_toggle_set(Engine* e);

/* The taps of the last engine_process call, in order. */
static inline const Tap*
engine_taps(const Engine* e, uint32_t* count)
{
	*count = e->tap_count;
	return e->taps;
}

/* The sample the User sample cue plays from now on (NULL: the soft sine).
 * The engine only reads it; strikes of the previous one fade out, and it
 * may be freed once engine_uses_sample() says so. */
void engine_set_user_sample(Engine* e, const CueSample* sample);
bool engine_uses_sample(const Engine* e, const CueSample* sample);
/* Silences at once every strike of `sample` (it is about to be freed). */
void engine_stop_sample(Engine* e, const CueSample* sample);

static inline const Outputs*
engine_outputs(const Engine* e)
{
	return &e->out;
}

#endif
