/* SPDX-License-Identifier: ISC */
/* Port indices, in the order of ports.def (which the Turtle follows too). */
#ifndef SOMASCAPE_PORTS_H
#define SOMASCAPE_PORTS_H

typedef enum {
#define AUDIO_OUT(sym, name, role) PORT_##sym,
#define ATOM_IN(sym, name) PORT_##sym,
#define ATOM_OUT(sym, name) PORT_##sym,
#define MIDI_OUT(sym, name) PORT_##sym,
#define CONTROL_IN(sym, name, group, kind, min, def, max, unit, comment) PORT_##sym,
#define CONTROL_OUT(sym, name, group, kind, min, max, unit, comment) PORT_##sym,
#include "ports.def"
	PORT_COUNT
} PortIndex;

/* Control inputs and outputs each sit in one run of ports. */
#define PORT_FIRST_CONTROL_IN PORT_gaze_mode
#define PORT_FIRST_CONTROL_OUT PORT_gaze_pos

#define SOMASCAPE_URI "https://somascape.dev/lv2/somascape"

#endif
