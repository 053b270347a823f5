-- sus-aktiv-insats: registering the start of active interventions in SUS, in the cooperation of
-- Arbetsförmedlingen and Försäkringskassan (DOMAIN.md §4, seed 003 "Start av aktiva insatser").
--
-- Answer ids: kontor, overgang_till (arbetsforberedande | arbetslivsinriktad) and datum.
--
-- The earlier registrations of the participant come from two places: ctx.sus_registrations (a
-- list of {step, date, transition, kontor}, step one of begaran_kartlaggning,
-- start_kartlaggning, slut_kartlaggning, start_aktiv_insats, as the host's SUS register has
-- them) and ctx.earlier_reports (the participant's earlier registrations made with this
-- template). A registration counts once submitted; a deleted (withdrawn) one does not.

local SUBMITTED = { submitted = true, returned = true, resubmitted = true, approved = true }

local STEP_NAMES = {
  begaran_kartlaggning = "begäran om gemensam kartläggning",
  start_kartlaggning = "start av gemensam kartläggning",
  slut_kartlaggning = "avslut av gemensam kartläggning",
  start_aktiv_insats = "start av aktiv insats",
}
local MAPPING = { "begaran_kartlaggning", "start_kartlaggning", "slut_kartlaggning" }

local KIND_NAMES = { arbetsforberedande = "arbetsförberedande", arbetslivsinriktad = "arbetslivsinriktade" }
local function kind_name(kind) return KIND_NAMES[kind] or tostring(kind) end

--- The registrations that bear on this one, dated `day` (any when nil): {step, date,
--- transition, kontor}, sorted by date. Every step of the joint mapping (the rules compare their
--- dates with the day); starts of active interventions only from before this one: from the SUS
--- register, those on or before the day; from this template's reports (ctx.earlier_reports holds
--- later ones too when a stored report is checked again), those before the day, or on it and
--- made before this one.
local function registrations(ctx, day)
  local list = {}
  for _, r in ipairs(type(ctx.sus_registrations) == "table" and ctx.sus_registrations or {}) do
    if r.step ~= "start_aktiv_insats" or day == nil or r.date == nil or r.date <= day then
      list[#list + 1] = { step = r.step, date = r.date, transition = r.transition, kontor = r.kontor }
    end
  end
  for _, report in ipairs(ctx.earlier_reports or {}) do
    local a = report.answers
    if SUBMITTED[report.status] and type(a) == "table" then
      local date = a.datum or report.eventDate
      local earlier = day == nil or date == nil or date < day
        or (date == day and (not (ctx.report_id and report.id) or report.id < ctx.report_id))
      if earlier then
        list[#list + 1] = { step = "start_aktiv_insats", date = date, transition = a.overgang_till, kontor = a.kontor }
      end
    end
  end
  table.sort(list, function(x, y) return tostring(x.date) < tostring(y.date) end)
  return list
end

--- The last registration of `step`, or nil.
local function last(list, step)
  local found
  for _, r in ipairs(list) do if r.step == step then found = r end end
  return found
end

--- The office of the latest registration that names one.
local function office(list)
  local found
  for _, r in ipairs(list) do if r.kontor then found = r.kontor end end
  return found
end

local function person_text(ctx)
  local person = ctx.person
  if type(person) ~= "table" then return nil end
  local parts = { tostring(person.firstName or "") .. " " .. tostring(person.lastName or "") }
  if person.municipality then parts[#parts + 1] = "folkbokförd i " .. person.municipality end
  if person.district then parts[#parts + 1] = "stadsdel " .. person.district end
  return table.concat(parts, ", ")
end

return form.template {
  id = "sus-aktiv-insats",
  version = 1,
  title = "Registrera start av aktiva insatser (SUS)",
  description = "Deltagaransvarig på Arbetsförmedlingen registrerar deltagaren i arbetsförberedande eller "
    .. "arbetslivsinriktade insatser direkt efter start, efter gemensam kartläggning eller vid en övergång "
    .. "mellan insatserna. En registrering kan inte ändras: radera den felaktiga registreringen och "
    .. "registrera sedan rätt.",
  role = "officer",
  about = "person",
  period = "event",
  -- §4: a registration cannot be edited; a wrong one is deleted (by an officer) and registered anew.
  deletable = true,

  steps = {
    form.step {
      id = "registrera_medverkan", title = "Registrera medverkan",
      -- §4: name, home municipality and district are fetched from the register.
      form.info { id = "deltagare", label = "Deltagare",
        visible = function(_, ctx) return person_text(ctx) ~= nil end,
        text = function(_, ctx) return person_text(ctx) end },
      -- §4: the office comes from the earlier registration.
      form.text { id = "kontor", label = "Arbetsförmedling och kontor", required = true,
        default = function(ctx) return office(registrations(ctx, ctx.event_date)) end },
      form.choice { id = "overgang_till", label = "Övergång till", required = true,
        options = {
          { value = "arbetsforberedande", label = "Arbetsförberedande" },
          { value = "arbetslivsinriktad", label = "Arbetslivsinriktad" },
        } },
      form.date { id = "datum", label = "Datum för övergång", required = true,
        default = function(ctx) return ctx.event_date end,
        -- §4: registered right after the start, so the start has happened.
        constraint = function(value, _, ctx)
          if ctx.today and value > ctx.today then return "Registrera starten av den aktiva insatsen när den har skett." end
        end,
        warning = function(value, _, ctx)
          local unsent = ctx.status == nil or ctx.status == "draft"
          if unsent and ctx.today and value <= ctx.today and ctx.calendar.working_days_between(value, ctx.today) > 5 then
            return "Start av aktiv insats ska registreras direkt efter start (" .. ctx.swedish_date(value) .. ")."
          end
        end },
    },
  },

  validate = function(answers, ctx)
    local problems = {}
    local function problem(field, message) problems[#problems + 1] = { field = field, message = message } end
    -- §4: a registration cannot be edited; correct it by deleting it and registering anew.
    if ctx.status == "returned" then
      problem("", "En registrering kan inte ändras. Radera den felaktiga registreringen och registrera sedan rätt.")
      return problems
    end
    if ctx.event_date and answers.datum and answers.datum ~= ctx.event_date then
      problem("datum", "Registreringen gäller " .. ctx.swedish_date(ctx.event_date) .. ". Ange det datumet.")
    end
    local list = registrations(ctx, answers.datum or ctx.event_date)
    -- §4: a change of office is its own registration.
    local known_office = office(list)
    if known_office and answers.kontor and answers.kontor ~= known_office then
      problem("kontor", "Deltagaren är registrerad på " .. known_office .. ". Ett byte av handläggande kontor registreras för sig.")
    end
    local active = last(list, "start_aktiv_insats")
    if active then
      -- §4: a move between the two kinds; the earlier one was registered by Arbetsförmedlingen.
      if answers.overgang_till and answers.overgang_till == active.transition then
        problem("overgang_till", "Deltagaren har redan " .. kind_name(active.transition) .. " insatser sedan "
          .. ctx.swedish_date(active.date) .. ". Vid en övergång registreras den andra insatsen.")
      end
      if answers.datum and active.date and answers.datum <= active.date then
        problem("datum", "Övergången ska vara efter den förra starten av aktiv insats, " .. ctx.swedish_date(active.date) .. ".")
      end
      return problems
    end
    -- §4: before the first active intervention, Försäkringskassan has registered the request for,
    -- the start and the end of the joint mapping, in that order.
    if type(ctx.sus_registrations) ~= "table" then return problems end
    local missing, previous = {}, nil
    for _, step in ipairs(MAPPING) do
      local r = last(list, step)
      if not r then
        missing[#missing + 1] = STEP_NAMES[step]
      else
        if previous and r.date and previous.date and r.date < previous.date then
          problem("", "Registreringarna i SUS är i fel ordning: " .. STEP_NAMES[step] .. " (" .. ctx.swedish_date(r.date)
            .. ") är före " .. STEP_NAMES[previous.step] .. " (" .. ctx.swedish_date(previous.date) .. ").")
        end
        previous = r
      end
    end
    if #missing > 0 then
      problem("", "Det saknas registreringar före start av aktiv insats: " .. table.concat(missing, ", ")
        .. ". Be handläggaren på Försäkringskassan registrera dem, eller registrera de saknade uppgifterna själv.")
      return problems
    end
    local ended = last(list, "slut_kartlaggning")
    if answers.datum and ended.date and answers.datum < ended.date then
      problem("datum", "Den aktiva insatsen kan inte starta före avslutad gemensam kartläggning, " .. ctx.swedish_date(ended.date) .. ".")
    end
    return problems
  end,

  warn = function(answers, ctx)
    local list = registrations(ctx, answers.datum or ctx.event_date)
    if last(list, "start_aktiv_insats") then return nil end
    if type(ctx.sus_registrations) ~= "table" then
      return { [""] = "Registreringarna före start av aktiv insats (begäran om, start och avslut av gemensam "
        .. "kartläggning) kunde inte kontrolleras." }
    end
    -- §4: at the end of the mapping the agencies decided which kind was planned.
    local ended = last(list, "slut_kartlaggning")
    if ended and ended.transition and answers.overgang_till and ended.transition ~= answers.overgang_till then
      return { overgang_till = "Vid avslutad gemensam kartläggning planerades " .. kind_name(ended.transition)
        .. " insatser. Kontrollera att det är rätt insats." }
    end
  end,
}
