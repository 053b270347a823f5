-- attack: reach package (loadlib for native code, searchers, path, loaded) around require
-- expect: returns "blocked"
local found = {}
if package ~= nil then found[#found + 1] = "package" end
if _G.package ~= nil then found[#found + 1] = "_G.package" end
if rawget(_ENV, "package") ~= nil then found[#found + 1] = "rawget package" end
if type(require) ~= "function" then found[#found + 1] = "require is " .. type(require) end
-- require must not be the stock one that walks package.searchers
local ok, err = pcall(require, "package")
if ok then found[#found + 1] = "require('package') returned " .. type(err) end
return #found == 0 and "blocked" or table.concat(found, ", ")
