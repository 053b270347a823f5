-- The 5th working day, moved by Easter (April 2026) and by nationaldagen (June 2025).
local testkit = require("reminders.lib.testkit")
local rule = require("reminders.lss-kontaktperson")

testkit.world{
  people = { [1] = { firstName = "Anna", lastName = "Svensson" }, [2] = { firstName = "Bo", lastName = "Ek" },
    [3] = { firstName = "Cia", lastName = "Lind" }, [9] = { firstName = "Karin", lastName = "Lund" } },
  users = { [201] = { displayName = "Karin Lund", roles = { "reporter" }, personId = 9 },
    [202] = { displayName = "Per Nord", roles = { "reporter" } } },
  enrolments = {
    { id = 21, personId = 1, programme = "lss-kontaktperson", start = "2024-01-01", reporterId = 201 },
    { id = 22, personId = 2, programme = "lss-kontaktperson", start = "2024-01-01", reporterId = 201 },
    { id = 23, personId = 3, programme = "lss-kontaktperson", start = "2024-01-01", reporterId = 202 },
    { id = 24, personId = 3, programme = "etablering", start = "2024-01-01", reporterId = 202 },
  },
  reports = {
    { id = 5, enrolmentId = 23, templateId = "lss-kontaktperson", period = "2025-09", status = "approved", authorId = 202 },
  },
}

-- October 2025: the 5th working day is Tuesday the 7th.
assert(#testkit.run(rule, "2025-10-06") == 0, "not on the 4th working day")
local sent = testkit.run(rule, "2025-10-07T08:00")
assert(#sent == 1, "one reminder: Karin's two people are counted in one; Per has handed in")
local karin = sent[1]
assert(karin.recipient == "user:201" and karin.period == "2025-09" and karin.step == "working_day_of_month:5")
assert(karin.deadline == "2025-10-10" and karin.link == "/mina-sidor")
assert(karin.subject == "Påminnelse: månadsrapport som kontaktperson för september 2025", karin.subject)
assert(karin.body:find("^Hej Karin!\n\nDin månadsrapport som kontaktperson för september 2025 saknas för 2 personer "
  .. "som du är kontaktperson för%. Lämna den senast fredag 10 oktober%."), karin.body)
assert(not karin.body:find("Anna") and not karin.body:find("Bo Ek"), "the people supported are never named")

-- Easter 2026: långfredagen 3 April and annandag påsk 6 April push the 5th working day from
-- Tuesday 7 April to Thursday 9 April.
assert(#testkit.run(rule, "2026-04-07T09:00") == 0, "not on the 7th: Easter moved the day")
local april = testkit.run(rule, "2026-04-09T09:00")
assert(#april == 2 and april[1].period == "2026-03", "both contact persons miss March")

-- Nationaldagen (Friday 6 June 2025) pushes it from the 6th to Monday 9 June.
assert(#testkit.run(rule, "2025-06-06") == 0)
local june = testkit.run(rule, "2025-06-09T08:00")
assert(#june == 2 and june[1].step == "working_day_of_month:5")

-- Caught up after the deadline (the runner was down from the 9th), the text says it is late.
local late = testkit.run(rule, "2026-04-11T10:00")
assert(late[1].body:find("Den skulle ha lämnats senast fredag 10 april; lämna den så snart du kan%."), late[1].body)
assert(june[1].body:find("Lämna den senast i morgon, tisdag 10 juni%."), june[1].body)

return "ok"
