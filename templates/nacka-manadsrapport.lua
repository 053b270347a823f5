-- nacka-manadsrapport: the provider's monthly report in Nacka's customer choice "arbete och
-- etablering" (DOMAIN.md §5, seed 004 §7.2, §7.4, §8 "Uppföljning och rapportering", §9.2 and
-- §10 "Frånvaro").
--
-- Answer ids (the demo uses them): ar, manad, insats (FAI1 … ISA2), rubrik, kundmoten,
-- progression, justeringar, behov_annan_insats, franvaro (rows of fran, till, orsak, intyg,
-- kontaktforsok (rows of datum) and kommentar).

local INTERVENTIONS = {
  { value = "FAI1", label = "FAI 1, förberedande arbetsinriktad insats 1" },
  { value = "FAI2", label = "FAI 2, förberedande arbetsinriktad insats 2" },
  { value = "AMI1", label = "AMI 1, arbetsmarknadsinsats 1" },
  { value = "AMI2", label = "AMI 2, arbetsmarknadsinsats 2" },
  { value = "ISA1", label = "ISA 1, introduktionsinsats 1" },
  { value = "ISA2", label = "ISA 2, introduktionsinsats 2" },
}

local MONTHS = { "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
  "oktober", "november", "december" }

local function normal(text) return (text:lower():gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end

--- §8.1: a heading that does not apply is "Ej aktuellt" with a short motivation, as a text too.
local function motivated(value)
  if normal(value):find("^ej aktuellt[%p%s]*$") then return "Motivera kort varför rubriken inte är aktuell." end
end

--- The number of days from `from` to `to`, both included, or nil when they are no dates in order.
local function days(ctx, from, to)
  if not (form.parse_date(from) and form.parse_date(to)) or to < from then return nil end
  return ctx.calendar.days_between(from, to) + 1
end

local function sick_or_child(row) return row ~= nil and (row.orsak == "sjuk" or row.orsak == "vab") end

--- §10.1, §10.2: a certificate from day eight of the sick leave or the care of a sick child.
local function needs_certificate(_, ctx, row)
  if not sick_or_child(row) then return false end
  local n = days(ctx, row.fran, row.till)
  return n ~= nil and n >= 8
end

local function invalid(_, _, row) return row ~= nil and row.orsak == "ogiltig" end

--- The whole weeks the intervention ran in the month.
local function weeks(ctx)
  local p = ctx.period
  if not p then return nil end
  local first, last = p.first_day, p.last_day
  local enrolment = ctx.enrolment
  if enrolment then
    if enrolment.start and enrolment.start > first then first = enrolment.start end
    if enrolment.actualEnd and enrolment.actualEnd < last then last = enrolment.actualEnd end
  end
  local n = days(ctx, first, last)
  return n and n // 7 or 0
end

return form.template {
  id = "nacka-manadsrapport",
  version = 1,
  title = "Månadsrapport, kundval arbete och etablering",
  description = "Anordnaren följer varje månad upp insatsen med kunden utifrån genomförandeplanen och rapporterar "
    .. "progression, behov av justeringar och behov av annan insats, samt all frånvaro med datum och orsak. "
    .. "Rapporten skickas in genom att klarmarkeras: rubriken ändras till \"Månadsrapport, [månad], KLAR\".",
  role = "provider",
  about = "enrolment",
  period = "month",
  -- §8: the provider marks the report ready from the 1st to the 7th; a later report is accepted
  -- and flagged (reporting late is a deficiency of the provider, DOMAIN §5).
  window = { opens_day = 1, closes_day = 7, late = true },
  texts = {
    -- §8: what follows the provider's part.
    granskning = "Den 7–12:e granskar karriärvägledaren månadsrapporten och kan återremittera den för komplettering.",
    godkannande = "Månadsrapporten godkänns senast den 15:e.",
  },

  steps = {
    form.step {
      id = "manadsrapport", title = "Månadsrapport",
      form.integer { id = "ar", label = "År", required = true, min = 2000, max = 2100, copy = false,
        default = function(ctx) return ctx.period and ctx.period.year end },
      form.integer { id = "manad", label = "Månad", required = true, min = 1, max = 12, copy = false,
        default = function(ctx) return ctx.period and ctx.period.month end },
      form.choice { id = "insats", label = "Insats", required = true, options = INTERVENTIONS },
      -- §8.1: the report is sent by marking it ready: "Månadsrapport, [månad], KLAR".
      form.text { id = "rubrik", label = "Rubrik", required = true, copy = false,
        help = "Klarmarkera rapporten genom att lägga till \", KLAR\" i rubriken när den är färdig.",
        default = function(ctx) return ctx.period and ("Månadsrapport, " .. MONTHS[ctx.period.month]) or nil end,
        constraint = function(value, _, ctx)
          local p = ctx.period
          if not p then return nil end
          local month = MONTHS[p.month]
          local text = normal(value)
          if text == "månadsrapport, " .. month .. ", klar" or text == "månadsrapport, " .. month .. " " .. p.year .. ", klar" then
            return nil
          end
          return "Klarmarkera rapporten: ändra rubriken till \"Månadsrapport, " .. month .. ", KLAR\"."
        end },
      -- §7.2: contact with the customer at least once a week.
      form.integer { id = "kundmoten", label = "Antal kundmöten under månaden", required = true, min = 0, max = 100, copy = false,
        warning = function(value, _, ctx)
          local n = weeks(ctx)
          if n and value < n then
            return string.format("Kontakt med kunden ska ske minst en gång per vecka: %d %s på %d hela veckor.",
              value, value == 1 and "kundmöte" or "kundmöten", n)
          end
        end },
      -- §7.4, §8.1: progression against goals and sub-goals.
      form.textarea { id = "progression", label = "Progression", required = true, copy = false,
        help = "Kundens framsteg i relation till mål och delmål. Eventuella utmaningar och behov av stöd?" },
      -- §7.4: adjustments of the implementation plan; "Ej aktuellt" with a motivation.
      form.textarea { id = "justeringar", label = "Justeringar", required = true, not_applicable = true, copy = false,
        help = "Har förutsättningar ändrats så att genomförandeplanen behöver justeras? Andra eller nya aktiviteter, eller reviderade mål eller delmål?",
        constraint = motivated },
      -- §8.4: need of another intervention; "Ej aktuellt" with a motivation.
      form.textarea { id = "behov_annan_insats", label = "Behov av annan insats", required = true, not_applicable = true,
        copy = false, constraint = motivated },
      -- §10: every absence with dates and cause.
      form.group { id = "franvaro", label = "Frånvaro", copy = false, row_label = "Frånvaro", add_label = "Lägg till frånvaro",
        form.date { id = "fran", label = "Från och med", required = true },
        form.date { id = "till", label = "Till och med", required = true,
          constraint = function(value, _, ctx, row)
            if type(row.fran) == "string" and value < row.fran then return "Sista dagen kan inte vara före första dagen." end
            local p = ctx.period
            if p and (value < p.first_day or (type(row.fran) == "string" and row.fran > p.last_day)) then
              return "Frånvaron ska vara i " .. p.name .. ", den månad rapporten gäller."
            end
          end },
        form.choice { id = "orsak", label = "Orsak", required = true,
          options = {
            { value = "sjuk", label = "Sjukdom" },
            { value = "vab", label = "Vård av barn" },
            { value = "ledighet", label = "Ledighet" },
            { value = "ogiltig", label = "Ogiltig frånvaro" },
            { value = "annan", label = "Annan frånvaro, till exempel möten med andra aktörer" },
          } },
        -- §10.1, §10.2: from day eight, a medical certificate (or one for the care of a child),
        -- to reach the officer within a week.
        form.yes_no { id = "intyg", label = "Har kunden lämnat intyg (läkarintyg eller intyg om vård av barn)?",
          visible = needs_certificate, required = needs_certificate,
          warning = function(value)
            if value == false then
              return "Från och med dag åtta ska kunden lämna intyg, som ska vara karriärvägledaren tillhanda inom en vecka."
            end
          end },
        -- §10.4: invalid absence with the dates of the contact attempts.
        form.group { id = "kontaktforsok", label = "Kontaktförsök", visible = invalid, required = invalid,
          required_message = "Ange datum för kontaktförsöken vid ogiltig frånvaro.",
          row_label = "Kontaktförsök", add_label = "Lägg till kontaktförsök",
          form.date { id = "datum", label = "Datum", required = true },
        },
        form.textarea { id = "kommentar", label = "Kommentar",
          required = function(_, _, row) return row ~= nil and row.orsak == "annan" end },
      },
    },
  },

  validate = function(answers, ctx)
    local problems = {}
    local function problem(field, message) problems[#problems + 1] = { field = field, message = message } end
    local p = ctx.period
    if p and answers.ar and answers.manad and (answers.ar ~= p.year or answers.manad ~= p.month) then
      problem("manad", "Rapporten gäller " .. p.name .. ". Välj den perioden.")
    end
    for i, absence in ipairs(type(answers.franvaro) == "table" and answers.franvaro or {}) do
      -- §9.2: leave is not for customers with establishment benefit (ISA 1).
      if absence.orsak == "ledighet" and answers.insats == "ISA1" then
        problem(string.format("franvaro[%d].orsak", i),
          "Kunder med etableringsersättning (ISA 1) kan inte ha ledighet. Rapportera frånvaron med en annan orsak.")
      end
      -- §10.4: the contact attempts were made during the absence.
      for j, attempt in ipairs(type(absence.kontaktforsok) == "table" and absence.kontaktforsok or {}) do
        if attempt.datum and absence.fran and attempt.datum < absence.fran then
          problem(string.format("franvaro[%d].kontaktforsok[%d].datum", i, j),
            "Kontaktförsöket kan inte vara före frånvarons första dag.")
        end
      end
    end
    return problems
  end,

  -- §9.2: leave up to 14 days; longer planned absence ends the intervention.
  warn = function(answers, ctx)
    local total = 0
    for _, absence in ipairs(type(answers.franvaro) == "table" and answers.franvaro or {}) do
      if absence.orsak == "ledighet" then total = total + (days(ctx, absence.fran, absence.till) or 0) end
    end
    if total > 14 then
      return { franvaro = string.format("Ledighet i %d dagar: vid planerad frånvaro över 14 dagar ska insatsen avslutas "
        .. "och ett nytt beslut om insats fattas.", total) }
    end
  end,
}
