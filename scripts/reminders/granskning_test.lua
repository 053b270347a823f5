-- Officers reminded after the 12th of the reports still waiting for review.
local testkit = require("reminders.lib.testkit")
local rule = require("reminders.granskning")

testkit.world{
  people = { [1] = { firstName = "A", lastName = "A" }, [2] = { firstName = "B", lastName = "B" },
    [3] = { firstName = "C", lastName = "C" } },
  users = { [701] = { displayName = "Maria Holm", roles = { "officer" }, organisation = 1, office = 11 },
    [702] = { displayName = "Sven Dahl", roles = { "officer" }, organisation = 1, office = 12 },
    [703] = { displayName = "Lisa Berg", roles = { "officer" }, organisation = 1, office = 12 } },
  enrolments = {
    { id = 71, personId = 1, programme = "FAI1", start = "2025-01-01", officeId = 11, officerId = 701 },
    { id = 72, personId = 2, programme = "AMI1", start = "2025-01-01", officeId = 11, officerId = 701 },
    { id = 73, personId = 3, programme = "AMI1", start = "2025-01-01", officeId = 12 },   -- no responsible officer
  },
  reports = {
    { id = 1, enrolmentId = 71, templateId = "nacka-manadsrapport", period = "2025-09", status = "submitted", authorId = 9 },
    { id = 2, enrolmentId = 72, templateId = "nacka-manadsrapport", period = "2025-09", status = "resubmitted", authorId = 9 },
    { id = 3, enrolmentId = 73, templateId = "nacka-manadsrapport", period = "2025-09", status = "submitted", authorId = 9 },
    { id = 4, enrolmentId = 71, templateId = "nacka-manadsrapport", period = "2025-08", status = "submitted", authorId = 9 },
    { id = 5, enrolmentId = 72, templateId = "nacka-manadsrapport", period = "2025-09", status = "approved", authorId = 9 },
  },
}

-- Monday 13 October 2025 at 07:30.
assert(#testkit.run(rule, "2025-10-12T23:00") == 0)
assert(#testkit.run(rule, "2025-10-13T07:29") == 0)
local sent = testkit.run(rule, "2025-10-13T07:30")
assert(#sent == 3, "Maria (responsible for two), and both officers of office 12 for the third")
local maria = testkit.find(sent, "recipient", "user:701")
assert(maria.period == "2025-09" and maria.link == "/arbetsko" and maria.step == "day_of_month:13")
assert(maria.subject == "Påminnelse: rapporter för september 2025 att granska", maria.subject)
assert(maria.body:find("^Hej Maria!\n\n2 inskickade rapporter för september 2025 väntar fortfarande på granskning%. "
  .. "Granskningen skulle vara klar den 12:e; godkänn eller återremittera senast onsdag 15 oktober"), maria.body)
assert(testkit.find(sent, "recipient", "user:703").body:find("En inskickad rapport för september 2025"))

-- Saturday 13 September 2025 moves to Monday the 15th (the reports for August).
assert(#testkit.run(rule, "2025-09-13") == 0)
local monday = testkit.run(rule, "2025-09-15T08:00")
assert(#monday == 1 and monday[1].recipient == "user:701" and monday[1].period == "2025-08")

return "ok"
