/* SPDX-License-Identifier: ISC */
/* What a strict host reads in an atom output after run(): jalv and Ardour
 * take anything but an atom:Sequence as empty, so an output of another type
 * is an error here, as are events past the room given, out of order,
 * outside the block, or MIDI that is not one channel message.  Shared by
 * the test host, the randomised host and the fuzz targets. */
#ifndef SOMASCAPE_ATOM_CHECK_H
#define SOMASCAPE_ATOM_CHECK_H

#include <lv2/atom/atom.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
	LV2_URID sequence; /* atom:Sequence */
	LV2_URID midi;     /* midi:MidiEvent */
} AtomCheckURIs;

/* Checks an output sequence after a run() of n frames, for which the host
 * set atom.size to `capacity` (the room after the atom's header).  Returns
 * true when it is well formed; otherwise writes why to err. */
bool atom_check_output(const LV2_Atom_Sequence* seq, uint32_t capacity, uint32_t n,
                       const AtomCheckURIs* uris, char* err, size_t err_size);

#endif
