/* SPDX-License-Identifier: ISC */
#include "transport.h"

#include <lv2/atom/forge.h>
#include <lv2/time/time.h>

#include <math.h>

#define BEATS_PER_BAR 4
#define BEAT_UNIT 4

void
transport_init(Transport* transport, double rate)
{
	*transport = (Transport){.rate = rate, .bpm = 120.0};
}

static double
beats_at(const Transport* transport, int64_t frame)
{
	if (!transport->rolling) {
		return 0.0;
	}
	const double seconds = (double)(frame - transport->since_frame) / transport->rate;
	return transport->since_beats + seconds * transport->bpm / 60.0;
}

bool
transport_send_position(Host* host, uint32_t at, int64_t frame, float speed, double bpm,
                        double beats)
{
	uint8_t buffer[512];
	LV2_Atom_Forge forge;
	lv2_atom_forge_init(&forge, host_urid_map(host));
	lv2_atom_forge_set_buffer(&forge, buffer, sizeof(buffer));
	LV2_Atom_Forge_Frame object;
	lv2_atom_forge_object(&forge, &object, 0, host_map(host, LV2_TIME__Position));
	lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__frame));
	lv2_atom_forge_long(&forge, frame);
	lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__speed));
	lv2_atom_forge_float(&forge, speed);
	if (bpm > 0.0) {
		const double bar = floor(beats / BEATS_PER_BAR);
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__bar));
		lv2_atom_forge_long(&forge, (int64_t)bar);
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__barBeat));
		lv2_atom_forge_float(&forge, (float)(beats - bar * BEATS_PER_BAR));
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__beatUnit));
		lv2_atom_forge_int(&forge, BEAT_UNIT);
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__beatsPerBar));
		lv2_atom_forge_float(&forge, (float)BEATS_PER_BAR);
		lv2_atom_forge_key(&forge, host_map(host, LV2_TIME__beatsPerMinute));
		lv2_atom_forge_float(&forge, (float)bpm);
	}
	lv2_atom_forge_pop(&forge, &object);
	const LV2_Atom* atom = (const LV2_Atom*)buffer;
	return host_send_event(host, at, atom->type, atom->size, atom + 1);
}

bool
transport_set_tempo(Transport* transport, Host* host, int64_t frame, double bpm)
{
	const double beats = beats_at(transport, frame);
	transport->rolling = true;
	transport->bpm = bpm;
	transport->since_frame = frame;
	transport->since_beats = beats;
	return transport_send_position(host, 0, frame, 1.0f, bpm, beats);
}
