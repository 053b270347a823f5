import Foundation
import Hummingbird
import Redovisa
import Synchronization

/// Step pages of report forms as drawn, kept per user, report, step and `?visa=fel`, so that a
/// page opened again (a reload, "Föregående", the page after a save) is answered from the bytes
/// drawn before instead of reading the whole report, decoding its answers and drawing 5–6 KB of
/// HTML again.
///
/// A kept page is used only when everything it was drawn from still holds
/// (``Page/isCurrent(stamp:actor:checkSerial:)``): the report as the reader may see it now —
/// revision, status, template version, the answers withheld or not, the person's name and
/// protection and whether the reader may see them (``ReportStamp``, read with the access check
/// in one cached statement on every view) —, the same ``Actor`` (user, roles, assignments: the
/// navigation and what they may edit), and the same verdict of the template (``CheckCache``'s
/// serial: at most its 15 s, a day, a revision). So a save by another session, a changed
/// status, a person given a protected identity or a revoked assignment show at once in this
/// process; made by another process on the same file, the actor (and so an assignment) within
/// the second the actor is kept (`AppDatabase.recentActor`). The view is audited as every view
/// (the caller reads through ``AppDatabase/reportForPage(id:as:reuse:)``).
///
/// Only the session's parts are not kept: the page is drawn with ``marker`` as its CSRF token
/// and kept cut where the marker was, and every answer puts the session's own token in those
/// places. A page with a one-time message (flash) is neither kept nor answered from here, nor
/// is a returned report's (it shows the officer's comment). At most ``capacity`` pages are kept;
/// the oldest half goes when it is reached.
final class StepPageCache: Sendable {
    /// More pages than this and the oldest half is dropped (a bound on memory: ~6 KB a page).
    static let capacity = 2000

    /// Which page.
    struct Key: Hashable, Sendable {
        var userId: Int64
        var reportId: Int64
        var step: Int
        var showAll: Bool
    }

    /// A page as drawn, and what it was drawn from.
    final class Page: Sendable {
        let stamp: ReportStamp
        let actor: Actor
        let checkSerial: UInt64
        let status: HTTPResponse.Status
        /// The page's bytes, cut where the CSRF token goes.
        let pieces: [[UInt8]]
        let storedAt: ContinuousClock.Instant

        init(
            stamp: ReportStamp, actor: Actor, checkSerial: UInt64, status: HTTPResponse.Status, pieces: [[UInt8]],
            storedAt: ContinuousClock.Instant
        ) {
            self.stamp = stamp
            self.actor = actor
            self.checkSerial = checkSerial
            self.status = status
            self.pieces = pieces
            self.storedAt = storedAt
        }

        /// Whether the page is the one that would be drawn now.
        func isCurrent(stamp: ReportStamp, actor: Actor, checkSerial: UInt64?) -> Bool {
            stamp == self.stamp && checkSerial == self.checkSerial && actor == self.actor
        }

        /// The page with `token` as its CSRF token (escaped as the page escapes it; a token of
        /// ``randomToken(bytes:)`` has nothing to escape).
        func response(token: String) -> Response {
            let plain = token.utf8.allSatisfy { $0 != UInt8(ascii: "&") && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">")
                && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") }
            let tokenBytes = Array((plain ? token : HTML.escape(token)).utf8)
            var buffer = ByteBuffer()
            buffer.reserveCapacity(pieces.reduce(0) { $0 + $1.count } + tokenBytes.count * (pieces.count - 1))
            for (index, piece) in pieces.enumerated() {
                if index > 0 { buffer.writeBytes(tokenBytes) }
                buffer.writeBytes(piece)
            }
            return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: buffer))
        }
    }

    /// The CSRF token pages are drawn with before they are kept: random for each process, never
    /// sent to anyone, so no text on a page can be taken for it.
    let marker = randomToken()
    private let pages = Mutex<[Key: Page]>([:])

    init() {}

    /// The page kept for `key`, current or not.
    func page(for key: Key) -> Page? { pages.withLock { $0[key] } }

    /// Keeps `html`, drawn with ``marker`` as its CSRF token, as the page for `key`; returns the
    /// response with `token` in its place.
    func keep(
        _ html: String, status: HTTPResponse.Status, for key: Key, stamp: ReportStamp, actor: Actor, checkSerial: UInt64,
        token: String
    ) -> Response {
        let pieces = Self.cut(Array(html.utf8), at: Array(marker.utf8))
        let page = Page(
            stamp: stamp, actor: actor, checkSerial: checkSerial, status: status, pieces: pieces, storedAt: .now)
        pages.withLock { pages in
            if pages.count >= Self.capacity {
                let oldest = pages.sorted { $0.value.storedAt < $1.value.storedAt }.prefix(Self.capacity / 2)
                for (key, _) in oldest { pages[key] = nil }
            }
            pages[key] = page
        }
        return page.response(token: token)
    }

    /// `bytes` cut at every occurrence of `separator` (which is left out).
    static func cut(_ bytes: [UInt8], at separator: [UInt8]) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var start = 0
        var index = 0
        let last = bytes.count - separator.count
        while index <= last {
            if bytes[index] == separator[0], bytes[index..<index + separator.count].elementsEqual(separator) {
                pieces.append(Array(bytes[start..<index]))
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(Array(bytes[start...]))
        return pieces
    }
}
