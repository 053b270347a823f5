-- attack: require a standard library that is not opened (os), as stock require would return it
-- expect: error module 'os' not found
local os = require("os")
return os.getenv("HOME")
