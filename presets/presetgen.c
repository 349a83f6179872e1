/* SPDX-License-Identifier: ISC */
/* Writes the preset bundle's Turtle from presets.def: presets.ttl with every
 * control input of the sound in every preset (defaults from
 * plugin/ports.def where the preset says nothing), and the manifest entries that let hosts list them
 * without loading each one.  A symbol that is not a control input stops
 * the build, and so does one of the Display group: the projector's look
 * belongs to the room and the session, and loading a preset keeps it.
 * Usage: presetgen MANIFEST_HEAD MANIFEST_OUT PRESETS_OUT */
#include "../ttl/turtle_write.h"

#include <stdio.h>
#include <string.h>

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"
#define PRESET_BASE PLUGIN_URI "/presets#"

typedef struct {
	const char* symbol;
	double value;
} Setting;

typedef struct {
	const char* id;
	const char* label;
	const char* comment;
	Setting settings[48];
} Preset;

typedef struct {
	const char* symbol;
	double def;
	int integer;
	int display; /* the projector's look, not in presets */
} Control;

enum { LINEAR, LOG, INT, TOGGLE, ENUM };

/* clang-format off */
static const Control controls[] = {
#define CONTROL_IN(sym, name, group, kind, min, def, max, unit, comment) \
	{#sym, def, kind == INT || kind == ENUM || kind == TOGGLE, !strcmp(#group, "display")},
#include "../plugin/ports.def"
};
/* clang-format on */
#define N_CONTROLS (sizeof(controls) / sizeof(controls[0]))

/* clang-format off */
static const Preset presets[] = {
#define PRESET(id, label, comment, ...) {#id, label, comment, {__VA_ARGS__}},
#include "presets.def"
#undef PRESET
};
/* clang-format on */
#define N_PRESETS (sizeof(presets) / sizeof(presets[0]))

static void
uri_id(const char* id, char* out, size_t size)
{
	snprintf(out, size, "%s", id);
	for (char* c = out; *c; ++c) {
		*c = *c == '_' ? '-' : *c;
	}
}

static int
check(const Preset* p)
{
	for (const Setting* s = p->settings; s->symbol; ++s) {
		int found = 0;
		for (size_t c = 0; c < N_CONTROLS; ++c) {
			found |= !strcmp(controls[c].symbol, s->symbol) && !controls[c].display;
		}
		if (!found) {
			fprintf(stderr,
			        "presetgen: preset %s sets '%s', which is not a control input of the sound\n",
			        p->id, s->symbol);
			return 0;
		}
	}
	return 1;
}

static double
value_of(const Preset* p, const Control* c)
{
	for (const Setting* s = p->settings; s->symbol; ++s) {
		if (!strcmp(s->symbol, c->symbol)) {
			return s->value;
		}
	}
	return c->def;
}

static void
write_preset(FILE* out, const Preset* p)
{
	char id[64];
	uri_id(p->id, id, sizeof(id));
	fprintf(out,
	        "\n<" PRESET_BASE "%s>\n\ta pset:Preset ;\n\tlv2:appliesTo <" PLUGIN_URI
	        "> ;\n\trdfs:label \"%s\" ;\n\trdfs:comment \"%s\"",
	        id, p->label, p->comment);
	for (size_t c = 0; c < N_CONTROLS; ++c) {
		if (controls[c].display) {
			continue;
		}
		const double v = value_of(p, &controls[c]);
		fprintf(out, " ;\n\tlv2:port [\n\t\tlv2:symbol \"%s\" ;\n\t\tpset:value ",
		        controls[c].symbol);
		if (controls[c].integer) {
			fprintf(out, "%d.0\n\t]", (int)v); /* pset:value is a float */
		} else {
			turtle_decimal(out, v);
			fprintf(out, "\n\t]");
		}
	}
	fprintf(out, " .\n");
}

int
main(int argc, char** argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: presetgen MANIFEST_HEAD MANIFEST_OUT PRESETS_OUT\n");
		return 2;
	}
	for (size_t i = 0; i < N_PRESETS; ++i) {
		if (!check(&presets[i])) {
			return 1;
		}
	}
	FILE* manifest = fopen(argv[2], "wb");
	FILE* ttl = manifest ? fopen(argv[3], "wb") : NULL;
	if (!manifest || !ttl) {
		fprintf(stderr, "presetgen: cannot write %s\n", manifest ? argv[3] : argv[2]);
		return 1;
	}
	if (!turtle_copy_file("presetgen", argv[1], manifest)) {
		fclose(manifest);
		fclose(ttl);
		remove(argv[2]);
		remove(argv[3]);
		return 1;
	}
	fprintf(manifest, "\n@prefix pset: <http://lv2plug.in/ns/ext/presets#> .\n");
	fprintf(ttl, "# SPDX-License-Identifier: ISC\n# Written by presetgen from presets.def.\n"
	             "@prefix lv2:  <http://lv2plug.in/ns/lv2core#> .\n"
	             "@prefix pset: <http://lv2plug.in/ns/ext/presets#> .\n"
	             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n");
	for (size_t i = 0; i < N_PRESETS; ++i) {
		char id[64];
		uri_id(presets[i].id, id, sizeof(id));
		fprintf(manifest,
		        "\n<" PRESET_BASE "%s>\n\ta pset:Preset ;\n\tlv2:appliesTo <" PLUGIN_URI
		        "> ;\n\trdfs:label \"%s\" ;\n\trdfs:seeAlso <presets.ttl> .\n",
		        id, presets[i].label);
		write_preset(ttl, &presets[i]);
	}
	const int manifest_ok = turtle_finish("presetgen", manifest, argv[2]);
	return turtle_finish("presetgen", ttl, argv[3]) && manifest_ok ? 0 : 1;
}
