-- attack: read files from disk with dofile, loadfile or the 5.1 loadstring
-- expect: returns "blocked"
local found = {}
for _, name in ipairs({ "dofile", "loadfile", "loadstring", "module", "unpack", "setfenv", "getfenv" }) do
  if _ENV[name] ~= nil then found[#found + 1] = name end
end
local ok = pcall(function() return dofile("/etc/passwd") end)
if ok then found[#found + 1] = "dofile ran" end
return #found == 0 and "blocked" or table.concat(found, ", ")
