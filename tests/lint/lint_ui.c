/* SPDX-License-Identifier: ISC */
/* The plugin window's metadata: one ui:X11UI whose binary is there and
 * describes it, that requires only what it cannot run without (urid:map,
 * ui:idleInterface), whose declared extension data the binary gives, and
 * whose port notifications name the plugin's ports with their protocol. */
#include "lint.h"

#include <dlfcn.h>
#include <lv2/atom/atom.h>
#include <lv2/ui/ui.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>
#include <string.h>

static void
check_features(Lint* lint, const LilvNode* ui_uri)
{
	LilvNodes* required =
	    lilv_world_find_nodes(lint->world, ui_uri, lint_uri(lint, LV2_NS "requiredFeature"), NULL);
	int count = 0;
	LILV_FOREACH(nodes, i, required)
	{
		const char* feature = lilv_node_as_uri(lilv_nodes_get(required, i));
		if (strcmp(feature, LV2_URID__map) != 0 && strcmp(feature, LV2_UI__idleInterface) != 0) {
			lint_fail(lint, "ui", "requires <%s>, which it can run without", feature);
		}
		++count;
	}
	if (count != 2) {
		lint_fail(lint, "ui", "requires %d features, not urid:map and ui:idleInterface", count);
	}
	lilv_nodes_free(required);
}

/* The binary: loads, describes this UI, gives each declared interface. */
static void
check_binary(Lint* lint, const LilvUI* ui)
{
	const char* uri = lilv_node_as_uri(lilv_ui_get_uri(ui));
	char* path = lilv_file_uri_parse(lilv_node_as_uri(lilv_ui_get_binary_uri(ui)), NULL);
	void* library = path ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
	if (!library) {
		lint_fail(lint, "ui", "its binary %s does not load: %s", path ? path : "(none)", dlerror());
		lilv_free(path);
		return;
	}
	LV2UI_DescriptorFunction get = (LV2UI_DescriptorFunction)dlsym(library, "lv2ui_descriptor");
	const LV2UI_Descriptor* descriptor = NULL;
	for (uint32_t i = 0; get && (descriptor = get(i)); ++i) {
		if (!strcmp(descriptor->URI, uri)) {
			break;
		}
	}
	if (!descriptor) {
		lint_fail(lint, "ui", "%s has no descriptor for <%s>", path, uri);
	} else {
		LilvNodes* data = lilv_world_find_nodes(lint->world, lilv_ui_get_uri(ui),
		                                        lint_uri(lint, LV2_NS "extensionData"), NULL);
		LILV_FOREACH(nodes, i, data)
		{
			const char* iface = lilv_node_as_uri(lilv_nodes_get(data, i));
			if (!descriptor->extension_data || !descriptor->extension_data(iface)) {
				lint_fail(lint, "ui", "declares <%s>, which the binary does not give", iface);
			}
		}
		lilv_nodes_free(data);
	}
	dlclose(library);
	lilv_free(path);
}

/* Each ui:portNotification: a port of the plugin, with the protocol its
 * kind takes. */
static void
check_notifications(Lint* lint, const LilvNode* ui_uri)
{
	LilvNodes* notes =
	    lilv_world_find_nodes(lint->world, ui_uri, lint_uri(lint, LV2_UI__portNotification), NULL);
	int count = 0;
	LILV_FOREACH(nodes, i, notes)
	{
		const LilvNode* note = lilv_nodes_get(notes, i);
		LilvNode* symbol = lilv_world_get(lint->world, note, lint_uri(lint, LV2_NS "symbol"), NULL);
		LilvNode* protocol =
		    lilv_world_get(lint->world, note, lint_uri(lint, LV2_UI__protocol), NULL);
		const LilvPort* port = symbol ? lilv_plugin_get_port_by_symbol(lint->plugin, symbol) : NULL;
		const char* name = symbol ? lilv_node_as_string(symbol) : "(none)";
		if (!port) {
			lint_fail(lint, "ui", "a port notification names no port of the plugin: %s", name);
		} else {
			const bool atom =
			    lilv_port_is_a(lint->plugin, port, lint_uri(lint, LV2_ATOM__AtomPort));
			const char* want = atom ? LV2_ATOM__eventTransfer : LV2_UI__floatProtocol;
			if (!protocol || strcmp(lilv_node_as_uri(protocol), want) != 0) {
				lint_fail(lint, "ui", "port notification of '%s' without the protocol <%s>", name,
				          want);
			}
		}
		lilv_node_free(symbol);
		lilv_node_free(protocol);
		++count;
	}
	if (count == 0) {
		lint_fail(lint, "ui", "no port notifications: hosts may send the window nothing");
	}
	lilv_nodes_free(notes);
}

void
lint_ui(Lint* lint)
{
	LilvUIs* uis = lilv_plugin_get_uis(lint->plugin);
	const LilvUI* x11 = NULL;
	int count = 0;
	LILV_FOREACH(uis, i, uis)
	{
		const LilvUI* ui = lilv_uis_get(uis, i);
		lilv_world_load_resource(lint->world, lilv_ui_get_uri(ui));
		if (lilv_ui_is_a(ui, lint_uri(lint, LV2_UI__X11UI))) {
			x11 = ui;
			++count;
		}
	}
	if (count != 1) {
		lint_fail(lint, "ui", "%d UIs of class ui:X11UI, not one", count);
	} else {
		check_features(lint, lilv_ui_get_uri(x11));
		check_binary(lint, x11);
		check_notifications(lint, lilv_ui_get_uri(x11));
	}
	lilv_uis_free(uis);
}
