-- Implementation plans 14 days after the start; reminded from 3 days before, once per deadline.
local testkit = require("reminders.lib.testkit")
local rule = require("reminders.genomforandeplan")

testkit.world{
  people = { [1] = { firstName = "A", lastName = "A" }, [2] = { firstName = "B", lastName = "B" },
    [3] = { firstName = "C", lastName = "C" }, [4] = { firstName = "D", lastName = "D" },
    [5] = { firstName = "E", lastName = "E" }, [6] = { firstName = "F", lastName = "F" } },
  users = { [401] = { displayName = "Lena Berg", roles = { "provider_staff" }, organisation = 50 } },
  enrolments = {
    { id = 41, personId = 1, programme = "FAI1", start = "2025-10-01", providerId = 50 },  -- due 10-15
    { id = 42, personId = 2, programme = "AMI1", start = "2025-10-01", providerId = 50 },  -- due 10-15
    { id = 43, personId = 3, programme = "ISA2", start = "2025-10-01", providerId = 50 },  -- plan handed in
    { id = 44, personId = 4, programme = "AMI2", start = "2025-10-03", providerId = 50 },  -- due 10-17
    { id = 45, personId = 5, programme = "FAI2", start = "2025-10-01", providerId = 50 },  -- plan submitted as a report
    { id = 46, personId = 6, programme = "ISA1", start = "2025-10-01", providerId = 50 },  -- only a draft: still due
  },
  reports = {
    { id = 7, enrolmentId = 45, templateId = "nacka-genomforandeplan", status = "submitted", authorId = 401 },
    { id = 8, enrolmentId = 46, templateId = "nacka-genomforandeplan", status = "draft", authorId = 401 },
  },
  plans = {
    { enrolmentId = 43, kind = "genomforandeplan", submittedAt = "2025-10-08" },
    { enrolmentId = 42, kind = "iup", submittedAt = "2025-10-08" },                       -- not the plan asked for
  },
}

-- Four days before the first deadline: nothing yet.
assert(#testkit.run(rule, "2025-10-11") == 0)
-- Sunday the 12th, three days before Wednesday the 15th, but not before 08:00.
assert(#testkit.run(rule, "2025-10-12T07:00") == 0)
local sent = testkit.run(rule, "2025-10-12T08:00")
assert(#sent == 1, "one reminder for the three customers due on the 15th")
local lena = sent[1]
assert(lena.recipient == "user:401" and lena.period == "2025-10-15" and lena.deadline == "2025-10-15")
assert(lena.step == "days_before:3" and lena.link == "/mina-sidor")
assert(lena.subject == "Påminnelse: genomförandeplan ska lämnas senast onsdag 15 oktober", lena.subject)
assert(lena.body:find("^Hej Lena!\n\nGenomförandeplanen för 3 kunder ska lämnas senast onsdag 15 oktober, 14 dagar"), lena.body)

-- Tuesday the 14th: the deadline of the 17th has come into reach too (a separate reminder,
-- its own period); the 15th's is still due until the deadline (the ledger sends it once).
local tuesday = testkit.run(rule, "2025-10-14")
assert(#tuesday == 2)
local later = testkit.find(tuesday, "period", "2025-10-17")
assert(later and later.body:find("för en kund ska lämnas senast fredag 17 oktober"), later and later.body)
assert(testkit.find(tuesday, "period", "2025-10-15").body:find("senast i morgon, onsdag 15 oktober"))

-- After a deadline has passed, no more reminders for it.
local after = testkit.run(rule, "2025-10-16")
assert(#after == 1 and after[1].period == "2025-10-17")
assert(#testkit.run(rule, "2025-10-18") == 0)

return "ok"
