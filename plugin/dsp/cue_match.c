/* SPDX-License-Identifier: ISC */
#include "cue_match.h"

#include <math.h>

const float cue_match_decay_s[CUE_MATCH_DECAYS] = {0.05f, 0.1f, 0.2f, 0.4f,
                                                   0.8f,  1.6f, 3.0f};
const float cue_match_pitch_hz[CUE_MATCH_PITCHES] = {80.0f,  120.0f, 180.0f, 270.0f,
                                                     400.0f, 600.0f, 900.0f, 1200.0f};

/* dB per sound, decay (rows) and pitch (columns). */
static const float match_db[CUE_USER_SAMPLE][CUE_MATCH_DECAYS][CUE_MATCH_PITCHES] = {
#include "cue_match_table.h"
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

float
cue_match_gain(CueSound sound, float pitch_hz, float decay_s)
{
	if ((unsigned)sound >= CUE_USER_SAMPLE) {
		return 1.0f; /* a recording keeps its own level */
	}
	float fd, fp;
	const int d = locate(cue_match_decay_s, CUE_MATCH_DECAYS, decay_s, &fd);
	const int p = locate(cue_match_pitch_hz, CUE_MATCH_PITCHES, pitch_hz, &fp);
	const float (*t)[CUE_MATCH_PITCHES] = match_db[sound];
	const float low  = t[d][p] + fp * (t[d][p + 1] - t[d][p]);
	const float high = t[d + 1][p] + fp * (t[d + 1][p + 1] - t[d + 1][p]);
	return powf(10.0f, (low + fd * (high - low)) / 20.0f);
}
