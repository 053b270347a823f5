import Foundation
import Redovisa
import Testing

/// CSV files as spreadsheets and people write them: separators, quotes, line ends, encodings.
struct CSVReaderTests {
    private func read(_ text: String) throws -> CSVTable { try CSVReader.read(Data(text.utf8)) }

    private func failure(_ data: Data) -> [String] {
        do {
            _ = try CSVReader.read(data)
            return []
        } catch {
            return error.lines
        }
    }

    @Test func theHeaderIsTheFirstLineAndRowsKeepTheirLineNumbers() throws {
        // Given a semicolon file with a blank line in it and no line break at the end
        let table = try read("kod;namn\nnacka;Nacka kommun\n\naf;Arbetsförmedlingen")
        // Then the header is line 1 and the blank line is skipped but counted
        #expect(table.separator == ";")
        #expect(table.header == CSVRow(line: 1, fields: ["kod", "namn"]))
        #expect(table.rows == [
            CSVRow(line: 2, fields: ["nacka", "Nacka kommun"]),
            CSVRow(line: 4, fields: ["af", "Arbetsförmedlingen"]),
        ])
        #expect(table.problems.isEmpty)
    }

    @Test func theSeparatorIsFoundInTheHeader() throws {
        // A comma file, where the data has semicolons inside quotes
        let comma = try read("kod,namn,typ\nnacka,\"Nacka; kommunen\",kommun\n")
        #expect(comma.separator == ",")
        #expect(comma.rows[0].fields == ["nacka", "Nacka; kommunen", "kommun"])
        // A semicolon file, where the data has commas
        let semicolon = try read("kod;namn\nsund;Sund, d.y.\n")
        #expect(semicolon.separator == ";")
        #expect(semicolon.rows[0].fields == ["sund", "Sund, d.y."])
        // A single column: no separator at all
        #expect(try read("kod\nnacka\n").rows[0].fields == ["nacka"])
    }

    @Test func quotedFieldsHoldSeparatorsQuotesAndLineBreaks() throws {
        // Given quoted fields with "" for a quote, a separator and a line break inside
        let table = try read(#"""
            namn;kommentar;antal
            "Så kallad ""Rusta""";"rad ett
            rad två";3
            "";"a;b";""
            sist;x;1
            """#)
        // Then the values are unquoted, and the row after the two-line field starts on line 4
        #expect(table.rows == [
            CSVRow(line: 2, fields: ["Så kallad \"Rusta\"", "rad ett\nrad två", "3"]),
            CSVRow(line: 4, fields: ["", "a;b", ""]),
            CSVRow(line: 5, fields: ["sist", "x", "1"]),
        ])
    }

    @Test func crlfLineEndsAndAByteOrderMarkAreHandled() throws {
        // Given what Excel's "CSV UTF-8" writes: a BOM and CRLF, with a quoted CRLF inside a field
        let bytes = Data([0xEF, 0xBB, 0xBF]) + Data("kod;namn\r\nnacka;\"Nacka\r\nkommun\"\r\naf;AF\r\n".utf8)
        let table = try CSVReader.read(bytes)
        // Then the first column is named without the BOM, and no value ends with a CR
        #expect(table.header.fields == ["kod", "namn"])
        #expect(table.rows == [
            CSVRow(line: 2, fields: ["nacka", "Nacka\r\nkommun"]),
            CSVRow(line: 4, fields: ["af", "AF"]),
        ])
    }

    @Test func emptyTrailingFieldsAndLinesOfSeparatorsOnly() throws {
        let table = try read("a;b;c\n1;;\n;;\n2;3;\n")
        // A line of separators only is blank; empty trailing fields are kept
        #expect(table.rows == [CSVRow(line: 2, fields: ["1", "", ""]), CSVRow(line: 4, fields: ["2", "3", ""])])
    }

    @Test func aFileThatIsNotUTF8IsRefusedNamingTheLine() {
        // Given "Kåre" saved as Latin-1 on line 3: å is the single byte 0xE5
        let latin1 = Data("personnummer;fornamn\n199001012385;Anna\n199001012393;K".utf8) + Data([0xE5]) + Data("re\n".utf8)
        // Then the file is refused, naming line 3
        #expect(failure(latin1) == ["rad 3: filen är inte UTF-8-text (spara den som CSV UTF-8)"])
        // And UTF-16 (Excel's "Unicode text") is refused on line 1
        #expect(failure(Data([0xFF, 0xFE, 0x6B, 0x00])) == ["rad 1: filen är inte UTF-8-text (spara den som CSV UTF-8)"])
        // And so are an encoded surrogate and an overlong slash, which are not UTF-8 either
        #expect(failure(Data("a\nb".utf8) + Data([0xED, 0xA0, 0x80])) == ["rad 2: filen är inte UTF-8-text (spara den som CSV UTF-8)"])
        #expect(failure(Data([0xC0, 0xAF])) == ["rad 1: filen är inte UTF-8-text (spara den som CSV UTF-8)"])
    }

    @Test func anEmptyFileIsAClearError() {
        let expected = ["filen är tom: den ska börja med en rubrikrad"]
        #expect(failure(Data()) == expected)
        #expect(failure(Data([0xEF, 0xBB, 0xBF])) == expected)
        #expect(failure(Data("\n\r\n;;\n".utf8)) == expected)
    }

    @Test func aQuoteThatIsNeverClosedNamesTheLineItStartsOn() {
        let lines = failure(Data("kod;namn\nnacka;Nacka\naf;\"Arbets\nförmedlingen\n".utf8))
        #expect(lines == ["rad 3: ett citattecken (\") som börjar ett fält avslutas aldrig"])
    }

    @Test func textAfterAClosingQuoteIsReadButFlagged() throws {
        // Given a row where someone wrote "Nacka" kommun instead of "Nacka kommun"
        let table = try read("kod;namn\nnacka;\"Nacka\" kommun\naf;AF\n")
        // Then the row is still read, and the problem names its line
        #expect(table.rows[0].fields == ["nacka", "Nacka kommun"])
        #expect(table.problems.map(\.description) == [
            "rad 2: text efter ett avslutande citattecken (skriv \"\" för ett citattecken inuti ett fält)"
        ])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsKept() throws {
        #expect(try read("namn;längd\nskärm;24\"\n").rows[0].fields == ["skärm", "24\""])
    }
}
