import Redovisa

/// The steps of a report as a numbered list at the top of each of its pages: the template's
/// steps that are shown for the answers, then "Förhandsgranska" and "Skicka in" —
/// "1 Rapportering, 2 Information om dig, 3 Förhandsgranska, 4 Skicka in" for the LSS report.
/// The current one is marked with `aria-current="step"`, earlier ones as done.
public enum StepIndicator {
    /// Where the person is.
    public enum Position: Equatable, Sendable {
        /// A step of the template, by its number in the template (from 1).
        case step(Int)
        case preview
        case submitted
    }

    /// The list, for the template's steps `shown` (numbers in the template, from 1).
    public static func html(_ description: TemplateDescription, shown: [Int], at position: Position) -> HTML {
        var items: [(title: String, position: Position)] = shown.map { (description.steps[$0 - 1].title, .step($0)) }
        items.append(("Förhandsgranska", .preview))
        items.append(("Skicka in", .submitted))
        let current = items.firstIndex { $0.position == position } ?? 0
        let list = items.enumerated().map { index, item -> HTML in
            let state: HTML = index == current
                ? " class=\"current\" aria-current=\"step\"" : index < current ? " class=\"done\"" : .empty
            let done: HTML = index < current ? "<span class=\"visually-hidden\"> (klart)</span>" : .empty
            return "<li\(state)><span class=\"step-number\">\(index + 1)</span> \(item.title)\(done)</li>"
        }
        return "<nav aria-label=\"Steg i rapporten\"><ol class=\"steps\">\(list)</ol></nav>"
    }
}

extension TemplateDescription {
    /// The numbers (from 1) of the steps shown when the fields at `visible` are: a step shown only
    /// for some answers counts as shown when one of its fields is. Every step when nil.
    public func shownSteps(visible: Set<String>?) -> [Int] {
        steps.indices.compactMap { index in
            let step = steps[index]
            guard step.conditional, let visible else { return index + 1 }
            return step.fields.contains { visible.contains($0.id) } ? index + 1 : nil
        }
    }

    /// The number (from 1) of the step that has the field at `path`, or nil when none has.
    public func step(of path: String) -> Int? {
        let id = FieldPath.topLevel(path)
        return steps.firstIndex { $0.fields.contains { $0.id == id } }.map { $0 + 1 }
    }

    /// The field at `path` (a group's child for `aktiviteter[2].timmar`), or nil.
    public func field(at path: String) -> Field? {
        var fields = steps.flatMap(\.fields)
        var found: Field?
        for segment in FieldPath.segments(path) {
            guard case .key(let key) = segment else { continue }
            guard let next = fields.first(where: { $0.id == key }) else { return nil }
            found = next
            fields = next.fields ?? []
        }
        return found
    }
}
