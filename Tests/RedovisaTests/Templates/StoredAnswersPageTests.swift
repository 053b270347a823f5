import Foundation
import GRDB
@_spi(Bulk) @testable import Redovisa
import Testing

/// The bulk check's page reader (SQLite's C API, the texts in one byte buffer) reads what the
/// row reader reads, also from rows changed behind the application's back.
struct StoredAnswersPageTests {
    @Test func thePageReaderReadsWhatTheRowReaderReads() throws {
        // Given stored LSS reports with Swedish text, an event-less period each
        let world = try World()
        try world.publish("lss-kontaktperson")
        var ids: [Int64] = []
        for month in 1...6 {
            let report = try world.database.createDraft(
                .init(templateId: "lss-kontaktperson", templateVersion: 1, period: Period(year: 2025, month: month)!,
                      personId: world.anna.id!, enrolmentId: world.annaEnrolment.id,
                      answers: .object(["fortydligande": .string("Träffar på torsdagar – \u{1F600}"), "ar": .integer(2025)])),
                as: world.contactPerson)
            ids.append(report.id!)
        }
        // And rows changed outside the application: answers that are not UTF-8, a NUL byte in
        // the text, a period that is not canonical but readable
        try world.database.write { db in
            try db.execute(sql: "UPDATE report SET answers = CAST(X'7B2261223A2241FF42C3227D' AS TEXT) WHERE id = ?", arguments: [ids[1]])
            try db.execute(sql: "UPDATE report SET answers = CAST(X'7B7D007B' AS TEXT) WHERE id = ?", arguments: [ids[2]])
            try db.execute(sql: "UPDATE report SET period = '+202-05' WHERE id = ?", arguments: [ids[3]])
        }

        // When both readers read the reports, in pages of four
        let rows = try world.database.storedAnswers(template: "lss-kontaktperson", version: 1, limit: 10, as: world.administrator)
        let first = try world.database.storedAnswersPage(template: "lss-kontaktperson", version: 1, limit: 4, as: world.administrator)
        let second = try world.database.storedAnswersPage(
            template: "lss-kontaktperson", version: 1, after: first.lastReportId!, limit: 4, as: world.administrator)

        // Then every row has the same ids and the same texts
        let pages = [first, second]
        let read = pages.flatMap { page in page.rows.map { (page, $0) } }
        #expect(read.map(\.1.reportId) == rows.map(\.reportId))
        #expect(first.rows.count == 4 && second.rows.count == 2)
        for ((page, row), stored) in zip(read, rows) {
            func string(_ range: Range<Int>?) -> String? { range.map { String(decoding: page.bytes[$0], as: UTF8.self) } }
            #expect(string(row.answers) == stored.answersJSON, "report \(row.reportId)")
            #expect(string(row.period) == stored.period?.description, "report \(row.reportId)")
            #expect(string(row.eventDate) == stored.eventDate?.description)
            #expect(row.personId == stored.personId && row.enrolmentId == stored.enrolmentId)
        }
        // And the changed rows read as the row reader repairs them
        #expect(text(read[1], \.answers) == "{\"a\":\"A\u{FFFD}B\u{FFFD}\"}")
        #expect(text(read[2], \.answers) == "{}")
        #expect(text(read[3], \.period) == "0202-05")

        // And a period that is no period (the row reader stops the process there) is read as none
        try world.database.write { db in
            try db.execute(sql: "UPDATE report SET period = '2025-13' WHERE id = ?", arguments: [ids[4]])
        }
        let again = try world.database.storedAnswersPage(template: "lss-kontaktperson", version: 1, as: world.administrator)
        #expect(again.rows[4].period == nil && again.rows[3].period != nil)
    }

    private func text(_ item: (StoredAnswersPage, StoredAnswersPage.Row), _ range: KeyPath<StoredAnswersPage.Row, Range<Int>>) -> String {
        String(decoding: item.0.bytes[item.1[keyPath: range]], as: UTF8.self)
    }

    private func text(_ item: (StoredAnswersPage, StoredAnswersPage.Row), _ range: KeyPath<StoredAnswersPage.Row, Range<Int>?>) -> String? {
        item.1[keyPath: range].map { String(decoding: item.0.bytes[$0], as: UTF8.self) }
    }

    @Test func utf8IsCheckedAsStringRepairsIt() {
        // Given well-formed and ill-formed byte sequences
        let good: [[UInt8]] = [Array("Åsa – 😀".utf8), [], [0x7F], [0xEF, 0xBF, 0xBD], [0xF4, 0x8F, 0xBF, 0xBF]]
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xE2, 0x82]]
        // Then the check keeps what String keeps as it is, and only that
        for bytes in good + bad {
            let kept = bytes.withUnsafeBufferPointer { AppDatabase.isUTF8($0) }
            #expect(kept == (Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes), "\(bytes)")
        }
    }
}
