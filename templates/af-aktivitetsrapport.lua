-- af-aktivitetsrapport: the monthly activity report of a participant in Arbetsförmedlingen's
-- establishment programme (DOMAIN.md §1, seed 000 "Rapportera aktiviteter").
--
-- Answer ids (the demo and integrations use them): ar, manad, aktiviteter (rows of typ, datum,
-- timmar, beskrivning, arbetsgivare, yrke, via_jobbforslag, status, i_planering), ovrigt, and
-- pappersblankett_inkom.
--
-- Paper reports (§1: "Without e-ID, a paper form is filled in; staff then register it"): the
-- template sets staff_may_register, so an officer may fill in and submit the report on the
-- participant's behalf; the lifecycle records who submitted it (the receipt's "Inskickat av").
-- The officer also notes the day the paper form came in, in the last step (pappersblankett_inkom),
-- which must fall in the window like any report.

local KINDS = {
  -- §1 lists six kinds of activity; two of them cover two things each, which the officer needs
  -- apart (a job applied for is not a course applied for), so there are eight, plus "other
  -- relevant activities" (the seed: "men också andra aktiviteter som är relevanta").
  { value = "sfi", label = "Svenska för invandrare (sfi)" },
  { value = "samhallsorientering", label = "Samhällsorientering" },
  { value = "arbetspraktik", label = "Arbetspraktik (sökt eller pågående)" },
  { value = "arbetsmarknadsutbildning", label = "Arbetsmarknadsutbildning" },
  { value = "sokt_jobb", label = "Sökt jobb" },
  { value = "sokt_utbildning", label = "Sökt utbildning" },
  { value = "jobbintervju", label = "Jobbintervju" },
  { value = "rekryteringstraff", label = "Rekryteringsträff" },
  { value = "annan", label = "Annan aktivitet för att få jobb" },
}

local function blank(value)
  return value == nil or (type(value) == "string" and not value:find("%S"))
end

local function kind_in(...)
  local set = {}
  for _, kind in ipairs({ ... }) do set[kind] = true end
  return function(_, _, row) return row ~= nil and set[row.typ] == true end
end

local hours_kinds = kind_in("sfi", "samhallsorientering", "arbetsmarknadsutbildning", "annan")
-- Hours of a work placement once the participant is at it, not while applying.
local function shows_hours(answers, ctx, row)
  return hours_kinds(answers, ctx, row) or (row ~= nil and row.typ == "arbetspraktik" and row.status == "pagaende")
end
local needs_hours = kind_in("sfi", "samhallsorientering")
local shows_employer = kind_in("sokt_jobb", "jobbintervju", "arbetspraktik")
local needs_description = kind_in("arbetsmarknadsutbildning", "sokt_utbildning", "annan")

--- The job suggestions the participant has been sent (§1: "see the job suggestions"), as text:
--- one line per suggestion, or nil when there are none. ctx.job_suggestions is a list of
--- {titel, arbetsgivare, sista_ansokningsdag}.
local function suggestions_text(ctx)
  local list = ctx.job_suggestions
  if type(list) ~= "table" or list[1] == nil then return nil end
  local lines = {}
  for _, s in ipairs(list) do
    local line = tostring(s.titel or "Jobb") .. ", " .. tostring(s.arbetsgivare or "okänd arbetsgivare")
    if s.sista_ansokningsdag then line = line .. " – sök senast " .. ctx.swedish_date(s.sista_ansokningsdag) end
    lines[#lines + 1] = line
  end
  return table.concat(lines, "\n")
end

return form.template {
  id = "af-aktivitetsrapport",
  version = 1,
  title = "Aktivitetsrapport",
  description = "Varje månad rapporterar du vilka jobb du har sökt och vilka andra aktiviteter du har "
    .. "genomfört för att få ett jobb, både aktiviteter i din planering och andra. Rapporten är viktig "
    .. "för att du ska få rätt stöd och rätt etableringsersättning.",
  role = "reporter",
  about = "enrolment",
  period = "month",
  -- §1: from the 1st to the 14th of the following month (September: 1–14 October). The seed
  -- allows no late report.
  window = { opens_day = 1, closes_day = 14, late = false },
  -- §1: a paper form registered by staff for a participant without e-ID.
  staff_may_register = true,
  texts = {
    -- §1: activities are added and saved during the month, then submitted.
    spara = "Lägg till aktiviteter under månaden och spara, så att du inte glömmer någon. "
      .. "Lämna in rapporten mellan den 1:a och den 14:e månaden efter.",
    -- §1: not by phone or e-mail.
    kanaler = "Du kan inte rapportera dina aktiviteter genom att ringa eller mejla till oss.",
    pappersblankett = "Har du inte e-legitimation fyller du i rapporten på en pappersblankett, som du "
      .. "hämtar på något av våra kontor. En handläggare registrerar den åt dig.",
  },

  steps = {
    form.step {
      id = "aktiviteter", title = "Aktiviteter",
      help = "Ta med både aktiviteter som ingår i din planering och andra aktiviteter som är relevanta.",
      form.integer { id = "ar", label = "År", required = true, min = 2000, max = 2100, copy = false,
        default = function(ctx) return ctx.period and ctx.period.year end },
      form.integer { id = "manad", label = "Månad", required = true, min = 1, max = 12, copy = false,
        default = function(ctx) return ctx.period and ctx.period.month end },
      -- §1: the job suggestions the participant has been sent, read-only.
      form.info { id = "jobbforslag", label = "Förslag på jobb att söka som du har fått",
        visible = function(_, ctx) return suggestions_text(ctx) ~= nil end,
        text = function(_, ctx) return suggestions_text(ctx) end },
      -- §1: at least one activity, unless the participant says under Övrigt why there is none.
      form.group { id = "aktiviteter", label = "Aktiviteter under månaden", copy = false,
        row_label = "Aktivitet", add_label = "Lägg till aktivitet",
        required = function(answers) return blank(answers.ovrigt) end,
        required_message = "Lägg till minst en aktivitet, eller skriv under Övrigt varför du inte har något att rapportera.",
        form.choice { id = "typ", label = "Typ av aktivitet", required = true, options = KINDS },
        -- §1: the report is about the month it is for.
        form.date { id = "datum", label = "Datum", required = true,
          constraint = function(value, _, ctx)
            local p = ctx.period
            if p and (value < p.first_day or value > p.last_day) then
              return "Datumet ska vara i " .. p.name .. ", den månad rapporten gäller."
            end
            if ctx.today and value > ctx.today then return "Datumet har inte varit än. Rapportera aktiviteter som du har gjort." end
          end },
        form.hours { id = "timmar", label = "Antal timmar", visible = shows_hours, required = needs_hours, max = 744,
          warning = function(value)
            -- Local plausibility check: more than full time (about 176 hours) in one activity.
            if value > 176 then return "Mer än heltid på en aktivitet under en månad. Kontrollera antalet timmar." end
          end },
        form.choice { id = "status", label = "Har du sökt praktiken eller är du på den?",
          visible = kind_in("arbetspraktik"), required = kind_in("arbetspraktik"),
          options = { { value = "sokt", label = "Jag har sökt praktiken" }, { value = "pagaende", label = "Jag är på praktiken" } } },
        form.text { id = "arbetsgivare", label = "Arbetsgivare", visible = shows_employer, required = shows_employer },
        form.text { id = "yrke", label = "Yrke eller tjänst", visible = kind_in("sokt_jobb", "jobbintervju"),
          required = kind_in("sokt_jobb") },
        form.yes_no { id = "via_jobbforslag", label = "Sökte du jobbet via ett förslag på jobb från oss?",
          visible = kind_in("sokt_jobb"), required = kind_in("sokt_jobb") },
        form.text { id = "beskrivning", label = "Beskrivning", required = needs_description,
          help = "Till exempel kursens eller utbildningens namn och var den ges." },
        -- §1: activities both inside and outside the plan.
        form.yes_no { id = "i_planering", label = "Ingår aktiviteten i din planering?", required = true },
      },
      form.textarea { id = "ovrigt", label = "Övrigt", copy = false,
        help = "Något mer du vill berätta om månaden, till exempel om du har varit sjuk." },
    },

    -- §1: staff register a paper form on the participant's behalf.
    form.step {
      id = "pappersblankett", title = "Pappersblankett",
      help = "Fylls bara i av handläggare som registrerar en pappersblankett åt deltagaren.",
      form.date { id = "pappersblankett_inkom", label = "Datum då pappersblanketten kom in", copy = false,
        constraint = function(value, _, ctx)
          local p = ctx.period
          if ctx.today and value > ctx.today then return "Datumet har inte varit än." end
          if p then
            local y, m = p.year, p.month + 1
            if m == 13 then y, m = y + 1, 1 end
            local opens, closes = string.format("%04d-%02d-01", y, m), string.format("%04d-%02d-14", y, m)
            if value < opens then
              return "Blanketten kan lämnas in tidigast " .. ctx.swedish_date(opens) .. ", efter månadens slut."
            end
            if value > closes then
              return "Blanketten kom in efter sista dag, " .. ctx.swedish_date(closes) .. ". Rapporten är för sen."
            end
          end
        end },
    },
  },

  validate = function(answers, ctx)
    -- The year and month answered must be the report's own period (as in lss-kontaktperson).
    local p = ctx.period
    if p and answers.ar and answers.manad and (answers.ar ~= p.year or answers.manad ~= p.month) then
      return { manad = "Rapporten gäller " .. p.name .. ". Välj den perioden." }
    end
  end,

  -- §1: "report the jobs you applied for": a month without one is worth a second look.
  warn = function(answers)
    if type(answers.aktiviteter) ~= "table" or answers.aktiviteter[1] == nil then return nil end
    for _, activity in ipairs(answers.aktiviteter) do
      if activity.typ == "sokt_jobb" then return nil end
    end
    return { aktiviteter = "Du har inte rapporterat något sökt jobb den här månaden. Har du sökt jobb, lägg till dem." }
  end,

  receipt = function(r, answers, ctx)
    local count = type(answers.aktiviteter) == "table" and #answers.aktiviteter or 0
    return table.concat({
      "Din aktivitetsrapport är inskickad",
      "Ärendenummer: " .. r.case_number,
      "Inskickat av: " .. r.submitted_by,
      "Tidpunkt: " .. r.submitted_at,
      "Rapporten gäller " .. (ctx.period and ctx.period.name or "månaden") .. " och har "
        .. count .. (count == 1 and " aktivitet." or " aktiviteter."),
      "Du kan se dina inskickade rapporter på Mina sidor.",
    }, "\n")
  end,
}
