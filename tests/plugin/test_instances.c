/* SPDX-License-Identifier: ISC */
/* Through lilv: instances do not affect one another, and instantiation
 * fails cleanly.
 *
 * Three instances at 44.1, 48 and 96 kHz with different settings, each
 * rendered alone first; then all three together in one process, their
 * blocks interleaved, beside a fourth instance that gets random control
 * values and events and is deactivated, freed and made again at other
 * rates: each of the three renders the same samples as alone, bit for bit.
 *
 * Without the required urid:map feature, at an unusable sample rate, or
 * with no features at all, instantiate() returns NULL and logs why (when
 * it has a log); with a map that maps nothing, it either refuses or plays
 * finite sound. */
#include "atom_gen.h"
#include "host_features.h"
#include "plugin_test.h"

#include <lv2/log/log.h>
#include <lv2/urid/urid.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#define FRAMES 240000u /* 2.5 to 5.4 s */

typedef struct {
	double rate;
	const char* settings[6];
	float values[6];
} Config;

/* clang-format off */
static const Config configs[] = {
    {44100.0, {"gaze_mode", "cue_sound", "chime_mode", "breath_in", NULL}, {1, 2, 1, 1.0f}},
    {48000.0, {"gaze_mode", "cue_sound", "gaze_rate", "drone_voicing", NULL}, {2, 6, 3.0f, 3}},
    {96000.0, {"gaze_mode", "gaze_target", "gaze_glide", "drone_timbre", NULL}, {4, 1, 0.1f, 4}},
};
/* clang-format on */
#define N_CONFIGS 3

static uint32_t
block_of(int config, uint32_t k)
{
	/* a fixed, irregular block sequence per instance */
	return 1u + (k * 2654435761u + (uint32_t)config * 977u) % 1500u;
}

static Host*
open_config(int c)
{
	Host* host = open_plugin(configs[c].rate);
	/* the DSP state asks for AVX alignment: a store to it may assume it */
	const uintptr_t at = (uintptr_t)lilv_instance_get_handle(host_instance(host));
	CHECK(at % 32 == 0, "config %d: the instance is at %#lx, not 32-byte aligned", c,
	      (unsigned long)at);
	set_control(host, "fade_in", 0.0f);
	for (int i = 0; configs[c].settings[i]; ++i) {
		set_control(host, configs[c].settings[i], configs[c].values[i]);
	}
	return host;
}

static Stereo
render_alone(int c)
{
	Host* host = open_config(c);
	Stereo s = stereo_new(FRAMES);
	uint32_t done = 0;
	for (uint32_t k = 0; done < FRAMES; ++k) {
		uint32_t n = block_of(c, k);
		n = n < FRAMES - done ? n : FRAMES - done;
		host_run(host, s.left + done, s.right + done, n);
		done += n;
	}
	host_free(host);
	CHECK(stereo_peak(&s) > 0.001f, "config %d renders silence", c);
	return s;
}

/* The noisy neighbour: random controls and events every block. */
static void
disturb(Host* host, ByteSource* src)
{
	ControlPort inputs[MAX_CONTROL_PORTS];
	const size_t n_in = list_controls(host, true, inputs);
	for (int j = 0; j < 4; ++j) {
		const size_t i = src_below(src, (uint32_t)n_in);
		set_control(host, inputs[i].symbol,
		            src_chance(src, 0.5)
		                ? gen_float(src)
		                : inputs[i].min + (inputs[i].max - inputs[i].min) * (float)src_unit(src));
	}
	GenURIs u;
	gen_uris_map(&u, host_urid_map(host));
	LV2_Atom_Forge forge;
	lv2_atom_forge_init(&forge, host_urid_map(host));
	_Alignas(8) uint8_t buf[4096];
	lv2_atom_forge_set_buffer(&forge, buf, sizeof(buf));
	if (gen_event(&forge, src, &u, GEN_ANY, 0)) {
		const LV2_Atom* atom = (const LV2_Atom*)buf;
		host_send_event(host, 0, atom->type, atom->size, atom + 1);
	}
}

static void
check_together(const Stereo* alone)
{
	Host* hosts[N_CONFIGS];
	Stereo out[N_CONFIGS];
	uint32_t done[N_CONFIGS] = {0}, k[N_CONFIGS] = {0};
	for (int c = 0; c < N_CONFIGS; ++c) {
		hosts[c] = open_config(c);
		out[c] = stereo_new(FRAMES);
	}
	static const double noisy_rates[] = {8000.0, 22050.0, 192000.0, 384000.0, 48000.0};
	int noisy_rate = 0;
	Host* noisy = open_plugin(noisy_rates[0]);
	ByteSource src = byte_source_seeded(99);
	float scratch_l[HOST_MAX_BLOCK], scratch_r[HOST_MAX_BLOCK];
	int remaining = N_CONFIGS;
	for (uint32_t round = 0; remaining > 0; ++round) {
		for (int c = 0; c < N_CONFIGS; ++c) {
			if (done[c] == FRAMES) {
				continue;
			}
			uint32_t n = block_of(c, k[c]++);
			n = n < FRAMES - done[c] ? n : FRAMES - done[c];
			host_run(hosts[c], out[c].left + done[c], out[c].right + done[c], n);
			done[c] += n;
			remaining -= done[c] == FRAMES;

			disturb(noisy, &src);
			host_run(noisy, scratch_l, scratch_r, 1u + src_below(&src, 1024));
		}
		if (round % 50 == 49) { /* the neighbour comes and goes, at another rate */
			host_deactivate(noisy);
			host_free(noisy);
			noisy_rate = (noisy_rate + 1) % 5;
			noisy = open_plugin(noisy_rates[noisy_rate]);
		} else if (round % 17 == 16) {
			host_deactivate(noisy);
			host_activate(noisy);
		}
	}
	host_free(noisy);
	for (int c = 0; c < N_CONFIGS; ++c) {
		for (size_t i = 0; i < FRAMES; ++i) {
			CHECK(out[c].left[i] == alone[c].left[i] && out[c].right[i] == alone[c].right[i],
			      "instance at %.0f Hz: frame %zu is %g, %g together and %g, %g alone",
			      configs[c].rate, i, out[c].left[i], out[c].right[i], alone[c].left[i],
			      alone[c].right[i]);
		}
		printf("%.0f Hz instance: %u frames identical alone and beside two others and a "
		       "noisy neighbour\n",
		       configs[c].rate, FRAMES);
		host_free(hosts[c]);
		stereo_free(&out[c]);
	}
}

/* A log that keeps what the plugin writes. */
static char logged[1024];

static void
keep_log(void* data, const char* type, const char* message)
{
	(void)data;
	(void)type;
	const size_t used = strlen(logged);
	snprintf(logged + used, sizeof(logged) - used, "%s", message);
}

static LV2_URID
map_nothing(LV2_URID_Map_Handle handle, const char* uri)
{
	(void)handle;
	(void)uri;
	return 0;
}

static void
check_instantiate_failures(void)
{
	Host* host = open_plugin(48000.0);
	const LilvPlugin* plugin = host_plugin(host);
	HostLog log;
	host_log_init(&log, NULL, keep_log, NULL);
	const LV2_Feature log_feature = {LV2_LOG__log, &log.log};

	/* no features at all */
	const LV2_Feature* none[] = {NULL};
	CHECK(!lilv_plugin_instantiate(plugin, 48000.0, none), "instantiated with no features");
	CHECK(!lilv_plugin_instantiate(plugin, 48000.0, NULL), "instantiated with NULL features");

	/* a log but no urid:map: NULL, and the reason names the feature */
	const LV2_Feature* log_only[] = {&log_feature, NULL};
	logged[0] = '\0';
	CHECK(!lilv_plugin_instantiate(plugin, 48000.0, log_only), "instantiated without urid:map");
	CHECK(strstr(logged, LV2_URID__map), "the log does not name urid:map: \"%s\"", logged);
	printf("without urid:map: NULL, logged \"%.*s\"\n", (int)strcspn(logged, "\n"), logged);

	/* unusable sample rates, with every feature the host has */
	const LV2_Feature* const* all = host_features(host);
	const LV2_Feature* with_log[16];
	size_t n = 0;
	for (const LV2_Feature* const* f = all; *f && n < 14; ++f) {
		if (strcmp((*f)->URI, LV2_LOG__log) != 0) {
			with_log[n++] = *f;
		}
	}
	with_log[n++] = &log_feature;
	with_log[n] = NULL;
	const double bad_rates[] = {0.0, -48000.0, NAN, INFINITY, -INFINITY, 1e-300, 999.0, 1e12};
	for (size_t i = 0; i < sizeof(bad_rates) / sizeof(bad_rates[0]); ++i) {
		logged[0] = '\0';
		CHECK(!lilv_plugin_instantiate(plugin, bad_rates[i], with_log), "instantiated at %g Hz",
		      bad_rates[i]);
		CHECK(logged[0] != '\0', "nothing logged at %g Hz", bad_rates[i]);
	}
	printf("at %zu unusable sample rates: NULL, each with a logged reason\n",
	       sizeof(bad_rates) / sizeof(bad_rates[0]));

	/* a map that maps nothing (every URID 0): refused, or plays finite sound */
	LV2_URID_Map null_map = {NULL, map_nothing};
	const LV2_Feature map_feature = {LV2_URID__map, &null_map};
	const LV2_Feature* null_map_features[] = {&map_feature, &log_feature, NULL};
	LilvInstance* inst = lilv_plugin_instantiate(plugin, 48000.0, null_map_features);
	if (inst) {
		float ports[256] = {0};
		float left[512], right[512];
		float* audio[2] = {left, right};
		int n_audio = 0, n_atom = 0;
		_Alignas(8) uint8_t seq[3][256];
		float defaults[256];
		lilv_plugin_get_port_ranges_float(plugin, NULL, NULL, defaults);
		LilvNode* audio_class = lilv_new_uri(host_world(host), LILV_URI_AUDIO_PORT);
		LilvNode* atom_class = lilv_new_uri(host_world(host), LV2_ATOM__AtomPort);
		for (uint32_t i = 0; i < lilv_plugin_get_num_ports(plugin) && i < 256; ++i) {
			const LilvPort* port = lilv_plugin_get_port_by_index(plugin, i);
			void* where = &ports[i];
			ports[i] = isnan(defaults[i]) ? 0.0f : defaults[i];
			if (lilv_port_is_a(plugin, port, audio_class) && n_audio < 2) {
				where = audio[n_audio++];
			} else if (lilv_port_is_a(plugin, port, atom_class) && n_atom < 3) {
				LV2_Atom_Sequence* s = (LV2_Atom_Sequence*)seq[n_atom++];
				memset(s, 0, sizeof(seq[0]));
				s->atom.size = sizeof(LV2_Atom_Sequence_Body); /* empty, type unmapped */
				where = s;
			}
			lilv_instance_connect_port(inst, i, where);
		}
		lilv_node_free(audio_class);
		lilv_node_free(atom_class);
		CHECK(n_audio == 2, "%d audio ports", n_audio);
		lilv_instance_activate(inst);
		for (int b = 0; b < 200; ++b) {
			lilv_instance_run(inst, 512);
			for (int i = 0; i < 512; ++i) {
				CHECK(fabsf(left[i]) <= 1.0f && fabsf(right[i]) <= 1.0f,
				      "with a map that maps nothing: sample %g, %g", left[i], right[i]);
			}
		}
		lilv_instance_deactivate(inst);
		lilv_instance_free(inst);
		printf("with a map that maps nothing: instantiated, plays finite sound\n");
	} else {
		printf("with a map that maps nothing: refused (NULL), logged \"%s\"\n", logged);
	}
	host_free(host);
}

int
main(void)
{
	Stereo alone[N_CONFIGS];
	for (int c = 0; c < N_CONFIGS; ++c) {
		alone[c] = render_alone(c);
	}
	check_together(alone);
	for (int c = 0; c < N_CONFIGS; ++c) {
		stereo_free(&alone[c]);
	}
	check_instantiate_failures();
	return 0;
}
