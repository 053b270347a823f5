import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("Form values to typed answers")
struct FormAnswersTests {
    /// A field of `type` as a template describes it.
    static func field(
        _ id: String, _ type: TemplateDescription.FieldType, notApplicable: Bool = false,
        children: [TemplateDescription.Field]? = nil
    ) throws -> TemplateDescription.Field {
        var json: [String: Any] = [
            "id": id, "type": type.rawValue, "at": "templates/x.lua:1", "step": 1, "required": "no",
            "conditional": false, "computed": false, "not_applicable": notApplicable, "remember": false,
        ]
        if let children {
            json["fields"] = try children.map { try JSONSerialization.jsonObject(with: JSONEncoder().encode($0)) }
        }
        return try JSONDecoder().decode(TemplateDescription.Field.self, from: JSONSerialization.data(withJSONObject: json))
    }

    @Test("each type's text becomes its answer; text that does not convert is kept for the template's message")
    func conversions() {
        let cases: [(String, TemplateDescription.FieldType, JSONValue?)] = [
            ("12", .integer, 12), (" 1 000 ", .integer, 1000), ("tolv", .integer, "tolv"), ("1,5", .integer, "1,5"),
            ("1,5", .hours, .number(1.5)), ("2.25", .hours, .number(2.25)), ("3", .hours, 3), ("-1", .hours, -1),
            ("1e3", .hours, "1e3"), ("nan", .hours, "nan"), ("1,", .hours, "1,"), ("1,2,3", .hours, "1,2,3"),
            ("ja", .yesNo, true), ("nej", .yesNo, false), ("kanske", .yesNo, "kanske"),
            ("ja", .confirmation, true), ("", .confirmation, nil),
            ("  Anna ", .text, "  Anna "), ("   ", .text, nil), ("rad 1\r\nrad 2", .textarea, "rad 1\nrad 2"),
            (" 2025-10-03 ", .date, "2025-10-03"), ("198112189876", .personnummer, "198112189876"),
            ("ja_alla", .choice, "ja_alla"), ("", .choice, nil),
        ]
        for (text, type, expected) in cases {
            #expect(FormAnswers.convert(text, as: type) == expected, "\(type.rawValue) \(text)")
        }
    }

    @Test("a step's fields replace their answers, boxes left unticked clear theirs, other steps' answers stay")
    func merging() throws {
        let form = FormData(FormData.encode([
            ("val", "a"), ("val", "c"), ("period:fran", "2025-10-01"), ("period:till", ""), ("rubrik:ej-aktuellt", "ja"),
            ("rubrik:motivering", "Inga ändringar."), ("rubrik", "ignoreras"), ("rader:rader", "2"), ("rader[1].timmar", "1,5"),
            ("rader[2].timmar", ""), ("rader[2].typ", "sfi"), ("okand", "x"),
        ]))
        let fields = [
            try Self.field("val", .multiChoice), try Self.field("period", .dateRange),
            try Self.field("rubrik", .textarea, notApplicable: true), try Self.field("bekraftelse", .confirmation),
            try Self.field("rader", .group, children: [try Self.field("timmar", .hours), try Self.field("typ", .choice)]),
        ]
        let existing: JSONValue = .object(["bekraftelse": true, "annat_steg": "kvar"])
        let merged = FormAnswers(form).merged(into: existing, fields: fields)
        #expect(merged == .object([
            "val": ["a", "c"], "period": .object(["from": "2025-10-01"]),
            "rubrik": .object(["ej_aktuellt": true, "motivering": "Inga ändringar."]),
            "rader": [.object(["timmar": .number(1.5)]), .object(["typ": "sfi"])], "annat_steg": "kvar",
        ]))
    }

    @Test("rows are added at the end and removed by number; paths name them from 1")
    func rows() {
        let answers: JSONValue = .object(["rader": [.object(["a": 1]), .object(["a": 2])]])
        let added = answers.addingRow(at: "rader")
        #expect(added.row == 3 && added.answers.value(at: "rader[3]") == .object([:]))
        #expect(answers.removingRow(at: "rader[1]") == .object(["rader": [.object(["a": 2])]]))
        #expect(answers.removingRow(at: "rader[9]") == answers)
        #expect(JSONValue.object(["rader": [.object([:])]]).removingRow(at: "rader[1]") == .object([:]))
        #expect(JSONValue.object([:]).addingRow(at: "rader").answers == .object(["rader": [.object([:])]]))
        #expect(FieldPath.elementId("rader[2].timmar") == "f-rader-2-timmar")
        #expect(FieldPath.segments("a[2].b") == [.key("a"), .row(2), .key("b")])
        #expect(answers.value(at: "rader[2].a") == 2)
    }
}
