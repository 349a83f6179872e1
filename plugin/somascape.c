/* SPDX-License-Identifier: ISC */
/* The LV2 glue: ports in, engine, ports out.  All sound is made in
 * dsp/engine.c; this file only talks to the host. */
#include "dsp/controls.h"
#include "dsp/engine.h"
#include "ports.h"
#include "uris.h"

#include <lv2/atom/util.h>
#include <lv2/core/lv2.h>
#include <lv2/core/lv2_util.h>
#include <lv2/log/logger.h>

#include <math.h>
#include <stdlib.h>

typedef struct {
	const LV2_Atom_Sequence* control;
	LV2_Atom_Sequence*       notify;
	LV2_Atom_Sequence*       midi_out;
	float*                   out[2];
	const float*             control_in[CONTROL_IN_COUNT];
	float*                   control_out[CONTROL_OUT_COUNT];

	LV2_URID_Map* map;
	LV2_Log_Logger logger;
	SomascapeURIs uris;

	Controls controls;
	Engine   engine;
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
	const char* missing = lv2_features_query(features, LV2_LOG__log, &log, false,
	                                         LV2_URID__map, &map, true, NULL);
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
	Somascape* self = (Somascape*)calloc(1, sizeof(Somascape));
	if (!self) {
		return NULL;
	}
	self->map = map;
	self->logger = logger;
	map_uris(map, &self->uris);
	controls_defaults(&self->controls);
	engine_init(&self->engine, rate);
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
		self->control_in[port - PORT_FIRST_CONTROL_IN] = (const float*)data;
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
	engine_reset(&self->engine);
}

/* Reads every control port, clamped: hosts send anything. */
static void
read_controls(Somascape* self)
{
	for (int i = 0; i < CONTROL_IN_COUNT; ++i) {
		const ControlInfo* info = &control_inputs[i];
		float* field = (float*)((char*)&self->controls + info->offset);
		*field = self->control_in[i] ? control_clamp(info, *self->control_in[i]) : info->def;
	}
	engine_set_controls(&self->engine, &self->controls);
}

static void
write_controls(Somascape* self)
{
	const Outputs* out = engine_outputs(&self->engine);
	for (int i = 0; i < CONTROL_OUT_COUNT; ++i) {
		if (self->control_out[i]) {
			const ControlInfo* info = &control_outputs[i];
			const float value = *(const float*)((const char*)out + info->offset);
			*self->control_out[i] = control_clamp(info, value);
		}
	}
}

static void
read_position(Somascape* self, const LV2_Atom_Object* obj)
{
	const LV2_Atom* bpm = NULL;
	lv2_atom_object_get(obj, self->uris.time_beatsPerMinute, &bpm, 0);
	/* the size too: a Float atom with a short body must not be read past */
	if (bpm && bpm->type == self->uris.atom_Float && bpm->size >= sizeof(float)) {
		const float value = ((const LV2_Atom_Float*)bpm)->body;
		if (isfinite(value) && value >= 1.0f && value <= 999.0f) {
			self->engine.tempo_bpm = value;
		}
	}
}

static void
clear_sequence(LV2_Atom_Sequence* seq)
{
	if (seq) {
		seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
		seq->body.unit = 0;
		seq->body.pad = 0;
	}
}

/* Audio thread: renders up to each event, then applies it (sample-exact). */
static void
run(LV2_Handle instance, uint32_t n_samples)
{
	Somascape* self = (Somascape*)instance;
	if (!self->out[0] || !self->out[1]) {
		return;
	}
	read_controls(self);
	clear_sequence(self->notify);
	clear_sequence(self->midi_out);

	uint32_t done = 0;
	if (self->control) {
		LV2_ATOM_SEQUENCE_FOREACH (self->control, ev) {
			const int64_t at = ev->time.frames;
			if (at < (int64_t)done || at > (int64_t)n_samples) {
				continue; /* out of order or out of the block: ignored */
			}
			engine_process(&self->engine, self->out[0] + done, self->out[1] + done,
			               (uint32_t)at - done);
			done = (uint32_t)at;
			const LV2_Atom_Object* obj = (const LV2_Atom_Object*)&ev->body;
			if ((obj->atom.type == self->uris.atom_Blank ||
			     obj->atom.type == self->uris.atom_Object) &&
			    obj->atom.size >= sizeof(LV2_Atom_Object_Body) &&
			    obj->body.otype == self->uris.time_Position) {
				read_position(self, obj);
			}
		}
	}
	engine_process(&self->engine, self->out[0] + done, self->out[1] + done, n_samples - done);
	write_controls(self);
}

static void
cleanup(LV2_Handle instance)
{
	free(instance);
}

static const void*
extension_data(const char* uri)
{
	(void)uri;
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
