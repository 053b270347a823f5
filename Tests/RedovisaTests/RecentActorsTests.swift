import Foundation
import Testing

@testable import Redovisa

/// The actor of a logged-in request is kept for up to a second, and never past a change to
/// users or assignments made through the same database.
struct RecentActorsTests {
    @Test func aNewAssignmentBitesAtOnceThroughTheSameDatabase() throws {
        // Given the provider's staff member, kept after one request
        let world = try World()
        let before = try world.database.recentActor(username: "pia", via: "web")
        #expect(before.assignments.map(\.organisationId) == [world.provider.id!])
        // When an administrator gives her an assignment in Nacka too
        _ = try world.database.add(
            Assignment(userId: before.userId!, organisationId: world.nacka.id!, officeId: world.north.id), as: world.system)
        // Then the next request already has both
        let after = try world.database.recentActor(username: "pia", via: "web")
        #expect(Set(after.assignments.map(\.organisationId)) == [world.provider.id!, world.nacka.id!])
        #expect(after.via == "web")
    }

    @Test func aChangeByAnotherProcessBitesWithinASecond() throws {
        // Given a database file that two processes have open (the server and the command line)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recent-actors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("test.sqlite").path
        let world = try World(database: try AppDatabase.open(path: path, clock: { World.now }))
        let other = try AppDatabase.open(path: path, clock: { World.now })
        let before = try world.database.recentActor(username: "pia", via: "web")
        // When the other one adds an assignment
        _ = try other.add(Assignment(userId: before.userId!, organisationId: world.af.id!), as: world.system)
        // Then a request more than a second later has it
        Thread.sleep(forTimeInterval: 1.1)
        let after = try world.database.recentActor(username: "pia", via: "web")
        #expect(Set(after.assignments.map(\.organisationId)) == [world.provider.id!, world.af.id!])
    }

    @Test func anUnknownUserIsNotFoundAndNothingIsKept() throws {
        // Given no user called "okand"
        let world = try World()
        // When a request names them, twice
        for _ in 0..<2 {
            let error = #expect(throws: RedovisaError.self) { _ = try world.database.recentActor(username: "okand", via: "web") }
            #expect(error?.code == .notFound)
        }
        // And once they exist, they are found at once
        _ = try world.database.add(User(username: "okand", displayName: "Ny", roles: [.reporter]), as: world.system)
        #expect(try world.database.recentActor(username: "okand", via: "web").user?.displayName == "Ny")
    }
}
