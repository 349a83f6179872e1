/* SPDX-License-Identifier: ISC */
#include "ui_link.h"

#include "motion_snapshot.h"

#include <lv2/atom/util.h>

#include <string.h>

void
ui_link_init(UiLink* link, LV2_URID_Map* map, double rate)
{
	memset(link, 0, sizeof(*link));
	link->ui_on = map->map(map->handle, SOMASCAPE_UI_ON_URI);
	link->ui_off = map->map(map->handle, SOMASCAPE_UI_OFF_URI);
	link->motion = map->map(map->handle, SOMASCAPE_MOTION_URI);
	link->snapshot = map->map(map->handle, SOMASCAPE_SNAPSHOT_URI);
	link->atom_Object = map->map(map->handle, LV2_ATOM__Object);
	link->atom_Blank = map->map(map->handle, LV2_ATOM__Blank);
	link->interval = (uint32_t)(rate / MOTION_SNAPSHOTS_PER_S);
	link->last_frame = -1;
}

bool
ui_link_read(UiLink* link, const LV2_Atom* event)
{
	if ((event->type != link->atom_Object && event->type != link->atom_Blank) ||
	    event->size < sizeof(LV2_Atom_Object_Body)) {
		return false;
	}
	const LV2_URID otype = ((const LV2_Atom_Object*)event)->body.otype;
	if (otype != link->ui_on && otype != link->ui_off) {
		return false;
	}
	link->on = otype == link->ui_on;
	link->since = link->interval; /* the first snapshot goes out at once */
	link->last_frame = -1;        /* and says the clock moves */
	return true;
}

void
ui_link_report(UiLink* link, LV2_Atom_Forge* forge, const Player* player, uint32_t n, int64_t at)
{
	const Engine* e = &player->engine;
	const bool advancing = e->frame != link->last_frame;
	link->last_frame = e->frame;
	link->since += n;
	if (link->since < link->interval) {
		return;
	}
	MotionSnapshot snap;
	memset(&snap, 0, sizeof(snap)); /* no stray padding bytes go out */
	snap.size = sizeof(snap);
	snap.advancing = advancing;
	snap.frame = e->frame;
	snap.rate = e->rate;
	snap.gaze = e->gaze;
	snap.breath = e->breath;

	/* the whole event fits, or nothing of it is written (the next block
	 * tries again) */
	const uint32_t need =
	    (uint32_t)(sizeof(int64_t) + sizeof(LV2_Atom_Object) + sizeof(LV2_Atom_Property_Body) +
	               lv2_atom_pad_size(sizeof(snap)));
	if (forge->offset + need > forge->size) {
		return;
	}
	LV2_Atom_Forge_Frame frame;
	lv2_atom_forge_frame_time(forge, at);
	lv2_atom_forge_object(forge, &frame, 0, link->motion);
	lv2_atom_forge_key(forge, link->snapshot);
	lv2_atom_forge_atom(forge, sizeof(snap), forge->Chunk);
	lv2_atom_forge_write(forge, &snap, sizeof(snap));
	lv2_atom_forge_pop(forge, &frame);
	link->since = 0;
}
