/* SPDX-License-Identifier: ISC */
/* Checks the tap notes a real host recorded from midi_out against the taps
 * heard in the audio recorded in the same run.
 *
 * Usage: check_taps RECORDING NOTES PERIOD NOTE_MS SLACK START_GAP_S
 * NOTES has a line "FRAME STATUS PITCH" per MIDI message (hex status and
 * pitch, as jack_midi_dump prints them), FRAME counted in the host's frames
 * since the recorder started.  The two recorders started at different
 * moments, whole periods apart (START_GAP_S by the system clock, which
 * tells the candidates a tap cycle apart from each other), so one offset
 * maps the notes' frames onto the recording's; then every tap heard has a
 * note-on and every note-on in the recording's span a tap, on the note's
 * side (48 left, 60 centre, 72 right), each note lasts NOTE_MS, and each
 * note-on lies on its tap within one PERIOD.  Prints the worst error. */
#include "tap.h" /* the plugin's own: a tap heard is a frame and a side */

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TAPS 1024
#define QUIET_S 0.05       /* a tap begins after this much quiet */
#define ONSET_FRACTION 0.1 /* of the loudest sample: where a tap begins */
#define SIDE_S 0.02        /* the side is the louder channel over this long */
#define FINE_FRAMES 16     /* a tap's onset found within this of its first frame */

typedef struct {
	long frame;
	int on; /* 1 note-on, 0 note-off */
	int pitch;
} Note;

static int
side_of_pitch(int pitch)
{
	return pitch < 60 ? -1 : pitch > 60 ? 1 : 0;
}

/* The taps heard: the first sample over the threshold after QUIET_S. */
static int
find_taps(const float* x, long frames, int rate, Tap* taps)
{
	float peak = 0.0f;
	for (long i = 0; i < frames * 2; ++i) {
		peak = fmaxf(peak, fabsf(x[i]));
	}
	const float threshold = (float)ONSET_FRACTION * peak;
	const long quiet = (long)(QUIET_S * rate), span = (long)(SIDE_S * rate);
	long quiet_for = quiet; /* the recording's start counts as quiet */
	int n = 0;
	for (long i = 0; i < frames && n < MAX_TAPS; ++i) {
		const float level = fmaxf(fabsf(x[2 * i]), fabsf(x[2 * i + 1]));
		if (level < threshold) {
			++quiet_for;
			continue;
		}
		if (quiet_for >= quiet && i + span <= frames) {
			double e[2] = {0.0, 0.0};
			for (long k = i; k < i + span; ++k) {
				e[0] += (double)x[2 * k] * x[2 * k];
				e[1] += (double)x[2 * k + 1] * x[2 * k + 1];
			}
			const double ratio = e[1] / (e[0] + 1e-30);
			taps[n++] = (Tap){i, ratio > 2.0 ? 1 : ratio < 0.5 ? -1 : 0};
		}
		quiet_for = 0;
	}
	return n;
}

static int
read_notes(const char* path, Note* notes)
{
	FILE* f = fopen(path, "r");
	if (!f) {
		printf("check_taps: cannot open %s\n", path);
		return -1;
	}
	int n = 0;
	long frame;
	unsigned status, pitch;
	while (n < 2 * MAX_TAPS && fscanf(f, "%ld %x %x", &frame, &status, &pitch) == 3) {
		if ((status & 0xF0) == 0x90 || (status & 0xF0) == 0x80) {
			notes[n++] = (Note){frame, (status & 0xF0) == 0x90, (int)pitch};
		}
	}
	fclose(f);
	return n;
}

static int
compare_long(const void* a, const void* b)
{
	const long x = *(const long*)a, y = *(const long*)b;
	return (x > y) - (x < y);
}

/* Each note-on followed by its note-off of the same pitch NOTE_MS later;
 * give or take whole periods up to `slack` frames, which a recorder that
 * missed cycles did not count. */
static int
check_lengths(const Note* notes, int n, long length, long period, long slack)
{
	int ok = 1, ons = 0;
	for (int i = 0; i < n; ++i) {
		if (!notes[i].on) {
			continue;
		}
		++ons;
		int found = 0;
		for (int k = i + 1; k < n && !found; ++k) {
			found = !notes[k].on && notes[k].pitch == notes[i].pitch;
			const long off = notes[k].frame - notes[i].frame - length;
			if (found && off != 0 && (slack <= period || off % period != 0 || labs(off) > slack)) {
				printf("check_taps: the note at frame %ld lasts %ld frames, not %ld\n",
				       notes[i].frame, notes[k].frame - notes[i].frame, length);
				ok = 0;
			}
		}
		if (!found && i + 1 < n) {
			printf("check_taps: the note at frame %ld has no note-off\n", notes[i].frame);
			ok = 0;
		}
		if (notes[i].pitch != 48 && notes[i].pitch != 72) {
			printf("check_taps: a note-on of pitch %d (want 48 or 72)\n", notes[i].pitch);
			ok = 0;
		}
	}
	printf("check_taps: %d note-ons, each %ld frames long\n", ons, length);
	return ok;
}

int
main(int argc, char** argv)
{
	if (argc != 7) {
		fprintf(stderr, "usage: check_taps RECORDING NOTES PERIOD NOTE_MS SLACK START_GAP_S\n");
		return 2;
	}
	const long period = atol(argv[3]), slack = atol(argv[5]) * period;
	const double start_gap_s = atof(argv[6]);
	SF_INFO info = {0};
	SNDFILE* file = sf_open(argv[1], SFM_READ, &info);
	if (!file || info.channels != 2) {
		printf("check_taps: cannot read %s as stereo audio\n", argv[1]);
		return 1;
	}
	float* x = malloc((size_t)info.frames * 2 * sizeof(float));
	const long frames = (long)sf_readf_float(file, x, info.frames);
	sf_close(file);

	static Tap taps[MAX_TAPS];
	static Note notes[2 * MAX_TAPS];
	const int n_taps = find_taps(x, frames, info.samplerate, taps);
	const int n_notes = read_notes(argv[2], notes);
	free(x);
	if (n_notes < 0) {
		return 1;
	}
	int ok = check_lengths(notes, n_notes, lround(atof(argv[4]) * 1e-3 * info.samplerate), period,
	                       slack);

	/* The offset: note-on and tap pairs on the same side that agree on it
	 * (within a period) form candidates a tap cycle apart, as the taps
	 * repeat; the recorders' clocks say which one it is. */
	static long diffs[MAX_TAPS * MAX_TAPS / 16];
	int n_diffs = 0;
	for (int i = 0; i < n_notes; ++i) {
		for (int j = 0;
		     notes[i].on && j < n_taps && n_diffs < (int)(sizeof(diffs) / sizeof(*diffs)); ++j) {
			if (taps[j].side == side_of_pitch(notes[i].pitch)) {
				diffs[n_diffs++] = notes[i].frame - taps[j].frame;
			}
		}
	}
	qsort(diffs, (size_t)n_diffs, sizeof(long), compare_long);
	const long estimate = lround(start_gap_s * info.samplerate);
	int most = 0;
	for (int i = 0, j = 0; i < n_diffs; ++i) {
		while (diffs[i] - diffs[j] > period) {
			++j;
		}
		most = i - j + 1 > most ? i - j + 1 : most;
	}
	long offset = 0, nearest = -1;
	for (int i = 0, j = 0; i < n_diffs; ++i) {
		while (diffs[i] - diffs[j] > period) {
			++j;
		}
		const long centre = diffs[j + (i - j) / 2];
		if (i - j + 1 >= most - 2 && (nearest < 0 || labs(centre - estimate) < nearest)) {
			nearest = labs(centre - estimate);
			offset = centre;
		}
	}
	printf("check_taps: the recorders started %.3f s apart by the system clock, %.3f s by the "
	       "taps\n",
	       start_gap_s, (double)offset / info.samplerate);

	long worst = 0, worst_fine = 0, matched = 0;
	for (int i = 0; i < n_notes; ++i) {
		const long at = notes[i].frame - offset;
		const long end = frames - (long)(SIDE_S * info.samplerate) - slack;
		if (!notes[i].on || at < QUIET_S * info.samplerate || at >= end) {
			continue; /* outside the recording, or too near its ends to be heard whole */
		}
		int j = 0;
		while (j < n_taps && labs(taps[j].frame - at) > slack + period / 2) {
			++j;
		}
		if (j == n_taps) {
			printf("check_taps: no tap heard at frame %ld for the note-on %d\n", at,
			       notes[i].pitch);
			ok = 0;
			continue;
		}
		++matched;
		const long error = taps[j].frame - at;
		const long fine = error - lround((double)error / (double)period) * period;
		worst = labs(error) > worst ? labs(error) : worst;
		worst_fine = labs(fine) > worst_fine ? labs(fine) : worst_fine;
		if (taps[j].side != side_of_pitch(notes[i].pitch)) {
			printf("check_taps: the tap at frame %ld sounds on side %d, its note %d says %d\n",
			       taps[j].frame, taps[j].side, notes[i].pitch, side_of_pitch(notes[i].pitch));
			ok = 0;
		}
	}
	printf("check_taps: %d taps heard, %ld matched by note-ons; worst note-to-tap error %ld "
	       "frames (%.2f ms; a period is %ld), %ld frames within the period\n",
	       n_taps, matched, worst, 1e3 * (double)worst / info.samplerate, period, worst_fine);
	if (matched < n_taps - 1 || matched < 4) {
		printf("check_taps: taps heard without a note-on\n");
		ok = 0;
	}
	if (worst > slack || worst_fine > FINE_FRAMES) {
		ok = 0;
	}
	printf("check_taps: %s\n", ok ? "ok" : "FAILED");
	return ok ? 0 : 1;
}
