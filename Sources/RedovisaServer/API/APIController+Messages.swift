import Foundation
import Hummingbird
import Redovisa

/// The API's messages with the case officer: the conversations the caller may see, one report's
/// conversation (marked read), and a new message in it. Access is the report's; bodies about a
/// protected identity the caller may not see are `null`.
///
/// | route | what |
/// |---|---|
/// | `GET /messages` | `{"conversations": [...]}`, latest first, with unread counts |
/// | `GET /reports/{id}/messages` | the report's conversation |
/// | `POST /reports/{id}/messages` | `{"body": "…"}` → 201 with the message |
extension APIController {
    /// Registers the message routes on the API group.
    func addMessageRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("/messages", use: conversations)
        api.get("/reports/:id/messages", use: conversation)
        api.post("/reports/:id/messages", use: writeMessage)
    }

    /// `{"conversations": [...]}`.
    struct Conversations: Encodable { var conversations: [AppDatabase.ConversationSummary] }

    /// `GET /messages`.
    @Sendable func conversations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        return try Self.json(Conversations(conversations: try database.conversations(as: actor)))
    }

    /// `GET /reports/{id}/messages`.
    @Sendable func conversation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        return try Self.json(try database.conversation(report: id, as: actor))
    }

    /// The body of `POST /reports/{id}/messages`.
    struct NewMessage: Decodable { var body: String }

    /// `POST /reports/{id}/messages`.
    @Sendable func writeMessage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let body = try await request.decode(as: NewMessage.self, context: context)
        let message = try database.writeMessage(report: id, body: body.body, as: actor)
        var response = try Self.json(message, status: .created)
        response.headers[.location] = "\(Self.prefix)/reports/\(id)/messages"
        return response
    }
}
