-- attack: load a chunk without an environment, hoping it gets the state's real globals
-- expect: error give the environment explicitly
local f = load("return io or os or debug or package")
return f and f() or "nothing"
