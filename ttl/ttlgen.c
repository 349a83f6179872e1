/* SPDX-License-Identifier: ISC */
/* Writes somascape.ttl: the hand-written head (somascape.ttl.in) followed by
 * every port of plugin/ports.def, so the Turtle and the C code share one
 * list of ports.  Usage: ttlgen HEAD OUTPUT */
#include "turtle_write.h"

#include <stdio.h>
#include <string.h>

typedef enum { LINEAR, LOG, INT, TOGGLE, ENUM } Kind;

typedef struct {
	const char* symbol;
	int value;
	const char* label;
} ScalePoint;

/* clang-format off */
static const ScalePoint scale_points[] = {
#define SCALE(sym, value, label) {#sym, value, label},
#include "../plugin/ports.def"
};
/* clang-format on */

/* The groups by name, so that a control naming a group that has no GROUP
 * line does not compile. */
enum {
#define GROUP(sym, label, comment) GROUP_##sym,
#include "../plugin/ports.def"
};
static const char* const group_symbols[] = {
#define GROUP(sym, label, comment) #sym,
#include "../plugin/ports.def"
};

#define PLUGIN_URI "https://somascape.dev/lv2/somascape"

static int port_index = 0;
static int first_port = 1;

static void
begin_port(FILE* out, const char* types, const char* symbol, const char* name)
{
	fprintf(out,
	        "%s [\n\t\ta %s ;\n\t\tlv2:index %d ;\n\t\tlv2:symbol \"%s\" ;\n"
	        "\t\tlv2:name \"%s\"",
	        first_port ? "\tlv2:port" : " ,", types, port_index++, symbol, name);
	first_port = 0;
}

static void
end_port(FILE* out)
{
	fprintf(out, "\n\t]");
}

/* A literal of the port's type: integer ports take integers. */
static void
value(FILE* out, const char* property, Kind kind, double v)
{
	if (kind == INT || kind == ENUM || kind == TOGGLE) {
		fprintf(out, " ;\n\t\t%s %d", property, (int)v);
	} else {
		fprintf(out, " ;\n\t\t%s ", property);
		turtle_decimal(out, v);
	}
}

static void
describe_control(FILE* out, const char* symbol, const char* group, Kind kind, const char* unit,
                 const char* comment)
{
	fprintf(out, " ;\n\t\tpg:group <" PLUGIN_URI "#%s>", group);
	if (strcmp(unit, "none") != 0) {
		fprintf(out, " ;\n\t\tunits:unit units:%s", unit);
	}
	switch (kind) {
	case LOG:
		fprintf(out, " ;\n\t\tlv2:portProperty pprops:logarithmic");
		break;
	case INT:
		fprintf(out, " ;\n\t\tlv2:portProperty lv2:integer");
		break;
	case TOGGLE:
		fprintf(out, " ;\n\t\tlv2:portProperty lv2:toggled");
		break;
	case ENUM:
		fprintf(out, " ;\n\t\tlv2:portProperty lv2:integer ,\n\t\t\tlv2:enumeration");
		break;
	default:
		break;
	}
	fprintf(out, " ;\n\t\trdfs:comment \"%s\"", comment);
	int first = 1;
	for (size_t i = 0; i < sizeof(scale_points) / sizeof(scale_points[0]); ++i) {
		if (strcmp(scale_points[i].symbol, symbol) == 0) {
			fprintf(out, "%s [\n\t\t\trdfs:label \"%s\" ;\n\t\t\trdf:value %d\n\t\t]",
			        first ? " ;\n\t\tlv2:scalePoint" : " ,", scale_points[i].label,
			        scale_points[i].value);
			first = 0;
		}
	}
}

static void
write_ports(FILE* out)
{
#define AUDIO_OUT(sym, name, role)                                                \
	begin_port(out, "lv2:AudioPort ,\n\t\t\tlv2:OutputPort", #sym, name);         \
	fprintf(out, " ;\n\t\tpg:group <https://somascape.dev/lv2/somascape#out> ;\n" \
	             "\t\tlv2:designation pg:" #role);                                \
	end_port(out);
#define ATOM_IN(sym, name)                                                           \
	begin_port(out, "lv2:InputPort ,\n\t\t\tatom:AtomPort", #sym, name);             \
	fprintf(out, " ;\n\t\tatom:bufferType atom:Sequence ;\n"                         \
	             "\t\tatom:supports time:Position ,\n\t\t\tmidi:MidiEvent ,\n"       \
	             "\t\t\tpatch:Message ;\n\t\tlv2:designation lv2:control ;\n"        \
	             "\t\trdfs:comment \"Host time, MIDI cues and parameter changes\""); \
	end_port(out);
#define ATOM_OUT(sym, name)                                                            \
	begin_port(out, "lv2:OutputPort ,\n\t\t\tatom:AtomPort", #sym, name);              \
	fprintf(out, " ;\n\t\tatom:bufferType atom:Sequence ;\n"                           \
	             "\t\tatom:supports patch:Message ;\n"                                 \
	             "\t\tlv2:designation lv2:control ;\n"                                 \
	             "\t\trdfs:comment \"Parameter values, for the host and its state\""); \
	end_port(out);
#define MIDI_OUT(sym, name)                                                                       \
	begin_port(out, "lv2:OutputPort ,\n\t\t\tatom:AtomPort", #sym, name);                         \
	fprintf(out, " ;\n\t\tatom:bufferType atom:Sequence ;\n"                                      \
	             "\t\tatom:supports midi:MidiEvent ;\n"                                           \
	             "\t\trdfs:comment \"Each cue tap as a MIDI note, for light bars and pulsers\""); \
	end_port(out);
#define CONTROL_IN(sym, name, group, kind, min, def, max, unit, comment)             \
	begin_port(out, "lv2:InputPort ,\n\t\t\tlv2:ControlPort", #sym, name);           \
	value(out, "lv2:default", kind, def);                                            \
	value(out, "lv2:minimum", kind, min);                                            \
	value(out, "lv2:maximum", kind, max);                                            \
	describe_control(out, #sym, group_symbols[GROUP_##group], kind, #unit, comment); \
	end_port(out);
#define CONTROL_OUT(sym, name, group, kind, min, max, unit, comment)                 \
	begin_port(out, "lv2:OutputPort ,\n\t\t\tlv2:ControlPort", #sym, name);          \
	value(out, "lv2:minimum", kind, min);                                            \
	value(out, "lv2:maximum", kind, max);                                            \
	describe_control(out, #sym, group_symbols[GROUP_##group], kind, #unit, comment); \
	end_port(out);
#include "../plugin/ports.def"
	fprintf(out, " .\n");
}

/* The groups the controls name (pg:group): a host shows them as headings. */
static void
write_groups(FILE* out)
{
#define GROUP(sym, label, comment)                                             \
	fprintf(out, "\n<" PLUGIN_URI "#" #sym ">\n\ta pg:Group ;\n"               \
	             "\tlv2:symbol \"" #sym "\" ;\n\trdfs:label \"" label "\" ;\n" \
	             "\trdfs:comment \"" comment "\" .\n");
#include "../plugin/ports.def"
}

int
main(int argc, char** argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: ttlgen HEAD OUTPUT\n");
		return 2;
	}
	FILE* out = fopen(argv[2], "wb");
	if (!out) {
		fprintf(stderr, "ttlgen: cannot write %s\n", argv[2]);
		return 1;
	}
	const int copied = turtle_copy_file("ttlgen", argv[1], out);
	write_ports(out);
	write_groups(out);
	if (!turtle_finish("ttlgen", out, argv[2]) || !copied) {
		remove(argv[2]);
		return 1;
	}
	return 0;
}
