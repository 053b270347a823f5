import LuaHost

extension DomainModules {
    /// `people`: the register of people, as the run's user may see them. A person with a
    /// protected identity is masked (no name, personnummer, address or contact details) unless
    /// the user has the permission to see protected identities.
    ///
    /// - `people.get(id)` → Person
    /// - `people.find{personnummer = "19900517-2345"}` → Person
    /// - `people.list{limit = 100, offset = 0}` → { Person, … }
    ///
    /// Each call is audited (`read`, or `list` with the ids shown); a refusal too (`denied`).
    public static var people: LuaModule {
        var module = LuaModule("people")
        module.function("get") { call in
            let id = try call.integer(1)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.person(id: id, as: domain.actor)
            }
        }
        module.function("find") { call in
            let options = try LuaOptions(call, allowed: ["personnummer"])
            let text = try options.required(try options.string("personnummer"), "personnummer")
            let domain = try domain(call)
            let today = LocalDate(call.context.clock.today) ?? .today()
            return try perform(domain) { domain throws(RedovisaError) in
                try domain.database.person(personnummer: try parse(personnummer: text, today: today), as: domain.actor)
            }
        }
        module.function("list") { call in
            let options = try LuaOptions(call, allowed: ["limit", "offset"])
            let limit = try options.count("limit", in: 1...10_000, default: 1000)
            let offset = try options.count("offset", in: 0...Int(Int32.max), default: 0)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.people(as: domain.actor, limit: limit, offset: offset)
            }
        }
        addJobSuggestions(to: &module)
        return module
    }

    /// The personnummer in `text`, or the domain's error for a malformed one
    /// (`personnummer: fel kontrollsiffra`), which never repeats the number.
    private static func parse(personnummer text: String, today: LocalDate) throws(RedovisaError) -> Personnummer {
        do {
            return try Personnummer(text, today: today)
        } catch let problem {
            throw RedovisaError(.invalidInput, problem.rawValue, field: "personnummer")
        }
    }
}

extension DomainModules {
    /// `people.job_suggestions(person)` → { {titel, arbetsgivare, sista_ansokningsdag, skickad}, … },
    /// newest first: the job suggestions the person has been sent (what `ctx.job_suggestions`
    /// holds in a template).
    static func addJobSuggestions(to module: inout LuaModule) {
        module.function("job_suggestions") { call in
            let person = try call.integer(1)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.jobSuggestions(person: person, as: domain.actor).map(JobSuggestionView.init)
            }
        }
    }
}

/// A job suggestion as templates read it, in Swedish like the template's other names.
struct JobSuggestionView: Encodable {
    var titel: String
    var arbetsgivare: String
    var sista_ansokningsdag: String?
    var skickad: String

    init(_ suggestion: JobSuggestion) {
        titel = suggestion.title
        arbetsgivare = suggestion.employer
        sista_ansokningsdag = suggestion.lastApplicationDay?.description
        skickad = LocalDate.today(at: suggestion.sentAt).description
    }
}
