-- attack: retune the collector (generational, setpause, setstepmul) to starve later runs
-- expect: returns "blocked"
local found = {}
for _, option in ipairs({ "stop", "restart", "generational", "incremental", "setpause", "setstepmul" }) do
  local ok, err = pcall(collectgarbage, option, 1000)
  if ok then found[#found + 1] = option
  elseif not tostring(err):find("not allowed", 1, true) then found[#found + 1] = option .. ": " .. tostring(err) end
end
if collectgarbage("isrunning") ~= true then found[#found + 1] = "collector not running" end
return #found == 0 and "blocked" or table.concat(found, ", ")
