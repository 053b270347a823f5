-- attack: table.concat of many copies of a long string (the buffer grows inside C)
-- expect: limit memory
local piece = ("0123456789abcdef"):rep(64)
local t = {}
for i = 1, 100000 do t[i] = piece end
return #table.concat(t, piece)
