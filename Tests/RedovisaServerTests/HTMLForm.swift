import Foundation
@testable import RedovisaServer

/// A form as a browser holds it: the fields a page's `<form>` would send as it stands (text
/// inputs and hidden fields, ticked boxes and radios, textareas, selected options), which a test
/// then changes as a person would and posts with one of the form's buttons.
struct HTMLForm {
    let action: String
    private(set) var fields: [(name: String, value: String)]

    /// The form posting to `action` in `page`.
    init(_ page: Page, action: String) throws {
        let body = page.body
        guard let start = body.range(of: "action=\"\(action)\""),
            let open = body[..<start.lowerBound].range(of: "<form", options: .backwards),
            let close = body[start.upperBound...].range(of: "</form>")
        else { throw TestFailure("no form posting to \(action) in the page") }
        self.action = action
        let html = String(body[open.lowerBound..<close.upperBound])
        var found: [(Int, String, String)] = []
        for match in Self.matches(#"<input\b([^>]*)>"#, in: html) {
            let attributes = Self.attributes(match.groups[0])
            guard let name = attributes["name"] else { continue }
            let type = attributes["type"] ?? "text"
            if type == "submit" || ((type == "checkbox" || type == "radio") && attributes["checked"] == nil) { continue }
            found.append((match.offset, name, attributes["value"] ?? (type == "checkbox" ? "on" : "")))
        }
        for match in Self.matches(#"<textarea\b([^>]*)>(.*?)</textarea>"#, in: html) {
            guard let name = Self.attributes(match.groups[0])["name"] else { continue }
            found.append((match.offset, name, Self.unescape(match.groups[1])))
        }
        for match in Self.matches(#"<select\b([^>]*)>(.*?)</select>"#, in: html) {
            guard let name = Self.attributes(match.groups[0])["name"] else { continue }
            let options = Self.matches(#"<option\b([^>]*)>"#, in: match.groups[1]).map { Self.attributes($0.groups[0]) }
            if let chosen = options.first(where: { $0["selected"] != nil }) ?? options.first {
                found.append((match.offset, name, chosen["value"] ?? ""))
            }
        }
        fields = found.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
    }

    /// The value of `name` (the first, for several).
    subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Types `value` into the text field, textarea or select `name`, or chooses the radio with
    /// that value.
    mutating func set(_ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { $0.name == name }) {
            fields[index].value = value
            fields.removeAll { $0.name == name && $0.value != value }
        } else {
            fields.append((name, value))
        }
    }

    /// Ticks the box `name` with `value`.
    mutating func tick(_ name: String, _ value: String = "ja") {
        if !fields.contains(where: { $0.name == name && $0.value == value }) { fields.append((name, value)) }
    }

    /// Unticks the box `name` with `value` (every box of `name` when nil).
    mutating func untick(_ name: String, _ value: String? = nil) {
        fields.removeAll { $0.name == name && (value == nil || $0.value == value) }
    }

    /// What pressing the button `atgard=button` sends (the CSRF token is in the form already).
    func submission(button: String? = nil) -> [(String, String)] {
        fields.map { ($0.name, $0.value) } + (button.map { [("atgard", $0)] } ?? [])
    }

    private static func matches(_ pattern: String, in text: String) -> [(offset: Int, groups: [String])] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            let groups = (1..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
            return (match.range.location, groups)
        }
    }

    private static func attributes(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for match in matches(#"([a-zA-Z][\w-]*)(?:="([^"]*)")?"#, in: text) {
            result[match.groups[0]] = unescape(match.groups[1])
        }
        return result
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension Browser {
    /// Posts `form` as pressing the button `atgard=button` would.
    @discardableResult
    func submit(_ form: HTMLForm, button: String? = nil) async throws -> Page {
        try await post(form.action, form: form.submission(button: button), withToken: false)
    }
}

extension Page {
    /// Whether the element with id `id` is drawn (has no `hidden` on its field wrapper). Looks
    /// at the wrapper with `data-falt="path"`.
    func fieldIsShown(_ path: String) -> Bool? {
        guard let range = body.range(of: "data-falt=\"\(path)\"") else { return nil }
        let tagEnd = body[range.upperBound...].firstIndex(of: ">") ?? body.endIndex
        return !body[range.upperBound..<tagEnd].contains(" hidden")
    }

    /// The texts of the error summary's items.
    var errorSummary: [String] {
        guard let start = body.range(of: "class=\"error-summary\""), let end = body[start.upperBound...].range(of: "</div>") else {
            return []
        }
        let box = Page(String(body[start.upperBound..<end.lowerBound]))
        return box.matches(#"<li>(?:<a href="[^"]*">)?(.*?)(?:</a>)?</li>"#).map(HTMLForm.unescape)
    }

    /// The links of the error summary's items.
    var errorSummaryLinks: [String] {
        guard let start = body.range(of: "class=\"error-summary\""), let end = body[start.upperBound...].range(of: "</div>") else {
            return []
        }
        return Page(String(body[start.upperBound..<end.lowerBound])).matches(#"<a href="([^"]*)""#).map(HTMLForm.unescape)
    }
}
