-- attack: a table.sort comparator that loops (the sort itself runs in C)
-- expect: limit instructions
local t = {}
for i = 1, 100 do t[i] = 100 - i end
table.sort(t, function(a, b) while true do end end)
return "sorted"
