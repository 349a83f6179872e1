/* SPDX-License-Identifier: ISC */
/* A cue tap, the one type for it wherever taps are passed on: the engine's
 * log, the player's, the plugin's block and its MIDI notes. */
#ifndef SOMASCAPE_TAP_H
#define SOMASCAPE_TAP_H

#include <stdint.h>

typedef struct {
	int64_t frame; /* the frame it falls on: of the session, or of a block, as its owner says */
	int side;      /* -1 left, 0 centre, +1 right */
} Tap;

#endif
