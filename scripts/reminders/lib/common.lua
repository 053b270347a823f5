-- reminders.lib.common: what the reminder rules share — Swedish dates and lists, periods,
-- greetings, grouping, and who works where. Everything is local; the module returns one table.
--
-- A rule never puts the name of the person a reminder is *about* (a participant, a customer,
-- a supported person) in its text: the text goes out by e-mail and SMS, and such a name tells
-- that someone is a client of social services. The recipient's own first name is fine.

local common = {}

local MONTHS = { "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
  "oktober", "november", "december" }
local WEEKDAYS = { "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag" }

--- The month before the month of `date` ("2025-10-10" → "2025-09").
function common.previous_period(date)
  local year, month = tonumber(date:sub(1, 4)), tonumber(date:sub(6, 7))
  if month == 1 then return ("%04d-12"):format(year - 1) end
  return ("%04d-%02d"):format(year, month - 1)
end

--- The month after `period` ("2025-12" → "2026-01").
function common.next_period(period)
  local year, month = tonumber(period:sub(1, 4)), tonumber(period:sub(6, 7))
  if month == 12 then return ("%04d-01"):format(year + 1) end
  return ("%04d-%02d"):format(year, month + 1)
end

--- Day `day` of the month after `period`, as a date ("2025-09", 14 → "2025-10-14").
function common.day_after_period(period, day)
  return ("%s-%02d"):format(common.next_period(period), day)
end

--- "september 2025" for "2025-09".
function common.month_name(period)
  return MONTHS[tonumber(period:sub(6, 7))] .. " " .. period:sub(1, 4)
end

--- "tisdag 14 oktober" for "2025-10-14" (with the year when it is not `today`'s year).
function common.long_date(date, today)
  local text = ("%s %d %s"):format(WEEKDAYS[calendar.weekday(date)], tonumber(date:sub(9, 10)),
    MONTHS[tonumber(date:sub(6, 7))])
  if today and today:sub(1, 4) ~= date:sub(1, 4) then text = text .. " " .. date:sub(1, 4) end
  return text
end

--- When `date` is, seen from `today`: "i dag", "i morgon, onsdag 15 oktober", or the long date.
function common.when(date, today)
  local days = calendar.days_between(today, date)
  if days == 0 then return "i dag, " .. common.long_date(date, today) end
  if days == 1 then return "i morgon, " .. common.long_date(date, today) end
  return common.long_date(date, today)
end

--- "Hej Anna!" with the first word of a display name or a person's first name; "Hej!" for a
--- masked (protected) identity or no name.
function common.greeting(who)
  if not who or who.isMasked then return "Hej!" end
  local name = who.firstName or (who.displayName and who.displayName:match("^(%S+)"))
  if not name or name == "" then return "Hej!" end
  return "Hej " .. name .. "!"
end

--- "en rapport" / "3 rapporter": a count with the singular or plural noun.
function common.count(n, one, many)
  if n == 1 then return "en " .. one end
  return n .. " " .. many
end

--- Groups `items` by `key(item)`, keeping the order of first appearance: a list of
--- `{ key = KEY, items = { … } }`.
function common.group(items, key)
  local groups, index = {}, {}
  for _, item in ipairs(items) do
    local k = key(item)
    if k ~= nil then
      local group = index[k]
      if not group then
        group = { key = k, items = {} }
        index[k] = group
        groups[#groups + 1] = group
      end
      group.items[#group.items + 1] = item
    end
  end
  return groups
end

--- The staff of a provider (users with the role provider_staff and an assignment there),
--- looked up once per run and provider.
local staff_cache = setmetatable({}, { __mode = "k" })
function common.provider_staff(provider_id)
  local cache = staff_cache[users] or {}
  staff_cache[users] = cache
  if not cache[provider_id] then
    cache[provider_id] = users.list{ organisation = provider_id, role = "provider_staff" }
  end
  return cache[provider_id]
end

--- The reminders for provider staff about `due`, a list of {provider = id, deadline = date}:
--- one reminder per staff member of the provider and deadline, counting the items it covers
--- (the participants), linking to Mina sidor.
function common.to_provider_staff(due)
  local list = {}
  for _, group in ipairs(common.group(due, function(d) return d.provider .. "@" .. d.deadline end)) do
    local first = group.items[1]
    for _, staff in ipairs(common.provider_staff(first.provider)) do
      list[#list + 1] = { to = { user = staff.id }, deadline = first.deadline, link = "/mina-sidor", count = #group.items }
    end
  end
  return list
end

--- The handed-in statuses: a report in one of these is in (a draft or a withdrawn one is not).
common.HANDED_IN = { "submitted", "resubmitted", "returned", "approved" }

--- Nacka's customer-choice programmes ("arbete och etablering"), by code.
common.CUSTOMER_CHOICE = { "FAI1", "FAI2", "AMI1", "AMI2", "ISA1", "ISA2" }

--- The local date of an instant in UTC ("2025-10-03T22:30:00Z" → "2025-10-04"): Stockholm is
--- UTC+1, and UTC+2 from the last Sunday of March to the last Sunday of October.
function common.local_date(instant)
  local date, hour = instant:sub(1, 10), tonumber(instant:sub(12, 13)) or 0
  local month, day = tonumber(date:sub(6, 7)), tonumber(date:sub(9, 10))
  local summer = month > 3 and month < 10
  if month == 3 or month == 10 then
    local last_sunday = calendar.days_in_month(date:sub(1, 7))
    while calendar.weekday(date:sub(1, 8) .. ("%02d"):format(last_sunday)) ~= 7 do last_sunday = last_sunday - 1 end
    summer = (month == 3 and day >= last_sunday) or (month == 10 and day < last_sunday)
  end
  local offset = summer and 2 or 1
  if hour + offset >= 24 then return calendar.add_days(date, 1) end
  return date
end

return common
