/* SPDX-License-Identifier: ISC */
/* A metadata lint, through lilv, of what LV2 linters check: versions, name,
 * short description, licence, maintainer, class, features, port ranges and
 * literal types, scale points, units, comments, port groups
 * (lint_groups.c); then the binary's features and extension data
 * (lint_instance.c).  Usage: lint_metadata [--version 0.MINOR.MICRO]
 * [PLUGIN_URI] with LV2_PATH naming the bundle's folder; with --version,
 * the Turtle's version must be that one, and a release (an even minor).
 * Exit 0 when clean, 2 on bad usage. */
#include "lint.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_URI "https://somascape.dev/lv2/somascape"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define FOAF "http://xmlns.com/foaf/0.1/"
#define DOAP "http://usefulinc.com/ns/doap#"
#define UNITS "http://lv2plug.in/ns/extensions/units#"
#define PG EXT_NS "port-groups#"
#define PPROPS EXT_NS "port-props#"
/* What a host's plugin list has room for. */
#define MAX_SHORTDESC 60

void
lint_fail(Lint* lint, const char* where, const char* format, ...)
{
	va_list args;
	va_start(args, format);
	printf("lint: %s: ", where);
	vprintf(format, args);
	printf("\n");
	va_end(args);
	++lint->failures;
}

static LilvNode* uri_nodes[64];
static int n_uri_nodes;

const LilvNode*
lint_uri(Lint* lint, const char* uri)
{
	for (int i = 0; i < n_uri_nodes; ++i) {
		if (strcmp(lilv_node_as_uri(uri_nodes[i]), uri) == 0) {
			return uri_nodes[i];
		}
	}
	if (n_uri_nodes == (int)(sizeof(uri_nodes) / sizeof(uri_nodes[0]))) {
		fprintf(stderr, "lint: too many URIs\n");
		return NULL;
	}
	return uri_nodes[n_uri_nodes++] = lilv_new_uri(lint->world, uri);
}

void
lint_free_uris(void)
{
	for (int i = 0; i < n_uri_nodes; ++i) {
		lilv_node_free(uri_nodes[i]);
	}
	n_uri_nodes = 0;
}

/* The one value of SUBJECT's PREDICATE, or NULL; the caller frees it. */
static LilvNode*
get(Lint* lint, const LilvNode* subject, const char* predicate)
{
	return lilv_world_get(lint->world, subject, lint_uri(lint, predicate), NULL);
}

/* The integer value of SUBJECT's PREDICATE, -1 (and a failure) if none. */
static int
check_integer_value(Lint* lint, const LilvNode* subject, const char* predicate, const char* what)
{
	LilvNode* value = get(lint, subject, predicate);
	int v = -1;
	if (!value) {
		lint_fail(lint, "plugin", "no %s", what);
	} else if (!lilv_node_is_int(value)) {
		lint_fail(lint, "plugin", "%s \"%s\" is not an integer literal", what,
		          lilv_node_as_string(value));
	} else {
		v = lilv_node_as_int(value);
	}
	lilv_node_free(value);
	return v;
}

/* lv2:minorVersion and lv2:microVersion are the project's 0.MINOR.MICRO
 * (LV2 has no major: that is the URI), an even minor for a release. */
static void
check_version(Lint* lint, const LilvNode* uri, const char* expected)
{
	const int minor = check_integer_value(lint, uri, LV2_NS "minorVersion", "lv2:minorVersion");
	const int micro = check_integer_value(lint, uri, LV2_NS "microVersion", "lv2:microVersion");
	if (!expected) {
		return;
	}
	char turtle[64];
	snprintf(turtle, sizeof(turtle), "0.%d.%d", minor, micro);
	if (strcmp(turtle, expected) != 0) {
		lint_fail(lint, "plugin", "the Turtle's version is %s, the project's %s", turtle, expected);
	} else if (minor % 2 != 0) {
		lint_fail(lint, "plugin",
		          "lv2:minorVersion %d is odd, a development version: hosts "
		          "treat only an even minor as a release",
		          minor);
	} else {
		printf("lint: version %s, a release\n", turtle);
	}
}

static void
check_shortdesc(Lint* lint, const LilvNode* uri)
{
	LilvNode* text = get(lint, uri, DOAP "shortdesc");
	if (!text || !lilv_node_is_string(text) || !*lilv_node_as_string(text)) {
		lint_fail(lint, "plugin", "no doap:shortdesc (a one-line description)");
	} else if (strlen(lilv_node_as_string(text)) > MAX_SHORTDESC) {
		lint_fail(lint, "plugin", "doap:shortdesc is longer than %d characters", MAX_SHORTDESC);
	}
	lilv_node_free(text);
}

static void
check_maintainer(Lint* lint, const LilvNode* plugin_uri)
{
	LilvNode* maintainer = get(lint, plugin_uri, DOAP "maintainer");
	if (!maintainer) {
		lint_fail(lint, "plugin", "no doap:maintainer");
		return;
	}
	LilvNode* name = get(lint, maintainer, FOAF "name");
	LilvNode* mbox = get(lint, maintainer, FOAF "mbox");
	LilvNode* homepage = get(lint, maintainer, FOAF "homepage");
	if (!name || !lilv_node_is_string(name) || !*lilv_node_as_string(name)) {
		lint_fail(lint, "doap:maintainer", "no foaf:name");
	}
	if (!mbox || !lilv_node_is_uri(mbox) || strncmp(lilv_node_as_uri(mbox), "mailto:", 7) != 0) {
		lint_fail(lint, "doap:maintainer", "no foaf:mbox <mailto:...> (an email URI)");
	}
	if (!homepage || !lilv_node_is_uri(homepage)) {
		lint_fail(lint, "doap:maintainer", "no foaf:homepage URI");
	}
	lilv_node_free(name);
	lilv_node_free(mbox);
	lilv_node_free(homepage);
	lilv_node_free(maintainer);
}

static void
check_plugin(Lint* lint, const char* version)
{
	const LilvPlugin* plugin = lint->plugin;
	const LilvNode* uri = lilv_plugin_get_uri(plugin);
	if (!lilv_plugin_verify(plugin)) {
		lint_fail(lint, "plugin", "lilv_plugin_verify fails (a port or the binary is missing)");
	}
	check_version(lint, uri, version);
	check_shortdesc(lint, uri);

	LilvNode* name = lilv_plugin_get_name(plugin);
	LilvNode* doap_name = get(lint, uri, DOAP "name");
	if (!doap_name || !*lilv_node_as_string(doap_name)) {
		lint_fail(lint, "plugin", "no doap:name");
	}
	lilv_node_free(doap_name);
	lilv_node_free(name);

	LilvNode* license = get(lint, uri, DOAP "license");
	if (!license || !lilv_node_is_uri(license)) {
		lint_fail(lint, "plugin",
		          "doap:license is not a URI (e.g. <https://spdx.org/licenses/ISC>)");
	}
	lilv_node_free(license);
	check_maintainer(lint, uri);

	const LilvNode* class_uri = lilv_plugin_class_get_uri(lilv_plugin_get_class(plugin));
	if (lilv_node_equals(class_uri, lint_uri(lint, LV2_NS "Plugin"))) {
		lint_fail(lint, "plugin",
		          "its class is only lv2:Plugin: add a specific one (lv2:GeneratorPlugin...)");
	}
	if (!lilv_plugin_has_feature(plugin, lint_uri(lint, LV2_NS "hardRTCapable"))) {
		lint_fail(lint, "plugin", "no lv2:optionalFeature lv2:hardRTCapable");
	}
	LilvNode* comment = get(lint, uri, RDFS "comment");
	if (!comment) {
		lint_fail(lint, "plugin", "no rdfs:comment");
	}
	lilv_node_free(comment);
}

static int
has_property(Lint* lint, const LilvPort* port, const char* property)
{
	return lilv_port_has_property(lint->plugin, port, lint_uri(lint, property));
}

/* Integer, enumeration and toggle ports take integer literals (0 and 1 for
 * toggles), other controls decimals.  Why not true/false for toggles: lilv
 * 0.24 (Debian 12) reads a boolean literal as NaN (lilv_node_as_float
 * handles only float and int nodes), so jalv, Ardour and every lilv host
 * would get a NaN default and range; lv2core defines lv2:toggled on numbers
 * (> 0 is on) and the LV2 examples and x42 plugins write 0 and 1. */
static void
check_literal(Lint* lint, const char* where, const char* what, const LilvNode* value, int integer)
{
	if (lilv_node_is_bool(value)) {
		lint_fail(lint, where, "%s is the boolean %s: lilv 0.24 reads it as NaN; write 0 or 1",
		          what, lilv_node_as_string(value));
	} else if (integer && !lilv_node_is_int(value)) {
		lint_fail(lint, where, "%s \"%s\" must be an integer literal (an integer port)", what,
		          lilv_node_as_string(value));
	} else if (!integer && !lilv_node_is_float(value)) {
		lint_fail(lint, where, "%s \"%s\" must be a decimal literal like 1.0 (a float port)", what,
		          lilv_node_as_string(value));
	}
}

static void
check_scale_points(Lint* lint, const LilvPort* port, const char* where, float min, float max,
                   int integer, int enumeration)
{
	LilvScalePoints* points = lilv_port_get_scale_points(lint->plugin, port);
	const unsigned count = points ? lilv_scale_points_size(points) : 0;
	if (enumeration && count < 2) {
		lint_fail(lint, where, "an lv2:enumeration with %u scale points", count);
	}
	const LilvNode* values[64];
	const LilvNode* labels[64];
	unsigned n = 0;
	LILV_FOREACH(scale_points, i, points)
	{
		const LilvScalePoint* point = lilv_scale_points_get(points, i);
		const LilvNode* value = lilv_scale_point_get_value(point);
		const LilvNode* label = lilv_scale_point_get_label(point);
		const char* text = label ? lilv_node_as_string(label) : "?";
		check_literal(lint, where, "a scale point's rdf:value", value, integer);
		const float v = lilv_node_as_float(value);
		if (!(v >= min && v <= max)) {
			lint_fail(lint, where, "scale point \"%s\" = %g is outside %g..%g", text, v, min, max);
		}
		for (unsigned j = 0; j < n; ++j) {
			if (lilv_node_as_float(values[j]) == v) {
				lint_fail(lint, where, "two scale points have the value %g", v);
			}
			if (label && labels[j] && lilv_node_equals(labels[j], label)) {
				lint_fail(lint, where, "two scale points have the label \"%s\"", text);
			}
		}
		if (n < 64) {
			values[n] = value;
			labels[n++] = label;
		}
	}
	lilv_scale_points_free(points);
}

static void
check_control(Lint* lint, const LilvPort* port, const char* where, int input)
{
	const int toggled = has_property(lint, port, LV2_NS "toggled");
	const int enumeration = has_property(lint, port, LV2_NS "enumeration");
	const int integer = toggled || enumeration || has_property(lint, port, LV2_NS "integer");
	LilvNode *def = NULL, *min = NULL, *max = NULL;
	lilv_port_get_range(lint->plugin, port, &def, &min, &max);
	if (!min || !max) {
		lint_fail(lint, where, "no lv2:minimum or lv2:maximum");
	}
	if (input && !def) {
		lint_fail(lint, where, "an input with no lv2:default");
	}
	const char* names[] = {"lv2:default", "lv2:minimum", "lv2:maximum"};
	LilvNode* nodes[] = {def, min, max};
	for (int i = 0; i < 3; ++i) {
		if (nodes[i]) {
			check_literal(lint, where, names[i], nodes[i], integer);
		}
	}
	if (min && max) {
		const float lo = lilv_node_as_float(min), hi = lilv_node_as_float(max);
		const float d = def ? lilv_node_as_float(def) : lo;
		if (!(lo < hi) || !(lo <= d && d <= hi)) {
			lint_fail(lint, where,
			          "not minimum <= default <= maximum, minimum < maximum: %g, %g, %g", lo, d,
			          hi);
		}
		if (toggled && (lo != 0.0f || hi != 1.0f)) {
			lint_fail(lint, where, "a toggle whose range is not 0..1");
		}
		if (has_property(lint, port, PPROPS "logarithmic") && !(lo > 0.0f)) {
			lint_fail(lint, where, "logarithmic with a minimum of %g (must be > 0)", lo);
		}
		check_scale_points(lint, port, where, lo, hi, integer, enumeration);
	}
	lilv_node_free(def);
	lilv_node_free(min);
	lilv_node_free(max);

	/* A unit for every quantity; toggles, enumerations and integer counts are
	 * dimensionless by nature. */
	LilvNodes* units = lilv_port_get_value(lint->plugin, port, lint_uri(lint, UNITS "unit"));
	if (!integer && !units) {
		lint_fail(lint, where, "no units:unit (units:coef for a plain number)");
	}
	lilv_nodes_free(units);
	LilvNodes* comments = lilv_port_get_value(lint->plugin, port, lint_uri(lint, RDFS "comment"));
	if (!comments) {
		lint_fail(lint, where, "no rdfs:comment");
	}
	lilv_nodes_free(comments);
}

/* The main output is a stereo group with one left and one right port. */
static void
check_groups(Lint* lint)
{
	const LilvNode* uri = lilv_plugin_get_uri(lint->plugin);
	LilvNode* group = get(lint, uri, PG "mainOutput");
	if (!group) {
		lint_fail(lint, "plugin", "no pg:mainOutput");
		return;
	}
	if (!lilv_world_ask(lint->world, group,
	                    lint_uri(lint, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
	                    lint_uri(lint, PG "StereoGroup"))) {
		lint_fail(lint, "pg:mainOutput", "not a pg:StereoGroup");
	}
	LilvNode* label = get(lint, group, RDFS "label");
	LilvNode* symbol = get(lint, group, LV2_NS "symbol");
	if (!label || !symbol) {
		lint_fail(lint, "pg:mainOutput", "no rdfs:label or lv2:symbol");
	}
	lilv_node_free(label);
	lilv_node_free(symbol);
	int left = 0, right = 0;
	for (uint32_t i = 0; i < lilv_plugin_get_num_ports(lint->plugin); ++i) {
		const LilvPort* port = lilv_plugin_get_port_by_index(lint->plugin, i);
		const char* sym = lilv_node_as_string(lilv_port_get_symbol(lint->plugin, port));
		if (!lilv_port_is_a(lint->plugin, port, lint_uri(lint, LV2_NS "AudioPort"))) {
			continue;
		}
		LilvNodes* groups = lilv_port_get_value(lint->plugin, port, lint_uri(lint, PG "group"));
		if (!groups || !lilv_nodes_contains(groups, group)) {
			lint_fail(lint, sym, "an audio port not in the pg:mainOutput group");
		}
		lilv_nodes_free(groups);
		LilvNodes* roles =
		    lilv_port_get_value(lint->plugin, port, lint_uri(lint, LV2_NS "designation"));
		left += roles && lilv_nodes_contains(roles, lint_uri(lint, PG "left"));
		right += roles && lilv_nodes_contains(roles, lint_uri(lint, PG "right"));
		lilv_nodes_free(roles);
	}
	if (left != 1 || right != 1) {
		lint_fail(lint, "pg:mainOutput", "%d pg:left and %d pg:right ports (want one each)", left,
		          right);
	}
	lilv_node_free(group);
}

static void
check_ports(Lint* lint)
{
	const LilvNode* control = lint_uri(lint, LV2_NS "ControlPort");
	const LilvNode* input = lint_uri(lint, LV2_NS "InputPort");
	for (uint32_t i = 0; i < lilv_plugin_get_num_ports(lint->plugin); ++i) {
		const LilvPort* port = lilv_plugin_get_port_by_index(lint->plugin, i);
		char where[128];
		snprintf(where, sizeof(where), "port %u '%s'", i,
		         lilv_node_as_string(lilv_port_get_symbol(lint->plugin, port)));
		LilvNode* name = lilv_port_get_name(lint->plugin, port);
		if (!name) {
			lint_fail(lint, where, "no lv2:name");
		}
		lilv_node_free(name);
		if (lilv_port_is_a(lint->plugin, port, control)) {
			check_control(lint, port, where, lilv_port_is_a(lint->plugin, port, input));
		}
	}
	check_groups(lint);
	lint_control_groups(lint);
}

int
main(int argc, char** argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0); /* in order with the plugin's stderr */
	const char* version = NULL;
	int arg = 1;
	if (arg < argc && strcmp(argv[arg], "--version") == 0) {
		if (arg + 1 == argc) {
			fprintf(stderr, "usage: lint_metadata [--version 0.MINOR.MICRO] [PLUGIN_URI]\n");
			return 2;
		}
		version = argv[arg + 1];
		arg += 2;
	}
	const char* uri_text = arg < argc ? argv[arg] : DEFAULT_URI;
	Lint lint = {lilv_world_new(), NULL, 0};
	lilv_world_load_all(lint.world);
	LilvNode* uri = lilv_new_uri(lint.world, uri_text);
	lint.plugin = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(lint.world), uri);
	if (!lint.plugin) {
		printf("lint: %s not found in LV2_PATH\n", uri_text);
		return 1;
	}
	check_plugin(&lint, version);
	check_ports(&lint);
	lint_binary(&lint);
	lint_ui(&lint);
	printf("lint: %s: %d problem(s)\n", uri_text, lint.failures);
	lilv_node_free(uri);
	lint_free_uris();
	lilv_world_free(lint.world);
	return lint.failures ? 1 : 0;
}
