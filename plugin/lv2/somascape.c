/* SPDX-License-Identifier: ISC */
/* The LV2 glue: ports in, engine, ports out.  All sound is made in
 * dsp/engine.c; this file only talks to the host. */
#include "controls.h"
#include "player.h"
#include "inline_display.h"
#include "midi_map.h"
#include "ports.h"
#include "sample_patch.h"
#include "sample_state.h"
#include "sample_worker.h"
#include "time_position.h"
#include "ui_link.h"
#include "uris.h"

#include <lv2/atom/util.h>
#include <lv2/core/lv2.h>
#include <lv2/core/lv2_util.h>
#include <lv2/log/logger.h>
#include <lv2/state/state.h>
#include <lv2/worker/worker.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Most taps and MIDI messages out in one block. */
#define BLOCK_TAPS 256

typedef struct {
	const LV2_Atom_Sequence* control;
	LV2_Atom_Sequence* notify;
	LV2_Atom_Sequence* midi_out;
	float* out[2];
	const float* control_in[CONTROL_IN_COUNT]; /* the default when unconnected */
	float* control_out[CONTROL_OUT_COUNT];

	LV2_URID_Map* map;
	LV2_Log_Logger logger;
	SomascapeURIs uris;

	Controls controls;
	float port_values[CONTROL_IN_COUNT]; /* as last read, before clamping; NaN at first */
	Player player;
	TapNotes tap_notes;
	Tap taps[BLOCK_TAPS]; /* of the current block, by its frame */
	uint32_t tap_count;
	MidiOut midi[BLOCK_TAPS];

	SamplePatch sample_patch; /* the cue sample parameter */
	SampleWorker samples;     /* loading it */
	UiLink ui;                /* motion snapshots for the plugin's window */

	InlineDisplay display; /* Ardour's inline display */
} Somascape;

/* Instantiation thread. */
static LV2_Handle
instantiate(const LV2_Descriptor* descriptor, double rate, const char* bundle_path,
            const LV2_Feature* const* features)
{
	(void)descriptor;
	(void)bundle_path;
	LV2_URID_Map* map = NULL;
	LV2_Log_Log* log = NULL;
	LV2_Worker_Schedule* schedule = NULL;
	const LV2_Inline_Display* inline_display = NULL;
	const char* missing = lv2_features_query(
	    features, LV2_LOG__log, &log, false, LV2_URID__map, &map, true, LV2_WORKER__schedule,
	    &schedule, false, LV2_INLINEDISPLAY__queue_draw, &inline_display, false, NULL);
	LV2_Log_Logger logger;
	lv2_log_logger_init(&logger, map, log);
	if (missing) {
		lv2_log_error(&logger, "somascape: the host lacks the feature <%s>\n", missing);
		return NULL;
	}
	if (!(rate >= 1000.0 && rate <= 1536000.0)) {
		lv2_log_error(&logger, "somascape: unusable sample rate %f\n", rate);
		return NULL;
	}
	/* the DSP state declares vector alignment, which calloc's 16 bytes
	 * do not promise: a compiler may store it with aligned instructions */
	const size_t align = _Alignof(Somascape);
	const size_t size = (sizeof(Somascape) + align - 1) / align * align;
	Somascape* self = (Somascape*)aligned_alloc(align, size);
	if (!self) {
		return NULL;
	}
	memset(self, 0, size);
	self->map = map;
	self->logger = logger;
	map_uris(map, &self->uris);
	controls_defaults(&self->controls);
	for (int i = 0; i < CONTROL_IN_COUNT; ++i) {
		self->control_in[i] = &control_inputs[i].def;
		self->port_values[i] = NAN; /* so that the first block reads every port */
	}
	player_init(&self->player, rate);
	tap_notes_init(&self->tap_notes, rate);
	sample_patch_init(&self->sample_patch, map);
	ui_link_init(&self->ui, map, rate);
	sample_worker_init(&self->samples, rate, schedule, &self->logger);
	inline_display_init(&self->display, inline_display, rate);
	return (LV2_Handle)self;
}

/* Audio thread (or instantiation thread). */
static void
connect_port(LV2_Handle instance, uint32_t port, void* data)
{
	Somascape* self = (Somascape*)instance;
	if (port >= PORT_FIRST_CONTROL_OUT && port < PORT_COUNT) {
		self->control_out[port - PORT_FIRST_CONTROL_OUT] = (float*)data;
	} else if (port >= PORT_FIRST_CONTROL_IN && port < PORT_FIRST_CONTROL_OUT) {
		const uint32_t i = port - PORT_FIRST_CONTROL_IN;
		self->control_in[i] = data ? (const float*)data : &control_inputs[i].def;
	} else {
		switch ((PortIndex)port) {
		case PORT_out_l:
			self->out[0] = (float*)data;
			break;
		case PORT_out_r:
			self->out[1] = (float*)data;
			break;
		case PORT_control:
			self->control = (const LV2_Atom_Sequence*)data;
			break;
		case PORT_notify:
			self->notify = (LV2_Atom_Sequence*)data;
			break;
		case PORT_midi_out:
			self->midi_out = (LV2_Atom_Sequence*)data;
			break;
		default:
			break;
		}
	}
}

/* Instantiation thread: the session starts again from its beginning. */
static void
activate(LV2_Handle instance)
{
	Somascape* self = (Somascape*)instance;
	player_reset(&self->player);
	tap_notes_init(&self->tap_notes, self->player.engine.rate);
}

/* True when some port holds other bits than when last read: a cheap
 * test of every port of the sound, since on most blocks none has moved. */
static bool
ports_moved(const Somascape* self)
{
	uint32_t moved = 0;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC unroll 8
#endif
	for (int i = 0; i < CONTROL_IN_SOUND_COUNT; ++i) {
		uint32_t now, then;
		memcpy(&now, self->control_in[i], sizeof(now));
		memcpy(&then, &self->port_values[i], sizeof(then));
		moved |= now ^ then;
	}
	return moved != 0;
}

/* Reads every control port, clamped: hosts send anything.  On most
 * blocks no port has moved, and then the engines are left as they are
 * (a NaN never equals itself: it is taken again whenever another port
 * moves, to the same clamped value). */
static void
read_controls(Somascape* self)
{
	if (!ports_moved(self)) {
		return;
	}
	bool moved = false;
	for (int i = 0; i < CONTROL_IN_SOUND_COUNT; ++i) {
		const float value = *self->control_in[i];
		if (value != self->port_values[i]) {
			const ControlInfo* info = &control_inputs[i];
			self->port_values[i] = value;
			*(float*)((char*)&self->controls + info->offset) = control_clamp(info, value);
			moved = true;
		}
	}
	if (moved) {
		engine_set_controls(&self->player.engine, &self->controls);
		engine_set_controls(&self->player.fading, &self->controls);
	}
}

static void
write_controls(Somascape* self)
{
	const Outputs* out = engine_outputs(&self->player.engine);
	for (int i = 0; i < CONTROL_OUT_COUNT; ++i) {
		if (self->control_out[i]) {
			const ControlInfo* info = &control_outputs[i];
			const float value = *(const float*)((const char*)out + info->offset);
			*self->control_out[i] = control_clamp(info, value);
		}
	}
}

static ClockMode
clock_mode(const Somascape* self)
{
	return (ClockMode)(int)self->controls.clock;
}

/* A live cue from MIDI, at the current frame. */
static void
read_midi(Somascape* self, const uint8_t* msg, uint32_t size)
{
	Engine* e = &self->player.engine;
	const MidiCue cue = midi_cue_read(msg, size, (int)e->ctl.gaze_mode == GAZE_FOLLOW);
	switch (cue.kind) {
	case MIDI_CUE_LOOK:
		engine_steer(e, cue.target);
		break;
	case MIDI_CUE_OTHER_SIDE:
		engine_steer_other_side(e);
		break;
	case MIDI_CUE_SET:
		engine_toggle_set(e);
		break;
	default:
		break;
	}
}

/* Audio thread: patch:Set of the cue sample goes to the worker; patch:Get
 * is answered on notify. */
static void
handle_sample_patch(Somascape* self, int64_t frame, const LV2_Atom* event)
{
	const char* path = NULL;
	uint32_t size = 0;
	switch (sample_patch_read(&self->sample_patch, event, &path, &size)) {
	case SAMPLE_PATCH_SET:
		sample_worker_load(&self->samples, path, size);
		break;
	case SAMPLE_PATCH_GET:
		if (!sample_patch_report(&self->sample_patch, frame, sample_worker_path(&self->samples))) {
			self->samples.report = true; /* no room: in the next run */
		}
		break;
	case SAMPLE_PATCH_NONE:
		break;
	}
}

/* An event at `frame` of the block; replies go out on that frame. */
static void
read_event(Somascape* self, const LV2_Atom_Event* ev, int64_t frame)
{
	if (ev->body.type == self->uris.midi_MidiEvent) {
		read_midi(self, (const uint8_t*)LV2_ATOM_BODY_CONST(&ev->body), ev->body.size);
		return;
	}
	HostPosition pos;
	if (time_position_read(&self->uris, (const LV2_Atom_Object*)&ev->body, self->player.engine.rate,
	                       &pos)) {
		player_position(&self->player, clock_mode(self), &pos);
	} else if (!ui_link_read(&self->ui, &ev->body)) {
		handle_sample_patch(self, frame, &ev->body);
	}
}

/* Renders frames [from, from + n) of the block, noting its taps. */
static void
render(Somascape* self, uint32_t from, uint32_t n)
{
	if (n == 0) {
		return;
	}
	Player* p = &self->player;
	player_process(p, clock_mode(self), self->out[0] + from, self->out[1] + from, n);
	for (uint32_t i = 0; i < p->tap_count && self->tap_count < BLOCK_TAPS; ++i) {
		self->taps[self->tap_count++] = (Tap){from + p->taps[i].frame, p->taps[i].side};
	}
}

/* The block's tap notes, into the MIDI output (as many as fit). */
static void
write_midi(Somascape* self, uint32_t n_samples, uint32_t capacity)
{
	const uint32_t count = tap_notes_block(&self->tap_notes, self->taps, self->tap_count, n_samples,
	                                       self->midi, BLOCK_TAPS);
	if (!self->midi_out) {
		return;
	}
	for (uint32_t i = 0; i < count; ++i) {
		struct {
			LV2_Atom_Event event;
			uint8_t msg[3];
		} note = {{{(int64_t)self->midi[i].frame}, {3, self->uris.midi_MidiEvent}},
		          {self->midi[i].msg[0], self->midi[i].msg[1], self->midi[i].msg[2]}};
		/* lv2_atom_sequence_append_event() checks the room for the event
		 * unpadded, then takes it padded: the padded size must fit */
		if (self->midi_out->atom.size + lv2_atom_pad_size(sizeof(note)) > capacity ||
		    !lv2_atom_sequence_append_event(self->midi_out, capacity, &note.event)) {
			break;
		}
	}
}

/* Hosts hand an output over as an atom:Chunk whose size is the room they
 * gave, and read it back only as an atom:Sequence: jalv and Ardour take any
 * other type as empty.  So the output is made an empty sequence before
 * anything else, whenever its header fits; returns the room. */
static uint32_t
open_sequence(LV2_Atom_Sequence* seq, LV2_URID sequence_type)
{
	if (!seq) {
		return 0;
	}
	const uint32_t capacity = seq->atom.size;
	if (capacity >= sizeof(LV2_Atom_Sequence_Body)) {
		seq->atom.type = sequence_type;
		seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
		seq->body.unit = 0;
		seq->body.pad = 0;
	}
	return capacity;
}

/* Audio thread: renders up to each event, then applies it (sample-exact). */
static void
run(LV2_Handle instance, uint32_t n_samples)
{
	Somascape* self = (Somascape*)instance;
	const uint32_t midi_capacity = open_sequence(self->midi_out, self->uris.atom_Sequence);
	sample_patch_begin(&self->sample_patch, self->notify);
	if (!self->out[0] || !self->out[1]) {
		sample_patch_end(&self->sample_patch);
		return;
	}
	read_controls(self);
	self->tap_count = 0;
	sample_worker_collect(&self->samples, &self->player);
	if (self->samples.report) {
		self->samples.report =
		    !sample_patch_report(&self->sample_patch, 0, sample_worker_path(&self->samples));
	}

	uint32_t done = 0;
	if (self->control) {
		LV2_ATOM_SEQUENCE_FOREACH(self->control, ev)
		{
			const int64_t at = ev->time.frames;
			if (at < (int64_t)done || at > (int64_t)n_samples) {
				continue; /* out of order or out of the block: ignored */
			}
			render(self, done, (uint32_t)at - done);
			done = (uint32_t)at;
			/* an event on the block's end is taken there; a reply to it
			 * goes out on the block's last frame (frame 0 of an empty one) */
			const int64_t last = n_samples > 0 ? (int64_t)n_samples - 1 : 0;
			read_event(self, ev, at < last ? at : last);
		}
	}
	render(self, done, n_samples - done);
	write_controls(self);
	write_midi(self, n_samples, midi_capacity);
	if (self->ui.on && self->sample_patch.writing) {
		ui_link_report(&self->ui, &self->sample_patch.forge, &self->player, n_samples,
		               n_samples > 0 ? (int64_t)n_samples - 1 : 0);
	}
	sample_patch_end(&self->sample_patch);
	inline_display_run(&self->display, &self->player.engine,
	                   self->control_in + CONTROL_IN_SOUND_COUNT, n_samples);
}

static void
cleanup(LV2_Handle instance)
{
	Somascape* self = (Somascape*)instance;
	sample_worker_cleanup(&self->samples);
	inline_display_cleanup(&self->display);
	free(self);
}

/* Worker thread: loads or frees a cue sample. */
static LV2_Worker_Status
work(LV2_Handle instance, LV2_Worker_Respond_Function respond, LV2_Worker_Respond_Handle handle,
     uint32_t size, const void* data)
{
	Somascape* self = (Somascape*)instance;
	return sample_worker_work(&self->samples, respond, handle, size, data);
}

/* Audio thread: a loaded cue sample is swapped in. */
static LV2_Worker_Status
work_response(LV2_Handle instance, uint32_t size, const void* data)
{
	Somascape* self = (Somascape*)instance;
	return sample_worker_response(&self->samples, &self->player, size, data);
}

/* State thread (may run beside run()): the cue sample's path. */
static LV2_State_Status
save(LV2_Handle instance, LV2_State_Store_Function store, LV2_State_Handle handle, uint32_t flags,
     const LV2_Feature* const* features)
{
	(void)flags;
	Somascape* self = (Somascape*)instance;
	return sample_state_save(&self->samples, &self->sample_patch.uris, store, handle, features);
}

static LV2_State_Status
restore(LV2_Handle instance, LV2_State_Retrieve_Function retrieve, LV2_State_Handle handle,
        uint32_t flags, const LV2_Feature* const* features)
{
	(void)flags;
	Somascape* self = (Somascape*)instance;
	return sample_state_restore(&self->samples, &self->player, &self->sample_patch.uris, retrieve,
	                            handle, features);
}

/* GUI thread (the host's): the inline display's picture. */
static LV2_Inline_Display_Image_Surface*
render_inline(LV2_Handle instance, uint32_t w, uint32_t max_h)
{
	Somascape* self = (Somascape*)instance;
	return inline_display_render(&self->display, w, max_h);
}

static const void*
extension_data(const char* uri)
{
	static const LV2_Worker_Interface worker = {work, work_response, NULL};
	static const LV2_State_Interface state = {save, restore};
	static const LV2_Inline_Display_Interface inline_display = {render_inline};
	if (!strcmp(uri, LV2_INLINEDISPLAY__interface)) {
		return &inline_display;
	}
	if (!strcmp(uri, LV2_WORKER__interface)) {
		return &worker;
	}
	if (!strcmp(uri, LV2_STATE__interface)) {
		return &state;
	}
	return NULL;
}

static const LV2_Descriptor descriptor = {
    SOMASCAPE_URI, instantiate, connect_port, activate, run, NULL, cleanup, extension_data,
};

LV2_SYMBOL_EXPORT const LV2_Descriptor*
lv2_descriptor(uint32_t index)
{
	return index == 0 ? &descriptor : NULL;
}
