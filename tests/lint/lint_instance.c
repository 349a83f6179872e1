/* SPDX-License-Identifier: ISC */
/* The lint's checks of the binary: every LV2 feature URI the library
 * contains is declared (required or optional); it instantiates and runs a
 * block with only the required features, and not without each of them;
 * extension_data returns exactly the interfaces declared with
 * lv2:extensionData, and NULL for an unknown URI. */
#include "host_features.h"
#include "host_paths.h"
#include "lint.h"

#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/state/state.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0
#define BLOCK 256
#define ATOM_CAPACITY 8192
#define MAX_FEATURES 32

/* Features a plugin may look for in instantiate(); a library that contains
 * one of these URIs looks for it, so must declare it.  (The state path
 * features are left out: hosts pass them to save() and restore(), where no
 * declaration is asked for.) */
static const char* const known_features[] = {
    LV2_URID__map,
    LV2_URID__unmap,
    LV2_LOG__log,
    LV2_OPTIONS__options,
    LV2_WORKER__schedule,
    LV2_BUF_SIZE__boundedBlockLength,
    LV2_BUF_SIZE__fixedBlockLength,
    LV2_BUF_SIZE__powerOf2BlockLength,
    LV2_BUF_SIZE__coarseBlockLength,
    "http://lv2plug.in/ns/ext/resize-port#resize",
    "http://harrisonconsoles.com/lv2/inlinedisplay#queue_draw"};
#define N_FEATURES (sizeof(known_features) / sizeof(known_features[0]))

/* Interfaces a plugin may return from extension_data. */
static const char* const known_interfaces[] = {
    LV2_STATE__interface,
    LV2_WORKER__interface,
    LV2_OPTIONS__interface,
    "http://lv2plug.in/ns/extensions/ui#idleInterface",
    "http://lv2plug.in/ns/extensions/ui#showInterface",
    "http://ardour.org/lv2/midnam#interface",
    "http://harrisonconsoles.com/lv2/inlinedisplay#interface",
    "http://ardour.org/lv2/bankpatch#interface"};
#define N_INTERFACES (sizeof(known_interfaces) / sizeof(known_interfaces[0]))

/* ---- The features' data: our hosts' own (host_features.h), the log to
 * the lint's output and the worker dropping its work ---- */

static void
log_to_stdout(void* data, const char* type, const char* message)
{
	(void)data;
	printf("lint: plugin log (%s): %s", type, message);
}

static UriTable uris;
static HostLog log_;
static LV2_Worker_Schedule schedule = {NULL, host_worker_drop};
static HostPaths paths;
static const float rate = (float)RATE;
static const int32_t block = BLOCK;
static LV2_Options_Option options[5];

/* The data of a feature the lint provides, or NULL. */
static void*
feature_data(const char* uri)
{
	const struct {
		const char* uri;
		void* data;
	} table[] = {{LV2_URID__map, &uris.map},
	             {LV2_URID__unmap, &uris.unmap},
	             {LV2_LOG__log, &log_.log},
	             {LV2_OPTIONS__options, options},
	             {LV2_WORKER__schedule, &schedule},
	             {LV2_STATE__mapPath, &paths.map_path},
	             {LV2_STATE__makePath, &paths.make_path},
	             {LV2_STATE__freePath, &paths.free_path}};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); ++i) {
		if (strcmp(table[i].uri, uri) == 0) {
			return table[i].data;
		}
	}
	return NULL;
}

static void
init_options(void)
{
	const LV2_URID atom_int = uri_table_map(&uris, LV2_ATOM__Int);
	const LV2_Options_Option list[] = {
	    {LV2_OPTIONS_INSTANCE, 0, uri_table_map(&uris, LV2_NS "sampleRate"), sizeof(float),
	     uri_table_map(&uris, LV2_ATOM__Float), &rate},
	    {LV2_OPTIONS_INSTANCE, 0, uri_table_map(&uris, LV2_BUF_SIZE__minBlockLength),
	     sizeof(int32_t), atom_int, &block},
	    {LV2_OPTIONS_INSTANCE, 0, uri_table_map(&uris, LV2_BUF_SIZE__maxBlockLength),
	     sizeof(int32_t), atom_int, &block},
	    {LV2_OPTIONS_INSTANCE, 0, uri_table_map(&uris, LV2_BUF_SIZE__nominalBlockLength),
	     sizeof(int32_t), atom_int, &block},
	    {LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL}};
	memcpy(options, list, sizeof(list));
}

/* ---- The checks ---- */

static char*
read_binary(Lint* lint, size_t* size)
{
	const LilvNode* library = lilv_plugin_get_library_uri(lint->plugin);
	char* path = library ? lilv_file_uri_parse(lilv_node_as_uri(library), NULL) : NULL;
	FILE* file = path ? fopen(path, "rb") : NULL;
	char* bytes = NULL;
	if (file && fseek(file, 0, SEEK_END) == 0) {
		const long length = ftell(file);
		bytes = length > 0 ? malloc((size_t)length) : NULL;
		rewind(file);
		*size = bytes ? fread(bytes, 1, (size_t)length, file) : 0;
	}
	if (!bytes) {
		lint_fail(lint, "binary", "cannot read %s", path ? path : "(no lv2:binary)");
	}
	if (file) {
		fclose(file);
	}
	lilv_free(path);
	return bytes;
}

/* Whether BYTES hold TEXT as a whole C string (with its NUL). */
static int
contains_string(const char* bytes, size_t size, const char* text)
{
	const size_t length = strlen(text) + 1;
	for (size_t i = 0; i + length <= size; ++i) {
		if (bytes[i] == text[0] && memcmp(bytes + i, text, length) == 0) {
			return 1;
		}
	}
	return 0;
}

static void
check_used_features(Lint* lint)
{
	size_t size = 0;
	char* bytes = read_binary(lint, &size);
	if (!bytes) {
		return;
	}
	for (size_t i = 0; i < N_FEATURES; ++i) {
		LilvNode* feature = lilv_new_uri(lint->world, known_features[i]);
		if (contains_string(bytes, size, known_features[i]) &&
		    !lilv_plugin_has_feature(lint->plugin, feature)) {
			lint_fail(lint, "binary",
			          "looks for the feature <%s>, which is neither an "
			          "lv2:requiredFeature nor an lv2:optionalFeature",
			          known_features[i]);
		}
		lilv_node_free(feature);
	}
	free(bytes);
}

static void
check_required_features(Lint* lint, const LilvNodes* required)
{
	LILV_FOREACH(nodes, i, required)
	{
		const char* uri = lilv_node_as_uri(lilv_nodes_get(required, i));
		if (!feature_data(uri)) {
			lint_fail(lint, "lv2:requiredFeature",
			          "<%s>: the lint cannot provide it (teach lint_instance.c, or make it "
			          "optional)",
			          uri);
		}
		if (strcmp(uri, LV2_LOG__log) == 0 || strcmp(uri, LV2_CORE__hardRTCapable) == 0) {
			lint_fail(lint, "lv2:requiredFeature", "<%s> should be optional", uri);
		}
	}
}

/* Fills LIST with the required features less the one at SKIP (-1: none). */
static void
required_features(const LilvNodes* required, int skip, LV2_Feature storage[],
                  const LV2_Feature* list[])
{
	int index = 0, n = 0;
	LILV_FOREACH(nodes, i, required)
	{
		const char* uri = lilv_node_as_uri(lilv_nodes_get(required, i));
		if (index++ != skip && n < MAX_FEATURES - 1) {
			storage[n] = (LV2_Feature){uri, feature_data(uri)};
			list[n] = &storage[n];
			++n;
		}
	}
	list[n] = NULL;
}

/* Connects every port to a buffer, runs one block, checks audio is finite. */
static void
run_one_block(Lint* lint, LilvInstance* instance)
{
	const LilvPlugin* plugin = lint->plugin;
	const uint32_t n_ports = lilv_plugin_get_num_ports(plugin);
	float* controls = calloc(n_ports, sizeof(float));
	float* defaults = calloc(n_ports, sizeof(float));
	float* audio = calloc((size_t)n_ports * BLOCK, sizeof(float));
	uint64_t* atoms = calloc((size_t)n_ports * ATOM_CAPACITY / 8, 8);
	lilv_plugin_get_port_ranges_float(plugin, NULL, NULL, defaults);
	for (uint32_t i = 0; i < n_ports; ++i) {
		const LilvPort* port = lilv_plugin_get_port_by_index(plugin, i);
		LV2_Atom* atom = (LV2_Atom*)(atoms + (size_t)i * ATOM_CAPACITY / 8);
		if (lilv_port_is_a(plugin, port, lint_uri(lint, LV2_NS "AudioPort"))) {
			lilv_instance_connect_port(instance, i, audio + (size_t)i * BLOCK);
		} else if (lilv_port_is_a(plugin, port, lint_uri(lint, LV2_NS "ControlPort"))) {
			controls[i] = isnan(defaults[i]) ? 0.0f : defaults[i];
			lilv_instance_connect_port(instance, i, &controls[i]);
		} else {
			/* An empty input sequence, or an output with its capacity. */
			const int input = lilv_port_is_a(plugin, port, lint_uri(lint, LV2_NS "InputPort"));
			atom->size = input ? sizeof(LV2_Atom_Sequence_Body) : ATOM_CAPACITY - sizeof(LV2_Atom);
			atom->type = uri_table_map(&uris, input ? LV2_ATOM__Sequence : LV2_ATOM__Chunk);
			lilv_instance_connect_port(instance, i, atom);
		}
	}
	lilv_instance_activate(instance);
	lilv_instance_run(instance, BLOCK);
	lilv_instance_deactivate(instance);
	for (size_t i = 0; i < (size_t)n_ports * BLOCK; ++i) {
		if (!isfinite(audio[i])) {
			lint_fail(lint, "run", "a non-finite sample with only the required features");
			break;
		}
	}
	free(controls);
	free(defaults);
	free(audio);
	free(atoms);
}

static void
check_extension_data(Lint* lint, LilvInstance* instance)
{
	for (size_t i = 0; i < N_INTERFACES; ++i) {
		LilvNode* uri = lilv_new_uri(lint->world, known_interfaces[i]);
		const int declared = lilv_plugin_has_extension_data(lint->plugin, uri);
		const void* data = lilv_instance_get_extension_data(instance, known_interfaces[i]);
		if (!declared && data) {
			lint_fail(lint, "extension_data", "returns <%s>, not declared in lv2:extensionData",
			          known_interfaces[i]);
		}
		lilv_node_free(uri);
	}
	LilvNodes* declared = lilv_plugin_get_extension_data(lint->plugin);
	LILV_FOREACH(nodes, i, declared)
	{
		const char* uri = lilv_node_as_uri(lilv_nodes_get(declared, i));
		if (!lilv_instance_get_extension_data(instance, uri)) {
			lint_fail(lint, "extension_data",
			          "returns NULL for <%s>, declared in lv2:extensionData", uri);
		}
	}
	lilv_nodes_free(declared);
	if (lilv_instance_get_extension_data(instance, "urn:somascape:lint:no-such-interface")) {
		lint_fail(lint, "extension_data", "returns non-NULL for an unknown URI");
	}
}

void
lint_binary(Lint* lint)
{
	uri_table_init(&uris);
	host_log_init(&log_, &uris, log_to_stdout, NULL);
	host_paths_init(&paths);
	init_options();
	check_used_features(lint);
	LilvNodes* required = lilv_plugin_get_required_features(lint->plugin);
	check_required_features(lint, required);

	LV2_Feature storage[MAX_FEATURES];
	const LV2_Feature* list[MAX_FEATURES];
	required_features(required, -1, storage, list);
	LilvInstance* instance = lilv_plugin_instantiate(lint->plugin, RATE, list);
	if (!instance) {
		lint_fail(lint, "instantiate", "fails with only the required features");
	} else {
		run_one_block(lint, instance);
		check_extension_data(lint, instance);
		lilv_instance_free(instance);
	}
	/* A required feature is one the plugin cannot run without. */
	printf("lint: instantiating without each required feature (the plugin may say so)\n");
	int skip = 0;
	LILV_FOREACH(nodes, i, required)
	{
		required_features(required, skip++, storage, list);
		instance = lilv_plugin_instantiate(lint->plugin, RATE, list);
		if (instance) {
			lint_fail(lint, "lv2:requiredFeature", "instantiates without <%s>: make it optional",
			          lilv_node_as_uri(lilv_nodes_get(required, i)));
			lilv_instance_free(instance);
		}
	}
	lilv_nodes_free(required);
	host_paths_cleanup(&paths);
	uri_table_clear(&uris);
}
