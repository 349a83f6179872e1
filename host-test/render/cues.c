/* SPDX-License-Identifier: ISC */
#include "cues.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

static const char*
cue_text(CueTrack track, int state)
{
	switch (track) {
	case CUE_TRACK_GAZE:
		return state > 0 ? "Look right" : state < 0 ? "Look left" : "Centre";
	case CUE_TRACK_SET:
		return state ? "Set start" : "Rest";
	case CUE_TRACK_BREATH:
		return state == 0 ? "Breathe in" : state == 2 ? "Breathe out" : "Hold";
	default:
		return "";
	}
}

bool
cue_sheet_open(CueSheet* sheet, const char* path, double rate, char* err, size_t err_size)
{
	memset(sheet, 0, sizeof(*sheet));
	sheet->rate = rate;
	const int fd = atomic_file_open(&sheet->file, path, err, err_size);
	if (fd < 0) {
		return false;
	}
	sheet->out = fdopen(fd, "w");
	for (int i = 0; i < CUE_TRACKS; ++i) {
		sheet->tracks[i].spool = tmpfile();
		if (!sheet->tracks[i].spool) {
			snprintf(err, err_size, "cannot make a temporary file for the cues: %s",
			         strerror(errno));
			cue_sheet_abort(sheet);
			return false;
		}
	}
	if (!sheet->out) {
		snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		cue_sheet_abort(sheet);
		return false;
	}
	return true;
}

/* Spools the cue of the state that ends at `end`.  A first state counts
 * once the track has changed (a session that never rests has no "Set
 * start" cue), a first gaze side only if it is a side (the cue starts at
 * the centre without being told to look there). */
static void
close_cue(CueTrack track, CueTrackState* t, int64_t end, bool at_end)
{
	const bool first = !t->changed;
	if (first && track == CUE_TRACK_GAZE && t->state == 0) {
		return;
	}
	if (first && at_end && track != CUE_TRACK_GAZE) {
		return;
	}
	fprintf(t->spool, "%" PRId64 " %" PRId64 " %d\n", t->since, end, t->state);
}

void
cue_sheet_caption(CueSheet* sheet, int64_t start, int64_t end, const char* text)
{
	/* one line each, of at most CUE_CAPTION_MAX bytes (cut between UTF-8
	 * characters), as write_sheet() reads them back */
	size_t n = strlen(text);
	if (n > CUE_CAPTION_MAX) {
		n = CUE_CAPTION_MAX;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80) {
			--n;
		}
	}
	FILE* spool = sheet->tracks[CUE_TRACK_VOICE].spool;
	fprintf(spool, "%" PRId64 " %" PRId64 " ", start, end);
	for (size_t i = 0; i < n; ++i) {
		fputc(text[i] == '\n' || text[i] == '\r' ? ' ' : text[i], spool);
	}
	fputc('\n', spool);
}

static void
observe_track(CueSheet* sheet, CueTrack track, int state, int64_t frame)
{
	CueTrackState* t = &sheet->tracks[track];
	if (!t->started) {
		*t = (CueTrackState){t->spool, true, false, state, frame};
		return;
	}
	if (state != t->state) {
		close_cue(track, t, frame, false);
		t->changed = true;
		t->state = state;
		t->since = frame;
	}
}

void
cue_sheet_observe(CueSheet* sheet, int64_t start, float gaze_side, float set_active,
                  float breath_stage)
{
	observe_track(sheet, CUE_TRACK_GAZE, (int)lrintf(gaze_side), start);
	observe_track(sheet, CUE_TRACK_SET, set_active > 0.5f ? 1 : 0, start);
	observe_track(sheet, CUE_TRACK_BREATH, (int)lrintf(breath_stage), start);
}

static void
write_time(FILE* out, int64_t ms)
{
	fprintf(out, "%02" PRId64 ":%02" PRId64 ":%02" PRId64 ".%03" PRId64, ms / 3600000,
	        ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

typedef struct {
	bool valid;
	int64_t start, end;
	int state;
	char caption[CUE_CAPTION_MAX + 2]; /* CUE_TRACK_VOICE, and its newline */
} SpooledCue;

static void
read_cue(CueTrack track, FILE* spool, SpooledCue* cue)
{
	if (track != CUE_TRACK_VOICE) {
		cue->valid =
		    fscanf(spool, "%" SCNd64 " %" SCNd64 " %d", &cue->start, &cue->end, &cue->state) == 3;
		return;
	}
	/* the one space after the frames, then the caption as written */
	cue->valid = fscanf(spool, "%" SCNd64 " %" SCNd64, &cue->start, &cue->end) == 2 &&
	             fgetc(spool) == ' ' && fgets(cue->caption, sizeof(cue->caption), spool);
	if (cue->valid) {
		cue->caption[strcspn(cue->caption, "\n")] = '\0';
	}
}

/* Cue text with WebVTT's special characters escaped. */
static void
write_text(FILE* out, const char* text)
{
	for (const char* c = text; *c; ++c) {
		if (*c == '&') {
			fputs("&amp;", out);
		} else if (*c == '<') {
			fputs("&lt;", out);
		} else if (*c == '>') {
			fputs("&gt;", out);
		} else {
			fputc(*c, out);
		}
	}
}

/* Merges the spools, each in time order, into the sheet. */
static void
write_sheet(CueSheet* sheet)
{
	FILE* out = sheet->out;
	fputs("WEBVTT - somascape session cues\n\n", out);
	SpooledCue next[CUE_TRACKS];
	for (int i = 0; i < CUE_TRACKS; ++i) {
		rewind(sheet->tracks[i].spool);
		read_cue((CueTrack)i, sheet->tracks[i].spool, &next[i]);
	}
	unsigned id = 0;
	for (;;) {
		int pick = -1;
		for (int i = 0; i < CUE_TRACKS; ++i) {
			if (next[i].valid && (pick < 0 || next[i].start < next[pick].start)) {
				pick = i;
			}
		}
		if (pick < 0) {
			break;
		}
		const int64_t start_ms = llround((double)next[pick].start * 1000.0 / sheet->rate);
		const int64_t end_ms = llround((double)next[pick].end * 1000.0 / sheet->rate);
		if (end_ms > start_ms) {
			fprintf(out, "%u\n", ++id);
			write_time(out, start_ms);
			fputs(" --> ", out);
			write_time(out, end_ms);
			fputc('\n', out);
			write_text(out, pick == CUE_TRACK_VOICE ? next[pick].caption
			                                        : cue_text((CueTrack)pick, next[pick].state));
			fputs("\n\n", out);
		}
		read_cue((CueTrack)pick, sheet->tracks[pick].spool, &next[pick]);
	}
}

bool
cue_sheet_commit(CueSheet* sheet, int64_t end_frame, char* err, size_t err_size)
{
	for (int i = 0; i < CUE_TRACKS; ++i) {
		CueTrackState* t = &sheet->tracks[i];
		if (t->started && t->since < end_frame) {
			close_cue((CueTrack)i, t, end_frame, true);
		}
	}
	write_sheet(sheet);
	bool ok = true;
	for (int i = 0; i < CUE_TRACKS; ++i) {
		ok = ok && !ferror(sheet->tracks[i].spool);
	}
	errno = 0;
	ok = !ferror(sheet->out) && fclose(sheet->out) == 0 && ok;
	sheet->out = NULL;
	if (!ok) {
		snprintf(err, err_size, "writing %s failed: %s", sheet->file.path,
		         errno ? strerror(errno) : "write error");
		cue_sheet_abort(sheet);
		return false;
	}
	for (int i = 0; i < CUE_TRACKS; ++i) {
		fclose(sheet->tracks[i].spool);
		sheet->tracks[i].spool = NULL;
	}
	return atomic_file_commit(&sheet->file, err, err_size);
}

void
cue_sheet_abort(CueSheet* sheet)
{
	if (sheet->out) {
		fclose(sheet->out);
		sheet->out = NULL;
	}
	for (int i = 0; i < CUE_TRACKS; ++i) {
		if (sheet->tracks[i].spool) {
			fclose(sheet->tracks[i].spool);
			sheet->tracks[i].spool = NULL;
		}
	}
	atomic_file_abort(&sheet->file);
}
