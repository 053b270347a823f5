-- Tests of templates/rom-gemensam-planering.lua, one case (or more) per rule of DOMAIN.md §3
-- (seed 002: Gemensam planering, MSFA).
-- Run: redovisa template test rom-gemensam-planering

local t = form.load("rom-gemensam-planering")

local with = form.with

local SAMTAL = { aktivitet = "Individuella samtal och vägledning", obligatorisk = true, timmar_per_vecka = 2 }
local MATCHNING = { aktivitet = "Stöd i arbetssökande och matchning", obligatorisk = true, timmar_per_vecka = 5 }
local DIGITAL = { aktivitet = "Digital kompetens", obligatorisk = false, timmar_per_vecka = 3 }
local PRAKTIK = { aktivitet = "Praktik och arbetsplatsbesök", obligatorisk = false, timmar_per_vecka = 4 }

local FIRST = { iup_upprattad = true, anledning = "forsta", aktiviteter = { SAMTAL, MATCHNING, DIGITAL } }

local ENROLMENT = { start = "2025-09-01", agreement = { system = "MSFA" } }
local EARLIER = { { id = 7, status = "approved", eventDate = "2025-09-04", answers = FIRST } }

local function case(c)
  c.today = c.today or "2025-09-04"
  c.event_date = c.event_date or "2025-09-04"
  c.ctx = c.ctx or { enrolment = ENROLMENT, earlier_reports = {} }
  return c
end

local function composition(m, o)
  return string.format("Den gemensamma planeringen ska ha minst tre aktiviteter: de två obligatoriska och minst en valbar (nu %s och %s).", m, o)
end

return form.test(t, {
  case { name = "the two mandatory activities and one optional are valid", answers = FIRST, valid = true, errors = {}, warnings = {} },

  case { name = "what is required", answers = {},
    errors = {
      iup_upprattad = "Du måste bekräfta: En individuell utvecklingsplan är upprättad tillsammans med deltagaren",
      anledning = "Välj ett svar: Planeringen lämnas",
      aktiviteter = "Lägg till aktiviteterna: de två obligatoriska och minst en valbar.",
    } },

  case { name = "§3: each activity needs its name, whether it is mandatory and its hours per week",
    answers = with(FIRST, { aktiviteter = { SAMTAL, MATCHNING, DIGITAL, {} } }),
    errors = {
      ["aktiviteter[4].aktivitet"] = "Fyll i: Aktivitet",
      ["aktiviteter[4].obligatorisk"] = "Välj ett svar: Obligatorisk aktivitet",
      ["aktiviteter[4].timmar_per_vecka"] = "Fyll i: Timmar per vecka",
    } },

  case { name = "§3 (MSFA): two activities are too few", answers = with(FIRST, { aktiviteter = { SAMTAL, MATCHNING } }),
    errors = { aktiviteter = composition("2 obligatoriska", "0 valbara") } },

  case { name = "§3: one mandatory activity is missing", answers = with(FIRST, { aktiviteter = { SAMTAL, DIGITAL, PRAKTIK } }),
    errors = { aktiviteter = composition("1 obligatorisk", "2 valbara") } },

  case { name = "§3: at least one optional activity",
    answers = with(FIRST, { aktiviteter = { SAMTAL, MATCHNING, with(DIGITAL, { obligatorisk = true }) } }),
    errors = { aktiviteter = composition("3 obligatoriska", "0 valbara") } },

  case { name = "§3: there are two mandatory activities, not three",
    answers = with(FIRST, { aktiviteter = { SAMTAL, MATCHNING, with(DIGITAL, { obligatorisk = true }), PRAKTIK } }),
    errors = { aktiviteter = composition("3 obligatoriska", "1 valbar") } },

  case { name = "more optional activities are welcome", answers = with(FIRST, { aktiviteter = { SAMTAL, MATCHNING, DIGITAL, PRAKTIK } }),
    valid = true },

  case { name = "an activity twice is refused",
    answers = with(FIRST, { aktiviteter = { SAMTAL, MATCHNING, DIGITAL, with(DIGITAL, { aktivitet = "digital kompetens" }) } }),
    errors = { ["aktiviteter[4].aktivitet"] = "Aktiviteten finns redan på rad 3." } },

  case { name = "a planned activity has hours", answers = with(FIRST, { aktiviteter = { SAMTAL, MATCHNING, with(DIGITAL, { timmar_per_vecka = 0 }) } }),
    errors = { ["aktiviteter[3].timmar_per_vecka"] = "Ange hur många timmar per vecka aktiviteten planeras." } },

  case { name = "hours per week are at most full time", answers = with(FIRST, { aktiviteter = { SAMTAL, MATCHNING, with(DIGITAL, { timmar_per_vecka = 41 }) } }),
    errors = { ["aktiviteter[3].timmar_per_vecka"] = "Ange högst 40 timmar." } },

  case { name = "§3: the IUP must be drawn up first", answers = with(FIRST, { iup_upprattad = false }),
    errors = { iup_upprattad = "Du måste bekräfta för att kunna skicka in." } },

  case { name = "§3: the first planning is due 5 working days after the start",
    window = { opens = "2025-09-01", closes = "2025-09-08", late = true } },

  case { name = "§3: the working days skip Easter", ctx = { enrolment = { start = "2025-04-16" }, earlier_reports = {} },
    window = { opens = "2025-04-16", closes = "2025-04-25", late = true } },

  case { name = "§3: an update has no deadline", ctx = { enrolment = ENROLMENT, earlier_reports = EARLIER }, window = form.ABSENT },

  case { name = "a withdrawn draft is no earlier planning",
    ctx = { enrolment = ENROLMENT, earlier_reports = { with(EARLIER[1], { status = "withdrawn" }) } },
    window = { opens = "2025-09-01", closes = "2025-09-08", late = true } },

  case { name = "without the enrolment there is no window to compute", ctx = { earlier_reports = {} }, window = form.ABSENT },

  case { name = "§3: an update when the activities change", event_date = "2025-10-13",
    ctx = { enrolment = ENROLMENT, earlier_reports = EARLIER },
    answers = with(FIRST, { anledning = "andrad", aktiviteter = { SAMTAL, MATCHNING, PRAKTIK } }), valid = true },

  case { name = "a second first planning is refused", ctx = { enrolment = ENROLMENT, earlier_reports = EARLIER },
    answers = FIRST, errors = { anledning = "Det finns redan en inskickad gemensam planering. Välj uppdatering." } },

  case { name = "an update without a planning to update is refused", answers = with(FIRST, { anledning = "andrad" }),
    errors = { anledning = "Det finns ingen inskickad gemensam planering att uppdatera. Välj första gemensamma planeringen." } },

  case { name = "§3: before period 2 the activities are intensified", event_date = "2026-02-10",
    ctx = { enrolment = ENROLMENT, earlier_reports = EARLIER },
    answers = with(FIRST, { anledning = "period_2", aktiviteter = { with(SAMTAL, { timmar_per_vecka = 3 }), with(MATCHNING, { timmar_per_vecka = 8 }), DIGITAL, PRAKTIK } }),
    valid = true, warnings = {} },

  case { name = "§3: a period-2 planning without more hours is questioned", event_date = "2026-02-10",
    ctx = { enrolment = ENROLMENT, earlier_reports = EARLIER },
    answers = with(FIRST, { anledning = "period_2", aktiviteter = { SAMTAL, MATCHNING, with(DIGITAL, { timmar_per_vecka = 2.5 }) } }),
    valid = true,
    warnings = { aktiviteter = "Inför beslut om period 2 ska aktiviteterna intensifieras, men planeringen har 9,5 timmar per vecka mot 10 i den förra." } },

  case { name = "the newest earlier planning is the one compared with", event_date = "2026-02-10",
    ctx = { enrolment = ENROLMENT, earlier_reports = { EARLIER[1],
      { id = 9, status = "submitted", eventDate = "2025-11-03", answers = with(FIRST, { anledning = "andrad", aktiviteter = { SAMTAL, MATCHNING, DIGITAL, PRAKTIK } }) } } },
    answers = with(FIRST, { anledning = "period_2", aktiviteter = { SAMTAL, MATCHNING, with(DIGITAL, { timmar_per_vecka = 6 }) } }),
    warnings = { aktiviteter = "Inför beslut om period 2 ska aktiviteterna intensifieras, men planeringen har 13 timmar per vecka mot 14 i den förra." } },

  case { name = "a later planning is no earlier one (a stored first planning checked again)",
    ctx = { enrolment = ENROLMENT, earlier_reports = { with(EARLIER[1], { eventDate = "2025-10-13", answers = with(FIRST, { anledning = "andrad" }) }) } },
    answers = FIRST, valid = true },

  case { name = "on the same day, the report made first is the earlier one",
    ctx = { enrolment = ENROLMENT, report_id = 5, earlier_reports = { with(EARLIER[1], { id = 6 }) } },
    answers = FIRST, valid = true },

  case { name = "on the same day, a report made before is earlier",
    ctx = { enrolment = ENROLMENT, report_id = 8, earlier_reports = EARLIER },
    answers = FIRST, errors = { anledning = "Det finns redan en inskickad gemensam planering. Välj uppdatering." } },

  case { name = "a planning cannot be about a day before the start", event_date = "2025-08-29",
    answers = FIRST, errors = { [""] = "Den gemensamma planeringen kan inte gälla före deltagarens start, 1 september 2025." } },
})
