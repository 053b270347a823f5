-- rules_test.lua: checks each rule of rules.lua with enrolments made up here.
--   redovisa script run scripts/deadlines/rules_test.lua --as-of 2025-10-14
local rules = require("deadlines.rules")

local function entry(fields)
  return { enrolment = fields.enrolment, programme = fields.programme, customerChoice = fields.choice,
           reports = fields.reports or {}, plans = fields.plans or {}, absences = fields.absences or {} }
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

-- Rules for the customer choice leave other programmes alone.
assert(#rules.for_enrolment(entry{ programme = "lss-kontaktperson", enrolment = { id = 5, personId = 15, start = "2025-01-01" } }, "2025-10-31") == 0)

return "ok"
