-- nacka_billing_test.lua: checks nacka_billing.lua with a register and reports made up here.
--   redovisa script run scripts/agreements/nacka_billing_test.lua --as-of 2025-10-14
local rules = require("agreements.nacka_billing")

-- ------------------------------------------------------------------ the amounts

-- A whole month pays the monthly amount, whatever its length: 31 days, February in a leap year.
assert(rules.amount(816000, 31, "2024-10") == 816000)
assert(rules.amount(816000, 29, "2024-02") == 816000)
assert(rules.amount(816000, 28, "2025-02") == 816000)
-- A part of a month pays amount / 30 × days: 30 days of a 31-day month are the whole amount.
assert(rules.amount(816000, 30, "2024-10") == 816000)
assert(rules.amount(387600, 12, "2024-09") == 155040)        -- 3 876 kr / 30 × 12 = 1 550,40 kr
assert(rules.amount(632400, 1, "2024-09") == 21080)
assert(rules.amount(816000, 28, "2024-02") == 761600)        -- started 2 February 2024: 28 of 29 days
-- To the nearest öre, half an öre up.
assert(rules.amount(100001, 1, "2024-09") == 3333)           -- 3333.37
assert(rules.amount(100001, 2, "2024-09") == 6667)           -- 6666.73
assert(rules.amount(15, 1, "2024-09") == 1)                  -- 0.5
assert(rules.amount(45, 1, "2024-09") == 2)                  -- 1.5

-- ------------------------------------------------------------------ the cut-off

assert(rules.cutoff("2024-09") == "2024-10-15")
assert(rules.cutoff("2024-12") == "2025-01-15")
assert(rules.run_for("2024-09", "2024-10-15") == "2024-09")  -- on the cut-off: this month's run
assert(rules.run_for("2024-09", "2024-10-16") == "2024-10")  -- the day after: the next run
assert(rules.run_for("2024-09", "2024-11-15") == "2024-10")
assert(rules.run_for("2024-09", "2024-11-16") == "2024-11")
assert(rules.run_for("2024-09", "2024-09-28") == "2024-09")  -- approved early: never before its month
assert(rules.run_for("2024-12", "2025-01-10") == "2024-12")

-- ------------------------------------------------------------------ a register

local programmes = {
  { id = 1, code = "FAI1", customerChoice = "FAI", monthlyAmounts = { ["2024"] = 816000 } },
  { id = 2, code = "AMI2", customerChoice = "AMI", monthlyAmounts = { ["2024"] = 387600 } },
}
local providers = {
  { id = 10, code = "jobbexpert", name = "Jobbexpert AB" },
  { id = 11, code = "framsteg", name = "Framsteg AB" },
}

local function monthly(period, submitted, approved)
  return { templateId = "nacka-manadsrapport", period = period, submittedOn = submitted, approvedOn = approved,
           status = approved and "approved" or "submitted" }
end
local function final(event, submitted, approved)
  return { templateId = "nacka-slutrapport", eventDate = event, submittedOn = submitted, approvedOn = approved,
           status = approved and "approved" or "submitted" }
end

local enrolments = {
  -- A: FAI 1 from Thursday 12 September 2024, still going.
  { enrolment = { id = 1, personId = 101, programmeId = 1, providerId = 10, start = "2024-09-12" },
    reports = { monthly("2024-09", "2024-10-03", "2024-10-10"), monthly("2024-10", "2024-11-05", "2024-11-14"),
                monthly("2024-11", "2024-12-04", "2024-12-20") } },
  -- B: AMI 2, interrupted on 10 October; final report in time (20 October), approved after the cut-off.
  { enrolment = { id = 2, personId = 102, programmeId = 2, providerId = 11, start = "2024-08-01",
                  actualEnd = "2024-10-10", endReason = "interrupted" },
    reports = { monthly("2024-09", "2024-10-02", "2024-10-08"), monthly("2024-10", "2024-11-04", "2024-11-12"),
                final("2024-10-10", "2024-10-20", "2024-11-20") } },
  -- C: AMI 2, interrupted on 25 October; the final report came after the two weeks (12 November).
  { enrolment = { id = 3, personId = 103, programmeId = 2, providerId = 11, start = "2024-10-01",
                  actualEnd = "2024-10-25", endReason = "interrupted" },
    reports = { monthly("2024-10", "2024-11-04", "2024-11-06"), final("2024-10-25", "2024-11-12", "2024-11-13") } },
  -- D: FAI 1 for the whole of October, completed; both reports approved before the cut-off.
  { enrolment = { id = 4, personId = 104, programmeId = 1, providerId = 10, start = "2024-10-01",
                  actualEnd = "2024-10-31", endReason = "completed" },
    reports = { monthly("2024-10", "2024-11-01", "2024-11-08"), final("2024-10-31", "2024-10-30", "2024-11-08") } },
  -- E: FAI 1 from 2 February 2024 (a leap year) to 31 March.
  { enrolment = { id = 5, personId = 105, programmeId = 1, providerId = 10, start = "2024-02-02",
                  actualEnd = "2024-03-31", endReason = "completed" },
    reports = { monthly("2024-02", "2024-03-05", "2024-03-11"), monthly("2024-03", "2024-04-02", "2024-04-08"),
                final("2024-03-31", "2024-03-28", "2024-04-08") } },
  -- F: FAI 1 from 2025, a year with no amount decided in the register.
  { enrolment = { id = 6, personId = 106, programmeId = 1, providerId = 10, start = "2025-01-01" },
    reports = { monthly("2025-01", "2025-02-03", "2025-02-10") } },
}

--- The data as `billing.enrolments` gives it at the end of day `as_of`: what happened later is
--- not yet known.
local function as_of(day)
  local seen = {}
  for _, entry in ipairs(enrolments) do
    local reports = {}
    for _, report in ipairs(entry.reports) do
      if report.submittedOn <= day then
        local copy = {}
        for k, v in pairs(report) do copy[k] = v end
        if copy.approvedOn and copy.approvedOn > day then copy.approvedOn = nil; copy.status = "submitted" end
        reports[#reports + 1] = copy
      end
    end
    seen[#seen + 1] = { enrolment = entry.enrolment, reports = reports }
  end
  return { programmes = programmes, providers = providers, enrolments = seen }
end

local function run(month, day) return rules.compute(as_of(day), month, day) end

--- "ENROLMENT MONTH DAYS AMOUNT" for each line, or "... : REASON" for each held one.
local function show(lines)
  local out = {}
  for _, line in ipairs(lines) do
    out[#out + 1] = ("%d %s %d %s%s"):format(line.enrolment, line.month, line.days, tostring(line.amount),
      line.reason and (": " .. line.reason) or "")
  end
  return table.concat(out, "\n")
end

local function check(actual, expected)
  assert(actual == expected, "\n--- expected:\n" .. expected .. "\n--- got:\n" .. actual)
end

-- ------------------------------------------------------------------ time travel: September's run

-- On 9 October nothing of September is approved yet; the run is preliminary.
local september = run("2024-09", "2024-10-09")
assert(september.preliminary == true and september.cutoff == "2024-10-15")
check(show(september.lines), "2 2024-09 30 387600")
check(show(september.held), "1 2024-09 19 516800: månadsrapporten för 2024-09 är inte godkänd")

-- On 10 October A's report is approved: 19 days of 30 from the 12th. Lines are by provider
-- (code), then customer.
september = run("2024-09", "2024-10-10")
check(show(september.lines), "2 2024-09 30 387600\n1 2024-09 19 516800")
assert(#september.held == 0)

-- After the cut-off the basis is final, and the same.
september = run("2024-09", "2024-10-16")
assert(september.preliminary == false)
check(show(september.lines), "2 2024-09 30 387600\n1 2024-09 19 516800")

-- ------------------------------------------------------------------ time travel: October's run

-- On 13 November: B's final report is not approved, C's final report came late (no compensation
-- days: 25 days of October), D is a whole month, A's October report is not yet approved.
local october = run("2024-10", "2024-11-13")
check(show(october.lines), "3 2024-10 25 323000\n4 2024-10 31 816000")
check(show(october.held), table.concat({
  "2 2024-10 24 310080: slutrapporten är inte godkänd",
  "1 2024-10 31 816000: månadsrapporten för 2024-10 är inte godkänd",
}, "\n"))

-- On 16 November, past the cut-off: A was approved on the 14th and is paid; B's final report was
-- approved on the 20th, after the cut-off, so it waits for November's run.
october = run("2024-10", "2024-11-20")
check(show(october.lines), "3 2024-10 25 323000\n1 2024-10 31 816000\n4 2024-10 31 816000")
check(show(october.held), "2 2024-10 24 310080: godkänd 2024-11-20, efter brytdatum 2024-11-15: betalas i körningen för 2024-11")
assert(october.lines[1].note == nil)

-- ------------------------------------------------------------------ November's run: a late approval

-- B's October pays in November's run: 10 days of intervention and 14 of compensation; A's
-- November report was approved on the 20th December, after November's cut-off (15 December).
local november = run("2024-11", "2024-12-20")
check(show(november.lines), "2 2024-10 24 310080")
assert(november.lines[1].note == "avbruten 2024-10-10: 14 dagars ersättning för slutrapport", november.lines[1].note)
assert(november.lines[1].provider_name == "Framsteg AB" and november.lines[1].customer == 102)
check(show(november.held), "1 2024-11 30 816000: godkänd 2024-12-20, efter brytdatum 2024-12-15: betalas i körningen för 2024-12")

-- ------------------------------------------------------------------ leap years and missing amounts

-- E started on 2 February 2024: 28 of 29 days, paid as 28/30 of the amount; March is whole.
local february = run("2024-02", "2024-03-15")
check(show(february.lines), "5 2024-02 28 761600")
assert(february.lines[1].full_month == false)
check(show(run("2024-03", "2024-04-15").lines), "5 2024-03 31 816000")

-- In 2025 FAI 1 has no amount in the register: F's approved month is held, with the reason
-- (and A, still going, has no report for January).
local january = run("2025-01", "2025-02-15")
check(show(january.held), "1 2025-01 31 nil: månadsrapporten för 2025-01 är inte godkänd\n"
  .. "6 2025-01 31 nil: FAI1 har inget månadsbelopp för 2025")

return "ok"
