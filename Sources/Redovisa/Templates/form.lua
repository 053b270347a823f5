-- form: the host's template engine. It defines the global `form`, whose constructors a template
-- calls (form.template, form.step, form.text, …) and whose functions the host calls
-- (form.describe, form.check, …). Documented for template authors in docs/scripting.md ("Report
-- templates"); annotated in docs/lua/form.lua. The chunk is embedded in the host (FormEngine.swift).
--
-- The host runs this chunk once per Lua state and keeps it (see TemplateSession): every later
-- run points the chunk's `_ENV` at that run's own environment and calls `host.begin_run()`,
-- which starts the engine's state afresh — no template, period or setting of an earlier run is
-- left — and gives the run its own copy of `form` (so a template that changes `form` changes it
-- for its own run alone). What persists between runs is only the code of this file.

local form = {}
-- The state of one run (set afresh by host.begin_run, below).
local registry = {}   -- "id@version" -> compiled template
local newest = {}     -- id -> the highest version compiled in this run

local type, pairs, ipairs, tostring, tonumber, error, pcall, setmetatable, next, rawset =
  type, pairs, ipairs, tostring, tonumber, error, pcall, setmetatable, next, rawset
local sfind, sformat, sgsub, smatch, ssub, slower = string.find, string.format, string.gsub,
  string.match, string.sub, string.lower
local mtype, mfloor = math.type, math.floor
local concat, sort = table.concat, table.sort

-- ---------------------------------------------------------------------------------------------
-- Where a constructor was called: "templates/x.lua:12". Without the debug library, the position
-- comes from the message `error` makes at a given level ("templates/x.lua:12: ", or "" when
-- there is none).
--
-- Finding the line costs a protected call and an error per constructor: about a fifth of a
-- template's loading. A run of a published template (linted and tested when it was published)
-- for file names alone: before loading each file, the host calls `host.without_lines(name)`, and
-- from then on `where` gives that name.
local positions = true
local loading = ""

local function where(level)
  if not positions then return loading end
  local _, message = pcall(error, "", level + 2)
  if message == "" then return "" end
  return (ssub(message, 1, -3))
end

local function fail(at, message)
  error((at ~= "" and (at .. ": ") or "") .. message, 0)
end

-- ---------------------------------------------------------------------------------------------
-- Dates as "YYYY-MM-DD" text.

local function is_leap(y) return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0 end
local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
local function days_in_month(y, m) if m == 2 and is_leap(y) then return 29 end return DAYS[m] end

--- The year, month and day of a date text, or nil when it is not a real date.
local function parse_date(text)
  if type(text) ~= "string" then return nil end
  local y, m, d = smatch(text, "^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m < 1 or m > 12 or d < 1 or d > days_in_month(y, m) then return nil end
  return y, m, d
end

local function date_text(y, m, d) return sformat("%04d-%02d-%02d", y, m, d) end

local MONTHS = { "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
  "september", "oktober", "november", "december" }

--- "14 oktober 2025"
local function swedish_date(text)
  local y, m, d = parse_date(text)
  if not y then return tostring(text) end
  return sformat("%d %s %d", d, MONTHS[m], y)
end

local periods = {}   -- "YYYY-MM" -> the period table, made once per run and shared (ctx is read-only)

--- The period table of "YYYY-MM".
local function make_period(text)
  if type(text) ~= "string" then return nil end
  local p = periods[text]
  if not p then
    local y, m = smatch(text, "^(%d%d%d%d)%-(%d%d)$")
    if not y then return nil end
    y, m = tonumber(y), tonumber(m)
    if m < 1 or m > 12 then return nil end
    p = { text = text, year = y, month = m, name = MONTHS[m] .. " " .. y, first_day = date_text(y, m, 1),
      last_day = date_text(y, m, days_in_month(y, m)) }
    periods[text] = p
  end
  return p
end

local function add_months(y, m, n)
  local index = y * 12 + (m - 1) + n
  return index // 12, index % 12 + 1
end

-- ---------------------------------------------------------------------------------------------
-- Checks of single values. Each returns the normalised value, or nil and a Swedish message.

local sbyte = string.byte

--- `s` without leading and trailing white space (quick when there is none, as is usual).
local function trim(s)
  local first, last = sbyte(s, 1), sbyte(s, -1)
  if first == nil or (first > 32 and last > 32) then return s end
  return (sgsub(sgsub(s, "^%s+", ""), "%s+$", ""))
end

local function blank(value)
  if value == nil then return true end
  if type(value) == "string" then
    local first = sbyte(value, 1)
    if first == nil then return true end
    if first > 32 then return false end
    return not sfind(value, "%S")
  end
  if type(value) == "table" then return next(value) == nil end
  return false
end

local DOUBLED = { [0] = 0, 2, 4, 6, 8, 1, 3, 5, 7, 9 }   -- the Luhn value of 2 × digit

--- A personnummer or samordningsnummer, 12 digits: a real date (day + 60 for a
--- samordningsnummer) and the Luhn digit over the last ten (DOMAIN.md, cross-cutting rules).
local function check_personnummer(value)
  if type(value) ~= "string" then return nil, "Ange personnumret med 12 siffror (ÅÅÅÅMMDDXXXX)." end
  local digits = value
  local y1, y2, y3, y4, m1, m2, d1, d2, a, b, c, e
  -- Twelve digits as given (the usual case) are read once, with no pattern.
  if #digits == 12 then y1, y2, y3, y4, m1, m2, d1, d2, a, b, c, e = sbyte(digits, 1, 12) end
  if not (y1 and y1 >= 48 and y1 <= 57 and y2 >= 48 and y2 <= 57 and y3 >= 48 and y3 <= 57
      and y4 >= 48 and y4 <= 57 and m1 >= 48 and m1 <= 57 and m2 >= 48 and m2 <= 57 and d1 >= 48
      and d1 <= 57 and d2 >= 48 and d2 <= 57 and a >= 48 and a <= 57 and b >= 48 and b <= 57
      and c >= 48 and c <= 57 and e >= 48 and e <= 57) then
    digits = sgsub(value, "[%s%-]", "")
    if #digits ~= 12 or sfind(digits, "%D") then
      return nil, "Ange personnumret med 12 siffror (ÅÅÅÅMMDDXXXX)."
    end
    y1, y2, y3, y4, m1, m2, d1, d2, a, b, c, e = sbyte(digits, 1, 12)
  end
  local y = (y1 - 48) * 1000 + (y2 - 48) * 100 + (y3 - 48) * 10 + (y4 - 48)
  local m, d = (m1 - 48) * 10 + (m2 - 48), (d1 - 48) * 10 + (d2 - 48)
  if d > 60 then d = d - 60 end
  if m < 1 or m > 12 or d < 1 or d > days_in_month(y, m) then
    return nil, "Personnumret innehåller ett datum som inte finns."
  end
  -- The Luhn digit over the last ten digits (from the bytes already read).
  local sum = DOUBLED[y3 - 48] + (y4 - 48) + DOUBLED[m1 - 48] + (m2 - 48) + DOUBLED[d1 - 48] + (d2 - 48)
    + DOUBLED[a - 48] + (b - 48) + DOUBLED[c - 48] + (e - 48)
  if sum % 10 ~= 0 then return nil, "Kontrollsiffran stämmer inte. Kontrollera personnumret." end
  return digits
end

local function check_email(value)
  if type(value) ~= "string" then return nil, "Ange en e-postadress, till exempel namn@exempel.se." end
  local text = trim(value)
  -- name@domain.tld: one @ with text before it, no white space, a dot in the domain with text
  -- on both sides, no two dots in a row (plain finds: quicker than one pattern).
  local at = sfind(text, "@", 1, true)
  local dot = at and sfind(text, ".", at + 2, true)
  local ok = at and at > 1 and #text <= 254 and dot and not sfind(text, "@", at + 1, true)
    and not sfind(text, "%s") and not sfind(text, "..", 1, true) and sbyte(text, -1) ~= 46
  if not ok then return nil, "Ange en giltig e-postadress, till exempel namn@exempel.se." end
  return text
end

local function check_phone(value)
  if type(value) ~= "string" then return nil, "Ange ett telefonnummer, till exempel 070-123 45 67." end
  local text = sgsub(trim(value), "[%s%-]", "")
  local digits = smatch(text, "^%+?(%d+)$")
  if not digits or #digits < 7 or #digits > 15 then
    return nil, "Ange ett telefonnummer med 7 till 15 siffror, till exempel 070-123 45 67."
  end
  return text
end

local function number_text(n)
  if mtype(n) == "integer" then return tostring(n) end
  if n == mfloor(n) and n > -1e15 and n < 1e15 then return tostring(mfloor(n)) end
  return (sgsub(sformat("%.2f", n):gsub("0+$", ""), "%.", ","))
end

-- ---------------------------------------------------------------------------------------------
-- Field types: which keys each takes, and how its value is checked and shown.

local COMMON = {
  id = true, label = true, help = true, required = true, visible = true, constraint = true,
  warning = true, default = true, compute = true, not_applicable = true, remember = true,
  copy = true, placeholder = true, required_message = true,
}

local TYPES = {
  text = { max_length = true, min_length = true },
  textarea = { max_length = true, min_length = true, rows = true },
  integer = { min = true, max = true },
  hours = { min = true, max = true, increment = true },
  date = { min = true, max = true },
  date_range = { min = true, max = true },
  choice = { options = true },
  multi_choice = { options = true, min = true, max = true },
  yes_no = {},
  personnummer = {},
  email = {},
  phone = {},
  confirmation = { text = true },
  group = { min_rows = true, max_rows = true, row_label = true, add_label = true },
  info = { text = true },
}

--- The bound `key` of `field`: its value, or what its function returns for this scope.
local function bound(field, key, answers, ctx, row)
  local v = field[key]
  if type(v) == "function" then return v(answers, ctx, row) end
  return v
end

local function option_label(field, value)
  for _, option in ipairs(field.options) do
    if option.value == value then return option.label end
  end
  return tostring(value)
end

local CHECKS = {}

--- The length part of a text check, on text already trimmed.
local function text_length(field, text)
  local most, least, bytes = field.most, field.min_length, #text
  -- A character is 1 to 4 bytes: count characters only when the byte count cannot settle it.
  -- (Answers come from the host as valid UTF-8; text a template makes is checked here too.)
  if bytes > most or (least and bytes < 4 * least) then
    local length = utf8.len(text)
    if length == nil then return nil, "Texten innehåller tecken som inte går att läsa." end
    if length > most then return nil, sformat("Skriv högst %d tecken (nu %d).", most, length) end
    if least and length < least then return nil, sformat("Skriv minst %d tecken.", least) end
  end
  return text
end

function CHECKS.text(field, value)
  if type(value) ~= "string" then return nil, "Skriv svaret som text." end
  return text_length(field, trim(value))
end
CHECKS.textarea = CHECKS.text

function CHECKS.integer(field, value, answers, ctx, row)
  if mtype(value) ~= "integer" then
    if mtype(value) == "float" and value == mfloor(value) then value = mfloor(value)
    else return nil, "Ange ett heltal." end
  end
  local low, high = bound(field, "min", answers, ctx, row), bound(field, "max", answers, ctx, row)
  if (low and value < low) or (high and value > high) then
    if low and high then return nil, sformat("Ange ett tal från %d till %d.", low, high) end
    if low then return nil, sformat("Ange ett tal som är minst %d.", low) end
    return nil, sformat("Ange ett tal som är högst %d.", high)
  end
  return value
end

function CHECKS.hours(field, value, answers, ctx, row)
  if type(value) ~= "number" then return nil, "Ange antal timmar som ett tal, till exempel 2 eller 1,5." end
  if value ~= value or value == math.huge or value == -math.huge then return nil, "Ange antal timmar som ett tal." end
  local low = bound(field, "min", answers, ctx, row) or 0
  local high = bound(field, "max", answers, ctx, row)
  if value < low then
    return nil, low == 0 and "Antal timmar kan inte vara negativt." or sformat("Ange minst %s timmar.", number_text(low))
  end
  if high and value > high then return nil, sformat("Ange högst %s timmar.", number_text(high)) end
  local increment = field.increment
  if increment and math.abs(value / increment - mfloor(value / increment + 0.5)) > 1e-9 then
    return nil, sformat("Ange timmar i steg om %s.", number_text(increment))
  end
  return value
end

local function check_date_bounds(field, text, answers, ctx, row)
  local low, high = bound(field, "min", answers, ctx, row), bound(field, "max", answers, ctx, row)
  if low and text < low then return sformat("Datumet kan inte vara före %s.", swedish_date(low)) end
  if high and text > high then return sformat("Datumet kan inte vara efter %s.", swedish_date(high)) end
  return nil
end

function CHECKS.date(field, value, answers, ctx, row)
  if type(value) ~= "string" or not smatch(value, "^%d%d%d%d%-%d%d%-%d%d$") then
    return nil, "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2025-10-03."
  end
  if not parse_date(value) then return nil, "Datumet finns inte i kalendern." end
  local problem = check_date_bounds(field, value, answers, ctx, row)
  if problem then return nil, problem end
  return value
end

function CHECKS.date_range(field, value, answers, ctx, row)
  if type(value) ~= "table" or type(value.from) ~= "string" or type(value.to) ~= "string" then
    return nil, "Ange både första och sista datum (ÅÅÅÅ-MM-DD)."
  end
  for _, key in ipairs({ "from", "to" }) do
    local _, problem = CHECKS.date(field, value[key], answers, ctx, row)
    if problem then return nil, problem end
  end
  if value.to < value.from then return nil, "Sista datum kan inte vara före första datum." end
  return { from = value.from, to = value.to }
end

function CHECKS.choice(field, value)
  if field.allowed[value] then return value end
  return nil, "Välj ett av alternativen."
end

function CHECKS.multi_choice(field, value)
  if type(value) ~= "table" then return nil, "Välj bland alternativen." end
  local chosen, seen = {}, {}
  for _, item in ipairs(value) do
    local ok = false
    for _, option in ipairs(field.options) do if option.value == item then ok = true end end
    if not ok then return nil, "Välj bland alternativen." end
    if not seen[item] then seen[item] = true; chosen[#chosen + 1] = item end
  end
  if #chosen ~= #value and next(value, #value > 0 and #value or nil) ~= nil then
    return nil, "Välj bland alternativen."
  end
  if field.min and #chosen < field.min then return nil, sformat("Välj minst %d.", field.min) end
  if field.max and #chosen > field.max then return nil, sformat("Välj högst %d.", field.max) end
  return chosen
end

function CHECKS.yes_no(_, value)
  if type(value) ~= "boolean" then return nil, "Svara ja eller nej." end
  return value
end

function CHECKS.confirmation(_, value)
  if value ~= true then return nil, "Du måste bekräfta för att kunna skicka in." end
  return true
end

CHECKS.personnummer = function(_, value) return check_personnummer(value) end
CHECKS.email = function(_, value) return check_email(value) end
CHECKS.phone = function(_, value) return check_phone(value) end

--- The message for a required field left empty.
local function required_message(field)
  if field.required_message then return field.required_message end
  local label = field.label or field.id
  if field.type == "confirmation" then return "Du måste bekräfta: " .. (field.text or label) end
  if field.type == "choice" or field.type == "yes_no" or field.type == "multi_choice" then
    return "Välj ett svar: " .. label
  end
  if field.type == "group" then return "Lägg till minst en rad: " .. label end
  return "Fyll i: " .. label
end

--- The text a value is shown as in the preview and the receipt.
local function display(field, value)
  if value == nil or (type(value) == "table" and next(value) == nil and field.type ~= "group") then return "–" end
  if type(value) == "table" and value.ej_aktuellt == true then
    return "Ej aktuellt: " .. tostring(value.motivering or "")
  end
  local kind = field.type
  if kind == "choice" then return option_label(field, value) end
  if kind == "multi_choice" then
    local labels = {}
    for _, v in ipairs(value) do labels[#labels + 1] = option_label(field, v) end
    return concat(labels, ", ")
  end
  if kind == "yes_no" then return value and "Ja" or "Nej" end
  if kind == "confirmation" then return value and (field.confirm_text or "Jag förstår") or "–" end
  if kind == "date" then return tostring(value) end
  if kind == "date_range" then return tostring(value.from) .. " – " .. tostring(value.to) end
  if kind == "hours" then return number_text(value) .. (value == 1 and " timme" or " timmar") end
  if type(value) == "number" then return number_text(value) end
  if kind == "group" then return #value == 1 and "1 rad" or sformat("%d rader", #value) end
  return tostring(value)
end

-- ---------------------------------------------------------------------------------------------
-- Constructors a template calls.

local function suggestion(word, allowed)
  for candidate in pairs(allowed) do
    if #candidate > 2 and (sfind(candidate, word, 1, true) or sfind(word, candidate, 1, true)) then
      return " (menade du '" .. candidate .. "'?)"
    end
  end
  return ""
end

local function normalise_options(at, kind, options)
  if type(options) ~= "table" or options[1] == nil then
    fail(at, "form." .. kind .. ": 'options' must be a list of {value = …, label = …}")
  end
  local list = {}
  for i, option in ipairs(options) do
    if type(option) == "string" then option = { value = option, label = option } end
    if type(option) ~= "table" or option.value == nil or type(option.label) ~= "string" then
      fail(at, sformat("form.%s: options[%d] needs a value and a label", kind, i))
    end
    list[i] = { value = option.value, label = option.label, help = option.help }
  end
  return list
end

local function make_field(kind, spec, at)
  if type(spec) ~= "table" then fail(at, "form." .. kind .. " takes a table: form." .. kind .. "{ id = …, label = … }") end
  local allowed = TYPES[kind]
  local field = { type = kind, at = at, children = {} }
  for key, value in pairs(spec) do
    if mtype(key) == "integer" then
      if kind ~= "group" then fail(at, "form." .. kind .. ": only form.group takes fields in its list part") end
      if type(value) ~= "table" or not value.__field then
        fail(at, sformat("form.group: item %d is not a field (make it with form.text{…} and the like)", key))
      end
      field.children[key] = value
    elseif COMMON[key] or allowed[key] then
      field[key] = value
    else
      fail(at, sformat("form.%s: unknown key '%s'%s", kind, tostring(key), suggestion(tostring(key), allowed)))
    end
  end
  if type(field.id) ~= "string" or not smatch(field.id, "^[%a_][%w_]*$") then
    fail(at, "form." .. kind .. ": 'id' must be a name of letters, digits and _ (it is the answer's key)")
  end
  if kind == "choice" or kind == "multi_choice" then
    field.options = normalise_options(at, kind, field.options)
    field.allowed = {}
    for _, option in ipairs(field.options) do field.allowed[option.value] = true end
  end
  if kind == "confirmation" then field.confirm_text = field.text or "Jag förstår" end
  if kind == "text" or kind == "textarea" then field.most = field.max_length or (kind == "textarea" and 10000 or 500) end
  if kind == "group" and #field.children == 0 then fail(at, "form.group '" .. field.id .. "' has no fields") end
  if field.not_applicable and kind ~= "text" and kind ~= "textarea" then
    fail(at, "form." .. kind .. " '" .. field.id .. "': 'not_applicable' is for text and textarea fields")
  end
  field.__field = true
  return field
end

for kind in pairs(TYPES) do
  form[kind] = function(spec)
    return make_field(kind, spec, where(2))
  end
end

local STEP_KEYS = { id = true, title = true, help = true, visible = true }

--- A step: a page of the form with its fields in the list part.
function form.step(spec)
  local at = where(2)
  if type(spec) ~= "table" then fail(at, "form.step takes a table: form.step{ title = …, form.text{…}, … }") end
  local step = { at = at, fields = {}, __step = true }
  for key, value in pairs(spec) do
    if mtype(key) == "integer" then
      if type(value) ~= "table" or not value.__field then
        fail(at, sformat("form.step: item %d is not a field (make it with form.text{…} and the like)", key))
      end
      step.fields[key] = value
    elseif STEP_KEYS[key] then
      step[key] = value
    else
      fail(at, "form.step: unknown key '" .. tostring(key) .. "'")
    end
  end
  if type(step.title) ~= "string" then fail(at, "form.step needs a 'title'") end
  step.id = step.id or sgsub(slower(step.title), "[^%w]+", "_")
  return step
end

local TEMPLATE_KEYS = {
  id = true, version = true, title = true, description = true, texts = true, role = true, about = true,
  period = true, window = true, steps = true, validate = true, warn = true, summary = true, receipt = true,
  migrate = true, staff_may_register = true, deletable = true,
}
local ROLES = { reporter = true, provider = true, officer = true, administrator = true }
local ABOUT = { person = true, enrolment = true }
local PERIODS = { month = true, event = true }

local compile, compile_check

--- A template. Returns a handle whose methods (check, summary, …) serve tests; the host reads
--- what it needs through form.describe and friends.
function form.template(spec)
  local at = where(2)
  if type(spec) ~= "table" then fail(at, "form.template takes a table") end
  -- `return form.template{…}` is a tail call, which hides the template's line: name the file
  -- through its first step instead.
  if at == "" and type(spec.steps) == "table" and type(spec.steps[1]) == "table" then
    at = smatch(tostring(spec.steps[1].at or ""), "^(.-):%d+$") or ""
  end
  for key in pairs(spec) do
    if not TEMPLATE_KEYS[key] then
      fail(at, "form.template: unknown key '" .. tostring(key) .. "'" .. suggestion(tostring(key), TEMPLATE_KEYS))
    end
  end
  if type(spec.id) ~= "string" or not smatch(spec.id, "^[%l%d][%l%d%-]*$") then
    fail(at, "form.template: 'id' must be lower-case letters, digits and '-', such as 'lss-kontaktperson'")
  end
  if mtype(spec.version) ~= "integer" or spec.version < 1 then
    fail(at, "form.template: 'version' must be a whole number from 1")
  end
  if type(spec.title) ~= "string" then fail(at, "form.template: 'title' is required (Swedish text)") end
  if not ROLES[spec.role or ""] then fail(at, "form.template: 'role' must be reporter, provider, officer or administrator") end
  if not ABOUT[spec.about or "person"] then fail(at, "form.template: 'about' must be person or enrolment") end
  if not PERIODS[spec.period or ""] then fail(at, "form.template: 'period' must be month or event") end
  if type(spec.steps) ~= "table" or #spec.steps == 0 then fail(at, "form.template: 'steps' must list at least one form.step") end
  for i, step in ipairs(spec.steps) do
    if type(step) ~= "table" or not step.__step then fail(at, sformat("form.template: steps[%d] is not a form.step", i)) end
  end
  local compiled = compile(spec, at)
  local key = spec.id .. "@" .. spec.version
  registry[key] = compiled
  if not newest[spec.id] or newest[spec.id] < spec.version then newest[spec.id] = spec.version end
  return compiled.handle
end

-- ---------------------------------------------------------------------------------------------
-- Compiling: fields by id, duplicate ids refused, problems for the linter kept.

function compile(spec, at)
  local t = { spec = spec, at = at, fields = {}, by_id = {}, lint = {} }
  local function note(where_at, message) t.lint[#t.lint + 1] = { at = where_at, message = message } end
  local function visit(field, owner, step)
    if owner.by_id[field.id] then
      fail(field.at, sformat("the id '%s' is used twice (also at %s)", field.id, owner.by_id[field.id].at))
    end
    owner.by_id[field.id] = field
    field.step = step
    field.step_visible = step.visible
    field.run = compile_check(field)
    if field.type ~= "info" and (type(field.label) ~= "string" or field.label == "") then
      note(field.at, sformat("the field '%s' has no label", field.id))
    end
    if field.type == "group" then
      field.by_id = {}
      for _, child in ipairs(field.children) do visit(child, field, step) end
    end
  end
  for index, step in ipairs(spec.steps) do
    step.index = index
    for _, field in ipairs(step.fields) do
      visit(field, t, step)
      t.fields[#t.fields + 1] = field
    end
  end
  t.handle = setmetatable({ id = spec.id, version = spec.version, title = spec.title }, {
    __index = {
      check = function(self, answers, ctx) return form.check(self.id, self.version, answers, ctx) end,
      summary = function(self, answers, ctx) return form.summary(self.id, self.version, answers, ctx) end,
      window = function(self, ctx, answers) return form.window(self.id, self.version, ctx, answers) end,
      receipt = function(self, receipt, answers, ctx) return form.receipt(self.id, self.version, receipt, answers, ctx) end,
      initial = function(self, ctx, previous, remembered) return form.initial(self.id, self.version, ctx, previous, remembered) end,
      migrate = function(self, from, answers) return form.migrate(self.id, self.version, from, answers) end,
      describe = function(self) return form.describe(self.id, self.version) end,
    },
  })
  return t
end

local function lookup(id, version)
  local t = registry[id .. "@" .. (version or newest[id] or "?")]
  if not t then error(sformat("no template '%s' version %s has been loaded", tostring(id), tostring(version)), 3) end
  return t
end

-- ---------------------------------------------------------------------------------------------
-- The context a template's functions get: what the host passed, and the domain on demand.

local LAZY = {
  enrolment = function(ctx) return ctx.enrolment_id and enrolments and enrolments.get(ctx.enrolment_id) or nil end,
  person = function(ctx) return ctx.person_id and people and people.get(ctx.person_id) or nil end,
  plan = function(ctx) return ctx.enrolment_id and plans and plans.current(ctx.enrolment_id) or nil end,
  sus_registrations = function(ctx) return ctx.person_id and sus and sus.registrations(ctx.person_id) or nil end,
  job_suggestions = function(ctx) return ctx.person_id and people and people.job_suggestions(ctx.person_id) or nil end,
  earlier_reports = function(ctx)
    if not (reports and ctx.person_id and ctx.template) then return {} end
    local found, list = reports.find{ template = ctx.template, person = ctx.person_id, limit = 100 }, {}
    for _, r in ipairs(found) do if r.id ~= ctx.report_id then list[#list + 1] = r end end
    return list
  end,
}

local CONTEXT_META = {
  __index = function(ctx, key)
    local load = LAZY[key]
    if not load then return nil end
    local value = load(ctx)
    rawset(ctx, key, value)
    return value
  end,
}

--- The context for template `t` from what the caller passed: a copy, unless `owned` (the
--- engine made the table itself and may fill it in).
local function make_context(ctx, t, owned)
  local c = ctx
  if not owned then
    c = {}
    if ctx then for k, v in pairs(ctx) do c[k] = v end end
  end
  c.template = t.spec.id
  if not c.today and clock then c.today = clock.today() end
  if type(c.period) == "string" then c.period = make_period(c.period) end
  c.calendar = c.calendar or calendar
  c.swedish_date = swedish_date
  return setmetatable(c, CONTEXT_META)
end

-- ---------------------------------------------------------------------------------------------
-- Checking answers.

local function path_of(prefix, id) return prefix and (prefix .. "." .. id) or id end

local function add(list, field, message) list[#list + 1] = { field = field, message = message } end

local check_fields

--- The group part of a field's check: every row by the group's fields.
local function check_group(field, value, answers, ctx, row, path, out, cleaned)
  if value == nil then value = {} end
  if type(value) ~= "table" then add(out.errors, path, "Ange raderna som en lista."); return end
  local rows = {}
  local low = field.min_rows or (bound(field, "required", answers, ctx, row) and 1 or 0)
  if #value < low then
    add(out.errors, path, low == 1 and required_message(field) or sformat("Lägg till minst %d rader.", low))
  end
  if field.max_rows and #value > field.max_rows then add(out.errors, path, sformat("Högst %d rader.", field.max_rows)) end
  for i, r in ipairs(value) do
    local row_path = sformat("%s[%d]", path, i)
    if type(r) ~= "table" then
      add(out.errors, row_path, "Raden är inte ifylld rätt.")
    else
      local row_clean = {}
      check_fields(field.children, field.by_id, r, answers, ctx, r, row_path, out, row_clean)
      rows[i] = row_clean
    end
  end
  if #rows > 0 then cleaned[field.id] = rows end
end

--- The check of one field, made once when the template is compiled: a closure that knows which
--- of the field's keys are there, so checking a report does no lookups for the others.
function compile_check(field)
  local id, kind = field.id, field.type
  local visible, required, compute = field.visible, field.required, field.compute
  local not_applicable, constraint, warning = field.not_applicable, field.constraint, field.warning
  local visible_fn = type(visible) == "function" and visible or nil
  local hidden = visible ~= nil and visible_fn == nil and not visible
  local required_fn = type(required) == "function" and required or nil
  local always_required = required_fn == nil and required and true or false
  local check = CHECKS[kind]
  return function(scope, answers, ctx, row, path, out, cleaned)
    if visible_fn then
      if not visible_fn(answers, ctx, row) then return end
    elseif hidden then
      return
    end
    local shown = out.visible
    if shown then shown[#shown + 1] = path end
    if kind == "info" then
      -- The text of an info field may depend on the answers and the domain (job suggestions):
      -- worked out for forms (not in bulk checks).
      if shown and type(field.text) == "function" then
        local texts = out.texts
        if not texts then texts = {}; out.texts = texts end
        texts[path] = tostring(field.text(answers, ctx, row) or "")
      end
      return
    end
    local value
    if compute then
      value = compute(answers, ctx, row)
      local computed = out.computed
      if not computed then computed = {}; out.computed = computed end
      computed[path] = value
    else
      value = scope[id]
    end
    -- "Ej aktuellt" with a motivation, where the template allows it (Nacka, seed 004 §monthly report).
    if not_applicable and type(value) == "table" and value.ej_aktuellt == true then
      if type(value.motivering) ~= "string" or blank(value.motivering) then
        add(out.errors, path, "Motivera kort varför rubriken inte är aktuell.")
      else
        cleaned[id] = { ej_aktuellt = true, motivering = trim(value.motivering) }
      end
      return
    end
    if kind == "group" then return check_group(field, value, answers, ctx, row, path, out, cleaned) end
    -- Not answered: nil, "" or white space, an empty table (blank(), inlined: this is the hot path).
    local empty = value == nil
    if not empty then
      local tv = type(value)
      if tv == "string" then
        local first = sbyte(value, 1)
        empty = first == nil or (first <= 32 and not sfind(value, "%S"))
      elseif tv == "table" then
        empty = next(value) == nil
      end
    end
    local must = always_required or (required_fn ~= nil and required_fn(answers, ctx, row))
    if must and shown then
      -- Forms star the fields required for these answers (`required` may depend on them).
      local required = out.required
      if not required then required = {}; out.required = required end
      required[#required + 1] = path
    end
    if empty then
      if must then add(out.errors, path, required_message(field)) end
      return
    end
    local normal, problem = check(field, value, answers, ctx, row)
    if problem then add(out.errors, path, problem); return end
    if constraint then
      local message = constraint(normal, answers, ctx, row)
      if message then add(out.errors, path, message); return end
    end
    if warning then
      local message = warning(normal, answers, ctx, row)
      if message then add(out.warnings, path, message) end
    end
    cleaned[id] = normal
  end
end

function check_fields(fields, by_id, scope, answers, ctx, row, prefix, out, cleaned)
  for i = 1, #fields do
    local field = fields[i]
    if prefix then
      field.run(scope, answers, ctx, row, prefix .. "." .. field.id, out, cleaned)
    else
      local step_visible = field.step_visible
      if step_visible == nil or step_visible(answers, ctx) then
        field.run(scope, answers, ctx, row, field.id, out, cleaned)
      end
    end
  end
  for key in next, scope do
    if not by_id[key] then
      add(out.errors, path_of(prefix, tostring(key)), "Okänt fält: mallen har ingen fråga med det namnet.")
    end
  end
end

--- Adds what a template's validate/warn returned: a list of {field=, message=} or a map
--- field → message.
local function merge_problems(list, returned, fields_with_errors, at)
  if returned == nil then return end
  if type(returned) ~= "table" then fail(at, "validate/warn must return nil or a table of problems") end
  local function one(field, message)
    if type(message) ~= "string" then fail(at, "validate/warn: the message for '" .. tostring(field) .. "' is not text") end
    if not (fields_with_errors and fields_with_errors[field]) then add(list, field, message) end
  end
  if returned[1] ~= nil then
    for _, p in ipairs(returned) do
      if type(p) == "string" then one("", p) else one(p.field or "", p.message) end
    end
  else
    local keys = {}
    for k in pairs(returned) do keys[#keys + 1] = tostring(k) end
    sort(keys)
    for _, k in ipairs(keys) do one(k, returned[k]) end
  end
end

--- Checks `answers` against template `id` (`version`, default the newest loaded) for the
--- context `ctx`. Returns {valid, errors = {{field, message}}, warnings, visible = {paths},
--- computed = {path = value}, answers = the cleaned answers (hidden and unknown fields dropped,
--- computed values filled in)}.
--- Checks `answers` against compiled template `t` in context `c` (made by make_context).
--- `lean` (bulk checks) skips the list of visible fields, which only forms need.
local function check_compiled(t, answers, c, lean)
  local errors = {}
  local out = { errors = errors, warnings = {}, visible = not lean and {} or nil }
  local cleaned = {}
  check_fields(t.fields, t.by_id, answers, answers, c, nil, nil, out, cleaned)
  local spec = t.spec
  if spec.validate then
    -- The fields that already have an error (no table when there is none, as is usual).
    local with_errors = nil
    if errors[1] ~= nil then
      with_errors = {}
      for i = 1, #errors do with_errors[errors[i].field] = true end
    end
    merge_problems(errors, spec.validate(cleaned, c), with_errors, t.at)
  end
  if spec.warn then merge_problems(out.warnings, spec.warn(cleaned, c), nil, t.at) end
  out.valid = #errors == 0
  out.answers = cleaned
  if not lean and not out.computed then out.computed = {} end
  return out
end

function form.check(id, version, answers, ctx, lean)
  local t = lookup(id, version)
  if answers == nil then answers = {} end
  if type(answers) ~= "table" then error("form.check: answers must be a table", 2) end
  return check_compiled(t, answers, make_context(ctx, t), lean)
end

-- ---------------------------------------------------------------------------------------------
-- The bulk check: a checker made per template version for form.check_batch, as Lua text loaded
-- once per run. It does what check_compiled(t, answers, ctx, true) does — the same template
-- functions called in the same order, the same errors in the same order, the same cleaned
-- answers for validate — in straight-line code: one value check per field, no per-field
-- closure and no per-field lookups of what the field has. Fields it does not specialise
-- (groups, computed, "ej aktuellt", info, with a warning) run their compiled closure, as
-- check_fields does. form.test runs it beside form.check on every case, and fails a case
-- where the two disagree.

--- Value checks for the bulk checker: (normal) when the value passes, (nil, message) when it
--- does not, (nil, nil, true) when it is not answered (nil, "" or white space, an empty table:
--- what compile_check's inlined blank() judges).
local function empty_or(check)
  return function(field, value, answers, ctx, row)
    local tv = type(value)
    if tv == "string" then
      local first = sbyte(value, 1)
      if first == nil or (first <= 32 and not sfind(value, "%S")) then return nil, nil, true end
    elseif tv == "table" then
      if next(value) == nil then return nil, nil, true end
    end
    return check(field, value, answers, ctx, row)
  end
end

local function text_value(field, value)
  if type(value) ~= "string" then
    if type(value) == "table" and next(value) == nil then return nil, nil, true end
    return nil, "Skriv svaret som text."
  end
  local first = sbyte(value, 1)
  if first == nil then return nil, nil, true end
  local text = value
  if first <= 32 or sbyte(value, -1) <= 32 then
    if not sfind(value, "%S") then return nil, nil, true end
    text = trim(value)
  end
  local least = field.min_length
  if #text > field.most or least then return text_length(field, text) end
  return text
end

local integer_any = empty_or(CHECKS.integer)
--- An integer field whose bounds are values (not functions).
local function integer_static(field, value, answers, ctx, row)
  if mtype(value) == "integer" then
    local low, high = field.min, field.max
    if (low and value < low) or (high and value > high) then return CHECKS.integer(field, value, answers, ctx, row) end
    return value
  end
  return integer_any(field, value, answers, ctx, row)
end

local choice_any = empty_or(CHECKS.choice)
--- A choice whose options' values are none of them blank.
local function choice_value(field, value)
  if field.allowed[value] then return value end
  return choice_any(field, value)
end

local yes_no_any = empty_or(CHECKS.yes_no)
local function yes_no_value(field, value)
  if value == true or value == false then return value end
  return yes_no_any(field, value)
end

local confirmation_any = empty_or(CHECKS.confirmation)
local function confirmation_value(field, value)
  if value == true then return true end
  return confirmation_any(field, value)
end

local multi_choice_any = empty_or(CHECKS.multi_choice)
--- A multi-choice without min and max: one allowed item (the usual answer) needs no scan.
local function multi_choice_value(field, value)
  if type(value) == "table" then
    local first = value[1]
    if first ~= nil and field.allowed[first] and next(value, 1) == nil then return { first } end
  end
  return multi_choice_any(field, value)
end

--- The bulk value check of a field, chosen by what the field has.
local function bulk_value(field)
  local kind = field.type
  if kind == "text" or kind == "textarea" then return text_value end
  if kind == "integer" and type(field.min) ~= "function" and type(field.max) ~= "function" then return integer_static end
  if kind == "yes_no" then return yes_no_value end
  if kind == "confirmation" then return confirmation_value end
  if kind == "multi_choice" and field.min == nil and field.max == nil then return multi_choice_value end
  if kind == "choice" then
    for _, option in ipairs(field.options) do
      if blank(option.value) then return choice_any end
    end
    return choice_value
  end
  return empty_or(CHECKS[kind])
end

--- Whether the bulk checker checks `field` in its own code (else it runs `field.run`).
local function specialised(field)
  return field.type ~= "group" and field.type ~= "info" and field.compute == nil and not field.not_applicable
    and field.warning == nil and CHECKS[field.type] ~= nil
end

--- validate and warn after the fields, as check_compiled runs them. `errors` and `warnings` are
--- nil while empty; returns the errors (nil when there are none).
local function bulk_finish(t, errors, warnings, cleaned, ctx)
  local spec = t.spec
  if spec.validate then
    local returned = spec.validate(cleaned, ctx)
    if returned ~= nil then
      local with_errors = nil
      if errors and errors[1] ~= nil then
        with_errors = {}
        for i = 1, #errors do with_errors[errors[i].field] = true end
      end
      errors = errors or {}
      merge_problems(errors, returned, with_errors, t.at)
    end
  end
  if spec.warn then merge_problems(warnings or {}, spec.warn(cleaned, ctx), nil, t.at) end
  return errors
end

local UNKNOWN_FIELD = "Okänt fält: mallen har ingen fråga med det namnet."
local MOST_UPVALUES = 180   -- a chunk has at most 200 locals; templates with more fall back

--- The bulk checker of compiled template `t`: function(answers, ctx) returning the list of
--- errors (nil or empty when the answers pass), or nil when the template is too large for one.
local function compile_bulk(t)
  local values, names, body = {}, {}, {}
  local function up(value)
    values[#values + 1] = value
    names[#names + 1] = "u" .. #values
    return names[#names]
  end
  local function emit(line) body[#body + 1] = line end
  -- The errors list is made with the first error (most reports have none).
  local function add_error(field, message)
    return "errors = errors or {}; errors[#errors + 1] = { field = " .. field .. ", message = " .. message .. " }"
  end
  local keys, generic = {}, false
  for _, field in ipairs(t.fields) do
    local id, closes = sformat("%q", field.id), 0
    local f = up(field)
    emit("-- " .. field.id .. " (" .. field.type .. ")")
    if field.step_visible ~= nil then
      emit("if " .. up(field.step_visible) .. "(answers, ctx) then")
      closes = closes + 1
    end
    if not specialised(field) then
      generic = true
      emit(f .. ".run(answers, answers, ctx, nil, " .. id .. ", out, cleaned)")
    elseif type(field.visible) ~= "function" and field.visible ~= nil and not field.visible then
      emit("-- hidden")
    else
      if type(field.visible) == "function" then
        emit("if " .. up(field.visible) .. "(answers, ctx, nil) then")
        closes = closes + 1
      end
      keys[#keys + 1] = "[" .. id .. "] = nil"
      local required, required_line = field.required, nil
      if type(required) == "function" then
        emit("m = " .. up(required) .. "(answers, ctx, nil)")
        required_line = "if m then " .. add_error(id, "required_message(" .. f .. ")") .. " end"
      elseif required then
        required_line = add_error(id, "required_message(" .. f .. ")")
      end
      emit("v = answers[" .. id .. "]")
      emit("if v == nil then e, p = true, nil else n, p, e = " .. up(bulk_value(field)) .. "(" .. f .. ", v, answers, ctx, nil) end")
      emit("if e then")
      if required_line then emit("  " .. required_line) end
      emit("elseif p then " .. add_error(id, "p"))
      if field.constraint then
        emit("else")
        emit("  p = " .. up(field.constraint) .. "(n, answers, ctx, nil)")
        emit("  if p then " .. add_error(id, "p") .. " else cleaned[" .. id .. "] = n end")
        emit("end")
      else
        emit("else cleaned[" .. id .. "] = n end")
      end
    end
    for _ = 1, closes do emit("end") end
  end
  local by_id = up(t.by_id)
  local finish = (t.spec.validate or t.spec.warn) and up(t) or nil
  if #values > MOST_UPVALUES then return nil end
  local text = {
    "local required_message, tostring, next, bulk_finish, UNKNOWN, V = ...",
    "local " .. concat(names, ", ") .. " = V[1]" .. (function()
      local rest = {}
      for i = 2, #names do rest[#rest + 1] = "V[" .. i .. "]" end
      return #rest > 0 and (", " .. concat(rest, ", ")) or ""
    end)(),
    "return function(answers, ctx)",
    -- Fields run by their closure add to out's lists, so the lists are made at once then.
    generic and "local errors, warnings = {}, {}" or "local errors, warnings",
    "local cleaned = { " .. concat(keys, ", ") .. " }",
    "local v, n, p, e, m",
    generic and "local out = { errors = errors, warnings = warnings }" or "",
    concat(body, "\n"),
    "for key in next, answers do",
    "  if not " .. by_id .. "[key] then " .. add_error("tostring(key)", "UNKNOWN") .. " end",
    "end",
    finish and ("errors = bulk_finish(" .. finish .. ", errors, warnings, cleaned, ctx)") or "",
    "return errors",
    "end",
  }
  local chunk, problem = load(concat(text, "\n"), "=[redovisa]/form.lua (bulk check of " .. t.spec.id .. ")", "t", {})
  if not chunk then error("form: the bulk checker of " .. t.spec.id .. " does not compile: " .. tostring(problem)) end
  return chunk(required_message, tostring, next, bulk_finish, UNKNOWN_FIELD, values)
end

--- The bulk checker of `t`, made on first use in a run; nil when `t` has none (too large).
local function bulk_checker(t)
  local checker = t.bulk
  if checker == nil then
    checker = compile_bulk(t) or false
    t.bulk = checker
  end
  return checker or nil
end

--- For form.test: nil when the bulk checker finds what form.check found in `result` (the same
--- errors in the same order), else what differs.
local function bulk_disagrees(handle, answers, ctx, result)
  local t = lookup(handle.id, handle.version)
  local checker = bulk_checker(t)
  if not checker then return nil end
  local errors, expected = checker(answers, make_context(ctx, t)) or {}, result.errors
  local agree = #errors == #expected
  for i = 1, agree and #errors or 0 do
    if errors[i].field ~= expected[i].field or errors[i].message ~= expected[i].message then agree = false end
  end
  if agree then return nil end
  local function list(problems)
    local parts = {}
    for _, e in ipairs(problems) do parts[#parts + 1] = tostring(e.field) .. ": " .. tostring(e.message) end
    return "{" .. concat(parts, "; ") .. "}"
  end
  return sformat("the bulk check (template validate) found %s where form.check found %s", list(errors), list(expected))
end

--- Checks many stored reports in one call (the host's bulk validation): `items` is a list of
--- {answers = …, period = "YYYY-MM", event_date = …, report_id = …, person_id = …,
--- enrolment_id = …}; `today` is shared. Returns {checked = n, invalid = {{report_id, errors}}}.
function form.check_batch(id, version, items, today)
  local t = lookup(id, version)
  local invalid = {}
  local template = t.spec.id
  local checker = bulk_checker(t)
  if not today and clock then today = clock.today() end
  for i = 1, #items do
    local item = items[i]
    local answers = item.answers
    if type(answers) ~= "table" then answers = {} end
    -- make_context's table, made in one constructor (no growing, no copy).
    local period = item.period
    if type(period) == "string" then period = make_period(period) end
    local ctx = setmetatable({
      today = today, period = period, event_date = item.event_date, report_id = item.report_id,
      person_id = item.person_id, enrolment_id = item.enrolment_id, template = template, calendar = calendar,
      swedish_date = swedish_date,
    }, CONTEXT_META)
    local errors
    if checker then errors = checker(answers, ctx) else errors = check_compiled(t, answers, ctx, true).errors end
    if errors and errors[1] ~= nil then invalid[#invalid + 1] = { report_id = item.report_id, errors = errors } end
  end
  return { checked = #items, invalid = invalid }
end

-- ---------------------------------------------------------------------------------------------
-- Preview, receipt, window, initial answers, migration, description.

--- The preview: one row per visible answered field, in form order: {step, field, label, value}.
function form.summary(id, version, answers, ctx)
  local t = lookup(id, version)
  local c = make_context(ctx, t)
  answers = answers or {}
  if t.spec.summary then return t.spec.summary(answers, c) end
  local rows = {}
  local function walk(fields, scope, row, prefix, step_index)
    for _, field in ipairs(fields) do
      local path = path_of(prefix, field.id)
      local shown = field.visible == nil or bound(field, "visible", answers, c, row)
      if shown and field.type ~= "info" then
        local value = field.compute and field.compute(answers, c, row) or scope[field.id]
        rows[#rows + 1] = { step = step_index, field = path, label = field.label or field.id, value = display(field, value) }
        if field.type == "group" and type(value) == "table" then
          for i, r in ipairs(value) do
            if type(r) == "table" then walk(field.children, r, r, sformat("%s[%d]", path, i), step_index) end
          end
        end
      end
    end
  end
  for _, step in ipairs(t.spec.steps) do
    if step.visible == nil or step.visible(answers, c) then walk(step.fields, answers, nil, nil, step.index) end
  end
  return rows
end

--- The receipt text. `receipt` has case_number, submitted_by, submitted_at (text, Swedish time).
function form.receipt(id, version, receipt, answers, ctx)
  local t = lookup(id, version)
  local c = make_context(ctx, t)
  if t.spec.receipt then
    local text = t.spec.receipt(receipt, answers or {}, c)
    if type(text) ~= "string" then fail(t.at, "receipt must return the receipt's text") end
    return text
  end
  return concat({
    "Ditt ärende är nu inskickat",
    "Ärendenummer: " .. tostring(receipt.case_number),
    "Ärende: " .. t.spec.title,
    "Inskickat av: " .. tostring(receipt.submitted_by),
    "Tidpunkt: " .. tostring(receipt.submitted_at),
  }, "\n")
end

--- When a report for `ctx.period` (or about `ctx.event_date`) may be submitted:
--- {opens = date, closes = date, late = bool}, or nil when the template sets no window. A window
--- function gets the answers too: window(ctx, answers).
function form.window(id, version, ctx, answers)
  local t = lookup(id, version)
  local w = t.spec.window
  if w == nil then return nil end
  local c = make_context(ctx, t)
  local result
  if type(w) == "function" then
    result = w(c, answers or {})
    if result == nil then return nil end
  else
    if not c.period then return nil end
    local offset = w.month_offset or 1
    local y, m = add_months(c.period.year, c.period.month, offset)
    local function day(d) return date_text(y, m, math.min(d, days_in_month(y, m))) end
    result = { opens = day(w.opens_day or 1), closes = day(w.closes_day or days_in_month(y, m)), late = w.late }
  end
  if not parse_date(result.opens) or not parse_date(result.closes) then
    fail(t.at, "window must give 'opens' and 'closes' as YYYY-MM-DD dates")
  end
  return { opens = result.opens, closes = result.closes, late = result.late == true }
end

--- The answers a new draft starts with: the previous report's (when copying), remembered
--- answers of the author (fields with remember = true), then each field's default.
function form.initial(id, version, ctx, previous, remembered)
  local t = lookup(id, version)
  local c = make_context(ctx, t)
  local answers = {}
  for _, field in ipairs(t.fields) do
    local value
    if previous and field.copy ~= false and not field.compute then value = previous[field.id] end
    if value == nil and remembered and field.remember then value = remembered[field.id] end
    if value == nil and field.default ~= nil then
      value = field.default
      if type(value) == "function" then value = value(c) end
    end
    answers[field.id] = value
  end
  return answers
end

--- Answers of a draft made on `from_version`, carried to version `version` by that version's
--- migrate(from_version, answers). Returns the new answers.
function form.migrate(id, version, from_version, answers)
  local t = lookup(id, version)
  if from_version == version then return answers end
  if not t.spec.migrate then
    error(sformat("%s version %d declares no migrate(from_version, answers)", id, version), 2)
  end
  local migrated = t.spec.migrate(from_version, answers)
  if type(migrated) ~= "table" then fail(t.at, "migrate must return the new answers (a table)") end
  return migrated
end

local function describe_field(field)
  local d = {
    id = field.id, type = field.type, label = field.label, help = field.help, placeholder = field.placeholder,
    at = field.at, step = field.step.index,
    required = type(field.required) == "function" and "depends" or (field.required == true and "yes" or "no"),
    conditional = field.visible ~= nil, computed = field.compute ~= nil,
    not_applicable = field.not_applicable == true, remember = field.remember == true,
    text = type(field.text) == "string" and field.text or nil,
    max_length = field.max_length, rows = field.rows, row_label = field.row_label, add_label = field.add_label,
    min = type(field.min) ~= "function" and field.min or nil,
    max = type(field.max) ~= "function" and field.max or nil, increment = field.increment,
  }
  if field.options then
    d.options = {}
    for i, o in ipairs(field.options) do d.options[i] = { value = tostring(o.value), label = o.label, help = o.help } end
  end
  if field.type == "group" then
    d.fields = {}
    for i, child in ipairs(field.children) do d.fields[i] = describe_field(child) end
  end
  return d
end

--- What the host needs to know of a template, as plain data (no functions).
function form.describe(id, version)
  local t = lookup(id, version)
  local s = t.spec
  local steps = {}
  for i, step in ipairs(s.steps) do
    local fields = {}
    for j, field in ipairs(step.fields) do fields[j] = describe_field(field) end
    steps[i] = { id = step.id, title = step.title, help = step.help, conditional = step.visible ~= nil, fields = fields }
  end
  local w = s.window
  return {
    id = s.id, version = s.version, title = s.title, description = s.description, texts = s.texts,
    role = s.role, about = s.about or "person", period = s.period, at = t.at, steps = steps,
    has_window = w ~= nil, late_allowed = type(w) == "table" and w.late == true or nil,
    staff_may_register = s.staff_may_register == true, deletable = s.deletable == true,
    has_migrate = s.migrate ~= nil, lint = t.lint,
  }
end

--- The ids of every template loaded in this run, with their versions.
function form.loaded()
  local list = {}
  for _, t in pairs(registry) do list[#list + 1] = { id = t.spec.id, version = t.spec.version } end
  sort(list, function(a, b) if a.id == b.id then return a.version < b.version end return a.id < b.id end)
  return list
end

--- Loads template `name` from templates/ (for tests): require plus the compiled handle.
function form.load(name)
  local handle = require(name)
  if type(handle) ~= "table" or not handle.id then
    error("templates/" .. name .. ".lua does not return form.template{…}", 2)
  end
  return handle
end

-- ---------------------------------------------------------------------------------------------
-- Template tests (templates/*_test.lua, run by `redovisa template test`).

local function show(v)
  if type(v) == "string" then return sformat("%q", v) end
  if type(v) ~= "table" then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do
    parts[#parts + 1] = (mtype(k) == "integer" and "" or (tostring(k) .. " = ")) .. show(v[k])
  end
  return "{" .. concat(parts, ", ") .. "}"
end

local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

--- Compares problems found with those expected: field → message (exact) or true (any message).
local function compare_problems(kind, found, expected)
  local by_field = {}
  for _, p in ipairs(found) do if by_field[p.field] == nil then by_field[p.field] = p.message end end
  for field, message in pairs(expected) do
    if by_field[field] == nil then
      return sformat("expected %s %s on '%s', got none (all: %s)", kind == "error" and "an" or "a", kind, field, show(by_field))
    end
    if message ~= true and by_field[field] ~= message then
      return sformat("%s on '%s': expected %q, got %q", kind, field, message, by_field[field])
    end
  end
  for field, message in pairs(by_field) do
    if expected[field] == nil then return sformat("unexpected %s on '%s': %q", kind, field, message) end
  end
end

local CASE_KEYS = {
  name = true, today = true, period = true, event_date = true, answers = true, ctx = true, valid = true,
  errors = true, warnings = true, visible = true, hidden = true, computed = true, cleaned = true,
  receipt = true, window = true, summary = true, initial = true, previous = true, remembered = true,
}

local function run_case(handle, case)
  for key in pairs(case) do
    if not CASE_KEYS[key] then return "unknown key '" .. tostring(key) .. "' in the case" end
  end
  local ctx = {}
  for k, v in pairs(case.ctx or {}) do ctx[k] = v end
  ctx.today = case.today or ctx.today
  ctx.period = case.period or ctx.period
  ctx.event_date = case.event_date or ctx.event_date
  local answers = case.answers or {}
  local result = handle:check(answers, ctx)
  local disagreement = bulk_disagrees(handle, answers, ctx, result)
  if disagreement then return disagreement end
  if case.valid ~= nil and result.valid ~= case.valid then
    local errors = {}
    for _, e in ipairs(result.errors) do errors[#errors + 1] = e.field .. ": " .. e.message end
    return sformat("expected valid = %s, got %s (%s)", tostring(case.valid), tostring(result.valid), concat(errors, "; "))
  end
  if case.errors then
    local problem = compare_problems("error", result.errors, case.errors)
    if problem then return problem end
  end
  if case.warnings then
    local problem = compare_problems("warning", result.warnings, case.warnings)
    if problem then return problem end
  end
  local shown = {}
  for _, path in ipairs(result.visible) do shown[path] = true end
  for _, path in ipairs(case.visible or {}) do
    if not shown[path] then return "expected '" .. path .. "' to be shown, but it is hidden" end
  end
  for _, path in ipairs(case.hidden or {}) do
    if shown[path] then return "expected '" .. path .. "' to be hidden, but it is shown" end
  end
  for path, value in pairs(case.computed or {}) do
    if not same(result.computed[path], value) then
      return sformat("computed '%s': expected %s, got %s", path, show(value), show(result.computed[path]))
    end
  end
  for key, value in pairs(case.cleaned or {}) do
    local got = result.answers[key]
    if value == form.ABSENT then
      if got ~= nil then return sformat("expected '%s' to be dropped on submit, got %s", key, show(got)) end
    elseif not same(got, value) then
      return sformat("submitted '%s': expected %s, got %s", key, show(value), show(got))
    end
  end
  if case.window then
    local w = handle:window(ctx, answers)
    if case.window == form.ABSENT then
      if w ~= nil then return "expected no window, got " .. show(w) end
    elseif not same(w, case.window) then
      return sformat("window: expected %s, got %s", show(case.window), show(w))
    end
  end
  if case.receipt then
    local facts = case.receipt.facts or
      { case_number = "2025-000001", submitted_by = "Test Testsson", submitted_at = "2025-10-03 12:00" }
    local text = handle:receipt(facts, result.answers, ctx)
    if text ~= case.receipt.text then return sformat("receipt: expected %q, got %q", case.receipt.text, text) end
  end
  if case.summary then
    local rows = handle:summary(result.answers, ctx)
    local by_field = {}
    for _, row in ipairs(rows) do by_field[row.field] = row.value end
    for field, value in pairs(case.summary) do
      if by_field[field] ~= value then
        return sformat("preview of '%s': expected %q, got %s", field, value, show(by_field[field]))
      end
    end
  end
  if case.initial then
    local initial = handle:initial(ctx, case.previous, case.remembered)
    for key, value in pairs(case.initial) do
      local got = initial[key]
      if value == form.ABSENT then
        if got ~= nil then return sformat("expected no initial '%s', got %s", key, show(got)) end
      elseif not same(got, value) then
        return sformat("initial '%s': expected %s, got %s", key, show(value), show(got))
      end
    end
  end
  return nil
end

--- A marker for "this answer must not be there" in a test case's `cleaned` or `initial`, and
--- for "leave this answer out" in form.with. A new one in every run (host.begin_run).
local ABSENT_META = { __tostring = function() return "form.ABSENT" end }

local function deep_copy(value)
  if type(value) ~= "table" or value == form.ABSENT then return value end
  local c = {}
  for k, v in pairs(value) do c[k] = deep_copy(v) end
  return c
end

--- A copy of `base` (deep: changing it never touches `base`) with `changes` applied; a change
--- to form.ABSENT leaves the answer out. For tests: `form.with(good, { epost = form.ABSENT })`.
function form.with(base, changes)
  local a = deep_copy(base or {})
  for k, v in pairs(changes or {}) do
    if v == form.ABSENT then a[k] = nil else a[k] = deep_copy(v) end
  end
  return a
end

--- Runs test cases against a template (see docs/scripting.md, "Testing a template"). Each case
--- sets `today`, `period` (or `event_date`), `answers` and any domain fixtures in `ctx`
--- (`enrolment`, `plan`, `earlier_reports`, `person`), and expects some of: `valid`, `errors`
--- and `warnings` (field → message, or true for any message; exactly these fields), `visible`
--- and `hidden` (lists of paths), `computed` (path → value), `cleaned` (the submitted answers),
--- `window`, `receipt = {text = …}`, `summary` (field → shown text), `initial` (with
--- `previous` and `remembered`). Returns "ok", or raises an error listing every failed case.
function form.test(handle, cases)
  if type(handle) ~= "table" or not handle.id then error("form.test: the first argument must be a template (form.load)", 2) end
  if type(cases) ~= "table" or #cases == 0 then error("form.test: give a list of cases", 2) end
  local failures = {}
  for i, case in ipairs(cases) do
    local name = case.name or ("case " .. i)
    local ok, problem = pcall(run_case, handle, case)
    if not ok then problem = "raised " .. tostring(problem) end
    if problem then failures[#failures + 1] = sformat("%s: %s", name, problem) end
  end
  if #failures > 0 then
    error(sformat("%d of %d cases failed:\n  %s", #failures, #cases, concat(failures, "\n  ")), 2)
  end
  return "ok"
end

--- Whether list `list` holds `value` (for multi-choice answers): form.contains(answers.notifiering, "sms").
function form.contains(list, value)
  if type(list) ~= "table" then return false end
  for _, v in ipairs(list) do if v == value then return true end end
  return false
end

form.parse_date = parse_date
form.number_text = number_text
form.swedish_date = swedish_date
form.period = make_period
form.check_personnummer = check_personnummer

--- What only the host calls (a second result of this chunk, which templates cannot reach):
--- `without_lines(name)` makes the constructors called from now on record the file `name`
--- instead of their lines (see `where`); `begin_run()` starts a run: the engine's state afresh,
--- and the global `form` of the run's environment (`_ENV`, which the host has pointed at it) a
--- copy of the engine's own table.
local host = {
  without_lines = function(name) positions = false; loading = tostring(name) end,
  begin_run = function()
    registry, newest, periods = {}, {}, {}
    positions, loading = true, ""
    form.ABSENT = setmetatable({}, ABSENT_META)
    local view = {}
    for key, value in next, form do view[key] = value end
    _ENV.form = view
  end,
}

host.begin_run()
return form, host
