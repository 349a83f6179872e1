/* SPDX-License-Identifier: ISC */
#include "midi_map.h"

#include <math.h>

static const uint8_t tap_notes[3] = {TAP_NOTE_LEFT, TAP_NOTE_CENTRE, TAP_NOTE_RIGHT};

MidiCue
midi_cue_read(const uint8_t* msg, uint32_t size, bool follow)
{
	const MidiCue none = {MIDI_CUE_NONE, 0.0f};
	/* a channel message needs its status byte and two data bytes */
	if (size < 3 || msg[0] < 0x80 || msg[0] >= 0xF0 || msg[1] >= 0x80 || msg[2] >= 0x80) {
		return none;
	}
	const uint8_t kind = msg[0] & 0xF0;
	if (kind == 0x90 && msg[2] > 0) {
		if (!follow) {
			return (MidiCue){MIDI_CUE_SET, 0.0f};
		}
		const float target = msg[1] < MIDI_MIDDLE_C ? -1.0f : msg[1] > MIDI_MIDDLE_C ? 1.0f : 0.0f;
		return (MidiCue){MIDI_CUE_LOOK, target};
	}
	if (kind == 0xB0 && msg[1] == 64 && msg[2] >= 64) {
		return (MidiCue){follow ? MIDI_CUE_OTHER_SIDE : MIDI_CUE_SET, 0.0f};
	}
	return none;
}

void
tap_notes_init(TapNotes* t, double rate)
{
	*t = (TapNotes){.length = (uint32_t)ceil(TAP_NOTE_S * rate)};
}

static uint32_t
emit(MidiOut* out, uint32_t count, uint32_t max, uint32_t frame, uint8_t status, int note)
{
	if (count < max) {
		out[count] =
		    (MidiOut){frame, {status, tap_notes[note], status == 0x90 ? TAP_NOTE_VELOCITY : 0}};
		++count;
	}
	return count;
}

/* The note that ends first among those on, or -1. */
static int
first_off(const TapNotes* t)
{
	int first = -1;
	for (int k = 0; k < 3; ++k) {
		if (t->on[k] && (first < 0 || t->off_in[k] < t->off_in[first])) {
			first = k;
		}
	}
	return first;
}

uint32_t
tap_notes_block(TapNotes* t, const Tap* taps, uint32_t tap_count, uint32_t n, MidiOut* out,
                uint32_t max)
{
	uint32_t count = 0, next_tap = 0;
	for (;;) {
		const int off = first_off(t);
		const bool off_due = off >= 0 && t->off_in[off] < n;
		const bool tap_due = next_tap < tap_count && taps[next_tap].frame < n;
		if (off_due && (!tap_due || t->off_in[off] <= taps[next_tap].frame)) {
			count = emit(out, count, max, t->off_in[off], 0x80, off);
			t->on[off] = false;
		} else if (tap_due) {
			const Tap* tap = &taps[next_tap++];
			const uint32_t at = (uint32_t)tap->frame; /* in the block: under n */
			const int note = tap->side < 0 ? 0 : tap->side > 0 ? 2 : 1;
			if (t->on[note]) { /* struck again while on: end it first */
				count = emit(out, count, max, at, 0x80, note);
			}
			count = emit(out, count, max, at, 0x90, note);
			t->on[note] = true;
			t->off_in[note] = at + t->length;
		} else {
			break;
		}
	}
	for (int k = 0; k < 3; ++k) {
		t->off_in[k] = t->on[k] ? t->off_in[k] - n : 0;
	}
	return count;
}
