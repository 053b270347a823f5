-- nacka-slutrapport: the provider's final report when an intervention in Nacka's customer choice
-- "arbete och etablering" ends (DOMAIN.md §5, seed 004 §12 "Slutrapportering och avslut").
--
-- Answer ids (the demo uses them): insats (FAI1 … ISA2), slutdatum, avslutsorsak (completed |
-- ended_early | interrupted, as the enrolment's end reason), beslutsdatum, maluppfyllelse
-- (uppnått | delvis uppnått | ej uppnått), egen_forsorjning, sammanfattning and nasta_steg.
--
-- The report is about an event: its event date is the intervention's end date.

local INTERVENTIONS = {
  { value = "FAI1", label = "FAI 1, förberedande arbetsinriktad insats 1" },
  { value = "FAI2", label = "FAI 2, förberedande arbetsinriktad insats 2" },
  { value = "AMI1", label = "AMI 1, arbetsmarknadsinsats 1" },
  { value = "AMI2", label = "AMI 2, arbetsmarknadsinsats 2" },
  { value = "ISA1", label = "ISA 1, introduktionsinsats 1" },
  { value = "ISA2", label = "ISA 2, introduktionsinsats 2" },
}

local END_NAMES = { completed = "fullföljd", ended_early = "avslutad i förtid", interrupted = "avbruten" }
local function early(answers) return answers.avslutsorsak == "ended_early" or answers.avslutsorsak == "interrupted" end

--- §12: the next step is documented when the goal was not reached or the customer did not
--- reach self-sufficiency.
local function next_step_needed(answers)
  return (answers.maluppfyllelse ~= nil and answers.maluppfyllelse ~= "uppnått") or answers.egen_forsorjning == false
end

--- The intervention's end: the report's event date, or the enrolment's end.
--- Whether the report is a draft about to be submitted: deadlines are judged then, not when a
--- report already in is looked at again (or validated in bulk, without a status).
local function draft(ctx) return ctx.status == "draft" end

local function end_date(ctx)
  local enrolment = ctx.enrolment
  return ctx.event_date or (enrolment and (enrolment.actualEnd or enrolment.plannedEnd)) or nil
end

return form.template {
  id = "nacka-slutrapport",
  version = 1,
  title = "Slutrapport, kundval arbete och etablering",
  description = "När insatsen avslutas slutrapporterar anordnaren den. Slutrapporten och månadsrapporten ligger till "
    .. "grund för sista utbetalningen. Om kunden inte har nått målet med insatsen eller egen försörjning "
    .. "dokumenteras lämpligt nästa steg.",
  role = "provider",
  about = "enrolment",
  period = "event",
  -- §12.1.1: a completed intervention's final report comes before its end date (the last day
  -- included). §12.1.2, §12.1.3: after an early end or an interruption, within two weeks (of the
  -- decision, which the host does not know: of the end). Later reports are accepted without
  -- compensation, and flagged; validate refuses them after 14 days.
  window = function(ctx)
    local last = end_date(ctx)
    if not last then return nil end
    local enrolment = ctx.enrolment
    local reason = enrolment and enrolment.endReason
    local opens = enrolment and enrolment.start or ctx.calendar.add_days(last, -30)
    local closes = last
    if reason == "ended_early" or reason == "interrupted" then closes = ctx.calendar.add_days(last, 14) end
    return { opens = opens, closes = closes, late = true }
  end,
  texts = {
    sen = "En slutrapport som kommer in efter avslutet ersätts inte, och kan skickas in senast 14 dagar efter avslutet.",
  },

  steps = {
    form.step {
      id = "slutrapport", title = "Slutrapport",
      form.choice { id = "insats", label = "Insats", required = true, options = INTERVENTIONS },
      form.date { id = "slutdatum", label = "Insatsens slutdatum", required = true,
        default = function(ctx) return ctx.event_date end },
      form.choice { id = "avslutsorsak", label = "Hur avslutades insatsen?", required = true,
        options = {
          { value = "completed", label = "Fullföljd enligt beslutat slutdatum" },
          { value = "ended_early", label = "Avslutad i förtid" },
          { value = "interrupted", label = "Avbruten av en anledning utanför anordnarens kontroll" },
        } },
      -- §12.1.2: within two weeks of the decision to end.
      form.date { id = "beslutsdatum", label = "Datum för beslutet om avslut", visible = early,
        required = function(answers) return answers.avslutsorsak == "ended_early" end,
        constraint = function(value, answers, ctx)
          if ctx.today and value > ctx.today then return "Datumet har inte varit än." end
          if answers.slutdatum and value > answers.slutdatum then return "Beslutet om avslut kan inte vara efter slutdatumet." end
        end,
        warning = function(value, _, ctx)
          if ctx.today and draft(ctx) then
            local due = ctx.calendar.add_days(value, 14)
            if ctx.today > due then
              return "Slutrapporten skulle ha kommit in inom två veckor från beslutet om avslut, senast " .. ctx.swedish_date(due) .. "."
            end
          end
        end },
      form.choice { id = "maluppfyllelse", label = "Har kunden nått målet med insatsen?", required = true,
        options = {
          { value = "uppnått", label = "Ja, målet är uppnått" },
          { value = "delvis uppnått", label = "Delvis" },
          { value = "ej uppnått", label = "Nej, målet är inte uppnått" },
        } },
      form.yes_no { id = "egen_forsorjning", label = "Har kunden nått egen försörjning genom arbete eller studier?" },
      form.textarea { id = "sammanfattning", label = "Sammanfattning av insatsen", required = true },
      -- §12: the suitable next step when the goal or self-sufficiency was not reached.
      form.textarea { id = "nasta_steg", label = "Bedömning av lämpligt nästa steg", required = next_step_needed,
        required_message = "Kunden har inte nått målet eller egen försörjning: dokumentera lämpligt nästa steg." },
    },
  },

  validate = function(answers, ctx)
    local problems = {}
    local function problem(field, message) problems[#problems + 1] = { field = field, message = message } end
    if ctx.event_date and answers.slutdatum and answers.slutdatum ~= ctx.event_date then
      problem("slutdatum", "Slutrapporten gäller insatsen som slutade " .. ctx.swedish_date(ctx.event_date) .. ". Ange det datumet.")
    end
    -- §12: late final reports are accepted up to 14 days after the end, not later: judged when a
    -- draft is submitted.
    local last = answers.slutdatum or end_date(ctx)
    if last and ctx.today and draft(ctx) and form.parse_date(last) then
      local latest = ctx.calendar.add_days(last, 14)
      if ctx.today > latest then
        problem("", "Slutrapporten kan skickas in senast 14 dagar efter avslutet, " .. ctx.swedish_date(latest) .. ".")
      end
    end
    return problems
  end,

  -- The end as the enrolment records it.
  warn = function(answers, ctx)
    local warnings = {}
    local enrolment = ctx.enrolment
    if not enrolment then return nil end
    if enrolment.endReason and answers.avslutsorsak and enrolment.endReason ~= answers.avslutsorsak then
      warnings[#warnings + 1] = { field = "avslutsorsak",
        message = "Insatsen är registrerad som " .. (END_NAMES[enrolment.endReason] or enrolment.endReason) .. "." }
    end
    if enrolment.actualEnd and answers.slutdatum and enrolment.actualEnd ~= answers.slutdatum then
      warnings[#warnings + 1] = { field = "slutdatum",
        message = "Insatsen är registrerad som avslutad " .. ctx.swedish_date(enrolment.actualEnd) .. "." }
    end
    return warnings
  end,
}
