/* SPDX-License-Identifier: ISC */
/* The lilv host: the plugin loaded with the features a strict host gives
 * (host_run.c runs it). */
#include "host_internal.h"

#include <lv2/atom/atom.h>
#include <lv2/atom/util.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/log/log.h>
#include <lv2/midi/midi.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The plugin's run() asks for a drawing of its inline display. */
static void
queue_draw(LV2_Inline_Display_Handle handle)
{
	++((Host*)handle)->queue_draws;
}

/* What the plugin logs: to the hook, if there is one, and to stderr. */
static void
log_message(void* data, const char* type, const char* message)
{
	const Host* host = (const Host*)data;
	if (host->log_hook) {
		host->log_hook(host->log_hook_data, type, message);
	}
	host_log_to_stderr(NULL, type, message);
}

uint32_t
host_map(Host* host, const char* uri)
{
	return uri_table_map(&host->uris, uri);
}

void
host_set_log_hook(Host* host, HostLogHook hook, void* data)
{
	host->log_hook = hook;
	host->log_hook_data = data;
}

void
host_set_work_hook(Host* host, HostWorkHook hook, void* data)
{
	host->worker.around_work = hook;
	host->worker.around_data = data;
}

static void
set_error(char* err, size_t size, const char* fmt, const char* arg)
{
	if (err && size) {
		snprintf(err, size, fmt, arg);
	}
}

static void
clear_atom_input(HostPort* port)
{
	LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)port->atom;
	seq->atom.type = 0; /* filled in by host_new with atom:Sequence */
	seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
	seq->body.unit = 0;
	seq->body.pad = 0;
}

static bool
connect_ports(Host* host, char* err, size_t err_size)
{
	LilvNode* audio = lilv_new_uri(host->world, LILV_URI_AUDIO_PORT);
	LilvNode* control = lilv_new_uri(host->world, LILV_URI_CONTROL_PORT);
	LilvNode* atom = lilv_new_uri(host->world, LV2_ATOM__AtomPort);
	LilvNode* input = lilv_new_uri(host->world, LILV_URI_INPUT_PORT);
	const LV2_URID sequence = host_map(host, LV2_ATOM__Sequence);
	const LV2_URID chunk = host_map(host, LV2_ATOM__Chunk);

	host->n_ports = lilv_plugin_get_num_ports(host->plugin);
	host->ports = (HostPort*)calloc(host->n_ports, sizeof(HostPort));
	host->atom_in = (HostPort**)calloc(host->n_ports, sizeof(HostPort*));
	host->atom_out = (HostPort**)calloc(host->n_ports, sizeof(HostPort*));
	float* defaults = (float*)calloc(host->n_ports, sizeof(float));
	lilv_plugin_get_port_ranges_float(host->plugin, NULL, NULL, defaults);
	int n_audio = 0;
	bool ok = true;
	for (uint32_t i = 0; i < host->n_ports; ++i) {
		const LilvPort* lport = lilv_plugin_get_port_by_index(host->plugin, i);
		HostPort* port = &host->ports[i];
		const bool is_input = lilv_port_is_a(host->plugin, lport, input);
		port->symbol = lilv_node_as_string(lilv_port_get_symbol(host->plugin, lport));
		if (lilv_port_is_a(host->plugin, lport, audio)) {
			if (is_input || n_audio == 2) {
				set_error(err, err_size, "unsupported audio port '%s'", port->symbol);
				ok = false;
				break;
			}
			port->role = PORT_AUDIO_OUT;
			host->audio_out[n_audio++] = (int)i;
		} else if (lilv_port_is_a(host->plugin, lport, control)) {
			port->role = is_input ? PORT_CONTROL_IN : PORT_CONTROL_OUT;
			port->value = defaults[i];
			lilv_instance_connect_port(host->instance, i, &port->value);
		} else if (lilv_port_is_a(host->plugin, lport, atom)) {
			port->role = is_input ? PORT_ATOM_IN : PORT_ATOM_OUT;
			port->atom = calloc(1, ATOM_CAPACITY);
			LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)port->atom;
			if (is_input) {
				clear_atom_input(port);
				seq->atom.type = sequence;
				host->atom_in[host->n_atom_in++] = port;
			} else {
				host->atom_out[host->n_atom_out++] = port;
			}
			lilv_instance_connect_port(host->instance, i, port->atom);
		} else {
			port->role = PORT_OTHER;
			lilv_instance_connect_port(host->instance, i, NULL);
		}
	}
	host->atom_chunk = chunk;
	host->atom_check = (AtomCheckURIs){sequence, host_map(host, LV2_MIDI__MidiEvent)};
	host->out_room = ATOM_CAPACITY - sizeof(LV2_Atom) - ATOM_GUARD;
	if (ok && n_audio != 2) {
		set_error(err, err_size, "%s", "the plugin does not have two audio outputs");
		ok = false;
	}
	free(defaults);
	lilv_node_free(audio);
	lilv_node_free(control);
	lilv_node_free(atom);
	lilv_node_free(input);
	return ok;
}

/* LV2_PATH with its relative folders made absolute: lilv 0.24 takes a
 * relative folder for a URI and crashes on it (README's
 * `LV2_PATH=build/lv2` is one).  NULL when LV2_PATH is unset or has no
 * relative folder. */
static char*
absolute_lv2_path(void)
{
	const char* path = getenv("LV2_PATH");
	char cwd[4096];
	if (!path || !getcwd(cwd, sizeof(cwd))) {
		return NULL;
	}
	bool relative = false;
	size_t size = 1;
	for (const char* p = path; *p;) {
		const size_t len = strcspn(p, ":");
		if (len > 0 && p[0] != '/' && p[0] != '~') {
			relative = true;
			size += strlen(cwd) + 1;
		}
		size += len + 1;
		p += len + (p[len] == ':');
	}
	if (!relative) {
		return NULL;
	}
	char* out = (char*)calloc(1, size);
	for (const char* p = path; out && *p;) {
		const size_t len = strcspn(p, ":");
		if (len > 0) {
			if (*out) {
				strcat(out, ":");
			}
			if (p[0] != '/' && p[0] != '~') {
				strcat(strcat(out, cwd), "/");
			}
			strncat(out, p, len);
		}
		p += len + (p[len] == ':');
	}
	return out;
}

static Host* host_create(const char* plugin_uri, double rate, bool inline_display, char* err,
                         size_t err_size);

Host*
host_new(const char* plugin_uri, double rate, char* err, size_t err_size)
{
	return host_create(plugin_uri, rate, false, err, err_size);
}

Host*
host_new_inline_display(const char* plugin_uri, double rate, char* err, size_t err_size)
{
	return host_create(plugin_uri, rate, true, err, err_size);
}

uint32_t
host_queue_draws(const Host* host)
{
	return host->queue_draws;
}

const LV2_Inline_Display_Image_Surface*
host_render_inline(Host* host, uint32_t width, uint32_t max_height)
{
	const LV2_Inline_Display_Interface* idpy =
	    (const LV2_Inline_Display_Interface*)lilv_instance_get_extension_data(
	        host->instance, LV2_INLINEDISPLAY__interface);
	if (!idpy || !idpy->render) {
		return NULL;
	}
	return idpy->render(lilv_instance_get_handle(host->instance), width, max_height);
}

static Host*
host_create(const char* plugin_uri, double rate, bool inline_display, char* err, size_t err_size)
{
	Host* host = (Host*)calloc(1, sizeof(Host));
	host->rate = rate;
	host->world = lilv_world_new();
	char* lv2_path = absolute_lv2_path();
	if (lv2_path) {
		LilvNode* value = lilv_new_string(host->world, lv2_path);
		lilv_world_set_option(host->world, LILV_OPTION_LV2_PATH, value);
		lilv_node_free(value);
		free(lv2_path);
	}
	lilv_world_load_all(host->world);

	LilvNode* uri = lilv_new_uri(host->world, plugin_uri);
	host->plugin = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(host->world), uri);
	lilv_node_free(uri);
	if (!host->plugin) {
		set_error(err, err_size, "plugin <%s> not found (is LV2_PATH set?)", plugin_uri);
		host_free(host);
		return NULL;
	}

	uri_table_init(&host->uris);
	host_log_init(&host->log, &host->uris, log_message, host);
	host->rate_f = (float)rate;
	host->min_block = 1;
	host->max_block = (int32_t)HOST_MAX_BLOCK;
	host->nominal_block = 256;
	const LV2_URID atom_int = host_map(host, LV2_ATOM__Int);
	host->options[0] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE,
	                                        0,
	                                        host_map(host, LV2_PARAMETERS__sampleRate),
	                                        sizeof(float),
	                                        host_map(host, LV2_ATOM__Float),
	                                        &host->rate_f};
	host->options[1] = (LV2_Options_Option){
	    LV2_OPTIONS_INSTANCE, 0,        host_map(host, LV2_BUF_SIZE__minBlockLength),
	    sizeof(int32_t),      atom_int, &host->min_block};
	host->options[2] = (LV2_Options_Option){
	    LV2_OPTIONS_INSTANCE, 0,        host_map(host, LV2_BUF_SIZE__maxBlockLength),
	    sizeof(int32_t),      atom_int, &host->max_block};
	host->options[3] = (LV2_Options_Option){
	    LV2_OPTIONS_INSTANCE, 0,        host_map(host, LV2_BUF_SIZE__nominalBlockLength),
	    sizeof(int32_t),      atom_int, &host->nominal_block};
	host->options[4] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL};

	host_worker_init(&host->worker);
	host_paths_init(&host->paths);
	const LV2_Feature list[] = {
	    {LV2_URID__map, &host->uris.map},
	    {LV2_URID__unmap, &host->uris.unmap},
	    {LV2_LOG__log, &host->log.log},
	    {LV2_OPTIONS__options, host->options},
	    {LV2_BUF_SIZE__boundedBlockLength, NULL},
	    {LV2_WORKER__schedule, &host->worker.schedule},
	    {LV2_STATE__mapPath, &host->paths.map_path},
	    {LV2_STATE__makePath, &host->paths.make_path},
	    {LV2_STATE__freePath, &host->paths.free_path},
	    {LV2_INLINEDISPLAY__queue_draw, &host->inline_display},
	};
	host->inline_display = (LV2_Inline_Display){host, queue_draw};
	/* the inline display last, so that leaving it out is a shorter list */
	const size_t n_features = sizeof(list) / sizeof(list[0]) - (inline_display ? 0 : 1);
	for (size_t i = 0; i < n_features; ++i) {
		host->feature_list[i] = list[i];
		host->features[i] = &host->feature_list[i];
	}
	host->features[n_features] = NULL;

	host->instance = lilv_plugin_instantiate(host->plugin, rate, host->features);
	if (!host->instance) {
		set_error(err, err_size, "instantiating <%s> failed", plugin_uri);
		host_free(host);
		return NULL;
	}
	host_worker_attach(&host->worker, host->instance);
	if (!connect_ports(host, err, err_size)) {
		host_free(host);
		return NULL;
	}
	return host;
}

void
host_free(Host* host)
{
	if (!host) {
		return;
	}
	if (host->instance) {
		lilv_instance_free(host->instance);
	}
	for (uint32_t i = 0; host->ports && i < host->n_ports; ++i) {
		free(host->ports[i].atom);
	}
	free(host->ports);
	free(host->atom_in);
	free(host->atom_out);
	uri_table_clear(&host->uris);
	host_paths_cleanup(&host->paths);
	lilv_world_free(host->world);
	free(host);
}

LilvWorld*
host_world(Host* host)
{
	return host->world;
}

const LilvPlugin*
host_plugin(Host* host)
{
	return host->plugin;
}

LilvInstance*
host_instance(Host* host)
{
	return host->instance;
}

LV2_URID_Map*
host_urid_map(Host* host)
{
	return &host->uris.map;
}

const LV2_Feature* const*
host_features(const Host* host)
{
	return host->features;
}

int
host_set_base_dir(Host* host, const char* dir)
{
	return host_paths_set_base(&host->paths, dir);
}

double
host_rate(const Host* host)
{
	return host->rate;
}

void
host_activate(Host* host)
{
	lilv_instance_activate(host->instance);
}

void
host_deactivate(Host* host)
{
	lilv_instance_deactivate(host->instance);
}
