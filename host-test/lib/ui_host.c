/* SPDX-License-Identifier: ISC */
#include "ui_host.h"

#include <X11/Xutil.h>
#include <dlfcn.h>
#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/atom/util.h>
#include <lv2/options/options.h>
#include <lv2/ui/ui.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WRITES 256
#define MAX_EVENT 256

typedef struct {
	uint32_t port, size, protocol;
	uint8_t body[MAX_EVENT];
} Write;

struct UiHost {
	Display* dpy;
	Window parent;
	void* library;
	const LV2UI_Descriptor* descriptor;
	LV2UI_Handle handle;
	Window widget;
	const LV2UI_Idle_Interface* idle;
	const LV2UI_Resize* resize;
	const LV2UI_Show_Interface* show;
	LV2_URID event_transfer;
	int requested_w, requested_h;
	float scale;
	/* what the features point at: valid as long as the window lives */
	LV2UI_Resize resize_feature;
	LV2_Options_Option options[2];
	LilvUIs* uis;

	uint32_t port_count;
	char** symbols; /* of control ports, else NULL */
	bool* is_output;
	float** values; /* the plugin's control values */
	uint32_t notify_port;
	float* written; /* last value written per port */
	bool* was_written;

	Write writes[MAX_WRITES];
	uint32_t write_count;
};

static void
on_write(LV2UI_Controller controller, uint32_t port, uint32_t size, uint32_t protocol,
         const void* buffer)
{
	UiHost* ui = (UiHost*)controller;
	if (port >= ui->port_count || size > MAX_EVENT || ui->write_count >= MAX_WRITES) {
		return;
	}
	Write* w = &ui->writes[ui->write_count++];
	w->port = port;
	w->size = size;
	w->protocol = protocol;
	memcpy(w->body, buffer, size);
	if (protocol == 0 && size == sizeof(float)) {
		memcpy(&ui->written[port], buffer, sizeof(float));
		ui->was_written[port] = true;
	}
}

static int
on_resize(LV2UI_Feature_Handle handle, int width, int height)
{
	UiHost* ui = (UiHost*)handle;
	ui->requested_w = width;
	ui->requested_h = height;
	if (ui->parent) {
		XResizeWindow(ui->dpy, ui->parent, (unsigned)width, (unsigned)height);
	}
	return 0;
}

/* The plugin's X11 UI (in *uis, which the caller frees) and its binary's
 * path; false with err filled. */
static bool
find_ui(Host* host, LilvUIs** all, const LilvUI** found, char** binary, char* err, size_t err_size)
{
	LilvWorld* world = host_world(host);
	LilvNode* x11 = lilv_new_uri(world, LV2_UI__X11UI);
	LilvUIs* uis = lilv_plugin_get_uis(host_plugin(host));
	*all = uis;
	*found = NULL;
	LILV_FOREACH(uis, i, uis)
	{
		const LilvUI* candidate = lilv_uis_get(uis, i);
		if (lilv_ui_is_a(candidate, x11)) {
			*found = candidate;
		}
	}
	lilv_node_free(x11);
	if (!*found) {
		snprintf(err, err_size, "the plugin has no ui:X11UI");
		return false;
	}
	*binary = lilv_file_uri_parse(lilv_node_as_uri(lilv_ui_get_binary_uri(*found)), NULL);
	return *binary != NULL;
}

static void
read_ports(UiHost* ui, Host* host)
{
	LilvWorld* world = host_world(host);
	const LilvPlugin* plugin = host_plugin(host);
	LilvNode* control = lilv_new_uri(world, LV2_CORE__ControlPort);
	LilvNode* output = lilv_new_uri(world, LV2_CORE__OutputPort);
	ui->port_count = lilv_plugin_get_num_ports(plugin);
	ui->symbols = (char**)calloc(ui->port_count, sizeof(char*));
	ui->is_output = (bool*)calloc(ui->port_count, sizeof(bool));
	ui->values = (float**)calloc(ui->port_count, sizeof(float*));
	ui->written = (float*)calloc(ui->port_count, sizeof(float));
	ui->was_written = (bool*)calloc(ui->port_count, sizeof(bool));
	for (uint32_t i = 0; i < ui->port_count; ++i) {
		const LilvPort* port = lilv_plugin_get_port_by_index(plugin, i);
		const char* symbol = lilv_node_as_string(lilv_port_get_symbol(plugin, port));
		ui->is_output[i] = lilv_port_is_a(plugin, port, output);
		if (!strcmp(symbol, "notify")) {
			ui->notify_port = i;
		}
		if (lilv_port_is_a(plugin, port, control)) {
			ui->symbols[i] = strdup(symbol);
			ui->values[i] = host_control(host, symbol);
		}
	}
	lilv_node_free(control);
	lilv_node_free(output);
}

UiHost*
ui_host_new(Host* host, Display* dpy, int width, int height, float scale, char* err,
            size_t err_size)
{
	UiHost* ui = (UiHost*)calloc(1, sizeof(UiHost));
	const LilvUI* lui = NULL;
	char* binary = NULL;
	if (!find_ui(host, &ui->uis, &lui, &binary, err, err_size)) {
		ui_host_free(ui);
		return NULL;
	}
	ui->dpy = dpy;
	ui->scale = scale;
	ui->event_transfer = host_map(host, LV2_ATOM__eventTransfer);
	read_ports(ui, host);

	ui->library = dlopen(binary, RTLD_NOW | RTLD_LOCAL);
	if (!ui->library) {
		snprintf(err, err_size, "cannot load %s: %s", binary, dlerror());
		lilv_free(binary);
		ui_host_free(ui);
		return NULL;
	}
	lilv_free(binary);
	LV2UI_DescriptorFunction get = (LV2UI_DescriptorFunction)dlsym(ui->library, "lv2ui_descriptor");
	const char* uri = lilv_node_as_uri(lilv_ui_get_uri(lui));
	for (uint32_t i = 0; get && (ui->descriptor = get(i)); ++i) {
		if (!strcmp(ui->descriptor->URI, uri)) {
			break;
		}
	}
	if (!ui->descriptor) {
		snprintf(err, err_size, "the UI binary has no descriptor for <%s>", uri);
		ui_host_free(ui);
		return NULL;
	}

	const int screen = DefaultScreen(dpy);
	if (width > 0 && height > 0) {
		ui->parent = XCreateSimpleWindow(dpy, RootWindow(dpy, screen), 0, 0, (unsigned)width,
		                                 (unsigned)height, 0, 0, BlackPixel(dpy, screen));
		XStoreName(dpy, ui->parent, "somascape UI test host");
		XMapWindow(dpy, ui->parent);
		XSync(dpy, False);
	}

	ui->resize_feature = (LV2UI_Resize){ui, on_resize};
	ui->options[0] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE,
	                                      0,
	                                      host_map(host, LV2_UI__scaleFactor),
	                                      sizeof(float),
	                                      host_map(host, LV2_ATOM__Float),
	                                      &ui->scale};
	ui->options[1] = (LV2_Options_Option){LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL};
	const LV2_Feature parent_f = {LV2_UI__parent, (void*)(uintptr_t)ui->parent};
	const LV2_Feature map_f = {LV2_URID__map, host_urid_map(host)};
	const LV2_Feature resize_f = {LV2_UI__resize, &ui->resize_feature};
	const LV2_Feature idle_f = {LV2_UI__idleInterface, NULL};
	const LV2_Feature options_f = {LV2_OPTIONS__options,
	                               scale > 0.0f ? ui->options : ui->options + 1};
	const LV2_Feature* features[] = {&parent_f, &map_f, &resize_f, &idle_f, &options_f, NULL};
	const LV2_Feature* const* given = ui->parent ? features : features + 1;

	LV2UI_Widget widget = NULL;
	const LilvNode* bundle = lilv_ui_get_bundle_uri(lui);
	char* bundle_path = lilv_file_uri_parse(lilv_node_as_uri(bundle), NULL);
	ui->handle = ui->descriptor->instantiate(
	    ui->descriptor, lilv_node_as_uri(lilv_plugin_get_uri(host_plugin(host))), bundle_path,
	    on_write, ui, &widget, given);
	lilv_free(bundle_path);
	if (!ui->handle) {
		snprintf(err, err_size, "the UI did not instantiate");
		ui_host_free(ui);
		return NULL;
	}
	ui->widget = (Window)(uintptr_t)widget;
	if (ui->descriptor->extension_data) {
		ui->idle =
		    (const LV2UI_Idle_Interface*)ui->descriptor->extension_data(LV2_UI__idleInterface);
		ui->resize = (const LV2UI_Resize*)ui->descriptor->extension_data(LV2_UI__resize);
		ui->show =
		    (const LV2UI_Show_Interface*)ui->descriptor->extension_data(LV2_UI__showInterface);
	}
	if (!ui->idle) {
		snprintf(err, err_size, "the UI has no ui:idleInterface");
		ui_host_free(ui);
		return NULL;
	}
	XSync(dpy, False);
	return ui;
}

void
ui_host_free(UiHost* ui)
{
	if (!ui) {
		return;
	}
	if (ui->handle) {
		ui->descriptor->cleanup(ui->handle);
	}
	if (ui->parent) {
		XDestroyWindow(ui->dpy, ui->parent);
		XSync(ui->dpy, False);
	}
	if (ui->library) {
		dlclose(ui->library);
	}
	if (ui->uis) {
		lilv_uis_free(ui->uis);
	}
	for (uint32_t i = 0; i < ui->port_count && ui->symbols; ++i) {
		free(ui->symbols[i]);
	}
	free(ui->symbols);
	free(ui->is_output);
	free(ui->values);
	free(ui->written);
	free(ui->was_written);
	free(ui);
}

Window
ui_host_parent(const UiHost* ui)
{
	return ui->parent;
}

Window
ui_host_widget(const UiHost* ui)
{
	return ui->widget;
}

void
ui_host_requested_size(const UiHost* ui, int* width, int* height)
{
	*width = ui->requested_w;
	*height = ui->requested_h;
}

int
ui_host_idle(UiHost* ui)
{
	return ui->idle->idle(ui->handle);
}

int
ui_host_show(UiHost* ui, bool show)
{
	if (!ui->show) {
		return 1;
	}
	const int result = show ? ui->show->show(ui->handle) : ui->show->hide(ui->handle);
	XSync(ui->dpy, False);
	return result;
}

int
ui_host_resize(UiHost* ui, int width, int height)
{
	if (ui->parent) {
		XResizeWindow(ui->dpy, ui->parent, (unsigned)width, (unsigned)height);
	}
	XSync(ui->dpy, False);
	return ui->resize ? ui->resize->ui_resize(ui->handle, width, height) : 1;
}

void
ui_host_send_control(UiHost* ui, uint32_t port, float value)
{
	if (ui->descriptor->port_event) {
		ui->descriptor->port_event(ui->handle, port, sizeof(float), 0, &value);
	}
}

static void
send_values(UiHost* ui, bool outputs)
{
	for (uint32_t i = 0; i < ui->port_count; ++i) {
		if (ui->values[i] && ui->is_output[i] == outputs) {
			ui_host_send_control(ui, i, *ui->values[i]);
		}
	}
}

void
ui_host_send_controls(UiHost* ui, Host* host)
{
	(void)host;
	send_values(ui, false);
}

void
ui_host_send_outputs(UiHost* ui, Host* host)
{
	(void)host;
	send_values(ui, true);
}

void
ui_host_send_atom(UiHost* ui, const LV2_Atom* atom)
{
	if (ui->descriptor->port_event) {
		ui->descriptor->port_event(ui->handle, ui->notify_port,
		                           (uint32_t)sizeof(LV2_Atom) + atom->size, ui->event_transfer,
		                           atom);
	}
}

void
ui_host_send_notify(UiHost* ui, Host* host)
{
	const LV2_Atom_Sequence* notify = host_output_events(host, "notify");
	if (!notify) {
		return;
	}
	LV2_ATOM_SEQUENCE_FOREACH(notify, ev)
	{
		ui_host_send_atom(ui, &ev->body);
	}
}

uint32_t
ui_host_apply_writes(UiHost* ui, Host* host)
{
	const uint32_t count = ui->write_count;
	for (uint32_t i = 0; i < count; ++i) {
		const Write* w = &ui->writes[i];
		if (w->protocol == 0 && w->size == sizeof(float) && ui->symbols[w->port]) {
			float value;
			memcpy(&value, w->body, sizeof(float));
			host_set(host, ui->symbols[w->port], value);
		} else if (w->protocol == ui->event_transfer && w->size >= sizeof(LV2_Atom)) {
			LV2_Atom atom;
			memcpy(&atom, w->body, sizeof(atom));
			if (sizeof(LV2_Atom) + atom.size <= w->size) {
				host_send_event(host, 0, atom.type, atom.size, w->body + sizeof(LV2_Atom));
			}
		}
	}
	ui->write_count = 0;
	return count;
}

bool
ui_host_written(const UiHost* ui, uint32_t port, float* value)
{
	if (port >= ui->port_count || !ui->was_written[port]) {
		return false;
	}
	*value = ui->written[port];
	return true;
}

cairo_surface_t*
ui_host_capture(UiHost* ui, Window win)
{
	return ui_host_capture_rows(ui, win, 0, -1);
}

cairo_surface_t*
ui_host_capture_rows(UiHost* ui, Window win, int y0, int rows)
{
	XWindowAttributes attr;
	if (!XGetWindowAttributes(ui->dpy, win, &attr) || attr.width <= 0 || attr.height <= 0) {
		return NULL;
	}
	y0 = y0 < 0 ? 0 : y0 >= attr.height ? attr.height - 1 : y0;
	if (rows < 0 || y0 + rows > attr.height) {
		rows = attr.height - y0;
	}
	attr.height = rows; /* from here on, the band's */
	XImage* image = XGetImage(ui->dpy, win, 0, y0, (unsigned)attr.width, (unsigned)attr.height,
	                          AllPlanes, ZPixmap);
	if (!image) {
		return NULL;
	}
	cairo_surface_t* surface = ui_host_image_surface(image);
	XDestroyImage(image);
	return surface;
}

cairo_surface_t*
ui_host_image_surface(const XImage* image)
{
	const int width = image->width, height = image->height;
	cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
	uint8_t* data = cairo_image_surface_get_data(surface);
	const int stride = cairo_image_surface_get_stride(surface);
	const bool direct = image->bits_per_pixel == 32 && image->red_mask == 0xff0000 &&
	                    image->green_mask == 0xff00 && image->blue_mask == 0xff &&
	                    image->byte_order == LSBFirst;
	for (int y = 0; y < height; ++y) {
		uint32_t* row = (uint32_t*)(data + (size_t)y * (size_t)stride);
		if (direct) {
			memcpy(row, image->data + (size_t)y * (size_t)image->bytes_per_line,
			       (size_t)width * 4u);
		} else {
			for (int x = 0; x < width; ++x) {
				row[x] = (uint32_t)XGetPixel((XImage*)image, x, y) & 0xffffffu;
			}
		}
	}
	cairo_surface_mark_dirty(surface);
	return surface;
}

static void
send_button(UiHost* ui, int type, int x, int y)
{
	XEvent ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.xany.display = ui->dpy;
	ev.xany.window = ui->widget;
	if (type == MotionNotify) {
		ev.xmotion.x = x;
		ev.xmotion.y = y;
		ev.xmotion.state = Button1Mask;
		ev.xmotion.same_screen = True;
		XSendEvent(ui->dpy, ui->widget, True, Button1MotionMask, &ev);
	} else {
		ev.xbutton.x = x;
		ev.xbutton.y = y;
		ev.xbutton.button = Button1;
		ev.xbutton.same_screen = True;
		XSendEvent(ui->dpy, ui->widget, True,
		           type == ButtonPress ? ButtonPressMask : ButtonReleaseMask, &ev);
	}
	XSync(ui->dpy, False);
}

void
ui_host_press(UiHost* ui, int x, int y)
{
	send_button(ui, ButtonPress, x, y);
}

void
ui_host_drag(UiHost* ui, int x, int y)
{
	send_button(ui, MotionNotify, x, y);
}

void
ui_host_release(UiHost* ui, int x, int y)
{
	send_button(ui, ButtonRelease, x, y);
}
