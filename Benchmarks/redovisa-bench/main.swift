// redovisa-bench — how fast the Lua host is. `make bench` builds it in release mode and runs it.
// See docs/benchmarks.md for what each figure means.
import BenchSupport
import Foundation
@_spi(Benchmarking) import LuaHost

// MARK: Options

struct Options {
    var plan = Plan()
    var interpreter = "lua5.4"
    var keepScript = false
    /// Run one workload `count` times and nothing else (for valgrind --tool=callgrind).
    var profile: String?
    var count = 20_000
    var hook = true
    /// Print the standalone validation script with a fixed number of calls, untimed, and exit.
    var emitLua: Int?
    /// Measure only (a) and (b), in alternation, and the target between them.
    var onlyRatio = false

    static let usage = """
        usage: redovisa-bench [--reps N] [--seconds S] [--quick] [--ab] [--lua PATH] [--keep-lua]
               redovisa-bench --profile WORKLOAD [--count N] [--no-hook]

          --reps N       repetitions per figure; the median is shown (default 5)
          --seconds S    length of one repetition in seconds (default 0.25)
          --quick        3 repetitions of 0.1 s: a smoke test, not figures to quote
          --ab           only (a) and (b) and their ratio (a few seconds; for repeated runs)
          --lua PATH     the standalone interpreter for (b) (default lua5.4 on PATH)
          --keep-lua     keep the generated standalone script and print its path
          --profile W    run only workload W `count` times, untimed apart from a total:
                         validate (a), validate-encoded, trivial, encode, decode, spin (count = calls
                         of 1e6 iterations), create, run, pool
          --no-hook      with --profile: the count hook disarmed
          --emit-lua N   print the standalone script of (b) doing N calls, untimed (for profiling
                         lua5.4 itself), and exit
        """

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        func value(_ flag: String) -> String {
            guard let v = rest.popFirst() else { fail("\(flag) needs a value") }
            return v
        }
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("redovisa-bench: \(message)\n\(usage)\n".utf8))
            exit(2)
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--reps":
                guard let n = Int(value(argument)), n > 0 else { fail("--reps wants a positive integer") }
                options.plan.repetitions = n
            case "--seconds":
                guard let s = Double(value(argument)), s > 0 else { fail("--seconds wants a positive number") }
                options.plan.secondsPerRep = s
            case "--quick":
                options.plan.repetitions = 3
                options.plan.secondsPerRep = 0.1
                options.plan.calibrationSeconds = 0.05
            case "--ab": options.onlyRatio = true
            case "--lua": options.interpreter = value(argument)
            case "--keep-lua": options.keepScript = true
            case "--profile": options.profile = value(argument)
            case "--count":
                guard let n = Int(value(argument)), n > 0 else { fail("--count wants a positive integer") }
                options.count = n
            case "--no-hook": options.hook = false
            case "--emit-lua":
                guard let n = Int(value(argument)), n > 0 else { fail("--emit-lua wants a positive integer") }
                options.emitLua = n
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument '\(argument)'")
            }
        }
        return options
    }
}

// MARK: The workloads

/// A sandbox with one run that has the validator, the trivial function and the loop defined.
/// The run stays open while `body` runs; each call gets `limits` (default: the sandbox's) anew.
func withWorkloadRun<R>(
    _ sandbox: LuaSandbox, limits: LuaLimits? = nil,
    _ body: (LuaRun, LuaFunctionRef, LuaFunctionRef, LuaFunctionRef) throws -> R
) throws -> R {
    try sandbox.withRun(limits: limits) { run in
        _ = try run.execute(source: Workload.validationSource, chunkName: "validate.lua")
        let validate = try run.function("validate")
        let verdict = try run.call(validate, with: Workload.report, returning: Verdict.self)
        guard verdict == Workload.expectedVerdict else {
            throw LuaError(.runtime, "the validator gave \(verdict), expected \(Workload.expectedVerdict)")
        }
        return try body(run, validate, try run.function("trivial"), try run.function("spin"))
    }
}

let smallChunk = "return 1 + 1"

/// --profile: one workload, `count` times, then the total time. Nothing else runs, so a
/// callgrind profile shows this workload only (plus one sandbox creation).
func profile(_ name: String, options: Options) throws {
    let count = options.count
    let sandbox = try LuaSandbox()
    sandbox.countHookAlwaysArmed = options.hook
    let encoded = try LuaValueEncoder().encode(Workload.report)
    let clock = ContinuousClock()
    let start = clock.now
    switch name {
    case "create":
        for _ in 0..<count { consume(try LuaSandbox()) }
    case "run":
        for _ in 0..<count { consume(try sandbox.runSource(smallChunk, chunkName: "small")) }
    case "pool":
        let pool = LuaSandboxPool(sandbox.configuration)
        for _ in 0..<count {
            consume(try pool.withSandbox { try $0.runSource(smallChunk, chunkName: "small") })
        }
    case "encode":
        let encoder = LuaValueEncoder()
        for _ in 0..<count { consume(try encoder.encode(Workload.report)) }
    default:
        // A budget of instructions, and an hour rather than a second: under valgrind
        // a call runs some fifty times slower. The hook still reads the clock as it would.
        let limits = LuaLimits(instructions: LuaLimits.budgeted.instructions, timeout: 3600)
        try withWorkloadRun(sandbox, limits: limits) { run, validate, trivial, spin in
            switch name {
            case "validate":
                for _ in 0..<count { consume(try run.call(validate, with: Workload.report, returning: Verdict.self)) }
            case "validate-encoded":
                for _ in 0..<count { consume(try run.call(validate, [encoded])) }
            case "trivial":
                for _ in 0..<count { consume(try run.call(trivial, [encoded])) }
            case "decode":
                let result = try run.call(validate, [encoded])[0]
                let decoder = LuaValueDecoder()
                for _ in 0..<count { consume(try decoder.decode(Verdict.self, from: result)) }
            case "spin":
                for _ in 0..<count { consume(try run.call(spin, [.integer(Int64(Workload.spinIterations))])) }
            default:
                throw LuaError(.runtime, "unknown workload '\(name)'\n\(Options.usage)")
            }
        }
    }
    let elapsed = (clock.now - start).seconds
    print("\(name): \(count) in \(fixed(elapsed, 3)) s = \(durationText(elapsed / Double(count))) each, hook \(options.hook ? "armed" : "disarmed")")
}

// MARK: The figures

func runAll(_ options: Options) throws {
    let plan = options.plan
    let started = ContinuousClock.now
    var table = TextTable(header: ["figure", "median", "per op", "best", "spread"], rightAligned: [1, 2, 3, 4])
    var notes: [String] = []
    var ratio: Double?
    var cpuRatio: Double?
    var bestRatio: Double?
    func row(_ label: String, _ m: Measurement, scale: Double = 1, unit: String = "") {
        let median = m.median * scale
        let rate = unit.isEmpty ? rateText(median) : fixed(median, 1) + " " + unit
        let best = unit.isEmpty ? rateText(m.best * scale) : fixed(m.best * scale, 1)
        table.add([label, rate, durationText(m.secondsPerOp), best, "±" + fixed(m.spread * 50, 1) + " %"])
    }

    print("redovisa-bench: \(plan.repetitions) repetitions of \(plan.secondsPerRep) s per figure, median shown")
    print("machine: \(Machine.cpuModel), \(Machine.processors) processors, load average \(Machine.loadAverage)")
    #if DEBUG
    print("WARNING: this is a debug build; the figures mean nothing (make bench builds with -c release)")
    #endif
    print("")

    // (a) Swift → Lua validation calls, timed in alternation with (b), the same validation in the
    // standalone interpreter (one process per repetition), so that the machine's drift hits both.
    let sandbox = try LuaSandbox()
    let hostVersion = try sandbox.runSource("return _VERSION", chunkName: "version").first?.stringValue ?? "?"
    let encoder = LuaValueEncoder()
    let encoded = try encoder.encode(Workload.report)
    var standalone: Standalone?
    var standaloneProblem: String?
    do {
        standalone = try Standalone(interpreter: options.interpreter)
    } catch {
        standaloneProblem = "\(error)"
    }
    defer {
        if let standalone {
            if options.keepScript { print("standalone script kept at \(standalone.script.path)") } else { standalone.remove() }
        }
    }
    var b: Measurement?
    try withWorkloadRun(sandbox) { run, validate, trivial, _ in
        let typedCall: (Int) throws -> Void = { n in
            for _ in 0..<n { consume(try run.call(validate, with: Workload.report, returning: Verdict.self)) }
        }
        let nA = try calibrate(plan, typedCall)
        var a = Measurement(rates: [], cpuRates: [], operationsPerRep: nA)
        var bCount = 0
        if let interpreter = standalone {
            do {
                // Calibration run: also the first process, whose figures are not kept.
                bCount = try interpreter.measure(reps: 1, count: 0, secondsPerRep: plan.secondsPerRep).count
                b = Measurement(rates: [], cpuRates: [], operationsPerRep: bCount)
            } catch {
                standaloneProblem = "\(error)"
            }
        }
        for _ in 0..<plan.repetitions {
            let (wall, cpu) = try timeBatch(nA, typedCall)
            a.rates.append(Double(nA) / wall)
            a.cpuRates.append(Double(nA) / max(cpu, 1e-9))
            if let interpreter = standalone, b != nil {
                do {
                    let rate = try interpreter.measure(reps: 1, count: bCount, secondsPerRep: plan.secondsPerRep).rates[0]
                    b!.rates.append(rate)
                    b!.cpuRates.append(rate)  // os.clock is CPU time
                } catch {
                    standaloneProblem = "\(error)"
                    b = nil
                }
            }
        }

        table.section("(a) Swift -> Lua validation of a 12-field report (\(hostVersion) in the sandbox)")
        row("a   typed call: encode + call + decode", a)
        // a.1-a.4 break (a) down; --ab leaves them out.
        var callOnly: Measurement?
        var decode: Measurement?
        if !options.onlyRatio {
            let callRate = try measure(plan) { n in
                for _ in 0..<n { consume(try run.call(validate, [encoded])) }
            }
            row("a.1 call with a pre-encoded LuaValue", callRate)
            let trivialCall = try measure(plan) { n in
                for _ in 0..<n { consume(try run.call(trivial, [encoded])) }
            }
            row("a.2 same table to a trivial function", trivialCall)
            let encode = try measure(plan) { n in
                for _ in 0..<n { consume(try encoder.encode(Workload.report)) }
            }
            row("a.3 LuaValueEncoder().encode(report) only", encode)
            let result = try run.call(validate, [encoded])[0]
            let decoder = LuaValueDecoder()
            let decodeRate = try measure(plan) { n in
                for _ in 0..<n { consume(try decoder.decode(Verdict.self, from: result)) }
            }
            row("a.4 LuaValueDecoder().decode(Verdict) only", decodeRate)
            // The breakdown from the fastest repetitions, the least disturbed by other processes.
            let luaShare = 1 / callRate.best - 1 / trivialCall.best
            notes.append(
                "(a) per call, fastest repetitions: encode \(durationText(1 / encode.best)) (a.3), push + pcall + "
                    + "read back \(durationText(1 / trivialCall.best)) (a.2), the validator itself about "
                    + "\(durationText(luaShare)) (a.1 - a.2), decode \(durationText(1 / decodeRate.best)) (a.4).")
            callOnly = callRate
            decode = decodeRate
        }

        table.section("(b) the same validation in the standalone interpreter, in alternation with (a)")
        if let b, let interpreter = standalone {
            let name = interpreter.version.split(separator: " ").prefix(2).joined(separator: " ")
            row("b   \(name): validate(make_report())", b)
            // Each repetition of (a) ran right before one of (b): the median of their ratios.
            ratio = Measurement.median(zip(a.rates, b.rates).map { $0 / $1 })
            bestRatio = a.best / b.best
            cpuRatio = Measurement.median(zip(a.cpuRates, b.rates).map { $0 / $1 })
            table.add(["a / b  (target >= 0.50)", fixed(ratio!, 2) + "x", "", fixed(bestRatio!, 2) + "x", ""])
            if let callOnly, let decode {
                let withoutEncoder = 1 / (1 / callOnly.best + 1 / decode.best)
                notes.append(
                    "(a) without the encoder's cost (a.1 + a.4, fastest) would be \(rateText(withoutEncoder)) = "
                        + "\(fixed(withoutEncoder / b.best, 2))x (b) (fastest).")
            }
        } else {
            table.add(["b   skipped: \(standaloneProblem ?? "?")", "", "", "", ""])
        }
    }

    if options.onlyRatio {
        print(table.render())
        printRatioTarget(ratio, cpuRatio, bestRatio)
        print("took \(fixed((ContinuousClock.now - started).seconds, 1)) s, load average \(Machine.loadAverage) at the end")
        return
    }

    // (c) Sandboxes and runs.
    table.section("(c) sandboxes and runs (default configuration)")
    var created: [LuaSandbox] = []
    let create = try measure(plan, { n in
        created.reserveCapacity(n)
        for _ in 0..<n { created.append(try LuaSandbox()) }
    }, after: { created.removeAll() })
    row("c.1 LuaSandbox() (creation; freeing untimed)", create)
    let createFree = try measure(plan) { n in
        for _ in 0..<n { consume(try LuaSandbox()) }
    }
    row("c.2 LuaSandbox() created and freed", createFree)
    let reused = try LuaSandbox()
    let runReused = try measure(plan) { n in
        for _ in 0..<n {
            consume(try reused.withRun { run in try run.execute(source: smallChunk, chunkName: "small") })
        }
    }
    row("c.3 withRun + '\(smallChunk)' on a reused sandbox", runReused)
    let pool = LuaSandboxPool(LuaSandbox.Configuration())
    let pooled = try measure(plan) { n in
        for _ in 0..<n {
            consume(try pool.withSandbox { sandbox in
                try sandbox.withRun { run in try run.execute(source: smallChunk, chunkName: "small") }
            })
        }
    }
    row("c.4 the same run borrowed from a LuaSandboxPool", pooled)

    // (d) The count hook, and the deadline timer that replaces it in calls without a budget.
    table.section("(d) limits: count hook (budget) and deadline timer (time only) vs no limits, in alternation")
    let hooked = try LuaSandbox()
    var overheads: [(name: String, overhead: Double, best: Double, isTarget: Bool)] = []
    // The hook's share is a few per cent of calls whose speed drifts by as much while other
    // processes come and go: many short repetitions in alternation, and the overhead is the
    // median of the ratios of neighbouring repetitions (unlimited / limited).
    var pairPlan = plan
    pairPlan.repetitions = plan.repetitions * 4 + 1
    pairPlan.secondsPerRep = plan.secondsPerRep / 4
    func pairedOverhead(_ on: Measurement, _ off: Measurement) -> Double {
        Measurement.median(zip(off.rates, on.rates).map { $0 / $1 }) - 1
    }
    let budgeted = LuaLimits.budgeted
    let timeOnly = LuaLimits(instructions: 0, timeout: LuaLimits.default.timeout)
    let unlimited = LuaLimits(instructions: 0, timeout: 0)
    try withWorkloadRun(hooked) { run, validate, _, spin in
        let iterations = LuaValue.integer(Int64(Workload.spinIterations))
        let million = Double(Workload.spinIterations) / 1e6
        /// Measures `body` under `limits` against no limits at all and adds three rows.
        func compare(_ label: String, _ limits: LuaLimits, _ name: String, isTarget: Bool, scale: Double = 1,
                     unit: String = "", _ body: @escaping () throws -> Void) throws {
            let (on, off) = try measurePair(pairPlan, { n in
                run.limits = limits
                for _ in 0..<n { try body() }
            }, { n in
                run.limits = unlimited
                for _ in 0..<n { try body() }
            })
            row("\(label), \(name)", on, scale: scale, unit: unit)
            row("\(label), no limits", off, scale: scale, unit: unit)
            let overhead = pairedOverhead(on, off)
            let target = isTarget ? " (target <= 15 %)" : " (for information)"
            table.add(["\(label) overhead\(target)", percentText(overhead), "", percentText(off.best / on.best - 1), ""])
            overheads.append(("\(label.prefix(3)) \(name)", overhead, off.best / on.best - 1, isTarget))
        }
        try compare("d.1 tight loop", budgeted, "budget: count hook", isTarget: false, scale: million, unit: "M iter/s") {
            consume(try run.call(spin, [iterations]))
        }
        try compare("d.2 validation (a)", budgeted, "budget: count hook", isTarget: false) {
            consume(try run.call(validate, with: Workload.report, returning: Verdict.self))
        }
        try compare("d.3 validation pre-encoded (a.1)", budgeted, "budget: count hook", isTarget: false) {
            consume(try run.call(validate, [encoded]))
        }
        try compare("d.4 tight loop", timeOnly, "time only: deadline timer", isTarget: true, scale: million, unit: "M iter/s") {
            consume(try run.call(spin, [iterations]))
        }
        try compare("d.5 validation (a)", timeOnly, "time only: deadline timer", isTarget: true) {
            consume(try run.call(validate, with: Workload.report, returning: Verdict.self))
        }
        run.limits = budgeted
    }

    print(table.render())
    print("")

    // Targets.
    print("targets:")
    printRatioTarget(ratio, cpuRatio, bestRatio)
    for (name, overhead, best, isTarget) in overheads {
        let verdict = isTarget ? (overhead <= 0.15 ? "met" : "MISSED") : "for information, not a target"
        print("  (d) hook overhead <= 15 %, \(name): \(percentText(overhead)) — \(verdict) (best against best: \(percentText(best)))")
    }
    print("")
    for note in notes { print(note) }
    print("""
        best: the fastest repetition (for the overheads: best against best).
        a / b: median of the ratios of each repetition of (a) and the run of (b) right after it.
        overheads (d): median of the ratios unlimited/limited of neighbouring repetitions, \(pairPlan.repetitions) pairs.
        spread: half the range (max - min) of the repetitions around the median.
        noise: \(Machine.processors) processors, load average \(Machine.loadAverage) at the end; other processes
          (builds, tests) and CPU frequency changes move these figures by several per cent between
          runs, more on a shared virtual machine. (a), (c), (d) are wall-clock (ContinuousClock);
          (b) is os.clock, CPU time, so (a)/(b) is also given on CPU time for both. Compare figures
          of one run with each other rather than across runs.
        took \(fixed((ContinuousClock.now - started).seconds, 1)) s
        """)
}

/// The line of the (a)/(b) target.
func printRatioTarget(_ ratio: Double?, _ cpuRatio: Double?, _ bestRatio: Double?) {
    if let ratio {
        print("  (a) >= 0.50 x (b): \(fixed(ratio, 2))x — \(ratio >= 0.5 ? "met" : "MISSED")"
            + (cpuRatio.map { " (on CPU time for both: \(fixed($0, 2))x" } ?? "")
            + (bestRatio.map { ", best against best: \(fixed($0, 2))x)" } ?? ""))
    } else {
        print("  (a) >= 0.50 x (b): not measured (no standalone interpreter)")
    }
}

// MARK: Main

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
do {
    if let count = options.emitLua {
        print(try Workload.standaloneProfileSource(count: count))
    } else if let workload = options.profile {
        try profile(workload, options: options)
    } else {
        try runAll(options)
    }
} catch {
    FileHandle.standardError.write(Data("redovisa-bench: \(error)\n".utf8))
    exit(1)
}
