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
#include "ui_window_test.h"

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
	CHECK(cairo_image_surface_get_width(image) == 2 * WIDTH,
	      "the window is %d pixels wide at scale 2", cairo_image_surface_get_width(image));
	CHECK(drawn_position_scaled(image, WIDTH, HEIGHT, 2.0, &pos), "no target at scale 2");
	printf("scale 2: a %dx%d window, target for +0.5 at %+.4f\n", 2 * WIDTH, 2 * HEIGHT, pos);
	CHECK(fabs(pos - 0.5f) * 0.5 <= MAX_ERROR, "at scale 2 the target is at %f", pos);
	cairo_surface_destroy(image);
	ui_host_free(ui);
	host_free(host);
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
	const int sw = DisplayWidth(dpy, DefaultScreen(dpy)),
	          sh = DisplayHeight(dpy, DefaultScreen(dpy));
	printf("projector: %dx%d at %d,%d on a %dx%d screen\n", attr.width, attr.height, attr.x, attr.y,
	       sw, sh);
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
	const int sw = DisplayWidth(dpy, DefaultScreen(dpy)),
	          sh = DisplayHeight(dpy, DefaultScreen(dpy));
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
		      "display_monitor %d does not fill the monitor at x %d", cases[i].monitor, cases[i].x);
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
