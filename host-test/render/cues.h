/* SPDX-License-Identifier: ISC */
/* The WebVTT cue sheet: "Look right", "Centre", "Look left" (from the
 * plugin's gaze_side output), "Set start" and "Rest" (set_active), "Breathe
 * in", "Hold", "Breathe out" (breath_stage), and the captions of the
 * teacher's spoken prompts (script `voice` steps).  The renderer reads those
 * outputs after every run() of at most a few milliseconds, and a cue starts
 * at the first frame of the run in which its change happened, so cues are
 * never late and at most one short run early.
 *
 * Each kind of cue lasts until the next change of its kind, so the kinds
 * overlap; WebVTT wants cues in order of start time, so each kind is
 * spooled to an unnamed temporary file and they are merged at the end:
 * memory stays constant for any duration. */
#ifndef SOMASCAPE_CUES_H
#define SOMASCAPE_CUES_H

#include "atomic_file.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
	CUE_TRACK_GAZE,
	CUE_TRACK_SET,
	CUE_TRACK_BREATH,
	CUE_TRACK_VOICE,
	CUE_TRACKS
} CueTrack;

typedef struct {
	FILE* spool;  /* "start end state" lines */
	bool started; /* a first value has been seen */
	bool changed; /* ... and it changed since */
	int state;
	int64_t since; /* frame the state began */
} CueTrackState;

typedef struct {
	AtomicFile file;
	FILE* out;
	double rate;
	CueTrackState tracks[CUE_TRACKS];
} CueSheet;

bool cue_sheet_open(CueSheet* sheet, const char* path, double rate, char* err, size_t err_size);

/* The outputs after the run of frames [start, start + n). */
void cue_sheet_observe(CueSheet* sheet, int64_t start, float gaze_side, float set_active,
                       float breath_stage);

#define CUE_CAPTION_MAX 1000 /* bytes: longer captions are cut */

/* A caption over frames [start, end); captions come in order of start. */
void cue_sheet_caption(CueSheet* sheet, int64_t start, int64_t end, const char* text);

/* Closes the last cues at end_frame, writes the sheet, renames it into
 * place. */
bool cue_sheet_commit(CueSheet* sheet, int64_t end_frame, char* err, size_t err_size);

void cue_sheet_abort(CueSheet* sheet);

#endif
