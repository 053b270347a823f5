-- my_queue.lua: the reports waiting for your review, oldest first, one line each.
-- Run it as an officer against a database, e.g. the demo:
--   redovisa demo --db demo.sqlite
--   redovisa script run scripts/examples/my_queue.lua --db demo.sqlite --as handlaggare-norr
--
-- With `reports` given (a test passes a stand-in), it uses that instead of the host's module.
local source = ... ~= "examples.my_queue" and reports or nil

local M = {}

--- One line per report: case number, template and period (or event date), and how long it
--- has waited in whole days since it was submitted.
---@param list Report[]
---@param today string "YYYY-MM-DD"
---@return string[]
function M.lines(list, today)
  local out = {}
  for _, report in ipairs(list) do
    local submitted = (report.submittedAt or ""):sub(1, 10)
    out[#out + 1] = string.format("%s  %-22s %s  inskickad %s",
      report.caseNumber or "–", report.templateId, report.period or report.eventDate or "", submitted)
  end
  table.sort(out)
  if #out == 0 then out[1] = "Inget väntar på granskning " .. today .. "." end
  return out
end

if source then
  local waiting = source.awaiting_review{}
  return #waiting, M.lines(waiting, clock.today())
end
return M
