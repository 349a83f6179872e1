/* SPDX-License-Identifier: ISC */
/* Plays a session script into the plugin while rendering: each step at its
 * exact frame (the renderer ends a run() there), and ramps as straight
 * lines updated every RAMP_GRID_FRAMES frames of session time.  The grid is
 * anchored to the session, not to blocks, so a ramp sounds the same with
 * any --block. */
#ifndef SOMASCAPE_SCRIPT_PLAYER_H
#define SOMASCAPE_SCRIPT_PLAYER_H

#include "host.h"
#include "script.h"
#include "transport.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RAMP_GRID_FRAMES 64
#define MAX_RAMPS 64

typedef struct {
	const char* symbol;
	float from, to;
	int64_t start, end; /* frames */
} Ramp;

typedef struct {
	const Script* script; /* may be NULL: nothing to play */
	double rate;
	size_t next; /* the next step to apply */
	Ramp ramps[MAX_RAMPS];
	size_t n_ramps;
	Transport transport;
} ScriptPlayer;

void script_player_init(ScriptPlayer* player, const Script* script, double rate);

/* The first frame after `frame` at which the player has something to do;
 * INT64_MAX if nothing. */
int64_t script_player_next(const ScriptPlayer* player, int64_t frame);

/* Applies everything due at `frame`, before the run() that starts there. */
bool script_player_apply(ScriptPlayer* player, Host* host, int64_t frame, char* err,
                         size_t err_size);

/* The frame of a script time at this rate. */
int64_t script_frame(double seconds, double rate);

#endif
