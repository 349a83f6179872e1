/* SPDX-License-Identifier: ISC */
#include "file_params.h"

#include "host_patch.h"

#include <lv2/atom/atom.h>
#include <lv2/patch/patch.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* "Cue sample" -> "cue_sample" */
static void
label_to_name(const char* label, char* name, size_t size)
{
	size_t n = 0;
	for (const char* p = label; *p && n + 1 < size; ++p) {
		name[n++] = *p == ' ' ? '_' : (char)tolower((unsigned char)*p);
	}
	name[n] = '\0';
}

char*
file_param_uri(Host* host, const char* name, char* err, size_t err_size)
{
	LilvWorld* world = host_world(host);
	LilvNode* writable = lilv_new_uri(world, LV2_PATCH__writable);
	LilvNode* range = lilv_new_uri(world, "http://www.w3.org/2000/01/rdf-schema#range");
	LilvNode* label = lilv_new_uri(world, "http://www.w3.org/2000/01/rdf-schema#label");
	LilvNode* path_type = lilv_new_uri(world, LV2_ATOM__Path);
	LilvNodes* params =
	    lilv_world_find_nodes(world, lilv_plugin_get_uri(host_plugin(host)), writable, NULL);
	char* found = NULL;
	char known[512] = "";
	LILV_FOREACH(nodes, i, params)
	{
		const LilvNode* param = lilv_nodes_get(params, i);
		LilvNode* type = lilv_world_get(world, param, range, NULL);
		LilvNode* text = lilv_world_get(world, param, label, NULL);
		if (type && text && lilv_node_equals(type, path_type)) {
			char param_name[128];
			label_to_name(lilv_node_as_string(text), param_name, sizeof(param_name));
			if (!found && strcmp(param_name, name) == 0) {
				found = strdup(lilv_node_as_uri(param));
			}
			const size_t used = strlen(known);
			snprintf(known + used, sizeof(known) - used, "%s%s", used ? ", " : "", param_name);
		}
		lilv_node_free(type);
		lilv_node_free(text);
	}
	lilv_nodes_free(params);
	lilv_node_free(writable);
	lilv_node_free(range);
	lilv_node_free(label);
	lilv_node_free(path_type);
	if (!found) {
		snprintf(err, err_size, "the plugin has no file parameter '%s' (it has: %s)", name,
		         known[0] ? known : "none");
	}
	return found;
}

char*
file_param_path(const char* path, const char* base, char* err, size_t err_size)
{
	char* joined = NULL;
	if (path[0] != '/' && base) {
		const size_t size = strlen(base) + strlen(path) + 2;
		joined = (char*)malloc(size);
		snprintf(joined, size, "%s/%s", base, path);
	}
	char* real = realpath(joined ? joined : path, NULL);
	if (!real) {
		snprintf(err, err_size, "%s: %s", joined ? joined : path, strerror(errno));
	}
	free(joined);
	return real;
}

bool
file_param_load(Host* host, const char* uri, const char* name, const char* path, char* err,
                size_t err_size)
{
	float left[1], right[1];
	if (!host_patch_set_path(host, 0, uri, path)) {
		snprintf(err, err_size, "cannot send the path for %s", name);
		return false;
	}
	/* the first run asks the worker; its answer arrives after it, and the
	 * plugin reports the path it now has in the second */
	host_run(host, left, right, 0);
	host_run(host, left, right, 0);
	const size_t size = strlen(path) + 1;
	char* reported = (char*)malloc(size);
	const bool ok = reported && host_patch_reported_path(host, "notify", uri, reported, size) &&
	                strcmp(reported, path) == 0;
	free(reported);
	if (!ok) {
		snprintf(err, err_size, "the plugin cannot use %s as %s (its message is above)", path,
		         name);
	}
	return ok;
}
