-- Nacka's monthly report on the 5th: per staff member of each provider, a count, no names.
local testkit = require("reminders.lib.testkit")
local rule = require("reminders.nacka-manadsrapport")

testkit.world{
  people = { [1] = { firstName = "Ali", lastName = "Nur" }, [2] = { firstName = "Eva", lastName = "Ström" },
    [3] = { firstName = "Ivan", lastName = "Petrov" } },
  users = { [301] = { displayName = "Lena Berg", roles = { "provider_staff" }, organisation = 50 },
    [302] = { displayName = "Jonas Falk", roles = { "provider_staff" }, organisation = 50 },
    [303] = { displayName = "Mira Sand", roles = { "provider_staff" }, organisation = 60 },
    [304] = { displayName = "Olle Officer", roles = { "officer" }, organisation = 50 } },
  enrolments = {
    { id = 31, personId = 1, programme = "FAI1", start = "2025-08-01", providerId = 50 },
    { id = 32, personId = 2, programme = "AMI2", start = "2025-06-01", providerId = 50 },
    { id = 33, personId = 3, programme = "ISA1", start = "2025-06-01", providerId = 60 },
    { id = 34, personId = 3, programme = "rom", start = "2025-06-01", providerId = 60 },
  },
  reports = {
    { id = 9, enrolmentId = 33, templateId = "nacka-manadsrapport", period = "2025-09", status = "submitted", authorId = 303 },
  },
}

-- Sunday 5 October 2025 moves to Friday the 3rd.
assert(#testkit.run(rule, "2025-10-02") == 0)
local sent = testkit.run(rule, "2025-10-03T08:15")
assert(#sent == 2, "Lena and Jonas of provider 50; provider 60 is ready; the officer is not staff")
local lena = testkit.find(sent, "recipient", "user:301")
assert(lena.step == "day_of_month:5" and lena.period == "2025-09" and lena.deadline == "2025-10-07")
assert(lena.subject == "Påminnelse: månadsrapporter för september 2025 att klarmarkera", lena.subject)
assert(lena.body:find("^Hej Lena!\n\nMånadsrapporten för september 2025 är ännu inte klarmarkerad för 2 kunder%. "
  .. "Rapporterna ska vara klara senast tisdag 7 oktober;"), lena.body)
assert(not lena.body:find("Ali") and not lena.body:find("Eva"), "customers are never named")
assert(#lena.channels == 2 and lena.channels[2] == "epost", "in-app and e-mail, no SMS")
assert(not testkit.find(sent, "recipient", "user:304"))

-- November 2025: the 5th is a Wednesday; provider 60's October report is missing too.
local november = testkit.run(rule, "2025-11-05T08:00")
assert(#november == 3 and november[1].period == "2025-10")
assert(testkit.find(november, "recipient", "user:303").body:find("klarmarkerad för en kund%."))

return "ok"
