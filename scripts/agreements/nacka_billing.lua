-- nacka_billing.lua: Nacka kommun, kundval arbete och etablering — what a provider is paid for a
-- month (seed 004, §8, §12 and §14; scripts/agreements/README.md explains every rule and decision).
--
--   local billing_rules = require("agreements.nacka_billing")
--   local basis = billing_rules.basis{ month = "2025-09", as_of = "2025-10-16" }
--
-- `redovisa billing --month 2025-09` runs `basis` and prints the result. `compute` does the
-- arithmetic on data given to it, so the tests beside this file need no database.
--
-- The rules:
--   * The monthly amount (checkbelopp) of the intervention's programme for the calendar year of
--     the month, in öre, from the register (`redovisa import programmes`, column manadsbelopp):
--     2024 arbetsmarknadsinsats (AMI) 3 876 kr, introduktionsinsats sfi och arbete (ISA)
--     6 324 kr, förberedande arbetsinriktad insats (FAI) 8 160 kr.
--   * A whole month pays the monthly amount, whatever its length. A month with a start or an
--     end inside it pays amount / 30 × the intervention days in it, rounded to the nearest öre
--     (half an öre up).
--   * A month is paid when its monthly report is approved, and the last month of an ended
--     intervention when the final report is approved too ("slutrapporten och månadsrapporten
--     ligger till grund för sista utbetalning").
--   * Cut-off: the run for a month pays what was approved by the 15th of the next month (the
--     last day for approval in Nacka's schedule). What is approved later is paid in the first
--     later run whose cut-off it meets: approved 2025-10-16 to 2025-11-15 → the October run.
--   * An interrupted intervention (avbruten) pays two more weeks — the 14 days after the end —
--     for writing the final report, when the final report was submitted within them; a later
--     final report is accepted without that compensation.

local M = {}

M.monthly_template = "nacka-manadsrapport"
M.final_template = "nacka-slutrapport"
-- Approval by this day of the following month.
M.cutoff_day = 15
-- Days of compensation after an interruption, for the final report.
M.interruption_days = 14
-- A part of a month pays the monthly amount / this × the days.
M.divisor = 30

local function first_day(month) return month .. "-01" end
local function last_day(month) return ("%s-%02d"):format(month, calendar.days_in_month(month)) end
local function month_of(date) return date:sub(1, 7) end
local function next_month(month) return month_of(calendar.add_months(first_day(month), 1)) end
local function previous_month(month) return month_of(calendar.add_months(first_day(month), -1)) end
local function max(a, b) if a > b then return a end return b end
local function min(a, b) if a < b then return a end return b end

--- Days from `from` to `to` (both included) that fall in `month`; 0 when none.
local function days_in(month, from, to)
  if not from or not to then return 0 end
  local a, b = max(from, first_day(month)), min(to, last_day(month))
  if a > b then return 0 end
  return calendar.days_between(a, b) + 1
end

--- The cut-off of the run for `month`: the 15th of the next month.
function M.cutoff(month)
  return ("%s-%02d"):format(next_month(month), M.cutoff_day)
end

--- The run that pays an item of `month` whose reports were all approved on `approved_on`: the
--- month itself when that is on or before its cut-off, else the first later run whose cut-off is
--- on or after the day.
function M.run_for(month, approved_on)
  local run = month_of(approved_on)
  if tonumber(approved_on:sub(9, 10)) <= M.cutoff_day then run = previous_month(run) end
  return max(run, month)
end

--- What `days` days of `month` pay, in öre, at `monthly` öre a month.
function M.amount(monthly, days, month)
  if days >= calendar.days_in_month(month) then return monthly end
  -- monthly × days / 30 to the nearest öre, half up, in integers.
  return (2 * monthly * days + M.divisor) // (2 * M.divisor)
end

--- The monthly report of each month, and the final report, of an enrolment's reports.
local function reports_of(entry)
  local monthly, final = {}, nil
  for _, report in ipairs(entry.reports) do
    if report.templateId == M.monthly_template and report.period then
      monthly[report.period] = report
    elseif report.templateId == M.final_template then
      -- Should there be more than one, the one approved first decides.
      if not final or (report.approvedOn and (not final.approvedOn or report.approvedOn < final.approvedOn)) then
        final = report
      end
    end
  end
  return monthly, final
end

--- The items of one enrolment up to `run_month`: one per month with intervention (or
--- compensation) days, with what it needs and, when everything is approved, the day it was.
function M.items(entry, run_month)
  local enrolment = entry.enrolment
  local monthly, final = reports_of(entry)
  local ended = enrolment.actualEnd
  local compensation_to
  if ended and enrolment.endReason == "interrupted" then
    local limit = calendar.add_days(ended, M.interruption_days)
    if final and final.submittedOn and final.submittedOn <= limit then compensation_to = limit end
  end
  local last = compensation_to or ended
  local last_month = last and min(month_of(last), run_month) or run_month
  local items = {}
  local month = month_of(enrolment.start)
  while month <= last_month do
    local intervention = days_in(month, enrolment.start, ended or last_day(month))
    local compensation = compensation_to and days_in(month, calendar.add_days(ended, 1), compensation_to) or 0
    if intervention + compensation > 0 then
      local item = { month = month, days = intervention + compensation, compensation_days = compensation, missing = {} }
      local approved = {}
      if intervention > 0 then
        local report = monthly[month]
        if report and report.approvedOn then
          approved[#approved + 1] = report.approvedOn
        else
          item.missing[#item.missing + 1] = ("månadsrapporten för %s är inte godkänd"):format(month)
        end
      end
      if ended and month >= month_of(ended) then
        if final and final.approvedOn then
          approved[#approved + 1] = final.approvedOn
        else
          item.missing[#item.missing + 1] = "slutrapporten är inte godkänd"
        end
      end
      if #item.missing == 0 then
        table.sort(approved)
        item.approved_on = approved[#approved]
      end
      items[#items + 1] = item
    end
    month = next_month(month)
  end
  return items
end

--- The invoicing basis of run `month` as of day `as_of`, from data already read:
--- `data.programmes` (as billing.programmes()), `data.providers` (as billing.providers()) and
--- `data.enrolments` (as billing.enrolments{…}).
---
--- Returns { month, as_of, cutoff, preliminary, lines = { line, … }, held = { line, … } }: the
--- lines paid in this run (this month's and earlier months' approved late), and this month's
--- items that are not, each with the reason.
function M.compute(data, month, as_of)
  local programmes, providers = {}, {}
  for _, programme in ipairs(data.programmes) do programmes[programme.id] = programme end
  for _, provider in ipairs(data.providers) do providers[provider.id] = provider end
  local cutoff = M.cutoff(month)
  local lines, held = {}, {}
  for _, entry in ipairs(data.enrolments) do
    local enrolment = entry.enrolment
    local programme = programmes[enrolment.programmeId]
    local provider = providers[enrolment.providerId]
    for _, item in ipairs(M.items(entry, month)) do
      local line = {
        provider = enrolment.providerId, provider_code = provider and provider.code or "",
        provider_name = provider and provider.name or "", customer = enrolment.personId, enrolment = enrolment.id,
        programme = programme and programme.code or "", choice = programme and programme.customerChoice or "",
        month = item.month, days = item.days, full_month = item.days >= calendar.days_in_month(item.month),
        approved_on = item.approved_on,
      }
      if item.compensation_days > 0 then
        line.note = ("avbruten %s: %d dagars ersättning för slutrapport"):format(enrolment.actualEnd, item.compensation_days)
      end
      local monthly = programme and programme.monthlyAmounts[item.month:sub(1, 4)]
      local run = item.approved_on and M.run_for(item.month, item.approved_on)
      if monthly then
        line.monthly_amount = monthly
        line.amount = M.amount(monthly, item.days, item.month)
      end
      if run == month then
        if not provider then
          line.reason = "insatsen har ingen anordnare"
        elseif not monthly then
          line.reason = ("%s har inget månadsbelopp för %s"):format(line.programme, item.month:sub(1, 4))
        end
        if line.reason then held[#held + 1] = line else lines[#lines + 1] = line end
      elseif item.month == month then
        if #item.missing > 0 then
          line.reason = table.concat(item.missing, "; ")
        else
          line.reason = ("godkänd %s, efter brytdatum %s: betalas i körningen för %s"):format(item.approved_on, cutoff, run)
        end
        held[#held + 1] = line
      end
    end
  end
  local function order(a, b)
    if a.provider_code ~= b.provider_code then return a.provider_code < b.provider_code end
    if a.customer ~= b.customer then return a.customer < b.customer end
    if a.enrolment ~= b.enrolment then return a.enrolment < b.enrolment end
    return a.month < b.month
  end
  table.sort(lines, order)
  table.sort(held, order)
  return { month = month, as_of = as_of, cutoff = cutoff, preliminary = as_of < cutoff, lines = lines, held = held }
end

--- The invoicing basis of run `options.month` ("YYYY-MM") as it stands at the end of day
--- `options.as_of` ("YYYY-MM-DD", default clock.today()), read through the `billing` module.
function M.basis(options)
  local month = options.month
  assert(type(month) == "string" and month:match("^%d%d%d%d%-%d%d$"), "month must be \"YYYY-MM\"")
  local as_of = options.as_of or clock.today()
  local data = {
    programmes = billing.programmes(),
    providers = billing.providers(),
    enrolments = billing.enrolments{
      -- An interruption in the last two weeks of the month before still pays days in this one.
      active_from = calendar.add_days(first_day(month), -M.interruption_days),
      active_to = last_day(month),
      -- Late approvals since the previous run's cut-off pay earlier months in this run.
      approved_from = calendar.add_days(M.cutoff(previous_month(month)), 1),
      approved_to = M.cutoff(month),
      as_of = as_of,
      templates = { M.monthly_template, M.final_template },
    },
  }
  return M.compute(data, month, as_of)
end

return M
