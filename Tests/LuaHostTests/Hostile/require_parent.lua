-- attack: require a module outside the script folders with a relative path
-- expect: error module name '../x' is not allowed
local x = require("../x")
return x
