/* SPDX-License-Identifier: ISC */
#include "presets.h"

#include <lv2/atom/atom.h>
#include <lv2/presets/presets.h>

#include <lilv/lilv.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RDFS_LABEL "http://www.w3.org/2000/01/rdf-schema#label"

typedef bool (*PresetVisit)(const LilvNode* preset, const char* label, void* data);

/* Visits every preset, its resource loaded so that its label is known,
 * until visit returns false.  Returns the number visited. */
static unsigned
presets_each(Host* host, PresetVisit visit, void* data)
{
	LilvWorld* world = host_world(host);
	LilvNode* preset_class = lilv_new_uri(world, LV2_PRESETS__Preset);
	LilvNode* label_pred = lilv_new_uri(world, RDFS_LABEL);
	LilvNodes* presets = lilv_plugin_get_related(host_plugin(host), preset_class);
	unsigned n = 0;
	LILV_FOREACH(nodes, i, presets)
	{
		const LilvNode* preset = lilv_nodes_get(presets, i);
		lilv_world_load_resource(world, preset);
		LilvNode* label = lilv_world_get(world, preset, label_pred, NULL);
		++n;
		const bool go_on = visit(preset, label ? lilv_node_as_string(label) : "", data);
		lilv_node_free(label);
		if (!go_on) {
			break;
		}
	}
	lilv_nodes_free(presets);
	lilv_node_free(label_pred);
	lilv_node_free(preset_class);
	return n;
}

static bool
print_preset(const LilvNode* preset, const char* label, void* data)
{
	fprintf((FILE*)data, "%s\t%s\n", label, lilv_node_as_uri(preset));
	return true;
}

void
presets_list(Host* host, FILE* out)
{
	if (presets_each(host, print_preset, out) == 0) {
		fprintf(stderr, "somascape-render: the plugin has no presets installed\n");
	}
}

typedef struct {
	const char* name;
	LilvNode* found;
	char* known; /* the labels, for the message when none matches */
	size_t size;
} PresetSearch;

static bool
match_preset(const LilvNode* preset, const char* label, void* data)
{
	PresetSearch* search = (PresetSearch*)data;
	if (strcasecmp(label, search->name) == 0 ||
	    strcmp(lilv_node_as_uri(preset), search->name) == 0) {
		search->found = lilv_node_duplicate(preset);
		return false;
	}
	const size_t used = strlen(search->known);
	if (used + 8 < search->size) {
		snprintf(search->known + used, search->size - used, "%s\"%s\"", used ? ", " : "", label);
	}
	return true;
}

LilvNode*
preset_find(Host* host, const char* name, char* err, size_t err_size)
{
	char known[2048] = "";
	PresetSearch search = {name, NULL, known, sizeof(known)};
	presets_each(host, match_preset, &search);
	if (!search.found) {
		if (known[0]) {
			snprintf(err, err_size, "unknown preset '%s'; the presets are: %s", name, known);
		} else {
			snprintf(err, err_size, "unknown preset '%s': the plugin has no presets installed",
			         name);
		}
	}
	return search.found;
}

/* lilv_state_restore's callback: a port value of any numeric atom type. */
static void
set_port_value(const char* symbol, void* data, const void* value, uint32_t size, uint32_t type)
{
	Host* host = (Host*)data;
	float v;
	if (type == host_map(host, LV2_ATOM__Float) && size == sizeof(float)) {
		v = *(const float*)value;
	} else if (type == host_map(host, LV2_ATOM__Double) && size == sizeof(double)) {
		v = (float)*(const double*)value;
	} else if ((type == host_map(host, LV2_ATOM__Int) || type == host_map(host, LV2_ATOM__Bool)) &&
	           size == sizeof(int32_t)) {
		v = (float)*(const int32_t*)value;
	} else if (type == host_map(host, LV2_ATOM__Long) && size == sizeof(int64_t)) {
		v = (float)*(const int64_t*)value;
	} else {
		fprintf(stderr,
		        "somascape-render: warning: the preset's value for '%s' is not a "
		        "number; ignored\n",
		        symbol);
		return;
	}
	if (!host_set(host, symbol, v)) {
		fprintf(stderr,
		        "somascape-render: warning: the preset sets '%s', which the plugin "
		        "does not have; ignored\n",
		        symbol);
	}
}

bool
preset_apply(Host* host, const LilvNode* preset, char* err, size_t err_size)
{
	LilvState* state = lilv_state_new_from_world(host_world(host), host_urid_map(host), preset);
	if (!state) {
		snprintf(err, err_size, "the preset <%s> could not be read", lilv_node_as_uri(preset));
		return false;
	}
	lilv_state_restore(state, host_instance(host), set_port_value, host, 0, host_features(host));
	lilv_state_free(state);
	return true;
}
