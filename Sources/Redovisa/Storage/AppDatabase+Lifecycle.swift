import GRDB

/// Changes in the life of an enrolment and its plans, each audited.
extension AppDatabase {
    /// Ends an enrolment on `date` for `reason`. The date may not be before the start.
    /// - Throws: ``RedovisaError/Code/invalidInput`` naming the field, or access errors.
    public func end(enrolment id: Int64, on date: LocalDate, reason: EndReason, as actor: Actor) throws(RedovisaError) -> Enrolment {
        var enrolment = try self.enrolment(id: id, as: actor)
        guard date >= enrolment.start else {
            throw RedovisaError(.invalidInput, "slutdatumet ligger före insatsens start (\(enrolment.start))", field: "actualEnd")
        }
        enrolment.actualEnd = date
        enrolment.endReason = reason
        return try write { db in
            try enrolment.update(db)
            try audit(db, actor, "update", "enrolment", [id], detail: "avslutad \(reason.rawValue)")
            return enrolment
        }
    }

    /// Extends an enrolment by decision to `newPlannedEnd` (later than the current planned end).
    public func extend(enrolment id: Int64, decidedOn: LocalDate, to newPlannedEnd: LocalDate, as actor: Actor) throws(RedovisaError) -> Enrolment {
        var enrolment = try self.enrolment(id: id, as: actor)
        if let current = enrolment.effectivePlannedEnd, newPlannedEnd <= current {
            throw RedovisaError(.invalidInput, "förlängningen måste sluta efter nuvarande planerat slut (\(current))", field: "newPlannedEnd")
        }
        enrolment.extensions.append(Extension(decidedOn: decidedOn, newPlannedEnd: newPlannedEnd))
        return try write { db in
            try enrolment.update(db)
            try audit(db, actor, "update", "enrolment", [id], detail: "förlängd")
            return enrolment
        }
    }

    /// Marks a plan version as submitted (by the provider) on `date`.
    public func submit(plan id: Int64, on date: LocalDate, as actor: Actor) throws(RedovisaError) -> Plan {
        try changePlan(id, as: actor, action: "submit") { (plan: inout Plan) throws(RedovisaError) in
            guard plan.submittedAt == nil else { throw RedovisaError(.invalidTransition, "planen är redan inskickad") }
            plan.submittedAt = date
        }
    }

    /// Marks a submitted plan version as approved (by the officer) on `date`.
    public func approve(plan id: Int64, on date: LocalDate, as actor: Actor) throws(RedovisaError) -> Plan {
        guard actor.seesEveryone || actor.has(.officer) else {
            throw RedovisaError(.accessDenied, "Endast handläggare kan godkänna planer.")
        }
        return try changePlan(id, as: actor, action: "approve") { (plan: inout Plan) throws(RedovisaError) in
            guard plan.submittedAt != nil else { throw RedovisaError(.invalidTransition, "planen är inte inskickad") }
            guard plan.approvedAt == nil else { throw RedovisaError(.invalidTransition, "planen är redan godkänd") }
            plan.approvedAt = date
        }
    }

    private func changePlan(
        _ id: Int64, as actor: Actor, action: String, _ change: (inout Plan) throws(RedovisaError) -> Void
    ) throws(RedovisaError) -> Plan {
        guard var plan = try read({ db in try Plan.fetchOne(db, key: id) }) else {
            throw RedovisaError(.notFound, "planen finns inte")
        }
        _ = try enrolment(id: plan.enrolmentId, as: actor)
        try change(&plan)
        return try write { db in
            try plan.update(db)
            try audit(db, actor, action, "plan", [id])
            return plan
        }
    }
}
