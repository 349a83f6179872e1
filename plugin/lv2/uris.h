/* SPDX-License-Identifier: ISC */
/* Every URI the plugin maps, mapped once in instantiate(). */
#ifndef SOMASCAPE_URIS_H
#define SOMASCAPE_URIS_H

#include <lv2/atom/atom.h>
#include <lv2/midi/midi.h>
#include <lv2/time/time.h>
#include <lv2/urid/urid.h>

typedef struct {
	LV2_URID atom_Blank;
	LV2_URID atom_Object;
	LV2_URID atom_Float;
	LV2_URID atom_Double;
	LV2_URID atom_Int;
	LV2_URID atom_Long;
	LV2_URID atom_Sequence;
	LV2_URID midi_MidiEvent;
	LV2_URID time_Position;
	LV2_URID time_bar;
	LV2_URID time_barBeat;
	LV2_URID time_beatsPerBar;
	LV2_URID time_beatsPerMinute;
	LV2_URID time_frame;
	LV2_URID time_speed;
} SomascapeURIs;

static inline void
map_uris(LV2_URID_Map* map, SomascapeURIs* uris)
{
	uris->atom_Blank = map->map(map->handle, LV2_ATOM__Blank);
	uris->atom_Object = map->map(map->handle, LV2_ATOM__Object);
	uris->atom_Float = map->map(map->handle, LV2_ATOM__Float);
	uris->atom_Double = map->map(map->handle, LV2_ATOM__Double);
	uris->atom_Int = map->map(map->handle, LV2_ATOM__Int);
	uris->atom_Long = map->map(map->handle, LV2_ATOM__Long);
	uris->atom_Sequence = map->map(map->handle, LV2_ATOM__Sequence);
	uris->midi_MidiEvent = map->map(map->handle, LV2_MIDI__MidiEvent);
	uris->time_Position = map->map(map->handle, LV2_TIME__Position);
	uris->time_bar = map->map(map->handle, LV2_TIME__bar);
	uris->time_barBeat = map->map(map->handle, LV2_TIME__barBeat);
	uris->time_beatsPerBar = map->map(map->handle, LV2_TIME__beatsPerBar);
	uris->time_beatsPerMinute = map->map(map->handle, LV2_TIME__beatsPerMinute);
	uris->time_frame = map->map(map->handle, LV2_TIME__frame);
	uris->time_speed = map->map(map->handle, LV2_TIME__speed);
}

#endif
