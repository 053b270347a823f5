-- attack: a huge string.rep refused inside pcall, then a script that carries on as if nothing happened
-- expect: limit memory
for i = 1, 1000 do pcall(string.rep, "x", 1 << 30) end
return "carried on"
