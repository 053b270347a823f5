-- attack: table.move over 10^15 nils in a run without an instruction budget: only the deadline can stop it
-- expect: limit time
-- limits: instructions=0
table.move({}, 1, 10 ^ 15, 2)
return "moved"
