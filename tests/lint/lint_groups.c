/* SPDX-License-Identifier: ISC */
/* The lint's checks of the controls' port groups and units: every control
 * port sits in exactly one pg:Group (a heading hosts show it under), each
 * group has one lv2:symbol, unique, and one rdfs:label; every unit is one
 * of the LV2 units vocabulary, which hosts such as Carla know how to show
 * (a private unit is a bare number to them). */
#include "lint.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define RDFS_LABEL "http://www.w3.org/2000/01/rdf-schema#label"
#define UNITS "http://lv2plug.in/ns/extensions/units#"
#define PG EXT_NS "port-groups#"
#define MAX_GROUPS 32

typedef struct {
	LilvNode* uri;
	int ports; /* control ports in it */
} Group;

static int
count(LilvNodes* nodes)
{
	const int n = nodes ? (int)lilv_nodes_size(nodes) : 0;
	lilv_nodes_free(nodes);
	return n;
}

/* A pg:Group or one of its subclasses that the spec defines. */
static int
is_group(Lint* lint, const LilvNode* group)
{
	static const char* const classes[] = {"Group", "InputGroup", "OutputGroup", "MonoGroup",
	                                      "StereoGroup"};
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); ++i) {
		char uri[128];
		snprintf(uri, sizeof(uri), PG "%s", classes[i]);
		if (lilv_world_ask(lint->world, group, lint_uri(lint, RDF_TYPE), lint_uri(lint, uri))) {
			return 1;
		}
	}
	return 0;
}

static int
is_c_identifier(const char* text)
{
	if (!(isalpha((unsigned char)text[0]) || text[0] == '_')) {
		return 0;
	}
	for (const char* c = text + 1; *c; ++c) {
		if (!(isalnum((unsigned char)*c) || *c == '_')) {
			return 0;
		}
	}
	return 1;
}

/* Checks one group; its symbol goes to symbols[n_before] (NULL if none),
 * checked against those of the groups before it. */
static void
check_group(Lint* lint, const LilvNode* group, LilvNode* symbols[], int n_before)
{
	const char* where = lilv_node_as_uri(group);
	if (!is_group(lint, group)) {
		lint_fail(lint, where, "not a pg:Group");
	}
	LilvNodes* labels = lilv_world_find_nodes(lint->world, group, lint_uri(lint, RDFS_LABEL), NULL);
	if (count(labels) != 1) {
		lint_fail(lint, where, "wants one rdfs:label");
	}
	LilvNodes* found =
	    lilv_world_find_nodes(lint->world, group, lint_uri(lint, LV2_NS "symbol"), NULL);
	if (!found || lilv_nodes_size(found) != 1) {
		lint_fail(lint, where, "wants one lv2:symbol");
		lilv_nodes_free(found);
		symbols[n_before] = NULL;
		return;
	}
	const LilvNode* symbol = lilv_nodes_get(found, lilv_nodes_begin(found));
	const char* text = lilv_node_as_string(symbol);
	if (!is_c_identifier(text)) {
		lint_fail(lint, where, "lv2:symbol \"%s\" is not a C identifier, as LV2 asks", text);
	}
	for (int i = 0; i < n_before; ++i) {
		if (symbols[i] && lilv_node_equals(symbols[i], symbol)) {
			lint_fail(lint, where, "lv2:symbol \"%s\" is another group's too", text);
		}
	}
	symbols[n_before] = lilv_node_duplicate(symbol);
	lilv_nodes_free(found);
}

static void
check_unit(Lint* lint, const LilvPort* port, const char* where)
{
	LilvNodes* units = lilv_port_get_value(lint->plugin, port, lint_uri(lint, UNITS "unit"));
	LILV_FOREACH(nodes, i, units)
	{
		const LilvNode* unit = lilv_nodes_get(units, i);
		if (!lilv_node_is_uri(unit) || strncmp(lilv_node_as_uri(unit), UNITS, strlen(UNITS)) != 0) {
			lint_fail(lint, where, "units:unit %s is not a unit of the LV2 units vocabulary",
			          lilv_node_as_string(unit));
		}
	}
	lilv_nodes_free(units);
}

void
lint_control_groups(Lint* lint)
{
	Group groups[MAX_GROUPS];
	int n_groups = 0;
	const LilvNode* control = lint_uri(lint, LV2_NS "ControlPort");
	for (uint32_t i = 0; i < lilv_plugin_get_num_ports(lint->plugin); ++i) {
		const LilvPort* port = lilv_plugin_get_port_by_index(lint->plugin, i);
		if (!lilv_port_is_a(lint->plugin, port, control)) {
			continue;
		}
		char where[128];
		snprintf(where, sizeof(where), "port %u '%s'", i,
		         lilv_node_as_string(lilv_port_get_symbol(lint->plugin, port)));
		check_unit(lint, port, where);
		LilvNodes* in = lilv_port_get_value(lint->plugin, port, lint_uri(lint, PG "group"));
		if (!in || lilv_nodes_size(in) != 1) {
			lint_fail(lint, where, "in %u pg:group (wants one)", in ? lilv_nodes_size(in) : 0);
			lilv_nodes_free(in);
			continue;
		}
		const LilvNode* group = lilv_nodes_get(in, lilv_nodes_begin(in));
		int g = 0;
		while (g < n_groups && !lilv_node_equals(groups[g].uri, group)) {
			++g;
		}
		if (g == n_groups && n_groups < MAX_GROUPS) {
			groups[n_groups++] = (Group){lilv_node_duplicate(group), 0};
		}
		if (g < n_groups) {
			++groups[g].ports;
		}
		lilv_nodes_free(in);
	}
	LilvNode* symbols[MAX_GROUPS];
	for (int g = 0; g < n_groups; ++g) {
		check_group(lint, groups[g].uri, symbols, g);
	}
	printf("lint: %d control groups:", n_groups);
	for (int g = 0; g < n_groups; ++g) {
		printf(" %s (%d)", symbols[g] ? lilv_node_as_string(symbols[g]) : "?", groups[g].ports);
		lilv_node_free(symbols[g]);
		lilv_node_free(groups[g].uri);
	}
	printf("\n");
}
