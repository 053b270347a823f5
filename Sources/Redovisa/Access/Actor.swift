/// Who is acting, and through what: a user with their assignments, through the web, the command
/// line, an import or a script. Every read and change is checked against it and audited with it.
public struct Actor: Sendable, Hashable {
    /// The user, or nil for the system itself (an import, the scheduler, `redovisa demo`).
    public var user: User?
    public var assignments: [Assignment]
    /// `web`, `cli`, `import`, `script:scripts/x.lua`.
    public var via: String

    public init(user: User, assignments: [Assignment], via: String) {
        self.user = user
        self.assignments = assignments
        self.via = via
    }

    private init(via: String) {
        self.user = nil
        self.assignments = []
        self.via = via
    }

    /// The system itself: full access to act, but protected identities stay masked in what it
    /// shows, as for everyone without the explicit permission.
    public static func system(via: String) -> Actor { Actor(via: via) }

    /// The same actor acting through a script (audited as `script:NAME`).
    public func throughScript(_ name: String) -> Actor {
        var copy = self
        copy.via = "script:\(name)"
        return copy
    }

    public var userId: Int64? { user?.id }
    public var isSystem: Bool { user == nil }
    public func has(_ role: Role) -> Bool { user?.has(role) ?? false }
    /// Whether protected identities are shown to this actor unmasked.
    public var mayViewProtected: Bool { user?.mayViewProtected ?? false }
    /// Sees every person: the system and administrators (who are audited like everyone).
    public var seesEveryone: Bool { isSystem || has(.administrator) }
}
