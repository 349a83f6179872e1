/* SPDX-License-Identifier: ISC */
/* The MIDI mapping, both ways (documented in the README).
 *
 * In, on any channel:
 *   - Note on, in Follow mode: below middle C (60) looks left, middle C at
 *     the centre, above it right.  In Sweep, Alternate and Hold: starts a
 *     set when resting, stops it (and rests until the next note) when not.
 *   - Sustain pedal (CC 64) pressed: in Follow, the other side; in the
 *     other modes, like a note.  So a foot switch sending one note or the
 *     sustain pedal works as well as a keyboard.
 *   - Everything else (note off, running status, truncated messages,
 *     system messages and sysex) is ignored.
 * Out, on channel 1: a short note at the frame of each cue tap, C3 (48)
 * for the left, C4 (60) at the centre, C5 (72) for the right. */
#ifndef SOMASCAPE_MIDI_MAP_H
#define SOMASCAPE_MIDI_MAP_H

#include "tap.h"

#include <stdbool.h>
#include <stdint.h>

#define MIDI_MIDDLE_C 60
#define TAP_NOTE_LEFT 48
#define TAP_NOTE_CENTRE 60
#define TAP_NOTE_RIGHT 72
#define TAP_NOTE_VELOCITY 100
#define TAP_NOTE_S 0.05 /* each tap note lasts this long */

typedef enum {
	MIDI_CUE_NONE,
	MIDI_CUE_LOOK,       /* in Follow: look at `target` */
	MIDI_CUE_OTHER_SIDE, /* in Follow: look at the other side */
	MIDI_CUE_SET,        /* start or stop a set */
} MidiCueKind;

typedef struct {
	MidiCueKind kind;
	float target; /* -1, 0 or +1 */
} MidiCue;

/* What a MIDI message asks for; `follow` is true in Follow mode. */
MidiCue midi_cue_read(const uint8_t* msg, uint32_t size, bool follow);

/* A MIDI message out, at a frame of the block. */
typedef struct {
	uint32_t frame;
	uint8_t msg[3];
} MidiOut;

/* The tap notes that are on, and when each ends. */
typedef struct {
	uint32_t length;    /* frames a tap note lasts */
	bool on[3];         /* left, centre, right */
	uint32_t off_in[3]; /* frames from the block start to its note off */
} TapNotes;

void tap_notes_init(TapNotes* t, double rate);

/* The block's MIDI out, in time order: the note ons of its taps (sorted
 * by frame, a frame of the block) and the note offs that fall in its n frames.  Returns the
 * number written to out (at most max). */
uint32_t tap_notes_block(TapNotes* t, const Tap* taps, uint32_t tap_count, uint32_t n, MidiOut* out,
                         uint32_t max);

#endif
