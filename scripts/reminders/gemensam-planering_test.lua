-- GP due tomorrow: the working day before the deadline, over a weekend and over Easter.
local testkit = require("reminders.lib.testkit")
local rule = require("reminders.gemensam-planering")

testkit.world{
  people = { [1] = { firstName = "A", lastName = "A" }, [2] = { firstName = "B", lastName = "B" },
    [3] = { firstName = "C", lastName = "C" } },
  users = { [501] = { displayName = "Nils Holm", roles = { "provider_staff" }, organisation = 70 },
    [502] = { displayName = "Rut Ek", roles = { "provider_staff" }, organisation = 71 } },
  enrolments = {
    { id = 51, personId = 1, programme = "rom", start = "2025-10-06", providerId = 70 },  -- due Monday 13 Oct
    { id = 52, personId = 2, programme = "rom", start = "2025-10-06", providerId = 71 },  -- GP submitted
    { id = 53, personId = 3, programme = "rom", start = "2026-03-27", providerId = 70 },  -- due over Easter
  },
  reports = {
    { id = 6, enrolmentId = 52, templateId = "rom-gemensam-planering", status = "submitted", authorId = 502 },
  },
}

-- Due Monday the 13th: reminded on Friday the 10th, not on Thursday.
assert(#testkit.run(rule, "2025-10-09") == 0)
local friday = testkit.run(rule, "2025-10-10T08:00")
assert(#friday == 1, "only the participant without a GP")
local nils = friday[1]
assert(nils.recipient == "user:501" and nils.deadline == "2025-10-13" and nils.step == "working_days_before:1")
assert(nils.subject == "Påminnelse: gemensam planering ska lämnas senast måndag 13 oktober", nils.subject)
assert(nils.body:find("för en deltagare ska lämnas till Arbetsförmedlingen senast måndag 13 oktober, fem arbetsdagar"), nils.body)
-- Caught up on the Monday itself, it still goes, and says so.
local monday = testkit.run(rule, "2025-10-13T07:00")
assert(monday[1].subject == "Påminnelse: gemensam planering ska lämnas senast i dag, måndag 13 oktober", monday[1].subject)
assert(#testkit.run(rule, "2025-10-14") == 0, "the deadline has passed")

-- Started Friday 27 March 2026: 5 working days later is Tuesday 7 April (Easter in between),
-- so "tomorrow" is Thursday 2 April, the day before långfredagen.
assert(#testkit.run(rule, "2026-04-01") == 0)
local easter = testkit.run(rule, "2026-04-02T10:00")
assert(#easter == 1 and easter[1].deadline == "2026-04-07", easter[1] and easter[1].deadline)

return "ok"
