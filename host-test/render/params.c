/* SPDX-License-Identifier: ISC */
#include "params.h"

#include <lv2/core/lv2.h>
#include <lv2/port-props/port-props.h>
#include <lv2/units/units.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
	const LilvPort* port;
	bool input;
	float min, max, def;
	bool integer; /* integer, toggle or enumeration */
} ParamInfo;

static bool
port_has(Host* host, const LilvPort* port, const char* property)
{
	LilvNode* node = lilv_new_uri(host_world(host), property);
	const bool has = lilv_port_has_property(host_plugin(host), port, node);
	lilv_node_free(node);
	return has;
}

static bool
port_is(Host* host, const LilvPort* port, const char* class_uri)
{
	LilvNode* node = lilv_new_uri(host_world(host), class_uri);
	const bool is = lilv_port_is_a(host_plugin(host), port, node);
	lilv_node_free(node);
	return is;
}

static float
node_float(const LilvNode* node, float fallback)
{
	return node && (lilv_node_is_float(node) || lilv_node_is_int(node)) ? lilv_node_as_float(node)
	                                                                    : fallback;
}

static bool
param_info(Host* host, const LilvPort* port, ParamInfo* info)
{
	if (!port_is(host, port, LV2_CORE__ControlPort)) {
		return false;
	}
	LilvNode *def = NULL, *min = NULL, *max = NULL;
	lilv_port_get_range(host_plugin(host), port, &def, &min, &max);
	info->port = port;
	info->input = port_is(host, port, LV2_CORE__InputPort);
	info->min = node_float(min, -INFINITY);
	info->max = node_float(max, INFINITY);
	info->def = node_float(def, NAN);
	info->integer = port_has(host, port, LV2_CORE__integer) ||
	                port_has(host, port, LV2_CORE__toggled) ||
	                port_has(host, port, LV2_CORE__enumeration);
	lilv_node_free(def);
	lilv_node_free(min);
	lilv_node_free(max);
	return true;
}

static const LilvPort*
port_by_symbol(Host* host, const char* symbol)
{
	LilvNode* node = lilv_new_string(host_world(host), symbol);
	const LilvPort* port = lilv_plugin_get_port_by_symbol(host_plugin(host), node);
	lilv_node_free(node);
	return port;
}

/* The unit's symbol ("Hz", "s", "dB") if the units vocabulary is loaded,
 * else the last part of its URI. */
static void
unit_name(Host* host, const LilvPort* port, char* out, size_t size)
{
	LilvWorld* world = host_world(host);
	LilvNode* unit_pred = lilv_new_uri(world, LV2_UNITS__unit);
	LilvNode* symbol_pred = lilv_new_uri(world, LV2_UNITS__symbol);
	LilvNodes* units = lilv_port_get_value(host_plugin(host), port, unit_pred);
	out[0] = '\0';
	if (units && lilv_nodes_size(units) > 0) {
		const LilvNode* unit = lilv_nodes_get_first(units);
		LilvNode* symbol = lilv_world_get(world, unit, symbol_pred, NULL);
		const char* uri = lilv_node_as_string(unit);
		const char* hash = strrchr(uri, '#');
		snprintf(out, size, "%s", symbol ? lilv_node_as_string(symbol) : hash ? hash + 1 : uri);
		lilv_node_free(symbol);
	}
	lilv_nodes_free(units);
	lilv_node_free(unit_pred);
	lilv_node_free(symbol_pred);
}

typedef struct {
	float value;
	const char* label;
} ScaleEntry;

static int
compare_scale_entries(const void* a, const void* b)
{
	const float x = ((const ScaleEntry*)a)->value, y = ((const ScaleEntry*)b)->value;
	return (x > y) - (x < y);
}

/* ": 0 Off, 1 Sweep, ..." in the order of the values (lilv has no order). */
static void
print_scale_points(Host* host, const LilvPort* port, FILE* out)
{
	LilvScalePoints* points = lilv_port_get_scale_points(host_plugin(host), port);
	ScaleEntry entries[64];
	size_t n = 0;
	LILV_FOREACH(scale_points, i, points)
	{
		const LilvScalePoint* point = lilv_scale_points_get(points, i);
		if (n < sizeof(entries) / sizeof(entries[0])) {
			entries[n++] = (ScaleEntry){lilv_node_as_float(lilv_scale_point_get_value(point)),
			                            lilv_node_as_string(lilv_scale_point_get_label(point))};
		}
	}
	qsort(entries, n, sizeof(entries[0]), compare_scale_entries);
	for (size_t i = 0; i < n; ++i) {
		fprintf(out, "%s%g %s", i ? ", " : ": ", entries[i].value, entries[i].label);
	}
	lilv_scale_points_free(points);
}

static void
print_param(Host* host, const ParamInfo* info, FILE* out)
{
	const LilvPlugin* plugin = host_plugin(host);
	char range[64], def[32], unit[32];
	snprintf(range, sizeof(range), "%g .. %g", info->min, info->max);
	if (info->input) {
		snprintf(def, sizeof(def), "%g", info->def);
	} else {
		def[0] = '\0';
	}
	unit_name(host, info->port, unit, sizeof(unit));
	LilvNode* name = lilv_port_get_name(plugin, info->port);
	fprintf(out, "%-16s %-16s %-8s %-5s %s",
	        lilv_node_as_string(lilv_port_get_symbol(plugin, info->port)), range, def, unit,
	        name ? lilv_node_as_string(name) : "");
	lilv_node_free(name);
	if (port_has(host, info->port, LV2_PORT_PROPS__logarithmic)) {
		fputs(" (logarithmic)", out);
	}
	if (port_has(host, info->port, LV2_CORE__toggled)) {
		fputs(" (0 off, 1 on)", out);
	}
	print_scale_points(host, info->port, out);
	fputc('\n', out);
}

void
params_list(Host* host, FILE* out)
{
	const LilvPlugin* plugin = host_plugin(host);
	const uint32_t n = lilv_plugin_get_num_ports(plugin);
	for (int pass = 0; pass < 2; ++pass) {
		fprintf(out, pass == 0 ? "%-16s %-16s %-8s %-5s %s\n" : "\noutputs (read only):\n",
		        "symbol", "range", "default", "unit", "name");
		for (uint32_t i = 0; i < n; ++i) {
			ParamInfo info;
			if (param_info(host, lilv_plugin_get_port_by_index(plugin, i), &info) &&
			    info.input == (pass == 0)) {
				print_param(host, &info, out);
			}
		}
	}
}

static bool
find_input(Host* host, const char* symbol, ParamInfo* info, char* err, size_t err_size)
{
	const LilvPort* port = port_by_symbol(host, symbol);
	if (!port || !param_info(host, port, info)) {
		snprintf(err, err_size, "unknown control '%s' (--list-params lists them)", symbol);
		return false;
	}
	if (!info->input) {
		snprintf(err, err_size, "'%s' is an output of the plugin; it cannot be set", symbol);
		return false;
	}
	return true;
}

bool
param_exists(Host* host, const char* symbol, char* err, size_t err_size)
{
	ParamInfo info;
	return find_input(host, symbol, &info, err, err_size);
}

/* An enumeration's label, matched without regard to case. */
static bool
scale_point_value(Host* host, const LilvPort* port, const char* label, float* value)
{
	LilvScalePoints* points = lilv_port_get_scale_points(host_plugin(host), port);
	bool found = false;
	LILV_FOREACH(scale_points, i, points)
	{
		const LilvScalePoint* point = lilv_scale_points_get(points, i);
		if (strcasecmp(lilv_node_as_string(lilv_scale_point_get_label(point)), label) == 0) {
			*value = lilv_node_as_float(lilv_scale_point_get_value(point));
			found = true;
		}
	}
	lilv_scale_points_free(points);
	return found;
}

bool
param_parse(Host* host, const char* symbol, const char* text, float* value, char* err,
            size_t err_size)
{
	ParamInfo info;
	if (!find_input(host, symbol, &info, err, err_size)) {
		return false;
	}
	char* end = NULL;
	const double number = strtod(text, &end);
	float v;
	if (*text != '\0' && end && *end == '\0' && isfinite(number)) {
		v = (float)number;
	} else if (!scale_point_value(host, info.port, text, &v)) {
		snprintf(err, err_size, "%s: '%s' is not a number", symbol, text);
		return false;
	}
	if (info.integer && v != floorf(v)) {
		snprintf(err, err_size, "%s: '%s' is not a whole number", symbol, text);
		return false;
	}
	if (!(v >= info.min && v <= info.max)) {
		snprintf(err, err_size, "%s: %s is outside its range %g .. %g", symbol, text, info.min,
		         info.max);
		return false;
	}
	*value = v;
	return true;
}
