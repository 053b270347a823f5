-- validate_hours_test.lua: checks validate_hours.lua. Every case passes its own "today", so
-- the test runs on any date:
--   redovisa script run scripts/examples/validate_hours_test.lua --as-of 2025-10-14

local validate_hours = require("examples.validate_hours")
local check = validate_hours.check

--- The messages of a verdict, keyed by field, for short assertions.
local function messages(verdict)
  local by_field = {}
  for _, p in ipairs(verdict.problems) do by_field[p.field] = p.message end
  return by_field
end

-- Given a correct September report, when it is checked on 5 October, then it passes.
local good = {
  period = "2025-09",
  rows = {
    { date = "2025-09-01", kind = "sfi", hours = 3 },
    { date = "2025-09-01", kind = "jobbansokan", hours = 1.5 },
    { date = "2025-09-30", kind = "praktik", hours = 0 }, -- planned but not done: 0 hours
  },
}
local verdict = check(good, "2025-10-05")
assert(verdict.ok == true, "a correct report passes")
assert(#verdict.problems == 0)
assert(verdict.total_hours == 4.5 and math.type(verdict.total_hours) == "float")
assert(check({ period = "2025-09", rows = { good.rows[1] } }, "2025-10-05").total_hours == 3)

-- The window is the 1st to the 14th of the following month; December rolls over the year.
assert(check(good, "2025-10-01").ok and check(good, "2025-10-14").ok)
assert(messages(check(good, "2025-09-30")).period == "the report for 2025-09 can be submitted from 2025-10-01")
assert(messages(check(good, "2025-10-15")).period == "the report for 2025-09 was due by 2025-10-14")
assert(check({ period = "2025-12", rows = {} }, "2026-01-14").ok)

-- Hours given as text are refused, not converted: "2" is a string, not a number.
local found = messages(check(validate_hours.example, "2025-10-14"))
assert(found["rows[3].hours"] == "expected a number of hours, got string", found["rows[3].hours"])
assert(found["rows[4].date"] == "2025-10-01 is not in the reported month 2025-09")

-- Unknown kinds, impossible hours, more than 24 hours in one day.
found = messages(check({
  period = "2025-09",
  rows = {
    { date = "2025-09-02", kind = "fika", hours = 1 },
    { date = "2025-09-03", kind = "sfi", hours = 25 },
    { date = "2025-09-04", kind = "praktik", hours = 16 },
    { date = "2025-09-04", kind = "utbildning", hours = 9 },
  },
}, "2025-10-01"))
assert(found["rows[1].kind"] == 'unknown kind of activity "fika"')
assert(found["rows[2].hours"] == "25 hours is not between 0 and 24")
assert(found.rows == "25 hours reported on 2025-09-04, more than a day has", found.rows)

-- A period that is not YYYY-MM stops the check at once.
found = messages(check({ period = "september", rows = {} }, "2025-10-01"))
assert(found.period == "expected a month as YYYY-MM, got september")

return "ok"
