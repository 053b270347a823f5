import Foundation

/// The folders `require` may read modules from (the project's `scripts/` and `templates/`), and
/// the reading of script files: UTF-8 text only, of a bounded size.
///
/// `require("reminders.common")` looks for `reminders/common.lua`, then `reminders/common/init.lua`,
/// in each root in order. Names are dot-separated identifiers: no `/`, no `..`, no absolute
/// paths, and a file reached through a symbolic link must still lie inside its root.
public struct LuaScriptRoots: Sendable {
    /// One root: where it is, and the name its chunks are shown under (`scripts/x.lua:3:`).
    public struct Root: Sendable {
        public let directory: URL
        public let displayName: String
    }

    public let roots: [Root]

    /// Roots at the given paths, shown as given (`"scripts"` → `scripts/x.lua`).
    public init(_ paths: [String]) {
        roots = paths.map { path in
            let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
            return Root(
                directory: URL(fileURLWithPath: trimmed).standardizedFileURL.resolvingSymlinksInPath(),
                displayName: trimmed)
        }
    }

    /// No roots: `require` finds nothing.
    public static let none = LuaScriptRoots([])

    /// Largest script file read: 4 MiB.
    public static let maximumFileSize = 4 << 20

    /// The source and chunk name of module `name`.
    /// - Throws: ``LuaError/Code/fileNotFound`` listing where it looked, ``LuaError/Code/badArgument``
    ///   for a name that is not a module name, or the errors of ``readScript(at:)``.
    func resolve(module name: String) throws(LuaError) -> (source: String, chunkName: String) {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy {
                ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
                    || $0 == "-"
            }
        }
        guard valid else {
            throw LuaError(
                .badArgument,
                "module name '\(name)' is not allowed: use dot-separated names such as 'reminders.common'")
        }
        let relative = parts.joined(separator: "/")
        var tried: [String] = []
        for root in roots {
            for candidate in [relative + ".lua", relative + "/init.lua"] {
                let url = root.directory.appendingPathComponent(candidate)
                let shown = root.displayName + "/" + candidate
                tried.append(shown)
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                let real = url.resolvingSymlinksInPath().path
                guard real.hasPrefix(root.directory.path + "/") else {
                    throw LuaError(.fileNotFound, "module '\(name)': \(shown) leads outside \(root.displayName)/")
                }
                return (try LuaScriptRoots.readScript(at: url.path, shownAs: shown), shown)
            }
        }
        let places = tried.isEmpty ? "no script folders are configured" : "no file " + tried.joined(separator: ", ")
        throw LuaError(.fileNotFound, "module '\(name)' not found: \(places)")
    }

    /// The text of the script at `path`.
    /// - Throws: ``LuaError/Code/fileNotFound`` when it cannot be read, ``LuaError/Code/invalidEncoding``
    ///   when it is not UTF-8 (naming the line), ``LuaError/Code/syntax`` for a binary chunk.
    public static func readScript(at path: String, shownAs shown: String? = nil) throws(LuaError) -> String {
        let shown = shown ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LuaError(.fileNotFound, "\(shown): no such file")
        }
        guard !isDirectory.boolValue else { throw LuaError(.fileNotFound, "\(shown): is a folder, not a script file") }
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw LuaError(.fileNotFound, "\(shown): cannot be read")
        }
        guard contents.count <= maximumFileSize else {
            throw LuaError(.fileNotFound, "\(shown): larger than \(maximumFileSize >> 20) MiB")
        }
        if contents.first == 0x1B {
            throw LuaError(.syntax, "\(shown): is precompiled Lua bytecode; only text scripts are allowed")
        }
        // Editors on Windows often start UTF-8 files with a byte-order mark; Lua would choke on it.
        let data = contents.starts(with: [0xEF, 0xBB, 0xBF]) ? contents.dropFirst(3) : contents
        guard let text = String(validating: data, as: UTF8.self) else {
            let line = LuaScriptRoots.firstInvalidLine(in: data)
            throw LuaError(.invalidEncoding, "\(shown):\(line): not UTF-8 text (save the file as UTF-8)", line: line)
        }
        return text
    }

    /// The line of the first byte sequence that is not UTF-8.
    static func firstInvalidLine(in data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            if String(validating: data[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end == data.endIndex ? end : data.index(after: end)
        }
        return line
    }
}
