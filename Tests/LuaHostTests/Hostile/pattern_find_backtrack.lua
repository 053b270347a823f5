-- attack: catastrophic backtracking in string.find (runs in C, out of reach of the count hook)
-- expect: limit instructions
return ("a"):rep(16):find((".-"):rep(16) .. "b")
