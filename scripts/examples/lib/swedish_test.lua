-- examples/lib/swedish_test.lua: checks the Swedish date helpers.
--   redovisa script run scripts/examples/lib/swedish_test.lua

local swedish = require("examples.lib.swedish")

assert(swedish.month_name(1) == "januari")
assert(swedish.month_name(10) == "oktober")
assert(#swedish.months == 12 and #swedish.weekdays == 7)

-- Known weekdays, across month, year and leap-day boundaries.
assert(swedish.weekday_name("2025-10-14") == "tisdag")
assert(swedish.weekday_name("2025-01-01") == "onsdag")
assert(swedish.weekday_name("2024-02-29") == "torsdag")
assert(swedish.weekday_name("2025-06-06") == "fredag") -- nationaldagen
assert(swedish.weekday_name("2025-12-28") == "söndag")
assert(swedish.weekday_number("2025-10-13") == 1)

assert(swedish.long_date("2025-10-14") == "tisdag 14 oktober 2025")
assert(swedish.long_date("2025-03-01") == "lördag 1 mars 2025")

-- "ö" is two bytes in UTF-8: count characters with utf8.len, not #.
assert(#"lördag" == 7 and utf8.len("lördag") == 6)

-- Bad input is the caller's mistake, and the message says so.
local ok, message = pcall(swedish.long_date, "14/10/2025")
assert(not ok and message:find('expected a date as YYYY%-MM%-DD, got "14/10/2025"'), message)
ok, message = pcall(swedish.month_name, 13)
assert(not ok and message:find("month must be 1 to 12, got 13", 1, true), message)

return "ok"
