/* SPDX-License-Identifier: ISC */
#include "host.h"
#include "atom_check.h"
#include "host_features.h"
#include "host_paths.h"
#include "host_worker.h"

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

#define ATOM_CAPACITY 65536u
/* Bytes past an output's room that must come back untouched: a few, so
 * that the check costs the benchmarks next to nothing. */
#define ATOM_GUARD 16u
#define ATOM_GUARD_BYTE 0xA5u

typedef enum { PORT_AUDIO_OUT, PORT_CONTROL_IN, PORT_CONTROL_OUT, PORT_ATOM_IN, PORT_ATOM_OUT, PORT_OTHER } PortRole;

typedef struct {
	PortRole    role;
	const char* symbol;
	float       value;
	void*       atom; /* ATOM_CAPACITY bytes, for atom ports */
} HostPort;

struct Host {
	LilvWorld*        world;
	const LilvPlugin* plugin;
	LilvInstance*     instance;
	double            rate;
	uint32_t          n_ports;
	HostPort*         ports;
	/* the atom ports by direction, so that run() need not look through
	 * all ports */
	HostPort**        atom_in;
	HostPort**        atom_out;
	uint32_t          n_atom_in, n_atom_out;
	int               audio_out[2];
	LV2_URID          atom_chunk; /* mapped once: run() is hot */
	AtomCheckURIs     atom_check;
	uint32_t          out_room;   /* what an output's atom.size says before run() */
	bool              strict;     /* abort on an ill-formed output */
	char              output_error[256];

	UriTable       uris;
	HostLog        log;
	HostLogHook    log_hook;
	void*          log_hook_data;
	float          rate_f;
	int32_t        min_block, max_block, nominal_block;
	LV2_Options_Option options[5];

	HostWorker         worker;
	HostPaths          paths;
	LV2_Inline_Display inline_display; /* given when asked for */
	uint32_t           queue_draws;    /* its requests since instantiation */
	LV2_Feature        feature_list[10];
	const LV2_Feature* features[11]; /* NULL-terminated, for instantiate and state */
};

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
	const LV2_Inline_Display_Interface* idpy = (const LV2_Inline_Display_Interface*)
	    lilv_instance_get_extension_data(host->instance, LV2_INLINEDISPLAY__interface);
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
	host->options[0] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
	    host_map(host, LV2_PARAMETERS__sampleRate), sizeof(float),
	    host_map(host, LV2_ATOM__Float), &host->rate_f};
	host->options[1] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
	    host_map(host, LV2_BUF_SIZE__minBlockLength), sizeof(int32_t), atom_int, &host->min_block};
	host->options[2] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
	    host_map(host, LV2_BUF_SIZE__maxBlockLength), sizeof(int32_t), atom_int, &host->max_block};
	host->options[3] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0,
	    host_map(host, LV2_BUF_SIZE__nominalBlockLength), sizeof(int32_t), atom_int,
	    &host->nominal_block};
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

static HostPort*
find_port(const Host* host, const char* symbol)
{
	for (uint32_t i = 0; i < host->n_ports; ++i) {
		if (strcmp(host->ports[i].symbol, symbol) == 0) {
			return &host->ports[i];
		}
	}
	return NULL;
}

bool
host_set(Host* host, const char* symbol, float value)
{
	HostPort* port = find_port(host, symbol);
	if (!port || port->role != PORT_CONTROL_IN) {
		return false;
	}
	port->value = value;
	return true;
}

bool
host_get(const Host* host, const char* symbol, float* value)
{
	const HostPort* port = find_port(host, symbol);
	if (!port || (port->role != PORT_CONTROL_IN && port->role != PORT_CONTROL_OUT)) {
		return false;
	}
	*value = port->value;
	return true;
}

float*
host_control(Host* host, const char* symbol)
{
	HostPort* port = find_port(host, symbol);
	if (!port || (port->role != PORT_CONTROL_IN && port->role != PORT_CONTROL_OUT)) {
		return NULL;
	}
	return &port->value;
}

bool
host_send_event(Host* host, uint32_t frame, uint32_t type, uint32_t size, const void* body)
{
	if (host->n_atom_in == 0) {
		return false;
	}
	LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)host->atom_in[0]->atom;
	const uint32_t need = (uint32_t)sizeof(LV2_Atom_Event) + lv2_atom_pad_size(size);
	if (sizeof(LV2_Atom) + seq->atom.size + need > ATOM_CAPACITY) {
		return false;
	}
	LV2_Atom_Event* ev = lv2_atom_sequence_end(&seq->body, seq->atom.size);
	ev->time.frames = frame;
	ev->body.type = type;
	ev->body.size = size;
	memcpy(ev + 1, body, size);
	seq->atom.size += need;
	return true;
}

/* Before run(): an output is a chunk of out_room bytes, as hosts give it,
 * with a guard after it. */
static void
prepare_output(Host* host, HostPort* port)
{
	LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)port->atom;
	seq->atom.type = host->atom_chunk;
	seq->atom.size = host->out_room;
	memset((uint8_t*)port->atom + sizeof(LV2_Atom) + host->out_room, ATOM_GUARD_BYTE, ATOM_GUARD);
}

/* After run(): the output as jalv and Ardour read it.  An ill-formed one
 * is an error (fatal when strict), and is then read as empty. */
static void
check_output(Host* host, HostPort* port, uint32_t n)
{
	LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)port->atom;
	char why[200] = "";
	const uint8_t* guard = (const uint8_t*)port->atom + sizeof(LV2_Atom) + host->out_room;
	static const uint8_t untouched[ATOM_GUARD] = {
	    ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE,
	    ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE,
	    ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE,
	    ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE};
	if (memcmp(guard, untouched, ATOM_GUARD) != 0) {
		snprintf(why, sizeof(why), "written past its room of %u bytes", host->out_room);
	}
	if (!why[0] && atom_check_output(seq, host->out_room, n, &host->atom_check, why, sizeof(why))) {
		return;
	}
	if (!host->output_error[0]) {
		snprintf(host->output_error, sizeof(host->output_error), "the %s output after run(%u): %s",
		         port->symbol, n, why);
	}
	if (host->strict) {
		fprintf(stderr, "host: %s\n", host->output_error);
		abort();
	}
	seq->atom.type = host->atom_check.sequence;
	seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
}

void
host_run(Host* host, float* left, float* right, uint32_t n)
{
	lilv_instance_connect_port(host->instance, (uint32_t)host->audio_out[0], left);
	lilv_instance_connect_port(host->instance, (uint32_t)host->audio_out[1], right);
	for (uint32_t i = 0; i < host->n_atom_out; ++i) {
		prepare_output(host, host->atom_out[i]);
	}
	lilv_instance_run(host->instance, n);
	for (uint32_t i = 0; i < host->n_atom_out; ++i) {
		check_output(host, host->atom_out[i], n);
	}
	host_worker_end_run(&host->worker);
	for (uint32_t i = 0; i < host->n_atom_in; ++i) {
		LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)host->atom_in[i]->atom;
		seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
	}
}

void
host_set_strict(Host* host, bool strict)
{
	host->strict = strict;
}

const char*
host_output_error(const Host* host)
{
	return host->output_error[0] ? host->output_error : NULL;
}

bool
host_set_output_room(Host* host, uint32_t room)
{
	if (room > ATOM_CAPACITY - sizeof(LV2_Atom) - ATOM_GUARD) {
		return false;
	}
	host->out_room = room;
	return true;
}

const LV2_Atom_Sequence*
host_output_events(const Host* host, const char* symbol)
{
	const HostPort* port = find_port(host, symbol);
	return port && port->role == PORT_ATOM_OUT ? (const LV2_Atom_Sequence*)port->atom : NULL;
}

void
host_render(Host* host, float* left, float* right, uint64_t n, uint32_t block)
{
	if (block == 0 || block > HOST_MAX_BLOCK) {
		block = HOST_MAX_BLOCK;
	}
	for (uint64_t done = 0; done < n;) {
		const uint32_t k = n - done < block ? (uint32_t)(n - done) : block;
		host_run(host, left + done, right + done, k);
		done += k;
	}
}
