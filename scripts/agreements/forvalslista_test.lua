-- forvalslista_test.lua: checks forvalslista.lua with providers made up here.
--   redovisa script run scripts/agreements/forvalslista_test.lua --as-of 2025-10-14
local forval = require("agreements.forvalslista")

local function provider(code, ...)
  local authorisations = {}
  for _, text in ipairs{ ... } do
    local choice, since = text:match("^(%u+):(.+)$")
    authorisations[#authorisations + 1] = { choice = choice, since = since }
  end
  return { code = code, name = code:sub(1, 1):upper() .. code:sub(2) .. " AB", authorisations = authorisations }
end

-- Three providers authorised for FAI before the epoch (two on the same day), one more in
-- February 2024, and one for AMI only.
local providers = {
  provider("beta", "FAI:2023-01-16"),
  provider("alfa", "FAI:2023-01-16", "AMI:2023-05-01"),
  provider("gamma", "FAI:2022-06-01"),
  provider("delta", "FAI:2024-02-05"),
  provider("epsilon", "AMI:2023-02-01"),
}

local function who(choice, date)
  local answer = forval.default(providers, choice, date)
  return answer.provider and answer.provider.code or "ingen"
end

-- ------------------------------------------------------------------ the list

-- By authorisation date, then code; only those authorised for the choice.
local list = forval.list(providers, "FAI")
assert(#list == 4)
assert(list[1].code == "gamma" and list[2].code == "alfa" and list[3].code == "beta" and list[4].code == "delta")
assert(list[1].name == "Gamma AB" and list[1].since == "2022-06-01")
local ami = forval.list(providers, "AMI")
assert(#ami == 2 and ami[1].code == "epsilon" and ami[2].code == "alfa")

-- ------------------------------------------------------------------ the periods

local number, first, last = forval.period("2024-01-01")
assert(number == 0 and first == "2024-01-01" and last == "2024-01-14")
number, first, last = forval.period("2024-01-15")
assert(number == 1 and first == "2024-01-15" and last == "2024-01-28")
-- They run on over the turn of the year (2024 is a leap year: 366 days).
number, first, last = forval.period("2025-01-01")
assert(number == 26 and first == "2024-12-30" and last == "2025-01-12", first)
local ok, message = pcall(forval.period, "2023-12-31")
assert(not ok and message:find("förvalslistan börjar 2024%-01%-01; 2023%-12%-31 är före"), message)

-- ------------------------------------------------------------------ time travel

-- Moving the day forward: two weeks each, in list order; delta, authorised on 5 February, joins
-- at the period from 12 February, after the others — and as the turn has just reached the end
-- of the list, it is delta's turn at once. Then the turn starts again at the top.
local seen = {}
for _, day in ipairs{ "2024-01-01", "2024-01-14", "2024-01-15", "2024-01-29", "2024-02-11", "2024-02-12",
                      "2024-02-25", "2024-02-26", "2024-03-11", "2024-03-25" } do
  seen[#seen + 1] = day .. " " .. who("FAI", day)
end
local expected = {
  "2024-01-01 gamma", "2024-01-14 gamma", "2024-01-15 alfa", "2024-01-29 beta", "2024-02-11 beta",
  "2024-02-12 delta", "2024-02-25 delta", "2024-02-26 gamma", "2024-03-11 alfa", "2024-03-25 beta",
}
assert(table.concat(seen, ", ") == table.concat(expected, ", "), table.concat(seen, ", "))

-- A provider authorised while the turn is in the middle of the list waits for its turn at the
-- end: zeta (10 January) joins from 15 January, after beta.
local with_zeta = { providers[1], providers[2], providers[3], provider("zeta", "FAI:2024-01-10") }
local turns = {}
for k = 0, 5 do
  local answer = forval.default(with_zeta, "FAI", calendar.add_days("2024-01-01", 14 * k))
  turns[#turns + 1] = answer.provider.code .. " " .. answer.position .. "/" .. #answer.list
end
assert(table.concat(turns, ", ") == "gamma 1/3, alfa 2/4, beta 3/4, zeta 4/4, gamma 1/4, alfa 2/4", table.concat(turns, ", "))

-- Far on, the turns still follow from the epoch: 14 October 2025 is in period 46 (6–19 October).
local answer = forval.default(providers, "FAI", "2025-10-14")
assert(answer.provider.code == "beta" and answer.provider.name == "Beta AB", answer.provider.code)
assert(answer.period.number == 46 and answer.period.first == "2025-10-06" and answer.period.last == "2025-10-19")
assert(answer.position == 3 and #answer.list == 4)
-- And two weeks later it is delta's turn.
assert(who("FAI", "2025-10-20") == "delta")

-- ------------------------------------------------------------------ other lists

-- Each customer choice has its own list: AMI alternates between epsilon and alfa.
assert(who("AMI", "2024-01-01") == "epsilon" and who("AMI", "2024-01-15") == "alfa" and who("AMI", "2024-01-29") == "epsilon")
-- No provider authorised: no default provider.
local none = forval.default(providers, "ISA", "2025-10-14")
assert(none.provider == nil and none.position == nil and #none.list == 0)

return "ok"
