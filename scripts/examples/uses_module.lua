-- uses_module.lua: a script that uses a module of its own, examples/lib/swedish.lua.
-- `require` finds "examples.lib.swedish" as scripts/examples/lib/swedish.lua.
--
--   redovisa script run scripts/examples/uses_module.lua --as-of 2025-10-14
--   → {report_due = "Rapporten för september skickas in 1–14 oktober.",
--      today = "I dag är det tisdag 14 oktober 2025."}
--
-- It returns one table rather than two strings so that a test can `require` it: require
-- keeps only the first value a module returns.

local swedish = require("examples.lib.swedish")

local today = clock.today()
local _, month = swedish.parse_date(today)

-- Last month's report is due from the 1st to the 14th of this month.
local last_month = month == 1 and 12 or month - 1

return {
  today = ("I dag är det %s."):format(swedish.long_date(today)),
  report_due = ("Rapporten för %s skickas in 1–14 %s."):format(
    swedish.month_name(last_month), swedish.month_name(month)),
}
