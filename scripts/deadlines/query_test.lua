-- query_test.lua: "what is overdue, or due within N days" over enrolments made up here, with the
-- day moved forward.
--   redovisa script run scripts/deadlines/query_test.lua --as-of 2025-10-14
local query = require("deadlines.query")

-- An establishment-programme participant who reported August but not September; a Nacka
-- customer in FAI 1 whose September report is ready and returned, with an implementation plan
-- waiting for approval; a customer whose AMI 2 was interrupted on 3 October.
local entries = {
  { programme = "etablering", enrolment = { id = 1, personId = 11, start = "2025-08-18" },
    reports = { { templateId = "af-aktivitetsrapport", period = "2025-08", submittedOn = "2025-09-10", status = "submitted" } },
    plans = {}, absences = {} },
  { programme = "FAI1", customerChoice = "FAI",
    enrolment = { id = 3, personId = 13, start = "2025-09-15", plannedEnd = "2025-12-14", extensions = {} },
    reports = { { templateId = "nacka-manadsrapport", period = "2025-09", status = "returned",
                  submittedOn = "2025-10-06", returnedOn = "2025-10-09" } },
    plans = { { kind = "genomforandeplan", version = 1, createdAt = "2025-09-25", submittedAt = "2025-09-26" } },
    absences = {} },
  { programme = "AMI2", customerChoice = "AMI",
    enrolment = { id = 4, personId = 14, start = "2025-08-04", actualEnd = "2025-10-03", endReason = "interrupted" },
    reports = { { templateId = "nacka-manadsrapport", period = "2025-08", status = "approved", submittedOn = "2025-09-04",
                  approvedOn = "2025-09-10" },
                { templateId = "nacka-manadsrapport", period = "2025-09", status = "approved", submittedOn = "2025-10-03",
                  approvedOn = "2025-10-08" } },
    plans = { { kind = "genomforandeplan", version = 1, createdAt = "2025-08-15" } }, absences = {} },
}

--- The enrolments as `deadlines.enrolments` gives them at the end of `day`: what was done later
--- is not yet known.
local function as_of(day)
  local seen = {}
  for _, entry in ipairs(entries) do
    local copy = { programme = entry.programme, customerChoice = entry.customerChoice, enrolment = entry.enrolment,
                   reports = {}, plans = entry.plans, absences = entry.absences }
    for _, report in ipairs(entry.reports) do
      local r = {}
      for k, v in pairs(report) do r[k] = v end
      for _, key in ipairs{ "submittedOn", "returnedOn", "approvedOn" } do
        if r[key] and r[key] > day then r[key] = nil end
      end
      copy.reports[#copy.reports + 1] = r
    end
    seen[#seen + 1] = copy
  end
  return seen
end

local function select(day, within) return query.select(as_of(day), day, within) end

--- "DUE ENROLMENT RULE" for each deadline of a list.
local function show(list)
  local out = {}
  for _, d in ipairs(list) do out[#out + 1] = ("%s %d %s"):format(d.due, d.enrolment, d.rule) end
  return table.concat(out, "\n")
end

local function check(actual, expected)
  assert(actual == expected, "\n--- expected:\n" .. expected .. "\n--- got:\n" .. actual)
end

-- 6 October, within 7 days: the plan approval was due on the 3rd; both September reports are
-- in and wait for review by the 12th.
local answer = select("2025-10-06", 7)
check(show(answer.overdue), "2025-10-03 3 nacka.genomforandeplan.godkannande")
assert(answer.overdue[1].days_late == 3 and answer.overdue[1].who == "handläggare")
check(show(answer.upcoming), "2025-10-12 3 nacka.manadsrapport.granskning\n2025-10-12 4 nacka.manadsrapport.granskning")
assert(answer.upcoming[1].days_left == 6)

-- Within 11 days: also the AF report (14th), the approvals (15th) and the interrupted customer's
-- final report, two weeks after the end (17th).
answer = select("2025-10-06", 11)
check(show(answer.upcoming), table.concat({
  "2025-10-12 3 nacka.manadsrapport.granskning",
  "2025-10-12 4 nacka.manadsrapport.granskning",
  "2025-10-14 1 af.aktivitetsrapport",
  "2025-10-15 3 nacka.manadsrapport.godkannande",
  "2025-10-15 4 nacka.manadsrapport.godkannande",
  "2025-10-17 4 nacka.slutrapport",
}, "\n"))

-- 14 October, within 0 days: the reviews were done (a return on the 9th, an approval on the
-- 8th); the AF report is due today — upcoming, not yet overdue.
answer = select("2025-10-14", 0)
check(show(answer.overdue), "2025-10-03 3 nacka.genomforandeplan.godkannande")
check(show(answer.upcoming), "2025-10-14 1 af.aktivitetsrapport")
assert(answer.upcoming[1].days_left == 0)

-- 15 October: the AF report is a day late; the returned report is due for approval today.
answer = select("2025-10-15", 0)
check(show(answer.overdue), "2025-10-03 3 nacka.genomforandeplan.godkannande\n2025-10-14 1 af.aktivitetsrapport")
assert(answer.overdue[2].days_late == 1)
check(show(answer.upcoming), "2025-10-15 3 nacka.manadsrapport.godkannande")

-- 20 October: the approval and the final report have passed too.
answer = select("2025-10-20", 0)
check(show(answer.overdue), table.concat({
  "2025-10-03 3 nacka.genomforandeplan.godkannande",
  "2025-10-14 1 af.aktivitetsrapport",
  "2025-10-15 3 nacka.manadsrapport.godkannande",
  "2025-10-17 4 nacka.slutrapport",
}, "\n"))

-- 6 December: what fell due more than 62 days before (3 October) is no longer listed.
answer = select("2025-12-06", 0)
assert(answer.overdue[1].due == "2025-10-14", answer.overdue[1].due)

-- ------------------------------------------------------------------ staffing, invalid absence, revision, incidents

-- A case actualised Friday 10 October and staffed Tuesday 14th (a day late); an invalid absence
-- on Monday 13th not yet told; a decision to adjust the plan on Monday 13th; a provider's
-- personal-data incident discovered Friday 10th at 16:00 and reported on Tuesday 14th at 09:00.
local later = {
  programme = "AMI1", customerChoice = "AMI", actualisedOn = "2025-10-10", staffedOn = "2025-10-14",
  enrolment = { id = 9, personId = 19, start = "2025-09-01", plannedEnd = "2025-12-01", extensions = {} },
  reports = { { templateId = "nacka-manadsrapport", period = "2025-09", status = "approved", submittedOn = "2025-10-03",
                approvedOn = "2025-10-08" } },
  plans = { { kind = "genomforandeplan", version = 1, createdAt = "2025-09-10" } },
  absences = { { cause = "ogiltig", from = "2025-10-13", to = "2025-10-13", certificateReceived = false } },
  adjustments = { { kind = "genomforandeplan", decidedOn = "2025-10-13" } },
}
local incident = { id = 1, organisation = 40, organisationKind = "anordnare", discoveredAt = "2025-10-10 16:00" }

--- Only the new rules, as they stood at the end of `day` (staffing and the report of the
--- incident are known from the 14th).
local function select_new(day, within)
  local entry = {}
  for k, v in pairs(later) do entry[k] = v end
  if day < "2025-10-14" then entry.staffedOn = nil end
  local seen = { id = incident.id, organisation = incident.organisation, organisationKind = incident.organisationKind,
                 discoveredAt = incident.discoveredAt, reportedAt = day >= "2025-10-14" and "2025-10-14 09:00" or nil }
  local answer = query.select({ entry }, day, within, { seen })
  local function keep(list)
    local out = {}
    for _, d in ipairs(list) do
      if d.rule == "nacka.bemanning" or d.rule == "nacka.ogiltig_franvaro" or d.rule == "nacka.genomforandeplan.revidering"
        or d.rule == "personuppgiftsincident" then out[#out + 1] = d end
    end
    return out
  end
  return keep(answer.overdue), keep(answer.upcoming)
end

local function show_new(list)
  local out = {}
  for _, d in ipairs(list) do out[#out + 1] = ("%s %s %s"):format(d.due, d.enrolment or "-", d.rule) end
  return table.concat(out, "\n")
end

-- Friday 10th, within 3 days: staffing due Monday, the incident's 72 hours end Monday 16:00.
local overdue, upcoming = select_new("2025-10-10", 3)
check(show_new(overdue), "")
check(show_new(upcoming), "2025-10-13 9 nacka.bemanning\n2025-10-13 - personuppgiftsincident")
-- Monday 13th at 0 days: both due today; the absence is due tomorrow, the revision Monday 20th.
overdue, upcoming = select_new("2025-10-13", 7)
check(show_new(overdue), "")
check(show_new(upcoming), table.concat({
  "2025-10-13 9 nacka.bemanning",
  "2025-10-13 - personuppgiftsincident",
  "2025-10-14 9 nacka.ogiltig_franvaro",
  "2025-10-20 9 nacka.genomforandeplan.revidering",
}, "\n"))
-- Wednesday 15th: staffing and the incident were met late (not listed); the absence is a day late.
overdue, upcoming = select_new("2025-10-15", 0)
check(show_new(overdue), "2025-10-14 9 nacka.ogiltig_franvaro")
assert(overdue[1].days_late == 1)
check(show_new(upcoming), "")
-- Tuesday 21st: the revision is late too.
overdue = select_new("2025-10-21", 0)
check(show_new(overdue), "2025-10-14 9 nacka.ogiltig_franvaro\n2025-10-20 9 nacka.genomforandeplan.revidering")

return "ok"
