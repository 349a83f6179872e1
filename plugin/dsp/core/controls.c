/* SPDX-License-Identifier: ISC */
#include "controls.h"

/* clang-format off */
const ControlInfo control_inputs[CONTROL_IN_COUNT] = {
#define CONTROL_IN(sym, name, group, kind, min, def, max, unit, comment) \
	{#sym, kind, (float)(min), (float)(def), (float)(max), offsetof(Controls, sym)},
#include "ports.def"
};
/* clang-format on */

/* clang-format off */
const ControlInfo control_outputs[CONTROL_OUT_COUNT] = {
#define CONTROL_OUT(sym, name, group, kind, min, max, unit, comment) \
	{#sym, kind, (float)(min), (float)(min), (float)(max), offsetof(Outputs, sym)},
#include "ports.def"
};
/* clang-format on */

void
controls_defaults(Controls* c)
{
	for (int i = 0; i < CONTROL_IN_COUNT; ++i) {
		*(float*)((char*)c + control_inputs[i].offset) = control_inputs[i].def;
	}
}
