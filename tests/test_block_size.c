/* SPDX-License-Identifier: ISC */
/* Through lilv: a 30 s session with control changes at odd frames gives the
 * same samples (within 1e-6) whatever the host's block size. */
#include "plugin_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define RATE 48000.0
#define FRAMES ((size_t)(RATE * 30))

typedef struct {
	size_t      frame;
	const char* symbol;
	float       value;
} Change;

/* Odd frames, every layer and kind of control. */
static const Change changes[] = {
    {48000 * 3 + 13, "cue_pitch", 523.0f},  {48000 * 3 + 13, "gaze_rate", 1.7f},
    {48000 * 5 + 1, "cue_sound", 2.0f},     {48000 * 7 + 77, "gaze_mode", 1.0f},
    {48000 * 9 + 999, "gaze_space", 1.0f},  {48000 * 11 + 3, "cue_sound", 0.0f},
    {48000 * 13 + 7, "gaze_width", 40.0f},  {48000 * 15 + 5, "gaze_mode", 3.0f},
    {48000 * 15 + 5, "gaze_hold", 5.0f},    {48000 * 15 + 5, "gaze_rest", 2.0f},
    {48000 * 17 + 11, "level", -6.0f},      {48000 * 19 + 17, "gaze_mode", 4.0f},
    {48000 * 19 + 17, "gaze_target", -0.8f}, {48000 * 21 + 23, "gaze_vary", 25.0f},
    {48000 * 21 + 23, "gaze_mode", 2.0f},   {48000 * 23 + 29, "set_length", 3.0f},
    {48000 * 23 + 29, "set_rest", 1.5f},    {48000 * 25 + 31, "cue_level", -3.0f},
    {48000 * 27 + 37, "drone_root", 80.0f}, {48000 * 27 + 37, "breath_in", 2.5f},
};

static Stereo
render_with(uint32_t block)
{
	Host* host = open_plugin(RATE);
	set_control(host, "gaze_vary", 10.0f);
	set_control(host, "fade_in", 1.0f);
	Stereo s = stereo_new(FRAMES);
	size_t done = 0;
	const size_t n_changes = sizeof(changes) / sizeof(changes[0]);
	for (size_t c = 0; c <= n_changes; ++c) {
		const size_t until = c < n_changes ? changes[c].frame : FRAMES;
		host_render(host, s.left + done, s.right + done, until - done, block);
		done = until;
		if (c < n_changes) {
			set_control(host, changes[c].symbol, changes[c].value);
		}
	}
	host_free(host);
	return s;
}

int
main(void)
{
	Stereo reference = render_with(256);
	CHECK(stereo_peak(&reference) > 0.01f, "the reference is silent");
	const uint32_t blocks[] = {1, 7, 64, 4096, 8192};
	for (size_t b = 0; b < sizeof(blocks) / sizeof(blocks[0]); ++b) {
		Stereo s = render_with(blocks[b]);
		double worst = 0.0;
		size_t worst_at = 0;
		for (size_t i = 0; i < FRAMES; ++i) {
			const double d = fmax(fabs((double)s.left[i] - reference.left[i]),
			                      fabs((double)s.right[i] - reference.right[i]));
			if (d > worst) {
				worst = d;
				worst_at = i;
			}
		}
		printf("block %4u: largest difference from block 256: %.3g (frame %zu)\n", blocks[b],
		       worst, worst_at);
		CHECK(worst <= 1e-6, "block %u differs by %g at frame %zu", blocks[b], worst, worst_at);
		stereo_free(&s);
	}
	stereo_free(&reference);
	return 0;
}
