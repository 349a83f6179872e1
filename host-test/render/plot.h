/* SPDX-License-Identifier: ISC */
/* The session timeline as a PNG (cairo): gaze position in one lane, breath
 * level in the other, set rests shaded, where the teacher's voice sounds
 * marked between them, a labelled time axis.  Values are
 * gathered into one column per pixel (min and max), so memory does not grow
 * with the duration. */
#ifndef SOMASCAPE_PLOT_H
#define SOMASCAPE_PLOT_H

#include "atomic_file.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLOT_WIDTH 1600
#define PLOT_HEIGHT 500

typedef struct {
	float min, max;
} PlotRange;

typedef struct {
	AtomicFile file;
	int fd;
	int64_t total_frames;
	double rate;
	char title[256];
	int columns;
	PlotRange* gaze;
	PlotRange* breath;
	uint8_t* seen;   /* the column has values */
	uint8_t* active; /* a set ran at some point in the column */
	uint8_t* voice;  /* the voice sounded at some point in the column */
} Plot;

bool plot_open(Plot* plot, const char* path, int64_t total_frames, double rate, const char* title,
               char* err, size_t err_size);

/* The outputs at `frame` (the end of a run). */
void plot_observe(Plot* plot, int64_t frame, float gaze_pos, float breath_level, float set_active);

/* The voice sounded in frames [start, start + n). */
void plot_observe_voice(Plot* plot, int64_t start, int64_t n);

/* Draws and writes the picture, renames it into place. */
bool plot_commit(Plot* plot, char* err, size_t err_size);

void plot_abort(Plot* plot);

#endif
