-- attack: catch the memory error with pcall and try again, forever
-- expect: limit memory
local n = 0
while true do
  pcall(function()
    local t = {}
    while true do t[#t + 1] = ("x"):rep(1000) .. n end
  end)
  n = n + 1
end
