import Foundation
import GRDB
import GRDBSQLite  // SQLite's C API, as GRDB itself links it
import Synchronization

/// Read-only SQLite connections of the storage layer's own to the database file, for the one
/// statement that runs on every view of a form page (``ReportStamp``): taking a reader from
/// GRDB's pool costs more than that statement — a `PRAGMA schema_version` prepared anew, the
/// pool's semaphore and a hop onto the reader's dispatch queue, about a tenth of a form page.
/// Here a connection is taken from a list under a lock and its statements are kept prepared.
///
/// Only for a database file (GRDB's pool, WAL mode): a database in memory has none
/// (``AppDatabase/rawReaders`` is nil), and its callers read through GRDB. Every connection
/// is read-only (`SQLITE_OPEN_READONLY`, `PRAGMA query_only`); a statement prepared before a
/// migration is prepared again by SQLite itself.
final class RawReaders: Sendable {
    /// One connection and its prepared statements, used by one caller at a time.
    ///
    /// `@unchecked Sendable`: it is only touched by the caller that took it from the list,
    /// until it gives it back (``withConnection(_:)``).
    final class Connection: @unchecked Sendable {
        let handle: OpaquePointer
        private var statements: [String: OpaquePointer] = [:]

        init(handle: OpaquePointer) {
            self.handle = handle
        }

        deinit {
            for statement in statements.values { sqlite3_finalize(statement) }
            sqlite3_close_v2(handle)
        }

        /// The statement for `sql`, prepared once on this connection and reset for a new use.
        /// - Throws: the database error when it does not prepare.
        func statement(_ sql: String) throws -> OpaquePointer {
            if let kept = statements[sql] {
                sqlite3_reset(kept)
                sqlite3_clear_bindings(kept)
                return kept
            }
            var prepared: OpaquePointer?
            let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
            guard code == SQLITE_OK, let prepared else {
                sqlite3_finalize(prepared)
                throw error(code)
            }
            if statements.count >= 64 {
                for statement in statements.values { sqlite3_finalize(statement) }
                statements.removeAll()
            }
            statements[sql] = prepared
            return prepared
        }

        /// The connection's last error as GRDB's error.
        func error(_ code: Int32) -> DatabaseError {
            DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(handle)))
        }
    }

    private let path: String
    private let idle = Mutex<[Connection]>([])

    /// Readers of the database file at `path` (opened when first needed).
    init(path: String) {
        self.path = path
    }

    /// Runs `body` with a connection no one else is using: an idle one, or a new one.
    /// - Throws: the database error of opening it, or what `body` throws.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? open()
        defer { idle.withLock { $0.append(connection) } }
        return try body(connection)
    }

    private func open() throws -> Connection {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        sqlite3_busy_timeout(handle, 10_000)
        sqlite3_exec(handle, "PRAGMA query_only = 1", nil, nil, nil)
        return Connection(handle: handle)
    }
}

extension RawReaders.Connection {
    /// Binds `values` to parameters 1… of `statement`.
    func bind(_ values: [DatabaseValue], to statement: OpaquePointer) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value.storage {
            case .null: sqlite3_bind_null(statement, index)
            case .int64(let integer): sqlite3_bind_int64(statement, index, integer)
            case .double(let double): sqlite3_bind_double(statement, index, double)
            case .string(let text): sqlite3_bind_text(statement, index, text, -1, SQLITE_TRANSIENT)
            case .blob(let data):
                _ = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), SQLITE_TRANSIENT)
                }
            }
        }
    }
}

extension RawReaders {
    /// The text of column `column` of the row `statement` is on (of any connection); nil for NULL.
    static func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: bytes)
    }
}

/// SQLite's "copy the bytes now" destructor for bound texts and blobs.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
