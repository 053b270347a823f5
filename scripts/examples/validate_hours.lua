-- validate_hours.lua: checks the activity rows of one monthly activity report and returns a
-- verdict table. Run on its own it checks the example report below:
--
--   redovisa script run scripts/examples/validate_hours.lua --as-of 2025-10-14
--
-- Loaded with require("examples.validate_hours") (as validate_hours_test.lua does) it returns
-- the module table instead, so that other scripts and tests can call validate_hours.check.

local validate_hours = {}

--- The kinds of activity a participant may report, with the label shown to people.
validate_hours.kinds = {
  sfi = "sfi (svenska för invandrare)",
  samhallsorientering = "samhällsorientering",
  praktik = "arbetspraktik",
  utbildning = "arbetsmarknadsutbildning",
  jobbansokan = "sökt jobb",
  intervju = "anställningsintervju",
  rekrytering = "rekryteringsträff",
}

--- "2025-09" → "2025-10", "2025-12" → "2026-01".
local function next_month(period)
  local year, month = period:match("^(%d%d%d%d)%-(%d%d)$")
  year, month = math.tointeger(tonumber(year)), math.tointeger(tonumber(month))
  if month == 12 then return ("%04d-01"):format(year + 1) end
  return ("%04d-%02d"):format(year, month + 1)
end

--- Checks a report `{period = "YYYY-MM", rows = {{date =, kind =, hours =}, …}}`.
---
--- `today` ("YYYY-MM-DD") decides whether the submission window (the 1st to the 14th of the
--- following month) is open; it defaults to the host's clock.today(), and tests pass their own.
---
--- Returns `{ok = boolean, period = string, total_hours = number, problems = {…}}`, each
--- problem `{field = "rows[3].hours", message = "…"}`.
---@param report {period: string, rows: table[]}
---@param today? string
---@return table verdict
function validate_hours.check(report, today)
  today = today or clock.today()
  local problems = {}
  local function problem(field, message, ...)
    problems[#problems + 1] = { field = field, message = message:format(...) }
  end

  local period = report.period
  if type(period) ~= "string" or not period:match("^%d%d%d%d%-%d%d$") then
    problem("period", "expected a month as YYYY-MM, got %s", tostring(period))
    return { ok = false, period = tostring(period), total_hours = 0, problems = problems }
  end

  local total, per_day = 0, {}
  for i, row in ipairs(report.rows or {}) do
    local at = ("rows[%d]"):format(i)
    -- Dates are "YYYY-MM-DD" text: the first 7 characters are the month.
    if type(row.date) ~= "string" or not row.date:match("^%d%d%d%d%-%d%d%-%d%d$") then
      problem(at .. ".date", "expected a date as YYYY-MM-DD, got %s", tostring(row.date))
    elseif row.date:sub(1, 7) ~= period then
      problem(at .. ".date", "%s is not in the reported month %s", row.date, period)
    end
    if not validate_hours.kinds[row.kind] then
      problem(at .. ".kind", "unknown kind of activity %q", tostring(row.kind))
    end
    -- math.type is "integer" or "float" for numbers and nil for anything else, "3" included.
    if not math.type(row.hours) then
      problem(at .. ".hours", "expected a number of hours, got %s", type(row.hours))
    elseif row.hours < 0 or row.hours > 24 then
      problem(at .. ".hours", "%s hours is not between 0 and 24", row.hours)
    else
      total = total + row.hours
      if type(row.date) == "string" then
        per_day[row.date] = (per_day[row.date] or 0) + row.hours
      end
    end
  end

  -- Reported in date order, so the verdict reads the same every run (pairs has no order).
  local days = {}
  for date in pairs(per_day) do days[#days + 1] = date end
  table.sort(days)
  for _, date in ipairs(days) do
    if per_day[date] > 24 then
      problem("rows", "%s hours reported on %s, more than a day has", per_day[date], date)
    end
  end

  -- The window for the September report is 2025-10-01 … 2025-10-14. Dates in this one format
  -- compare correctly as text.
  local opens, closes = next_month(period) .. "-01", next_month(period) .. "-14"
  if today < opens then
    problem("period", "the report for %s can be submitted from %s", period, opens)
  elseif today > closes then
    problem("period", "the report for %s was due by %s", period, closes)
  end

  return { ok = #problems == 0, period = period, total_hours = total, problems = problems }
end

--- A report with two mistakes, for running this file on its own.
validate_hours.example = {
  period = "2025-09",
  rows = {
    { date = "2025-09-01", kind = "sfi", hours = 3 },
    { date = "2025-09-02", kind = "praktik", hours = 6.5 },
    { date = "2025-09-03", kind = "jobbansokan", hours = "2" },
    { date = "2025-10-01", kind = "sfi", hours = 3 },
  },
}

-- A module gets its name as `...`; a script run by `redovisa script run` gets nothing.
if ... ~= nil then
  return validate_hours
end
return validate_hours.check(validate_hours.example)
