-- attack: catch the pattern limit with pcall and try another pattern
-- expect: limit instructions
local subject = ("a"):rep(24)
for n = 10, 24 do pcall(string.find, subject, (".-"):rep(n) .. "b") end
return "all patterns tried"
