/* SPDX-License-Identifier: ISC */
/* Through lilv: every control set to NaN, infinities, huge, tiny and
 * out-of-range values, one at a time and all at once, gives finite output
 * within 0 dBFS and finite output controls. */
#include "plugin_test.h"

#include <lilv/lilv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const float bad[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, -0.0f, 1e-42f, -1.0f, 1e6f};
#define N_BAD (sizeof(bad) / sizeof(bad[0]))

static void
check_output(Host* host, Stereo* s, const char* what, float value)
{
	render(host, s, 333);
	const float peak = stereo_peak(s);
	CHECK(peak >= 0.0f && peak <= 1.0f, "%s = %g: peak %g", what, value, peak);
	const LilvPlugin* plugin = host_plugin(host);
	LilvNode* output = lilv_new_uri(host_world(host), LILV_URI_OUTPUT_PORT);
	LilvNode* control = lilv_new_uri(host_world(host), LILV_URI_CONTROL_PORT);
	for (uint32_t i = 0; i < lilv_plugin_get_num_ports(plugin); ++i) {
		const LilvPort* port = lilv_plugin_get_port_by_index(plugin, i);
		if (lilv_port_is_a(plugin, port, output) && lilv_port_is_a(plugin, port, control)) {
			const char* symbol = lilv_node_as_string(lilv_port_get_symbol(plugin, port));
			float v = 0.0f;
			host_get(host, symbol, &v);
			CHECK(isfinite(v), "%s = %g: output %s is %g", what, value, symbol, v);
		}
	}
	lilv_node_free(output);
	lilv_node_free(control);
}

int
main(void)
{
	Host* host = open_plugin(48000.0);
	const LilvPlugin* plugin = host_plugin(host);
	LilvNode* input = lilv_new_uri(host_world(host), LILV_URI_INPUT_PORT);
	LilvNode* control = lilv_new_uri(host_world(host), LILV_URI_CONTROL_PORT);
	Stereo s = stereo_new(9600);
	int checked = 0;
	for (size_t k = 0; k < N_BAD; ++k) {
		for (uint32_t i = 0; i < lilv_plugin_get_num_ports(plugin); ++i) {
			const LilvPort* port = lilv_plugin_get_port_by_index(plugin, i);
			if (!lilv_port_is_a(plugin, port, input) || !lilv_port_is_a(plugin, port, control)) {
				continue;
			}
			const char* symbol = lilv_node_as_string(lilv_port_get_symbol(plugin, port));
			float saved = 0.0f;
			host_get(host, symbol, &saved);
			set_control(host, symbol, bad[k]);
			check_output(host, &s, symbol, bad[k]);
			set_control(host, symbol, saved);
			++checked;
		}
		/* and every control at once */
		for (uint32_t i = 0; i < lilv_plugin_get_num_ports(plugin); ++i) {
			const LilvPort* port = lilv_plugin_get_port_by_index(plugin, i);
			if (lilv_port_is_a(plugin, port, input) && lilv_port_is_a(plugin, port, control)) {
				set_control(host, lilv_node_as_string(lilv_port_get_symbol(plugin, port)), bad[k]);
			}
		}
		check_output(host, &s, "every control", bad[k]);
	}
	printf("%d single bad values and %zu all-at-once: output finite and within 0 dBFS\n",
	       checked, N_BAD);
	lilv_node_free(input);
	lilv_node_free(control);
	stereo_free(&s);
	host_free(host);
	return 0;
}
