-- attack: reach os.execute / os.exit / os.getenv / os.remove through every global path
-- expect: returns "blocked"
local found = {}
for _, where in ipairs({ _ENV, _G, rawget(_ENV, "_G") or {} }) do
  if where.os ~= nil then found[#found + 1] = "os" end
  for _, name in ipairs({ "execute", "exit", "getenv", "remove", "rename", "tmpname", "difftime", "setlocale" }) do
    if where[name] ~= nil then found[#found + 1] = name end
  end
end
return #found == 0 and "blocked" or table.concat(found, ", ")
