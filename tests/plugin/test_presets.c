/* SPDX-License-Identifier: ISC */
/* Through lilv: every preset of the bundle sets every control input, loads,
 * renders finite, non-silent sound, and does what its name promises:
 * alternation rate for BLS (±1 %), hold timing for the basic exercise
 * (±50 ms), breath period for breathing presets (±1 %), measured from the
 * plugin's outputs and audio. */
#include "plugin_test.h"

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/presets/presets.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0
#define BLOCK 48 /* 1 ms: output ports are read after every block */

typedef struct {
	Host* host;
	int set;
} Restore;

static void
set_port_value(const char* symbol, void* data, const void* value, uint32_t size, uint32_t type)
{
	Restore* r = (Restore*)data;
	CHECK(size == sizeof(float) && type == host_map(r->host, LV2_ATOM__Float),
	      "port %s: the preset value is not a float", symbol);
	CHECK(host_set(r->host, symbol, *(const float*)value), "the preset sets '%s', not a control",
	      symbol);
	CHECK(strncmp(symbol, "display_", 8) != 0, "the preset sets the projector's '%s'", symbol);
	++r->set;
}

/* Renders `seconds`, recording when an output control changes value. */
typedef struct {
	double at[4096];
	float value[4096];
	size_t n;
} Changes;

static float
render_watching(Host* host, double seconds, const char* output, Changes* changes)
{
	static float left[BLOCK], right[BLOCK];
	const uint64_t frames = (uint64_t)(seconds * RATE);
	float peak = 0.0f, last = NAN;
	changes->n = 0;
	for (uint64_t done = 0; done < frames; done += BLOCK) {
		host_run(host, left, right, BLOCK);
		for (int i = 0; i < BLOCK; ++i) {
			CHECK(isfinite(left[i]) && isfinite(right[i]), "non-finite output");
			peak = fmaxf(peak, fmaxf(fabsf(left[i]), fabsf(right[i])));
		}
		float v = 0.0f;
		host_get(host, output, &v);
		if (v != last && changes->n < 4096) {
			changes->at[changes->n] = (double)done / RATE; /* the block it changed in */
			changes->value[changes->n++] = v;
			last = v;
		}
	}
	return peak;
}

static void
check_alternation(const char* label, Host* host, float rate_hz)
{
	Changes sides;
	const float peak = render_watching(host, 30.0, "gaze_side", &sides);
	CHECK(peak > 0.01f && peak <= 1.0f, "%s: peak %f", label, peak);
	/* times the side turned right */
	double first = -1.0, last = 0.0;
	int rights = 0;
	for (size_t i = 0; i < sides.n; ++i) {
		if (sides.value[i] == 1.0f) {
			first = first < 0.0 ? sides.at[i] : first;
			last = sides.at[i];
			++rights;
		}
	}
	const double measured = (rights - 1) / (last - first);
	printf("%s: %.4f cycles/s over %d cycles\n", label, measured, rights - 1);
	CHECK(fabs(measured / rate_hz - 1.0) < 0.01, "%s: alternation at %.4f Hz", label, measured);
}

static void
check_hold(const char* label, Host* host, double hold_s, double rest_s)
{
	Changes sides;
	const float peak = render_watching(host, 2 * hold_s + rest_s + 1.0, "gaze_side", &sides);
	CHECK(peak > 0.01f && peak <= 1.0f, "%s: peak %f", label, peak);
	const double expected_at[3] = {0.0, hold_s, hold_s + rest_s};
	const float expected_side[3] = {1.0f, 0.0f, -1.0f};
	CHECK(sides.n >= 3, "%s: %zu changes of side", label, sides.n);
	for (int i = 0; i < 3; ++i) {
		CHECK(sides.value[i] == expected_side[i] && fabs(sides.at[i] - expected_at[i]) < 0.05,
		      "%s: change %d to %.0f at %.3f s", label, i, sides.value[i], sides.at[i]);
	}
	printf("%s: right at 0, centre at %.3f s, left at %.3f s\n", label, sides.at[1], sides.at[2]);
}

/* Mean period between inhale starts, in seconds, after `skip` seconds. */
static double
breath_period(Host* host, double seconds, double skip, double* first_period)
{
	Changes stages;
	const float peak = render_watching(host, seconds, "breath_stage", &stages);
	CHECK(peak > 0.001f, "silent");
	double first = -1.0, last = 0.0, early = -1.0;
	int breaths = 0;
	for (size_t i = 1; i < stages.n; ++i) {
		if (stages.value[i] == 0.0f) { /* a new inhale */
			if (early < 0.0) {
				early = stages.at[i];
			} else if (*first_period == 0.0) {
				*first_period = stages.at[i] - early;
			}
			if (stages.at[i] >= skip) {
				first = first < 0.0 ? stages.at[i] : first;
				last = stages.at[i];
				++breaths;
			}
		}
	}
	CHECK(breaths >= 2, "%d breaths", breaths);
	return (last - first) / (breaths - 1);
}

static void
check_breath(const char* label, Host* host, double period_s)
{
	double first = 0.0;
	const double measured = breath_period(host, 60.0, 0.0, &first);
	printf("%s: breath period %.3f s\n", label, measured);
	CHECK(fabs(measured / period_s - 1.0) < 0.01, "%s: period %.3f s", label, measured);
}

int
main(void)
{
	Host* probe = open_plugin(RATE);
	LilvWorld* world = host_world(probe);
	const LilvPlugin* plugin = host_plugin(probe);
	LilvNode* preset_class = lilv_new_uri(world, LV2_PRESETS__Preset);
	LilvNodes* presets = lilv_plugin_get_related(plugin, preset_class);
	CHECK(lilv_nodes_size(presets) >= 10, "%u presets", lilv_nodes_size(presets));

	/* the sound's controls: all but the Display group's (the projector's
	 * look, which ports.def keeps last), which a preset leaves as it is */
	ControlPort inputs[MAX_CONTROL_PORTS];
	const int n_all = (int)list_controls(probe, true, inputs);
	int n_inputs = 0;
	while (n_inputs < n_all && strncmp(inputs[n_inputs].symbol, "display_", 8) != 0) {
		++n_inputs;
	}
	CHECK(n_inputs < n_all, "no Display controls after the sound's");

	int checked = 0;
	LILV_FOREACH(nodes, i, presets)
	{
		Host* host = open_plugin(RATE);
		LilvNode* uri =
		    lilv_new_uri(host_world(host), lilv_node_as_uri(lilv_nodes_get(presets, i)));
		lilv_world_load_resource(host_world(host), uri);
		LilvState* state = lilv_state_new_from_world(host_world(host), host_urid_map(host), uri);
		CHECK(state, "cannot load preset %s", lilv_node_as_uri(uri));
		const char* label = lilv_state_get_label(state);
		CHECK(label && *label, "preset %s has no label", lilv_node_as_uri(uri));
		Restore restore = {host, 0};
		lilv_state_restore(state, host_instance(host), set_port_value, &restore, 0, NULL);
		CHECK(restore.set == n_inputs, "%s sets %d of %d controls", label, restore.set, n_inputs);

		float mode = 0.0f, hold = 0.0f, rest = 0.0f, rate = 0.0f;
		float in = 0.0f, hold_in = 0.0f, out = 0.0f, hold_out = 0.0f, start = 0.0f;
		host_get(host, "gaze_mode", &mode);
		host_get(host, "gaze_hold", &hold);
		host_get(host, "gaze_rest", &rest);
		host_get(host, "gaze_rate", &rate);
		host_get(host, "breath_in", &in);
		host_get(host, "breath_hold_in", &hold_in);
		host_get(host, "breath_out", &out);
		host_get(host, "breath_hold_out", &hold_out);
		host_get(host, "breath_start", &start);
		const double period = (double)in + hold_in + out + hold_out;

		if (strstr(label, "BLS") && mode == 2.0f) {
			check_alternation(label, host, rate);
		} else if (strstr(label, "Basic exercise")) {
			check_hold(label, host, hold, rest);
		} else if (strstr(label, "Slowing")) {
			double first = 0.0;
			const double late = breath_period(host, 14 * 60.0, 11 * 60.0, &first);
			printf("%s: first breath %.3f s, after 11 min %.3f s\n", label, first, late);
			CHECK(first < period / 1.4, "%s: first breath %.3f s", label, first);
			CHECK(fabs(late / period - 1.0) < 0.01, "%s: settles at %.3f s", label, late);
		} else if (start == 1.0f && mode == 0.0f) {
			check_breath(label, host, period);
		} else {
			Changes none;
			const float peak = render_watching(host, 30.0, "session_time", &none);
			CHECK(peak > 0.01f && peak <= 1.0f, "%s: peak %f", label, peak);
			printf("%s: renders, peak %.3f\n", label, peak);
		}
		++checked;
		lilv_state_free(state);
		lilv_node_free(uri);
		host_free(host);
	}
	printf("%d presets checked, each sets all %d controls\n", checked, n_inputs);
	lilv_nodes_free(presets);
	lilv_node_free(preset_class);
	host_free(probe);
	return 0;
}
