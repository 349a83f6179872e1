-- SPDX-License-Identifier: ISC
-- Ardour 7 headless (ardour7-lua): a new session on the Dummy backend, a
-- MIDI track with somascape added by URI, controls set, a preset applied,
-- the transport rolled and the track's meter read, then 0-8 s exported to a
-- float WAV twice (played elsewhere in between) for the shell to check.  Run by ardour_headless.sh, which sets:
--   SOMASCAPE_WORK    a fresh folder for the session and the export
--   SOMASCAPE_PARAMS  a file of lines "INDEX SYMBOL VALUE NAME": Ardour's
--                     control-input index, from plugin/ports.def
-- Prints "somascape-ardour: ok ..." per step; any failure raises an error.
local uri = "https://somascape.dev/lv2/somascape"
local preset_uri = uri .. "/presets#bls-1-2hz-chimes"
local export_preset = "5e3a1b7c-0d2f-4c6e-9a81-50b2c4d6e8f0" -- somascape-float.preset
local rate = 48000
local work = assert(os.getenv("SOMASCAPE_WORK"), "SOMASCAPE_WORK is not set")
local params_file = assert(os.getenv("SOMASCAPE_PARAMS"), "SOMASCAPE_PARAMS is not set")

local function ok(what) print("somascape-ardour: ok " .. what) end
local function check(condition, what)
	if not condition then error("somascape-ardour: FAIL " .. what) end
end

local session = create_session(work .. "/session", "somascape-test", rate)
check(session, "cannot create a session")
ok("session on backend " .. AudioEngine:current_backend_name())

-- A MIDI track with somascape as its instrument: Ardour gives the plugin's
-- event input (MIDI and time:Position) a buffer only on a MIDI track.
local info = ARDOUR.LuaAPI.new_plugin_info(uri, ARDOUR.PluginType.LV2)
check(not info:isnil(), "Ardour cannot find " .. uri)
local track = session:new_midi_track(ARDOUR.ChanCount(ARDOUR.DataType("midi"), 1),
	ARDOUR.ChanCount(ARDOUR.DataType("audio"), 2), false, info, nil, nil, 1, "somascape",
	ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true, false):front()
local proc = track:nth_plugin(0)
check(not proc:isnil(), "Ardour did not load " .. uri .. " as the instrument")
local plugin = proc:to_insert():plugin(0)
ok("plugin " .. plugin:name() .. " on track " .. track:name())

-- Controls by Ardour's index; the name it shows proves the index is right.
local function param(index) return ARDOUR.LuaAPI.get_processor_param(proc, index, true) end
local index_of = {}
for line in io.lines(params_file) do
	local index, symbol, value, name = line:match("^(%d+) (%S+) (%S+) (.+)$")
	index = tonumber(index)
	index_of[symbol] = index
	local label = plugin:parameter_label(plugin:nth_parameter(index, true))
	check(label == name, symbol .. ": Ardour's control " .. index .. " is '" .. label .. "'")
	check(ARDOUR.LuaAPI.set_processor_param(proc, index, tonumber(value)), "cannot set " .. symbol)
	check(math.abs(param(index) - tonumber(value)) < 1e-4, symbol .. " did not take " .. value)
end
ok("controls set")

local preset = plugin:preset_by_uri(preset_uri)
check(preset and preset.valid, "Ardour does not list the preset " .. preset_uri)
check(plugin:load_preset(preset), "cannot load the preset " .. preset.label)
check(math.abs(param(index_of.gaze_rate) - 1.2) < 1e-4, "the preset did not set gaze_rate 1.2")
check(param(index_of.cue_sound) == 2, "the preset did not set cue_sound 2")
ok("preset '" .. preset.label .. "' applied")
-- Presets leave the clock at Auto: exports that must match sample for
-- sample follow the transport (in Auto the stopped session plays free, and
-- the first 20 ms after play blend out what it was playing).
check(ARDOUR.LuaAPI.set_processor_param(proc, index_of.clock, 1), "cannot set the clock")
ok("clock: Transport")

session:request_roll(ARDOUR.TransportRequestSource.TRS_UI)
ARDOUR.LuaAPI.usleep(2000000)
check(session:transport_rolling(), "the transport does not roll")
-- The meter counts MIDI streams first (the plugin has a MIDI output).
local meter = track:peak_meter()
local first_audio = meter:input_streams():n_midi()
for c = 0, 1 do
	local peak = meter:meter_level(first_audio + c, ARDOUR.MeterType.MeterMaxPeak)
	check(peak > -40 and peak <= 0, string.format("channel %d peak %.1f dBFS, want -40..0", c, peak))
	ok(string.format("channel %d peak %.1f dBFS after %.1f s", c, peak,
		session:transport_sample() / rate))
end
session:request_stop(false, false, ARDOUR.TransportRequestSource.TRS_UI)
ARDOUR.LuaAPI.usleep(200000)

-- The same range exported twice, and from a later start than playback
-- reached: following the transport, both must be the same samples.
local function export_to(name)
	local export = session:simple_export()
	check(export:set_preset(export_preset), "no export preset " .. export_preset)
	os.execute("mkdir -p '" .. work .. "/export/" .. name .. "'")
	export:set_folder(work .. "/export/" .. name)
	export:set_name("somascape")
	export:set_range(0, 8 * rate)
	check(export:check_outputs(), "nothing to export")
	check(export:run_export(), "the export failed")
end
export_to("first")
ok("exported 0-8 s")
session:request_locate(30 * rate, false, ARDOUR.LocateTransportDisposition.MustRoll,
	ARDOUR.TransportRequestSource.TRS_UI)
ARDOUR.LuaAPI.usleep(1000000)
session:request_stop(false, false, ARDOUR.TransportRequestSource.TRS_UI)
ARDOUR.LuaAPI.usleep(200000)
export_to("again")
ok("exported 0-8 s again")
close_session()
ok("done")
