/* SPDX-License-Identifier: ISC */
/* somascape's window: an LV2 UI of class ui:X11UI, Xlib and cairo.  It
 * draws the session with the view's window layout (plugin/view) where the
 * sound is at every frame (motion.c), and holds the few controls a
 * teacher touches live (controls_bar.c) and the projector (projector.c).
 * Every call comes from the host's UI thread. */
#include "motion_snapshot.h"
#include "ui_window.h"

#include <X11/Xutil.h>
#include <lv2/atom/atom.h>
#include <lv2/atom/util.h>
#include <lv2/midi/midi.h>
#include <lv2/options/options.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Every port's symbol, by index. */
static const char* const port_symbols[PORT_COUNT] = {
#define AUDIO_OUT(sym, name, role) [PORT_##sym] = #sym,
#define ATOM_IN(sym, name) [PORT_##sym] = #sym,
#define ATOM_OUT(sym, name) [PORT_##sym] = #sym,
#define MIDI_OUT(sym, name) [PORT_##sym] = #sym,
#define CONTROL_IN(sym, name, group, kind, min, def, max, unit, comment) [PORT_##sym] = #sym,
#define CONTROL_OUT(sym, name, group, kind, min, max, unit, comment) [PORT_##sym] = #sym,
#include "ports.def"
};

static void
default_ports(float* ports)
{
	for (int i = 0; i < PORT_COUNT; ++i) {
		ports[i] = 0.0f;
	}
#define CONTROL_IN(sym, name, group, kind, min, def, max, unit, comment) \
	ports[PORT_##sym] = (float)(def);
#include "ports.def"
}

/* A control changed by the window: the host hears of it, and so do we. */
static void
write_control(SomascapeUI* self, uint32_t port, float value)
{
	self->ports[port] = value;
	self->write(self->controller, port, sizeof(float), 0, &value);
}

/* A message without properties on the control port (uiOn, uiOff). */
static void
send_object(SomascapeUI* self, LV2_URID otype)
{
	const LV2_Atom_Object msg = {{sizeof(LV2_Atom_Object_Body), self->uris.atom_Object},
	                             {0, otype}};
	self->write(self->controller, PORT_control, sizeof(msg), self->uris.atom_eventTransfer, &msg);
}

/* Starts or stops a set as a MIDI note does (midi_map.h). */
static void
send_set_cue(SomascapeUI* self)
{
	struct {
		LV2_Atom atom;
		uint8_t msg[3];
	} note = {{3, self->uris.midi_MidiEvent}, {LV2_MIDI_MSG_NOTE_ON, 60, 100}};
	self->write(self->controller, PORT_control, sizeof(LV2_Atom) + 3, self->uris.atom_eventTransfer,
	            &note);
}

/* Follow: the target where the pointer is, and the sound with it. */
static void
drag_to(SomascapeUI* self, double x)
{
	const ViewLayout l = ui_layout(self);
	write_control(self, PORT_gaze_target, view_gaze_at(&l, x));
}

static void
press(SomascapeUI* self, double x, double y)
{
	const ViewLayout l = ui_layout(self);
	const double reach = l.target_r * 1.5; /* a little beyond the target, for a finger */
	if (ui_gaze_mode(self) == 4 && y >= l.target_y - reach && y <= l.target_y + reach &&
	    x >= l.field.x - reach && x <= l.field.x + l.field.w + reach) {
		self->dragging = true;
		drag_to(self, x);
		return;
	}
	const BarHit hit = bar_hit(&l.controls, x, y);
	switch (hit.action) {
	case BAR_MODE:
		write_control(self, PORT_gaze_mode, (float)hit.mode);
		break;
	case BAR_SLOWER:
	case BAR_FASTER:
		write_control(
		    self, PORT_gaze_rate,
		    bar_rate_step(self->ports[PORT_gaze_rate], hit.action == BAR_FASTER ? 1 : -1));
		break;
	case BAR_SET:
		if (ui_set_cueable(self)) {
			send_set_cue(self);
		}
		break;
	case BAR_PROJECTOR:
		if (projector_is_open(&self->projector)) {
			projector_close(&self->projector);
		} else {
			projector_open(&self->projector, self->dpy, self->look.monitor);
		}
		break;
	case BAR_NONE:
		break;
	}
}

static void
resize_to(SomascapeUI* self, int width, int height)
{
	if (width > 0 && height > 0) {
		back_buffer_resize(&self->buffer, width, height);
	}
}

static void
handle_event(SomascapeUI* self, XEvent* ev)
{
	if (projector_event(&self->projector, ev)) {
		return;
	}
	if (ev->xany.window == self->parent && ev->type == ConfigureNotify) {
		/* the host's frame changed: fill it */
		XResizeWindow(self->dpy, self->win, (unsigned)ev->xconfigure.width,
		              (unsigned)ev->xconfigure.height);
		return;
	}
	if (ev->xany.window != self->win) {
		return;
	}
	switch (ev->type) {
	case Expose:
		self->shown_valid = false;
		break;
	case ConfigureNotify:
		resize_to(self, ev->xconfigure.width, ev->xconfigure.height);
		break;
	case ButtonPress:
		if (ev->xbutton.button == Button1) {
			press(self, ev->xbutton.x / self->scale, ev->xbutton.y / self->scale);
		} else if (ev->xbutton.button == Button4 || ev->xbutton.button == Button5) {
			write_control(
			    self, PORT_gaze_rate,
			    bar_rate_step(self->ports[PORT_gaze_rate], ev->xbutton.button == Button4 ? 1 : -1));
		}
		break;
	case MotionNotify:
		if (self->dragging) {
			drag_to(self, ev->xmotion.x / self->scale);
		}
		break;
	case ButtonRelease:
		self->dragging = false;
		break;
	case ClientMessage:
		if ((Atom)ev->xclient.data.l[0] == self->wm_delete) {
			self->closed = true;
			XUnmapWindow(self->dpy, self->win);
		}
		break;
	default:
		break;
	}
}

/* Device pixels per logical pixel: the host's ui:scaleFactor, else the
 * X resources' Xft.dpi against 96. */
static double
scale_factor(Display* dpy, const LV2_Feature* const* features, LV2_URID_Map* map)
{
	const LV2_Options_Option* options = NULL;
	for (int i = 0; features[i]; ++i) {
		if (!strcmp(features[i]->URI, LV2_OPTIONS__options)) {
			options = (const LV2_Options_Option*)features[i]->data;
		}
	}
	const LV2_URID scale_key = map->map(map->handle, LV2_UI__scaleFactor);
	const LV2_URID atom_Float = map->map(map->handle, LV2_ATOM__Float);
	for (const LV2_Options_Option* o = options; o && o->key; ++o) {
		if (o->key == scale_key && o->type == atom_Float && o->size == sizeof(float)) {
			const float f = *(const float*)o->value;
			if (f >= 0.5f && f <= 8.0f) {
				return f;
			}
		}
	}
	const char* dpi = XGetDefault(dpy, "Xft", "dpi");
	const double value = dpi ? atof(dpi) : 96.0;
	return value >= 48.0 && value <= 768.0 ? value / 96.0 : 1.0;
}

static void
map_uris(UiURIs* u, LV2_URID_Map* map)
{
	u->atom_eventTransfer = map->map(map->handle, LV2_ATOM__eventTransfer);
	u->atom_Object = map->map(map->handle, LV2_ATOM__Object);
	u->atom_Blank = map->map(map->handle, LV2_ATOM__Blank);
	u->atom_Chunk = map->map(map->handle, LV2_ATOM__Chunk);
	u->midi_MidiEvent = map->map(map->handle, LV2_MIDI__MidiEvent);
	u->ui_on = map->map(map->handle, SOMASCAPE_UI_ON_URI);
	u->ui_off = map->map(map->handle, SOMASCAPE_UI_OFF_URI);
	u->motion = map->map(map->handle, SOMASCAPE_MOTION_URI);
	u->snapshot = map->map(map->handle, SOMASCAPE_SNAPSHOT_URI);
}

static LV2UI_Handle
instantiate(const LV2UI_Descriptor* descriptor, const char* plugin_uri, const char* bundle_path,
            LV2UI_Write_Function write_function, LV2UI_Controller controller, LV2UI_Widget* widget,
            const LV2_Feature* const* features)
{
	(void)descriptor;
	(void)bundle_path;
	if (strcmp(plugin_uri, SOMASCAPE_URI) != 0) {
		return NULL;
	}
	LV2_URID_Map* map = NULL;
	void* parent = NULL;
	LV2UI_Resize* host_resize = NULL;
	for (int i = 0; features[i]; ++i) {
		if (!strcmp(features[i]->URI, LV2_URID__map)) {
			map = (LV2_URID_Map*)features[i]->data;
		} else if (!strcmp(features[i]->URI, LV2_UI__parent)) {
			parent = features[i]->data;
		} else if (!strcmp(features[i]->URI, LV2_UI__resize)) {
			host_resize = (LV2UI_Resize*)features[i]->data;
		}
	}
	if (!map) {
		return NULL; /* the motion messages need mapped URIs */
	}
	SomascapeUI* self = (SomascapeUI*)calloc(1, sizeof(SomascapeUI));
	if (!self) {
		return NULL;
	}
	self->dpy = XOpenDisplay(NULL);
	if (!self->dpy) {
		free(self);
		return NULL;
	}
	self->write = write_function;
	self->controller = controller;
	map_uris(&self->uris, map);
	default_ports(self->ports);
	view_look_defaults(&self->look);
	motion_init(&self->motion);
	self->scale = scale_factor(self->dpy, features, map);

	const int screen = DefaultScreen(self->dpy);
	self->parent = parent ? (Window)(uintptr_t)parent : None;
	const int width = (int)lround(DEFAULT_WIDTH * self->scale);
	const int height = (int)lround(DEFAULT_HEIGHT * self->scale);
	XSetWindowAttributes attr;
	memset(&attr, 0, sizeof(attr));
	attr.background_pixel = BlackPixel(self->dpy, screen);
	attr.event_mask = ExposureMask | StructureNotifyMask | ButtonPressMask | ButtonReleaseMask |
	                  Button1MotionMask;
	self->win =
	    XCreateWindow(self->dpy, self->parent ? self->parent : RootWindow(self->dpy, screen), 0, 0,
	                  (unsigned)width, (unsigned)height, 0, CopyFromParent, InputOutput,
	                  CopyFromParent, CWBackPixel | CWEventMask, &attr);
	XStoreName(self->dpy, self->win, "somascape");
	XSizeHints hints;
	memset(&hints, 0, sizeof(hints));
	hints.flags = PMinSize | PBaseSize;
	hints.min_width = (int)lround(320 * self->scale);
	hints.min_height = (int)lround(200 * self->scale);
	hints.base_width = width;
	hints.base_height = height;
	XSetWMNormalHints(self->dpy, self->win, &hints);
	self->wm_delete = XInternAtom(self->dpy, "WM_DELETE_WINDOW", False);
	XSetWMProtocols(self->dpy, self->win, &self->wm_delete, 1);
	if (self->parent) {
		XSelectInput(self->dpy, self->parent, StructureNotifyMask);
		XMapWindow(self->dpy, self->win);
	}
	back_buffer_init(&self->buffer, self->dpy, self->win, width, height);
	XFlush(self->dpy);
	if (host_resize) {
		host_resize->ui_resize(host_resize->handle, width, height);
	}
	send_object(self, self->uris.ui_on);
	*widget = (LV2UI_Widget)(uintptr_t)self->win;
	return self;
}

static void
cleanup(LV2UI_Handle handle)
{
	SomascapeUI* self = (SomascapeUI*)handle;
	send_object(self, self->uris.ui_off);
	projector_close(&self->projector);
	back_buffer_free(&self->buffer);
	XDestroyWindow(self->dpy, self->win);
	XCloseDisplay(self->dpy);
	free(self);
}

static void
port_event(LV2UI_Handle handle, uint32_t port, uint32_t size, uint32_t format, const void* buffer)
{
	SomascapeUI* self = (SomascapeUI*)handle;
	if (format == 0 && size == sizeof(float) && port < PORT_COUNT) {
		self->ports[port] = *(const float*)buffer;
		view_look_set(&self->look, port_symbols[port], self->ports[port]);
		return;
	}
	const LV2_Atom* atom = (const LV2_Atom*)buffer;
	if (format != self->uris.atom_eventTransfer || size < sizeof(LV2_Atom_Object) ||
	    (atom->type != self->uris.atom_Object && atom->type != self->uris.atom_Blank) ||
	    sizeof(LV2_Atom) + atom->size > size) {
		return;
	}
	const LV2_Atom_Object* obj = (const LV2_Atom_Object*)atom;
	if (obj->body.otype != self->uris.motion) {
		return;
	}
	const LV2_Atom* chunk = NULL;
	lv2_atom_object_get(obj, self->uris.snapshot, &chunk, 0);
	if (chunk && chunk->type == self->uris.atom_Chunk) {
		motion_take(&self->motion, LV2_ATOM_BODY_CONST(chunk), chunk->size, ui_now_s());
	}
}

/* ui:idleInterface: events, then a frame.  Non-zero once our own
 * top-level window was closed. */
static int
idle(LV2UI_Handle handle)
{
	SomascapeUI* self = (SomascapeUI*)handle;
	while (XPending(self->dpy) > 0) {
		XEvent ev;
		XNextEvent(self->dpy, &ev);
		handle_event(self, &ev);
	}
	if (self->closed) {
		XSync(self->dpy, False); /* gone from the screen when idle() says so */
		return 1;
	}
	ui_draw(self);
	XSync(self->dpy, False); /* the frame is on screen when idle() returns */
	return 0;
}

/* ui:showInterface, for hosts that do not embed: our own top-level. */
static int
show(LV2UI_Handle handle)
{
	SomascapeUI* self = (SomascapeUI*)handle;
	self->closed = false;
	XMapRaised(self->dpy, self->win);
	XSync(self->dpy, False);
	return 0;
}

static int
hide(LV2UI_Handle handle)
{
	SomascapeUI* self = (SomascapeUI*)handle;
	XUnmapWindow(self->dpy, self->win);
	XSync(self->dpy, False);
	return 0;
}

/* ui:resize from the host's side: the host's frame has this size. */
static int
host_resized(LV2UI_Feature_Handle handle, int width, int height)
{
	SomascapeUI* self = (SomascapeUI*)handle;
	if (width <= 0 || height <= 0) {
		return 1;
	}
	XResizeWindow(self->dpy, self->win, (unsigned)width, (unsigned)height);
	resize_to(self, width, height);
	return 0;
}

static const void*
extension_data(const char* uri)
{
	static const LV2UI_Idle_Interface idle_interface = {idle};
	static const LV2UI_Show_Interface show_interface = {show, hide};
	static const LV2UI_Resize resize_interface = {NULL, host_resized};
	if (!strcmp(uri, LV2_UI__idleInterface)) {
		return &idle_interface;
	}
	if (!strcmp(uri, LV2_UI__showInterface)) {
		return &show_interface;
	}
	if (!strcmp(uri, LV2_UI__resize)) {
		return &resize_interface;
	}
	return NULL;
}

LV2_SYMBOL_EXPORT const LV2UI_Descriptor*
lv2ui_descriptor(uint32_t index)
{
	static const LV2UI_Descriptor descriptor = {SOMASCAPE_UI_URI, instantiate, cleanup, port_event,
	                                            extension_data};
	return index == 0 ? &descriptor : NULL;
}
