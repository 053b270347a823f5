-- attack: sort a million numbers again and again: each sort is one call, n log n comparisons in C
-- expect: limit instructions
-- limits: instructions=30000000 timeout=5
local t = {}
for i = 1, 1000000 do t[i] = i end
while true do table.sort(t) end
