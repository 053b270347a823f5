-- attack: require an absolute path to read a system file
-- expect: error module name '/etc/passwd' is not allowed
local passwd = require("/etc/passwd")
return passwd
