/* SPDX-License-Identifier: ISC */
/* Reading the host's time:Position (an atom:Object or atom:Blank), with
 * every number checked: hosts send Int, Long, Float or Double, and
 * anything at all. */
#ifndef SOMASCAPE_TIME_POSITION_H
#define SOMASCAPE_TIME_POSITION_H

#include "player.h"
#include "uris.h"

#include <lv2/atom/atom.h>

/* Positions further than this into the session are taken as this far: a
 * relocation walks the timeline up to there. */
#define TIME_POSITION_MAX_S (24.0 * 3600.0)

/* True when obj is a time:Position; *pos then holds what of it is usable. */
bool time_position_read(const SomascapeURIs* uris, const LV2_Atom_Object* obj, double rate,
                        HostPosition* pos);

#endif
