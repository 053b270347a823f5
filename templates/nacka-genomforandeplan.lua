-- nacka-genomforandeplan: the implementation plan (genomförandeplan) the provider draws up with
-- the customer in Nacka's customer choice "arbete och etablering" (DOMAIN.md §5, seed 004 §6.4
-- "Kunds heltidsplanering", §7.1 "Uppstart av insats", §7.2 "Veckovisa kundmöten", §7.3
-- "Genomförandeplan" and §8.3 "Revidering av genomförandeplan").
--
-- Answer ids: insats (FAI1 … ISA2), anledning (forsta | andrad | beslut), beslutsdatum,
-- uppstartsmote, underlag, mal, delmal (rows of delmal, klart_senast), aktiviteter (rows of
-- aktivitet, delmal_nr, timmar_per_vecka), heltid, deltid_skal, kundmoten_per_vecka, kommentar.
--
-- The plan is about an event: its event date is the day the plan (or its revision) is made.
-- The first plan is due 14 days after the intervention's start; a revision after the officer's
-- decision to adjust within 5 working days of that decision; other revisions whenever goals,
-- sub-goals or activities change. The officer approves or returns each version within 5 working
-- days (the host's review; the deadline is scripts/deadlines' `nacka.genomforandeplan.godkannande`).

local INTERVENTIONS = {
  { value = "FAI1", label = "FAI 1, förberedande arbetsinriktad insats 1" },
  { value = "FAI2", label = "FAI 2, förberedande arbetsinriktad insats 2" },
  { value = "AMI1", label = "AMI 1, arbetsmarknadsinsats 1" },
  { value = "AMI2", label = "AMI 2, arbetsmarknadsinsats 2" },
  { value = "ISA1", label = "ISA 1, introduktionsinsats 1" },
  { value = "ISA2", label = "ISA 2, introduktionsinsats 2" },
}

local SUBMITTED = { submitted = true, returned = true, resubmitted = true, approved = true }

--- Whether `report` came before the one being checked: an earlier event date, or the same date
--- and a lower id (ctx.earlier_reports also holds later reports when a stored one is checked again).
local function before_this(report, ctx)
  local day = ctx.event_date
  if not (day and report.eventDate) then return true end
  if report.eventDate ~= day then return report.eventDate < day end
  return not (ctx.report_id and report.id) or report.id < ctx.report_id
end

--- Whether the customer has a plan submitted before this one.
local function has_earlier_plan(ctx)
  for _, report in ipairs(ctx.earlier_reports or {}) do
    if SUBMITTED[report.status] and before_this(report, ctx) then return true end
  end
  return false
end

local function first(answers) return answers.anledning == "forsta" end
local function by_decision(answers) return answers.anledning == "beslut" end
local function part_time(answers) return answers.heltid == false end

return form.template {
  id = "nacka-genomforandeplan",
  version = 1,
  title = "Genomförandeplan, kundval arbete och etablering",
  description = "Anordnaren upprättar tillsammans med kunden, utifrån uppdragsunderlaget och framtidsplanen, en "
    .. "genomförandeplan med mål, delmål och aktiviteter för insatsperioden. Den skickas in till karriärvägledaren "
    .. "inom 14 dagar från insatsens startdatum och revideras när mål, delmål eller aktiviteter ändras.",
  role = "provider",
  about = "enrolment",
  period = "event",
  -- §7.3: the first plan within 14 days of the intervention's start date. §8.3: a revision the
  -- officer decided on within a week, 5 working days, of the decision. Other revisions (§8.3:
  -- whenever goals, sub-goals or activities change) have no deadline. Late plans are still
  -- needed, so they are accepted and flagged.
  window = function(ctx, answers)
    if answers and by_decision(answers) and form.parse_date(answers.beslutsdatum) then
      return { opens = answers.beslutsdatum, closes = ctx.calendar.add_working_days(answers.beslutsdatum, 5), late = true }
    end
    if has_earlier_plan(ctx) then return nil end
    local enrolment = ctx.enrolment
    if not (enrolment and enrolment.start) then return nil end
    return { opens = enrolment.start, closes = ctx.calendar.add_days(enrolment.start, 14), late = true }
  end,
  texts = {
    -- §7.3: what follows the provider's part.
    godkannande = "Karriärvägledaren granskar genomförandeplanen och godkänner den, eller återremitterar den, inom fem arbetsdagar.",
  },

  steps = {
    form.step {
      id = "genomforandeplan", title = "Genomförandeplan",
      form.choice { id = "insats", label = "Insats", required = true, options = INTERVENTIONS },
      -- §7.3, §8.3: the first plan, or a revision.
      form.choice { id = "anledning", label = "Planen lämnas", required = true, copy = false,
        options = {
          { value = "forsta", label = "Första genomförandeplanen efter start" },
          { value = "andrad", label = "Revidering: mål, delmål eller aktiviteter har ändrats" },
          { value = "beslut", label = "Revidering efter karriärvägledarens bedömning på uppföljningsmötet" },
        } },
      -- §8.3: the revision is due a week, 5 working days, after the officer's assessment.
      form.date { id = "beslutsdatum", label = "Datum för uppföljningsmötet där justeringen beslutades", copy = false,
        visible = by_decision, required = by_decision,
        constraint = function(value, _, ctx)
          if ctx.event_date and value > ctx.event_date then return "Uppföljningsmötet kan inte vara efter planens datum." end
        end },
      -- §7.1: the first meeting within a week, to finish the plan within fourteen days.
      form.date { id = "uppstartsmote", label = "Datum för uppstartsmötet med kunden", copy = false,
        visible = first, required = first,
        constraint = function(value, _, ctx)
          if ctx.event_date and value > ctx.event_date then return "Uppstartsmötet kan inte vara efter planens datum." end
        end,
        warning = function(value, _, ctx)
          local enrolment = ctx.enrolment
          if enrolment and enrolment.start and value > ctx.calendar.add_days(enrolment.start, 7) then
            return "Uppstartsmötet ska hållas inom en vecka, för att genomförandeplanen ska hinna bli klar inom 14 dagar från start."
          end
        end },
      -- §7.3: drawn up together with the customer, from the assignment and the future plan.
      form.confirmation { id = "underlag", required = true, copy = false,
        label = "Genomförandeplanen är upprättad tillsammans med kunden.",
        text = "Planen är upprättad tillsammans med kunden utifrån uppdragsunderlaget och kundens framtidsplan" },
      -- §7.3: the goal the customer reaches during the intervention.
      form.textarea { id = "mal", label = "Mål med insatsen", required = true },
      -- §7.3: sub-goals, each reached during the intervention period.
      form.group { id = "delmal", label = "Delmål", required = true, required_message = "Lägg till minst ett delmål.",
        row_label = "Delmål", add_label = "Lägg till delmål",
        form.text { id = "delmal", label = "Delmål", required = true },
        form.date { id = "klart_senast", label = "Nås senast", required = true },
      },
      -- §7.3: the activities that lead to the goals.
      form.group { id = "aktiviteter", label = "Aktiviteter", required = true, required_message = "Lägg till minst en aktivitet.",
        row_label = "Aktivitet", add_label = "Lägg till aktivitet",
        form.text { id = "aktivitet", label = "Aktivitet", required = true },
        form.integer { id = "delmal_nr", label = "Hör till delmål nummer", min = 1, max = 50 },
        form.hours { id = "timmar_per_vecka", label = "Timmar per vecka", required = true, max = 40,
          constraint = function(value)
            if value == 0 then return "Ange hur många timmar per vecka aktiviteten planeras." end
          end },
      },
      -- §6.4: the main rule is full-time planning (it may include care and other parts).
      form.yes_no { id = "heltid", label = "Har kunden en planering på heltid?", required = true },
      -- §6.4.1: part time only where the officer gave the reason in the assignment.
      form.textarea { id = "deltid_skal", label = "Skäl till deltidsplanering enligt uppdraget",
        visible = part_time, required = part_time },
      -- §7.2: contact with the customer at least once a week.
      form.integer { id = "kundmoten_per_vecka", label = "Planerade kundmöten per vecka", required = true, min = 0, max = 10,
        constraint = function(value)
          if value < 1 then return "Kontakt med kunden ska ske minst en gång per vecka." end
        end },
      form.textarea { id = "kommentar", label = "Kommentar", copy = false },
    },
  },

  validate = function(answers, ctx)
    local problems = {}
    local function problem(field, message) problems[#problems + 1] = { field = field, message = message } end
    -- §7.3, §8.3: a revision needs a plan to revise; a first plan must be the first.
    local earlier = has_earlier_plan(ctx)
    if first(answers) and earlier then
      problem("anledning", "Det finns redan en inskickad genomförandeplan. Välj revidering.")
    elseif (answers.anledning == "andrad" or by_decision(answers)) and not earlier then
      problem("anledning", "Det finns ingen inskickad genomförandeplan att revidera. Välj första genomförandeplanen.")
    end
    -- §7.3: the plan is for the intervention: not before its start.
    local enrolment = ctx.enrolment
    if enrolment and enrolment.start and ctx.event_date and ctx.event_date < enrolment.start then
      problem("", "Genomförandeplanen kan inte gälla före insatsens start, " .. ctx.swedish_date(enrolment.start) .. ".")
    end
    -- §7.3: an activity belongs to a sub-goal of the plan.
    local goals = type(answers.delmal) == "table" and #answers.delmal or 0
    for i, activity in ipairs(type(answers.aktiviteter) == "table" and answers.aktiviteter or {}) do
      if activity.delmal_nr and activity.delmal_nr > goals then
        problem(string.format("aktiviteter[%d].delmal_nr", i),
          string.format("Det finns inget delmål nummer %d (planen har %d).", activity.delmal_nr, goals))
      end
    end
    return problems
  end,

  -- §7.3: the goals and sub-goals are reached during the intervention period.
  warn = function(answers, ctx)
    local enrolment = ctx.enrolment
    local last = enrolment and (enrolment.actualEnd or enrolment.plannedEnd)
    if not last then return nil end
    local warnings = {}
    for i, goal in ipairs(type(answers.delmal) == "table" and answers.delmal or {}) do
      if type(goal.klart_senast) == "string" and goal.klart_senast > last then
        warnings[string.format("delmal[%d].klart_senast", i)] =
          "Delmålet ska nås under insatsperioden, som slutar " .. ctx.swedish_date(last) .. "."
      end
    end
    return warnings
  end,
}
