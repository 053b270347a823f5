-- attack: reach the io library (files, popen) directly, through _G, _ENV and rawget
-- expect: returns "blocked"
local found = {}
if io ~= nil then found[#found + 1] = "io" end
if _G.io ~= nil then found[#found + 1] = "_G.io" end
if rawget(_ENV, "io") ~= nil then found[#found + 1] = "rawget(_ENV, 'io')" end
if _ENV["i" .. "o"] ~= nil then found[#found + 1] = "_ENV['i'..'o']" end
return #found == 0 and "blocked" or table.concat(found, ", ")
