/* SPDX-License-Identifier: ISC */
/* Through lilv: every preset at its own settings is about -30 LUFS
 * (integrated, EBU R128, libebur128), and all lie within 2 LU of each
 * other, so that switching presets never jumps; and none has anything
 * below 20 Hz above -60 dBFS (RMS over 400 ms).  Each is measured after
 * its fade-in, for up to a minute, and before any fade-out. */
#include "loudness.h"
#include "low_band.h"
#include "plugin_test.h"
#include "presets.h"

#include <lilv/lilv.h>
#include <lv2/presets/presets.h>
#include <math.h>

#define RATE 48000.0
#define BLOCK 512u
#define WINDOW_S 60.0
#define TARGET -30.0   /* LUFS: headroom for the loudest moments */
#define TARGET_TOL 1.5 /* LU from the target, for the presets' mean */
#define SPREAD 2.0     /* LU between the loudest and the quietest */

#define BELOW_HZ 20.0
#define BELOW_DBFS -60.0

/* Renders `frames` into low (what lies below BELOW_HZ), and measures them
 * into meter unless it is NULL. */
static void
play(Host* host, uint64_t frames, LowBandMeter* low, LoudnessMeter* meter)
{
	static float left[BLOCK], right[BLOCK], both[2 * BLOCK];
	for (uint64_t done = 0; done < frames; done += BLOCK) {
		const uint32_t n = frames - done < BLOCK ? (uint32_t)(frames - done) : BLOCK;
		host_run(host, left, right, n);
		low_band_meter_add(low, left, right, n);
		if (!meter) {
			continue;
		}
		for (uint32_t i = 0; i < n; ++i) {
			both[2 * i] = left[i];
			both[2 * i + 1] = right[i];
		}
		CHECK(loudness_meter_add(meter, both, n), "the loudness meter failed");
	}
}

/* The preset's loudness, in a host of its own (as the renderer has). */
static double
preset_lufs(const char* uri, const char* label)
{
	Host* host = open_plugin(RATE);
	char err[512];
	LilvNode* preset = preset_find(host, uri, err, sizeof(err));
	CHECK(preset, "%s", err);
	CHECK(preset_apply(host, preset, err, sizeof(err)), "%s: %s", label, err);
	lilv_node_free(preset);
	float fade_in = 0.0f, length_min = 0.0f, fade_out = 0.0f;
	host_get(host, "fade_in", &fade_in);
	host_get(host, "session_len", &length_min);
	host_get(host, "fade_out", &fade_out);
	const double from = fade_in + 1.0;
	double until = from + WINDOW_S;
	if (length_min > 0.0f) {
		until = fmin(until, length_min * 60.0 - fade_out);
	}
	CHECK(until > from + 10.0, "%s: under 10 s between the fades", label);

	LoudnessMeter meter;
	CHECK(loudness_meter_init(&meter, (unsigned)RATE), "no loudness meter");
	LowBandMeter low; /* from the first second: the fade-in is ramped */
	low_band_meter_init(&low, BELOW_HZ, 0.4, RATE, (uint64_t)RATE);
	play(host, (uint64_t)(from * RATE), &low, NULL);
	play(host, (uint64_t)((until - from) * RATE), &low, &meter);
	double lufs = -HUGE_VAL;
	CHECK(loudness_meter_result(&meter, &lufs), "%s: no loudness", label);
	loudness_meter_free(&meter);
	host_free(host);
	const double below = low_band_meter_dbfs(&low);
	printf("%-36s %7.2f LUFS  (%g-%g s)  %6.1f dBFS below 20 Hz\n", label, lufs, from, until,
	       below);
	EXPECT(below <= BELOW_DBFS, "%s: %.1f dBFS below 20 Hz", label, below);
	return lufs;
}

int
main(void)
{
	Host* probe = open_plugin(RATE);
	LilvNode* preset_class = lilv_new_uri(host_world(probe), LV2_PRESETS__Preset);
	LilvNodes* presets = lilv_plugin_get_related(host_plugin(probe), preset_class);
	CHECK(lilv_nodes_size(presets) >= 10, "%u presets", lilv_nodes_size(presets));

	double lowest = HUGE_VAL, highest = -HUGE_VAL, sum = 0.0;
	int count = 0;
	LILV_FOREACH(nodes, i, presets)
	{
		const LilvNode* preset = lilv_nodes_get(presets, i);
		LilvState* state =
		    lilv_state_new_from_world(host_world(probe), host_urid_map(probe), preset);
		CHECK(state, "cannot load preset %s", lilv_node_as_uri(preset));
		const double lufs = preset_lufs(lilv_node_as_uri(preset), lilv_state_get_label(state));
		lilv_state_free(state);
		lowest = fmin(lowest, lufs);
		highest = fmax(highest, lufs);
		sum += lufs;
		++count;
	}
	const double mean = sum / count;
	printf("%d presets: %.2f to %.2f LUFS, mean %.2f, spread %.2f LU\n", count, lowest, highest,
	       mean, highest - lowest);
	CHECK(highest - lowest <= SPREAD, "the presets spread over %.2f LU", highest - lowest);
	CHECK(fabs(mean - TARGET) <= TARGET_TOL, "the presets' mean is %.2f LUFS", mean);
	lilv_nodes_free(presets);
	lilv_node_free(preset_class);
	host_free(probe);
	return expect_failures ? 1 : 0;
}
