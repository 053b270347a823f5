-- attack: sort a million numbers again and again: each sort is one call, n log n comparisons in C
-- expect: limit instructions
local t = {}
for i = 1, 1000000 do t[i] = i end
while true do table.sort(t) end
