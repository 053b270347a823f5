import Foundation
import LuaHost
import Logging

/// How the command line reports: script `print` output and log lines on standard error,
/// errors as `FILE:LINE: message` followed by Lua's traceback.
enum CommandLog {
    /// Sends every log line to standard error, once per process.
    static func bootstrap() {
        LoggingSystem.bootstrap { label in ConsoleLogHandler(label: label) }
    }

    /// Writes `error` to standard error as a script author wants to read it.
    static func printError(_ error: any Error) {
        if let error = error as? LuaError {
            var text = error.message + "\n"
            if let traceback = error.traceback, error.code != .syntax { text += traceback + "\n" }
            writeToStandardError(text)
        } else {
            writeToStandardError("error: \(error)\n")
        }
    }

    static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A log handler for a terminal: `script: message` for script output, `level: message` otherwise.
struct ConsoleLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let script = event.metadata?["script"].map { "\($0)" }
        let prefix = script ?? "\(event.level)"
        CommandLog.writeToStandardError("\(prefix): \(event.message)\n")
    }
}
