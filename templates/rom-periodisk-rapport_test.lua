-- Tests of templates/rom-periodisk-rapport.lua, one case (or more) per rule of DOMAIN.md §3
-- (seed 002: Periodisk rapport, Eget arbete, KA-Webbstöd).
-- Run: redovisa template test rom-periodisk-rapport

local t = form.load("rom-periodisk-rapport")

local with = form.with

-- The joint planning in force: the two mandatory activities and one optional.
local PLAN = {
  kind = "gemensam_planering", version = 1, createdAt = "2025-08-06",
  activities = {
    { name = "Individuella samtal och vägledning", mandatory = true, hoursPerWeek = 2 },
    { name = "Stöd i arbetssökande och matchning", mandatory = true, hoursPerWeek = 5 },
    { name = "Digital kompetens", mandatory = false, hoursPerWeek = 3 },
  },
}

local MSFA_ROWS = {
  { aktivitet = "Individuella samtal och vägledning", obligatorisk = true, timmar = 9 },
  { aktivitet = "Stöd i arbetssökande och matchning", obligatorisk = true, timmar = 21 },
  { aktivitet = "Digital kompetens", obligatorisk = false, timmar = 0, kommentar = "Genomfördes inte: deltagaren var sjuk." },
}
local MSFA = { ar = 2025, manad = 9, system = "MSFA", aktiviteter = MSFA_ROWS }

local KA_ROWS = {
  { aktivitet = "Individuella samtal och vägledning", obligatorisk = true, timmar = 9, kommentar = "Sammanlagt 9 timmar under månaden." },
  { aktivitet = "Stöd i arbetssökande och matchning", obligatorisk = true, timmar = 21.5, kommentar = "Sammanlagt 21,5 timmar." },
  { aktivitet = "Digital kompetens", obligatorisk = false, timmar = 0, kommentar = "Deltagaren har inte deltagit, 0 timmar." },
}
local KA = { ar = 2025, manad = 9, system = "KA-Webb", aktiviteter = KA_ROWS }

local function row(rows, i, changes)
  local list = form.with(rows)
  list[i] = with(list[i], changes)
  return list
end

local function case(c)
  c.today = c.today or "2025-10-06"
  c.period = c.period or "2025-09"
  c.ctx = c.ctx or { plan = PLAN }
  return c
end

local DEVIATION = "Deltagaren deltog inte i en planerad aktivitet. Glöm inte avvikelserapporten."

return form.test(t, {
  case { name = "an MSFA report with a row per planned activity is valid", answers = MSFA, valid = true, errors = {},
    warnings = { ["aktiviteter[3].timmar"] = DEVIATION } },

  case { name = "a KA-Webb report with the hours in the comments is valid", answers = KA, valid = true, errors = {} },

  case { name = "the year, month, system and activities are required", answers = {},
    errors = {
      ar = "Fyll i: År", manad = "Fyll i: Månad", system = "Välj ett svar: Deltagaren rapporteras i",
      aktiviteter = "Lägg till en rad för varje aktivitet i den gemensamma planeringen.",
    } },

  case { name = "§3: a planned activity that did not happen is reported as 0 hours, not left out",
    answers = with(MSFA, { aktiviteter = { MSFA_ROWS[1], MSFA_ROWS[2] } }),
    errors = { aktiviteter = "Varje aktivitet i den gemensamma planeringen ska ha en rad, med 0 timmar om den inte genomfördes. Saknas: Digital kompetens." } },

  case { name = "§3: every missing planned activity is named", answers = with(MSFA, { aktiviteter = { MSFA_ROWS[3] } }),
    errors = { aktiviteter = "Varje aktivitet i den gemensamma planeringen ska ha en rad, med 0 timmar om den inte genomfördes. "
      .. "Saknas: Individuella samtal och vägledning, Stöd i arbetssökande och matchning." } },

  case { name = "§3: the hours of a row are required, 0 allowed",
    answers = with(MSFA, { aktiviteter = row(MSFA_ROWS, 1, { timmar = form.ABSENT }) }),
    errors = { ["aktiviteter[1].timmar"] = "Ange timmar för aktiviteten, 0 om den inte genomfördes." } },

  case { name = "hours cannot be negative", answers = with(MSFA, { aktiviteter = row(MSFA_ROWS, 2, { timmar = -1 }) }),
    errors = { ["aktiviteter[2].timmar"] = "Antal timmar kan inte vara negativt." } },

  case { name = "§3: 0 hours reminds of the deviation report", answers = MSFA,
    warnings = { ["aktiviteter[3].timmar"] = DEVIATION } },

  case { name = "activity names match the planning regardless of case and spaces",
    answers = with(MSFA, { aktiviteter = row(MSFA_ROWS, 3, { aktivitet = "  digital  KOMPETENS " }) }), valid = true },

  case { name = "an activity twice is refused",
    answers = with(MSFA, { aktiviteter = { MSFA_ROWS[1], MSFA_ROWS[2], MSFA_ROWS[3], with(MSFA_ROWS[1], { timmar = 1 }) } }),
    errors = { ["aktiviteter[4].aktivitet"] = "Aktiviteten finns redan på rad 1." } },

  case { name = "mandatory or optional as in the joint planning",
    answers = with(MSFA, { aktiviteter = row(MSFA_ROWS, 3, { obligatorisk = true }) }),
    errors = { ["aktiviteter[3].obligatorisk"] = "Enligt den gemensamma planeringen är aktiviteten valbar." } },

  case { name = "an activity outside the planning is questioned, not refused",
    answers = with(MSFA, { aktiviteter = { MSFA_ROWS[1], MSFA_ROWS[2], with(MSFA_ROWS[3], { timmar = 2 }),
      { aktivitet = "Studiebesök", timmar = 3 } } }),
    valid = true,
    warnings = { ["aktiviteter[4].aktivitet"] = "Aktiviteten finns inte i den gemensamma planeringen. Uppdatera planeringen när aktiviteterna ändras." } },

  case { name = "an IUP is not the joint planning: its activities are not demanded",
    ctx = { plan = { kind = "iup", createdAt = "2025-08-05", activities = { { name = "Eget arbetssökande", mandatory = true, hoursPerWeek = 16 } } } },
    answers = MSFA, valid = true, warnings = { ["aktiviteter[3].timmar"] = DEVIATION } },

  case { name = "a planning made after the month is not the one in force: completeness is not checked",
    ctx = { plan = with(PLAN, { createdAt = "2025-10-02" }) },
    answers = with(MSFA, { aktiviteter = { MSFA_ROWS[1] } }), valid = true, warnings = {} },

  case { name = "without a planning the rows are taken as they are", ctx = {},
    answers = with(MSFA, { aktiviteter = { MSFA_ROWS[1] } }), valid = true },

  case { name = "§3 KA-Webb: the comment is required after 1 July 2022",
    answers = with(KA, { aktiviteter = row(KA_ROWS, 1, { kommentar = form.ABSENT }) }),
    errors = { ["aktiviteter[1].kommentar"] = "I KA-Webb anges den sammanlagda tiden för aktiviteten i kommentaren." } },

  case { name = "§3 KA-Webb: the comment states the month's total hours",
    answers = with(KA, { aktiviteter = row(KA_ROWS, 1, { kommentar = "Sammanlagt 19 timmar." }) }),
    errors = { ["aktiviteter[1].kommentar"] = "I KA-Webb anges den sammanlagda tiden i kommentaren: skriv \"9 timmar\"." } },

  case { name = "§3 KA-Webb: half hours are written with a comma",
    answers = with(KA, { aktiviteter = row(KA_ROWS, 2, { kommentar = "Sammanlagt 21 timmar." }) }),
    errors = { ["aktiviteter[2].kommentar"] = "I KA-Webb anges den sammanlagda tiden i kommentaren: skriv \"21,5 timmar\"." } },

  case { name = "§3 KA-Webb: 0 hours and no participation in the comment",
    answers = with(KA, { aktiviteter = row(KA_ROWS, 3, { kommentar = "Deltog inte." }) }),
    errors = { ["aktiviteter[3].kommentar"] = "I KA-Webb anges i kommentaren att deltagaren inte har deltagit och 0 timmar." } },

  case { name = "§3 KA-Webb: a number that only ends like the hours does not count",
    answers = with(KA, { aktiviteter = row(KA_ROWS, 1, { kommentar = "Sammanlagt 19 timmar, varav 2,9 timmar digitalt." }) }),
    errors = { ["aktiviteter[1].kommentar"] = true } },

  case { name = "§3 KA-Webb: one hour in the calendar on the first day of the period", answers = KA,
    visible = { "kalender" }, computed = { kalender = { { datum = "2025-09-01", timmar = 1 } } },
    cleaned = { kalender = { { datum = "2025-09-01", timmar = 1 } } } },

  case { name = "the calendar follows the period, whatever was typed",
    period = "2025-10", answers = with(KA, { manad = 10, kalender = { { datum = "2025-10-15", timmar = 8 } } }),
    computed = { kalender = { { datum = "2025-10-01", timmar = 1 } } } },

  case { name = "MSFA has no calendar and no comment rule", answers = with(MSFA, { kalender = { { datum = "2025-09-01", timmar = 1 } } }),
    valid = true, hidden = { "kalender" }, cleaned = { kalender = form.ABSENT } },

  case { name = "§3: own work is not asked after 1 July 2022, and dropped",
    answers = with(MSFA, { eget_arbete = 12 }), valid = true, hidden = { "eget_arbete" }, cleaned = { eget_arbete = form.ABSENT } },

  case { name = "§3: own work is estimated until 1 July 2022", today = "2022-07-04", period = "2022-06",
    ctx = { plan = with(PLAN, { createdAt = "2022-05-02" }) },
    answers = with(MSFA, { ar = 2022, manad = 6 }),
    errors = { eget_arbete = "Fyll i: Eget arbete (uppskattat antal timmar)" }, visible = { "eget_arbete" } },

  case { name = "§3: own work given before July 2022 is kept", today = "2022-07-04", period = "2022-06",
    ctx = { plan = with(PLAN, { createdAt = "2022-05-02" }) },
    answers = with(MSFA, { ar = 2022, manad = 6, eget_arbete = 0 }), valid = true, cleaned = { eget_arbete = 0 } },

  case { name = "§3: July 2022 is the first month without own work", today = "2022-08-04", period = "2022-07",
    ctx = { plan = with(PLAN, { createdAt = "2022-05-02" }) },
    answers = with(MSFA, { ar = 2022, manad = 7 }), valid = true, hidden = { "eget_arbete" } },

  case { name = "KA-Webb before July 2022 had no comment rule and no calendar", today = "2022-07-04", period = "2022-06",
    ctx = { plan = with(PLAN, { createdAt = "2022-05-02" }) },
    answers = with(KA, { ar = 2022, manad = 6, eget_arbete = 30, aktiviteter = row(KA_ROWS, 1, { kommentar = form.ABSENT }) }),
    valid = true, hidden = { "kalender" } },

  case { name = "the system is the one in the enrolment's agreement",
    ctx = { plan = PLAN, enrolment = { start = "2025-08-04", agreement = { system = "KA-Webb" } } },
    answers = MSFA, errors = { system = "Deltagaren rapporteras i KA-Webb enligt överenskommelsen." } },

  case { name = "a new draft takes the system from the agreement",
    ctx = { enrolment = { start = "2025-08-04", agreement = { system = "MSFA" } } },
    initial = { system = "MSFA", ar = 2025, manad = 9, aktiviteter = form.ABSENT } },

  case { name = "the year and month must be the report's period", period = "2025-08", answers = MSFA,
    errors = { manad = "Rapporten gäller augusti 2025. Välj den perioden." } },

  case { name = "the window opens on the 1st of the next month and closes on the 10th, late flagged",
    window = { opens = "2025-10-01", closes = "2025-10-10", late = true } },
})
