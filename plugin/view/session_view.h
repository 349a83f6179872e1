/* SPDX-License-Identifier: ISC */
/* What the pictures show (view.h's ViewState), read from a running engine:
 * the plugin's inline display, and any program that runs the engine
 * itself.  Apart from both the drawing and the DSP, which know nothing of
 * each other. */
#ifndef SOMASCAPE_SESSION_VIEW_H
#define SOMASCAPE_SESSION_VIEW_H

#include "engine.h"
#include "view.h"

/* The state at the engine's current frame, all but s->look: the sound
 * ignores the Display controls, so the caller keeps the look itself
 * (view_look_set).  Reads only; no allocation, no system call. */
void session_view_fill(ViewState* s, const Engine* e);

#endif
