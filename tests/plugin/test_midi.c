/* SPDX-License-Identifier: ISC */
/* MIDI through lilv: tap notes out on the tap's frame, live cues in on the
 * note's frame, and malformed MIDI ignored. */
#include "host_events.h"
#include "plugin_test.h"

#include <math.h>
#include <string.h>

#define RATE 48000.0
#define MAX_SEEN 4096u

static MidiSeen seen[MAX_SEEN];

/* A MIDI message to send at a session frame. */
typedef struct {
	int64_t frame;
	uint8_t bytes[8];
	uint32_t size;
} MidiIn;

/* Renders `frames` in blocks of `block`, sending `in` (in frame order) on
 * its frames; returns the MIDI out count.  gaze_pos after each block that
 * holds an input goes to pos_after. */
static uint32_t
play(Host* host, size_t frames, uint32_t block, const MidiIn* in, size_t n_in, float* pos_after)
{
	Stereo s = stereo_new(block);
	uint32_t count = 0;
	size_t next = 0;
	for (int64_t at = 0; at < (int64_t)frames; at += block) {
		bool sent = false;
		while (next < n_in && in[next].frame < at + block) {
			send_midi(host, (uint32_t)(in[next].frame - at), in[next].bytes, in[next].size);
			++next;
			sent = true;
		}
		host_run(host, s.left, s.right, block);
		CHECK(stereo_peak(&s) >= 0.0f, "output not finite at %lld", (long long)at);
		count = read_midi_out(host, at, seen, count, MAX_SEEN);
		if (sent && pos_after) {
			CHECK(host_get(host, "gaze_pos", &pos_after[next - 1]), "no gaze_pos");
		}
	}
	stereo_free(&s);
	return count;
}

/* Alternate at 1 Hz: a note on every half second on the frame, right (72)
 * first, each ended 50 ms later, whatever the block size. */
static void
test_tap_notes(void)
{
	static const uint32_t blocks[] = {1, 7, 256, 4096};
	for (size_t b = 0; b < sizeof(blocks) / sizeof(blocks[0]); ++b) {
		Host* host = open_plugin(RATE);
		set_control(host, "gaze_mode", 2);
		const uint32_t count = play(host, (size_t)(10.2 * RATE), blocks[b], NULL, 0, NULL);
		uint32_t ons = 0, offs = 0;
		int64_t worst = 0;
		for (uint32_t i = 0; i < count; ++i) {
			const MidiSeen* m = &seen[i];
			const bool on = m->status == 0x90;
			CHECK(on || m->status == 0x80, "status %02x", m->status);
			const uint32_t k = on ? ons++ : offs++;
			const int64_t expect = (int64_t)k * 24000 + (on ? 0 : 2400);
			const uint8_t note = k % 2 ? 48 : 72;
			worst = llabs(m->frame - expect) > worst ? llabs(m->frame - expect) : worst;
			CHECK(m->note == note, "tap %u: note %u, not %u", k, m->note, note);
			CHECK(!on || m->velocity == 100, "velocity %u", m->velocity);
		}
		printf("block %u: %u tap notes on, %u off, largest timing error %lld frames\n", blocks[b],
		       ons, offs, (long long)worst);
		CHECK(ons == 21 && offs == 21, "%u on, %u off", ons, offs);
		CHECK(worst == 0, "a tap note %lld frames off its tap", (long long)worst);
		host_free(host);
	}
}

/* Follow: notes below, at and above middle C move the gaze on their frame,
 * with a tap there; the sustain pedal goes to the other side. */
static void
test_follow_cues(void)
{
	Host* host = open_plugin(RATE);
	set_control(host, "gaze_mode", 4);
	set_control(host, "gaze_glide", 0);
	set_control(host, "gaze_rate", 0.05f); /* periodic taps every 10 s */
	static const MidiIn in[] = {
	    {(int64_t)(1.5 * RATE) + 13, {0x90, 40, 90}, 3},  /* left */
	    {(int64_t)(2.5 * RATE) + 101, {0x93, 84, 1}, 3},  /* right, channel 4 */
	    {(int64_t)(3.5 * RATE) + 7, {0x90, 60, 64}, 3},   /* centre */
	    {(int64_t)(4.5 * RATE) + 200, {0x90, 59, 64}, 3}, /* left */
	    {(int64_t)(5.5 * RATE) + 31, {0xB0, 64, 127}, 3}, /* pedal: other side */
	};
	static const float expect_pos[] = {-1, 1, 0, -1, 1};
	static const uint8_t expect_note[] = {48, 72, 60, 48, 72};
	float pos[5];
	const uint32_t count = play(host, (size_t)(6 * RATE), 256, in, 5, pos);
	uint32_t k = 0;
	for (uint32_t i = 0; i < count; ++i) {
		if (seen[i].status != 0x90 || seen[i].frame < (int64_t)RATE) {
			continue; /* the periodic tap at the start */
		}
		CHECK(k < 5, "an extra tap at %lld", (long long)seen[i].frame);
		CHECK(seen[i].frame == in[k].frame, "cue %u: tap at %lld, note at %lld", k,
		      (long long)seen[i].frame, (long long)in[k].frame);
		CHECK(seen[i].note == expect_note[k], "cue %u: tap note %u", k, seen[i].note);
		CHECK(pos[k] == expect_pos[k], "cue %u: gaze at %g, not %g", k, pos[k], expect_pos[k]);
		++k;
	}
	CHECK(k == 5, "%u of 5 cues tapped", k);
	printf("follow: 5 cues from notes and the pedal, each tapped on its own frame\n");
	host_free(host);
}

/* Alternate: a note stops the set (no taps until the next), the next note
 * starts one on its frame. */
static void
test_set_cues(void)
{
	Host* host = open_plugin(RATE);
	set_control(host, "gaze_mode", 2);
	const int64_t stop = (int64_t)(3.2 * RATE) + 5, start = (int64_t)(6.1 * RATE) + 77;
	const MidiIn in[] = {{stop, {0x90, 36, 100}, 3}, {start, {0x90, 36, 100}, 3}};
	const uint32_t count = play(host, (size_t)(8 * RATE), 128, in, 2, NULL);
	uint32_t during = 0;
	bool started = false;
	for (uint32_t i = 0; i < count; ++i) {
		if (seen[i].status != 0x90) {
			continue;
		}
		during += seen[i].frame >= stop && seen[i].frame < start;
		started |= seen[i].frame == start;
	}
	CHECK(during == 0, "%u taps while the set was stopped", during);
	CHECK(started, "no tap where the set started again");
	float active;
	CHECK(host_get(host, "set_active", &active) && active == 1.0f, "set not running");
	printf("sets: stopped and started by notes, on their frames\n");
	host_free(host);
}

/* Malformed and unused MIDI changes nothing: no taps, the gaze stays. */
static void
test_malformed(void)
{
	Host* host = open_plugin(RATE);
	set_control(host, "gaze_mode", 4);
	set_control(host, "gaze_glide", 0);
	set_control(host, "gaze_rate", 0.05f);
	const int64_t t = (int64_t)RATE;
	static MidiIn in[] = {
	    {0, {0x3C, 0x64}, 2},                         /* running status */
	    {0, {0x90, 0x3C}, 2},                         /* truncated */
	    {0, {0x90}, 1},                               /* status only */
	    {0, {0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7}, 6}, /* sysex */
	    {0, {0xF8}, 1},                               /* clock */
	    {0, {0x80, 40, 64}, 3},                       /* note off */
	    {0, {0x90, 40, 0}, 3},                        /* note on, velocity 0 */
	    {0, {0x90, 0x90, 0x40}, 3},                   /* a status byte as data */
	    {0, {0xB0, 64, 10}, 3},                       /* pedal released */
	    {0, {0}, 0},                                  /* empty */
	};
	const size_t n = sizeof(in) / sizeof(in[0]);
	for (size_t i = 0; i < n; ++i) {
		in[i].frame = t + (int64_t)i * 1001;
	}
	float pos[16];
	const uint32_t count = play(host, (size_t)(2 * RATE), 64, in, n, pos);
	for (uint32_t i = 0; i < count; ++i) {
		CHECK(seen[i].frame < t, "a tap at %lld from malformed MIDI", (long long)seen[i].frame);
	}
	for (size_t i = 0; i < n; ++i) {
		CHECK(pos[i] == 0.0f, "message %zu moved the gaze to %g", i, pos[i]);
	}
	printf("malformed: %zu messages ignored\n", n);
	host_free(host);
}

/* The outputs are atom:Sequences after a block of 0 frames and in a room
 * too small for a note: the strict host (plugin_test.c) checks every run;
 * here, that a tap due in a room too small is dropped and the next one
 * still goes out. */
static void
test_small_rooms(void)
{
	Host* host = open_plugin(RATE);
	set_control(host, "gaze_mode", 2);
	set_control(host, "fade_in", 0);
	Stereo s = stereo_new(256);
	host_run(host, s.left, s.right, 0);
	const LV2_Atom_Sequence* seq = host_output_events(host, "midi_out");
	CHECK(seq->atom.type == host_map(host, LV2_ATOM__Sequence) &&
	          seq->atom.size == sizeof(LV2_Atom_Sequence_Body),
	      "after 0 frames: type %u, size %u", seq->atom.type, seq->atom.size);
	/* the first tap is on frame 0: a room of one header and 23 bytes
	 * holds no note (24 bytes, padded) */
	CHECK(host_set_output_room(host, sizeof(LV2_Atom_Sequence_Body) + 23), "room refused");
	host_run(host, s.left, s.right, 256);
	CHECK(read_midi_out(host, 0, seen, 0, MAX_SEEN) == 0, "a note in a room too small");
	CHECK(host_set_output_room(host, sizeof(LV2_Atom_Sequence_Body) + 24), "room refused");
	uint32_t count = 0;
	for (int64_t at = 256; at < (int64_t)RATE; at += 256) {
		host_run(host, s.left, s.right, 256);
		count = read_midi_out(host, at, seen, count, MAX_SEEN);
	}
	uint32_t ons = 0;
	for (uint32_t i = 0; i < count; ++i) {
		if (seen[i].status == 0x90) {
			CHECK(seen[i].frame == (int64_t)(RATE / 2) * (1 + ons) &&
			          seen[i].note == (ons ? 72 : 48),
			      "note-on %u at %lld, note %u", ons, (long long)seen[i].frame, seen[i].note);
			++ons;
		}
	}
	CHECK(ons == 2, "%u note-ons in the first second after the dropped one", ons);
	printf("small rooms: outputs well formed; the tap on frame 0 dropped, the next on its frame\n");
	stereo_free(&s);
	host_free(host);
}

int
main(void)
{
	test_small_rooms();
	test_tap_notes();
	test_follow_cues();
	test_set_cues();
	test_malformed();
	return 0;
}
