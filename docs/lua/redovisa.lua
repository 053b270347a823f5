---@meta redovisa
--
-- LuaLS annotations for Redovisa's Lua sandbox: what a script can call, with types, so that an
-- editor with the Lua language server (LuaLS) completes and checks it. This file is never run.
-- The reference is docs/scripting.md; .luarc.json at the repository root points LuaLS here.
--
-- What the sandbox has, and so what this file declares:
--   * the base functions the sandbox keeps (below), with the sandbox's own rules for load,
--     setmetatable, collectgarbage, pcall and xpcall;
--   * the libraries string, table, math, utf8 and coroutine, which LuaLS knows by itself;
--   * the host's globals: the `clock` and `calendar` tables, `print` and `require`;
--   * the domain modules `people`, `enrolments`, `reports`, `plans`, `billing` and `deadlines`
--     (in a run for a user only: `redovisa script run FILE --as USERNAME`) and the records they
--     return, `redovisa.Person`, `redovisa.Enrolment`, `redovisa.Report`, `redovisa.StatusChange`,
--     `redovisa.Receipt`, `redovisa.Plan`, `redovisa.Programme`, `redovisa.Organisation`,
--     `redovisa.BillingReport`, `redovisa.PlanState` and `redovisa.Absence`.
--
-- Diagnostics notes: what does NOT exist in the sandbox, and why.
--   * io, os, debug, package: disabled in .luarc.json ("runtime.builtin"), so LuaLS reports
--     them as undefined globals. Scripts must not touch files, processes, the environment or
--     other scripts' internals; dates and times come from `clock`, modules from `require`.
--   * dofile, loadfile, arg, warn, unpack: .luarc.json disables LuaLS's whole "basic" library
--     and this file declares the base functions the sandbox really has, so these are reported
--     as undefined globals too (dofile and loadfile would read files; use `require`).
--   * string.dump: LuaLS still completes it (it is part of LuaLS's "string" library), but the
--     sandbox removes it: `string.dump` is nil. Only text chunks are ever loaded.
--   * __gc metamethods: setmetatable refuses a metatable with a __gc field.
-- Using any of these at run time fails with "attempt to call a nil value (global 'dofile')"
-- or "attempt to index a nil value (global 'os')".
--
-- Later host modules (notify, …) are added here as they land.

-- ---------------------------------------------------------------- the host's globals

---The host's clock, in Europe/Stockholm. It is the run's clock, not the machine's: a test or
---`redovisa script run --as-of 2025-10-14` sets "today" (a date alone means 12:00 that day).
---@class redovisa.clock
clock = {}

---Today's date in Europe/Stockholm.
---
---```lua
---clock.today() --> "2025-10-14"
---```
---@return string date `"YYYY-MM-DD"`; such dates compare correctly with `<` and `==`.
---@nodiscard
function clock.today() end

---The current local time in Europe/Stockholm, ISO 8601 with the UTC offset.
---
---```lua
---clock.now() --> "2025-10-14T12:00:00+02:00"
---```
---@return string time `"YYYY-MM-DDTHH:MM:SS+HH:MM"` (`+01:00` in winter, `+02:00` in summer).
---@nodiscard
function clock.now() end

---The time zone of every date and time the host gives a script.
---
---```lua
---clock.timezone() --> "Europe/Stockholm"
---```
---@return string identifier An IANA time-zone name.
---@nodiscard
function clock.timezone() end

---Writes its arguments, each converted with `tostring` and separated by tabs, as one line to
---the host's log (standard error under `redovisa script run`, prefixed with `FILE:LINE:`).
---It never changes what the script returns.
---
---```lua
---print("rows:", #rows) -- scripts/x.lua:3: rows:	4
---```
---@param ... any
function print(...) end

---Loads a module from the project's `scripts/` or `templates/` folder and returns what it
---returns (`true` when it returns nothing). `"reminders.common"` is `reminders/common.lua` or
---`reminders/common/init.lua`. Each module runs once per run; later calls return the same value.
---Names are dot-separated words of letters, digits, `_` and `-`: no `/`, no `..`.
---
---```lua
---local swedish = require("examples.lib.swedish")
---```
---@param name string
---@return any module
function require(name) end

-- ---------------------------------------------------------------- calendar

---Swedish public holidays and working days (1900–2200), and date arithmetic, in
---Europe/Stockholm. In every run, with or without a user. Working days are Monday–Friday except
---public holidays and, unless the run's setting or `{ eves_working = true }` says otherwise,
---midsommarafton, julafton and nyårsafton. A date outside 1900–2200 raises
---`kalendern omfattar åren 1900–2200, inte 2201`.
---@class redovisa.calendar
calendar = {}

---Options of the working-day functions.
---@class redovisa.CalendarOptions
---@field eves_working? boolean count midsommarafton, julafton and nyårsafton as working days (default: the run's setting, by default false)

---A public holiday or eve.
---@class redovisa.Holiday
---@field date string `"YYYY-MM-DD"`
---@field name string the Swedish name: `"nyårsdagen"`, `"Kristi himmelsfärdsdag"`, `"midsommarafton"`
---@field kind "public_holiday"|"eve"

---Whether a day is a working day.
---
---```lua
---calendar.is_working_day("2025-04-18") --> false (långfredagen)
---```
---@param date string `"YYYY-MM-DD"`
---@param options? redovisa.CalendarOptions
---@return boolean
---@nodiscard
function calendar.is_working_day(date, options) end

---The working day `n` working days after `date` (before it when `n` is negative); `date` itself
---never counts. `0` gives `date` when it is a working day, else the next one.
---
---```lua
---calendar.add_working_days("2025-04-17", 1) --> "2025-04-22"
---```
---@param date string `"YYYY-MM-DD"`
---@param n integer
---@param options? redovisa.CalendarOptions
---@return string date `"YYYY-MM-DD"`
---@nodiscard
function calendar.add_working_days(date, n, options) end

---The working days after `a` up to and including `b` (negative when `b` is before `a`).
---
---```lua
---calendar.working_days_between("2025-12-22", "2026-01-02") --> 4
---```
---@param a string `"YYYY-MM-DD"`
---@param b string `"YYYY-MM-DD"`
---@param options? redovisa.CalendarOptions
---@return integer
---@nodiscard
function calendar.working_days_between(a, b, options) end

---The first working day after `date`.
---
---```lua
---calendar.next_working_day("2025-06-19") --> "2025-06-23"
---```
---@param date string `"YYYY-MM-DD"`
---@param options? redovisa.CalendarOptions
---@return string date `"YYYY-MM-DD"`
---@nodiscard
function calendar.next_working_day(date, options) end

---The public holidays and eves of a year (1900–2200), in date order.
---@param year integer
---@return redovisa.Holiday[]
---@nodiscard
function calendar.holidays(year) end

---The public holiday or eve on a day, or nil.
---@param date string `"YYYY-MM-DD"`
---@return redovisa.Holiday?
---@nodiscard
function calendar.holiday(date) end

---Easter Sunday (påskdagen) of a year (1900–2200).
---@param year integer
---@return string date `"YYYY-MM-DD"`
---@nodiscard
function calendar.easter(year) end

---The day `n` calendar days after `date` (before it when negative); years 1–9999.
---@param date string `"YYYY-MM-DD"`
---@param n integer
---@return string date `"YYYY-MM-DD"`
---@nodiscard
function calendar.add_days(date, n) end

---The same day `n` months later (earlier when negative), or the month's last day.
---
---```lua
---calendar.add_months("2025-01-31", 1) --> "2025-02-28"
---```
---@param date string `"YYYY-MM-DD"`
---@param n integer
---@return string date `"YYYY-MM-DD"`
---@nodiscard
function calendar.add_months(date, n) end

---Calendar days from `a` to `b` (positive when `b` is later).
---@param a string `"YYYY-MM-DD"`
---@param b string `"YYYY-MM-DD"`
---@return integer
---@nodiscard
function calendar.days_between(a, b) end

---The ISO weekday: 1 is Monday, 7 is Sunday.
---@param date string `"YYYY-MM-DD"`
---@return integer
---@nodiscard
function calendar.weekday(date) end

---The number of days in a month, `"YYYY-MM"`.
---@param month string `"YYYY-MM"`
---@return integer
---@nodiscard
function calendar.days_in_month(month) end

-- ---------------------------------------------------------------- the domain modules
--
-- people, enrolments, reports, plans, billing and deadlines exist only in a run for a user
-- (`redovisa script run FILE --as USERNAME`). Each function sees what that user may see, masks
-- protected identities, and is audited as the user through `script:FILE`. A refusal or a broken
-- rule raises a Lua error with Redovisa's Swedish message (catch it with pcall). The records'
-- fields are named as in the model (camelCase); dates are "YYYY-MM-DD", months "YYYY-MM",
-- instants ISO 8601 in UTC ("2025-10-03T10:00:00Z"). Returned tables are copies.

---A date, `"YYYY-MM-DD"`; dates in this form compare correctly with `<` and `==`.
---@alias redovisa.date string

---A month (a reporting period), `"YYYY-MM"`.
---@alias redovisa.month string

---An instant, ISO 8601 in UTC: `"2025-10-03T10:00:00Z"`.
---@alias redovisa.instant string

---@alias redovisa.ReportStatus "draft"|"submitted"|"returned"|"resubmitted"|"approved"|"withdrawn"

---@alias redovisa.PlanKind "iup"|"gemensam_planering"|"genomforandeplan"

---An office: its id, or `"ORGANISATION/OFFICE"` by codes (`"nacka/norr"`).
---@alias redovisa.office integer|string

---A person as the run's user may see them. A protected identity seen without the permission is
---masked: `firstName = "Skyddad identitet"`, `personnummer = "********-****"`, `lastName = ""`,
---no municipality, district, e-mail or mobile, and `isMasked = true`.
---@class redovisa.Person
---@field id integer
---@field personnummer string `"19900517-2342"`, or `"********-****"` when masked
---@field firstName string
---@field lastName string
---@field municipality? string home municipality (hemkommun)
---@field district? string
---@field email? string
---@field mobile? string
---@field notify ("epost"|"sms")[] channels the person wants notifications through
---@field isProtected boolean the person has a protected identity
---@field isMasked boolean identifying details were withheld from this user

---An extension of an enrolment beyond its planned end, by decision.
---@class redovisa.Extension
---@field decidedOn redovisa.date
---@field newPlannedEnd redovisa.date

---A person's enrolment (insats) in a programme.
---@class redovisa.Enrolment
---@field id integer
---@field personId integer
---@field programmeId integer
---@field responsibleOrganisationId integer the municipality or agency responsible
---@field officeId? integer
---@field providerId? integer
---@field officerId? integer the responsible officer (handläggare)
---@field reporterId? integer the user who reports for it
---@field start redovisa.date
---@field plannedEnd? redovisa.date
---@field actualEnd? redovisa.date
---@field endReason? "completed"|"ended_early"|"interrupted"
---@field extensions redovisa.Extension[]
---@field agreement table<string, any> local agreements, such as `{ sessions_per_month = 4 }`

---A report: the answers to one template about one person, with its status.
---@class redovisa.Report
---@field id integer
---@field templateId string
---@field templateVersion integer
---@field period? redovisa.month for monthly reports
---@field eventDate? redovisa.date for event reports
---@field personId integer
---@field enrolmentId? integer
---@field authorId integer
---@field answers table as the template defines them
---@field status redovisa.ReportStatus
---@field revision integer one higher after every change; pass it to `reports.save`
---@field caseNumber? string `"2025-000123"`, once submitted
---@field receiptHash? string SHA-256 (hex) of the answers at submission
---@field submittedAt? redovisa.instant
---@field submittedBy? integer
---@field late boolean submitted after the template's window
---@field createdAt redovisa.instant
---@field updatedAt redovisa.instant
---@field responsibleOrganisationId? integer
---@field officeId? integer
---@field providerId? integer

---One change of a report's status.
---@class redovisa.StatusChange
---@field id integer
---@field reportId integer
---@field status redovisa.ReportStatus
---@field at redovisa.instant
---@field byUserId? integer
---@field onBehalfOf? string `"script:scripts/x.lua"` when a script made the change
---@field comment? string

---What a reporter gets when a report is submitted ("Ditt ärende är nu inskickat").
---@class redovisa.Receipt
---@field caseNumber string `"2025-000123"` (ärendenummer)
---@field submittedAt redovisa.instant
---@field submittedBy string the display name of who submitted
---@field templateId string
---@field templateVersion integer
---@field hash string SHA-256 (hex) of the answers as submitted

---One planned activity of a plan.
---@class redovisa.PlanActivity
---@field name string
---@field mandatory boolean
---@field hoursPerWeek number
---@field goal? string

---One version of an enrolment's plan.
---@class redovisa.Plan
---@field id integer
---@field enrolmentId integer
---@field kind redovisa.PlanKind
---@field version integer
---@field activities redovisa.PlanActivity[]
---@field createdAt redovisa.date
---@field submittedAt? redovisa.date
---@field approvedAt? redovisa.date

---The register of people, as the run's user may see them (protected identities masked).
---@class redovisa.people
people = {}

---The person with id `id`. Raises "personen finns inte", or the SUS message
---("Du saknar uppdrag i organisation …") when the user may not see them.
---
---```lua
---local person = people.get(enrolment.personId)
---```
---@param id integer
---@return redovisa.Person
---@nodiscard
function people.get(id) end

---@class redovisa.people.find_options
---@field personnummer string 12 digits, optionally with `-` before the last four, or `ÅÅMMDD-XXXX`

---The person with a personnummer (the SUS lookup). Raises "personnummer: fel kontrollsiffra"
---(and the like) for a malformed number, "personnummer: ingen person med det personnumret"
---when no one has it, or the SUS message.
---
---```lua
---local person = people.find{ personnummer = "19900517-2342" }
---```
---@param options redovisa.people.find_options
---@return redovisa.Person
---@nodiscard
function people.find(options) end

---@class redovisa.people.list_options
---@field limit? integer 1 to 10000 (default 1000)
---@field offset? integer (default 0)

---Every person the user may see, ordered by id.
---
---```lua
---for _, person in ipairs(people.list{ limit = 100 }) do print(person.id) end
---```
---@param options? redovisa.people.list_options
---@return redovisa.Person[]
---@nodiscard
function people.list(options) end

---@class redovisa.JobSuggestion
---@field titel string
---@field arbetsgivare string
---@field sista_ansokningsdag? string `"YYYY-MM-DD"`
---@field skickad string the day it was sent

---The job suggestions a participant has been sent, newest first.
---@param person integer
---@return redovisa.JobSuggestion[]
---@nodiscard
function people.job_suggestions(person) end

---People's enrolments (insatser) in programmes, as the run's user may see them.
---@class redovisa.enrolments
enrolments = {}

---The enrolment with id `id`. Raises "insatsen finns inte", or the SUS message.
---@param id integer
---@return redovisa.Enrolment
---@nodiscard
function enrolments.get(id) end

---@class redovisa.enrolments.active_options
---@field on? redovisa.date the day (default `clock.today()`)
---@field programme? string|string[] a programme code, such as `"FAI1"`, or a list of them
---@field started_from? redovisa.date only those that started on or after this day
---@field started_to? redovisa.date only those that started on or before this day

---The enrolments active on a day that the user may see, ordered by id. One audit line.
---
---```lua
---local active = enrolments.active{ programme = "lss-kontaktperson" }
---local new = enrolments.active{ programme = { "FAI1", "AMI2" }, started_from = "2025-10-01" }
---```
---@param options? redovisa.enrolments.active_options
---@return redovisa.Enrolment[]
---@nodiscard
function enrolments.active(options) end

---The enrolments with these ids that the user may see, ordered by id; the others are left out.
---One query and one audit line, however many.
---
---```lua
---for _, e in ipairs(enrolments.list{ 71, 72 }) do print(e.id, e.officerId) end
---```
---@param ids integer[]
---@return redovisa.Enrolment[]
---@nodiscard
function enrolments.list(ids) end

---Reports, their history and the officers' queues; and the only operations that change
---reports (create_draft, save, submit, approve, return_for_completion), which run only in a run
---allowed to change data (`--write`) and otherwise raise "… this run is read-only …".
---@class redovisa.reports
reports = {}

---The report with id `id`. Raises "rapporten finns inte", or the SUS message.
---@param id integer
---@return redovisa.Report
---@nodiscard
function reports.get(id) end

---@class redovisa.reports.find_options
---@field period? redovisa.month
---@field status? redovisa.ReportStatus|redovisa.ReportStatus[]
---@field template? string a template id, such as `"lss-kontaktperson"`
---@field enrolment? integer
---@field office? redovisa.office
---@field provider? integer|string a provider's id or organisation code (`"jobbexpert"`)
---@field person? integer the id of the person the reports are about
---@field limit? integer 1 to 10000 (default 1000)

---The reports matching every option given that the user may see, newest first.
---
---```lua
---local waiting = reports.find{ period = "2025-09", status = { "submitted", "resubmitted" } }
---```
---@param options? redovisa.reports.find_options
---@return redovisa.Report[]
---@nodiscard
function reports.find(options) end

---Every status change of report `id`, oldest first.
---@param id integer
---@return redovisa.StatusChange[]
---@nodiscard
function reports.history(id) end

---@class redovisa.reports.missing_options
---@field period redovisa.month
---@field template string
---@field programme? string a programme code
---@field limit? integer 1 to 10000 (default 10000)

---Who has not handed in: the enrolments active in `period` without a report of `template`
---that is in (a draft does not count).
---
---```lua
---local missing = reports.missing{ period = "2025-09", template = "lss-kontaktperson" }
---```
---@param options redovisa.reports.missing_options
---@return redovisa.Enrolment[]
---@nodiscard
function reports.missing(options) end

---@class redovisa.reports.awaiting_review_options
---@field office? redovisa.office default: the user's only office, if they have exactly one
---@field limit? integer 1 to 10000 (default 1000)

---The submitted and resubmitted reports of an office, oldest submission first.
---@param options? redovisa.reports.awaiting_review_options
---@return redovisa.Report[]
---@nodiscard
function reports.awaiting_review(options) end

---@class redovisa.reports.awaiting_review_counts_options
---@field period redovisa.month

---Every report of `period` waiting for review (submitted or resubmitted), counted by the
---report's office and the enrolment's responsible officer (absent when it names none); the
---group with the newest report first. One query and one audit line, however many reports.
---
---```lua
---for _, g in ipairs(reports.awaiting_review_counts{ period = "2025-09" }) do print(g.officeId, g.officerId, g.count) end
---```
---@param options redovisa.reports.awaiting_review_counts_options
---@return { officeId?: integer, officerId?: integer, count: integer }[]
---@nodiscard
function reports.awaiting_review_counts(options) end

---@class redovisa.reports.returned_options
---@field from redovisa.date the first day of the latest return
---@field to? redovisa.date the last day (default `clock.today()`)

---A report returned for completion, with when it was returned last.
---@class redovisa.ReturnedReport: redovisa.Report
---@field returnedAt redovisa.instant
---@field returnedOn redovisa.date the day of `returnedAt` in Europe/Stockholm

---The reports returned for completion (and not resubmitted since) whose latest return was on a
---day from `from` to `to`, ordered by id. One query and one audit line.
---
---```lua
---local waiting = reports.returned{ from = "2025-10-01", to = "2025-10-04" }
---```
---@param options redovisa.reports.returned_options
---@return redovisa.ReturnedReport[]
---@nodiscard
function reports.returned(options) end

---@class redovisa.reports.create_draft_options
---@field template string
---@field version? integer the template's version (default 1)
---@field period? redovisa.month for monthly reports
---@field date? redovisa.date for event reports
---@field person? integer required unless `enrolment` is given
---@field enrolment? integer it must be the person's
---@field answers? table (default `{}`)

---Starts a draft with the user as its author. Changes data.
---
---```lua
---local draft = reports.create_draft{ template = "lss-kontaktperson", period = "2025-09", enrolment = 7 }
---```
---@param options redovisa.reports.create_draft_options
---@return redovisa.Report draft
function reports.create_draft(options) end

---@class redovisa.reports.save_options
---@field id integer
---@field answers table all the answers, replacing the saved ones
---@field revision integer the revision you started from; a stale one is refused

---Saves the answers of a draft or a returned report. Changes data. Raises "Rapporten har
---sparats av någon annan sedan du öppnade den …" when `revision` is stale.
---
---```lua
---report = reports.save{ id = report.id, answers = answers, revision = report.revision }
---```
---@param options redovisa.reports.save_options
---@return redovisa.Report
function reports.save(options) end

---Submits a draft (or resubmits a returned report) and gives the receipt; a report already in
---gives the same receipt again. Changes data.
---
---```lua
---local receipt = reports.submit(draft.id) --> receipt.caseNumber == "2025-000123"
---```
---@param id integer
---@return redovisa.Receipt
function reports.submit(id) end

---Approves a submitted report (officers only). Changes data.
---@param id integer
---@param comment? string
---@return redovisa.Report
function reports.approve(id, comment) end

---Returns a submitted report for completion (återremittering) with what needs completing
---(officers only; the comment must not be empty). Changes data.
---@param id integer
---@param comment string
---@return redovisa.Report
function reports.return_for_completion(id, comment) end

---The plans of an enrolment.
---@class redovisa.plans
plans = {}

---The newest version of an enrolment's plan (of `kind`, or of any kind), or nil; with `as_of`,
---the newest made on or before that day (the plan in force then).
---
---```lua
---local plan = plans.current(enrolment.id, "gemensam_planering", ctx.period.last_day)
---```
---@param enrolment integer
---@param kind? redovisa.PlanKind
---@param as_of? string `"YYYY-MM-DD"`
---@return redovisa.Plan?
---@nodiscard
function plans.current(enrolment, kind, as_of) end

---The SUS register of the Af/FK cooperation.
---@class redovisa.sus
sus = {}

---@class redovisa.SUSEntry
---@field step "begaran_kartlaggning"|"start_kartlaggning"|"slut_kartlaggning"|"start_aktiv_insats"
---@field date string `"YYYY-MM-DD"`
---@field transition? "arbetsforberedande"|"arbetslivsinriktad"
---@field kontor string the office's name

---The SUS registrations of a person, oldest first.
---@param person integer
---@return redovisa.SUSEntry[]
---@nodiscard
function sus.registrations(person) end

---A programme or intervention; for billing, one of the customer choices.
---@class redovisa.Programme
---@field id integer
---@field code string `"FAI1"`
---@field name string
---@field customerChoice? "FAI"|"AMI"|"ISA"
---@field maximumMonths? integer
---@field monthlyAmounts table<string, integer> öre per calendar year, keyed by the year as text: `monthlyAmounts["2024"] == 816000`

---A provider's authorisation for one customer choice, from a date.
---@class redovisa.Authorisation
---@field choice string `"FAI"`, `"AMI"`, `"ISA"`
---@field since redovisa.date

---A municipality, an agency or a provider.
---@class redovisa.Organisation
---@field id integer
---@field code string
---@field name string
---@field kind "kommun"|"myndighet"|"anordnare"
---@field authorisations redovisa.Authorisation[]

---A report as billing sees it: no answers, only where it stood at the end of the `as_of` day.
---@class redovisa.BillingReport
---@field id integer
---@field templateId string
---@field period? redovisa.month
---@field eventDate? redovisa.date
---@field status redovisa.ReportStatus
---@field submittedOn? redovisa.date the day it was first submitted (Europe/Stockholm)
---@field returnedOn? redovisa.date the day it was first returned for completion
---@field approvedOn? redovisa.date the day it was approved

---An enrolment of a billing run with its reports.
---@class redovisa.BillingEnrolment
---@field enrolment redovisa.Enrolment
---@field reports redovisa.BillingReport[]

---The options of `billing.enrolments`.
---@class redovisa.BillingQuery
---@field active_from redovisa.date
---@field active_to redovisa.date
---@field approved_from redovisa.date
---@field approved_to redovisa.date
---@field as_of? redovisa.date default `clock.today()`
---@field templates string[] the templates whose reports decide payment

---What a local agreement on payment reads (scripts/agreements/).
---@class redovisa.billing
billing = {}

---The customer-choice programmes with their monthly amounts, by code.
---@return redovisa.Programme[]
---@nodiscard
function billing.programmes() end

---The providers, by code; with `choice`, only those authorised for it.
---
---```lua
---local providers = billing.providers{ choice = "FAI" }
---```
---@param options? { choice?: string }
---@return redovisa.Organisation[]
---@nodiscard
function billing.providers(options) end

---The enrolments of customer-choice programmes active from `active_from` to `active_to`, or
---with a report of `templates` approved from `approved_from` to `approved_to`, each with those
---reports as at the end of `as_of`. Audited.
---@param options redovisa.BillingQuery
---@return redovisa.BillingEnrolment[]
---@nodiscard
function billing.enrolments(options) end

---A version of a plan as the deadline rules see it: its days, not its activities.
---@class redovisa.PlanState
---@field kind redovisa.PlanKind
---@field version integer
---@field createdAt redovisa.date
---@field submittedAt? redovisa.date
---@field approvedAt? redovisa.date

---An absence of a participant.
---@class redovisa.Absence
---@field id integer
---@field enrolmentId integer
---@field from redovisa.date
---@field to redovisa.date both days included
---@field cause "sjuk"|"vab"|"ledighet"|"ogiltig"
---@field certificateReceived boolean
---@field contactAttempts redovisa.date[]
---@field reportedOn? redovisa.date the day the provider told the officer

---A decision to adjust a plan.
---@class redovisa.PlanAdjustment
---@field kind "iup"|"gemensam_planering"|"genomforandeplan"
---@field decidedOn redovisa.date

---A personal-data incident; times are `"YYYY-MM-DD HH:MM"`, Europe/Stockholm.
---@class redovisa.Incident
---@field id integer
---@field organisation integer
---@field organisationKind "anordnare"|"kommun"|"myndighet"
---@field discoveredAt string
---@field reportedAt? string
---@field description string

---An enrolment with what the deadline rules look at.
---@class redovisa.DeadlineEnrolment
---@field enrolment redovisa.Enrolment
---@field programme string the programme's code: `"FAI1"`, `"etablering"`, `"rom"`
---@field customerChoice? string
---@field reports redovisa.BillingReport[]
---@field plans redovisa.PlanState[]
---@field absences redovisa.Absence[]
---@field actualisedOn? redovisa.date the day the case was queued at the provider
---@field staffedOn? redovisa.date the day the provider staffed it
---@field adjustments redovisa.PlanAdjustment[] decisions to adjust a plan, oldest first

---What the deadline rules (scripts/deadlines/) read.
---@class redovisa.deadlines
deadlines = {}

---The enrolments of an organisation (responsible or providing) active from `active_from` to
---`active_to` (default `as_of`), or not started but actualised by then, with their reports, plan versions, absences, actualisation and
---staffing days and decisions to adjust a plan as at the end of `as_of` (default
---`clock.today()`). Audited.
---
---```lua
---local rows = deadlines.enrolments{ organisation = "nacka", active_from = "2025-08-13" }
---```
---@param options { organisation: string|integer, active_from: redovisa.date, active_to?: redovisa.date, as_of?: redovisa.date }
---@return redovisa.DeadlineEnrolment[]
---@nodiscard
function deadlines.enrolments(options) end

---The personal-data incidents of an organisation discovered by the end of `as_of` (default
---`clock.today()`), for someone with an assignment in it; an empty list for anyone else. Audited.
---
---```lua
---local open = deadlines.incidents{ organisation = "nacka" }
---```
---@param options { organisation: string|integer, as_of?: redovisa.date }
---@return redovisa.Incident[]
---@nodiscard
function deadlines.incidents(options) end

-- ---------------------------------------------------------------- base functions the sandbox keeps

---The sandbox's globals. It is new for every run: nothing a run sets is seen by the next.
---@class _G
_G = {}

---@type "Lua 5.4"
_VERSION = "Lua 5.4"

---Raises an error with `message` when `v` is false or nil; otherwise returns all its arguments.
---@generic T
---@param v T
---@param message? any default `"assertion failed!"`
---@return T
---@return any ...
function assert(v, message, ...) end

---Raises `message` as an error. With a string and `level` 1 (the default) the message starts
---with the file and line of the `error` call; level 2 points at the caller of the function
---that called `error`; level 0 adds no position.
---
---```lua
---error("hours must be a number", 2)
---```
---@param message any
---@param level? integer
function error(message, level) end

---The `__metatable` field of the object's metatable if there is one, else the metatable.
---For strings it returns `false`: the string metatable is locked.
---@param object any
---@return table|false|nil metatable
---@nodiscard
function getmetatable(object) end

---Iterates `t[1]`, `t[2]`, … up to the first nil.
---@generic V
---@param t V[]
---@return fun(t: V[], i?: integer): integer, V
---@return V[]
---@return integer
function ipairs(t) end

---The key after `index` in table `t` and its value, or nil at the end. Order is unspecified.
---@generic K, V
---@param t table<K, V>
---@param index? K
---@return K?
---@return V?
---@nodiscard
function next(t, index) end

---Iterates every key and value of `t`, in no particular order (`__pairs` is honoured).
---@generic K, V
---@param t table<K, V>
---@return fun(t: table<K, V>, index?: K): K, V
---@return table<K, V>
---@return nil
function pairs(t) end

---Calls `f` with the arguments in protected mode: returns `true` and `f`'s results, or `false`
---and the error. A limit (instructions, time, memory) is NOT caught: it stops the whole script.
---@param f function
---@param ... any
---@return boolean success
---@return any ...
function pcall(f, ...) end

---Like `pcall`, but on an error calls `handler(error)` and returns `false` and the handler's
---result. In the sandbox the handler runs after the stack has unwound (there is no `debug`
---library to inspect it anyway). A limit is NOT caught.
---@param f function
---@param handler fun(error: any): any
---@param ... any
---@return boolean success
---@return any ...
function xpcall(f, handler, ...) end

---@param v1 any
---@param v2 any
---@return boolean
---@nodiscard
function rawequal(v1, v2) end

---@param t table
---@param index any
---@return any
---@nodiscard
function rawget(t, index) end

---@param v table|string
---@return integer length
---@nodiscard
function rawlen(v) end

---@param t table
---@param index any
---@param value any
---@return table t
function rawset(t, index, value) end

---`select(n, ...)`: the arguments from the n-th on (negative: from the end);
---`select("#", ...)`: how many arguments there are, nils included.
---@param index integer|"#"
---@param ... any
---@return any ...
---@nodiscard
function select(index, ...) end

---Sets the metatable of table `t` (nil removes it) and returns `t`. The sandbox refuses a
---metatable with a `__gc` field: "__gc metamethods are not allowed in the sandbox".
---@generic T: table
---@param t T
---@param metatable table|nil
---@return T
function setmetatable(t, metatable) end

---Converts to a number: an integer for `"2"`, a float for `"2.5"`, nil for `"2,5"`.
---@param e any
---@param base? integer
---@return number?
---@nodiscard
function tonumber(e, base) end

---@param v any
---@return string
---@nodiscard
function tostring(v) end

---@alias redovisa.type "nil"|"number"|"string"|"boolean"|"table"|"function"|"thread"|"userdata"

---@param v any
---@return redovisa.type
---@nodiscard
function type(v) end

---Compiles a chunk of Lua text. The sandbox allows a string only (no reader function, no
---precompiled chunk: `mode` is always "t") and requires the environment as the 4th argument:
---the chunk sees only the table you give it.
---
---```lua
---local f, err = load("return hours * 2", "=formula", "t", { hours = 3 })
---```
---@param chunk string
---@param chunkname string|nil shown in errors; `"=name"` shows as `name`
---@param mode "t"|nil
---@param env table|nil the chunk's globals (`nil`: it has none)
---@return function? chunk
---@return string? error_message
---@nodiscard
function load(chunk, chunkname, mode, env) end

---The garbage collector, in the sandbox limited to four options:
---`"collect"` (the default; returns 0), `"count"` (KiB in use, a float), `"step"` and
---`"isrunning"`. Any other option is an error.
---@param opt? "collect"|"count"|"step"|"isrunning"
---@param arg? integer for `"step"`: the step size in KiB
---@return any
function collectgarbage(opt, arg) end

---A user who logs in, as scripts see them: no username, no contact details.
---@class redovisa.User
---@field id integer
---@field displayName string "Skyddad identitet" when masked
---@field roles ("reporter"|"provider_staff"|"officer"|"administrator")[]
---@field personId? integer the person a reporter is; absent for staff and when masked
---@field isMasked boolean

---The people who log in (staff and reporters), as the run's user may see them.
---@class redovisa.users
users = {}

---The user with id `id`. Raises "användaren finns inte" or "Du får inte se den användaren."
---
---```lua
---local officer = users.get(enrolment.officerId)
---```
---@param id integer
---@return redovisa.User
function users.get(id) end

---@class redovisa.users.list_options
---@field organisation? integer|string an organisation's id or code
---@field office? integer|string an office's id or "ORGANISATION/OFFICE" (only its own assignments)
---@field role? "reporter"|"provider_staff"|"officer"|"administrator"

---The users with an assignment in an organisation or an office, ordered by id.
---
---```lua
---local staff = users.list{ organisation = enrolment.providerId, role = "provider_staff" }
---```
---@param options redovisa.users.list_options
---@return redovisa.User[]
function users.list(options) end

---The schedule of a reminder rule: exactly one of the day fields, and optionally `at`,
---`if_not_working_day` (with day_of_month) and `catch_up_days`.
---@class redovisa.ReminderSchedule
---@field every_day? true
---@field daily_at? string "HH:MM"
---@field every_working_day? true
---@field day_of_month? integer|integer[] 1–31
---@field working_day_of_month? integer|integer[] 1–23, or -1 for the last
---@field days_before? integer before each reminder's deadline
---@field working_days_before? integer
---@field days_after? integer after each reminder's since
---@field working_days_after? integer
---@field at? string "HH:MM", default "08:00"
---@field if_not_working_day? "previous"|"next"|"skip"
---@field catch_up_days? integer 0–31, default 3

---What `targets` and `message` get.
---@class redovisa.ReminderContext
---@field rule string
---@field today redovisa.date
---@field now string
---@field occasion { date: redovisa.date, at: string, step: string }

---One reminder, as `targets` returns it (other fields are passed on to `message`).
---@class redovisa.Reminder
---@field to { user: integer }|{ person: integer }
---@field link string a path such as "/rapporter/123", never personal data
---@field period? string
---@field deadline? redovisa.date
---@field since? redovisa.date
---@field step? string filled in by the host
---@field recipient? string filled in by the host: "user:12"
---@field who? { firstName?: string, isMasked: boolean } filled in by the host for `message`: the recipient's first name (none for a protected identity)

---What a reminder script returns.
---@class redovisa.ReminderRule
---@field id? string
---@field description? string
---@field schedule redovisa.ReminderSchedule
---@field channels ("in_app"|"epost"|"sms")[]
---@field targets fun(ctx: redovisa.ReminderContext): redovisa.Reminder[]
---@field message fun(reminder: redovisa.Reminder, ctx: redovisa.ReminderContext): { subject: string, body: string, sms?: string }

---A reminder as it goes out.
---@class redovisa.ComposedReminder
---@field rule string
---@field step string
---@field period string
---@field recipient string "user:12" or "person:34"
---@field link string
---@field deadline? redovisa.date
---@field subject string
---@field body string
---@field sms string
---@field channels ("in_app"|"epost"|"sms")[]

---The host's steps of a reminder run, for testing rules with time travel (no database needed).
---@class redovisa.reminders
reminders = {}

---The `ctx` of `rule` at `now` ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; default the run's clock), or
---nil when its schedule is not due then. Checks the declaration.
---@param rule redovisa.ReminderRule
---@param now? string
---@return redovisa.ReminderContext|nil
function reminders.context(rule, now) end

---The due reminders of `list` (what `rule.targets(ctx)` returned), with step, period and
---recipient filled in.
---@param rule redovisa.ReminderRule
---@param ctx redovisa.ReminderContext
---@param list redovisa.Reminder[]
---@return redovisa.Reminder[]
function reminders.select(rule, ctx, list) end

---The reminder as it goes out, with the text `rule.message(reminder, ctx)` returned.
---@param rule redovisa.ReminderRule
---@param reminder redovisa.Reminder
---@param message { subject: string, body: string, sms?: string }
---@return redovisa.ComposedReminder
function reminders.compose(rule, reminder, message) end
