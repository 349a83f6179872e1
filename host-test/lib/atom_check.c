/* SPDX-License-Identifier: ISC */
#include "atom_check.h"

#include <lv2/atom/util.h>

#include <stdio.h>

static bool
check_midi(const uint8_t* m, uint32_t size, char* err, size_t err_size)
{
	if (size < 1 || size > 3 || m[0] < 0x80 || m[0] >= 0xF0) {
		snprintf(err, err_size, "a MIDI event of %u bytes, status 0x%02x", size, size ? m[0] : 0);
		return false;
	}
	for (uint32_t i = 1; i < size; ++i) {
		if (m[i] & 0x80) {
			snprintf(err, err_size, "a MIDI data byte 0x%02x", m[i]);
			return false;
		}
	}
	return true;
}

bool
atom_check_output(const LV2_Atom_Sequence* seq, uint32_t capacity, uint32_t n,
                  const AtomCheckURIs* uris, char* err, size_t err_size)
{
	if (capacity < sizeof(LV2_Atom_Sequence_Body)) {
		return true; /* no room for a sequence's header: nothing can be written */
	}
	if (seq->atom.type != uris->sequence) {
		snprintf(err, err_size,
		         "its type is URID %u, not atom:Sequence (%u): hosts read it as empty",
		         seq->atom.type, uris->sequence);
		return false;
	}
	if (seq->atom.size < sizeof(LV2_Atom_Sequence_Body) || seq->atom.size > capacity) {
		snprintf(err, err_size, "its size is %u bytes, outside [%u, %u]", seq->atom.size,
		         (unsigned)sizeof(LV2_Atom_Sequence_Body), capacity);
		return false;
	}
	if (seq->body.unit != 0) {
		snprintf(err, err_size, "its time unit is URID %u, not frames", seq->body.unit);
		return false;
	}
	const uint8_t* end = (const uint8_t*)&seq->body + seq->atom.size;
	const int64_t last_frame = n ? (int64_t)n - 1 : 0;
	int64_t last = 0;
	LV2_ATOM_SEQUENCE_FOREACH(seq, ev)
	{
		if ((const uint8_t*)(ev + 1) > end || (const uint8_t*)(ev + 1) + ev->body.size > end) {
			snprintf(err, err_size, "an event of %u bytes runs past the sequence", ev->body.size);
			return false;
		}
		if (ev->time.frames < last || ev->time.frames > last_frame) {
			snprintf(err, err_size, "an event at frame %lld (block of %u, previous at %lld)",
			         (long long)ev->time.frames, n, (long long)last);
			return false;
		}
		last = ev->time.frames;
		if (ev->body.type == uris->midi &&
		    !check_midi((const uint8_t*)(ev + 1), ev->body.size, err, err_size)) {
			return false;
		}
	}
	return true;
}
