/* SPDX-License-Identifier: ISC */
#include "cue_match.h"

#include <math.h>

const float cue_match_decay_s[CUE_MATCH_DECAYS] = {0.05f, 0.1f, 0.2f, 0.4f, 0.8f, 1.6f, 3.0f};
const float cue_match_pitch_hz[CUE_MATCH_PITCHES] = {80.0f,  120.0f, 180.0f, 270.0f,
                                                     400.0f, 600.0f, 900.0f, 1200.0f};
const float cue_match_spacing_s[CUE_MATCH_SPACINGS] = {0.15f, 0.25f, 0.5f,  1.0f,
                                                       2.0f,  4.0f,  10.0f, 20.0f};
const float cue_match_ring_s[CUE_MATCH_RINGS] = {0.05f, 0.1f, 0.2f, 0.4f, 0.8f, 1.6f, 3.2f, 8.0f};

/* dB per sound, decay (rows) and pitch (columns). */
static const float match_db[CUE_USER_SAMPLE][CUE_MATCH_DECAYS][CUE_MATCH_PITCHES] = {
#include "cue_match_table.h"
};

/* dB per ring time (rows) and spacing (columns), measured on the soft
 * sine (whose ring time is its decay). */
static const float spacing_db[CUE_MATCH_RINGS][CUE_MATCH_SPACINGS] = {
#include "cue_spacing_table.h"
};

/* Where x falls on the ascending grid: the cell's first index and the
 * fraction of the way (in log) to the next, clamped to the ends. */
static int
locate(const float* grid, int n, float x, float* frac)
{
	if (!(x > grid[0])) { /* NaN too */
		*frac = 0.0f;
		return 0;
	}
	if (x >= grid[n - 1]) {
		*frac = 1.0f;
		return n - 2;
	}
	int i = 0;
	while (x >= grid[i + 1]) {
		++i;
	}
	*frac = logf(x / grid[i]) / logf(grid[i + 1] / grid[i]);
	return i;
}

/* Bilinear interpolation of table t (rows of `columns`) at the cell of
 * row r, column c and the fractions fr, fc. */
static float
interpolate(const float* t, int columns, int r, float fr, int c, float fc)
{
	const float* low = t + r * columns + c;
	const float* high = low + columns;
	const float l = low[0] + fc * (low[1] - low[0]);
	const float h = high[0] + fc * (high[1] - high[0]);
	return l + fr * (h - l);
}

float
cue_match_gain(CueSound sound, float pitch_hz, float decay_s, float spacing_s)
{
	if ((unsigned)sound >= CUE_USER_SAMPLE) {
		return 1.0f; /* a recording keeps its own level */
	}
	float fd, fp;
	const int d = locate(cue_match_decay_s, CUE_MATCH_DECAYS, decay_s, &fd);
	const int p = locate(cue_match_pitch_hz, CUE_MATCH_PITCHES, pitch_hz, &fp);
	const float db = interpolate(&match_db[sound][0][0], CUE_MATCH_PITCHES, d, fd, p, fp) +
	                 cue_match_spacing_db((float)cue_voice_ring_s(sound, decay_s), spacing_s);
	return powf(10.0f, db / 20.0f);
}

float
cue_match_spacing_db(float ring_s, float spacing_s)
{
	float fr, fs;
	const int r = locate(cue_match_ring_s, CUE_MATCH_RINGS, ring_s, &fr);
	const int g = locate(cue_match_spacing_s, CUE_MATCH_SPACINGS, spacing_s, &fs);
	return interpolate(&spacing_db[0][0], CUE_MATCH_SPACINGS, r, fr, g, fs);
}
