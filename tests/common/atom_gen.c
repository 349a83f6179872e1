/* SPDX-License-Identifier: ISC */
#include "atom_gen.h"

#include <lv2/midi/midi.h>
#include <lv2/patch/patch.h>
#include <lv2/time/time.h>

#include <float.h>
#include <limits.h>
#include <math.h>

void
gen_uris_map(GenURIs* u, LV2_URID_Map* map)
{
#define MAP(field, uri) u->field = map->map(map->handle, uri)
	MAP(atom_Blank, LV2_ATOM__Blank);
	MAP(atom_Object, LV2_ATOM__Object);
	MAP(atom_Float, LV2_ATOM__Float);
	MAP(atom_Double, LV2_ATOM__Double);
	MAP(atom_Int, LV2_ATOM__Int);
	MAP(atom_Long, LV2_ATOM__Long);
	MAP(atom_Bool, LV2_ATOM__Bool);
	MAP(atom_URID, LV2_ATOM__URID);
	MAP(atom_String, LV2_ATOM__String);
	MAP(atom_Path, LV2_ATOM__Path);
	MAP(atom_URI, LV2_ATOM__URI);
	MAP(atom_Chunk, LV2_ATOM__Chunk);
	MAP(atom_Tuple, LV2_ATOM__Tuple);
	MAP(atom_Vector, LV2_ATOM__Vector);
	MAP(atom_Sequence, LV2_ATOM__Sequence);
	MAP(atom_Literal, LV2_ATOM__Literal);
	MAP(midi_MidiEvent, LV2_MIDI__MidiEvent);
	MAP(time_Position, LV2_TIME__Position);
	MAP(time_frame, LV2_TIME__frame);
	MAP(time_framesPerSecond, LV2_TIME__framesPerSecond);
	MAP(time_speed, LV2_TIME__speed);
	MAP(time_bar, LV2_TIME__bar);
	MAP(time_barBeat, LV2_TIME__barBeat);
	MAP(time_beat, LV2_TIME__beat);
	MAP(time_beatUnit, LV2_TIME__beatUnit);
	MAP(time_beatsPerBar, LV2_TIME__beatsPerBar);
	MAP(time_beatsPerMinute, LV2_TIME__beatsPerMinute);
	MAP(patch_Set, LV2_PATCH__Set);
	MAP(patch_Get, LV2_PATCH__Get);
	MAP(patch_Put, LV2_PATCH__Put);
	MAP(patch_Patch, LV2_PATCH__Patch);
	MAP(patch_property, LV2_PATCH__property);
	MAP(patch_value, LV2_PATCH__value);
	MAP(patch_subject, LV2_PATCH__subject);
	MAP(patch_body, LV2_PATCH__body);
	MAP(patch_sequenceNumber, LV2_PATCH__sequenceNumber);
	MAP(patch_add, LV2_PATCH__add);
	MAP(patch_remove, LV2_PATCH__remove);
	MAP(cue_sample, SOMASCAPE_CUE_SAMPLE_URI);
	MAP(plugin, "https://somascape.dev/lv2/somascape");
#undef MAP
}

float
gen_float(ByteSource* src)
{
	static const float edges[] = {
	    0.0f,    -0.0f,    NAN,     -NAN,     INFINITY, -INFINITY, FLT_MAX, -FLT_MAX,
	    FLT_MIN, 1e-40f,   -1e-40f, 1e30f,    -1e30f,   -1.0f,     1.0f,    0.5f,
	    120.0f,  60.0f,    4.0f,    3.0f,     1e6f,     -1e6f,     999.0f,  1000.0f,
	    0.999f,  48000.0f, 1e-7f,   65536.0f, 2.0f,     -2.0f,     32.0f,   0.25f,
	};
	const uint8_t how = src_u8(src);
	if (how < 128) {
		return edges[how % (sizeof(edges) / sizeof(edges[0]))];
	}
	if (how < 200) { /* an ordinary value */
		return (float)((src_unit(src) - 0.25) * 400.0);
	}
	const uint32_t bits = src_u32(src);
	float f;
	memcpy(&f, &bits, sizeof(f));
	return f;
}

double
gen_double(ByteSource* src)
{
	const uint8_t how = src_u8(src);
	if (how < 32) {
		const uint64_t bits = src_u64(src);
		double d;
		memcpy(&d, &bits, sizeof(d));
		return d;
	}
	if (how < 48) {
		static const double edges[] = {DBL_MAX, -DBL_MAX, DBL_MIN, 1e-310,
		                               9.2e18,  -9.2e18,  1e300,   4.9e-324};
		return edges[how % 8];
	}
	return (double)gen_float(src);
}

static int64_t
gen_long(ByteSource* src)
{
	static const int64_t edges[] = {0,
	                                -1,
	                                1,
	                                INT64_MIN,
	                                INT64_MAX,
	                                INT32_MIN,
	                                INT32_MAX,
	                                (int64_t)1 << 53,
	                                -((int64_t)1 << 40),
	                                48000,
	                                4,
	                                3};
	const uint8_t how = src_u8(src);
	if (how < 96) {
		return edges[how % (sizeof(edges) / sizeof(edges[0]))];
	}
	if (how < 192) {
		return (int64_t)src_below(src, 100000) - 1000;
	}
	return (int64_t)src_u64(src);
}

static const char* const paths[] = {
    "",
    "/",
    "/nonexistent/file.wav",
    "/dev/null",
    "/dev/zero",
    "/etc/passwd",
    "/proc/self/mem",
    "relative/path.flac",
    "../../../../../../tmp/x.ogg",
    "file:///tmp/x.wav",
    "/tmp/\xff\xfe invalid utf-8.wav",
    "/tmp/a\nb.wav",
};

/* A string atom (String, Path or URI), sometimes very long. */
static LV2_Atom_Forge_Ref
gen_string(LV2_Atom_Forge* forge, ByteSource* src, LV2_URID type, int malformed)
{
	char text[600];
	uint32_t len;
	const uint8_t how = src_u8(src);
	if (how < 128) {
		const char* p = paths[how % (sizeof(paths) / sizeof(paths[0]))];
		len = (uint32_t)strlen(p);
		memcpy(text, p, len);
	} else {
		len = how < 240 ? src_below(src, 64) : 64u + src_below(src, sizeof(text) - 65);
		for (uint32_t i = 0; i < len; ++i) {
			text[i] = (char)(src_u8(src) | 1u); /* never NUL */
		}
	}
	text[len] = '\0';
	if (malformed && src_chance(src, 0.3)) { /* no terminating NUL */
		LV2_Atom_Forge_Ref ref = lv2_atom_forge_atom(forge, len, type);
		if (ref) {
			lv2_atom_forge_raw(forge, text, len);
			lv2_atom_forge_pad(forge, len);
		}
		return ref;
	}
	LV2_Atom_Forge_Ref ref = lv2_atom_forge_atom(forge, len + 1, type);
	if (ref) {
		lv2_atom_forge_string_body(forge, text, len);
	}
	return ref;
}

static LV2_Atom_Forge_Ref gen_value(LV2_Atom_Forge* forge, ByteSource* src, const GenURIs* u,
                                    LV2_URID expected, int depth, int malformed);

/* A primitive with a wrong size: shorter or longer than its type says. */
static LV2_Atom_Forge_Ref
gen_wrong_size(LV2_Atom_Forge* forge, ByteSource* src, LV2_URID type)
{
	static const uint32_t sizes[] = {0, 1, 2, 3, 5, 6, 7, 9, 12, 16};
	const uint32_t size = sizes[src_below(src, sizeof(sizes) / sizeof(sizes[0]))];
	LV2_Atom_Forge_Ref ref = lv2_atom_forge_atom(forge, size, type);
	if (ref) {
		uint8_t body[16];
		for (uint32_t i = 0; i < size; ++i) {
			body[i] = src_u8(src);
		}
		lv2_atom_forge_raw(forge, body, size);
		lv2_atom_forge_pad(forge, size);
	}
	return ref;
}

static LV2_URID
gen_key(ByteSource* src, const GenURIs* u)
{
	const LV2_URID keys[] = {
	    u->time_frame,
	    u->time_framesPerSecond,
	    u->time_speed,
	    u->time_bar,
	    u->time_barBeat,
	    u->time_beat,
	    u->time_beatUnit,
	    u->time_beatsPerBar,
	    u->time_beatsPerMinute,
	    u->patch_property,
	    u->patch_value,
	    u->patch_subject,
	    u->patch_body,
	    u->patch_sequenceNumber,
	    u->cue_sample,
	    u->plugin,
	    0,
	    UINT32_MAX,
	};
	const uint8_t how = src_u8(src);
	if (how < 224) {
		return keys[how % (sizeof(keys) / sizeof(keys[0]))];
	}
	return src_below(src, 200); /* any URID, mapped or not */
}

static LV2_Atom_Forge_Ref
gen_object(LV2_Atom_Forge* forge, ByteSource* src, const GenURIs* u, LV2_URID otype, int depth,
           int malformed)
{
	LV2_Atom_Forge_Frame frame;
	const LV2_URID id = src_chance(src, 0.8) ? 0 : src_below(src, 200);
	LV2_Atom_Forge_Ref ref = lv2_atom_forge_object(forge, &frame, id, otype);
	if (!ref) {
		return 0;
	}
	if (src_chance(src, 0.5)) { /* the old Blank type some hosts still send */
		lv2_atom_forge_deref(forge, ref)->type = u->atom_Blank;
	}
	const uint32_t n = src_below(src, depth > 1 ? 4 : 12);
	for (uint32_t i = 0; i < n && !src_exhausted(src); ++i) {
		if (!lv2_atom_forge_key(forge, gen_key(src, u)) ||
		    !gen_value(forge, src, u, 0, depth + 1, malformed)) {
			break;
		}
	}
	lv2_atom_forge_pop(forge, &frame);
	return ref;
}

/* A value: usually of the type `expected` (0: any type), sometimes not. */
static LV2_Atom_Forge_Ref
gen_value(LV2_Atom_Forge* forge, ByteSource* src, const GenURIs* u, LV2_URID expected, int depth,
          int malformed)
{
	LV2_URID type = expected;
	if (!type || src_chance(src, 0.35)) {
		const LV2_URID types[] = {u->atom_Float,  u->atom_Double, u->atom_Int,    u->atom_Long,
		                          u->atom_Bool,   u->atom_URID,   u->atom_String, u->atom_Path,
		                          u->atom_URI,    u->atom_Chunk,  u->atom_Tuple,  u->atom_Vector,
		                          u->atom_Object, u->atom_Literal};
		type = types[src_below(src, sizeof(types) / sizeof(types[0]))];
	}
	if (malformed && src_chance(src, 0.1)) {
		return gen_wrong_size(forge, src, type);
	}
	if (type == u->atom_Float) {
		return lv2_atom_forge_float(forge, gen_float(src));
	} else if (type == u->atom_Double) {
		return lv2_atom_forge_double(forge, gen_double(src));
	} else if (type == u->atom_Int) {
		return lv2_atom_forge_int(forge, (int32_t)gen_long(src));
	} else if (type == u->atom_Long) {
		return lv2_atom_forge_long(forge, gen_long(src));
	} else if (type == u->atom_Bool) {
		return lv2_atom_forge_bool(forge, src_chance(src, 0.5));
	} else if (type == u->atom_URID) {
		const LV2_URID v[] = {u->cue_sample, u->plugin, u->time_Position, 0, UINT32_MAX};
		return lv2_atom_forge_urid(forge, src_chance(src, 0.7) ? v[src_below(src, 5)]
		                                                       : src_below(src, 200));
	} else if (type == u->atom_String || type == u->atom_Path || type == u->atom_URI ||
	           type == u->atom_Literal) {
		return gen_string(forge, src, type, malformed);
	} else if (type == u->atom_Chunk) {
		const uint32_t size = src_below(src, 40);
		LV2_Atom_Forge_Ref ref = lv2_atom_forge_atom(forge, size, u->atom_Chunk);
		for (uint32_t i = 0; ref && i < size; ++i) {
			const uint8_t b = src_u8(src);
			lv2_atom_forge_raw(forge, &b, 1);
		}
		if (ref) {
			lv2_atom_forge_pad(forge, size);
		}
		return ref;
	} else if (type == u->atom_Vector) {
		float elems[8];
		const uint32_t n = src_below(src, 9);
		for (uint32_t i = 0; i < n; ++i) {
			elems[i] = gen_float(src);
		}
		return lv2_atom_forge_vector(forge, sizeof(float), u->atom_Float, n, elems);
	} else if (type == u->atom_Tuple || depth > 3) {
		LV2_Atom_Forge_Frame frame;
		LV2_Atom_Forge_Ref ref = lv2_atom_forge_tuple(forge, &frame);
		const uint32_t n = depth > 3 ? 0 : src_below(src, 4);
		for (uint32_t i = 0; ref && i < n; ++i) {
			if (!gen_value(forge, src, u, 0, depth + 1, malformed)) {
				break;
			}
		}
		if (ref) {
			lv2_atom_forge_pop(forge, &frame);
		}
		return ref;
	}
	const LV2_URID otypes[] = {u->time_Position, u->patch_Set, u->patch_Get, u->patch_Patch,
	                           src_below(src, 200)};
	return gen_object(forge, src, u, otypes[src_below(src, 5)], depth, malformed);
}

static LV2_Atom_Forge_Ref
gen_position(LV2_Atom_Forge* forge, ByteSource* src, const GenURIs* u, int malformed)
{
	const struct {
		LV2_URID key, type;
	} props[] = {
	    {u->time_frame, u->atom_Long},           {u->time_framesPerSecond, u->atom_Float},
	    {u->time_speed, u->atom_Float},          {u->time_bar, u->atom_Long},
	    {u->time_barBeat, u->atom_Float},        {u->time_beat, u->atom_Double},
	    {u->time_beatUnit, u->atom_Int},         {u->time_beatsPerBar, u->atom_Float},
	    {u->time_beatsPerMinute, u->atom_Float},
	};
	const size_t n_props = sizeof(props) / sizeof(props[0]);
	LV2_Atom_Forge_Frame frame;
	LV2_Atom_Forge_Ref ref = lv2_atom_forge_object(forge, &frame, 0, u->time_Position);
	if (!ref) {
		return 0;
	}
	if (src_chance(src, 0.5)) {
		lv2_atom_forge_deref(forge, ref)->type = u->atom_Blank;
	}
	/* each property present or missing, in order or shuffled, maybe twice */
	const int shuffled = src_chance(src, 0.2);
	for (size_t i = 0; i < n_props + 2; ++i) {
		const size_t k = shuffled ? src_below(src, (uint32_t)n_props) : i % n_props;
		if (i >= n_props && !shuffled && !src_chance(src, 0.1)) {
			continue; /* a repeated property now and then */
		}
		if (src_chance(src, 0.2)) {
			continue; /* missing */
		}
		if (!lv2_atom_forge_key(forge, props[k].key) ||
		    !gen_value(forge, src, u, props[k].type, 1, malformed)) {
			break;
		}
	}
	if (src_chance(src, 0.1)) { /* a property the plugin does not know */
		lv2_atom_forge_key(forge, gen_key(src, u));
		gen_value(forge, src, u, 0, 1, malformed);
	}
	lv2_atom_forge_pop(forge, &frame);
	return ref;
}

static LV2_Atom_Forge_Ref
gen_midi(LV2_Atom_Forge* forge, ByteSource* src, const GenURIs* u)
{
	uint8_t msg[64];
	uint32_t len = 0;
	const uint8_t how = src_u8(src);
	const uint8_t channel = src_u8(src) & 0x0F;
	const uint8_t statuses[] = {0x80, 0x90, 0xA0, 0xB0, 0xC0, 0xD0, 0xE0};
	if (how < 96) { /* a complete channel message, any note, velocity, controller */
		const uint8_t status = statuses[src_below(src, 7)] | channel;
		msg[len++] = status;
		msg[len++] = src_u8(src) & 0x7F;
		if ((status & 0xE0) != 0xC0) {
			msg[len++] = src_chance(src, 0.2) ? 0 : (src_u8(src) & 0x7F);
		}
	} else if (how < 128) { /* note on and off of the mapped notes, velocity 0 too */
		msg[len++] = (src_chance(src, 0.5) ? 0x90 : 0x80) | channel;
		msg[len++] = (uint8_t)(36 + src_below(src, 60));
		msg[len++] = src_chance(src, 0.3) ? 0 : (uint8_t)(1 + src_below(src, 127));
	} else if (how < 144) { /* running status: data bytes only */
		len = 1 + src_below(src, 4);
		for (uint32_t i = 0; i < len; ++i) {
			msg[i] = src_u8(src) & 0x7F;
		}
	} else if (how < 160) { /* truncated: a status without its data */
		msg[len++] = statuses[src_below(src, 7)] | channel;
		if (src_chance(src, 0.5)) {
			msg[len++] = src_u8(src) & 0x7F;
		}
	} else if (how < 176) { /* sysex, terminated or not, too long or empty */
		msg[len++] = 0xF0;
		const uint32_t n = src_below(src, 60);
		for (uint32_t i = 0; i < n; ++i) {
			msg[len++] = src_u8(src) & 0x7F;
		}
		if (src_chance(src, 0.5)) {
			msg[len++] = 0xF7;
		}
	} else if (how < 192) { /* system and realtime bytes, alone or inside a message */
		const uint8_t sys[] = {0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8,
		                       0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF};
		msg[len++] = src_chance(src, 0.5) ? (0x90 | channel) : sys[src_below(src, 15)];
		msg[len++] = sys[src_below(src, 15)];
		msg[len++] = src_u8(src);
	} else if (how < 200) { /* empty */
		len = 0;
	} else { /* any bytes, any length up to 64 */
		len = src_below(src, 65);
		for (uint32_t i = 0; i < len; ++i) {
			msg[i] = src_u8(src);
		}
	}
	LV2_Atom_Forge_Ref ref = lv2_atom_forge_atom(forge, len, u->midi_MidiEvent);
	if (ref) {
		lv2_atom_forge_raw(forge, msg, len);
		lv2_atom_forge_pad(forge, len);
	}
	return ref;
}

static LV2_Atom_Forge_Ref
gen_patch(LV2_Atom_Forge* forge, ByteSource* src, const GenURIs* u, int malformed)
{
	const uint8_t how = src_u8(src);
	const LV2_URID otype = how < 150   ? u->patch_Set
	                       : how < 200 ? u->patch_Get
	                       : how < 230 ? u->patch_Put
	                                   : u->patch_Patch;
	LV2_Atom_Forge_Frame frame;
	LV2_Atom_Forge_Ref ref = lv2_atom_forge_object(forge, &frame, 0, otype);
	if (!ref) {
		return 0;
	}
	if (src_chance(src, 0.3)) {
		lv2_atom_forge_deref(forge, ref)->type = u->atom_Blank;
	}
	if (src_chance(src, 0.3)) { /* a subject: the plugin, or something else */
		lv2_atom_forge_key(forge, u->patch_subject);
		if (src_chance(src, 0.5)) {
			lv2_atom_forge_urid(forge, src_chance(src, 0.5) ? u->plugin : src_below(src, 200));
		} else {
			gen_value(forge, src, u, 0, 1, malformed);
		}
	}
	if (src_chance(src, 0.15)) {
		lv2_atom_forge_key(forge, u->patch_sequenceNumber);
		gen_value(forge, src, u, u->atom_Int, 1, malformed);
	}
	if (otype == u->patch_Put || otype == u->patch_Patch) {
		if (src_chance(src, 0.8)) { /* a body of properties, our cue sample among them */
			lv2_atom_forge_key(forge, otype == u->patch_Put ? u->patch_body : u->patch_add);
			LV2_Atom_Forge_Frame body;
			if (lv2_atom_forge_object(forge, &body, 0, 0)) {
				if (src_chance(src, 0.7)) {
					lv2_atom_forge_key(forge, u->cue_sample);
					gen_value(forge, src, u, u->atom_Path, 1, malformed);
				}
				if (src_chance(src, 0.3)) {
					lv2_atom_forge_key(forge, gen_key(src, u));
					gen_value(forge, src, u, 0, 1, malformed);
				}
				lv2_atom_forge_pop(forge, &body);
			}
		}
	} else {
		if (src_chance(src, 0.85)) { /* the property: ours, another, or not a URID */
			lv2_atom_forge_key(forge, u->patch_property);
			const uint8_t which = src_u8(src);
			if (which < 160) {
				lv2_atom_forge_urid(forge, u->cue_sample);
			} else if (which < 208) {
				lv2_atom_forge_urid(forge, src_below(src, 200));
			} else {
				gen_value(forge, src, u, 0, 1, malformed);
			}
		}
		if (otype == u->patch_Set && src_chance(src, 0.85)) { /* the value, of any type */
			lv2_atom_forge_key(forge, u->patch_value);
			gen_value(forge, src, u, u->atom_Path, 1, malformed);
		}
	}
	lv2_atom_forge_pop(forge, &frame);
	return ref;
}

LV2_Atom_Forge_Ref
gen_event(LV2_Atom_Forge* forge, ByteSource* src, const GenURIs* u, GenKind kind, int malformed)
{
	if (kind == GEN_ANY) {
		const uint8_t how = src_u8(src);
		kind = how < 80 ? GEN_POSITION : how < 150 ? GEN_MIDI : how < 220 ? GEN_PATCH : GEN_STRAY;
	}
	switch (kind) {
	case GEN_POSITION:
		return gen_position(forge, src, u, malformed);
	case GEN_MIDI:
		return gen_midi(forge, src, u);
	case GEN_PATCH:
		return gen_patch(forge, src, u, malformed);
	default:
		return gen_value(forge, src, u, 0, 0, malformed);
	}
}
