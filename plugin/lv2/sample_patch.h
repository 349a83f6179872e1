/* SPDX-License-Identifier: ISC */
/* The cue sample as an LV2 parameter (patch:writable, an atom:Path), so any
 * host's file chooser can set it: patch:Set and patch:Get read from the
 * control input, and the current path reported on the notify output with
 * patch:Set (after every load, failed ones included, and on request).
 * Everything here runs in the audio thread: no allocation, no logging. */
#ifndef SOMASCAPE_SAMPLE_PATCH_H
#define SOMASCAPE_SAMPLE_PATCH_H

#include "ports.h"

#include <lv2/atom/atom.h>
#include <lv2/atom/forge.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>
#include <stdint.h>

#define SOMASCAPE_CUE_SAMPLE_URI SOMASCAPE_URI "#cueSample"
/* Longest path accepted, with its terminating NUL. */
#define SAMPLE_PATH_MAX 4096u

typedef struct {
	LV2_URID atom_Blank;
	LV2_URID atom_Object;
	LV2_URID atom_Path;
	LV2_URID atom_URID;
	LV2_URID patch_Get;
	LV2_URID patch_Set;
	LV2_URID patch_property;
	LV2_URID patch_value;
	LV2_URID cue_sample;
} SamplePatchURIs;

typedef struct {
	SamplePatchURIs uris;
	LV2_Atom_Forge forge;
	LV2_Atom_Forge_Frame sequence;
	bool writing; /* a notify sequence is open */
} SamplePatch;

typedef enum {
	SAMPLE_PATCH_NONE, /* not about the cue sample */
	SAMPLE_PATCH_SET,  /* load this path */
	SAMPLE_PATCH_GET,  /* report the current path */
} SamplePatchRequest;

/* Instantiation thread. */
void sample_patch_init(SamplePatch* patch, LV2_URID_Map* map);

/* What a control event asks.  For a set, *path is the NUL-terminated path
 * inside the event and *size its length with the NUL. */
SamplePatchRequest sample_patch_read(const SamplePatch* patch, const LV2_Atom* event,
                                     const char** path, uint32_t* size);

/* At the start of run(): the notify sequence, as big as the host made it,
 * starts empty (notify may be NULL: not connected). */
void sample_patch_begin(SamplePatch* patch, LV2_Atom_Sequence* notify);

/* patch:Set of the cue sample to `path` ("" for none) at a frame of this
 * run; false if the host's buffer has no room left. */
bool sample_patch_report(SamplePatch* patch, int64_t frame, const char* path);

/* At the end of run(). */
void sample_patch_end(SamplePatch* patch);

#endif
