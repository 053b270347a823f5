-- Tests of templates/nacka-genomforandeplan.lua, one case (or more) per rule of DOMAIN.md §5
-- (seed 004 §6.4, §7.1, §7.2, §7.3, §8.3).
-- Run: redovisa template test nacka-genomforandeplan

local t = form.load("nacka-genomforandeplan")

local with = form.with

local CV = { delmal = "Ett uppdaterat CV och personligt brev", klart_senast = "2025-10-15" }
local INTERVJU = { delmal = "Två intervjuer", klart_senast = "2025-11-28" }
local SOKA = { aktivitet = "Jobbsökarträffar i grupp", delmal_nr = 1, timmar_per_vecka = 6 }
local PRAKTIK = { aktivitet = "Praktik i butik", delmal_nr = 2, timmar_per_vecka = 24 }

local FIRST = {
  insats = "AMI1", anledning = "forsta", uppstartsmote = "2025-09-04", underlag = true,
  mal = "Kunden har en anställning inom handeln när insatsen slutar.",
  delmal = { CV, INTERVJU }, aktiviteter = { SOKA, PRAKTIK }, heltid = true, kundmoten_per_vecka = 1,
}
local REVISION = with(FIRST, { anledning = "beslut", beslutsdatum = "2025-10-20", uppstartsmote = form.ABSENT })

-- AMI 1 runs at most 3 months (DOMAIN.md §5).
local ENROLMENT = { start = "2025-09-01", plannedEnd = "2025-11-30" }
local EARLIER = { { id = 7, status = "approved", eventDate = "2025-09-10", answers = FIRST } }

local function case(c)
  c.today = c.today or "2025-09-10"
  c.event_date = c.event_date or "2025-09-10"
  c.ctx = c.ctx or { enrolment = ENROLMENT, earlier_reports = {} }
  return c
end

local function later(c)
  c.event_date = c.event_date or "2025-10-22"
  c.ctx = c.ctx or { enrolment = ENROLMENT, earlier_reports = EARLIER }
  return case(c)
end

return form.test(t, {
  case { name = "§7.3: a first plan with goal, sub-goals and activities is valid", answers = FIRST, valid = true,
    errors = {}, warnings = {}, visible = { "uppstartsmote" }, hidden = { "beslutsdatum", "deltid_skal" } },

  case { name = "what is required", answers = {},
    errors = {
      insats = "Välj ett svar: Insats", anledning = "Välj ett svar: Planen lämnas",
      underlag = "Du måste bekräfta: Planen är upprättad tillsammans med kunden utifrån uppdragsunderlaget och kundens framtidsplan",
      mal = "Fyll i: Mål med insatsen", delmal = "Lägg till minst ett delmål.", aktiviteter = "Lägg till minst en aktivitet.",
      heltid = "Välj ett svar: Har kunden en planering på heltid?", kundmoten_per_vecka = "Fyll i: Planerade kundmöten per vecka",
    } },

  case { name = "§7.3: each sub-goal and activity is filled in",
    answers = with(FIRST, { delmal = { CV, {} }, aktiviteter = { SOKA, {} } }),
    errors = {
      ["delmal[2].delmal"] = "Fyll i: Delmål", ["delmal[2].klart_senast"] = "Fyll i: Nås senast",
      ["aktiviteter[2].aktivitet"] = "Fyll i: Aktivitet", ["aktiviteter[2].timmar_per_vecka"] = "Fyll i: Timmar per vecka",
    } },

  case { name = "§7.3: drawn up together with the customer", answers = with(FIRST, { underlag = false }),
    errors = { underlag = "Du måste bekräfta för att kunna skicka in." } },

  case { name = "§7.1: the first plan names the start meeting", answers = with(FIRST, { uppstartsmote = form.ABSENT }),
    errors = { uppstartsmote = "Fyll i: Datum för uppstartsmötet med kunden" } },

  case { name = "§7.1: the start meeting comes before the plan", answers = with(FIRST, { uppstartsmote = "2025-09-11" }),
    errors = { uppstartsmote = "Uppstartsmötet kan inte vara efter planens datum." } },

  case { name = "§7.1: a start meeting later than a week after the start is questioned", today = "2025-09-15",
    event_date = "2025-09-15", answers = with(FIRST, { uppstartsmote = "2025-09-09" }), valid = true,
    warnings = { uppstartsmote = "Uppstartsmötet ska hållas inom en vecka, för att genomförandeplanen ska hinna bli klar inom 14 dagar från start." } },

  case { name = "§7.1: a week after the start is in time", answers = with(FIRST, { uppstartsmote = "2025-09-08" }), valid = true,
    warnings = {} },

  case { name = "§7.3: an activity belongs to a sub-goal of the plan",
    answers = with(FIRST, { aktiviteter = { SOKA, with(PRAKTIK, { delmal_nr = 3 }) } }),
    errors = { ["aktiviteter[2].delmal_nr"] = "Det finns inget delmål nummer 3 (planen har 2)." } },

  case { name = "an activity need not name its sub-goal", answers = with(FIRST, { aktiviteter = { with(SOKA, { delmal_nr = form.ABSENT }) } }),
    valid = true },

  case { name = "a planned activity has hours", answers = with(FIRST, { aktiviteter = { with(SOKA, { timmar_per_vecka = 0 }) } }),
    errors = { ["aktiviteter[1].timmar_per_vecka"] = "Ange hur många timmar per vecka aktiviteten planeras." } },

  case { name = "hours per week are at most full time", answers = with(FIRST, { aktiviteter = { with(SOKA, { timmar_per_vecka = 41 }) } }),
    errors = { ["aktiviteter[1].timmar_per_vecka"] = "Ange högst 40 timmar." } },

  case { name = "§7.2: contact with the customer at least once a week", answers = with(FIRST, { kundmoten_per_vecka = 0 }),
    errors = { kundmoten_per_vecka = "Kontakt med kunden ska ske minst en gång per vecka." } },

  case { name = "§7.2: more contact is welcome", answers = with(FIRST, { kundmoten_per_vecka = 3 }), valid = true },

  case { name = "§6.4.1: part time needs the reason from the assignment", answers = with(FIRST, { heltid = false }),
    visible = { "deltid_skal" }, errors = { deltid_skal = "Fyll i: Skäl till deltidsplanering enligt uppdraget" } },

  case { name = "§6.4.1: part time with its reason is valid",
    answers = with(FIRST, { heltid = false, deltid_skal = "Kunden går i behandling två dagar i veckan." }), valid = true,
    cleaned = { deltid_skal = "Kunden går i behandling två dagar i veckan." } },

  case { name = "§6.4: with full time the part-time reason is dropped",
    answers = with(FIRST, { deltid_skal = "Gammal text." }), valid = true,
    hidden = { "deltid_skal" }, cleaned = { deltid_skal = form.ABSENT } },

  case { name = "§7.3: a sub-goal after the end of the intervention is questioned",
    answers = with(FIRST, { delmal = { CV, with(INTERVJU, { klart_senast = "2025-12-15" }) } }), valid = true,
    warnings = { ["delmal[2].klart_senast"] = "Delmålet ska nås under insatsperioden, som slutar 30 november 2025." } },

  case { name = "an intervention that ended early ends then",
    ctx = { enrolment = with(ENROLMENT, { actualEnd = "2025-10-31" }), earlier_reports = {} }, answers = FIRST,
    warnings = { ["delmal[2].klart_senast"] = "Delmålet ska nås under insatsperioden, som slutar 31 oktober 2025." } },

  case { name = "a plan cannot be about a day before the start", event_date = "2025-08-29", today = "2025-08-29",
    answers = with(FIRST, { uppstartsmote = "2025-08-28" }),
    errors = { [""] = "Genomförandeplanen kan inte gälla före insatsens start, 1 september 2025." } },

  -- The window.
  case { name = "§7.3: the first plan is due 14 days after the start, later flagged", answers = FIRST,
    window = { opens = "2025-09-01", closes = "2025-09-15", late = true } },

  case { name = "§7.3: 14 calendar days, not working days", ctx = { enrolment = { start = "2025-04-16" }, earlier_reports = {} },
    window = { opens = "2025-04-16", closes = "2025-04-30", late = true } },

  case { name = "without the enrolment there is no window to compute", ctx = { earlier_reports = {} }, window = form.ABSENT },

  case { name = "§8.3: a revision after the officer's assessment is due within 5 working days", answers = REVISION,
    ctx = { enrolment = ENROLMENT, earlier_reports = EARLIER },
    window = { opens = "2025-10-20", closes = "2025-10-27", late = true } },

  case { name = "§8.3: the 5 working days skip Easter", answers = with(REVISION, { beslutsdatum = "2026-04-01" }),
    ctx = { enrolment = ENROLMENT, earlier_reports = EARLIER },
    window = { opens = "2026-04-01", closes = "2026-04-10", late = true } },

  case { name = "§8.3: other revisions have no deadline", answers = with(FIRST, { anledning = "andrad", uppstartsmote = form.ABSENT }),
    ctx = { enrolment = ENROLMENT, earlier_reports = EARLIER }, window = form.ABSENT },

  case { name = "a withdrawn draft is no earlier plan",
    ctx = { enrolment = ENROLMENT, earlier_reports = { with(EARLIER[1], { status = "withdrawn" }) } },
    window = { opens = "2025-09-01", closes = "2025-09-15", late = true } },

  -- Revisions.
  later { name = "§8.3: a revision after the officer's assessment", answers = REVISION, valid = true, errors = {},
    visible = { "beslutsdatum" }, hidden = { "uppstartsmote" } },

  later { name = "§8.3: the revision names the follow-up meeting", answers = with(REVISION, { beslutsdatum = form.ABSENT }),
    errors = { beslutsdatum = "Fyll i: Datum för uppföljningsmötet där justeringen beslutades" } },

  later { name = "§8.3: the follow-up meeting comes before the revision", answers = with(REVISION, { beslutsdatum = "2025-10-23" }),
    errors = { beslutsdatum = "Uppföljningsmötet kan inte vara efter planens datum." } },

  later { name = "§8.3: a revision when the activities change", answers = with(FIRST, { anledning = "andrad", uppstartsmote = "2025-09-04" }),
    valid = true, hidden = { "uppstartsmote", "beslutsdatum" }, cleaned = { uppstartsmote = form.ABSENT } },

  later { name = "a second first plan is refused", answers = FIRST,
    errors = { anledning = "Det finns redan en inskickad genomförandeplan. Välj revidering." } },

  case { name = "a revision without a plan to revise is refused", answers = with(REVISION, { beslutsdatum = "2025-09-09" }),
    errors = { anledning = "Det finns ingen inskickad genomförandeplan att revidera. Välj första genomförandeplanen." } },

  later { name = "a later plan is no earlier one (a stored first plan checked again)", event_date = "2025-09-10",
    ctx = { enrolment = ENROLMENT, earlier_reports = { with(EARLIER[1], { id = 9, eventDate = "2025-10-22", answers = REVISION }) } },
    answers = FIRST, valid = true },

  later { name = "on the same day, the report made first is the earlier one", event_date = "2025-09-10",
    ctx = { enrolment = ENROLMENT, report_id = 5, earlier_reports = { with(EARLIER[1], { id = 6 }) } },
    answers = FIRST, valid = true },
})
