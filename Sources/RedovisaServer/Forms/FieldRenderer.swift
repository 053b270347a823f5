import Redovisa

/// Draws the fields of a template as HTML form controls, in Swedish and accessible: every input
/// has a `<label>` bound by `for`, choices are a `<fieldset>` with a `<legend>`, the help, error
/// and warning texts are tied to their control with `aria-describedby`, an error sets
/// `aria-invalid`. A field the template hides for these answers is drawn with `hidden` (its
/// value still travels with the form, so nothing typed is lost when it comes back), and carries
/// `data-falt` with its path for the script that shows and hides fields as answers change.
///
/// The inputs are named as ``FormAnswers`` reads them; element ids are ``FieldPath/elementId(_:)``,
/// which is what the error summary links to (the first radio or box of a choice).
public struct FieldRenderer: Sendable {
    public let state: FieldState

    public init(state: FieldState) { self.state = state }

    /// The fields of a step (or of a group's row under `prefix`).
    public func fields(_ fields: [TemplateDescription.Field], prefix: String? = nil) -> HTML {
        fields.map { field(_: $0, path: FieldPath.join(prefix, $0.id)) }.joined()
    }

    /// One field at `path`.
    public func field(_ field: TemplateDescription.Field, path: String) -> HTML {
        let parts = Parts(field: field, path: path, state: state)
        let hidden: HTML = state.isVisible(path) ? .empty : " hidden"
        let invalid: HTML = parts.error == nil ? .empty : " field-invalid"
        if field.computed { return computed(field, parts, hidden) }
        switch field.type {
        case .info:
            return info(field, parts, hidden)
        case .choice, .multiChoice, .yesNo:
            return """
                <fieldset class="field\(invalid)" data-falt="\(path)"\(hidden)\(parts.describedBy)>
                <legend>\(parts.label)</legend>\(parts.texts)
                <div class="options">\(options(field, parts))</div>\(parts.warningText)
                </fieldset>
                """
        case .group:
            return group(field, parts, hidden: hidden, invalid: invalid)
        case .dateRange:
            return dateRange(field, parts, hidden: hidden, invalid: invalid)
        case .confirmation:
            let checked: HTML = state.value(path) == .bool(true) ? " checked" : .empty
            return """
                <fieldset class="field\(invalid)" data-falt="\(path)"\(hidden)>
                <legend>\(parts.label)</legend>\(parts.texts)
                <div class="option"><input type="checkbox" id="\(parts.id)" name="\(path)" value="ja"\(checked)\(parts.describedBy)\(parts.invalidAttribute)>
                <label for="\(parts.id)">\(field.text ?? "Jag förstår")</label></div>
                </fieldset>
                """
        default:
            return """
                <div class="field\(invalid)" data-falt="\(path)"\(hidden)>
                <label for="\(parts.id)">\(parts.label)</label>\(parts.texts)
                \(input(field, parts))\(parts.warningText)\(notApplicable(field, parts))
                </div>
                """
        }
    }

    // MARK: Kinds of control

    private func input(_ field: TemplateDescription.Field, _ parts: Parts) -> HTML {
        let current = state.value(parts.path)
        let value = current?.objectValue?["ej_aktuellt"] == .bool(true) ? "" : FieldState.inputText(current)
        let placeholder: HTML = field.placeholder.map { " placeholder=\"\($0)\"" } ?? .empty
        let common: HTML = "id=\"\(parts.id)\" name=\"\(parts.path)\"\(parts.describedBy)\(parts.invalidAttribute)\(placeholder)"
        switch field.type {
        case .textarea:
            return "<textarea \(common) rows=\"\(field.rows ?? 5)\">\(value)</textarea>"
        case .integer:
            return "<input type=\"text\" inputmode=\"numeric\" class=\"input-short\" \(common) value=\"\(value)\">"
        case .hours:
            return """
                <span class="with-unit"><input type="text" inputmode="decimal" class="input-short" \(common) value="\(value)"> <span aria-hidden="true">timmar</span></span>
                """
        case .date:
            return "<input type=\"text\" class=\"input-date\" \(common) value=\"\(value)\">"
        case .personnummer:
            return "<input type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" class=\"input-medium\" \(common) value=\"\(value)\">"
        case .email:
            return "<input type=\"email\" class=\"input-long\" spellcheck=\"false\" \(common) value=\"\(value)\">"
        case .phone:
            return "<input type=\"tel\" class=\"input-medium\" \(common) value=\"\(value)\">"
        default:
            return "<input type=\"text\" class=\"input-long\" \(common) value=\"\(value)\">"
        }
    }

    private func options(_ field: TemplateDescription.Field, _ parts: Parts) -> HTML {
        let current = state.value(parts.path)
        let choices: [(value: String, label: String, help: String?, chosen: Bool)]
        switch field.type {
        case .yesNo:
            choices = [("ja", "Ja", nil, current == .bool(true)), ("nej", "Nej", nil, current == .bool(false))]
        case .multiChoice:
            let chosen = Set(current?.arrayItems?.compactMap(\.stringValue) ?? [])
            choices = (field.options ?? []).map { ($0.value, $0.label, $0.help, chosen.contains($0.value)) }
        default:
            choices = (field.options ?? []).map { ($0.value, $0.label, $0.help, current == .string($0.value)) }
        }
        let kind = field.type == .multiChoice ? "checkbox" : "radio"
        return choices.enumerated().map { index, choice -> HTML in
            // The first control has the field's own id: the error summary links to it.
            let id = index == 0 ? parts.id : "\(parts.id)-\(index + 1)"
            let checked: HTML = choice.chosen ? " checked" : .empty
            let help: HTML = choice.help.map { "<p class=\"hint\" id=\"\(id)-hjalp\">\($0)</p>" } ?? .empty
            let describedBy: HTML = choice.help == nil ? .empty : " aria-describedby=\"\(id)-hjalp\""
            return """
                <div class="option"><input type="\(kind)" id="\(id)" name="\(parts.path)" value="\(choice.value)"\(checked)\(describedBy)>
                <label for="\(id)">\(choice.label)</label>\(help)</div>
                """
        }.joined()
    }

    private func dateRange(_ field: TemplateDescription.Field, _ parts: Parts, hidden: HTML, invalid: HTML) -> HTML {
        let current = state.value(parts.path)?.objectValue ?? [:]
        let from = FieldState.inputText(current["from"]), to = FieldState.inputText(current["to"])
        return """
            <fieldset class="field\(invalid)" data-falt="\(parts.path)"\(hidden)\(parts.describedBy)>
            <legend>\(parts.label)</legend>\(parts.texts)
            <div class="date-range">
            <div><label for="\(parts.id)">Från och med</label><input type="text" class="input-date" id="\(parts.id)" name="\(parts.path)\(FormAnswers.Suffix.from)" value="\(from)"\(parts.invalidAttribute)></div>
            <div><label for="\(parts.id)-till">Till och med</label><input type="text" class="input-date" id="\(parts.id)-till" name="\(parts.path)\(FormAnswers.Suffix.to)" value="\(to)"\(parts.invalidAttribute)></div>
            </div>\(parts.warningText)
            </fieldset>
            """
    }

    private func group(_ field: TemplateDescription.Field, _ parts: Parts, hidden: HTML, invalid: HTML) -> HTML {
        let rows = state.value(parts.path)?.arrayItems ?? []
        let rowLabel = field.rowLabel ?? "Rad"
        let rowsHTML = rows.indices.map { index -> HTML in
            let rowPath = FieldPath.row(parts.path, index + 1)
            let rowId = FieldPath.elementId(rowPath)
            let name = "\(rowLabel) \(index + 1)"
            let rowError: HTML = state.errors[rowPath].map {
                "<p class=\"field-error\" id=\"\(rowId)-fel\"><span class=\"visually-hidden\">Fel:</span> \($0)</p>"
            } ?? .empty
            return """
                <fieldset class="row" id="\(rowId)" tabindex="-1">
                <legend>\(name)</legend>\(rowError)
                \(fields(field.fields ?? [], prefix: rowPath))
                <p><button type="submit" class="secondary" name="atgard" value="ta-bort:\(rowPath)">Ta bort<span class="visually-hidden"> \(name.lowercased())</span></button></p>
                </fieldset>
                """
        }
        let empty: HTML = rows.isEmpty ? "<p class=\"muted\">Inga rader ännu.</p>" : .empty
        return """
            <fieldset class="field group\(invalid)" id="\(parts.id)" tabindex="-1" data-falt="\(parts.path)"\(hidden)\(parts.describedBy)>
            <legend>\(parts.label)</legend>\(parts.texts)
            <input type="hidden" name="\(parts.path)\(FormAnswers.Suffix.rows)" value="\(rows.count)">
            \(rowsHTML)\(empty)
            <p><button type="submit" class="secondary" name="atgard" value="lagg-till:\(parts.path)">\(field.addLabel ?? "Lägg till rad")</button></p>\(parts.warningText)
            </fieldset>
            """
    }

    private func notApplicable(_ field: TemplateDescription.Field, _ parts: Parts) -> HTML {
        guard field.notApplicable else { return .empty }
        let current = state.value(parts.path)?.objectValue
        let chosen = current?["ej_aktuellt"] == .bool(true)
        let motivation = FieldState.inputText(current?["motivering"])
        return """
            <div class="not-applicable">
            <div class="option"><input type="checkbox" id="\(parts.id)-ej-aktuellt" name="\(parts.path)\(FormAnswers.Suffix.notApplicable)" value="ja"\(chosen ? HTML(" checked") : HTML.empty)>
            <label for="\(parts.id)-ej-aktuellt">Ej aktuellt</label></div>
            <label for="\(parts.id)-motivering">Motivering, om rubriken inte är aktuell</label>
            <textarea id="\(parts.id)-motivering" name="\(parts.path)\(FormAnswers.Suffix.motivation)" rows="2">\(motivation)</textarea>
            </div>
            """
    }

    private func info(_ field: TemplateDescription.Field, _ parts: Parts, _ hidden: HTML) -> HTML {
        // A text the template works out for the answers (job suggestions), else its fixed text.
        let text = state.texts[parts.path] ?? field.text ?? ""
        let paragraphs = text.split(separator: "\n").map { line -> HTML in "<p>\(String(line))</p>" }
        let heading: HTML = field.label.map { "<p class=\"label\">\($0)</p>" } ?? .empty
        return "<div class=\"field info\" id=\"\(parts.id)\" data-falt=\"\(parts.path)\"\(hidden)>\(heading)\(paragraphs)</div>"
    }

    private func computed(_ field: TemplateDescription.Field, _ parts: Parts, _ hidden: HTML) -> HTML {
        let value = FieldState.inputText(state.computed[parts.path]).nonEmpty ?? "–"
        return """
            <div class="field computed" id="\(parts.id)" data-falt="\(parts.path)"\(hidden)>
            <p class="label">\(field.label ?? field.id)</p><p>\(value) <span class="muted">(räknas ut automatiskt)</span></p>
            </div>
            """
    }
}

/// The pieces every kind of field shares: its id, label, help, error and warning.
struct Parts {
    let path: String
    let id: String
    let label: HTML
    let error: String?
    let texts: HTML
    let warningText: HTML
    let describedBy: HTML
    let invalidAttribute: HTML

    init(field: TemplateDescription.Field, path: String, state: FieldState) {
        self.path = path
        id = FieldPath.elementId(path)
        let star: HTML = field.required == .yes
            ? "<span class=\"required\" aria-hidden=\"true\"> *</span><span class=\"visually-hidden\"> (obligatorisk)</span>" : .empty
        label = "\(field.label ?? field.id)\(star)"
        error = state.errors[path]
        let warning = state.warnings[path]
        var described: [String] = []
        var texts: HTML = .empty
        if let help = field.help {
            texts = texts + "\n<p class=\"hint\" id=\"\(id)-hjalp\">\(help)</p>"
            described.append("\(id)-hjalp")
        }
        if let error {
            texts = texts + "\n<p class=\"field-error\" id=\"\(id)-fel\"><span class=\"visually-hidden\">Fel:</span> \(error)</p>"
            described.append("\(id)-fel")
        }
        if let warning {
            warningText = "\n<p class=\"field-warning\" id=\"\(id)-varning\"><span class=\"visually-hidden\">Observera:</span> \(warning)</p>"
            described.append("\(id)-varning")
        } else {
            warningText = .empty
        }
        self.texts = texts
        describedBy = described.isEmpty ? .empty : " aria-describedby=\"\(described.joined(separator: " "))\""
        invalidAttribute = error == nil ? .empty : " aria-invalid=\"true\""
    }
}

extension String {
    /// The text, or nil when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension JSONValue {
    /// The text of a string value, or nil.
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
