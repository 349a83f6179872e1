/* SPDX-License-Identifier: ISC */
#include "host_patch.h"

#include <lv2/atom/forge.h>
#include <lv2/atom/util.h>
#include <lv2/patch/patch.h>

#include <stdlib.h>
#include <string.h>

static bool
send(Host* host, uint32_t frame, LV2_Atom_Forge* forge)
{
	const LV2_Atom* atom = (const LV2_Atom*)forge->buf;
	return forge->offset > 0 && host_send_event(host, frame, atom->type, atom->size, atom + 1);
}

bool
host_patch_set_path(Host* host, uint32_t frame, const char* property_uri, const char* path)
{
	const size_t length = strlen(path);
	const size_t capacity = length + 256;
	uint8_t* buffer = (uint8_t*)malloc(capacity);
	if (!buffer) {
		return false;
	}
	LV2_Atom_Forge forge;
	lv2_atom_forge_init(&forge, host_urid_map(host));
	lv2_atom_forge_set_buffer(&forge, buffer, capacity);
	LV2_Atom_Forge_Frame object;
	lv2_atom_forge_object(&forge, &object, 0, host_map(host, LV2_PATCH__Set));
	lv2_atom_forge_key(&forge, host_map(host, LV2_PATCH__property));
	lv2_atom_forge_urid(&forge, host_map(host, property_uri));
	lv2_atom_forge_key(&forge, host_map(host, LV2_PATCH__value));
	lv2_atom_forge_path(&forge, path, (uint32_t)length);
	lv2_atom_forge_pop(&forge, &object);
	const bool ok = send(host, frame, &forge);
	free(buffer);
	return ok;
}

bool
host_patch_get(Host* host, uint32_t frame, const char* property_uri)
{
	uint8_t buffer[256];
	LV2_Atom_Forge forge;
	lv2_atom_forge_init(&forge, host_urid_map(host));
	lv2_atom_forge_set_buffer(&forge, buffer, sizeof(buffer));
	LV2_Atom_Forge_Frame object;
	lv2_atom_forge_object(&forge, &object, 0, host_map(host, LV2_PATCH__Get));
	if (property_uri) {
		lv2_atom_forge_key(&forge, host_map(host, LV2_PATCH__property));
		lv2_atom_forge_urid(&forge, host_map(host, property_uri));
	}
	lv2_atom_forge_pop(&forge, &object);
	return send(host, frame, &forge);
}

bool
host_patch_reported_path(Host* host, const char* symbol, const char* property_uri, char* path,
                         size_t size)
{
	const LV2_Atom_Sequence* seq = host_output_events(host, symbol);
	if (!seq || seq->atom.type != host_map(host, LV2_ATOM__Sequence)) {
		return false;
	}
	const LV2_URID object_type = host_map(host, LV2_ATOM__Object);
	const LV2_URID set = host_map(host, LV2_PATCH__Set);
	const LV2_URID property_key = host_map(host, LV2_PATCH__property);
	const LV2_URID value_key = host_map(host, LV2_PATCH__value);
	const LV2_URID urid_type = host_map(host, LV2_ATOM__URID);
	const LV2_URID path_type = host_map(host, LV2_ATOM__Path);
	const LV2_URID property = host_map(host, property_uri);
	bool found = false;
	LV2_ATOM_SEQUENCE_FOREACH(seq, ev)
	{
		const LV2_Atom_Object* obj = (const LV2_Atom_Object*)&ev->body;
		if (obj->atom.type != object_type || obj->body.otype != set) {
			continue;
		}
		const LV2_Atom* key = NULL;
		const LV2_Atom* value = NULL;
		lv2_atom_object_get(obj, property_key, &key, value_key, &value, 0);
		if (key && key->type == urid_type && ((const LV2_Atom_URID*)key)->body == property &&
		    value && value->type == path_type && value->size >= 1 && value->size <= size) {
			memcpy(path, LV2_ATOM_BODY_CONST(value), value->size);
			path[value->size - 1] = '\0';
			found = true;
		}
	}
	return found;
}
