import Foundation

/// One row of a CSV file: its fields, and the line of the file it starts on.
public struct CSVRow: Sendable, Hashable {
    /// The line the row starts on (1 = the first line of the file). A quoted field with line
    /// breaks makes a row span several lines; the rows after it keep counting the file's lines.
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// Whether every field is empty (a blank line, or a line of separators only).
    public var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// A CSV file as read: the separator found in its header, the header, the rows after it, and
/// the rows whose quoting was wrong (still read, so that the rest of each row can be checked).
public struct CSVTable: Sendable, Equatable {
    /// `;` or `,`.
    public var separator: Character
    public var header: CSVRow
    /// The rows after the header, blank ones left out.
    public var rows: [CSVRow]
    /// Quoting mistakes that did not stop the reading, one per row at most.
    public var problems: [RedovisaError]
}

/// Reads CSV text as RFC 4180 describes it, as spreadsheets write it.
///
/// - UTF-8, with or without a byte order mark; any other encoding is refused, naming the first
///   line that is not UTF-8.
/// - The first line is the header. The separator is `;` or `,`, whichever the header has more
///   of outside quotes (`;` when it has neither: Swedish spreadsheets write `;`).
/// - A field may be quoted: `"Nacka; norr"`, `"Så kallad ""Rusta"""`, with line breaks inside.
///   Lines end with LF or CRLF. Blank lines are skipped.
///
/// ```swift
/// let table = try CSVReader.read(Data("kod;namn\nnacka;Nacka kommun\n".utf8))
/// table.rows[0].fields   // ["nacka", "Nacka kommun"], line 2
/// ```
public enum CSVReader {
    /// Reads `data`.
    /// - Throws: ``ImportFailure`` when the file is empty, is not UTF-8, or has a quote that is
    ///   never closed (which swallows the rest of the file).
    public static func read(_ data: Data) throws(ImportFailure) -> CSVTable {
        let bytes = [UInt8](data)
        return try bytes.withUnsafeBufferPointer { buffer throws(ImportFailure) in
            var start = 0
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            if let bad = firstInvalidUTF8(buffer, from: start) {
                let line = 1 + buffer[0..<bad].reduce(0) { $0 + ($1 == lineFeed ? 1 : 0) }
                throw ImportFailure(RedovisaError(
                    .invalidInput, "filen är inte UTF-8-text (spara den som CSV UTF-8)", line: line))
            }
            var parser = Parser(buffer: buffer, position: start, separator: separator(buffer, from: start))
            var rows: [CSVRow] = []
            while let row = try parser.nextRow() {
                if !row.isBlank { rows.append(row) }
            }
            guard !rows.isEmpty else {
                throw ImportFailure(RedovisaError(.invalidInput, "filen är tom: den ska börja med en rubrikrad"))
            }
            let header = rows.removeFirst()
            return CSVTable(
                separator: Character(UnicodeScalar(parser.separator)), header: header, rows: rows,
                problems: parser.problems)
        }
    }

    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let quote = UInt8(ascii: "\"")
    private static let semicolon = UInt8(ascii: ";")
    private static let comma = UInt8(ascii: ",")

    /// `;` or `,`, whichever the first line has more of outside quotes.
    private static func separator(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var semicolons = 0, commas = 0, quoted = false
        var i = start
        while i < buffer.count {
            let byte = buffer[i]
            if byte == quote { quoted.toggle() }
            else if !quoted {
                if byte == lineFeed || byte == carriageReturn { break }
                if byte == semicolon { semicolons += 1 } else if byte == comma { commas += 1 }
            }
            i += 1
        }
        return commas > semicolons ? comma : semicolon
    }

    /// The offset of the first byte that does not belong to well-formed UTF-8 (no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or nil.
    static func firstInvalidUTF8(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var i = start
        let n = buffer.count
        while i < n {
            let b0 = buffer[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let b1 = buffer[i + 1]
            guard b1 >= low, b1 <= high else { return i }
            if length > 2 {
                for k in 2..<length where buffer[i + k] & 0xC0 != 0x80 { return i }
            }
            i += length
        }
        return nil
    }

    /// Splits the bytes into rows. Separators, quotes and line breaks are ASCII, which never
    /// occurs inside a multi-byte UTF-8 sequence, so splitting bytes splits characters cleanly.
    private struct Parser {
        let buffer: UnsafeBufferPointer<UInt8>
        var position: Int
        let separator: UInt8
        var line = 1
        var problems: [RedovisaError] = []
        private var field: [UInt8] = []

        init(buffer: UnsafeBufferPointer<UInt8>, position: Int, separator: UInt8) {
            self.buffer = buffer
            self.position = position
            self.separator = separator
            field.reserveCapacity(256)
        }

        /// The next row, or nil at the end of the file.
        mutating func nextRow() throws(ImportFailure) -> CSVRow? {
            guard position < buffer.count else { return nil }
            let rowLine = line
            var fields: [String] = []
            var flagged = false
            while true {
                field.removeAll(keepingCapacity: true)
                var endOfRow = false
                if position < buffer.count, buffer[position] == CSVReader.quote {
                    let fieldLine = line
                    position += 1
                    var closed = false
                    while position < buffer.count {
                        let byte = buffer[position]
                        if byte == CSVReader.quote {
                            if position + 1 < buffer.count, buffer[position + 1] == CSVReader.quote {
                                field.append(CSVReader.quote)
                                position += 2
                                continue
                            }
                            position += 1
                            closed = true
                            break
                        }
                        if byte == CSVReader.lineFeed { line += 1 }
                        field.append(byte)
                        position += 1
                    }
                    guard closed else {
                        throw ImportFailure(RedovisaError(
                            .invalidInput, "ett citattecken (\") som börjar ett fält avslutas aldrig", line: fieldLine))
                    }
                    // Anything between the closing quote and the separator is kept, but flagged.
                    while position < buffer.count, !isEnd(buffer[position]) {
                        if !flagged {
                            problems.append(RedovisaError(
                                .invalidInput,
                                "text efter ett avslutande citattecken (skriv \"\" för ett citattecken inuti ett fält)",
                                line: rowLine))
                            flagged = true
                        }
                        field.append(buffer[position])
                        position += 1
                    }
                } else {
                    while position < buffer.count, !isEnd(buffer[position]) {
                        field.append(buffer[position])
                        position += 1
                    }
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if position >= buffer.count {
                    endOfRow = true
                } else if buffer[position] == separator {
                    position += 1
                    if position >= buffer.count {
                        fields.append("")
                        endOfRow = true
                    }
                } else {
                    // CR, LF or CRLF ends the row.
                    if buffer[position] == CSVReader.carriageReturn { position += 1 }
                    if position < buffer.count, buffer[position] == CSVReader.lineFeed { position += 1 }
                    line += 1
                    endOfRow = true
                }
                if endOfRow { return CSVRow(line: rowLine, fields: fields) }
            }
        }

        private func isEnd(_ byte: UInt8) -> Bool {
            byte == separator || byte == CSVReader.lineFeed || byte == CSVReader.carriageReturn
        }
    }
}
