/* SPDX-License-Identifier: ISC */
/* The window driven by a running plugin in real time, idle() at 60 Hz,
 * as a host's audio and UI threads would: the drawn target against the
 * plugin's own gaze at the frames it could have drawn. */
#include "ui_window_test.h"

/* What the plugin said at every frame: its gaze position and side. */
typedef struct {
	float* pos;
	int8_t* side;
	int64_t frames; /* logged */
	int64_t capacity;
} GazeLog;

#define PENDING_BYTES 65536
/* How far ahead of what plays the plugin has run, as a host's audio
 * buffers have it. */
#define AHEAD_FRAMES 1024

/* An event the plugin sent, with the session frame it was sent at. */
typedef struct {
	int64_t frame;
	uint32_t size; /* of the atom, padded */
	uint32_t pad;
} Pending;

typedef struct {
	Host* host;
	UiHost* ui;
	GazeLog log;
	float *left, *right;
	float *pos_out, *side_out;
	/* what the plugin sent on notify that the host has not passed on */
	uint8_t pending[PENDING_BYTES];
	uint32_t pending_size;
	/* the audio clock as the window can know it: from the snapshots, at
	 * the times they reached it */
	Motion clock;
	uint32_t motion_type, snapshot_key;
} Session;

/* The plugin runs up to session frame `to`, a frame a run (so that every
 * frame's gaze is known); what it sends on notify waits in the host. */
static void
render_to(Session* s, int64_t to)
{
	while (s->log.frames < to && s->log.frames + 1 < s->log.capacity) {
		host_run(s->host, s->left, s->right, 1);
		s->log.frames++;
		s->log.pos[s->log.frames] = *s->pos_out;
		s->log.side[s->log.frames] = (int8_t)lrintf(*s->side_out);
		const LV2_Atom_Sequence* notify = host_output_events(s->host, "notify");
		LV2_ATOM_SEQUENCE_FOREACH(notify, ev)
		{
			const Pending head = {s->log.frames,
			                      lv2_atom_pad_size((uint32_t)sizeof(LV2_Atom) + ev->body.size), 0};
			CHECK(s->pending_size + sizeof(head) + head.size <= PENDING_BYTES,
			      "the host's buffer overflowed");
			memcpy(s->pending + s->pending_size, &head, sizeof(head));
			memcpy(s->pending + s->pending_size + sizeof(head), &ev->body,
			       sizeof(LV2_Atom) + ev->body.size);
			s->pending_size += (uint32_t)sizeof(head) + head.size;
		}
	}
}

/* The host's update: the outputs' values, and the events of what has
 * played by session frame `played` (the audio is heard after it is made). */
static void
pass_on(Session* s, int64_t played)
{
	ui_host_send_outputs(s->ui, s->host);
	uint32_t at = 0;
	while (at < s->pending_size) {
		Pending head;
		memcpy(&head, s->pending + at, sizeof(head));
		if (head.frame > played) {
			break;
		}
		const LV2_Atom* atom = (const LV2_Atom*)(s->pending + at + sizeof(head));
		ui_host_send_atom(s->ui, atom);
		const LV2_Atom* chunk = NULL;
		if (((const LV2_Atom_Object*)atom)->body.otype == s->motion_type) {
			lv2_atom_object_get((const LV2_Atom_Object*)atom, s->snapshot_key, &chunk, 0);
			CHECK(chunk && motion_take(&s->clock, LV2_ATOM_BODY_CONST(chunk), chunk->size, now_s()),
			      "a motion snapshot that is not one");
		}
		at += (uint32_t)sizeof(head) + head.size;
	}
	memmove(s->pending, s->pending + at, s->pending_size - at);
	s->pending_size -= at;
}

static float
smoothstep(float u)
{
	return u * u * (3.0f - 2.0f * u);
}

/* Where the target should be at frame f: the plugin's gaze, and in
 * Alternate its glide to the side of the coming strike. */
static float
expected_at(const GazeLog* log, int64_t f, bool alternate, uint32_t glide)
{
	const float pos = log->pos[f];
	if (!alternate || glide == 0) {
		return pos;
	}
	for (int64_t g = f + 1; g <= f + glide && g < log->frames; ++g) {
		if (log->side[g] != log->side[f]) {
			if (log->side[g] == 0) {
				return pos; /* the set ended: no strike to glide to */
			}
			const float u = 1.0f - (float)(g - f) / (float)glide;
			return pos + ((float)log->side[g] - pos) * smoothstep(u);
		}
	}
	return pos;
}

/* How far (in widths of the field) a drawn position lies from the sound
 * over session frames [from, to]. */
static double
frame_error(const GazeLog* log, float drawn, double from, double to, int mode, uint32_t glide)
{
	const int64_t f0 = (int64_t)floor(from), f1 = (int64_t)ceil(to);
	float lo = 2.0f, hi = -2.0f;
	for (int64_t f = f0; f <= f1 && f < log->frames; ++f) {
		const float e = expected_at(log, f, mode == 2, glide);
		lo = e < lo ? e : lo;
		hi = e > hi ? e : hi;
	}
	CHECK(lo <= hi, "a frame was drawn past the rendered session");
	const float off = drawn < lo ? lo - drawn : drawn > hi ? drawn - hi : 0.0f;
	return off * 0.5; /* the field spans 2 */
}

/* 120 frames at 60 Hz of a running plugin: the drawn target against the
 * plugin's gaze over the frames the idle() call could have drawn. */
double
check_running(Display* dpy, const RunCase* c, const char* screenshot)
{
	static Session s;
	memset(&s, 0, sizeof(s));
	s.host = open_host();
	set(s.host, "gaze_mode", (float)c->mode);
	set(s.host, "gaze_rate", c->rate_hz);
	set(s.host, "gaze_hold", c->hold_s);
	set(s.host, "gaze_rest", c->rest_s);
	set(s.host, "fade_in", 0.0f);
	s.ui = open_ui(s.host, dpy, WIDTH, HEIGHT, 1.0f);
	ui_host_apply_writes(s.ui, s.host); /* the window's uiOn */
	motion_init(&s.clock);
	s.motion_type = host_map(s.host, SOMASCAPE_MOTION_URI);
	s.snapshot_key = host_map(s.host, SOMASCAPE_SNAPSHOT_URI);
	s.pos_out = host_control(s.host, "gaze_pos");
	s.side_out = host_control(s.host, "gaze_side");
	/* room for the frames taking up to 10 s longer than planned */
	const double seconds = c->start_s + (WARM_UP + FRAMES) / FPS + 10.0;
	s.log.capacity = (int64_t)(seconds * RATE);
	s.log.pos = (float*)calloc((size_t)s.log.capacity, sizeof(float));
	s.log.side = (int8_t*)calloc((size_t)s.log.capacity, 1);
	s.left = (float*)calloc(1, sizeof(float));
	s.right = (float*)calloc(1, sizeof(float));

	const int64_t start = (int64_t)(c->start_s * RATE);
	for (int64_t f = 0; f < start; f += (int64_t)(UPDATE_S * RATE)) {
		render_to(&s, f < start ? f : start);
		pass_on(&s, f);
	}
	render_to(&s, start + AHEAD_FRAMES);
	double t0 = now_s();
	double drawn_from[FRAMES], drawn_to[FRAMES], played_from[FRAMES];
	double news_age[FRAMES]; /* how old the window's last snapshot was */
	float drawn[FRAMES];
	double next_update = t0, idle_total = 0.0, late_most = 0.0;
	const ViewLayout band = window_layout(WIDTH, HEIGHT);
	const int band_top = (int)(band.target_y - band.target_r) - 4;
	const int band_rows = (int)(2.0 * band.target_r) + 8;
	cairo_surface_t* kept = NULL; /* the README's picture */
	for (int k = 0; k < WARM_UP + FRAMES; ++k) {
		sleep_until(t0 + k / FPS);
		const double t = now_s();
		/* the audio clock: the frame that plays now */
		const int64_t playing = start + (int64_t)((t - t0) * RATE);
		if (t >= next_update) {
			pass_on(&s, playing);
			next_update += UPDATE_S;
		}
		render_to(&s, playing + AHEAD_FRAMES);
		const double before = now_s();
		CHECK(ui_host_idle(s.ui) == 0, "idle() says the window closed");
		XSync(dpy, False);
		const double after = now_s();
		idle_total += after - before;
		if (k < WARM_UP) {
			continue;
		}
		const int i = k - WARM_UP;
		/* the field's rows only, the rest of the window kept once */
		cairo_surface_t* image =
		    ui_host_capture_rows(s.ui, ui_host_widget(s.ui), band_top, band_rows);
		CHECK(image, "XGetImage failed");
		CHECK(target_in(image, band_top, WIDTH, HEIGHT, 1.0, &drawn[i]),
		      "%s: no target in frame %d", c->name, i);
		cairo_surface_destroy(image);
		if (screenshot && i == FRAMES / 3) {
			kept = ui_host_capture(s.ui, ui_host_widget(s.ui));
		}
		/* the host's lateness in passing the plugin's snapshots on, which
		 * the window cannot know: it shows the sound that much earlier */
		const double playing_then = start + (before - t0) * RATE;
		const double late = fmax(0.0, playing_then - (s.clock.offset + RATE * before));
		late_most = fmax(late_most, late);
		drawn_from[i] = playing_then - late;
		played_from[i] = playing_then;
		news_age[i] = (playing_then - (double)s.clock.snap.frame) / RATE;
		drawn_to[i] = start + (after - t0) * RATE;
	}
	/* the sound after the last frame too: a glide to a strike to come
	 * looks ahead */
	render_to(&s, start + (int64_t)((now_s() - t0 + ALTERNATE_GLIDE_MAX_S) * RATE) + 1);
	if (kept) {
		cairo_surface_write_to_png(kept, screenshot);
		cairo_surface_destroy(kept);
	}

	Gaze pace; /* the Alternate glide's length, as the window makes it */
	gaze_init(&pace, RATE, 1);
	pace.inc = (uint64_t)(ldexp(1.0, 64) * c->rate_hz / RATE);
	const uint32_t glide = motion_alternate_glide_frames(&pace);

	/* each frame against the sound over the span its idle() could have
	 * drawn, from the frame the window could know of; and, for the
	 * record, from the frame that played (the host's lateness counted) */
	double worst = 0.0, worst_played = 0.0, sum = 0.0;
	int worst_frame = 0;
	for (int i = 0; i < FRAMES; ++i) {
		const double error =
		    frame_error(&s.log, drawn[i], drawn_from[i], drawn_to[i], c->mode, glide);
		worst_played = fmax(worst_played, frame_error(&s.log, drawn[i], played_from[i], drawn_to[i],
		                                              c->mode, glide));
		sum += error;
		if (error > worst) {
			worst = error;
			worst_frame = i;
		}
	}
	printf("%s: %d frames at %.0f Hz, idle() %.2f ms a frame, snapshots passed on up to %.2f ms "
	       "late; target error: worst %.3f %% of the width (frame %d), mean %.3f %%; against the "
	       "frame that played: worst %.3f %%\n",
	       c->name, FRAMES, FPS, 1e3 * idle_total / (WARM_UP + FRAMES), 1e3 * late_most / RATE,
	       100.0 * worst, worst_frame, 100.0 * sum / FRAMES, 100.0 * worst_played);
	CHECK(worst <= MAX_ERROR,
	      "%s: frame %d: the target drawn at %+.4f, %.2f %% of the width from the sound over "
	      "frames %.0f to %.0f (the window's last snapshot %.1f ms old)",
	      c->name, worst_frame, drawn[worst_frame], 100.0 * worst, drawn_from[worst_frame],
	      drawn_to[worst_frame], 1e3 * news_age[worst_frame]);

	ui_host_free(s.ui);
	host_free(s.host);
	free(s.log.pos);
	free(s.log.side);
	free(s.left);
	free(s.right);
	return worst;
}
