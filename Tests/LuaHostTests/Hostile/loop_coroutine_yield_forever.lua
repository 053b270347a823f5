-- attack: a generator that yields forever, driven from a pcall-protected loop (the budget must follow every switch)
-- expect: limit instructions
-- limits: instructions=2000000
local gen = coroutine.wrap(function() local i = 0 while true do i = i + 1 coroutine.yield(i) end end)
while true do pcall(gen) end
