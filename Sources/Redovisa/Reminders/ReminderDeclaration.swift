import LuaHost

/// A mistake in a reminder script's declaration, its targets or its message, with the path of
/// the value (`schedule.day_of_month`, `targets[3].link`). Shown to the script's author as
/// `scripts/reminders/x.lua: schedule.day_of_month: 1 to 31 expected, got 32`.
public struct ReminderDeclarationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// What a reminder script returns: its id, schedule, channels and the two functions the host
/// calls, `targets(ctx)` and `message(reminder, ctx)` (docs/scripting.md, "Reminders").
///
/// ```swift
/// let results = try run.execute(file: "scripts/reminders/lss-kontaktperson.lua")
/// let rule = try ReminderRule(lua: results.first ?? .nil, defaultId: "lss-kontaktperson")
/// ```
public struct ReminderRule: Sendable {
    /// The rule's name in the ledger and the outbox (`lss-kontaktperson`).
    public var id: String
    public var description: String?
    public var schedule: ReminderSchedule
    /// The channels the rule may use; `in_app` is always among them.
    public var channels: [DeliveryChannel]
    public var targets: LuaFunctionRef
    public var message: LuaFunctionRef

    static let keys = ["id", "description", "schedule", "channels", "targets", "message"]

    /// Reads a declaration.
    /// - Throws: ``ReminderDeclarationError`` naming the field that is wrong.
    public init(lua value: LuaValue, defaultId: String) throws(ReminderDeclarationError) {
        let table = try ReminderFields.table(value, "", allowed: Self.keys, what: "the script must return a table (the rule's declaration)")
        let id = try ReminderFields.string(table, "id", in: "") ?? defaultId
        guard Self.isValidId(id) else {
            throw ReminderDeclarationError("id", "lower-case letters, digits and '-' expected (at most 64), got \(LuaValue.string(id).luaLiteral)")
        }
        self.id = id
        description = try ReminderFields.string(table, "description", in: "")
        guard case .table = table["schedule"] else { throw ReminderDeclarationError("schedule", "table expected, got \(table["schedule"].typeName)") }
        schedule = try ReminderSchedule(lua: table["schedule"])
        channels = try Self.channels(table["channels"])
        targets = try Self.function(table, "targets")
        message = try Self.function(table, "message")
    }

    /// Whether `id` is a rule id: lower-case ASCII letters, digits and `-`, 1 to 64.
    static func isValidId(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && !id.hasPrefix("-") && ASCIIText.only(id, extra: "-", upperCase: false)
    }

    private static func function(_ table: LuaTable, _ key: String) throws(ReminderDeclarationError) -> LuaFunctionRef {
        guard case .function(let function) = table[key] else {
            throw ReminderDeclarationError(key, "function expected, got \(table[key].typeName)")
        }
        return function
    }

    private static func channels(_ value: LuaValue) throws(ReminderDeclarationError) -> [DeliveryChannel] {
        let names = DeliveryChannel.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .table(let list) = value, list.hash.isEmpty, !list.array.isEmpty else {
            throw ReminderDeclarationError("channels", "a list of channels expected (\(names)), got \(value.typeName)")
        }
        var channels: [DeliveryChannel] = [.inApp]
        for (index, item) in list.array.enumerated() {
            guard let name = item.stringValue, let channel = DeliveryChannel(rawValue: name) else {
                throw ReminderDeclarationError("channels[\(index + 1)]", "one of \(names) expected, got \(item.luaLiteral)")
            }
            if !channels.contains(channel) { channels.append(channel) }
        }
        return channels
    }
}

extension ReminderSchedule {
    static let whenKeys = [
        "every_day", "every_working_day", "daily_at", "day_of_month", "working_day_of_month", "days_before",
        "working_days_before", "days_after", "working_days_after",
    ]
    static let keys = whenKeys + ["at", "if_not_working_day", "catch_up_days"]

    /// Reads a schedule table, `{ day_of_month = { 10, 13 }, if_not_working_day = "previous" }`.
    /// - Throws: ``ReminderDeclarationError`` naming the field (`schedule.at`).
    public init(lua value: LuaValue) throws(ReminderDeclarationError) {
        let table = try ReminderFields.table(value, "schedule", allowed: Self.keys, what: "table expected")
        let given = Self.whenKeys.filter { table[$0] != .nil }
        guard given.count == 1, let key = given.first else {
            let list = Self.whenKeys.joined(separator: ", ")
            throw ReminderDeclarationError(
                "schedule", given.isEmpty ? "say when: one of \(list)" : "only one of \(given.joined(separator: ", ")) may be given")
        }
        let path = "schedule.\(key)"
        var minute = 8 * 60
        if let at = try ReminderFields.string(table, "at", in: "schedule") {
            guard let parsed = Self.minute(of: at) else { throw ReminderDeclarationError("schedule.at", "\"HH:MM\" expected, got \(LuaValue.string(at).luaLiteral)") }
            minute = parsed
        }
        let when: When
        switch key {
        case "every_day", "every_working_day":
            guard table[key] == .boolean(true) else { throw ReminderDeclarationError(path, "true expected, got \(table[key].luaLiteral)") }
            when = key == "every_day" ? .everyDay : .everyWorkingDay
        case "daily_at":
            guard table["at"] == .nil else { throw ReminderDeclarationError("schedule.at", "daily_at already gives the time") }
            guard let text = table[key].stringValue, let parsed = Self.minute(of: text) else {
                throw ReminderDeclarationError(path, "\"HH:MM\" expected, got \(table[key].luaLiteral)")
            }
            minute = parsed
            when = .everyDay
        case "day_of_month":
            let days = try ReminderFields.integers(table[key], path, in: 1...31)
            var shift: Shift?
            if let text = try ReminderFields.string(table, "if_not_working_day", in: "schedule") {
                guard let parsed = Shift(rawValue: text) else {
                    throw ReminderDeclarationError("schedule.if_not_working_day", "\"previous\", \"next\" or \"skip\" expected, got \(LuaValue.string(text).luaLiteral)")
                }
                shift = parsed
            }
            when = .dayOfMonth(days, shift: shift)
        case "working_day_of_month":
            let numbers = try ReminderFields.integers(table[key], path, in: -23...23)
            guard !numbers.contains(0) else { throw ReminderDeclarationError(path, "1 to 23, or -1 to -23 from the end, expected, got 0") }
            when = .workingDayOfMonth(numbers)
        default:
            guard let count = table[key].integerValue, (0...366).contains(count) else {
                throw ReminderDeclarationError(path, "a number of days, 0 to 366, expected, got \(table[key].luaLiteral)")
            }
            let working = key.hasPrefix("working")
            when = key.hasSuffix("before") ? .before(count: Int(count), working: working) : .after(count: Int(count), working: working)
        }
        if table["if_not_working_day"] != .nil, !key.hasPrefix("day_of_month") {
            throw ReminderDeclarationError("schedule.if_not_working_day", "only with day_of_month")
        }
        var catchUp = 3
        if table["catch_up_days"] != .nil {
            guard let days = table["catch_up_days"].integerValue, (0...31).contains(days) else {
                throw ReminderDeclarationError("schedule.catch_up_days", "0 to 31 expected, got \(table["catch_up_days"].luaLiteral)")
            }
            catchUp = Int(days)
        }
        self.init(when: when, minuteOfDay: minute, catchUpDays: catchUp)
    }
}

/// Reading the fields of declaration tables, with errors that name the path.
enum ReminderFields {
    /// `value` as a table of named fields among `allowed`.
    static func table(_ value: LuaValue, _ path: String, allowed: [String], what: String) throws(ReminderDeclarationError) -> LuaTable {
        guard case .table(let table) = value, table.array.isEmpty else {
            throw ReminderDeclarationError(path, value.tableValue != nil ? "named fields expected, got a list" : "\(what), got \(value.typeName)")
        }
        let unknown = table.hash.keys.map { $0.stringValue ?? $0.luaLiteral }.filter { !allowed.contains($0) }.sorted()
        if let first = unknown.first {
            throw ReminderDeclarationError(path, "unknown field '\(first)' (expected \(allowed.joined(separator: ", ")))")
        }
        return table
    }

    /// Field `key` as a string, or nil when absent.
    static func string(_ table: LuaTable, _ key: String, in path: String) throws(ReminderDeclarationError) -> String? {
        switch table[key] {
        case .nil: return nil
        case .string(let text): return text
        case let other: throw ReminderDeclarationError(path.isEmpty ? key : "\(path).\(key)", "string expected, got \(other.typeName)")
        }
    }

    /// An integer or a non-empty list of integers, each in `range`.
    static func integers(_ value: LuaValue, _ path: String, in range: ClosedRange<Int64>) throws(ReminderDeclarationError) -> [Int] {
        let items: [LuaValue]
        if case .table(let list) = value, list.hash.isEmpty, !list.array.isEmpty { items = list.array } else { items = [value] }
        var numbers: [Int] = []
        for item in items {
            guard let number = item.integerValue, range.contains(number) else {
                throw ReminderDeclarationError(path, "\(range.lowerBound) to \(range.upperBound), or a list of them, expected, got \(item.luaLiteral)")
            }
            numbers.append(Int(number))
        }
        return numbers
    }
}
