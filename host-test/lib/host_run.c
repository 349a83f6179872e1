/* SPDX-License-Identifier: ISC */
/* The host's ports and run(): controls by symbol, events in, and every atom
 * output made ready before run() and checked after it, as jalv and Ardour
 * read them. */
#include "host_internal.h"

#include <lv2/atom/atom.h>
#include <lv2/atom/util.h>
#include <lv2/midi/midi.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static HostPort*
find_port(const Host* host, const char* symbol)
{
	for (uint32_t i = 0; i < host->n_ports; ++i) {
		if (strcmp(host->ports[i].symbol, symbol) == 0) {
			return &host->ports[i];
		}
	}
	return NULL;
}

bool
host_set(Host* host, const char* symbol, float value)
{
	HostPort* port = find_port(host, symbol);
	if (!port || port->role != PORT_CONTROL_IN) {
		return false;
	}
	port->value = value;
	return true;
}

bool
host_get(const Host* host, const char* symbol, float* value)
{
	const HostPort* port = find_port(host, symbol);
	if (!port || (port->role != PORT_CONTROL_IN && port->role != PORT_CONTROL_OUT)) {
		return false;
	}
	*value = port->value;
	return true;
}

float*
host_control(Host* host, const char* symbol)
{
	HostPort* port = find_port(host, symbol);
	if (!port || (port->role != PORT_CONTROL_IN && port->role != PORT_CONTROL_OUT)) {
		return NULL;
	}
	return &port->value;
}

bool
host_send_event(Host* host, uint32_t frame, uint32_t type, uint32_t size, const void* body)
{
	if (host->n_atom_in == 0) {
		return false;
	}
	LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)host->atom_in[0]->atom;
	const uint32_t need = (uint32_t)sizeof(LV2_Atom_Event) + lv2_atom_pad_size(size);
	if (sizeof(LV2_Atom) + seq->atom.size + need > ATOM_CAPACITY) {
		return false;
	}
	LV2_Atom_Event* ev = lv2_atom_sequence_end(&seq->body, seq->atom.size);
	ev->time.frames = frame;
	ev->body.type = type;
	ev->body.size = size;
	memcpy(ev + 1, body, size);
	seq->atom.size += need;
	return true;
}

/* Before run(): an output is a chunk of out_room bytes, as hosts give it,
 * with a guard after it. */
static void
prepare_output(Host* host, HostPort* port)
{
	LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)port->atom;
	seq->atom.type = host->atom_chunk;
	seq->atom.size = host->out_room;
	memset((uint8_t*)port->atom + sizeof(LV2_Atom) + host->out_room, ATOM_GUARD_BYTE, ATOM_GUARD);
}

/* After run(): the output as jalv and Ardour read it.  An ill-formed one
 * is an error (fatal when strict), and is then read as empty. */
static void
check_output(Host* host, HostPort* port, uint32_t n)
{
	LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)port->atom;
	char why[200] = "";
	const uint8_t* guard = (const uint8_t*)port->atom + sizeof(LV2_Atom) + host->out_room;
	static const uint8_t untouched[ATOM_GUARD] = {
	    ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE,
	    ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE,
	    ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE,
	    ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE, ATOM_GUARD_BYTE};
	if (memcmp(guard, untouched, ATOM_GUARD) != 0) {
		snprintf(why, sizeof(why), "written past its room of %u bytes", host->out_room);
	}
	if (!why[0] && atom_check_output(seq, host->out_room, n, &host->atom_check, why, sizeof(why))) {
		return;
	}
	if (!host->output_error[0]) {
		snprintf(host->output_error, sizeof(host->output_error), "the %s output after run(%u): %s",
		         port->symbol, n, why);
	}
	if (host->strict) {
		fprintf(stderr, "host: %s\n", host->output_error);
		abort();
	}
	seq->atom.type = host->atom_check.sequence;
	seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
}

void
host_run(Host* host, float* left, float* right, uint32_t n)
{
	lilv_instance_connect_port(host->instance, (uint32_t)host->audio_out[0], left);
	lilv_instance_connect_port(host->instance, (uint32_t)host->audio_out[1], right);
	for (uint32_t i = 0; i < host->n_atom_out; ++i) {
		prepare_output(host, host->atom_out[i]);
	}
	lilv_instance_run(host->instance, n);
	for (uint32_t i = 0; i < host->n_atom_out; ++i) {
		check_output(host, host->atom_out[i], n);
	}
	host_worker_end_run(&host->worker);
	for (uint32_t i = 0; i < host->n_atom_in; ++i) {
		LV2_Atom_Sequence* seq = (LV2_Atom_Sequence*)host->atom_in[i]->atom;
		seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
	}
}

void
host_set_strict(Host* host, bool strict)
{
	host->strict = strict;
}

const char*
host_output_error(const Host* host)
{
	return host->output_error[0] ? host->output_error : NULL;
}

bool
host_set_output_room(Host* host, uint32_t room)
{
	if (room > ATOM_CAPACITY - sizeof(LV2_Atom) - ATOM_GUARD) {
		return false;
	}
	host->out_room = room;
	return true;
}

const LV2_Atom_Sequence*
host_output_events(const Host* host, const char* symbol)
{
	const HostPort* port = find_port(host, symbol);
	return port && port->role == PORT_ATOM_OUT ? (const LV2_Atom_Sequence*)port->atom : NULL;
}

void
host_render(Host* host, float* left, float* right, uint64_t n, uint32_t block)
{
	if (block == 0 || block > HOST_MAX_BLOCK) {
		block = HOST_MAX_BLOCK;
	}
	for (uint64_t done = 0; done < n;) {
		const uint32_t k = n - done < block ? (uint32_t)(n - done) : block;
		host_run(host, left + done, right + done, k);
		done += k;
	}
}
