-- attack: string.rep of the empty string 2^63 times (stock Lua loops in C without allocating: the hook never fires)
-- expect: returns "", "", ""
return string.rep("", math.maxinteger), (""):rep(1 << 62, ""), string.rep("", 10 ^ 15)
