-- my_queue_test.lua: checks the lines of my_queue.lua with reports made up here.
--   redovisa script run scripts/examples/my_queue_test.lua --as-of 2025-10-14
local queue = require("examples.my_queue")

-- Given two reports waiting, submitted on different days …
local lines = queue.lines({
  { caseNumber = "2025-000012", templateId = "lss-kontaktperson", period = "2025-09",
    submittedAt = "2025-10-03T08:15:00Z" },
  { caseNumber = "2025-000007", templateId = "af-aktivitetsrapport", period = "2025-09",
    submittedAt = "2025-10-01T12:00:00Z" },
}, "2025-10-14")

-- … then there is one line each, by case number, with the template, period and day submitted.
assert(#lines == 2, #lines)
assert(lines[1] == "2025-000007  af-aktivitetsrapport   2025-09  inskickad 2025-10-01", lines[1])
assert(lines[2] == "2025-000012  lss-kontaktperson      2025-09  inskickad 2025-10-03", lines[2])

-- And an empty queue says so.
local empty = queue.lines({}, "2025-10-14")
assert(empty[1] == "Inget väntar på granskning 2025-10-14.", empty[1])

return "ok"
