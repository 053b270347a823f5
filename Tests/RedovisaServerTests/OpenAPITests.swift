import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("OpenAPI document")
struct OpenAPITests {
    /// `METHOD /path` of every operation in the document.
    static func documented() throws -> Set<String> {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "put", "post", "delete", "patch"]
        return Set(paths.flatMap { path, item in
            item.keys.filter(methods.contains).map { "\($0.uppercased()) \(APIController.prefix)\(path)" }
        })
    }

    @Test("every API route the router has is in the document, and every path in it is routed")
    func routesMatchDocument() throws {
        let router = buildRouter(ServerDependencies(database: try AppDatabase.inMemory(), configuration: ServerConfiguration()))
        let routed = Set(router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains(" \(APIController.prefix)/") })
        let documented = try Self.documented()
        #expect(routed.count >= 10)
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented))")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed))")
    }

    @Test("every $ref in the document points at something it defines")
    func referencesResolve() throws {
        let text = OpenAPIDocument.json
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let components = try #require(document["components"] as? [String: [String: Any]])
        let regex = try NSRegularExpression(pattern: ##""\$ref": "#/components/([a-zA-Z]+)/([a-zA-Z]+)""##)
        let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
        #expect(matches.count > 20)
        for match in matches {
            let kind = String(text[Range(match.range(at: 1), in: text)!]), name = String(text[Range(match.range(at: 2), in: text)!])
            #expect(components[kind]?[name] != nil, "\(kind)/\(name)")
        }
    }

    @Test("the document is served at /api/v1/openapi.json without login")
    func served() async throws {
        try await withServer { browser, _ in
            let answer = try await browser.api(.get, "/api/v1/openapi.json")
            #expect(answer.status == .ok)
            #expect(answer.body == OpenAPIDocument.json)
        }
    }
}
