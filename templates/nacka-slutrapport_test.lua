-- Tests of templates/nacka-slutrapport.lua, one case (or more) per rule of DOMAIN.md §5
-- (seed 004 §12 Slutrapportering och avslut).
-- Run: redovisa template test nacka-slutrapport

local t = form.load("nacka-slutrapport")

local with = form.with

local COMPLETED = {
  insats = "AMI1", slutdatum = "2025-10-31", avslutsorsak = "completed", maluppfyllelse = "uppnått",
  sammanfattning = "Kunden har deltagit i insatsen enligt genomförandeplanen och fått arbete som lagerarbetare.",
}
local EARLY = {
  insats = "FAI1", slutdatum = "2025-10-10", avslutsorsak = "ended_early", beslutsdatum = "2025-10-03",
  maluppfyllelse = "delvis uppnått", sammanfattning = "Arbetsförmågan är delvis klarlagd.",
  nasta_steg = "AMI 2 hos samma anordnare.",
}

local ENROLMENT = { start = "2025-05-02", plannedEnd = "2025-10-31", actualEnd = "2025-10-31", endReason = "completed" }
local ENDED_EARLY = { start = "2025-07-10", plannedEnd = "2025-10-10", actualEnd = "2025-10-10", endReason = "ended_early" }

local function case(c)
  c.today = c.today or "2025-10-28"
  c.event_date = c.event_date or (c.answers and c.answers.slutdatum) or "2025-10-31"
  c.ctx = c.ctx or { enrolment = ENROLMENT }
  return c
end

local NEXT = "Kunden har inte nått målet eller egen försörjning: dokumentera lämpligt nästa steg."

return form.test(t, {
  case { name = "§12: a completed intervention with its goal reached is valid", answers = COMPLETED, valid = true, errors = {}, warnings = {} },

  case { name = "§12.1.2: an early end with the next step is valid", today = "2025-10-14", ctx = { enrolment = ENDED_EARLY },
    answers = EARLY, valid = true, errors = {}, warnings = {} },

  case { name = "what is required", answers = {},
    errors = { insats = "Välj ett svar: Insats", slutdatum = "Fyll i: Insatsens slutdatum",
               avslutsorsak = "Välj ett svar: Hur avslutades insatsen?", maluppfyllelse = "Välj ett svar: Har kunden nått målet med insatsen?",
               sammanfattning = "Fyll i: Sammanfattning av insatsen" } },

  case { name = "§12: goal not reached: the next step is required", answers = with(COMPLETED, { maluppfyllelse = "ej uppnått" }),
    errors = { nasta_steg = NEXT } },

  case { name = "§12: goal partly reached: the next step is required too", answers = with(COMPLETED, { maluppfyllelse = "delvis uppnått" }),
    errors = { nasta_steg = NEXT } },

  case { name = "§12: not self-sufficient: the next step is required", answers = with(COMPLETED, { egen_forsorjning = false }),
    errors = { nasta_steg = NEXT } },

  case { name = "§12: goal reached and self-sufficient: a next step may still be written",
    answers = with(COMPLETED, { egen_forsorjning = true, nasta_steg = "Uppföljning efter tre månader." }), valid = true,
    cleaned = { nasta_steg = "Uppföljning efter tre månader." } },

  case { name = "§12.1.2: an early end names the day of the decision", today = "2025-10-14", ctx = { enrolment = ENDED_EARLY },
    answers = with(EARLY, { beslutsdatum = form.ABSENT }),
    errors = { beslutsdatum = "Fyll i: Datum för beslutet om avslut" } },

  case { name = "a completed intervention has no decision to end: dropped",
    answers = with(COMPLETED, { beslutsdatum = "2025-10-01" }), valid = true,
    hidden = { "beslutsdatum" }, cleaned = { beslutsdatum = form.ABSENT } },

  case { name = "the decision comes before the end", today = "2025-10-14", ctx = { enrolment = ENDED_EARLY },
    answers = with(EARLY, { beslutsdatum = "2025-10-11" }),
    errors = { beslutsdatum = "Beslutet om avslut kan inte vara efter slutdatumet." } },

  case { name = "§12.1.2: more than two weeks after the decision is questioned", today = "2025-10-20",
    ctx = { enrolment = ENDED_EARLY, status = "draft" },
    answers = EARLY, valid = true,
    warnings = { beslutsdatum = "Slutrapporten skulle ha kommit in inom två veckor från beslutet om avslut, senast 17 oktober 2025." } },

  case { name = "§12: up to 14 days after the end a late report is accepted", today = "2025-11-14",
    ctx = { enrolment = ENROLMENT, status = "draft" }, answers = COMPLETED, valid = true },

  case { name = "§12: later than 14 days after the end it is refused", today = "2025-11-15",
    ctx = { enrolment = ENROLMENT, status = "draft" }, answers = COMPLETED,
    errors = { [""] = "Slutrapporten kan skickas in senast 14 dagar efter avslutet, 14 november 2025." } },

  case { name = "a report already in is not re-judged by today's date", today = "2026-03-01",
    ctx = { enrolment = ENROLMENT, status = "approved" }, answers = COMPLETED, valid = true },

  case { name = "nor is one checked without a status (in bulk)", today = "2026-03-01", answers = COMPLETED, valid = true },

  case { name = "nor its decision date", today = "2026-03-01", ctx = { enrolment = ENDED_EARLY, status = "approved" },
    event_date = "2025-10-10", answers = EARLY, warnings = {} },

  case { name = "the end date is the report's event date", event_date = "2025-10-30", answers = COMPLETED,
    errors = { slutdatum = "Slutrapporten gäller insatsen som slutade 30 oktober 2025. Ange det datumet." } },

  case { name = "the end as the enrolment records it", ctx = { enrolment = ENDED_EARLY }, event_date = "2025-10-31",
    answers = COMPLETED, valid = true,
    warnings = { avslutsorsak = "Insatsen är registrerad som avslutad i förtid.", slutdatum = "Insatsen är registrerad som avslutad 10 oktober 2025." } },

  case { name = "§12.1.1: a completed intervention reports by its end date, later flagged",
    window = { opens = "2025-05-02", closes = "2025-10-31", late = true } },

  case { name = "§12.1.2: after an early end, within two weeks", event_date = "2025-10-10", ctx = { enrolment = ENDED_EARLY },
    window = { opens = "2025-07-10", closes = "2025-10-24", late = true } },

  case { name = "§12.1.3: after an interruption, within two weeks", event_date = "2025-10-10",
    ctx = { enrolment = with(ENDED_EARLY, { endReason = "interrupted" }) },
    window = { opens = "2025-07-10", closes = "2025-10-24", late = true } },

  case { name = "without the enrolment the window ends on the event date", event_date = "2025-10-31", ctx = {},
    window = { opens = "2025-10-01", closes = "2025-10-31", late = true } },

  case { name = "a new report starts on its end date", initial = { slutdatum = "2025-10-31", nasta_steg = form.ABSENT } },

  case { name = "the preview shows the labels", answers = COMPLETED,
    summary = { maluppfyllelse = "Ja, målet är uppnått", avslutsorsak = "Fullföljd enligt beslutat slutdatum" } },
})
