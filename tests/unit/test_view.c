/* SPDX-License-Identifier: ISC */
/* The drawing module on cairo image surfaces: where things land, measured
 * from the pixels (not golden pictures: cairo versions differ in their
 * edges).  `test_view --png DIR` also writes the pictures to look at. */
#undef NDEBUG
#include "check.h"
#include "view.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char* png_dir;

typedef void (*DrawFn)(cairo_t*, double, double, const ViewState*);

typedef struct {
	cairo_surface_t* surface;
	int w, h, stride;
	const uint8_t* data;
} Picture;

static Picture
draw(DrawFn fn, int w, int h, const ViewState* s, const char* name)
{
	Picture p = {cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h), w, h, 0, NULL};
	cairo_t* cr = cairo_create(p.surface);
	fn(cr, w, h, s);
	CHECK(cairo_status(cr) == CAIRO_STATUS_SUCCESS, "%s: cairo says %s", name,
	      cairo_status_to_string(cairo_status(cr)));
	cairo_destroy(cr);
	cairo_surface_flush(p.surface);
	p.stride = cairo_image_surface_get_stride(p.surface);
	p.data = cairo_image_surface_get_data(p.surface);
	if (png_dir && name) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s.png", png_dir, name);
		cairo_surface_write_to_png(p.surface, path);
	}
	return p;
}

static void
rgb_at(const Picture* p, int x, int y, double rgb[3])
{
	uint32_t px;
	memcpy(&px, p->data + (size_t)y * (size_t)p->stride + (size_t)x * 4, 4);
	rgb[0] = ((px >> 16) & 0xff) / 255.0;
	rgb[1] = ((px >> 8) & 0xff) / 255.0;
	rgb[2] = (px & 0xff) / 255.0;
}

/* The centroid and bounding box of the pixels within tol of a colour,
 * inside a rectangle of the picture. */
typedef struct {
	long count;
	double cx, cy;
	int x0, y0, x1, y1;
} Blob;

static Blob
find_colour(const Picture* p, const double want[3], double tol, ViewRect in)
{
	Blob b = {0, 0.0, 0.0, p->w, p->h, -1, -1};
	double sx = 0.0, sy = 0.0;
	const int xa = (int)fmax(0.0, in.x), xb = (int)fmin(p->w, in.x + in.w);
	const int ya = (int)fmax(0.0, in.y), yb = (int)fmin(p->h, in.y + in.h);
	for (int y = ya; y < yb; ++y) {
		for (int x = xa; x < xb; ++x) {
			double c[3];
			rgb_at(p, x, y, c);
			if (fabs(c[0] - want[0]) <= tol && fabs(c[1] - want[1]) <= tol &&
			    fabs(c[2] - want[2]) <= tol) {
				++b.count;
				sx += x + 0.5;
				sy += y + 0.5;
				b.x0 = x < b.x0 ? x : b.x0;
				b.y0 = y < b.y0 ? y : b.y0;
				b.x1 = x > b.x1 ? x : b.x1;
				b.y1 = y > b.y1 ? y : b.y1;
			}
		}
	}
	if (b.count) {
		b.cx = sx / (double)b.count;
		b.cy = sy / (double)b.count;
	}
	return b;
}

static const ViewRect everywhere = {0.0, 0.0, 1e9, 1e9};

/* The target at -1, 0 and +1 lies at the field's left end, its middle and
 * its right end, which lie inside the picture near its edges. */
static void
check_target_travel(DrawFn fn, ViewLayout (*layout)(double, double, const ViewLook*), int w, int h,
                    const char* name)
{
	ViewState s;
	view_state_init(&s);
	const ViewLayout l = layout(w, h, &s.look);
	double want[3];
	view_target_rgb(&s.look, want);
	CHECK(l.field.x > 0.0 && l.field.x + l.field.w < w, "%s: the field leaves the picture", name);
	CHECK(l.field.w > 0.6 * w, "%s: the field spans only %.0f of %d", name, l.field.w, w);
	for (int side = -1; side <= 1; ++side) {
		char png[64];
		snprintf(png, sizeof(png), "%s_%+d", name, side);
		s.gaze_pos = (float)side;
		s.gaze_side = side;
		Picture p = draw(fn, w, h, &s, png);
		/* Only the target's centre: the lit mark of the side shares its
		 * colour but not its brightness. */
		const ViewRect band = {0.0, l.target_y - l.target_r, w, 2.0 * l.target_r};
		Blob b = find_colour(&p, want, 0.02, band);
		const double x = l.field.x + (side + 1) * 0.5 * l.field.w;
		CHECK(b.count > 0, "%s: no target at gaze %d", name, side);
		CHECK(fabs(b.cx - x) <= 0.01 * w, "%s: target at x %.1f, want %.1f (gaze %d)", name, b.cx,
		      x, side);
		CHECK(fabs(b.cy - l.target_y) <= 0.01 * h, "%s: target at y %.1f, want %.1f", name, b.cy,
		      l.target_y);
		CHECK(fabs(view_target_x(&l, (float)side) - x) < 1e-9, "%s: view_target_x", name);
		CHECK(fabs(view_gaze_at(&l, x) - side) < 1e-6, "%s: view_gaze_at", name);
		cairo_surface_destroy(p.surface);
	}
}

/* The projector: black but for the target, whose diameter is the look's
 * size and whose shape and brightness follow the look; the breath ring's
 * radius grows with the breath. */
static void
check_projector(void)
{
	const int w = 640, h = 360;
	ViewState s;
	view_state_init(&s);
	s.look.breath_ring = false;
	s.look.size = 0.2f;
	Picture p = draw(view_draw_projector, w, h, &s, "projector_dot");
	double want[3];
	view_target_rgb(&s.look, want);
	Blob b = find_colour(&p, want, 0.02, everywhere);
	const double d = 0.2 * h;
	CHECK(fabs((b.x1 - b.x0 + 1) - d) <= 2.0 && fabs((b.y1 - b.y0 + 1) - d) <= 2.0,
	      "projector: dot %dx%d, want %.0f", b.x1 - b.x0 + 1, b.y1 - b.y0 + 1, d);
	CHECK(fabs(b.count - M_PI * d * d / 4.0) < 0.05 * M_PI * d * d / 4.0,
	      "projector: dot of %ld pixels, a disc of diameter %.0f has %.0f", b.count, d,
	      M_PI * d * d / 4.0);
	const double black[3] = {0.0, 0.0, 0.0};
	Blob dark = find_colour(&p, black, 0.0, everywhere);
	CHECK(dark.count + b.count > (long)(0.99 * w * h), "projector: more than black and the target");
	cairo_surface_destroy(p.surface);

	/* The bar is as tall as the dot, a quarter as wide; the ring is hollow. */
	s.look.shape = VIEW_SHAPE_BAR;
	p = draw(view_draw_projector, w, h, &s, "projector_bar");
	b = find_colour(&p, want, 0.02, everywhere);
	CHECK(fabs((b.y1 - b.y0 + 1) - d) <= 2.0 && fabs((b.x1 - b.x0 + 1) - d / 4.0) <= 2.0,
	      "projector: bar %dx%d", b.x1 - b.x0 + 1, b.y1 - b.y0 + 1);
	cairo_surface_destroy(p.surface);
	s.look.shape = VIEW_SHAPE_RING;
	p = draw(view_draw_projector, w, h, &s, "projector_ring");
	rgb_at(&p, w / 2, h / 2, want);
	CHECK(want[0] + want[1] + want[2] == 0.0, "projector: the ring target is filled");
	cairo_surface_destroy(p.surface);

	/* Brightness scales the target's colour. */
	s.look.shape = VIEW_SHAPE_DOT;
	for (int i = 1; i <= 2; ++i) {
		s.look.brightness = 0.5f * (float)i;
		p = draw(view_draw_projector, w, h, &s, NULL);
		double c[3];
		rgb_at(&p, w / 2, h / 2, c);
		double expect[3];
		view_target_rgb(&s.look, expect);
		CHECK(fabs(c[0] - expect[0]) < 0.01 && fabs(c[0] - 0.5 * i * 1.0) < 0.01,
		      "projector: brightness %.1f gives red %.3f", s.look.brightness, c[0]);
		cairo_surface_destroy(p.surface);
	}

	/* The ring: its radius measured along the row through the centre, to
	 * the right of the target. */
	s.look.breath_ring = true;
	s.look.brightness = 1.0f;
	s.look.size = 0.05f;
	double last = 0.0;
	for (int i = 0; i <= 4; ++i) {
		s.breath_level = 0.25f * (float)i;
		char name[32];
		snprintf(name, sizeof(name), "projector_breath_%d", i);
		p = draw(view_draw_projector, w, h, &s, name);
		const ViewLayout l = view_projector_layout(w, h, &s.look);
		int edge = -1;
		for (int x = w - 1; x > w / 2 + (int)l.target_r + 2; --x) {
			double c[3];
			rgb_at(&p, x, h / 2, c);
			if (c[0] + c[1] + c[2] > 0.15) {
				edge = x;
				break;
			}
		}
		const double r = edge + 0.5 - w / 2.0;
		CHECK(edge > 0, "projector: no breath ring at level %.2f", s.breath_level);
		CHECK(fabs(r - view_breath_radius(&l, s.breath_level)) <= 2.0,
		      "projector: ring radius %.1f, want %.1f", r, view_breath_radius(&l, s.breath_level));
		CHECK(r > last, "projector: the ring does not grow with the breath");
		last = r;
		cairo_surface_destroy(p.surface);
	}
}

/* The window's breathing circle: its filled area grows with the breath. */
static void
check_window_breath(void)
{
	const int w = 600, h = 400;
	ViewState s;
	view_state_init(&s);
	const ViewLayout l = view_window_layout(w, h, &s.look);
	CHECK(l.controls.h > 0.0 && l.controls.y + l.controls.h <= h, "window: no controls band");
	CHECK(l.breath_y + l.breath_r_max <= l.controls.y, "window: the circle overlaps the controls");
	CHECK(l.target_y + l.target_r < l.breath_y - l.breath_r_max,
	      "window: the circle overlaps the field");
	const double fill[3] = {0.300, 0.560, 0.620};
	long last = -1;
	for (int i = 0; i <= 2; ++i) {
		s.breath_level = 0.5f * (float)i;
		char name[32];
		snprintf(name, sizeof(name), "window_breath_%d", i);
		Picture p = draw(view_draw_window, w, h, &s, name);
		const ViewRect in = {l.breath_x - l.breath_r_max, l.breath_y - l.breath_r_max,
		                     2.0 * l.breath_r_max, 2.0 * l.breath_r_max};
		Blob b = find_colour(&p, fill, 0.02, in);
		const double r = view_breath_radius(&l, s.breath_level);
		/* The stage's words inside it take a few of its pixels. */
		CHECK(b.count > 0.8 * M_PI * r * r && b.count <= M_PI * (r + 1) * (r + 1),
		      "window: breath circle of %ld pixels at level %.1f, radius %.1f", b.count,
		      s.breath_level, r);
		CHECK(b.count > last, "window: the circle does not grow with the breath");
		last = b.count;
		cairo_surface_destroy(p.surface);
	}
}

/* Absurd states draw without a cairo error and keep the target inside. */
static void
check_absurd_state(void)
{
	ViewState s;
	view_state_init(&s);
	s.gaze_pos = NAN;
	s.gaze_mode = 99;
	s.breath_level = INFINITY;
	s.breath_stage = (ViewBreathStage)7;
	s.breath_left_s = NAN;
	s.breath_bpm = -INFINITY;
	s.session_s = 1e300;
	s.session_left_s = NAN;
	s.look.shape = (ViewShape)42;
	s.look.colour = (ViewColour)-3;
	s.look.size = NAN;
	s.look.brightness = 7.0f;
	const DrawFn fns[] = {view_draw_window, view_draw_projector, view_draw_strip};
	for (int i = 0; i < 3; ++i) {
		Picture p = draw(fns[i], 200, 60, &s, NULL);
		cairo_surface_destroy(p.surface);
		p = draw(fns[i], 1, 1, &s, NULL);
		cairo_surface_destroy(p.surface);
	}
	char clock[32];
	view_format_clock(clock, sizeof(clock), 3725.9);
	CHECK(strcmp(clock, "1:02:05") == 0, "clock: %s", clock);
	view_format_clock(clock, sizeof(clock), NAN);
	CHECK(strcmp(clock, "0:00") == 0, "clock: %s", clock);
}

/* A context drawn on before (as a window's or a video's is, frame after
 * frame) gives the same picture as a fresh one: nothing of the last
 * frame's path or text joins the next. */
static void
check_redraw(void)
{
	const DrawFn fns[] = {view_draw_window, view_draw_projector, view_draw_strip};
	ViewState s;
	view_state_init(&s);
	s.look.captions = true;
	s.breath_level = 0.5f;
	for (int i = 0; i < 3; ++i) {
		const int w = 320, h = 180;
		s.gaze_pos = -0.7f;
		Picture fresh = draw(fns[i], w, h, &s, NULL);
		cairo_surface_t* again = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cairo_t* cr = cairo_create(again);
		for (int n = 0; n < 3; ++n) {
			s.gaze_pos = n == 2 ? -0.7f : 0.9f;
			fns[i](cr, w, h, &s);
		}
		cairo_destroy(cr);
		cairo_surface_flush(again);
		const uint8_t* data = cairo_image_surface_get_data(again);
		CHECK(memcmp(data, fresh.data, (size_t)fresh.stride * (size_t)h) == 0,
		      "layout %d: drawing again on a used context differs from a fresh picture", i);
		cairo_surface_destroy(again);
		cairo_surface_destroy(fresh.surface);
	}
}

/* The projector drawn again only inside view_projector_damage, over the
 * last picture, is the whole new picture; the damage stays small when
 * only the target moves. */
static void
check_damage(void)
{
	const int w = 640, h = 360;
	ViewState a, b;
	view_state_init(&a);
	a.look.captions = true;
	a.breath_level = 0.3f;
	b = a;
	ViewRect none = view_projector_damage(w, h, &a, &a);
	CHECK(none.w == 0.0 || none.h == 0.0, "damage between equal states");
	cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t* cr = cairo_create(surface);
	view_draw_projector(cr, w, h, &a);
	for (int n = 1; n <= 40; ++n) {
		b.gaze_pos = (float)sin(n * 0.37);
		b.gaze_side = b.gaze_pos > 0.0f ? 1 : -1;
		b.breath_level = n % 3 == 0 ? (float)(0.5 + 0.4 * sin(n * 0.11)) : b.breath_level;
		b.look.shape = n == 20 ? VIEW_SHAPE_BAR : b.look.shape;
		const ViewRect d = view_projector_damage(w, h, &a, &b);
		if (n % 3 != 0 && n != 20 && view_caption(&a) == view_caption(&b)) {
			CHECK(d.w * d.h < 0.1 * w * h, "frame %d: the target's move damages %.0fx%.0f", n, d.w,
			      d.h);
		}
		cairo_save(cr);
		cairo_rectangle(cr, d.x, d.y, d.w, d.h);
		cairo_clip(cr);
		view_draw_projector(cr, w, h, &b);
		cairo_restore(cr);
		cairo_surface_flush(surface);
		Picture whole = draw(view_draw_projector, w, h, &b, NULL);
		/* Clipped, cairo composites through a mask: its rounding may move
		 * an edge pixel by a level or two. */
		const uint8_t* part = cairo_image_surface_get_data(surface);
		int worst = 0;
		for (size_t i = 0; i < (size_t)whole.stride * (size_t)h; ++i) {
			const int diff = abs((int)part[i] - (int)whole.data[i]);
			worst = diff > worst ? diff : worst;
		}
		CHECK(worst <= 2,
		      "frame %d: drawn inside its damage, the picture differs from the whole "
		      "by %d levels",
		      n, worst);
		cairo_surface_destroy(whole.surface);
		a = b;
	}
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
}

/* Nothing flashes: the projector's mean brightness moves by under 1 % of
 * white from one frame to the next and stays within 2 % over a second,
 * even with the target jumping side to side every frame (the worst a
 * state can do) and the breath ring swelling from empty to full. */
static void
check_no_flash(void)
{
	const int w = 480, h = 270;
	ViewState s;
	view_state_init(&s);
	s.look.brightness = 1.0f;
	s.look.colour = VIEW_COLOUR_WHITE;
	s.look.size = 0.25f; /* the largest target */
	s.look.captions = true;
	double last = -1.0, low = 1.0, high = 0.0;
	for (int n = 0; n < 60; ++n) {
		s.gaze_pos = n % 2 ? 1.0f : -1.0f;
		s.gaze_side = n % 2 ? 1 : -1;
		s.breath_level = (float)n / 59.0f;
		Picture p = draw(view_draw_projector, w, h, &s, NULL);
		double sum = 0.0;
		for (int y = 0; y < h; ++y) {
			for (int x = 0; x < w; ++x) {
				double c[3];
				rgb_at(&p, x, y, c);
				sum += 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
			}
		}
		const double mean = sum / (w * h);
		CHECK(last < 0.0 || fabs(mean - last) < 0.01,
		      "frame %d: brightness moves from %.4f to %.4f", n, last, mean);
		last = mean;
		low = mean < low ? mean : low;
		high = mean > high ? mean : high;
		cairo_surface_destroy(p.surface);
	}
	CHECK(high - low < 0.02, "the projector's brightness swings from %.4f to %.4f", low, high);
}

/* HiDPI: the caller scales the context and passes the logical size; the
 * picture is the same, twice as fine. */
static void
check_scaled(void)
{
	ViewState s;
	view_state_init(&s);
	s.gaze_pos = 0.5f;
	cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 500);
	cairo_t* cr = cairo_create(surface);
	cairo_scale(cr, 2.0, 2.0);
	view_draw_window(cr, 400, 250, &s);
	cairo_destroy(cr);
	cairo_surface_flush(surface);
	Picture p = {surface, 800, 500, cairo_image_surface_get_stride(surface),
	             cairo_image_surface_get_data(surface)};
	const ViewLayout l = view_window_layout(400, 250, &s.look);
	double want[3];
	view_target_rgb(&s.look, want);
	const ViewRect band = {0.0, 2.0 * (l.target_y - l.target_r), 800, 4.0 * l.target_r};
	Blob b = find_colour(&p, want, 0.02, band);
	CHECK(b.count > 0 && fabs(b.cx - 2.0 * view_target_x(&l, 0.5f)) <= 0.01 * 800,
	      "scaled: target at %.1f, want %.1f", b.cx, 2.0 * view_target_x(&l, 0.5f));
	CHECK(fabs((b.x1 - b.x0 + 1) - 4.0 * l.target_r) <= 2.0, "scaled: target %d wide, want %.0f",
	      b.x1 - b.x0 + 1, 4.0 * l.target_r);
	cairo_surface_destroy(surface);
}

/* The Display controls by symbol: defaults, clamping, NaN, strangers. */
static void
check_look_controls(void)
{
	ViewLook look;
	view_look_defaults(&look);
	CHECK(look.shape == VIEW_SHAPE_DOT && look.colour == VIEW_COLOUR_WARM && look.size == 0.08f &&
	          look.brightness == 0.8f && look.breath_ring && !look.captions && look.monitor == 0,
	      "look: defaults are not those of ports.def");
	CHECK(view_look_set(&look, "display_size", 400.0f) && look.size == 0.25f, "look: size %g",
	      look.size);
	CHECK(view_look_set(&look, "display_shape", 2.4f) && look.shape == VIEW_SHAPE_BAR,
	      "look: shape %d", look.shape);
	CHECK(view_look_set(&look, "display_colour", -5.0f) && look.colour == VIEW_COLOUR_WHITE,
	      "look: colour %d", look.colour);
	CHECK(view_look_set(&look, "display_bright", NAN) && look.brightness == 0.8f,
	      "look: NaN brightness gives %g", look.brightness);
	CHECK(view_look_set(&look, "display_captions", 1.0f) && look.captions, "look: captions");
	CHECK(view_look_set(&look, "display_monitor", 3.0f) && look.monitor == 3, "look: monitor");
	CHECK(!view_look_set(&look, "gaze_rate", 1.0f) && !view_look_set(&look, "display_", 1.0f),
	      "look: takes a control that is not a Display one");
}

int
main(int argc, char** argv)
{
	if (argc == 3 && strcmp(argv[1], "--png") == 0) {
		png_dir = argv[2];
	}
	check_target_travel(view_draw_window, view_window_layout, 600, 400, "window");
	check_target_travel(view_draw_window, view_window_layout, 1200, 800, "window_large");
	check_target_travel(view_draw_projector, view_projector_layout, 1280, 720, "projector");
	check_target_travel(view_draw_strip, view_strip_layout, 160, 60, "strip");
	check_projector();
	check_window_breath();
	check_absurd_state();
	check_look_controls();
	check_redraw();
	check_damage();
	check_no_flash();
	check_scaled();
	printf("view: layouts, target, breath and look checked\n");
	return 0;
}
