-- rules.lua: the deadlines of DOMAIN.md, one function per rule (seeds 000, 002 and 004;
-- scripts/deadlines/README.md lists each rule, its source and what is not modelled).
--
--   local rules = require("deadlines.rules")
--   for _, d in ipairs(rules.for_enrolment(entry, "2025-10-31")) do print(d.due, d.title) end
--
-- A rule looks at one enrolment as `deadlines.enrolments{…}` gives it — the enrolment, its
-- programme, reports, plan versions, absences, actualisation and staffing days and decisions to
-- adjust a plan — and returns its deadlines up to a day (the horizon):
-- { rule, title, due, who, done_on }, where `done_on` is the day it was met (nil while it is
-- not) and `who` is "deltagare", "anordnare" or "handläggare". `M.incident` makes the deadline
-- of one personal-data incident (`deadlines.incidents{…}`), which has no enrolment.

local M = {}

local MONTHS = { "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
                 "oktober", "november", "december" }

local function month_of(date) return date:sub(1, 7) end
local function first_day(month) return month .. "-01" end
local function next_month(month) return month_of(calendar.add_months(first_day(month), 1)) end
local function day_in(month, day) return ("%s-%02d"):format(month, day) end

--- "september 2025"
function M.month_name(month)
  return MONTHS[tonumber(month:sub(6, 7))] .. " " .. month:sub(1, 4)
end

--- "14 oktober"
local function day_name(date)
  return tonumber(date:sub(9, 10)) .. " " .. MONTHS[tonumber(date:sub(6, 7))]
end

--- The months the enrolment is active in, from its start to the month of `horizon` (or its end).
local function months(enrolment, horizon)
  local list = {}
  local last_date = horizon
  if enrolment.actualEnd and enrolment.actualEnd < horizon then last_date = enrolment.actualEnd end
  local last = month_of(last_date)
  local month = month_of(enrolment.start)
  while month <= last do
    list[#list + 1] = month
    month = next_month(month)
  end
  return list
end

--- The report of `template` for `month`, if any.
local function monthly_report(entry, template, month)
  for _, report in ipairs(entry.reports) do
    if report.templateId == template and report.period == month then return report end
  end
end

--- The first version of the plan of `kind`, if any, and the day it counts as delivered: its
--- submission, or, for a version registered without one, the day it was made.
local function first_plan(entry, kind)
  for _, plan in ipairs(entry.plans) do
    if plan.kind == kind then return plan, plan.submittedAt or plan.createdAt end
  end
end

local function deadline(entry, rule, title, due, who, done_on)
  return { rule = rule, title = title, due = due, who = who, done_on = done_on,
           enrolment = entry.enrolment.id, customer = entry.enrolment.personId, programme = entry.programme }
end

-- ------------------------------------------------------------------ Arbetsförmedlingen (seed 000)

--- The activity report of the establishment programme: for each month, 1st–14th of the next.
function M.af_activity_report(entry, horizon)
  if entry.programme ~= "etablering" then return {} end
  local out = {}
  for _, month in ipairs(months(entry.enrolment, horizon)) do
    local report = monthly_report(entry, "af-aktivitetsrapport", month)
    local opens, due = first_day(next_month(month)), day_in(next_month(month), 14)
    out[#out + 1] = deadline(entry, "af.aktivitetsrapport",
      ("Aktivitetsrapport för %s (%s–%s)"):format(M.month_name(month), day_name(opens), day_name(due)),
      due, "deltagare", report and report.submittedOn)
  end
  return out
end

-- ------------------------------------------------------------------ Rusta och matcha (seed 002)

--- Joint planning (gemensam planering) at the latest 5 working days after the start.
function M.rom_joint_planning(entry)
  if entry.programme ~= "rom" then return {} end
  local _, delivered = first_plan(entry, "gemensam_planering")
  return { deadline(entry, "rom.gemensam_planering", "Gemensam planering (5 arbetsdagar efter start)",
    calendar.add_working_days(entry.enrolment.start, 5), "anordnare", delivered) }
end

-- ------------------------------------------------------------------ Nacka, kundval (seed 004)

--- The monthly report: ready by the 7th, reviewed by the 12th, approved by the 15th of the next month.
function M.nacka_monthly_report(entry, horizon)
  if not entry.customerChoice then return {} end
  local out = {}
  for _, month in ipairs(months(entry.enrolment, horizon)) do
    local report = monthly_report(entry, "nacka-manadsrapport", month)
    local next = next_month(month)
    local name = M.month_name(month)
    out[#out + 1] = deadline(entry, "nacka.manadsrapport.klar", ("Klarmarkera månadsrapporten för %s"):format(name),
      day_in(next, 7), "anordnare", report and report.submittedOn)
    if report and report.submittedOn then
      local reviewed = report.returnedOn or report.approvedOn
      if report.returnedOn and report.approvedOn and report.approvedOn < report.returnedOn then reviewed = report.approvedOn end
      out[#out + 1] = deadline(entry, "nacka.manadsrapport.granskning", ("Granska månadsrapporten för %s"):format(name),
        day_in(next, 12), "handläggare", reviewed)
    end
    out[#out + 1] = deadline(entry, "nacka.manadsrapport.godkannande", ("Godkänn månadsrapporten för %s"):format(name),
      day_in(next, 15), "handläggare", report and report.approvedOn)
  end
  return out
end

--- The implementation plan (genomförandeplan) within 14 days of the start; each submitted version
--- approved (or returned) within 5 working days. A plan is a plan version, or a report of the
--- template `nacka-genomforandeplan` (the first submitted of either delivers it).
function M.nacka_implementation_plan(entry)
  if not entry.customerChoice then return {} end
  local _, delivered = first_plan(entry, "genomforandeplan")
  local reports = {}
  for _, report in ipairs(entry.reports) do
    if report.templateId == "nacka-genomforandeplan" and report.submittedOn then
      reports[#reports + 1] = report
      if not delivered or report.submittedOn < delivered then delivered = report.submittedOn end
    end
  end
  local out = { deadline(entry, "nacka.genomforandeplan", "Genomförandeplan (14 dagar efter start)",
    calendar.add_days(entry.enrolment.start, 14), "anordnare", delivered) }
  for _, plan in ipairs(entry.plans) do
    if plan.kind == "genomforandeplan" and plan.submittedAt then
      out[#out + 1] = deadline(entry, "nacka.genomforandeplan.godkannande",
        ("Godkänn genomförandeplanen, version %d (5 arbetsdagar)"):format(plan.version),
        calendar.add_working_days(plan.submittedAt, 5), "handläggare", plan.approvedAt)
    end
  end
  for _, report in ipairs(reports) do
    local reviewed = report.returnedOn or report.approvedOn
    if report.returnedOn and report.approvedOn and report.approvedOn < report.returnedOn then reviewed = report.approvedOn end
    out[#out + 1] = deadline(entry, "nacka.genomforandeplan.godkannande",
      ("Godkänn genomförandeplanen inskickad %s (5 arbetsdagar)"):format(day_name(report.submittedOn)),
      calendar.add_working_days(report.submittedOn, 5), "handläggare", reviewed)
  end
  return out
end

--- The final report: before the planned end when the intervention runs its course; within two
--- weeks of an early end or an interruption.
function M.nacka_final_report(entry)
  if not entry.customerChoice then return {} end
  local enrolment = entry.enrolment
  local final
  for _, report in ipairs(entry.reports) do
    if report.templateId == "nacka-slutrapport" and report.submittedOn then
      if not final or report.submittedOn < final.submittedOn then final = report end
    end
  end
  local due, title
  if enrolment.actualEnd then
    if enrolment.endReason == "completed" or not enrolment.endReason then
      due, title = enrolment.actualEnd, "Slutrapport (före slutdatum)"
    else
      due = calendar.add_days(enrolment.actualEnd, 14)
      title = enrolment.endReason == "interrupted" and "Slutrapport (två veckor efter avbrott)"
        or "Slutrapport (två veckor efter avslut i förtid)"
    end
  else
    local planned = M.planned_end(enrolment)
    if not planned then return {} end
    due, title = planned, "Slutrapport (före planerat slut)"
  end
  return { deadline(entry, "nacka.slutrapport", title, due, "anordnare", final and final.submittedOn) }
end

--- The planned end with every extension applied.
function M.planned_end(enrolment)
  local planned = enrolment.plannedEnd
  for _, extension in ipairs(enrolment.extensions or {}) do
    if not planned or extension.newPlannedEnd > planned then planned = extension.newPlannedEnd end
  end
  return planned
end

--- A running intervention is ended or extended by its planned end; an extension is one month at
--- a time, and at most two.
function M.nacka_planned_end(entry)
  if not entry.customerChoice or entry.enrolment.actualEnd then return {} end
  local planned = M.planned_end(entry.enrolment)
  if not planned then return {} end
  local extensions = #(entry.enrolment.extensions or {})
  local title = extensions >= 2 and "Avsluta insatsen (planerat slut; två förlängningar gjorda, fler medges inte)"
    or "Avsluta eller förläng insatsen (planerat slut; förlängning en månad i taget, högst två)"
  return { deadline(entry, "nacka.planerat_slut", title, planned, "handläggare", nil) }
end

--- A medical (or care-of-child) certificate from day 8 of an absence, with the officer within a
--- week: due on day 15.
function M.nacka_certificate(entry)
  if not entry.customerChoice then return {} end
  local out = {}
  for _, absence in ipairs(entry.absences) do
    local days = calendar.days_between(absence.from, absence.to) + 1
    if (absence.cause == "sjuk" or absence.cause == "vab") and days >= 8 and not absence.certificateReceived then
      local what = absence.cause == "sjuk" and "Läkarintyg" or "Vab-intyg"
      out[#out + 1] = deadline(entry, "nacka.intyg",
        ("%s för frånvaro från %s till karriärvägledaren"):format(what, absence.from),
        calendar.add_days(absence.from, 14), "anordnare", nil)
    end
  end
  return out
end

--- Staffing: the provider staffs an actualised case the same day or the next weekday (a working
--- day: weekends and holidays are skipped).
function M.nacka_staffing(entry)
  if not entry.customerChoice or not entry.actualisedOn then return {} end
  return { deadline(entry, "nacka.bemanning",
    ("Bemanna ärendet (aktualiserat %s; samma dag eller nästa vardag)"):format(day_name(entry.actualisedOn)),
    calendar.add_working_days(entry.actualisedOn, 1), "anordnare", entry.staffedOn) }
end

--- Invalid absence told to the officer the same or the next (calendar) day after it began.
function M.nacka_invalid_absence(entry)
  if not entry.customerChoice then return {} end
  local out = {}
  for _, absence in ipairs(entry.absences) do
    if absence.cause == "ogiltig" then
      out[#out + 1] = deadline(entry, "nacka.ogiltig_franvaro",
        ("Meddela ogiltig frånvaro från %s till handläggaren (samma eller nästa dag)"):format(absence.from),
        calendar.add_days(absence.from, 1), "anordnare", absence.reportedOn)
    end
  end
  return out
end

--- A plan revised within 5 working days of a decision to adjust it: met by the first version of
--- that plan made on or after the decision (delivered when submitted, or when made).
function M.nacka_plan_revision(entry)
  if not entry.customerChoice then return {} end
  local out = {}
  for _, adjustment in ipairs(entry.adjustments or {}) do
    local done
    for _, plan in ipairs(entry.plans) do
      if plan.kind == adjustment.kind and plan.version > 1 and plan.createdAt >= adjustment.decidedOn then
        done = plan.submittedAt or plan.createdAt
        break
      end
    end
    out[#out + 1] = deadline(entry, "nacka.genomforandeplan.revidering",
      ("Revidera planen (beslut om justering %s; 5 arbetsdagar)"):format(day_name(adjustment.decidedOn)),
      calendar.add_working_days(adjustment.decidedOn, 5), "anordnare", done)
  end
  return out
end

-- ------------------------------------------------------------------ data protection (seed 004)

--- The moment 72 hours after `at` ("YYYY-MM-DD HH:MM", Stockholm): the same clock time three
--- days later (across a change to or from summer time that is an hour off, which the register's
--- minute-precision local times cannot tell apart anyway).
function M.hours_72_after(at)
  return calendar.add_days(at:sub(1, 10), 3) .. at:sub(11)
end

--- A personal-data incident reported within 72 hours of its discovery (as `deadlines.incidents`
--- gives it). Its `due` is the day the 72 hours end; `due_at` the moment; met when reported,
--- late or not (`late` says which). Acted on by the organisation: a provider, or the officers.
function M.incident(incident)
  local due_at = M.hours_72_after(incident.discoveredAt)
  return {
    rule = "personuppgiftsincident",
    title = ("Anmäl personuppgiftsincident (upptäckt %s %s; senast %s %s)"):format(
      day_name(incident.discoveredAt:sub(1, 10)), incident.discoveredAt:sub(12),
      day_name(due_at:sub(1, 10)), due_at:sub(12)),
    due = due_at:sub(1, 10), due_at = due_at,
    who = incident.organisationKind == "anordnare" and "anordnare" or "handläggare",
    done_on = incident.reportedAt and incident.reportedAt:sub(1, 10),
    late = incident.reportedAt ~= nil and incident.reportedAt > due_at or nil,
    incident = incident.id,
  }
end

-- ------------------------------------------------------------------ all of them

M.all = {
  M.af_activity_report, M.rom_joint_planning, M.nacka_monthly_report, M.nacka_implementation_plan,
  M.nacka_final_report, M.nacka_planned_end, M.nacka_certificate, M.nacka_staffing, M.nacka_invalid_absence,
  M.nacka_plan_revision,
}

--- Every deadline of one enrolment, met or not, for months up to `horizon`.
function M.for_enrolment(entry, horizon)
  local out = {}
  for _, rule in ipairs(M.all) do
    for _, d in ipairs(rule(entry, horizon)) do out[#out + 1] = d end
  end
  return out
end

return M
