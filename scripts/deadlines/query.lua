-- query.lua: "what is overdue, or due within N days, for this organisation" — the deadlines of
-- rules.lua over the organisation's enrolments (scripts/deadlines/README.md).
--
--   local query = require("deadlines.query")
--   local answer = query.due{ organisation = "nacka", within = 7, as_of = "2025-10-14" }
--   for _, d in ipairs(answer.overdue) do print(d.due, d.title) end
--
-- `redovisa deadlines --org nacka --within 7` runs `due` and prints the answer; `select` does
-- the work on enrolments given to it, so the tests beside this file need no database.

local rules = require("deadlines.rules")

local M = {}

-- Deadlines that fell due more than this many days ago are no longer listed: a report that is
-- more than a month late is a provider deficiency (seed 004 §13.5), followed up outside the list.
M.lookback_days = 62

local function order(a, b)
  if a.due ~= b.due then return a.due < b.due end
  if a.enrolment ~= b.enrolment then return (a.enrolment or math.huge) < (b.enrolment or math.huge) end
  if a.rule ~= b.rule then return a.rule < b.rule end
  return (a.incident or 0) < (b.incident or 0)
end

--- The deadlines of `entries` (as deadlines.enrolments gives them) and of `incidents` (as
--- deadlines.incidents gives them; optional) that are not met on `today` and fell due at most
--- `lookback_days` before it, or fall due within `within` days after it:
--- { as_of, within, overdue = { deadline, … }, upcoming = { deadline, … } }, each by due date.
--- A deadline due today is upcoming; one due yesterday overdue, with `days_late`.
function M.select(entries, today, within, incidents)
  local horizon = calendar.add_days(today, within)
  local since = calendar.add_days(today, -M.lookback_days)
  local overdue, upcoming = {}, {}
  local function consider(d)
    if not d.done_on and d.due >= since and d.due <= horizon then
      if d.due < today then
        d.days_late = calendar.days_between(d.due, today)
        overdue[#overdue + 1] = d
      else
        d.days_left = calendar.days_between(today, d.due)
        upcoming[#upcoming + 1] = d
      end
    end
  end
  for _, entry in ipairs(entries) do
    for _, d in ipairs(rules.for_enrolment(entry, horizon)) do consider(d) end
  end
  for _, incident in ipairs(incidents or {}) do consider(rules.incident(incident)) end
  table.sort(overdue, order)
  table.sort(upcoming, order)
  return { as_of = today, within = within, overdue = overdue, upcoming = upcoming }
end

--- The deadlines of organisation `options.organisation` (a code or an id: the responsible
--- municipality or agency, or the provider), as of `options.as_of` (default clock.today()),
--- within `options.within` days (default 0: what is overdue or due today).
function M.due(options)
  local today = options.as_of or clock.today()
  local within = options.within or 0
  assert(math.type(within) == "integer" and within >= 0, "within must be a whole number of days, 0 or more")
  local entries = deadlines.enrolments{
    organisation = options.organisation,
    active_from = calendar.add_days(today, -M.lookback_days),
    active_to = calendar.add_days(today, within),
    as_of = today,
  }
  local incidents = deadlines.incidents{ organisation = options.organisation, as_of = today }
  local answer = M.select(entries, today, within, incidents)
  answer.organisation = options.organisation
  return answer
end

return M
