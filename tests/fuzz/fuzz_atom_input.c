/* SPDX-License-Identifier: ISC */
/* Fuzz target: the control port's atom input.  The fuzz bytes choose a
 * sample rate, a few control values, and up to four blocks, each with a
 * sequence of events built by atom_gen (time:Position, MIDI, patch
 * messages, stray atoms; well formed, or with primitives of wrong sizes and
 * strings without their NUL).  The plugin is driven through its descriptor
 * with a URID map, options and log; every sequence sits in a buffer of
 * exactly its size, so AddressSanitizer sees any read past it.  After each
 * block the audio must be finite and within 0 dBFS and the output
 * sequences well formed in the room the bytes gave them (atom_check.h),
 * or the target aborts.
 *
 * The worker drops the work (host_worker_drop): loading files is the
 * sample-file target's job, and this one must not touch the disk. */
#include "atom_check.h"
#include "atom_gen.h"
#include "host_features.h"
#include "ports.h"

#include <lv2/atom/util.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const LV2_Descriptor* lv2_descriptor(uint32_t index);

#define MAX_FRAMES 4096u
#define OUT_CAPACITY 32768u

/* The log's messages are formatted (host_features.c), not shown. */
static void
log_dropped(void* data, const char* type, const char* message)
{
	(void)data;
	(void)type;
	(void)message;
}

/* One table for the whole run: every input sees the same URIDs. */
static UriTable uris;

static void
fail(const char* what, double a, double b)
{
	fprintf(stderr, "fuzz_atom_input: %s (%g, %g)\n", what, a, b);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
	static const double rates[] = {8000.0,  22050.0,  44100.0,  48000.0,
	                               96000.0, 192000.0, 384000.0, 11025.5};
	ByteSource src = byte_source_bytes(data, size);
	const double rate = rates[src_u8(&src) % 8];
	const uint8_t flags = src_u8(&src);
	const int malformed = flags & 1;
	const uint32_t n_blocks = 1 + ((flags >> 1) & 3);

	if (!uris.map.map) {
		uri_table_init(&uris);
	}
	LV2_URID_Map* map = &uris.map;
	HostLog log;
	host_log_init(&log, &uris, log_dropped, NULL);
	LV2_Worker_Schedule schedule = {NULL, host_worker_drop};
	float rate_f = (float)rate;
	int32_t min_block = 0, max_block = MAX_FRAMES, nominal = 256;
	const LV2_URID atom_Int = uri_table_map(&uris, LV2_ATOM__Int);
	LV2_Options_Option options[] = {
	    {LV2_OPTIONS_INSTANCE, 0, uri_table_map(&uris, LV2_PARAMETERS__sampleRate), sizeof(float),
	     uri_table_map(&uris, LV2_ATOM__Float), &rate_f},
	    {LV2_OPTIONS_INSTANCE, 0, uri_table_map(&uris, LV2_BUF_SIZE__minBlockLength),
	     sizeof(int32_t), atom_Int, &min_block},
	    {LV2_OPTIONS_INSTANCE, 0, uri_table_map(&uris, LV2_BUF_SIZE__maxBlockLength),
	     sizeof(int32_t), atom_Int, &max_block},
	    {LV2_OPTIONS_INSTANCE, 0, uri_table_map(&uris, LV2_BUF_SIZE__nominalBlockLength),
	     sizeof(int32_t), atom_Int, &nominal},
	    {LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL},
	};
	const LV2_Feature f_map = {LV2_URID__map, map};
	const LV2_Feature f_unmap = {LV2_URID__unmap, &uris.unmap};
	const LV2_Feature f_log = {LV2_LOG__log, &log.log};
	const LV2_Feature f_options = {LV2_OPTIONS__options, options};
	const LV2_Feature f_bounded = {LV2_BUF_SIZE__boundedBlockLength, NULL};
	const LV2_Feature f_worker = {LV2_WORKER__schedule, &schedule};
	const LV2_Feature* features[] = {&f_map,     &f_unmap,  &f_log, &f_options,
	                                 &f_bounded, &f_worker, NULL};

	const LV2_Descriptor* desc = lv2_descriptor(0);
	LV2_Handle plugin = desc->instantiate(desc, rate, "/nonexistent/somascape.lv2/", features);
	if (!plugin) {
		fail("instantiate failed", rate, 0);
	}

	/* Every port of ports.def connected; every control input starts at
	 * NaN, which the plugin takes as its default, then the bytes set a few. */
	static float controls[PORT_COUNT];
	static float left[MAX_FRAMES], right[MAX_FRAMES];
	_Alignas(8) static uint8_t notify[OUT_CAPACITY], midi_out[OUT_CAPACITY];
	desc->connect_port(plugin, PORT_out_l, left);
	desc->connect_port(plugin, PORT_out_r, right);
	desc->connect_port(plugin, PORT_notify, notify);
	desc->connect_port(plugin, PORT_midi_out, midi_out);
	for (uint32_t i = PORT_FIRST_CONTROL_IN; i < PORT_COUNT; ++i) {
		controls[i] = i < PORT_FIRST_CONTROL_OUT ? NAN : 0.0f;
		desc->connect_port(plugin, i, &controls[i]);
	}
	const uint32_t n_inputs = PORT_FIRST_CONTROL_OUT - PORT_FIRST_CONTROL_IN;
	const uint32_t n_controls = src_u8(&src) % 8;
	for (uint32_t i = 0; i < n_controls; ++i) {
		const uint32_t port = PORT_FIRST_CONTROL_IN + src_u8(&src) % n_inputs;
		controls[port] = src_chance(&src, 0.5) ? (float)(src_u8(&src) % 12) : gen_float(&src);
	}
	if (desc->activate) {
		desc->activate(plugin);
	}

	GenURIs u;
	gen_uris_map(&u, map);
	const LV2_URID sequence_type = uri_table_map(&uris, LV2_ATOM__Sequence);
	const LV2_URID chunk = uri_table_map(&uris, LV2_ATOM__Chunk);
	LV2_Atom_Forge forge;
	lv2_atom_forge_init(&forge, map);
	for (uint32_t b = 0; b < n_blocks; ++b) {
		const uint32_t n = (uint32_t)(src_bits(&src, 2) % (MAX_FRAMES + 1));
		_Alignas(8) static uint8_t build[65536];
		lv2_atom_forge_set_buffer(&forge, build, sizeof(build));
		LV2_Atom_Forge_Frame seq_frame;
		lv2_atom_forge_sequence_head(&forge, &seq_frame, 0);
		const uint32_t n_events = src_u8(&src) % 16;
		for (uint32_t e = 0; e < n_events && !src_exhausted(&src); ++e) {
			const int64_t frame = (int64_t)(src_bits(&src, 2) % (n + 2));
			if (!lv2_atom_forge_frame_time(&forge, frame) ||
			    !gen_event(&forge, &src, &u, (GenKind)(src_u8(&src) % 5), malformed)) {
				break;
			}
		}
		lv2_atom_forge_pop(&forge, &seq_frame);
		const LV2_Atom_Sequence* built = (const LV2_Atom_Sequence*)build;
		const size_t seq_size = sizeof(LV2_Atom) + built->atom.size;
		LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)malloc(seq_size);
		memcpy(seq, built, seq_size);
		seq->atom.type = sequence_type;
		desc->connect_port(plugin, PORT_control, seq);

		/* mostly all the room there is, now and then hardly any */
		const uint32_t room =
		    src_chance(&src, 0.8) ? OUT_CAPACITY - sizeof(LV2_Atom) : src_u8(&src) % 64;
		((LV2_Atom_Sequence*)notify)->atom = (LV2_Atom){room, chunk};
		((LV2_Atom_Sequence*)midi_out)->atom = (LV2_Atom){room, chunk};
		desc->run(plugin, n);
		free(seq);

		for (uint32_t i = 0; i < n; ++i) {
			if (!(fabsf(left[i]) <= 1.0f) || !(fabsf(right[i]) <= 1.0f)) {
				fail("output not finite or above 0 dBFS", left[i], right[i]);
			}
		}
		const AtomCheckURIs check = {sequence_type, u.midi_MidiEvent};
		char why[200];
		if (!atom_check_output((const LV2_Atom_Sequence*)notify, room, n, &check, why,
		                       sizeof(why)) ||
		    !atom_check_output((const LV2_Atom_Sequence*)midi_out, room, n, &check, why,
		                       sizeof(why))) {
			fprintf(stderr, "fuzz_atom_input: an output after run(%u): %s\n", n, why);
			abort();
		}
	}
	if (desc->deactivate) {
		desc->deactivate(plugin);
	}
	desc->cleanup(plugin);
	return 0;
}
