/* SPDX-License-Identifier: ISC */
/* Through lilv: run() makes no call to malloc, calloc, realloc, free or
 * pthread_mutex_lock, over a render that changes every control, every
 * block, with the plugin's window listening (its motion snapshots written
 * in run()).  The calls are counted by interposing them (rt_calls.c). */
#include "plugin_test.h"
#include "rt_calls.h"

#include <stdio.h>

int
main(void)
{
	Host* host = open_plugin(48000.0);
	ControlPort inputs[MAX_CONTROL_PORTS];
	const size_t n_inputs = list_controls(host, true, inputs);

	rt_calls_self_test();
	/* a window asks for motion snapshots, as plugin/ui/ui.c does */
	const LV2_Atom_Object_Body ui_on = {0,
	                                    host_map(host, "https://somascape.dev/lv2/somascape#uiOn")};
	CHECK(host_send_event(host, 0, host_map(host, LV2_ATOM__Object), sizeof(ui_on), &ui_on),
	      "cannot send uiOn");

	float left[512], right[512];
	long blocks = 0, calls = 0, snapshots = 0;
	unsigned state = 12345u;
	for (int round = 0; round < 40; ++round) {
		for (size_t i = 0; i < n_inputs; ++i) {
			state = state * 1664525u + 1013904223u;
			const float u = (float)(state >> 8) / 16777216.0f;
			const float span = inputs[i].max - inputs[i].min;
			host_set(host, inputs[i].symbol, inputs[i].min + span * (1.3f * u - 0.15f));
			const uint32_t n = 1u + (state >> 20) % 512u;
			rt_calls_start();
			host_run(host, left, right, n);
			calls += rt_calls_stop();
			++blocks;
			const LV2_Atom_Sequence* notify = host_output_events(host, "notify");
			snapshots += notify && notify->atom.size > sizeof(LV2_Atom_Sequence_Body);
		}
	}
	CHECK(snapshots > 0, "no motion snapshot on notify: the window's part of run() was not run");
	printf("%ld blocks, each after a change of one control (all %zu in turn, 40 rounds), "
	       "%ld of them with a motion snapshot: %ld allocator or lock calls in run()\n",
	       blocks, n_inputs, snapshots, calls);
	CHECK(calls == 0, "run() made %ld allocator or lock calls", calls);
	host_free(host);
	return 0;
}
