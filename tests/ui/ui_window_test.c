/* SPDX-License-Identifier: ISC */
/* What the window's tests share (ui_window_test.h). */
#include "ui_window_test.h"

int x_errors;

int
on_x_error(Display* dpy, XErrorEvent* ev)
{
	char text[256];
	XGetErrorText(dpy, ev->error_code, text, sizeof(text));
	fprintf(stderr, "X error: %s (request %d)\n", text, ev->request_code);
	++x_errors;
	return 0;
}

double
now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void
sleep_until(double t)
{
	const double wait = t - now_s();
	if (wait > 0.0) {
		struct timespec ts = {(time_t)wait, (long)((wait - floor(wait)) * 1e9)};
		nanosleep(&ts, NULL);
	}
}

Host*
open_host(void)
{
	char err[256];
	Host* host = host_new(PLUGIN_URI, RATE, err, sizeof(err));
	CHECK(host, "cannot load the plugin: %s", err);
	host_activate(host);
	return host;
}

UiHost*
open_ui(Host* host, Display* dpy, int width, int height, float scale)
{
	char err[256];
	UiHost* ui = ui_host_new(host, dpy, width, height, scale, err, sizeof(err));
	CHECK(ui, "cannot load the window: %s", err);
	ui_host_send_controls(ui, host);
	return ui;
}

void
set(Host* host, const char* symbol, float value)
{
	CHECK(host_set(host, symbol, value), "no control %s", symbol);
}

ViewLayout
window_layout(int width, int height)
{
	ViewLook look;
	view_look_defaults(&look);
	return view_window_layout(width, height, &look);
}

void
target_rgb_default(double rgb[3])
{
	ViewLook look;
	view_look_defaults(&look);
	view_target_rgb(&look, rgb);
}

/* The gaze position the picture's target stands for, in a window of
 * width x height logical pixels drawn at `scale` device pixels to one; the
 * picture's top row is the window's row `top`. */
bool
target_in(cairo_surface_t* image, int top, int width, int height, double scale, float* pos)
{
	const ViewLayout l = window_layout(width, height);
	double rgb[3], x;
	target_rgb_default(rgb);
	const double r = l.target_r + 2.0;
	if (!find_colour_centre(
	        image, rgb, (int)(scale * (l.field.x - r)), (int)(scale * (l.field.x + l.field.w + r)),
	        (int)(scale * (l.target_y - r)) - top, (int)(scale * (l.target_y + r)) - top, &x)) {
		return false;
	}
	*pos = view_gaze_at(&l, x / scale);
	return true;
}

bool
drawn_position_scaled(cairo_surface_t* image, int width, int height, double scale, float* pos)
{
	return target_in(image, 0, width, height, scale, pos);
}

bool
drawn_position(cairo_surface_t* image, int width, int height, float* pos)
{
	return drawn_position_scaled(image, width, height, 1.0, pos);
}

cairo_surface_t*
frame_now(UiHost* ui, Display* dpy)
{
	CHECK(ui_host_idle(ui) == 0, "idle() says the window closed");
	XSync(dpy, False);
	cairo_surface_t* image = ui_host_capture(ui, ui_host_widget(ui));
	CHECK(image, "XGetImage of the window failed");
	return image;
}
