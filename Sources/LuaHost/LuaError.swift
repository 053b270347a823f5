/// Every failure of the Lua host: a code, a message a script author can act on, and where it
/// happened.
///
/// The message of a script error starts with the chunk and line, as Lua prints them:
/// `scripts/x.lua:12: attempt to index a nil value (local 'row')`.
public struct LuaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        /// The chunk does not compile.
        case syntax
        /// The script raised an error, or an operation failed while it ran.
        case runtime
        /// A limit of the run (instructions, time, memory) was exhausted; see ``limit``.
        case limitExceeded
        /// A script file could not be found or read.
        case fileNotFound
        /// A script file is not UTF-8 text.
        case invalidEncoding
        /// A value could not be converted between Lua and Swift.
        case conversion
        /// A function handle was used after its run ended.
        case staleFunction
        /// A host function was called with wrong arguments.
        case badArgument
        /// The Lua state could not be created (out of memory).
        case stateCreation
    }

    /// The limit that stopped a run.
    public enum Limit: String, Sendable, Equatable {
        case instructions
        case time
        case memory
    }

    public var code: Code
    /// The whole message, with the position first when there is one.
    public var message: String
    /// For ``Code/limitExceeded``: which limit.
    public var limit: Limit?
    /// The chunk name (`scripts/x.lua`) and line of the error, when Lua gave one.
    public var chunk: String?
    public var line: Int?
    /// Lua's stack traceback at the error, when there is one.
    public var traceback: String?

    /// A new error; the chunk and line are read from the front of `message` when not given.
    public init(
        _ code: Code, _ message: String, limit: Limit? = nil, chunk: String? = nil, line: Int? = nil,
        traceback: String? = nil
    ) {
        self.code = code
        self.message = message
        self.limit = limit
        self.traceback = traceback
        if chunk == nil, let position = LuaError.position(in: message) {
            self.chunk = position.chunk
            self.line = position.line
        } else {
            self.chunk = chunk
            self.line = line
        }
    }

    public var description: String { message }

    /// Reads `chunk:line:` from the front of a Lua error message.
    static func position(in message: String) -> (chunk: String, line: Int)? {
        // "name:12: text": the line number is the first all-digit field after a colon.
        var search = message.startIndex
        while let colon = message[search...].firstIndex(of: ":") {
            let afterColon = message.index(after: colon)
            let digits = message[afterColon...].prefix(while: \.isNumber)
            if !digits.isEmpty, message[afterColon...].dropFirst(digits.count).first == ":",
                let line = Int(digits)
            {
                let chunk = String(message[..<colon])
                guard !chunk.isEmpty, !chunk.contains("\n") else { return nil }
                return (chunk, line)
            }
            search = afterColon
            if message[..<colon].contains("\n") { return nil }
        }
        return nil
    }
}
