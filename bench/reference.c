/* SPDX-License-Identifier: ISC */
#include "reference.h"

#include <lilv/lilv.h>

#include <stdlib.h>

#define REFERENCE_MAX_BLOCK 8192u

struct Reference {
	LilvWorld* world;
	LilvInstance* instance;
	float mode;     /* 0: 1 kHz sine */
	float level_db; /* its default, -18 dBFS */
	float out[REFERENCE_MAX_BLOCK];
};

Reference*
reference_new(double rate)
{
	Reference* ref = (Reference*)calloc(1, sizeof(Reference));
	ref->world = lilv_world_new();
	lilv_world_load_all(ref->world);
	LilvNode* uri = lilv_new_uri(ref->world, REFERENCE_URI);
	const LilvPlugin* plugin = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(ref->world), uri);
	lilv_node_free(uri);
	/* it needs no features: its ports are mode, level and one output */
	ref->instance = plugin && lilv_plugin_get_num_ports(plugin) == 3
	                    ? lilv_plugin_instantiate(plugin, rate, NULL)
	                    : NULL;
	if (!ref->instance) {
		reference_free(ref);
		return NULL;
	}
	ref->mode = 0.0f;
	ref->level_db = -18.0f;
	lilv_instance_connect_port(ref->instance, 0, &ref->mode);
	lilv_instance_connect_port(ref->instance, 1, &ref->level_db);
	lilv_instance_connect_port(ref->instance, 2, ref->out);
	lilv_instance_activate(ref->instance);
	return ref;
}

void
reference_free(Reference* ref)
{
	if (!ref) {
		return;
	}
	if (ref->instance) {
		lilv_instance_deactivate(ref->instance);
		lilv_instance_free(ref->instance);
	}
	lilv_world_free(ref->world);
	free(ref);
}

void
reference_run(Reference* ref, uint32_t n)
{
	lilv_instance_run(ref->instance, n < REFERENCE_MAX_BLOCK ? n : REFERENCE_MAX_BLOCK);
}
