-- uses_module_test.lua: checks uses_module.lua on a known day. Run it as
--   redovisa script run scripts/examples/uses_module_test.lua --as-of 2025-10-14

-- Given today is Tuesday 14 October 2025 (the host's clock, set with --as-of) …
assert(clock.today() == "2025-10-14", "run this test with --as-of 2025-10-14")

-- … when uses_module.lua runs …
local notice = require("examples.uses_module")

-- … then it writes the date out in Swedish and names September's report as due.
assert(notice.today == "I dag är det tisdag 14 oktober 2025.", notice.today)
assert(notice.report_due == "Rapporten för september skickas in 1–14 oktober.", notice.report_due)

return "ok"
