/* SPDX-License-Identifier: ISC */
/* Through lilv: the ports the host reads from the Turtle are the ports the
 * C code uses (the same index, symbol, range and default), so the one list
 * in ports.def really is one. */
#include "controls.h"
#include "plugin_test.h"

#include <lilv/lilv.h>
#include <stdio.h>
#include <string.h>

static void
check(const LilvPlugin* plugin, LilvWorld* world, const ControlInfo* info, uint32_t index,
      bool input)
{
	LilvNode* symbol = lilv_new_string(world, info->symbol);
	const LilvPort* port = lilv_plugin_get_port_by_symbol(plugin, symbol);
	lilv_node_free(symbol);
	CHECK(port, "no port '%s' in the Turtle", info->symbol);
	CHECK(lilv_port_get_index(plugin, port) == index, "'%s' is port %u in the Turtle, %u in C",
	      info->symbol, lilv_port_get_index(plugin, port), index);
	LilvNode *def, *min, *max;
	lilv_port_get_range(plugin, port, &def, &min, &max);
	CHECK(min && max && lilv_node_as_float(min) == info->min &&
	          lilv_node_as_float(max) == info->max,
	      "range of '%s'", info->symbol);
	CHECK(!input || (def && lilv_node_as_float(def) == info->def), "default of '%s'", info->symbol);
	lilv_node_free(def);
	lilv_node_free(min);
	lilv_node_free(max);
}

int
main(void)
{
	Host* host = open_plugin(48000.0);
	const LilvPlugin* plugin = host_plugin(host);
	const uint32_t first_in = 5; /* two audio, three atom ports come first */
	for (uint32_t i = 0; i < CONTROL_IN_COUNT; ++i) {
		check(plugin, host_world(host), &control_inputs[i], first_in + i, true);
	}
	for (uint32_t i = 0; i < CONTROL_OUT_COUNT; ++i) {
		check(plugin, host_world(host), &control_outputs[i], first_in + CONTROL_IN_COUNT + i,
		      false);
	}
	CHECK(lilv_plugin_get_num_ports(plugin) == first_in + CONTROL_IN_COUNT + CONTROL_OUT_COUNT,
	      "%u ports in the Turtle", lilv_plugin_get_num_ports(plugin));
	printf("%d control inputs and %d outputs agree between the Turtle and the C code\n",
	       CONTROL_IN_COUNT, CONTROL_OUT_COUNT);
	host_free(host);
	return 0;
}
