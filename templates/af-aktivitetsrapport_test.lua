-- Tests of templates/af-aktivitetsrapport.lua, one case (or more) per rule of DOMAIN.md §1.
-- Run: redovisa template test af-aktivitetsrapport

local t = form.load("af-aktivitetsrapport")

-- §1: staff may register a paper report on the participant's behalf.
assert(t:describe().staff_may_register == true, "staff_may_register")
assert(t:describe().role == "reporter" and t:describe().period == "month", "role and period")

local with = form.with

-- One row of each kind, as the demo writes them.
local ROWS = {
  sfi = { typ = "sfi", datum = "2025-09-01", beskrivning = "Sfi kurs C på Nacka Komvux", timmar = 40, i_planering = true },
  so = { typ = "samhallsorientering", datum = "2025-09-08", beskrivning = "Samhällsorientering, modul 3", timmar = 6, i_planering = true },
  jobb = { typ = "sokt_jobb", datum = "2025-09-10", arbetsgivare = "Lager i Jordbro", yrke = "Lagerarbetare",
           via_jobbforslag = true, i_planering = false },
  intervju = { typ = "jobbintervju", datum = "2025-09-15", arbetsgivare = "Vårdboendet Tallen", i_planering = false },
  traff = { typ = "rekryteringstraff", datum = "2025-09-17", beskrivning = "Rekryteringsträff bygg, Arbetsförmedlingen", i_planering = true },
  praktik = { typ = "arbetspraktik", datum = "2025-09-18", arbetsgivare = "Restaurang Kajen", status = "pagaende", i_planering = true },
  ambu = { typ = "arbetsmarknadsutbildning", datum = "2025-09-22", beskrivning = "Truckkort A+B", i_planering = true },
  utb = { typ = "sokt_utbildning", datum = "2025-09-29", beskrivning = "Barnskötarutbildning, Komvux", i_planering = false },
}

local function report(rows, changes)
  local list = {}
  for i, r in ipairs(rows) do list[i] = form.with(r) end
  return with({ ar = 2025, manad = 9, aktiviteter = list }, changes)
end

local ALL = report({ ROWS.sfi, ROWS.so, ROWS.jobb, ROWS.intervju, ROWS.traff, ROWS.praktik, ROWS.ambu, ROWS.utb })

local function one(row_changes)
  return report({ with(ROWS.jobb, row_changes) })
end

local SEPTEMBER = { today = "2025-10-03", period = "2025-09" }
local function case(c)
  c.today = c.today or SEPTEMBER.today
  c.period = c.period or SEPTEMBER.period
  return c
end

return form.test(t, {
  case { name = "a report with every kind of activity is valid", answers = ALL, valid = true, errors = {}, warnings = {} },

  case { name = "§1: the year, the month and at least one activity are required", answers = {},
    errors = {
      ar = "Fyll i: År", manad = "Fyll i: Månad",
      aktiviteter = "Lägg till minst en aktivitet, eller skriv under Övrigt varför du inte har något att rapportera.",
    } },

  case { name = "no activities but an explanation under Övrigt is valid",
    answers = { ar = 2025, manad = 9, ovrigt = "Jag har varit sjukskriven hela månaden." }, valid = true, warnings = {} },

  case { name = "a blank Övrigt does not excuse missing activities",
    answers = { ar = 2025, manad = 9, ovrigt = "   " },
    errors = { aktiviteter = "Lägg till minst en aktivitet, eller skriv under Övrigt varför du inte har något att rapportera." } },

  case { name = "every row needs a kind, a date and whether it is in the plan",
    answers = report({ {} }),
    errors = {
      ["aktiviteter[1].typ"] = "Välj ett svar: Typ av aktivitet",
      ["aktiviteter[1].datum"] = "Fyll i: Datum",
      ["aktiviteter[1].i_planering"] = "Välj ett svar: Ingår aktiviteten i din planering?",
    } },

  case { name = "the kind must be one of the template's", answers = one{ typ = "fika" },
    errors = { ["aktiviteter[1].typ"] = "Välj ett av alternativen." } },

  case { name = "sfi and samhällsorientering need their hours",
    answers = report({ with(ROWS.sfi, { timmar = form.ABSENT }), with(ROWS.so, { timmar = form.ABSENT }), ROWS.jobb }),
    errors = { ["aktiviteter[1].timmar"] = "Fyll i: Antal timmar", ["aktiviteter[2].timmar"] = "Fyll i: Antal timmar" } },

  case { name = "a job applied for needs employer, occupation and whether it came from a job suggestion",
    answers = one{ arbetsgivare = form.ABSENT, yrke = form.ABSENT, via_jobbforslag = form.ABSENT },
    errors = {
      ["aktiviteter[1].arbetsgivare"] = "Fyll i: Arbetsgivare",
      ["aktiviteter[1].yrke"] = "Fyll i: Yrke eller tjänst",
      ["aktiviteter[1].via_jobbforslag"] = "Välj ett svar: Sökte du jobbet via ett förslag på jobb från oss?",
    } },

  case { name = "§1: a work placement is either applied for or attended, at an employer",
    answers = report({ with(ROWS.praktik, { status = form.ABSENT, arbetsgivare = form.ABSENT }), ROWS.jobb }),
    errors = {
      ["aktiviteter[1].status"] = "Välj ett svar: Har du sökt praktiken eller är du på den?",
      ["aktiviteter[1].arbetsgivare"] = "Fyll i: Arbetsgivare",
    } },

  case { name = "§1: hours of a work placement attended may be given, not of one applied for",
    answers = report({ with(ROWS.praktik, { timmar = 64 }), with(ROWS.praktik, { status = "sokt", timmar = 3 }), ROWS.jobb }),
    valid = true, visible = { "aktiviteter[1].timmar" }, hidden = { "aktiviteter[2].timmar" },
    cleaned = { aktiviteter = { with(ROWS.praktik, { timmar = 64 }), with(ROWS.praktik, { status = "sokt" }), ROWS.jobb } } },

  case { name = "a training or a course applied for must be named",
    answers = report({ with(ROWS.ambu, { beskrivning = form.ABSENT }), with(ROWS.utb, { beskrivning = "" }), ROWS.jobb }),
    errors = { ["aktiviteter[1].beskrivning"] = "Fyll i: Beskrivning", ["aktiviteter[2].beskrivning"] = "Fyll i: Beskrivning" } },

  case { name = "another relevant activity needs a description, its hours are optional",
    answers = report({ { typ = "annan", datum = "2025-09-05", i_planering = false }, ROWS.jobb }),
    errors = { ["aktiviteter[1].beskrivning"] = "Fyll i: Beskrivning" },
    visible = { "aktiviteter[1].timmar" } },

  case { name = "questions that do not fit the kind are hidden and dropped on submit",
    answers = report({ with(ROWS.intervju, { timmar = 2, status = "sokt", via_jobbforslag = true }) }),
    valid = true,
    visible = { "aktiviteter[1].arbetsgivare", "aktiviteter[1].yrke" },
    hidden = { "aktiviteter[1].timmar", "aktiviteter[1].status", "aktiviteter[1].via_jobbforslag" },
    cleaned = { aktiviteter = { { typ = "jobbintervju", datum = "2025-09-15", arbetsgivare = "Vårdboendet Tallen", i_planering = false } } } },

  case { name = "a job applied for shows its questions and hides the hours",
    answers = one(),
    visible = { "aktiviteter[1].arbetsgivare", "aktiviteter[1].yrke", "aktiviteter[1].via_jobbforslag" },
    hidden = { "aktiviteter[1].timmar", "aktiviteter[1].status" } },

  case { name = "§1: the activity must be in the report's month", answers = one{ datum = "2025-10-01" },
    errors = { ["aktiviteter[1].datum"] = "Datumet ska vara i september 2025, den månad rapporten gäller." } },

  case { name = "an activity in the month before is refused too", answers = one{ datum = "2025-08-31" },
    errors = { ["aktiviteter[1].datum"] = "Datumet ska vara i september 2025, den månad rapporten gäller." } },

  case { name = "§1: saved during the month, an activity cannot lie ahead", today = "2025-09-12",
    answers = one{ datum = "2025-09-20" },
    errors = { ["aktiviteter[1].datum"] = "Datumet har inte varit än. Rapportera aktiviteter som du har gjort." } },

  case { name = "saved during the month, what is done so far is valid", today = "2025-09-12",
    answers = one{ datum = "2025-09-12" }, valid = true },

  case { name = "a date that does not exist is refused", answers = one{ datum = "2025-09-31" },
    errors = { ["aktiviteter[1].datum"] = "Datumet finns inte i kalendern." } },

  case { name = "hours cannot be negative", answers = report({ with(ROWS.sfi, { timmar = -2 }), ROWS.jobb }),
    errors = { ["aktiviteter[1].timmar"] = "Antal timmar kan inte vara negativt." } },

  case { name = "more than full time in one activity is questioned, not refused",
    answers = report({ with(ROWS.sfi, { timmar = 200 }), ROWS.jobb }), valid = true,
    warnings = { ["aktiviteter[1].timmar"] = "Mer än heltid på en aktivitet under en månad. Kontrollera antalet timmar." } },

  case { name = "§1: a month without a job applied for is questioned, not refused",
    answers = report({ ROWS.sfi, ROWS.so }), valid = true,
    warnings = { aktiviteter = "Du har inte rapporterat något sökt jobb den här månaden. Har du sökt jobb, lägg till dem." } },

  case { name = "the year and month must be the report's period", period = "2025-08", answers = one{ datum = "2025-08-12" },
    errors = { manad = "Rapporten gäller augusti 2025. Välj den perioden." } },

  case { name = "an unknown answer in a row is refused", answers = one{ lon = 30000 },
    errors = { ["aktiviteter[1].lon"] = "Okänt fält: mallen har ingen fråga med det namnet." } },

  case { name = "§1: the job suggestions sent are shown, read-only",
    ctx = { job_suggestions = { { titel = "Lagerarbetare", arbetsgivare = "Lager i Jordbro", sista_ansokningsdag = "2025-10-20" } } },
    answers = one(), visible = { "jobbforslag" }, valid = true },

  case { name = "without job suggestions there is nothing to show", ctx = { job_suggestions = {} },
    answers = one(), hidden = { "jobbforslag" } },

  case { name = "§1: the window is the 1st to the 14th of the next month, late not allowed", period = "2025-09",
    window = { opens = "2025-10-01", closes = "2025-10-14", late = false } },

  case { name = "the window of December is in January", period = "2025-12",
    window = { opens = "2026-01-01", closes = "2026-01-14", late = false } },

  case { name = "§1: the paper form's day is in the window",
    answers = with(one(), { pappersblankett_inkom = "2025-10-02" }), valid = true,
    cleaned = { pappersblankett_inkom = "2025-10-02" } },

  case { name = "a paper form handed in before the month ended is too early",
    answers = with(one(), { pappersblankett_inkom = "2025-09-29" }),
    errors = { pappersblankett_inkom = "Blanketten kan lämnas in tidigast 1 oktober 2025, efter månadens slut." } },

  case { name = "a paper form after the 14th is too late", today = "2025-10-20",
    answers = with(one(), { pappersblankett_inkom = "2025-10-15" }),
    errors = { pappersblankett_inkom = "Blanketten kom in efter sista dag, 14 oktober 2025. Rapporten är för sen." } },

  case { name = "the paper form's day cannot lie ahead", today = "2025-10-03",
    answers = with(one(), { pappersblankett_inkom = "2025-10-04" }),
    errors = { pappersblankett_inkom = "Datumet har inte varit än." } },

  case { name = "the preview shows the labels of the answers", answers = one(),
    summary = { ["aktiviteter[1].typ"] = "Sökt jobb", ["aktiviteter[1].via_jobbforslag"] = "Ja",
                ["aktiviteter[1].i_planering"] = "Nej" } },

  case { name = "the receipt names the month and counts the activities", answers = ALL,
    receipt = { text = "Din aktivitetsrapport är inskickad\nÄrendenummer: 2025-000001\nInskickat av: Test Testsson\n"
      .. "Tidpunkt: 2025-10-03 12:00\nRapporten gäller september 2025 och har 8 aktiviteter.\n"
      .. "Du kan se dina inskickade rapporter på Mina sidor." } },

  case { name = "a new month starts empty with its own year and month", period = "2025-10", previous = ALL,
    initial = { ar = 2025, manad = 10, aktiviteter = form.ABSENT, ovrigt = form.ABSENT } },
})
