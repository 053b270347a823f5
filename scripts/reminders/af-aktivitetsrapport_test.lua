-- Time travel through October 2025 and a 13th on a Saturday (September 2025).
local testkit = require("reminders.lib.testkit")
local rule = require("reminders.af-aktivitetsrapport")

local function world()
  testkit.world{
    people = { [1] = { firstName = "Amina", lastName = "Haddad" }, [2] = { firstName = "Omar", lastName = "Ali" },
      [3] = { firstName = "Sara", lastName = "Berg", protected = true }, [4] = { firstName = "Karl", lastName = "Ek" } },
    users = { [101] = { displayName = "Amina Haddad", roles = { "reporter" }, personId = 1 },
      [103] = { displayName = "Sara Berg", roles = { "reporter" }, personId = 3 },
      [104] = { displayName = "Karl Ek", roles = { "reporter" }, personId = 4 } },
    enrolments = {
      { id = 11, personId = 1, programme = "etablering", start = "2025-03-01", reporterId = 101 },
      { id = 12, personId = 2, programme = "etablering", start = "2025-03-01" },                  -- no login
      { id = 13, personId = 3, programme = "etablering", start = "2025-03-01", reporterId = 103 },
      { id = 14, personId = 4, programme = "etablering", start = "2025-03-01", reporterId = 104 }, -- submitted
      { id = 15, personId = 4, programme = "lss-kontaktperson", start = "2025-03-01", reporterId = 104 },
    },
    reports = {
      { id = 7, enrolmentId = 14, templateId = "af-aktivitetsrapport", period = "2025-09", status = "submitted", authorId = 104 },
      { id = 8, enrolmentId = 11, templateId = "af-aktivitetsrapport", period = "2025-09", status = "draft", authorId = 101 },
    },
  }
end

-- Before the 10th, and on the 10th before 08:00: nothing.
world()
assert(#testkit.run(rule, "2025-10-09T12:00") == 0, "not before the 10th")
assert(#testkit.run(rule, "2025-10-10T07:59") == 0, "not before 08:00")

-- The 10th at 08:00: the three who have not handed in (a draft does not count), not the one who did.
local sent = testkit.run(rule, "2025-10-10T08:00")
assert(#sent == 3, "three reminders, got " .. #sent)
local amina = testkit.find(sent, "recipient", "user:101")
assert(amina and amina.step == "day_of_month:10" and amina.period == "2025-09" and amina.deadline == "2025-10-14")
assert(amina.link == "/mina-sidor")
assert(amina.subject == "Påminnelse: aktivitetsrapporten för september 2025", amina.subject)
assert(amina.body:find("^Hej Amina!\n\nDu har ännu inte skickat in din aktivitetsrapport för september 2025%. "
  .. "Skicka in den senast tisdag 14 oktober%."), amina.body)
assert(amina.sms == "Påminnelse från Arbetsförmedlingen: skicka in aktivitetsrapporten för september 2025 senast tisdag 14 oktober.", amina.sms)
assert(amina.channels[1] == "in_app" and amina.channels[2] == "epost" and amina.channels[3] == "sms")
assert(testkit.find(sent, "recipient", "person:2"), "a participant without a login is reached as a person")
-- A protected identity is greeted without a name.
assert(testkit.find(sent, "recipient", "user:103").body:find("^Hej!\n"), "no name for a protected identity")
assert(not testkit.find(sent, "recipient", "user:104"), "the one who submitted gets nothing")

-- Catching up: a run on the 12th still sends the 10th's reminder; on the 13th the second one.
assert(testkit.run(rule, "2025-10-12")[1].step == "day_of_month:10")
local last = testkit.run(rule, "2025-10-13T09:00")
assert(#last == 3 and last[1].step == "day_of_month:13")
assert(last[1].subject == "Sista påminnelsen: aktivitetsrapporten för september 2025", last[1].subject)
assert(last[1].body:find("senast i morgon, tisdag 14 oktober"), last[1].body)
-- After the window closed, nothing more (the 13th's occasion is past its three catch-up days).
assert(#testkit.run(rule, "2025-10-17") == 0)

-- A 13th on a Saturday moves to Friday the 12th (September 2025: the report for August).
assert(testkit.run(rule, "2025-09-11")[1].step == "day_of_month:10")
local friday = testkit.run(rule, "2025-09-12T08:30")
assert(friday[1].step == "day_of_month:13" and friday[1].period == "2025-08", friday[1].step)

return "ok"
