/* SPDX-License-Identifier: ISC */
/* Clamping: whatever a host sends becomes a value the engine can trust. */
#include "controls.h"

#include "check.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const ControlInfo*
find(const char* symbol)
{
	for (int i = 0; i < CONTROL_IN_COUNT; ++i) {
		if (!strcmp(control_inputs[i].symbol, symbol)) {
			return &control_inputs[i];
		}
	}
	CHECK(!"no such control", "find");
	return NULL;
}

int
main(void)
{
	const float odd[] = {NAN, -NAN, INFINITY, -INFINITY, 1e30f, -1e30f, -0.0f, 1e-40f, 12345.6f};
	for (int i = 0; i < CONTROL_IN_COUNT; ++i) {
		const ControlInfo* info = &control_inputs[i];
		CHECK(info->min <= info->def && info->def <= info->max, "main");
		for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); ++k) {
			const float v = control_clamp(info, odd[k]);
			CHECK(isfinite(v) && v >= info->min && v <= info->max, "main");
		}
		CHECK(control_clamp(info, NAN) == info->def, "main");
		CHECK(control_clamp(info, INFINITY) == info->max, "main");
		CHECK(control_clamp(info, -INFINITY) == info->min, "main");
	}
	CHECK(control_clamp(find("gaze_mode"), 2.4f) == 2.0f, "main");
	CHECK(control_clamp(find("gaze_mode"), 2.6f) == 3.0f, "main");
	CHECK(control_clamp(find("gaze_sync"), 0.7f) == 1.0f, "main");
	CHECK(control_clamp(find("gaze_sync"), 0.2f) == 0.0f, "main");
	CHECK(control_clamp(find("gaze_rate"), 1.234f) == 1.234f, "main");
	CHECK(control_clamp(find("gaze_rate"), 0.0f) == 0.05f, "main");
	CHECK(control_clamp(find("cue_pitch"), 5000.0f) == 1200.0f, "main");

	Controls c;
	controls_defaults(&c);
	CHECK(c.gaze_mode == 2.0f && c.gaze_rate == 1.0f && c.cue_pitch == 330.0f, "main");
	CHECK(c.gaze_hold == 45.0f && c.level == 0.0f && c.seed == 1.0f, "main");
	printf("controls: %d inputs, %d outputs clamp as promised\n", CONTROL_IN_COUNT,
	       CONTROL_OUT_COUNT);
	return 0;
}
