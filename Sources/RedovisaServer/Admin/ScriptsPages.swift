import Foundation
import LuaHost
import Redovisa

/// The markup of the templates-and-scripts pages.
enum ScriptsPages {
    /// The list of templates and scripts, with the form that runs lint and tests.
    static func inventory(_ inventory: ScriptInventory, context: AppRequestContext) -> HTML {
        let templateRows = inventory.templates.map { t -> HTML in
            let published: HTML = t.published.map { "\($0.version) (\(Formatting.dateTime($0.publishedAt)))" } ?? "–"
            let action: HTML = t.state.publishable ? "<a href=\"/admin/mallar/\(t.name)/publicera\">Granska och publicera</a>" : .empty
            return """
                <tr><td><code>\(t.file)</code>\(t.title.map { "<br><span class=\"muted\">\($0)</span>" as HTML } ?? .empty)</td>
                <td>\(t.version.map(String.init) ?? "–")</td><td>\(published)</td>
                <td><code title="\(t.sha256)">\(String(t.sha256.prefix(12)))</code></td><td>\(t.state.text)</td>
                <td>\(t.hasTest ? "ja" : "saknas")</td><td>\(action)</td></tr>
                """
        }
        let onlyPublished: HTML = inventory.onlyPublished.isEmpty ? .empty : """
            <h2>Publicerade mallar utan fil</h2>
            <ul>\(inventory.onlyPublished.map { "<li><code>\($0.templateId)</code> version \($0.version) – \($0.title)</li>" as HTML })</ul>
            """
        let scriptRows = inventory.scripts.map { s -> HTML in
            """
            <tr><td><code>\(s.file)</code></td><td>\(s.bytes)</td><td><code title="\(s.sha256)">\(String(s.sha256.prefix(12)))</code></td>
            <td>\(s.test.map { "<code>\($0)</code>" as HTML } ?? "saknas")</td></tr>
            """
        }
        let options: [HTML] = [option("alla", "Allt: lint, malltester och skripttester")]
            + inventory.templates.map { option("mall:\($0.name)", "Mallen \($0.name): lint och test") }
            + inventory.scripts.compactMap { $0.test }.map { option("skript:\($0)", "Skripttestet \($0)") }
        return """
            <h1>Mallar och skript</h1>
            <p class="muted">Filerna i mapparna templates/ och scripts/ med sin SHA-256, bredvid den senast publicerade versionen av varje mall.</p>
            <h2>Kör lint och tester</h2>
            <form method="post" action="/admin/mallar-och-skript/kontroll" class="filters">\(Layout.csrfField(context))
            <div><label for="omfang">Vad</label><select id="omfang" name="omfang">\(options)</select></div>
            <div><label for="datum">Som om idag vore (ÅÅÅÅ-MM-DD, tomt: idag)</label><input id="datum" name="datum" type="date"></div>
            <div><button type="submit">Kör</button></div></form>
            <table><caption>Mallar (\(inventory.templates.count))</caption>
            <thead><tr><th scope="col">Fil</th><th scope="col">Version i filen</th><th scope="col">Publicerad version</th>
            <th scope="col">SHA-256</th><th scope="col">Läge</th><th scope="col">Test</th><th scope="col">Åtgärd</th></tr></thead>
            <tbody>\(templateRows)</tbody></table>
            \(onlyPublished)
            <table><caption>Skript (\(inventory.scripts.count))</caption>
            <thead><tr><th scope="col">Fil</th><th scope="col">Byte</th><th scope="col">SHA-256</th><th scope="col">Test</th></tr></thead>
            <tbody>\(scriptRows)</tbody></table>
            """
    }

    /// The results of lint and tests: a summary, then one row per file and per finding.
    static func checks(_ results: [ScriptChecks.Result], asOf clock: LuaClock) -> HTML {
        let passed = results.filter(\.passed).count
        let rows = results.flatMap { result -> [HTML] in
            guard !result.passed else {
                return ["<tr><td>\(result.kind.rawValue)</td><td><code>\(result.file)</code></td><td>–</td><td>–</td><td>ok</td></tr>"]
            }
            return result.findings.map { finding -> HTML in
                """
                <tr class="failed"><td>\(result.kind.rawValue)</td><td><code>\(finding.file)</code></td>
                <td>\(finding.line.map(String.init) ?? "–")</td><td>\(finding.testCase ?? "–")</td><td>\(finding.message)</td></tr>
                """
            }
        }
        let verdict: HTML = passed == results.count
            ? "<p class=\"notice\" role=\"status\">Alla \(results.count) godkända.</p>"
            : "<p class=\"notice\" role=\"alert\">\(results.count - passed) av \(results.count) filer har fel.</p>"
        return """
            <h1>Lint och tester</h1>
            <p class="muted">Körda som om idag vore \(String(clock.nowText.prefix(10))).</p>
            \(verdict)
            <table><caption>Resultat per fil och fall</caption>
            <thead><tr><th scope="col">Typ</th><th scope="col">Fil</th><th scope="col">Rad</th><th scope="col">Fall</th><th scope="col">Resultat</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <p><a href="/admin/mallar-och-skript">Tillbaka till mallar och skript</a></p>
            """
    }

    /// What publishing template `name` would do, and the button when nothing stops it.
    static func plan(name: String, review: ScriptsController.Review, context: AppRequestContext) -> HTML {
        var parts: [HTML] = ["<h1>Publicera \(name)</h1>"]
        if let refusal = review.refusal { parts.append("<p class=\"notice\" role=\"alert\">\(refusal)</p>") }
        if !review.lint.isEmpty {
            let items = review.lint.map { "<li><code>\($0.file)\($0.line.map { ":\($0)" } ?? "")</code>: \($0.message)</li>" as HTML }
            parts.append("<h2>Lint: \(review.lint.count) fel att rätta först</h2><ul>\(items)</ul>")
        } else {
            parts.append("<p>Lint: inga fel.</p>")
        }
        if let test = review.test, !test.passed {
            let items = test.findings.map { f -> HTML in
                "<li><code>\(f.file)\(f.line.map { ":\($0)" } ?? "")</code>\(f.testCase.map { " – \($0)" } ?? ""): \(f.message)</li>"
            }
            parts.append("<h2>Testet misslyckades: rätta först</h2><ul>\(items)</ul>")
        } else {
            parts.append(review.test == nil ? "<p>Mallen har inget test (templates/\(name)_test.lua).</p>" : "<p>Testet: godkänt.</p>")
        }
        if let plan = review.plan {
            let failing = plan.failing.flatMap { f -> [HTML] in
                f.problems.map { p -> HTML in
                    "<tr><td><a href=\"/rapporter/\(f.reportId)\">\(f.reportId)</a></td><td>\(f.fromVersion)</td><td>\(p.field.isEmpty ? "–" : p.field)</td><td>\(p.message)</td></tr>"
                }
            }
            parts.append("""
                <h2>Version \(plan.description.version): \(plan.description.title)</h2>
                <p>Öppna utkast på äldre versioner: \(plan.openReports.count). \(plan.description.hasMigrate ? "Mallen har migrate: utkasten flyttas till den nya versionen." : "Mallen har ingen migrate: utkasten ligger kvar på sin version.")</p>
                """)
            parts.append(failing.isEmpty ? "<p>Inget öppet utkast skulle få fel med den nya versionen.</p>" : """
                <table><caption>Utkast som skulle få fel med den nya versionen (torrkörning)</caption>
                <thead><tr><th scope="col">Rapport</th><th scope="col">Från version</th><th scope="col">Fält</th><th scope="col">Fel</th></tr></thead>
                <tbody>\(failing)</tbody></table>
                """)
        }
        if review.mayPublish, let plan = review.plan, let sha = review.sha256 {
            parts.append("""
                <form method="post" action="/admin/mallar/\(name)/publicera">\(Layout.csrfField(context))
                <input type="hidden" name="sha256" value="\(sha)">
                <button type="submit">Publicera version \(plan.description.version)</button></form>
                """)
        }
        parts.append("<p><a href=\"/admin/mallar-och-skript\">Tillbaka till mallar och skript</a></p>")
        return parts.joined()
    }

    private static func option(_ value: String, _ label: String) -> HTML {
        "<option value=\"\(value)\">\(label)</option>"
    }
}
