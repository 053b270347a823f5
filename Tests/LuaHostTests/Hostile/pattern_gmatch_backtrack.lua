-- attack: catastrophic backtracking in string.gmatch
-- expect: limit instructions
for m in ("a"):rep(16):gmatch((".-"):rep(16) .. "b") do return m end
return "no match"
