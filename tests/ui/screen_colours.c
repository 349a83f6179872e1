/* SPDX-License-Identifier: ISC */
/* Waits until the X screen shows the plugin window's drawing, found by its
 * colours (the target, the breathing circle, the window's background, each
 * a good number of pixels), writes the screenshot as PNG, and then checks
 * that the target moves (the plugin plays, and the host passes what it
 * says on to the window).  For the real-host tests.
 *   screen_colours SECONDS OUT.png   (0: found and moving, 1: not) */
#include "ui_host.h"
#include "ui_pixels.h"
#include "view.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static cairo_surface_t*
grab_screen(Display* dpy)
{
	const Window root = DefaultRootWindow(dpy);
	XWindowAttributes attr;
	XGetWindowAttributes(dpy, root, &attr);
	XImage* image =
	    XGetImage(dpy, root, 0, 0, (unsigned)attr.width, (unsigned)attr.height, AllPlanes, ZPixmap);
	if (!image) {
		return NULL;
	}
	cairo_surface_t* surface = ui_host_image_surface(image);
	XDestroyImage(image);
	return surface;
}

/* The target's centre on the screen (its pixels' mean), or false. */
static bool
target_centre(Display* dpy, const double rgb[3], double* x)
{
	cairo_surface_t* shot = grab_screen(dpy);
	if (!shot) {
		return false;
	}
	const bool found = find_colour_centre(shot, rgb, 0, cairo_image_surface_get_width(shot) - 1, 0,
	                                      cairo_image_surface_get_height(shot) - 1, x);
	cairo_surface_destroy(shot);
	return found;
}

/* The target somewhere else a quarter of a second later, in 2 s. */
static bool
target_moves(Display* dpy, const double rgb[3])
{
	double first, later;
	if (!target_centre(dpy, rgb, &first)) {
		return false;
	}
	for (int tries = 0; tries < 8; ++tries) {
		usleep(250000);
		if (target_centre(dpy, rgb, &later) && fabs(later - first) > 4.0) {
			printf("the target moves: from x %.1f to %.1f\n", first, later);
			return true;
		}
	}
	printf("the target stays at x %.1f\n", first);
	return false;
}

int
main(int argc, char** argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s SECONDS OUT.png\n", argv[0]);
		return 2;
	}
	const int seconds = atoi(argv[1]);
	Display* dpy = XOpenDisplay(NULL);
	if (!dpy) {
		fprintf(stderr, "screen_colours: no X display\n");
		return 1;
	}
	ViewLook look;
	view_look_defaults(&look);
	double target[3];
	view_target_rgb(&look, target);
	const double breath[3] = {0.300, 0.560, 0.620};
	const double background[3] = {0.075, 0.082, 0.102};
	long counts[3] = {0, 0, 0};
	for (int tries = 0; tries <= seconds * 2; ++tries) {
		cairo_surface_t* shot = grab_screen(dpy);
		if (shot) {
			counts[0] = count_colour(shot, target);
			counts[1] = count_colour(shot, breath);
			counts[2] = count_colour(shot, background);
			cairo_surface_write_to_png(shot, argv[2]);
			cairo_surface_destroy(shot);
			if (counts[0] > 300 && counts[1] > 1000 && counts[2] > 20000) {
				printf("the window's drawing is on screen: %ld pixels of the target, %ld of the "
				       "breathing circle, %ld of its background\n",
				       counts[0], counts[1], counts[2]);
				const bool moves = target_moves(dpy, target);
				XCloseDisplay(dpy);
				return moves ? 0 : 1;
			}
		}
		usleep(500000);
	}
	printf("not on screen within %d s: %ld pixels of the target, %ld of the breathing circle, "
	       "%ld of the background\n",
	       seconds, counts[0], counts[1], counts[2]);
	XCloseDisplay(dpy);
	return 1;
}
