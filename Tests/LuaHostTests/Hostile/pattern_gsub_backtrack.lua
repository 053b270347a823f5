-- attack: catastrophic backtracking in string.gsub
-- expect: limit instructions
return (("a"):rep(16):gsub((".-"):rep(16) .. "b", "x"))
