-- Benchmarks/web: makes the fresh drafts the submission benchmark submits, run by run.sh as the
-- demo contact person with --write:
--   redovisa script run Benchmarks/web/drafts.lua --as kontaktperson --write --db DB
-- Each is an LSS report for last month about one of the contact person's clients, complete and
-- valid, at revision 1. The count comes from the first line of the file, which run.sh writes.
local count = DRAFTS or 20000

local today = clock.today()
local year, month = tonumber(today:sub(1, 4)), tonumber(today:sub(6, 7)) - 1
if month == 0 then year, month = year - 1, 12 end
local period = string.format("%04d-%02d", year, month)

local clients = enrolments.active()
assert(#clients > 0, "the contact person has no active enrolment")
local first, last
for i = 1, count do
  local enrolment = clients[(i - 1) % #clients + 1]
  local draft = reports.create_draft {
    template = "lss-kontaktperson", version = 1, period = period, person = enrolment.personId,
    enrolment = enrolment.id,
    answers = {
      klient_fornamn = "Anna", klient_efternamn = "Åberg", ar = year, manad = month,
      alla_tillfallen = "nej_nagra", aktiviteter = "Bio och fika.", anledning = "Sjuk en vecka.",
      personnummer = "198112189876", fornamn = "Gunilla", efternamn = "Andreasson",
      epost = "gunilla@example.se", notifiering = { "epost" }, bekraftelse = true,
    },
  }
  first = first or draft.id
  last = draft.id
end
return { first = first, last = last, period = period }
