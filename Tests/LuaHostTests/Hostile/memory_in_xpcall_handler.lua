-- attack: exhaust memory inside an xpcall message handler
-- expect: limit memory
xpcall(function() error("first") end, function()
  local t = {}
  while true do t[#t + 1] = {} end
end)
return "handler finished"
