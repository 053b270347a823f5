-- attack: replace __index of the string metatable, so ("x"):anything runs attacker code in later runs
-- expect: error attempt to index a boolean value
getmetatable("").__index = function() return function() return "hijacked" end end
return ("x"):upper()
