import Synchronization

/// A pool of ready ``LuaSandbox``es for concurrent callers: each borrows one sandbox for the
/// length of a closure, so a `lua_State` is only ever used by one caller at a time.
///
/// Creating a sandbox costs far more than a run on a pooled one (see docs/benchmarks.md), and
/// every run gets fresh globals either way. A sandbox that ran out of memory is dropped, not
/// returned to the pool.
///
/// ```swift
/// let pool = LuaSandboxPool(configuration)
/// let verdict = try pool.withSandbox { sandbox in try sandbox.runFile(path) }
/// ```
public final class LuaSandboxPool: Sendable {
    /// A sandbox on its way into or out of the pool.
    ///
    /// `@unchecked Sendable` because a sandbox is only touched by whoever holds it: the pool's
    /// mutex hands each box to exactly one borrower and takes it back when the borrower is done.
    private final class Box: @unchecked Sendable {
        let sandbox: LuaSandbox
        init(_ sandbox: LuaSandbox) { self.sandbox = sandbox }
    }

    public let configuration: LuaSandbox.Configuration
    /// How many idle sandboxes are kept at most.
    public let capacity: Int
    private let idle = Mutex<[Box]>([])

    /// A pool that keeps at most `capacity` idle sandboxes.
    public init(_ configuration: LuaSandbox.Configuration, capacity: Int = 8) {
        self.configuration = configuration
        self.capacity = max(capacity, 1)
    }

    /// Idle sandboxes ready now.
    public var idleCount: Int { idle.withLock { $0.count } }

    /// Runs `body` with a sandbox no one else uses meanwhile.
    /// - Throws: what `body` throws, or ``LuaError/Code/stateCreation``.
    public func withSandbox<Result>(_ body: (LuaSandbox) throws -> Result) throws -> Result {
        let box = try idle.withLock { $0.popLast() } ?? Box(LuaSandbox(configuration))
        defer {
            if box.sandbox.isReusable {
                idle.withLock { boxes in
                    if boxes.count < capacity { boxes.append(box) }
                }
            }
        }
        return try body(box.sandbox)
    }
}
