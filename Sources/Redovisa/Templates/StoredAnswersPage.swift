import Foundation
import GRDB
import GRDBSQLite  // SQLite's C API, as GRDB itself links it: the rows' texts are read in place

/// A page of stored reports for a bulk check (``TemplateValidator``), read with SQLite's C API:
/// each row's texts are copied from SQLite into one byte buffer — no `String` per row, no
/// `Period` parsed and printed again — and the answers' JSON is then read onto the Lua stack
/// from those bytes (``StoredAnswersReader``).
///
/// What the check sees is what ``AppDatabase/storedAnswers(template:version:statuses:after:limit:as:)``
/// gives: the text up to a NUL byte, invalid UTF-8 replaced as `String` replaces it, the period
/// and event date as their canonical text or absent when they are not one.
///
/// ```swift
/// let page = try database.storedAnswersPage(template: "lss-kontaktperson", version: 1, as: admin)
/// page.bytes.withUnsafeBufferPointer { bytes in for row in page.rows { _ = bytes[row.answers] } }
/// ```
@_spi(Bulk) public struct StoredAnswersPage: Sendable {
    /// One report: its ids, and where its texts are in ``bytes``.
    public struct Row: Sendable {
        public var reportId: Int64
        public var personId: Int64
        public var enrolmentId: Int64?
        /// `YYYY-MM`, when the report has a period.
        public var period: Range<Int>?
        /// `YYYY-MM-DD`, when the report has an event date.
        public var eventDate: Range<Int>?
        /// The answers' JSON text.
        public var answers: Range<Int>
    }

    public var rows: [Row] = []
    /// The texts of every row, one after the other.
    public var bytes: [UInt8] = []

    /// The report id of the last row (where the next page starts).
    public var lastReportId: Int64? { rows.last?.reportId }
}

extension AppDatabase {
    /// Up to `limit` reports of template `id` version `version` with an id above `afterId`, in id
    /// order, as ``storedAnswers(template:version:statuses:after:limit:as:)`` reads them (the
    /// same rows, the same audit line per page), in one ``StoredAnswersPage``.
    /// - Throws: ``RedovisaError`` (`.accessDenied`) for an actor who does not see everyone;
    ///   (`.storage`) when the database cannot be read.
    @_spi(Bulk) public func storedAnswersPage(
        template id: String, version: Int, statuses: [ReportStatus] = [], after afterId: Int64 = 0, limit: Int = 1000,
        as actor: Actor
    ) throws(RedovisaError) -> StoredAnswersPage {
        try readStoredAnswers(template: id, version: version, statuses: statuses, after: afterId, limit: limit, as: actor) {
            db, sql, arguments in
            let statement = try db.cachedStatement(sql: sql)
            try statement.setArguments(arguments)
            var page = StoredAnswersPage()
            page.rows.reserveCapacity(limit)
            page.bytes.reserveCapacity(limit * 512)
            let handle = statement.sqliteStatement
            defer { sqlite3_reset(handle) }
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                        sql: sql)
                }
                page.rows.append(StoredAnswersPage.Row(
                    reportId: sqlite3_column_int64(handle, 0),
                    personId: sqlite3_column_int64(handle, 3),
                    enrolmentId: sqlite3_column_type(handle, 4) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 4),
                    period: Self.appendPeriod(handle, 1, to: &page.bytes),
                    eventDate: Self.appendDate(handle, 2, to: &page.bytes),
                    answers: Self.appendText(handle, 5, to: &page.bytes) ?? page.bytes.endIndex..<page.bytes.endIndex))
            }
            return (page, page.rows.map(\.reportId))
        }
    }

    /// The text of column `column` as `String(cString:)` reads it (up to a NUL byte), its bytes
    /// appended to `bytes`: as they are when they are UTF-8, else as `String` repairs them.
    /// Nil for NULL.
    private static func appendText(_ handle: OpaquePointer?, _ column: Int32, to bytes: inout [UInt8]) -> Range<Int>? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = strnlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), Int(sqlite3_column_bytes(handle, column)))
        let start = bytes.endIndex
        let source = UnsafeBufferPointer(start: text, count: count)
        if isUTF8(source) {
            bytes.append(contentsOf: source)
        } else {
            bytes.append(contentsOf: String(decoding: source, as: UTF8.self).utf8)
        }
        return start..<bytes.endIndex
    }

    /// A period column: its bytes when they are a canonical period (`YYYY-MM`, what
    /// `Period.description` writes), else the canonical text of what `Period(_:)` reads, or nil.
    private static func appendPeriod(_ handle: OpaquePointer?, _ column: Int32, to bytes: inout [UInt8]) -> Range<Int>? {
        guard let range = appendText(handle, column, to: &bytes) else { return nil }
        let canonical = bytes.withUnsafeBufferPointer { all in
            let b = UnsafeBufferPointer(rebasing: all[range])
            guard b.count == 7, b[4] == UInt8(ascii: "-") else { return false }
            var year = 0, month = 0
            for i in [0, 1, 2, 3] { guard (48...57).contains(b[i]) else { return false }; year = year * 10 + Int(b[i]) - 48 }
            for i in [5, 6] { guard (48...57).contains(b[i]) else { return false }; month = month * 10 + Int(b[i]) - 48 }
            return year >= 1 && (1...12).contains(month)
        }
        if canonical { return range }
        let text = String(decoding: bytes[range], as: UTF8.self)
        bytes.removeSubrange(range)
        guard let period = Period(text) else { return nil }
        bytes.append(contentsOf: period.description.utf8)
        return range.lowerBound..<bytes.endIndex
    }

    /// An event-date column: the canonical text of what `LocalDate(_:)` reads, or nil.
    private static func appendDate(_ handle: OpaquePointer?, _ column: Int32, to bytes: inout [UInt8]) -> Range<Int>? {
        guard let range = appendText(handle, column, to: &bytes) else { return nil }
        let text = String(decoding: bytes[range], as: UTF8.self)
        bytes.removeSubrange(range)
        guard let date = LocalDate(text) else { return nil }
        bytes.append(contentsOf: date.description.utf8)
        return range.lowerBound..<bytes.endIndex
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, no surrogates, nothing past
    /// U+10FFFF): what `String(decoding:as:)` keeps as it is.
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c < 0x80 { i += 1; continue }
            func continuation(_ k: Int) -> Bool { i + k < n && bytes[i + k] & 0xC0 == 0x80 }
            switch c {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard continuation(1), continuation(2) else { return false }
                let c1 = bytes[i + 1]
                if (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) { return false }
                i += 3
            case 0xF0...0xF4:
                guard continuation(1), continuation(2), continuation(3) else { return false }
                let c1 = bytes[i + 1]
                if (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90) { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }
}
