/* SPDX-License-Identifier: ISC */
/* The plugin's window under a real X server (Xvfb), loaded by our own UI
 * host (host-test/lib/ui_host.c) as a host loads it, and read back with
 * XGetImage:
 *   - the target at gaze_pos -1, 0 and +1 at the field's left, middle and
 *     right (within 1 % of its width); the breathing circle grows;
 *   - driven by a running plugin (Sweep at 1 Hz, Hold, Alternate) in real
 *     time, idle() at 60 Hz: 120 captured frames each, the target against
 *     the plugin's own gaze at the moment drawn (worst error <= 1 %);
 *   - a resize honoured; the projector opens at the screen's size, closes
 *     with Esc and with a second click; the mode buttons and dragging the
 *     target in Follow reach the plugin;
 *   - no X error anywhere.
 * --cycles N instantiates and cleans up the window N times (run under
 * valgrind by the memcheck test); --screenshots DIR writes the README's
 * pictures of the window and the projector. */
#include "check.h"
#include "controls_bar.h"
#include "host.h"
#include "motion.h"
#include "ports.h"
#include "ui_host.h"
#include "ui_pixels.h"
#include "view.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xrandr.h>
#include <X11/keysym.h>
#include <lv2/atom/util.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"
#define RATE 48000.0
#define WIDTH 640
#define HEIGHT 400
#define FPS 60.0
#define FRAMES 120
#define WARM_UP 45             /* frames drawn before the captured ones */
#define UPDATE_S (1.0 / 25.0)  /* how often the host passes outputs on, as jalv does */
#define MAX_ERROR 0.01

static int x_errors;

static int
on_x_error(Display* dpy, XErrorEvent* ev)
{
	char text[256];
	XGetErrorText(dpy, ev->error_code, text, sizeof(text));
	fprintf(stderr, "X error: %s (request %d)\n", text, ev->request_code);
	++x_errors;
	return 0;
}

static double
now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void
sleep_until(double t)
{
	const double wait = t - now_s();
	if (wait > 0.0) {
		struct timespec ts = {(time_t)wait, (long)((wait - floor(wait)) * 1e9)};
		nanosleep(&ts, NULL);
	}
}

static Host*
open_host(void)
{
	char err[256];
	Host* host = host_new(PLUGIN_URI, RATE, err, sizeof(err));
	CHECK(host, "cannot load the plugin: %s", err);
	host_activate(host);
	return host;
}

static UiHost*
open_ui(Host* host, Display* dpy, int width, int height, float scale)
{
	char err[256];
	UiHost* ui = ui_host_new(host, dpy, width, height, scale, err, sizeof(err));
	CHECK(ui, "cannot load the window: %s", err);
	ui_host_send_controls(ui, host);
	return ui;
}

static void
set(Host* host, const char* symbol, float value)
{
	CHECK(host_set(host, symbol, value), "no control %s", symbol);
}

static ViewLayout
window_layout(int width, int height)
{
	ViewLook look;
	view_look_defaults(&look);
	return view_window_layout(width, height, &look);
}

static void
target_rgb_default(double rgb[3])
{
	ViewLook look;
	view_look_defaults(&look);
	view_target_rgb(&look, rgb);
}

/* The gaze position the picture's target stands for, in a window of
 * width x height logical pixels drawn at `scale` device pixels to one; the
 * picture's top row is the window's row `top`. */
static bool
target_in(cairo_surface_t* image, int top, int width, int height, double scale, float* pos)
{
	const ViewLayout l = window_layout(width, height);
	double rgb[3], x;
	target_rgb_default(rgb);
	const double r = l.target_r + 2.0;
	if (!find_colour_centre(image, rgb, (int)(scale * (l.field.x - r)),
	                        (int)(scale * (l.field.x + l.field.w + r)),
	                        (int)(scale * (l.target_y - r)) - top,
	                        (int)(scale * (l.target_y + r)) - top, &x)) {
		return false;
	}
	*pos = view_gaze_at(&l, x / scale);
	return true;
}

static bool
drawn_position_scaled(cairo_surface_t* image, int width, int height, double scale, float* pos)
{
	return target_in(image, 0, width, height, scale, pos);
}

static bool
drawn_position(cairo_surface_t* image, int width, int height, float* pos)
{
	return drawn_position_scaled(image, width, height, 1.0, pos);
}

static cairo_surface_t*
frame_now(UiHost* ui, Display* dpy)
{
	CHECK(ui_host_idle(ui) == 0, "idle() says the window closed");
	XSync(dpy, False);
	cairo_surface_t* image = ui_host_capture(ui, ui_host_widget(ui));
	CHECK(image, "XGetImage of the window failed");
	return image;
}

/* The target at -1, 0, +1 from port events alone; the breathing circle
 * grows with the breath; a resize is honoured. */
static void
check_positions(Display* dpy)
{
	Host* host = open_host();
	UiHost* ui = open_ui(host, dpy, WIDTH, HEIGHT, 1.0f);
	int rw, rh;
	ui_host_requested_size(ui, &rw, &rh);
	CHECK(rw == WIDTH && rh == HEIGHT, "the window asked for %dx%d through ui:resize", rw, rh);
	const ViewLayout l = window_layout(WIDTH, HEIGHT);
	for (int side = -1; side <= 1; ++side) {
		ui_host_send_control(ui, PORT_gaze_pos, (float)side);
		ui_host_send_control(ui, PORT_gaze_side, (float)side);
		cairo_surface_t* image = frame_now(ui, dpy);
		float pos;
		CHECK(drawn_position(image, WIDTH, HEIGHT, &pos), "no target in the window");
		const double error = fabs(pos - side) * 0.5; /* in widths of the field */
		printf("gaze_pos %+d: target drawn at %+.4f (%.2f %% of the width off)\n", side, pos,
		       100.0 * error);
		CHECK(error <= MAX_ERROR, "the target for gaze_pos %d is drawn at %f", side, pos);
		cairo_surface_destroy(image);
	}

	double radius[2];
	const float levels[2] = {0.1f, 0.9f};
	const double breath_rgb[3] = {0.300, 0.560, 0.620};
	for (int i = 0; i < 2; ++i) {
		ui_host_send_control(ui, PORT_breath_level, levels[i]);
		cairo_surface_t* image = frame_now(ui, dpy);
		radius[i] = colour_extent_left(image, breath_rgb, (int)l.breath_x, (int)l.breath_y,
		                               (int)(l.breath_r_max * 0.96));
		const double want = view_breath_radius(&l, levels[i]);
		printf("breath level %.1f: circle of radius %.1f px (drawn for %.1f)\n", levels[i],
		       radius[i], want);
		CHECK(fabs(radius[i] - want) <= 2.0, "breath circle of radius %f, not %f", radius[i], want);
		cairo_surface_destroy(image);
	}
	CHECK(radius[1] > radius[0] + 10.0, "the breath circle did not grow");

	/* a resize: the window fills the new size, the target at its new right end */
	const int w2 = 900, h2 = 520;
	CHECK(ui_host_resize(ui, w2, h2) == 0, "ui:resize refused");
	ui_host_send_control(ui, PORT_gaze_pos, 1.0f);
	ui_host_idle(ui);
	cairo_surface_t* image = frame_now(ui, dpy);
	CHECK(cairo_image_surface_get_width(image) == w2 && cairo_image_surface_get_height(image) == h2,
	      "the window is %dx%d after a resize to %dx%d", cairo_image_surface_get_width(image),
	      cairo_image_surface_get_height(image), w2, h2);
	float pos;
	CHECK(drawn_position(image, w2, h2, &pos), "no target after the resize");
	printf("resized to %dx%d: target at %+.4f\n", w2, h2, pos);
	CHECK(fabs(pos - 1.0f) * 0.5 <= MAX_ERROR, "after a resize the target is at %f", pos);
	cairo_surface_destroy(image);

	ui_host_free(ui);

	/* HiDPI: at a scale of 2 the window has twice the pixels, the same
	 * picture drawn finer */
	ui = open_ui(host, dpy, 2 * WIDTH, 2 * HEIGHT, 2.0f);
	ui_host_requested_size(ui, &rw, &rh);
	CHECK(rw == 2 * WIDTH && rh == 2 * HEIGHT, "at scale 2 the window asked for %dx%d", rw, rh);
	ui_host_send_control(ui, PORT_gaze_pos, 0.5f);
	image = frame_now(ui, dpy);
	CHECK(cairo_image_surface_get_width(image) == 2 * WIDTH, "the window is %d pixels wide at scale 2",
	      cairo_image_surface_get_width(image));
	CHECK(drawn_position_scaled(image, WIDTH, HEIGHT, 2.0, &pos), "no target at scale 2");
	printf("scale 2: a %dx%d window, target for +0.5 at %+.4f\n", 2 * WIDTH, 2 * HEIGHT, pos);
	CHECK(fabs(pos - 0.5f) * 0.5 <= MAX_ERROR, "at scale 2 the target is at %f", pos);
	cairo_surface_destroy(image);
	ui_host_free(ui);
	host_free(host);
}

/* What the plugin said at every frame: its gaze position and side. */
typedef struct {
	float*  pos;
	int8_t* side;
	int64_t frames;   /* logged */
	int64_t capacity;
} GazeLog;

#define PENDING_BYTES 65536
/* How far ahead of what plays the plugin has run, as a host's audio
 * buffers have it. */
#define AHEAD_FRAMES 1024

/* An event the plugin sent, with the session frame it was sent at. */
typedef struct {
	int64_t  frame;
	uint32_t size; /* of the atom, padded */
	uint32_t pad;
} Pending;

typedef struct {
	Host*   host;
	UiHost* ui;
	GazeLog log;
	float*  left, *right;
	float*  pos_out, *side_out;
	/* what the plugin sent on notify that the host has not passed on */
	uint8_t  pending[PENDING_BYTES];
	uint32_t pending_size;
	/* the audio clock as the window can know it: from the snapshots, at
	 * the times they reached it */
	Motion   clock;
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
		LV2_ATOM_SEQUENCE_FOREACH (notify, ev) {
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

typedef struct {
	const char* name;
	int         mode;
	float       rate_hz;
	double      start_s; /* rendered at once before the real-time part */
	float       hold_s, rest_s;
} RunCase;

/* 120 frames at 60 Hz of a running plugin: the drawn target against the
 * plugin's gaze over the frames the idle() call could have drawn. */
static double
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
		const double error = frame_error(&s.log, drawn[i], drawn_from[i], drawn_to[i], c->mode, glide);
		worst_played = fmax(worst_played,
		                    frame_error(&s.log, drawn[i], played_from[i], drawn_to[i], c->mode, glide));
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

/* The top-level window named `name`, or None. */
static Window
find_window(Display* dpy, const char* name)
{
	Window root, parent, *children = NULL, found = None;
	unsigned count = 0;
	XQueryTree(dpy, DefaultRootWindow(dpy), &root, &parent, &children, &count);
	for (unsigned i = 0; i < count && !found; ++i) {
		char* title = NULL;
		if (XFetchName(dpy, children[i], &title) && title) {
			if (!strcmp(title, name)) {
				XWindowAttributes attr;
				XGetWindowAttributes(dpy, children[i], &attr);
				found = attr.map_state == IsViewable ? children[i] : None;
			}
			XFree(title);
		}
	}
	if (children) {
		XFree(children);
	}
	return found;
}

static void
click(UiHost* ui, double x, double y)
{
	ui_host_press(ui, (int)lround(x), (int)lround(y));
	ui_host_release(ui, (int)lround(x), (int)lround(y));
}

static void
click_button(UiHost* ui, BarAction action, int mode)
{
	const ViewLayout l = window_layout(WIDTH, HEIGHT);
	double x, y;
	CHECK(bar_button_centre(&l.controls, action, mode, &x, &y), "no button %d", action);
	click(ui, x, y);
}

static void
key_escape(Display* dpy, Window win)
{
	XEvent ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = KeyPress;
	ev.xkey.display = dpy;
	ev.xkey.window = win;
	ev.xkey.root = DefaultRootWindow(dpy);
	ev.xkey.keycode = XKeysymToKeycode(dpy, XK_Escape);
	ev.xkey.same_screen = True;
	XSendEvent(dpy, win, True, KeyPressMask, &ev);
	XSync(dpy, False);
}

/* The projector: full screen at the screen's size, black with the target;
 * Esc closes it, and so does a second click of its button. */
static void
check_projector(Display* dpy, ViewColour colour, const char* screenshot)
{
	Host* host = open_host();
	set(host, "gaze_mode", 1.0f);
	set(host, "fade_in", 0.0f);
	/* the look comes from the Display controls */
	set(host, "display_colour", (float)colour);
	set(host, "display_bright", 100.0f);
	UiHost* ui = open_ui(host, dpy, WIDTH, HEIGHT, 1.0f);
	ui_host_apply_writes(ui, host);
	float block_l[256], block_r[256];
	/* into a sweep, until the target is well off the centre (and the ring) */
	const float* gaze = host_control(host, "gaze_pos");
	for (int i = 0; i < 400 && !(fabsf(*gaze) >= 0.7f); ++i) { /* NaN before the first run */
		host_run(host, block_l, block_r, 240);
		ui_host_send_outputs(ui, host);
		ui_host_send_notify(ui, host);
	}
	CHECK(fabsf(*gaze) >= 0.7f, "the sweep did not reach 0.7 in 2 s: %f", *gaze);
	click_button(ui, BAR_PROJECTOR, 0);
	ui_host_idle(ui);
	XSync(dpy, False);
	const Window projector = find_window(dpy, "somascape projector");
	CHECK(projector, "no projector window after its button");
	XWindowAttributes attr;
	XGetWindowAttributes(dpy, projector, &attr);
	const int sw = DisplayWidth(dpy, DefaultScreen(dpy)), sh = DisplayHeight(dpy, DefaultScreen(dpy));
	printf("projector: %dx%d at %d,%d on a %dx%d screen\n", attr.width, attr.height, attr.x,
	       attr.y, sw, sh);
	CHECK(attr.width == sw && attr.height == sh && attr.x == 0 && attr.y == 0,
	      "the projector is not full screen");
	ui_host_idle(ui);
	XSync(dpy, False);
	cairo_surface_t* image = ui_host_capture(ui, projector);
	CHECK(image, "XGetImage of the projector failed");
	const double black[3] = {0.0, 0.0, 0.0};
	ViewLook look;
	view_look_defaults(&look);
	look.colour = colour;
	look.brightness = 1.0f;
	double rgb[3];
	view_target_rgb(&look, rgb);
	const long dark = count_colour(image, black), lit = count_colour(image, rgb);
	printf("projector: %.1f %% near black, %ld pixels of the target in the look's colour\n",
	       100.0 * dark / ((double)sw * sh), lit);
	CHECK(dark > 0.9 * sw * sh, "the projector is not black");
	CHECK(lit > 100, "no target on the projector");
	if (screenshot) {
		cairo_surface_write_to_png(image, screenshot);
	}
	cairo_surface_destroy(image);

	/* later frames draw only what changed: the target moves on and leaves
	 * nothing behind */
	for (int i = 0; i < 20; ++i) {
		host_run(host, block_l, block_r, 240);
		ui_host_send_outputs(ui, host);
		ui_host_send_notify(ui, host);
		ui_host_idle(ui);
	}
	XSync(dpy, False);
	image = ui_host_capture(ui, projector);
	CHECK(image, "XGetImage of the projector failed");
	const long lit_later = count_colour(image, rgb);
	printf("projector: %ld pixels of the target 0.1 s later, drawn where it changed\n", lit_later);
	CHECK(labs(lit_later - lit) < lit / 5, "the target left a trail: %ld pixels, then %ld", lit,
	      lit_later);
	cairo_surface_destroy(image);

	key_escape(dpy, projector);
	ui_host_idle(ui);
	XSync(dpy, False);
	CHECK(!find_window(dpy, "somascape projector"), "Esc did not close the projector");
	click_button(ui, BAR_PROJECTOR, 0);
	ui_host_idle(ui);
	XSync(dpy, False);
	CHECK(find_window(dpy, "somascape projector"), "the projector did not open again");
	click_button(ui, BAR_PROJECTOR, 0);
	ui_host_idle(ui);
	XSync(dpy, False);
	CHECK(!find_window(dpy, "somascape projector"), "a second click did not close the projector");
	printf("projector: closed by Esc and by a second click\n");
	ui_host_free(ui);
	host_free(host);
}

/* A host that cannot embed: no ui:parent, the window its own top-level,
 * shown and hidden through ui:showInterface; closed as a window manager
 * closes it, idle() says so. */
static void
check_show(Display* dpy)
{
	Host* host = open_host();
	UiHost* ui = open_ui(host, dpy, 0, 0, 1.0f);
	ui_host_idle(ui);
	CHECK(!find_window(dpy, "somascape"), "the window is on screen before show()");
	CHECK(ui_host_show(ui, true) == 0, "show() failed");
	ui_host_send_control(ui, PORT_gaze_pos, -1.0f);
	CHECK(ui_host_idle(ui) == 0, "idle() says the window closed");
	XSync(dpy, False);
	const Window win = find_window(dpy, "somascape");
	CHECK(win, "show() put no window on screen");
	cairo_surface_t* image = ui_host_capture(ui, win);
	float pos;
	CHECK(image && drawn_position(image, WIDTH, HEIGHT, &pos) && fabsf(pos + 1.0f) < 0.02f,
	      "the shown window does not draw the target at the left");
	cairo_surface_destroy(image);
	CHECK(ui_host_show(ui, false) == 0 && !find_window(dpy, "somascape"), "hide() left it shown");
	ui_host_show(ui, true);

	XEvent ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = ClientMessage;
	ev.xclient.window = win;
	ev.xclient.message_type = XInternAtom(dpy, "WM_PROTOCOLS", False);
	ev.xclient.format = 32;
	ev.xclient.data.l[0] = (long)XInternAtom(dpy, "WM_DELETE_WINDOW", False);
	XSendEvent(dpy, win, False, NoEventMask, &ev);
	XSync(dpy, False);
	CHECK(ui_host_idle(ui) == 1, "idle() did not say the window was closed");
	XSync(dpy, False);
	CHECK(!find_window(dpy, "somascape"), "the closed window is still on screen");
	printf("show interface: a top-level of its own, shown, hidden, closed\n");
	ui_host_free(ui);
	host_free(host);
}

/* Two monitors side by side (XRandR 1.5 monitors on Xvfb's one screen):
 * the projector fills the one display_monitor names, the one that is not
 * the primary when it is 0. */
static void
check_monitors(Display* dpy)
{
	const Window root = DefaultRootWindow(dpy);
	const int sw = DisplayWidth(dpy, DefaultScreen(dpy)), sh = DisplayHeight(dpy, DefaultScreen(dpy));
	XRRScreenResources* res = XRRGetScreenResources(dpy, root);
	CHECK(res && res->noutput > 0, "no RandR output on the X server");
	/* the first takes the screen's output (and so replaces its monitor) */
	XRRMonitorInfo* left = XRRAllocateMonitor(dpy, 1);
	left->name = XInternAtom(dpy, "SOMASCAPE-LEFT", False);
	left->primary = True;
	left->width = sw / 2;
	left->height = sh;
	left->mwidth = left->mheight = 300;
	left->outputs[0] = res->outputs[0];
	XRRMonitorInfo* right = XRRAllocateMonitor(dpy, 0);
	right->name = XInternAtom(dpy, "SOMASCAPE-RIGHT", False);
	right->x = sw / 2;
	right->width = sw - sw / 2;
	right->height = sh;
	right->mwidth = right->mheight = 300;
	XRRSetMonitor(dpy, root, left);
	XRRSetMonitor(dpy, root, right);
	XSync(dpy, False);
	XRRFreeMonitors(left);
	XRRFreeMonitors(right);
	XRRFreeScreenResources(res);

	const struct {
		int monitor, x;
	} cases[] = {{0, sw / 2}, {1, 0}, {2, sw / 2}, {8, sw / 2}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
		Host* host = open_host();
		set(host, "display_monitor", (float)cases[i].monitor);
		UiHost* ui = open_ui(host, dpy, WIDTH, HEIGHT, 1.0f);
		click_button(ui, BAR_PROJECTOR, 0);
		ui_host_idle(ui);
		XSync(dpy, False);
		const Window projector = find_window(dpy, "somascape projector");
		CHECK(projector, "no projector with display_monitor %d", cases[i].monitor);
		XWindowAttributes attr;
		XGetWindowAttributes(dpy, projector, &attr);
		printf("display_monitor %d: the projector at %d,%d, %dx%d\n", cases[i].monitor, attr.x,
		       attr.y, attr.width, attr.height);
		CHECK(attr.x == cases[i].x && attr.y == 0 && attr.width == sw / 2 && attr.height == sh,
		      "display_monitor %d does not fill the monitor at x %d", cases[i].monitor,
		      cases[i].x);
		ui_host_free(ui);
		host_free(host);
		XSync(dpy, False);
		CHECK(!find_window(dpy, "somascape projector"), "the projector outlived its window");
	}
}

/* The live controls reach the plugin: a mode button, the set button (the
 * set stops, as with the MIDI cue), and the target dragged in Follow. */
static void
check_controls(Display* dpy)
{
	Host* host = open_host();
	set(host, "fade_in", 0.0f);
	UiHost* ui = open_ui(host, dpy, WIDTH, HEIGHT, 1.0f);
	float l[256], r[256], value;
	host_run(host, l, r, 256);

	click_button(ui, BAR_MODE, 1);
	ui_host_idle(ui);
	CHECK(ui_host_written(ui, PORT_gaze_mode, &value) && value == 1.0f,
	      "the Sweep button did not set gaze_mode");
	ui_host_apply_writes(ui, host);
	host_run(host, l, r, 256);
	CHECK(host_get(host, "set_active", &value) && value == 1.0f, "no set running in Sweep");
	click_button(ui, BAR_SET, 0);
	ui_host_idle(ui);
	ui_host_apply_writes(ui, host);
	host_run(host, l, r, 256);
	CHECK(host_get(host, "set_active", &value) && value == 0.0f,
	      "the set button did not stop the set");
	click_button(ui, BAR_FASTER, 0);
	ui_host_idle(ui);
	CHECK(ui_host_written(ui, PORT_gaze_rate, &value) && fabsf(value - 1.1225f) < 1e-3f,
	      "faster wrote gaze_rate %f, not a sixth of an octave above 1 Hz", value);
	click_button(ui, BAR_SLOWER, 0);
	click_button(ui, BAR_SLOWER, 0);
	ui_host_idle(ui);
	CHECK(ui_host_written(ui, PORT_gaze_rate, &value) && fabsf(value - 0.8909f) < 1e-3f,
	      "slower twice wrote gaze_rate %f", value);
	ui_host_apply_writes(ui, host);
	CHECK(host_get(host, "gaze_rate", &value) && fabsf(value - 0.8909f) < 1e-3f,
	      "the plugin's gaze_rate is %f", value);
	printf("controls: the Sweep button sets gaze_mode, the set button stops the set, faster and "
	       "slower step the rate (now %.3f Hz)\n",
	       value);

	/* Follow: press on the target's path at -0.5, drag to +0.5 */
	ui_host_send_control(ui, PORT_gaze_mode, 4.0f);
	set(host, "gaze_mode", 4.0f);
	const ViewLayout lay = window_layout(WIDTH, HEIGHT);
	ui_host_press(ui, (int)lround(view_target_x(&lay, -0.5f)), (int)lround(lay.target_y));
	ui_host_idle(ui);
	CHECK(ui_host_written(ui, PORT_gaze_target, &value) && fabsf(value + 0.5f) < 0.01f,
	      "a press at -0.5 wrote gaze_target %f", value);
	ui_host_drag(ui, (int)lround(view_target_x(&lay, 0.5f)), (int)lround(lay.target_y));
	ui_host_release(ui, (int)lround(view_target_x(&lay, 0.5f)), (int)lround(lay.target_y));
	ui_host_idle(ui);
	CHECK(ui_host_written(ui, PORT_gaze_target, &value) && fabsf(value - 0.5f) < 0.01f,
	      "a drag to +0.5 wrote gaze_target %f", value);
	ui_host_apply_writes(ui, host);
	CHECK(host_get(host, "gaze_target", &value) && fabsf(value - 0.5f) < 0.01f,
	      "the plugin's gaze_target is %f", value);
	for (int i = 0; i < 3 * 48000 / 256; ++i) { /* the glide's 1 s, and more */
		host_run(host, l, r, 256);
	}
	CHECK(host_get(host, "gaze_pos", &value) && fabsf(value - 0.5f) < 0.02f,
	      "the gaze followed the drag to %f", value);
	printf("controls: dragging the target in Follow moved gaze_target and the gaze to %+.3f\n",
	       value);
	ui_host_free(ui);
	host_free(host);
}

static void
cycles(Display* dpy, int count)
{
	Host* host = open_host();
	for (int i = 0; i < count; ++i) {
		UiHost* ui = open_ui(host, dpy, WIDTH, HEIGHT, 1.0f);
		ui_host_idle(ui);
		ui_host_idle(ui);
		ui_host_free(ui);
	}
	host_free(host);
	/* cairo's caches of fonts, freed so that what is left at exit is what
	 * the windows lost */
	cairo_debug_reset_static_data();
	printf("%d windows instantiated and cleaned up\n", count);
}

int
main(int argc, char** argv)
{
	int cycle_count = 0;
	const char* shots = NULL;
	for (int i = 1; i < argc; ++i) {
		if (!strcmp(argv[i], "--cycles") && i + 1 < argc) {
			cycle_count = atoi(argv[++i]);
		} else if (!strcmp(argv[i], "--screenshots") && i + 1 < argc) {
			shots = argv[++i];
		} else {
			fprintf(stderr, "usage: %s [--cycles N] [--screenshots DIR]\n", argv[0]);
			return 2;
		}
	}
	Display* dpy = XOpenDisplay(NULL);
	CHECK(dpy, "no X display (run under xvfb-run)");
	XSetErrorHandler(on_x_error);

	if (cycle_count > 0) {
		cycles(dpy, cycle_count);
	} else {
		char window_png[512], projector_png[512];
		snprintf(window_png, sizeof(window_png), "%s/window.png", shots ? shots : ".");
		snprintf(projector_png, sizeof(projector_png), "%s/projector.png", shots ? shots : ".");
		check_positions(dpy);
		const RunCase cases[] = {
			{"Sweep 1 Hz", 1, 1.0f, 0.0, 45.0f, 10.0f},
			{"Hold 5 s, rest 1 s", 3, 1.0f, 4.6, 5.0f, 1.0f},
			{"Alternate 1 Hz", 2, 1.0f, 0.0, 45.0f, 10.0f},
		};
		double worst = 0.0;
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
			const double e = check_running(dpy, &cases[i], shots && i == 0 ? window_png : NULL);
			worst = e > worst ? e : worst;
		}
		printf("worst target error over the runs: %.3f %% of the width\n", 100.0 * worst);
		/* the README's picture in the default colour, the test in another */
		check_projector(dpy, shots ? VIEW_COLOUR_WARM : VIEW_COLOUR_BLUE,
		                shots ? projector_png : NULL);
		check_controls(dpy);
		check_show(dpy);
		check_monitors(dpy); /* last: the screen keeps its two monitors */
	}
	XSync(dpy, False);
	XCloseDisplay(dpy);
	CHECK(x_errors == 0, "%d X errors", x_errors);
	return 0;
}
