/* SPDX-License-Identifier: ISC */
/* Through lilv: every gaze mode with every cue sound, on headphones and
 * speakers, at the loudest settings, gives finite output that never goes
 * above 0 dBFS; and every sample rate from 8 kHz to 384 kHz instantiates
 * and renders sound. */
#include "plugin_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void
check_modes(void)
{
	float loudest = 0.0f;
	for (int mode = 0; mode <= 4; ++mode) {
		for (int sound = 0; sound <= 9; ++sound) {
			for (int space = 0; space <= 1; ++space) {
				Host* host = open_plugin(48000.0);
				set_control(host, "gaze_mode", (float)mode);
				set_control(host, "cue_sound", (float)sound);
				set_control(host, "gaze_space", (float)space);
				set_control(host, "gaze_rate", 3.0f);
				set_control(host, "gaze_target", 0.7f);
				set_control(host, "cue_decay", 3.0f);
				set_control(host, "cue_level", 0.0f);
				set_control(host, "level", 6.0f);
				set_control(host, "fade_in", 0.0f);
				Stereo s = stereo_new(48000 * 3);
				render(host, &s, 256);
				const float peak = stereo_peak(&s);
				CHECK(peak >= 0.0f && peak <= 1.0f, "mode %d sound %d space %d: peak %f", mode,
				      sound, space, peak);
				CHECK(mode == 0 || peak > 0.01f, "mode %d sound %d is silent", mode, sound);
				loudest = fmaxf(loudest, peak);
				stereo_free(&s);
				host_free(host);
			}
		}
	}
	printf("every mode and sound: finite, loudest peak %.4f (%.2f dBFS)\n", loudest,
	       20.0 * log10(loudest));
}

static void
check_rates(void)
{
	const double rates[] = {8000, 22050, 44100, 48000, 88200, 96000, 192000, 384000};
	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); ++i) {
		Host* host = open_plugin(rates[i]);
		set_control(host, "fade_in", 0.0f);
		Stereo s = stereo_new((size_t)rates[i] * 2);
		render(host, &s, 4096);
		const float peak = stereo_peak(&s);
		printf("%6.0f Hz: peak %.4f\n", rates[i], peak);
		CHECK(peak > 0.01f && peak <= 1.0f, "at %.0f Hz: peak %f", rates[i], peak);
		stereo_free(&s);
		host_free(host);
	}
}

int
main(void)
{
	check_modes();
	check_rates();
	return 0;
}
