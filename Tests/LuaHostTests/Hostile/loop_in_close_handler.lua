-- attack: loop inside a __close handler (runs while leaving the block, and again while unwinding)
-- expect: limit instructions
do
  local guard <close> = setmetatable({}, { __close = function() while true do end end })
end
return "closed"
