/* SPDX-License-Identifier: ISC */
/* Events to and from the plugin in tests: the host's time:Position and
 * MIDI into the control port, MIDI out of the tap port read back. */
#ifndef SOMASCAPE_HOST_EVENTS_H
#define SOMASCAPE_HOST_EVENTS_H

#include "host.h"

#include <stdbool.h>
#include <stdint.h>

/* A transport position, as a DAW sends it (4/4, quarter-note beats); a
 * negative bpm leaves the tempo and the bars and beats out. */
typedef struct {
	int64_t frame;
	float speed;
	double bpm;
	double beats; /* since the song start */
} TestPosition;

/* Sends the position for the next run(), at frame offset `at`. */
void send_position(Host* host, uint32_t at, const TestPosition* pos);

/* Sends raw MIDI bytes for the next run(), at frame offset `at`. */
void send_midi(Host* host, uint32_t at, const uint8_t* bytes, uint32_t size);

/* A MIDI message out, at a session frame. */
typedef struct {
	int64_t frame;
	uint8_t status, note, velocity;
} MidiSeen;

/* Appends the MIDI out of the last run() (which began at session frame
 * `start`) to seen; returns the new count. */
uint32_t read_midi_out(Host* host, int64_t start, MidiSeen* seen, uint32_t count, uint32_t max);

#endif
