-- attack: an error object whose __tostring loops, hoping the host converts it with tostring
-- expect: error (error object is a table value)
-- position: none
error(setmetatable({}, { __tostring = function() while true do end end }))
