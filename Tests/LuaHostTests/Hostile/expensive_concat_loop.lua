-- attack: table.concat of two million empty strings in a loop: the C loop allocates nothing
-- expect: limit instructions
local t = {}
for i = 1, 2000000 do t[i] = "" end
while true do table.concat(t) end
