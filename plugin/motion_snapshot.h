/* SPDX-License-Identifier: ISC */
/* What the plugin tells its window so that the window can draw the target
 * where the sound is at every displayed frame, not where it was at the
 * host's last port update: the gaze and breath timelines themselves, as
 * they stand at a session frame.  The window runs its copy on from there
 * with the same pure code (plugin/ui/motion.c).
 *
 * The window asks for them with a uiOn object on the control port and
 * stops them with uiOff; in between, the plugin sends at most
 * MOTION_SNAPSHOTS_PER_S of them a second of audio on the notify port: a
 * motion object whose snapshot property is an atom:Chunk holding a
 * MotionSnapshot.  The chunk is raw memory: plugin and window are built
 * together, and a window of another build knows it by its size. */
#ifndef SOMASCAPE_MOTION_SNAPSHOT_H
#define SOMASCAPE_MOTION_SNAPSHOT_H

#include "breath.h"
#include "gaze.h"
#include "ports.h"

#include <stdint.h>

#define SOMASCAPE_UI_ON_URI SOMASCAPE_URI "#uiOn"
#define SOMASCAPE_UI_OFF_URI SOMASCAPE_URI "#uiOff"
#define SOMASCAPE_MOTION_URI SOMASCAPE_URI "#motion"
#define SOMASCAPE_SNAPSHOT_URI SOMASCAPE_URI "#snapshot"

#define MOTION_SNAPSHOTS_PER_S 60

typedef struct {
	uint32_t size;      /* sizeof(MotionSnapshot) */
	uint32_t advancing; /* 1 when the session clock moved in the last block */
	int64_t frame;      /* the session frame gaze and breath stand at */
	double rate;
	Gaze gaze;
	Breath breath;
} MotionSnapshot;

#endif
