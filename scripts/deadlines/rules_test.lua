-- rules_test.lua: checks each rule of rules.lua with enrolments made up here.
--   redovisa script run scripts/deadlines/rules_test.lua --as-of 2025-10-14
local rules = require("deadlines.rules")

local function entry(fields)
  return { enrolment = fields.enrolment, programme = fields.programme, customerChoice = fields.choice,
           reports = fields.reports or {}, plans = fields.plans or {}, absences = fields.absences or {},
           actualisedOn = fields.actualisedOn, staffedOn = fields.staffedOn, adjustments = fields.adjustments or {} }
end

--- "DUE RULE (done DAY)" for each deadline, in the order the rule gave them.
local function show(list)
  local out = {}
  for _, d in ipairs(list) do
    out[#out + 1] = d.due .. " " .. d.rule .. (d.done_on and (" (klar " .. d.done_on .. ")") or "")
  end
  return table.concat(out, "\n")
end

local function check(actual, expected)
  assert(actual == expected, "\n--- expected:\n" .. expected .. "\n--- got:\n" .. actual)
end

-- ------------------------------------------------------------------ AF: 1st–14th of the next month

local af = entry{ programme = "etablering",
  enrolment = { id = 1, personId = 11, start = "2025-08-18" },
  reports = { { templateId = "af-aktivitetsrapport", period = "2025-08", submittedOn = "2025-09-10", status = "submitted" } } }
local list = rules.af_activity_report(af, "2025-10-31")
check(show(list), "2025-09-14 af.aktivitetsrapport (klar 2025-09-10)\n2025-10-14 af.aktivitetsrapport\n2025-11-14 af.aktivitetsrapport")
assert(list[2].title == "Aktivitetsrapport för september 2025 (1 oktober–14 oktober)", list[2].title)
assert(list[2].who == "deltagare" and list[2].enrolment == 1 and list[2].customer == 11)
-- Not for other programmes.
assert(#rules.af_activity_report(entry{ programme = "rom", enrolment = af.enrolment }, "2025-10-31") == 0)

-- ------------------------------------------------------------------ Rusta och matcha: GP in 5 working days

-- Started Thursday 9 October 2025: 10, 13, 14, 15, 16 October.
local rom = entry{ programme = "rom", enrolment = { id = 2, personId = 12, start = "2025-10-09" } }
check(show(rules.rom_joint_planning(rom)), "2025-10-16 rom.gemensam_planering")
-- Over Easter: started Wednesday 16 April 2025 → 17, 22, 23, 24, 25 April.
rom.enrolment.start = "2025-04-16"
rom.plans = { { kind = "gemensam_planering", version = 1, createdAt = "2025-04-24" } }
check(show(rules.rom_joint_planning(rom)), "2025-04-25 rom.gemensam_planering (klar 2025-04-24)")

-- ------------------------------------------------------------------ Nacka: the monthly schedule

local fai = entry{ programme = "FAI1", choice = "FAI",
  enrolment = { id = 3, personId = 13, start = "2025-09-15", plannedEnd = "2025-12-14", extensions = {} },
  reports = { { templateId = "nacka-manadsrapport", period = "2025-09", status = "returned",
                submittedOn = "2025-10-06", returnedOn = "2025-10-09" } },
  plans = { { kind = "genomforandeplan", version = 1, createdAt = "2025-09-25", submittedAt = "2025-09-26" } },
  absences = { { cause = "sjuk", from = "2025-10-01", to = "2025-10-10", certificateReceived = false },
               { cause = "sjuk", from = "2025-09-20", to = "2025-09-22", certificateReceived = false },
               { cause = "vab", from = "2025-11-03", to = "2025-11-12", certificateReceived = true } } }

-- Ready by the 7th (done), reviewed by the 12th (returned on the 9th), approved by the 15th.
check(show(rules.nacka_monthly_report(fai, "2025-10-20")), table.concat({
  "2025-10-07 nacka.manadsrapport.klar (klar 2025-10-06)",
  "2025-10-12 nacka.manadsrapport.granskning (klar 2025-10-09)",
  "2025-10-15 nacka.manadsrapport.godkannande",
  "2025-11-07 nacka.manadsrapport.klar",
  "2025-11-15 nacka.manadsrapport.godkannande",
}, "\n"))

-- The implementation plan within 14 days of the start, approved within 5 working days of its
-- submission on Friday 26 September: 29, 30 September, 1, 2, 3 October.
check(show(rules.nacka_implementation_plan(fai)), table.concat({
  "2025-09-29 nacka.genomforandeplan (klar 2025-09-26)",
  "2025-10-03 nacka.genomforandeplan.godkannande",
}, "\n"))

-- A plan handed in through the template nacka-genomforandeplan delivers it too, and is reviewed
-- (approved or returned) within 5 working days of its submission on Monday 22 September.
local by_template = entry{ programme = "AMI1", choice = "AMI",
  enrolment = { id = 4, personId = 14, start = "2025-09-15", plannedEnd = "2025-12-14", extensions = {} },
  reports = { { templateId = "nacka-genomforandeplan", eventDate = "2025-09-22", status = "returned",
                submittedOn = "2025-09-22", returnedOn = "2025-09-25" } },
  plans = {}, absences = {} }
check(show(rules.nacka_implementation_plan(by_template)), table.concat({
  "2025-09-29 nacka.genomforandeplan (klar 2025-09-22)",
  "2025-09-29 nacka.genomforandeplan.godkannande (klar 2025-09-25)",
}, "\n"))

-- The final report before the planned end; the officer decides on an extension or the end by then.
check(show(rules.nacka_final_report(fai)), "2025-12-14 nacka.slutrapport")
check(show(rules.nacka_planned_end(fai)), "2025-12-14 nacka.planerat_slut")
fai.enrolment.extensions = { { decidedOn = "2025-12-05", newPlannedEnd = "2026-01-14" },
                             { decidedOn = "2026-01-05", newPlannedEnd = "2026-02-14" } }
local planned = rules.nacka_planned_end(fai)
check(show(planned), "2026-02-14 nacka.planerat_slut")
assert(planned[1].title:find("fler medges inte"), planned[1].title)
check(show(rules.nacka_final_report(fai)), "2026-02-14 nacka.slutrapport")

-- A certificate for a sickness of 8 days or more, with the officer by day 15; a shorter one and
-- one already received need none.
local certificates = rules.nacka_certificate(fai)
check(show(certificates), "2025-10-15 nacka.intyg")
assert(certificates[1].title == "Läkarintyg för frånvaro från 2025-10-01 till karriärvägledaren", certificates[1].title)

-- Ended: completed → the final report by the end day; ended early or interrupted → two weeks after.
local ended = entry{ programme = "AMI2", choice = "AMI",
  enrolment = { id = 4, personId = 14, start = "2025-06-02", actualEnd = "2025-10-03", endReason = "interrupted" } }
check(show(rules.nacka_final_report(ended)), "2025-10-17 nacka.slutrapport")
ended.enrolment.endReason = "ended_early"
check(show(rules.nacka_final_report(ended)), "2025-10-17 nacka.slutrapport")
ended.enrolment.endReason = "completed"
ended.reports = { { templateId = "nacka-slutrapport", eventDate = "2025-10-03", submittedOn = "2025-10-02", status = "submitted" } }
check(show(rules.nacka_final_report(ended)), "2025-10-03 nacka.slutrapport (klar 2025-10-02)")
-- An ended intervention has no planned end to act on, and its monthly reports stop with its end.
assert(#rules.nacka_planned_end(ended) == 0)
local months = rules.nacka_monthly_report(ended, "2025-12-31")
assert(months[#months].title == "Godkänn månadsrapporten för oktober 2025", months[#months].title)

-- ------------------------------------------------------------------ Nacka: staffing, invalid absence, revisions

-- Staffing the same day or the next weekday: actualised Friday 10 October 2025 → Monday 13th.
local case = entry{ programme = "AMI1", choice = "AMI", actualisedOn = "2025-10-10",
  enrolment = { id = 6, personId = 16, start = "2025-10-20" } }
check(show(rules.nacka_staffing(case)), "2025-10-13 nacka.bemanning")
assert(rules.nacka_staffing(case)[1].who == "anordnare")
-- Actualised on a Saturday → Monday; staffed the same day it is met.
case.actualisedOn, case.staffedOn = "2025-10-11", "2025-10-11"
check(show(rules.nacka_staffing(case)), "2025-10-13 nacka.bemanning (klar 2025-10-11)")
-- Before Kristi himmelsfärdsdag (Thursday 29 May 2025) → Friday 30 May; on Maundy Thursday
-- (17 April 2025) → Tuesday 22 April, after Good Friday and Easter Monday; on the day before
-- midsommarafton (Thursday 19 June 2025) → Monday 23 June.
case.staffedOn = nil
for actualised, due in pairs{ ["2025-05-28"] = "2025-05-30", ["2025-04-17"] = "2025-04-22", ["2025-06-19"] = "2025-06-23" } do
  case.actualisedOn = actualised
  check(show(rules.nacka_staffing(case)), due .. " nacka.bemanning")
end
-- No actualisation day, no deadline; nor outside the customer choice.
case.actualisedOn = nil
assert(#rules.nacka_staffing(case) == 0)
assert(#rules.nacka_staffing(entry{ programme = "rom", actualisedOn = "2025-10-10", enrolment = case.enrolment }) == 0)

-- Invalid absence told the same or the next calendar day (a Saturday too); other causes not.
local absent = entry{ programme = "FAI2", choice = "FAI", enrolment = { id = 7, personId = 17, start = "2025-09-01" },
  absences = { { cause = "ogiltig", from = "2025-10-10", to = "2025-10-10", certificateReceived = false, reportedOn = "2025-10-11" },
               { cause = "ogiltig", from = "2025-10-20", to = "2025-10-21", certificateReceived = false },
               { cause = "ledighet", from = "2025-10-27", to = "2025-10-28", certificateReceived = false } } }
local invalid = rules.nacka_invalid_absence(absent)
check(show(invalid), "2025-10-11 nacka.ogiltig_franvaro (klar 2025-10-11)\n2025-10-21 nacka.ogiltig_franvaro")
assert(invalid[2].title == "Meddela ogiltig frånvaro från 2025-10-20 till handläggaren (samma eller nästa dag)", invalid[2].title)

-- A plan revised within 5 working days of the decision to adjust it. Decided Wednesday 17
-- December 2025: 18, 19, 22, 23 and — past julafton, juldagen and annandag jul — 29 December.
-- The first version is older than the decision and does not meet it; version 2 does.
local adjusted = entry{ programme = "ISA2", choice = "ISA", enrolment = { id = 8, personId = 18, start = "2025-09-01" },
  plans = { { kind = "genomforandeplan", version = 1, createdAt = "2025-09-10" } },
  adjustments = { { kind = "genomforandeplan", decidedOn = "2025-12-17" } } }
check(show(rules.nacka_plan_revision(adjusted)), "2025-12-29 nacka.genomforandeplan.revidering")
adjusted.plans[2] = { kind = "genomforandeplan", version = 2, createdAt = "2025-12-22", submittedAt = "2026-01-02" }
check(show(rules.nacka_plan_revision(adjusted)), "2025-12-29 nacka.genomforandeplan.revidering (klar 2026-01-02)")
-- Decided Friday 3 October 2025: due 6–10 October; the same version meets it (late), as
-- delivered on its submission.
adjusted.adjustments[2] = { kind = "genomforandeplan", decidedOn = "2025-10-03" }
check(show(rules.nacka_plan_revision(adjusted)),
  "2025-12-29 nacka.genomforandeplan.revidering (klar 2026-01-02)\n2025-10-10 nacka.genomforandeplan.revidering (klar 2026-01-02)")
-- A version made before the decision does not meet it. Decided Tuesday 23 December: 29, 30
-- December, 2, 5 and — past nyårsafton, nyårsdagen and trettondedag jul — 7 January.
adjusted.adjustments = { { kind = "genomforandeplan", decidedOn = "2025-12-23" } }
check(show(rules.nacka_plan_revision(adjusted)), "2026-01-07 nacka.genomforandeplan.revidering")

-- ------------------------------------------------------------------ personal-data incidents: 72 hours

-- Discovered Friday 10 October 2025 at 14:30: due Monday 13th at 14:30 (calendar hours, across
-- the weekend); reported at 15:00 that day it is met, but late.
local incident = { id = 1, organisation = 40, organisationKind = "anordnare", discoveredAt = "2025-10-10 14:30" }
local d = rules.incident(incident)
assert(d.due == "2025-10-13" and d.due_at == "2025-10-13 14:30" and d.who == "anordnare" and not d.done_on, d.due_at)
assert(d.title == "Anmäl personuppgiftsincident (upptäckt 10 oktober 14:30; senast 13 oktober 14:30)", d.title)
incident.reportedAt = "2025-10-13 15:00"
d = rules.incident(incident)
assert(d.done_on == "2025-10-13" and d.late == true)
incident.reportedAt = "2025-10-13 14:30"
assert(rules.incident(incident).late == nil)
-- Late in the evening of the last day of a month: due three days later, in the next month.
assert(rules.hours_72_after("2025-10-30 23:50") == "2025-11-02 23:50")
-- A municipality's incident is for its officers.
assert(rules.incident{ id = 2, organisation = 1, organisationKind = "kommun", discoveredAt = "2025-10-01 08:00" }.who == "handläggare")

-- Rules for the customer choice leave other programmes alone.
assert(#rules.for_enrolment(entry{ programme = "lss-kontaktperson", enrolment = { id = 5, personId = 15, start = "2025-01-01" } }, "2025-10-31") == 0)

return "ok"
