/* SPDX-License-Identifier: ISC */
#include "projector.h"

#include <X11/Xatom.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xrandr.h>
#include <X11/keysym.h>

#include <math.h>
#include <string.h>

/* The chosen monitor's rectangle, or the whole screen without RandR. */
static void
monitor_rect(Display* dpy, int monitor, int* x, int* y, int* w, int* h)
{
	const int screen = DefaultScreen(dpy);
	*x = 0;
	*y = 0;
	*w = DisplayWidth(dpy, screen);
	*h = DisplayHeight(dpy, screen);
	int event_base, error_base, count = 0;
	if (!XRRQueryExtension(dpy, &event_base, &error_base)) {
		return;
	}
	XRRMonitorInfo* monitors = XRRGetMonitors(dpy, RootWindow(dpy, screen), True, &count);
	if (!monitors) {
		return;
	}
	int pick = -1;
	if (monitor >= 1 && count > 0) {
		pick = (monitor <= count ? monitor : count) - 1;
	} else {
		for (int i = 0; i < count; ++i) {
			if (!monitors[i].primary) {
				pick = i;
			}
		}
		if (pick < 0 && count > 0) {
			pick = 0;
		}
	}
	if (pick >= 0) {
		*x = monitors[pick].x;
		*y = monitors[pick].y;
		*w = monitors[pick].width;
		*h = monitors[pick].height;
	}
	XRRFreeMonitors(monitors);
}

/* No title bar or border, for window managers that read Motif's hints. */
static void
undecorate(Display* dpy, Window win)
{
	const long hints[5] = {2 /* decorations */, 0, 0, 0, 0};
	const Atom motif = XInternAtom(dpy, "_MOTIF_WM_HINTS", False);
	XChangeProperty(dpy, win, motif, motif, 32, PropModeReplace, (const unsigned char*)hints, 5);
}

bool
projector_open(Projector* p, Display* dpy, int monitor)
{
	if (p->win) {
		return true;
	}
	int x, y, w, h;
	monitor_rect(dpy, monitor, &x, &y, &w, &h);
	const int screen = DefaultScreen(dpy);
	XSetWindowAttributes attr;
	memset(&attr, 0, sizeof(attr));
	attr.background_pixel = BlackPixel(dpy, screen); /* black at once: no flash when mapped */
	attr.event_mask = ExposureMask | KeyPressMask | StructureNotifyMask;
	const Window win = XCreateWindow(dpy, RootWindow(dpy, screen), x, y, (unsigned)w, (unsigned)h,
	                                 0, CopyFromParent, InputOutput, CopyFromParent,
	                                 CWBackPixel | CWEventMask, &attr);
	if (!win) {
		return false;
	}
	XStoreName(dpy, win, "somascape projector");
	XSizeHints size;
	memset(&size, 0, sizeof(size));
	size.flags = PPosition | PSize;
	size.x = x;
	size.y = y;
	size.width = w;
	size.height = h;
	XSetWMNormalHints(dpy, win, &size);
	undecorate(dpy, win);
	/* full screen from the start: the window manager maps it so */
	Atom fullscreen = XInternAtom(dpy, "_NET_WM_STATE_FULLSCREEN", False);
	XChangeProperty(dpy, win, XInternAtom(dpy, "_NET_WM_STATE", False), XA_ATOM, 32,
	                PropModeReplace, (const unsigned char*)&fullscreen, 1);
	p->wm_delete = XInternAtom(dpy, "WM_DELETE_WINDOW", False);
	XSetWMProtocols(dpy, win, &p->wm_delete, 1);
	XMapRaised(dpy, win);

	p->dpy = dpy;
	p->win = win;
	back_buffer_init(&p->buffer, dpy, win, w, h);
	p->whole = true;
	return true;
}

void
projector_close(Projector* p)
{
	if (!p->win) {
		return;
	}
	back_buffer_free(&p->buffer);
	XDestroyWindow(p->dpy, p->win);
	XSync(p->dpy, False); /* gone at once, not at the next frame */
	p->win = 0;
}

bool
projector_event(Projector* p, const XEvent* ev)
{
	if (!p->win || ev->xany.window != p->win) {
		return false;
	}
	switch (ev->type) {
	case KeyPress: {
		XKeyEvent key = ev->xkey;
		if (XLookupKeysym(&key, 0) == XK_Escape) {
			projector_close(p);
		}
		break;
	}
	case ConfigureNotify:
		back_buffer_resize(&p->buffer, ev->xconfigure.width, ev->xconfigure.height);
		p->whole = true;
		break;
	case Expose:
		p->whole = true;
		break;
	case ClientMessage:
		if ((Atom)ev->xclient.data.l[0] == p->wm_delete) {
			projector_close(p);
		}
		break;
	default:
		break;
	}
	return true;
}

void
projector_draw(Projector* p, const ViewState* s)
{
	if (!p->win) {
		return;
	}
	const int w = p->buffer.width, h = p->buffer.height;
	ViewRect damage = {0.0, 0.0, w, h};
	if (!p->whole && p->buffer.back) {
		damage = view_projector_damage(w, h, &p->shown, s);
	}
	p->shown = *s;
	p->whole = false;
	/* whole pixels around it */
	const int x0 = (int)floor(damage.x), y0 = (int)floor(damage.y);
	const int x1 = (int)ceil(damage.x + damage.w), y1 = (int)ceil(damage.y + damage.h);
	if (x1 <= x0 || y1 <= y0) {
		return;
	}
	cairo_t* cr = back_buffer_begin(&p->buffer);
	cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
	cairo_clip(cr);
	view_draw_projector(cr, w, h, s);
	const cairo_rectangle_int_t changed = {x0, y0, x1 - x0, y1 - y0};
	back_buffer_show_rects(&p->buffer, cr, &changed, 1);
}
