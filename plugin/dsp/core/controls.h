/* SPDX-License-Identifier: ISC */
/* The plugin's control values as plain C: one field per port of ports.def,
 * named by its symbol, and the table that clamps them.  No LV2 here. */
#ifndef SOMASCAPE_CONTROLS_H
#define SOMASCAPE_CONTROLS_H

#include <math.h>
#include <stddef.h>

/* Control inputs, always clamped to their range (see controls_clamp). */
typedef struct {
#define CONTROL_IN(sym, name, group, kind, min, def, max, unit, comment) float sym;
#include "ports.def"
} Controls;

/* Control outputs, written by the engine. */
typedef struct {
#define CONTROL_OUT(sym, name, group, kind, min, max, unit, comment) float sym;
#include "ports.def"
} Outputs;

typedef enum { LINEAR, LOG, INT, TOGGLE, ENUM } ControlKind;

typedef struct {
	const char* symbol;
	ControlKind kind;
	float min;
	float def;
	float max;
	size_t offset; /* of the field in Controls or Outputs */
} ControlInfo;

enum {
#define CONTROL_IN(sym, name, group, kind, min, def, max, unit, comment) CONTROL_IN_##sym,
#include "ports.def"
	CONTROL_IN_COUNT
};

enum {
#define CONTROL_OUT(sym, name, group, kind, min, max, unit, comment) CONTROL_OUT_##sym,
#include "ports.def"
	CONTROL_OUT_COUNT
};

/* The Display controls (the projector's look) come last among the inputs:
 * the sound reads only those before them, and the pictures the rest. */
#define CONTROL_IN_SOUND_COUNT CONTROL_IN_display_shape
_Static_assert(CONTROL_IN_display_captions == CONTROL_IN_COUNT - 1,
               "the Display controls come last among the control inputs");

extern const ControlInfo control_inputs[CONTROL_IN_COUNT];
extern const ControlInfo control_outputs[CONTROL_OUT_COUNT];

/* A value a host may send (NaN, inf, out of range, fractional for an
 * integer) made into one the engine can trust: NaN gives the default,
 * values are limited to the range, integers and enumerations rounded.
 * Inline: the outputs go through it on every block. */
static inline float
control_clamp(const ControlInfo* info, float value)
{
	if (isnan(value)) {
		return info->def;
	}
	float v = value < info->min ? info->min : value > info->max ? info->max : value;
	switch (info->kind) {
	case INT:
	case ENUM:
		return floorf(v + 0.5f);
	case TOGGLE:
		return v > 0.5f ? 1.0f : 0.0f;
	default:
		return v;
	}
}

/* Every field at its default. */
void controls_defaults(Controls* c);

#endif
