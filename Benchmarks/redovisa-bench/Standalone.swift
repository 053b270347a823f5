import Foundation

enum StandaloneError: Error, CustomStringConvertible {
    case notFound(String)
    case failed(String)

    var description: String {
        switch self {
        case .notFound(let name): "\(name) not found on PATH (make bench-deps installs it)"
        case .failed(let why): why
        }
    }
}

/// The standalone `lua5.4` interpreter running the validation of figure (b) from a generated
/// script. Each ``measure(reps:count:secondsPerRep:)`` starts one process.
struct Standalone {
    let interpreter: String
    let version: String
    let script: URL

    /// Finds the interpreter and writes the driver script to a temporary file.
    init(interpreter name: String) throws {
        guard let interpreter = Standalone.locate(name) else { throw StandaloneError.notFound(name) }
        self.interpreter = interpreter
        version = (try? Standalone.output(of: interpreter, ["-v"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        script = FileManager.default.temporaryDirectory
            .appendingPathComponent("redovisa-bench-\(ProcessInfo.processInfo.processIdentifier).lua")
        try Workload.standaloneSource().write(to: script, atomically: true, encoding: .utf8)
    }

    /// Removes the script.
    func remove() { try? FileManager.default.removeItem(at: script) }

    /// Runs `reps` repetitions of `count` calls (0: calibrated to `secondsPerRep`) in a new
    /// process and returns their rates (calls per CPU second, from os.clock) and the count.
    func measure(reps: Int, count: Int, secondsPerRep: Double) throws -> (rates: [Double], count: Int) {
        let text = try Standalone.output(of: interpreter, [script.path, "\(reps)", "\(count)", "\(secondsPerRep)"])
        var rates: [Double] = []
        var n = count
        var checked = false
        for line in text.split(separator: "\n") {
            if line.hasPrefix("check ") {
                let expected = Workload.expectedVerdict
                let wanted = "check \(expected.ok) \(expected.messages.count) \(expected.messages.first ?? "")"
                guard line == wanted else {
                    throw StandaloneError.failed("\(interpreter) gave another verdict: '\(line)', expected '\(wanted)'")
                }
                checked = true
            } else if line.hasPrefix("rate ") {
                let fields = line.split(separator: " ")
                guard fields.count >= 3, let rate = Double(fields[1]), let calls = Int(fields[2]) else { continue }
                rates.append(rate)
                n = calls
            }
        }
        guard checked, rates.count == reps else {
            throw StandaloneError.failed("unexpected output from \(interpreter):\n\(text)")
        }
        return (rates, n)
    }

    /// The full path of `name` on PATH, or `name` itself when it already has a slash.
    static func locate(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments` and returns its standard output; throws when it fails.
    static func output(of executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw StandaloneError.failed(
                "\(executable) exited with \(process.terminationStatus): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
