/* SPDX-License-Identifier: ISC */
/* libFuzzer target: the cue sample loader's decode-from-memory path (what
 * the plugin's worker runs on a user's file), at two host rates.  Built by
 * tests/fuzz/targets.cmake (the fuzz_sample_file tests), or by hand:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iplugin -Iplugin/dsp \
 *     tests/fuzz/fuzz_sample_file.c plugin/samples/sample_file.c plugin/dsp/voices/cue_sample.c \
 *     -lsndfile -lsamplerate -lm -o fuzz_sample_file
 *   ./fuzz_sample_file -rss_limit_mb=2048 tests/fuzz/corpus/sample_file
 * libsndfile 1.2.0 leaks libvorbis's vorbis_info on a malformed Ogg file:
 * run with LSAN_OPTIONS=suppressions=tests/reliability/lsan.supp. */
#include "sample_file.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
	char err[512];
	/* the first byte picks the rate, so both sides of 44.1 kHz are reached */
	const double rate = size > 0 && (data[0] & 1) ? 96000.0 : 22050.0;
	SampleFile* sample = sample_file_decode(data, size, rate, err, sizeof(err));
	if (sample) {
		/* every level is read to its guards, as playback would */
		float sum = 0.0f;
		for (int k = 0; k < CUE_SAMPLE_LEVELS; ++k) {
			for (int64_t i = -CUE_SAMPLE_GUARD;
			     i < (int64_t)sample->cue.frames[k] + CUE_SAMPLE_GUARD; ++i) {
				sum += sample->cue.data[k][i];
			}
		}
		(void)sum;
	}
	sample_file_free(sample);
	return 0;
}
