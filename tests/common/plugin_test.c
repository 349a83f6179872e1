/* SPDX-License-Identifier: ISC */
#include "plugin_test.h"

#include <lilv/lilv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

Host*
open_plugin(double rate)
{
	char err[256];
	Host* host = host_new(PLUGIN_URI, rate, err, sizeof(err));
	if (!host) {
		fprintf(stderr, "cannot open the plugin at %.0f Hz: %s\n", rate, err);
		exit(1);
	}
	host_set_strict(host, true);
	host_activate(host);
	return host;
}

void
set_control(Host* host, const char* symbol, float value)
{
	if (!host_set(host, symbol, value)) {
		fprintf(stderr, "no control input '%s'\n", symbol);
		exit(1);
	}
}

size_t
list_controls(Host* host, bool inputs, ControlPort* ports)
{
	const LilvPlugin* plugin = host_plugin(host);
	LilvNode* direction =
	    lilv_new_uri(host_world(host), inputs ? LILV_URI_INPUT_PORT : LILV_URI_OUTPUT_PORT);
	LilvNode* control = lilv_new_uri(host_world(host), LILV_URI_CONTROL_PORT);
	const uint32_t n_ports = lilv_plugin_get_num_ports(plugin);
	float mins[MAX_CONTROL_PORTS * 2], maxs[MAX_CONTROL_PORTS * 2];
	CHECK(n_ports <= MAX_CONTROL_PORTS * 2, "%u ports", n_ports);
	lilv_plugin_get_port_ranges_float(plugin, mins, maxs, NULL);
	size_t n = 0;
	for (uint32_t i = 0; i < n_ports && n < MAX_CONTROL_PORTS; ++i) {
		const LilvPort* port = lilv_plugin_get_port_by_index(plugin, i);
		if (lilv_port_is_a(plugin, port, direction) && lilv_port_is_a(plugin, port, control)) {
			ports[n++] = (ControlPort){lilv_node_as_string(lilv_port_get_symbol(plugin, port)),
			                           mins[i], maxs[i]};
		}
	}
	lilv_node_free(direction);
	lilv_node_free(control);
	return n;
}

Stereo
stereo_new(size_t frames)
{
	Stereo s = {calloc(frames, sizeof(float)), calloc(frames, sizeof(float)), frames};
	if (!s.left || !s.right) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	return s;
}

void
stereo_free(Stereo* s)
{
	free(s->left);
	free(s->right);
}

void
render(Host* host, Stereo* s, uint32_t block)
{
	host_render(host, s->left, s->right, s->frames, block);
}

float
stereo_peak(const Stereo* s)
{
	float peak = 0.0f;
	for (size_t i = 0; i < s->frames; ++i) {
		if (!isfinite(s->left[i]) || !isfinite(s->right[i])) {
			return -1.0f;
		}
		peak = fmaxf(peak, fmaxf(fabsf(s->left[i]), fabsf(s->right[i])));
	}
	return peak;
}

size_t
find_onsets(const float* x, size_t frames, size_t window, float ratio, float floor, size_t* onsets,
            size_t max_onsets)
{
	size_t n = 0;
	double previous = 0.0;
	size_t quiet_windows = 0; /* after an onset, the strike's own rise is not another */
	for (size_t start = 0; start + window <= frames; start += window) {
		double energy = 0.0;
		for (size_t i = start; i < start + window; ++i) {
			energy += (double)x[i] * x[i];
		}
		energy /= (double)window;
		if (quiet_windows > 0) {
			--quiet_windows;
		} else if (energy > floor && energy > ratio * previous && n < max_onsets) {
			quiet_windows = 10;
			/* the first frame of the window that carries the new sound */
			size_t at = start;
			const float level = (float)sqrt(energy) * 0.05f;
			while (at < start + window && fabsf(x[at]) < level) {
				++at;
			}
			onsets[n++] = at;
		}
		previous = energy;
	}
	return n;
}
