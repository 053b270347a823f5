/// The body of a host function: it gets the call (arguments and run context) and returns the
/// values the script receives. A thrown error becomes a Lua error at the caller's line, which the
/// script can catch with `pcall`.
public typealias LuaHostFunction = @Sendable (LuaCall) throws -> [LuaValue]

/// A named table of host functions that scripts see as a global, such as `clock` or `people`.
///
/// ```swift
/// var greetings = LuaModule("greetings")
/// greetings.function("hello") { call in
///     let name = try call.string(1)
///     return [.string("Hej \(name)!")]
/// }
/// ```
public struct LuaModule: Sendable {
    /// The global name of the table.
    public let name: String
    /// The functions, in registration order.
    public private(set) var functions: [(name: String, body: LuaHostFunction)] = []

    /// An empty module called `name`.
    public init(_ name: String) {
        self.name = name
    }

    /// Adds function `name`; scripts call it as `module.name(...)`.
    public mutating func function(_ name: String, _ body: @escaping LuaHostFunction) {
        functions.append((name, body))
    }
}

/// One call of a host function by a script.
public struct LuaCall: Sendable {
    /// `module.function`, for messages.
    public let functionName: String
    /// The arguments as passed (Lua's extra arguments are kept, missing ones are absent).
    public let arguments: [LuaValue]
    /// The context of the run the script belongs to.
    public let context: LuaRunContext

    /// Argument `position` (1-based, as in Lua); `.nil` when absent.
    public func argument(_ position: Int) -> LuaValue {
        position >= 1 && position <= arguments.count ? arguments[position - 1] : .nil
    }

    /// The error Lua itself would give for a wrong argument:
    /// `bad argument #1 to 'people.get' (string expected, got nil)`.
    public func badArgument(_ position: Int, _ problem: String) -> LuaError {
        LuaError(.badArgument, "bad argument #\(position) to '\(functionName)' (\(problem))")
    }

    private func expected(_ position: Int, _ type: String) -> LuaError {
        badArgument(position, "\(type) expected, got \(argument(position).typeName)")
    }

    /// Argument `position` as a string. - Throws: ``LuaError`` when it is not one.
    public func string(_ position: Int) throws(LuaError) -> String {
        guard let s = argument(position).stringValue else { throw expected(position, "string") }
        return s
    }

    /// Argument `position` as a string, or nil when absent or nil.
    public func optionalString(_ position: Int) throws(LuaError) -> String? {
        if case .nil = argument(position) { return nil }
        return try string(position)
    }

    /// Argument `position` as an integer (a float with an integral value is accepted).
    public func integer(_ position: Int) throws(LuaError) -> Int64 {
        let value = argument(position)
        guard let i = value.integerValue else {
            if value.doubleValue != nil { throw badArgument(position, "number has no integer representation") }
            throw expected(position, "integer")
        }
        return i
    }

    /// Argument `position` as a number.
    public func number(_ position: Int) throws(LuaError) -> Double {
        guard let d = argument(position).doubleValue else { throw expected(position, "number") }
        return d
    }

    /// Argument `position` as a table.
    public func table(_ position: Int) throws(LuaError) -> LuaTable {
        guard let t = argument(position).tableValue else { throw expected(position, "table") }
        return t
    }

    /// Argument `position` decoded into `type`; conversion errors name the argument and the path.
    public func decode<T: Decodable>(_ type: T.Type, _ position: Int) throws(LuaError) -> T {
        do {
            return try LuaValueDecoder().decode(type, from: argument(position))
        } catch {
            throw badArgument(position, error.message)
        }
    }
}
