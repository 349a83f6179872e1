/* SPDX-License-Identifier: ISC */
/* Through lilv: every control set to NaN, infinities, huge, tiny and
 * out-of-range values, one at a time and all at once, gives finite output
 * within 0 dBFS and finite output controls. */
#include "plugin_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const float bad[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, -0.0f, 1e-42f, -1.0f, 1e6f};
#define N_BAD (sizeof(bad) / sizeof(bad[0]))

static ControlPort inputs[MAX_CONTROL_PORTS], outputs[MAX_CONTROL_PORTS];
static size_t n_inputs, n_outputs;

static void
check_output(Host* host, Stereo* s, const char* what, float value)
{
	render(host, s, 333);
	const float peak = stereo_peak(s);
	CHECK(peak >= 0.0f && peak <= 1.0f, "%s = %g: peak %g", what, value, peak);
	for (size_t i = 0; i < n_outputs; ++i) {
		float v = 0.0f;
		host_get(host, outputs[i].symbol, &v);
		CHECK(isfinite(v), "%s = %g: output %s is %g", what, value, outputs[i].symbol, v);
	}
}

int
main(void)
{
	Host* host = open_plugin(48000.0);
	n_inputs = list_controls(host, true, inputs);
	n_outputs = list_controls(host, false, outputs);
	Stereo s = stereo_new(9600);
	int checked = 0;
	for (size_t k = 0; k < N_BAD; ++k) {
		for (size_t i = 0; i < n_inputs; ++i) {
			float saved = 0.0f;
			host_get(host, inputs[i].symbol, &saved);
			set_control(host, inputs[i].symbol, bad[k]);
			check_output(host, &s, inputs[i].symbol, bad[k]);
			set_control(host, inputs[i].symbol, saved);
			++checked;
		}
		/* and every control at once */
		for (size_t i = 0; i < n_inputs; ++i) {
			set_control(host, inputs[i].symbol, bad[k]);
		}
		check_output(host, &s, "every control", bad[k]);
	}
	printf("%d single bad values and %zu all-at-once: output finite and within 0 dBFS\n", checked,
	       N_BAD);
	stereo_free(&s);
	host_free(host);
	return 0;
}
