import Foundation
import LuaHost

/// Who a reminder goes to: a user (in-app, and their person's e-mail or SMS) or a person
/// without a login (e-mail or SMS only). Written `user:12` or `person:34` in the ledger, the
/// outbox listing and logs — never a name.
public enum ReminderRecipient: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    case user(Int64)
    case person(Int64)

    public var description: String {
        switch self {
        case .user(let id): "user:\(id)"
        case .person(let id): "person:\(id)"
        }
    }

    public static func < (a: ReminderRecipient, b: ReminderRecipient) -> Bool { a.description < b.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: ":")
        guard parts.count == 2, let id = Int64(parts[1]) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "user:ID or person:ID expected"))
        }
        self = parts[0] == "user" ? .user(id) : .person(id)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A reminder that a rule's `targets` gave and that is due now, before its message is made.
public struct SelectedReminder: Sendable {
    public var recipient: ReminderRecipient
    public var period: String
    public var step: String
    public var deadline: LocalDate?
    public var link: String
    /// The table the script gave, with `step`, `period` and `recipient` filled in: what the
    /// rule's `message(reminder, ctx)` gets.
    public var table: LuaValue
}

/// A reminder ready to go: who, the ledger key, the link and the text. Channels are the rule's;
/// the runner narrows them to each person's choice.
public struct ComposedReminder: Sendable, Hashable, Codable {
    public var rule: String
    public var step: String
    public var period: String
    public var recipient: ReminderRecipient
    public var link: String
    public var deadline: LocalDate?
    public var subject: String
    public var body: String
    /// The text of an SMS (the body when the script gives none).
    public var sms: String
    public var channels: [DeliveryChannel]
}

/// The host's steps between the script's two functions: choosing the due reminders from what
/// `targets` returned, and checking what `message` returned. The runner and the Lua `reminders`
/// module (for tests) share them.
enum ReminderSelection {
    static let periodPattern = "letters, digits and - _ : . @ /"

    /// The due reminders among `list` (what `targets(ctx)` returned).
    /// - Throws: ``ReminderDeclarationError`` for a malformed reminder (`targets[2].link: …`) or
    ///   two reminders with the same recipient and period.
    static func select(
        _ list: LuaValue, rule: ReminderRule, occasion: ReminderOccasion, today: LocalDate, minute: Int,
        calendar: WorkingDayCalendar
    ) throws(ReminderDeclarationError) -> [SelectedReminder] {
        let items: [LuaValue]
        switch list {
        case .nil: items = []
        case .table(let table) where table.hash.isEmpty: items = table.array
        default: throw ReminderDeclarationError("targets", "must return a list of reminders, got \(list.typeName)")
        }
        var selected: [SelectedReminder] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let path = "targets[\(index + 1)]"
            guard case .table(var table) = item, table.array.isEmpty else {
                throw ReminderDeclarationError(path, "a reminder table expected, got \(item.typeName)")
            }
            let recipient = try recipient(table["to"], "\(path).to")
            let deadline = try date(table, "deadline", path)
            let since = try date(table, "since", path)
            var anchor: LocalDate?
            if let field = rule.schedule.anchorField {
                anchor = field == "deadline" ? deadline : since
                guard anchor != nil else {
                    throw ReminderDeclarationError("\(path).\(field)", "required by schedule \(occasion.step) (\"YYYY-MM-DD\")")
                }
            }
            guard let link = table["link"].stringValue else {
                throw ReminderDeclarationError("\(path).link", "a path such as \"/rapporter/123\" expected, got \(table["link"].typeName)")
            }
            if let problem = linkProblem(link) { throw ReminderDeclarationError("\(path).link", problem) }
            let period: String
            switch table["period"] {
            case .nil: period = anchor?.description ?? occasion.date.period.description
            case .string(let text) where isValidPeriod(text): period = text
            case let other:
                throw ReminderDeclarationError("\(path).period", "1 to 64 \(periodPattern) expected, got \(other.luaLiteral)")
            }
            if let anchor {
                let due: Bool
                do {
                    due = try rule.schedule.isDue(anchor: anchor, today: today, minute: minute, calendar: calendar)
                } catch {
                    throw ReminderDeclarationError("\(path).\(rule.schedule.anchorField ?? "")", error.message)
                }
                if !due { continue }
            }
            guard seen.insert("\(recipient) \(period)").inserted else {
                throw ReminderDeclarationError(
                    path, "a second reminder to \(recipient) for period \(period): give each recipient one reminder per period (group them)")
            }
            table["step"] = .string(occasion.step)
            table["period"] = .string(period)
            table["recipient"] = .string(recipient.description)
            selected.append(SelectedReminder(
                recipient: recipient, period: period, step: occasion.step, deadline: deadline, link: link, table: .table(table)))
        }
        return selected
    }

    /// The reminder with the text `message(reminder, ctx)` returned.
    /// - Throws: ``ReminderDeclarationError`` for a missing or malformed subject, body or SMS text.
    static func compose(_ message: LuaValue, for reminder: SelectedReminder, rule: ReminderRule) throws(ReminderDeclarationError) -> ComposedReminder {
        let table = try ReminderFields.table(message, "message", allowed: ["subject", "body", "sms"], what: "must return { subject = …, body = … }")
        func text(_ key: String, max: Int, required: Bool) throws(ReminderDeclarationError) -> String? {
            guard let value = try ReminderFields.string(table, key, in: "message") else {
                if required { throw ReminderDeclarationError("message.\(key)", "required (a string)") }
                return nil
            }
            let trimmed = trimmed(value)
            guard !trimmed.isEmpty else { throw ReminderDeclarationError("message.\(key)", "must not be empty") }
            // At most as many characters as UTF-8 bytes: count them only when it could matter.
            guard trimmed.utf8.count <= max || trimmed.count <= max else {
                throw ReminderDeclarationError("message.\(key)", "at most \(max) characters, got \(trimmed.count)")
            }
            return trimmed
        }
        let subject = try text("subject", max: 200, required: true)!
        guard !subject.contains("\n"), !subject.contains("\r") else { throw ReminderDeclarationError("message.subject", "one line expected") }
        let body = try text("body", max: 5000, required: true)!
        let sms = try text("sms", max: 640, required: false) ?? body
        return ComposedReminder(
            rule: rule.id, step: reminder.step, period: reminder.period, recipient: reminder.recipient, link: reminder.link,
            deadline: reminder.deadline, subject: subject, body: body, sms: sms, channels: rule.channels)
    }

    /// `text` without white space and newlines at either end; itself, without a copy, when it
    /// has none there (as almost every message has).
    static func trimmed(_ text: String) -> String {
        let space = CharacterSet.whitespacesAndNewlines
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            !space.contains(first) && !space.contains(last)
        else { return text.trimmingCharacters(in: space) }
        return text
    }

    /// Why `link` may not be a reminder's link, or nil when it may: a path of lower-case ASCII
    /// letters, digits, `-`, `_` and `/`, without a run of ten digits or more (which could be a
    /// personnummer) — personal data never goes into a URL.
    static func linkProblem(_ link: String) -> String? {
        guard link.hasPrefix("/"), link.utf8.count <= 200, ASCIIText.only(link, extra: "-_/", upperCase: false) else {
            return "a path of a-z, 0-9, '-', '_' and '/' starting with '/' expected, got \(LuaValue.string(link).luaLiteral)"
        }
        var run = 0
        for byte in link.utf8 {
            run = ASCIIText.isDigit(byte) ? run + 1 : 0
            if run >= 10 { return "ten digits or more in a row could be a personnummer: a link never holds personal data" }
        }
        return nil
    }

    private static func isValidPeriod(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64 && ASCIIText.only(text, extra: "-_:.@/", upperCase: true)
    }

    private static func recipient(_ value: LuaValue, _ path: String) throws(ReminderDeclarationError) -> ReminderRecipient {
        let table = try ReminderFields.table(value, path, allowed: ["user", "person"], what: "{ user = ID } or { person = ID } expected")
        switch (table["user"], table["person"]) {
        case (let user, .nil) where user.integerValue != nil: return .user(user.integerValue!)
        case (.nil, let person) where person.integerValue != nil: return .person(person.integerValue!)
        default: throw ReminderDeclarationError(path, "{ user = ID } or { person = ID } expected (one of them, an integer)")
        }
    }

    private static func date(_ table: LuaTable, _ key: String, _ path: String) throws(ReminderDeclarationError) -> LocalDate? {
        switch table[key] {
        case .nil: return nil
        case .string(let text):
            guard let date = LocalDate(text) else { throw ReminderDeclarationError("\(path).\(key)", "\"YYYY-MM-DD\" expected, got \(LuaValue.string(text).luaLiteral)") }
            return date
        case let other: throw ReminderDeclarationError("\(path).\(key)", "\"YYYY-MM-DD\" expected, got \(other.typeName)")
        }
    }
}

/// Checks of ASCII text without the type checker's help on long `||` chains.
enum ASCIIText {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 122 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }

    /// Whether `text` is only digits, lower-case letters (and upper-case ones when allowed) and
    /// the bytes of `extra`.
    static func only(_ text: String, extra: String, upperCase: Bool) -> Bool {
        let others = Set(extra.utf8)
        for byte in text.utf8 {
            if isDigit(byte) || isLower(byte) || others.contains(byte) { continue }
            if upperCase && isUpper(byte) { continue }
            return false
        }
        return true
    }
}
