/* SPDX-License-Identifier: ISC */
/* The Display controls of plugin/ports.def made into a look, by symbol:
 * the window (port events), the renderer (--set) and the plugin (inline
 * display) share it, and the ranges and defaults come from ports.def. */
#include "view.h"

#include <math.h>
#include <string.h>

typedef struct {
	const char* symbol;
	const char* group;
	float min, def, max;
} DisplayControl;

/* clang-format off */
static const DisplayControl display_controls[] = {
#define CONTROL_IN(sym, name, group, kind, min, def, max, unit, comment) \
	{#sym, #group, min, def, max},
#include "ports.def"
};
/* clang-format on */

enum { CONTROL_COUNT = sizeof(display_controls) / sizeof(display_controls[0]) };

bool
view_look_set(ViewLook* look, const char* symbol, float value)
{
	if (strncmp(symbol, "display_", 8) != 0) {
		return false;
	}
	const DisplayControl* c = NULL;
	for (int i = 0; i < CONTROL_COUNT && !c; ++i) {
		const DisplayControl* d = &display_controls[i];
		c = !strcmp(d->group, "display") && !strcmp(d->symbol, symbol) ? d : NULL;
	}
	if (!c) {
		return false;
	}
	const float v = isnan(value)     ? c->def
	                : value < c->min ? c->min
	                : value > c->max ? c->max
	                                 : value;
	const int whole = (int)floorf(v + 0.5f);
	const char* what = symbol + 8;
	if (!strcmp(what, "shape")) {
		look->shape = (ViewShape)whole;
	} else if (!strcmp(what, "size")) {
		look->size = v / 100.0f;
	} else if (!strcmp(what, "colour")) {
		look->colour = (ViewColour)whole;
	} else if (!strcmp(what, "bright")) {
		look->brightness = v / 100.0f;
	} else if (!strcmp(what, "ring")) {
		look->breath_ring = v > 0.5f;
	} else if (!strcmp(what, "monitor")) {
		look->monitor = whole;
	} else if (!strcmp(what, "captions")) {
		look->captions = v > 0.5f;
	} else {
		return false;
	}
	return true;
}

void
view_look_defaults(ViewLook* look)
{
	memset(look, 0, sizeof(*look));
	for (int i = 0; i < CONTROL_COUNT; ++i) {
		view_look_set(look, display_controls[i].symbol, NAN);
	}
}
