-- Returned reports not resubmitted after 5 days; one reminder per return.
local testkit = require("reminders.lib.testkit")
local rule = require("reminders.aterremitterad")

testkit.world{
  people = { [1] = { firstName = "Anna", lastName = "Svensson" }, [9] = { firstName = "Karin", lastName = "Lund" } },
  users = { [601] = { displayName = "Karin Lund", roles = { "reporter" }, personId = 9 } },
  enrolments = { { id = 61, personId = 1, programme = "lss-kontaktperson", start = "2024-01-01", reporterId = 601 } },
  reports = {
    { id = 123, enrolmentId = 61, templateId = "lss-kontaktperson", period = "2025-09", status = "returned", authorId = 601,
      caseNumber = "2025-000123",
      history = { { status = "draft", at = "2025-10-01T08:00:00Z" }, { status = "submitted", at = "2025-10-02T08:00:00Z" },
        -- 22:30 UTC is 00:30 on the 4th in Stockholm (summer time)
        { status = "returned", at = "2025-10-03T22:30:00Z" } } },
    { id = 124, enrolmentId = 61, templateId = "lss-kontaktperson", period = "2025-08", status = "resubmitted", authorId = 601,
      history = { { status = "returned", at = "2025-09-20T08:00:00Z" }, { status = "resubmitted", at = "2025-09-22T08:00:00Z" } } },
  },
}

-- Returned on 4 October (local time): the reminder is due from 9 October.
assert(#testkit.run(rule, "2025-10-08T20:00") == 0)
local sent = testkit.run(rule, "2025-10-09T08:00")
assert(#sent == 1, "only the report still returned")
local karin = sent[1]
assert(karin.recipient == "user:601" and karin.step == "days_after:5")
assert(karin.period == "rapport:123:2025-10-04" and karin.link == "/rapporter/123", karin.period)
assert(karin.subject == "Påminnelse: komplettera din rapport för september 2025", karin.subject)
assert(karin.body == "Hej Karin!\n\nDin rapport för september 2025 (ärende 2025-000123) skickades tillbaka för "
  .. "komplettering lördag 4 oktober och har inte skickats in igen. Läs handläggarens kommentar, komplettera "
  .. "rapporten och skicka in den igen.", karin.body)
assert(karin.sms == "Påminnelse: din rapport för september 2025 (ärende 2025-000123) väntar på komplettering. Logga in och skicka in den igen.")

-- Caught up for a week after the 9th, not after.
assert(#testkit.run(rule, "2025-10-16") == 1)
assert(#testkit.run(rule, "2025-10-17") == 0)

return "ok"
