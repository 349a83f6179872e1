/* SPDX-License-Identifier: ISC */
/* The default session rendered the plainest way, for test_render_writer.sh
 * to hold somascape-render's output against: one thread, the lilv host,
 * runs of BLOCK frames, each interleaved and written by libsndfile as
 * 32-bit float at once.
 *   test_render_reference OUT.wav RATE FRAMES BLOCK */
#include "host.h"

#include <sndfile.h>

#include <stdio.h>
#include <stdlib.h>

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"

int
main(int argc, char** argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: test_render_reference OUT.wav RATE FRAMES BLOCK\n");
		return 2;
	}
	const int rate = atoi(argv[2]);
	const long frames = atol(argv[3]);
	const long block = atol(argv[4]);
	if (rate <= 0 || frames <= 0 || block <= 0 || block > (long)HOST_MAX_BLOCK) {
		fprintf(stderr, "test_render_reference: bad RATE, FRAMES or BLOCK\n");
		return 2;
	}
	char err[1024];
	Host* host = host_new(PLUGIN_URI, rate, err, sizeof(err));
	if (!host) {
		fprintf(stderr, "test_render_reference: %s\n", err);
		return 1;
	}
	SF_INFO info = {.samplerate = rate, .channels = 2, .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT};
	SNDFILE* sf = sf_open(argv[1], SFM_WRITE, &info);
	if (!sf) {
		fprintf(stderr, "test_render_reference: %s: %s\n", argv[1], sf_strerror(NULL));
		host_free(host);
		return 1;
	}
	static float left[HOST_MAX_BLOCK], right[HOST_MAX_BLOCK], both[2 * HOST_MAX_BLOCK];
	host_activate(host);
	host_run(host, left, right, 0); /* as the renderer does, before the first frame */
	bool ok = true;
	for (long done = 0; ok && done < frames;) {
		const long n = frames - done < block ? frames - done : block;
		host_run(host, left, right, (uint32_t)n);
		for (long i = 0; i < n; ++i) {
			both[2 * i] = left[i];
			both[2 * i + 1] = right[i];
		}
		ok = sf_writef_float(sf, both, n) == n;
		done += n;
	}
	host_deactivate(host);
	host_free(host);
	ok = sf_close(sf) == 0 && ok;
	if (!ok) {
		fprintf(stderr, "test_render_reference: writing %s failed\n", argv[1]);
	}
	return ok ? 0 : 1;
}
