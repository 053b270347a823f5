-- attack: an infinite loop in a run without an instruction budget: only the deadline can stop it
-- expect: limit time
-- limits: instructions=0
local n = 0
while true do n = n + 1 end
