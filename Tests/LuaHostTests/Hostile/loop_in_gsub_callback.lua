-- attack: a string.gsub replacement function that loops (gsub itself runs in C)
-- expect: limit instructions
return (("abc"):gsub(".", function(c) while true do end end))
