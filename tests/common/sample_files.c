/* SPDX-License-Identifier: ISC */
#define _XOPEN_SOURCE 700
#include "sample_files.h"

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

char*
sample_dir_new(void)
{
	const char* tmp = getenv("TMPDIR");
	char template[4096];
	snprintf(template, sizeof(template), "%s/somascape samples \xc3\xa9t\xc3\xa9 XXXXXX",
	         tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(template)) {
		perror("mkdtemp");
		exit(1);
	}
	return strdup(template);
}

static int
remove_entry(const char* path, const struct stat* st, int flag, struct FTW* ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	chmod(path, 0700);
	return remove(path);
}

void
sample_dir_free(char* dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

char*
sample_path(const char* dir, const char* name)
{
	const size_t size = strlen(dir) + strlen(name) + 2;
	char* path = (char*)malloc(size);
	snprintf(path, size, "%s/%s", dir, name);
	return path;
}

bool
write_tone(const char* path, int format, int rate, int channels, double hz, double seconds,
           double level, double lead_s)
{
	SF_INFO info = {.samplerate = rate, .channels = channels, .format = format};
	SNDFILE* sf = sf_open(path, SFM_WRITE, &info);
	if (!sf) {
		fprintf(stderr, "cannot write %s: %s\n", path, sf_strerror(NULL));
		return false;
	}
	const size_t lead = (size_t)(lead_s * rate);
	const size_t frames = lead + (size_t)(seconds * rate);
	const size_t fade = (size_t)(0.005 * rate);
	float* buf = (float*)calloc(frames * (size_t)channels, sizeof(float));
	for (size_t i = lead; i < frames; ++i) {
		const size_t t = i - lead;
		double g = level;
		if (t < fade) {
			g *= (double)t / (double)fade;
		} else if (frames - i < fade) {
			g *= (double)(frames - i) / (double)fade;
		}
		const float x = (float)(g * sin(2.0 * M_PI * hz * (double)t / rate));
		for (int c = 0; c < channels; ++c) {
			buf[i * (size_t)channels + (size_t)c] = x;
		}
	}
	const bool ok = sf_writef_float(sf, buf, (sf_count_t)frames) == (sf_count_t)frames;
	free(buf);
	return sf_close(sf) == 0 && ok;
}

bool
write_bytes(const char* path, const void* data, size_t size)
{
	FILE* f = fopen(path, "wb");
	if (!f) {
		return false;
	}
	const bool ok = fwrite(data, 1, size, f) == size;
	return fclose(f) == 0 && ok;
}

bool
copy_head(const char* from, const char* to, size_t size)
{
	FILE* f = fopen(from, "rb");
	if (!f) {
		return false;
	}
	char* buf = (char*)malloc(size);
	const size_t got = fread(buf, 1, size, f);
	fclose(f);
	const bool ok = got == size && write_bytes(to, buf, size);
	free(buf);
	return ok;
}

double
measure_hz(const float* x, size_t n, double rate)
{
	double first = -1.0, last = -1.0;
	size_t crossings = 0;
	for (size_t i = 1; i < n; ++i) {
		if (x[i - 1] < 0.0f && x[i] >= 0.0f) {
			const double t = (double)(i - 1) + x[i - 1] / (double)(x[i - 1] - x[i]);
			if (crossings == 0) {
				first = t;
			}
			last = t;
			++crossings;
		}
	}
	return crossings < 2 ? 0.0 : (double)(crossings - 1) * rate / (last - first);
}
