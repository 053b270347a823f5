---@meta form
--
-- LuaLS annotations for `form`, the host's template engine (docs/scripting.md, "Report
-- templates"). Every template run has it; templates never `require` it. This file is never run.

---@class form
form = {}

-- ---------------------------------------------------------------- building a template

---@alias form.role "reporter"|"provider"|"officer"|"administrator"

---@class form.window_days
---@field opens_day? integer the day of the month after the period it opens (default 1)
---@field closes_day? integer the day it closes, included (default the month's last day)
---@field month_offset? integer months after the period (default 1)
---@field late? boolean accept late reports, flagged (default false)

---@class form.window_dates
---@field opens string `"YYYY-MM-DD"`
---@field closes string `"YYYY-MM-DD"`, included
---@field late? boolean

---@class form.problem
---@field field string a field's path (`aktiviteter[2].timmar`), `""` for the whole report
---@field message string in Swedish

---@class form.receipt_facts
---@field case_number string `2025-000123`
---@field submitted_by string
---@field submitted_at string Swedish time, `2025-10-03 14:05`
---@field template string
---@field version integer
---@field hash string SHA-256 of the canonical answers

---@class form.summary_row
---@field step integer
---@field field string
---@field label string
---@field value string the answer as text

---@class form.spec
---@field id string lower-case letters, digits and '-'; the file's name
---@field version integer from 1
---@field title string
---@field description? string
---@field texts? table<string, string>
---@field role form.role
---@field about? "person"|"enrolment"
---@field period "month"|"event"
---@field window? form.window_days|fun(ctx: form.ctx, answers: table): form.window_dates?
---@field steps form.step[]
---@field validate? fun(answers: table, ctx: form.ctx): (table<string, string>|form.problem[]|nil)
---@field warn? fun(answers: table, ctx: form.ctx): (table<string, string>|form.problem[]|nil)
---@field summary? fun(answers: table, ctx: form.ctx): form.summary_row[]
---@field receipt? fun(r: form.receipt_facts, answers: table, ctx: form.ctx): string
---@field migrate? fun(from_version: integer, answers: table): table
---@field staff_may_register? boolean
---@field deletable? boolean an officer may delete a submitted report (to register it anew)

---@class form.check_result
---@field valid boolean
---@field errors form.problem[]
---@field warnings form.problem[]
---@field visible string[] the paths of the fields shown
---@field required string[] the paths of the shown fields that must be answered, given the answers
---@field computed table<string, any>
---@field answers table the answers as stored on submission

---@class form.template
---@field id string
---@field version integer
---@field title string
local template = {}
---@param answers table
---@param ctx? table
---@return form.check_result
function template:check(answers, ctx) end
---@return form.summary_row[]
function template:summary(answers, ctx) end
---@return form.window_dates?
function template:window(ctx, answers) end
---@return string
function template:receipt(r, answers, ctx) end
---@return table
function template:initial(ctx, previous, remembered) end
---@return table
function template:migrate(from_version, answers) end
---@return table
function template:describe() end

---A template. An unknown key is an error at the template's line.
---
---```lua
---return form.template { id = "mentor-manad", version = 1, title = "Månadsrapport för mentorer",
---  role = "reporter", period = "month", window = { opens_day = 1, closes_day = 7 },
---  steps = { form.step { title = "Rapportering", form.integer { id = "moten", label = "Antal möten", required = true } } } }
---```
---@param spec form.spec
---@return form.template
function form.template(spec) end

---@class form.step
---@field title string
---@field id? string
---@field help? string
---@field visible? fun(answers: table, ctx: form.ctx): boolean

---A step (a page of the form); its fields are the list part of the table.
---@param spec form.step|form.field[]
---@return form.step
function form.step(spec) end

-- ---------------------------------------------------------------- fields

---@class form.option
---@field value string|integer|boolean
---@field label string
---@field help? string

---@class form.field
---@field id string the answer's key
---@field label? string
---@field help? string
---@field placeholder? string
---@field required? boolean|fun(answers: table, ctx: form.ctx, row?: table): boolean
---@field required_message? string
---@field visible? fun(answers: table, ctx: form.ctx, row?: table): boolean
---@field constraint? fun(value: any, answers: table, ctx: form.ctx, row?: table): string?
---@field warning? fun(value: any, answers: table, ctx: form.ctx, row?: table): string?
---@field default? any|fun(ctx: form.ctx): any
---@field compute? fun(answers: table, ctx: form.ctx, row?: table): any
---@field not_applicable? boolean text and textarea: "Ej aktuellt" with a motivation
---@field remember? boolean prefilled from the author's newest report of the template
---@field copy? boolean false: not copied from last month's report
---@field max_length? integer
---@field min_length? integer
---@field rows? integer
---@field min? number|string|fun(answers: table, ctx: form.ctx, row?: table): (number|string)
---@field max? number|string|fun(answers: table, ctx: form.ctx, row?: table): (number|string)
---@field increment? number
---@field options? (form.option|string)[]
---@field text? string|fun(answers: table, ctx: form.ctx): string
---@field min_rows? integer
---@field max_rows? integer
---@field row_label? string
---@field add_label? string

---A line of text: a string, trimmed, at most 500 characters unless `max_length`.
---@param spec form.field
---@return form.field
function form.text(spec) end
---Several lines of text: at most 10 000 characters unless `max_length`.
---@param spec form.field
---@return form.field
function form.textarea(spec) end
---A whole number within `min`–`max`.
---@param spec form.field
---@return form.field
function form.integer(spec) end
---A number of hours (0 allowed), at most `max`, in steps of `increment`.
---@param spec form.field
---@return form.field
function form.hours(spec) end
---A date `"YYYY-MM-DD"` within `min`–`max`.
---@param spec form.field
---@return form.field
function form.date(spec) end
---`{ from = DATE, to = DATE }`, `to` not before `from`.
---@param spec form.field
---@return form.field
function form.date_range(spec) end
---One of `options`.
---@param spec form.field
---@return form.field
function form.choice(spec) end
---A list of option values.
---@param spec form.field
---@return form.field
function form.multi_choice(spec) end
---`true` or `false`.
---@param spec form.field
---@return form.field
function form.yes_no(spec) end
---12 digits ÅÅÅÅMMDDXXXX: a real date (day + 60 for a samordningsnummer) and the check digit.
---@param spec form.field
---@return form.field
function form.personnummer(spec) end
---An e-mail address.
---@param spec form.field
---@return form.field
function form.email(spec) end
---A phone number: 7 to 15 digits, an optional `+`.
---@param spec form.field
---@return form.field
function form.phone(spec) end
---A box that must be ticked: the answer is `true`.
---@param spec form.field
---@return form.field
function form.confirmation(spec) end
---Repeating rows; the row's fields are the list part of the table.
---@param spec form.field|form.field[]
---@return form.field
function form.group(spec) end
---Read-only text (no answer): `text` is a string or a function of the answers and ctx.
---@param spec form.field
---@return form.field
function form.info(spec) end

-- ---------------------------------------------------------------- the context

---@class form.period
---@field text string `"2025-09"`
---@field year integer
---@field month integer
---@field name string `"september 2025"`
---@field first_day string
---@field last_day string

---What the host knows about the report being checked. The domain parts are read on first use,
---as the user the report is checked for.
---@class form.ctx
---@field today string `"YYYY-MM-DD"`
---@field period? form.period
---@field event_date? string
---@field report_id? integer
---@field person_id? integer
---@field enrolment_id? integer
---@field status? string
---@field roles string[] the acting user's roles: reporter, provider_staff, officer, administrator
---@field user_id? integer
---@field enrolment? redovisa.Enrolment
---@field person? redovisa.Person
---@field plan? redovisa.Plan
---@field sus_registrations? redovisa.SUSEntry[]
---@field job_suggestions? redovisa.JobSuggestion[]
---@field earlier_reports redovisa.Report[]
---@field calendar? table the working-day calendar module
---@field swedish_date fun(date: string): string

-- ---------------------------------------------------------------- tests and helpers

---A marker for "this answer must not be there" in a test case (made anew in every run).
form.ABSENT = {}

---A deep copy of `base` with `changes` applied; a change to form.ABSENT leaves the answer out.
---```lua
---local answers = form.with(good, { epost = form.ABSENT, manad = 10 })
---```
---@param base table
---@param changes? table
---@return table
function form.with(base, changes) end

---Loads `templates/NAME.lua` and returns its template.
---@param name string
---@return form.template
function form.load(name) end

---Runs test cases against a template; returns "ok" or fails listing every case that did not hold.
---@param template form.template
---@param cases table[]
---@return "ok"
function form.test(template, cases) end

---A number as Swedish text: `"1,5"`, `"2"`.
---@param n number
---@return string
function form.number_text(n) end

---Whether `list` holds `value`.
---@return boolean
function form.contains(list, value) end

---The year, month and day of a date text, or nil when it is not a real date.
---@param text string
---@return integer? year
---@return integer? month
---@return integer? day
function form.parse_date(text) end

---`"14 oktober 2025"`.
---@param date string
---@return string
function form.swedish_date(date) end

---The period table of `"YYYY-MM"`.
---@param text string
---@return form.period?
function form.period(text) end

---The 12 digits of a valid personnummer or samordningsnummer, or nil and a Swedish message.
---@param text string
---@return string? digits
---@return string? message
function form.check_personnummer(text) end

-- ---------------------------------------------------------------- what the host calls

---The host's entry points (for tools; templates and tests use the template's methods).
---@return form.check_result
function form.check(id, version, answers, ctx) end
---@return form.summary_row[]
function form.summary(id, version, answers, ctx) end
---@return string
function form.receipt(id, version, receipt, answers, ctx) end
---@return form.window_dates?
function form.window(id, version, ctx, answers) end
---@return table
function form.initial(id, version, ctx, previous, remembered) end
---@return table
function form.migrate(id, version, from_version, answers) end
---@return table
function form.describe(id, version) end
---@return {id: string, version: integer}[]
function form.loaded() end
---Checks many stored reports in one call (`redovisa template validate`): `items` is a list of
---{answers, period, event_date, report_id, person_id, enrolment_id}.
---@return {checked: integer, invalid: {report_id: integer, errors: form.problem[]}[]}
function form.check_batch(id, version, items, today) end
