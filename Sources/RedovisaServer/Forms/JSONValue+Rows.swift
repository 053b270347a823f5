import Redovisa

/// Adding and removing a group's rows in a report's answers, for the "Lägg till rad" and
/// "Ta bort" buttons of a form (which work as plain submit buttons, without JavaScript).
extension JSONValue {
    /// The answers with an empty row added to the group at `path`; the new row's number.
    public func addingRow(at path: String) -> (answers: JSONValue, row: Int) {
        var row = 1
        let answers = updating(FieldPath.segments(path)[...]) { current in
            var rows = current?.arrayItems ?? []
            rows.append(.object([:]))
            row = rows.count
            return .array(rows)
        }
        return (answers, row)
    }

    /// The answers without the row at `rowPath` (`aktiviteter[2]`); unchanged when there is no
    /// such row. A group left without rows has no answer.
    public func removingRow(at rowPath: String) -> JSONValue {
        var segments = FieldPath.segments(rowPath)
        guard case .row(let row) = segments.popLast() else { return self }
        return updating(segments[...]) { current in
            guard var rows = current?.arrayItems, row >= 1, row <= rows.count else { return current }
            rows.remove(at: row - 1)
            return rows.isEmpty ? nil : .array(rows)
        }
    }

    /// The items of a list, or nil for anything else.
    var arrayItems: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// This value with the value at `segments` replaced by what `change` makes of it (nil: removed).
    func updating(_ segments: ArraySlice<FieldPath.Segment>, _ change: (JSONValue?) -> JSONValue?) -> JSONValue {
        guard let first = segments.first else { return change(self) ?? .null }
        let rest = segments.dropFirst()
        switch (first, self) {
        case (.key(let key), .object(var members)):
            let next = rest.isEmpty ? change(members[key]) : members[key].map { $0.updating(rest, change) }
            members[key] = next
            return .object(members)
        case (.key(let key), _) where rest.isEmpty:
            var members: [String: JSONValue] = [:]
            members[key] = change(nil)
            return .object(members)
        case (.row(let row), .array(var items)) where row >= 1 && row <= items.count:
            if rest.isEmpty {
                if let next = change(items[row - 1]) { items[row - 1] = next } else { items.remove(at: row - 1) }
            } else {
                items[row - 1] = items[row - 1].updating(rest, change)
            }
            return .array(items)
        default:
            return self
        }
    }
}
