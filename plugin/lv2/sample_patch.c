/* SPDX-License-Identifier: ISC */
#include "sample_patch.h"

#include <lv2/atom/util.h>
#include <lv2/patch/patch.h>

#include <string.h>

void
sample_patch_init(SamplePatch* patch, LV2_URID_Map* map)
{
	SamplePatchURIs* u = &patch->uris;
	u->atom_Blank = map->map(map->handle, LV2_ATOM__Blank);
	u->atom_Object = map->map(map->handle, LV2_ATOM__Object);
	u->atom_Path = map->map(map->handle, LV2_ATOM__Path);
	u->atom_URID = map->map(map->handle, LV2_ATOM__URID);
	u->patch_Get = map->map(map->handle, LV2_PATCH__Get);
	u->patch_Set = map->map(map->handle, LV2_PATCH__Set);
	u->patch_property = map->map(map->handle, LV2_PATCH__property);
	u->patch_value = map->map(map->handle, LV2_PATCH__value);
	u->cue_sample = map->map(map->handle, SOMASCAPE_CUE_SAMPLE_URI);
	lv2_atom_forge_init(&patch->forge, map);
	patch->writing = false;
}

static bool
is_property(const SamplePatch* patch, const LV2_Atom* property)
{
	return property && property->type == patch->uris.atom_URID &&
	       property->size >= sizeof(LV2_URID) &&
	       ((const LV2_Atom_URID*)property)->body == patch->uris.cue_sample;
}

SamplePatchRequest
sample_patch_read(const SamplePatch* patch, const LV2_Atom* event, const char** path,
                  uint32_t* size)
{
	const SamplePatchURIs* u = &patch->uris;
	if ((event->type != u->atom_Object && event->type != u->atom_Blank) ||
	    event->size < sizeof(LV2_Atom_Object_Body)) {
		return SAMPLE_PATCH_NONE;
	}
	const LV2_Atom_Object* obj = (const LV2_Atom_Object*)event;
	const LV2_Atom* property = NULL;
	const LV2_Atom* value = NULL;
	if (obj->body.otype == u->patch_Get) {
		lv2_atom_object_get(obj, u->patch_property, &property, 0);
		/* no property asks for every parameter: the cue sample is ours */
		return !property || is_property(patch, property) ? SAMPLE_PATCH_GET : SAMPLE_PATCH_NONE;
	}
	if (obj->body.otype != u->patch_Set) {
		return SAMPLE_PATCH_NONE;
	}
	lv2_atom_object_get(obj, u->patch_property, &property, u->patch_value, &value, 0);
	if (!is_property(patch, property) || !value || value->type != u->atom_Path || value->size < 2 ||
	    value->size > SAMPLE_PATH_MAX) {
		return SAMPLE_PATCH_NONE;
	}
	const char* text = (const char*)LV2_ATOM_BODY_CONST(value);
	if (text[value->size - 1] != '\0' || strlen(text) + 1 != value->size) {
		return SAMPLE_PATCH_NONE; /* not one NUL-terminated string */
	}
	*path = text;
	*size = value->size;
	return SAMPLE_PATCH_SET;
}

void
sample_patch_begin(SamplePatch* patch, LV2_Atom_Sequence* notify)
{
	patch->writing = false;
	if (!notify) {
		return;
	}
	/* the host says how much room there is in atom.size */
	const uint32_t capacity = notify->atom.size + (uint32_t)sizeof(LV2_Atom);
	if (notify->atom.size < sizeof(LV2_Atom_Sequence_Body)) {
		return;
	}
	lv2_atom_forge_set_buffer(&patch->forge, (uint8_t*)notify, capacity);
	patch->writing = lv2_atom_forge_sequence_head(&patch->forge, &patch->sequence, 0) != 0;
}

bool
sample_patch_report(SamplePatch* patch, int64_t frame, const char* path)
{
	if (!patch->writing) {
		return false;
	}
	const SamplePatchURIs* u = &patch->uris;
	const uint32_t length = (uint32_t)strlen(path);
	/* the whole event fits, or nothing of it is written */
	const uint32_t object =
	    (uint32_t)(sizeof(LV2_Atom_Object) + sizeof(LV2_Atom_Property_Body) + 8u +
	               sizeof(LV2_Atom_Property_Body) + lv2_atom_pad_size(length + 1u));
	const uint32_t need = (uint32_t)sizeof(int64_t) + object; /* the event's time, then it */
	if (patch->forge.offset + need > patch->forge.size) {
		return false;
	}
	LV2_Atom_Forge* forge = &patch->forge;
	LV2_Atom_Forge_Frame set;
	lv2_atom_forge_frame_time(forge, frame);
	lv2_atom_forge_object(forge, &set, 0, u->patch_Set);
	lv2_atom_forge_key(forge, u->patch_property);
	lv2_atom_forge_urid(forge, u->cue_sample);
	lv2_atom_forge_key(forge, u->patch_value);
	lv2_atom_forge_path(forge, path, length);
	lv2_atom_forge_pop(forge, &set);
	return true;
}

void
sample_patch_end(SamplePatch* patch)
{
	if (patch->writing) {
		lv2_atom_forge_pop(&patch->forge, &patch->sequence);
		patch->writing = false;
	}
}
