/* SPDX-License-Identifier: ISC */
/* The plugin's side of its window's motion snapshots (motion_snapshot.h):
 * uiOn and uiOff read from the control port, snapshots written to notify.
 * Audio thread only: nothing allocated, a copy of two small structs. */
#ifndef SOMASCAPE_UI_LINK_H
#define SOMASCAPE_UI_LINK_H

#include "player.h"

#include <lv2/atom/atom.h>
#include <lv2/atom/forge.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	LV2_URID ui_on, ui_off, motion, snapshot, atom_Object, atom_Blank;
	bool on;            /* a window listens */
	uint32_t interval;  /* frames between snapshots */
	uint32_t since;     /* frames since the last one */
	int64_t last_frame; /* the session frame at the end of the last block */
} UiLink;

/* Instantiation thread. */
void ui_link_init(UiLink* link, LV2_URID_Map* map, double rate);

/* True when `event` was a uiOn or uiOff message (and is taken). */
bool ui_link_read(UiLink* link, const LV2_Atom* event);

/* At the end of a block of n frames while a window listens (link->on): a
 * snapshot of the session as heard when one is due, at frame `at` of the
 * block, into an open notify sequence. */
void ui_link_report(UiLink* link, LV2_Atom_Forge* forge, const Player* player, uint32_t n,
                    int64_t at);

#endif
