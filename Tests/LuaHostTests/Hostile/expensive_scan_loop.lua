-- attack: scan a 16 MB string with utf8.len, tonumber and load (one call each, linear work in C) in a loop
-- expect: limit instructions
-- limits: instructions=20000000 timeout=5
local s = ("0"):rep(16 << 20)
local comment = "--" .. s
local env = {}
while true do
  utf8.len(s)
  tonumber(s)
  load(comment, "=scan", "t", env)
end
