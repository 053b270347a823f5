-- attack: catch the limit again and again, hoping each pcall grants a fresh budget
-- expect: limit instructions
while true do
  pcall(function() while true do end end)
end
