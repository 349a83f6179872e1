/* SPDX-License-Identifier: ISC */
/* Through lilv: run() and work_response() make no allocator or lock call
 * while cue samples are loaded and swapped, again and again, with strikes
 * of the old sample still sounding.  The plugin's work() (which this host
 * runs inside run()) is left out of the count: it is the worker's. */
#undef NDEBUG

#include "host_patch.h"
#include "plugin_test.h"
#include "rt_calls.h"
#include "sample_files.h"

#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
	rt_calls_self_test();
	char* dir = sample_dir_new();
	char* paths[3] = {sample_path(dir, "bowl one.wav"), sample_path(dir, "chime two.flac"),
	                  sample_path(dir, "missing.ogg")};
	CHECK(write_tone(paths[0], SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 1, 440.0, 0.6, 0.5, 0.0),
	      "writing");
	CHECK(write_tone(paths[1], SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 22050, 2, 660.0, 0.3, 0.5, 0.0),
	      "writing");

	Host* host = open_plugin(48000.0);
	rt_calls_exclude_worker(host);
	set_control(host, "cue_sound", 9.0f);
	set_control(host, "gaze_rate", 3.0f);
	set_control(host, "fade_in", 0.0f);

	float left[512], right[512];
	long blocks = 0, loads = 0, calls = 0;
	unsigned state = 777u;
	for (int round = 0; round < 60; ++round) {
		/* a load every round, a missing file every third; sometimes two
		 * in one block, so that swaps come while the old still sounds */
		const char* path = paths[round % 3];
		host_patch_set_path(host, (uint32_t)(round % 5), PLUGIN_URI "#cueSample", path);
		if (round % 7 == 0) {
			host_patch_set_path(host, 10, PLUGIN_URI "#cueSample", paths[(round + 1) % 2]);
			++loads;
		}
		host_patch_get(host, 20, NULL);
		++loads;
		for (int i = 0; i < 8; ++i) {
			state = state * 1664525u + 1013904223u;
			const uint32_t n = 32u + (state >> 20) % 480u;
			rt_calls_start();
			host_run(host, left, right, n);
			calls += rt_calls_stop();
			++blocks;
		}
	}
	printf("%ld blocks, %ld loads requested (a third of a missing file): %ld allocator or lock "
	       "calls in run() and work_response()\n",
	       blocks, loads, calls);
	CHECK(calls == 0, "%ld allocator or lock calls", calls);
	host_free(host);
	for (int i = 0; i < 3; ++i) {
		free(paths[i]);
	}
	sample_dir_free(dir);
	return 0;
}
