-- attack: get the shared string metatable (changing it would reach every later run)
-- expect: returns false
return getmetatable("")
