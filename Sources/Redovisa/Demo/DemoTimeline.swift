import Foundation

/// What the steps of the demo's story made, for later steps to refer to: enrolments and reports
/// by the key they were planned under.
struct DemoState {
    var enrolmentIds: [Int: Int64] = [:]
    var reports: [Int: Report] = [:]

    /// The id of the enrolment planned under `key`.
    /// - Throws: when a step was planned before the registration of its enrolment (a bug in the seed).
    func enrolmentId(_ key: Int) throws(RedovisaError) -> Int64 {
        guard let id = enrolmentIds[key] else {
            throw RedovisaError(.invalidInput, "demo: a step comes before the registration of its enrolment (key \(key))")
        }
        return id
    }
}

/// The steps of the demo's story, taken in time order whatever order they were planned in, each
/// at its own moment on the demo clock, so that ids, case numbers, status history and audit lines
/// follow the calendar. All chance is spent while planning, none while running, so the order of
/// planning fixes the data.
struct DemoTimeline {
    typealias Action = (inout DemoState) throws(RedovisaError) -> Void

    private var steps: [(at: Date, order: Int, action: Action)] = []
    /// Nothing happens after this moment (the demo's "today").
    let end: Date

    init(end: Date) {
        self.end = end
    }

    /// Plans `action` at `at`; a step after ``end`` is not taken. Returns whether it was planned.
    @discardableResult
    mutating func add(at: Date, _ action: @escaping Action) -> Bool {
        guard at <= end else { return false }
        steps.append((at, steps.count, action))
        return true
    }

    /// Takes every step in time order (planning order among steps at the same moment).
    func run(clock: DemoClock) throws(RedovisaError) -> DemoState {
        var state = DemoState()
        for step in steps.sorted(by: { ($0.at, $0.order) < ($1.at, $1.order) }) {
            clock.set(step.at)
            try step.action(&state)
        }
        return state
    }
}

/// Steps of one thing that happen one after another (a report's life): once one step falls after
/// the end, it and every later one are left out, as if the story stopped there.
struct DemoChain {
    private(set) var stopped = false
    private var last: Date = .distantPast

    /// Plans `action` at `at` (moved just after the previous step if it is earlier); false once
    /// the chain has stopped.
    @discardableResult
    mutating func step(
        _ timeline: inout DemoTimeline, at: Date, _ action: @escaping DemoTimeline.Action
    ) -> Bool {
        guard !stopped else { return false }
        let when = max(at, last.addingTimeInterval(60))
        guard timeline.add(at: when, action) else {
            stopped = true
            return false
        }
        last = when
        return true
    }
}
