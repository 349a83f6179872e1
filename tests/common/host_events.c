/* SPDX-License-Identifier: ISC */
#include "host_events.h"
#include "plugin_test.h"
#include "transport.h"

#include <lv2/atom/util.h>
#include <lv2/midi/midi.h>

#include <math.h>

void
send_position(Host* host, uint32_t at, const TestPosition* pos)
{
	CHECK(transport_send_position(host, at, pos->frame, pos->speed, pos->bpm, pos->beats),
	      "position not sent");
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
	LV2_ATOM_SEQUENCE_FOREACH(seq, ev)
	{
		CHECK(ev->body.type == midi && ev->body.size == 3, "unexpected event out: type %u size %u",
		      ev->body.type, ev->body.size);
		const uint8_t* msg = (const uint8_t*)LV2_ATOM_BODY_CONST(&ev->body);
		CHECK(count < max, "more than %u MIDI messages out", max);
		seen[count++] = (MidiSeen){start + ev->time.frames, msg[0], msg[1], msg[2]};
	}
	return count;
}
