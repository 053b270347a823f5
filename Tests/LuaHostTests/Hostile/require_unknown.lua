-- attack: require an unknown module (a typo, or probing the file system for what exists)
-- expect: error module 'no_such_module.at_all' not found
local m = require("no_such_module.at_all")
return m
