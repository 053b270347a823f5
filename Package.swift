// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Redovisa",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "redovisa", targets: ["redovisa"]),
        .library(name: "LuaHost", targets: ["LuaHost"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Lua 5.4 from Debian's liblua5.4-dev, found through pkg-config.
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        // The C side of the sandbox: allocator, count hook, trampolines, guarded base functions
        // and a budgeted pattern matcher. Everything that may longjmp lives here, never in Swift.
        .target(
            name: "CLuaSupport",
            dependencies: ["CLua"]
        ),
        // Swift over Lua: sandboxed states, limits, values, calling in and out. Knows nothing of reports.
        .target(
            name: "LuaHost",
            dependencies: [
                "CLua",
                "CLuaSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The domain: model, access rules, lifecycle, storage on SQLite (GRDB), Lua bindings.
        .target(
            name: "Redovisa",
            dependencies: [
                "LuaHost",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The template engine's Lua source, compiled into the binary (FormEngine.swift).
            resources: [.embedInCode("Templates/form.lua")]
        ),
        // HTTP: the HTML pages for people and the JSON API for systems. The only module that
        // imports Hummingbird; it maps domain errors to HTTP statuses.
        .target(
            name: "RedovisaServer",
            dependencies: [
                "Redovisa",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // E-mail (SMTP over SwiftNIO, STARTTLS) and SMS (an HTTP gateway) for the outbox; the
        // domain knows only its OutboxTransport protocol and the file sink.
        .target(
            name: "RedovisaDelivery",
            dependencies: [
                "Redovisa",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .executableTarget(
            name: "redovisa",
            dependencies: [
                "LuaHost",
                "Redovisa",
                "RedovisaServer",
                "RedovisaDelivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the two benchmark programs share: clocks, the machine, formatting, the table.
        .target(
            name: "BenchSupport",
            path: "Benchmarks/BenchSupport"
        ),
        .executableTarget(
            name: "redovisa-bench",
            dependencies: ["LuaHost", "BenchSupport"],
            path: "Benchmarks/redovisa-bench"
        ),
        .executableTarget(
            name: "redovisa-domain-bench",
            dependencies: ["Redovisa", "BenchSupport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/redovisa-domain-bench"
        ),
        .executableTarget(
            name: "redovisa-template-bench",
            dependencies: ["Redovisa", "BenchSupport"],
            path: "Benchmarks/redovisa-template-bench"
        ),
        .executableTarget(
            name: "redovisa-reminder-bench",
            dependencies: ["Redovisa", "BenchSupport"],
            path: "Benchmarks/redovisa-reminder-bench"
        ),
        .testTarget(
            name: "LuaHostTests",
            dependencies: ["LuaHost", .product(name: "Logging", package: "swift-log")],
            resources: [.copy("Hostile")]
        ),
        .testTarget(
            name: "RedovisaTests",
            dependencies: ["Redovisa", "LuaHost", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "RedovisaServerTests",
            dependencies: [
                // The live-server smoke test starts the built `redovisa` binary.
                "RedovisaServer", "Redovisa", "redovisa",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "RedovisaDeliveryTests",
            dependencies: [
                "RedovisaDelivery", "Redovisa",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "redovisaTests",
            dependencies: ["redovisa", "Redovisa", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
