-- attack: table.move over 10^15 nils (stock Lua loops in C without allocating: the hook never fires)
-- expect: limit instructions
table.move({}, 1, 10 ^ 15, 2)
return "moved"
