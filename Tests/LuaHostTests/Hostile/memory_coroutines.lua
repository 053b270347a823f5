-- attack: create coroutines (each with its own stack) without end
-- expect: limit memory
local all = {}
while true do all[#all + 1] = coroutine.create(function() end) end
