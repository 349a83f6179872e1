/* SPDX-License-Identifier: ISC */
/* Unit test of the cue sample loader, without LV2: the leading silence is
 * trimmed, every level has the right length, the loudness gain does not
 * depend on the file's level, decoding from memory gives what the file
 * gives, and bad input is refused with a reason. */
#undef NDEBUG

#include "check.h"
#include "sample_file.h"
#include "sample_files.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SampleFile*
load_ok(const char* path, double rate)
{
	char err[512] = "";
	SampleFile* s = sample_file_load(path, rate, err, sizeof(err));
	CHECK(s, "%s: %s", path, err);
	return s;
}

static void
expect_refused(const void* data, size_t size, const char* reason)
{
	char err[512] = "";
	SampleFile* s = sample_file_decode(data, size, 48000.0, err, sizeof(err));
	CHECK(!s, "accepted, expected '%s'", reason);
	CHECK(strstr(err, reason), "said '%s', expected '%s'", err, reason);
}

int
main(void)
{
	char* dir = sample_dir_new();
	char* loud = sample_path(dir, "loud.wav");
	char* quiet = sample_path(dir, "quiet.flac");
	CHECK(write_tone(loud, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 44100, 2, 440.0, 0.5, 0.8, 0.1),
	      "writing");
	CHECK(write_tone(quiet, SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 44100, 1, 440.0, 0.5, 0.08, 0.1),
	      "writing");

	SampleFile* a = load_ok(loud, 48000.0);
	SampleFile* b = load_ok(quiet, 48000.0);
	printf("loud: %.3f s, trimmed %.4f s, gain %+.2f dB; quiet: gain %+.2f dB\n", a->source_seconds,
	       a->trimmed_s, a->gain_db, b->gain_db);
	CHECK(fabs(a->trimmed_s - 0.0995) < 0.001, "trimmed %.4f s of 0.1 s silence", a->trimmed_s);
	CHECK(fabs((b->gain_db - a->gain_db) - 20.0) < 0.05,
	      "gains %.2f and %.2f dB are not 20 dB "
	      "apart",
	      a->gain_db, b->gain_db);
	for (int k = 0; k < CUE_SAMPLE_LEVELS; ++k) {
		const double expected = (0.5 + 0.0005) * 48000.0 / (1 << k);
		CHECK(fabs(a->cue.frames[k] - expected) < 3.0, "level %d has %u frames, not %.0f", k,
		      a->cue.frames[k], expected);
		/* the guards are zero */
		for (int g = 1; g <= CUE_SAMPLE_GUARD; ++g) {
			CHECK(a->cue.data[k][-g] == 0.0f && a->cue.data[k][a->cue.frames[k] + g - 1] == 0.0f,
			      "level %d guard %d", k, g);
		}
	}

	/* from memory: the same samples */
	FILE* f = fopen(quiet, "rb");
	fseek(f, 0, SEEK_END);
	const size_t size = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char* bytes = (unsigned char*)malloc(size);
	CHECK(fread(bytes, 1, size, f) == size, "reading");
	fclose(f);
	char err[512];
	SampleFile* m = sample_file_decode(bytes, size, 48000.0, err, sizeof(err));
	CHECK(m && m->cue.frames[0] == b->cue.frames[0] &&
	          memcmp(m->cue.data[0], b->cue.data[0], b->cue.frames[0] * sizeof(float)) == 0,
	      "memory and file decode differ");
	expect_refused(bytes, 0, "empty");
	expect_refused(bytes, 40, "libsndfile cannot read it");
	expect_refused("RIFF1234WAVEjunk", 16, "libsndfile cannot read it");
	sample_file_free(m);
	free(bytes);

	/* any host rate */
	SampleFile* low = load_ok(loud, 8000.0);
	SampleFile* high = load_ok(loud, 384000.0);
	CHECK(fabs(high->cue.frames[0] / (double)low->cue.frames[0] - 48.0) < 0.01,
	      "rates: %u and %u frames", low->cue.frames[0], high->cue.frames[0]);
	sample_file_free(low);
	sample_file_free(high);

	sample_file_free(a);
	sample_file_free(b);
	free(loud);
	free(quiet);
	sample_dir_free(dir);
	printf("ok\n");
	return 0;
}
