/* SPDX-License-Identifier: ISC */
#include "time_position.h"

#include <lv2/atom/util.h>

#include <math.h>

/* A finite number of any of the atom number types. */
static bool
read_number(const SomascapeURIs* u, const LV2_Atom* a, double* out)
{
	if (!a) {
		return false;
	}
	if (a->type == u->atom_Float && a->size >= sizeof(float)) {
		*out = ((const LV2_Atom_Float*)a)->body;
	} else if (a->type == u->atom_Double && a->size >= sizeof(double)) {
		*out = ((const LV2_Atom_Double*)a)->body;
	} else if (a->type == u->atom_Int && a->size >= sizeof(int32_t)) {
		*out = ((const LV2_Atom_Int*)a)->body;
	} else if (a->type == u->atom_Long && a->size >= sizeof(int64_t)) {
		*out = (double)((const LV2_Atom_Long*)a)->body;
	} else {
		return false;
	}
	return isfinite(*out);
}

bool
time_position_read(const SomascapeURIs* u, const LV2_Atom_Object* obj, double rate,
                   HostPosition* pos)
{
	if ((obj->atom.type != u->atom_Blank && obj->atom.type != u->atom_Object) ||
	    obj->atom.size < sizeof(LV2_Atom_Object_Body) || obj->body.otype != u->time_Position) {
		return false;
	}
	const LV2_Atom *frame = NULL, *speed = NULL, *bpm = NULL, *bar = NULL, *bar_beat = NULL,
	               *beats_per_bar = NULL;
	lv2_atom_object_get(obj, u->time_frame, &frame, u->time_speed, &speed, u->time_beatsPerMinute,
	                    &bpm, u->time_bar, &bar, u->time_barBeat, &bar_beat, u->time_beatsPerBar,
	                    &beats_per_bar, 0);
	*pos = (HostPosition){0};
	double x, y, z;
	if (read_number(u, frame, &x) && x >= 0.0) {
		const double most = TIME_POSITION_MAX_S * rate;
		pos->has_frame = true;
		pos->frame = (int64_t)(x < most ? x : most);
	}
	if (read_number(u, speed, &x) && fabs(x) < 1e6) {
		pos->has_speed = true;
		pos->speed = x;
	}
	if (read_number(u, bpm, &x) && x >= 1.0 && x <= 999.0) {
		pos->has_bpm = true;
		pos->bpm = x;
	}
	/* time:beatUnit only names the note value of a beat: beats count the
	 * same whatever it is, so it is not read */
	if (read_number(u, bar, &x) && read_number(u, beats_per_bar, &y) &&
	    read_number(u, bar_beat, &z) && x >= 0.0 && x < 1e9 && y > 0.0 && y <= 256.0 && z >= 0.0 &&
	    z <= y) {
		pos->has_beats = true;
		pos->beats = x * y + z;
	}
	return true;
}
