/* SPDX-License-Identifier: ISC */
/* A simulated host transport for scripts' `tempo` steps: it starts rolling
 * at the first tempo step (4/4, quarter-note beats) and tells the plugin
 * where it is with a time:Position object, as a DAW does on a change. */
#ifndef SOMASCAPE_TRANSPORT_H
#define SOMASCAPE_TRANSPORT_H

#include "host.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	double rate;
	bool rolling;
	double bpm;
	int64_t since_frame; /* of the last tempo change */
	double since_beats;  /* beats rolled by then */
} Transport;

void transport_init(Transport* transport, double rate);

/* Sends a time:Position for the next run(), at frame offset `at`: the
 * transport at `frame` moving at `speed`; with a bpm above 0 also the tempo
 * and the bar and beat of `beats` (4/4, quarter-note beats). */
bool transport_send_position(Host* host, uint32_t at, int64_t frame, float speed, double bpm,
                             double beats);

/* A new tempo from `frame` on: sends the position to the plugin's control
 * port for the next run(), which must start at `frame`. */
bool transport_set_tempo(Transport* transport, Host* host, int64_t frame, double bpm);

#endif
