-- attack: full garbage collections of a ~50 MB heap in a loop: each call is one VM instruction but walks the whole heap
-- expect: limit instructions
local keep = {}
for i = 1, 700000 do keep[i] = {} end
while true do collectgarbage() end
