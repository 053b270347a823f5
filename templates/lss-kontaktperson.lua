-- lss-kontaktperson: the monthly report of a contact person under LSS (DOMAIN.md §2, seed 001,
-- Skellefteå kommun's e-service "Skicka in månadsrapport som kontaktperson").
--
-- The answer ids are a contract for integrations and must not change: klient_fornamn,
-- klient_efternamn, ar, manad, alla_tillfallen (ja_alla | nej_nagra | nej), aktiviteter,
-- anledning, fortydligande, personnummer, fornamn, efternamn, epost, mobil, notifiering
-- (list of epost, sms) and bekraftelse (boolean).

local JA_ALLA, NEJ_NAGRA, NEJ = "ja_alla", "nej_nagra", "nej"
local has = form.contains

return form.template {
  id = "lss-kontaktperson",
  version = 1,
  title = "Månadsrapport som kontaktperson",
  description = "Varje månad rapporterar du som är kontaktperson enligt LSS de tillfällen du har "
    .. "träffat personen du är kontaktperson för, enligt överenskommelsen.",
  role = "reporter",
  about = "enrolment",
  period = "month",
  -- §2 sets no deadline; local choice: from the 1st of the next month, due on the 10th, late
  -- reports accepted and flagged (payment is the municipality's decision).
  window = { opens_day = 1, closes_day = 10, late = true },
  texts = { another = "Rapportera för en till person" },

  -- §2 step 1: Rapportering.
  steps = {
    form.step {
      id = "rapportering", title = "Rapportering",
      help = "Den här rapporteringen gäller för en person som du är kontaktperson för.",
      form.text { id = "klient_fornamn", label = "Förnamn på personen du är kontaktperson för", required = true, copy = true },
      form.text { id = "klient_efternamn", label = "Efternamn på personen du är kontaktperson för", required = true, copy = true },
      form.integer { id = "ar", label = "År", required = true, min = 2000, max = 2100,
        default = function(ctx) return ctx.period and ctx.period.year end, copy = false },
      form.integer { id = "manad", label = "Månad", required = true, min = 1, max = 12,
        default = function(ctx) return ctx.period and ctx.period.month end, copy = false },
      form.choice { id = "alla_tillfallen", label = "Jag har utfört alla tillfällen enligt överenskommelsen",
        required = true, copy = false,
        options = {
          { value = JA_ALLA, label = "Ja, alla" },
          { value = NEJ_NAGRA, label = "Nej, men något eller några av dem" },
          { value = NEJ, label = "Nej" },
        } },
      -- §2: activities are required unless "Nej" (and hidden then).
      form.textarea { id = "aktiviteter", label = "Vilken/vilka aktiviteter har ni utfört?", copy = false,
        visible = function(answers) return answers.alla_tillfallen ~= NEJ end,
        required = function(answers) return answers.alla_tillfallen == JA_ALLA or answers.alla_tillfallen == NEJ_NAGRA end },
      -- §2: the reason is required unless "Ja, alla" (and hidden then).
      form.textarea { id = "anledning",
        label = "Vad är anledningen till att du inte har utfört alla tillfällen enligt överenskommelsen?",
        copy = false,
        visible = function(answers) return answers.alla_tillfallen == NEJ_NAGRA or answers.alla_tillfallen == NEJ end,
        required = function(answers) return answers.alla_tillfallen == NEJ_NAGRA or answers.alla_tillfallen == NEJ end },
      form.textarea { id = "fortydligande", label = "Vill du förtydliga något i din månadsrapport?", copy = false },
    },

    -- §2 step 2: Information om dig. Contact details are remembered for next time.
    form.step {
      id = "information_om_dig", title = "Information om dig",
      help = "Kontaktuppgifter till dig som tar emot ersättningen. Dina kontaktuppgifter sparas till nästa gång.",
      form.personnummer { id = "personnummer", label = "Personnummer (ÅÅÅÅMMDDXXXX)", required = true, remember = true },
      form.text { id = "fornamn", label = "Förnamn", required = true, remember = true },
      form.text { id = "efternamn", label = "Efternamn", required = true, remember = true },
      form.email { id = "epost", label = "E-postadress", remember = true,
        required = function(answers) return has(answers.notifiering, "epost") end,
        required_message = "Fyll i e-postadress för att bli notifierad via e-post." },
      form.phone { id = "mobil", label = "Mobiltelefon", remember = true,
        required = function(answers) return has(answers.notifiering, "sms") end,
        required_message = "Fyll i mobiltelefon för att bli notifierad via SMS." },
      form.multi_choice { id = "notifiering", label = "Notifieringar", remember = true,
        options = {
          { value = "epost", label = "Jag vill bli notifierad via e-post" },
          { value = "sms", label = "Jag vill bli notifierad via SMS" },
        } },
      form.confirmation { id = "bekraftelse", required = true, copy = false,
        label = "Genom att skicka in ärendet bekräftar du att alla uppgifter du har angett är riktiga.",
        text = "Jag förstår" },
    },
  },

  -- The period answered must be the report's own month (cross-field).
  validate = function(answers, ctx)
    local p = ctx.period
    if p and answers.ar and answers.manad and (answers.ar ~= p.year or answers.manad ~= p.month) then
      return { manad = "Rapporten gäller " .. p.name .. ". Välj den perioden." }
    end
  end,

  -- Step 4: the receipt, as in the seed.
  receipt = function(r, answers)
    return table.concat({
      "Ditt ärende är nu inskickat",
      "Ärendenummer: " .. r.case_number,
      "Inskickat av: " .. r.submitted_by,
      "Tidpunkt: " .. r.submitted_at,
      "Rapporten gäller " .. (answers.klient_fornamn or "") .. " " .. (answers.klient_efternamn or "") .. ".",
      "Du kan följa ditt ärende och skriva till handläggaren på Mina sidor.",
    }, "\n")
  end,
}
