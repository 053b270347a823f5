-- attack: catastrophic backtracking in string.match
-- expect: limit instructions
return ("a"):rep(16):match((".-"):rep(16) .. "b")
