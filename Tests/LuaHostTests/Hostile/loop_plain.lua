-- attack: the plainest infinite loop
-- expect: limit instructions
while true do end
