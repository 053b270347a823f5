-- reminders.lib.testkit: testing reminder rules with time travel and without a database.
--
-- testkit.run(rule, now) runs a rule the way `redovisa remind` does at the moment `now`
-- ("YYYY-MM-DD", noon, or "YYYY-MM-DDTHH:MM"): the host's schedule decides whether it is due
-- (reminders.context), the rule's targets(ctx) gives its reminders, the host keeps the due ones
-- (reminders.select) and gives each its recipient as `who` (testkit.who), and the rule's
-- message(reminder, ctx) words each (reminders.compose). It returns the reminders as they would
-- go out; the ledger, the recipients' channel choices and the outbox are the runner's and are
-- tested in Swift.
--
-- testkit.world{…} replaces the domain modules (people, users, enrolments, reports, plans) with
-- fakes over the tables given, answering as the real ones do for the system (masked protected
-- identities included). Call it before testkit.run; each call starts a new world.

local common = require("reminders.lib.common")

local testkit = {}

--- What the runner gives `message` as `reminder.who` for the recipient `to`, from the world:
--- `{ firstName = "Karin", isMasked = false }` — the first word of the user's display name, or
--- the first name of a person without a login; no name and `isMasked = true` for a protected
--- identity; `{ isMasked = false }` for someone who does not exist.
function testkit.who(to)
  local found, who = pcall(to.user and users.get or people.get, to.user or to.person)
  if not found then return { isMasked = false } end
  if who.isMasked then return { isMasked = true } end
  return { firstName = to.user and who.displayName:match("^(%S+)") or who.firstName, isMasked = false }
end

--- The reminders `rule` sends at `now`, or {} when it is not due.
function testkit.run(rule, now)
  local ctx = reminders.context(rule, now)
  if not ctx then return {} end
  local out = {}
  for _, reminder in ipairs(reminders.select(rule, ctx, rule.targets(ctx))) do
    reminder.who = testkit.who(reminder.to)
    out[#out + 1] = reminders.compose(rule, reminder, rule.message(reminder, ctx))
  end
  return out
end

--- The first item of `list` whose `field` equals `value`, or nil.
function testkit.find(list, field, value)
  for _, item in ipairs(list) do
    if item[field] == value then return item end
  end
  return nil
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

local function contains(list, value)
  for _, item in ipairs(list) do if item == value then return true end end
  return false
end

local function sorted_by_id(list, descending)
  table.sort(list, function(a, b) if descending then return a.id > b.id end return a.id < b.id end)
  return list
end

--- Installs fake domain modules over `fixtures`:
--- people = { [id] = { firstName, lastName, protected = true? } },
--- users = { [id] = { displayName, roles = {…}, personId?, organisation?, office? } },
--- enrolments = { { id, personId, programme = CODE, start, actualEnd?, providerId?, officeId?,
---   officerId?, reporterId? } },
--- reports = { { id, enrolmentId, templateId, period?, status, authorId, caseNumber?,
---   officeId?, providerId?, history = { { status, at }, … } } },
--- plans = { { enrolmentId, kind, submittedAt? } }.
function testkit.world(fixtures)
  local people_by_id, users_by_id = fixtures.people or {}, fixtures.users or {}
  local all_enrolments, all_reports, all_plans = fixtures.enrolments or {}, fixtures.reports or {}, fixtures.plans or {}

  local function enrolment_view(e)
    local view = copy(e)
    view.programme = nil
    view.programmeId = 1
    view.responsibleOrganisationId = view.responsibleOrganisationId or 1
    view.extensions, view.agreement = view.extensions or {}, view.agreement or {}
    return view
  end
  local function report_view(r)
    local view = copy(r)
    view.history = nil
    local enrolment
    for _, e in ipairs(all_enrolments) do if e.id == r.enrolmentId then enrolment = e end end
    view.personId = view.personId or (enrolment and enrolment.personId)
    view.officeId = view.officeId or (enrolment and enrolment.officeId)
    view.providerId = view.providerId or (enrolment and enrolment.providerId)
    view.templateVersion, view.revision, view.late = 1, 1, false
    view.answers = view.answers or {}
    return view
  end
  local function active_in(e, first, last)
    return e.start <= last and (e.actualEnd == nil or e.actualEnd >= first)
  end

  people = {
    get = function(id)
      local p = people_by_id[id]
      if not p then error("personen finns inte", 2) end
      if p.protected then
        return { id = id, personnummer = "********-****", firstName = "Skyddad identitet", lastName = "", notify = {},
          isProtected = true, isMasked = true }
      end
      local view = copy(p)
      view.id, view.protected, view.isProtected, view.isMasked = id, nil, false, false
      view.notify = view.notify or {}
      return view
    end,
  }

  local function user_view(id, u)
    local masked = u.personId and people_by_id[u.personId] and people_by_id[u.personId].protected or false
    return { id = id, displayName = masked and "Skyddad identitet" or u.displayName, roles = u.roles or {},
      personId = (not masked) and u.personId or nil, isMasked = masked }
  end
  users = {
    get = function(id)
      local u = users_by_id[id]
      if not u then error("användaren finns inte", 2) end
      return user_view(id, u)
    end,
    list = function(options)
      local out = {}
      for id, u in pairs(users_by_id) do
        local here = (options.office and u.office == options.office)
          or (options.office == nil and options.organisation and u.organisation == options.organisation)
        if here and (options.role == nil or contains(u.roles or {}, options.role)) then out[#out + 1] = user_view(id, u) end
      end
      return sorted_by_id(out)
    end,
  }

  enrolments = {
    get = function(id)
      for _, e in ipairs(all_enrolments) do if e.id == id then return enrolment_view(e) end end
      error("insatsen finns inte", 2)
    end,
    active = function(options)
      options = options or {}
      local on = options.on or clock.today()
      local programmes = type(options.programme) == "string" and { options.programme } or options.programme
      local out = {}
      for _, e in ipairs(all_enrolments) do
        if active_in(e, on, on) and (programmes == nil or contains(programmes, e.programme))
          and (options.started_from == nil or e.start >= options.started_from)
          and (options.started_to == nil or e.start <= options.started_to) then
          out[#out + 1] = enrolment_view(e)
        end
      end
      return sorted_by_id(out)
    end,
    list = function(ids)
      local out = {}
      for _, e in ipairs(all_enrolments) do
        if contains(ids, e.id) then out[#out + 1] = enrolment_view(e) end
      end
      return sorted_by_id(out)
    end,
  }

  local function matches(r, o)
    local statuses = type(o.status) == "string" and { o.status } or o.status
    return (o.period == nil or r.period == o.period) and (o.template == nil or r.templateId == o.template)
      and (o.enrolment == nil or r.enrolmentId == o.enrolment) and (o.person == nil or r.personId == o.person)
      and (o.office == nil or r.officeId == o.office) and (o.provider == nil or r.providerId == o.provider)
      and (statuses == nil or contains(statuses, r.status))
  end
  reports = {
    find = function(options)
      local out = {}
      for _, r in ipairs(all_reports) do
        local view = report_view(r)
        if matches(view, options or {}) then out[#out + 1] = view end
      end
      sorted_by_id(out, true)
      local limited = {}
      for i = 1, math.min(#out, (options or {}).limit or 1000) do limited[i] = out[i] end
      return limited
    end,
    history = function(id)
      for _, r in ipairs(all_reports) do
        if r.id == id then
          local out = {}
          for i, change in ipairs(r.history or {}) do
            out[i] = { id = i, reportId = id, status = change.status, at = change.at, comment = change.comment }
          end
          return out
        end
      end
      error("rapporten finns inte", 2)
    end,
    awaiting_review_counts = function(options)
      local out, index = {}, {}
      for _, r in ipairs(all_reports) do
        if r.period == options.period and (r.status == "submitted" or r.status == "resubmitted") then
          local view = report_view(r)
          local enrolment
          for _, e in ipairs(all_enrolments) do if e.id == r.enrolmentId then enrolment = e end end
          local officer = enrolment and enrolment.officerId
          local key = tostring(view.officeId) .. " " .. tostring(officer)
          if not index[key] then
            index[key] = { officeId = view.officeId, officerId = officer, count = 0, newest = r.id }
            out[#out + 1] = index[key]
          end
          index[key].count = index[key].count + 1
          index[key].newest = math.max(index[key].newest, r.id)
        end
      end
      table.sort(out, function(a, b) return a.newest > b.newest end)
      for _, group in ipairs(out) do group.newest = nil end
      return out
    end,
    returned = function(options)
      local out = {}
      for _, r in ipairs(all_reports) do
        local at
        for _, change in ipairs(r.history or {}) do
          if change.status == "returned" then at = change.at end
        end
        local on = at and common.local_date(at)
        if r.status == "returned" and on and on >= options.from and on <= (options.to or clock.today()) then
          local view = report_view(r)
          view.returnedAt, view.returnedOn = at, on
          out[#out + 1] = view
        end
      end
      return sorted_by_id(out)
    end,
    missing = function(options)
      local first = options.period .. "-01"
      local last = options.period .. ("-%02d"):format(calendar.days_in_month(options.period))
      local out = {}
      for _, e in ipairs(all_enrolments) do
        if active_in(e, first, last) and (options.programme == nil or e.programme == options.programme) then
          local handed_in = false
          for _, r in ipairs(all_reports) do
            if r.enrolmentId == e.id and r.period == options.period and r.templateId == options.template
              and contains({ "submitted", "resubmitted", "returned", "approved" }, r.status) then
              handed_in = true
            end
          end
          if not handed_in then out[#out + 1] = enrolment_view(e) end
        end
      end
      return sorted_by_id(out)
    end,
  }

  plans = {
    current = function(enrolment, kind)
      local found
      for _, p in ipairs(all_plans) do
        if p.enrolmentId == enrolment and (kind == nil or p.kind == kind) then found = p end
      end
      if not found then return nil end
      local view = copy(found)
      view.id, view.version, view.activities = view.id or 1, view.version or 1, view.activities or {}
      view.createdAt = view.createdAt or "2025-01-01"
      return view
    end,
  }
end

return testkit
