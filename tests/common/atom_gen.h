/* SPDX-License-Identifier: ISC */
/* Builds the events a host, a user or a file can send to the control port,
 * from a ByteSource: time:Position objects with every property, absurd
 * values and wrong types; MIDI with invalid bytes, running status,
 * truncated messages and sysex; patch:Set, patch:Get and patch:Put with
 * wrong or missing properties (including somascape:cueSample); and stray
 * atoms of every kind.  Used by the randomised host and the fuzz target. */
#ifndef SOMASCAPE_ATOM_GEN_H
#define SOMASCAPE_ATOM_GEN_H

#include "byte_source.h"

#include <lv2/atom/forge.h>
#include <lv2/urid/urid.h>

#define SOMASCAPE_CUE_SAMPLE_URI "https://somascape.dev/lv2/somascape#cueSample"

typedef struct {
	LV2_URID atom_Blank, atom_Object, atom_Float, atom_Double, atom_Int, atom_Long, atom_Bool,
	    atom_URID, atom_String, atom_Path, atom_URI, atom_Chunk, atom_Tuple, atom_Vector,
	    atom_Sequence, atom_Literal;
	LV2_URID midi_MidiEvent;
	LV2_URID time_Position, time_frame, time_framesPerSecond, time_speed, time_bar, time_barBeat,
	    time_beat, time_beatUnit, time_beatsPerBar, time_beatsPerMinute;
	LV2_URID patch_Set, patch_Get, patch_Put, patch_Patch, patch_property, patch_value,
	    patch_subject, patch_body, patch_sequenceNumber, patch_add, patch_remove;
	LV2_URID cue_sample, plugin;
} GenURIs;

void gen_uris_map(GenURIs* u, LV2_URID_Map* map);

typedef enum {
	GEN_ANY,      /* any of the kinds below */
	GEN_POSITION, /* time:Position */
	GEN_MIDI,     /* midi:MidiEvent */
	GEN_PATCH,    /* patch:Set / Get / Put */
	GEN_STRAY,    /* any other atom */
} GenKind;

/* Writes one event body (a complete atom) at the forge's position.  The
 * atoms are well formed (every size matches its content) unless `malformed`
 * is set, in which case primitives may carry wrong sizes and strings may
 * lack their terminating NUL: still inside the event, as a buggy host or UI
 * could send.  Returns the forge reference of the atom, 0 if it ran out of
 * space. */
LV2_Atom_Forge_Ref gen_event(LV2_Atom_Forge* forge, ByteSource* src, const GenURIs* u, GenKind kind,
                             int malformed);

/* A float a host might send: ordinary, at the edges, NaN, infinities,
 * huge, negative zero, denormal, or any bit pattern. */
float gen_float(ByteSource* src);
double gen_double(ByteSource* src);

#endif
