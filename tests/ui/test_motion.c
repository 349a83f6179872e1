/* SPDX-License-Identifier: ISC */
/* The window's copy of the session (plugin/ui/motion.c) against the plugin
 * itself, with no X and no clock: the plugin runs through lilv with a
 * window listening (uiOn), a motion snapshot is taken from its notify
 * port, and run on by 0 to 0.25 s; at every step the gaze position, side
 * and passes and the breath level and stage must be the plugin's own at
 * that frame, in every gaze mode, with sets and rests, speed variation
 * and a slowing breath. */
#include "check.h"
#include "host.h"
#include "motion.h"

#include <lv2/atom/atom.h>
#include <lv2/atom/util.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"
#define RATE 48000.0

typedef struct {
	const char* name;
	const char* controls[6];
	float values[6];
	double at_s; /* where the snapshot is taken */
} Case;

/* The last motion snapshot the plugin sent in its last run, if any. */
static bool
take_snapshot(Host* host, Motion* m, double now_s)
{
	const uint32_t motion = host_map(host, SOMASCAPE_MOTION_URI);
	const uint32_t key = host_map(host, SOMASCAPE_SNAPSHOT_URI);
	bool taken = false;
	const LV2_Atom_Sequence* notify = host_output_events(host, "notify");
	LV2_ATOM_SEQUENCE_FOREACH(notify, ev)
	{
		const LV2_Atom_Object* obj = (const LV2_Atom_Object*)&ev->body;
		if (obj->body.otype != motion) {
			continue;
		}
		const LV2_Atom* chunk = NULL;
		lv2_atom_object_get(obj, key, &chunk, 0);
		CHECK(chunk && motion_take(m, LV2_ATOM_BODY_CONST(chunk), chunk->size, now_s),
		      "a motion object without a snapshot of this build");
		taken = true;
	}
	return taken;
}

/* What moved in the span checked: turns of the side, and of the breath. */
typedef struct {
	int sides, stages;
} Moves;

static Moves
check_case(const Case* c)
{
	char err[256];
	Host* host = host_new(PLUGIN_URI, RATE, err, sizeof(err));
	CHECK(host, "cannot load the plugin: %s", err);
	for (int i = 0; i < 6 && c->controls[i]; ++i) {
		CHECK(host_set(host, c->controls[i], c->values[i]), "no control %s", c->controls[i]);
	}
	host_activate(host);
	const LV2_Atom_Object_Body on = {0, host_map(host, SOMASCAPE_UI_ON_URI)};
	CHECK(host_send_event(host, 0, host_map(host, LV2_ATOM__Object), sizeof(on), &on),
	      "cannot send uiOn");

	/* up to the snapshot, in blocks as a host runs it */
	float l[256], r[256];
	Motion m;
	motion_init(&m);
	const int64_t at = (int64_t)(c->at_s * RATE);
	int64_t frame = 0;
	bool taken = false;
	while (frame < at || !taken) {
		host_run(host, l, r, 256);
		frame += 256;
		if (frame >= at) {
			taken = take_snapshot(host, &m, 0.0);
		}
	}
	CHECK(m.snap.frame == frame, "the snapshot is of frame %lld, the block ended at %lld",
	      (long long)m.snap.frame, (long long)frame);

	/* then a frame a run: the plugin's own values against the window's */
	const float* pos = host_control(host, "gaze_pos");
	const float* side = host_control(host, "gaze_side");
	const float* passes = host_control(host, "pass_count");
	const float* level = host_control(host, "breath_level");
	const float* stage = host_control(host, "breath_stage");
	Moves moved = {0, 0};
	float last_side = *side, last_stage = *stage;
	const int64_t ahead = (int64_t)(MOTION_MAX_AHEAD_S * RATE);
	for (int64_t d = 1; d <= ahead; ++d) {
		host_run(host, l, r, 1);
		MotionNow now;
		CHECK(motion_at(&m, (double)d / RATE, &now), "no motion after a snapshot");
		CHECK(now.frame == frame + d, "ran on to frame %lld, not %lld", (long long)now.frame,
		      (long long)(frame + d));
		moved.sides += *side != last_side;
		moved.stages += *stage != last_stage;
		last_side = *side;
		last_stage = *stage;
		const double e = fabs(gaze_position(&now.gaze) - *pos);
		CHECK(e <= 1e-6, "%s: %.4f s on, the gaze at %f, the plugin's at %f", c->name,
		      (double)d / RATE, gaze_position(&now.gaze), *pos);
		CHECK(gaze_side(&now.gaze) == (int)*side && gaze_passes(&now.gaze) == (uint32_t)*passes,
		      "%s: %.4f s on, side %d and %u passes, the plugin's %g and %g", c->name,
		      (double)d / RATE, gaze_side(&now.gaze), gaze_passes(&now.gaze), *side, *passes);
		CHECK(fabsf(breath_level(&now.breath) - *level) <= 1e-6f &&
		          (int)breath_stage(&now.breath) == (int)*stage,
		      "%s: %.4f s on, the breath at %f in stage %d, the plugin's %f in %g", c->name,
		      (double)d / RATE, breath_level(&now.breath), (int)breath_stage(&now.breath), *level,
		      *stage);
	}
	host_free(host);
	return moved;
}

int
main(void)
{
	const Case cases[] = {
	    {"Sweep 1 Hz", {"gaze_mode", "gaze_rate"}, {1, 1.0f}, 3.3},
	    {"Sweep 3 Hz, 30 % variation",
	     {"gaze_mode", "gaze_rate", "gaze_vary", "gaze_shape"},
	     {1, 3.0f, 30.0f, 0.8f},
	     7.1},
	    {"Alternate 1.2 Hz, sets of 5 s, rests of 2 s",
	     {"gaze_mode", "gaze_rate", "set_length", "set_rest"},
	     {2, 1.2f, 5.0f, 2.0f},
	     4.9},
	    {"Hold 5 s, rest 0", {"gaze_mode", "gaze_hold", "gaze_rest"}, {3, 5.0f, 0.0f}, 4.9},
	    {"Follow to -0.6, glide 0.5 s",
	     {"gaze_mode", "gaze_target", "gaze_glide"},
	     {4, -0.6f, 0.5f},
	     0.1},
	    {"4-7-8 breath slowing from twice as fast",
	     {"breath_in", "breath_hold_in", "breath_out", "breath_start", "breath_ramp"},
	     {4.0f, 7.0f, 8.0f, 2.0f, 1.0f},
	     1.9},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
		const Moves moved = check_case(&cases[i]);
		printf("%s: the window's gaze and breath are the plugin's, frame by frame, for %.2f s "
		       "after a snapshot (%d changes of side, %d of breath stage in it)\n",
		       cases[i].name, MOTION_MAX_AHEAD_S, moved.sides, moved.stages);
		CHECK(moved.sides + moved.stages > 0 || i == 0 || i == 4,
		      "%s: nothing turned in the span checked", cases[i].name);
	}
	return 0;
}
