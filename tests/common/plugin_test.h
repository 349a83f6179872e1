/* SPDX-License-Identifier: ISC */
/* What the tests through lilv share: opening the plugin, rendering,
 * and measuring what came out. */
#ifndef SOMASCAPE_PLUGIN_TEST_H
#define SOMASCAPE_PLUGIN_TEST_H

#include "check.h"
#include "host.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"

/* A stereo buffer of a given length. */
typedef struct {
	float* left;
	float* right;
	size_t frames;
} Stereo;

/* The plugin at `rate`, activated; exits the test with a message if it
 * cannot be had. */
Host* open_plugin(double rate);

/* A control port as hosts see it: read by lilv from the Turtle. */
typedef struct {
	const char* symbol;
	float min, max;
} ControlPort;

#define MAX_CONTROL_PORTS 128

/* The plugin's control inputs (or outputs), in port order; returns how many. */
size_t list_controls(Host* host, bool inputs, ControlPort* ports);

/* Sets a control, failing the test on an unknown symbol. */
void set_control(Host* host, const char* symbol, float value);

Stereo stereo_new(size_t frames);
void stereo_free(Stereo* s);

/* Renders the whole buffer in blocks of `block` frames. */
void render(Host* host, Stereo* s, uint32_t block);

/* Largest absolute sample; -1 if any sample is not finite. */
float stereo_peak(const Stereo* s);

/* Frames where a strike begins on one channel: the energy of a window of
 * `window` frames rises more than `ratio` times over the previous window,
 * above `floor`.  Returns how many were written to onsets. */
size_t find_onsets(const float* x, size_t frames, size_t window, float ratio, float floor,
                   size_t* onsets, size_t max_onsets);

#endif
