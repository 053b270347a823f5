-- attack: push almost a million values per call with table.unpack and string.byte, in a loop
-- expect: limit instructions
local t = {}
local s = ("x"):rep(900000)
while true do
  table.unpack(t, 1, 900000)
  s:byte(1, -1)
end
