/* SPDX-License-Identifier: ISC */
#include "host_events.h"
#include "plugin_test.h"

#include <lv2/atom/forge.h>
#include <lv2/atom/util.h>
#include <lv2/midi/midi.h>
#include <lv2/time/time.h>

#include <math.h>

#define BEATS_PER_BAR 4.0

void
send_position(Host* host, uint32_t at, const TestPosition* pos)
{
	uint8_t buffer[512];
	LV2_Atom_Forge forge;
	lv2_atom_forge_init(&forge, host_urid_map(host));
	lv2_atom_forge_set_buffer(&forge, buffer, sizeof(buffer));
	LV2_Atom_Forge_Frame object;
	lv2_atom_forge_object(&forge, &object, 0, host_map(host, LV2_TIME__Position));
	lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__frame));
	lv2_atom_forge_long(&forge, pos->frame);
	lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__speed));
	lv2_atom_forge_float(&forge, pos->speed);
	if (pos->bpm > 0.0) {
		const double bar = floor(pos->beats / BEATS_PER_BAR);
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__bar));
		lv2_atom_forge_long(&forge, (int64_t)bar);
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__barBeat));
		lv2_atom_forge_float(&forge, (float)(pos->beats - bar * BEATS_PER_BAR));
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__beatUnit));
		lv2_atom_forge_int(&forge, 4);
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__beatsPerBar));
		lv2_atom_forge_float(&forge, (float)BEATS_PER_BAR);
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__beatsPerMinute));
		lv2_atom_forge_float(&forge, (float)pos->bpm);
	}
	lv2_atom_forge_pop(&forge, &object);
	const LV2_Atom* atom = (const LV2_Atom*)buffer;
	CHECK(host_send_event(host, at, atom->type, atom->size, atom + 1), "position not sent");
}

void
send_midi(Host* host, uint32_t at, const uint8_t* bytes, uint32_t size)
{
	CHECK(host_send_event(host, at, host_map(host, LV2_MIDI__MidiEvent), size, bytes),
	      "MIDI not sent");
}

uint32_t
read_midi_out(Host* host, int64_t start, MidiSeen* seen, uint32_t count, uint32_t max)
{
	const LV2_Atom_Sequence* seq = host_output_events(host, "midi_out");
	CHECK(seq != NULL, "no midi_out port");
	const uint32_t midi = host_map(host, LV2_MIDI__MidiEvent);
	LV2_ATOM_SEQUENCE_FOREACH (seq, ev) {
		CHECK(ev->body.type == midi && ev->body.size == 3, "unexpected event out: type %u size %u",
		      ev->body.type, ev->body.size);
		const uint8_t* msg = (const uint8_t*)LV2_ATOM_BODY_CONST(&ev->body);
		CHECK(count < max, "more than %u MIDI messages out", max);
		seen[count++] = (MidiSeen){start + ev->time.frames, msg[0], msg[1], msg[2]};
	}
	return count;
}
